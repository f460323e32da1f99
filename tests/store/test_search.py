"""Searching a library: filters by entity identity, dates, ranking, snippets that mark the hits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.store import Library
from briefing.store.search import QueryError, search
from tests.store.search_library import article, build

FILLER = "Markets were calm and traders waited for the central bank. Nothing else happened on the day."


@pytest.fixture
def lib(library: Library) -> tuple[Library, dict[str, int]]:
    return library, build(library)


def titles(library: Library, query: str, **kw) -> list[str]:
    return [h.title for h in search(library, query, **kw)]


def test_words_must_all_match(lib):
    library, _ = lib
    assert set(titles(library, "Reykjavik talks")) == {"Summit in Reykjavik", "Aid package debated"}


def test_words_are_stemmed(lib):
    library, _ = lib
    assert "Aid package debated" in titles(library, "talks")  # "talked"


def test_phrase_needs_the_words_together(lib):
    library, _ = lib
    assert set(titles(library, '"air defence"')) == {"Summit in Reykjavik", "Kyiv under fire"}
    assert titles(library, '"defence air"') == []


def test_or_and_exclusion(lib):
    library, _ = lib
    assert set(titles(library, "harvest OR Brussels")) == {"Harvest report", "Kyiv under fire"}
    assert titles(library, "Kyiv -Zelensky") == ["Aid package debated"]
    assert "Summit in Reykjavik" not in titles(library, "-Reykjavik")


def test_prefix_survives_the_stemmer(lib):
    library, _ = lib
    # "negotiations" is indexed as "negoti": the typed prefix is longer than the stem.
    assert set(titles(library, "negotiat*")) == {"Harvest report", "Kyiv under fire"}


def test_person_filter_matches_a_word_of_the_library_wide_name(lib):
    library, _ = lib
    assert set(titles(library, "person:Zelensky")) == {"Summit in Reykjavik", "Kyiv under fire"}
    assert titles(library, 'person:"Joe Biden"') == ["Aid package debated"]
    assert titles(library, "person:Reykjavik") == []  # a place is not a person


def test_name_filter_prefix(lib):
    library, _ = lib
    assert set(titles(library, "person:Zel*")) == {"Summit in Reykjavik", "Kyiv under fire"}
    assert titles(library, "person:Zel") == []  # without the star a name filter wants whole words


def test_alias_finds_the_canonical_entity_in_other_articles(library: Library):
    """An alias learnt in one article finds the entity where only its full name appears."""
    library.store(article("First", "Volodymyr Zelenskyy spoke.", "2024-01-01",
                          entities=[("person", "Volodymyr Zelensky", ["Zelenskyy"])]))
    library.store(article("Second", "Volodymyr Zelensky visited troops.", "2024-02-01",
                          entities=[("person", "Volodymyr Zelensky", [])]))
    library.store(article("Third", "Volodymyr Zelensky is not an entity here.", "2024-03-01"))
    assert set(titles(library, "person:Zelenskyy")) == {"First", "Second"}


def test_a_name_spelled_two_ways_in_two_articles_is_one_person_to_the_filters(library: Library):
    """Houses romanise Ukrainian names differently: "Zelensky" here, "Zelenskyy" there."""
    ids = build(library, [
        article("Summit", "Volodymyr Zelensky arrived in Reykjavik.", "2024-10-29",
                entities=[("person", "Volodymyr Zelensky", ["Zelensky"])]),
        article("Odesa", "Ukrainian President Volodymyr Zelenskyy met NATO leaders. Zelenskyy spoke.", "2024-11-02",
                entities=[("person", "Volodymyr Zelenskyy", ["Zelenskyy"])]),
    ])
    both = {"Summit", "Odesa"}
    assert set(titles(library, "person:Zelensky")) == both
    assert set(titles(library, "person:Zelenskyy")) == both
    assert set(titles(library, "person:Zelenskiy")) == both  # a spelling neither article used
    assert set(titles(library, 'person:"Volodymyr Zelensk*"')) == both
    assert len({library.analysis(i).entities[0].key for i in ids.values()} - {None}) <= 1


def test_place_and_org_filters(lib):
    library, _ = lib
    assert set(titles(library, "place:Kyiv")) == {"Aid package debated", "Kyiv under fire"}
    assert titles(library, "org:NATO") == ["Kyiv under fire"]
    assert titles(library, "org:Kyiv") == []


def test_filters_combine_with_words(lib):
    library, _ = lib
    assert titles(library, "place:Kyiv missiles") == ["Kyiv under fire"]
    assert titles(library, "place:Kyiv -person:Zelensky") == ["Aid package debated"]


def test_speaker_filter_finds_quotes_by_that_speaker(lib):
    library, _ = lib
    assert titles(library, "speaker:Biden") == ["Aid package debated"]
    assert set(titles(library, "speaker:Zelensky")) == {"Summit in Reykjavik", "Kyiv under fire"}
    assert titles(library, "speaker:Congress") == []  # mentioned, never quoted


def test_speaker_filter_finds_a_speaker_the_article_only_describes(library: Library):
    """Quotes by "a Kremlin spokesman" have no entity; the filter still finds them by the words."""
    build(library, [article("Kremlin replies", "A Kremlin spokesman said the talks were over. Nothing else.",
                            "2024-05-01", quotes=[("the talks were over", "a Kremlin spokesman")]),
                    article("Kremlin silent", "The Kremlin said nothing about the talks.", "2024-05-02")])
    assert titles(library, "speaker:spokesman") == ["Kremlin replies"]
    assert titles(library, "speaker:kreml*") == ["Kremlin replies"]
    assert titles(library, "speaker:Kremlin talks") == ["Kremlin replies"]


def test_ties_under_a_filter_go_to_the_newest_across_pages(library: Library):
    for day in ("2024-01-01", "2024-03-01", "2024-02-01"):
        library.store(article("Same", "Identical text about Reykjavik.", day, path=f"{day}.txt", source="Nordic Wire"))
    library.store(article("Same", "Identical text about Reykjavik.", "2024-04-01", path="other.txt", source="Other"))
    dated = [h.date for h in search(library, "Reykjavik source:nordic")]
    assert dated == ["2024-03-01", "2024-02-01", "2024-01-01"]
    pages = [search(library, "Reykjavik source:nordic", limit=1, offset=i)[0].date for i in range(3)]
    assert pages == dated


def test_a_phrase_ending_in_a_prefix_finds_the_completed_phrase(library: Library):
    build(library, [article("Defence", "Allies sent air defences to Kyiv.", "2024-05-01"),
                     article("Other", "Air travel resumed; defences held.", "2024-05-02")])
    assert titles(library, '"air defen*"') == ["Defence"]
    assert titles(library, '"air defen"*') == ["Defence"]


def test_a_range_of_one_day_is_no_error(lib):
    library, _ = lib
    assert titles(library, "from:2024-10-29 to:2024-10-29") == ["Summit in Reykjavik"]


def test_source_filter(lib):
    library, _ = lib
    assert set(titles(library, "source:nordic")) == {"Summit in Reykjavik", "Kyiv under fire"}
    assert titles(library, 'source:"capitol report" aid') == ["Aid package debated"]


def test_dates_filter_inclusively(lib):
    library, _ = lib
    assert titles(library, "from:2024-10-29") == ["Kyiv under fire", "Summit in Reykjavik"]
    assert titles(library, "to:2024-03-05") == ["Aid package debated", "Harvest report"]
    assert titles(library, "from:2024-03 to:2024-10") == ["Summit in Reykjavik", "Aid package debated"]
    assert titles(library, "Reykjavik to:2023") == []  # the undated article is outside every range


def test_title_match_ranks_first(library: Library):
    library.store(article("Reykjavik summit opens", "Leaders met on Monday. Reykjavik hosted them.", "2024-01-01"))
    library.store(article("Leaders meet", "Reykjavik, Reykjavik and again Reykjavik: the city was busy. "
                          + FILLER, "2024-06-01"))
    for i in range(6):
        library.store(article(f"Filler {i}", FILLER + f" Item {i}.", f"2024-02-0{i + 1}"))
    assert titles(library, "Reykjavik") == ["Reykjavik summit opens", "Leaders meet"]


def test_ties_go_to_the_newest(library: Library):
    for day in ("2024-01-01", "2024-03-01", "2024-02-01"):
        library.store(article("Same", "Identical text about Reykjavik.", day, path=f"{day}.txt"))
    for i in range(4):
        library.store(article(f"Filler {i}", FILLER + f" Item {i}.", "2020-01-01"))
    assert [h.date for h in search(library, "Reykjavik")] == ["2024-03-01", "2024-02-01", "2024-01-01"]
    # ties that straddle the page edge are still ordered by date
    assert [h.date for h in search(library, "Reykjavik", limit=1)] == ["2024-03-01"]
    assert [h.date for h in search(library, "Reykjavik", limit=1, offset=1)] == ["2024-02-01"]


def test_snippets_mark_the_hits(lib):
    library, ids = lib
    [hit] = search(library, "Kyiv -Zelensky")
    assert hit.article_id == ids["Aid package debated"]
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["Kyiv"]
    assert "«Kyiv»" in hit.marked_snippet()
    assert "\n" not in hit.snippet


def test_filter_only_hits_show_and_mark_the_filtered_entity_and_have_no_score(lib):
    library, _ = lib
    [hit] = search(library, "org:NATO")
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["NATO"]
    assert "«NATO» officials negotiated all week." in hit.marked_snippet()
    assert hit.score is None and hit.to_json()["score"] is None  # nothing to rank by: newest first
    [summit, _] = search(library, "person:Zelensky", limit=2)[::-1]
    assert [summit.snippet[s:e] for s, e in summit.marks] == ["Volodymyr Zelensky", "Zelensky"]
    # a filter that names no entity (source:, from:) leaves the opening, unmarked
    [old] = search(library, "source:Archive")
    assert old.snippet.startswith("An undated dispatch") and old.marks == [] and old.score is None


def test_a_filter_only_snippet_is_around_a_mention_deep_in_the_article(library: Library):
    filler = " ".join(f"Paragraph {n} is about the weather and nothing else." for n in range(12))
    body = f"{filler} Later, Jens Stoltenberg spoke to reporters in Oslo. {filler}"
    library.store(article("Long", body, "2024-01-02", entities=[("person", "Jens Stoltenberg", ["Stoltenberg"])]))
    [hit] = search(library, "person:Stoltenberg")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 210
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["Jens Stoltenberg"]
    assert "«Jens Stoltenberg» spoke to reporters in Oslo." in hit.marked_snippet()


def test_words_or_a_filter_score_only_the_articles_the_words_found(lib):
    library, ids = lib
    hits = {h.article_id: h for h in search(library, "harvest OR org:NATO")}
    assert hits[ids["Harvest report"]].score > 0
    nato = hits[ids["Kyiv under fire"]]
    assert nato.score is None and [nato.snippet[s:e] for s, e in nato.marks] == ["NATO"]


def test_limit_and_offset_page_through_hits(lib):
    library, _ = lib
    every = titles(library, "Reykjavik OR Kyiv")
    assert len(every) == 4
    assert titles(library, "Reykjavik OR Kyiv", limit=2) + titles(library, "Reykjavik OR Kyiv", limit=2,
                                                                   offset=2) == every


def test_hit_carries_what_a_citation_needs(lib):
    library, ids = lib
    [hit] = search(library, "org:Congress")
    assert (hit.article_id, hit.date, hit.source, hit.path) == (
        ids["Aid package debated"], "2024-03-05", "Capitol Report", "aid-package-debated.txt")


def test_fts_syntax_in_a_query_is_just_text(lib):
    library, _ = lib
    # NEAR, column filters and carets mean nothing special: they are words (or separators).
    assert titles(library, "NEAR(kyiv missiles)") == []
    with pytest.raises(QueryError):
        search(library, "title:kyiv")
    assert titles(library, "^kyiv missiles") == ["Kyiv under fire"]


def test_malformed_query_raises_before_touching_the_library(lib):
    library, _ = lib
    with pytest.raises(QueryError, match="unclosed quote at column 1"):
        search(library, '"Reykjavik')


def test_article_hits_cover_words_mentions_and_quotes(lib):
    from briefing.store.search import article_hits

    library, ids = lib
    summit = ids["Summit in Reykjavik"]
    body = library.article(summit).body
    words = [body[s:e] for s, e in article_hits(library, summit, "talks -defence")]
    assert words == ["talks", "talks"]
    people = [body[s:e] for s, e in article_hits(library, summit, "person:Zelensky")]
    assert people == ["Volodymyr Zelensky", "Zelensky"]
    quoted = [body[s:e] for s, e in article_hits(library, summit, "speaker:Zelensky")]
    assert quoted == ["We need air defence now,"]
    assert article_hits(library, summit, "-person:Zelensky") == []


SYNTAX = st.sampled_from(['"', "(", ")", "-", "*", " ", "OR", "AND", "person:", "place:Kyiv", "from:2024",
                          "to:2024-03", "speaker:", "source:", "kyiv", "talk", "negotiat", "é", "'", "^", ":",
                          "NEAR", "{", "}", "+", "\\", "%", "_"])


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory):
    library = Library(tmp_path_factory.mktemp("search") / "lib.db")
    build(library)
    yield library
    library.close()


@settings(max_examples=300, deadline=None)
@given(st.lists(SYNTAX, max_size=10).map("".join) | st.text(max_size=30))
def test_any_query_gives_hits_or_a_query_error(shared_library, query):
    """Whatever is typed, SQLite and FTS5 never see anything they reject."""
    try:
        hits = search(shared_library, query)
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    for hit in hits:
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.marks)


LIMIT_SHAPES = [
    lambda n: "Kyiv " + " ".join(f"-w{i}" for i in range(n - 1)),
    lambda n: " OR ".join(f"person:p{i}" for i in range(n)),
    lambda n: "Kyiv " + " ".join(f"-person:p{i}" for i in range(n - 1)),
    lambda n: " ".join(f"place:Kyiv{'*' if i % 2 else ''}" for i in range(n)),
    lambda n: " OR ".join(f"warn{i}x*" for i in range(n)),
]


@pytest.mark.parametrize("shape", LIMIT_SHAPES)
def test_the_longest_query_the_parser_allows_runs(lib, shape):
    from briefing.store.query import MAX_TERMS
    from briefing.store.search import count_matches

    library, _ = lib
    search(library, shape(MAX_TERMS))
    count_matches(library, shape(MAX_TERMS))
    with pytest.raises(QueryError, match="the query is too long"):
        search(library, shape(MAX_TERMS + 1))


@pytest.mark.parametrize("opener", ["(a OR ", "-(a OR ", "-(person:a OR ", "(person:a OR ", "(x (y OR ", "-"])
def test_the_deepest_query_the_parser_allows_runs(lib, opener):
    from briefing.store.query import MAX_DEPTH
    from briefing.store.search import article_hits, count_matches

    library, ids = lib
    levels = MAX_DEPTH // (1 + opener.startswith("-(")) // (1 + opener.startswith("(x"))
    query = "Kyiv " + opener * levels + "Zelensky" + ")" * (opener.count("(") * levels)
    search(library, query)
    count_matches(library, query)
    article_hits(library, ids["Kyiv under fire"], query)


def test_what_sqlite_refuses_while_running_a_query_is_a_query_error(lib, monkeypatch):
    """The last line of defence, beyond the parser's limits: a plain one-line message, no crash."""
    from briefing.store import query as query_module
    from briefing.store.search import count_matches

    monkeypatch.setattr(query_module, "MAX_DEPTH", 10_000)
    library, _ = lib
    query = "(a OR " * 100 + "Kyiv" + ")" * 100
    for run in (lambda: search(library, query), lambda: count_matches(library, query)):
        with pytest.raises(QueryError) as err:
            run()
        assert str(err.value) == "the query is too complex to run: use fewer words, filters or parentheses"
        assert err.value.column is None


LONG = st.sampled_from(["kyiv", "-kyiv", "talk*", '"air defence"', "“air defence”", "person:Zelensky",
                        "-person:Biden", "place:Kyiv*", "OR", "(", ")", "-(", "from:2024", "source:nordic"])


@settings(max_examples=40, deadline=None)
@given(st.lists(LONG, min_size=100, max_size=300).map(" ".join))
def test_any_long_query_gives_hits_or_a_query_error(shared_library, query):
    try:
        search(shared_library, query)
    except QueryError as exc:
        assert "\n" not in str(exc)


def test_source_matches_whole_words_of_the_source_line(library: Library):
    wiki = "Wikinews, https://en.wikinews.org/wiki/Japanese_whaling_fleet_returns (via GUM corpus)"
    build(library, [article("Whaling", "The fleet returned.", "2024-01-01", source=wiki),
                    article("Wire", "Markets fell.", "2024-01-02", source="AP News"),
                    article("Fruit", "Apples sold.", "2024-01-03", source="Apple Daily"),
                    article("Bare", "Rain fell.", "2024-01-04", source="AP")])
    assert titles(library, "source:AP") == ["Bare", "Wire"]  # not "Japanese" inside the URL, not "Apple"
    assert titles(library, "source:ap*") == ["Bare", "Fruit", "Wire"]
    assert titles(library, "source:wiki") == ["Whaling"]  # the URL's /wiki/ is a word of the line
    assert titles(library, "source:wikinew") == []
    assert titles(library, "source:Wikinew*") == ["Whaling"]
    assert titles(library, 'source:"ap news"') == ["Wire"]
    assert titles(library, "source:[ap]") == [] and titles(library, "source:a?") == []  # GLOB's syntax is text


@pytest.mark.parametrize("query", ["Reykjavik OR Kyiv", "talks", "person:Zelensky", "place:Kyiv -person:Zelensky",
                                   "harvest OR org:NATO", "-Reykjavik", "from:2024", "source:nordic talks", "zzz",
                                   "Kyiv -Zelensky", "(talks OR corn) -place:Iowa", "!!!"])
def test_count_matches_counts_what_search_lists(lib, query):
    from briefing.store.search import count_matches

    library, _ = lib
    assert count_matches(library, query) == len(search(library, query, limit=1000))


def test_count_matches_raises_query_errors_like_search(lib):
    from briefing.store.search import count_matches

    with pytest.raises(QueryError, match="unclosed quote"):
        count_matches(lib[0], '"Kyiv')


def _keyed(title: str, body: str, day: str, entities: list[tuple[str, str]]):
    """An analysis whose entities carry the identity keys the real analysis gives them."""
    from briefing.analysis.entities import identity_key

    analysis = article(title, body, day, entities=[(kind, name, []) for kind, name in entities])
    for e in analysis.entities:
        e.key = identity_key(e)
    return analysis


@pytest.fixture
def spelled(library: Library) -> Library:
    """Names as the corpus spells them, one spelling an article (keys as the analysis gives them)."""
    build(library, [
        _keyed("Zelensky", "Volodymyr Zelensky met leaders in Brussels.", "2024-01-01",
               [("person", "Volodymyr Zelensky")]),
        _keyed("Zelenskyy", "Volodymyr Zelenskyy spoke on Tuesday.", "2024-01-02", [("person", "Volodymyr Zelenskyy")]),
        _keyed("Zelenskiy", "President Zelenskiy visited the front.", "2024-01-03", [("person", "Zelenskiy")]),
        _keyed("Kyiv", "Missiles struck Kyiv overnight.", "2024-01-04", [("place", "Kyiv")]),
        _keyed("Odesa", "The port of Odesa reopened.", "2024-01-05", [("place", "Odesa")]),
        _keyed("Yanukovich", "Viktor Yanukovich won the vote.", "2004-11-22", [("person", "Viktor Yanukovich")]),
        _keyed("Yushchenko", "Viktor Yushchenko was poisoned.", "2004-12-11", [("person", "Viktor Yushchenko")]),
        _keyed("Bush", "George W. Bush met Tony Blair.", "2004-12-01",
               [("person", "George W. Bush"), ("person", "Tony Blair")]),
        _keyed("Elder Bush", "George H. W. Bush spoke.", "1991-01-01", [("person", "George H. W. Bush")]),
        _keyed("UK", "The UK sent aid.", "2024-02-01", [("place", "UK")]),
        _keyed("Toni", "Toni Morrison wrote.", "1993-10-07", [("person", "Toni Morrison")]),
        _keyed("Brazil", "Brazil leads South America.", "2004-11-12", [("place", "Brazil"), ("place", "South America")]),
        _keyed("States", "The United States sent envoys.", "2004-11-13", [("place", "United States")]),
    ])
    return library


@pytest.mark.parametrize("query", ["person:Zelensky", "person:Zelenskyy", "person:Zelenskiy", "person:ZELENSKII",
                                   "person:Zelensky*"])
def test_every_spelling_of_a_name_finds_every_spelling(spelled, query):
    assert set(titles(spelled, query)) == {"Zelensky", "Zelenskyy", "Zelenskiy"}


@pytest.mark.parametrize("query", ['person:"Volodymyr Zelensky"', 'person:"Volodymyr Zelenskiy"'])
def test_a_full_name_finds_its_spellings_but_not_a_lone_surname(spelled, query):
    """A one-word "Zelenskiy" could be anyone of that name: a full name does not claim it."""
    assert set(titles(spelled, query)) == {"Zelensky", "Zelenskyy"}


@pytest.mark.parametrize(("query", "found"), [
    ("place:Kiev", ["Kyiv"]), ("place:Kyiv", ["Kyiv"]), ("place:Odessa", ["Odesa"]),
    ("person:Yanukovych", ["Yanukovich"]), ('person:"Viktor Yanukovych"', ["Yanukovich"]),
    ("person:Yuschenko", ["Yushchenko"]), ("person:Yushchenko", ["Yushchenko"]),
    ('person:"George Bush"', ["Bush", "Elder Bush"]), ('person:"George W. Bush"', ["Bush"]),
    ('person:"George W Bush"', ["Bush"]), ("place:U.K.", ["UK"]), ('place:"United Kingdom"', ["UK"]),
    ("place:Britain", ["UK"]), ("person:Tony", ["Bush"]), ("person:Toni", ["Toni"]),
    # another name is the place's whole name: "America" (for the US) is not the America of South America
    ("place:US", ["States"]), ('place:"United States"', ["States"]), ("place:America", ["Brazil", "States"]),
])
def test_other_spellings_and_names_find_the_same_entity(spelled, query, found):
    assert sorted(titles(spelled, query)) == found


def test_a_name_with_an_initial_marks_the_mention_in_the_article(spelled):
    from briefing.store.search import article_hits

    [hit] = search(spelled, "person:Yuschenko")
    body = spelled.article(hit.article_id).body
    assert [body[s:e] for s, e in article_hits(spelled, hit.article_id, "person:Yuschenko")] == ["Viktor Yushchenko"]


def test_the_sample_articles_names_are_found_in_other_spellings(tmp_path, samples, nlp):
    """End to end on the bundled samples, analysed for real: the spellings a user would type."""
    from briefing.analysis.extract import extract
    from briefing.sources.text import parse_text

    names = ["wikinews2004-yushchenko-claims-victory-in-re-run.txt", "seed-kursk-briefing.txt",
             "wikinews2004-us-president-bush-visits-canada.txt",
             "gum-news-questionnaire.txt"]
    with Library(tmp_path / "lib.db") as library:
        found = {}
        for name in names:
            art = parse_text((samples / name).read_text(encoding="utf-8"), str(samples / name))
            found[library.store(extract(nlp(art.body), art)).article_id] = name
        def hits(query):
            return {found[h.article_id] for h in search(library, query)}
        assert hits("person:Yuschenko") == hits("person:Yushchenko") == {names[0]}  # it says Yushchenko
        assert hits("person:Yanukovych") == hits("person:Yanukovich") == {names[0]}  # it says Yanukovich
        assert hits("place:Kiev") == hits("place:Kyiv") == {names[1]}  # it says Kyiv
        assert names[2] in hits('person:"George Bush"')  # it says George W. Bush
        assert names[3] in hits("place:U.K.") and hits("place:U.K.") == hits("place:UK")


def test_a_speaker_filter_hit_shows_what_was_said(library: Library):
    """The snippet of `speaker:` is the quote, not the speaker's first mention."""
    body = ("Viktor Yanukovych, the prime minister, lost the re-run. Later Yanukovych said he would "
            "never recognize this defeat.")
    build(library, [article("Re-run", body, "2004-12-27",
                            quotes=[("he would never recognize this defeat", "Viktor Yanukovych")])])
    [hit] = search(library, "speaker:Yanukovych")
    assert hit.snippet == "he would never recognize this defeat"
    assert hit.marks == [(0, len(hit.snippet))]


def test_words_side_by_side_are_one_hit_in_the_article(library: Library):
    from briefing.store.search import article_hits

    body = "Social Security faces cuts. The security of social programmes is debated."
    build(library, [article("Benefits", body, "2005-01-04")])
    [hit] = search(library, "social security")
    spans = article_hits(library, hit.article_id, "social security")
    assert [body[s:e] for s, e in spans] == ["Social Security", "security", "social"]
