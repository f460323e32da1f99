"""The library: one SQLite file (WAL, foreign keys, migrations), written one article per transaction."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from briefing.model import (
    Analysis,
    Article,
    DateRef,
    Engagement,
    Entity,
    Figure,
    Quote,
    Sentence,
    Span,
)
from briefing.store.identity import entity_key, prefer_name
from briefing.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 15000
LAST_ID_KEY = "last_article_id"
_LIVE_ENTITIES = ("SELECT count(*) FROM entities e WHERE e.kind = '{kind}'"
                  " AND EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id)")


class LibraryError(Exception):
    """The library cannot be opened or written; the message is for a person."""


@dataclass
class StoreResult:
    outcome: str  # "added", "unchanged" or "replaced"
    article_id: int


class Library:
    """A briefing library file. Reads are plain queries; each article is written in one transaction."""

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.db = _connect(self.path, readonly=readonly, create=create)
        try:
            if not readonly:
                self._migrate()
            else:
                _check_version(self.version, self.path)
        except sqlite3.DatabaseError as exc:  # read-only place, full disk, damaged file
            self.db.close()
            raise LibraryError(f"{self.path}: cannot open the library: {_reason(exc, self.path)}") from exc
        except BaseException:
            self.db.close()
            raise

    # ---------------------------------------------------------------- lifecycle
    @property
    def version(self) -> int:
        return next(self.db.query("PRAGMA user_version"))["user_version"]

    def _migrate(self) -> None:
        current = self.version
        _check_version(current, self.path)
        if current == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise LibraryError(f"{self.path}: an SQLite file of some other program, not a briefing library; "
                               "nothing was changed")
        # Only now, knowing the file is ours, change it: WAL lets readers work while ingest writes.
        self._use_wal()
        for number in range(current, SCHEMA_VERSION):
            self._run_migration(number)

    def _use_wal(self) -> None:
        """Switch the file to WAL, waiting out another process that holds it.

        The switch needs the file to itself and SQLite answers "locked" at once rather than
        calling the busy handler, so two first runs on a new library would fail one of them.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _run_migration(self, number: int) -> None:
        """One migration, all or nothing: executescript commits before it runs, so BEGIN is in the script."""
        script = f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number + 1};\nCOMMIT;"
        try:
            self.db.executescript(script)
        except sqlite3.Error as exc:
            if self.db.conn.in_transaction:
                self.db.conn.rollback()
            if self.version > number:  # another briefing process upgraded it meanwhile
                return
            raise LibraryError(f"{self.path}: cannot upgrade the library to schema {number + 1}: {exc}; "
                               "nothing was changed") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writes
    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction holding the write lock from its start (BEGIN IMMEDIATE).

        A deferred BEGIN that reads before it writes fails at once with "database is locked"
        when another process committed in between (busy_timeout cannot help a stale snapshot);
        taking the lock first makes a second writer wait its turn instead.
        """
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield
            conn.execute("COMMIT")  # a full disk can refuse the commit itself
        except BaseException as exc:
            if conn.in_transaction:
                conn.rollback()
            if isinstance(exc, sqlite3.OperationalError):  # the library, not this article: say why
                raise LibraryError(f"{self.path}: cannot write the library: {_reason(exc, self.path)}") from exc
            raise

    def store(self, analysis: Analysis) -> StoreResult:
        """Store an analysed article: unchanged if its content is known, replacing an older version at its path."""
        article = analysis.article
        digest = article.content_hash
        existing = self.article_id_by_hash(digest)
        if existing is not None:
            return StoreResult("unchanged", existing)
        with self._write():
            self._move_bookmarks(article, digest)
            replaced = self._delete_older_version(article.path)
            article_id = self._insert_article(article, digest, analysis.analyzer)
            self._insert_analysis(article_id, digest, analysis)
        return StoreResult("replaced" if replaced else "added", article_id)

    def replace_analysis(self, article_id: int, analysis: Analysis) -> None:
        """Swap an article's analysis for a new one (reanalyze); the article row and bookmarks stay."""
        with self._write():
            self._delete_analysis(article_id)
            digest = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            self._insert_analysis(article_id, digest, analysis)
            self.db.execute("UPDATE articles SET analyzer = ? WHERE id = ?", [analysis.analyzer, article_id])

    def _delete_older_version(self, path: str | None) -> bool:
        if not path or path == "<stdin>":
            return False
        rows = self.db.execute("SELECT id FROM articles WHERE path = ?", [path]).fetchall()
        for (old_id,) in rows:
            self._delete_analysis(old_id)
            self.db.execute("DELETE FROM articles WHERE id = ?", [old_id])
        return bool(rows)

    def _move_bookmarks(self, article: Article, digest: str) -> None:
        """Bookmarks follow a new version of their article (same path) whose text still holds their
        claim, citing it as it now reads: a new header over the same text (a URL taken out of its
        Source line, a corrected title) keeps their offsets; edited text moves them to where the
        claim now stands (the occurrence nearest the old offset). A bookmark whose text is gone
        stays detached, and one detached earlier comes back when the text does."""
        if not article.path or article.path == "<stdin>":
            return
        rows = self.db.execute(
            "SELECT id, text, start FROM bookmarks WHERE path = ?"
            " OR article_hash IN (SELECT content_hash FROM articles WHERE path = ?)",
            [article.path, article.path]).fetchall()
        for bookmark_id, text, start in rows:
            found = nearest_occurrence(article.body, text, start)
            if found is None:
                continue
            self.db.execute(
                'UPDATE bookmarks SET article_hash = ?, title = ?, source = ?, date = ?, url = ?, path = ?,'
                ' start = ?, "end" = ? WHERE id = ?',
                [digest, article.title, article.source, article.date, article.url, article.path,
                 found, found + len(text), bookmark_id])

    def _insert_article(self, article: Article, digest: str, analyzer: str | None) -> int:
        """Store the article row under an id never used before in this library.

        SQLite would hand the highest id out again once its row is gone (a replaced or removed
        newest article), and a reader or script holding the old id would then open another
        article, or a new text, without a word. The highest id given is kept in `meta`.
        """
        article_id = self.db.execute(
            "SELECT max(coalesce((SELECT max(id) FROM articles), 0),"
            " coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?), 0)) + 1", [LAST_ID_KEY],
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO articles (id, content_hash, title, date, source, url, license, author, path, body,"
            " word_count, ingested_at, analyzer) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [article_id, digest, article.title, article.date, article.source, article.url, article.license,
             article.author, article.path, article.body, article.word_count, _now(), analyzer],
        )
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [LAST_ID_KEY, str(article_id)])
        return int(article_id)

    def _delete_analysis(self, article_id: int) -> None:
        for table in ("mentions", "sentences", "figures", "dates", "quotes", "engagements", "article_entities"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def _insert_analysis(self, article_id: int, digest: str, analysis: Analysis) -> None:
        conn = self.db.conn
        ids = {e.id: self._entity_row(e, digest) for e in analysis.entities}
        conn.executemany(
            "INSERT INTO article_entities (article_id, local_id, entity_id, kind, name, aliases, role,"
            " mention_count) VALUES (?,?,?,?,?,?,?,?)",
            [(article_id, e.id, ids[e.id], e.kind, e.name, json.dumps(e.aliases), e.role, len(e.mentions))
             for e in analysis.entities],
        )
        conn.executemany(
            'INSERT INTO mentions (article_id, local_id, entity_id, start, "end") VALUES (?,?,?,?,?)',
            [(article_id, e.id, ids[e.id], m.start, m.end) for e in analysis.entities for m in e.mentions],
        )
        conn.executemany(
            'INSERT INTO sentences (article_id, idx, start, "end") VALUES (?,?,?,?)',
            [(article_id, i, s.start, s.end) for i, s in enumerate(analysis.sentences)],
        )
        conn.executemany(
            'INSERT INTO figures (article_id, start, "end", text, value, counts) VALUES (?,?,?,?,?,?)',
            [(article_id, f.start, f.end, f.text, _real(f.value), f.counts) for f in analysis.figures],
        )
        conn.executemany(
            'INSERT INTO dates (article_id, start, "end", text, value) VALUES (?,?,?,?,?)',
            [(article_id, d.start, d.end, d.text, d.value) for d in analysis.dates],
        )
        conn.executemany(
            'INSERT INTO quotes (article_id, start, "end", text, kind, speaker, speaker_local,'
            " speaker_entity_id, cue) VALUES (?,?,?,?,?,?,?,?,?)",
            [(article_id, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_entity,
              ids.get(q.speaker_entity or ""), q.cue) for q in analysis.quotes],
        )
        for g in analysis.engagements:
            cursor = conn.execute(
                'INSERT INTO engagements (article_id, start, "end", what, who, where_local, where_entity_id,'
                " when_text, date, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [article_id, g.start, g.end, g.what, json.dumps(g.who), g.where, ids.get(g.where or ""),
                 g.when_text, g.date, g.status],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO engagement_who (engagement_id, entity_id) VALUES (?,?)",
                [(cursor.lastrowid, ids[w]) for w in g.who if w in ids],
            )

    def _entity_row(self, entity: Entity, digest: str) -> int:
        """The library-wide row for an entity, created or enriched (fuller name, new aliases)."""
        key = entity.key or entity_key(entity, digest)
        row = self.db.execute("SELECT id, name FROM entities WHERE key = ?", [key]).fetchone()
        if row is None:
            entity_id = int(self.db.execute(
                "INSERT INTO entities (key, kind, name) VALUES (?,?,?)", [key, entity.kind, entity.name]
            ).lastrowid)
        else:
            entity_id = row[0]
            better = prefer_name(row[1], entity.name)
            if better != row[1]:
                self.db.execute("UPDATE entities SET name = ? WHERE id = ?", [better, entity_id])
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?,?)",
            [(entity_id, alias) for alias in {entity.name, *entity.aliases}],
        )
        return entity_id

    def set_meta(self, key: str, value: str) -> None:
        """Remember a fact about the library itself (the first run's progress, for one)."""
        with self._write():
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def prune_entities(self) -> None:
        """Drop library entities no article mentions any more (after replacements and re-analysis)."""
        with self._write():
            self._delete_unmentioned_entities()

    def _delete_unmentioned_entities(self) -> None:
        self.db.execute(
            "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM article_entities)"
            " AND id NOT IN (SELECT entity_id FROM mentions)"
            " AND id NOT IN (SELECT entity_id FROM engagement_who)"
            " AND id NOT IN (SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL)"
            " AND id NOT IN (SELECT where_entity_id FROM engagements WHERE where_entity_id IS NOT NULL)"
        )

    # ---------------------------------------------------------------- reads
    def article_id_by_hash(self, digest: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", [digest]).fetchone()
        return None if row is None else int(row[0])

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def longest_body(self) -> int:
        """Characters in the longest stored article (re-analysis must accept every one)."""
        return int(self.db.execute("SELECT max(length(body)) FROM articles").fetchone()[0] or 0)

    def article_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def list_articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Newest first: what the library list shows (no bodies)."""
        sql = ("SELECT id, title, date, source, url, path, word_count, content_hash FROM articles"
               " ORDER BY date IS NULL, date DESC, id DESC")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return list(self.db.query(sql))

    def article(self, article_id: int) -> Article:
        row = next(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]), None)
        if row is None:
            raise KeyError(article_id)
        return Article(title=row["title"], body=row["body"], date=row["date"], source=row["source"],
                       url=row["url"], license=row["license"], author=row["author"], path=row["path"])

    def analysis(self, article_id: int) -> Analysis:
        """An article with everything its analysis found, as the contract object."""
        article = self.article(article_id)
        q = self.db.execute
        mentions: dict[str, list[Span]] = {}
        for local_id, start, end in q('SELECT local_id, start, "end" FROM mentions WHERE article_id = ?'
                                      " ORDER BY start", [article_id]):
            mentions.setdefault(local_id, []).append(Span(start, end))
        entities = [
            Entity(id=r[0], kind=r[1], name=r[2], aliases=json.loads(r[3]), role=r[4],
                   mentions=mentions.get(r[0], []), key=r[5])
            for r in q("SELECT ae.local_id, ae.kind, ae.name, ae.aliases, ae.role, e.key FROM article_entities ae"
                       " JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = ?"
                       " ORDER BY CAST(substr(ae.local_id, 2) AS INTEGER), ae.local_id", [article_id])
        ]
        return Analysis(
            article=article,
            sentences=[Sentence(s, e) for s, e in q('SELECT start, "end" FROM sentences WHERE article_id = ?'
                                                     " ORDER BY idx", [article_id])],
            entities=entities,
            figures=[Figure(s, e, t, _number(v), c) for s, e, t, v, c in
                     q('SELECT start, "end", text, value, counts FROM figures WHERE article_id = ? ORDER BY start',
                       [article_id])],
            dates=[DateRef(*r) for r in q('SELECT start, "end", text, value FROM dates WHERE article_id = ?'
                                          " ORDER BY start", [article_id])],
            quotes=[Quote(*r) for r in q('SELECT start, "end", text, kind, speaker, speaker_local, cue FROM quotes'
                                         " WHERE article_id = ? ORDER BY start", [article_id])],
            engagements=[Engagement(s, e, json.loads(who), what, where, when, date, status)
                         for s, e, who, what, where, when, date, status in
                         q('SELECT start, "end", who, what, where_local, when_text, date, status FROM engagements'
                           " WHERE article_id = ? ORDER BY start", [article_id])],
            analyzer=q("SELECT analyzer FROM articles WHERE id = ?", [article_id]).fetchone()[0],
        )

    def stats(self) -> dict[str, int]:
        one = lambda sql: int(self.db.execute(sql).fetchone()[0] or 0)  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "words": one("SELECT sum(word_count) FROM articles"),
            "people": one(_LIVE_ENTITIES.format(kind="person")),
            "places": one(_LIVE_ENTITIES.format(kind="place")),
            "organizations": one(_LIVE_ENTITIES.format(kind="organization")),
            "quotes": one("SELECT count(*) FROM quotes"),
            "engagements": one("SELECT count(*) FROM engagements"),
            "bookmarks": one("SELECT count(*) FROM bookmarks"),
        }

    def iter_analyses(self) -> Iterator[Analysis]:
        for article_id in self.article_ids():
            yield self.analysis(article_id)


def nearest_occurrence(body: str, text: str, near: int) -> int | None:
    """Where `text` occurs in `body` closest to offset `near` (the first of two as close), or None."""
    if not text:
        return None
    best: int | None = None
    at = body.find(text)
    while at != -1:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        if at > near:
            break
        at = body.find(text, at + 1)
    return best


def _connect(path: Path, *, readonly: bool, create: bool) -> sqlite_utils.Database:
    if path.is_dir():
        raise LibraryError(f"{path}: is a folder, not a library file (name a file, e.g. {path / 'library.db'})")
    if not path.exists():
        if readonly or not create:
            raise LibraryError(f"{path}: no library here (add articles with `briefing ingest PATH --db {path}`)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"{path}: cannot create the library folder: {exc.strerror or exc}") from exc
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path}: cannot open the library: {_reason(exc, path)}") from exc
    return db


def _reason(exc: sqlite3.DatabaseError, path: Path) -> str:
    """SQLite's error, said so a person knows what to do about it."""
    message = str(exc)
    if "disk is full" in message or "database or disk is full" in message:
        return "the disk is full (free some space and run the same command again)"
    if "readonly" in message or "read-only" in message or (
            "unable to open" in message and not os.access(path.parent, os.W_OK)):
        return ("the library or its folder is read-only (briefing writes beside the file); "
                "copy it somewhere writable or use --db")
    if "locked" in message or "busy" in message:
        return (f"another program kept the library locked for more than {BUSY_TIMEOUT_MS // 1000} s; "
                "try again when it is done")
    if "malformed" in message or "not a database" in message:
        return f"the file is damaged or not a library ({message})"
    return message


def _check_version(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{path}: this library was written by a newer briefing (schema {version}; this version knows "
            f"up to {SCHEMA_VERSION}). Upgrade briefing to open it; nothing was changed."
        )


def _real(value: float | int | None) -> float | None:
    """Figures are stored as REAL: a 30-digit number must not abort its article."""
    if value is None:
        return None
    try:
        return float(value)
    except (OverflowError, ValueError, TypeError):
        return None


def _number(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
