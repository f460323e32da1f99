"""`briefing bookmarks` as scripts use it: JSON shape, filters, exports, exit codes, and survival."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.store import Library
from briefing.store.bookmarks import add_bookmark, claim_under
from tests.claims_fixtures import PLAIN_SENTENCE, RYDER_QUOTE, seed_analysis

KEYS = {"id", "kind", "text", "speaker", "note", "tags", "title", "source", "date", "url", "article_hash",
        "start", "end", "created_at", "detached", "article_changed", "quote_kind", "cue"}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def bookmark_text(library: Library, article_id: int, text: str, **kw):
    analysis = library.analysis(article_id)
    at = analysis.text.index(text)
    sentence = next(s for s in analysis.sentences if s.start <= at < s.end)
    claim = claim_under(analysis, sentence.start, sentence.end)
    return add_bookmark(library, article_id, claim.start, claim.end, kind=claim.kind, speaker=claim.speaker, **kw)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        article_id = library.store(seed_analysis(path="seed.txt")).article_id
        bookmark_text(library, article_id, RYDER_QUOTE, note="more troops", tags=["dprk"])
        bookmark_text(library, article_id, PLAIN_SENTENCE, note='cities, "heavy"', tags=["war"])
    return str(path)


def test_json_lists_every_bookmark_newest_first(db: str):
    result = run("bookmarks", "--json", "--db", db)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [b["text"] for b in data] == [PLAIN_SENTENCE, RYDER_QUOTE]
    assert all(set(b) == KEYS for b in data)
    assert data[1]["speaker"] == "Pat Ryder" and data[1]["kind"] == "quote" and data[1]["tags"] == ["dprk"]
    assert data[1]["detached"] is False and data[1]["date"] == "2024-10-29"


def test_filters_narrow_the_listing(db: str):
    by_tag = json.loads(run("bookmarks", "--json", "--tag", "dprk", "--db", db).stdout)
    assert [b["text"] for b in by_tag] == [RYDER_QUOTE]
    by_speaker = json.loads(run("bookmarks", "--json", "--speaker", "ryder", "--db", db).stdout)
    assert [b["text"] for b in by_speaker] == [RYDER_QUOTE]
    by_word = json.loads(run("bookmarks", "--json", "--search", "bombardment", "--db", db).stdout)
    assert [b["text"] for b in by_word] == [PLAIN_SENTENCE]
    assert json.loads(run("bookmarks", "--json", "--article", "no such title", "--db", db).stdout) == []


def test_plain_listing_shows_claim_speaker_note_and_tags(db: str):
    out = run("bookmarks", "--db", db).stdout
    assert f"“{RYDER_QUOTE}”" in out and "— Pat Ryder" in out
    assert "note: more troops" in out and "tags: dprk" in out
    assert "North Korean troops deployed to Russia’s Kursk region" in out
    assert run("bookmarks", "--tag", "nothing", "--db", db).stdout.strip() == "no bookmarks match"


def test_export_markdown_to_a_file(db: str, tmp_path: Path):
    out = tmp_path / "memo.md"
    result = run("bookmarks", "export", "--format", "md", "-o", str(out), "--db", db)
    assert result.exit_code == 0
    assert "wrote 2 to" in result.stderr and result.stdout == ""
    memo = out.read_text(encoding="utf-8")
    assert f"> “{RYDER_QUOTE}”\n\n— Pat Ryder, *North Korean troops" in memo
    assert "Note: more troops" in memo and "Tags: dprk" in memo


def test_export_csv_and_json_to_stdout(db: str):
    rows = list(csv.DictReader(io.StringIO(run("bookmarks", "export", "--format", "csv", "--db", db).stdout)))
    assert [r["text"] for r in rows] == [PLAIN_SENTENCE, RYDER_QUOTE]
    assert rows[0]["note"] == 'cities, "heavy"'
    data = json.loads(run("bookmarks", "export", "--format", "json", "--tag", "war", "--db", db).stdout)
    assert [b["text"] for b in data] == [PLAIN_SENTENCE]


def test_errors_are_one_line_with_an_exit_status(db: str, tmp_path: Path):
    bad_format = run("bookmarks", "export", "--format", "xml", "--db", db)
    assert bad_format.exit_code == 2
    no_library = run("bookmarks", "--json", "--db", str(tmp_path / "missing.db"))
    assert no_library.exit_code == 1
    assert no_library.stderr.strip().count("\n") == 0 and "no library here" in no_library.stderr
    assert not (tmp_path / "missing.db").exists()
    unwritable = run("bookmarks", "export", "--format", "md", "-o", str(tmp_path / "no" / "dir" / "x.md"), "--db", db)
    assert unwritable.exit_code == 1 and "cannot write" in unwritable.stderr


def test_bookmarks_survive_reanalyze_and_reingest_then_detach_on_replacement(tmp_path: Path, seed_path: Path):
    """Through the real commands and spaCy on the seed article."""
    article = tmp_path / "seed.txt"
    shutil.copy(seed_path, article)
    db = str(tmp_path / "lib.db")
    assert run("ingest", str(article), "--db", db).exit_code == 0
    with Library(db) as library:
        [article_id] = library.article_ids()
        bookmark_text(library, article_id, PLAIN_SENTENCE, note="keep me", tags=["war"])

    def listed() -> list[dict]:
        return json.loads(run("bookmarks", "--json", "--db", db).stdout)

    before = listed()
    assert [b["text"] for b in before] == [PLAIN_SENTENCE] and before[0]["detached"] is False

    assert run("reanalyze", "--db", db).exit_code == 0
    assert listed() == before

    assert "unchanged 1" in run("ingest", str(article), "--db", db).stdout
    assert listed() == before

    article.write_text(article.read_text(encoding="utf-8").replace("heavy bombardment", "shelling"),
                       encoding="utf-8")
    assert "replaced 1" in run("ingest", str(article), "--db", db).stdout
    [after] = listed()
    assert after["detached"] is True and after["article_changed"] is True
    status = {"detached", "article_changed"}
    assert {k: v for k, v in after.items() if k not in status} == {k: v for k, v in before[0].items() if k not in status}
    assert "[detached: article changed]" in run("bookmarks", "--db", db).stdout


def test_a_bookmark_follows_its_file_edited_elsewhere(tmp_path: Path, seed_path: Path):
    """The file gains a sentence before the claim and is re-ingested: the bookmark is still attached,
    at the claim's new place in the new version."""
    article = tmp_path / "seed.txt"
    shutil.copy(seed_path, article)
    db = str(tmp_path / "lib.db")
    assert run("ingest", str(article), "--db", db).exit_code == 0
    with Library(db) as library:
        [article_id] = library.article_ids()
        bookmark_text(library, article_id, PLAIN_SENTENCE, note="keep me")
    article.write_text(article.read_text(encoding="utf-8").replace(
        PLAIN_SENTENCE, "Officials gave no figures. " + PLAIN_SENTENCE), encoding="utf-8")
    assert "replaced 1" in run("ingest", str(article), "--db", db).stdout
    [after] = json.loads(run("bookmarks", "--json", "--db", db).stdout)
    assert after["detached"] is False and after["note"] == "keep me"
    with Library(db) as library:
        [article_id] = library.article_ids()
        body = library.article(article_id).body
    assert body[after["start"]:after["end"]] == PLAIN_SENTENCE == after["text"]


def test_options_given_to_the_group_reach_export(db: str):
    result = run("bookmarks", "--db", db, "--tag", "war", "export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [b["text"] for b in json.loads(result.stdout)] == [PLAIN_SENTENCE]


def test_reported_speech_is_listed_and_exported_as_reported_not_quoted(tmp_path: Path):
    from tests.store.test_bookmarks import REPORTED, with_reported_speech

    path = str(tmp_path / "lib.db")
    with Library(path) as library:
        article_id = library.store(with_reported_speech(seed_analysis(path="seed.txt"))).article_id
        bookmark_text(library, article_id, REPORTED, tags=["dprk"])
    out = run("bookmarks", "--db", path).stdout
    assert f"  (reported) {REPORTED}\n  — Volodymyr Zelensky" in out
    assert "“that 3,000" not in out
    [kept] = json.loads(run("bookmarks", "--json", "--db", path).stdout)
    assert (kept["kind"], kept["quote_kind"], kept["cue"]) == ("quote", "indirect", "reported")
    memo = run("bookmarks", "export", "--format", "md", "--db", path).stdout
    assert memo.startswith(f"*Reported speech* (not verbatim): {REPORTED}\n\n— reported by Volodymyr Zelensky, *")
    assert "“" not in memo.split("\n")[0]
