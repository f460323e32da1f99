"""`briefing --db X COMMAND`: the library named before the command is the one every command uses.

Before, a top-level --db was dropped by the subcommands: `briefing --db X ingest F` wrote into the
default library. Each test keeps a default library ($BRIEFING_DB, or the platform data folder)
that holds something else or does not exist, and checks it is left as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.config import db_path
from briefing.ingest import ingest
from briefing.store import Library
from briefing.store.bookmarks import add_bookmark


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seed_path: Path) -> Path:
    """A library with the seed article (analysed by spaCy: it has engagements) and one bookmark."""
    path = tmp_path_factory.mktemp("seeded") / "lib.db"
    with Library(path) as library:
        report = ingest(library, [str(seed_path)])
        assert report.added == 1
        article_id = library.article_ids()[0]
        body = library.analysis(article_id).text
        start = body.index("The Pentagon confirmed")
        add_bookmark(library, article_id, start, body.index(".", start) + 1)
    return path


@pytest.fixture
def env_library(tmp_path: Path, monkeypatch) -> Path:
    """$BRIEFING_DB names an existing, empty library: what a command uses when no --db is given."""
    path = tmp_path / "env.db"
    Library(path).close()
    monkeypatch.setenv("BRIEFING_DB", str(path))
    return path


def article_count(path: Path) -> int:
    with Library(path, readonly=True, create=False) as library:
        return library.stats()["articles"]


@pytest.mark.parametrize("default", ["platform folder", "BRIEFING_DB"])
def test_ingest_with_a_top_level_db_writes_there_and_not_into_the_default(tmp_path: Path, seed_path: Path,
                                                                           monkeypatch, default: str):
    if default == "BRIEFING_DB":
        monkeypatch.setenv("BRIEFING_DB", str(tmp_path / "env.db"))
    default_path = db_path(None)
    assert not default_path.exists()
    target = tmp_path / "named.db"

    result = run("--db", str(target), "ingest", str(seed_path))

    assert result.exit_code == 0, result.output
    assert "added 1" in result.stdout
    assert article_count(target) == 1
    assert not default_path.exists()


def _stamp_free(text: str) -> str:
    return re.sub(r"DTSTAMP:\S+", "", text)


# Each read command as (words before the last command name, words after it).
READ_COMMANDS = {
    "stats": (["stats"], ["--json"]),
    "search": (["search"], ["Zelensky", "--json"]),
    "bookmarks": (["bookmarks"], ["--json"]),
    "bookmarks export": (["bookmarks", "export"], ["--format", "md"]),
    "agenda": (["agenda"], ["--json"]),
    "agenda export": (["agenda", "export"], []),
}


@pytest.mark.parametrize("name", list(READ_COMMANDS))
def test_read_commands_use_the_top_level_db(name: str, seeded: Path, env_library: Path):
    words, rest = READ_COMMANDS[name]
    top = run("--db", str(seeded), *words, *rest)
    after = run(*words, *rest, "--db", str(seeded))
    default = run(*words, *rest)

    assert top.exit_code == 0 and after.exit_code == 0, top.output + after.output
    assert _stamp_free(top.output) == _stamp_free(after.output)  # stdout and stderr (the export's count)
    assert _stamp_free(top.output) != _stamp_free(default.output)  # the empty $BRIEFING_DB library says otherwise


def test_read_commands_do_not_create_the_default_library(seeded: Path):
    default_path = db_path(None)
    stats = run("--db", str(seeded), "stats", "--json")
    assert json.loads(stats.stdout)["articles"] == 1
    assert json.loads(run("--db", str(seeded), "search", "Pentagon", "--json").stdout)
    assert "Pentagon confirmed" in run("--db", str(seeded), "bookmarks").stdout
    assert not default_path.exists()


def test_reanalyze_with_a_top_level_db(tmp_path: Path, seeded: Path, env_library: Path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(seeded.read_bytes())
    result = run("--db", str(copy), "reanalyze")
    assert result.exit_code == 0, result.output
    assert "reanalyze: 1 articles" in result.stdout
    assert article_count(env_library) == 0


def test_the_commands_own_db_wins(seeded: Path, env_library: Path, tmp_path: Path):
    other = str(tmp_path / "nowhere.db")
    stats = run("--db", other, "stats", "--json", "--db", str(seeded))
    assert stats.exit_code == 0 and json.loads(stats.stdout)["articles"] == 1

    nested = run("--db", other, "bookmarks", "--db", other, "export", "--format", "json", "--db", str(seeded))
    assert nested.exit_code == 0 and len(json.loads(nested.stdout)) == 1

    group = run("--db", other, "bookmarks", "--db", str(seeded), "export", "--format", "json")
    assert group.exit_code == 0 and len(json.loads(group.stdout)) == 1
    assert not Path(other).exists()
