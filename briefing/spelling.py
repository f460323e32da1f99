"""Spellings of one name that transliteration gives several ways, folded to one key; and the
other names of well-known places and bodies.

"Zelensky", "Zelenskyy", "Zelenskiy" and "Zelenskii" are one man spelled by different house
styles of romanising Ukrainian or Russian; "Dmitry" and "Dmitriy", "Yanukovych" and "Yanukovich",
"Yushchenko" and "Yuschenko" likewise. Only these regular differences are folded (word-final
yy, iy, ii, ij -> y; word-final ych -> ich; shch -> sch), so two different names never meet by
it: "Toni" and "Tony" stay apart. Folding loses which spelling was written; `spellings` gives
back every spelling that folds to the same key, for a search that must find them all.

NAME_ALIASES holds the other names a place or body goes by in news copy ("Kiev" for Kyiv, "U.K."
for the United Kingdom): the analysis keys them to one entity, and search finds either by the other.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["NAME_ALIASES", "fold_transliteration", "spellings", "equivalent_names"]

_FINAL_Y = re.compile(r"(?<=\w\w)(?:yy|iy|ii|ij)\b")
_FINAL_YCH = re.compile(r"(?<=\w\w)ych\b")
_SHCH = re.compile(r"shch")
_Y_ENDINGS = ("y", "yy", "iy", "ii", "ij")
MAX_SPELLINGS = 32  # a name with more variable parts is searched by its own and its folded spelling

# Other names of one place or body, as they appear in news copy: normalised alias -> canonical.
NAME_ALIASES = {
    "us": "United States", "usa": "United States", "united states of america": "United States",
    "america": "United States", "the us": "United States", "the united states": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "eu": "European Union", "un": "United Nations", "ussr": "Soviet Union",
    "dprk": "North Korea", "democratic peoples republic of korea": "North Korea",
    "rok": "South Korea", "republic of korea": "South Korea", "uae": "United Arab Emirates",
    "prc": "China", "peoples republic of china": "China", "russian federation": "Russia",
    "drc": "Democratic Republic of the Congo", "holland": "Netherlands",
    "kiev": "Kyiv", "kharkov": "Kharkiv", "odessa": "Odesa",
}


def fold_transliteration(name: str) -> str:
    """The name with each word's final -yy/-iy/-ii/-ij written -y, final -ych -ich, and shch sch
    (expects a normalised name: lower case, no accents)."""
    return _SHCH.sub("sch", _FINAL_YCH.sub("ich", _FINAL_Y.sub("y", name)))


def _word_spellings(word: str) -> set[str]:
    """Every spelling of one folded word that folds back to it."""
    stems = {word}
    if len(word) >= 3 and word.endswith("y"):
        stems = {word[:-1] + ending for ending in _Y_ENDINGS}
    if len(word) >= 5 and word.endswith("ich"):
        stems = {word, word[:-3] + "ych"}
    return {spelled for stem in stems for spelled in _sch_spellings(stem)}


def _sch_spellings(stem: str) -> set[str]:
    """The stem with each "sch" written "sch" or "shch" (a word with more than three: as it is)."""
    parts = stem.split("sch")
    if len(parts) > 4:
        return {stem}
    return {parts[0] + "".join(j + p for j, p in zip(joins, parts[1:]))
            for joins in itertools.product(("sch", "shch"), repeat=len(parts) - 1)}


def spellings(name: str, last_is_prefix: bool = False) -> list[str]:
    """The spellings of a normalised name that fold to the same key as it does, the name itself
    first; a last word typed as a prefix keeps its spelling too. At most MAX_SPELLINGS (beyond that,
    the name and its folded form)."""
    folded = fold_transliteration(name)
    words = folded.split()
    if not words:
        return [name] if name else []
    options = [_word_spellings(w) for w in (words[:-1] if last_is_prefix else words)]
    if last_is_prefix:
        options.append({name.split()[-1], *_word_spellings(words[-1])})
    count = 1
    for option in options:
        count *= len(option)
    if count > MAX_SPELLINGS:
        return list(dict.fromkeys([name, folded]))
    every = {" ".join(combo) for combo in itertools.product(*(sorted(o) for o in options))}
    return [name, *sorted(every - {name})]


def equivalent_names(name: str) -> list[str]:
    """The other names (normalised) of the place or body a normalised name denotes: "kiev" ->
    ["kyiv"], "kyiv" -> ["kiev"], "uk" -> ["britain", "great britain", "united kingdom"]."""
    canonical = NAME_ALIASES.get(name, "").casefold() or (name if name in _CANONICAL else "")
    if not canonical:
        return []
    return sorted({canonical, *_CANONICAL[canonical]} - {name})


_CANONICAL: dict[str, set[str]] = {}
for _alias, _canonical in NAME_ALIASES.items():
    _CANONICAL.setdefault(_canonical.casefold(), set()).add(_alias)
