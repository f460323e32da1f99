"""The legend under the article: what each colour means, whether highlights are on, where the cursor is."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from briefing.tui.widgets.article_view import SPAN_CSS

ENTRIES = (
    ("article--person", "person", "per"),
    ("article--place", "place", "pl"),
    ("article--organization", "org", "org"),
    ("article--group", "group", "grp"),
    ("article--figure", "figure", "fig"),
    ("article--quote", "quote", "q"),
)


class Legend(Widget):
    """One line: a swatch per kind in the article's own colours, and the cursor's position."""

    COMPONENT_CLASSES = {c for c, _, _ in ENTRIES} | {"article--gutter"}
    DEFAULT_CSS = "Legend { height: 1; padding: 0 1; color: $text-muted; }\nLegend {" + SPAN_CSS.replace(
        "& > .article--cursor { background: $primary 30%; }", "") + "}"

    highlights: reactive[bool] = reactive(True)
    position: reactive[str] = reactive("")

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Text:
        """Swatches on the left, the position on the right; the swatches give way to the position."""
        width = self.size.width
        room = width - cell_len(self.position) - 1 if self.position else width
        text = self._swatches(short=False)
        shown = len(ENTRIES)
        while text.cell_len > room and shown:  # short labels first, then the last kinds go whole
            text = self._swatches(short=True, shown=shown)
            shown -= 1
        if text.cell_len > room:
            text = Text(end="")
        if self.position:
            text.append(" " * max(width - text.cell_len - cell_len(self.position), 1))
            text.append(self.position)
        return text

    def _swatches(self, short: bool, shown: int = len(ENTRIES)) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.highlights:
            for component, long_label, short_label in ENTRIES[:shown]:
                label = short_label if short else long_label
                style = self.get_component_rich_style(component, partial=True)
                text.append("■ " if component != "article--quote" else "▌", style=style + self.get_component_rich_style(
                    "article--gutter", partial=True) if component == "article--quote" else style)
                text.append(label, style=style)
                text.append(" " if short else "  ")
        else:
            text.append("highlights off (h)  ")
        return text
