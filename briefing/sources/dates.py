"""Publication dates from headers, pages and feeds, as ISO `YYYY-MM-DD`."""

from __future__ import annotations

import re
import time
from datetime import date

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


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
    import dateparser  # slow to import: only when a header is not ISO

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


def struct_date(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except ValueError:
        return None
