"""RSS and Atom feeds: one entry is one article.

The linked page is fetched when a fetcher is given and it answers with an article; otherwise
(or when the page holds less text than the entry, as behind a paywall) the entry's own content
or summary, HTML stripped, is the body, so an offline feed still yields its articles. Pages are fetched a few at a time, and articles come out in feed order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from briefing.model import Article
from briefing.sources.clean import clean_line, clean_text
from briefing.sources.dates import struct_date

PageFetcher = Callable[[str], Article | None]
FETCH_THREADS = 6

# What may come before the root element: BOM, white space, XML declaration, processing
# instructions (stylesheets), comments and a doctype.
_PROLOG = re.compile(r"\A(?:\ufeff|\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*", re.IGNORECASE | re.DOTALL)
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<(html|head|body)[\s>]", re.IGNORECASE)
_HTML_DOCTYPE = re.compile(r"\A\s*<!doctype\s+html", re.IGNORECASE)


def _root(text: str) -> str:
    head = text[:8192]
    return head[_PROLOG.match(head).end():]


def looks_like_feed(text: str) -> bool:
    """The document's root element is RSS, Atom or RDF."""
    return bool(_FEED_ROOT.match(_root(text)))


def looks_like_html(text: str) -> bool:
    """The document is an HTML page (doctype or root element), not text that mentions tags."""
    return bool(_HTML_DOCTYPE.match(text[:512]) or _HTML_ROOT.match(_root(text)))


class FeedError(ValueError):
    """The whole feed is unusable; the message says why."""


def parse_feed(text: str, path: str, fetch_page: PageFetcher | None = None,
               base_url: str | None = None) -> Iterator[Article | ValueError]:
    """Yield an Article per entry, or a ValueError for an entry without text.

    Raises FeedError when the text is not a feed or not one usable entry comes out of it.
    """
    import feedparser  # imported only when a feed is read

    headers = {"content-location": base_url} if base_url else None
    feed = feedparser.parse(text, response_headers=headers)
    if not feed.entries:
        raise FeedError(_no_entries_reason(text, feed))
    feed_title = clean_line(feed.feed.get("title", "")) or None
    entries = list(feed.entries)
    links = [_link(entry) for entry in entries]
    held: list[ValueError] = []  # entry failures, reported only once one entry has worked
    yielded = 0
    with ThreadPoolExecutor(max_workers=FETCH_THREADS) as pool:
        pages = pool.map(lambda link: fetch_page(link) if (fetch_page and link) else None, links)
        for number, (entry, link, page) in enumerate(zip(entries, links, pages), 1):
            try:
                own = _entry_article(entry, feed_title, link or f"{path}#{entry.get('id') or number}",
                                     fetched=bool(fetch_page))
            except ValueError as exc:
                own = exc
            if page is not None and (isinstance(own, ValueError) or len(page.body) >= len(own.body)):
                article = _page_article(page, entry, feed_title)
            elif isinstance(own, ValueError):
                held.append(own)
                continue
            else:  # the page holds less than the feed (a paywall teaser, a cookie wall): the feed's text
                article = own
            yielded += 1
            yield from held
            held.clear()
            yield article
    if not yielded:
        first = f"; the first: {held[0]}" if held else ""
        raise FeedError(f"no usable entries: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}, "
                        f"none with text{' or a page that could be fetched' if fetch_page else ''}{first}")
    yield from held


def _no_entries_reason(text: str, feed) -> str:
    if looks_like_html(text) and not looks_like_feed(text):
        title = re.search(r"<title[^>]*>(.*?)</title>", text[:8192], re.IGNORECASE | re.DOTALL)
        named = f" titled {clean_line(title.group(1))[:60]!r}" if title and clean_line(title.group(1)) else ""
        return f"a web page{named}, not a feed (an error or login page?)"
    if feed.get("version") or looks_like_feed(text):
        return "a feed with no entries"
    reason = "not a feed (no RSS or Atom entries found)"
    if feed.get("bozo") and feed.get("bozo_exception"):
        reason += f": {feed.bozo_exception}"
    return reason


def _link(entry) -> str | None:
    link = (entry.get("link") or "").strip()
    return link if link.lower().startswith(("http://", "https://")) else None


def _entry_date(entry) -> str | None:
    return struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))


def _page_article(page: Article, entry, feed_title: str | None) -> Article:
    page.source = page.source or feed_title
    page.date = page.date or _entry_date(entry)
    page.author = page.author or clean_line(entry.get("author", "")) or None
    return page


def _entry_article(entry, feed_title: str | None, path: str, fetched: bool) -> Article:
    from briefing.sources.html import html_to_text

    raw = ""
    if entry.get("content"):
        raw = max((c.get("value", "") for c in entry.content), key=len)
    summary = entry.get("summary", "") or entry.get("description", "")
    if len(summary) > len(raw):
        raw = summary
    body = clean_text(html_to_text(raw)).strip()
    title = clean_line(html_to_text(entry.get("title", "")))
    if not body:
        page = ("no link" if not _link(entry) else "no page that could be fetched" if fetched
                else "its page was not fetched (--no-fetch)")
        raise ValueError(f"entry {title or entry.get('link') or '?'!r} has no text, and {page}")
    return Article(
        title=title or body.split("\n", 1)[0][:80],
        body=body,
        date=_entry_date(entry),
        source=feed_title,
        url=_link(entry),
        author=clean_line(entry.get("author", "")) or None,
        path=path,
    )
