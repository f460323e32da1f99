"""The linked side panes: People, Places, Orgs, Quotes and Engagements of the open article, as tabs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.lazy import Lazy
from textual.widgets import TabbedContent, TabPane

from briefing.store.bookmarks import cited_words
from briefing.store.queries import EngagementRow, EntityRow, Panes, QuoteRow
from briefing.tui.safe_text import line_text
from briefing.tui.widgets.pane_table import PaneTable

STACKED: dict[str, bool | int] = {"quotes": True, "engagements": True, "people": 44}
"""Panes drawn as items of two or more lines: always, or while narrower than so many cells."""
"""Panes whose rows are items of two or more lines: a heading line, then the text wrapped to the pane."""
PANES = ("people", "places", "orgs", "quotes", "engagements")
TITLES = {"people": "People", "places": "Places", "orgs": "Orgs", "quotes": "Quotes",
          "engagements": "Engagements"}
LABELS = {**TITLES, "engagements": "Events"}
"""Tab labels: short, so the five tabs fit the pane's width."""


def _t(value: object, style: str = "") -> Text:
    """Untrusted text as a table cell: never markup."""
    return Text(line_text(str(value or "")), style=style, no_wrap=True, overflow="ellipsis", end="")


def _clip(value: str, width: int) -> str:
    value = line_text(value)
    return value if len(value) <= width else value[: width - 1] + "…"


class PaneTabs(Vertical):
    """The panes as tabs (they fit 80 columns and use the height at 200x60).

    Only the pane in view is filled when an article opens; another is filled when it is shown
    or asked for with `table()` (an article with 300 people made every hidden pane cost).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._panes = Panes()
        self._fresh: set[str] = set()  # panes showing the current article's rows

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def active(self) -> str:
        return self.tabs.active

    @active.setter
    def active(self, value: str) -> None:
        self.tabs.active = value

    def compose(self) -> ComposeResult:
        columns = {
            "people": [("Name", 22), ("M", 3), ("Q", 3), ("Role", None)],
            "places": [("Name", None), ("M", 3)],
            "orgs": [("Name", None), ("Kind", 5), ("M", 3)],
            "quotes": [("Speaker", 18), ("Quote", None)],
            "engagements": [("When", 10), ("Where", 14), ("Who · what", None)],
        }
        with TabbedContent(id="pane-tabs"):
            for pane in PANES:
                with TabPane(LABELS[pane], id=f"tab-{pane}"):
                    table = PaneTable(pane, columns[pane], id=f"pane-{pane}", empty=f"no {TITLES[pane].lower()} found",
                                      stacked=STACKED.get(pane, False))
                    # Only the first pane is there for the first paint; the others follow a frame later.
                    yield table if pane == PANES[0] else Lazy(table)

    def table(self, pane: str) -> PaneTable:
        """A pane's table, filled with the current article's rows."""
        table = self.query_one(f"#pane-{pane}", PaneTable)
        self._refill(table)
        return table

    def fill_table(self, table: PaneTable) -> None:
        """A lazily mounted pane arrived: fill it if it is the one in view."""
        if table.pane == self._active_pane():
            self._refill(table)

    @property
    def active_table(self) -> PaneTable:
        return self.table(self._active_pane())

    def _active_pane(self) -> str:
        active = self.active
        return active.removeprefix("tab-") if active else PANES[0]

    def fill(self, panes: Panes) -> None:
        """Show one article's pane rows: the pane in view now, the others when they are shown."""
        self._panes = panes
        self._fresh = set()
        for table in self.query(PaneTable):
            if table.pane == self._active_pane():
                self._refill(table)
        # Tab labels stay fixed: relabelling re-lays out the whole screen on every article opened.

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        pane = (event.pane.id or "").removeprefix("tab-")
        for table in self.query(PaneTable):
            if table.pane == pane:
                self._refill(table)

    def _refill(self, table: PaneTable) -> None:
        if table.pane not in self._fresh:
            self._fresh.add(table.pane)
            table.fill(*self._rows(table.pane))

    def _rows(self, pane: str) -> tuple[Sequence[Any], list[Sequence[Text]]]:
        """One pane's items and their cells (untrusted text, never markup)."""
        panes = self._panes
        if pane == "people":
            return panes.people, [
                (_t(r.name), _t(len(r.mentions)), _t(r.quotes or ""), _t(_clip(r.role or "", 60), "dim"))
                for r in panes.people]
        if pane == "places":
            return panes.places, [(_t(r.name), _t(len(r.mentions))) for r in panes.places]
        if pane == "orgs":
            return panes.organizations, [
                (_t(r.name), _t("org" if r.kind == "organization" else r.kind, "dim"), _t(len(r.mentions)))
                for r in panes.organizations]
        if pane == "quotes":
            return panes.quotes, [
                (_t(r.speaker or "?", "bold"), _t(_clip(cited_words(r.text), 240), "italic")) for r in panes.quotes]
        return panes.engagements, [
            (_t(_when(r), "bold" if r.status == "upcoming" else "dim"), _t(r.where),
             _t(_clip(" · ".join(v for v in (r.who, r.what) if v), 240))) for r in panes.engagements]


def _when(row: EngagementRow) -> str:
    """"upcoming 2024-11-04": the status, then the date or the words that gave it ("no date" if none)."""
    return " ".join(v for v in (row.status if row.status != "unknown" else "", row.when or "no date") if v)


def is_entity(item: object) -> bool:
    return isinstance(item, EntityRow)


def item_span(item: object) -> tuple[int, int] | None:
    """Where a quote or engagement sits in the article."""
    if isinstance(item, (QuoteRow, EngagementRow)):
        return item.start, item.end
    return None
