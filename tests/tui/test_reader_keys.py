"""Every key of the reader does what the footer and help say (Pilot, no sleeping)."""

from __future__ import annotations

from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.panes import PaneTable

SEED_TITLE = "North Korean troops deployed to Russia’s Kursk region, Pentagon confirms"


async def test_opens_on_the_newest_article_with_header_and_panes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        assert reader.current_article_id is not None
        assert app.library.analysis(reader.current_article_id).article.title == SEED_TITLE
        header = str(reader.query_one("#article-header").render())
        assert "Kursk" in header and "2024-10-29" in header
        people = [row.name for row in reader.panes.table("people").items]
        assert "Volodymyr Zelensky" in people
        assert isinstance(app.focused, ArticleView)


async def test_line_page_and_end_keys_scroll(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.article
        assert view.scroll_y == 0
        await pilot.press("j")
        assert view.scroll_y == 1
        await pilot.press("down", "down")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("up")
        assert view.scroll_y == 1
        await pilot.press("space")
        page = view.scrollable_content_region.height - 1
        assert view.scroll_y == 1 + page
        await pilot.press("pageup")
        assert view.scroll_y == 1
        await pilot.press("pagedown")
        assert view.scroll_y == 1 + page
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        assert "Reykjavik" in view.visible_text()
        await pilot.press("g")
        assert view.scroll_y == 0
        assert "The Pentagon confirmed today" in view.visible_text()
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0


async def test_sentence_cursor_moves_with_J_K_and_brackets(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        assert view.cursor_span is None
        await pilot.press("J")
        assert view.cursor == 0
        assert view.cursor_text.startswith("The Pentagon confirmed today")
        await pilot.press("J")
        assert view.cursor_text.startswith("Speaking at a press briefing")
        await pilot.press("right_square_bracket")
        assert view.cursor == 2
        await pilot.press("K")
        assert view.cursor == 1
        await pilot.press("left_square_bracket")
        assert view.cursor == 0
        start, end = view.cursor_span
        assert view.body[start:end] == view.cursor_text
        legend = str(app.reader.query_one("#legend").render())
        assert f"1/{len(view.sentences)}" in legend


async def test_sentence_cursor_follows_the_page(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.article
        await pilot.press("G", "J")
        # The cursor starts where the reader is looking, not back at the top.
        assert view.cursor_span[0] >= view.top_offset


async def test_tab_cycles_article_and_panes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: the library is hidden
        await pilot.pause()
        reader = app.reader
        assert not reader.library_visible
        seen = []
        for _ in range(6):
            await pilot.press("tab")
            focused = app.focused
            seen.append(focused.pane if isinstance(focused, PaneTable) else type(focused).__name__)
        assert seen == ["people", "places", "orgs", "quotes", "engagements", "ArticleView"]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PaneTable) and app.focused.pane == "engagements"
        assert reader.panes.active == "tab-engagements"
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleView)


async def test_tab_includes_the_library_when_it_is_shown(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:  # wide: library shown
        await pilot.pause()
        assert app.reader.library_visible
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleList)


async def test_h_toggles_highlights(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        line = view.line_of(view.body.index("Pentagon"))
        styled = view.line_text_for(view._lines[line])
        assert any(span.style for span in styled.spans)
        await pilot.press("h")
        assert view.show_highlights is False
        assert not view.line_text_for(view._lines[line]).spans
        assert "highlights off" in str(app.reader.query_one("#legend").render())
        await pilot.press("h")
        assert view.show_highlights is True


async def test_l_toggles_the_library_and_f_filters_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reader = app.reader
        await pilot.press("l")
        await pilot.pause()
        assert reader.library_visible
        assert isinstance(app.focused, ArticleList)
        assert len(reader.library_list.rows) == 2
        await pilot.press("l")
        await pilot.pause()
        assert not reader.library_visible
        await pilot.press("f")
        await pilot.pause()
        assert reader.library_visible
        assert app.focused.id == "filter"
        await pilot.press(*"sullivan")
        assert [r.title for r in reader.library_list.rows] == ["Zelensky and Sullivan talk air defence"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.library.analysis(reader.current_article_id).article.title.startswith("Zelensky and Sullivan")
        assert isinstance(app.focused, ArticleView)


async def test_escape_from_the_narrow_filter_gives_the_room_back_to_the_panes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reader = app.reader
        first = reader.current_article_id
        await pilot.press("f", *"sullivan")
        await pilot.pause()
        assert reader.library_visible and app.focused.id == "filter"
        await pilot.press("escape")
        await pilot.pause()
        assert not reader.library_visible
        assert reader.query_one("#panes").region.width > 0
        assert isinstance(app.focused, ArticleView) and reader.current_article_id == first


async def test_library_list_keys_move_and_open(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        reader = app.reader
        first = reader.current_article_id
        reader.library_list.focus()
        await pilot.press("j")
        assert reader.library_list.cursor == 1
        await pilot.press("k")
        assert reader.library_list.cursor == 0
        await pilot.press("G")
        assert reader.library_list.cursor == 1
        await pilot.press("g")
        assert reader.library_list.cursor == 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert reader.current_article_id != first
        assert reader.library_list.current_id == reader.current_article_id


async def test_question_mark_shows_help_from_the_bindings(make_app):
    app = make_app(settings=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {row.binding_id: row for row in app.screen.rows}
        for binding_id in ("line-down", "next-sentence", "next-pane", "toggle-highlights", "help", "back",
                           "command-palette"):
            assert binding_id in described, binding_id
        assert "J" in described["next-sentence"].keys and "]" in described["next-sentence"].keys
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_from_the_reader(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_every_binding_has_an_id():
    from briefing.tui.app import BriefingApp
    from briefing.tui.screens.dossier import DossierScreen as Dossier
    from briefing.tui.screens.help import HelpScreen as Help
    from briefing.tui.screens.reader import ReaderScreen

    for owner in (BriefingApp, ReaderScreen, Dossier, Help, ArticleList, PaneTable, ArticleView):
        for key, bindings in owner._merge_bindings().key_to_bindings.items():
            for binding in bindings:
                assert binding.id, f"{owner.__name__}: {key} has no id"


async def test_keymap_from_settings_rebinds_keys(make_app):
    from briefing.config import Settings

    app = make_app(settings=Settings(keys={"line-down": "x", "next-sentence": "ctrl+j"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.article
        await pilot.press("j")
        assert view.scroll_y == 0  # j no longer scrolls
        await pilot.press("x")
        assert view.scroll_y == 1
        await pilot.press("ctrl+j")
        assert view.cursor is not None


async def test_enter_on_a_pane_person_opens_the_dossier_and_q_returns(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # People
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.reader


async def test_r_reloads_the_library_after_an_ingest_elsewhere(make_app, seed_db):
    from briefing.model import Analysis, Article, Sentence
    from briefing.store import Library

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert len(app.reader.library_list.rows) == 2
        with Library(seed_db) as other:  # another process's ingest, as far as the reader can tell
            other.store(Analysis(article=Article(title="Fresh news", body="Something happened.", date="2025-01-01",
                                                 path="fresh.txt"), sentences=[Sentence(0, 19)]))
        await pilot.press("r")
        await pilot.pause()
        assert [r.title for r in app.reader.library_list.rows][0] == "Fresh news"


async def test_a_click_puts_the_sentence_cursor_there(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        line = view.line_of(view.body.index("Ukrainian President Volodymyr Zelensky echoed"))
        await pilot.click("#article", offset=(10, line))
        await pilot.pause()
        assert view.cursor_text.startswith("Ukrainian President Volodymyr Zelensky echoed")


async def test_backspace_returns_to_the_article_read_before_at_the_same_sentence(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        first = reader.current_article_id
        await pilot.press("J", "J", "J")
        await pilot.pause()
        sentence = reader.article.cursor
        await pilot.press("slash")
        await pilot.press(*"Monday")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # a search hit in the other article
        await pilot.pause()
        assert reader.current_article_id != first
        await pilot.press("backspace")
        await pilot.pause()
        assert reader.current_article_id == first and reader.article.cursor == sentence
        await pilot.press("ctrl+o")  # nothing further back
        await pilot.pause()
        assert reader.current_article_id == first
        assert any("No article read before" in n.message for n in app._notifications)


def _burst(app, keys: str) -> None:
    """Keys arriving in one instant (a paste, tmux send-keys, a fast typist): no pause between them."""
    from textual import events

    names = {"/": "slash", " ": "space"}
    for ch in keys:
        app.post_message(events.Key(names.get(ch, ch), ch))


async def test_keys_typed_straight_after_slash_or_f_land_in_the_box(make_app):
    """'/strike' typed in one go searched for nothing ('s', 't'... went to the reader: 'r' reloaded)."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        highlights = app.reader.article.show_highlights
        _burst(app, "/Kursk")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.input.value == "Kursk" and app.screen.searched == "Kursk"
        await pilot.press("escape")
        await pilot.pause()
        _burst(app, "fhelsinki")  # 'h' would toggle the highlights, 'l' the library
        await pilot.pause()
        reader = app.reader
        assert reader.query_one("#filter").value == "helsinki"
        assert reader.article.show_highlights == highlights
        _burst(app, "/f")  # in the filter box both are its own characters
        await pilot.pause()
        assert app.screen is reader and reader.query_one("#filter").value == "helsinki/f"


async def test_a_keymap_entry_for_no_binding_is_reported(make_app):
    """A misspelt id in config.toml [keys] did nothing, silently."""
    from briefing.config import Settings

    app = make_app(settings=Settings(keys={"no-such-action": "z", "next-sentence": "ctrl+n"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("'no-such-action'" in w for w in warnings)
        assert not any("next-sentence" in w for w in warnings)
        before = app.reader.article.cursor
        await pilot.press("ctrl+n")
        assert app.reader.article.cursor != before  # the known id was rebound
