"""Reading what people have into Articles: files, folders, stdin, saved pages, feeds and URLs.

`read_inputs` yields an Article or a Failure per article-to-be, never raises for bad input,
so one broken file never costs the rest of a batch.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.model import Article
from briefing.sources.clean import clean_text
from briefing.sources.decode import SourceError, decode_bytes
from briefing.sources.feeds import looks_like_feed, looks_like_html, parse_feed
from briefing.sources.fetch import Fetched, fetch, is_url, too_large
from briefing.sources.html import parse_html
from briefing.sources.text import parse_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
# Notes that sit next to articles in a folder (README.md, LICENSE, SOURCES.md): not articles.
_NOTE = re.compile(r"^(readme|license|licence|copying|sources|changelog|notice|authors)(\.[^.]*)?$", re.IGNORECASE)
STDIN = "<stdin>"
# Text files that are data or code, never an article: refused by name rather than stored as junk.
NOT_ARTICLES = {".json": "JSON data", ".jsonl": "JSON Lines data (for --analyzed?)", ".csv": "CSV data",
                ".tsv": "tab-separated data", ".yaml": "YAML data", ".yml": "YAML data", ".toml": "TOML settings",
                ".ini": "settings", ".py": "Python code", ".js": "JavaScript code", ".css": "a style sheet",
                ".sh": "a shell script", ".db": "a database", ".sqlite": "a database", ".log": "a log file"}


@dataclass
class Failure:
    """An input that did not become an article, with the reason a person reads."""

    path: str
    reason: str


Result = Article | Failure


def read_inputs(inputs: Iterable[str], max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    """Every article in the inputs (paths, folders, `-`, http(s) URLs), in order.

    `fetch=False` never touches the network for the pages feed entries link to (URLs named
    as inputs are still fetched: that is what the user asked for).
    """
    for item in inputs:
        if item == "-":
            yield from read_stdin(max_bytes, fetch)
        elif is_url(item):
            yield from read_url(item, max_bytes, fetch)
        else:
            yield from read_path(Path(item), max_bytes, fetch)


def read_stdin(max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    """One article (or a feed, or a page) piped in."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Failure(STDIN, too_large(len(data), max_bytes, exact=False))
        return
    yield from read_bytes(data, STDIN, max_bytes, fetch)


def iter_files(folder: Path, errors: list[Failure] | None = None) -> Iterator[Path]:
    """Files of a folder tree in a stable order, skipping hidden ones and README/LICENSE notes.

    A subfolder that cannot be listed is skipped, with a Failure appended to `errors` if given.
    """
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        if errors is not None:
            errors.append(Failure(str(folder), f"cannot read the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # a link back up the tree would never end
                yield from iter_files(entry, errors)
        elif entry.is_file() and not _NOTE.match(entry.name):
            yield entry


def read_path(path: Path, max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    if path.is_dir():
        errors: list[Failure] = []
        found = False
        for file in iter_files(path, errors):
            found = True
            yield from errors
            errors.clear()
            yield from read_file(file, max_bytes, fetch)
        yield from errors
        if not found and not errors:
            yield Failure(str(path), "no files in the folder (hidden files and README or LICENSE notes are skipped)")
    elif path.exists():
        yield from read_file(path, max_bytes, fetch)
    else:
        yield Failure(str(path), "no such file or folder")


def read_file(path: Path, max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    """The article(s) of one file; the stored path is absolute so a changed file replaces its article."""
    what = NOT_ARTICLES.get(path.suffix.lower())
    if what:
        yield Failure(str(path), f"not an article: {what}")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(str(path), too_large(size, max_bytes))
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:  # it grew, or it is a device/pipe without a size
        yield Failure(str(path), too_large(len(data), max_bytes, exact=False))
        return
    name, absolute = str(path), str(path.resolve())
    for result in read_bytes(data, name, max_bytes, fetch, suffix=path.suffix.lower()):
        if isinstance(result, Article) and result.path and result.path.startswith(name):
            result.path = absolute + result.path[len(name):]  # feed entries are "<feed>#<entry id>"
        yield result


def read_bytes(data: bytes, name: str, max_bytes: int, fetch: bool = True, suffix: str = "",
               url: str | None = None, media_type: str = "", charset: str | None = None) -> Iterator[Result]:
    """Decode, clean and parse one input's bytes; a Failure (never an exception) for bad input."""
    if not data.strip():
        yield Failure(name, "empty file" if not data else "empty file (nothing but white space)")
        return
    try:
        text = clean_text(decode_bytes(data, declared=charset))
    except SourceError as exc:
        yield Failure(name, str(exc))
        return
    if not text.strip():
        yield Failure(name, "empty file (nothing but control characters and white space)")
        return
    kind = _kind(text, suffix, media_type)
    try:
        if kind == "feed":
            fetcher = _page_fetcher(max_bytes) if fetch else None
            for item in parse_feed(text, name, fetcher, base_url=url):
                yield Failure(name, str(item)) if isinstance(item, ValueError) else item
        elif kind == "html":
            yield parse_html(text, path=url or name, url=url)
        else:
            yield parse_text(text, path=url or name)
    except ValueError as exc:
        yield Failure(name, str(exc))
    except Exception as exc:  # a parser's own failure (or a broken install) costs this input only
        yield Failure(name, f"cannot read this {kind}: {type(exc).__name__}: {exc}")


def _kind(text: str, suffix: str, media_type: str = "") -> str:
    """"feed", "html" or "text": what the content starts with, else the suffix, else the media type."""
    if looks_like_feed(text):
        return "feed"
    if suffix in FEED_SUFFIXES:
        return "feed"  # and if it is an HTML error page, parse_feed says so
    if suffix in TEXT_SUFFIXES:
        return "text"
    if "html" in media_type:
        return "html"
    if any(word in media_type for word in ("rss", "atom", "xml")):
        return "feed"
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return "html"
    return "text"


def read_url(url: str, max_bytes: int, fetch_pages: bool = True) -> Iterator[Result]:
    """A URL of a feed (every entry) or of an article page."""
    try:
        answer = fetch(url, max_bytes)
    except SourceError as exc:
        yield Failure(url, str(exc))
        return
    yield from _read_answer(answer, url, max_bytes, fetch_pages)


def _read_answer(answer: Fetched, name: str, max_bytes: int, fetch_pages: bool) -> Iterator[Result]:
    suffix = Path(answer.url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    suffix = suffix if suffix in FEED_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES else ""
    if not suffix and not answer.media_type.startswith("text/plain"):
        suffix = ".html"  # a page address without a telling suffix is a web page unless it says otherwise
    yield from read_bytes(answer.data, name, max_bytes, fetch_pages, suffix=suffix, url=answer.url,
                          media_type=answer.media_type, charset=answer.charset)


MAX_FETCH_FAILURES = 3  # in a row: then the rest of the feed keeps its entries' own text


def _page_fetcher(max_bytes: int):
    """Fetch the page a feed entry links to; None (keep the summary) when it is not an article page.

    After MAX_FETCH_FAILURES fetches fail in a row (offline, or a hostile feed of 10,000 links
    to a host that never answers) the rest are not tried: each would wait FETCH_TIMEOUT.
    """
    failures = [0]  # shared by the fetching threads; an approximate count is enough

    def fetch_page(link: str) -> Article | None:
        if failures[0] >= MAX_FETCH_FAILURES:
            return None
        try:
            answer = fetch(link, max_bytes)
        except SourceError:
            failures[0] += 1
            return None
        failures[0] = 0
        try:
            if answer.media_type and "html" not in answer.media_type:
                return None
            text = clean_text(decode_bytes(answer.data, declared=answer.charset))
            return parse_html(text, path=answer.url, url=answer.url)
        except (SourceError, ValueError):
            return None

    return fetch_page


__all__ = ["Failure", "Result", "read_inputs", "read_path", "read_file", "read_url", "read_stdin",
           "read_bytes", "iter_files", "STDIN"]
