"""A light, virtual table for the panes and the dossier: fixed header, one line per row, drawn on demand.

DataTable measures every cell of every row and re-lays out the screen as it fills; an article with
hundreds of people made opening it slow. Here column widths come from string lengths and only the
lines in view are rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Column = tuple[str, int | None]
"""(title, widest) — `None` marks the one flexible column that takes the width left over."""


class PaneTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of cells, each row standing for an item (`items[row]`); a cursor; Enter selects."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", id="pane-down", show=False),
        Binding("k,up", "cursor_up", "Up", id="pane-up", show=False),
        Binding("pagedown", "page_down", "Page down", id="pane-page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="pane-page-up", show=False),
        Binding("home", "first", "First", id="pane-first", show=False),
        Binding("end", "last", "Last", id="pane-last", show=False),
        Binding("enter", "select", "Open", id="pane-open"),
    ]

    COMPONENT_CLASSES = {"pane-table--header", "pane-table--cursor", "pane-table--empty"}

    DEFAULT_CSS = """
    PaneTable {
        overflow-x: hidden;
        height: 1fr;
        & > .pane-table--header { text-style: bold; color: $text-secondary; }
        & > .pane-table--cursor { background: $block-cursor-blurred-background; }
        &:focus > .pane-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
        & > .pane-table--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Highlighted(Message):
        """The cursor moved to a row."""

        def __init__(self, table: PaneTable, item: Any) -> None:
            super().__init__()
            self.table = table
            self.item = item

        @property
        def control(self) -> PaneTable:
            return self.table

    class Selected(Highlighted):
        """Enter (or a click on the row under the cursor)."""

    def __init__(self, pane: str, columns: Sequence[Column], *, empty: str = "nothing here",
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.pane = pane
        self.columns = list(columns)
        self.empty = empty
        self.items: list[Any] = []
        self.cells: list[Sequence[Text]] = []
        self.cursor = 0
        self._widths: list[int] = []

    def on_mount(self) -> None:
        # A lazily mounted pane asks its owner for the rows of the article on show.
        owner = next((a for a in self.ancestors if hasattr(a, "fill_table")), None)
        if owner is not None:
            owner.fill_table(self)

    # ------------------------------------------------------------ content
    def fill(self, items: Sequence[Any], cells: Sequence[Sequence[Text]]) -> None:
        """Show new rows, cursor on the first."""
        self.items = list(items)
        self.cells = list(cells)
        self.cursor = 0
        self._measure()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _measure(self) -> None:
        widths = []
        for index, (title, widest) in enumerate(self.columns):
            if widest is None:
                widths.append(0)
                continue
            longest = max((cell_len(row[index].plain) for row in self.cells), default=0)
            widths.append(min(max(longest, cell_len(title)), widest))
        self._widths = widths
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.cells) + 1)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.cells) + 1)

    @property
    def current(self) -> Any | None:
        """The item under the cursor."""
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    @property
    def cursor_row(self) -> int:
        return self.cursor

    # ------------------------------------------------------------ movement
    def move_to(self, row: int) -> None:
        if not self.items:
            return
        row = min(max(row, 0), len(self.items) - 1)
        changed = row != self.cursor
        self.cursor = row
        rows_in_view = max(self.scrollable_content_region.height - 1, 1)
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + rows_in_view:
            self.scroll_to(y=row - rows_in_view + 1, animate=False, immediate=True)
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(self, self.current))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.scrollable_content_region.height - 2, 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.scrollable_content_region.height - 2, 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.items) - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event) -> None:
        if event.y == 0:
            return
        row = int(self.scroll_y) + event.y - 1
        if 0 <= row < len(self.items):
            if row == self.cursor and self.has_focus:
                self.action_select()
            else:
                self.focus()
                self.move_to(row)

    # ------------------------------------------------------------ drawing
    def _line(self, cells: Sequence[Text], width: int, header: bool = False) -> Text:
        fixed = sum(w + 1 for w in self._widths if w)
        flex = max(width - fixed - 2, 4)  # the leading space and the flexible column's separator
        line = Text(" ", no_wrap=True, end="")
        for (title, widest), cell, column_width in zip(self.columns, cells, self._widths):
            w = flex if widest is None else column_width
            piece = cell.copy()
            piece.truncate(w, overflow="ellipsis", pad=True)
            line.append_text(piece)
            line.append(" ")
        line.truncate(width, overflow="ellipsis")
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = self._line([Text(title) for title, _ in self.columns], width, header=True)
            style = base + self.get_component_rich_style("pane-table--header", partial=True)
            return Strip(list(header.render(self.app.console)), header.cell_len).apply_style(style) \
                .extend_cell_length(width, base).crop(0, width)
        row = int(self.scroll_y) + y - 1
        if not self.items and y == 1:
            text = Text(f" {self.empty}", end="")
            style = base + self.get_component_rich_style("pane-table--empty", partial=True)
            return Strip(list(text.render(self.app.console))).apply_style(style).extend_cell_length(
                width, base).crop(0, width)
        if row >= len(self.cells):
            return Strip.blank(width, base)
        line = self._line(self.cells[row], width)
        style = base
        if row == self.cursor:
            style = base + self.get_component_rich_style("pane-table--cursor")
        return Strip(list(line.render(self.app.console))).apply_style(style).extend_cell_length(
            width, style).crop(0, width)


__all__ = ["PaneTable", "Column", "Style"]
