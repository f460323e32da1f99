"""Figures on real corpus sentences: values, what is counted, and numbers that are not figures."""

from __future__ import annotations

import pytest

from briefing.analysis.figures import extract_figures, number_value


@pytest.mark.parametrize("text, value", [
    ("3,000", 3000), ("four", 4), ("a couple thousand", 2000), ("up to 12,000", 12000),
    ("US$14 billion", 14_000_000_000), ("20 percent", 20), ("under six hours", 6),
    ("a score of", 20), ("two and a half", 2.5), ("twenty-five", 25), ("1.5 million", 1_500_000),
    ("-36", -36), ("one hundred and twenty", 120), ("a dozen", 12), ("many", None),
])
def test_values(text, value):
    assert number_value(text) == value


def figures(nlp, text):
    return {f.text: f for f in extract_figures(nlp(text))}


def test_counts_come_from_the_noun_the_number_modifies(nlp):
    found = figures(nlp, "Zelensky reported that 3,000 North Korean soldiers are stationed near Ukraine’s "
                         "front lines, with expectations for that number to increase up to 12,000.")
    assert found["3,000"].value == 3000
    assert found["3,000"].counts == "North Korean soldiers"
    # a bare number later in the sentence counts what the one before it counted
    assert next(f for t, f in found.items() if "12,000" in t).counts == "North Korean soldiers"


def test_number_words_and_durations(nlp):
    text = ("In Kharkiv, a second Russian airstrike in under six hours killed four people and damaged "
            "civilian infrastructure, according to the city’s mayor, Ihor Terekhov.")
    found = figures(nlp, text)
    assert found["four"].counts == "people"
    hours = next(f for t, f in found.items() if "six hours" in t)
    assert hours.value == 6 and hours.counts == "hours"


def test_a_couple_thousand(nlp):
    text = ("There are indications that a couple thousand more North Korean troops are either close to "
            "arriving or expected imminently.")
    found = figures(nlp, text)["a couple thousand"]
    assert found.value == 2000
    assert "troops" in found.counts


def test_money_counts_its_currency(nlp):
    found = extract_figures(nlp("Boeing will also purchase 20 of Boeing's larger 777 planes for $4.6 billion."))
    money = next(f for f in found if "$" in f.text)
    assert money.value == 4_600_000_000 and money.counts == "$"


@pytest.mark.parametrize("sentence, name", [
    ("The primary UK index, the FTSE 100, dropped in value by 2.36%.", "100"),
    ("The new planes, which come from the 737-800 range, will be fitted with blended winglets.", "737"),
    ("The black boxes from Air France Flight 447 were found.", "447"),
    ("Best Buy became the No. 2 U.S. music retailer in 2007.", "2"),
])
def test_numbers_inside_names_are_not_figures(nlp, sentence, name):
    assert name not in {f.text for f in extract_figures(nlp(sentence))}


def test_ages_are_figures(nlp):
    found = extract_figures(nlp("Apple confirmed that Papermaster, 49, had left the company."))
    assert [(f.text, f.value) for f in found] == [("49", 49)]


def test_no_numbers_no_figures(nlp):
    assert extract_figures(nlp("The Pentagon confirmed the deployment.")) == []


def test_quantities_count_their_unit_and_plan_names_are_not_figures(nlp):
    found = {f.text: f for f in extract_figures(nlp(
        "The camp lies 820 km from the capital, and workers fear for their 401(k)s."))}
    assert found["820 km"].counts == "km"
    assert not any("401" in t for t in found)


@pytest.mark.parametrize("sentence, vague", [
    ("The Pentagon confirmed today that a “small number” of North Korean troops have been deployed to "
     "Russia’s Kursk region, just miles from the Ukrainian border.", "just miles"),
    ("Other reports suggested that the biggest markets \"slowed\" their executions when it became clear that "
     "computerized errors were occurring; as a result, the vast majority of buy orders were briefly withdrawn, "
     "allowing the free-fall to continue for several minutes.", "several minutes"),
])
def test_an_amount_without_a_number_is_no_figure(nlp, sentence, vague):
    """The model files "just miles" as a quantity; a figure a reader can cite needs a number."""
    assert not [f for f in extract_figures(nlp(sentence)) if vague in f.text]


@pytest.mark.parametrize("sentence, kept", [
    ("The implementation of \"price indexing\" would cut future Social Security costs by trillions of dollars.",
     "trillions"),
    ("3%, and Germany's DAX was up by a fifth of a percent.", "a fifth"),
])
def test_amounts_in_words_stay_figures(nlp, sentence, kept):
    assert [f for f in extract_figures(nlp(sentence)) if kept in f.text]
