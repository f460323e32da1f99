"""The agenda (`a`): engagements across the library grouped by date, upcoming first.

`t` judges them against each article's date instead of today (for reading old news), `u` shows
only the upcoming ones, Enter opens the article at the engagement.
"""

from __future__ import annotations

from datetime import date as Date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.store.agenda import SECTIONS, AgendaItem, agenda, group_by_day
from briefing.tui.screens.bookmarks import ClaimList
from briefing.tui.safe_text import line_text
from briefing.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

MAX_SHOWN = 400  # upcoming first, then the most recent past: enough to read, quick to redraw on a toggle


class AgendaScreen(Screen, inherit_bindings=False):
    """Who meets whom, where and when, across every article."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="agenda-back"),
        Binding("t", "toggle_reference", "Today / article date", id="agenda-toggle-reference",
                tooltip="Judge upcoming and past against today or against each article's date"),
        Binding("u", "toggle_upcoming", "Upcoming only", id="agenda-toggle-upcoming"),
        Binding("question_mark", "help", "Help", id="agenda-help", key_display="?"),
    ]

    DEFAULT_CSS = """
    AgendaScreen #agenda-header { height: auto; padding: 0 1; background: $panel; }
    AgendaScreen #agenda-list { height: 1fr; border: none; }
    AgendaScreen #agenda-detail { height: auto; max-height: 8; padding: 0 1; background: $panel; }
    """

    app: BriefingApp

    def __init__(self, *, today: Date | None = None, relative_to_article: bool = False) -> None:
        super().__init__()
        self.today = today
        self.relative_to_article = relative_to_article
        self.upcoming_only = False
        self.items: list[AgendaItem] = []
        self.rows: list[AgendaItem | None] = []  # per option: the engagement, or None for a heading

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-header")
        yield ClaimList(id="agenda-list")
        yield Static(id="agenda-detail")
        yield KeysFooter()

    @property
    def listing(self) -> ClaimList:
        return self.query_one("#agenda-list", ClaimList)

    def on_mount(self) -> None:
        self.refresh_agenda()
        self.listing.focus()

    def refresh_agenda(self) -> None:
        """Read the agenda again under the current reference; keep the highlight on the same engagement."""
        keep = self.current.id if self.current else None
        today = self.today or Date.today()
        self.items = agenda(self.app.library, today=today, relative_to_article=self.relative_to_article,
                            upcoming_only=self.upcoming_only)
        options: list[Option] = []
        self.rows = []
        section = None
        for group in group_by_day(self.items[:MAX_SHOWN]):
            if group.section != section:
                section = group.section
                options.append(Option(Text(SECTIONS.get(section, section), style="bold reverse"), disabled=True))
                self.rows.append(None)
            label = Text(f" {group.label}", style="bold")
            options.append(Option(label, disabled=True))
            self.rows.append(None)
            for item in group.items:
                options.append(Option(entry(item), id=f"engagement-{item.id}"))
                self.rows.append(item)
        listing = self.listing
        listing.set_options(options)
        choices = [i for i, row in enumerate(self.rows) if row is not None]
        if choices:
            same = [i for i in choices if self.rows[i].id == keep]  # type: ignore[union-attr]
            listing.highlighted = same[0] if same else choices[0]
        self._header(today)
        self._show_detail()

    def _header(self, today: Date) -> None:
        header = Text(end="")
        header.append("Agenda", style="bold")
        reference = "each article's date" if self.relative_to_article else f"today ({today.isoformat()})"
        count = f"the first {MAX_SHOWN} of {len(self.items)}" if len(self.items) > MAX_SHOWN else str(len(self.items))
        header.append(f"  {count} engagements · upcoming and past judged against {reference}", style="dim")
        if self.upcoming_only:
            header.append(" · upcoming only", style="dim")
        self.query_one("#agenda-header", Static).update(header)

    @property
    def current(self) -> AgendaItem | None:
        index = self.listing.highlighted if self.is_mounted else None
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def _show_detail(self) -> None:
        item = self.current
        detail = self.query_one("#agenda-detail", Static)
        if item is None:
            detail.update(Text("No engagements here." if not self.upcoming_only else "No upcoming engagements."))
            return
        text = Text(line_text(item.sentence))
        text.append(f"\n{line_text(item.article_title)}", style="dim bold")
        meta = " · ".join(p for p in map(line_text, (item.article_source, item.article_date)) if p)
        if meta:
            text.append(f" · {meta}", style="dim")
        detail.update(text)

    @on(OptionList.OptionHighlighted, "#agenda-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#agenda-list")
    def _selected(self) -> None:
        self.open_current()

    def open_current(self) -> None:
        item = self.current
        if item is None:
            return

        def show(reader: Any) -> None:
            reader.open_article(item.article_id, focus=item.start)
            reader.article.set_marks("highlight", [(item.start, item.end)], component="article--highlight")

        self.app.show_in_reader(show)

    def action_toggle_reference(self) -> None:
        self.relative_to_article = not self.relative_to_article
        self.refresh_agenda()

    def action_toggle_upcoming(self) -> None:
        self.upcoming_only = not self.upcoming_only
        self.refresh_agenda()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        self.app.action_help()


def entry(item: AgendaItem) -> Text:
    """An engagement as a list entry: who and what, where and when, from which article (never markup)."""
    text = Text(end="")
    text.append("   ")
    text.append(line_text(item.summary), style="bold" if item.status == "upcoming" else "")
    if item.where:
        text.append(f" — {line_text(item.where)}")
    if item.when_text:
        text.append(f" ({line_text(item.when_text)})", style="dim")
    title = line_text(item.article_title)
    title = title if len(title) <= 70 else title[:69] + "…"
    text.append(f"\n     {title}", style="dim italic")
    return text
