"""Roles of people from titles, compounds and appositions in the dependency parse.

"Pentagon spokesman Major General Pat Ryder" -> "Pentagon spokesman" (the rank is a title, not a
role); "Zelensky's top aide, Andriy Yermak" -> "top aide to Zelensky"; "the city's mayor, Ihor
Terekhov" -> "mayor of Kharkiv" (the city being the place just named).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefing.analysis.sentences import sentence_start
from briefing.model import Entity
from briefing.model import Span as SpanRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

RANKS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "major", "general", "gen", "colonel", "col",
         "lieutenant", "lt", "captain", "capt", "sergeant", "sgt", "admiral", "brigadier", "corporal",
         "private", "rev", "reverend", "prof", "professor", "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col."}
ROLE_NOUNS = {"president", "minister", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser",
              "advisor", "secretary", "chancellor", "mayor", "governor", "senator", "representative",
              "director", "chief", "ceo", "chairman", "chairwoman", "chair", "head", "leader",
              "commander", "general", "ambassador", "envoy", "official", "officer", "premier",
              "king", "queen", "prince", "judge", "justice", "attorney", "prosecutor", "lawyer",
              "founder", "executive", "administrator", "analyst", "professor", "researcher",
              "scientist", "economist", "editor", "correspondent", "reporter", "author", "coach",
              "captain", "manager", "deputy", "assistant", "member", "lawmaker", "mp", "candidate",
              "councillor", "councilor", "commissioner", "diplomat", "negotiator", "activist",
              "spokesmen", "owner", "designer", "student", "teacher", "doctor", "expert", "pilot",
              "striker", "midfielder", "defender", "goalkeeper", "player", "singer", "actor", "writer",
              "photographer", "curator", "artist", "vice", "dean", "pope", "bishop", "cardinal"}
TO_NOUNS = {"aide", "adviser", "advisor", "assistant", "envoy", "ambassador", "successor", "heir"}
PLACE_WORDS = {"city", "country", "capital", "region", "state", "town", "province", "nation"}


def person_mentions(doc: Doc, entities: list[Entity]) -> Iterator[tuple[Entity, SpanRef, Span]]:
    """(person, mention, its token span) for every mention of every person, in order."""
    for entity in entities:
        if entity.kind != "person":
            continue
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                yield entity, m, span


def assign_roles(doc: Doc, entities: list[Entity]) -> None:
    """Set `role` on each person from the first mention that carries one."""
    places = [(m.start, e.name) for e in entities if e.kind == "place" for m in e.mentions]
    for entity, _, span in person_mentions(doc, entities):
        if entity.role is None:
            entity.role = title_before(span) or apposition(span, places)


def _is_role_noun(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in ROLE_NOUNS or (tok.pos_ == "NOUN" and tok.lower_.endswith(("man", "woman", "ist", "er", "or")))


def title_before(span: Span) -> str | None:
    """Words right before the name that modify it: "Ukrainian President", "Pentagon spokesman"."""
    doc = span.doc
    i = span.start
    inside = set(range(span.start, span.end))
    first = sentence_start(doc, span.start)
    while i > first:
        tok = doc[i - 1]
        if tok.is_punct or tok.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "NUM") or tok.dep_ == "poss":
            break
        if tok.head.i not in inside and not (tok.head.i > tok.i and tok.head.i < span.end):
            break
        inside.add(tok.i)
        i -= 1
    if i == span.start:
        i = _title_phrase_start(span, first)
    words = [t for t in doc[i:span.start]]
    while words and words[-1].lower_ in RANKS:
        words.pop()
    if not words and span.start > i:
        words = list(doc[i:span.start])  # only a rank: "General" is all the article says
    if not words or not any(_is_role_noun(t) for t in words):
        return None
    if len(words) > 6:
        return None
    return _text(words)


def _title_phrase_start(span: Span, first: int) -> int:
    """Where a title with its own "of" phrase starts ("Ohio Secretary of State Blackwell"): a modifier
    of the name whose phrase runs up to the name, within the sentence, with no verb or punctuation
    in it; the name's start when there is none."""
    doc = span.doc
    for child in span.root.lefts:
        if child.i >= span.start or child.dep_ not in ("compound", "nmod", "amod") \
                or child.right_edge.i != span.start - 1 or child.left_edge.i < first:
            continue
        phrase = doc[child.left_edge.i:span.start]
        if not any(t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "DET") or t.dep_ == "poss" for t in phrase):
            return child.left_edge.i
    return span.start


def _text(tokens: list[Token]) -> str:
    """Tokens as the article spells them (no space before "'s")."""
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text if tokens else ""


def _noun_like(tok: Token) -> bool:
    """A common noun, or a title capitalised as a name ("the Secretary of State", "Spokesperson")."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.lower_.rstrip(".") in ROLE_NOUNS)


def apposition(span: Span, places: list[tuple[int, str]]) -> str | None:
    """"X, the city's mayor," or "Zelensky's top aide, X": the noun phrase set beside the name."""
    root = span.root
    head: Token | None = None
    if root.dep_ == "appos" and _noun_like(root.head) and root.head.i < span.start:
        head = root.head
    else:
        head = next((c for c in root.children if c.dep_ == "appos" and _noun_like(c)), None)
    if head is None or not _is_role_noun(head):
        return None
    mods = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nmod") and not t.is_punct]
    owner = next((t for t in head.lefts if t.dep_ == "poss"), None)
    words = [t.text for t in sorted(mods, key=lambda t: t.i)]
    phrase = " ".join([*words, head.text])
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "to")), None)
    if of is not None:
        obj = list(of.subtree)
        while obj and obj[-1].is_punct:  # a closing comma, not the hyphen of "Co-Operatives"
            obj.pop()
        if len(obj) <= 6:
            phrase += " " + _text(obj)
    elif owner is not None:
        name = _owner_name(owner, places)
        if name:
            phrase += (" to " if head.lower_ in TO_NOUNS else " of ") + name
    return phrase if len(phrase.split()) <= 9 else None


def _owner_name(owner: Token, places: list[tuple[int, str]]) -> str | None:
    """The possessor as a name: "Zelensky's" -> Zelensky; "the city's" -> the place named last."""
    if owner.lower_ in PLACE_WORDS:
        before = [name for start, name in places if start < owner.idx]
        return before[-1] if before else None
    if owner.pos_ == "PROPN":
        tokens = [t for t in owner.subtree if t.pos_ == "PROPN"]
        return " ".join(t.text for t in tokens)
    return None
