"""The briefing reader app: opens the library, runs the first-run loader, applies keymap and theme.

It reads only what the store holds. The first-run loader (which needs the analysis layer) is
passed in by the CLI, so this package never imports spaCy or the ingest service.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.worker import get_current_worker
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Input

from briefing.config import Settings, resource_dir, save_setting
from briefing.store import Library, LibraryError
from briefing.store.removal import ever_removed
from briefing.tui.commands import ReaderCommands, article_palette, finder_palette
from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.help import HelpScreen, describe_bindings
from briefing.tui.screens.loading import LoadingScreen
from briefing.tui.screens.reader import ReaderScreen

ProgressCallback = Callable[[int, "int | None", str], None]
"""Called by a loader after each article: (done, total or None, label)."""

FIRST_RUN_KEY = "first_run"
"""meta key: "started" while the sample briefing loads, "done" once it has loaded."""

FirstRun = Callable[[ProgressCallback], Any]
"""Loads the bundled sample articles into the library (in a thread); returns a report or None."""


def known_binding_ids() -> set[str]:
    """Every binding id of briefing's screens and widgets (what a [keys] entry may name)."""
    from textual.dom import DOMNode

    ids: set[str] = set()
    classes = [DOMNode]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if cls.__module__.startswith("briefing."):
            ids.update(b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id)
    return ids


class BriefingApp(App[None], inherit_bindings=False):
    """A keyboard-first reader for a briefing library."""

    CSS_PATH = str(resource_dir("styles") / "briefing.tcss")
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "Commands", id="command-palette", priority=True, show=False,
                tooltip="Every action, open article…, go to person/place…"),
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="help-quit"),
    ]

    def __init__(self, library_path: str | Path, *, first_run: FirstRun | None = None,
                 settings: Settings | None = None, cursor_blink: bool = True,
                 save_theme: bool = True) -> None:
        _freeze_startup_heap()
        super().__init__()
        self.library_path = Path(library_path)
        self.first_run = first_run
        self.settings = settings or Settings()
        self.cursor_blink = cursor_blink
        self.save_theme = save_theme
        self.library = Library(self.library_path)
        self.first_run_report: Any = None
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    # ------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
            unknown = sorted(set(self.settings.keys) - known_binding_ids())
            if unknown:
                self.notify(f"config.toml [keys]: no key has the id {', '.join(map(repr, unknown))}; "
                            "? lists the ids", severity="warning", timeout=8, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if not self.cursor_blink:
            Input.cursor_blink = False  # stable snapshots
        self.reader = ReaderScreen()
        self.push_screen(self.reader)
        if self.first_run is not None and self._first_run_pending():
            try:
                self.library.set_meta(FIRST_RUN_KEY, "started")
            except LibraryError as exc:
                self.notify(str(exc), severity="warning")
            self.push_screen(LoadingScreen("First run: loading the sample briefing"))
            self.load_first_run()

    def _first_run_pending(self) -> bool:
        """An empty library, or one whose first run was cut short (quit mid-load): load the samples.

        The marker reads "done" only once the loader finished, so a quit during the load resumes at
        the next start (ingest skips the samples already stored). A library filled by other means
        before any first run has no marker and articles: it is left alone. A library emptied with
        `briefing remove` is not new either: the samples are not loaded back into it.
        """
        state = self.library.get_meta(FIRST_RUN_KEY)
        if state == "done" or ever_removed(self.library):
            return False
        return state == "started" or self.library.count_articles() == 0

    @work(thread=True, exclusive=True, group="first-run")
    def load_first_run(self) -> None:
        """Run the injected loader in a thread, reporting progress to the loading screen.

        Quitting cancels the worker: the loader stops at its next progress report and the first
        run stays unfinished, so the next start loads the rest.
        """
        assert self.first_run is not None
        worker = get_current_worker()

        def progress(done: int, total: int | None, label: str) -> None:
            if worker.is_cancelled:
                raise _FirstRunCancelled
            self.call_from_thread(self._progress, done, total, label)

        try:
            self.first_run_report = self.first_run(progress)
        except _FirstRunCancelled:
            return
        except Exception as exc:  # noqa: BLE001 - shown to the person, the reader stays usable
            if not worker.is_cancelled:
                self.call_from_thread(self._first_run_done, f"could not load the sample briefing: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._first_run_done, None)

    def _progress(self, done: int, total: int | None, label: str) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.step(done, total, label)

    def _first_run_done(self, error: str | None) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()
        if error:
            self.notify(error, severity="error", timeout=10)
        else:
            self.library.set_meta(FIRST_RUN_KEY, "done")
        self.reader.reload_library()

    def on_unmount(self) -> None:
        self.library.close()

    # ------------------------------------------------------------ themes
    def _remember_theme(self, theme: Theme) -> None:
        if self.save_theme and theme.name != self.settings.theme:
            try:
                save_setting("theme", theme.name, self.settings.path)
                self.settings.theme = theme.name
            except OSError as exc:
                self.notify(f"could not save the theme: {exc}", severity="warning")

    # ------------------------------------------------------------ navigation used by screens and the palette
    def show_in_reader(self, then: Callable[[ReaderScreen], None]) -> None:
        """Close the screens above the reader, then act on it (open an article, jump to a mention)."""
        while self.screen is not self.reader and len(self.screen_stack) > 1:
            self.pop_screen()
        then(self.reader)
        self.reader.set_focus(self.reader.article)

    def open_in_reader(self, article_id: int, focus: int | None = None) -> None:
        self.show_in_reader(lambda reader: reader.open_article(article_id, focus=focus))

    def open_dossier(self, entity_id: int) -> None:
        self.push_screen(DossierScreen(entity_id))

    def action_find_article(self) -> None:
        self.push_screen(article_palette())

    def action_find_entity(self, kind: str) -> None:
        self.push_screen(finder_palette(kind))

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        self.push_screen(HelpScreen(describe_bindings(screen, self), title=f"Keys · {_screen_name(screen)}"))

    def get_system_commands(self, screen: Screen) -> Any:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "Show every key that works here", self.action_help)


class _FirstRunCancelled(Exception):
    """The app is closing: the first-run loader stops between two articles."""


_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Exempt what imports built (modules, classes, ~100,000 objects) from the garbage collector's full passes.

    A full collection walks every tracked object; three of them (up to 100 ms each) landed in the
    reader's first paint. Objects made at import time live as long as the process, so they are
    frozen once, the first time a reader starts; everything made later is collected as usual.
    """
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.freeze()


def _screen_name(screen: Screen) -> str:
    return {"ReaderScreen": "reader", "DossierScreen": "dossier"}.get(type(screen).__name__, type(screen).__name__)
