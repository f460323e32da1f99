"""Figures from the model's number entities, with their numeric value."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.model import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
          "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def number_value(text: str) -> float | int | None:
    match = _NUMBER.search(text)
    if match:
        value = float(match.group().replace(",", ""))
    else:
        words = [w for w in re.findall(r"[a-z]+", text.lower()) if w in _WORDS]
        if not words:
            return None
        value = float(_WORDS[words[0]])
        words = words[1:]
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in ("thousand", "million", "billion") and (match or value < 1000):
            value *= _WORDS[word]
    return int(value) if value.is_integer() else value


def extract_figures(doc: Doc) -> list[Figure]:
    return [Figure(ent.start_char, ent.end_char, ent.text, number_value(ent.text), None)
            for ent in doc.ents if ent.label_ in LABELS]
