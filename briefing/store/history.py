"""The searches a person ran, newest first: the search box walks them with ↑ and ↓.

Kept in the library (not a dotfile) because a query only means something against the
articles it searched; a library copied to another machine takes its history along.
"""

from __future__ import annotations

from datetime import datetime, timezone

from briefing.store.db import Library

KEEP = 200
"""Searches kept; older ones are forgotten as new ones arrive."""


def remember_search(library: Library, query: str, *, when: datetime | None = None) -> None:
    """Record `query` as the newest search (a repeat moves to the top and counts one more use)."""
    query = " ".join(query.split())
    if not query:
        return
    stamp = (when or datetime.now(timezone.utc)).isoformat(timespec="microseconds")
    with library.db.atomic():
        library.db.execute(
            "INSERT INTO searches (query, last_used) VALUES (?, ?) "
            "ON CONFLICT(query) DO UPDATE SET last_used = excluded.last_used, uses = uses + 1",
            [query, stamp],
        )
        library.db.execute(
            "DELETE FROM searches WHERE query NOT IN "
            "(SELECT query FROM searches ORDER BY last_used DESC LIMIT ?)", [KEEP])


def recent_searches(library: Library, limit: int = KEEP) -> list[str]:
    """The searches kept, newest first."""
    rows = library.db.execute("SELECT query FROM searches ORDER BY last_used DESC LIMIT ?", [limit])
    return [row[0] for row in rows]
