"""A library written by other means than `briefing ingest` (a script, direct SQL) may hold escape
codes in titles, sources, claims and names. The search, bookmarks and agenda screens draw them as
plain text: no control character reaches the terminal, the words around them stay."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.store import Library
from briefing.store.bookmarks import add_bookmark
from briefing.tui.app import BriefingApp
from tests.claims_fixtures import engagement, entity, simple_analysis

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BODY = "Envoys will meet in \x1b]0;pwned\x07Lisbon next week.\n\nThe talks \x1b[2Jwere calm, \u202eofficials said."
TITLE = "Envoys \x1b[31mmeet\x1b[0m in Lisbon"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    lisbon = entity(BODY, "e1", "place", "Lisbon")
    with Library(path) as library:
        stored = library.store(simple_analysis(
            BODY, title=TITLE, path="envoys.txt", date="2099-01-05", source="Wire\x1b]8;;http://x\x07 desk",
            entities=[lisbon],
            engagements=[engagement(BODY, "meet in", ["Envoys\x1b[5m"], "envoys \x1b[1mmeet", "e1",
                                    "2099-01-12", "upcoming", "next\x07 week")]))
        add_bookmark(library, stored.article_id, 0, BODY.index("\n"), note="check \x1b[2J this",
                     tags=["lis\x1bbon"])
    return path


def screen_text(app: BriefingApp) -> str:
    return app.export_screenshot()


@pytest.mark.parametrize(("keys", "expect"), [
    (("slash", "t", "a", "l", "k", "s"), "Envoys meet in Lisbon"),
    (("m",), "check this"),
    (("a",), "envoys meet"),
])
async def test_screens_draw_library_text_without_controls(db: Path, keys: tuple[str, ...], expect: str):
    app = BriefingApp(db, cursor_blink=False, save_theme=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.6)  # the search screen debounces typing
        await app.workers.wait_for_complete()
        await pilot.pause()
        shot = screen_text(app)
        assert not CONTROL.search(shot)
        plain = " ".join(re.sub(r"<[^>]+>", "", shot).replace("&#160;", " ").split())
        assert expect in plain
