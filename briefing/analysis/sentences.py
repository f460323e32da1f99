"""Sentence boundaries of a Doc computed once: `Span.sent` walks the whole Doc on every call."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "briefing.sentence_starts"


def starts(doc: Doc) -> list[int]:
    """Token index of each sentence's first token, in order."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") or len(doc) else []
        doc.user_data[_KEY] = cached
    return cached


def sentence_start(doc: Doc, i: int) -> int:
    """Token index where the sentence holding token i begins."""
    s = starts(doc)
    k = bisect_right(s, i) - 1
    return s[k] if k >= 0 else 0
