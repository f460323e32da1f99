"""Bookmarking in the reader (`b`, `B`) and the bookmarks screen (`m`), driven by keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.store import Library
from briefing.store.bookmarks import add_bookmark, list_bookmarks
from briefing.tui.app import BriefingApp
from briefing.tui.screens.bookmark_dialog import BookmarkDialog, PathDialog
from briefing.tui.screens.bookmarks import BookmarksScreen
from briefing.tui.screens.reader import ReaderScreen
from tests.claims_fixtures import (
    PLAIN_SENTENCE,
    RYDER_QUOTE,
    cursor_to,
    seed_analysis,
    simple_analysis,
    type_text,
)

LIMA = "The summit opened in Lima on Monday. Delegates argued over the text until dawn."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        library.store(simple_analysis(LIMA, title="Lima summit", path="lima.txt", date="2024-10-01"))
        library.store(seed_analysis(path="seed.txt"))  # the newest: the reader opens it
    return path


def make_app(db: Path) -> BriefingApp:
    return BriefingApp(db, cursor_blink=False, save_theme=False)


def seed_offsets(text: str) -> tuple[int, int]:
    body = seed_analysis().text
    start = body.index(text)
    return start, start + len(text)


async def test_b_on_a_quote_bookmarks_the_quote_with_its_speaker(db: Path):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        quote = seed_offsets(RYDER_QUOTE)
        await cursor_to(pilot, view, quote[0], by_keys=True)
        assert view.cursor_span != quote  # the sentence holds more than the quote
        await pilot.press("b")
        await pilot.pause()
        [bookmark] = list_bookmarks(app.library)
        assert (bookmark.kind, bookmark.speaker, bookmark.text) == ("quote", "Pat Ryder", RYDER_QUOTE)
        assert bookmark.title.startswith("North Korean troops deployed")
        assert view.marks("bookmark") == [quote]  # marked in the article view

        await pilot.press("b")  # again: still one
        await pilot.pause()
        assert len(list_bookmarks(app.library)) == 1


async def test_b_on_a_plain_sentence_bookmarks_the_sentence(db: Path):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        sentence = seed_offsets(PLAIN_SENTENCE)
        await cursor_to(pilot, view, sentence[0])
        await pilot.press("b")
        await pilot.pause()
        [bookmark] = list_bookmarks(app.library)
        assert (bookmark.kind, bookmark.speaker, bookmark.text) == ("sentence", None, PLAIN_SENTENCE)
        assert view.marks("bookmark") == [sentence]


async def test_b_before_the_cursor_is_placed_takes_the_first_sentence_in_view(db: Path):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reader.article.cursor_span is None
        await pilot.press("b")
        await pilot.pause()
        [bookmark] = list_bookmarks(app.library)
        assert bookmark.text.startswith("The Pentagon confirmed today")


async def test_shift_b_asks_for_a_note_and_tags(db: Path):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        await cursor_to(pilot, view, seed_offsets(PLAIN_SENTENCE)[0])
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        await pilot.press("escape")  # cancel keeps nothing
        await pilot.pause()
        assert list_bookmarks(app.library) == []

        await pilot.press("B")
        await pilot.pause()
        await type_text(pilot, "[b]x")  # kept literally
        await pilot.press("enter")
        await type_text(pilot, "war,#memo")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        [bookmark] = list_bookmarks(app.library)
        assert bookmark.note == "[b]x" and bookmark.tags == ["war", "memo"]
        assert view.marks("bookmark") == [seed_offsets(PLAIN_SENTENCE)]

        await pilot.press("B")  # on a bookmarked claim: edit it
        await pilot.pause()
        assert app.screen.query_one("#note").value == "[b]x"
        await pilot.press("ctrl+u")
        await type_text(pilot, "fire")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [bookmark] = list_bookmarks(app.library)
        assert bookmark.note == "fire" and bookmark.tags == ["war", "memo"]


@pytest.fixture
def kept(db: Path) -> Path:
    """Three bookmarks: Ryder's quote (tag dprk), the plain sentence (tag war), one in the Lima article."""
    with Library(db) as library:
        lima_id, seed_id = library.article_ids()
        add_bookmark(library, lima_id, 0, 36, note="venue", tags=["summit"])
        start, end = seed_offsets(PLAIN_SENTENCE)
        add_bookmark(library, seed_id, start, end, tags=["war"])
        start, end = seed_offsets(RYDER_QUOTE)
        add_bookmark(library, seed_id, start, end, kind="quote", speaker="Pat Ryder", tags=["dprk", "memo"])
    return db


def texts(screen: BookmarksScreen) -> list[str]:
    return [b.text for b in screen.shown]


async def test_bookmarks_screen_filters_by_text_tag_speaker_and_article(kept: Path):
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert texts(screen) == [RYDER_QUOTE, PLAIN_SENTENCE, LIMA[:36]]  # newest first
        assert screen.listing.option_count == 3

        await pilot.press("slash")
        await type_text(pilot, "tag:memo")
        await pilot.pause()
        assert texts(screen) == [RYDER_QUOTE]
        box = screen.filter_box
        for query, expected in (("speaker:ryder", [RYDER_QUOTE]), ("bombardment", [PLAIN_SENTENCE]),
                                ("article:lima", [LIMA[:36]]), ("venue", [LIMA[:36]]), ("nothing-like-this", [])):
            box.value = query
            await pilot.pause()
            assert texts(screen) == expected, query
        await pilot.press("end", "ctrl+u")
        await pilot.pause()
        assert len(texts(screen)) == 3


async def test_enter_opens_the_article_at_the_claim(kept: Path):
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lima_id, seed_id = app.library.article_ids()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("j", "j")  # to the Lima bookmark
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.current_article_id == lima_id
        assert app.reader.article.cursor_span == (0, 36)
        assert app.reader.article.marks("highlight") == [(0, 36)]
        assert app.reader.article.marks("bookmark") == [(0, 36)]

        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # Ryder's quote, in the seed article
        await pilot.pause()
        quote = seed_offsets(RYDER_QUOTE)
        assert app.reader.current_article_id == seed_id
        start, end = app.reader.article.cursor_span
        assert start <= quote[0] and quote[1] <= end


async def test_edit_delete_and_undo_on_the_bookmarks_screen(kept: Path):
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        await pilot.press("j")  # the plain sentence
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        await type_text(pilot, "memo")
        await pilot.press("enter", "ctrl+u")
        await type_text(pilot, "war x")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        edited = next(b for b in list_bookmarks(app.library) if b.text == PLAIN_SENTENCE)
        assert edited.note == "memo" and edited.tags == ["war", "x"]
        assert screen.current.text == PLAIN_SENTENCE  # the highlight stays on it

        await pilot.press("d")
        await pilot.pause()
        assert texts(screen) == [RYDER_QUOTE, LIMA[:36]]
        assert [b.text for b in list_bookmarks(app.library)] == [RYDER_QUOTE, LIMA[:36]]
        await pilot.press("u")
        await pilot.pause()
        assert texts(screen) == [RYDER_QUOTE, PLAIN_SENTENCE, LIMA[:36]]
        restored = next(b for b in list_bookmarks(app.library) if b.text == PLAIN_SENTENCE)
        assert restored == edited  # same id, note, tags and time
        assert screen.current.id == edited.id

        await pilot.press("escape")  # back to the reader, whose marks follow the deletions
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert len(app.reader.article.marks("bookmark")) == 2


async def test_a_detached_bookmark_stays_and_does_not_open(kept: Path):
    with Library(kept) as library:
        changed = seed_analysis(path="seed.txt")
        changed.article.body = (changed.article.body.replace("heavy bombardment", "shelling")
                                .replace("a couple thousand", "several thousand"))
        library.store(changed)
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert all(b.detached for b in screen.shown[:2])
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Detached: its article changed and no longer contains this text" in str(
            screen.query_one("#bookmarks-detail").render())


async def test_the_palette_offers_bookmarks_and_the_article_export(db: Path, tmp_path: Path):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "Bookmarks")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p")
        await type_text(pilot, "Export art")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        target = tmp_path / "kursk.md"
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        markdown = target.read_text(encoding="utf-8")
        assert markdown.startswith("# North Korean troops deployed")
        assert "\n## People\n" in markdown and "\n## Engagements\n" in markdown


def test_every_binding_of_the_bookmark_features_has_an_id():
    from briefing.tui.screens.agenda import AgendaScreen
    from briefing.tui.screens.bookmarks import ClaimList

    for owner in (ReaderScreen, BookmarksScreen, AgendaScreen, BookmarkDialog, PathDialog, ClaimList):
        for key, bindings in owner._merge_bindings().key_to_bindings.items():
            for binding in bindings:
                assert binding.id, f"{owner.__name__}: {key} has no id"
    reader_keys = ReaderScreen._merge_bindings().key_to_bindings
    assert {"b", "B", "m", "a", "X"} <= set(reader_keys)  # not lost to the reader's own bindings


async def test_a_long_list_shows_the_newest_and_asks_for_a_filter(kept: Path, monkeypatch):
    import briefing.tui.screens.bookmarks as screens

    monkeypatch.setattr(screens, "MAX_SHOWN", 2)
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert texts(screen) == [RYDER_QUOTE, PLAIN_SENTENCE]
        assert "newest 2 of 3" in str(screen.query_one("#bookmarks-header").render())
        screen.filter_box.value = "article:lima"
        await pilot.pause()
        assert texts(screen) == [LIMA[:36]]  # the filter reaches past the newest


async def test_x_exports_the_filtered_bookmarks_as_markdown(kept: Path, tmp_path: Path):
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        app.screen.filter_box.value = "tag:memo"
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        target = tmp_path / "memo.md"
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        memo = target.read_text(encoding="utf-8")
        assert memo.startswith(f"> “{RYDER_QUOTE}”\n\n— Pat Ryder, *North Korean troops")
        assert "Tags: dprk, memo" in memo and "Lima" not in memo and "bombardment" not in memo

        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "no" / "such" / "dir.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)  # a notification says why; nothing else happens
        assert not (tmp_path / "no").exists()


async def test_editing_a_note_adds_to_it_rather_than_replacing_it(kept: Path):
    """The dialog opens with the cursor after the note and nothing selected: typing appends."""
    app = make_app(kept)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("j", "j")  # the Lima bookmark, note "venue", tag "summit"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        note = app.screen.query_one("#note")
        assert note.selection.is_empty and note.cursor_position == len("venue")
        await type_text(pilot, " 2")
        await pilot.press("enter")  # to the tags, which also keep what is there
        await type_text(pilot, " trip")
        await pilot.press("enter")
        await pilot.pause()
        edited = next(b for b in list_bookmarks(app.library) if b.text == LIMA[:36])
        assert edited.note == "venue 2" and edited.tags == ["summit", "trip"]


async def test_reported_speech_is_listed_as_reported_not_in_quote_marks(tmp_path: Path):
    from tests.store.test_bookmarks import REPORTED, with_reported_speech

    path = tmp_path / "lib.db"
    with Library(path) as library:
        article_id = library.store(with_reported_speech(seed_analysis(path="seed.txt"))).article_id
        start = seed_analysis().text.index(REPORTED)
        add_bookmark(library, article_id, start, start + len(REPORTED), kind="quote", speaker="Volodymyr Zelensky")
        start, end = seed_offsets(RYDER_QUOTE)
        add_bookmark(library, article_id, start, end, kind="quote", speaker="Pat Ryder")
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        ryder, zelensky = (str(screen.listing.get_option_at_index(i).prompt) for i in range(2))
        assert ryder.startswith("“There are indications")
        assert zelensky.startswith("(reported) that 3,000 North Korean soldiers") and "“" not in zelensky
        assert "— Volodymyr Zelensky" in zelensky
