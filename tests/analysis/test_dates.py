"""Dates resolved against the article date, on real corpus sentences and on the resolver alone."""

from __future__ import annotations

import pytest

from briefing.analysis.dates import extract_dates, resolve

ANCHOR = "2024-10-29"  # a Tuesday, the seed article's date


@pytest.mark.parametrize("text, tense, value", [
    ("today", "past", "2024-10-29"),
    ("early this morning", "past", "2024-10-29"),
    ("yesterday", "past", "2024-10-28"),
    ("Tuesday", "past", "2024-10-29"),
    ("Monday", "past", "2024-10-28"),
    ("Monday", "future", "2024-11-04"),
    ("last Friday", "future", "2024-10-25"),
    ("next Friday", "past", "2024-11-01"),
    ("last week", "past", "2024-10-21"),
    ("next month", "past", "2024-11"),
    ("this year", "past", "2024"),
    ("the previous year", "past", "2023"),
    ("the end of last year", "past", "2023-12-31"),
    ("December 12", "past", "2024-12-12"),
    ("11 December", "past", "2024-12-11"),
    ("October of next year", "past", "2025-10"),
    ("early 2009", "past", "2009"),
    ("March 2008", "past", "2008-03"),
    ("Friday, July 21, 2017", "past", "2017-07-21"),
    ("7/8/07", "past", "2007-07-08"),
    ("two weeks ago", "past", "2024-10-15"),
    ("three days later", "past", None),
    ("the 1990s", "past", None),
])
def test_resolve(text, tense, value):
    assert resolve(text, ANCHOR, tense) == value


def test_bare_month_takes_the_side_the_tense_points_to():
    assert resolve("June", "2009-05-14", "future") == "2009-06"
    assert resolve("June", "2009-05-14", "past") == "2008-06"


def test_no_anchor_leaves_relative_dates_unresolved():
    assert resolve("Tuesday", None) is None
    assert resolve("March 1, 2008", None) == "2008-03-01"


def dates(nlp, text, anchor):
    return [(d.text, d.value) for d in extract_dates(nlp(text), anchor)]


def test_weekday_in_a_future_clause_is_coming(nlp):
    found = dates(nlp, "The trial is set to begin on Wednesday in the Royal Courts of Justice, located in "
                       "central London.", "2006-03-28")
    assert ("Wednesday", "2006-03-29") in found


def test_weekday_in_a_past_clause_has_been(nlp):
    found = dates(nlp, "Smith announced the company's move on Wednesday.", "2009-11-05")
    assert found == [("Wednesday", "2009-11-04")]


def test_ranges_are_split_and_share_the_year(nlp):
    found = dates(nlp, "USI's exhibit, which is located in Evansville, Indiana, is to run from January 23 "
                       "through March 9.", "2014-01-28")
    assert ("January 23", "2014-01-23") in found
    assert ("March 9", "2014-03-09") in found


def test_seed_dates(nlp):
    text = ("The Pentagon confirmed today that a small number of North Korean troops have been deployed. "
            "In Kyiv, Russian drones struck early this morning, injuring six civilians.")
    assert dates(nlp, text, ANCHOR) == [("today", ANCHOR), ("early this morning", ANCHOR)]


def test_clock_times_are_the_article_day(nlp):
    found = dates(nlp, "At 0800 UTC, the Bank of Canada, the European Central Bank and others acted.",
                  "2008-09-18")
    assert ("0800 UTC", "2008-09-18") in found


def test_ages_and_durations_are_not_dates(nlp):
    found = dates(nlp, "Apple confirmed that Papermaster, 49, had left the company after 48 hours.", "2010-01-01")
    assert found == []


def test_a_date_the_model_ran_into_a_caption_is_cut_at_the_line_break(nlp):
    text = "Thursday, February 23, 2006\n\nAlmost half of Australian children are iodine deficient."
    found = dates(nlp, text, "2006-02-23")
    assert found[0] == ("Thursday, February 23, 2006", "2006-02-23")


def test_holidays_and_phone_numbers(nlp):
    assert resolve("Christmas Eve", "2005-01-06") == "2004-12-24"
    found = dates(nlp, "Call the hotline on 1300 735 683 for help.", "2005-01-06")
    assert all(text != "1300 735 683" for text, _ in found)


@pytest.mark.parametrize("text, tense, value", [
    ("earlier this month", "past", "2004-11"),
    ("no later than Friday", "future", "2004-12-03"),
    ("the 29th", "past", "2004-11-29"),
    ("the beginning of the year", "past", "2004-01-01"),
])
def test_resolve_more(text, tense, value):
    assert resolve(text, "2004-11-30", tense) == value


def test_a_deadline_in_the_present_tense_is_ahead(nlp):
    text = ("American automobile manufacturer Chrysler LLC has said that it wants to eliminate 789, or about "
            "a quarter, of its 3,200 dealers by early June.")
    assert ("early June", "2009-06") in dates(nlp, text, "2009-05-14")
