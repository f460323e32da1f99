"""The search screen in the reader: type, see ranked hits, Enter lands on the hit, n/N walk the hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Analysis, Article
from briefing.store.search import article_hits, match_spans, search
from briefing.tui.widgets.legend import Legend
from briefing.tui.screens.search import SearchScreen
from tests.tui.conftest import build_library, seed_analysis, talks_analysis


async def type_query(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def option_texts(screen: SearchScreen) -> list[str]:
    results = screen.results
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


def select_hit(screen: SearchScreen, index: int) -> None:
    """Highlight the option of hit `index` (options may be separated by lines that are not options)."""
    results = screen.results
    screen.results.highlighted = next(i for i in range(results.option_count)
                                      if results.get_option_at_index(i).id == f"hit-{index}")


def sentence_of(view) -> tuple[int, int]:
    assert view.cursor_span is not None
    return view.cursor_span


async def test_slash_searches_as_you_type_and_enter_lands_on_the_first_hit(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.input.has_focus
        await type_query(pilot, "Reykjavik")
        assert screen.searched == "Reykjavik"
        titles = [hit.title for hit in screen.hits]
        assert set(titles) == {"Zelensky and Sullivan talk air defence",
                               "North Korean troops deployed to Russia’s Kursk region, Pentagon confirms"}
        assert "Reykjavik" in option_texts(screen)[0]
        assert "articles" in str(screen.query_one("#search-status").render())

        first = screen.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        reader = app.reader
        assert app.screen is reader and reader.current_article_id == first.article_id
        body = app.library.article(first.article_id).body
        hits = match_spans(body, "Reykjavik")
        assert hits and reader.article.marks("search") == hits
        start, end = sentence_of(reader.article)
        assert start <= hits[0][0] < end
        assert "Reykjavik" in reader.article.visible_text()


@pytest.mark.parametrize("size", [(100, 30), (120, 35)])  # at 120 the library list narrows the legend
async def test_n_and_shift_n_move_between_hits(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, '"air defence" OR Zelensky')
        talks = next(h for h in app.screen.hits if h.title.startswith("Zelensky and Sullivan"))
        select_hit(app.screen, app.screen.hits.index(talks))
        await pilot.press("down")  # into the list
        await pilot.press("enter")
        await pilot.pause()
        reader = app.reader
        spans = article_hits(app.library, talks.article_id, '"air defence" OR Zelensky')
        body = app.library.article(talks.article_id).body
        assert [body[s:e] for s, e in spans] == ["Zelensky", "air defence", "Zelensky", "Zelensky"]

        def on_hit(index: int) -> bool:
            start, end = sentence_of(reader.article)
            legend = str(reader.query_one(Legend).render())
            where = f"{reader.article.cursor + 1}/{len(reader.article.sentences)}"
            return (reader.hit_index == index and start <= spans[index][0] < end
                    and legend.endswith(f"hit {index + 1}/4 n/N  {where}"))  # both, whatever the width

        assert on_hit(0)
        await pilot.press("n")
        assert on_hit(1)
        await pilot.press("n", "n")
        assert on_hit(3)
        await pilot.press("n")
        assert on_hit(0)  # wraps around
        await pilot.press("N")
        assert on_hit(3)
        await pilot.press("N")
        assert on_hit(2)
        assert not [n for n in app._notifications if "hit" in n.message]  # no toast over the last lines
        reader.open_article(next(a["id"] for a in app.library.list_articles() if a["id"] != talks.article_id))
        await pilot.pause()
        assert "hit" not in str(reader.query_one(Legend).render())  # another article: no count


async def test_malformed_query_shows_the_one_line_error_and_enter_does_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, 'Zelensky "air')
        screen = app.screen
        status = str(screen.query_one("#search-status").render())
        assert status == "unclosed quote at column 10"
        assert screen.results.option_count == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen


async def test_the_query_stays_for_the_next_slash(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "Monday")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reader
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.input.value == "Monday"
        assert [h.title for h in app.screen.hits] == ["Zelensky and Sullivan talk air defence"]


async def test_only_the_latest_query_is_shown(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.press(*"Kursk")
        await pilot.press(*["backspace"] * 5, *"Monday")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.searched == "Monday"
        assert [h.title for h in app.screen.hits] == ["Zelensky and Sullivan talk air defence"]


async def test_ctrl_f_searches_inside_the_article_and_opens_the_chosen_hit(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = app.reader
        article_id = reader.current_article_id
        body = app.library.article(article_id).body
        await pilot.press("ctrl+f")
        await type_query(pilot, "Pentagon")
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.article_id == article_id
        assert screen.hits == []
        expected = match_spans(body, "Pentagon")
        assert screen.spans == expected and len(expected) >= 2
        assert all("Pentagon" in text for text in option_texts(screen))
        await pilot.press("down", "down", "enter")  # the second place it matches
        await pilot.pause()
        assert app.screen is reader and reader.current_article_id == article_id
        start, end = sentence_of(reader.article)
        assert start <= expected[1][0] < end and reader.hit_index == 1
        assert reader.article.marks("search") == expected


async def test_person_filter_hits_land_on_the_mentions(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "person:Sullivan Monday")
        [hit] = app.screen.hits
        await pilot.press("enter")
        await pilot.pause()
        body = app.library.article(hit.article_id).body
        marks = app.reader.article.marks("search")
        assert [body[s:e] for s, e in marks] == ["Jake Sullivan", "Monday", "Sullivan"]
        start, end = sentence_of(app.reader.article)
        assert start <= marks[0][0] < end


async def test_article_text_in_hits_is_not_markup(tmp_path: Path):
    from briefing.config import Settings
    from briefing.tui.app import BriefingApp

    tricky = Analysis(article=Article(title="[bold]Not bold[/bold] [@click=app.quit]x[/]",
                                      body="A volcano [red]erupted[/red] near [link=http://x]Reykjavik.",
                                      date="2024-01-01", path="tricky.txt"))
    db = build_library(tmp_path / "t.db", tricky, talks_analysis(), seed_analysis())
    app = BriefingApp(db, settings=Settings(), cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "volcano")
        [text] = option_texts(app.screen)
        assert "[bold]Not bold[/bold] [@click=app.quit]x[/]" in text
        assert "[red]erupted[/red] near [link=http://x]Reykjavik." in text


async def test_no_hits_offers_no_enter_or_down_and_a_filter_only_query_marks_the_name(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "xylophone")
        screen = app.screen
        assert screen.results.option_count == 0
        assert str(screen.query_one("#search-status").render()) == "no articles match · esc closes"

        await pilot.press("ctrl+u")
        await type_query(pilot, ["p", "e", "r", "s", "o", "n", "colon", *"Zelensky"])
        assert screen.hits and "enter opens, ↓ to choose" in str(screen.query_one("#search-status").render())
        for hit in screen.hits:  # found by the filter alone: the snippet shows the person, marked
            assert hit.score is None
            assert hit.marks and "Zelensky" in hit.snippet[hit.marks[0][0]:hit.marks[0][1]]


def burst(app, *keys: str) -> None:
    """Keys arriving together, as from tmux send-keys or a fast paste: queued before any is handled."""
    from textual import events

    for key in keys:
        character = key if len(key) == 1 else {"ctrl+u": "\x15", "ctrl+w": "\x17", "backspace": "\x7f",
                                              "enter": "\r"}.get(key)
        app.post_message(events.Key(key, character))


async def test_editing_keys_in_a_burst_act_in_the_order_typed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "tsunami")
        burst(app, "ctrl+u", *"Reykjavik")
        await pilot.pause()
        assert app.screen.input.value == "Reykjavik"
        burst(app, "backspace", "backspace", *"ik talks", "ctrl+w", *"summit")
        await pilot.pause()
        assert app.screen.input.value == "Reykjavik summit"


async def test_down_down_enter_in_a_burst_opens_the_second_hit(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "Zelensky OR Reykjavik OR Pentagon")
        screen = app.screen
        assert len(screen.hits) >= 2
        second = screen.hits[1].article_id
        burst(app, "down", "down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.reader and app.reader.current_article_id == second


async def test_enter_typed_right_after_the_query_opens_the_first_hit(make_app):
    """No waiting for the results of what was just typed: Enter searches then and there."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        burst(app, *"Reykjavik", "enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.reader
        assert app.screen is reader
        first = search(app.library, "Reykjavik")[0].article_id
        assert reader.current_article_id == first and reader.hit_index == 0


async def test_up_recalls_earlier_searches_in_a_later_session(make_app, seed_db):
    """A search that ran is kept in the library: the next session's ↑ brings it back, ↓ returns."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "Monday")
        await pilot.press("enter")  # opened a hit
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_query(pilot, "Kursk")
        await pilot.press("escape")  # read the list and closed: still worth recalling
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_query(pilot, '"air')  # malformed: not kept
        await pilot.press("escape")
        await pilot.pause()

    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert screen.input.value == "" and "↑ earlier searches" in str(screen.query_one("#search-status").render())
        await pilot.press("up")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.input.value == "Kursk" and screen.searched == "Kursk" and screen.hits  # and it searched
        await pilot.press("up", "up")
        assert screen.input.value == "Monday"  # the oldest stays
        await pilot.press("down")
        assert screen.input.value == "Kursk"
        await pilot.press("down")
        assert screen.input.value == ""  # back to what was typed
        await pilot.press(*"Sullivan", "up")
        assert screen.input.value == "Kursk"
        await pilot.press("down")
        assert screen.input.value == "Sullivan"  # the draft comes back whole
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")  # past the newest: into the hits
        assert screen.focused is screen.results


async def test_ctrl_f_on_the_search_screen_switches_between_library_and_article(make_app):
    """The same query over the article on show, then over the library again, without retyping."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        article_id = reader.current_article_id
        await pilot.press("slash")
        await type_query(pilot, "Zelensky")
        screen = app.screen
        assert screen.article_id is None and len(screen.hits) == 2
        assert screen.query_one("#search-box").border_subtitle == "ctrl+f: this article"
        await pilot.press("ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = app.library.article(article_id).body
        assert screen.article_id == article_id and screen.hits == []
        assert screen.spans == match_spans(body, "Zelensky") and len(screen.spans) >= 3
        assert str(screen.query_one("#search-box").border_title) == "Search this article"
        await pilot.press("down", "down", "enter")  # the second place in this article
        await pilot.pause()
        assert app.screen is reader and reader.current_article_id == article_id and reader.hit_index == 1
        await pilot.press("ctrl+f")  # from the reader: the article search, where ctrl+f goes back out
        await pilot.pause()
        await pilot.press("ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.article_id is None and len(app.screen.hits) == 2


async def test_from_the_hits_up_or_typing_goes_back_to_the_query(make_app):
    """↑ on the first hit returns to the box (no wrap to the last hit); typing in the list edits the query."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "Zelensky")
        screen = app.screen
        assert len(screen.hits) == 2
        await pilot.press("down", "down")
        assert screen.focused is screen.results and screen.results.highlighted == 1
        await pilot.press("up")
        assert screen.focused is screen.results and screen.results.highlighted == 0
        await pilot.press("up")
        assert screen.focused is screen.input and screen.input.value == "Zelensky"
        await pilot.press("down", "down")
        await pilot.press("space", *"Monday")  # typed while the list has focus
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.focused is screen.input and screen.input.value == "Zelensky Monday"
        assert [h.title for h in screen.hits] == ["Zelensky and Sullivan talk air defence"]
        await pilot.press("down", "backspace")
        assert screen.focused is screen.input and screen.input.value == "Zelensky Monda"
        await pilot.press("tab")
        assert screen.focused is screen.results
        await pilot.press("shift+tab")
        assert screen.focused is screen.input


async def test_coming_back_to_the_same_query_the_list_is_on_the_hit_read_last(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "Zelensky")
        second = app.screen.hits[1]
        await pilot.press("down", "down", "enter")  # open the second hit
        await pilot.pause()
        assert app.reader.current_article_id == second.article_id
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        results = screen.results
        assert results.get_option_at_index(results.highlighted).id == "hit-1"  # not back on the first
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.current_article_id == second.article_id


async def test_n_finds_the_last_query_in_an_article_opened_another_way(make_app):
    """Search, then open another article from the library list: n walks the query's hits there too."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        await pilot.press("slash")
        await type_query(pilot, "Pentagon")
        [hit] = app.screen.hits
        await pilot.press("enter")
        await pilot.pause()
        other = next(a["id"] for a in app.library.list_articles() if a["id"] != hit.article_id)
        reader.open_article(other)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert reader.article.marks("search") == []  # "Pentagon" is not there
        assert any("“Pentagon” is not in this article" in n.message for n in app._notifications)
        reader.search_query = "Zelensky"  # a query both articles have
        await pilot.press("n")
        await pilot.pause()
        body = app.library.article(other).body
        assert reader.search_hits == match_spans(body, "Zelensky") and reader.hit_index == 0
        assert reader.article.marks("search") == reader.search_hits


async def test_a_query_too_big_for_the_index_is_a_message_not_a_crash(make_app):
    """500 exclusions overflowed FTS5's parser and the reader died with a traceback."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        screen.input.value = " ".join(f"-w{i}" for i in range(500)) + " Zelensky"
        await pilot.pause()  # the change reaches the screen and starts the search
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert screen.error and screen.query_one("#search-status").has_class("-error")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is screen


async def test_inside_an_article_the_status_says_exclusions_and_date_filters_narrow_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await type_query(pilot, "Korean -South from:2024")
        screen = app.screen
        status = str(screen.query_one("#search-status").render())
        assert screen.spans and "hits in this article" in status
        assert "-exclusions and from: choose articles, not places in one" in status
        await pilot.press("ctrl+u")
        await type_query(pilot, "Korean")
        assert "choose articles" not in str(screen.query_one("#search-status").render())


async def test_a_full_page_of_hits_says_how_many_match_in_all(make_app, monkeypatch):
    from briefing.tui.screens import search as search_screen

    monkeypatch.setattr(search_screen, "HIT_LIMIT", 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_query(pilot, "Zelensky")
        status = str(app.screen.query_one("#search-status").render())
        assert len(app.screen.hits) == 1 and status.startswith("the best 1 of 2 articles")
        await pilot.press("ctrl+u")
        await type_query(pilot, "Pentagon")  # one article: a page not full, no count
        assert str(app.screen.query_one("#search-status").render()).startswith("1 article ·")


async def test_a_quote_pasted_over_a_line_break_is_one_query(make_app):
    from textual import events

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        screen.input.post_message(events.Paste('"We need\nmore air defence"'))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.input.value == '"We need more air defence"'
        assert screen.error is None and [h.title for h in screen.hits] == ["Zelensky and Sullivan talk air defence"]


async def test_n_says_when_the_query_is_only_in_the_title(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        reader.search_query = '"region Pentagon"'  # "…Kursk region, Pentagon confirms": the title only
        await pilot.press("n")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("only in this article's title, not its text" in m for m in said), said
        reader.search_query = "Lisbon"
        await pilot.press("n")
        await pilot.pause()
        assert any("“Lisbon” is not in this article" in n.message for n in app._notifications)


async def test_ctrl_f_again_comes_back_on_the_hit_read_last(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = app.reader
        await pilot.press("ctrl+f")
        await type_query(pilot, "Pentagon")
        await pilot.press("down", "down", "enter")  # the second place it matches
        await pilot.pause()
        assert reader.hit_index == 1
        await pilot.press("ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.results.highlighted == 1  # not back on the first
