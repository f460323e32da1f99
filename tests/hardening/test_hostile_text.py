"""Text from strangers through the real `briefing ingest`: stored literally and clean, or refused
with a one-line reason; never a traceback, never an escape sequence or control code in the library."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.hardening.conftest import HOSTILE, assert_for_people, briefing, cli_env, rows

# Every text column a reader, search or export shows.
TEXT_COLUMNS = {
    "articles": ("title", "body", "source", "author", "license", "url"),
    "entities": ("name", "key"),
    "entity_aliases": ("alias",),
    "article_entities": ("name", "aliases", "role"),
    "quotes": ("text", "speaker", "cue"),
    "figures": ("text",),
    "dates": ("text",),
    "engagements": ("what", "when_text"),
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but \n \t, DEL, C1 (ESC is \x1b)


@pytest.fixture(scope="module")
def ingested(hostile_library):
    return hostile_library


def article(db: Path, name: str) -> dict:
    found = rows(db, "SELECT id, title, body, source FROM articles WHERE path LIKE ?", (f"%/{name}",))
    assert len(found) == 1, f"{name} was not stored"
    article_id, title, body, source = found[0]
    return {"id": article_id, "title": title, "body": body, "source": source}


def test_batch_reports_each_refusal_on_one_line(ingested):
    run, _ = ingested
    assert_for_people(run)
    assert run.code == 1  # some inputs were refused
    assert "added 7, unchanged 0, replaced 0, failed 3" in run.stdout
    reasons = dict(line.removeprefix("briefing: ").split(": ", 1) for line in run.stderr.splitlines())
    reasons = {Path(k).name: v for k, v in reasons.items()}
    assert reasons == {
        "whitespace-only.txt": "empty file (nothing but white space)",
        "scripts-no-article.html": "no article text found in the page (only scripts, navigation or boilerplate)",
        "feed-is-error-page.rss": "a web page titled '502 Bad Gateway', not a feed (an error or login page?)",
    }


def test_no_escape_or_control_character_is_stored(ingested):
    _, db = ingested
    checked = 0
    for table, columns in TEXT_COLUMNS.items():
        for column in columns:
            for (value,) in rows(db, f'SELECT "{column}" FROM {table} WHERE "{column}" IS NOT NULL'):
                assert not CONTROL.search(value), f"{table}.{column} holds {value!r}"
                checked += 1
    assert checked > 50


def test_markup_is_stored_literally(ingested):
    _, db = ingested
    a = article(db, "markup.txt")
    assert a["title"] == "[bold red]Minister[/bold red] quits [@click=app.quit]now[/]"
    assert a["source"] == "[link=file:///etc/passwd]Markup Times[/link]"
    for literal in ("[bold red]Maria Lopez[/bold red]", "[@click=app.quit]this[/]",
                    "[link=file:///etc/passwd]this link[/link]", "unterminated [bold bracket", "[[double]]", "[/] tag"):
        assert literal in a["body"]


def test_ansi_and_osc_sequences_are_removed_whole(ingested):
    _, db = ingested
    a = article(db, "ansi-osc.txt")
    assert a["title"] == "Red alert"
    assert a["body"] == ("The mayor of Lyon denied the report on Wednesday.\n\n"
                         "A window title change and a clipboard write follow.\n\n"
                         "The alternate screen and a cursor report request are gone too.")
    assert "pwned" not in a["title"] and "cm0gLXJmIH4=" not in a["body"]  # OSC 0 title, OSC 52 clipboard payload


def test_c1_controls_are_removed(ingested):
    _, db = ingested
    a = article(db, "c1-controls.txt")
    assert a["title"] == "C1controls here"
    assert a["body"] == ("The council of Bern met on Thursday and voted to close the bridge.\n\n"
                         "An 8-bit OSC title and a bell and a backspace are removed.")


def test_bidi_and_zero_width_are_kept_in_text_but_not_in_keys(ingested):
    _, db = ingested
    a = article(db, "bidi-zero-width.txt")
    assert "Emmanuel\u200b Macron" in a["body"] and "\u202eanuel\u202c" in a["body"]  # shown, as written
    keys = [k for (k,) in rows(db, "SELECT key FROM entities")]
    assert keys and not [k for k in keys if any(unicodedata.category(c) == "Cf" for c in k)]
    macrons = {k for k in keys if "macron" in k and not k.endswith(tuple("0123456789abcdef")) or k == "person:emmanuel macron"}
    assert "person:emmanuel macron" in keys
    assert macrons == {"person:emmanuel macron"}, keys  # no look-alike "Emmanuel<ZWSP> Macron" row


def test_two_thousand_character_line_is_analysed(ingested):
    _, db = ingested
    a = article(db, "long-line.txt")
    assert len(a["body"]) == 2000 and "\n" not in a["body"]
    sentences = rows(db, "SELECT count(*) FROM sentences WHERE article_id = ?", (a["id"],))[0][0]
    assert sentences >= 40
    assert rows(db, "SELECT name FROM entities WHERE key = 'place:oslo'") == [("Oslo",)]


def test_invalid_utf8_in_the_middle_keeps_the_article_and_its_accents(ingested):
    """Re-reading the file as an 8-bit encoding would store "ZÃ¼rich"; refusing it would lose the
    article. The valid UTF-8 stays as written and only the stray bytes are read as cp1252."""
    _, db = ingested
    body = article(db, "invalid-utf8.txt")["body"]
    assert "the budget for Genève was fine" in body and "council of Zürich met again" in body
    assert "Broken bytes ÿþÃ( here." in body
    assert "\ufffd" not in body
    for (other,) in rows(db, "SELECT body FROM articles"):
        assert "Ã¼" not in other and "Ã¨" not in other


def test_script_text_never_reaches_the_library(ingested):
    _, db = ingested
    for (body,) in rows(db, "SELECT body FROM articles"):
        assert "__STATE__" not in body and "addEventListener" not in body


def test_ten_megabyte_article_is_refused_with_the_setting_named(huge_article: Path, env, tmp_path: Path):
    db = tmp_path / "lib.db"
    run = briefing("ingest", str(huge_article), "--db", str(db), env=env)
    assert_for_people(run)
    assert run.code == 1
    assert run.stderr.strip() == (f"briefing: {huge_article}: too large: 10.0 MB, the limit is 5.0 MB "
                                  "(setting max_article_bytes)")
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]


def test_raised_byte_limit_reads_the_ten_megabytes(huge_article: Path):
    from briefing.sources import read_inputs

    [item] = list(read_inputs([str(huge_article)], max_bytes=20 * 1024 * 1024, fetch=False))
    assert item.title == "Ten megabytes" and len(item.body) > 10_000_000


def test_raised_byte_limit_then_the_text_limit_names_its_setting(huge_article: Path, env, tmp_path: Path):
    Path(env["BRIEFING_CONFIG"]).write_text("max_article_bytes = 20971520\n", encoding="utf-8")
    run = briefing("ingest", str(huge_article), "--db", str(tmp_path / "lib.db"), env=env)
    assert_for_people(run)
    assert run.code == 1
    assert re.search(r"ten-megabytes.txt: too long to analyse: 10,4\d\d,\d{3} characters of text, "
                     r"the limit is 1,000,000 \(setting max_article_chars\)$", run.stderr.strip())


def test_limits_follow_the_settings(env, tmp_path: Path):
    """A 2,000-character article is refused under small limits and stored once they are raised."""
    article_path = tmp_path / "long-line.txt"
    shutil.copy(HOSTILE / "long-line.txt", article_path)
    config = Path(env["BRIEFING_CONFIG"])
    db = str(tmp_path / "lib.db")

    config.write_text("max_article_bytes = 1000\n", encoding="utf-8")
    run = briefing("ingest", str(article_path), "--db", db, env=env)
    assert run.code == 1
    assert "long-line.txt: too large: 2.0 KB, the limit is 1000 bytes (setting max_article_bytes)" in run.stderr

    config.write_text("max_article_bytes = 4000\nmax_article_chars = 1500\n", encoding="utf-8")
    run = briefing("ingest", str(article_path), "--db", db, env=env)
    assert run.code == 1 and "too long to analyse: 2,000 characters of text, the limit is 1,500" in run.stderr

    config.write_text("max_article_bytes = 4000\nmax_article_chars = 2000\n", encoding="utf-8")
    run = briefing("ingest", str(article_path), "--db", db, env=env)
    assert_for_people(run)
    assert run.code == 0 and "added 1" in run.stdout


def test_feed_of_ten_thousand_entries(big_feed: Path, env, tmp_path: Path):
    db = tmp_path / "lib.db"
    run = briefing("ingest", str(big_feed), "--no-fetch", "--db", str(db), env=env)
    assert_for_people(run)
    assert run.code == 0
    assert "added 10, unchanged 9990, replaced 0, failed 0" in run.stdout
    assert rows(db, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == [(10, 10)]


def test_ten_thousand_distinct_entries_all_become_articles(tmp_path: Path):
    from briefing.sources import read_inputs
    from tests.hardening.conftest import feed_xml

    path = tmp_path / "distinct.rss"
    path.write_text(feed_xml(10_000), encoding="utf-8")
    titles = [a.title for a in read_inputs([str(path)], max_bytes=5 * 1024 * 1024, fetch=False)]
    assert len(titles) == 10_000 and titles[-1] == "Story 9999"


def test_xml_entities_are_neither_expanded_nor_fetched(ingested):
    """A billion-laughs DTD and an external entity pointing at a local file do nothing."""
    _, db = ingested
    [(title, body, source)] = rows(db, "SELECT title, body, source FROM articles WHERE url = 'https://example.invalid/1'")
    assert title == "One &xxe;" and source == "Laughs &lol9;"
    assert body.startswith("The mayor of Lyon spoke.") and len(body) < 100
    assert "lollol" not in body + title + (source or "")


def test_reanalyze_takes_an_article_that_was_accepted_under_a_raised_limit(tmp_path: Path, monkeypatch):
    """A setting raised for one long article, later lowered again, must not make reanalyze crash."""
    from briefing.analysis import load_model
    from briefing.ingest import ingest, reanalyze
    from briefing.store import Library

    path = tmp_path / "long.txt"
    path.write_text("Title: Long\n\n" + "The delegate from Oslo spoke for an hour. " * 60, encoding="utf-8")
    nlp = load_model("auto")
    monkeypatch.setattr(nlp, "max_length", 1000)  # stands for spaCy's 1,000,000 in a fast test
    with Library(tmp_path / "lib.db") as library:
        assert ingest(library, [str(path)], max_chars=5000, fetch=False).added == 1
        nlp.max_length = 1000  # a new process: the model's own limit again
        report = reanalyze(library)
        assert report.replaced == 1
        assert library.analysis(library.article_ids()[0]).sentences
