"""In a real terminal (tmux): open the seed article, press b, quit; the CLI then lists the claim and
the agenda lists the Reykjavik and Canada engagements.

The library is built from a contract fixture (the seed article with its quotes and engagements
annotated by hand, tests/claims_fixtures.py) through `briefing ingest --analyzed`, so the test
does not depend on what the extractors of the day find.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.claims_fixtures import seed_analysis

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


def briefing(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


class Tmux:
    """One tmux server of our own (its own socket), one session running one command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              timeout=30).stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        self.run("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", f"env {exports} {command}")

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time, so escape and a letter are never read as alt+letter
            self.run("send-keys", "-t", "e2e", key)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "e2e"],
                              capture_output=True).returncode == 0

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def test_bookmark_in_the_reader_then_list_it_and_the_agenda(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CONFIG": str(tmp_path / "config.toml")}
    db = tmp_path / "lib.db"
    contract = tmp_path / "seed.jsonl"
    contract.write_text(json.dumps(seed_analysis().to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    stored = briefing("ingest", "--analyzed", str(contract), "--db", str(db), env=env)
    assert stored.returncode == 0, stored.stderr

    tmux = Tmux(f"briefing-e2e-{os.getpid()}")
    try:
        tmux.start(f"{_quote(sys.executable)} -m briefing --db {_quote(str(db))}",
                   {"PYTHONPATH": str(ROOT), "BRIEFING_CONFIG": str(tmp_path / "config.toml"), "TERM": "xterm-256color"})
        tmux.wait_for("North Korean troops deployed")
        tmux.wait_for("Bookmark")  # the footer is up: keys are live
        tmux.keys("J", "J", "J")  # the sentence with Ryder's quote
        tmux.keys("b")
        tmux.wait_for("Bookmarked")
        tmux.keys("q")
        deadline = time.monotonic() + 20
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "the reader did not quit on q"
    finally:
        tmux.kill()

    listed = briefing("bookmarks", "--json", "--db", str(db), env=env)
    assert listed.returncode == 0, listed.stderr
    [bookmark] = json.loads(listed.stdout)
    assert bookmark["kind"] == "quote" and bookmark["speaker"] == "Pat Ryder"
    assert bookmark["text"].startswith("There are indications that a couple thousand more North Korean troops")
    assert bookmark["title"].startswith("North Korean troops deployed") and bookmark["detached"] is False

    upcoming = briefing("agenda", "--upcoming", "--json", "--db", str(db), env=env)
    assert upcoming.returncode == 0, upcoming.stderr
    items = json.loads(upcoming.stdout)
    assert [i["where"] for i in items] == ["Reykjavik", "Canada"]
    assert all(i["who"] == ["Volodymyr Zelensky"] for i in items)
