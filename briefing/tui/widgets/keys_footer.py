"""The footer of keys, rebuilt only when the keys it shows change, showing only whole keys.

Textual's Footer recomposes (removes and mounts a widget per key, restyling each) on every
focus change, and several times while a screen starts: four rebuilds before the reader's first
paint settled. The keys shown rarely differ between those moments, so this footer compares
what it would show with what it shows and rebuilds only on a difference, at most once a frame.

In a narrow terminal Textual's Footer cuts the row wherever the width ends ("tab" without what
it does, "Sentence" without its arrow). This one goes compact below COMPACT_BELOW columns and
leaves out the keys that would not fit whole; `?` lists every key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

COMPACT_BELOW = 120
Shown = tuple[tuple[object, ...], ...]


class KeysFooter(Footer):
    """A Footer that skips rebuilds which would draw the same keys, and never shows half a key."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Shown | None = None
        self._pending = False

    def _keys_shown(self) -> Shown:
        """What compose would draw: every shown binding's key, label, state and tooltip, in order."""
        app = self.app
        rows = [
            (binding.key, binding.action, binding.description, app.get_key_display(binding), enabled, tooltip,
             binding.group)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        ]
        return (*rows, (self.show_command_palette, self.compact, self._room_for(rows)))

    def _key_cells(self, key_display: str, description: str) -> int:
        """Columns one key takes in the footer's own styles (see Footer.DEFAULT_CSS)."""
        if self.compact:  # key unpadded, one space before the description, one cell of margin after
            return cell_len(key_display) + (1 + cell_len(description) if description else 0) + 1
        return cell_len(key_display) + 2 + (cell_len(description) + 1 if description else 0)

    def _room_for(self, rows: list[tuple[object, ...]]) -> int:
        """How many of the keys (before the command palette's, docked right) fit whole; all when unsized."""
        width = self.size.width
        keys = [(str(r[3]), str(r[2])) for r in rows if r[1] != "command_palette"]
        if not width:
            return len(keys)
        palette = [(str(r[3]), str(r[2])) for r in rows if r[1] == "command_palette"]
        if palette and self.show_command_palette:
            width -= self._key_cells(*palette[0]) + (1 if self.compact else 2)  # its border and padding
        used = 0
        for count, key in enumerate(keys):
            used += self._key_cells(*key)
            if used > width:
                return count
        return len(keys)

    def on_resize(self) -> None:
        """Compact where room is short; a new width may fit more or fewer keys."""
        self.compact = self.size.width < COMPACT_BELOW
        self._schedule_rebuild()

    def compose(self) -> ComposeResult:
        shown = self._keys_shown() if self._bindings_ready else None
        self._shown = shown
        room = shown[-1][2] if shown else None
        for widget in super().compose():
            if room is not None and isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                if room <= 0:
                    continue
                room -= 1
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if screen is self.screen:
            self._schedule_rebuild()

    def _schedule_rebuild(self) -> None:
        if self.is_attached and self._bindings_ready and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._keys_shown() != self._shown:
            await self.recompose()
