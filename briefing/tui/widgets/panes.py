"""The linked side panes: People, Places, Orgs, Quotes and Engagements of the open article, as tabs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, TabbedContent, TabPane

from briefing.store.queries import EngagementRow, EntityRow, Panes, QuoteRow

PANES = ("people", "places", "orgs", "quotes", "engagements")
TITLES = {"people": "People", "places": "Places", "orgs": "Orgs", "quotes": "Quotes",
          "engagements": "Engagements"}


class PaneTable(DataTable, inherit_bindings=False):
    """One pane: a table of rows, each carrying the item it stands for (`items[row]`)."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", id="pane-down", show=False),
        Binding("k,up", "cursor_up", "Up", id="pane-up", show=False),
        Binding("pagedown", "page_down", "Page down", id="pane-page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="pane-page-up", show=False),
        Binding("home", "scroll_top", "First", id="pane-first", show=False),
        Binding("end", "scroll_bottom", "Last", id="pane-last", show=False),
        Binding("enter", "select_cursor", "Open", id="pane-open"),
    ]

    def __init__(self, pane: str, columns: Sequence[str], **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.pane = pane
        self._columns = columns
        self.items: list[Any] = []

    def on_mount(self) -> None:
        self.add_columns(*self._columns)

    def fill(self, items: Sequence[Any], cells: Sequence[Sequence[Text]]) -> None:
        self.clear()
        self.items = list(items)
        self.add_rows([list(row) for row in cells])

    @property
    def current(self) -> Any | None:
        return self.items[self.cursor_row] if 0 <= self.cursor_row < len(self.items) else None


def _t(value: object, style: str = "") -> Text:
    """Untrusted text as a table cell: never markup."""
    return Text(" ".join(str(value or "").split()), style=style, no_wrap=True, overflow="ellipsis", end="")


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


class PaneTabs(Vertical):
    """The panes as tabs (they fit 80 columns and use the height at 200x60)."""

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
            "people": ("Name", "Role", "M", "Q"),
            "places": ("Name", "M"),
            "orgs": ("Name", "Kind", "M"),
            "quotes": ("Speaker", "Quote"),
            "engagements": ("When", "Who", "What", "Where"),
        }
        with TabbedContent(id="pane-tabs"):
            for pane in PANES:
                with TabPane(TITLES[pane], id=f"tab-{pane}"):
                    yield PaneTable(pane, columns[pane], id=f"pane-{pane}")

    def table(self, pane: str) -> PaneTable:
        return self.query_one(f"#pane-{pane}", PaneTable)

    @property
    def active_table(self) -> PaneTable:
        return self.table(self.active.removeprefix("tab-") if self.active else PANES[0])

    def fill(self, panes: Panes) -> None:
        """Show one article's pane rows."""
        self.table("people").fill(panes.people, [
            (_t(r.name), _t(_clip(r.role or "", 24), "dim"), _t(len(r.mentions)), _t(r.quotes or ""))
            for r in panes.people])
        self.table("places").fill(panes.places, [(_t(r.name), _t(len(r.mentions))) for r in panes.places])
        self.table("orgs").fill(panes.organizations, [
            (_t(r.name), _t("org" if r.kind == "organization" else r.kind, "dim"), _t(len(r.mentions)))
            for r in panes.organizations])
        self.table("quotes").fill(panes.quotes, [
            (_t(r.speaker or "?", "bold"), _t(_clip(r.text, 120), "italic")) for r in panes.quotes])
        self.table("engagements").fill(panes.engagements, [
            (_t(r.when or r.status, "bold" if r.status == "upcoming" else "dim"), _t(r.who), _t(_clip(r.what, 60)),
             _t(r.where)) for r in panes.engagements])
        for pane in PANES:
            count = len(self.table(pane).items)
            self.tabs.get_tab(f"tab-{pane}").label = f"{TITLES[pane]} {count}" if count else TITLES[pane]


def is_entity(item: object) -> bool:
    return isinstance(item, EntityRow)


def item_span(item: object) -> tuple[int, int] | None:
    """Where a quote or engagement sits in the article."""
    if isinstance(item, (QuoteRow, EngagementRow)):
        return item.start, item.end
    return None
