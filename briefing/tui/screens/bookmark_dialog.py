"""Small dialogs of the bookmark features: a note and tags for a claim (`B`, `e`), a file to export to.

The claim is article text, so it is shown as rich.text.Text (never markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from briefing.store.bookmarks import clean_tags
from briefing.tui.widgets.ordered_input import OrderedInput

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 80; max-width: 100%; height: auto; max-height: 90%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .dialog-title {{ text-style: bold; padding: 0 0 1 0; }}
{name} .dialog-claim {{ max-height: 8; color: $text-secondary; text-style: italic; padding: 0 0 1 0; }}
{name} Input {{ margin: 0 0 1 0; }}
{name} .dialog-keys {{ color: $text-muted; }}
"""


@dataclass(frozen=True)
class NoteAndTags:
    """What the dialog hands back when saved."""

    note: str
    tags: list[str]


class BookmarkDialog(ModalScreen[NoteAndTags | None], inherit_bindings=False):
    """Ask for a note and tags for one claim. Enter moves on / saves, ctrl+s saves, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="BookmarkDialog")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="bookmark-dialog-cancel"),
        Binding("ctrl+s", "save", "Save", id="bookmark-dialog-save", priority=True),
        Binding("tab", "app.focus_next", "Next field", id="bookmark-dialog-next", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous field", id="bookmark-dialog-previous", show=False),
    ]

    def __init__(self, claim: str, *, speaker: str | None = None, note: str = "", tags: list[str] | None = None,
                 title: str = "Bookmark with a note") -> None:
        super().__init__()
        self.claim = claim
        self.speaker = speaker
        self.initial_note = note
        self.initial_tags = list(tags or [])
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            claim = Text(_clip(self.claim, 400))
            if self.speaker:
                claim.append(f"\n— {self.speaker}")
            yield Static(claim, classes="dialog-claim", id="dialog-claim")
            yield Label("Note")
            # Editing adds to what is there: the cursor starts at the end, nothing selected
            # (Input selects all on focus by default, so the first key typed would replace the note).
            yield OrderedInput(self.initial_note, placeholder="Why this matters", id="note", select_on_focus=False)
            yield Label("Tags (separated by spaces or commas)")
            yield OrderedInput(" ".join(self.initial_tags), placeholder="e.g. memo kursk", id="tags",
                        select_on_focus=False)
            yield Static(Text("enter: next / save · ctrl+s: save · escape: cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def _note_done(self) -> None:
        self.query_one("#tags", Input).focus()

    @on(Input.Submitted, "#tags")
    def _tags_done(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        self.dismiss(NoteAndTags(note, clean_tags(self.query_one("#tags", Input).value)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PathDialog(ModalScreen[str | None], inherit_bindings=False):
    """Ask where to write a file, with a proposal filled in. Enter writes, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PathDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="path-dialog-cancel")]

    def __init__(self, title: str, proposal: str) -> None:
        super().__init__()
        self.title_text = title
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OrderedInput(self.proposal, id="path")
            yield Static(Text("enter: write · escape: cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"
