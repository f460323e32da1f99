"""Saved web pages: trafilatura finds the main text and the page's title, date, author and URL."""

from __future__ import annotations

import re

from briefing.model import Article
from briefing.sources.clean import clean_line, clean_text
from briefing.sources.dates import iso_date


def parse_html(html: str, path: str | None = None, url: str | None = None) -> Article:
    """The article in a page; raises ValueError when the page holds no article text."""
    import trafilatura  # heavy: imported only when a page is read

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ValueError("not a readable HTML page")
    page_url = canonical_url(tree, url)  # before extraction, which prunes the tree
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True, date_extraction_params={"original_date": True, "extensive_search": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ValueError("no article text found in the page (only scripts, navigation or boilerplate)")
    title = clean_line(getattr(doc, "title", None) or "")
    body = _paragraphs(clean_text(text), title)
    if not body:
        raise ValueError("no article text found in the page beyond its title")
    if _is_error_page(title, body):
        raise ValueError(f"an error page, not an article ({_first_words(title or body)!r})")
    return Article(
        title=title or body.split("\n", 1)[0][:80],
        body=body,
        date=iso_date(getattr(doc, "date", None)),
        source=clean_line(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or "") or None,
        url=page_url or getattr(doc, "url", None),
        license=clean_line(getattr(doc, "license", None) or "") or None,
        author=clean_line(getattr(doc, "author", None) or "") or None,
        path=path,
    )


_ERROR_PAGE = re.compile(  # how a server's error page opens its title or text
    r"(?:error:?\s*)?(?:http\s*)?(?:40[0134]|410|50[0234])\b"
    r"|(?:sorry,?\s*)?(?:we\s+(?:couldn't|could not|can't|cannot)\s+find\s+(?:that|this|the)\s+page)"
    r"|(?:sorry,?\s*)?(?:the\s+|this\s+)?(?:page|file|document|article|resource)\s+"
    r"(?:you requested\s+|you are looking for\s+)?(?:was\s+|could not be\s+|cannot be\s+)?not found"
    r"|not found\b|forbidden\b|access denied\b|service (?:temporarily )?unavailable\b"
    r"|internal server error\b|page (?:is )?unavailable\b",
    re.IGNORECASE,
)
_TITLE_END = re.compile(r"[.!]?\s*(?:$|[|–—·•-]\s*\S)")
ERROR_PAGE_WORDS = 40
"""A page this short whose text opens with a 404, 'not found' or 'access denied' is an error page."""
ERROR_TITLE_WORDS = 150
"""A page whose title opens so ("Page not found | Example News") may carry more: links, a search box."""


def _is_error_page(title: str, body: str) -> bool:
    words = len(body.split())
    title = " ".join(title.split())
    found = _ERROR_PAGE.match(title) if title and words < ERROR_TITLE_WORDS else None
    if found and _TITLE_END.match(title, found.end()):  # the whole title, bar the site's name
        return True
    return words < ERROR_PAGE_WORDS and bool(_ERROR_PAGE.match(" ".join(body.split())))


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def canonical_url(tree, base: str | None = None) -> str | None:
    """The page's own address: `<link rel=canonical>`, else `og:url`, else where it was fetched from."""
    from urllib.parse import urljoin

    found = tree.xpath(
        "//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONICAL', 'canonical')), ' '),"
        " ' canonical ')]/@href"
        " | //meta[@property='og:url' or @name='og:url']/@content"
    )
    for candidate in found:
        candidate = clean_line(str(candidate))
        if candidate:
            resolved = urljoin(base, candidate) if base else candidate
            if resolved.startswith(("http://", "https://")):
                return resolved
    return base


def _paragraphs(text: str, title: str) -> str:
    """trafilatura's lines as blank-line-separated paragraphs, without a repeat of the title."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary): paragraphs kept, tags and scripts dropped."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises many kinds on broken markup; the text is what matters
        return fragment
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4"):
        block.tail = "\n\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n\n")]
    return "\n\n".join(line for line in lines if line)
