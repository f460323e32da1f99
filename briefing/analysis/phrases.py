"""Noun phrases around names: a name's mention widened to the phrase it heads, and entities an
article describes around a name rather than names.

"Civic Party's Jeremy Tam", "English captain Harry Kane" and "Tanya Chan of the Civic Party" are
mentions of the person, with the party's mention nested inside. "Thailand's foreign minister",
"Scientology officials", "the U.S. border" are headed by a common noun and are entities of their own
(the minister is not Thailand): left out, the one name inside would be all a reader or a coreference
scorer sees of them, and that name's entity would seem mentioned where the article speaks of someone
else. Only heads that say what kind of thing is meant make an entity (a person's role, people, a
body, a place); other phrases ("a blog written by Rathbun") are left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.analysis import sentences
from briefing.analysis.roles import ROLE_NOUNS, person_mentions
from briefing.model import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Plural nouns for people: "U.S. officials", "former members of Scientology", "KSC employees".
PEOPLE = {"officials", "members", "employees", "critics", "women", "men", "children", "people", "users",
          "reporters", "visitors", "supporters", "fans", "residents", "citizens", "workers", "staff",
          "leaders", "voters", "students", "pilgrims", "troops", "soldiers", "officers",
          "executives", "lawmakers", "delegates", "activists", "protesters", "refugees", "migrants",
          "defectors", "commanders", "volunteers", "scientists", "researchers", "experts", "doctors",
          "teachers", "parents", "families", "victims", "survivors", "passengers", "athletes",
          "candidates", "councillors", "ministers", "diplomats", "investigators", "prosecutors",
          "lawyers", "journalists", "authorities", "spokespeople", "representatives", "agents",
          "engineers", "staffers", "crew", "owners", "customers", "shareholders", "investors",
          "farmers", "miners", "nurses", "patients", "fighters", "militants", "rebels", "forces"}
# Singular nouns for a person besides the roles of roles.ROLE_NOUNS: "a member of Scientology",
# "a former resident of Evansville", "Thomas' sister".
PERSON = ROLE_NOUNS | {"member", "defector", "resident", "recipient", "detective", "critic", "fan", "user",
                       "boy", "girl", "man", "woman", "son", "daughter", "sister", "brother", "wife",
                       "husband", "mother", "father", "friend", "colleague", "employee", "worker", "citizen",
                       "native", "supporter", "victim", "survivor", "witness", "passenger", "veteran",
                       "volunteer", "partner", "rival", "opponent", "successor", "predecessor", "widow"}
BODIES = {"group", "unit", "units", "ministry", "department", "agency", "office", "council", "committee", "commission", "military",
          "army", "navy", "police", "team", "squad", "party", "chapter", "branch", "consulate",
          "authority", "coalition", "delegation", "federation", "union", "association"}
# "The Romanian government", "the government of Canada": the country acting (MEANTIME marks it a
# mention of the place); but "the Monti government" is a body named for its leader.
GOVERNMENTS = {"government", "administration", "cabinet", "regime"}
PLACES = {"counties", "provinces", "regions", "districts", "constituency", "post", "posts", "checkpoint", "border", "borders", "coast", "coastline", "waters", "mainland", "region",
          "headquarters", "province", "territory", "outskirts", "suburbs", "countryside", "embassy"}
# A name followed by one of these is the named thing itself ("the Lombardy region", "the Sea Org group").
CLASS_NOUNS = {"place": {"region", "province", "county", "district", "state", "oblast"},
               "organization": {"group", "party", "team"}}
# Places at the edge of a place: "the U.S. border", "Indonesia waters".
EDGES = {"border", "borders", "coast", "coastline", "waters", "mainland", "outskirts", "suburbs", "countryside"}
_LEFT = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "predet", "case"}
_MODIFIER = {"compound", "poss", "amod", "nmod", "nummod"}
_NOT_IN_PHRASE = {"cc", "conj", "appos", "relcl", "acl", "advcl", "punct", "prep"}  # after the head
_OF_NAME = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
MAX_TOKENS = 14


# ---------------------------------------------------------------- mentions widened
def widen_mentions(doc: Doc, entities: list[Entity]) -> None:
    """Each mention of a name becomes the noun phrase the name heads (a name that only modifies
    another noun, "Mecca's Grand Mosque", stays as it is)."""
    bodies = {m.start: m.end for e in entities if e.kind in ("organization", "place") for m in e.mentions}
    names = [(m.start, m.end, entity.id) for entity in entities for m in entity.mentions]
    for entity in entities:
        widened = []
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            x = _name_phrase(doc, span, entity.kind) if span is not None and len(span) else m
            if entity.kind == "person":  # "Wong Pik-wan of the Democratic Party", however it was parsed
                after = _OF_NAME.match(sentences.text(doc), x.end)
                if after and after.end() in bodies:
                    x = Span(x.start, bodies[after.end()])
            if any(owner != entity.id and a <= m.start and m.end <= b and (x.start < a or b < x.end or (
                    x.start, x.end) == (a, b)) for a, b, owner in names):
                x = m  # "America" inside "North America" is not all of it ("Indiana" in "Southern Indiana" may be)
            widened.append(x)
        entity.mentions = sorted({(x.start, x.end): x for x in widened}.values(), key=lambda x: x.start)


def _name_phrase(doc: Doc, span, kind: str) -> Span:
    root = span.root
    if root.dep_ == "compound" and root.head.i == span.end and root.head.lower_ in CLASS_NOUNS.get(kind, ()):
        root = root.head  # "the Lombardy region", "the Sea Org group": the named thing itself
        span = span.doc[span.start:root.i + 1]
    if root.dep_ in _MODIFIER and not (span.start <= root.head.i < span.end):
        preps: set[str] = set()  # "U.S. President Donald Trump's policies": only the name's own modifiers
    else:  # "Northwestern University in Evanston": where a body or place is; a person "in" rarely a phrase
        preps = {"of", "from", "at"} | ({"in"} if kind != "person" else set())
    extent = _extent(doc, root, span.start, span.end, preps)
    return Span(span.start_char, span.end_char) if extent is None else Span(*extent)


# ---------------------------------------------------------------- entities described
# Prepositions whose object a described phrase takes in: "the counties of Taiwan", "the Bush
# administration in Washington"; a person's or a group's "in" tells where they are, not who
# they are ("Nordic leaders in Reykjavik" are no named group).
_DESCRIBING_PREPS = {"person": {"of", "for", "from", "at", "within"}, "group": {"of", "for", "from", "within"},
                     "organization": {"of", "for", "from", "at", "in", "within"},
                     "place": {"of", "for", "from", "at", "in", "within"}}


def described_entities(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """New entities (ids left empty) for noun phrases headed by a telling common noun around the
    name of a person, organisation or place; one entity for each distinct phrase."""
    spans = sorted((m.start, m.end) for e in entities for m in e.mentions)
    named = [(m.start, m.end, e.kind) for e in entities if e.kind in ("person", "organization", "place")
             for m in e.mentions]
    things = [(m.start, m.end) for e in entities if e.kind == "other" for m in e.mentions]
    found: dict[tuple[str, str], Entity] = {}
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in _MODIFIER:
            continue
        kind = _kind(tok)
        if kind is None or not _described(doc, tok, kind, named):
            continue
        extent = _extent(doc, tok, tok.i, tok.i + 1, _DESCRIBING_PREPS[kind])
        if extent is None:
            continue
        s, e = extent
        inside = [(a, b, k) for a, b, k in named if s <= a and b <= e]
        if not inside and kind == "person":  # "Director of the National Iodine Nutrition study": a title
            inside = [(a, b, "other") for a, b in things if s <= a and b <= e]  # naming a thing, beside a name
        if not inside or any(a < e and s < b and not (s <= a and b <= e) and not (a <= s and e <= b)
                             for a, b in spans) or (s, e) in spans:
            continue  # no name inside ("the government" alone), crosses a mention, or is one already
        if kind == "person" and (any(b == e and (k == "person" or _after_name(doc, a)) for a, b, k in inside)
                                 or _ends_in_person(doc, e) or _beside_name(doc, tok, s, e)):
            # "minister of Civil House José Dirceu", "Ryanair CEO, Michael O'Leary": the person's title,
            # a mention of that person when set beside the name with a comma
            partner = _apposed(tok, entities)
            if partner is not None and partner.kind == "person" and not any(
                    a < e and s < b for a, b in ((x.start, x.end) for x in partner.mentions)):
                partner.mentions.append(Span(s, e))
                partner.mentions.sort(key=lambda x: x.start)
            continue
        if all(k == "other" for _, _, k in inside):
            continue  # a thing's name alone makes no described entity
        if kind == "person":
            holder = _acting_as(tok, entities)
            if holder is not None:  # "Kim Jong-un issued an order of the supreme commander of the KPA"
                text = sentences.text(doc)[s:e]
                holder.role = holder.role or (text[4:] if text[:4].casefold() == "the " else text)
                continue
        partner = _apposed(tok, entities)
        if partner is not None and partner.kind == kind:  # "North Korea's main news agency Korean Central
            if not any(a < e and s < b for a, b in ((x.start, x.end) for x in partner.mentions)):  # News Agency"
                partner.mentions.append(Span(s, e))
                partner.mentions.sort(key=lambda x: x.start)
            continue  # the body's description is a mention of the body, not a second one
        subject = _subject_of(tok, entities)
        if subject is not None:  # "Montalvo was a member of Scientology all his life"
            if subject.kind == kind:
                subject.mentions.append(Span(s, e))
                subject.mentions.sort(key=lambda x: x.start)
            continue
        text = sentences.text(doc)[s:e]
        name = text[4:] if text[:4].casefold() == "the " else text
        key = (kind, " ".join(name.casefold().split()))
        if key not in found:
            found[key] = Entity(id="", kind=kind, name=name)
        found[key].mentions.append(Span(s, e))
    return list(found.values()) + _affiliations(doc, entities, spans)


def _apposed(tok: Token, entities: list[Entity]) -> Entity | None:
    """The entity whose name a noun is set beside: "Joe Leonard, Chairman and Chief Operating Officer"."""
    if tok.dep_ == "conj" and tok.head.dep_ == "appos":
        tok = tok.head
    partner = tok.head if tok.dep_ == "appos" else next((c for c in tok.children if c.dep_ == "appos"), None)
    if partner is None:
        return None
    return next((e for e in entities for m in e.mentions if m.start <= partner.idx < m.end), None)


# Acts a person issues in an office: "issued an order of the supreme commander" is the order the
# issuer gives as supreme commander (an act is its issuer's, not another person's).
ACTS = {"order", "orders", "decree", "decrees", "command", "directive", "instruction", "instructions", "edict",
        "proclamation", "ruling", "veto", "pardon"}
ISSUING = {"issue", "sign", "give", "hand", "announce", "publish", "release", "pass", "deliver", "proclaim"}


def _acting_as(tok: Token, entities: list[Entity]) -> Entity | None:
    """The named person a role phrase stands for when that person issues an act "of" the role:
    the subject of "issue an order of the <role>" (the role is then that person's)."""
    prep = tok.head
    act = prep.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or act.lower_ not in ACTS or act.dep_ != "dobj" \
            or act.head.lemma_.lower() not in ISSUING:
        return None
    subject = next((c for c in act.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    holder = next((e for e in entities for m in e.mentions if m.start <= subject.idx < m.end), None)
    return holder if holder is not None and holder.kind == "person" else None


def _subject_of(tok: Token, entities: list[Entity]) -> Entity | None:
    """The entity a predicate noun describes: the named subject of "is", "was", "became"."""
    verb = tok.head
    if tok.dep_ != "attr" or verb.lemma_ not in ("be", "become", "remain"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":  # "Law earned a victory ... and becomes the youngest member"
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    return next((e for e in entities for m in e.mentions if m.start <= subject.idx < m.end), None)


def _affiliations(doc: Doc, entities: list[Entity], spans: list[tuple[int, int]]) -> list[Entity]:
    """"Priscilla Leung of BPA", "FTU's Kwok Wai-keung": a name the model did not mark, after "of" or
    "from" at the end of a person's phrase or as the possessor opening it, is the body (or, if the
    gazetteer knows it, the place) the person belongs to."""
    from briefing.analysis import gazetteer

    found: dict[str, Entity] = {}
    for person, m, span in person_mentions(doc, entities):
        for first, last in _affiliation_runs(doc, span):
            s, e = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
            if any(a < e and s < b and (a, b) != (m.start, m.end) for a, b in spans):
                continue  # the model found it, as a name of its own
            name = sentences.text(doc)[s:e]
            if any(name.endswith(own) for own in (person.name, *person.aliases)):
                continue  # "Secretary of State Blackwell": the person's own name after a title's "of"
            if name not in found:
                kind = "place" if gazetteer.place(name) is not None else "organization"
                found[name] = Entity(id="", kind=kind, name=name)
            found[name].mentions.append(Span(s, e))
    return list(found.values())


def _affiliation_runs(doc: Doc, span) -> list[tuple[int, int]]:
    """Token ranges of proper nouns: after "of"/"from" (and "the") up to the end of the span, or
    before an "'s" in the span."""
    runs = []
    for tok in span:
        if tok.lower_ in ("of", "from") and tok.i + 1 < span.end:
            first = tok.i + 2 if doc[tok.i + 1].lower_ == "the" else tok.i + 1
            last = first
            while last < span.end and doc[last].pos_ == "PROPN":
                last += 1
            if first < last == span.end:
                runs.append((first, last))
        elif tok.tag_ == "POS" and tok.i > span.start:
            first = tok.i
            while first > span.start and doc[first - 1].pos_ == "PROPN":
                first -= 1
            if first < tok.i:
                runs.append((first, tok.i))
    return runs


def _kind(tok: Token) -> str | None:
    lower = tok.lower_
    if tok.tag_ in ("NNS", "NNPS") and lower in PEOPLE:
        return "group"  # GUM counts "Apple executives" a person, MEANTIME a person it does not score
    if tok.tag_ in ("NN", "NNP") and lower in PERSON and tok.ent_type_ != "PERSON":
        return "person"
    if tok.pos_ == "PROPN":
        return None  # a capitalised body or place is a name, the model's to find
    if lower in BODIES or lower in GOVERNMENTS:
        return "organization"
    if lower in PLACES:
        return "place"
    return None


def _described(doc: Doc, tok: Token, kind: str, named: list[tuple[int, int, str]]) -> bool:
    ends = {b: k for a, b, k in named}
    compounds = [ends.get(c.idx + len(c)) for c in tok.lefts if c.dep_ == "compound"]
    if tok.lower_ in GOVERNMENTS:  # "the Monti government", not "Obama's administration"
        return "person" in compounds
    # "Yonhap news agency" is Yonhap and "its Cupertino headquarters" in Cupertino, but "the U.S.
    # border" is a place of its own
    return not (kind in compounds and tok.lower_ not in EDGES)


def _beside_name(doc: Doc, head: Token, s: int, e: int) -> bool:
    """The role is set beside a name, before or after it, so it is that person's title."""
    if head.dep_ == "appos" or any(c.dep_ == "appos" for c in head.children) or (
            head.dep_ == "conj" and head.head.dep_ == "appos"):  # "X, Director of ..., and Chairman of ..."
        return True
    after = re.match(r"[\s,]*(\S)", sentences.text(doc)[e:e + 4])
    nxt = doc.char_span(e + after.start(1), e + after.end(1), alignment_mode="expand") if after else None
    return nxt is not None and nxt[0].pos_ == "PROPN"


def _after_name(doc: Doc, start: int) -> bool:
    """A mention right after a proper noun, or ending in a personal name: "Chrysler LLC Jim Press",
    the name after the title."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].pos_ == "PROPN"


def _ends_in_person(doc: Doc, end: int) -> bool:
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    return span is not None and span[-1].ent_type_ == "PERSON"


# ---------------------------------------------------------------- the phrase of a head
def _extent(doc: Doc, head: Token, start: int, end: int, preps: set[str]) -> tuple[int, int] | None:
    """Characters of the phrase around tokens start..end headed by `head`: the modifiers before it,
    and the prepositional phrases in `preps` right after it, without their coordinated parts."""
    for c in sorted(head.lefts, key=lambda c: -c.i):
        if c.i >= start:
            continue
        if c.dep_ not in _LEFT or c.right_edge.i != start - 1:
            break
        start = c.left_edge.i
    rights = sorted((c for c in head.rights if c.i >= end), key=lambda c: c.i)
    for k, c in enumerate(rights):
        if c.i == end and c.dep_ == "cc" and k + 1 < len(rights) and rights[k + 1].dep_ == "conj" \
                and rights[k + 1].lower_ in PERSON and head.lower_ in PERSON:
            end = c.i + 1  # "curator and director of exhibits at the University of Arkansas": one person
            continue
        if c.i == end and c.dep_ == "conj" and c.lower_ in PERSON and head.lower_ in PERSON:
            end = _right_edge(c) + 1
            continue
        if c.i != end or c.dep_ != "prep" or c.lower_ not in preps or not any(o.dep_ == "pobj" for o in c.children):
            break
        end = _right_edge(c) + 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start > MAX_TOKENS or any("\n" in t.text_with_ws for t in doc[start:end - 1]) \
            or any((t.is_quote and t.tag_ != "POS") or t.text in "()[]" for t in doc[start:end]):
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _right_edge(tok: Token) -> int:
    """The last token of tok's phrase, leaving out what is coordinated with or set beside it."""
    edge = tok.i
    for c in tok.rights:
        if c.dep_ in _NOT_IN_PHRASE and c.dep_ != "prep" or c.is_punct:
            break
        edge = max(edge, _right_edge(c))
    return edge
