"""The reads the reader needs: the library list, an article's pane rows, and dossiers across the library.

Kept apart from db.py so the reader's shapes (small frozen rows, no bodies) do not leak into the
write path. Every function takes an open Library and only reads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from briefing.model import Analysis, Span
from briefing.store.db import Library


class ArticleRow(NamedTuple):
    """One line of the library list: what is shown and what filtering matches (never the body).

    A NamedTuple, not a dataclass: the list holds every article, and tuples are built fastest.
    """

    id: int
    date: str | None
    source: str | None
    title: str

    @property
    def haystack(self) -> str:
        return f"{self.title}\n{self.source or ''}\n{self.date or ''}".casefold()


ARTICLE_LIST_SQL = "SELECT id, date, source, title FROM articles ORDER BY date IS NULL, date DESC, id DESC"
"""Read from the covering index articles_list (schema V2), never from the table and its bodies."""


def article_rows(library: Library) -> list[ArticleRow]:
    """Every article, newest first (undated last), with only the columns the list shows."""
    return list(map(ArticleRow._make, library.db.execute(ARTICLE_LIST_SQL)))


def filter_rows(rows: list[ArticleRow], text: str) -> list[ArticleRow]:
    """Rows whose title, source or date contain every word of `text` (case-insensitive)."""
    words = text.casefold().split()
    if not words:
        return rows
    return [row for row in rows if all(word in row.haystack for word in words)]


def newest_article_id(library: Library) -> int | None:
    row = library.db.execute(
        "SELECT id FROM articles ORDER BY date IS NULL, date DESC, id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else int(row[0])


# ---------------------------------------------------------------- an article's panes
@dataclass(frozen=True)
class EntityRow:
    """A person, place, organisation or group as one article's pane lists it."""

    local_id: str
    kind: str
    name: str
    role: str | None
    mentions: tuple[Span, ...]
    quotes: int = 0


@dataclass(frozen=True)
class QuoteRow:
    start: int
    end: int
    speaker: str | None
    text: str
    kind: str


@dataclass(frozen=True)
class EngagementRow:
    start: int
    end: int
    who: str
    what: str
    where: str
    when: str
    status: str


@dataclass
class Panes:
    """What the side panes show for one article."""

    people: list[EntityRow] = field(default_factory=list)
    places: list[EntityRow] = field(default_factory=list)
    organizations: list[EntityRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    engagements: list[EngagementRow] = field(default_factory=list)


_STATUS_ORDER = {"upcoming": 0, "unknown": 1, "past": 2}


def pane_rows(analysis: Analysis) -> Panes:
    """Group an article's analysis into pane rows: most-mentioned first, upcoming engagements first."""
    quote_counts = Counter(q.speaker_entity for q in analysis.quotes if q.speaker_entity)
    names = {e.id: e.name for e in analysis.entities}
    panes = Panes()
    for entity in analysis.entities:
        row = EntityRow(entity.id, entity.kind, entity.name, entity.role, tuple(entity.mentions),
                        quote_counts.get(entity.id, 0))
        if entity.kind == "person":
            panes.people.append(row)
        elif entity.kind == "place":
            panes.places.append(row)
        elif entity.kind in ("organization", "group"):
            panes.organizations.append(row)
    for rows in (panes.people, panes.places, panes.organizations):
        rows.sort(key=lambda r: (-len(r.mentions), r.mentions[0].start if r.mentions else 0))
    panes.quotes = [QuoteRow(q.start, q.end, q.speaker, q.text, q.kind) for q in analysis.quotes]
    panes.engagements = sorted(
        (EngagementRow(g.start, g.end, ", ".join(names.get(w, w) for w in g.who), g.what,
                       names.get(g.where or "", g.where or ""), g.date or g.when_text or "", g.status)
         for g in analysis.engagements),
        key=lambda r: (_STATUS_ORDER.get(r.status, 1), r.when or "9999", r.start),
    )
    return panes


# ---------------------------------------------------------------- dossiers across the library
@dataclass(frozen=True)
class EntityInfo:
    id: int
    kind: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class DossierArticle:
    article_id: int
    date: str | None
    source: str | None
    title: str
    mentions: int
    first_mention: int | None


@dataclass(frozen=True)
class DossierQuote:
    article_id: int
    date: str | None
    title: str
    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class DossierEngagement:
    article_id: int
    date: str | None
    title: str
    start: int
    end: int
    what: str
    where: str | None
    status: str
    dated: bool = True
    """False when the text gives no date: `date` is then the article's."""


@dataclass(frozen=True)
class CoMention:
    entity_id: int
    name: str
    articles: int


@dataclass
class Dossier:
    """An entity across the whole library: where it is mentioned, what it said, where it goes, with whom."""

    entity: EntityInfo
    articles: list[DossierArticle]
    quotes: list[DossierQuote]
    engagements: list[DossierEngagement]
    co_mentioned: list[CoMention]


def library_entity_id(library: Library, article_id: int, local_id: str) -> int | None:
    """The library-wide id of an article's local entity ("e3")."""
    row = library.db.execute(
        "SELECT entity_id FROM article_entities WHERE article_id = ? AND local_id = ?", [article_id, local_id]
    ).fetchone()
    return None if row is None else int(row[0])


def entity_info(library: Library, entity_id: int) -> EntityInfo | None:
    q = library.db.execute
    row = q("SELECT id, kind, name FROM entities WHERE id = ?", [entity_id]).fetchone()
    if row is None:
        return None
    aliases = tuple(a for (a,) in q("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
                                    [entity_id]) if a != row[2])
    roles = tuple(r for (r,) in q("SELECT role FROM article_entities WHERE entity_id = ? AND role IS NOT NULL"
                                  " GROUP BY role ORDER BY count(*) DESC", [entity_id]))
    return EntityInfo(row[0], row[1], row[2], aliases, roles)


def dossier(library: Library, entity_id: int, *, co_limit: int = 30) -> Dossier | None:
    """Everything the library knows about one entity, newest first."""
    info = entity_info(library, entity_id)
    if info is None:
        return None
    q = library.db.execute
    articles = [DossierArticle(*row) for row in q(
        "SELECT a.id, a.date, a.source, a.title, ae.mention_count,"
        ' (SELECT min(m.start) FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ae.entity_id)'
        " FROM article_entities ae JOIN articles a ON a.id = ae.article_id"
        " WHERE ae.entity_id = ? ORDER BY a.date IS NULL, a.date DESC, a.id DESC", [entity_id])]
    quotes = [DossierQuote(*row) for row in q(
        'SELECT a.id, a.date, a.title, qu.start, qu."end", qu.text, qu.kind FROM quotes qu'
        " JOIN articles a ON a.id = qu.article_id WHERE qu.speaker_entity_id = ?"
        " ORDER BY a.date IS NULL, a.date DESC, a.id DESC, qu.start", [entity_id])]
    engagements = [DossierEngagement(*row[:-1], dated=bool(row[-1])) for row in q(
        'SELECT a.id, coalesce(g.date, a.date), a.title, g.start, g."end", g.what,'
        " (SELECT name FROM entities WHERE id = g.where_entity_id), g.status, g.date IS NOT NULL"
        " FROM engagement_who w JOIN engagements g ON g.id = w.engagement_id"
        " JOIN articles a ON a.id = g.article_id WHERE w.entity_id = ?"
        " ORDER BY CASE g.status WHEN 'upcoming' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END,"
        " coalesce(g.date, a.date) DESC", [entity_id])]
    co_mentioned = [CoMention(*row) for row in q(
        "SELECT e.id, e.name, count(DISTINCT other.article_id) AS n FROM article_entities mine"
        " JOIN article_entities other ON other.article_id = mine.article_id AND other.entity_id != mine.entity_id"
        " JOIN entities e ON e.id = other.entity_id"
        " WHERE mine.entity_id = ? AND e.kind = 'person'"
        " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?", [entity_id, co_limit])]
    return Dossier(info, articles, quotes, engagements, co_mentioned)


def article_mentions(library: Library, article_id: int, entity_id: int) -> list[Span]:
    """Where one library entity is mentioned in one article."""
    return [Span(s, e) for s, e in library.db.execute(
        'SELECT start, "end" FROM mentions WHERE article_id = ? AND entity_id = ? ORDER BY start',
        [article_id, entity_id])]


@dataclass(frozen=True)
class EntityChoice:
    id: int
    kind: str
    name: str
    articles: int


def find_entities(library: Library, kinds: tuple[str, ...], text: str = "", limit: int = 200) -> list[EntityChoice]:
    """Entities of the given kinds whose name or an alias contains `text`, most-mentioned first."""
    marks = ",".join("?" * len(kinds))
    like = f"%{text.strip()}%"
    sql = (
        "SELECT e.id, e.kind, e.name, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n"
        f" FROM entities e WHERE e.kind IN ({marks})"
        " AND (e.name LIKE ? OR EXISTS (SELECT 1 FROM entity_aliases al WHERE al.entity_id = e.id AND al.alias LIKE ?))"
        " AND n > 0 ORDER BY n DESC, e.name LIMIT ?"
    )
    return [EntityChoice(*row) for row in library.db.execute(sql, [*kinds, like, like, limit])]


def find_articles(library: Library, text: str = "", limit: int = 200) -> list[ArticleRow]:
    """Articles whose title or source contain every word of `text`, newest first (for "open article...")."""
    words = text.split()
    where = " AND ".join("(title LIKE ? OR source LIKE ?)" for _ in words) or "1"
    params: list[object] = [p for w in words for p in (f"%{w}%", f"%{w}%")]
    sql = (f"SELECT id, date, source, title FROM articles WHERE {where}"
           " ORDER BY date IS NULL, date DESC, id DESC LIMIT ?")
    return [ArticleRow(*row) for row in library.db.execute(sql, [*params, limit])]
