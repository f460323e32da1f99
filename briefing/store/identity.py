"""Library-wide identity of entities: when two articles' "Volodymyr Zelensky" are one row.

A full name (two words or more) or a place, organisation or group name is the same entity
wherever it appears. A one-word person name ("Smith") is ambiguous across articles, so it is
keyed to its own article and never merged on the surname alone.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.model import Entity
from briefing.spelling import fold_transliteration

_POSSESSIVE = re.compile(r"[’']s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def normalize_name(name: str) -> str:
    """Case-, accent-, punctuation- and possessive-insensitive form of a name.

    Invisible format characters (zero-width spaces and joiners, bidi overrides and isolates,
    soft hyphens, BOMs: Unicode category Cf) are dropped, so a name padded with them from a
    hostile page is the same key as the plain name and cannot make a look-alike entity.
    """
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    name = _LEADING_THE.sub("", name.strip())
    name = _POSSESSIVE.sub("", name)
    name = re.sub(r"[.\u2019'`]", "", name)
    name = re.sub(r"[\s\-‐–—]+", " ", name)
    return name.casefold().strip()


def entity_key(entity: Entity, article_hash: str) -> str:
    norm = normalize_name(entity.name)
    if entity.kind == "person" and len(norm.split()) < 2:
        return f"person:{norm}@{article_hash[:16]}"
    if entity.kind == "person":  # "Zelenskyy" and "Zelensky" are one man spelled two ways
        return f"person:{fold_transliteration(norm)}"
    return f"{entity.kind}:{norm}"


def prefer_name(current: str, candidate: str) -> str:
    """The name to show library-wide: the fuller one, ties kept as first seen."""
    return candidate if len(candidate.split()) > len(current.split()) else current
