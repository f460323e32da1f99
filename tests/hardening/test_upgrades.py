"""A library written by the first release opens in this version through migrations, keeping its
articles and bookmarks; a library from a newer version, or another program's SQLite file, is
refused with a message and left byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import briefing.store.db as store_db
from briefing.model import Analysis, Article, Sentence
from briefing.store import Library, LibraryError
from briefing.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.hardening.conftest import LIBRARIES, assert_for_people, briefing, rows

V1 = LIBRARIES / "v1.db"


def snapshot(db: Path) -> dict:
    return {
        "articles": rows(db, "SELECT content_hash, title, date, source, path, body FROM articles ORDER BY id"),
        "bookmarks": rows(db, 'SELECT article_hash, kind, text, start, "end", speaker, note, tags, created_at'
                              " FROM bookmarks ORDER BY id"),
        "entities": rows(db, "SELECT key, name FROM entities ORDER BY key"),
        "sentences": rows(db, 'SELECT article_id, idx, start, "end" FROM sentences ORDER BY article_id, idx'),
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "library.db"
    shutil.copy(V1, copy)
    return copy


def test_fixture_is_the_first_schema():
    assert rows(V1, "PRAGMA user_version") == [(1,)]
    assert len(rows(V1, "SELECT id FROM articles")) == 2 and len(rows(V1, "SELECT id FROM bookmarks")) == 1


def test_first_release_library_opens_and_keeps_everything(v1_copy: Path, env):
    before = snapshot(v1_copy)
    run = briefing("stats", "--json", "--db", str(v1_copy), env=env)
    assert_for_people(run)
    assert run.code == 0
    counts = json.loads(run.stdout)
    assert counts["articles"] == 2 and counts["bookmarks"] == 1 and counts["people"] == 3

    assert rows(v1_copy, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert snapshot(v1_copy) == before
    [(bookmark_hash, text, start, end)] = rows(v1_copy, 'SELECT article_hash, text, start, "end" FROM bookmarks')
    [(body,)] = rows(v1_copy, "SELECT body FROM articles WHERE content_hash = ?", (bookmark_hash,))
    assert body[start:end] == text  # the bookmark still points at its claim
    with Library(v1_copy) as library:
        kursk = library.analysis(library.article_id_by_hash(bookmark_hash))
        assert {e.name for e in kursk.entities if e.kind == "person"} >= {"Sabrina Singh", "Lloyd Austin"}
        hits = list(library.db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'parliament'"))
        assert len(hits) == 1  # the full-text index came along


def test_upgraded_bookmarks_learn_the_path_of_their_article(v1_copy: Path):
    """Schema 5: a bookmark keeps its article's path, so a later change of that file can take it along."""
    with Library(v1_copy) as library:
        [(path, article_path)] = library.db.execute(
            "SELECT b.path, a.path FROM bookmarks b JOIN articles a ON a.content_hash = b.article_hash").fetchall()
    assert path is not None and path == article_path


def test_upgraded_library_takes_new_articles(v1_copy: Path, env, tmp_path: Path):
    body = "Chancellor Olaf Scholz arrived in Warsaw on Monday."
    contract = Analysis(article=Article(title="Scholz in Warsaw", body=body, date="2024-11-04"),
                        sentences=[Sentence(0, len(body))], analyzer="test").to_json()
    jsonl = tmp_path / "new.jsonl"
    jsonl.write_text(json.dumps(contract) + "\n", encoding="utf-8")
    run = briefing("ingest", "--analyzed", str(jsonl), "--db", str(v1_copy), env=env)
    assert_for_people(run)
    assert run.code == 0 and "added 1" in run.stdout
    assert len(rows(v1_copy, "SELECT id FROM articles")) == 3 and len(rows(v1_copy, "SELECT id FROM bookmarks")) == 1


@pytest.mark.parametrize("command", [["stats"], ["ingest", "--analyzed", "-"]])
def test_newer_library_is_refused_and_left_alone(v1_copy: Path, env, command):
    conn = sqlite3.connect(v1_copy)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(v1_copy)
    run = briefing(*command, "--db", str(v1_copy), env=env, input=b"")
    assert_for_people(run)
    assert run.code == 1
    assert run.stderr.strip() == (
        f"briefing: {v1_copy}: this library was written by a newer briefing (schema {SCHEMA_VERSION + 1}; "
        f"this version knows up to {SCHEMA_VERSION}). Upgrade briefing to open it; nothing was changed.")
    assert digest(v1_copy) == before
    assert not Path(f"{v1_copy}-wal").exists() or Path(f"{v1_copy}-wal").stat().st_size == 0


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path: Path, env):
    other = tmp_path / "photos.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    conn.commit()
    conn.close()
    before = digest(other)
    run = briefing("stats", "--db", str(other), env=env)
    assert_for_people(run)
    assert run.code == 1 and "not a briefing library" in run.stderr and "nothing was changed" in run.stderr
    assert digest(other) == before
    assert rows(other, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("photos",)]


def test_a_failing_migration_changes_nothing(v1_copy: Path, monkeypatch):
    """Each migration is all or nothing: a failure halfway leaves the library at its old version."""
    broken = "CREATE TABLE tags (name TEXT PRIMARY KEY);\nALTER TABLE no_such_table ADD COLUMN x TEXT;"
    monkeypatch.setattr(store_db, "MIGRATIONS", [MIGRATIONS[0], broken])  # the v1 library's next step fails
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", 2)
    before = snapshot(v1_copy)
    with pytest.raises(LibraryError, match="cannot upgrade the library to schema 2: .*nothing was changed"):
        Library(v1_copy)
    assert rows(v1_copy, "PRAGMA user_version") == [(1,)]
    assert rows(v1_copy, "SELECT name FROM sqlite_master WHERE name = 'tags'") == []
    assert snapshot(v1_copy) == before
