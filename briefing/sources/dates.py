"""Publication dates from headers, pages and feeds, as ISO `YYYY-MM-DD`."""

from __future__ import annotations

import re
import time
from datetime import date, datetime

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%Y/%m/%d",
            "%A, %d %B %Y", "%A %d %B %Y", "%A, %B %d, %Y")


def iso_date(value: str | None) -> str | None:
    """An ISO date from whatever a header says ("2024-10-29", "29 October 2024", RFC 822), or None."""
    if not value:
        return None
    value = value.strip()
    match = _ISO.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    return _common_format(value) or _dateparser(value)


def _common_format(value: str) -> str | None:
    """The usual English and RFC 822 forms, without dateparser's start-up cost."""
    from email.utils import parsedate_tz

    parsed = parsedate_tz(value) if "," in value or ":" in value else None
    if parsed and parsed[0] > 0:
        try:
            return date(parsed[0], parsed[1], parsed[2]).isoformat()
        except ValueError:
            pass
    cleaned = " ".join(value.replace(".", " ").split())
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _dateparser(value: str) -> str | None:
    import dateparser  # slow to start: only for the forms above do not cover

    try:
        parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None


def struct_date(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except ValueError:
        return None
