"""First run: a progress display while the bundled sample briefing is read and analysed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static


class LoadingScreen(Screen):
    """Shown while the first-run loader works in a thread; the app swaps it for the reader when done."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen > Vertical { width: 64; max-width: 100%; height: auto; border: round $primary; padding: 1 2; }
    LoadingScreen #loading-label { margin-bottom: 1; }
    LoadingScreen #loading-step { color: $text-muted; height: 1; }
    """

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.what, style="bold"), id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
            yield Static(Text("starting the language model…"), id="loading-step")
        yield Footer()

    def step(self, done: int, total: int | None, label: str) -> None:
        """One article done (called on the app's thread)."""
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#loading-step", Static).update(Text(label, no_wrap=True, overflow="ellipsis"))
