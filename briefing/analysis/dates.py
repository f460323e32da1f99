"""Time expressions resolved against the article's date, at the granularity the text gives.

The model finds DATE and TIME spans; a small resolver handles the expressions news copy is made of
("today", "Tuesday", "last week", "next month", "December 12", "early 2009", "the end of the year")
with the sentence's tense deciding whether a bare weekday or month is past or coming. dateparser is
slow (milliseconds a call), so it is only a cached fallback for what the resolver does not know.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.analysis import sentences
from briefing.analysis.sentences import sentence_start
from briefing.model import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:1[5-9]|20)\d\d)"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_NUMBERS.update({"a": 1, "an": 1, "several": 3, "thirty": 30, "forty": 40, "fifty": 50})
_FUTURE = re.compile(r"\b(will|'ll|shall|(is|are|am|was|were) (set |due |expected |scheduled |going |slated )?to|"
                     r"plans? to|intends? to|until|till)\b", re.IGNORECASE)
# Not calendar references: ages, durations, frequencies ("14-year-old", "48 hours", "annual").
_NOT_A_DATE = re.compile(r"^\d[\d ]{6,}$|(-|\s)(year|month|week|day)s?-old\b|\bage(d| of)?\b|^\W*\d{1,2}\W*$|"
                         r"^(annual|daily|weekly|monthly|yearly|quarterly)$|"
                         r"^(about |around |some |under |over |nearly |almost |just |more than |less than )?"
                         r"(\d+|[a-z]+|a few|a couple of) (hours?|minutes?|seconds?)$", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(today|tonight|this (morning|afternoon|evening)|earlier today|later today|"
                       r"\d{1,2}[:.]\d\d|\d{4} ?(utc|gmt)|\d{1,2} ?(am|pm|a\.m\.|p\.m\.)|noon|midnight|(?<!\w)now)\b")
_RANGE = re.compile(r"^(?:between |from )?(.+?)\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\band\b)\s*(.+)$",
                    re.IGNORECASE)
_LOOKS_DATE = re.compile(r"\b(" + _MONTH + r"|" + _WEEKDAY + r"|(?:1[5-9]|20)\d\d)\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:on|in|by|since|until|before|after|from|of|during|at|the|as of|"
                   r"(?:no|not) (?:later|earlier) than)\s+", re.IGNORECASE)


# ---------------------------------------------------------------- resolution
def resolve(text: str, anchor: str | date | None, tense: str = "past") -> str | None:
    """ISO value (YYYY, YYYY-MM or YYYY-MM-DD) of a time expression, or None when it has none."""
    if isinstance(anchor, str):
        try:
            anchor = date.fromisoformat(anchor[:10])
        except ValueError:
            anchor = None
    return _resolve(" ".join(text.casefold().replace("’", "'").split()), anchor, tense)


@lru_cache(maxsize=4096)
def _resolve(t: str, a: date | None, tense: str) -> str | None:
    t = t.strip(" ,.;:()[]\"'").replace("[", "").replace("]", "")
    while _LEAD.match(t):
        t = _LEAD.sub("", t, count=1)
    m = re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", t)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", t)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _iso(year, int(m[1]), int(m[2]))
    m = re.search(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", t) or re.search(
        r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", t)
    if m:
        g = m.groups()
        month, day = (g[0], g[1]) if not g[0].isdigit() else (g[1], g[0])
        return _iso(int(g[2]), MONTHS[_mkey(month)], int(day))
    m = re.search(_MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b", t)
    if m:
        return f"{m[2]}-{MONTHS[_mkey(m[1])]:02d}"
    m = re.search(r"(?:^|\b)" + _MONTH + r"\s+" + _DAY + r"\b(?!,?\s*\d{4})", t) or re.search(
        r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\b|$)", t)
    if m and a:
        g = m.groups()
        month, day = (g[0], g[1]) if not g[0].isdigit() else (g[1], g[0])
        return _month_day(MONTHS[_mkey(month)], int(day), a, t, tense)
    m = re.search(r"\b" + _YEAR + r"s?\b", t)
    if m and not re.search(r"\b" + _YEAR + r"s\b", t):
        if re.search(r"\bend of\b|\byear[- ]end\b", t):
            return f"{m[1]}-12-31"
        return m[1]
    if a is None:
        return None
    return _relative(t, a, tense)


def _mkey(month: str) -> str:
    month = month.rstrip(".")
    return month if month in MONTHS else month[:3]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _shift_year(t: str, year: int) -> int:
    if re.search(r"\b(next|coming) year\b", t):
        return year + 1
    if re.search(r"\b(last|previous|past) year\b|\ba year (ago|earlier|before)\b|\bthe year (before|previous)\b", t):
        return year - 1
    return year


def _month_day(month: int, day: int, a: date, t: str, tense: str) -> str | None:
    if re.search(r"\b(next|last|this) year\b", t):
        return _iso(_shift_year(t, a.year), month, day)
    cands = [d for d in (_safe(a.year + k, month, day) for k in (-1, 0, 1)) if d]
    if tense == "future":  # coming, or at most a month back (a run that has just begun)
        cands = [d for d in cands if (d - a).days >= -31] or cands
    return min(cands, key=lambda d: abs((d - a).days)).isoformat() if cands else None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _relative(t: str, a: date, tense: str) -> str | None:
    if re.search(r"\bday before yesterday\b", t):
        return (a - timedelta(days=2)).isoformat()
    if re.search(r"\byesterday\b|\blast night\b", t):
        return (a - timedelta(days=1)).isoformat()
    if re.search(r"\btomorrow\b", t):
        return (a + timedelta(days=1)).isoformat()
    if re.search(r"\bsame (month|period|quarter|time)\b", t) and re.search(r"\b(last|previous) year\b|\ba year (ago|earlier)\b", t):
        return f"{a.year - 1}-{a.month:02d}"
    if re.search(r"\b(a|one) year (ago|earlier|before)\b|\b(previous|prior) year\b|(^|\bthe )year (before|previous|prior)\b", t):
        return str(a.year - 1)
    m = re.search(r"\b(\d+|" + "|".join(_NUMBERS) + r") (day|week|month|year)s? (ago|from now|hence)\b", t)
    if m:
        n = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1]]
        return _offset(a, m[2], n if m[3] != "ago" else -n)
    if re.search(r"\b(later|earlier|before|after)\b", t) and not re.search(
            r"\b(earlier|later) (today|this (week|month|year))\b", t):
        return None  # "three days later": relative to an event, not to the article
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?", t)
    if m:  # "the 29th": that day of this month, or of the last one if it is still to come and the text looks back
        day = int(m[1])
        months = a.year * 12 + a.month - 1
        if tense != "future" and day > a.day:
            months -= 1
        elif tense == "future" and day < a.day:
            months += 1
        return _iso(months // 12, months % 12 + 1, day)
    m = re.search(r"\b(?:(last|next|this|coming|past|previous) )?" + _WEEKDAY + r"\b", t)
    if m:
        return _weekday(WEEKDAYS[m[2]], m[1], a, tense).isoformat()
    m = re.search(r"\b" + _MONTH + r"(?:\b|$)", t)
    if m and (m[1] != "may" or re.fullmatch(r"(?:(?:early|late|mid|end of|beginning of|start of)[- ])?may", t)):
        month = MONTHS[_mkey(m[1])]
        year = _shift_year(t, a.year)
        if year == a.year and not re.search(r"\bthis year\b", t):
            if tense == "future" and month < a.month:
                year += 1
            elif tense != "future" and month > a.month:
                year -= 1
        return f"{year}-{month:02d}"
    end = re.search(r"\bend of\b|\byear[- ]end\b", t)
    if re.search(r"\b(start|beginning) of (the|this) year\b", t):
        return f"{a.year}-01-01"
    m = re.search(r"\b(last|next|this|coming|past|previous|current) (week|month|year)s?\b", t)
    if m:
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m[1], 0)
        if m[2] == "year" and end:
            return f"{a.year + step}-12-31"
        return _offset(a, m[2], step, align=True)
    if re.search(r"\bthe year\b|\byear[- ]end\b|^(entire|whole|full) year$", t):
        return f"{a.year}-12-31" if end else str(a.year)
    m = re.search(r"\b(?:(last|this|next) )?(spring|summer|autumn|fall|winter)\b", t)
    if m:
        return str(a.year + {"last": -1, "next": 1}.get(m[1] or "", 0))
    if re.search(r"\b(this|the) weekend\b", t):
        return (a + timedelta(days=(5 - a.weekday()) % 7)).isoformat()
    if re.search(r"\bend of the month\b", t):
        return f"{a.year}-{a.month:02d}"
    if re.search(r"\bchristmas eve\b", t):
        return _month_day(12, 24, a, t, tense)
    if re.search(r"\bnew year'?s eve\b", t):
        return _month_day(12, 31, a, t, tense)
    if re.search(r"\bchristmas\b", t):
        return _month_day(12, 25, a, t, tense)
    if re.search(r"\bnew year'?s day\b", t):
        return _month_day(1, 1, a, t, tense)
    if _SAME_DAY.search(t) or re.search(r"^(day|morning|afternoon|evening|night)$|\b(the|that|same|this) day\b", t):
        return a.isoformat()
    return _fallback(t, a, tense)


def _offset(a: date, unit: str, n: int, align: bool = False) -> str:
    if unit == "day":
        return (a + timedelta(days=n)).isoformat()
    if unit == "week":
        d = a + timedelta(weeks=n)
        return (d - timedelta(days=d.weekday()) if align else d).isoformat()
    if unit == "month":
        months = a.year * 12 + a.month - 1 + n
        return f"{months // 12}-{months % 12 + 1:02d}"
    return str(a.year + n)


def _weekday(day: int, modifier: str | None, a: date, tense: str) -> date:
    """A bare weekday is the nearest one on the side of the article date the tense points to."""
    delta = day - a.weekday()
    if modifier in ("last", "past", "previous"):
        return a + timedelta(days=(delta - 7) if delta >= 0 else delta)
    if modifier in ("next", "coming"):
        return a + timedelta(days=delta if delta > 0 else delta + 7)
    if tense == "future":
        return a + timedelta(days=delta % 7)
    return a - timedelta(days=(-delta) % 7)


@lru_cache(maxsize=1024)
def _fallback(t: str, a: date, tense: str) -> str | None:
    """dateparser for the rare rest; only when the text carries a month name or a year."""
    if not re.search(r"\b" + _MONTH + r"(\b|$)|\b(1[5-9]|20)\d\d\b", t):
        return None
    try:
        from datetime import datetime

        import dateparser

        parsed = dateparser.parse(t, languages=["en"], settings={
            "RELATIVE_BASE": datetime(a.year, a.month, a.day),
            "PREFER_DATES_FROM": "future" if tense == "future" else "past",
            "REQUIRE_PARTS": ["year"] if not re.search(_MONTH, t) else []})
    except (ValueError, OverflowError, TypeError, ImportError):
        return None
    if parsed is None:
        return None
    if re.search(r"\b\d{1,2}\b", t) and re.search(_MONTH, t):
        return parsed.date().isoformat()
    return f"{parsed.year}-{parsed.month:02d}" if re.search(_MONTH, t) else str(parsed.year)


# ---------------------------------------------------------------- spans
_MODALS = {"will", "'ll", "shall", "wo", "should", "would", "could", "may", "might", "must"}
_LOOKING_AHEAD = {"expect", "plan", "intend", "want", "hope", "aim", "schedule", "set", "due", "go",
                  "prepare", "seek", "propose", "promise", "agree"}


def tense_of(span: Span) -> str:
    """"future" when the verb governing the span looks ahead (will, is to, is expected to), else "past"."""
    head = span.root
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            break
        head = head.head
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _MODALS for c in aux):
        return "future"
    if head.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if head.dep_ == "xcomp" and (head.head.lemma_ in _LOOKING_AHEAD or head.head.lower_ in ("is", "are", "am")):
        return "future"
    if head.tag_ == "VB" and any(c.lower_ == "to" for c in aux):
        gov = head.head
        while gov.pos_ not in ("VERB", "AUX") and gov.head is not gov:
            gov = gov.head  # "was willing to skip": the governing verb is past
        past = gov.tag_ == "VBD" or any(c.tag_ == "VBD" for c in gov.children if c.dep_ in ("aux", "cop"))
        return "past" if past and gov.lemma_ not in _LOOKING_AHEAD else "future"
    prep = span.root.head if span.root.dep_ == "pobj" else None
    if head.tag_ in ("VBZ", "VBP") and prep is not None and prep.lower_ in ("by", "until", "till", "before"):
        return "future"  # "wants to cut 789 dealers by early June": a deadline ahead
    clause = span.doc[max(sentence_start(span.doc, span.start), span.start - 8):span.start].text
    return "future" if re.search(r"\b(until|till|will|shall)\b", clause, re.IGNORECASE) else "past"


_RELATIVE_WORD = re.compile(r"\b(yesterday|today|tomorrow|tonight|now)\b", re.IGNORECASE)


def pieces(text: str, start: int) -> list[tuple[int, int]]:
    """A span cut at line breaks (dropping a caption the model ran in), ranges split in two."""
    out: list[tuple[int, int]] = []
    offset = 0
    for n, line in enumerate(text.split("\n")):
        s = start + offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped or (n and not (_LOOKS_DATE.search(stripped) or _RELATIVE_WORD.search(stripped))):
            continue
        s += line.index(stripped)
        m = _RANGE.match(stripped)
        if m and _LOOKS_DATE.search(m[1]) and _LOOKS_DATE.search(m[2]):
            out += [(s + m.start(1), s + m.end(1)), (s + m.start(2), s + m.end(2))]
        else:
            out.append((s, s + len(stripped)))
    return out


# Time expressions the small model often leaves out: clock times, numeric dates, weekdays, years after
# a preposition ("in 2011").
_MISSED = re.compile(
    r"\b\d{1,2}:\d\d(?:\s?(?:UTC|GMT|[AP]\.?M\.?|[ap]\.?m\.?|[A-Z]{2,4}T))?(?:\s+(?:today|yesterday))?(?!\d)"
    r"|\b\d{4} (?:UTC|GMT)\b"
    r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
    r"|(?:(?<=\bin )|(?<=\bto )|(?<=\bthrough )|(?<=\bby )|(?<=\bsince )|(?<=\buntil )|(?<=\bfrom )|(?<=\bduring )|(?<=\bbefore )|(?<=\bafter ))"
    r"(?:early |late |mid-)?(?:1[89]|20)\d\d\b(?![-,.]\d)"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_DISCOURSE_DAY = re.compile(r"^(the |that |the same )?(day|morning|afternoon|evening|night)$", re.IGNORECASE)


def extract_dates(doc: Doc, anchor: str | None) -> list[DateRef]:
    try:
        a = date.fromisoformat(anchor[:10]) if anchor else None
    except ValueError:
        a = None
    text = sentences.text(doc)
    found: list[tuple[int, int, str, str]] = []  # start, end, label, tense
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or _NOT_A_DATE.search(ent.text.strip()):
            continue
        tense = tense_of(ent)
        start = ent.start_char
        lead = re.search(r"\b(this|last|next|early|late)\s+$", text[max(0, start - 6):start], re.IGNORECASE)
        if lead and not re.match(r"(?i)(this|last|next|early|late)\b", ent.text):
            start -= len(lead.group())  # the model left "this" out of "this year"
        parts = pieces(text[start:ent.end_char], start)
        if len(parts) == 2:  # "January 23 - March 9 2014": the first half takes the year of the second
            m = re.search(r"\b" + _YEAR + r"\b", text[parts[1][0]:parts[1][1]])
            if m and not re.search(_YEAR, text[parts[0][0]:parts[0][1]]):
                found.append((parts[0][0], parts[0][1], ent.label_ + " " + m.group(1), tense))
                parts = parts[1:]
        found += [(s, e, ent.label_, tense) for s, e in parts]
    taken = [(s, e) for s, e, _, _ in found]
    for m in _MISSED.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            found.append((m.start(), m.end(), "RULE", tense_of(span) if span is not None else "past"))
    found.sort()
    refs: list[DateRef] = []
    day = a  # the day the text is talking about: "the day" after "on Monday" is that Monday
    for s, e, label, tense in found:
        piece = text[s:e]
        if label.startswith("TIME") and not _SAME_DAY.search(piece.casefold()) and not _LOOKS_DATE.search(piece):
            value = None
        elif _DISCOURSE_DAY.match(piece) and day:
            value = day.isoformat()
        else:
            hint = label.split(" ")[1] if " " in label else None
            value = resolve(f"{piece} {hint}" if hint else piece, a, tense)
        if value and len(value) == 10:
            day = date.fromisoformat(value)
        refs.append(DateRef(s, e, piece, value))
    return refs
