"""`/`: search the library as you type; `ctrl+f`: search the article on show; `n`/`N`: walk the hits.

The screen runs each query in an exclusive worker after a short pause in typing, so a stale
query is cancelled (while it waits, or its result dropped) when the next keystroke arrives.
Hits and snippets are drawn with rich.text.Text spans: article text is never markup.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.store.db import LibraryError
from briefing.store.history import recent_searches, remember_search
from briefing.store.query import And, Filter, Not, Or, parse
from briefing.store.search import Hit, QueryError, article_hits, count_matches, match_spans, search
from briefing.tui.safe_text import body_text, line_text
from briefing.tui.widgets.hit_list import HitList
from briefing.tui.widgets.keys_footer import KeysFooter
from briefing.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from briefing.tui.screens.reader import ReaderScreen

DEBOUNCE_SECONDS = 0.15
UNEXPECTED_ERRORS = (sqlite3.Error, RecursionError)
"""What a query could still raise past the store's own checks: the reader says so rather than crash."""
HIT_LIMIT = 50
ARTICLE_FILTERS = ("from", "to", "source")
"""Filters that pick articles by their date or source: inside one article they narrow nothing."""
CONTEXT_CHARS = 60
HINT = ('words · "phrase" · a OR b · -word · prefix* · (groups) · person: place: org: speaker: '
        "source: from:YYYY-MM-DD to:YYYY-MM-DD")

SEARCH_BINDINGS = [
    Binding("slash", "search", "Search", id="search", key_display="/", priority=True),
    Binding("ctrl+f", "search_article", "Find in article", id="search-article", show=False, priority=True),
    Binding("n", "next_hit", "Next hit", id="next-hit", show=False),
    Binding("N", "previous_hit", "Previous hit", id="previous-hit", show=False),
]
"""The reader's search keys (added to ReaderScreen.BINDINGS; every one has an id for the keymap)."""


@dataclass(frozen=True)
class SearchResult:
    """What the screen was closed with: the query, and the article (and body offset) to open, if any."""

    query: str
    article_id: int | None = None
    offset: int | None = None


class SearchScreen(ModalScreen[SearchResult], inherit_bindings=False):
    """A query box over ranked hits (or, scoped to one article, over the places it matches there)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="search-close"),
        Binding("ctrl+f", "toggle_scope", "Library/article", id="search-scope",
                tooltip="Search the whole library or only the article on show"),
        Binding("tab", "app.focus_next", "Next", id="search-focus-next", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous", id="search-focus-previous", show=False),
    ]

    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > Vertical {
        width: 100; max-width: 100%; height: 90%; margin-top: 1;
        border: round $primary; background: $surface; padding: 0 1;
    }
    SearchScreen #search-input { border: none; height: 1; padding: 0 1; background: $boost; }
    SearchScreen #search-input:focus { background: $primary 20%; }
    SearchScreen #search-input > .input--selection { background: $accent 45%; }
    SearchScreen #search-status { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    SearchScreen #search-status.-error { color: $text-error; text-style: bold; }
    SearchScreen #search-hits { height: 1fr; border: none; background: $surface; }
    SearchScreen #search-hits > .option-list--option-highlighted { background: $primary 30%; }
    """

    def __init__(self, query: str = "", *, article_id: int | None = None, open_article_id: int | None = None,
                 chosen_article_id: int | None = None, extend_query: bool = False,
                 chosen_offset: int | None = None) -> None:
        super().__init__()
        self.initial_query = query
        self.chosen_article_id = chosen_article_id
        self.chosen_offset = chosen_offset
        """In one article: where the hit read last starts, for the list to come back on it."""
        """The hit opened last time from this query: coming back, the list is on it, not on the first."""
        self.article_id = article_id
        """When set, the search is limited to this article and lists the places it matches."""
        self.open_article_id = article_id if open_article_id is None else open_article_id
        """The article on show in the reader: ctrl+f limits the search to it, or lifts the limit."""
        self.hits: list[Hit] = []
        self.spans: list[tuple[int, int]] = []
        self.error: str | None = None
        self.searched: str | None = None
        """The query whose results are on show (None before the first search finishes)."""
        self.history: list[str] = []
        """Earlier searches, newest first (↑ walks back through them, ↓ forward)."""
        self._history_at: int | None = None
        self._draft = ""
        self._recalled: str | None = None
        self._typed_early = False
        self.extend_query = extend_query
        """Open with the cursor after the query (to add words), not with it selected (to replace it)."""
        self._totals: dict[str, int] = {}
        """Articles matching each query whose hits filled a page (counted in the search thread)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield QueryInput(self.initial_query, id="search-input", select_on_focus=not self.extend_query)
            yield Static(id="search-status")
            yield HitList(id="search-hits")
        yield KeysFooter()

    def _show_scope(self) -> None:
        """Say what is searched, in the box's title and the placeholder, and what ctrl+f would search."""
        where = "this article" if self.article_id is not None else "the library"
        box = self.query_one("#search-box")
        box.border_title = f"Search {where}"
        other = "the library" if self.article_id is not None else "this article"
        box.border_subtitle = f"ctrl+f: {other}" if self.open_article_id is not None else ""
        self.input.placeholder = f"Search {where} (the syntax is below)"

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> HitList:
        return self.query_one("#search-hits", HitList)

    def on_mount(self) -> None:
        self._show_scope()
        self.input.focus()
        try:
            self.history = recent_searches(self.app.library)
        except (sqlite3.Error, LibraryError):  # an old or unreadable library: search works without history
            self.history = []
        self.refresh_bindings()
        self._status(self._hint())
        if self.initial_query.strip():
            self.run_query(self.initial_query, debounce=False)

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after `/` (a paste, a fast typist) were sent to the screen before its box
        had the focus: they belong to the query, replacing the one offered as typing into it would.
        (The box and the hits take printable keys themselves, so none reach here from them.)"""
        if not (event.is_printable and event.character):
            return
        event.stop()
        field = self.input
        if not self._typed_early:
            self._typed_early = True
            field.select_on_focus = False  # the box's focus must not select what is typed here
            if not self.extend_query:
                field.value = ""
            field.cursor_position = len(field.value)
        field.insert_text_at_cursor(event.character)

    # ------------------------------------------------------------ searching
    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if event.value != self._recalled:
            self._history_at = None  # typed: ↑ starts again from the newest search
        self.run_query(event.value)

    @work(exclusive=True, group="search")
    async def run_query(self, query: str, debounce: bool = True) -> None:
        """Wait for a pause in typing, then search in a thread; a newer query cancels this one."""
        if debounce:
            await asyncio.sleep(DEBOUNCE_SECONDS)
        if not query.strip():
            self._show([], [], None, query)
            return
        scope = self.article_id
        hits, spans, error = await asyncio.to_thread(self._find, query, scope)
        if scope != self.article_id:
            return  # ctrl+f changed what is searched while the thread ran
        if error or self.input.value == query:  # typing moved on while the thread ran: drop the stale result
            self._show(hits, spans, error, query)

    def _find(self, query: str, article_id: int | None) -> tuple[list[Hit], list[tuple[int, int]], str | None]:
        """(hits in the library, or places in `article_id` if given, and the error of a malformed query)."""
        try:
            if article_id is None:
                hits = search(self.app.library, query, HIT_LIMIT)
                if len(hits) == HIT_LIMIT:  # a full page: say how many there are in all
                    self._totals[query] = count_matches(self.app.library, query)
                return hits, [], None
            return [], article_hits(self.app.library, article_id, query), None
        except QueryError as exc:
            return [], [], str(exc)
        except UNEXPECTED_ERRORS as exc:  # the store's checks missed a case: say so, never crash
            return [], [], f"this query cannot be run ({exc}); try a shorter or simpler one"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_scope" and self.open_article_id is None:
            return False  # no article on show: nothing to narrow to, so not offered
        if action == "history_back" and not self.history:
            return False
        return True

    def action_toggle_scope(self) -> None:
        """ctrl+f: the same query over this article only, or over the whole library again."""
        if self.open_article_id is None:
            self.notify("No article is open to search in", timeout=2)
            return
        self.article_id = None if self.article_id is not None else self.open_article_id
        self._show_scope()
        self._show([], [], None, "")  # the old scope's results must not be chosen while the new ones come
        self.run_query(self.input.value, debounce=False)

    def _show(self, hits: list[Hit], spans: list[tuple[int, int]], error: str | None, query: str) -> None:
        self.hits, self.spans, self.error, self.searched = hits, spans, error, query
        results = self.results
        results.clear_options()
        if error:
            self._status(error, error=True)
            return
        if not query.strip():
            self._status(self._hint())
            return
        if self.article_id is None:
            results.add_options(_separated(Option(_hit_prompt(hit), id=f"hit-{i}") for i, hit in enumerate(hits)))
            total = self._totals.get(query, len(hits))
            found = f"{len(hits)} article{'' if len(hits) == 1 else 's'}" if hits else "no articles match"
            if total > len(hits):
                found = f"the best {len(hits)} of {total:,} articles (narrow the query for the rest)"
        else:
            body = self.app.library.article(self.article_id).body
            results.add_options(Option(_context_prompt(body, span, i), id=f"hit-{i}") for i, span in enumerate(spans))
            found = f"{len(spans)} hit{'' if len(spans) == 1 else 's'} in this article" if spans else "no hits in this article"
            found += _article_level_note(query)
        # Enter and ↓ have nothing to act on without hits: then only escape is offered.
        self._status(f"{found} · enter opens, ↓ to choose, esc closes" if results.option_count
                     else f"{found} · esc closes")
        if results.option_count:
            results.highlighted = self._start_index(query, hits)

    def _start_index(self, query: str, hits: list[Hit]) -> int:
        """Where the list starts: on the hit read last from this same query, else the first."""
        if query != self.initial_query:
            return 0
        if self.article_id is not None:
            starts = [start for start, _ in self.spans]
            return starts.index(self.chosen_offset) if self.chosen_offset in starts else 0
        if self.chosen_article_id is None:
            return 0
        found = next((i for i, hit in enumerate(hits) if hit.article_id == self.chosen_article_id), None)
        return 0 if found is None else self.results.get_option_index(f"hit-{found}")

    def _hint(self) -> str:
        return f"{HINT} · ↑ earlier searches" if self.history else HINT

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.update(Text(message))  # wraps: the syntax hint is longer than a narrow screen
        status.set_class(error, "-error")

    # ------------------------------------------------------------ choosing
    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        query = event.value  # as it was at Enter: keys typed after it may already be in the box
        if self.searched != query and query.strip():
            # Enter came before the typed query's results (typing pauses are waited for): search
            # now, in place, so Enter opens the first hit rather than being dropped.
            self.workers.cancel_group(self, "search")
            self._show(*self._find(query, self.article_id), query)
        results = self.results
        if results.option_count:
            self._choose(results.get_option_at_index(results.highlighted or 0).id, query)


    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_id)

    def _choose(self, option_id: str | None, query: str | None = None) -> None:
        query = self.input.value if query is None else query
        if self.searched != query or self.error or not option_id:
            return  # results are not for what is typed yet
        index = int(option_id.removeprefix("hit-"))
        if self.article_id is None and 0 <= index < len(self.hits):
            self._remember(query)
            self.dismiss(SearchResult(query, self.hits[index].article_id))
        elif self.article_id is not None and 0 <= index < len(self.spans):
            self._remember(query)
            self.dismiss(SearchResult(query, self.article_id, self.spans[index][0]))

    def action_to_results(self) -> None:
        """↓ from the query box: into the hits. A second ↓ typed in the same instant reached the box
        before the focus moved; it moves down the hits, as it would have there."""
        results = self.results
        if not results.option_count:
            return
        if self.focused is results:
            results.action_cursor_down()
        else:
            self.set_focus(results)

    @on(HitList.BackToQuery)
    def _back_to_query(self, event: HitList.BackToQuery) -> None:
        """From the hits to the query box, carrying on with what was typed there."""
        field = self.input
        field.select_on_focus = False  # add to the query, not replace it (select-all is for a fresh `/`)
        field.focus()
        field.cursor_position = len(field.value)
        if event.backspace:
            field.value = field.value[:-1]
        elif event.text:
            field.insert_text_at_cursor(event.text)

    def action_close(self) -> None:
        query = self.input.value
        if self.searched == query and not self.error:  # a search that ran, read or not, is worth recalling
            self._remember(query)
        self.dismiss(SearchResult(query))

    # ------------------------------------------------------------ history
    def _remember(self, query: str) -> None:
        try:
            remember_search(self.app.library, query)
        except (sqlite3.Error, LibraryError):  # read-only or busy library: the search itself still worked
            pass

    def action_history_back(self) -> None:
        """↑ in the query box: the search before the one shown (the first ↑ skips a repeat of what is typed)."""
        if not self.history:
            return
        if self._history_at is None:
            self._draft = self.input.value
            at = 1 if self.history[0] == " ".join(self._draft.split()) and len(self.history) > 1 else 0
        else:
            at = min(self._history_at + 1, len(self.history) - 1)
        self._recall(at, self.history[at])

    def action_history_forward(self) -> None:
        """↓ in the query box: a newer search, back to what was typed, then into the hits."""
        if self._history_at is None:
            self.action_to_results()
        elif self._history_at == 0:
            self._recall(None, self._draft)
        else:
            self._recall(self._history_at - 1, self.history[self._history_at - 1])

    def _recall(self, at: int | None, query: str) -> None:
        self._history_at = at
        self._recalled = query
        field = self.input
        field.value = query
        field.cursor_position = len(query)


class QueryInput(OrderedInput):
    """The query box: ↑/↓ walk earlier searches, ↓ past the newest goes to the hits (its own keys,
    so they act in order with what is typed around them)."""

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted quote that ran over a line break is one query: its lines joined by spaces
        (Input keeps only the first line, leaving a phrase unclosed)."""
        event.prevent_default()  # Input's own paste handler would insert the first line again
        event.stop()
        text = " ".join(event.text.split())
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)

    BINDINGS = [
        Binding("up", "screen.history_back", "Earlier searches", id="search-history-back", key_display="↑"),
        Binding("down", "screen.history_forward", "Hits", id="search-results", key_display="↓"),
    ]


def _article_level_note(query: str) -> str:
    """Inside one article, say which parts of the query only choose articles (and so change nothing here)."""
    try:
        node = parse(query)
    except QueryError:
        return ""
    parts: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Not):
            parts.append("-exclusions")
        elif isinstance(item, Filter) and item.name in ARTICLE_FILTERS:
            parts.append(f"{item.name}:")
        elif isinstance(item, (And, Or)):
            stack.extend(reversed(item.children))  # left to right, as typed
    if not parts:
        return ""
    named = " and ".join(sorted(set(parts), key=parts.index))
    return f" ({named} choose articles, not places in one: they are left out here)"


def _separated(options: Iterable[Option]) -> Iterator[Option | None]:
    """Options with a separator line between each (a hit is two or more lines)."""
    for i, option in enumerate(options):
        if i:
            yield None
        yield option


def _hit_prompt(hit: Hit) -> Text:
    """Title and date · source on one line, the snippet (hits marked) under it."""
    text = Text(no_wrap=False, end="")
    text.append(line_text(hit.title) or "(untitled)", style="bold")
    details = " · ".join(v for v in (line_text(hit.date), line_text(hit.source).split(",")[0].strip()) if v)
    if details:
        text.append(f"  {details}", style="dim")
    text.append("\n")
    snippet = Text(body_text(hit.snippet).replace("\n", " "), style="italic")  # keeps the marks' offsets
    for start, end in hit.marks:
        snippet.stylize("bold reverse", start, end)
    text.append_text(snippet)
    return text


def _context_prompt(body: str, span: tuple[int, int], index: int) -> Text:
    """One line of the article around a hit, the hit marked."""
    start, end = span
    body = body_text(body)  # character for character, so the span still lines up
    left, right = _word_bounds(body, max(0, start - CONTEXT_CHARS), start, end, min(len(body), end + CONTEXT_CHARS))
    before = " ".join(body[left:start].split())
    hit = " ".join(body[start:end].split())
    after = " ".join(body[end:right].split())
    text = Text(f"{index + 1:>3}  ", style="dim", end="")
    text.append(("…" if left else "") + before + (" " if body[left:start][-1:].isspace() else ""))
    text.append(hit, style="bold reverse")
    text.append((" " if body[end:right][:1].isspace() else "") + after + ("…" if right < len(body) else ""))
    return text


def _word_bounds(body: str, left: int, start: int, end: int, right: int) -> tuple[int, int]:
    """Move a context window's edges to word boundaries, so a snippet never starts or ends mid-word."""
    if left > 0 and not body[left - 1].isspace():
        gap = next((i for i in range(left, start) if body[i].isspace()), None)
        left = gap + 1 if gap is not None else left
        while left > 0 and not body[left - 1].isspace() and left > start - 2 * CONTEXT_CHARS:
            left -= 1  # the hit's own word runs back past the window: show it whole
    if right < len(body) and not body[right].isspace():
        gap = next((i for i in range(right - 1, end - 1, -1) if body[i].isspace()), None)
        right = gap if gap is not None else right
        while right < len(body) and not body[right].isspace() and right < end + 2 * CONTEXT_CHARS:
            right += 1
    return left, right


class SearchActions:
    """The reader's search actions (mixed into ReaderScreen): `/`, `ctrl+f`, `n`, `N`."""

    search_query: str = ""
    """The last query, offered again by the next `/` or `ctrl+f`."""
    search_hits: list[tuple[int, int]] = []
    """Body spans of the hits in the article on show, in order (empty when it was not opened by search)."""
    search_article_id: int | None = None
    """The article `search_hits` belong to."""
    hit_index: int | None = None
    search_chosen: int | None = None
    """The article last opened from the library search of `search_query`."""

    def action_search(self: ReaderScreen) -> None:
        self.app.push_screen(SearchScreen(self.search_query, open_article_id=self.current_article_id,
                                          chosen_article_id=self.search_chosen), self._search_closed)

    def search_for(self: ReaderScreen, query: str) -> None:
        """The library search opened on `query`, the cursor after it for more words (a dossier's `/`)."""
        self.app.push_screen(SearchScreen(query, open_article_id=self.current_article_id, extend_query=True),
                             self._search_closed)

    def action_search_article(self: ReaderScreen) -> None:
        if self.current_article_id is None:
            return
        here = (self.search_hits[self.hit_index][0] if self.search_article_id == self.current_article_id
                and self.hit_index is not None and self.hit_index < len(self.search_hits) else None)
        self.app.push_screen(SearchScreen(self.search_query, article_id=self.current_article_id,
                                          chosen_offset=here), self._search_closed)

    def _search_closed(self: ReaderScreen, result: SearchResult | None) -> None:
        if result is None:
            return
        if result.query != self.search_query:
            self.search_chosen = None
        self.search_query = result.query
        if result.article_id is not None:
            if result.offset is None:
                self.search_chosen = result.article_id
            self.open_search_hit(result.article_id, result.query, result.offset)
        self.article.focus()

    def open_search_hit(self: ReaderScreen, article_id: int, query: str, offset: int | None = None) -> None:
        """Open an article with every hit of `query` highlighted, on the hit at `offset` (else the first)."""
        try:
            spans = article_hits(self.app.library, article_id, query)
        except (QueryError, *UNEXPECTED_ERRORS):
            spans = []
        if offset is None:
            offset = spans[0][0] if spans else None
        if article_id != self.current_article_id or offset is None:
            if not self.open_article(article_id, focus=offset, highlights=spans):
                return
        else:
            self.article.set_marks("search", spans, component="article--search")
            self.article.go_to(offset)
        self.search_hits = spans
        self.search_article_id = article_id
        starts = [s for s, _ in spans]
        self.hit_index = starts.index(offset) if offset in starts else None
        self._announce_hit()
        if not spans:
            self.notify("It matches this article's title or filters, not words of its text", timeout=3)

    def action_next_hit(self: ReaderScreen) -> None:
        self._step_hit(1)

    def action_previous_hit(self: ReaderScreen) -> None:
        self._step_hit(-1)

    def _step_hit(self: ReaderScreen, step: int) -> None:
        if self.search_article_id != self.current_article_id:
            self._find_query_here()
        if not self.search_hits or self.search_article_id != self.current_article_id:
            self.notify(self._no_hits_here(), timeout=3)
            return
        if self.hit_index is None:
            reference = self.article.cursor_span[0] if self.article.cursor_span else self.article.top_offset
            after = [i for i, (s, _) in enumerate(self.search_hits) if s > reference]
            before = [i for i, (s, _) in enumerate(self.search_hits) if s < reference]
            if step > 0:
                self.hit_index = after[0] if after else 0
            else:
                self.hit_index = before[-1] if before else len(self.search_hits) - 1
        else:
            self.hit_index = (self.hit_index + step) % len(self.search_hits)
        self.article.go_to(self.search_hits[self.hit_index][0])
        self._announce_hit()

    def _no_hits_here(self: ReaderScreen) -> str:
        """Why n/N have nothing to move to: no query, the query only in the title, or not here at all."""
        query = self.search_query
        if not query.strip():
            return "No search hits in this article: / searches, ctrl+f finds in it"
        try:
            in_title = bool(match_spans(self.article.analysis.article.title, query))
        except (QueryError, AttributeError, *UNEXPECTED_ERRORS):
            in_title = False
        where = "only in this article's title, not its text" if in_title else "not in this article"
        return f"“{line_text(query)}” is {where}: / searches, ctrl+f finds in it"

    def _find_query_here(self: ReaderScreen) -> None:
        """n/N in an article not opened from the search: the last query's hits in this one."""
        if self.current_article_id is None or not self.search_query.strip():
            return
        try:
            spans = article_hits(self.app.library, self.current_article_id, self.search_query)
        except (QueryError, *UNEXPECTED_ERRORS):
            return
        if spans:
            self.article.set_marks("search", spans, component="article--search")
            self.search_hits, self.search_article_id, self.hit_index = spans, self.current_article_id, None

    def _announce_hit(self: ReaderScreen) -> None:
        """Say where we are among the hits under the article (a toast would cover its last lines)."""
        self._update_position()

    def hits_text(self: ReaderScreen) -> str:
        """"hit 2/7 n/N" while the open article is the one searched; "" otherwise."""
        if not self.search_hits or self.search_article_id != self.current_article_id:
            return ""
        total = len(self.search_hits)
        if self.hit_index is None:
            return f"{total} hit{'s' if total != 1 else ''} n/N"
        return f"hit {self.hit_index + 1}/{total} n/N"
