"""RSS and Atom feeds: one entry is one article.

The linked page is fetched when a fetcher is given and it answers; otherwise the entry's own
content or summary is the body, so an offline feed still yields its articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from briefing.model import Article
from briefing.sources.clean import clean_line, clean_text
from briefing.sources.dates import struct_date

PageFetcher = Callable[[str], Article | None]


def looks_like_feed(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head) or (
        head.startswith("<rss") or head.startswith("<feed")
    )


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<rss" not in head and "<feed" not in head)


def _html_title(text: str) -> str:
    """The <title> of an HTML page, cleaned and cut short, for the refusal message."""
    match = re.search(r"<title[^>]*>(.*?)</title>", text[:8192], re.IGNORECASE | re.DOTALL)
    return clean_line(match.group(1))[:80] if match else ""


def parse_feed(text: str, path: str | None = None, fetch_page: PageFetcher | None = None) -> Iterator[Article | ValueError]:
    """Yield an Article per entry (or a ValueError for an entry that has no text)."""
    import feedparser  # imported only when a feed is read

    feed = feedparser.parse(text)
    if not feed.entries and _looks_like_html(text):
        title = _html_title(text)
        yield ValueError("an HTML page, not a feed" + (f" (the page says: {title})" if title else "")
                         + ": the server may have answered with an error page")
        return
    if not feed.entries:
        reason = "not a feed, or a feed with no entries"
        if feed.get("bozo") and feed.get("bozo_exception"):
            reason += f" ({feed.bozo_exception})"
        yield ValueError(reason)
        return
    feed_title = clean_line(feed.feed.get("title", "")) or None
    for entry in feed.entries:
        link = entry.get("link")
        page = fetch_page(link) if (fetch_page and link) else None
        if page is not None:
            page.source = page.source or feed_title
            page.date = page.date or struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
            yield page
            continue
        try:
            yield _entry_article(entry, feed_title, path)
        except ValueError as exc:
            yield exc


def _entry_article(entry, feed_title: str | None, path: str | None) -> Article:
    from briefing.sources.html import html_to_text

    raw = ""
    if entry.get("content"):
        raw = entry.content[0].get("value", "")
    raw = raw or entry.get("summary", "") or entry.get("description", "")
    body = clean_text(html_to_text(raw)).strip()
    title = clean_line(entry.get("title", ""))
    if not body:
        raise ValueError(f"feed entry {title or entry.get('link') or '?'!r} has no text")
    return Article(
        title=title or body.split("\n", 1)[0][:80],
        body=body,
        date=struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        source=feed_title,
        url=entry.get("link"),
        author=clean_line(entry.get("author", "")) or None,
        path=entry.get("link") or path,
    )
