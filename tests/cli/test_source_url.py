"""A sample's Source line "Wikinews, https://... (text via github.com/...)": url and outlet, end to end.

Libraries filled before the URL was taken out of the Source line hold the whole line as source and
no url; ingesting the same file again replaces the article (its content hash covers the header)
and its bookmarks follow it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from briefing.analysis import analyze
from briefing.cli import cli
from briefing.sources import read_inputs
from briefing.store import Library
from briefing.store.bookmarks import add_bookmark

SAMPLE = "wikinews2004-rumsfeld-to-remain-in-bush-administration.txt"
URL = "https://en.wikinews.org/wiki/Rumsfeld_to_remain_in_Bush_administration"
SENTENCE = "Donald Rumsfeld revealed today that he will not resign his position as United States secretary of Defense."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_reingesting_a_sample_gives_it_a_url_and_keeps_its_bookmark(tmp_path: Path, samples: Path):
    file = tmp_path / SAMPLE
    shutil.copy(samples / SAMPLE, file)
    db = str(tmp_path / "lib.db")
    source_line = next(line for line in file.read_text(encoding="utf-8").split("\n") if line.startswith("Source: "))
    [article] = read_inputs([str(file)], max_bytes=1 << 20, fetch=False)
    assert (article.source, article.url) == ("Wikinews", URL)
    article.source, article.url = source_line.removeprefix("Source: "), None  # as the earlier parser read it
    with Library(db) as library:
        [old] = analyze([article])
        article_id = library.store(old).article_id
        start = old.text.index(SENTENCE)
        add_bookmark(library, article_id, start, start + len(SENTENCE), note="for the memo")
    assert len(json.loads(run("search", "source:github", "--json", "--db", db).stdout)) == 1

    result = run("ingest", str(file), "--db", db)

    assert result.exit_code == 0, result.output
    assert "added 0, unchanged 0, replaced 1, failed 0" in result.stdout
    assert json.loads(run("search", "source:github", "--json", "--db", db).stdout) == []
    [hit] = json.loads(run("search", "source:wikinews", "Rumsfeld", "--json", "--db", db).stdout)
    assert (hit["source"], hit["url"]) == ("Wikinews", URL)

    [bookmark] = json.loads(run("bookmarks", "--json", "--db", db).stdout)
    assert not bookmark["detached"] and bookmark["note"] == "for the memo"
    assert (bookmark["source"], bookmark["url"]) == ("Wikinews", URL)
    memo = run("bookmarks", "export", "--format", "md", "--db", db).stdout
    assert f"<{URL}>" in memo and "github" not in memo

    again = run("ingest", str(file), "--db", db)
    assert "added 0, unchanged 1" in again.stdout
