"""Names of made things: films, albums, browsers, ships, drugs that the model took for a person,
an organisation or a place.

The small model reads "Easy Rider" as a person and "Firefox" as a company; an analyst wants
neither in the People or Orgs panes. The article usually says what the thing is: a noun set right
before the name ("the 1969 film Easy Rider", "the cruise ship Freewinds"), beside it ("Freewinds,
a cruise ship"), as the predicate ("Internet Explorer is the #2 browser", "... is one of the most
successful software products"), "version 9 of X", or a maker's possessive ("Microsoft's Internet
Explorer"). Each mention with such a description counts once; an entity whose described mentions
are a third or more of all its mentions is a thing (kind `other`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.analysis import sentences
from briefing.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns for works and products. Words that also name people's trades or bodies ("model", "single",
# "play", "site", "engine", "carrier") are left out: "the model Kate Moss", "the search engine Google";
# so are apps, which are often their company too ("the ride-hailing app Uber").
WORKS = {"film", "movie", "documentary", "album", "song", "novel", "book", "poem", "opera", "musical",
         "painting", "sculpture", "sitcom", "videogame"}
PRODUCTS = {"browser", "software", "product", "smartphone", "handset", "tablet", "laptop", "console",
            "device", "airliner", "helicopter", "rocket", "spacecraft", "satellite", "telescope", "ship",
            "vessel", "yacht", "ferry", "tanker", "submarine", "drug", "vaccine", "medicine", "malware",
            "database", "version"}
THING_NOUNS = WORKS | PRODUCTS
TWO_WORDS = {("video", "game"), ("computer", "game"), ("tv", "series"), ("television", "series"), ("tv", "show"),
             ("television", "show"), ("operating", "system"), ("web", "browser")}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our"}
_VERSION_OF = re.compile(r"\bversions?\s+(?:\d[\w.]*\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?\b")
_WINDOW = 40


def retype_things(doc: Doc, entities: list[Entity], makers: re.Pattern[str] | None) -> None:
    """Persons, organisations and places the article describes as made things become `other`."""
    text = sentences.text(doc)
    for e in entities:
        if e.kind not in ("person", "organization", "place"):
            continue
        own = {e.name, *e.aliases}
        described = sum(1 for m in e.mentions if _described(doc, text, m.start, m.end, e.kind, makers, own))
        if described and described * 3 >= len(e.mentions):
            e.kind = "other"


def _described(doc: Doc, text: str, start: int, end: int, kind: str, makers: re.Pattern[str] | None,
               own: set[str]) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    if root is not None:
        first = _name_start(doc, span.start)
        start = doc[first].idx
        if _kind_before(doc, first, kind) and root.dep_ not in ("nsubj", "nsubjpass"):
            return True  # "the 1969 film Easy Rider"; not "the song Dylan wrote"
    before = text[max(0, start - _WINDOW):start]
    if _VERSION_OF.search(before) and not _POSSESSIVE.match(text, end):
        return True  # "the latest versions of Internet Explorer"; not "version of Apple's Mac OS X"
    if makers is not None and kind == "organization" and (maker := makers.search(before)) \
            and not any(maker.group().startswith(name) for name in own):
        return True  # "Microsoft's Internet Explorer"; not "Canadian Auto Workers CAW contract"
    return root is not None and (_beside(root) or _predicate(root))


def _kind_before(doc: Doc, i: int, kind: str) -> bool:
    """The noun right before the name says what it is: "the 1969 film Easy Rider", "the cruise ship,
    Freewinds" (after a comma only in a phrase with its article, and never for a person: "In the
    film, Hopper ..."); not the verb in "crews film Tom Cruise"."""
    j = i - 1
    comma = j >= 0 and doc[j].text == ","
    if comma:
        j -= 1
    if j < 0 or doc[j].pos_ != "NOUN" or not doc[j].text.islower():
        return False
    words = doc[j].lower_
    if not (words in THING_NOUNS - {"version"} or (j > 0 and (doc[j - 1].lower_, words) in TWO_WORDS)):
        return False
    if comma:
        return kind != "person" and any(t.lower_ in DETERMINERS for t in doc[max(0, j - 6):j])
    return True


def _name_start(doc: Doc, i: int) -> int:
    """The token where the name begins when the model left out its first words ("Explorer" in
    "Internet Explorer")."""
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ == "compound" and doc[i - 1].head.i >= i \
            and doc[i - 1].text[:1].isupper():
        i -= 1
    return i


def _is_thing(token: Token) -> bool:
    return (token.lemma_.casefold() in THING_NOUNS or token.lower_ in THING_NOUNS) and token.pos_ == "NOUN"


def _beside(root: Token) -> bool:
    """"Freewinds, a cruise ship" or "the cruise ship, Freewinds": a thing noun in apposition."""
    if any(c.dep_ == "appos" and _is_thing(c) for c in root.children):
        return True
    return root.dep_ == "appos" and _is_thing(root.head)


def _predicate(root: Token) -> bool:
    """"Internet Explorer is the #2 browser", "X is one of the most successful software products"."""
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return False
    for attr in (c for c in root.head.children if c.dep_ == "attr"):
        if _is_thing(attr):
            return True
        if attr.lower_ == "one" and any(p.dep_ == "prep" and p.lower_ == "of" and any(
                _is_thing(o) for o in p.children if o.dep_ == "pobj") for p in attr.children):
            return True
    return False


# "Information System", "Positioning System": a system named for what it does is software or
# equipment; "Federal Reserve System" and "Cisco System" are not named so.
SYSTEM_USES = {"information", "management", "intelligence", "reporting", "communications", "communication",
               "operating", "positioning", "navigation", "warning", "tracking", "monitoring", "surveillance",
               "payment", "database", "computer", "weapon", "weapons", "missile", "guidance"}
AILMENTS = {"disease", "diseases", "disorder", "disorders", "syndrome", "virus", "fever", "flu", "influenza"}
_IDEA = re.compile(r"^[A-Z][a-z]+(?:ism|phobia)$")  # "Buddhism", "Judaism", "Islamophobia"


def named_as_thing(name: str) -> bool:
    """Names whose own words say they are no body, place or person: "Islamophobia", "Buddhism",
    "the National Enforcement Management Information System"."""
    words = name.casefold().split()
    if len(words) >= 2 and words[-1] == "system" and words[-2] in SYSTEM_USES:
        return True
    if len(words) >= 2 and words[-1] in AILMENTS and not {"of", "for"} & set(words):
        return True  # "Iodine Deficiency Disorders"; not the "Institute of Infectious Diseases"
    return bool(_IDEA.match(name))


def acronym_of_thing(name: str, text: str) -> bool:
    """"IDD" where the article spells out "Iodine Deficiency Disorders" (even inside a longer name)."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return False
    spelled = re.compile(r"\b" + r"\s+".join(f"{letter}[a-z]+" for letter in name) + r"\b")
    return any(named_as_thing(m.group()) for m in spelled.finditer(text))


def mostly_lowercase(surfaces: list[str], text: str) -> bool:
    """"Iodine" in an article that writes "iodine" two dozen times: a capitalised common noun (a
    substance, a product line such as the iPod "Nano"), not a person or a body."""
    if len(surfaces) != 1 or " " in surfaces[0] or not surfaces[0][1:].islower():
        return False
    words = _word_counts(text)
    lower, upper = words[surfaces[0].lower()], words[surfaces[0]]
    return lower >= 3 and lower >= 2 * upper


@lru_cache(maxsize=2)
def _word_counts(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))
