"""The reads the reader makes on every start: the library list, newest first, without reading bodies."""

from __future__ import annotations

from briefing.model import Analysis, Article
from briefing.store import Library
from briefing.store.queries import ARTICLE_LIST_SQL, article_rows


def _article(title: str, date: str | None) -> Analysis:
    return Analysis(article=Article(title=title, body=f"{title}. " * 50, date=date, source="Wire", path=f"{title}.txt"))


def test_library_list_is_newest_first_with_undated_last(library: Library):
    for title, date in (("old", "2020-01-01"), ("undated", None), ("new", "2024-10-29"), ("same day", "2024-10-29")):
        library.store(_article(title, date))
    assert [row.title for row in article_rows(library)] == ["same day", "new", "old", "undated"]


def test_library_list_reads_an_index_not_the_articles(library: Library):
    """The list is read before the first paint: scanning 10,000 bodies and sorting them took 35-55 ms."""
    plan = " ".join(row[-1] for row in library.db.execute(f"EXPLAIN QUERY PLAN {ARTICLE_LIST_SQL}"))
    assert "COVERING INDEX articles_list" in plan
    assert "TEMP B-TREE" not in plan
