"""Panes are linked to the text and to the library: highlight, jump, dossier, back."""

from __future__ import annotations

from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.panes import PaneTable


async def _focus_pane(pilot, app, pane: str) -> PaneTable:
    app.reader._focus_place(pane)
    await pilot.pause()
    return app.reader.panes.table(pane)


def _row_of(table: PaneTable, name: str) -> int:
    return next(i for i, item in enumerate(table.items) if getattr(item, "name", None) == name)


async def test_moving_in_people_highlights_mentions_and_moves_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.article
        table = await _focus_pane(pilot, app, "people")
        target = _row_of(table, "Andriy Yermak")
        for _ in range(target):
            await pilot.press("j")
        await pilot.pause()
        yermak = table.current
        assert yermak.name == "Andriy Yermak"
        marked = view.marks("highlight")
        assert marked == [(m.start, m.end) for m in yermak.mentions]
        # the name, the surname and the apposition that names him ("Zelensky’s top aide")
        assert {view.body[s:e] for s, e in marked} == {"Andriy Yermak", "Yermak", "Zelensky’s top aide"}
        start, end = view.cursor_span
        assert start <= yermak.mentions[0].start < end  # the cursor is on the nearest mention's sentence
        assert "Yermak" in view.visible_text()  # and it was scrolled into view
        await pilot.press("k")
        await pilot.pause()
        assert view.marks("highlight") != marked


async def test_pane_enter_opens_dossier_and_enter_there_opens_the_article_at_the_mention(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        seed_id = reader.current_article_id
        reader.library_list.focus()
        await pilot.press("j", "enter")  # open the other article first
        await pilot.pause()
        assert reader.current_article_id != seed_id
        table = await _focus_pane(pilot, app, "people")
        for _ in range(_row_of(table, "Volodymyr Zelensky")):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        dossier = app.screen
        assert isinstance(dossier, DossierScreen)
        assert dossier.dossier.entity.name == "Volodymyr Zelensky"
        assert {a.title for a in dossier.dossier.articles} == {
            "Zelensky and Sullivan talk air defence",
            "North Korean troops deployed to Russia’s Kursk region, Pentagon confirms"}
        quotes = [q.text for q in dossier.dossier.quotes]
        assert "We need more air defence," in quotes and "This war has gone beyond borders," in quotes
        assert [g.what for g in dossier.dossier.engagements][0] == "meet Nordic leaders"  # upcoming first
        # An engagement the text gives no date is shown at its article's date, in brackets.
        when = {g.what: cells[0].plain for g, cells in zip(dossier.table("engagements").items,
                                                             dossier.table("engagements").cells)}
        undated = [g for g in dossier.dossier.engagements if not g.dated]
        assert undated and all(when[g.what] == f"({g.date})" for g in undated)
        assert all(when[g.what] == g.date for g in dossier.dossier.engagements if g.dated)
        assert "Jake Sullivan" in [c.name for c in dossier.dossier.co_mentioned]
        articles = dossier.table("articles")
        row = next(i for i, a in enumerate(articles.items) if a.article_id == seed_id)
        for _ in range(row):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        assert reader.current_article_id == seed_id
        view = reader.article
        marked = view.marks("highlight")
        assert marked and all("Zelensky" in view.body[s:e] for s, e in marked)
        assert view.cursor_span[0] <= marked[0][0] < view.cursor_span[1]
        assert isinstance(app.focused, ArticleView)


async def test_dossier_quote_and_co_mentioned_person(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        table = await _focus_pane(pilot, app, "people")
        for _ in range(_row_of(table, "Volodymyr Zelensky")):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")  # Quotes
        await pilot.pause()
        dossier = app.screen
        assert app.focused is dossier.table("quotes")
        await pilot.press("tab", "tab")  # Engagements, People
        await pilot.pause()
        people = dossier.table("people")
        assert app.focused is people
        for _ in range(_row_of(people, "Jake Sullivan")):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen) and app.screen is not dossier
        assert app.screen.dossier.entity.name == "Jake Sullivan"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dossier
        await pilot.press("shift+tab", "shift+tab")  # back to Quotes
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        view = reader.article
        first = dossier.dossier.quotes[0]  # the Quotes tab opens on the first quote
        assert first.text in view.cursor_text


async def test_enter_on_a_quote_or_engagement_jumps_to_its_sentence(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        reader.library_list.focus()
        await pilot.press("j", "enter")
        await pilot.pause()
        view = reader.article
        quotes = await _focus_pane(pilot, app, "quotes")
        assert [q.speaker for q in quotes.items] == ["Volodymyr Zelensky", "Jake Sullivan"]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)
        assert view.cursor_text == "Sullivan said the aid would continue."
        engagements = await _focus_pane(pilot, app, "engagements")
        assert [g.status for g in engagements.items] == ["upcoming", "past"]
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor_text.startswith("Zelensky will travel to Reykjavik")


async def test_places_and_orgs_panes_link_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.reader.article
        places = await _focus_pane(pilot, app, "places")
        for _ in range(_row_of(places, "Reykjavik")):
            await pilot.press("j")
        await pilot.pause()
        assert [view.body[s:e] for s, e in view.marks("highlight")] == ["Reykjavik"]
        assert "Reykjavik" in view.cursor_text
        orgs = await _focus_pane(pilot, app, "orgs")
        await pilot.pause()
        first = orgs.current
        assert view.marks("highlight") == [(m.start, m.end) for m in first.mentions]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        assert app.screen.dossier.entity.name == first.name


async def test_quotes_are_set_apart_with_their_speaker(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        talks = next(r.id for r in reader.library_list.rows if r.title.startswith("Zelensky and Sullivan"))
        reader.open_article(talks)
        await pilot.pause()
        view = reader.article
        shown = " ".join(view.visible_text().split())
        assert "— Volodymyr Zelensky (said) · Jake Sullivan (said)" in shown
        # The attribution follows the paragraph holding the quotes, not the line where a quote ends.
        first = next(i for i, line in enumerate(view._lines) if line.extra is not None)
        assert view._lines[first - 1].end == view.body.index("\n")


async def test_extension_points_marks_cursor_and_open_article_focus(make_app):
    """What search and bookmarks build on: open at an offset with hits marked, read the cursor's claim."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        seed = reader.current_article_id
        body = reader.article.body
        at = body.index("Reykjavik")
        hits = [(at, at + len("Reykjavik"))]
        reader.open_article(seed, focus=at, highlights=hits)
        await pilot.pause()
        view = reader.article
        assert view.marks("search") == hits
        assert view.cursor_span[0] <= at < view.cursor_span[1]
        assert "Reykjavik" in view.visible_text()
        view.set_marks("bookmark", [view.cursor_span], style="underline")
        line = view.line_of(at)
        assert any("underline" in str(span.style) for span in view.line_text_for(view._lines[line]).spans)
        view.clear_marks("bookmark")
        assert view.marks("bookmark") == []
        await pilot.press("escape")  # in the article: clears the pane highlight layer only
        assert view.marks("search") == hits


async def test_a_pane_item_moves_the_cursor_to_the_nearest_mention_not_the_next(make_app):
    """Reading just past a mention, choosing that name goes back a line, not pages ahead."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        table = await _focus_pane(pilot, app, "people")
        people = [item for item in table.items if getattr(item, "mentions", None)]
        sentence_of = [[view.sentence_at(m.start) for m in p.mentions] for p in people]
        # someone named in sentence i and next only three or more sentences later
        person, before, after = next((p, i, j) for p, found in zip(people, sentence_of)
                                     for i, j in zip(found, found[1:]) if j - i >= 3)
        row = _row_of(table, person.name)
        for _ in range(row - 1 if row else 1):  # to the row beside it (each row moves the cursor)
            await pilot.press("j")
        await pilot.pause()
        view.move_cursor(before + 1)  # the reader is a sentence past the mention
        await pilot.press("j" if row else "k")
        await pilot.pause()
        assert table.current is person
        assert view.cursor == before  # a sentence back, not `after`, pages ahead


async def test_slash_in_a_dossier_searches_for_that_entity_and_more_words(make_app):
    """"Where else did Zelensky talk about Reykjavik?" from his dossier: `/`, then the words."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        table = await _focus_pane(pilot, app, "people")
        for _ in range(_row_of(table, "Volodymyr Zelensky")):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert screen.input.value == 'person:"Volodymyr Zelensky" '
        await pilot.press(*"Monday")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.input.value == 'person:"Volodymyr Zelensky" Monday'
        assert [h.title for h in screen.hits] == ["Zelensky and Sullivan talk air defence"]
        assert app.screen_stack[-2] is reader  # the dossier gave way to the reader under the search
