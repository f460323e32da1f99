"""The single entry point `extract(doc, article)` on odd inputs: nothing raises, offsets stay valid."""

from __future__ import annotations

import pytest

from briefing.analysis.extract import extract
from briefing.model import Article

ODD = [
    "",
    "\n\n\n",
    "!!! ??? ...",
    "[bold]Kyiv[/bold] \x1b[31mred\x1b[0m said \"unterminated",
    "Zelensky" * 50,
    "On 31 February 2024 and on 2024-13-45 nothing happened in Kyiv.",
    "The U.S. (US) and the UN (U.N.) met; GM (GM) and NASA (NASA) too.",
]


@pytest.mark.parametrize("body", ODD)
@pytest.mark.parametrize("date", [None, "2024-10-29", "not a date"])
def test_odd_articles_give_valid_spans(nlp, body, date):
    analysis = extract(nlp(body), Article(title="t", body=body, date=date))
    for e in analysis.entities:
        assert e.mentions and e.id.startswith("e")
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(body)
    for item in [*analysis.figures, *analysis.dates]:
        assert body[item.start:item.end] == item.text
    for d in analysis.dates:
        assert d.value is None or len(d.value) in (4, 7, 10)
    ids = [e.id for e in analysis.entities]
    assert len(ids) == len(set(ids))


def test_relative_dates_need_the_article_date(nlp):
    body = "The Pentagon confirmed today that troops arrived on Tuesday."
    undated = extract(nlp(body), Article(title="t", body=body, date=None))
    assert [d.value for d in undated.dates] == [None, None]
    dated = extract(nlp(body), Article(title="t", body=body, date="2024-10-29"))
    assert [d.value for d in dated.dates] == ["2024-10-29", "2024-10-29"]
