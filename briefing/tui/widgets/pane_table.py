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
from textual.strip import Strip

from briefing.tui.widgets.line_view import LineView

Column = tuple[str, int | None]
"""(title, widest) — `None` marks the one flexible column that takes the width left over."""


class PaneTable(LineView, can_focus=True, inherit_bindings=False):
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

    def __init__(self, pane: str, columns: Sequence[Column], *, empty: str = "nothing here", stacked: bool | int = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.pane = pane
        self.columns = list(columns)
        self.empty = empty
        self.items: list[Any] = []
        self.cells: list[Sequence[Text]] = []
        self.cursor = 0
        self._widths: list[int] = []
        self.stack_mode = stacked
        """True: each row is an item of several lines, the other cells then the last cell wrapped to
        the width. A number N: so only while the pane is narrower than N cells (a role column squeezed
        to nine cells tells nothing)."""
        self._row_lines: list[list[Text]] = []
        self._row_first: list[int] = []  # the first line of each row (stacked)
        self._stacked_for = -1

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

    @property
    def stacked(self) -> bool:
        if isinstance(self.stack_mode, bool):
            return self.stack_mode
        return self.scrollable_content_region.width < self.stack_mode

    def _measure(self) -> None:
        widths = []
        for index, (title, widest) in enumerate(self.columns):
            if widest is None:
                widths.append(0)
                continue
            longest = max((cell_len(row[index].plain) for row in self.cells), default=0)
            widths.append(min(max(longest, cell_len(title)), widest))
        self._widths = widths
        self._stacked_for = -1
        self._set_size()

    def on_resize(self) -> None:
        self._set_size()

    def _set_size(self) -> None:
        width = self.scrollable_content_region.width
        if self.stacked and width != self._stacked_for:
            self._stack(width)
        lines = self._row_first[-1] + len(self._row_lines[-1]) if self.stacked and self._row_lines else len(self.cells)
        self.set_virtual_size(Size(width, lines + 1))

    def _stack(self, width: int) -> None:
        """Lay out rows as items: a first line of the leading cells, then the last cell wrapped (max 3 lines)."""
        inner = max(width - 2, 8)
        self._row_lines, self._row_first, line = [], [], 0
        for cells in self.cells:
            head = Text(" ", no_wrap=True, end="")
            for cell in cells[:-1]:
                if cell.plain:
                    head.append_text(cell)
                    head.append("  ")
            head.rstrip()
            head.truncate(width, overflow="ellipsis")
            body = cells[-1].copy() if cells else Text("")
            body.no_wrap, body.overflow = False, "fold"
            wrapped = body.wrap(self.app.console, inner, overflow="fold")
            if len(wrapped) > 3:
                wrapped = wrapped[:3]
                wrapped[-1].truncate(inner - 1)
                wrapped[-1].append("…")
            rest = [Text("  ", end="").append_text(piece) for piece in wrapped]
            self._row_first.append(line)
            self._row_lines.append([head, *rest])
            line += 1 + len(rest)
        self._stacked_for = width

    def _row_at_line(self, line: int) -> int:
        """The row shown on content line `line` (stacked rows take several lines)."""
        if not self.stacked:
            return line
        from bisect import bisect_right
        return bisect_right(self._row_first, line) - 1 if line >= 0 else -1

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
        first = last = row
        if self.stacked and row < len(self._row_first):
            first = self._row_first[row]
            last = first + len(self._row_lines[row]) - 1
        if first < self.scroll_y:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= self.scroll_y + rows_in_view:
            self.scroll_to(y=last - rows_in_view + 1, animate=False, immediate=True)
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(self, self.current))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page_rows())

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page_rows())

    def _page_rows(self) -> int:
        return max((self.scrollable_content_region.height - 2) // (3 if self.stacked else 1), 1)

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
        row = self._row_at_line(int(self.scroll_y) + event.y - 1)
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
        base = self.line_style
        if y == 0:
            if self.stacked:
                header = Text(" " + " · ".join(title for title, _ in self.columns), no_wrap=True, end="")
                header.truncate(width, overflow="ellipsis")
            else:
                header = self._line([Text(title) for title, _ in self.columns], width, header=True)
            style = base + self.get_component_rich_style("pane-table--header", partial=True)
            return Strip(list(header.render(self.app.console)), header.cell_len).apply_style(style) \
                .extend_cell_length(width, base).crop(0, width)
        line_index = int(self.scroll_y) + y - 1
        if self.stacked and self._stacked_for != width:
            self._stack(width)
        row = self._row_at_line(line_index)
        if not self.items and y == 1:
            text = Text(f" {self.empty}", end="")
            style = base + self.get_component_rich_style("pane-table--empty", partial=True)
            return Strip(list(text.render(self.app.console))).apply_style(style).extend_cell_length(
                width, base).crop(0, width)
        if row >= len(self.cells) or (self.stacked and (
                row < 0 or row >= len(self._row_lines) or line_index - self._row_first[row] >= len(self._row_lines[row]))):
            return Strip.blank(width, base)
        if self.stacked:
            line = self._row_lines[row][line_index - self._row_first[row]]
        else:
            line = self._line(self.cells[row], width)
        style = base
        if row == self.cursor:
            style = base + self.get_component_rich_style("pane-table--cursor")
        return Strip(list(line.render(self.app.console))).apply_style(style).extend_cell_length(
            width, style).crop(0, width)


__all__ = ["PaneTable", "Column", "Style"]
