"""A text box whose own editing keys act in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """An Input that runs its own bindings (ctrl+u, ctrl+w, backspace, enter…) as the key arrives.

    Textual runs a focused widget's bindings only once the key has bubbled up to the app, while
    it inserts printable keys at once. In a burst of keys (tmux send-keys, a paste into a terminal
    without bracketed paste, key repeat) the letters typed after ctrl+u were inserted before it
    acted and were deleted with the rest: "ctrl+u kyiv" left the box empty.
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, []):
                if binding.priority:
                    continue
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                return
        await super()._on_key(event)
