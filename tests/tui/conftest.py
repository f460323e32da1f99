"""Reader test libraries, built from stored contract objects (no spaCy), and an app factory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.config import Settings
from briefing.model import Analysis, Article, Engagement, Entity, Quote, Sentence, Span
from briefing.store import Library

FIXTURES = Path(__file__).parent / "fixtures"

# A second, hand-annotated article with quotes and engagements, so the Quotes and Engagements
# panes are exercised whatever the analysis of the day finds in the seed.
TALKS = (
    "Volodymyr Zelensky met Jake Sullivan in Washington on Monday. "
    "\u201cWe need more air defence,\u201d Zelensky said. "
    "Sullivan said the aid would continue.\n"
    "Zelensky will travel to Reykjavik next week to meet Nordic leaders."
)


def seed_analysis() -> Analysis:
    return Analysis.from_json(json.loads((FIXTURES / "seed.json").read_text(encoding="utf-8")))


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def talks_analysis() -> Analysis:
    t = TALKS
    sentences, pos = [], 0
    for piece in ("Volodymyr Zelensky met Jake Sullivan in Washington on Monday.",
                  "\u201cWe need more air defence,\u201d Zelensky said.",
                  "Sullivan said the aid would continue.",
                  "Zelensky will travel to Reykjavik next week to meet Nordic leaders."):
        start = t.index(piece, pos)
        sentences.append(Sentence(start, start + len(piece)))
        pos = start + len(piece)
    zelensky = Entity("e1", "person", "Volodymyr Zelensky", ["Zelensky"], "Ukrainian President",
                      [_span(t, "Volodymyr Zelensky"), _span(t, "Zelensky", 1), _span(t, "Zelensky", 2)])
    sullivan = Entity("e2", "person", "Jake Sullivan", ["Sullivan"], "National Security Advisor",
                      [_span(t, "Jake Sullivan"), _span(t, "Sullivan", 1)])
    washington = Entity("e3", "place", "Washington", [], None, [_span(t, "Washington")])
    reykjavik = Entity("e4", "place", "Reykjavik", [], None, [_span(t, "Reykjavik")])
    quote = _span(t, "We need more air defence,")
    indirect = _span(t, "the aid would continue")
    return Analysis(
        article=Article(title="Zelensky and Sullivan talk air defence", body=t, date="2024-10-28",
                        source="Test Wire", path="talks.txt"),
        sentences=sentences,
        entities=[zelensky, sullivan, washington, reykjavik],
        quotes=[Quote(quote.start, quote.end, t[quote.start:quote.end], "direct", "Volodymyr Zelensky", "e1", "said"),
                Quote(indirect.start, indirect.end, t[indirect.start:indirect.end], "indirect", "Jake Sullivan",
                      "e2", "said")],
        engagements=[Engagement(sentences[3].start, sentences[3].end, ["e1"], "meet Nordic leaders", "e4",
                                "next week", "2024-11-04", "upcoming"),
                     Engagement(sentences[0].start, sentences[0].end, ["e1", "e2"], "met", "e3", "on Monday",
                                "2024-10-28", "past")],
    )


def build_library(path: Path, *analyses: Analysis) -> Path:
    with Library(path) as library:
        for analysis in analyses:
            library.store(analysis)
    return path


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    """A library holding the seed article (newest) and the hand-annotated talks article."""
    return build_library(tmp_path / "reader.db", talks_analysis(), seed_analysis())


@pytest.fixture
def make_app(seed_db: Path):
    """Build a BriefingApp on the seed library (no first run, blink off, themes not saved)."""
    from briefing.tui.app import BriefingApp

    def make(path: Path | None = None, **kwargs) -> BriefingApp:
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("settings", Settings())
        return BriefingApp(path or seed_db, **kwargs)

    return make
