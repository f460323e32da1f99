"""Two briefing processes on one library: readers keep working while `briefing ingest` writes,
and two ingests at once both finish; "database is locked" never reaches a person."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.config import resource_dir
from briefing.store import Library
from tests.hardening.conftest import assert_for_people, briefing, cli_env, rows

LOCKED = "locked"


def split_samples(tmp_path: Path, parts: int, per_part: int) -> list[Path]:
    """Short real articles (the samples' opening paragraphs) in `parts` folders."""
    samples = sorted(resource_dir("sample_articles").glob("*.txt"))
    folders = [tmp_path / f"part{i}" for i in range(parts)]
    for i, folder in enumerate(folders):
        folder.mkdir()
        for path in samples[i * per_part:(i + 1) * per_part]:
            head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            (folder / path.name).write_text(f"{head}\n\n{body[:700]}\n", encoding="utf-8")
    return folders


def start_ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefing", "ingest", str(folder), "--db", str(db)],
                            env=cli_env(BRIEFING_CONFIG=str(db.parent / "config.toml")),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out.decode(), err.decode()


def test_readers_keep_working_while_ingest_writes(tmp_path: Path):
    [first, second] = split_samples(tmp_path, 2, 6)
    db = tmp_path / "lib.db"
    assert briefing("ingest", str(first), "--db", str(db)).code == 0  # a library people already read

    errors: list[str] = []
    seen: list[int] = []
    stop = threading.Event()

    def read_in_process() -> None:  # what the reader does: list, open an article, count
        try:
            while not stop.is_set():
                with Library(db) as library:
                    listed = library.list_articles()
                    library.analysis(listed[0]["id"])
                    seen.append(library.stats()["articles"])
                time.sleep(0.01)
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            errors.append(f"{type(exc).__name__}: {exc}")

    reader = threading.Thread(target=read_in_process)
    writer = start_ingest(second, db)
    reader.start()
    stats_runs = []
    try:
        while writer.poll() is None:
            stats_runs.append(briefing("stats", "--json", "--db", str(db)))
    finally:
        stop.set()
        reader.join(timeout=30)
    code, out, err = finish(writer)

    assert code == 0 and "added 6" in out, err
    assert LOCKED not in err
    assert errors == []
    assert stats_runs, "the ingest ended before a stats run could overlap it"
    for run in stats_runs:
        assert_for_people(run)
        assert run.code == 0 and LOCKED not in run.stderr
    assert seen == sorted(seen) and seen[0] >= 6 and seen[-1] <= 12  # counts only grow, never a torn read
    assert rows(db, "SELECT count(*) FROM articles") == [(12,)]


def test_two_ingests_at_once_on_a_new_library(tmp_path: Path):
    """Both create (migrate) the same new file and then write: both finish, nothing is lost."""
    folders = split_samples(tmp_path, 2, 5)
    db = tmp_path / "lib.db"
    procs = [start_ingest(folder, db) for folder in folders]
    results = [finish(proc) for proc in procs]
    for code, out, err in results:
        assert LOCKED not in err and "Traceback" not in err
        assert code == 0 and "added 5" in out, err
    assert rows(db, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == [(10, 10)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_a_new_library_opens_while_another_process_holds_it(tmp_path: Path):
    """Switching a new file to WAL needs it alone, and SQLite says "locked" at once instead of
    waiting: the second of two first runs must wait for the first, not fail (seen in CI)."""
    path = tmp_path / "lib.db"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("BEGIN IMMEDIATE")  # the file is still in rollback mode and this one holds it
    first.execute("CREATE TABLE _probe(a)")
    first.execute("DROP TABLE _probe")
    release = threading.Timer(0.5, lambda: first.execute("COMMIT"))
    release.start()
    try:
        with Library(path) as library:
            assert library.count_articles() == 0
            assert rows(path, "PRAGMA journal_mode") == [("wal",)]
    finally:
        release.join()
        first.close()
