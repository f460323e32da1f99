"""The library list: one line per article (date, source, title), drawn on demand for any library size."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from briefing.store.queries import ArticleRow
from briefing.tui.safe_text import line_text
from briefing.tui.widgets.line_view import LineView


class ArticleList(LineView, can_focus=True, inherit_bindings=False):
    """A virtual list of ArticleRow: only the lines in view are rendered, so 10,000 rows cost nothing."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", id="list-down", show=False),
        Binding("k,up", "cursor_up", "Up", id="list-up", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="list-page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="list-page-up", show=False),
        Binding("g,home", "first", "First", id="list-first", show=False),
        Binding("G,end", "last", "Last", id="list-last", show=False),
        Binding("enter", "select", "Open", id="list-open"),
    ]

    COMPONENT_CLASSES = {"article-list--cursor", "article-list--date", "article-list--source",
                         "article-list--current"}

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
        & > .article-list--date { color: $text-muted; }
        & > .article-list--source { color: $text-secondary; }
        & > .article-list--current { text-style: bold; }
    }
    """

    class Selected(Message):
        """Enter (or a click) on an article."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[ArticleRow] = []
        self.cursor = 0
        self.current_id: int | None = None  # the article open in the reader, shown bold

    def set_rows(self, rows: list[ArticleRow]) -> None:
        """Replace the rows, keeping the cursor on the same article when it is still listed."""
        keep = self.highlighted.id if self.highlighted else None
        self.rows = rows
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(rows)))
        self.cursor = next((i for i, r in enumerate(rows) if r.id == keep), 0) if keep is not None else 0
        self._clamp()
        self.refresh()

    @property
    def highlighted(self) -> ArticleRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def select_id(self, article_id: int) -> None:
        """Move the cursor to an article and mark it as the one open."""
        changed = {self.cursor, self._index_of(self.current_id)}
        self.current_id = article_id
        index = self._index_of(article_id)
        if index is not None:
            self.cursor = index
        if not self._clamp():
            self._refresh_rows(*changed, self.cursor)  # only the lines that change, when nothing scrolled

    def _index_of(self, article_id: int | None) -> int | None:
        if article_id is None:
            return None
        return next((index for index, row in enumerate(self.rows) if row.id == article_id), None)

    def _refresh_rows(self, *indices: int | None) -> None:
        top, height, width = int(self.scroll_y), self.scrollable_content_region.height, self.size.width
        for index in indices:
            if index is not None and top <= index < top + height:
                self.refresh(Region(0, index - top, width, 1))

    def _clamp(self) -> bool:
        """Keep the cursor in the list and in view; True when that scrolled (and so redraws everything)."""
        self.cursor = min(max(self.cursor, 0), max(len(self.rows) - 1, 0))
        height = max(self.scrollable_content_region.height, 1)
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
            return True
        if self.cursor >= self.scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
            return True
        return False

    def _move(self, delta: int) -> None:
        self.cursor += delta
        self._clamp()
        self.refresh()

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self._move(-max(self.scrollable_content_region.height - 1, 1))

    def action_first(self) -> None:
        self._move(-len(self.rows))

    def action_last(self) -> None:
        self._move(len(self.rows))

    def action_select(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Selected(row.id))

    def on_click(self, event) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.refresh()
            self.action_select()

    def on_resize(self) -> None:
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(self.rows)))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.line_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("article-list--cursor")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        date_style = self.get_component_rich_style("article-list--date", partial=True)
        text.append((line_text(row.date) or "undated")[:10].ljust(11), style=date_style)
        if row.source and width >= 60:
            text.append(_short(row.source, 14).ljust(15), style=self.get_component_rich_style(
                "article-list--source", partial=True))
        title_style = self.get_component_rich_style("article-list--current", partial=True) \
            if row.id == self.current_id else Style()
        text.append(line_text(row.title) or "(untitled)", style=title_style)
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        return Strip(segments).apply_style(style).extend_cell_length(width, style).crop(0, width)


def _short(value: str, width: int) -> str:
    value = line_text(value)
    return value if len(value) <= width else value[: width - 1] + "…"


__all__ = ["ArticleList", "Segment"]
