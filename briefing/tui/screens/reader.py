"""The reader: library list on the left, the article in the centre, linked panes on the right.

Other features extend it: add Bindings to `ReaderScreen.BINDINGS` (keys `/`, `n`, `N`, `ctrl+f`,
`b`, `B`, `m`, `a` are left free for search and bookmarks), open articles with `open_article`,
read the claim under the cursor from `self.article.cursor_span`, and mark spans with
`self.article.set_marks(name, spans, component=...)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from briefing.store.queries import EntityRow, article_rows, filter_rows, library_entity_id, pane_rows
from briefing.tui.safe_text import line_text
from briefing.tui.screens.search import SEARCH_BINDINGS, SearchActions
from briefing.tui.screens.bookmarks import BOOKMARK_BINDINGS, BookmarkActions
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.keys_footer import KeysFooter
from briefing.tui.widgets.legend import Legend
from briefing.tui.widgets.pane_table import PaneTable
from briefing.tui.widgets.panes import PANES, PaneTabs, item_span
from briefing.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp


def nearest(spans: list[tuple[int, int]], here: tuple[int, int]) -> tuple[int, int]:
    """The span closest to where the reader is (the cursor's sentence); on a tie, the one ahead.

    Jumping to the next mention instead would carry a reader away from one a line above.
    """
    start, end = here

    def distance(span: tuple[int, int]) -> int:
        if start <= span[0] < max(end, start + 1):
            return 0
        return start - span[0] if span[0] < start else span[0] - end + 1

    return min(spans, key=lambda span: (distance(span), span[0] < start))


READ_BEFORE_KEPT = 50
TYPING_ACTIONS = ("search", "search_article", "filter")


class ArticleHeader(Widget):
    """The article's date, title and source on one line (repainted without a layout pass)."""

    text: reactive[Text] = reactive(Text(""), layout=False)
    tail: reactive[Text] = reactive(Text(""), layout=False)
    """Kept whole at the right (source, length): the title gives way to it when the line is short."""

    def render(self) -> Text:
        if not self.tail.plain:
            return self.text
        width = self.size.width - 2
        head, tail = self.text.copy(), self.tail.copy()
        tail_room = max(width - head.cell_len, min(tail.cell_len, 26))  # the title first, the source never hidden
        if tail.cell_len > tail_room:
            tail.truncate(tail_room - 1, overflow="crop")
            tail.append("…")
        room = max(width - tail.cell_len, 12)
        if head.cell_len > room:
            head.truncate(room - 1, overflow="crop")
            head.append("…")
        return Text.assemble(head, tail, no_wrap=True, overflow="ellipsis", end="")


class ReaderScreen(BookmarkActions, SearchActions, Screen, inherit_bindings=False):
    """Read one article at a time, with the library and the article's panes alongside."""

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("q", "back", "Quit", id="back"),
        *SEARCH_BINDINGS,  # early, so `/ Search` is in the footer at 80 columns
        *BOOKMARK_BINDINGS,
        Binding("j,down", "line_down", "Line down", id="line-down", show=False),
        Binding("k,up", "line_up", "Line up", id="line-up", show=False),
        Binding("J,right_square_bracket", "next_sentence", "Sentence ↓", id="next-sentence",
                key_display="J/]", tooltip="Move the sentence cursor to the next sentence"),
        Binding("K,left_square_bracket", "previous_sentence", "Sentence ↑", id="previous-sentence",
                key_display="K/[", tooltip="Move the sentence cursor to the previous sentence"),
        Binding("space,pagedown", "page_down", "Page down", id="page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="page-up", show=False),
        Binding("g,home", "top", "Top", id="top", show=False),
        Binding("G,end", "bottom", "Bottom", id="bottom", show=False),
        Binding("tab", "next_pane", "Panes", id="next-pane", tooltip="Cycle focus: library, article, panes"),
        Binding("shift+tab", "previous_pane", "Previous pane", id="previous-pane", show=False),
        Binding("h", "toggle_highlights", "Highlights", id="toggle-highlights"),
        Binding("l", "toggle_library", "Library", id="toggle-library"),
        Binding("f", "filter", "Filter", id="filter", tooltip="Filter the library list as you type", priority=True),
        Binding("r", "reload", "Reload", id="reload", show=False,
                tooltip="Read the library list again (after an ingest in another terminal)"),
        Binding("escape", "focus_article", "Back to article", id="focus-article", show=False),
        Binding("backspace,ctrl+o", "previous_article", "Previous article", id="previous-article", show=False,
                tooltip="Back to the article read before this one, where you were in it"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (72, "-narrow"), (120, "-wide")]
    AUTO_FOCUS = "#article"  # focus the article at once, not the filter first and the article a moment later

    app: BriefingApp

    def __init__(self) -> None:
        super().__init__()
        self.current_article_id: int | None = None
        self._read_before: list[tuple[int, int]] = []
        """(article, body offset of the cursor) of the articles left for another, newest last."""
        """The id of the article on show, or None while the library is empty."""
        self._rows = []
        self._library_shown: bool | None = None

    # ------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="article-header")
        with Horizontal(id="main"):
            with Vertical(id="library-column"):
                yield OrderedInput(placeholder="Filter articles (f)", id="filter")
                yield ArticleList(id="library")
            with Vertical(id="article-column"):
                yield ArticleView(id="article")
                yield Legend(id="legend")
            yield PaneTabs(id="panes")
        yield KeysFooter()

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def library_list(self) -> ArticleList:
        return self.query_one("#library", ArticleList)

    @property
    def panes(self) -> PaneTabs:
        return self.query_one("#panes", PaneTabs)

    def on_mount(self) -> None:
        self.reload_library()
        self.article.focus()

    # ------------------------------------------------------------ the library list
    def reload_library(self) -> None:
        """Read the list of articles again (after the first run, or an ingest)."""
        self._rows = article_rows(self.app.library)
        self._apply_filter()
        listed = {row.id for row in self._rows}
        if self._rows and self.current_article_id not in listed:  # none on show, or it was removed
            self.open_article(self._rows[0].id)
        elif not self._rows:
            self._show_empty()

    def action_reload(self) -> None:
        self.reload_library()
        self.notify(f"{len(self._rows):,} articles in the library", timeout=2)

    def _apply_filter(self) -> None:
        value = self.query_one("#filter", Input).value
        self.library_list.set_rows(filter_rows(self._rows, value))
        if self.current_article_id is not None:
            self.library_list.current_id = self.current_article_id

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._apply_filter()

    @on(events.DescendantFocus, "#filter")
    def _filter_focused(self) -> None:
        self.query_one("#filter", Input).placeholder = "type to filter · ⏎ open · esc back"

    @on(events.DescendantBlur, "#filter")
    def _filter_blurred(self) -> None:
        self.query_one("#filter", Input).placeholder = "Filter articles (f)"

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.set_focus(self.library_list)
        self.library_list.action_select()

    @on(ArticleList.Selected)
    def _list_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)
        self._narrow_library_gives_way()
        self.set_focus(self.article)

    def _show_empty(self) -> None:
        self.current_article_id = None  # what is still drawn is gone: the next article read opens
        self.query_one(ArticleHeader).tail = Text("")
        self.query_one(ArticleHeader).text = Text("briefing: the library is empty · ctrl+p for commands", style="bold")

    # ------------------------------------------------------------ articles
    def open_article(self, article_id: int, focus: int | None = None,
                     highlights: list[tuple[int, int]] | None = None) -> bool:
        """Show article `article_id`: text, header, panes.

        `focus`: a body offset to put the sentence cursor on and scroll to (a mention, a hit).
        `highlights`: extra spans to mark, shown with the "article--search" style (search hits);
        they form the "search" layer of `self.article` (see ArticleView.set_marks).
        """
        try:
            analysis = self.app.library.analysis(article_id)
        except KeyError:  # removed or replaced by `briefing remove` / an ingest in another terminal
            self._article_gone()
            return False
        self._leave_for(article_id)
        self.current_article_id = article_id
        view = self.article
        view.load(analysis)
        self.panes.fill(pane_rows(analysis))
        self._set_header(analysis.article.title, analysis.article.source, analysis.article.date,
                         analysis.article.word_count)
        self.library_list.select_id(article_id)
        if highlights:
            view.set_marks("search", highlights, component="article--search")
        self.mark_bookmarks()
        if focus is not None:
            if view.size.height:
                view.go_to(focus)
            else:
                self.call_after_refresh(view.go_to, focus)
        self._update_position()
        return True

    def _article_gone(self) -> None:
        """An article the screen still listed is no longer in the library: say so, list what is."""
        self.notify("That article is no longer in the library (removed or replaced from another terminal); "
                    "the list is read again", severity="warning", timeout=5)
        self.reload_library()

    def _leave_for(self, article_id: int) -> None:
        """Remember where the reader was before another article replaces this one (for backspace)."""
        if self.current_article_id is None or article_id == self.current_article_id:
            return
        view = self.article
        where = view.cursor_span[0] if view.cursor_span else view.top_offset
        self._read_before = [*self._read_before, (self.current_article_id, where)][-READ_BEFORE_KEPT:]

    def action_previous_article(self) -> None:
        """Back to the article read before, at the sentence the reader was on."""
        while self._read_before:
            article_id, where = self._read_before.pop()
            if article_id == self.current_article_id:
                continue
            stack = self._read_before
            if not self.open_article(article_id, focus=where):  # replaced or removed since: further back
                continue
            self._read_before = stack  # going back is not a new step to go back from
            return
        self.notify("No article read before this one", timeout=2)

    def _set_header(self, title: str, source: str | None, date: str | None, words: int) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if date:
            text.append(f"{line_text(date)}  ", style="bold")
        text.append(line_text(title) or "(untitled)", style="bold")
        details = " · ".join(v for v in (line_text(source), f"{words:,} words") if v)
        header = self.query_one(ArticleHeader)
        header.tail = Text(f"  {details}", style="dim", end="")
        header.text = text

    def show_entity(self, article_id: int, entity_id: int, focus: int | None = None) -> None:
        """Open an article at an entity's mention, with all its mentions highlighted."""
        from briefing.store.queries import article_mentions

        mentions = article_mentions(self.app.library, article_id, entity_id)
        if focus is None and mentions:
            focus = mentions[0].start
        self.open_article(article_id, focus=focus)
        self.article.set_marks("highlight", [(m.start, m.end) for m in mentions], component="article--highlight")

    # ------------------------------------------------------------ article movement
    def action_line_down(self) -> None:
        self.article.line_down()

    def action_line_up(self) -> None:
        self.article.line_up()

    def action_page_down(self) -> None:
        self.article.page_down()

    def action_page_up(self) -> None:
        self.article.page_up()

    def action_top(self) -> None:
        """The top, with the sentence cursor on the first sentence (so J and b start from there)."""
        self.article.top()
        self.article.move_cursor(0)

    def action_bottom(self) -> None:
        """The end, with the sentence cursor on the last sentence."""
        view = self.article
        view.bottom()
        view.move_cursor(len(view.sentences) - 1)
        view.bottom()

    def action_next_sentence(self) -> None:
        self.article.next_sentence(1)

    def action_previous_sentence(self) -> None:
        self.article.next_sentence(-1)

    def action_toggle_highlights(self) -> None:
        view = self.article
        view.show_highlights = not view.show_highlights
        self.query_one(Legend).highlights = view.show_highlights

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self) -> None:
        self._update_position()

    def _update_position(self) -> None:
        view = self.article
        total = len(view.sentences)
        where = f"{view.cursor + 1}/{total}" if view.cursor is not None and total else ""
        hits = self.hits_text()
        self.query_one(Legend).position = f"{hits}  {where}" if hits and where else hits or where

    # ------------------------------------------------------------ focus and panes
    def _focus_ring(self) -> list[str]:
        ring = ["library"] if self.library_visible else []
        panes = PANES if self.panes.display and self.panes.styles.display != "none" else ()
        return [*ring, "article", *panes]

    def _focused_place(self) -> str:
        focused = self.focused
        if isinstance(focused, PaneTable):
            return focused.pane
        if isinstance(focused, (ArticleList, Input)):
            return "library"
        return "article"

    def _focus_place(self, place: str) -> None:
        """Focus at once (not on the next refresh), so keys typed right after land in the right place."""
        if place == "library":
            self.set_focus(self.library_list)
        elif place == "article":
            self.set_focus(self.article)
        else:
            self.panes.active = f"tab-{place}"
            self.set_focus(self.panes.table(place))

    def _cycle(self, step: int) -> None:
        ring = self._focus_ring()
        place = self._focused_place()
        index = ring.index(place) if place in ring else 0
        self._focus_place(ring[(index + step) % len(ring)])

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def action_focus_article(self) -> None:
        if self.focused is self.article:
            self.article.clear_marks("highlight")
        self._narrow_library_gives_way()
        self.set_focus(self.article)

    def _narrow_library_gives_way(self) -> None:
        """Narrow: the library stood in for the panes while choosing; the article gets the room back."""
        if (self.has_class("-narrow") or self.has_class("-tiny")) and self.has_class("-show-library"):
            self.set_class(False, "-show-library")
            self.set_class(True, "-hide-library")

    @property
    def library_visible(self) -> bool:
        column = self.query_one("#library-column")
        return column.display and column.styles.display != "none" and column.region.width > 0

    def action_toggle_library(self) -> None:
        shown = self.library_visible
        self.set_class(not shown, "-show-library")
        self.set_class(shown, "-hide-library")
        if shown:
            self.set_focus(self.article)
        else:
            self.call_after_refresh(self.library_list.focus)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys that open a place to type (`/`, `ctrl+f`, `f`) are priority bindings, so the
        keys typed after them in the same instant already find that place; in a text box they
        are the box's own characters."""
        if action in TYPING_ACTIONS and isinstance(self.app.focused, Input):
            return False
        return True

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if self.library_visible:
            self.set_focus(field)
            return
        self.set_class(True, "-show-library")
        self.set_class(False, "-hide-library")
        self.app.update_styles(self)
        self.set_focus(field)
        if self.focused is not field:
            self.call_after_refresh(field.focus)

    # ------------------------------------------------------------ pane links
    @on(PaneTable.Highlighted)
    def _pane_moved(self, event: PaneTable.Highlighted) -> None:
        if event.table.has_focus:
            self.link(event.item)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, PaneTable):
            self.link(event.widget.current)

    def link(self, item: object) -> None:
        """Show a pane item in the article: highlight its mentions (or span) and move the cursor to the nearest."""
        view = self.article
        if item is None:
            return
        if isinstance(item, EntityRow):
            spans = [(m.start, m.end) for m in item.mentions]
        else:
            span = item_span(item)
            spans = [span] if span else []
        if not spans:
            return
        view.set_marks("highlight", spans, component="article--highlight")
        here = view.cursor_span or (view.top_offset, view.top_offset)
        view.go_to(nearest(spans, here)[0], center=False)

    @on(PaneTable.Selected)
    def _pane_selected(self, event: PaneTable.Selected) -> None:
        item = event.item
        if isinstance(item, EntityRow):
            self.open_dossier_for(item)
        elif item is not None:
            span = item_span(item)
            if span:
                self.article.set_marks("highlight", [span], component="article--highlight")
                self.article.go_to(span[0])
                self.set_focus(self.article)

    def open_dossier_for(self, item: EntityRow) -> None:
        if self.current_article_id is None:
            return
        entity_id = library_entity_id(self.app.library, self.current_article_id, item.local_id)
        if entity_id is not None:
            self.app.open_dossier(entity_id)

    # ------------------------------------------------------------ screens
    def action_help(self) -> None:
        self.app.action_help()

    def action_back(self) -> None:
        self.app.exit()
