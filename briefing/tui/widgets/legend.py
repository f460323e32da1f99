"""The legend under the article: what each colour means, whether highlights are on, where the cursor is."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from briefing.tui.widgets.article_view import SPAN_CSS

ENTRIES = (
    ("article--person", "person"),
    ("article--place", "place"),
    ("article--organization", "org"),
    ("article--group", "group"),
    ("article--figure", "figure"),
    ("article--quote", "quote"),
)


class Legend(Widget):
    """One line: a swatch per kind in the article's own colours, and the cursor's position."""

    COMPONENT_CLASSES = {c for c, _ in ENTRIES} | {"article--gutter"}
    DEFAULT_CSS = "Legend { height: 1; padding: 0 1; color: $text-muted; }\nLegend {" + SPAN_CSS.replace(
        "& > .article--cursor { background: $primary 30%; }", "") + "}"

    highlights: reactive[bool] = reactive(True)
    position: reactive[str] = reactive("")

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.highlights:
            for component, label in ENTRIES:
                style = self.get_component_rich_style(component, partial=True)
                text.append("■ " if component != "article--quote" else "▌", style=style + self.get_component_rich_style(
                    "article--gutter", partial=True) if component == "article--quote" else style)
                text.append(label, style=style)
                text.append("  ")
        else:
            text.append("highlights off  ")
        if self.position:
            pad = self.size.width - text.cell_len - len(self.position)
            text.append(" " * max(pad, 1))
            text.append(self.position)
        return text
