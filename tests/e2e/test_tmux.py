"""The reader in a real terminal: tmux runs `python -m briefing --db LIB` at 120x40 and we read the screen."""

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

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


class Terminal:
    """One tmux session running the reader; every wait polls the screen against a deadline."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        self.name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
        # The test process may carry COLUMNS/LINES (the snapshot plugin sets 80x24); the app must see the pane's size.
        env = {**env, "COLUMNS": str(size[0]), "LINES": str(size[1])}
        env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                        *env_args, *command], check=True, cwd=ROOT)

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{self.screen()}")

    def wait_until_gone(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text not in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} still on screen after {timeout}s:\n{self.screen()}")

    def ready(self, timeout: float = 30.0) -> None:
        """Wait until the app answers keys: press J (sentence cursor) until the legend shows its position."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.keys("J")
            try:
                self.wait_for("/15 ", timeout=1.0)
                return
            except AssertionError:
                continue
        raise AssertionError(f"the reader does not answer keys:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path):
    db = build_library(tmp_path / "e2e.db", seed_analysis(), talks_analysis())
    env = {"PYTHONPATH": str(ROOT), "BRIEFING_CONFIG": str(tmp_path / "config.toml"), "TERM": "xterm-256color"}
    term = Terminal([sys.executable, "-m", "briefing", "--db", str(db)], env)
    yield term
    term.close()


def test_open_the_seed_article_and_read_to_the_end(terminal: Terminal):
    terminal.wait_for("Zelensky and")  # both articles listed
    terminal.ready()
    terminal.keys("f")
    terminal.wait_for("type to filter")  # the filter field has the keys
    terminal.keys("Kursk")
    terminal.wait_until_gone("Zelensky and")  # the filter kept only the seed
    terminal.keys("Enter")
    terminal.wait_for("The Pentagon confirmed today")
    terminal.keys("G")
    shown = terminal.wait_for("Reykjavik")
    assert "North Korean troops deployed" in shown  # the header still names the article


def test_open_the_dossier_of_zelensky(terminal: Terminal):
    terminal.wait_for("The Pentagon confirmed today")
    terminal.ready()
    terminal.keys("Tab")  # People pane; the most-mentioned person first
    terminal.wait_for("⏎ Open")  # the pane has the focus
    terminal.keys("Enter")
    shown = terminal.wait_for("Articles 2")
    assert "Volodymyr Zelensky" in shown and "person" in shown
    terminal.keys("q")
    terminal.wait_for("The Pentagon confirmed today")
    terminal.keys("q")


def test_search_reykjavik_and_open_the_hit(terminal: Terminal):
    terminal.wait_for("The Pentagon confirmed today")
    terminal.ready()
    terminal.keys("/")
    terminal.wait_for("Search the library")
    terminal.keys("-l", "Reykjavik Nordic")
    shown = terminal.wait_for("2 articles")
    results = shown[shown.index("2 articles"):]
    assert results.index("Zelensky and Sullivan talk air defence") < results.index("North Korean troops")
    terminal.keys("Enter")
    terminal.wait_until_gone("Search the library")
    deadline = time.monotonic() + 20
    while "Zelensky and Sullivan talk air defence" not in terminal.screen().splitlines()[0]:  # the header
        assert time.monotonic() < deadline, terminal.screen()
        time.sleep(0.1)
    assert "travel to Reykjavik next week" in terminal.screen()
    terminal.keys("q")
