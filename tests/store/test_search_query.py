"""The query language: every construct parses to what it means, every mistake is one line with a column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.store.query import (
    MAX_DEPTH,
    MAX_TERMS,
    And,
    Filter,
    Not,
    Or,
    QueryError,
    Term,
    date_bounds,
    parse,
    positive_terms,
)
from briefing.store.search import match_spans


def test_words_must_all_match():
    assert parse("Zelensky Reykjavik") == And((Term("Zelensky"), Term("Reykjavik")))


def test_exact_phrase():
    assert parse('"air defence"') == Term("air defence", phrase=True)


def test_or_binds_looser_than_and():
    assert parse("a b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))


def test_explicit_and_is_the_same_as_a_space():
    assert parse("a AND b") == parse("a b")


def test_lowercase_or_is_a_word():
    assert parse("war or peace") == And((Term("war"), Term("or"), Term("peace")))


def test_exclusion():
    assert parse("kyiv -zelensky") == And((Term("kyiv"), Not(Term("zelensky"))))


def test_hyphenated_word_is_not_an_exclusion():
    assert parse("well-known") == Term("well-known")


def test_prefix():
    assert parse("negotiat*") == Term("negotiat", prefix=True)


@pytest.mark.parametrize("query", ['"air defen*"', '"air defen"*', '"air defen *"'])
def test_a_phrase_can_end_in_a_prefix_inside_or_after_its_quotes(query):
    assert parse(query) == Term("air defen", prefix=True, phrase=True)


def test_a_quoted_filter_value_can_end_in_a_prefix_inside_its_quotes():
    assert parse('person:"Volodymyr Zel*"') == Filter("person", "Volodymyr Zel*", 1)


def test_parentheses_group():
    assert parse("(a OR b) c") == And((Or((Term("a"), Term("b"))), Term("c")))


def test_excluded_group():
    assert parse("-(a OR b)") == Not(Or((Term("a"), Term("b"))))


@pytest.mark.parametrize("name", ["person", "place", "org", "speaker", "source"])
def test_filters(name):
    node = parse(f"{name}:Zelensky")
    assert isinstance(node, Filter) and node.name == name and node.value == "Zelensky"


def test_quoted_filter_value():
    node = parse('person:"Joe  Biden" aid')
    assert node == And((Filter("person", "Joe Biden", 1), Term("aid")))


def test_filter_names_are_case_insensitive():
    assert parse("Person:Biden").name == "person"


@pytest.mark.parametrize("value", ["2024", "2024-02", "2024-02-29"])
def test_dates(value):
    assert parse(f"from:{value}") == Filter("from", value, 1)


def test_a_year_far_ahead_is_a_date_too():
    assert parse("from:9999") == Filter("from", "9999", 1)
    assert date_bounds("9999", "to", 1)[1] > "9999-12-31"
    assert date_bounds("9999-12-31", "to", 1)[1] > "9999-12-31"


@pytest.mark.parametrize("query", ["“talks air”", "„talks air“", "«talks air»", "»talks air«", "‹talks air›",
                                   "‟talks air”", "”talks air”", "“talks air\"", "‘talks air’"])
def test_typographic_quotes_make_a_phrase(query):
    assert parse(query) == Term("talks air", phrase=True)


@pytest.mark.parametrize("query", ['person:“Joe Biden”', "person:„Joe Biden“", "person:«Joe Biden»",
                                   "person:‘Joe Biden’"])
def test_typographic_quotes_around_a_filter_value(query):
    assert parse(query) == Filter("person", "Joe Biden", 1)


def test_a_curly_apostrophe_stays_inside_its_word():
    assert parse("Ukraine’s war") == And((Term("Ukraine’s"), Term("war")))
    assert parse("‘Ukraine’s war’ talks") == And((Term("Ukraine’s war", phrase=True), Term("talks")))
    assert parse("‘90s music") == And((Term("‘90s"), Term("music")))  # no closing ’: not a quote
    assert parse("person:O’Brien") == Filter("person", "O’Brien", 1)


def test_a_quoted_prefix_with_curly_quotes():
    assert parse("“air defen*”") == Term("air defen", prefix=True, phrase=True)
    assert parse("“air defen”*") == Term("air defen", prefix=True, phrase=True)


def test_too_many_terms_is_one_line_naming_the_limit():
    query = "bush " + " ".join(f"-w{i}" for i in range(500))
    with pytest.raises(QueryError) as err:
        parse(query)
    assert str(err.value).startswith(f"the query is too long: at most {MAX_TERMS} words, phrases and filters")
    assert query[err.value.column - 1:].startswith(f"w{MAX_TERMS - 1} ")  # the first term too many
    parse(" ".join(f"w{i}" for i in range(MAX_TERMS)))  # the limit itself is fine


def test_deep_nesting_is_one_line_naming_the_limit():
    with pytest.raises(QueryError, match=f"parentheses nested deeper than {MAX_DEPTH} at column {MAX_DEPTH + 1}"):
        parse("(" * 500 + "kyiv" + ")" * 500)
    with pytest.raises(QueryError, match=f"nested deeper than {MAX_DEPTH}"):
        parse("kyiv " + "-" * 500 + "x")
    with pytest.raises(QueryError, match=f"nested deeper than {MAX_DEPTH}"):
        parse("kyiv " + "-(a OR " * 100 + "b" + ")" * 100)
    nested = "(a OR " * MAX_DEPTH + "b" + ")" * MAX_DEPTH
    assert parse(nested) is not None


def test_punctuation_only_terms_are_dropped():
    assert parse("!!! kyiv") == Term("kyiv")
    assert parse("...") is None
    assert parse("") is None
    assert parse("   ") is None


def test_positive_terms_skip_exclusions_and_filters():
    terms = positive_terms(parse('talks -war "air defence" person:Biden (negot* OR peace)'))
    assert [t.text for t in terms] == ["talks", "air defence", "negot", "peace"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('talks "air defence', 'unclosed quote at column 7'),
        ("(a OR b", "'(' is never closed at column 1"),
        ("a OR b)", "')' without a matching '(' at column 7"),
        ("OR a", "OR needs a term before it at column 1"),
        ("a OR", "OR needs a term after it at column 3"),
        ("a OR OR b", "OR needs a term after it at column 3"),
        ("a AND", "AND needs a term after it at column 3"),
        ("AND a", "AND needs a term before it at column 1"),
        ("kyiv -", "'-' needs a word, phrase or filter right after it at column 6"),
        ("(-)", "'-' needs a word, phrase or filter right after it at column 2"),
        ("a ()", "empty parentheses at column 3"),
        ("a (OR b)", "OR needs a term before it at column 4"),
        ("person:", "person: needs a value at column 1"),
        ('person:"" x', "person: needs a value at column 1"),
        ('person:"Joe', "unclosed quote at column 8"),
        ("from:2024-13-01", "from: 2024-13-01 is not a day of the calendar at column 1"),
        ("to:2023-02-29", "to: 2023-02-29 is not a day of the calendar at column 1"),
        ("from:0000", "from: there is no year 0000 at column 1"),
        ("kyiv (", "'(' is never closed at column 6"),
        ("kyiv (  ", "'(' is never closed at column 6"),
        ("Zel*ensky", "'*' goes at the end of a word (prefix*) at column 4"),
        ("kyiv person:Zel*ensky", "'*' goes at the end of a word (prefix*) at column 16"),
        ('"air* defence"', "'*' goes at the end of a word (prefix*) at column 5"),
        ('person:"Zel*ensky"', "'*' goes at the end of a word (prefix*) at column 12"),
        ("“talks air", "unclosed quote at column 1"),
        ("x to:yesterday", "to: expects a date YYYY, YYYY-MM or YYYY-MM-DD, not yesterday at column 3"),
        ("*", "'*' goes at the end of a word (prefix*) at column 1"),
        (")kyiv(", "')' without a matching '(' at column 1"),
        (")", "')' without a matching '(' at column 1"),
        ("(a) )", "')' without a matching '(' at column 5"),
        ("from:2025 to:2024", "from:2025 is after to:2024 at column 11 (no date is in that range)"),
        ("x from:2024-10-02 to:2024-10-01", "from:2024-10-02 is after to:2024-10-01 at column 19 (no date is in that range)"),
    ],
)
def test_malformed_queries_say_what_and_where(query, message):
    with pytest.raises(QueryError) as err:
        parse(query)
    assert str(err.value) == message


def test_unknown_filter_names_it_and_lists_the_known_ones():
    with pytest.raises(QueryError) as err:
        parse("kyiv author:smith")
    text = str(err.value)
    assert text.startswith("unknown filter author: at column 6")
    assert "person:" in text and "\n" not in text
    assert err.value.column == 6


def _assert_one_line_or_result(query: str) -> None:
    try:
        parse(query)
        match_spans("Talks in Reykjavik were talked about; negotiations go on.", query)
    except QueryError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message
        assert 1 <= exc.column <= len(query) + 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_random_text_gives_a_result_or_a_one_line_error(query):
    _assert_one_line_or_result(query)


SYNTAX = st.sampled_from(['"', "(", ")", "-", "*", " ", "OR", "AND", "or", "person:", "from:", "to:2024",
                          "speaker:", "source:", "x:", "kyiv", "talk", "é", "\n", "\x00", ":", "2024-02-30"])


@settings(max_examples=500, deadline=None)
@given(st.lists(SYNTAX, max_size=12).map("".join))
def test_random_mixes_of_syntax_give_a_result_or_a_one_line_error(query):
    _assert_one_line_or_result(query)


LONG_PIECES = st.sampled_from(["kyiv", "-kyiv", "talk*", '"air defence"', "“air defence”", "person:Biden",
                               "-person:Biden", "place:Kyiv*", "OR", "AND", "(", ")", "-(", "from:2024", "-"])


@settings(max_examples=60, deadline=None)
@given(st.lists(LONG_PIECES, min_size=150, max_size=400).map(" ".join))
def test_long_generated_queries_give_a_result_or_a_one_line_error(query):
    _assert_one_line_or_result(query)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 600), st.sampled_from(["(a OR ", "(", "-(", "-", "(a ", "-(person:x OR "]),
       st.booleans())
def test_deeply_nested_queries_give_a_result_or_a_one_line_error(depth, opener, closed):
    query = opener * depth + "kyiv" + (")" * (opener.count("(") * depth) if closed else "")
    _assert_one_line_or_result(query)


def test_match_spans_are_stemming_aware():
    text = "Zelensky talked in Reykjavik. Talks continue; talking helps. Italkia is a place."
    spans = match_spans(text, "talks")
    assert [text[s:e] for s, e in spans] == ["talked", "Talks", "talking"]


def test_match_spans_mark_phrases_prefixes_and_not_exclusions():
    text = "Negotiations in Reykjavik went well. The air defence debate and the air force."
    found = [text[s:e] for s, e in match_spans(text, 'negotiat* "air defence" -Reykjavik person:Biden')]
    assert found == ["Negotiations", "air defence"]


def test_match_spans_fold_case_and_accents():
    text = "Café talks in REYKJAVÍK"
    assert [text[s:e] for s, e in match_spans(text, "reykjavik cafe")] == ["Café", "REYKJAVÍK"]


def test_match_spans_of_a_query_without_words_is_empty():
    assert match_spans("Biden spoke", "person:Biden") == []
    assert match_spans("Biden spoke", "") == []
    assert match_spans("Biden spoke", "absent") == []


def test_prefix_expansion_finds_rewritten_stems_without_shorter_words():
    text = "Warnings of war. He was warned. The negotiators negotiated. Billboards and bills."
    assert [text[s:e] for s, e in match_spans(text, "warn*")] == ["Warnings", "warned"]
    assert [text[s:e] for s, e in match_spans(text, "negotiat*")] == ["negotiators", "negotiated"]
    assert [text[s:e] for s, e in match_spans(text, "billb*")] == ["Billboards"]


def test_not_in_capitals_excludes_as_minus_does():
    """Boolean news databases write NOT; as a word it silently matched nothing."""
    assert parse("korea NOT kursk") == parse("korea -kursk")
    assert parse('korea NOT "air defence"') == parse('korea -"air defence"')
    assert "Not(" not in repr(parse("korea not kursk"))  # lower case: a word, as "or" is
    with pytest.raises(QueryError, match="'NOT' needs a word, phrase or filter right after it at column 7"):
        parse("korea NOT")
