"""Analyses built by hand for the bookmark, agenda and export tests.

`seed_analysis()` is the bundled seed article with the quotes and engagements a person marks
in it (Ryder's and Zelensky's quotes; the Reykjavik and Canada engagements), as the analysis
contract carries them. It lets these tests run without spaCy and before the extractors land.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing.model import Analysis, Article, Engagement, Entity, Quote, Sentence, Span
from briefing.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "sample_articles" / "seed-kursk-briefing.txt"

RYDER_QUOTE = ("There are indications that a couple thousand more North Korean troops are either close to "
               "arriving or expected imminently.")
ZELENSKY_QUOTE = "This war has gone beyond borders,"
PLAIN_SENTENCE = ("Meanwhile, Ukrainian cities continue to face heavy bombardment.")

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]”))\s+(?=[A-Z“])")


def sentences_of(body: str) -> list[Sentence]:
    """Sentence spans good enough for these hand-checked texts."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(body):
        out.append(Sentence(start, match.start()))
        start = match.end()
    if body[start:].strip():
        out.append(Sentence(start, len(body.rstrip())))
    return out


def entity(body: str, local_id: str, kind: str, name: str, aliases: tuple[str, ...] = (),
           role: str | None = None) -> Entity:
    """An entity with a mention at every occurrence of its name and aliases."""
    spans: list[Span] = []
    for form in sorted({name, *aliases}, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(form)}\b", body):
            if not any(s.start <= match.start() < s.end for s in spans):
                spans.append(Span(match.start(), match.end()))
    return Entity(local_id, kind, name, list(aliases), role, sorted(spans, key=lambda s: s.start))


def quote(body: str, text: str, speaker: str | None, speaker_id: str | None, cue: str) -> Quote:
    start = body.index(text)
    return Quote(start, start + len(text), text, "direct", speaker, speaker_id, cue)


def engagement(body: str, clause: str, who: list[str], what: str, where: str | None,
               date: str | None = None, status: str = "upcoming", when_text: str | None = None) -> Engagement:
    """An engagement whose span is the sentence holding `clause`."""
    at = body.index(clause)
    sentence = next(s for s in sentences_of(body) if s.start <= at < s.end)
    return Engagement(sentence.start, sentence.end, who, what, where, when_text, date, status)


def seed_article(path: str | None = None) -> Article:
    article = next(read_path(SEED_FILE, max_bytes=1 << 20, fetch=False))
    assert isinstance(article, Article)
    if path is not None:
        article.path = path
    return article


def seed_analysis(path: str | None = None) -> Analysis:
    article = seed_article(path)
    body = article.body
    entities = [
        entity(body, "e1", "person", "Pat Ryder", ("Ryder",), "Pentagon spokesman"),
        entity(body, "e2", "person", "Volodymyr Zelensky", ("Zelensky",), "Ukrainian President"),
        entity(body, "e3", "place", "Reykjavik"),
        entity(body, "e4", "place", "Canada"),
        entity(body, "e5", "person", "Jake Sullivan", (), "National Security Advisor"),
        entity(body, "e6", "person", "Andriy Yermak"),
        entity(body, "e7", "place", "Washington"),
        entity(body, "e8", "person", "Joe Biden", ("Biden",), "President"),
    ]
    return Analysis(
        article=article,
        sentences=sentences_of(body),
        entities=entities,
        quotes=[quote(body, RYDER_QUOTE, "Pat Ryder", "e1", "saying"),
                quote(body, ZELENSKY_QUOTE, "Volodymyr Zelensky", "e2", "stated")],
        engagements=[
            engagement(body, "Jake Sullivan met", ["e5", "e6"], "met to discuss Ukraine’s victory plan", "e7",
                       status="past"),
            engagement(body, "Nordic leaders in Reykjavik", ["e2"],
                       "address the international expansion of the conflict with Nordic leaders", "e3"),
            engagement(body, "conference in Canada", ["e2"],
                       "attend a conference on the abduction of Ukrainian children", "e4"),
        ],
        analyzer="hand-made fixture",
    )


def simple_analysis(body: str, *, title: str = "Talks", path: str = "talks.txt", date: str | None = "2024-10-29",
                    source: str | None = "Wire", url: str | None = None,
                    engagements: list[Engagement] | None = None, entities: list[Entity] | None = None,
                    quotes: list[Quote] | None = None) -> Analysis:
    return Analysis(
        article=Article(title=title, body=body, date=date, source=source, url=url, path=path),
        sentences=sentences_of(body),
        entities=entities or [],
        quotes=quotes or [],
        engagements=engagements or [],
        analyzer="hand-made fixture",
    )


KEY_NAMES = {" ": "space", "/": "slash", ":": "colon", ",": "comma", ".": "full_stop", "#": "number_sign",
             "-": "minus", "_": "underscore", "'": "apostrophe", "?": "question_mark"}


async def type_text(pilot, text: str) -> None:
    """Type text key by key, as a person would."""
    await pilot.press(*(KEY_NAMES.get(ch, ch) for ch in text))


async def cursor_to(pilot, view, offset: int, *, by_keys: bool = False, limit: int = 60) -> None:
    """Put the reader's sentence cursor on the sentence holding `offset` (pressing J when `by_keys`)."""
    if not by_keys:
        view.go_to(offset)
        await pilot.pause()
    for _ in range(limit):
        span = view.cursor_span
        if span and span[0] <= offset < span[1]:
            return
        await pilot.press("J")
    raise AssertionError(f"the cursor never reached offset {offset}")
