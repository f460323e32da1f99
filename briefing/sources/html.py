"""Saved web pages: trafilatura finds the main text and the page's title, date, author and URL."""

from __future__ import annotations

from briefing.model import Article
from briefing.sources.clean import clean_line, clean_text
from briefing.sources.dates import iso_date


def parse_html(html: str, path: str | None = None, url: str | None = None) -> Article:
    """The article in a page; raises ValueError when the page holds no article text."""
    import trafilatura  # heavy: imported only when a page is read

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ValueError("no article text found in the page (scripts or navigation only?)")
    body = clean_text(text).strip()
    title = clean_line(getattr(doc, "title", None) or "") or body.split("\n", 1)[0][:80]
    return Article(
        title=title,
        body=body,
        date=iso_date(getattr(doc, "date", None)),
        source=clean_line(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or "") or None,
        url=getattr(doc, "url", None) or url,
        license=clean_line(getattr(doc, "license", None) or "") or None,
        author=clean_line(getattr(doc, "author", None) or "") or None,
        path=path,
    )


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
