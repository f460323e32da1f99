"""A feed whose links all fail does not wait for each of them: fetching stops after a few
failures in a row and every entry keeps its own text (a 10,000-link feed to a dead host would
otherwise wait 20 s per link)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing.sources import MAX_FETCH_FAILURES, read_inputs
from briefing.sources.feeds import FETCH_THREADS
from tests.hardening.conftest import feed_xml


def test_failing_links_stop_being_fetched(tmp_path: Path):
    hits: list[str] = []

    class Failing(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_error(503)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        feed = tmp_path / "feed.rss"
        feed.write_text(feed_xml(200, link=f"http://127.0.0.1:{server.server_port}/story/{{i}}"), encoding="utf-8")
        articles = list(read_inputs([str(feed)], max_bytes=1 << 20, fetch=True))
    finally:
        server.shutdown()
    assert len(articles) == 200 and all(a.body.startswith("The mayor of Lyon") for a in articles)
    assert 1 <= len(hits) <= MAX_FETCH_FAILURES + FETCH_THREADS  # those already in flight, no more
