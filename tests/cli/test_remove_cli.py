"""`briefing remove`: the samples, a folder, ids; what it prints, its exit codes, and --dry-run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.config import resource_dir
from briefing.model import Analysis, Article, Sentence
from briefing.sources import read_path
from briefing.store import Library
from briefing.store.bookmarks import add_bookmark


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def store_folder(library: Library, folder: Path) -> list[int]:
    """Store a folder's articles as ingest reads them (same paths and content), with a one-sentence analysis."""
    return [library.store(Analysis(article=a, sentences=[Sentence(0, len(a.body))], analyzer="test")).article_id
            for a in read_path(folder, max_bytes=5 << 20, fetch=False) if isinstance(a, Article)]


@pytest.fixture
def own(tmp_path: Path) -> Path:
    """A folder of the user's own articles."""
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("Title: One\n\nThe first note of mine.\n", encoding="utf-8")
    (folder / "sub" / "two.txt").write_text("Title: Two\n\nThe second note of mine.\n", encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path, own: Path) -> str:
    """A library after the first run (the 24 samples) and an ingest of the user's own folder."""
    path = tmp_path / "lib.db"
    with Library(path) as library:
        assert len(store_folder(library, resource_dir("sample_articles"))) == 24
        store_folder(library, own)
        library.set_meta("first_run", "done")
    return str(path)


def articles(db: str) -> int:
    return json.loads(run("stats", "--json", "--db", db).stdout)["articles"]


def test_samples_are_removed_and_the_users_articles_stay(db: str):
    result = run("remove", "--samples", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "removed 24 articles"
    assert "Yushchenko claims victory in re-run" in result.stdout  # each one is named
    assert articles(db) == 2

    again = run("remove", "--samples", "--db", db)
    assert again.exit_code == 1 and again.stdout == ""
    assert "--samples: the sample articles are not in this library" in again.stderr
    assert "briefing: nothing removed: no article matched" in again.stderr


def test_samples_loaded_from_another_install_are_found_by_their_content(tmp_path: Path):
    elsewhere = tmp_path / "old-install" / "sample_articles"
    shutil.copytree(resource_dir("sample_articles"), elsewhere)
    db = str(tmp_path / "lib.db")
    with Library(db) as library:
        store_folder(library, elsewhere)
    result = run("remove", "--samples", "--db", db)
    assert result.exit_code == 0 and "removed 24 articles" in result.stdout
    assert articles(db) == 0


def test_a_dry_run_lists_what_would_go_and_keeps_it(db: str, own: Path):
    result = run("remove", str(own), "--dry-run", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[-1] == "would remove 2 articles"
    assert any("One" in line and str(own / "one.txt") in line for line in lines)
    assert articles(db) == 26


def test_a_folder_and_ids_together(db: str, own: Path):
    with Library(db) as library:
        sample_id = library.list_articles()[0]["id"]
    result = run("remove", str(own / "sub"), "--id", str(sample_id), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "removed 2 articles" and articles(db) == 24


def test_a_removed_articles_bookmark_is_kept_and_reported(db: str, own: Path):
    with Library(db) as library:
        [one] = [a["id"] for a in library.list_articles() if a["title"] == "One"]
        add_bookmark(library, one, 0, 10, note="keep")
    result = run("remove", str(own / "one.txt"), "--db", db)
    assert result.stdout.splitlines()[-1] == "removed 1 article; 1 bookmark kept, detached"
    [kept] = json.loads(run("bookmarks", "--json", "--db", db).stdout)
    assert kept["detached"] is True and kept["article_changed"] is False and kept["note"] == "keep"
    assert "[detached: article removed]" in run("bookmarks", "--db", db).stdout


def test_what_matched_nothing_is_named_and_the_rest_removed(db: str, own: Path, tmp_path: Path):
    result = run("remove", str(own / "one.txt"), str(tmp_path / "never-ingested"), "--id", "9999", "--db", db)
    assert result.exit_code == 1
    assert f"{tmp_path / 'never-ingested'}: no article in the library was ingested from here" in result.stderr
    assert "--id 9999: no article with this id" in result.stderr
    assert "removed 1 article" in result.stdout and articles(db) == 25


def test_nothing_named_is_a_usage_error(db: str):
    result = run("remove", "--db", db)
    assert result.exit_code == 2 and "nothing to remove" in result.stderr
    assert articles(db) == 26


def test_no_library_is_not_created(tmp_path: Path):
    result = run("remove", "--samples", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no library here" in result.stderr
    assert not (tmp_path / "none.db").exists()
