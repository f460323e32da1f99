"""The agenda screen (`a`): grouped by date, upcoming first, the as-of-article toggle, Enter opens."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from briefing.store import Library
from briefing.tui.app import BriefingApp
from briefing.tui.screens.agenda import AgendaScreen
from briefing.tui.screens.reader import ReaderScreen
from tests.claims_fixtures import engagement, entity, seed_analysis, simple_analysis

TODAY = date.today()
SOON = (TODAY + timedelta(days=10)).isoformat()
LAST_YEAR = (TODAY - timedelta(days=400)).isoformat()
ARTICLE_DAY = (TODAY - timedelta(days=420)).isoformat()
BODY = "The envoys will meet in Lisbon next week. Ministers will gather in Rome in a fortnight."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    entities = [entity(BODY, "e1", "place", "Lisbon"), entity(BODY, "e2", "place", "Rome")]
    with Library(path) as library:
        library.store(seed_analysis(path="seed.txt"))  # undated Reykjavik, Canada (upcoming), Washington (past)
        library.store(simple_analysis(BODY, title="Envoys and ministers", path="envoys.txt", date=ARTICLE_DAY,
                                      entities=entities, engagements=[
                                          engagement(BODY, "meet in Lisbon", [], "envoys meet", "e1", SOON,
                                                     "upcoming", "next week"),
                                          engagement(BODY, "gather in Rome", [], "ministers gather", "e2", LAST_YEAR,
                                                     "upcoming", "in a fortnight"),
                                      ]))
    return path


def outline(screen: AgendaScreen) -> list[str]:
    """The list as a person reads it: headings as they are, engagements by their first line."""
    out = []
    for option in screen.listing.options:
        line = option.prompt.plain.split("\n")[0]
        out.append(line.strip() if option.disabled else "· " + line.strip())
    return out


async def open_agenda(pilot) -> AgendaScreen:
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


async def test_grouped_by_date_upcoming_first(db: Path):
    app = BriefingApp(db, cursor_blink=False, save_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agenda(pilot)
        assert outline(screen) == [
            "Upcoming",
            SOON,
            "· envoys meet — Lisbon (next week)",
            "Upcoming as of their article (no date given)",  # a 2024 article's plans: not upcoming today
            "article of 2024-10-29",
            "· Volodymyr Zelensky: address the international expansion of the conflict with Nordic leaders — Reykjavik",
            "· Volodymyr Zelensky: attend a conference on the abduction of Ukrainian children — Canada",
            "Past",
            LAST_YEAR,
            "· ministers gather — Rome (in a fortnight)",
            "Past as of their article (no date given)",
            "article of 2024-10-29",
            "· Jake Sullivan, Andriy Yermak: met to discuss Ukraine’s victory plan — Washington",
        ]
        assert screen.current.where == "Lisbon"  # the highlight starts on the first engagement
        assert "judged against today" in str(screen.query_one("#agenda-header").render())


async def test_toggle_judges_against_each_articles_date(db: Path):
    app = BriefingApp(db, cursor_blink=False, save_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("j", "j", "j")  # Lisbon, Reykjavik, Canada, then Rome (past today)
        assert screen.current.where == "Rome"
        await pilot.press("t")
        await pilot.pause()
        upcoming = outline(screen)[:outline(screen).index("Past")]
        assert "· ministers gather — Rome (in a fortnight)" in upcoming  # still to come as of its article
        assert screen.current.where == "Rome"  # the highlight follows the engagement
        assert "each article's date" in str(screen.query_one("#agenda-header").render())
        await pilot.press("t")
        await pilot.pause()
        assert outline(screen).index("· ministers gather — Rome (in a fortnight)") > outline(screen).index("Past")

        await pilot.press("u")  # upcoming only
        await pilot.pause()
        assert "Past" not in outline(screen)
        assert [i.where for i in screen.items] == ["Lisbon", "Reykjavik", "Canada"]


async def test_enter_opens_the_article_at_the_engagement(db: Path):
    app = BriefingApp(db, cursor_blink=False, save_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("j", "j")  # past Lisbon and Reykjavik, to Canada
        item = screen.current
        assert item.where == "Canada"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.current_article_id == item.article_id
        assert app.reader.article.cursor_span == (item.start, item.end)
        assert app.reader.article.marks("highlight") == [(item.start, item.end)]

        screen = await open_agenda(pilot)
        lisbon = screen.current  # the first: Lisbon, in the other article
        assert lisbon.where == "Lisbon"
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.current_article_id == lisbon.article_id
        assert app.reader.article.cursor_text == "The envoys will meet in Lisbon next week."


async def test_an_empty_agenda_says_so(tmp_path: Path):
    path = tmp_path / "lib.db"
    with Library(path) as library:
        library.store(simple_analysis("Nothing planned.", title="Quiet", path="quiet.txt"))
    app = BriefingApp(path, cursor_blink=False, save_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        assert screen.listing.option_count == 0
        assert "No engagements" in str(screen.query_one("#agenda-detail").render())
        await pilot.press("enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_long_agenda_shows_the_first_engagements(db: Path, monkeypatch):
    import briefing.tui.screens.agenda as screens

    monkeypatch.setattr(screens, "MAX_SHOWN", 2)
    app = BriefingApp(db, cursor_blink=False, save_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_agenda(pilot)
        assert [line for line in outline(screen) if line.startswith("·")] == [
            "· envoys meet — Lisbon (next week)",
            "· Volodymyr Zelensky: address the international expansion of the conflict with Nordic leaders — Reykjavik",
        ]
        assert "the first 2 of 5 engagements" in str(screen.query_one("#agenda-header").render())
