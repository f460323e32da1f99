"""Text and Markdown articles: header blocks, front matter, bare files, and bodies that keep gold offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.sources import read_inputs
from briefing.sources.text import parse_text


def gold_body(raw: str) -> str:
    """The corpus convention (SOURCES.md): everything after the first blank line, final newline removed."""
    body = raw[raw.index("\n\n") + 2:]
    return body[:-1] if body.endswith("\n") else body


def read_one(path: Path):
    results = list(read_inputs([str(path)], max_bytes=5 << 20, fetch=False))
    assert len(results) == 1, results
    return results[0]


def test_every_corpus_body_matches_the_gold_offsets(corpus: Path):
    files = sorted(corpus.glob("*.txt"))
    assert len(files) == 172
    for file in files:
        raw = file.read_text(encoding="utf-8")
        article = read_one(file)
        assert article.body == gold_body(raw), file.name
        assert article.title and article.date and article.source and article.license, file.name


def test_sample_articles_keep_header_fields_and_body(samples: Path):
    files = sorted(samples.glob("*.txt"))
    assert len(files) >= 15
    for file in files:
        raw = file.read_text(encoding="utf-8")
        article = read_one(file)
        assert article.body == gold_body(raw), file.name
        header = dict(line.split(": ", 1) for line in raw[:raw.index("\n\n")].split("\n"))
        assert article.title == header["Title"]
        assert article.date == header["Date"]
        assert article.license == header["License"]


def test_seed_article_with_single_newline_paragraphs(seed_path: Path):
    article = read_one(seed_path)
    assert article.title == "North Korean troops deployed to Russia’s Kursk region, Pentagon confirms"
    assert article.date == "2024-10-29"
    assert article.body.startswith("The Pentagon confirmed today that a “small number” of North Korean troops")
    paragraphs = article.body.split("\n")
    assert len(paragraphs) > 3 and all(p.strip() for p in paragraphs)
    assert article.path == str(seed_path.resolve())


def test_header_with_url_and_author_lines():
    text = ("Title: Envoy lands in Ottawa\nDate: 29 October 2024\nSource: Wire\nURL: https://wire.example/x\n"
            "Author: Jon Einarsson\nLicense: CC BY 2.5\n\nThe envoy arrived on Tuesday.\nTalks begin tomorrow.\n")
    article = parse_text(text)
    assert (article.title, article.date, article.source, article.url, article.author, article.license) == (
        "Envoy lands in Ottawa", "2024-10-29", "Wire", "https://wire.example/x", "Jon Einarsson", "CC BY 2.5")
    assert article.body == "The envoy arrived on Tuesday.\nTalks begin tomorrow."


def test_yaml_front_matter():
    text = ('---\ntitle: "Summit: day two"\ndate: 2024-05-02T10:00:00Z\nauthor: \'Ana O\'\'Neill\'\n'
            "tags: [diplomacy, arctic]\nsource: Wire Service\n---\n\nMinisters met again on Thursday.\n\n"
            "A joint statement is expected.\n")
    article = parse_text(text)
    assert article.title == "Summit: day two"
    assert article.date == "2024-05-02"
    assert article.author == "Ana O'Neill"
    assert article.source == "Wire Service"
    assert article.body == "Ministers met again on Thursday.\n\nA joint statement is expected."


def test_front_matter_without_title_takes_the_markdown_heading():
    article = parse_text("---\ndate: 2024-05-02\n---\n# Ministers meet again\n\nThey met on Thursday.\n")
    assert article.title == "Ministers meet again"
    assert article.body == "They met on Thursday."


@pytest.mark.parametrize("text, title, body", [
    ("Talks resume in Geneva\nNegotiators returned on Thursday.\nA deal is not expected.\n",
     "Talks resume in Geneva", "Negotiators returned on Thursday.\nA deal is not expected."),
    ("# Talks resume in Geneva\n\nNegotiators returned on Thursday.\n",
     "Talks resume in Geneva", "Negotiators returned on Thursday."),
    ("Talks resume in Geneva\n======================\n\nNegotiators returned on Thursday.\n",
     "Talks resume in Geneva", "Negotiators returned on Thursday."),
    ("\n\n  Talks resume\n\n\nNegotiators returned.\n", "Talks resume", "Negotiators returned."),
    ("Title: From a pipe\nDate: 2024-01-02\nThe minister spoke in Paris on Monday.",
     "From a pipe", "The minister spoke in Paris on Monday."),
])
def test_without_a_header_the_first_line_is_the_title(text: str, title: str, body: str):
    article = parse_text(text)
    assert (article.title, article.body) == (title, body)


def test_a_first_line_that_is_a_paragraph_stays_in_the_body():
    paragraph = ("Washington: The Pentagon confirmed on Tuesday that a small number of North Korean troops had "
                 "been deployed to the Kursk region, and officials said more could follow within weeks.")
    article = parse_text(paragraph + "\nA second paragraph follows.\n")
    assert article.body == paragraph + "\nA second paragraph follows."
    assert article.title.startswith("Washington: The Pentagon confirmed")
    assert len(article.title) <= 81


def test_a_single_line_is_kept_as_the_body():
    article = parse_text("The minister spoke in Paris on Monday.\n")
    assert article.body == "The minister spoke in Paris on Monday."
    assert article.title == "The minister spoke in Paris on Monday."


def test_a_title_with_no_text_after_it_is_refused():
    with pytest.raises(ValueError, match="no article text after the title"):
        parse_text("Title: Only a title\nDate: 2024-01-01\n\n\n")


def test_a_line_that_looks_like_a_header_but_is_prose_is_not_taken_as_one():
    text = "Washington: officials said on Monday\n\nthat the talks would go on.\n"
    article = parse_text(text)
    assert article.title == "Washington: officials said on Monday"
    assert article.body == "that the talks would go on."


@pytest.mark.parametrize("value, iso", [
    ("2024-10-29", "2024-10-29"), ("29 October 2024", "2024-10-29"), ("October 29, 2024", "2024-10-29"),
    ("Tue, 29 Oct 2024 10:00:00 GMT", "2024-10-29"), ("Tuesday, 29 October 2024", "2024-10-29"),
    ("Oct. 29, 2024", "2024-10-29"), ("2024-02-30", None), ("soon", None),
])
def test_header_dates_in_the_forms_people_write(value: str, iso: str | None):
    assert parse_text(f"Title: T\nDate: {value}\n\nBody text.").date == iso


def test_samples_source_line_gives_the_outlet_and_the_url(samples: Path):
    """`Source: Wikinews, https://... (via GUM corpus, github.com/...)`: the URL is the article's url,
    "Wikinews" its source, so `source:github` no longer finds every sample and citations have a link."""
    with_url = 0
    for file in sorted(samples.glob("*.txt")):
        raw = file.read_text(encoding="utf-8")
        source_line = next(line for line in raw.split("\n") if line.startswith("Source: "))
        article = read_one(file)
        if "https://" in source_line:
            with_url += 1
            assert article.source == "Wikinews", file.name
            assert article.url.startswith("https://en.wikinews.org/wiki/"), file.name
            assert article.url in source_line and not article.url.endswith((")", ",", ".")), file.name
        else:
            assert article.source == source_line.removeprefix("Source: ") and article.url is None, file.name
    assert with_url >= 20


def test_seed_source_line_without_a_url_is_left_as_written(seed_path: Path):
    article = read_one(seed_path)
    assert article.source.startswith("design seed of the project (no outlet named; dated by the Pentagon")
    assert article.url is None


@pytest.mark.parametrize("source, expected", [
    ("Wikinews, https://en.wikinews.org/wiki/Talks (via GUM corpus, github.com/amir-zeldes/gum)",
     ("Wikinews", "https://en.wikinews.org/wiki/Talks")),
    ("https://www.bbc.co.uk/news/world-123.", ("bbc.co.uk", "https://www.bbc.co.uk/news/world-123")),
    ("Wire (https://en.wikipedia.org/wiki/Kursk_(city)), via AP", ("Wire", "https://en.wikipedia.org/wiki/Kursk_(city)")),
    ("Nordic Wire: http://wire.example/a?id=7;", ("Nordic Wire", "http://wire.example/a?id=7")),
    ("Nordic Wire", ("Nordic Wire", None)),
    ("Wire, github.com/someone/repo", ("Wire, github.com/someone/repo", None)),  # no scheme: not taken for a link
    ("Wikinews, http://en.wikinews.org/wiki/Asian_stock_markets_slide;_Nikkei_at_lowest_level_since_'82 (via "
     "NewsReader MEANTIME corpus, doc 1)",
     ("Wikinews", "http://en.wikinews.org/wiki/Asian_stock_markets_slide;_Nikkei_at_lowest_level_since_'82")),
    # a guess in a remark is not the article's link: left as written
    ("Wikinews (via NewsReader MEANTIME corpus, doc 1); URL not in source files, probably "
     "https://en.wikinews.org/wiki/Global_markets_plunge",
     ("Wikinews (via NewsReader MEANTIME corpus, doc 1); URL not in source files, probably "
      "https://en.wikinews.org/wiki/Global_markets_plunge", None)),
])
def test_url_taken_out_of_the_source_line(source, expected):
    article = parse_text(f"Title: Envoy lands\nDate: 2024-10-29\nSource: {source}\n\nThe envoy arrived.\n")
    assert (article.source, article.url) == expected


def test_an_explicit_url_line_keeps_the_source_line_as_written():
    article = parse_text("Title: Envoy lands\nSource: Wire, https://wire.example/old\nURL: https://wire.example/x\n\n"
                         "The envoy arrived.\n")
    assert (article.source, article.url) == ("Wire, https://wire.example/old", "https://wire.example/x")


def test_front_matter_source_with_a_url():
    article = parse_text("---\ntitle: Envoy lands\nsource: 'Wire, https://wire.example/x'\n---\n\nThe envoy arrived.\n")
    assert (article.source, article.url) == ("Wire", "https://wire.example/x")


def test_a_header_of_known_fields_without_a_title_line_is_a_header(tmp_path: Path):
    """A Source line alone is the outlet, not the title: the title is the first line after it."""
    path = tmp_path / "outlet.txt"
    path.write_text("Source: Just Outlet\n\nA headline without title header\n\nSome body text follows here.\n",
                    encoding="utf-8")
    article = read_one(path)
    assert (article.title, article.source) == ("A headline without title header", "Just Outlet")
    assert article.body == "Some body text follows here."


def test_a_header_of_known_fields_keeps_each_of_them():
    article = parse_text("Source: Reuters\nAuthor: Pat Lee\nURL: https://example.org/a\n\nHeadline here\n\nBody.\n")
    assert (article.title, article.source, article.author, article.url, article.body) == (
        "Headline here", "Reuters", "Pat Lee", "https://example.org/a", "Body.")


def test_an_unknown_key_line_without_a_title_is_still_not_a_header():
    """Prose that starts like a header ("Washington: …") is kept as text, not dropped as a field."""
    article = parse_text("Source: Reuters\nWashington: talks went on\n\nthat the talks would go on.\n")
    assert article.source is None and article.body.startswith("Washington: talks went on")
