"""The reader on the hostile articles as `briefing ingest` stored them: the app keeps running,
every key and click does only what it says, and the text appears literally, markup and all."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.config import Settings
from tests.hardening.conftest import HOSTILE, ROOT, briefing, cli_env, rows

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LITERAL = {  # path suffix -> text the article view must show as written
    "markup.txt": "[bold red]Maria Lopez[/bold red]",
    "ansi-osc.txt": "The mayor of Lyon denied the report on Wednesday.",
    "c1-controls.txt": "The council of Bern met on Thursday",
    "bidi-zero-width.txt": "Olaf Scholz in Berlin",
    "long-line.txt": "The delegate from Oslo spoke for 0 minutes.",
}


def app_for(db: Path):
    from briefing.tui.app import BriefingApp

    return BriefingApp(db, settings=Settings(), cursor_blink=False, save_theme=False)


def all_rendered_text(app) -> str:
    """Every line the article view and the library list would draw, as plain text."""
    view = app.reader.article
    lines = [view.line_text_for(line).plain for line in view._lines]
    listing = app.reader.library_list
    lines += ["".join(seg.text for seg in listing.render_line(y)) for y in range(listing.size.height)]
    return "\n".join(lines)


async def test_every_hostile_article_opens_and_shows_literally(hostile_library):
    _, db = hostile_library
    articles = rows(db, "SELECT id, path, title FROM articles ORDER BY id")
    assert len(articles) == 7
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for article_id, path, title in articles:
            app.reader.open_article(article_id)
            await pilot.pause()
            for keys in (("J", "J", "K"), ("G",), ("g",), ("tab",), ("shift+tab",)):
                await pilot.press(*keys)
                await pilot.pause()
                assert app.is_running, f"{keys} on {path} stopped the app"
            await pilot.click("#article", offset=(10, 1))
            await pilot.pause()
            assert app.is_running and app.reader.current_article_id == article_id
            header = str(app.reader.query_one("#article-header").render())
            assert title in header
            rendered = all_rendered_text(app)
            assert not CONTROL.search(rendered), f"{path}: a control character reaches the screen"
            expected = next((text for suffix, text in LITERAL.items() if path.endswith(suffix)), None)
            if expected:
                app.reader.action_top()
                await pilot.pause()
                assert expected in " ".join(rendered.split())  # the view wraps long lines
        assert app.is_running


async def test_markup_in_title_list_and_panes_is_text(hostile_library):
    _, db = hostile_library
    [(article_id, title)] = rows(db, "SELECT id, title FROM articles WHERE path LIKE '%markup.txt'")
    app = app_for(db)
    async with app.run_test(size=(160, 36)) as pilot:
        await pilot.pause()
        app.reader.open_article(article_id)
        await pilot.pause()
        assert title == "[bold red]Minister[/bold red] quits [@click=app.quit]now[/]"
        assert title in str(app.reader.query_one("#article-header").render())
        listing = app.reader.library_list
        listed = "\n".join("".join(s.text for s in listing.render_line(y)) for y in range(listing.size.height))
        assert "[bold red]Minister" in listed  # the list draws the title, it does not style it
        shown = app.reader.article.visible_text()
        assert "[@click=app.quit]this[/]" in shown and "[link=file:///etc/passwd]this link[/link]" in shown
        # click exactly on the would-be action and link: nothing is triggered
        for needle in ("[@click=app.quit]this", "[link=file:///etc/passwd]"):
            line_no, line = next((i, l) for i, l in enumerate(shown.split("\n")) if needle in l)
            await pilot.click("#article", offset=(line.index(needle) + 3, line_no))
            await pilot.pause()
            assert app.is_running
        assert app.reader.current_article_id == article_id


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_hostile_articles_in_a_real_terminal(tmp_path: Path):
    """In tmux: no window title change, no clipboard write, markup printed as text, keys still work."""
    db = tmp_path / "lib.db"
    env = cli_env(BRIEFING_CONFIG=str(tmp_path / "config.toml"))
    run = briefing("ingest", str(HOSTILE / "markup.txt"), str(HOSTILE / "ansi-osc.txt"), "--db", str(db), env=env)
    assert run.code == 0, run.stderr
    name = f"briefing-hostile-{tmp_path.name[-8:]}"
    tmux = ["tmux", "-L", name]  # a server of our own: its title and buffers are ours to inspect
    subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "140", "-y", "36",
                    "-e", f"PYTHONPATH={ROOT}", "-e", f"BRIEFING_CONFIG={tmp_path / 'config.toml'}",
                    "-e", "TERM=xterm-256color", "-e", "COLUMNS=140", "-e", "LINES=36",  # see below
                    sys.executable, "-m", "briefing", "--db", str(db)], check=True)
    # Started from pytest, the app's shutil.get_terminal_size() can miss the pane's size and fall
    # back to 80x24 (hiding the library list); COLUMNS/LINES pin it to the pane's size.
    subprocess.run([*tmux, "set-option", "-g", "set-clipboard", "on"], capture_output=True)

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout

    def wait_for(text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (shown := screen()):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen:\n{screen()}")

    try:
        wait_for("The mayor of Lyon denied the report")  # newest first: the ANSI article
        wait_for("2024-03-05 [bold red]Minister")  # listed, as text
        for attempt in range(5):  # keys sent while the app still settles its focus can land elsewhere
            subprocess.run([*tmux, "send-keys", "-t", name, "f", "C-u"], check=True)  # focus and empty the filter
            try:
                wait_for("type to filter", timeout=5.0)
            except AssertionError:  # the key landed before the app was ready for it: send it again
                continue
            subprocess.run([*tmux, "send-keys", "-t", name, "Minister", "Enter"], check=True)
            try:
                shown = wait_for("[@click=app.quit]this[/]", timeout=5.0)
                break
            except AssertionError:
                subprocess.run([*tmux, "send-keys", "-t", name, "Escape"], check=True)
        else:
            raise AssertionError(f"could not open the markup article:\n{screen()}")
        assert "[link=file:///etc/passwd]this link[/link]" in shown and "[[double]]" in shown
        subprocess.run([*tmux, "send-keys", "-t", name, "G"], check=True)
        wait_for("unterminated [bold bracket")
        title = subprocess.run([*tmux, "display-message", "-p", "-t", name, "#{pane_title}"],
                               capture_output=True, text=True).stdout
        assert "pwned" not in title and "owned" not in title
        buffers = subprocess.run([*tmux, "list-buffers"], capture_output=True, text=True).stdout
        assert "rm -rf" not in buffers
        alive = subprocess.run([*tmux, "list-panes", "-t", name, "-F", "#{pane_dead}"], capture_output=True, text=True)
        assert alive.stdout.strip() == "0"  # the reader is still running
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


async def test_reader_neutralises_control_characters_it_did_not_store_itself(tmp_path: Path):
    """Defence in depth: a library written by other means than `briefing ingest` (a script, direct SQL)
    can hold raw escape sequences; the reader draws none of them, and every span still lines up."""
    from briefing.model import Analysis, Article, Entity, Sentence, Span
    from briefing.store import Library

    body = "Raw \x1b]0;pwned\x07 title and \x1b[2J clear, \x9b31m 8-bit CSI. Olaf Scholz\tspoke."
    scholz = body.index("Olaf Scholz")
    db = tmp_path / "raw.db"
    with Library(db) as library:
        library.store(Analysis(
            article=Article(title="Raw \x1b]2;owned\x07 \u202eevil", body=body, date="2024-01-01",
                            source="Wire\x1b[31m red"),
            sentences=[Sentence(0, len(body))],
            entities=[Entity("e1", "person", "Olaf \x1b[5mScholz\u202e", [], "chan\x07cellor",
                             [Span(scholz, scholz + len("Olaf Scholz"))])]))
    app = app_for(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.is_running
        header = str(app.reader.query_one("#article-header").render())
        people = app.reader.panes.table("people")
        pane = " ".join(cell.plain for row in people.cells for cell in row)
        shown = all_rendered_text(app) + header + pane
        assert not CONTROL.search(shown)
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", header + pane)  # no bidi override in one-line fields
        assert "pwned" not in shown and "owned" not in header and "[31m" not in header
        assert "Raw evil" in header and "Wire red" in header and "Olaf Scholz" in pane and "chancellor" in pane
        view = app.reader.article
        assert len(view.body) == len(body)  # offsets kept: the person's span still covers the name
        assert view.body[scholz:scholz + len("Olaf Scholz")] == "Olaf Scholz"
