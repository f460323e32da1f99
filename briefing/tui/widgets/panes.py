"""The linked side panes: People, Places, Orgs, Quotes and Engagements of the open article, as tabs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.lazy import Lazy
from textual.widgets import TabbedContent, TabPane

from briefing.store.queries import EngagementRow, EntityRow, Panes, QuoteRow
from briefing.tui.widgets.pane_table import PaneTable

PANES = ("people", "places", "orgs", "quotes", "engagements")
TITLES = {"people": "People", "places": "Places", "orgs": "Orgs", "quotes": "Quotes",
          "engagements": "Engagements"}


def _t(value: object, style: str = "") -> Text:
    """Untrusted text as a table cell: never markup."""
    return Text(" ".join(str(value or "").split()), style=style, no_wrap=True, overflow="ellipsis", end="")


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


class PaneTabs(Vertical):
    """The panes as tabs (they fit 80 columns and use the height at 200x60)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: dict[str, tuple[list[Any], list[Sequence[Text]]]] = {}

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
            "people": [("Name", 22), ("Role", None), ("M", 3), ("Q", 3)],
            "places": [("Name", None), ("M", 3)],
            "orgs": [("Name", None), ("Kind", 5), ("M", 3)],
            "quotes": [("Speaker", 18), ("Quote", None)],
            "engagements": [("When", 10), ("Who", 18), ("What", None), ("Where", 14)],
        }
        with TabbedContent(id="pane-tabs"):
            for pane in PANES:
                with TabPane(TITLES[pane], id=f"tab-{pane}"):
                    table = PaneTable(pane, columns[pane], id=f"pane-{pane}", empty=f"no {TITLES[pane].lower()} found")
                    # Only the first pane is there for the first paint; the others follow a frame later.
                    yield table if pane == PANES[0] else Lazy(table)

    def table(self, pane: str) -> PaneTable:
        return self.query_one(f"#pane-{pane}", PaneTable)

    def fill_table(self, table: PaneTable) -> None:
        """Fill one pane from the article on show (also when a lazily mounted pane arrives)."""
        items, cells = self._rows.get(table.pane, ([], []))
        table.fill(items, cells)

    @property
    def active_table(self) -> PaneTable:
        return self.table(self.active.removeprefix("tab-") if self.active else PANES[0])

    def fill(self, panes: Panes) -> None:
        """Show one article's pane rows."""
        self._rows = {
            "people": (panes.people, [
                (_t(r.name), _t(_clip(r.role or "", 24), "dim"), _t(len(r.mentions)), _t(r.quotes or ""))
                for r in panes.people]),
            "places": (panes.places, [(_t(r.name), _t(len(r.mentions))) for r in panes.places]),
            "orgs": (panes.organizations, [
                (_t(r.name), _t("org" if r.kind == "organization" else r.kind, "dim"), _t(len(r.mentions)))
                for r in panes.organizations]),
            "quotes": (panes.quotes, [
                (_t(r.speaker or "?", "bold"), _t(_clip(r.text, 120), "italic")) for r in panes.quotes]),
            "engagements": (panes.engagements, [
                (_t(r.when or r.status, "bold" if r.status == "upcoming" else "dim"), _t(r.who),
                 _t(_clip(r.what, 60)), _t(r.where)) for r in panes.engagements]),
        }
        for table in self.query(PaneTable):
            self.fill_table(table)
        # Tab labels stay fixed: relabelling re-lays out the whole screen on every article opened.


def is_entity(item: object) -> bool:
    return isinstance(item, EntityRow)


def item_span(item: object) -> tuple[int, int] | None:
    """Where a quote or engagement sits in the article."""
    if isinstance(item, (QuoteRow, EngagementRow)):
        return item.start, item.end
    return None
