"""Per-Doc facts computed once: `Span.sent` and `Doc.text` each walk the whole Doc on every call."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_SENTS = "briefing.sentences"
_TEXT = "briefing.text"


def spans(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Each sentence as (first token, end token, start char, end char)."""
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        cached = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
        doc.user_data[_SENTS] = cached
    return cached


def sentence_start(doc: Doc, i: int) -> int:
    """Token index where the sentence holding token i begins."""
    starts = _starts(doc)
    k = bisect_right(starts, i) - 1
    return starts[k] if k >= 0 else 0


def sentence_index(doc: Doc, i: int) -> int:
    """The number of the sentence holding token i (0 for the first)."""
    return max(0, bisect_right(_starts(doc), i) - 1)


def _starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(_SENTS + ".starts")
    if starts is None:
        starts = doc.user_data[_SENTS + ".starts"] = [s[0] for s in spans(doc)]
    return starts


def text(doc: Doc) -> str:
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT] = cached
    return cached
