"""Plain-text and Markdown articles, with an optional header block or YAML front matter.

The header block is the corpus format: `Title:`, `Date:`, `Source:`, `URL:`, `License:` lines,
then a blank line; the body is everything after that blank line, so offsets from the file line up.
Without a header the first line is the title.
"""

from __future__ import annotations

import re

from briefing.model import Article
from briefing.sources.clean import clean_line
from briefing.sources.dates import iso_date

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,24}):[ \t]*(.*)$")
_FIELDS = {
    "title": "title", "date": "date", "published": "date", "source": "source",
    "url": "url", "link": "url", "license": "license", "licence": "license",
    "author": "author", "byline": "author", "by": "author",
}


def parse_text(text: str, path: str | None = None) -> Article:
    """Split cleaned text into header fields and body; raises ValueError when nothing is left."""
    fields, body = _split_front_matter(text) or _split_header(text) or _split_first_line(text)
    body = body.rstrip()
    title = clean_line(fields.get("title", ""))
    if not body.strip() and not title:
        raise ValueError("empty file (nothing but white space)")
    if not body.strip():
        raise ValueError("no article text after the title")
    return Article(
        title=title or _fallback_title(body),
        body=body,
        date=iso_date(fields.get("date")),
        source=clean_line(fields["source"]) if fields.get("source") else None,
        url=fields.get("url") or None,
        license=clean_line(fields["license"]) if fields.get("license") else None,
        author=clean_line(fields["author"]) if fields.get("author") else None,
        path=path,
    )


def _split_header(text: str) -> tuple[dict[str, str], str] | None:
    head, sep, body = text.partition("\n\n")
    if not sep:
        return None
    fields: dict[str, str] = {}
    for line in head.split("\n"):
        match = _HEADER_LINE.match(line.strip())
        if not match:
            return None
        key = _FIELDS.get(match.group(1).strip().lower())
        if key:
            fields[key] = match.group(2).strip()
    if "title" not in fields and "date" not in fields:
        return None
    return fields, body


def _split_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end < 0:
        return None
    after = text.find("\n", end + 4)
    body = "" if after < 0 else text[after + 1:]
    fields: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        match = _HEADER_LINE.match(line.strip())
        if match:
            key = _FIELDS.get(match.group(1).strip().lower())
            if key:
                fields[key] = match.group(2).strip().strip("'\"")
    return fields, body.lstrip("\n")


def _split_first_line(text: str) -> tuple[dict[str, str], str]:
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    title = first.strip().lstrip("#").strip()
    return {"title": title}, rest.lstrip("\n")


def _fallback_title(body: str) -> str:
    first = body.strip().split("\n", 1)[0]
    return first[:80] + ("…" if len(first) > 80 else "")
