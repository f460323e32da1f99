"""Reading what people have into Articles: files, folders, stdin, saved pages, feeds and URLs.

`read_inputs` yields an Article or a Failure per article-to-be, never raises for bad input,
so one broken file never costs the rest of a batch.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.model import Article
from briefing.sources.clean import clean_text
from briefing.sources.decode import SourceError, decode_bytes
from briefing.sources.feeds import looks_like_feed, parse_feed
from briefing.sources.html import parse_html
from briefing.sources.text import parse_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
SKIPPED_IN_FOLDERS = ("readme", "license", "licence", "sources", "changelog")
USER_AGENT = "briefing/0.1 (+terminal news reader)"
FETCH_TIMEOUT = 20


@dataclass
class Failure:
    """An input that did not become an article, with the reason a person reads."""

    path: str
    reason: str


Result = Article | Failure


def read_inputs(inputs: Iterable[str], max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    """Every article in the inputs (paths, folders, `-`, http(s) URLs), in order."""
    for item in inputs:
        if item == "-":
            yield from _read_bytes(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", max_bytes, fetch)
        elif item.startswith(("http://", "https://")):
            yield from read_url(item, max_bytes, fetch)
        else:
            yield from read_path(Path(item), max_bytes, fetch)


def iter_files(folder: Path) -> Iterator[Path]:
    """Files of a folder tree in a stable order, skipping hidden ones and README/LICENSE notes."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().startswith(SKIPPED_IN_FOLDERS):
                continue
            yield Path(root) / name


def read_path(path: Path, max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    if path.is_dir():
        for file in iter_files(path):
            yield from _read_file(file, max_bytes, fetch)
    elif path.exists():
        yield from _read_file(path, max_bytes, fetch)
    else:
        yield Failure(str(path), "no such file or folder")


def _read_file(path: Path, max_bytes: int, fetch: bool) -> Iterator[Result]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(str(path), _too_large(size, max_bytes))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_bytes(data, str(path), max_bytes, fetch, suffix=path.suffix.lower())


def _read_bytes(data: bytes, name: str, max_bytes: int, fetch: bool, suffix: str = "",
                url: str | None = None) -> Iterator[Result]:
    if len(data) > max_bytes:
        yield Failure(name, _too_large(len(data), max_bytes))
        return
    if not data.strip():
        yield Failure(name, "empty file" if not data else "empty file (nothing but white space)")
        return
    try:
        text = clean_text(decode_bytes(data))
    except SourceError as exc:
        yield Failure(name, str(exc))
        return
    kind = _kind(text, suffix)
    try:
        if kind == "feed":
            for item in parse_feed(text, name, _page_fetcher(max_bytes) if fetch else None):
                yield Failure(name, str(item)) if isinstance(item, ValueError) else item
        elif kind == "html":
            yield parse_html(text, path=name, url=url)
        else:
            yield parse_text(text, path=name)
    except ValueError as exc:
        yield Failure(name, str(exc))


def _kind(text: str, suffix: str) -> str:
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        return "feed"
    head = text[:1024].lstrip().lower()
    if suffix in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def read_url(url: str, max_bytes: int, fetch: bool = True) -> Iterator[Result]:
    """A URL of a feed (every entry) or of an article page."""
    try:
        data = fetch_bytes(url, max_bytes)
    except SourceError as exc:
        yield Failure(url, str(exc))
        return
    suffix = Path(url.split("?", 1)[0]).suffix.lower()
    yield from _read_bytes(data, url, max_bytes, fetch, suffix=suffix if suffix in FEED_SUFFIXES else ".html",
                           url=url)


def fetch_bytes(url: str, max_bytes: int) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise SourceError(f"the server answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"cannot fetch: {reason}") from exc
    if len(data) > max_bytes:
        raise SourceError(_too_large(len(data), max_bytes))
    return data


MAX_FETCH_FAILURES = 3  # in a row: then the rest of the feed keeps its entries' own text


def _page_fetcher(max_bytes: int):
    """Fetch entries' pages until MAX_FETCH_FAILURES fail in a row (offline, or a hostile feed of
    10,000 links to a black hole would otherwise wait FETCH_TIMEOUT for each)."""
    failures = 0

    def fetch_page(link: str) -> Article | None:
        nonlocal failures
        if not link.startswith(("http://", "https://")) or failures >= MAX_FETCH_FAILURES:
            return None
        try:
            data = fetch_bytes(link, max_bytes)
            page = parse_html(clean_text(decode_bytes(data)), path=link, url=link)
        except SourceError:
            failures += 1
            return None
        except ValueError:
            return None
        failures = 0
        return page

    return fetch_page


def _too_large(size: int, limit: int) -> str:
    return (f"too large: {size / 1048576:.1f} MB, the limit is {limit / 1048576:.1f} MB "
            "(setting max_article_bytes)")


__all__ = ["Failure", "Result", "read_inputs", "read_path", "read_url", "iter_files"]
