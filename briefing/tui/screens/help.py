"""`?`: every key that works where you are, read from the live bindings (so it follows the keymap)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


@dataclass(frozen=True)
class KeyHelp:
    keys: str
    description: str
    where: str
    binding_id: str | None


def describe_bindings(screen, app) -> list[KeyHelp]:
    """The active bindings of `screen` (focused widget, screen, app), one row per binding with all its keys."""
    grouped: dict[tuple[int, str], tuple[list[str], Binding, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not (binding.description or binding.tooltip):
            continue
        where = _where(active.node, screen)
        marker = (id(active.node), binding.id or binding.action)
        keys, _, _ = grouped.setdefault(marker, ([], binding, where))
        shown = app.get_key_display(Binding(key, binding.action))
        if shown not in keys:
            keys.append(shown)
    rows = [KeyHelp(", ".join(keys), binding.description or binding.tooltip, where, binding.id)
            for keys, binding, where in grouped.values()]
    order = {"here": 0, "screen": 1, "app": 2}
    return sorted(rows, key=lambda r: order.get(r.where, 1))


def _where(node, screen) -> str:
    if node is screen:
        return "screen"
    if node is screen.app:
        return "app"
    return "here"


class HelpScreen(ModalScreen[None], inherit_bindings=False):
    """A table of keys and what they do, generated from the bindings."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help-close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, rows: list[KeyHelp], title: str = "Keys") -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.title_text
            scroll.border_subtitle = "escape to close · rebind in config.toml [keys]"
            yield Static(self._table(), id="help-table")

    def _table(self) -> Text:
        width = max((len(r.keys) for r in self.rows), default=4) + 2
        text = Text(end="")
        for row in self.rows:
            text.append(row.keys.ljust(width), style="bold")
            text.append(row.description)
            if row.binding_id:
                text.append(f"  [{row.binding_id}]", style="dim")
            text.append("\n")
        return text

    def action_dismiss(self) -> None:
        self.dismiss(None)
