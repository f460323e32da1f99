"""Saved web pages and RSS/Atom files, read from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Article
from briefing.sources import Failure, read_bytes, read_inputs
from briefing.sources.html import parse_html

FIXTURES = Path(__file__).parent / "fixtures"
MB = 5 << 20


def read(*names: str, fetch: bool = False) -> list[Article | Failure]:
    return list(read_inputs([str(FIXTURES / name) for name in names], max_bytes=MB, fetch=fetch))


def test_news_page_gives_article_text_and_metadata():
    [article] = read("news-article.html")
    assert article.title == "Ceasefire talks resume in Geneva"
    assert article.date == "2024-03-14"  # JSON-LD datePublished, not dateModified
    assert article.author == "Maria Okafor"
    assert article.source == "The Daily Ledger"
    assert article.url == "https://ledger.example.org/world/2024/03/ceasefire-talks-resume-geneva"  # canonical
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Negotiators from both delegations returned to the Palais des Nations")
    assert paragraphs[-1].startswith("Delegates are expected to meet again on Monday")
    assert "“Nobody expects a breakthrough this week" in article.body
    for boilerplate in ("Subscribe today", "Related stories", "TruthSeeker99", "All rights reserved",
                        "Privacy", "dataLayer", "font-family"):
        assert boilerplate not in article.body
    assert article.path == str((FIXTURES / "news-article.html").resolve())


def test_og_url_is_used_without_a_canonical_link_and_relative_links_resolve():
    page = (FIXTURES / "news-article.html").read_text(encoding="utf-8")
    without_canonical = page.replace('<link rel="canonical"', '<link rel="alternate"')
    assert parse_html(without_canonical).url.endswith("ceasefire-talks-resume-geneva?utm_source=og")
    relative = page.replace('href="https://ledger.example.org/world/', 'href="/world/')
    article = parse_html(relative, url="http://127.0.0.1:8000/some/page?x=1")
    assert article.url == "http://127.0.0.1:8000/world/2024/03/ceasefire-talks-resume-geneva"


def test_page_with_only_scripts_and_navigation_is_refused():
    [failure] = read("scripts-only.html")
    assert isinstance(failure, Failure)
    assert "no article text found in the page" in failure.reason


@pytest.mark.parametrize("html", [
    "<html><body><p>404 not found</p></body></html>",
    "<html><head><title>Page not found</title></head><body><p>Sorry, the page you are looking for does not "
    "exist.</p></body></html>",
    "<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>You don't have permission to "
    "access this resource.</p></body></html>",
    "<html><head><title>Service Unavailable</title></head><body><p>The server is temporarily unable to service "
    "your request. Please try again later.</p></body></html>",
    "<html><head><title>Page not found | Example News</title></head><body><nav><a href='/'>Home</a></nav><main>"
    "<h1>Sorry, we couldn't find that page</h1><p>Error 404. The page you are looking for may have been moved or "
    "deleted, or the link you followed may be broken. Try searching our site or return to the home page to browse "
    "the latest world, politics and business news from our reporters.</p></main><footer>© 2024 Example News"
    "</footer></body></html>",
])
def test_a_servers_error_page_is_refused_as_no_article(html: str):
    with pytest.raises(ValueError, match="an error page, not an article"):
        parse_html(html)


@pytest.mark.parametrize(("title", "text"), [
    ("Mayor resigns", "The mayor of Lyon resigned on Monday after 404 days in office, officials said."),
    ("Server errors", "The city's 311 hotline returned a 404 not found error for most of Tuesday, the council "
                      "said."),
    ("Not found: the missing ballots", "Election officials in Maricopa County said on Tuesday that 2,000 "
     "ballots reported missing had been found in a warehouse, and that counting would resume on Wednesday "
     "under observation by both parties and a court-appointed monitor who will report to the judge by Friday."),
])
def test_a_short_news_item_that_mentions_an_error_is_kept(title: str, text: str):
    html = f"<html><head><title>{title}</title></head><body><article><p>{text}</p></article></body></html>"
    assert parse_html(html).title == title


def test_saved_page_in_cp1252_without_a_declared_charset():
    page = (FIXTURES / "news-article.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', "").replace("Henrik Lund", "Señor Núñez")
    [article] = list(read_bytes(page.encode("cp1252"), "saved.htm", MB, suffix=".htm"))
    assert "The United Nations envoy, Señor Núñez, told reporters" in article.body
    assert "“Nobody expects" in article.body


def test_rss_entries_become_articles_with_the_entry_text():
    results = read("world-news.rss")
    geneva, floods, photo = results
    assert geneva.title == "Ceasefire talks resume in Geneva"
    assert geneva.body == ("Negotiators from both delegations returned to the Palais des Nations on Thursday "
                           "morning.\n\nThe United Nations envoy, Henrik Lund, said the two sides had agreed on "
                           "an agenda of four points.")  # content:encoded wins over the shorter description
    assert (geneva.date, geneva.author, geneva.source) == ("2024-03-14", "Maria Okafor", "The Daily Ledger: World")
    assert geneva.url == geneva.path == "https://ledger.example.org/world/2024/03/ceasefire-talks-resume-geneva"
    assert floods.title == "Floods close border crossing & rail line"
    assert floods.body == ("Heavy rain closed the main border crossing between the two countries on Wednesday."
                           "\n\nOfficials said the rail line would reopen on Friday.")
    assert isinstance(photo, Failure) and "'Photo of the day' has no text" in photo.reason
    assert "--no-fetch" in photo.reason


def test_atom_entries_without_links_get_distinct_paths():
    ministers, envoy = read("world-news.atom")
    assert ministers.title == "Foreign ministers meet in Reykjavik"
    assert ministers.body == ("Foreign ministers of the Nordic countries met in Reykjavik on Wednesday to discuss "
                              "Arctic security.\n\n“We share one sea,” the host said.")
    assert (ministers.date, ministers.author, ministers.source) == ("2024-05-01", "Jon Einarsson",
                                                                   "Wire Service: Diplomacy")
    assert envoy.date == "2024-05-02"  # no <published>: the update date
    assert envoy.body == "The envoy will travel to Ottawa next Tuesday for talks on trade and fisheries."
    assert ministers.path != envoy.path
    assert envoy.path.startswith(str((FIXTURES / "world-news.atom").resolve()) + "#")


def test_malformed_xml_that_feedparser_reads_is_fine():
    council, mayor = read("malformed.rss")
    assert council.title == "Council approves budget"
    assert mayor.body == "The mayor toured the flooded districts & promised help for 300 families."
    assert council.source == "Local Gazette & Courier"


@pytest.mark.parametrize("name, reason", [
    ("error-page.rss", "a web page titled '503 Service Temporarily Unavailable', not a feed"),
    ("no-entries.rss", "a feed with no entries"),
    ("titles-only.rss", "no usable entries: 2 entries, none with text"),
])
def test_unusable_feeds_fail_with_a_reason(name: str, reason: str):
    [failure] = read(name)
    assert isinstance(failure, Failure)
    assert failure.path == str(FIXTURES / name)
    assert reason in failure.reason


def test_a_feed_is_recognised_by_its_content_whatever_the_suffix(tmp_path: Path):
    copy = tmp_path / "download"
    copy.write_bytes((FIXTURES / "world-news.atom").read_bytes())
    assert [a.title for a in read_inputs([str(copy)], max_bytes=MB, fetch=False)] == [
        "Foreign ministers meet in Reykjavik", "Envoy to visit Canada next week"]
