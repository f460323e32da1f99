"""The CLI as scripts use it: exit codes, one-line reasons, dedup, the contract on stdout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import cli


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_ingest_folder_with_bad_files_keeps_the_good_one(tmp_path: Path, seed_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "photo.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(seed_path, folder / "seed.txt")
    db = str(tmp_path / "lib.db")

    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    assert "photo.bin: binary file" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "added 1, unchanged 0, replaced 0, failed 2" in result.stdout

    stats = json.loads(run("stats", "--json", "--db", db).stdout)
    assert stats["articles"] == 1 and stats["people"] >= 3

    again = run("ingest", str(folder / "seed.txt"), "--db", db)
    assert again.exit_code == 0
    assert "added 0, unchanged 1" in again.stdout


def test_analyze_prints_the_contract(seed_path: Path):
    result = run("analyze", str(seed_path), "--json")
    assert result.exit_code == 0
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["schema"] == "briefing.analysis/1"
    assert data["text"].startswith("The Pentagon confirmed today")
    assert data["article"]["date"] == "2024-10-29"
    text = data["text"]
    for entity in data["entities"]:  # noun phrases holding the name ("Pentagon spokesman ... Pat Ryder"),
        said = [text[m["start"]:m["end"]] for m in entity["mentions"]]  # and descriptions set beside them
        assert any(name in s for s in said for name in {entity["name"], *entity["aliases"]})
        assert all(s and s == s.strip() for s in said)


def test_ingest_analyzed_stores_without_spacy(tmp_path: Path, seed_path: Path, monkeypatch):
    contract = run("analyze", str(seed_path), "--json").stdout
    jsonl = tmp_path / "backfill.jsonl"
    jsonl.write_text(contract + "not json\n", encoding="utf-8")

    import briefing.analysis.pipeline as pipeline

    monkeypatch.setattr(pipeline, "load_model", lambda *a, **k: (_ for _ in ()).throw(AssertionError("spaCy ran")))
    result = run("ingest", "--analyzed", str(jsonl), "--db", str(tmp_path / "lib.db"))
    assert result.exit_code == 1
    assert "added 1" in result.stdout
    assert "backfill.jsonl:2: not JSON" in result.stderr


def test_stdin_is_one_article(tmp_path: Path):
    text = "Title: From a pipe\nDate: 2024-01-02\n\nThe minister spoke in Paris on Monday."
    result = run("ingest", "-", "--db", str(tmp_path / "lib.db"), input=text.encode())
    assert result.exit_code == 0, result.stderr
    assert "added 1" in result.stdout


def test_nothing_to_ingest_is_a_usage_error(tmp_path: Path):
    result = run("ingest", "--db", str(tmp_path / "lib.db"))
    assert result.exit_code == 2
    assert "nothing to ingest" in result.stderr


def test_missing_path_is_named(tmp_path: Path):
    result = run("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "lib.db"))
    assert result.exit_code == 1
    assert "nope.txt: no such file or folder" in result.stderr


def test_reanalyze_keeps_articles(tmp_path: Path, seed_path: Path):
    db = str(tmp_path / "lib.db")
    run("ingest", str(seed_path), "--db", db)
    before = json.loads(run("stats", "--json", "--db", db).stdout)
    result = run("reanalyze", "--db", db)
    assert result.exit_code == 0
    assert "reanalyze: 1 articles" in result.stdout
    assert json.loads(run("stats", "--json", "--db", db).stdout) == before


def test_analyze_summary_marks_reported_speech_as_not_verbatim(seed_path: Path):
    """'Zelensky reported that 3,000 North Korean soldiers…' is his claim in the writer's words."""
    out = run("analyze", str(seed_path)).stdout
    reported = [line for line in out.splitlines() if line.strip().startswith("(reported)")]
    assert len(reported) >= 3
    assert not any(line.strip().startswith("“that") for line in out.splitlines())  # not quoted as his words
    assert any(line.strip().startswith("“There are indications") for line in out.splitlines())
    assert "· \n" not in out and not any(line.endswith("· ") for line in out.splitlines())
