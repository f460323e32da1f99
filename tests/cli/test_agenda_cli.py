"""`briefing agenda` as scripts use it: JSON shape, --upcoming, the grouped listing, the ICS export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from briefing.cli import cli
from briefing.store import Library
from tests.claims_fixtures import engagement, entity, seed_analysis, simple_analysis

KEYS = {"id", "article_id", "article_title", "article_date", "article_source", "article_url", "who", "what",
        "where", "when_text", "date", "day", "dated", "status", "analysis_status", "section", "sentence", "start",
        "end"}
FUTURE = "The envoys will meet in Lisbon on 3 June 2099. They met in Rome on 2 May 2001."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "lib.db"
    entities = [entity(FUTURE, "e1", "place", "Lisbon"), entity(FUTURE, "e2", "place", "Rome")]
    with Library(path) as library:
        library.store(seed_analysis(path="seed.txt"))
        library.store(simple_analysis(FUTURE, title="Envoys", path="envoys.txt", date="2099-05-01", entities=entities,
                                      engagements=[
                                          engagement(FUTURE, "meet in Lisbon", [], "envoys meet", "e1", "2099-06-03",
                                                     "upcoming", "on 3 June 2099"),
                                          engagement(FUTURE, "met in Rome", [], "envoys met", "e2", "2001-05-02",
                                                     "past", "on 2 May 2001"),
                                      ]))
    return str(path)


def test_json_lists_every_engagement_upcoming_first(db: str):
    result = run("agenda", "--json", "--db", db)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert all(set(item) == KEYS for item in data)
    assert [(i["where"], i["status"], i["section"]) for i in data] == [
        ("Lisbon", "upcoming", "upcoming"),  # 2099-06-03
        ("Reykjavik", "upcoming", "upcoming_as_of_article"), ("Canada", "upcoming", "upcoming_as_of_article"),
        ("Rome", "past", "past"),  # 2001-05-02
        ("Washington", "past", "past_as_of_article"),  # undated, in a 2024-10-29 article
    ]
    reykjavik = data[1]
    assert reykjavik["who"] == ["Volodymyr Zelensky"] and reykjavik["dated"] is False
    assert reykjavik["day"] == "2024-10-29" and reykjavik["date"] is None
    assert "Nordic leaders in Reykjavik" in reykjavik["sentence"]


def test_upcoming_lists_the_reykjavik_and_canada_engagements(db: str):
    data = json.loads(run("agenda", "--upcoming", "--json", "--db", db).stdout)
    assert [i["where"] for i in data] == ["Lisbon", "Reykjavik", "Canada"]  # undated ones: upcoming as of 2024


def test_as_of_article_judges_against_each_articles_date(db: str):
    data = json.loads(run("agenda", "--as-of-article", "--json", "--db", db).stdout)
    assert {i["where"]: i["status"] for i in data}["Lisbon"] == "upcoming"
    assert {i["where"]: i["status"] for i in data}["Rome"] == "past"


def test_plain_listing_is_grouped_by_day(db: str):
    out = run("agenda", "--db", db).stdout.splitlines()
    assert out[:2] == ["Upcoming", "  2099-06-03"]
    assert out[2].startswith("    envoys meet — Lisbon")
    # the undated 2024 plans are not said to be upcoming today: upcoming as of their article
    at = out.index("Upcoming as of their article (no date given)")
    assert out[at + 1] == "  article of 2024-10-29"
    assert out[at + 2].startswith("    Volodymyr Zelensky: address") and out[at + 2].endswith("— Reykjavik")
    assert out.index("Past") > at and out.index("Past as of their article (no date given)") > out.index("Past")
    assert "(article date; no date given)" not in "\n".join(out)


def test_ics_export_parses_back_with_the_dated_engagements(db: str, tmp_path: Path):
    out = tmp_path / "agenda.ics"
    result = run("agenda", "export", "--format", "ics", "-o", str(out), "--db", db)
    assert result.exit_code == 0
    assert "2 events, 3 engagements without a day left out" in result.stderr
    cal = Calendar.from_ical(out.read_bytes())
    starts = {str(e["location"]): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    assert starts == {"Lisbon": date(2099, 6, 3), "Rome": date(2001, 5, 2)}

    upcoming = run("agenda", "export", "--upcoming", "--db", db)
    [event] = Calendar.from_ical(upcoming.stdout_bytes).walk("VEVENT")
    assert str(event["summary"]) == "envoys meet" and "Envoys" in str(event["description"])


def test_errors_are_one_line_with_an_exit_status(db: str, tmp_path: Path):
    assert run("agenda", "export", "--format", "csv", "--db", db).exit_code == 2
    missing = run("agenda", "--db", str(tmp_path / "missing.db"))
    assert missing.exit_code == 1 and "no library here" in missing.stderr


def test_empty_library_says_so(tmp_path: Path):
    path = tmp_path / "empty.db"
    Library(path).close()
    assert run("agenda", "--db", str(path)).stdout.strip() == "no engagements in the library"
    assert json.loads(run("agenda", "--upcoming", "--json", "--db", str(path)).stdout) == []


def test_options_given_to_the_group_reach_export(db: str):
    result = run("agenda", "--db", db, "--upcoming", "export")
    assert result.exit_code == 0, result.stderr
    [event] = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert str(event["location"]) == "Lisbon"
