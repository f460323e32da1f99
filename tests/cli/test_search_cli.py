"""`briefing search` as scripts use it: exit codes, the one-line error, the JSON shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.store import Library
from tests.store.search_library import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        build(library)
    return str(path)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_json_is_a_list_of_hits_with_what_a_script_needs(db):
    result = run("search", "Reykjavik talks", "--json", "--db", db)
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert [h["title"] for h in hits] == ["Summit in Reykjavik", "Aid package debated"]
    first = hits[0]
    assert {"title", "path", "url", "date", "source", "snippet", "score"} <= set(first)
    assert first["path"] == "summit-in-reykjavik.txt" and first["date"] == "2024-10-29"
    assert first["source"] == "Nordic Wire"
    assert "«Reykjavik»" in first["snippet"] and "«talks»" in first["snippet"]
    assert isinstance(first["score"], float) and first["score"] >= hits[1]["score"]


def test_limit(db):
    hits = json.loads(run("search", "Reykjavik OR Kyiv", "--limit", "2", "--json", "--db", db).stdout)
    assert len(hits) == 2


def test_no_hits_is_an_empty_list(db):
    result = run("search", "volcano", "--json", "--db", db)
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_human_output_lists_rank_date_source_title_and_marked_snippet(db):
    result = run("search", "person:Biden aid", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["1", "2024-03-05", "Capitol", "Report", "Aid", "package", "debated"]
    assert "«aid»" in result.stdout


def test_article_text_is_never_markup(tmp_path: Path):
    from tests.store.search_library import article

    path = tmp_path / "lib.db"
    with Library(path) as library:
        library.store(article("[bold]Tricky[/bold] title", "A [red]volcano[/red] erupted [link=x]here.", "2024-01-01"))
    result = run("search", "volcano", "--db", str(path))
    assert "[bold]Tricky[/bold] title" in result.stdout
    assert "[red]«volcano»[/red]" in result.stdout


@pytest.mark.parametrize(("query", "message"), [
    ('"Reykjavik', "briefing: search: unclosed quote at column 1\n"),
    ("kyiv OR", "briefing: search: OR needs a term after it at column 6\n"),
    ("from:2024-02-30", "briefing: search: from: 2024-02-30 is not a day of the calendar at column 1\n"),
    ("bush " + "-w0 " * 250, "briefing: search: the query is too long: at most 200 words, phrases and filters at column 803\n"),
    ("(" * 500 + "kyiv" + ")" * 500, "briefing: search: parentheses nested deeper than 8 at column 9\n"),
])
def test_malformed_query_exits_2_with_one_line(db, query, message):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", query, "--db", db],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert proc.stderr == message
    assert proc.stdout == ""


def test_missing_library_is_not_created(tmp_path: Path):
    missing = tmp_path / "nope.db"
    result = run("search", "kyiv", "--db", str(missing))
    assert result.exit_code == 1 and "no library here" in result.stderr
    assert not missing.exists()


def test_filter_only_json_has_a_null_score_and_a_marked_snippet(tmp_path: Path):
    from briefing.store import Library
    from tests.store.search_library import build

    db = tmp_path / "lib.db"
    with Library(db) as library:
        build(library)
    result = CliRunner().invoke(cli, ["search", "org:NATO", "--json", "--db", str(db)])
    [hit] = json.loads(result.stdout)
    assert hit["score"] is None and "«NATO» officials" in hit["snippet"]
    assert "null for an article found by filters alone" in CliRunner().invoke(cli, ["search", "--help"]).stdout


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_a_reader_that_stops_early_is_no_failure(tmp_path: Path, fmt: list[str]):
    """`briefing search ... | head -1`: exit 0 and nothing on stderr, though the pipe closed mid-write."""
    from tests.store.search_library import article

    path = tmp_path / "lib.db"
    with Library(path) as library:
        for i in range(400):
            library.store(article(f"Volcano report {i}", f"A volcano erupted again, report number {i}. " * 20,
                                  "2024-01-01", path=f"v{i}.txt"))
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "search", "volcano", "--limit", "400", *fmt,
                             "--db", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_debug_is_accepted_after_the_subcommand_and_shows_the_traceback(db):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", '"Reykjavik', "--debug", "--db", db],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert "Traceback" in proc.stderr and proc.stderr.endswith("briefing: search: unclosed quote at column 1\n")


def test_debug_after_double_dash_is_part_of_the_query(db):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", "--json", "--db", db, "--", "--debug"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0 and json.loads(proc.stdout) == []


@pytest.mark.parametrize("query", ["", "   ", "!!!"])
def test_a_query_with_nothing_to_search_for_says_so(db, query):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", query, "--db", db],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert proc.stderr.startswith("briefing: search: nothing to search for") and proc.stderr.count("\n") == 1


def test_in_a_pipe_each_hit_is_two_whole_lines(tmp_path: Path):
    """`briefing search ... | head -2` shows a whole hit, however long its title and snippet."""
    from tests.store.search_library import article

    path = tmp_path / "lib.db"
    long_title = "Volcano " + " ".join(f"word{i}" for i in range(40))
    with Library(path) as library:
        library.store(article(long_title, "A volcano erupted. " * 40, "2024-01-01", path="a.txt"))
        library.store(article("Second volcano", "Another volcano erupted at dawn.", "2023-01-01", path="b.txt"))
    lines = run("search", "volcano", "--db", str(path)).stdout.splitlines()
    assert len(lines) == 4
    assert {lines[0].split("  ")[-1], lines[2].split("  ")[-1]} == {long_title, "Second volcano"}
    assert all(line.startswith("     ") and "«volcano»" in line for line in (lines[1], lines[3]))


def test_a_full_page_says_how_many_more_match_on_stderr(db):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", "Reykjavik OR Kyiv", "--limit", "2", "--db", db],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0
    assert proc.stderr == "briefing: search: 2 of 4 articles shown; --limit N for more\n"
    assert len(proc.stdout.splitlines()) == 4  # two hits, two lines each: the note is not in the pipe


@pytest.mark.parametrize("args", [["--limit", "4"], ["--limit", "2", "--json"]])
def test_no_note_when_every_match_is_shown_or_for_a_script(db, args):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", "Reykjavik OR Kyiv", *args, "--db", db],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0 and proc.stderr == ""
    if "--json" in args:
        assert len(json.loads(proc.stdout)) == 2


def titles(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [h["title"] for h in json.loads(result.stdout)]


def test_unquoted_words_are_one_query(db):
    """`briefing search Zelensky Reykjavik`: several words, as a search engine takes them."""
    assert titles(run("search", "Zelensky", "Reykjavik", "--json", "--db", db)) == ["Summit in Reykjavik"]
    assert titles(run("search", "Zelensky Reykjavik", "--json", "--db", db)) == ["Summit in Reykjavik"]
    assert sorted(titles(run("search", "--json", "Kyiv", "OR", "Iowa", "--db", db, "-n", "5"))) == [
        "Aid package debated", "Harvest report", "Kyiv under fire"]


@pytest.mark.parametrize("words", [
    ["-kyiv", "zelensky"],
    ["zelensky", "-kyiv"],
    ["-nato", "-harvest", "zelensky"],  # the letters of -n (--limit) and -h (help) inside the words
    ["--", "-kyiv zelensky"],  # the form the README gave before
])
def test_an_exclusion_needs_no_double_dash(db, words):
    assert titles(run("search", "--json", "--db", db, *words)) == ["Summit in Reykjavik"]


@pytest.mark.parametrize("options", [["-n", "1"], ["-n1"], ["--limit=1"], ["--limit", "1"]])
def test_options_among_exclusions_still_work(db, options):
    found = titles(run("search", "-nato", *options, "reykjavik", "--json", "--db", db))
    assert found == ["Summit in Reykjavik"]
    assert len(titles(run("search", "-nato", "reykjavik", "--json", "--db", db))) == 3


def test_a_mistyped_option_is_still_an_error(db):
    result = CliRunner().invoke(cli, ["search", "kyiv", "--limt", "3", "--db", db])
    assert result.exit_code == 2
    assert "No such option '--limt'" in result.output and "--limit" in result.output


def test_no_words_is_a_usage_error(db):
    result = CliRunner().invoke(cli, ["search", "--json", "--db", db])
    assert result.exit_code == 2 and "Missing argument 'QUERY...'" in result.output


def test_exclusion_first_from_the_shell(db):
    proc = subprocess.run([sys.executable, "-m", "briefing", "search", "-kyiv", "--debug", "zelensky", "--json",
                           "--db", db], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert [h["title"] for h in json.loads(proc.stdout)] == ["Summit in Reykjavik"]


def test_an_option_missing_its_value_says_so(tmp_path):
    """`briefing search Kyiv -n` said "'--' is not a valid integer range" (an internal separator)."""
    for args in (["search", "Kyiv", "-n"], ["search", "Kyiv", "--db"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "requires an argument" in result.output and "'--'" not in result.output
