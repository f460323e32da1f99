"""The list of search hits under the query box, and the ways back up to the box from it."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList


class HitList(OptionList):
    """Search hits: ↑ on the first hit, or typing, goes back to the query (the list never wraps up)."""

    BINDINGS = [
        Binding("up", "up_or_query", "Up", id="search-hits-up", show=False),
    ]

    class BackToQuery(Message):
        """The reader wants to edit the query: `text` is what they typed here, to go into the box."""

        def __init__(self, text: str = "", *, backspace: bool = False) -> None:
            super().__init__()
            self.text = text
            self.backspace = backspace

    def action_up_or_query(self) -> None:
        if not self.highlighted:
            self.post_message(self.BackToQuery())
        else:
            self.action_cursor_up()

    def on_key(self, event: events.Key) -> None:
        """Every printable key belongs to the query (no j/k here: "kyiv" typed in the list is a query)."""
        if event.key == "backspace":
            event.stop()
            self.post_message(self.BackToQuery(backspace=True))
        elif event.is_printable and event.character:
            event.stop()
            self.post_message(self.BackToQuery(event.character))
