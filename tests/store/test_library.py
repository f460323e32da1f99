"""The library file: one transaction per article, dedup by content, replace by path, schema versions."""

from __future__ import annotations

import sqlite3

import pytest

from briefing.model import Analysis, Article, Entity, Quote, Sentence, Span
from briefing.store import Library, LibraryError
from briefing.store.schema import SCHEMA_VERSION

BODY = "President Joe Biden met Volodymyr Zelensky in Washington. Biden said the aid would continue."


def make_analysis(body: str = BODY, path: str = "a.txt", title: str = "Talks") -> Analysis:
    biden = Entity("e1", "person", "Joe Biden", ["Biden"], "President",
                   [Span(10, 19), Span(body.find("Biden said"), body.find("Biden said") + 5)] if "Biden said" in body else [Span(10, 19)])
    zelensky = Entity("e2", "person", "Volodymyr Zelensky", [], None, [Span(24, 42)])
    washington = Entity("e3", "place", "Washington", [], None, [Span(46, 56)])
    return Analysis(
        article=Article(title=title, body=body, date="2024-10-29", source="Wire", path=path),
        sentences=[Sentence(0, 57), Sentence(58, len(body))],
        entities=[biden, zelensky, washington],
        quotes=[Quote(69, len(body) - 1, body[69:-1], "indirect", "Joe Biden", "e1", "said")],
    )


def test_store_and_read_back_the_same_analysis(library: Library):
    result = library.store(make_analysis())
    assert result.outcome == "added"
    back = library.analysis(result.article_id)
    assert back.text == BODY
    assert [e.name for e in back.entities] == ["Joe Biden", "Volodymyr Zelensky", "Washington"]
    assert back.entities[0].aliases == ["Biden"]
    assert back.entities[0].role == "President"
    assert back.quotes[0].speaker == "Joe Biden" and back.quotes[0].speaker_entity == "e1"
    for entity in back.entities:
        for m in entity.mentions:
            assert BODY[m.start:m.end] in {entity.name, *entity.aliases}


def test_same_content_twice_changes_nothing(library: Library):
    first = library.store(make_analysis())
    before = library.stats()
    second = library.store(make_analysis(path="elsewhere/a-copy.txt"))
    assert second.outcome == "unchanged" and second.article_id == first.article_id
    assert library.stats() == before


def test_changed_file_at_same_path_replaces_its_article(library: Library):
    library.store(make_analysis())
    changed = BODY.replace("continue", "stop")
    result = library.store(make_analysis(body=changed))
    assert result.outcome == "replaced"
    assert library.count_articles() == 1
    assert library.article(result.article_id).body == changed


def test_entities_are_library_wide(library: Library):
    library.store(make_analysis())
    library.store(make_analysis(path="b.txt", title="Other talks"))
    rows = list(library.db.query("SELECT count(*) AS n FROM entities WHERE name = 'Volodymyr Zelensky'"))
    assert rows[0]["n"] == 1
    assert library.stats()["people"] == 2


def test_a_failure_mid_article_leaves_no_trace(library: Library, monkeypatch):
    """One transaction per article: an error while writing its quotes rolls back the article too."""
    library.store(make_analysis(path="kept.txt", title="Kept"))
    before = library.stats()

    original = Library._insert_analysis

    def explode(self, article_id, digest, analysis):
        original(self, article_id, digest, analysis)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Library, "_insert_analysis", explode)
    with pytest.raises(RuntimeError):
        library.store(make_analysis(body=BODY + " More.", path="lost.txt", title="Lost"))
    assert library.stats() == before
    assert not list(library.db.query("SELECT id FROM articles WHERE path = 'lost.txt'"))
    assert next(library.db.query("PRAGMA integrity_check"))["integrity_check"] == "ok"


def test_full_text_index_follows_articles(library: Library):
    library.store(make_analysis())
    hits = list(library.db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'washington'"))
    assert len(hits) == 1
    library.store(make_analysis(body=BODY.replace("Washington", "Kyiv")))
    assert not list(library.db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'washington'"))


def test_library_uses_wal_and_knows_its_version(library: Library):
    assert next(library.db.query("PRAGMA journal_mode"))["journal_mode"] == "wal"
    assert library.version == SCHEMA_VERSION


def test_newer_library_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="newer briefing"):
        Library(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_an_article_id_is_never_given_twice(library):
    """A reader (or a script) holding the id of a removed or replaced article must not get another one."""
    from briefing.store.removal import remove_articles
    from tests.claims_fixtures import simple_analysis

    first = library.store(simple_analysis("Talks in Oslo.", path="oslo.txt")).article_id
    newest = library.store(simple_analysis("Talks in Bern.", path="bern.txt")).article_id
    remove_articles(library, [newest])
    again = library.store(simple_analysis("Talks in Rome.", path="rome.txt")).article_id
    assert again not in (first, newest)
    replaced = library.store(simple_analysis("Talks in Rome resumed.", path="rome.txt"))
    assert replaced.outcome == "replaced" and replaced.article_id not in (first, newest, again)
