"""Taking articles out of the library: finding them by the path they were ingested from, by id or
by content, and removing each with everything it owns in one transaction.

Bookmarks are the reader's own and are kept: a removed article's bookmarks stay, detached, their
text intact. Library-wide people, places and organisations that no article mentions any more go
with it, so they leave the panes and the counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from briefing.store.db import Library

REMOVED_KEY = "articles_removed"
"""meta key: when articles were last removed. A library emptied by removal is not a new one, so
the reader does not load the sample briefing into it again."""

_URL_PREFIXES = ("http://", "https://")


@dataclass
class Removal:
    """What a removal took out (or would take out, in a dry run)."""

    articles: list[dict[str, Any]] = field(default_factory=list)  # id, title, path
    bookmarks_detached: int = 0


def articles_at(library: Library, given: str) -> list[dict[str, Any]]:
    """The articles ingested from `given` as ingest was given it: a file, every article stored
    under a folder (a feed file's entries too), or a URL. Ingest stores absolute paths, so a
    relative path is resolved against the current folder; the file need not exist any more."""
    if given.startswith(_URL_PREFIXES):
        return _rows(library, "path = ? OR url = ?", [given, given])
    absolute = str(Path(given).expanduser().resolve(strict=False))
    folder = absolute.rstrip("/") + "/"
    entries = absolute + "#"
    return _rows(library, "path = ? OR path = ? OR substr(path, 1, ?) = ? OR substr(path, 1, ?) = ?",
                 [given, absolute, len(folder), folder, len(entries), entries])


def articles_with_ids(library: Library, ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    return _rows(library, f"id IN ({','.join('?' * len(ids))})", ids)


def articles_with_hashes(library: Library, hashes: Iterable[str]) -> list[dict[str, Any]]:
    """Articles by content (the same text and header read anywhere, e.g. from a moved sample folder)."""
    hashes = list(dict.fromkeys(hashes))
    found: list[dict[str, Any]] = []
    for start in range(0, len(hashes), 500):  # below SQLite's limit of bound parameters
        chunk = hashes[start:start + 500]
        found += _rows(library, f"content_hash IN ({','.join('?' * len(chunk))})", chunk)
    return found


def remove_articles(library: Library, ids: Iterable[int], *, dry_run: bool = False) -> Removal:
    """Remove articles and all they own (analysis rows, full-text entries, entities only they
    mention) in one transaction; their bookmarks stay, detached. A dry run changes nothing."""
    removal = Removal(articles=sorted(articles_with_ids(library, ids), key=lambda a: a["id"]))
    ids = [a["id"] for a in removal.articles]
    if not ids:
        return removal
    marks = ",".join("?" * len(ids))
    removal.bookmarks_detached = int(library.db.execute(
        f"SELECT count(*) FROM bookmarks WHERE article_hash IN (SELECT content_hash FROM articles WHERE id IN ({marks}))",
        ids).fetchone()[0])
    if dry_run:
        return removal
    with library._write():
        for article_id in ids:
            library._delete_analysis(article_id)
            library.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        library._delete_unmentioned_entities()
        library.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           [REMOVED_KEY, datetime.now(timezone.utc).isoformat(timespec="seconds")])
    return removal


def ever_removed(library: Library) -> bool:
    """Whether articles were ever removed from this library (it is then not a new library)."""
    return library.get_meta(REMOVED_KEY) is not None


def _rows(library: Library, where: str, params: list[Any]) -> list[dict[str, Any]]:
    return list(library.db.query(f"SELECT id, title, path FROM articles WHERE {where} ORDER BY id", params))
