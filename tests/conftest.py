"""Shared fixtures: the bundled sample articles, the optional shared corpus, temporary libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import resource_dir
from briefing.store import Library

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = "seed-kursk-briefing.txt"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real settings or library."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFING_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("BRIEFING_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


@pytest.fixture(scope="session")
def samples() -> Path:
    return resource_dir("sample_articles")


@pytest.fixture(scope="session")
def seed_path(samples: Path) -> Path:
    return samples / SEED


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = SHARED / "corpus" / "articles"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not here")
    return path


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "lib.db")
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def nlp():
    from briefing.analysis import load_model

    return load_model("auto")
