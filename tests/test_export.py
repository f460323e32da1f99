"""Exports people paste and import elsewhere: memo Markdown, CSV, JSON, iCalendar, article Markdown."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from icalendar import Calendar

from briefing.export import (
    md_escape,
    agenda_ics,
    article_markdown,
    bookmark_markdown,
    bookmarks_csv,
    bookmarks_json,
    export_bookmarks,
)
from briefing.model import Bookmark
from briefing.store.agenda import agenda
from tests.claims_fixtures import RYDER_QUOTE, seed_analysis
from tests.store.test_agenda import TODAY, geneva_article, oslo_article

SEED_TITLE = "North Korean troops deployed to Russia’s Kursk region, Pentagon confirms"


def ryder_bookmark(**kw) -> Bookmark:
    fields = dict(article_hash="ab" * 32, text=RYDER_QUOTE, start=352, end=474, title=SEED_TITLE,
                  source="Design seed", date="2024-10-29", url="https://example.org/kursk", speaker="Pat Ryder",
                  note="Escalation: thousands more expected", tags=["kursk", "dprk"], kind="quote", id=7,
                  created_at="2026-11-26T10:00:00+00:00", quote_kind="direct", cue="saying")
    fields.update(kw)
    return Bookmark(**fields)


def test_markdown_of_a_known_bookmark_is_ready_for_a_memo():
    assert bookmark_markdown(ryder_bookmark()) == (
        "> “There are indications that a couple thousand more North Korean troops are either close to "
        "arriving or expected imminently.”\n"
        "\n"
        "— Pat Ryder, *North Korean troops deployed to Russia’s Kursk region, Pentagon confirms*, Design seed, "
        "2024-10-29\n"
        "<https://example.org/kursk>\n"
        "\n"
        "Note: Escalation: thousands more expected\n"
        "\n"
        "Tags: kursk, dprk\n"
    )


REPORTED = "that 3,000 North Korean soldiers are stationed near Ukraine’s front lines"


def zelensky_reported(**kw) -> Bookmark:
    """Zelensky's reported speech ("Zelensky reported that …"): his claim, not his words."""
    fields = dict(text=REPORTED, start=900, end=976, speaker="Volodymyr Zelensky", note="", tags=["dprk"],
                  quote_kind="indirect", cue="reported", id=9)
    fields.update(kw)
    return ryder_bookmark(**fields)


def test_markdown_of_reported_speech_reads_as_reported_not_as_a_verbatim_quote():
    assert bookmark_markdown(zelensky_reported()) == (
        "*Reported speech* (not verbatim): that 3,000 North Korean soldiers are stationed near Ukraine’s front lines\n"
        "\n"
        "— reported by Volodymyr Zelensky, *North Korean troops deployed to Russia’s Kursk region, Pentagon confirms*,"
        " Design seed, 2024-10-29\n"
        "<https://example.org/kursk>\n"
        "\n"
        "Tags: dprk\n"
    )
    # a direct quote of the same speaker keeps its quotation marks (not the comma that joined it to "he stated")
    assert bookmark_markdown(zelensky_reported(text="This war has gone beyond borders,", quote_kind="direct"))\
        .startswith("> “This war has gone beyond borders”\n\n— Volodymyr Zelensky, *")


def test_csv_and_json_say_which_quotes_are_reported_speech():
    [reported, direct, sentence] = json.loads(bookmarks_json(
        [zelensky_reported(), ryder_bookmark(), ryder_bookmark(kind="sentence", quote_kind=None, cue=None)]))
    assert (reported["kind"], reported["quote_kind"], reported["cue"]) == ("quote", "indirect", "reported")
    assert (direct["quote_kind"], sentence["quote_kind"]) == ("direct", None)
    rows = list(csv.DictReader(io.StringIO(bookmarks_csv([zelensky_reported(), ryder_bookmark()]))))
    assert [(r["quote_kind"], r["cue"]) for r in rows] == [("indirect", "reported"), ("direct", "saying")]


def test_markdown_keeps_article_text_literal_and_marks_detached():
    text = "Prices *fell* by [half](javascript:x) <b>today</b>\nand more."
    md = bookmark_markdown(ryder_bookmark(text=text, kind="sentence", speaker=None, url=None, note="",
                                          tags=[], detached=True))
    assert md.splitlines()[:2] == [
        r"> Prices \*fell\* by \[half\](javascript:x) \<b\>today\</b\>",
        "> and more.",
    ]
    assert "— *North Korean" in md and "no longer in the library" in md
    assert "Note:" not in md and "Tags:" not in md


def test_csv_with_a_comma_and_a_quote_in_the_text_reads_back_whole():
    text = 'He said, "we will not retreat", and left.'
    data = bookmarks_csv([ryder_bookmark(text=text, note='a "note", with commas'), ryder_bookmark(id=8, tags=[])])
    assert '"He said, ""we will not retreat"", and left."' in data
    rows = list(csv.DictReader(io.StringIO(data)))
    assert rows[0]["text"] == text and rows[0]["note"] == 'a "note", with commas'
    assert rows[0]["tags"] == "kursk; dprk" and rows[0]["speaker"] == "Pat Ryder"
    assert rows[0]["detached"] == "no" and rows[1]["id"] == "8" and rows[1]["tags"] == ""


def test_json_export_is_a_list_of_bookmark_objects():
    [obj] = json.loads(bookmarks_json([ryder_bookmark()]))
    assert obj["text"] == RYDER_QUOTE and obj["tags"] == ["kursk", "dprk"] and obj["detached"] is False
    assert obj["title"] == SEED_TITLE and obj["url"] == "https://example.org/kursk"
    assert export_bookmarks([], "json").strip() == "[]"


def events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_ics_has_one_event_per_dated_engagement_with_the_right_dates(library):
    library.store(oslo_article())
    library.store(geneva_article())
    data, written, skipped = agenda_ics(agenda(library, today=TODAY), stamp=datetime(2026, 11, 26, 12, 0))
    found = events(data)
    assert written == 4 and skipped == 2  # "further talks" and "treaty signing" have no date
    assert set(found) == {"Jonas Gahr Støre, Antony Blinken: meet", "met", "council: convene", "review"}

    meet = found["Jonas Gahr Støre, Antony Blinken: meet"]
    assert meet.decoded("dtstart") == date(2024, 11, 5)  # all-day: a date, not a datetime
    assert not isinstance(meet.decoded("dtstart"), datetime)
    assert meet.decoded("dtend") == date(2024, 11, 6)
    assert str(meet["location"]) == "Oslo"
    description = str(meet["description"])
    assert "will meet in Oslo on 5 November." in description and "Ministers to meet" in description

    convene = found["council: convene"]  # "at 3 pm" is a time of day
    assert convene.decoded("dtstart") == datetime(2030, 1, 15, 15, 0)
    assert str(convene["location"]) == "Geneva"

    review = found["review"]  # only the month is known: the whole month
    assert review.decoded("dtstart") == date(2030, 3, 1) and review.decoded("dtend") == date(2030, 4, 1)
    assert len({str(e["uid"]) for e in found.values()}) == 4


def test_ics_of_an_agenda_without_dates_is_an_empty_calendar(library):
    library.store(seed_analysis())
    data, written, skipped = agenda_ics(agenda(library, today=TODAY))
    assert (written, skipped) == (0, 3)
    assert Calendar.from_ical(data).walk("VEVENT") == []


def test_article_markdown_has_the_panes_as_sections():
    analysis = seed_analysis()
    md = article_markdown(analysis)
    assert md.startswith("# North Korean troops deployed to Russia’s Kursk region, Pentagon confirms\n\n2024-10-29 · ")
    for heading in ("## People", "## Places", "## Quotes", "## Engagements"):
        assert f"\n{heading}\n" in md
    assert "- **Volodymyr Zelensky** — Ukrainian President (5 mentions)" in md
    assert "> This war has gone beyond borders,\n>\n> — Volodymyr Zelensky" in md
    assert "- Volodymyr Zelensky: attend a conference on the abduction of Ukrainian children in Canada" in md
    assert "Meanwhile, Ukrainian cities continue to face heavy bombardment." in md
    assert md.index("## People") < md.index("## Places") < md.index("## Quotes") < md.index("## Engagements")


def test_article_markdown_never_dresses_reported_speech_as_a_verbatim_quote():
    from tests.tui.conftest import seed_analysis as analysed_seed  # the seed as the analysis sees it

    md = article_markdown(analysed_seed())
    reported = next(q for q in analysed_seed().quotes if q.kind == "indirect")
    words = md_escape(" ".join(reported.text.split()))
    quotes = md[md.index("## Quotes"):]
    line = next(line for line in quotes.splitlines() if words[:40] in line)
    assert line.startswith("*Reported speech* (not verbatim): ") and not line.startswith(">")
    assert f"— reported by {reported.speaker}" in line
