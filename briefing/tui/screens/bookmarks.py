"""Bookmarked claims in the reader: `b`/`B` on the reader, and the bookmarks screen (`m`).

`BOOKMARK_BINDINGS` and `BookmarkActions` give the reader its keys for bookmarks, the agenda and
exporting the article; `BookmarksScreen` lists bookmarks with a filter (words, `tag:`, `speaker:`,
`article:`), opens the article at a claim, edits note and tags, deletes with undo.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.model import Bookmark
from briefing.store.bookmarks import (
    Claim,
    detached_note,
    add_bookmark,
    article_of,
    bookmarks_for_article,
    claim_under,
    delete_bookmark,
    citation,
    find_bookmark,
    is_reported,
    list_bookmarks,
    parse_filter,
    quoted_text,
    restore_bookmark,
    update_bookmark,
)
from briefing.tui.screens.bookmark_dialog import BookmarkDialog, NoteAndTags, PathDialog
from briefing.tui.safe_text import line_text
from briefing.tui.widgets.ordered_input import OrderedInput
from briefing.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

CLAIM_WIDTH = 240
MAX_SHOWN = 300  # the newest matches; a list of thousands would make every keystroke of the filter wait


class ClaimList(OptionList, inherit_bindings=False):
    """An option list that also moves with j/k (its own bindings, each with an id for the keymap)."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", id="claims-down", show=False),
        Binding("k,up", "cursor_up", "Up", id="claims-up", show=False),
        Binding("home,g", "first", "First", id="claims-first", show=False),
        Binding("end,G", "last", "Last", id="claims-last", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="claims-page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="claims-page-up", show=False),
        Binding("enter", "select", "Open", id="claims-open"),
    ]


# ---------------------------------------------------------------- the reader's keys and actions
BOOKMARK_BINDINGS = [
    Binding("b", "bookmark", "Bookmark", id="bookmark",
            tooltip="Bookmark the claim under the sentence cursor (the quote, else the sentence)"),
    Binding("B", "bookmark_with_note", "Bookmark with note", id="bookmark-with-note", show=False,
            tooltip="Bookmark the claim under the cursor with a note and tags"),
    Binding("m", "bookmarks", "Bookmarks", id="bookmarks", show=False, tooltip="List, filter and edit bookmarks"),
    Binding("a", "agenda", "Agenda", id="agenda", show=False, tooltip="Engagements across the library by date"),
    Binding("X", "export_article", "Export article as Markdown", id="export-article", show=False,
            tooltip="Write the article with its people, places, quotes and engagements as Markdown"),
]
"""The reader's keys for bookmarks, the agenda and export (spliced into ReaderScreen.BINDINGS).
Only `b` takes room in the footer; the others are in `?` help and the command palette."""


class BookmarkActions:
    """The reader's actions for bookmarks, the agenda and export (a base of ReaderScreen).

    Expects `app`, `current_article_id` and `article` (the ArticleView) from the reader.
    """

    app: BriefingApp
    current_article_id: int | None
    article: Any

    def mark_bookmarks(self) -> None:
        """Mark the bookmarked claims of the article on show."""
        if self.current_article_id is None:
            return
        spans = [(b.start, b.end) for b in bookmarks_for_article(self.app.library, self.current_article_id)]
        self.article.set_marks("bookmark", spans, component="article--bookmark")

    def on_screen_resume(self) -> None:
        self.mark_bookmarks()  # the bookmarks screen may have deleted or restored some

    def claim_at_cursor(self) -> tuple[int, Claim] | None:
        """The article and the claim under the sentence cursor (placing the cursor if it is not yet)."""
        view = self.article
        if self.current_article_id is None or view.analysis is None:
            self.notify("No article is open.", severity="warning")
            return None
        if view.cursor_span is None:
            view.next_sentence(1)
        span = view.cursor_span
        if span is None:
            self.notify("This article has no sentences to bookmark.", severity="warning")
            return None
        return self.current_article_id, claim_under(view.analysis, *span)

    def action_bookmark(self) -> None:
        found = self.claim_at_cursor()
        if found is None:
            return
        article_id, claim = found
        existing = find_bookmark(self.app.library, article_id, claim.start, claim.end)
        try:
            bookmark = existing or add_bookmark(self.app.library, article_id, claim.start, claim.end,
                                                kind=claim.kind, speaker=claim.speaker,
                                                quote_kind=claim.quote_kind, cue=claim.cue)
        except KeyError:  # the article on show was replaced or removed from another terminal
            self._article_gone()
            return
        self.mark_bookmarks()
        self.notify(describe(bookmark, 90), title="Already bookmarked" if existing else "Bookmarked",
                    markup=False)

    def action_bookmark_with_note(self) -> None:
        found = self.claim_at_cursor()
        if found is None:
            return
        article_id, claim = found
        library = self.app.library
        existing = find_bookmark(library, article_id, claim.start, claim.end)

        def save(result: NoteAndTags | None) -> None:
            if result is None:
                return
            if existing is not None:
                bookmark = update_bookmark(library, existing.id or 0, note=result.note, tags=result.tags)
            else:
                try:
                    bookmark = add_bookmark(library, article_id, claim.start, claim.end, kind=claim.kind,
                                            speaker=claim.speaker, quote_kind=claim.quote_kind, cue=claim.cue,
                                            note=result.note, tags=result.tags)
                except KeyError:
                    self._article_gone()
                    return
            self.mark_bookmarks()
            self.notify(describe(bookmark, 90), title="Bookmarked", markup=False)

        text = self.article.body[claim.start:claim.end]
        self.app.push_screen(BookmarkDialog(text, speaker=claim.speaker,
                                            note=existing.note if existing else "",
                                            tags=existing.tags if existing else [],
                                            title="Edit bookmark" if existing else "Bookmark with a note"), save)

    def action_bookmarks(self) -> None:
        self.app.push_screen(BookmarksScreen())

    def action_agenda(self) -> None:
        from briefing.tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen())

    def action_export_article(self) -> None:
        if self.current_article_id is None:
            self.notify("No article is open.", severity="warning")
            return
        article_id = self.current_article_id
        title = self.app.library.article(article_id).title
        proposal = str(Path.cwd() / f"{slug(title)}.md")

        def write(path: str | None) -> None:
            if path:
                self.export_article(article_id, path)

        self.app.push_screen(PathDialog("Export article as Markdown to", proposal), write)

    def export_article(self, article_id: int, path: str) -> None:
        from briefing.export import article_markdown

        target = Path(path).expanduser()
        try:
            target.write_text(article_markdown(self.app.library.analysis(article_id)), encoding="utf-8")
        except OSError as exc:
            self.notify(f"{target}: cannot write: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(f"Wrote {target}", title="Exported", markup=False)


# ---------------------------------------------------------------- the bookmarks screen
class BookmarksScreen(Screen, inherit_bindings=False):
    """Every bookmark, newest first, narrowed by a filter box."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="bookmarks-back"),
        Binding("tab", "switch_focus", "Filter/list", id="bookmarks-switch-focus", show=False),
        Binding("slash,f", "filter", "Filter", id="bookmarks-filter", key_display="/"),
        Binding("e", "edit", "Edit note/tags", id="bookmarks-edit"),
        Binding("d,delete", "delete", "Delete", id="bookmarks-delete"),
        Binding("u", "undo", "Undo delete", id="bookmarks-undo"),
        Binding("x", "export", "Export as Markdown", id="bookmarks-export",
                tooltip="Write the bookmarks the filter shows as Markdown, ready for a memo"),
        Binding("question_mark", "help", "Help", id="bookmarks-help", key_display="?"),
    ]

    DEFAULT_CSS = """
    BookmarksScreen #bookmarks-header { height: 1; padding: 0 1; background: $panel; }
    BookmarksScreen #bookmarks-filter-box { border: none; height: 1; padding: 0 1; background: $boost; }
    BookmarksScreen #bookmarks-filter-box:focus { background: $primary 20%; }
    BookmarksScreen #bookmarks-list { height: 1fr; border: none; }
    BookmarksScreen #bookmarks-detail { height: auto; max-height: 10; padding: 0 1; background: $panel; }
    """

    app: BriefingApp

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Bookmark] = []
        self.deleted: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        yield Static(id="bookmarks-header")
        yield OrderedInput(placeholder="Filter (/): words, tag:NAME, speaker:NAME, article:TITLE",
                    id="bookmarks-filter-box")
        yield ClaimList(id="bookmarks-list")
        yield Static(id="bookmarks-detail")
        yield KeysFooter()

    @property
    def listing(self) -> ClaimList:
        return self.query_one("#bookmarks-list", ClaimList)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#bookmarks-filter-box", Input)

    def on_mount(self) -> None:
        self.refresh_list()
        self.listing.focus()

    def refresh_list(self, select: int | None = None) -> None:
        """Read the bookmarks again under the filter; keep the highlight on `select` (an id) or its place."""
        listing = self.listing
        place = listing.highlighted or 0
        query = self.filter_box.value
        self.shown = list_bookmarks(self.app.library, parse_filter(query), limit=MAX_SHOWN + 1)
        more = len(self.shown) > MAX_SHOWN
        del self.shown[MAX_SHOWN:]
        listing.set_options([Option(entry(b), id=str(b.id)) for b in self.shown])
        if self.shown:
            ids = [b.id for b in self.shown]
            listing.highlighted = ids.index(select) if select in ids else min(place, len(self.shown) - 1)
        total = self.app.library.stats()["bookmarks"]
        header = Text(no_wrap=True, overflow="ellipsis", end="")
        header.append("Bookmarks", style="bold")
        if more:
            header.append(f"  the newest {MAX_SHOWN} of {total}: narrow with the filter (/)", style="dim")
        else:
            header.append(f"  {len(self.shown)} of {total}" if query.strip() else f"  {total}", style="dim")
        if self.deleted:
            header.append("  · u: undo delete", style="dim")
        self.query_one("#bookmarks-header", Static).update(header)
        self._show_detail()

    @property
    def current(self) -> Bookmark | None:
        index = self.listing.highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def _show_detail(self) -> None:
        bookmark = self.current
        detail = self.query_one("#bookmarks-detail", Static)
        if bookmark is None:
            detail.update(Text("No bookmarks here. In the reader, b bookmarks the claim under the cursor."
                               if not self.filter_box.value.strip() else "No bookmark matches the filter."))
            return
        claim = line_text(bookmark.text)
        text = Text(quoted_text(bookmark, claim) if is_reported(bookmark) else claim)
        if bookmark.speaker:
            text.append(f"\n— {line_text(bookmark.speaker)}", style="italic")
        meta = " · ".join(p for p in map(line_text, (bookmark.title, bookmark.source, bookmark.date, bookmark.url)) if p)
        text.append(f"\n{meta}", style="dim")
        if bookmark.detached:
            text.append(f"\nDetached: {detached_note(bookmark)} (the bookmark keeps the text).", style="bold")
        detail.update(text)

    @on(OptionList.OptionHighlighted, "#bookmarks-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Input.Changed, "#bookmarks-filter-box")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#bookmarks-filter-box")
    def _filter_submitted(self) -> None:
        self.listing.focus()

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _selected(self) -> None:
        self.open_current()

    def open_current(self) -> None:
        """Open the article at the claim, the claim highlighted."""
        bookmark = self.current
        if bookmark is None:
            return
        article_id = article_of(self.app.library, bookmark)
        if article_id is None:
            self.notify(f"{_sentence(detached_note(bookmark) or '')}; the bookmark keeps the text.",
                        title="Detached", severity="warning")
            return

        def show(reader: Any) -> None:
            reader.open_article(article_id, focus=bookmark.start)
            reader.article.set_marks("highlight", [(bookmark.start, bookmark.end)], component="article--highlight")

        self.app.show_in_reader(show)

    def action_filter(self) -> None:
        self.filter_box.focus()

    def action_switch_focus(self) -> None:
        (self.listing if self.focused is self.filter_box else self.filter_box).focus()

    def action_back(self) -> None:
        if self.focused is self.filter_box:
            self.listing.focus()
        else:
            self.app.pop_screen()

    def action_edit(self) -> None:
        bookmark = self.current
        if bookmark is None or bookmark.id is None:
            return
        bookmark_id = bookmark.id

        def save(result: NoteAndTags | None) -> None:
            if result is not None:
                update_bookmark(self.app.library, bookmark_id, note=result.note, tags=result.tags)
                self.refresh_list(select=bookmark_id)

        self.app.push_screen(BookmarkDialog(bookmark.text, speaker=bookmark.speaker, note=bookmark.note,
                                            tags=bookmark.tags, title="Edit note and tags"), save)

    def action_delete(self) -> None:
        bookmark = self.current
        if bookmark is None or bookmark.id is None:
            return
        try:
            self.deleted.append(delete_bookmark(self.app.library, bookmark.id))
        except KeyError:
            pass  # already gone (another window)
        self.refresh_list()
        self.notify(describe(bookmark, 60), title="Deleted · u to undo", markup=False)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo.")
            return
        restored = restore_bookmark(self.app.library, self.deleted.pop())
        self.refresh_list(select=restored.id)
        self.notify(describe(restored, 60), title="Restored", markup=False)

    def action_export(self) -> None:
        where = parse_filter(self.filter_box.value)

        def write(path: str | None) -> None:
            if path:
                self.export_to(path, list_bookmarks(self.app.library, where))

        self.app.push_screen(PathDialog("Export these bookmarks as Markdown to", str(Path.cwd() / "bookmarks.md")),
                             write)

    def export_to(self, path: str, bookmarks: list[Bookmark]) -> None:
        from briefing.export import bookmarks_markdown

        target = Path(path).expanduser()
        try:
            target.write_text(bookmarks_markdown(bookmarks), encoding="utf-8")
        except OSError as exc:
            self.notify(f"{target}: cannot write: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(f"Wrote {len(bookmarks)} to {target}", title="Exported", markup=False)

    def action_help(self) -> None:
        self.app.action_help()


# ---------------------------------------------------------------- text
def entry(bookmark: Bookmark) -> Text:
    """A bookmark as a list entry: the claim, then who, where from, tags and note (never markup)."""
    text = Text(end="")
    claim = _clip(bookmark.text, CLAIM_WIDTH)
    text.append(quoted_text(bookmark, claim), style="italic" if bookmark.kind == "quote" else "")
    line = Text("\n  ", style="dim")
    if bookmark.speaker:
        line.append(f"— {line_text(bookmark.speaker)} · ", style="dim italic")
    line.append(_clip(bookmark.title or "untitled", 60), style="dim")
    if bookmark.date:
        line.append(f" · {line_text(bookmark.date)}", style="dim")
    if bookmark.tags:
        line.append("  " + " ".join(f"#{line_text(t)}" for t in bookmark.tags), style="bold")
    if bookmark.detached:
        line.append("  detached", style="bold reverse")
    text.append_text(line)
    if bookmark.note:
        text.append(f"\n  note: {_clip(bookmark.note, 120)}")
    return text


def describe(bookmark: Bookmark, width: int) -> str:
    """One line for a notification (shown with markup off)."""
    return citation(bookmark, _clip(bookmark.text, width))


def slug(title: str) -> str:
    """A file name from a title: lowercase words joined by hyphens."""
    words = re.findall(r"\w+", title.casefold())
    return "-".join(words)[:80].strip("-") or "article"


def _clip(value: str, width: int) -> str:
    """One line of at most `width` characters, safe to draw (no controls, escapes or bidi overrides)."""
    value = line_text(value)
    return value if len(value) <= width else value[: width - 1] + "…"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
