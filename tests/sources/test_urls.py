"""Feeds and pages fetched over http from a local server, as a user's URLs are."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.model import Article
from briefing.sources import Failure, read_inputs

FIXTURES = Path(__file__).parent / "fixtures"
MB = 5 << 20

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Ledger</title>
  <item><title>Ceasefire talks resume</title><link>{base}/world/geneva</link>
    <pubDate>Thu, 14 Mar 2024 09:30:00 GMT</pubDate>
    <description>Short summary of the Geneva talks.</description></item>
  <item><title>Floods close border crossing</title><link>{base}/world/gone</link>
    <pubDate>Wed, 13 Mar 2024 17:05:00 GMT</pubDate>
    <description>Heavy rain closed the main border crossing on Wednesday.</description></item>
  <item><title>Summit ends without a deal</title><link>{base}/world/teaser</link>
    <description>The two-day summit in Reykjavik ended on Friday without an agreement on fishing quotas,
    and the ministers said they would meet again in Ottawa in June to continue the talks.</description></item>
</channel></rss>
"""
ATOM = (FIXTURES / "world-news.atom").read_bytes()
PAGE = (FIXTURES / "news-article.html").read_bytes()
ERROR_PAGE = (FIXTURES / "error-page.rss").read_bytes()
LATIN1_PAGE = PAGE.decode("utf-8").replace('<meta charset="utf-8">', "").replace(
    "Henrik Lund", "Señor Núñez").replace("“", '"').replace("”", '"').replace("©", "(c)").encode("latin-1")
TEASER = (b"<html><head><title>Summit ends without a deal</title></head><body><article>"
          b"<h1>Summit ends without a deal</h1><p>Subscribe to keep reading.</p></article></body></html>")
TEXT = "Title: Plain wire copy\nDate: 2024-06-01\n\nThe minister spoke in Paris on Monday.\n".encode()


@dataclass
class Site:
    base: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def site() -> Iterator[Site]:
    """A local web site: a feed linking to one live page and one gone, pages, an error page, a redirect."""
    routes: dict[str, tuple[int, str, bytes]] = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    state = Site(f"http://127.0.0.1:{server.server_address[1]}")
    server.requests = state.requests  # type: ignore[attr-defined]
    routes.update({
        "/feed.xml": (200, "application/rss+xml", FEED.format(base=state.base).encode()),
        "/feeds/atom": (200, "application/atom+xml; charset=utf-8", ATOM),
        "/world/geneva": (200, "text/html; charset=utf-8", PAGE),
        "/world/teaser": (200, "text/html", TEASER),
        "/world/latin": (200, "text/html; charset=ISO-8859-1", LATIN1_PAGE),
        "/broken/feed.xml": (200, "text/html", ERROR_PAGE),
        "/wire.txt": (200, "text/plain; charset=utf-8", TEXT),
        "/old-address": (301, "text/html", b""),
        "/huge": (200, "text/html", b"<p>" + b"word " * 300_000 + b"</p>"),
    })
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _handler(routes: dict[str, tuple[int, str, bytes]]):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self.server.requests.append(self.path)  # type: ignore[attr-defined]
            status, media_type, body = routes.get(self.path, (404, "text/html", b"<h1>Not Found</h1>"))
            self.send_response(status)
            if status == 301:
                self.send_header("Location", "/world/geneva")
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its size limit

        def log_message(self, *args) -> None:
            pass

    return Handler


def read(*urls: str, fetch: bool = True, max_bytes: int = MB) -> list[Article | Failure]:
    return list(read_inputs(list(urls), max_bytes=max_bytes, fetch=fetch))


def refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"  # nothing listens there any more


def test_feed_url_fetches_linked_pages_and_keeps_the_summary_of_a_gone_one(site: Site):
    geneva, floods, summit = read(f"{site.base}/feed.xml")
    assert geneva.title == "Ceasefire talks resume in Geneva"  # the page's own title
    assert geneva.body.startswith("Negotiators from both delegations returned")  # the page, not the summary
    assert geneva.author == "Maria Okafor" and geneva.date == "2024-03-14"
    assert geneva.path == f"{site.base}/world/geneva"
    assert floods.title == "Floods close border crossing"
    assert floods.body == "Heavy rain closed the main border crossing on Wednesday."  # 404: the summary
    assert floods.source == "Local Ledger" and floods.date == "2024-03-13"
    assert floods.url == f"{site.base}/world/gone"
    assert summit.body.startswith("The two-day summit in Reykjavik ended on Friday")  # not the paywall teaser
    assert {"/feed.xml", "/world/geneva", "/world/gone", "/world/teaser"} <= set(site.requests)


def test_without_fetching_the_linked_pages_are_never_requested(site: Site):
    geneva, floods, summit = read(f"{site.base}/feed.xml", fetch=False)
    assert geneva.body == "Short summary of the Geneva talks."
    assert site.requests == ["/feed.xml"]


def test_atom_feed_recognised_by_media_type(site: Site):
    titles = [a.title for a in read(f"{site.base}/feeds/atom")]
    assert titles == ["Foreign ministers meet in Reykjavik", "Envoy to visit Canada next week"]


def test_article_page_url(site: Site):
    [article] = read(f"{site.base}/world/geneva")
    assert article.title == "Ceasefire talks resume in Geneva"
    assert article.url == "https://ledger.example.org/world/2024/03/ceasefire-talks-resume-geneva"
    assert article.path == f"{site.base}/world/geneva"


def test_redirect_is_followed_and_the_http_charset_is_used(site: Site):
    [moved] = read(f"{site.base}/old-address")
    assert moved.title == "Ceasefire talks resume in Geneva"
    [latin] = read(f"{site.base}/world/latin")
    assert "The United Nations envoy, Señor Núñez, told reporters" in latin.body


def test_plain_text_url_is_read_as_a_text_article(site: Site):
    [article] = read(f"{site.base}/wire.txt")
    assert (article.title, article.date, article.body) == (
        "Plain wire copy", "2024-06-01", "The minister spoke in Paris on Monday.")


@pytest.mark.parametrize("path, reason", [
    ("/broken/feed.xml", "a web page titled '503 Service Temporarily Unavailable', not a feed"),
    ("/missing.xml", "the server answered 404 Not Found"),
    ("/huge", "too large: more than the limit of 1.0 MB (setting max_article_bytes)"),
])
def test_bad_urls_fail_with_a_reason(site: Site, path: str, reason: str):
    [failure] = read(f"{site.base}{path}", max_bytes=1 << 20)
    assert isinstance(failure, Failure)
    assert failure.path == f"{site.base}{path}"
    assert failure.reason == reason or reason in failure.reason


def test_refused_connection_fails_and_the_batch_goes_on(site: Site, tmp_path: Path):
    url = refused_url()
    failure, article = read(url, f"{site.base}/world/geneva")
    assert failure == Failure(url, "cannot fetch: connection refused")
    assert article.title == "Ceasefire talks resume in Geneva"


def test_cli_ingests_urls_and_reports_the_unreachable_one(site: Site, tmp_path: Path):
    url = refused_url()
    result = CliRunner().invoke(cli, ["ingest", url, f"{site.base}/feed.xml", "--no-fetch",
                                      "--db", str(tmp_path / "lib.db")], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"briefing: {url}: cannot fetch: connection refused" in result.stderr
    assert "added 3, unchanged 0, replaced 0, failed 1" in result.stdout
    assert "/world/geneva" not in site.requests  # --no-fetch
