"""What a user names on the command line: folders, files, `-`, and inputs over the size limit."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

from briefing.config import Settings
from briefing.model import Article
from briefing.sources import Failure, iter_files, read_inputs

MB = 5 << 20
GOOD = "Title: {}\nDate: 2024-05-02\n\nThe minister spoke in Paris on Monday.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_folders_are_read_recursively_in_a_stable_order_without_notes(tmp_path: Path):
    root = tmp_path / "briefing"
    for name in ("b.txt", "a.md", "sub/z.txt", "sub/deeper/m.html", "Sub2/c.txt"):
        write(root / name, GOOD.format(name))
    for note in ("README.md", "README", "LICENSE", "LICENSE.txt", "SOURCES.md", "licence.txt", ".hidden.txt",
                 ".git/config", "sub/.cache/x.txt"):
        write(root / note, GOOD.format(note))
    write(root / "sources-of-conflict.txt", GOOD.format("sources-of-conflict.txt"))  # an article, not a note
    names = [p.relative_to(root).as_posix() for p in iter_files(root)]
    assert names == ["Sub2/c.txt", "a.md", "b.txt", "sources-of-conflict.txt", "sub/deeper/m.html", "sub/z.txt"]
    assert names == [p.relative_to(root).as_posix() for p in iter_files(root)]  # same order every time


def test_a_folder_with_bad_files_yields_the_good_ones_and_a_reason_for_each_bad_one(tmp_path: Path, seed_path: Path):
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    write(tmp_path / "empty.txt", b"")
    shutil.copy(seed_path, tmp_path / "seed.txt")
    results = list(read_inputs([str(tmp_path)], max_bytes=MB))
    assert [type(r).__name__ for r in results] == ["Failure", "Failure", "Article"]
    empty, photo, seed = results
    assert empty == Failure(str(tmp_path / "empty.txt"), "empty file")
    assert photo == Failure(str(tmp_path / "photo.jpg"), "binary file (JPEG image), not text")
    assert seed.date == "2024-10-29"


def test_missing_path_is_a_failure_and_the_rest_goes_on(tmp_path: Path):
    good = write(tmp_path / "good.txt", GOOD.format("Good"))
    missing, article = read_inputs([str(tmp_path / "nope.txt"), str(good)], max_bytes=MB)
    assert missing == Failure(str(tmp_path / "nope.txt"), "no such file or folder")
    assert article.title == "Good"


def test_a_folder_without_articles_says_so(tmp_path: Path):
    """`briefing ingest ~/news` on the wrong (empty) folder must not look like success."""
    write(tmp_path / "news" / ".hidden.txt", GOOD.format("Hidden"))
    write(tmp_path / "news" / "README.md", "# notes")
    (tmp_path / "news" / "empty-sub").mkdir()
    [failure] = read_inputs([str(tmp_path / "news")], max_bytes=MB)
    assert failure.path == str(tmp_path / "news") and failure.reason.startswith("no files in the folder")


def test_stdin_is_one_article(monkeypatch):
    data = "Title: Piped\r\nDate: 2024-01-02\r\n\r\nThe minister spoke in \x1b[1mParis\x1b[0m.\r\n".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = read_inputs(["-"], max_bytes=MB)
    assert (article.title, article.body, article.path) == ("Piped", "The minister spoke in Paris.", "<stdin>")


def test_stdin_can_be_a_feed(monkeypatch):
    feed = (Path(__file__).parent / "fixtures" / "world-news.atom").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(feed)))
    assert len([r for r in read_inputs(["-"], max_bytes=MB, fetch=False) if isinstance(r, Article)]) == 2


def test_inputs_over_the_size_limit_are_refused(tmp_path: Path, monkeypatch):
    limit = Settings().max_article_bytes
    assert limit == 5 * 1024 * 1024
    big = write(tmp_path / "big.txt", GOOD.format("Big") + "word " * (limit // 5))
    small = write(tmp_path / "small.txt", GOOD.format("Small"))
    failure, article = read_inputs([str(big), str(small)], max_bytes=limit)
    assert failure.path == str(big)
    size = big.stat().st_size
    assert failure.reason == f"too large: {size:,} bytes, the limit is 5,242,880 bytes (setting max_article_bytes)"
    assert article.title == "Small"
    [tiny_limit] = read_inputs([str(small)], max_bytes=40)
    assert tiny_limit.reason == "too large: 70 bytes, the limit is 40 bytes (setting max_article_bytes)"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    [piped] = read_inputs(["-"], max_bytes=40)
    assert piped == Failure("<stdin>", "too large: more than the limit of 40 bytes (setting max_article_bytes)")


def test_a_changed_file_keeps_its_path_so_it_can_replace_its_article(tmp_path: Path, monkeypatch):
    write(tmp_path / "a.txt", GOOD.format("First"))
    monkeypatch.chdir(tmp_path)
    [first] = read_inputs(["a.txt"], max_bytes=MB)
    write(tmp_path / "a.txt", GOOD.format("Second"))
    [second] = read_inputs([str(tmp_path / "a.txt")], max_bytes=MB)
    assert first.path == second.path == str((tmp_path / "a.txt").resolve())
    assert first.content_hash != second.content_hash


def test_cli_refuses_a_file_over_the_configured_limit(tmp_path: Path):
    import os

    from click.testing import CliRunner

    from briefing.cli import cli

    Path(os.environ["BRIEFING_CONFIG"]).write_text("max_article_bytes = 100\n", encoding="utf-8")
    big = write(tmp_path / "long.txt", GOOD.format("Long") + "More words here. " * 10)
    result = CliRunner().invoke(cli, ["ingest", str(big), "--db", str(tmp_path / "lib.db")], catch_exceptions=False)
    assert result.exit_code == 1
    size = big.stat().st_size
    assert f"briefing: {big}: too large: {size} bytes, the limit is 100 bytes (setting max_article_bytes)" in result.stderr
    assert "added 0, unchanged 0, replaced 0, failed 1" in result.stdout


def test_data_files_in_a_folder_are_named_not_stored_as_junk(tmp_path: Path):
    write(tmp_path / "index.tsv", "file\ttitle\ta.txt\tGood\n")
    write(tmp_path / "meta.json", '{"title": "x"}\n')
    write(tmp_path / "a.txt", GOOD.format("Good"))
    results = list(read_inputs([str(tmp_path)], max_bytes=MB))
    assert [(Path(r.path).name, r.reason) for r in results if isinstance(r, Failure)] == [
        ("index.tsv", "not an article: tab-separated data"), ("meta.json", "not an article: JSON data")]
    assert [r.title for r in results if isinstance(r, Article)] == ["Good"]


def test_an_unreadable_subfolder_is_reported_and_the_rest_is_read(tmp_path: Path, monkeypatch):
    write(tmp_path / "a.txt", GOOD.format("A"))
    write(tmp_path / "locked" / "b.txt", GOOD.format("B"))
    write(tmp_path / "z.txt", GOOD.format("Z"))
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    results = list(read_inputs([str(tmp_path)], max_bytes=MB))
    assert [getattr(r, "title", None) or r.reason for r in results] == [
        "A", "cannot read the folder: Permission denied", "Z"]


def test_a_parser_crash_costs_only_its_own_file(tmp_path, monkeypatch):
    """A broken HTML parser (as with a missing lxml_html_clean) fails that page; the rest is read."""
    import briefing.sources as sources
    from briefing.sources import Failure, read_inputs

    def broken(*args, **kwargs):
        raise ImportError("lxml.html.clean module is now a separate project")

    monkeypatch.setattr(sources, "parse_html", broken)
    (tmp_path / "a.html").write_text("<html><body><p>Some page.</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title: Kept\n\nThe minister spoke in Paris.", encoding="utf-8")
    results = list(read_inputs([str(tmp_path)], max_bytes=1_000_000))
    assert [type(r).__name__ for r in results] == ["Failure", "Article"]
    assert isinstance(results[0], Failure)
    assert "cannot read this html: ImportError: lxml.html.clean" in results[0].reason
    assert results[1].title == "Kept"
