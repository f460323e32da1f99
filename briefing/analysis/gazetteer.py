"""Known places and name aliases: the compact gazetteer shipped in data/places.tsv plus small tables.

The model's typing of places is unreliable (Kursk a PRODUCT, Kharkiv a PERSON); a name that is a
country, a region or a city of 100k+ people is a place unless the article says otherwise. Loaded
once, lazily, on first use (about 7k names, a few milliseconds).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from briefing.spelling import NAME_ALIASES

_DOTS = re.compile(r"[.\u2019'`]")
_SPACES = re.compile(r"[\s\-‐–—]+")


@lru_cache(maxsize=1 << 16)  # the same few hundred names are normalised over and over
def norm(name: str) -> str:
    """Case-, accent-, dot- and hyphen-insensitive form of a name ("U.S." -> "us")."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = _DOTS.sub("", name)
    return _SPACES.sub(" ", name).casefold().strip()


# Other names of one place or body, as they appear in news copy: normalised alias -> canonical.
# Kept in briefing.spelling, where search finds "Kiev" by "Kyiv" and the reverse with them.
ALIASES = NAME_ALIASES

# Demonyms and adjectives of places: "North Korean" names a group of people, not the country.
DEMONYMS = {
    "american": "United States", "americans": "United States", "british": "United Kingdom",
    "briton": "United Kingdom", "britons": "United Kingdom", "russian": "Russia", "russians": "Russia",
    "ukrainian": "Ukraine", "ukrainians": "Ukraine", "north korean": "North Korea",
    "north koreans": "North Korea", "south korean": "South Korea", "south koreans": "South Korea",
    "korean": "Korea", "chinese": "China", "japanese": "Japan", "german": "Germany",
    "germans": "Germany", "french": "France", "italian": "Italy", "italians": "Italy",
    "spanish": "Spain", "canadian": "Canada", "canadians": "Canada", "australian": "Australia",
    "australians": "Australia", "indian": "India", "indians": "India", "pakistani": "Pakistan",
    "afghan": "Afghanistan", "afghans": "Afghanistan", "iranian": "Iran", "iranians": "Iran",
    "iraqi": "Iraq", "iraqis": "Iraq", "syrian": "Syria", "syrians": "Syria", "israeli": "Israel",
    "israelis": "Israel", "palestinian": "Palestine", "palestinians": "Palestine",
    "turkish": "Turkey", "egyptian": "Egypt", "saudi": "Saudi Arabia", "saudis": "Saudi Arabia",
    "european": "Europe", "europeans": "Europe", "african": "Africa", "asian": "Asia",
    "mexican": "Mexico", "brazilian": "Brazil", "polish": "Poland", "dutch": "Netherlands",
    "swedish": "Sweden", "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland",
    "nordic": "Scandinavia", "belarusian": "Belarus", "georgian": "Georgia", "irish": "Ireland",
    "scottish": "Scotland", "welsh": "Wales", "english": "England", "greek": "Greece",
    "greeks": "Greece", "thai": "Thailand", "vietnamese": "Vietnam", "indonesian": "Indonesia",
    "filipino": "Philippines", "taiwanese": "Taiwan", "new zealander": "New Zealand",
    "muslim": None, "muslims": None, "christian": None, "christians": None, "jewish": None,
    "jews": None, "catholic": None, "catholics": None, "democrat": None, "democrats": None,
    "republican": None, "republicans": None, "western": None,
}


@dataclass(frozen=True)
class Place:
    name: str  # canonical
    kind: str  # country, region, city
    population: int


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    text = resources.files("briefing.analysis").joinpath("data/places.tsv").read_text(encoding="utf-8")
    table: dict[str, Place] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        name, kind, canonical, population = line.split("\t")
        table.setdefault(norm(name), Place(canonical, kind, int(population)))
    return table


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """The first word of every known name, for a cheap test before the full lookup."""
    words = {key.split(" ", 1)[0] for key in _places()}
    words.update(alias.split(" ", 1)[0] for alias in ALIASES)
    return frozenset(words)


def place(name: str) -> Place | None:
    """The known place a name denotes ("Kiev" -> Kyiv), or None."""
    key = norm(name)
    canonical = ALIASES.get(key)
    return _places().get(norm(canonical) if canonical else key)


def canonical(name: str) -> str | None:
    """The standard name of a well-known alias ("U.S." -> "United States"), or None."""
    return ALIASES.get(norm(name))


def is_demonym(name: str) -> bool:
    return norm(name) in DEMONYMS


def demonym_country(name: str) -> str | None:
    """The place a nationality belongs to ("North Korean" -> North Korea), or None."""
    return DEMONYMS.get(norm(name))
