"""Search history: what the search box recalls with ↑, kept in the library across sessions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from briefing.store import Library
from briefing.store import history
from briefing.store.history import recent_searches, remember_search

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def test_newest_first_and_a_repeat_moves_to_the_top(library: Library):
    for minutes, query in enumerate(["Zelensky Reykjavik", "person:Sullivan", "Zelensky   Reykjavik"]):
        remember_search(library, query, when=T0 + timedelta(minutes=minutes))
    assert recent_searches(library) == ["Zelensky Reykjavik", "person:Sullivan"]  # spaces folded: one entry
    uses = library.db.execute("SELECT uses FROM searches WHERE query = 'Zelensky Reykjavik'").fetchone()[0]
    assert uses == 2


def test_blank_queries_are_not_kept(library: Library):
    remember_search(library, "   ")
    assert recent_searches(library) == []


def test_only_the_newest_are_kept(library: Library, monkeypatch):
    monkeypatch.setattr(history, "KEEP", 3)
    for minutes in range(5):
        remember_search(library, f"query {minutes}", when=T0 + timedelta(minutes=minutes))
    assert recent_searches(library) == ["query 4", "query 3", "query 2"]


def test_history_survives_reopening_the_library(tmp_path):
    path = tmp_path / "lib.db"
    with Library(path) as library:
        remember_search(library, 'speaker:Ryder "small number"')
    with Library(path) as library:
        assert recent_searches(library) == ['speaker:Ryder "small number"']
