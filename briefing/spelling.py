"""Spellings of one name that transliteration gives several ways, folded to one key.

"Zelensky", "Zelenskyy", "Zelenskiy" and "Zelenskii" are one man spelled by different house
styles of romanising Ukrainian or Russian; "Dmitry" and "Dmitriy" likewise. Only word-final
doubled forms are folded (yy, iy, ii, ij -> y), so two different names never meet by it:
"Toni" and "Tony" stay apart.
"""

from __future__ import annotations

import re

_FINAL = re.compile(r"(?<=\w\w)(?:yy|iy|ii|ij)\b")


def fold_transliteration(name: str) -> str:
    """The name with each word's final -yy/-iy/-ii/-ij written -y (expects a normalised name)."""
    return _FINAL.sub("y", name)
