"""End to end in a real terminal (tmux): `briefing --db LIB`, `/` Reykjavik, Enter opens the hit.

Skips when tmux is not installed. The library is built from synthetic analyses (no spaCy), so
the reader opens at once without a first run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.tui.conftest import build_library, seed_analysis, talks_analysis

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """One detached tmux session running a command, read by capture-pane."""

    def __init__(self, command: list[str], env: dict[str, str], width: int = 120, height: int = 36) -> None:
        self.name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
        env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                        *env_args, *command], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True,
                              text=True).stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True)

    def wait_for(self, text: str, timeout: float = 30.0, line: int | None = None) -> str:
        """The screen once `text` shows (on row `line` if given)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            rows = screen.splitlines()
            if text in (screen if line is None else (rows[line] if len(rows) > line else "")):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_search_reykjavik_and_open_the_hit(tmp_path: Path):
    db = build_library(tmp_path / "e2e.db", seed_analysis(), talks_analysis())
    env = {"PYTHONPATH": str(ROOT), "BRIEFING_CONFIG": str(tmp_path / "config.toml"),
           "TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}
    term = Terminal([sys.executable, "-m", "briefing", "--db", str(db)], env)
    try:
        term.wait_for("North Korean troops deployed")  # the newest article is open
        term.send("/")
        term.wait_for("Search the library")
        term.send("Reykjavik Nordic", literal=True)
        screen = term.wait_for("2 articles")
        first_hit = screen.index("Zelensky and Sullivan talk air defence")
        assert first_hit < screen.index("North Korean troops deployed", screen.index("2 articles"))
        term.send("Enter")
        screen = term.wait_for("Zelensky and Sullivan talk air defence", line=0)  # the reader's header
        assert "Search the library" not in screen
        assert "travel to Reykjavik next week" in screen
        term.send("q")
    finally:
        term.close()
