"""The article, drawn line by line (Textual's Line API) from the stored body and its analysis spans.

The body is untrusted text: it is sliced and styled with rich.text.Text spans, never parsed as
markup. Wrapping is done here, once per width, and each visual line is rendered on demand and
cached, so a 100,000-word article scrolls as smoothly as a short one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from briefing.model import Analysis, Quote
from briefing.tui.safe_text import body_text, line_text
from briefing.tui.widgets.line_view import LineView

KIND_CLASSES = {
    "person": "article--person",
    "place": "article--place",
    "organization": "article--organization",
    "group": "article--group",
}
GUTTER = 2
_TOKEN = re.compile(r"\S+\s*")

# Shared by the view and its legend so both follow the theme.
SPAN_CSS = """
& > .article--person { color: $text-accent; text-style: bold; }
& > .article--place { color: $text-success; }
& > .article--organization { color: $text-primary; }
& > .article--group { color: #a371c7; }  /* purple: most themes' warning is their accent, the person colour */
& > .article--figure { color: $text-error; text-style: bold; }
& > .article--quote { text-style: italic; color: $text-secondary; }
& > .article--speaker { text-style: italic dim; color: $text-secondary; }
& > .article--gutter { color: $secondary; }
& > .article--cursor { background: $primary 30%; }
& > .article--highlight { background: $warning 45%; text-style: underline; }
& > .article--search { background: $success 45%; }
& > .article--bookmark { text-style: underline; background: $secondary 25%; }
"""


@dataclass(frozen=True)
class VisualLine:
    """One wrapped line: a slice of the body, or a line of its own (a quote's speaker) when `extra` is set."""

    start: int
    end: int
    extra: str | None = None


@dataclass
class _Layer:
    """Spans that share one style, sorted by start, searchable by line."""

    spans: list[tuple[int, int]]
    component: str | None = None
    style: Style | None = None

    def __post_init__(self) -> None:
        self.spans.sort()
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> Iterable[tuple[int, int]]:
        """Spans that overlap [start, end): those that start before `end` and no earlier than the longest could reach."""
        hi = bisect_left(self.starts, end)
        lo = bisect_left(self.starts, start - self.longest)
        for s, e in self.spans[lo:hi]:
            if e > start:
                yield s, e


def wrap(body: str, width: int) -> list[VisualLine]:
    """Greedy word wrap of every paragraph to `width` cells, with a blank line between paragraphs."""
    width = max(width, 8)
    lines: list[VisualLine] = []
    pos = 0
    paragraphs = body.split("\n")
    for number, para in enumerate(paragraphs):
        p_start = pos
        pos += len(para) + 1
        if not para.strip():
            lines.append(VisualLine(p_start, p_start + len(para)))
            continue
        if _ONE_CELL.issuperset(para):
            _wrap_plain(para, p_start, width, lines)
        else:
            _wrap_tokens(para, p_start, width, lines)
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else ""
        if following.strip():
            lines.append(VisualLine(p_start + len(para), p_start + len(para)))
    return lines


_ONE_CELL = frozenset(
    char
    for first, last in ((0x20, 0x7E), (0xA0, 0x2FF), (0x370, 0x4FF), (0x2010, 0x2027), (0x2030, 0x205E),
                        (0x20A0, 0x20C0))
    for char in map(chr, range(first, last + 1))
    if cell_len(char) == 1 and (char == " " or not char.isspace())
)
"""Characters one cell wide that are not whitespace, and the space: Western text, curly quotes and dashes
included. A paragraph made only of these wraps a line at a time (tabs, no-break spaces, wide or
zero-width characters take the word-by-word path)."""


def _wrap_tokens(para: str, p_start: int, width: int, lines: list[VisualLine]) -> None:
    """One paragraph, word by word, measuring cells: any text."""
    line_start, used = p_start, len(para) - len(para.lstrip())  # an indent takes its cells
    measure = len if para.isascii() else cell_len  # ASCII: one cell per character, and much faster
    for match in _TOKEN.finditer(para):
        token = match.group()
        word = token.rstrip()
        word_cells = measure(word)
        tok_start = p_start + match.start()
        if used and used + word_cells > width:
            lines.append(VisualLine(line_start, tok_start))
            line_start, used = tok_start, 0
        while word_cells > width:  # a word longer than the line: cut it
            cut = _cut(word, width)
            lines.append(VisualLine(tok_start, tok_start + cut))
            tok_start += cut
            word = word[cut:]
            word_cells = measure(word)
            line_start, used = tok_start, 0
        used += word_cells + len(token) - len(token.rstrip())
    lines.append(VisualLine(line_start, p_start + len(para)))


def _wrap_plain(para: str, p_start: int, width: int, lines: list[VisualLine]) -> None:
    """The same wrap as _wrap_tokens for one-cell characters between spaces, a line at a time, not a word at a time.

    With one cell per character, a line starting at `start` holds every word that ends by
    `start + width`; the next line starts at the word that crosses that limit, or at the first
    word after it. A 10,000-word article has ~900 lines: this is several times faster.
    """
    start, end = 0, len(para)
    while end - start > width:
        limit = start + width
        if para[limit] == " ":  # every word up to the limit fits: the next line starts at the next word
            following = len(para) - len(para[limit:].lstrip(" "))
            if following >= end:
                break  # only spaces left: they stay on this line
            lines.append(VisualLine(p_start + start, p_start + following))
            start = following
            continue
        word = para.rfind(" ", start, limit) + 1  # the start of the word crossing the limit
        if word > start:
            lines.append(VisualLine(p_start + start, p_start + word))
            start = word
            continue
        word_end = para.find(" ", start)  # a word longer than the line: cut it
        word_end = end if word_end < 0 else word_end
        while word_end - start > width:
            lines.append(VisualLine(p_start + start, p_start + start + width))
            start += width
    lines.append(VisualLine(p_start + start, p_start + end))


def _cut(word: str, width: int) -> int:
    cells = 0
    for index, char in enumerate(word):
        cells += cell_len(char)
        if cells > width:
            return max(index, 1)
    return len(word)


class ArticleView(LineView, can_focus=True, inherit_bindings=False):
    """A scrolling article with inline highlights, a sentence cursor and named layers of marked spans.

    Keys live on the reader screen; this widget offers the actions (`line_down`, `next_sentence`,
    `go_to`...) and the extension points other features use: `cursor_span` (the sentence under the
    cursor) and `set_marks(name, spans, ...)` (search hits, bookmarked claims).
    """

    COMPONENT_CLASSES = {
        "article--person", "article--place", "article--organization", "article--group",
        "article--figure", "article--quote", "article--speaker", "article--gutter",
        "article--cursor", "article--highlight", "article--search", "article--bookmark",
    }

    DEFAULT_CSS = ("ArticleView { padding: 0 1; overflow-x: hidden; scrollbar-gutter: stable; }\n"
                   "ArticleView {" + SPAN_CSS + "}")

    show_highlights: reactive[bool] = reactive(True)

    class CursorMoved(Message):
        """The sentence cursor moved (to show which claim a bookmark would take)."""

        def __init__(self, view: ArticleView, span: tuple[int, int] | None) -> None:
            super().__init__()
            self.view = view
            self.span = span

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.body = ""
        self.analysis: Analysis | None = None
        self.sentences: list[tuple[int, int]] = []
        self._sentence_starts: list[int] = []
        self._kinds: list[_Layer] = []
        self._quotes: _Layer = _Layer([])
        self._speakers: dict[int, str] = {}
        self._marks: dict[str, _Layer] = {}
        self._lines: list[VisualLine] = []
        self._body_lines: list[int] = []  # indices into _lines of body lines
        self._body_line_starts: list[int] = []
        self._wrapped_for = -1
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self.cursor: int | None = None

    # ------------------------------------------------------------ content
    def load(self, analysis: Analysis) -> None:
        """Show an article: its body, entity/figure/quote spans and sentences. Clears cursor and marks."""
        self.analysis = analysis
        self.body = body_text(analysis.article.body)  # same length: every span still lines up
        self.sentences = [(s.start, s.end) for s in analysis.sentences] or _paragraph_spans(self.body)
        self._sentence_starts = [s for s, _ in self.sentences]
        by_kind: dict[str, list[tuple[int, int]]] = {}
        for entity in analysis.entities:
            if entity.kind in KIND_CLASSES:
                by_kind.setdefault(KIND_CLASSES[entity.kind], []).extend((m.start, m.end) for m in entity.mentions)
        self._kinds = [_Layer(spans, component=c) for c, spans in by_kind.items()]
        self._kinds.append(_Layer([(f.start, f.end) for f in analysis.figures], component="article--figure"))
        self._quotes = _Layer([(q.start, q.end) for q in analysis.quotes], component="article--quote")
        self._speakers = attributions(self.body, analysis.quotes)
        self._marks = {}
        self.cursor = None
        self._wrapped_for = -1
        self._rewrap()
        self.scroll_to(0, 0, animate=False)
        self.post_message(self.CursorMoved(self, None))

    def _rewrap(self) -> None:
        width = self._text_width()
        if width == self._wrapped_for:
            return
        lines = wrap(self.body, width)
        if self._speakers:
            lines = self._with_speakers(lines, width)
        self._lines = lines
        self._body_lines = [i for i, line in enumerate(lines) if line.extra is None]
        self._body_line_starts = [lines[i].start for i in self._body_lines]
        self._wrapped_for = width
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(lines)))
        self._invalidate()

    def _with_speakers(self, lines: list[VisualLine], width: int) -> list[VisualLine]:
        """Set quotes apart without breaking a paragraph: one line naming the speakers after its last line."""
        out: list[VisualLine] = []
        for line in lines:
            out.append(line)
            extra = self._speakers.get(line.end) if line.end > line.start else None
            if extra is not None:
                out.extend(VisualLine(line.end, line.end, piece) for piece in _wrap_words(extra, width))
        return out

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 8) if self.size.width else 80

    def on_resize(self) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_show_highlights(self) -> None:
        self._invalidate()

    # ------------------------------------------------------------ extension points
    def set_marks(self, name: str, spans: Iterable[tuple[int, int]], *, component: str | None = None,
                  style: Style | str | None = None) -> None:
        """Mark spans with a style, as a named layer replacing any earlier one of that name.

        Built-in layer styles follow the theme: `component` "article--highlight" (pane selection),
        "article--search" (hits) or "article--bookmark"; or pass a Rich `style`.
        """
        if component is None and style is None:
            component = f"article--{name}" if f"article--{name}" in self.COMPONENT_CLASSES else "article--highlight"
        rich_style = Style.parse(style) if isinstance(style, str) else style
        self._marks[name] = _Layer([(s, e) for s, e in spans], component=component, style=rich_style)
        self._invalidate()

    def clear_marks(self, name: str | None = None) -> None:
        """Remove one named layer of marks, or all of them."""
        if name is None:
            self._marks.clear()
        else:
            self._marks.pop(name, None)
        self._invalidate()

    def marks(self, name: str) -> list[tuple[int, int]]:
        layer = self._marks.get(name)
        return list(layer.spans) if layer else []

    @property
    def cursor_span(self) -> tuple[int, int] | None:
        """The sentence under the sentence cursor as body offsets, or None before the cursor is placed."""
        if self.cursor is None or not self.sentences:
            return None
        return self.sentences[self.cursor]

    @property
    def cursor_text(self) -> str:
        span = self.cursor_span
        return self.body[span[0]:span[1]] if span else ""

    # ------------------------------------------------------------ geometry
    def line_of(self, offset: int) -> int:
        """The visual line that shows body offset `offset`."""
        if not self._body_lines:
            return 0
        index = max(bisect_right(self._body_line_starts, offset) - 1, 0)
        return self._body_lines[index]

    def sentence_at(self, offset: int) -> int | None:
        if not self.sentences:
            return None
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    @property
    def top_offset(self) -> int:
        """The body offset at the top of the view (where "nearest" searches start)."""
        y = int(self.scroll_y)
        for index in range(y, len(self._lines)):
            if self._lines[index].extra is None:
                return self._lines[index].start
        return len(self.body)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    # ------------------------------------------------------------ movement
    def move_cursor(self, index: int | None, *, center: bool = False) -> None:
        """Put the sentence cursor on sentence `index` and bring it into view."""
        if not self.sentences:
            return
        if index is not None:
            index = min(max(index, 0), len(self.sentences) - 1)
        self.cursor = index
        self._invalidate()
        if index is not None:
            self.show_span(*self.sentences[index], center=center)
        self.post_message(self.CursorMoved(self, self.cursor_span))

    def show_span(self, start: int, end: int, *, center: bool = False) -> None:
        """Scroll so body offsets [start, end) are visible (centred when asked)."""
        first, last = self.line_of(start), self.line_of(max(end - 1, start))
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if center:
            target = max(first - height // 3, 0)
        elif first < top:
            target = first
        elif last >= top + height:
            target = min(first, last - height + 1)
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def go_to(self, offset: int, *, center: bool = True) -> None:
        """Put the cursor on the sentence holding body offset `offset` and scroll to it."""
        self.move_cursor(self.sentence_at(offset), center=center)

    def next_sentence(self, step: int = 1) -> None:
        if not self.sentences:
            return
        if self.cursor is None or not self._cursor_visible():
            start = self.sentence_at(self.top_offset) or 0
            if self.sentences[start][0] < self.top_offset and start + 1 < len(self.sentences):
                start += 1
            self.move_cursor(start if step > 0 else start)
        else:
            self.move_cursor(self.cursor + step)

    def _cursor_visible(self) -> bool:
        if self.cursor is None:
            return False
        start, end = self.sentences[self.cursor]
        top = int(self.scroll_y)
        height = max(self.scrollable_content_region.height, 1)
        return self.line_of(end - 1) >= top and self.line_of(start) < top + height

    def line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)

    def line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)

    def page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + max(self.scrollable_content_region.height - 1, 1), animate=False,
                       immediate=True)

    def page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(self.scrollable_content_region.height - 1, 1), animate=False,
                       immediate=True)

    def top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def on_click(self, event) -> None:
        """A click puts the sentence cursor on the sentence clicked."""
        index = int(self.scroll_y) + event.y
        if not 0 <= index < len(self._lines) or not self.sentences:
            return
        line = self._lines[index]
        column = max(event.x - self.styles.padding.left - GUTTER, 0)
        offset = min(line.start + column, max(line.end - 1, line.start))
        sentence = self.sentence_at(offset)
        if sentence is not None:
            self.cursor = sentence
            self._invalidate()
            self.post_message(self.CursorMoved(self, self.cursor_span))

    # ------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.line_style)
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_visual_line(self._lines[index], width)
            self._cache[key] = strip
        return strip

    def _render_visual_line(self, line: VisualLine, width: int) -> Strip:
        base = self.line_style
        text = self.line_text_for(line)
        in_quote = self.show_highlights and (
            line.extra is not None or any(True for _ in self._quotes.overlapping(line.start, max(line.end, line.start + 1))))
        gutter = Segment("▌ " if in_quote else "  ", base + self._style("article--gutter") if in_quote else base)
        segments = [gutter, *text.render(self.app.console)]
        return Strip(segments).apply_style(base).extend_cell_length(width, base).crop(0, width)

    def line_text_for(self, line: VisualLine) -> Text:
        """The styled text of one visual line (without the gutter)."""
        if line.extra is not None:
            return Text(line.extra, style=self._style("article--speaker"), end="")
        start, end = line.start, line.end
        text = Text(self.body[start:end].rstrip("\n"), end="")
        if self.show_highlights:  # quotes first: a name or figure inside a quote keeps its colour
            self._apply(text, self._quotes, start, end)
            self._apply_kinds(text, start, end)
        if self.cursor is not None:
            s, e = self.sentences[self.cursor]
            if s < end and e > start:
                text.stylize(self._style("article--cursor"), max(s - start, 0), min(e, end) - start)
        for layer in self._marks.values():
            self._apply(text, layer, start, end)
        return text

    def _apply(self, text: Text, layer: _Layer, start: int, end: int) -> None:
        if not layer.spans:
            return
        style = layer.style if layer.style is not None else self._style(layer.component or "article--highlight")
        for s, e in layer.overlapping(start, end):
            text.stylize(style, max(s - start, 0), min(e, end) - start)

    def _apply_kinds(self, text: Text, start: int, end: int) -> None:
        """Entity and figure highlights, outer spans first, so a name inside a longer mention keeps
        its own colour ("Pentagon" in "Pentagon spokesman Major General Pat Ryder")."""
        found = [(s, e, layer) for layer in self._kinds if layer.spans for s, e in layer.overlapping(start, end)]
        found.sort(key=lambda item: (item[0] - item[1], item[0]))
        for s, e, layer in found:
            style = layer.style if layer.style is not None else self._style(layer.component or "article--highlight")
            text.stylize(style, max(s - start, 0), min(e, end) - start)

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def visible_text(self) -> str:
        """The plain text of the lines in view (what a person sees; for tests and the status line)."""
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        return "\n".join(self.line_text_for(line).plain for line in self._lines[top:top + height])


def attributions(body: str, quotes: Iterable[Quote]) -> dict[int, str]:
    """One attribution per paragraph holding attributed quotes, keyed by the paragraph's end offset.

    Each distinct speaker is named once, with their cues in order: "— A (said, stated) · B (told)".
    A partial quote inside another quote's span (a fragment of reported speech) adds nothing: the
    enclosing quote already names its speaker.
    """
    quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
    spans = [(q.start, q.end) for q in quotes]
    speakers: dict[int, dict[str, list[str]]] = {}
    for quote in quotes:
        if not quote.speaker:
            continue
        if quote.kind == "partial" and any(s <= quote.start and quote.end <= e and (s, e) != (quote.start, quote.end)
                                           for s, e in spans):
            continue
        end = body.find("\n", max(quote.end - 1, quote.start))
        end = len(body) if end < 0 else end
        cues = speakers.setdefault(end, {}).setdefault(line_text(quote.speaker), [])
        cue = line_text(quote.cue)
        if cue and cue not in cues:
            cues.append(cue)
    return {end: "— " + " · ".join(f"{name} ({', '.join(cues)})" if cues else name for name, cues in named.items())
            for end, named in speakers.items()}


def _wrap_words(value: str, width: int) -> list[str]:
    """A short line of our own (an attribution) wrapped at spaces, continuation lines indented."""
    lines, current = [], ""
    for word in value.split(" "):
        if current and cell_len(current) + 1 + cell_len(word) > width:
            lines.append(current)
            current = "  " + word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Stand-in sentences (paragraphs) for an article stored without sentence boundaries."""
    spans, pos = [], 0
    for para in body.split("\n"):
        if para.strip():
            spans.append((pos, pos + len(para)))
        pos += len(para) + 1
    return spans


def spans_of(items: Sequence[object]) -> list[tuple[int, int]]:
    """(start, end) of anything with `start` and `end` attributes (mentions, quotes, hits)."""
    return [(int(getattr(i, "start")), int(getattr(i, "end"))) for i in items]
