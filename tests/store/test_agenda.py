"""The agenda across the library: names, dates, upcoming first, grouping, the as-of-article view."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.store import Library
from briefing.store.agenda import agenda, engagement_at, group_by_day
from tests.claims_fixtures import engagement, entity, seed_analysis, simple_analysis

TODAY = date(2026, 11, 26)

OSLO = ("Foreign ministers Jonas Gahr Støre and Antony Blinken will meet in Oslo on 5 November. "
        "They met in Paris on 20 October. The two leaders will hold further talks at some point.")
GENEVA = ("The council will convene in Geneva on 15 January at 3 pm. A review is due in March. "
          "The treaty signing has no date yet.")
BERN = "Negotiators will travel to Bern for a summit."


def oslo_article():
    entities = [entity(OSLO, "e1", "person", "Jonas Gahr Støre"), entity(OSLO, "e2", "person", "Antony Blinken"),
                entity(OSLO, "e3", "place", "Oslo"), entity(OSLO, "e4", "place", "Paris")]
    return simple_analysis(OSLO, title="Ministers to meet", path="oslo.txt", date="2024-10-29", entities=entities,
                           engagements=[
                               engagement(OSLO, "meet in Oslo", ["e1", "e2"], "meet", "e3", "2024-11-05",
                                          "upcoming", "on 5 November"),
                               engagement(OSLO, "met in Paris", [], "met", "e4", "2024-10-20", "past",
                                          "on 20 October"),
                               engagement(OSLO, "further talks", [], "hold further talks", None),
                           ])


def geneva_article():
    entities = [entity(GENEVA, "e1", "place", "Geneva"), entity(GENEVA, "e2", "organization", "council")]
    return simple_analysis(GENEVA, title="Council to convene", path="geneva.txt", date="2030-01-10",
                           entities=entities, engagements=[
                               engagement(GENEVA, "convene in Geneva", ["e2"], "convene", "e1", "2030-01-15",
                                          "upcoming", "on 15 January at 3 pm"),
                               engagement(GENEVA, "review is due", [], "review", None, "2030-03", "upcoming",
                                          "in March"),
                               engagement(GENEVA, "treaty signing", [], "treaty signing", None, None, "unknown"),
                           ])


def bern_article():
    return simple_analysis(BERN, title="Summit in Bern", path="bern.txt", date="2030-01-15",
                           entities=[entity(BERN, "e1", "place", "Bern")],
                           engagements=[engagement(BERN, "travel to Bern", [], "summit", "e1")])


@pytest.fixture
def calendar_library(library: Library) -> Library:
    for analysis in (oslo_article(), geneva_article(), bern_article()):
        library.store(analysis)
    library.store(simple_analysis("Nothing is planned here.", title="Quiet", path="quiet.txt"))
    return library


def whats(items) -> list[str]:
    return [i.what for i in items]


def test_upcoming_first_relative_to_today(calendar_library):
    items = agenda(calendar_library, today=TODAY)
    assert whats(items) == [
        "convene", "review",  # dated: 2030-01-15, 2030-03
        "hold further talks", "summit",  # undated: upcoming as of their articles (2024-10-29, 2030-01-15)
        "treaty signing",  # unknown
        "meet", "met",  # past, most recent first
    ]
    assert [i.status for i in items] == ["upcoming"] * 4 + ["unknown", "past", "past"]
    assert [i.section for i in items] == ["upcoming"] * 2 + ["upcoming_as_of_article"] * 2 + [
        "unknown", "past", "past"]
    # --upcoming keeps the undated ones that were upcoming as of their article
    assert whats(agenda(calendar_library, today=TODAY, upcoming_only=True)) == whats(items)[:4]


def test_relative_to_the_article_date_for_old_news(calendar_library):
    items = agenda(calendar_library, today=TODAY, relative_to_article=True)
    status = {i.what: i.status for i in items}
    assert status["meet"] == "upcoming"  # 5 November was still to come on 29 October 2024
    assert status["met"] == "past"
    assert whats(items)[:2] == ["hold further talks", "meet"]
    assert {i.section for i in items} <= {"upcoming", "unknown", "past"}  # all judged as of their article


def test_a_month_counts_as_upcoming_until_it_ends(calendar_library):
    items = agenda(calendar_library, today=date(2030, 3, 20))
    assert {i.what: i.status for i in items}["review"] == "upcoming"
    assert {i.what: i.status for i in agenda(calendar_library, today=date(2030, 4, 1))}["review"] == "past"


def test_items_carry_names_sentence_and_article(calendar_library):
    meet = next(i for i in agenda(calendar_library, today=TODAY) if i.what == "meet")
    assert meet.who == ["Jonas Gahr Støre", "Antony Blinken"] and meet.where == "Oslo"
    assert meet.sentence == OSLO.split(" They met")[0]
    assert meet.article_title == "Ministers to meet" and meet.article_date == "2024-10-29"
    assert meet.summary == "Jonas Gahr Støre, Antony Blinken: meet"
    assert meet.to_dict()["who"] == ["Jonas Gahr Støre", "Antony Blinken"]
    assert engagement_at(agenda(calendar_library, today=TODAY), meet.article_id, meet.start + 3).id == meet.id


def test_grouped_by_day_undated_marked_and_kept_apart(calendar_library):
    groups = group_by_day(agenda(calendar_library, today=TODAY))
    summary = [(g.status, g.label, whats(g.items)) for g in groups]
    assert summary == [
        ("upcoming", "2030-01-15", ["convene"]),
        ("upcoming", "2030-03", ["review"]),
        ("upcoming", "article of 2024-10-29", ["hold further talks"]),  # under "Upcoming as of their article"
        ("upcoming", "article of 2030-01-15", ["summit"]),
        ("unknown", "2030-01-10 (article date; no date given)", ["treaty signing"]),
        ("past", "2024-11-05", ["meet"]),
        ("past", "2024-10-20", ["met"]),
    ]


def test_two_articles_on_one_day_share_a_group(library: Library):
    library.store(geneva_article())
    other = "The council will convene again on 15 January."
    library.store(simple_analysis(other, title="Second", path="second.txt", date="2030-01-11", engagements=[
        engagement(other, "convene again", [], "convene again", None, "2030-01-15", "upcoming")]))
    groups = group_by_day(agenda(library, today=TODAY, upcoming_only=True))
    assert whats(groups[0].items) == ["convene", "convene again"]


def test_the_seed_engagements_are_upcoming_as_of_their_article(library: Library):
    library.store(seed_analysis())
    upcoming = agenda(library, today=TODAY, upcoming_only=True)
    assert [i.where for i in upcoming] == ["Reykjavik", "Canada"]
    assert all(i.who == ["Volodymyr Zelensky"] and not i.dated and i.day == "2024-10-29" for i in upcoming)
    assert "Nordic leaders in Reykjavik" in upcoming[0].sentence


def test_empty_library_has_an_empty_agenda(library: Library):
    assert agenda(library, today=TODAY) == [] and group_by_day([]) == []
