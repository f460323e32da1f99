"""Removing articles: found by the path ingest was given, by id or content; everything they own goes
in one transaction, people only they mentioned leave the library, their bookmarks stay detached."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Analysis, Article, Sentence
from briefing.store import Library, LibraryError
from briefing.store.bookmarks import add_bookmark, detached_note, list_bookmarks
from briefing.store.removal import (
    articles_at,
    articles_with_hashes,
    articles_with_ids,
    ever_removed,
    remove_articles,
)
from tests.claims_fixtures import RYDER_QUOTE, entity, seed_analysis, simple_analysis

ZELENSKY_NOTE = "Volodymyr Zelensky spoke in Kyiv on Monday."
OWNED = ("mentions", "sentences", "figures", "dates", "quotes", "engagements", "article_entities")


def plain(path: str, body: str) -> Analysis:
    return Analysis(article=Article(title=body[:20], body=body, path=path),
                    sentences=[Sentence(0, len(body))], analyzer="test")


@pytest.fixture
def two(library: Library):
    """The seed briefing (Ryder, Zelensky, Sullivan…) and a note that mentions Zelensky only."""
    seed_id = library.store(seed_analysis(path="/news/seed.txt")).article_id
    note = simple_analysis(ZELENSKY_NOTE, title="Kyiv", path="/news/kyiv.txt",
                           entities=[entity(ZELENSKY_NOTE, "e1", "person", "Volodymyr Zelensky")])
    note_id = library.store(note).article_id
    return library, seed_id, note_id


def count(library: Library, sql: str, *params) -> int:
    return int(library.db.execute(sql, params).fetchone()[0])


def test_removing_an_article_takes_everything_it_owns(two):
    library, seed_id, note_id = two
    people_before = library.stats()["people"]
    assert all(count(library, f"SELECT count(*) FROM {t} WHERE article_id = ?", seed_id) for t in
               ("mentions", "sentences", "quotes", "engagements", "article_entities"))

    removal = remove_articles(library, [seed_id])

    assert [a["id"] for a in removal.articles] == [seed_id] and library.article_ids() == [note_id]
    for table in OWNED:
        assert count(library, f"SELECT count(*) FROM {table} WHERE article_id = ?", seed_id) == 0, table
    assert count(library, "SELECT count(*) FROM engagement_who") == 0
    assert count(library, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Reykjavik'") == 0
    assert count(library, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'indications'") == 0
    names = {r[0] for r in library.db.execute("SELECT name FROM entities")}
    assert names == {"Volodymyr Zelensky"}  # the one the other article still mentions
    assert count(library, "SELECT count(*) FROM entity_aliases WHERE alias = 'Ryder'") == 0
    assert people_before > 1 and library.stats()["people"] == 1
    assert library.db.execute("PRAGMA foreign_key_check").fetchall() == []
    library.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if out of step


def test_a_removed_articles_bookmarks_stay_detached_and_say_so(two):
    library, seed_id, _ = two
    body = library.article(seed_id).body
    start = body.index(RYDER_QUOTE)
    add_bookmark(library, seed_id, start, start + len(RYDER_QUOTE), note="cite")
    assert remove_articles(library, [seed_id]).bookmarks_detached == 1
    [kept] = list_bookmarks(library)
    assert kept.detached and not kept.article_changed and kept.text == RYDER_QUOTE and kept.note == "cite"
    assert detached_note(kept) == "its article is no longer in the library"


def test_a_dry_run_lists_and_changes_nothing(two):
    library, seed_id, note_id = two
    removal = remove_articles(library, [note_id, seed_id], dry_run=True)
    assert [a["id"] for a in removal.articles] == [seed_id, note_id]
    assert library.article_ids() == [seed_id, note_id] and not ever_removed(library)


def test_a_failure_part_way_removes_nothing(two, monkeypatch):
    library, seed_id, note_id = two

    def broken() -> None:
        raise LibraryError("disk full")

    monkeypatch.setattr(library, "_delete_unmentioned_entities", broken)
    with pytest.raises(LibraryError):
        remove_articles(library, [seed_id, note_id])
    assert library.article_ids() == [seed_id, note_id]
    assert count(library, "SELECT count(*) FROM mentions WHERE article_id = ?", seed_id) > 0
    assert not ever_removed(library)


def test_removal_is_remembered(two):
    library, seed_id, note_id = two
    remove_articles(library, [seed_id, note_id])
    assert library.count_articles() == 0 and ever_removed(library)


def test_a_path_finds_its_file_a_folder_everything_under_it_and_a_feed_its_entries(library: Library,
                                                                                   tmp_path: Path):
    news = tmp_path / "news"
    stored = {name: library.store(plain(str(news / name), f"Body of {name}.")).article_id
              for name in ("a.txt", "sub/b.txt", "feed.xml#entry-1", "feed.xml#entry-2")}
    other = library.store(plain(str(tmp_path / "news2" / "c.txt"), "Body of c.")).article_id
    url = library.store(plain("https://example.org/story", "Body of a web page.")).article_id

    def ids(given: str) -> list[int]:
        return [a["id"] for a in articles_at(library, given)]

    assert ids(str(news / "a.txt")) == [stored["a.txt"]]
    assert ids(str(news)) == sorted(stored.values())  # not news2/, which only shares the prefix
    assert ids(str(news) + "/") == sorted(stored.values())
    assert ids(str(news / "feed.xml")) == [stored["feed.xml#entry-1"], stored["feed.xml#entry-2"]]
    assert ids(str(tmp_path / "news2")) == [other]
    assert ids("https://example.org/story") == [url]
    assert ids(str(news / "gone.txt")) == []


def test_a_relative_path_is_read_from_the_current_folder(library: Library, tmp_path: Path, monkeypatch):
    article_id = library.store(plain(str(tmp_path / "notes" / "a.txt"), "Some body.")).article_id
    monkeypatch.chdir(tmp_path)
    assert [a["id"] for a in articles_at(library, "notes")] == [article_id]
    assert [a["id"] for a in articles_at(library, "notes/a.txt")] == [article_id]


def test_articles_by_id_and_by_content(two):
    library, seed_id, note_id = two
    assert [a["id"] for a in articles_with_ids(library, [note_id, 999, note_id])] == [note_id]
    digest = seed_analysis(path="/elsewhere/seed.txt").article.content_hash
    assert [a["id"] for a in articles_with_hashes(library, [digest, "0" * 64])] == [seed_id]


def test_a_removal_waits_for_another_writer_instead_of_failing(two, tmp_path: Path):
    """Another process in the middle of an ingest holds the write lock: remove waits its turn."""
    import sqlite3
    import threading

    library, seed_id, _ = two
    other = sqlite3.connect(library.path, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO meta (key, value) VALUES ('other', 'writer')")
    release = threading.Timer(0.3, other.commit)
    release.start()
    try:
        remove_articles(library, [seed_id])
    finally:
        release.join()
        other.close()
    assert seed_id not in library.article_ids() and library.get_meta("other") == "writer"
