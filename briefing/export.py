"""Taking what was read elsewhere: bookmarks as Markdown/JSON/CSV, the agenda as iCalendar,
an article as Markdown. Pure functions from model/store objects to text; callers write files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from datetime import date as Date
from datetime import datetime, timedelta

from briefing.model import Analysis, Bookmark
from briefing.store.agenda import AgendaItem, period_of
from briefing.store.bookmarks import detached_note, is_reported, quoted_text, to_dict

BOOKMARK_FORMATS = ("md", "json", "csv")
CSV_COLUMNS = ("id", "kind", "text", "speaker", "title", "source", "date", "url", "note", "tags",
               "created_at", "detached", "quote_kind", "cue")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_TIME = re.compile(r"\b(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?=\W|$)", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Inline text that Markdown shows as written (no emphasis, links or HTML from article text)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


# ------------------------------------------------------------------ bookmarks
def bookmark_markdown(bookmark: Bookmark) -> str:
    """One claim ready to paste into a memo: block quote, attribution line, note and tags.

    Reported speech is not the speaker's wording: it is no block quote and has no quotation
    marks; it reads "*Reported speech* (not verbatim): …" and is credited "reported by".
    """
    if is_reported(bookmark):
        lines = [f"*Reported speech* (not verbatim): {md_escape(' '.join(bookmark.text.split()))}"]
        credit = [f"reported by {md_escape(bookmark.speaker)}"] if bookmark.speaker else []
    else:
        lines = [f"> {md_escape(line)}".rstrip() for line in quoted_text(bookmark).splitlines() or [""]]
        credit = [md_escape(bookmark.speaker)] if bookmark.speaker else []
    credit.append(f"*{md_escape(bookmark.title or 'untitled article')}*")
    credit += [md_escape(part) for part in (bookmark.source, bookmark.date) if part]
    lines += ["", "— " + ", ".join(credit)]
    if bookmark.url:
        lines.append(f"<{bookmark.url}>" if _plain_url(bookmark.url) else md_escape(bookmark.url))
    if bookmark.note:
        lines += ["", f"Note: {md_escape(bookmark.note)}"]
    if bookmark.tags:
        lines += ["", "Tags: " + ", ".join(md_escape(t) for t in bookmark.tags)]
    if bookmark.detached:
        lines += ["", f"*({detached_note(bookmark)})*"]
    return "\n".join(lines) + "\n"


def bookmarks_markdown(bookmarks: Iterable[Bookmark]) -> str:
    return "\n---\n\n".join(bookmark_markdown(b) for b in bookmarks)


def bookmarks_json(bookmarks: Iterable[Bookmark]) -> str:
    return json.dumps([to_dict(b) for b in bookmarks], ensure_ascii=False, indent=2) + "\n"


def bookmarks_csv(bookmarks: Iterable[Bookmark]) -> str:
    """One row per bookmark; tags joined with '; '. Quoting follows RFC 4180 (csv module)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        row = to_dict(b)
        row["tags"] = "; ".join(b.tags)
        row["detached"] = "yes" if b.detached else "no"
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()


def export_bookmarks(bookmarks: Iterable[Bookmark], fmt: str) -> str:
    if fmt == "md":
        return bookmarks_markdown(bookmarks)
    if fmt == "json":
        return bookmarks_json(bookmarks)
    if fmt == "csv":
        return bookmarks_csv(bookmarks)
    raise ValueError(f"unknown bookmark format {fmt!r} (choose from {', '.join(BOOKMARK_FORMATS)})")


def _plain_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>]+", url))


# ------------------------------------------------------------------ agenda
def agenda_ics(items: Iterable[AgendaItem], *, stamp: datetime | None = None) -> tuple[bytes, int, int]:
    """An iCalendar file with one VEVENT per engagement with a date; returns (file, written, left out).

    All-day (a whole month when only the month is known) unless the text gives a time of day.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//briefing//agenda//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = stamp or datetime.now().astimezone()
    written = skipped = 0
    for item in items:
        span = _event_span(item)
        if span is None:
            skipped += 1
            continue
        event = Event()
        event.add("uid", f"{item.article_hash[:16]}-{item.start}-{item.end}@briefing")
        event.add("dtstamp", stamp)
        event.add("dtstart", span[0])
        event.add("dtend", span[1])
        event.add("summary", item.summary)
        if item.where:
            event.add("location", item.where)
        event.add("description", _event_description(item))
        if item.article_url:
            event.add("url", item.article_url)
        cal.add_component(event)
        written += 1
    return cal.to_ical(), written, skipped


def _event_span(item: AgendaItem) -> tuple[Date | datetime, Date | datetime] | None:
    if not item.date or len(item.date) < 7:  # undated, or a whole year: no calendar day to put it on
        return None
    period = period_of(item.date)
    if period is None:
        return None
    first, last = period
    when = _time_of_day(item.when_text) if first == last else None
    if when is not None:
        start = datetime.combine(first, when)
        return start, start + timedelta(hours=1)
    return first, last + timedelta(days=1)


def _time_of_day(text: str | None):
    """A clock time the engagement's wording gives ("at 3 pm", "10:30"), else None."""
    from datetime import time

    for match in _TIME.finditer(text or ""):
        hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if not meridiem and match.group(2) is None:
            continue  # a bare number is not a time
        if meridiem:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if meridiem.lower().startswith("p") else 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    return None


def _event_description(item: AgendaItem) -> str:
    parts = [item.sentence, "", f"From: {item.article_title}"]
    meta = ", ".join(p for p in (item.article_source, item.article_date) if p)
    if meta:
        parts.append(meta)
    if item.article_url:
        parts.append(item.article_url)
    return "\n".join(parts)


# ------------------------------------------------------------------ an article
ENTITY_SECTIONS = (("person", "People"), ("place", "Places"), ("organization", "Organisations"),
                   ("group", "Groups"))


def article_markdown(analysis: Analysis) -> str:
    """The article as Markdown: metadata, body, then what the reader's panes show, as sections."""
    article = analysis.article
    out = [f"# {md_escape(article.title or 'Untitled')}", ""]
    meta = [md_escape(p) for p in (article.date, article.source, article.author) if p]
    if meta:
        out.append(" · ".join(meta))
    if article.url:
        out.append(f"<{article.url}>" if _plain_url(article.url) else md_escape(article.url))
    if meta or article.url:
        out.append("")
    for paragraph in re.split(r"\n\s*\n|\n", article.body.strip()):
        if paragraph.strip():
            out += [md_escape(paragraph.strip()), ""]
    for kind, heading in ENTITY_SECTIONS:
        entities = [e for e in analysis.entities if e.kind == kind]
        if entities:
            out += [f"## {heading}", ""]
            for e in sorted(entities, key=lambda e: (-len(e.mentions), e.name.casefold())):
                role = f" — {md_escape(e.role)}" if e.role else ""
                count = len(e.mentions)
                out.append(f"- **{md_escape(e.name)}**{role} ({count} mention{'s' if count != 1 else ''})")
            out.append("")
    if analysis.quotes:
        out += ["## Quotes", ""]
        for q in analysis.quotes:
            if q.kind == "indirect":  # not the speaker's wording: no block quote, as for bookmarks
                credit = f"reported by {md_escape(q.speaker)}" if q.speaker else "unattributed"
                out.append(f"*Reported speech* (not verbatim): {md_escape(' '.join(q.text.split()))} — {credit}")
            else:
                out.append(f"> {md_escape(q.text.strip())}")
                out.append(f">\n> — {md_escape(q.speaker or 'unattributed')}")
            out.append("")
    if analysis.engagements:
        out += ["## Engagements", ""]
        names = {e.id: e.name for e in analysis.entities}
        for g in analysis.engagements:
            who = ", ".join(names.get(w, w) for w in g.who)
            where = f" in {names.get(g.where, g.where)}" if g.where else ""
            when = g.date or g.when_text or "date not given"
            line = f"- {md_escape(who + ': ' if who else '')}{md_escape(g.what)}{md_escape(where)} ({md_escape(when)}, {g.status})"
            out.append(line)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
