"""Hardening fixtures: the real CLI in a subprocess, hostile inputs, generated large inputs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
LIBRARIES = ROOT / "tests" / "fixtures" / "libraries"
CLI_TIMEOUT = 90  # a hang guard, not a speed assertion


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def cli_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **extra}


def briefing(*args: str, env: dict[str, str] | None = None, input: bytes | None = None,
             timeout: float = CLI_TIMEOUT) -> Run:
    """`python -m briefing ARGS` as a person runs it (the console entry point, not click's test runner)."""
    done = subprocess.run([sys.executable, "-m", "briefing", *args], env=env or cli_env(), input=input,
                          capture_output=True, timeout=timeout)
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def assert_for_people(run: Run) -> None:
    """Errors are one line each, prefixed `briefing:`, never a traceback."""
    assert "Traceback" not in run.stderr, run.stderr
    for line in run.stderr.splitlines():
        assert line.startswith("briefing: "), f"not a one-line message: {line!r}\n{run.stderr}"


def rows(db: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A subprocess environment with its own (absent) settings file."""
    return cli_env(BRIEFING_CONFIG=str(tmp_path / "config.toml"))


@pytest.fixture(scope="session")
def hostile_library(tmp_path_factory) -> tuple[Run, Path]:
    """The whole hostile folder through `briefing ingest`, once per session: the run and the library."""
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "lib.db"
    run = briefing("ingest", str(HOSTILE), "--no-fetch", "--db", str(db),
                   env=cli_env(BRIEFING_CONFIG=str(tmp / "config.toml")))
    return run, db


@pytest.fixture(scope="session")
def huge_article(tmp_path_factory) -> Path:
    """A 10 MB plain-text article (generated, not committed)."""
    path = tmp_path_factory.mktemp("huge") / "ten-megabytes.txt"
    paragraph = "The council met in Paris on Monday and agreed the budget of 4.2 million euros. " * 20 + "\n\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("Title: Ten megabytes\nDate: 2024-03-09\n\n")
        while out.tell() < 10 * 1024 * 1024:
            out.write(paragraph)
    return path


def feed_xml(entries: int, distinct: int | None = None, link: str = "https://example.invalid/story/{i}") -> str:
    """An RSS feed of `entries` items; with `distinct`, the items repeat that many different stories."""
    items = []
    for n in range(entries):
        i = n % distinct if distinct else n
        items.append(f"<item><title>Story {i}</title><link>{link.format(i=i)}</link>"
                     f"<description>The mayor of Lyon opened bridge number {i} on Monday.</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Flood</title>'
            + "".join(items) + "</channel></rss>")


@pytest.fixture(scope="session")
def big_feed(tmp_path_factory) -> Path:
    """10,000 entries, 10 different stories repeated (generated, not committed)."""
    path = tmp_path_factory.mktemp("feed") / "flood.rss"
    path.write_text(feed_xml(10_000, distinct=10), encoding="utf-8")
    return path
