"""SVG snapshots of the main screens on the seed article: 80x24 and 160x48, a dark and a light theme.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update` and
look at the report. The seed's contract object comes from tests/tui/fixtures/seed.json.
"""

from __future__ import annotations

import pytest

from briefing.config import Settings

SIZES = [(80, 24), (160, 48)]
THEMES = ["textual-dark", "textual-light"]


def _app(make_app, theme: str):
    return make_app(settings=Settings(theme=theme), save_theme=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
def test_reader(snap_compare, make_app, theme, size):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("J", "J", "J")  # the cursor on the Zelensky sentence
        await pilot.pause()

    assert snap_compare(_app(make_app, theme), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
def test_dossier(snap_compare, make_app, theme, size):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("tab", "enter")  # People pane, the most-mentioned person's dossier
        await pilot.pause()

    assert snap_compare(_app(make_app, theme), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_pane_link(snap_compare, make_app, theme):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("tab", "tab", "j", "j")  # Places pane, third place highlighted in the text
        await pilot.pause()

    assert snap_compare(_app(make_app, theme), terminal_size=(160, 48), run_before=run_before)


def test_help(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(make_app, "textual-dark"), terminal_size=(80, 24), run_before=run_before)


def test_narrow_library_shown(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(_app(make_app, "textual-dark"), terminal_size=(80, 24), run_before=run_before)


# ------------------------------------------------------------------ the search screen
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search(snap_compare, make_app, size):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("slash", *"Zelensky")  # ranked hits with snippets, the hits marked
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_app(make_app, "textual-dark"), terminal_size=size, run_before=run_before)


def test_search_error(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("slash", *"kyiv OR")  # the one-line message, nothing listed
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_app(make_app, "textual-dark"), terminal_size=(80, 24), run_before=run_before)


def test_reader_tiny(snap_compare, make_app):
    """Below 72 columns the panes sit under the article, full width."""
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("J", "J", "J")
        await pilot.pause()

    assert snap_compare(_app(make_app, "textual-dark"), terminal_size=(60, 24), run_before=run_before)
