"""The app around the reader: first run, command palette, themes, untrusted text, long articles."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from textual.command import CommandPalette

from briefing.config import Settings, load_settings
from briefing.model import Analysis, Article, Entity, Sentence, Span
from briefing.tui.app import BriefingApp
from briefing.tui.screens.dossier import DossierScreen
from briefing.tui.screens.loading import LoadingScreen
from tests.tui.conftest import build_library, talks_analysis


async def test_first_run_loads_samples_in_a_worker_then_shows_the_newest(tmp_path: Path, samples: Path):
    from briefing.cli.reader import sample_loader

    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("seed-kursk-briefing.txt", "wikinews2004-yushchenko-claims-victory-in-re-run.txt"):
        shutil.copy(samples / name, folder / name)
    db = tmp_path / "fresh.db"
    steps: list[tuple[int, int | None, str]] = []
    loader = sample_loader(db, "auto", folder)

    gate = threading.Event()  # hold the loader until the loading screen has been seen

    def recording(progress):
        gate.wait(timeout=30)
        return loader(lambda done, total, label: (steps.append((done, total, label)), progress(done, total, label)))

    app = BriefingApp(db, first_run=recording, settings=Settings(), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.reader
        assert app.first_run_report.added == 2
        assert [s[0] for s in steps][-1] == 2 and steps[-1][1] == 2
        assert len(app.reader.library_list.rows) == 2
        title = app.library.analysis(app.reader.current_article_id).article.title
        assert title.startswith("North Korean troops")  # 2024-10-29 is newer than the 2004 article


async def test_first_run_cut_short_resumes_at_the_next_start(tmp_path: Path, samples: Path):
    """Quit while the samples load: the next start sees some articles but loads the rest, then never again."""
    from briefing.cli.reader import sample_loader
    from briefing.store import Library

    names = ("seed-kursk-briefing.txt", "wikinews2004-yushchenko-claims-victory-in-re-run.txt")
    folder, first_only = tmp_path / "two", tmp_path / "one"
    folder.mkdir()
    first_only.mkdir()
    for name in names:
        shutil.copy(samples / name, folder / name)
    shutil.copy(samples / names[0], first_only / names[0])
    db = tmp_path / "fresh.db"

    gate = threading.Event()
    partial = sample_loader(db, "auto", first_only)

    loader_threads = []

    def quit_halfway(progress):  # one sample stored, then the person quits while the loader works on
        loader_threads.append(threading.current_thread())
        report = partial(progress)
        gate.wait(timeout=30)
        progress(2, 2, "the next sample")  # the loader's next report: the app has closed meanwhile
        return report

    app = BriefingApp(db, first_run=quit_halfway, settings=Settings(), cursor_blink=False, save_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        while app.library.count_articles() < 1:
            await pilot.pause(0.05)
        assert app.library.get_meta("first_run") == "started"
        await pilot.press("ctrl+q")
    gate.set()  # the app has closed: the loader reports its next step and stops there
    for thread in loader_threads:
        thread.join(timeout=30)
    with Library(db) as library:
        assert library.count_articles() == 1 and library.get_meta("first_run") == "started"

    calls = []
    full = sample_loader(db, "auto", folder)
    app = BriefingApp(db, first_run=lambda progress: (calls.append(1), full(progress))[1], settings=Settings(),
                      cursor_blink=False, save_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [1] and app.screen is app.reader
        assert app.first_run_report.added == 1  # the one missing; the stored one is skipped
        assert len(app.reader.library_list.rows) == 2
        assert app.library.get_meta("first_run") == "done"

    app = BriefingApp(db, first_run=lambda progress: calls.append(2), settings=Settings(), cursor_blink=False,
                      save_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen is app.reader and calls == [1]  # done: no loading screen again


async def test_a_library_filled_before_any_first_run_is_left_alone(make_app, seed_db: Path):
    calls = []
    app = BriefingApp(seed_db, first_run=lambda progress: calls.append(1), settings=Settings(), cursor_blink=False,
                      save_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen is app.reader and calls == []


async def test_a_library_emptied_by_remove_gets_no_samples_again(tmp_path: Path, seed_db: Path):
    """Removing every article (the samples included) is permanent: the reader opens empty."""
    from briefing.store import Library
    from briefing.store.removal import remove_articles

    db = tmp_path / "emptied.db"
    shutil.copy(seed_db, db)
    with Library(db) as library:
        library.set_meta("first_run", "started")  # even a first run cut short is not resumed
        remove_articles(library, library.article_ids())
        assert library.count_articles() == 0
    calls = []
    app = BriefingApp(db, first_run=lambda progress: calls.append(1), settings=Settings(), cursor_blink=False,
                      save_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen is app.reader and calls == []


async def test_first_run_failure_is_reported_and_the_reader_still_works(tmp_path: Path):
    def broken(progress):
        raise RuntimeError("no model here")

    app = BriefingApp(tmp_path / "empty.db", first_run=broken, settings=Settings(), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.reader
        assert app.reader.current_article_id is None
        assert "library is empty" in str(app.reader.query_one("#article-header").render())
        await pilot.press("j", "J", "G", "tab", "h")  # nothing breaks on an empty library


async def test_palette_offers_actions_and_finders(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"highlights")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article.show_highlights is False


async def test_palette_open_article_and_go_to_person(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_find_article()
        await pilot.pause()
        await pilot.press(*"air defence")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.library.analysis(app.reader.current_article_id).article.title.startswith("Zelensky and Sullivan")
        app.action_find_entity("person")
        await pilot.pause()
        await pilot.press(*"sullivan")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        assert app.screen.dossier.entity.name == "Jake Sullivan"
        app.action_find_entity("place")
        await pilot.pause()
        await pilot.press(*"reykj")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.dossier.entity.name == "Reykjavik"


async def test_theme_from_settings_and_a_change_is_remembered(make_app, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('model = "auto"\n\n[keys]\n"line-down" = "j"\n', encoding="utf-8")
    settings = load_settings(config)
    settings.theme = "nord"
    app = make_app(settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
    saved = load_settings(config)
    assert saved.theme == "gruvbox"
    assert saved.keys == {"line-down": "j"}  # the rest of the file is kept


UNTRUSTED = "Click [bold]here[/bold] or [@click=app.quit]quit[/] now; [unterminated and [red]x\nSecond line."


async def test_untrusted_article_text_shows_literally(tmp_path: Path):
    body = UNTRUSTED
    analysis = Analysis(
        article=Article(title="[b]Markup[/b] title [@click=app.quit]", body=body, date="2024-01-01",
                        source="[i]src", path="m.txt"),
        sentences=[Sentence(0, body.index("\n")), Sentence(body.index("\n") + 1, len(body))],
        entities=[Entity("e1", "person", "[bold]here[/bold]", [], "[red]role", [Span(6, 23)])],
    )
    db = build_library(tmp_path / "markup.db", analysis)
    app = BriefingApp(db, settings=Settings(), cursor_blink=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.reader.article
        shown = view.visible_text()
        assert "[bold]here[/bold]" in shown and "[@click=app.quit]quit[/]" in shown and "[unterminated" in shown
        assert "[b]Markup[/b] title [@click=app.quit]" in str(app.reader.query_one("#article-header").render())
        await pilot.click("#article", offset=(20, 0))
        await pilot.pause()
        assert app.is_running
        names = [r.name for r in app.reader.panes.table("people").items]
        assert names == ["[bold]here[/bold]"]


async def test_a_100000_word_article_opens_and_scrolls(tmp_path: Path):
    paragraph = ("Volodymyr Zelensky met officials in Kyiv about the 3,000 soldiers near the border. " * 8).strip()
    body = "\n".join([paragraph] * 1000)  # 13 words x 8 x 1000 = 104,000 words
    sentences, mentions, pos = [], [], 0
    for sentence in body.replace("\n", " ").split(". "):
        start = body.index(sentence[:40], pos)
        sentences.append(Sentence(start, start + len(sentence) + 1))
        mentions.append(Span(start, start + len("Volodymyr Zelensky")))
        pos = start + len(sentence)
    analysis = Analysis(article=Article(title="Long", body=body, date="2024-01-01", path="long.txt"),
                        sentences=sentences, entities=[Entity("e1", "person", "Volodymyr Zelensky", [], None, mentions)])
    assert analysis.article.word_count > 100_000
    db = build_library(tmp_path / "long.db", analysis)
    app = BriefingApp(db, settings=Settings(), cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.reader.article
        assert view.line_count > 10_000
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("J")
        assert view.cursor_span[0] >= view.top_offset
        await pilot.press("g", "space", "space")
        assert view.scroll_y > 0
        table = app.reader.panes.table("people")
        assert len(table.items[0].mentions) == len(mentions)


async def test_an_article_removed_from_another_terminal_is_a_message_not_a_crash(make_app, seed_db):
    """`briefing remove` or a re-ingest while the reader is open: the list and the article on
    show go stale; opening, searching into or bookmarking them crashed with a KeyError."""
    from briefing.store import Library
    from briefing.store.removal import remove_articles

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        shown = reader.current_article_id
        other = next(a["id"] for a in app.library.list_articles() if a["id"] != shown)
        with Library(seed_db) as elsewhere:  # another terminal
            remove_articles(elsewhere, [shown, other])
        await pilot.press("J", "b")  # bookmark in the article that is gone
        await pilot.pause()
        assert app.is_running
        reader.open_article(other)  # as the stale list or a search hit would
        await pilot.pause()
        assert app.is_running and app.screen is reader
        gone = [n.message for n in app._notifications if "no longer in the library" in n.message]
        assert len(gone) == 2 and reader._rows == []  # the list was read again: nothing left
        with Library(seed_db) as elsewhere:  # the other terminal ingests again
            elsewhere.store(talks_analysis())
        await pilot.press("r")
        await pilot.pause()
        header = reader.query_one("#article-header")
        assert "Zelensky and Sullivan" in str(header.text) and reader.current_article_id is not None
