"""The shared vocabulary of every layer: plain dataclasses, no behaviour beyond (de)serialising.

Each layer talks to the next only through these types, so the JSON contract of
`briefing analyze --json` (ANALYSIS_JSON.md), the store and the reader all see one truth.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "briefing.analysis/1"

ENTITY_KINDS = ("person", "place", "organization", "group", "other")
QUOTE_KINDS = ("direct", "partial", "indirect")
STATUSES = ("upcoming", "past", "unknown")

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters/digits, hyphenated and apostrophe forms as one."""
    return sum(1 for _ in _WORD.finditer(text))


def content_hash(*fields: str | None) -> str:
    """Identity of content: the same metadata and body is the same article wherever it was read from."""
    digest = hashlib.sha256()
    for value in fields:
        digest.update((value or "").encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass
class Article:
    """One article as read from a source: metadata plus the cleaned body that all offsets point into."""

    title: str
    body: str
    date: str | None = None  # ISO YYYY-MM-DD when known
    source: str | None = None
    url: str | None = None
    license: str | None = None
    author: str | None = None
    path: str | None = None  # file path or URL it came from

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.date, self.source, self.url, self.license, self.author, self.body)

    @property
    def word_count(self) -> int:
        return count_words(self.body)

    def meta(self) -> dict[str, Any]:
        """The `article` object of the contract."""
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "license": self.license,
            "author": self.author,
        }


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Entity:
    """An entity within one article; `id` is local ("e1"), library-wide identity is the store's job."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    key: str | None = None  # library-wide identity key, when the analysis can tell one


@dataclass
class Figure:
    start: int
    end: int
    text: str
    value: float | int | None = None
    counts: str | None = None


@dataclass
class DateRef:
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None


@dataclass
class Engagement:
    start: int
    end: int
    who: list[str] = field(default_factory=list)
    what: str = ""
    where: str | None = None
    when_text: str | None = None
    date: str | None = None
    status: str = "unknown"


@dataclass
class Analysis:
    """Everything the analysis found in one article: the contract object of ANALYSIS_JSON.md."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    engagements: list[Engagement] = field(default_factory=list)
    analyzer: str | None = None  # which analysis version and model produced it

    @property
    def text(self) -> str:
        return self.article.body

    def entity(self, local_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == local_id), None)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "article": self.article.meta(),
            "text": self.article.body,
            "sentences": [asdict(s) for s in self.sentences],
            "entities": [_entity_json(e) for e in self.entities],
            "figures": [asdict(f) for f in self.figures],
            "dates": [asdict(d) for d in self.dates],
            "quotes": [asdict(q) for q in self.quotes],
            "engagements": [asdict(g) for g in self.engagements],
        }
        if self.analyzer:
            out["analyzer"] = self.analyzer
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an Analysis from a contract object; raises ValueError when it is not one."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} object")
        meta = data.get("article") or {}
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError("contract object has no text")
        article = Article(
            title=str(meta.get("title") or ""),
            body=text,
            date=meta.get("date"),
            source=meta.get("source"),
            url=meta.get("url"),
            license=meta.get("license"),
            author=meta.get("author"),
            path=meta.get("path"),
        )
        try:
            return cls(
                article=article,
                sentences=[Sentence(s["start"], s["end"]) for s in data.get("sentences", [])],
                entities=[
                    Entity(
                        id=e["id"],
                        kind=e["kind"],
                        name=e["name"],
                        aliases=list(e.get("aliases") or []),
                        role=e.get("role"),
                        mentions=[Span(m["start"], m["end"]) for m in e.get("mentions", [])],
                        key=e.get("key"),
                    )
                    for e in data.get("entities", [])
                ],
                figures=[Figure(**_pick(f, Figure)) for f in data.get("figures", [])],
                dates=[DateRef(**_pick(d, DateRef)) for d in data.get("dates", [])],
                quotes=[Quote(**_pick(q, Quote)) for q in data.get("quotes", [])],
                engagements=[Engagement(**_pick(g, Engagement)) for g in data.get("engagements", [])],
                analyzer=data.get("analyzer"),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed contract object: {exc}") from exc


@dataclass
class Bookmark:
    """A claim kept for citing; self-contained so it outlives re-analysis and replacement of its article."""

    article_hash: str
    text: str
    start: int
    end: int
    title: str = ""
    source: str | None = None
    date: str | None = None
    url: str | None = None
    speaker: str | None = None
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created_at: str = ""
    kind: str = "sentence"  # "quote" or "sentence"
    id: int | None = None
    detached: bool = False  # no article in the library has this text at these offsets any more
    quote_kind: str | None = None  # of a quote: "direct", "partial" or "indirect" (reported speech)
    cue: str | None = None  # of a quote: the reporting verb ("said", "reported")
    path: str | None = None  # where its article was read from (to tell a changed article from a removed one)
    article_changed: bool = False  # detached because its article, still in the library, no longer has the text


def _entity_json(e: Entity) -> dict[str, Any]:
    out = asdict(e)
    if out.get("key") is None:
        out.pop("key", None)
    return out


def _pick(data: dict[str, Any], cls: type) -> dict[str, Any]:
    names = cls.__dataclass_fields__.keys()
    return {k: v for k, v in data.items() if k in names}
