"""A dossier: one person, place or organisation across the whole library.

Articles that mention it (with dates), its quotes, its engagements and the people most often
mentioned with it. Enter opens the article at the mention (or the quote, the engagement); Enter
on a co-mentioned person opens their dossier; q or escape goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from briefing.store.queries import CoMention, Dossier, DossierArticle, DossierEngagement, DossierQuote, dossier
from briefing.tui.safe_text import line_text
from briefing.tui.widgets.pane_table import PaneTable
from briefing.tui.widgets.panes import _clip, _t
from briefing.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

KIND_LABEL = {"person": "person", "place": "place", "organization": "organisation", "group": "group"}
SECTIONS = ("articles", "quotes", "engagements", "people")


FILTER_OF_KIND = {"person": "person", "place": "place", "organization": "org"}


class DossierScreen(Screen, inherit_bindings=False):
    """Everything the library knows about one entity."""

    BINDINGS = [
        Binding("q,escape", "back", "Back", id="dossier-back"),
        Binding("tab", "next_section", "Next section", id="dossier-next-section"),
        Binding("shift+tab", "previous_section", "Previous section", id="dossier-previous-section", show=False),
        Binding("question_mark", "help", "Help", id="dossier-help", key_display="?"),
        Binding("slash", "search", "Search them", id="dossier-search", key_display="/",
                tooltip="Search the library for this person, place or organisation, then add words"),
    ]

    app: BriefingApp

    def __init__(self, entity_id: int) -> None:
        super().__init__()
        self.entity_id = entity_id
        self.dossier: Dossier | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="dossier-header")
        with TabbedContent(id="dossier-tabs"):
            with TabPane("Articles", id="tab-articles"):
                yield PaneTable("articles", [("Date", 10), ("Source", 16), ("Title", None), ("M", 3)],
                                id="dossier-articles", empty="no articles")
            with TabPane("Quotes", id="tab-quotes"):
                yield PaneTable("quotes", [("Date", 10), ("Quote", None), ("Article", 30)], id="dossier-quotes",
                                empty="no quotes attributed")
            with TabPane("Engagements", id="tab-engagements"):
                yield PaneTable("engagements", [("When", 13), ("What", None), ("Where", 16), ("Status", 8)],
                                id="dossier-engagements", empty="no engagements found")
            with TabPane("People", id="tab-people"):
                yield PaneTable("people", [("Name", None), ("Articles together", 17)], id="dossier-people",
                                empty="nobody mentioned alongside")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.dossier = dossier(self.app.library, self.entity_id)
        if self.dossier is None:
            self.notify("That entity is no longer in the library.", severity="warning")
            self.app.pop_screen()
            return
        d = self.dossier
        header = Text(no_wrap=False, end="")
        header.append(line_text(d.entity.name), style="bold")
        header.append(f"  {KIND_LABEL.get(d.entity.kind, d.entity.kind)}", style="dim")
        if d.entity.roles:
            header.append(" · " + "; ".join(map(line_text, d.entity.roles[:3])), style="italic")
        if d.entity.aliases:
            header.append("\nalso: " + ", ".join(map(line_text, d.entity.aliases[:8])), style="dim")
        counts = (_count(len(d.articles), "article"), _count(len(d.quotes), "quote"),
                  _count(len(d.engagements), "engagement"))
        header.append("\n" + " · ".join(counts), style="dim")
        self.query_one("#dossier-header", Static).update(header)
        self.table("articles").fill(d.articles, [
            (_t(a.date or "undated", "dim"), _t(a.source or ""), _t(a.title), _t(a.mentions))
            for a in d.articles])
        self.table("quotes").fill(d.quotes, [
            (_t(q.date or "", "dim"), _t(_clip(q.text, 100), "italic"), _t(_clip(q.title, 40)))
            for q in d.quotes])
        self.table("engagements").fill(d.engagements, [
            (_t(_when(g), "bold" if g.status == "upcoming" and g.dated else "dim"), _t(_clip(g.what, 60)),
             _t(g.where or ""), _t(g.status)) for g in d.engagements])
        self.table("people").fill(d.co_mentioned, [(_t(c.name), _t(c.articles)) for c in d.co_mentioned])
        tabs = self.query_one(TabbedContent)
        for section, items in zip(SECTIONS, (d.articles, d.quotes, d.engagements, d.co_mentioned)):
            tabs.get_tab(f"tab-{section}").label = f"{section.capitalize()} {len(items)}"
        self.table("articles").focus()

    def table(self, section: str) -> PaneTable:
        return self.query_one(f"#dossier-{section}", PaneTable)

    def _cycle(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        current = (tabs.active or "tab-articles").removeprefix("tab-")
        section = SECTIONS[(SECTIONS.index(current) + step) % len(SECTIONS)]
        tabs.active = f"tab-{section}"
        self.set_focus(self.table(section))

    def action_next_section(self) -> None:
        self._cycle(1)

    def action_previous_section(self) -> None:
        self._cycle(-1)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        section = (event.pane.id or "").removeprefix("tab-")
        if section in SECTIONS:
            self.set_focus(self.table(section))

    @on(PaneTable.Selected)
    def _selected(self, event: PaneTable.Selected) -> None:
        self.open_item(event.item)

    def open_item(self, item: Any) -> None:
        """Open what a row stands for: the article at the mention, quote or engagement; a person's dossier."""
        if isinstance(item, DossierArticle):
            self.app.show_in_reader(lambda reader: reader.show_entity(item.article_id, self.entity_id))
        elif isinstance(item, (DossierQuote, DossierEngagement)):
            self.app.show_in_reader(lambda reader: self._open_span(reader, item))
        elif isinstance(item, CoMention):
            self.app.open_dossier(item.entity_id)

    def _open_span(self, reader: Any, item: DossierQuote | DossierEngagement) -> None:
        reader.open_article(item.article_id, focus=item.start)
        reader.article.set_marks("highlight", [(item.start, item.end)], component="article--highlight")

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_search(self) -> None:
        """"Where else did Zelensky talk about Reykjavik?": the library search, already filtered for
        this entity, the cursor after the filter for the words."""
        if self.dossier is None:
            return
        entity = self.dossier.entity
        name = entity.name.replace('"', " ")
        field = FILTER_OF_KIND.get(entity.kind)
        query = f'{field}:"{name}" ' if field else f'"{name}" '
        self.app.show_in_reader(lambda reader: reader.search_for(query))

    def action_help(self) -> None:
        self.app.action_help()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _when(engagement) -> str:
    """The engagement's date, or "(2024-10-29)": its article's date when the text gives none."""
    if engagement.dated or not engagement.date:
        return engagement.date or ""
    return f"({engagement.date})"
