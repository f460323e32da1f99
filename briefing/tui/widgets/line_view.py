"""A base for the reader's Line API widgets (article, library list, pane tables): cheaper frames.

Two costs showed in profiles of opening an article:
- `rich_style` walks every ancestor's styles; asked once per line, it was a sixth of a frame.
  Here it is asked once per render pass.
- Textual shows or hides scrollbars during layout, and a scrollbar appearing there marks the
  widget dirty again: every long article opened after a short one was drawn twice. Here the
  scrollbars follow the virtual size as soon as it is set.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """A ScrollView whose lines share one base style per render pass and whose scrollbars settle early."""

    _pass_style: Style | None = None

    @property
    def line_style(self) -> Style:
        """The widget's base style: computed once per render pass, fresh outside one."""
        return self._pass_style if self._pass_style is not None else self.rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size; show or hide the scrollbars now rather than in the next layout."""
        if size == self.virtual_size:
            return
        self.virtual_size = size
        if self.is_attached and self.container_size:
            self._refresh_scrollbars()  # Textual 8.2's own check, run before layout instead of during it
