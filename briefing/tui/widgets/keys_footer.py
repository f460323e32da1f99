"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer recomposes (removes and mounts a widget per key, restyling each) on every
focus change, and several times while a screen starts: four rebuilds before the reader's first
paint settled. The keys shown rarely differ between those moments, so this footer compares
what it would show with what it shows and rebuilds only on a difference, at most once a frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[object, ...], ...]


class KeysFooter(Footer):
    """A Footer that skips rebuilds which would draw the same keys."""

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
        return (*rows, (self.show_command_palette, self.compact))

    def compose(self) -> ComposeResult:
        self._shown = self._keys_shown() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._keys_shown() != self._shown:
            await self.recompose()
