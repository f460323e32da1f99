"""The agenda: every engagement of the library (meetings, visits, talks), placed on a calendar.

An engagement with a date is judged against today (or, for reading old news, against its
article's date). One without a date cannot be placed against today: it is listed under its
article's date, marked undated, and keeps the status its analysis gave it relative to that
article ("Zelensky will attend a conference" is upcoming as of the article). Judged against
today, such engagements get sections of their own ("Upcoming as of their article"), after the
dated ones, so a 2024 article's plans are never listed as if they were still to come today.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from briefing.store.db import Library

ORDER = {"upcoming": 0, "unknown": 1, "past": 2}
# The sections of a listing, in order, with their headings (shared by the agenda screen and the CLI).
SECTIONS = {
    "upcoming": "Upcoming",
    "upcoming_as_of_article": "Upcoming as of their article (no date given)",
    "unknown": "Not known whether past or upcoming",
    "past": "Past",
    "past_as_of_article": "Past as of their article (no date given)",
}
_LATEST_FIRST = {"past", "past_as_of_article"}


@dataclass
class AgendaItem:
    """One engagement with the names and the article needed to show and cite it."""

    id: int
    article_id: int
    article_title: str
    article_date: str | None
    article_source: str | None
    article_url: str | None
    article_hash: str
    start: int
    end: int
    sentence: str
    what: str
    who: list[str] = field(default_factory=list)
    where: str | None = None
    when_text: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, YYYY-MM or YYYY, as the analysis resolved it
    analysis_status: str = "unknown"  # relative to the article's date, as stored
    status: str = "unknown"  # relative to the reference chosen for this listing
    section: str = "unknown"  # where the listing puts it: a key of SECTIONS

    @property
    def dated(self) -> bool:
        return bool(self.date)

    @property
    def day(self) -> str | None:
        """Where the agenda files it: its own date, else its article's."""
        return self.date or self.article_date

    @property
    def summary(self) -> str:
        """'Who: what' as a calendar entry's title."""
        who = ", ".join(self.who)
        return f"{who}: {self.what}" if who and self.what else who or self.what or "engagement"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "article_title": self.article_title,
            "article_date": self.article_date, "article_source": self.article_source,
            "article_url": self.article_url, "who": self.who, "what": self.what, "where": self.where,
            "when_text": self.when_text, "date": self.date, "day": self.day, "dated": self.dated,
            "status": self.status, "analysis_status": self.analysis_status, "section": self.section,
            "sentence": self.sentence,
            "start": self.start, "end": self.end,
        }


@dataclass
class AgendaDay:
    """The engagements filed under one day (or month/year, when that is all that is known)."""

    day: str | None
    status: str  # upcoming / unknown / past
    items: list[AgendaItem]
    undated: bool  # filed by article date because the engagements give none
    section: str = "unknown"  # the key of SECTIONS it is listed under

    @property
    def label(self) -> str:
        if self.day is None:
            return "no date"
        if self.undated and self.section.endswith("_as_of_article"):
            return f"article of {self.day}"  # the section heading says no date was given
        return f"{self.day} (article date; no date given)" if self.undated else self.day


def agenda(library: Library, *, today: Date | None = None, relative_to_article: bool = False,
           upcoming_only: bool = False) -> list[AgendaItem]:
    """Every engagement, upcoming first (soonest first), then unknown, then past (latest first).

    Against today, undated engagements come after the dated ones of their status, in sections of
    their own (see SECTIONS): their status holds only as of their article."""
    names = _entity_names(library)
    items = [_item(row, names) for row in library.db.execute(_QUERY)]
    reference = today or Date.today()
    for item in items:
        item.status = judge(item, None if relative_to_article else reference)
        item.section = section_of(item, relative_to_article)
    if upcoming_only:
        items = [i for i in items if i.status == "upcoming"]
    return _in_order(items)


def judge(item: AgendaItem, today: Date | None) -> str:
    """Upcoming or past against today, or against the article's date when today is None."""
    if not item.date:
        return item.analysis_status
    reference = today or _parse_day(item.article_date)
    first_last = period_of(item.date)
    if reference is None or first_last is None:
        return item.analysis_status
    first, last = first_last
    if last < reference:
        return "past"
    if today is None and first <= reference and item.analysis_status == "past":
        return "past"  # happened on the article's day, as the article tells it
    return "upcoming"


def section_of(item: AgendaItem, relative_to_article: bool) -> str:
    """The section of a judged item: its status, or "<status>_as_of_article" for an undated one
    judged against today (its status is its article's, not today's)."""
    if item.dated or relative_to_article or item.status not in ("upcoming", "past"):
        return item.status if item.status in SECTIONS else "unknown"
    return f"{item.status}_as_of_article"


def group_by_day(items: list[AgendaItem]) -> list[AgendaDay]:
    """Consecutive items of one section and one day, dated and undated kept apart."""
    groups: list[AgendaDay] = []
    for item in items:
        last = groups[-1] if groups else None
        if last and last.day == item.day and last.section == item.section and last.undated == (not item.dated):
            last.items.append(item)
        else:
            groups.append(AgendaDay(item.day, item.status, [item], not item.dated, item.section))
    return groups


def engagement_at(items: list[AgendaItem], article_id: int, offset: int) -> AgendaItem | None:
    return next((i for i in items if i.article_id == article_id and i.start <= offset < i.end), None)


def _in_order(items: list[AgendaItem]) -> list[AgendaItem]:
    """Upcoming and unknown soonest first, past latest first; on one day, dated before undated."""
    def key(item: AgendaItem) -> tuple:
        return (item.day is None, item.day or "", not item.dated, item.article_id, item.start)

    def latest_first(item: AgendaItem) -> tuple:
        return (item.day is not None, item.day or "", item.dated, -item.article_id, -item.start)

    ordered: list[AgendaItem] = []
    for section in SECTIONS:
        members = [i for i in items if i.section == section]
        ordered += sorted(members, key=latest_first, reverse=True) if section in _LATEST_FIRST else sorted(members, key=key)
    return ordered


def _parse_day(value: str | None) -> Date | None:
    period = period_of(value) if value else None
    return period[0] if period else None


def period_of(value: str) -> tuple[Date, Date] | None:
    """The first and last day an ISO date, month or year covers."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            day = Date(*parts)
            return day, day
        if len(parts) == 2:
            return Date(parts[0], parts[1], 1), Date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        if len(parts) == 1:
            return Date(parts[0], 1, 1), Date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None
    return None


_QUERY = """
SELECT g.id, g.article_id, a.title, a.date, a.source, a.url, a.content_hash, g.start, g."end",
       substr(a.body, g.start + 1, g."end" - g.start), g.what, g.who, g.where_local,
       g.when_text, g.date, g.status
FROM engagements g JOIN articles a ON a.id = g.article_id
"""


def _item(row: tuple, names: dict[tuple[int, str], str]) -> AgendaItem:
    (id_, article_id, title, adate, source, url, digest, start, end, sentence, what, who, where_local,
     when_text, gdate, status) = row
    name = lambda local: names.get((article_id, local), local)  # noqa: E731
    return AgendaItem(id_, article_id, title, adate, source, url, digest, start, end, (sentence or "").strip(),
                      what, who=[name(w) for w in _json_list(who)],
                      where=name(where_local) if where_local else None, when_text=when_text,
                      date=gdate or None, analysis_status=status, status=status)


def _entity_names(library: Library) -> dict[tuple[int, str], str]:
    """(article, local id) -> the library-wide name (the fullest form known) of entities in engagements."""
    return {
        (article_id, local): name for article_id, local, name in library.db.execute(
            "SELECT ae.article_id, ae.local_id, e.name FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
            " WHERE ae.article_id IN (SELECT DISTINCT article_id FROM engagements)")
    }


def _json_list(value: str | None) -> list[str]:
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(v) for v in data] if isinstance(data, list) else []
