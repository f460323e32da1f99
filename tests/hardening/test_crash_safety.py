"""SIGKILL an ingest at several points (fixed seed): the library stays whole, every stored article
has its full analysis, and a rerun completes the batch without duplicates."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.config import resource_dir
from briefing.ingest import ingest
from briefing.store import Library
from tests.hardening.conftest import assert_for_people, briefing, cli_env, rows

ARTICLES = 10
SEED = 20241029
ANALYSIS_TABLES = ("sentences", "article_entities", "mentions", "figures", "dates", "quotes", "engagements")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """Ten short real articles (header and opening paragraphs of the bundled samples)."""
    folder = tmp_path_factory.mktemp("batch")
    samples = sorted(p for p in resource_dir("sample_articles").glob("*.txt"))[:ARTICLES]
    for path in samples:
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        opening = "\n\n".join(body.split("\n\n")[:3])[:900]
        (folder / path.name).write_text(f"{head}\n\n{opening}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(batch: Path, tmp_path_factory, nlp) -> dict[str, dict[str, int]]:
    """Per content hash, how many rows of each analysis table an uninterrupted ingest stores."""
    db = tmp_path_factory.mktemp("reference") / "lib.db"
    with Library(db) as library:
        report = ingest(library, [str(batch)], fetch=False)
    assert report.added == ARTICLES
    return analysis_counts(db)


def analysis_counts(db: Path) -> dict[str, dict[str, int]]:
    counts = {}
    for article_id, digest in rows(db, "SELECT id, content_hash FROM articles"):
        counts[digest] = {t: rows(db, f"SELECT count(*) FROM {t} WHERE article_id = ?", (article_id,))[0][0]
                          for t in ANALYSIS_TABLES}
    return counts


def stored_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def kill_after(db: Path, batch: Path, stored: int, extra_delay: float) -> int:
    """Start an ingest, SIGKILL it once `stored` articles are in (plus a delay); returns how many were."""
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "ingest", str(batch), "--db", str(db)],
                            env=cli_env(BRIEFING_CONFIG=str(db.parent / "config.toml")),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while stored_count(db) < stored and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(extra_delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    count = stored_count(db)
    assert proc.returncode == -signal.SIGKILL or count == ARTICLES, "the ingest ended before it could be killed"
    print(f"killed with {count} of {ARTICLES} stored (target {stored}, delay {extra_delay:.3f}s)")
    return count


def assert_whole(db: Path, reference: dict[str, dict[str, int]]) -> None:
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    conn = sqlite3.connect(db)
    try:  # the full-text index agrees with the articles table
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    finally:
        conn.close()
    for digest, counts in analysis_counts(db).items():
        assert counts == reference[digest], f"article {digest[:12]} stored without its full analysis"


def rerun_completes(db: Path, batch: Path, reference, already: int) -> None:
    rerun = briefing("ingest", str(batch), "--db", str(db), env=cli_env(BRIEFING_CONFIG=str(db.parent / "config.toml")))
    assert_for_people(rerun)
    assert rerun.code == 0, rerun.stderr
    assert f"added {ARTICLES - already}, unchanged {already}, replaced 0, failed 0" in rerun.stdout
    assert_whole(db, reference)
    assert rows(db, "SELECT count(*), count(DISTINCT content_hash), count(DISTINCT path) FROM articles") == \
        [(ARTICLES, ARTICLES, ARTICLES)]
    assert set(analysis_counts(db)) == set(reference)


def test_kill_at_startup_then_during_writes_then_rerun(batch: Path, reference, tmp_path: Path):
    """Two crashes in a row on one library (loading/analysing, then storing), then a clean run."""
    rng = random.Random(SEED)
    db = tmp_path / "lib.db"
    first = kill_after(db, batch, 0, rng.uniform(0.3, 3.0))
    if db.exists():
        assert_whole(db, reference)
    second = kill_after(db, batch, first + rng.randint(1, 5), rng.uniform(0, 0.02))
    assert second >= first
    assert_whole(db, reference)
    rerun_completes(db, batch, reference, second)


def test_kill_mid_write_then_rerun(batch: Path, reference, tmp_path: Path):
    """Killed while the store writes (articles are written in a burst once a spaCy batch is done)."""
    rng = random.Random(SEED + 1)
    db = tmp_path / "lib.db"
    stored = kill_after(db, batch, 7, rng.uniform(0, 0.005))
    assert_whole(db, reference)
    rerun_completes(db, batch, reference, stored)


def test_ctrl_c_mid_batch_says_interrupted_and_keeps_the_library_whole(batch: Path, reference, tmp_path: Path):
    db = tmp_path / "lib.db"
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "ingest", str(batch), "--db", str(db)],
                            env=cli_env(BRIEFING_CONFIG=str(tmp_path / "config.toml")),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while stored_count(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert proc.returncode == 130
    assert err.decode().strip() == "briefing: interrupted"
    assert_whole(db, reference)
    rerun_completes(db, batch, reference, stored_count(db))
