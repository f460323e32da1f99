"""Fetching feeds and pages over http(s), with a size limit and one-line reasons for every failure."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from briefing.sources.decode import SourceError

USER_AGENT = "briefing/0.1 (+terminal news reader)"
FETCH_TIMEOUT = 20
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


@dataclass
class Fetched:
    """What a server answered: the bytes, the final address (after redirects) and the declared type."""

    data: bytes
    url: str
    media_type: str = ""  # e.g. "text/html", lower case, without parameters
    charset: str | None = None


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int, timeout: float = FETCH_TIMEOUT) -> Fetched:
    """GET a URL; SourceError with a reason a person understands for anything but a good answer."""
    if not is_url(url):
        raise SourceError("not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            final = response.geturl() or url
            media_type = (response.headers.get_content_type() or "").lower()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise SourceError(f"the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise SourceError(f"cannot fetch: {_reason(exc.reason)}") from exc
    except (TimeoutError, socket.timeout) as exc:
        raise SourceError(f"cannot fetch: no answer within {timeout:g} s") from exc
    except (OSError, ValueError) as exc:  # http.client errors are OSError or ValueError subclasses
        raise SourceError(f"cannot fetch: {_reason(exc)}") from exc
    if len(data) > max_bytes:
        raise SourceError(too_large(len(data), max_bytes, exact=False))
    return Fetched(data=data, url=final, media_type=media_type, charset=charset)


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def too_large(size: int, limit: int, exact: bool = True) -> str:
    """The refusal for an input over `max_article_bytes`."""
    if exact:
        shown, cap = _size(size), _size(limit)
        if shown == cap:  # just over: rounding would make them look equal
            shown, cap = f"{size:,} bytes", f"{limit:,} bytes"
        return f"too large: {shown}, the limit is {cap} (setting max_article_bytes)"
    return f"too large: more than the limit of {_size(limit)} (setting max_article_bytes)"


def _size(n: int) -> str:
    if n >= 1048576:
        return f"{n / 1048576:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"
