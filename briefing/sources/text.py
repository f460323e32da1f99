"""Plain-text and Markdown articles, with an optional header block or YAML front matter.

The header block is the corpus format: `Title:`, `Date:`, `Source:`, `URL:`, `License:` lines,
then a blank line; the body is everything after that blank line (final newline removed), so
offsets computed on the file's body line up with ours. Without a header the first line is the
title (a Markdown `# Title` or `Title\\n=====` heading included), unless that line is a whole
paragraph: then nothing is taken from the text and the title is made from its start.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from briefing.model import Article
from briefing.sources.clean import clean_line
from briefing.sources.dates import iso_date

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,24}):[ \t]*(.*)$")
_FIELDS = {
    "title": "title", "headline": "title", "date": "date", "published": "date", "source": "source",
    "url": "url", "link": "url", "license": "license", "licence": "license",
    "author": "author", "byline": "author", "by": "author",
}
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_SETEXT_RULE = re.compile(r"^(=+|-+)[ \t]*$")
MAX_TITLE_LINE = 150  # a longer first line is a paragraph, not a title
TITLE_CHARS = 80

Fields = dict[str, str]


def parse_text(text: str, path: str | None = None) -> Article:
    """Split cleaned text into header fields and body; raises ValueError when nothing is left."""
    fields, body = (_split_front_matter(text) or _split_header(text) or _split_loose_header(text)
                    or _split_first_line(text))
    body = body.rstrip()
    fields = _url_out_of_source(fields)
    title = clean_line(fields.get("title", ""))
    if not body.strip():
        raise ValueError("no article text after the title" if title else "empty file (nothing but white space)")
    return Article(
        title=title or _fallback_title(body),
        body=body,
        date=iso_date(fields.get("date")),
        source=clean_line(fields["source"]) if fields.get("source") else None,
        url=clean_line(fields["url"]) if fields.get("url") else None,
        license=clean_line(fields["license"]) if fields.get("license") else None,
        author=clean_line(fields["author"]) if fields.get("author") else None,
        path=path,
    )


def _url_out_of_source(fields: Fields) -> Fields:
    """`Source: Wikinews, https://en.wikinews.org/wiki/X (via ...)` with no URL line: the URL is the
    article's url and the outlet named before it its source, so `source:` filters and citations
    see an outlet, not a link and the credits after it. The host names the outlet when nothing
    precedes the URL.

    Left as written: a Source line beside a URL line of its own, one without a URL ("design seed
    of the project (no outlet named; ...)"), and one whose URL is inside a remark rather than
    after the outlet's name ("Wikinews (via ... corpus); URL not in source files, probably
    https://..." is a guess, not the article's link)."""
    source = fields.get("source") or ""
    found = _URL.search(source)
    if found is None or fields.get("url"):
        return fields
    name = source[:found.start()].strip().rstrip(",;:|([-–—").strip()
    if "(" in name or ")" in name:
        return fields
    url = _trim_url(found.group(0))
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return {**fields, "source": name or host, "url": url}


def _trim_url(url: str) -> str:
    """A URL without the punctuation of the sentence around it; its own parentheses stay
    (`https://en.wikipedia.org/wiki/Kursk_(city)`), a closing one of the text does not."""
    while True:
        url = url.rstrip(".,;:!?]'")
        if url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
            continue
        return url


def _split_header(text: str) -> tuple[Fields, str] | None:
    """The corpus format: `Key: value` lines up to the first blank line, with a title or a date,
    or else made only of known fields (`Source: Outlet` alone): then the title is the body's
    first line, as in a file without a header."""
    head, sep, body = text.partition("\n\n")
    if not sep:
        return None
    fields: Fields = {}
    all_known = True
    for line in head.split("\n"):
        match = _HEADER_LINE.match(line.strip())
        if not match:
            return None
        key = _FIELDS.get(match.group(1).strip().lower())
        if key:
            fields[key] = match.group(2).strip()
        all_known = all_known and bool(key and match.group(2).strip())
    if "title" in fields or "date" in fields:
        return fields, body
    if not all_known or not fields:
        return None
    found, rest = _split_first_line(body)
    return {**fields, **found}, rest


def _split_loose_header(text: str) -> tuple[Fields, str] | None:
    """`Title:`/`Date:` lines straight before the body, with no blank line after them."""
    lines = text.split("\n")
    fields: Fields = {}
    count = 0
    for line in lines:
        match = _HEADER_LINE.match(line.strip())
        key = _FIELDS.get(match.group(1).strip().lower()) if match else None
        if not key:
            break
        fields[key] = match.group(2).strip()
        count += 1
    if "title" not in fields or count == len(lines):
        return None
    return fields, "\n".join(lines[count:]).lstrip("\n")


def _split_front_matter(text: str) -> tuple[Fields, str] | None:
    """YAML front matter between `---` lines; only the simple `key: value` fields are read."""
    if not text.startswith("---\n"):
        return None
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        return None
    block = text[4:4 + end.start()]
    body = text[4 + end.end():].lstrip("\n")
    fields: Fields = {}
    for line in block.split("\n"):
        match = _HEADER_LINE.match(line.rstrip()) if not line[:1].isspace() else None
        if match:
            key = _FIELDS.get(match.group(1).strip().lower())
            if key and match.group(2).strip():
                fields[key] = _unquote(match.group(2).strip())
    if "title" not in fields:
        heading = _heading(body)
        if heading:
            fields["title"], body = heading
    return fields, body


def _unquote(value: str) -> str:
    """A YAML scalar without its quotes ('it''s' is "it's")."""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"')
    return value


def _heading(body: str) -> tuple[str, str] | None:
    """A Markdown heading on the first line (`# Title` or setext), and the body after it."""
    first, _, rest = body.partition("\n")
    if first.startswith("#"):
        return first.lstrip("#").strip().rstrip("#").strip(), rest.lstrip("\n")
    second, _, after = rest.partition("\n")
    if first.strip() and _SETEXT_RULE.match(second):
        return first.strip(), after.lstrip("\n")
    return None


def _split_first_line(text: str) -> tuple[Fields, str]:
    stripped = text.lstrip()
    heading = _heading(stripped)
    if heading:
        title, body = heading
        return {"title": title}, body
    first, _, rest = stripped.partition("\n")
    if len(first) > MAX_TITLE_LINE or not rest.strip():
        return {}, stripped  # a paragraph, not a title: keep every word of it in the body
    return {"title": first.strip()}, rest.lstrip("\n")


def _fallback_title(body: str) -> str:
    first = " ".join(body.strip().split("\n", 1)[0].split())
    sentence = re.match(r".{20,}?[.!?](?=\s|$)", first)
    if sentence and len(sentence.group(0)) <= TITLE_CHARS:
        return sentence.group(0)
    if len(first) <= TITLE_CHARS:
        return first
    cut = first[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"
