"""Bookmarked claims: kept with everything needed to cite them, independent of the analysis rows.

A bookmark copies its article's content hash, title, source, date and URL and the claim's text
and offsets, so `reanalyze`, a re-ingest of the same content and an analysis upgrade leave it
untouched. A new version of the article (re-ingested from the same path) takes its bookmarks
along when it still holds their text. When no article with its content hash remains, the
bookmark is *detached*: still listed and exportable, its text intact; `detached_note` says
whether its article changed (still at its path, the text gone) or was removed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from briefing.model import Analysis, Bookmark
from briefing.store.db import Library

KINDS = ("quote", "sentence")

_COLUMNS = ('b.id, b.article_hash, b.title, b.source, b.date, b.url, b.kind, b.text, b.start, b."end",'
            " b.speaker, b.note, b.tags, b.created_at,"
            " NOT EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = b.article_hash) AS detached, b.quote_kind, b.cue,"
            " b.path, EXISTS (SELECT 1 FROM articles a WHERE a.path = b.path) AS at_path")
_FILTER_WORD = re.compile(r'(?:(tag|speaker|article|text):)?("[^"]*"?|\S+)', re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """A span of an article worth citing: a quote (with its speaker) or a sentence."""

    start: int
    end: int
    kind: str = "sentence"
    speaker: str | None = None
    quote_kind: str | None = None  # of a quote: "direct", "partial" or "indirect" (reported speech)
    cue: str | None = None


@dataclass
class BookmarkFilter:
    """What the bookmarks list is narrowed to; every part must match (case-insensitive)."""

    text: list[str] = field(default_factory=list)  # words found in the claim, note, title or speaker
    tags: list[str] = field(default_factory=list)
    speaker: str | None = None
    article: int | str | None = None  # a library article id, or words of its title

    @property
    def empty(self) -> bool:
        return not (self.text or self.tags or self.speaker or self.article is not None)


def parse_filter(query: str) -> BookmarkFilter:
    """The reader's filter box: plain words plus `tag:`, `speaker:`, `article:` ("quoted phrases" too)."""
    result = BookmarkFilter()
    for match in _FILTER_WORD.finditer(query):
        key = (match.group(1) or "text").lower()
        value = match.group(2).strip('"').strip()
        if not value:
            continue
        if key == "tag":
            result.tags.append(value)
        elif key == "speaker":
            result.speaker = value
        elif key == "article":
            result.article = value
        else:
            result.text.append(value)
    return result


# ------------------------------------------------------------------ choosing the claim
def claim_under(analysis: Analysis, start: int, end: int) -> Claim:
    """The claim under a reading cursor spanning start..end: the quote there (longest), else the span."""
    overlapping = [q for q in analysis.quotes if q.start < max(end, start + 1) and q.end > start]
    if overlapping:
        quote = max(overlapping, key=lambda q: (q.end - q.start, -q.start))
        return Claim(quote.start, quote.end, "quote", quote.speaker, quote.kind, quote.cue)
    return Claim(start, end, "sentence", None)


# ------------------------------------------------------------------ writes
def add_bookmark(library: Library, article_id: int, start: int, end: int, *, kind: str = "sentence",
                 speaker: str | None = None, note: str = "", tags: list[str] | tuple[str, ...] = (),
                 quote_kind: str | None = None, cue: str | None = None) -> Bookmark:
    """Keep a claim of an article. Bookmarking the same span again returns the bookmark already kept
    (with the note and tags given now added to it).

    A quote keeps its quote kind and cue (given, or else taken from the article's analysis), so
    reported speech is never cited in quotation marks."""
    if kind not in KINDS:
        raise ValueError(f"a bookmark is a quote or a sentence, not {kind!r}")
    row = library.db.execute(
        "SELECT content_hash, title, source, date, url, body, path FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        raise KeyError(article_id)
    digest, title, source, date, url, body, path = row
    start, end = _trim(body, start, end)
    if not 0 <= start < end <= len(body):
        raise ValueError(f"no text at {start}-{end} in article {article_id}")
    if kind == "quote" and quote_kind is None:
        quote_kind, cue = _quote_at(library, article_id, start, end) or (None, cue)
    if kind != "quote":
        quote_kind = cue = None
    existing = _bookmark_id_at(library, digest, start, end)
    if existing is not None:
        if note or tags:
            current = get_bookmark(library, existing)
            return update_bookmark(library, existing, note=note or current.note, tags=[*current.tags, *tags])
        return get_bookmark(library, existing)
    with library.db.atomic():
        cursor = library.db.execute(
            'INSERT INTO bookmarks (article_hash, title, source, date, url, kind, text, start, "end", speaker,'
            " note, tags, created_at, quote_kind, cue, path) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [digest, title, source, date, url, kind, body[start:end], start, end, speaker,
             note.strip(), json.dumps(clean_tags(tags)), _now(), quote_kind, cue, path],
        )
    return get_bookmark(library, int(cursor.lastrowid))


def update_bookmark(library: Library, bookmark_id: int, *, note: str | None = None,
                    tags: list[str] | tuple[str, ...] | None = None) -> Bookmark:
    """Change a bookmark's note and/or tags; what is not given stays."""
    get_bookmark(library, bookmark_id)  # KeyError when it is gone
    with library.db.atomic():
        if note is not None:
            library.db.execute("UPDATE bookmarks SET note = ? WHERE id = ?", [note.strip(), bookmark_id])
        if tags is not None:
            library.db.execute("UPDATE bookmarks SET tags = ? WHERE id = ?",
                               [json.dumps(clean_tags(tags)), bookmark_id])
    return get_bookmark(library, bookmark_id)


def delete_bookmark(library: Library, bookmark_id: int) -> Bookmark:
    """Remove a bookmark and hand it back whole, so it can be restored (undo)."""
    bookmark = get_bookmark(library, bookmark_id)
    with library.db.atomic():
        library.db.execute("DELETE FROM bookmarks WHERE id = ?", [bookmark_id])
    return bookmark


def restore_bookmark(library: Library, bookmark: Bookmark) -> Bookmark:
    """Put a deleted bookmark back as it was (its id too, unless that id was taken meanwhile)."""
    taken = bookmark.id is None or library.db.execute(
        "SELECT 1 FROM bookmarks WHERE id = ?", [bookmark.id]).fetchone() is not None
    with library.db.atomic():
        cursor = library.db.execute(
            'INSERT INTO bookmarks (id, article_hash, title, source, date, url, kind, text, start, "end",'
            " speaker, note, tags, created_at, quote_kind, cue, path) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [None if taken else bookmark.id, bookmark.article_hash, bookmark.title, bookmark.source,
             bookmark.date, bookmark.url, bookmark.kind, bookmark.text, bookmark.start, bookmark.end,
             bookmark.speaker, bookmark.note, json.dumps(bookmark.tags), bookmark.created_at or _now(),
             bookmark.quote_kind, bookmark.cue, bookmark.path],
        )
    return get_bookmark(library, int(cursor.lastrowid))


def clean_tags(tags: list[str] | tuple[str, ...] | str) -> list[str]:
    """Tags as kept: trimmed, no leading '#', no empties, no repeats (first spelling kept)."""
    if isinstance(tags, str):
        tags = re.split(r"[,\s]+", tags)
    seen: dict[str, str] = {}
    for tag in tags:
        tag = tag.strip().lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


# ------------------------------------------------------------------ reads
def get_bookmark(library: Library, bookmark_id: int) -> Bookmark:
    row = library.db.execute(f"SELECT {_COLUMNS} FROM bookmarks b WHERE b.id = ?", [bookmark_id]).fetchone()
    if row is None:
        raise KeyError(bookmark_id)
    return _bookmark(row)


def find_bookmark(library: Library, article_id: int, start: int, end: int) -> Bookmark | None:
    """The bookmark already kept for this span of an article (offsets trimmed as add_bookmark does)."""
    row = library.db.execute("SELECT content_hash, body FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    found = _bookmark_id_at(library, row[0], *_trim(row[1], start, end))
    return None if found is None else get_bookmark(library, found)


def _quote_at(library: Library, article_id: int, start: int, end: int) -> tuple[str, str | None] | None:
    """The kind and cue of the article's quote at this span (the exact span, else the longest covering it)."""
    row = library.db.execute(
        'SELECT kind, cue FROM quotes WHERE article_id = ? AND start <= ? AND "end" >= ?'
        ' ORDER BY (start = ? AND "end" = ?) DESC, "end" - start DESC LIMIT 1',
        [article_id, start, end, start, end]).fetchone()
    return None if row is None else (str(row[0]), row[1])


def _bookmark_id_at(library: Library, digest: str, start: int, end: int) -> int | None:
    row = library.db.execute('SELECT id FROM bookmarks WHERE article_hash = ? AND start = ? AND "end" = ?',
                             [digest, start, end]).fetchone()
    return None if row is None else int(row[0])


def list_bookmarks(library: Library, where: BookmarkFilter | None = None, *, limit: int | None = None) -> list[Bookmark]:
    """Bookmarks, newest first, narrowed by a filter (the first `limit` of them when given)."""
    where = where or BookmarkFilter()
    clauses: list[str] = []
    params: list[Any] = []
    for word in where.text:
        clauses.append("(instr(lower(b.text), ?) OR instr(lower(b.note), ?) OR instr(lower(b.title), ?)"
                       " OR instr(lower(coalesce(b.speaker, '')), ?))")
        params += [word.lower()] * 4
    for tag in where.tags:
        clauses.append("EXISTS (SELECT 1 FROM json_each(b.tags) t WHERE lower(t.value) = ?)")
        params.append(tag.lstrip("#").lower())
    if where.speaker:
        clauses.append("instr(lower(coalesce(b.speaker, '')), ?)")
        params.append(where.speaker.lower())
    if isinstance(where.article, int):
        clauses.append("b.article_hash = (SELECT content_hash FROM articles WHERE id = ?)")
        params.append(where.article)
    elif where.article:
        clauses.append("(instr(lower(b.title), ?) OR b.article_hash = ?)")
        params += [where.article.lower(), where.article]
    sql = f"SELECT {_COLUMNS} FROM bookmarks b"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY b.created_at DESC, b.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_bookmark(row) for row in library.db.execute(sql, params)]


def bookmarks_for_article(library: Library, article_id: int) -> list[Bookmark]:
    """The bookmarks of one article, in reading order (to mark them in the article view)."""
    rows = library.db.execute(
        f"SELECT {_COLUMNS} FROM bookmarks b JOIN articles a ON a.content_hash = b.article_hash"
        ' WHERE a.id = ? ORDER BY b.start, b."end"', [article_id])
    return [_bookmark(row) for row in rows]


def article_of(library: Library, bookmark: Bookmark) -> int | None:
    """The library article a bookmark points into, or None when it is detached."""
    return library.article_id_by_hash(bookmark.article_hash)


def all_tags(library: Library) -> list[str]:
    """Every tag in use, for completion (one spelling per tag, whatever the case)."""
    rows = library.db.execute("SELECT t.value FROM bookmarks b, json_each(b.tags) t ORDER BY b.id")
    return sorted(clean_tags([str(r[0]) for r in rows]), key=str.casefold)


def to_dict(bookmark: Bookmark) -> dict[str, Any]:
    """A bookmark as the JSON of `briefing bookmarks --json`."""
    return {
        "id": bookmark.id, "kind": bookmark.kind, "text": bookmark.text, "speaker": bookmark.speaker,
        "note": bookmark.note, "tags": list(bookmark.tags), "title": bookmark.title,
        "source": bookmark.source, "date": bookmark.date, "url": bookmark.url,
        "article_hash": bookmark.article_hash, "start": bookmark.start, "end": bookmark.end,
        "created_at": bookmark.created_at, "detached": bookmark.detached,
        "article_changed": bookmark.article_changed,
        "quote_kind": bookmark.quote_kind, "cue": bookmark.cue,
    }


def detached_note(bookmark: Bookmark) -> str | None:
    """Why a detached bookmark has no article to open (None when it has one), said for a person."""
    if not bookmark.detached:
        return None
    if bookmark.article_changed:
        return "its article changed and no longer contains this text"
    return "its article is no longer in the library"


def is_reported(bookmark: Bookmark) -> bool:
    """A quote of reported speech ("X said that …"): not the speaker's own words, so never in quote marks."""
    return bookmark.kind == "quote" and bookmark.quote_kind == "indirect"


def cited_words(text: str) -> str:
    """A quote's words as cited on their own: without the comma that joined them to "he said"
    (“… are essential,” Yermak posted), which reads as a cut-off sentence in a list or a citation."""
    return text.strip().rstrip(",;:").rstrip()


def quoted_text(bookmark: Bookmark, text: str | None = None) -> str:
    """The claim (or `text`, a clipped form of it) as cited: a direct or partial quote in quotation
    marks, reported speech marked "(reported)" and without them, a sentence as written."""
    text = (bookmark.text if text is None else text).strip()
    if is_reported(bookmark):
        return f"(reported) {cited_words(text)}"
    if bookmark.kind == "quote" and not text.startswith(("“", '"', "‘", "'")):
        return f"“{cited_words(text)}”"
    return text


def citation(bookmark: Bookmark, text: str | None = None) -> str:
    """One line for lists: the claim as cited, then its speaker (`“…” — Pat Ryder`, `(reported) … — X`)."""
    text = quoted_text(bookmark, text)
    return f"{text} — {bookmark.speaker}" if bookmark.speaker else text


def _bookmark(row: tuple) -> Bookmark:
    (id_, digest, title, source, date, url, kind, text, start, end, speaker, note, tags, created,
     detached, quote_kind, cue, path, at_path) = row
    try:
        tag_list = [str(t) for t in json.loads(tags or "[]")]
    except (ValueError, TypeError):
        tag_list = []
    return Bookmark(article_hash=digest, text=text, start=start, end=end, title=title, source=source,
                    date=date, url=url, speaker=speaker, note=note or "", tags=tag_list, created_at=created,
                    kind=kind, id=id_, detached=bool(detached),
                    quote_kind=quote_kind, cue=cue, path=path, article_changed=bool(detached and at_path))


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Offsets narrowed to the claim's text, without the whitespace around it."""
    start, end = max(0, start), min(len(body), end)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
