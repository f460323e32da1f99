"""What a new reader of the article noticed: attributions, narrow layouts, help scrolling, g/G, find snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Analysis, Article, Quote, Sentence
from briefing.tui.widgets.article_view import ArticleView
from tests.tui.conftest import build_library

# Three paragraphs of the seed article, with the quotes the analysis finds in them.
BODY = (
    "The Pentagon confirmed today that a \u201csmall number\u201d of North Korean troops have been deployed to "
    "Russia\u2019s Kursk region, just miles from the Ukrainian border. Speaking at a press briefing, Pentagon "
    "spokesman Major General Pat Ryder voiced U.S. concerns that these troops may soon see combat against "
    "Ukrainian forces.\n"
    "Ukrainian President Volodymyr Zelensky echoed the alarm, confirming discussions with South Korean President "
    "Yoon Suk Yeol. Zelensky reported that 3,000 North Korean soldiers are stationed near Ukraine\u2019s front "
    "lines, with expectations for that number to increase up to 12,000. \u201cThis war has gone beyond "
    "borders,\u201d Zelensky stated, underlining the growing international scope of the conflict. Biden said "
    "the aid would continue.\n"
    "Meanwhile, Ukrainian cities continue to face heavy bombardment."
)


def _quote(needle: str, kind: str, speaker: str, cue: str) -> Quote:
    start = BODY.index(needle)
    return Quote(start, start + len(needle), needle, kind, speaker, None, cue)


def quotes_analysis() -> Analysis:
    sentences, pos = [], 0
    for piece in BODY.replace("\n", " ").split(". "):
        start = BODY.index(piece, pos)
        sentences.append(Sentence(start, start + len(piece)))
        pos = start + len(piece)
    return Analysis(
        article=Article(title="Quotes", body=BODY, date="2024-10-29", source="Wire", path="quotes.txt"),
        sentences=sentences,
        quotes=[
            _quote("a \u201csmall number\u201d of North Korean troops have been deployed to Russia\u2019s Kursk region",
                   "indirect", "Pentagon", "confirmed"),
            _quote("small number", "partial", "Pentagon", "confirmed"),
            _quote("3,000 North Korean soldiers are stationed near Ukraine\u2019s front lines", "indirect",
                   "Volodymyr Zelensky", "reported"),
            _quote("This war has gone beyond borders,", "direct", "Volodymyr Zelensky", "stated"),
            _quote("the aid would continue", "indirect", "Joe Biden", "said"),
        ],
    )


def _shown(view: ArticleView) -> list[str]:
    return [view.line_text_for(line).plain for line in view._lines]


async def test_attribution_follows_the_paragraph_and_names_each_speaker_once(make_app, tmp_path: Path):
    app = make_app(build_library(tmp_path / "q.db", quotes_analysis()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        view = app.screen.article
        shown = _shown(view)
        attributions = [line for line in shown if line.startswith("—")]
        assert attributions == ["— Pentagon (confirmed)",
                                "— Volodymyr Zelensky (reported, stated) · Joe Biden (said)"]
        # Each attribution comes right after the last line of its paragraph, never inside it.
        first = shown.index("— Pentagon (confirmed)")
        assert shown[first - 1].rstrip().endswith("Ukrainian forces.")
        second = shown.index(attributions[1])
        assert shown[second - 1].rstrip().endswith("continue.")
        body_text = "".join(view.body[line.start:line.end] for line in view._lines if line.extra is None)
        assert body_text.replace("\n", "") == BODY.replace("\n", "")
        # The sentence cursor walks the sentences, not the attribution lines.
        await pilot.press(*["J"] * len(view.sentences))
        assert view.cursor == len(view.sentences) - 1
        assert view.cursor_text.startswith("Meanwhile")


def _screen_text(app) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def _region_text(app, widget) -> str:
    """What is drawn inside one widget's region of the screen."""
    region = widget.region
    lines = _screen_text(app).split("\n")[region.y:region.bottom]
    return "\n".join(line[region.x:region.right] for line in lines)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_panes_are_readable_at_common_sizes(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        reader = app.screen
        talks = next(row.id for row in reader._rows if row.title.startswith("Zelensky and Sullivan"))
        reader.open_article(talks)
        await pilot.pause()
        assert "Test Wire" in _region_text(app, reader.query_one("#article-header"))
        for pane in ("quotes", "engagements"):
            reader._focus_place(pane)
            await pilot.pause()
            await pilot.pause()
            shown = _region_text(app, reader.panes)
            assert all(label in shown for label in ("People", "Places", "Orgs", "Quotes", "Events"))
            flat = " ".join(shown.replace("▏", " ").split())
            if pane == "quotes":
                assert "Volodymyr Zelensky We need more air defence Jake Sullivan" in flat  # no dangling comma
                assert "Jake Sullivan the aid would continue" in flat
            else:
                assert "upcoming 2024-11-04 Reykjavik Volodymyr Zelensky · meet Nordic leaders" in flat
                assert "past 2024-10-28 Washington Volodymyr Zelensky, Jake Sullivan · met" in flat
        # Moving through a stacked pane moves one item (two lines or more) at a time.
        table = reader.panes.table("engagements")
        await pilot.press("j")
        assert table.current.where == "Washington"


@pytest.mark.parametrize("size", [(160, 48), (120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_people_roles_are_shown_whole_at_common_sizes(make_app, size):
    """At 80 columns a Role column squeezed to nine cells read "Ukrainia…": a narrow pane puts each
    role under its name instead."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        reader = app.screen
        reader._focus_place("people")
        await pilot.pause()
        await pilot.pause()
        flat = " ".join(_region_text(app, reader.panes).replace("▏", " ").split())
        for role in ("Ukrainian President", "top aide to Zelensky", "Pentagon spokesman", "mayor of Kharkiv"):
            assert role in flat


async def test_narrow_library_takes_the_panes_place_and_goes_after_opening(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reader = app.screen
        before = reader.article.region.width
        await pilot.press("l")
        await pilot.pause()
        assert reader.library_visible
        assert not reader.panes.region.width  # the panes made way
        assert reader.article.region.width >= before - 2
        await pilot.press("l")
        await pilot.pause()
        assert not reader.library_visible and reader.panes.region.width
        # Opening an article from the filter gives the article its room back.
        await pilot.press("f", *"Sullivan", "enter")
        await pilot.pause()
        assert app.library.analysis(reader.current_article_id).article.title.startswith("Zelensky and Sullivan")
        assert not reader.library_visible and reader.panes.region.width
        assert app.focused is reader.article


async def test_help_fits_80x24_and_scrolls_with_reader_keys(make_app):
    from textual.containers import VerticalScroll

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one(VerticalScroll)
        assert app.screen.region.contains_region(box.region)
        assert box.max_scroll_y > 0
        await pilot.press("j", "j")
        assert box.scroll_y == 2
        await pilot.press("k")
        assert box.scroll_y == 1
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        assert box.scroll_y == 0
        await pilot.press("space")
        assert box.scroll_y > 1


async def test_top_and_bottom_move_the_sentence_cursor_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.article
        await pilot.press("J", "J", "J")
        assert view.cursor == 2
        await pilot.press("G")
        assert view.cursor == len(view.sentences) - 1
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("K")
        assert view.cursor == len(view.sentences) - 2
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_y == 0
        await pilot.press("J")
        assert view.cursor == 1
        await pilot.press("end")
        assert view.cursor == len(view.sentences) - 1
        await pilot.press("home")
        assert view.cursor == 0


async def test_find_in_article_snippets_start_and_end_on_word_boundaries(make_app):
    from tests.tui.test_search_screen import option_texts, type_query

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        body = app.screen.article.body
        words = set(body.split())
        await pilot.press("ctrl+f")
        await type_query(pilot, "underscored")
        texts = option_texts(app.screen)
        assert len(texts) == 2
        for text in texts:
            shown = text.split()[1:]
            shown = [shown[0].lstrip("…"), *shown[1:-1], shown[-1].rstrip("…")]
            # Every word shown, the first and last included, is a whole word of the article.
            assert shown[0] in words and shown[-1] in words, text
            assert any(word.startswith("underscor") for word in shown)


async def test_a_name_inside_a_longer_mention_keeps_its_own_colour(make_app):
    """The seed's "Pentagon spokesman Major General Pat Ryder" is a mention of Pat Ryder holding one
    of the Pentagon: the org stays org-coloured inside the person's phrase."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.reader.article
        phrase = view.body.index("Pentagon spokesman Major General Pat Ryder")
        ryder = view.body.index("Pat Ryder", phrase)
        org, person = view._style("article--organization"), view._style("article--person")

        def style_at(offset: int):
            line = view._lines[view.line_of(offset)]
            text = view.line_text_for(line)
            return text.get_style_at_offset(app.console, offset - line.start)

        assert style_at(phrase).color == org.color
        assert style_at(ryder).color == person.color


async def test_names_inside_quotes_keep_their_colour_and_the_quote_its_italics(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.reader.article
        quote = next(q for q in view.analysis.quotes if "North Korean" in q.text)
        offset = quote.start + quote.text.index("North Korean")
        line = view._lines[view.line_of(offset)]
        style = view.line_text_for(line).get_style_at_offset(app.console, offset - line.start)
        assert style.color == view._style("article--group").color
        assert style.italic
        assert view._style("article--group").color != view._style("article--person").color


async def test_an_undated_engagement_says_so_in_the_events_pane(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        reader = app.screen
        reader._focus_place("engagements")
        await pilot.pause()
        await pilot.pause()
        flat = " ".join(_region_text(app, reader.panes).replace("▏", " ").split())
        assert "upcoming no date Reykjavik" in flat and "past no date Washington" in flat


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
async def test_the_footer_shows_whole_keys_only(make_app, size):
    """A key is shown with what it does or not at all ("tab" alone, cut at the edge, helps nobody)."""
    from textual.widgets._footer import FooterKey

    from briefing.tui.widgets.keys_footer import KeysFooter

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
        [palette] = footer.query(".-command-palette")
        assert keys and all(k.region.right <= palette.region.x for k in keys)
        labels = [k.description for k in keys]
        assert labels[:3] == ["Help", "Quit", "Search"]  # the first keys always stay
        if size[0] >= 160:
            every = list({binding.action: binding.description
                          for _, binding, _, _ in app.screen.active_bindings.values() if binding.show}.values())
            assert labels == every  # room for all of them


@pytest.mark.parametrize("width", [30, 41, 46, 48, 90])
async def test_the_legend_gives_way_to_the_position(width):
    """Where the cursor is and which hit it is on matter more than the colour key, at any width."""
    from textual.app import App, ComposeResult

    from briefing.tui.widgets.legend import Legend

    class OneLegend(App):
        def compose(self) -> ComposeResult:
            yield Legend()

    app = OneLegend()
    async with app.run_test(size=(width + 2, 3)) as pilot:  # the legend pads one cell each side
        legend = app.query_one(Legend)
        legend.position = "hit 2/10 n/N  2/11"
        await pilot.pause()
        shown = str(legend.render())
        assert shown.endswith("hit 2/10 n/N  2/11") and len(shown) <= legend.size.width
        assert shown.startswith("■ per" if width >= 48 else "■")
        swatches = shown.removesuffix("hit 2/10 n/N  2/11").replace("▌", "■").split("■")[1:]
        labels = {"person", "place", "org", "group", "figure", "quote", "per", "pl", "grp", "fig", "q"}
        assert all(label.strip() in labels for label in swatches)  # a kind is named whole or not at all


async def test_in_a_tiny_terminal_the_panes_go_under_the_article(make_app):
    """At 60 columns, side by side, the article was 20 columns wide beside a 36-column pane."""
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        reader = app.reader
        article, panes = reader.article, reader.panes
        assert article.region.width >= 55 and panes.region.width >= 55
        assert panes.region.y > article.region.y  # below it
        await pilot.press("tab")  # the panes are still reachable
        await pilot.pause()
        assert reader._focused_place() == "people"
        await pilot.press("l")  # the library takes the panes' place, as in narrow terminals
        await pilot.pause()
        assert reader.library_visible and reader.library_list.region.width >= 55
        await pilot.press("escape")
        await pilot.pause()
        assert not reader.library_visible and panes.region.height > 0
