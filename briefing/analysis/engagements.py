"""Engagements: meetings, visits, talks, trips, addresses, hearings, votes, with who, where, when.

A trigger is an engagement verb ("met", "will visit", "address") or an engagement noun under a
light verb ("attend a conference", "hold talks") or owned by someone ("his visit to Ottawa").
Who, where and when come from the trigger's own part of the parse (not from clauses joined to
it, so "address ... in Reykjavik and attend a conference in Canada" are two engagements with two
places); the status from modals and future-taking verbs, the tense, and resolved dates.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from briefing.analysis.cues import (ENGAGE_LIGHT_VERBS, ENGAGE_NOUNS, ENGAGE_VERBS, FUTURE_ADJECTIVES,
                                    FUTURE_CUES, FUTURE_VERBS, MEET_VERBS)
from briefing.analysis.sentences import spans as sentence_spans
from briefing.analysis.sentences import text as doc_text
from briefing.analysis.speakers import SpeakerResolver, subject_of
from briefing.model import Article, DateRef, Engagement, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SCOPE_CUT = frozenset("conj cc ccomp advcl relcl parataxis punct".split())
_PLACE_PREPS = frozenset("in at to into inside near".split())
_PARTY_PREPS = frozenset("with between among".split())
_MOVE_VERBS = frozenset("travel fly head arrive go".split())
_WHAT_WORDS = 12
_WHAT_STRETCH = 5
_CLAUSE_MARKS = set(".!?;:\"“”()[]—")  # punctuation that shows the phrase skipped something  # words a phrase may run past _WHAT_WORDS to finish a name or a date
_LEADING_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX"}  # words that only lead into what follows


def extract_engagements(doc: Doc, entities: list[Entity], dates: list[DateRef],
                        article: Article | None = None) -> list[Engagement]:
    """Every engagement the article states, in text order."""
    resolver: SpeakerResolver | None = None  # built on the first trigger: most articles have none
    anchor = article.date if article is not None else None
    in_order = sorted(dates, key=lambda d: d.start)
    ordered = (in_order, [d.start for d in in_order])
    out: list[Engagement] = []
    seen: set[int] = set()
    for tok in doc:
        trigger = _trigger(tok)
        if trigger is None or tok.i in seen:
            continue
        if resolver is None:
            resolver = SpeakerResolver(doc, entities)
        verb, noun = trigger
        seen.add(tok.i)
        if noun is not None:
            seen.add(noun.i)
        found = _engagement(doc, verb, noun, resolver, ordered, anchor)
        if found is not None:
            out.append(found)
            # a purpose clause ("travelled to Florida to meet X") is the same engagement
            seen.update(t.i for t in _scope(verb) if t.lemma_.lower() in ENGAGE_VERBS | ENGAGE_NOUNS)
    return out


_ANY_TRIGGER = ENGAGE_VERBS | ENGAGE_LIGHT_VERBS | ENGAGE_NOUNS


def _trigger(tok: Token) -> tuple[Token, Token | None] | None:
    """(verb, engagement noun or None) when a token starts an engagement."""
    lemma = tok.lemma_.lower()
    if lemma not in _ANY_TRIGGER:  # most tokens: decided without walking the parse
        return None
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    if tok.pos_ == "VERB" and lemma in ENGAGE_VERBS:
        noun = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in ENGAGE_NOUNS), None)
        if lemma in ("hold", "have") and noun is None:
            return None
        return tok, noun
    if tok.pos_ == "VERB" and lemma in ENGAGE_LIGHT_VERBS:
        noun = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in ENGAGE_NOUNS), None)
        if noun is None:  # "take part in talks", "go on a trip"
            for prep in tok.children:
                if prep.dep_ == "prep":
                    noun = next((c for c in prep.children if c.dep_ == "pobj"
                                 and c.lemma_.lower() in ENGAGE_NOUNS), None)
                    if noun is not None:
                        break
        return (tok, noun) if noun is not None else None
    if tok.pos_ == "NOUN" and lemma in ENGAGE_NOUNS:
        if tok.head.lemma_.lower() in ENGAGE_LIGHT_VERBS | ENGAGE_VERBS and tok.head.pos_ == "VERB":
            return None  # the verb is the trigger
        if any(c.dep_ == "poss" for c in tok.children):
            return tok, tok  # "his visit to Ottawa"
        if any(c.dep_ == "prep" and c.lower_ in _PLACE_PREPS | _PARTY_PREPS for c in tok.children):
            return tok, tok  # "at the upcoming summit in Chile", "a news conference with Martin"
    return None


def _scope(head: Token) -> list[Token]:
    """The trigger's own words: its subtree without coordinated or subordinate clauses."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _SCOPE_CUT or
                     (c.dep_ in ("conj", "cc") and tok.pos_ in ("PROPN", "NOUN")) or
                     (c.dep_ == "advcl" and c.lemma_.lower() in ENGAGE_VERBS))  # "travelled to X to meet Y"
    out.sort(key=lambda t: t.i)
    return out


def _engagement(doc: Doc, verb: Token, noun: Token | None, resolver: SpeakerResolver,
                dates: tuple[list[DateRef], list[int]], anchor: str | None) -> Engagement | None:
    """One engagement from a trigger; `dates` are the article's dates in text order, with starts."""
    scope = _scope(verb)
    who: list[str] = []

    def add(entity_id: str | None) -> None:
        if entity_id and entity_id not in who:
            who.append(entity_id)

    nominal = noun is not None and noun.i == verb.i  # the noun is its own trigger ("his visit")
    owner = next((c for c in verb.children if c.dep_ == "poss"), None) if nominal else None
    if owner is not None:  # a possessed engagement noun: the owner goes
        add(resolver.resolve(owner).entity)
    subject = None
    if not nominal:
        subject = subject_of(verb)
    elif not who:  # the subject of the clause the noun sits in ("During his visit, Biden ...")
        governor = verb.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
            governor = governor.head
        subject = subject_of(governor) if governor.pos_ in ("VERB", "AUX") else None
    if subject is not None:
        for part in _with_conjuncts(subject):
            add(_who(resolver, part))
    places: list[tuple[int, int, str]] = []  # (not "in"/"at", distance from the trigger, entity id)
    for tok in scope:
        entity = resolver.by_token[tok.i]
        if entity is None:
            continue
        head = _np_head(tok)
        if entity.kind == "place":
            prep = head.head if head.dep_ == "pobj" else None
            if (prep is not None and prep.lower_ in _PLACE_PREPS) or \
                    (head.dep_ == "dobj" and verb.lemma_.lower() in MEET_VERBS | {"tour"}):
                venue = 0 if prep is not None and prep.lower_ in ("in", "at") else 1
                places.append((venue, _distance(head, verb), entity.id))
            continue
        if entity.kind in ("person", "organization", "group") and tok.dep_ != "amod":  # not "Chinese President"
            party = head.dep_ in ("dobj", "appos") and (head.head.i == verb.i or
                                                        head.head.lemma_.lower() in MEET_VERBS) or \
                head.dep_ == "pobj" and head.head.lower_ in _PARTY_PREPS
            if party or head.dep_ == "appos" and _np_head(head.head).dep_ == "pobj" \
                    and _np_head(head.head).head.lower_ in _PARTY_PREPS:
                add(entity.id)
    where = min(places)[2] if places else None
    if not who:
        return None
    if nominal and owner is None and where is None and len(who) < 2:
        return None  # a bare mention of talks or a summit, nobody's and nowhere
    lemma = verb.lemma_.lower()
    if lemma in _MOVE_VERBS and where is None:
        return None
    span_start, span_end = scope[0].idx, scope[-1].idx + len(scope[-1].text)
    in_order, starts = dates
    date = _date_of(doc, verb, in_order[bisect.bisect_left(starts, span_start):bisect.bisect_left(starts, span_end)])
    if where is None and date is None and not ((lemma in MEET_VERBS or nominal) and len(who) > 1):
        return None
    start_char, end_char = _sentence_chars(doc, verb.i)
    return Engagement(
        start=start_char, end=end_char, who=who, what=_what(verb, scope, nominal),
        where=where, when_text=date.text if date else None, date=date.value if date else None,
        status=_status(verb, date, anchor),
    )


def _sentence_chars(doc: Doc, i: int) -> tuple[int, int]:
    """The characters of the sentence holding token i (from the sentence spans computed once)."""
    sents = sentence_spans(doc)  # sorted (first token, end token, start char, end char)
    k = bisect.bisect_right(sents, (i, len(doc) + 1)) - 1
    if k >= 0:
        return sents[k][2], sents[k][3]
    return 0, len(doc_text(doc))


def _date_of(doc: Doc, verb: Token, dates: list[DateRef]) -> DateRef | None:
    """The date that modifies the trigger itself ("met this week"), else the first in its words."""
    ranked = []
    for n, d in enumerate(dates):
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None:
            ranked.append((_distance(span.root, verb), n, d))
    return min(ranked)[2] if ranked else None


def _distance(tok: Token, ancestor: Token) -> int:
    """Arcs from a token up to an ancestor (large when it is not one)."""
    hops = 0
    while tok.i != ancestor.i and tok.head.i != tok.i and hops < 12:
        tok, hops = tok.head, hops + 1
    return hops if tok.i == ancestor.i else 99


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok, *(c for c in tok.conjuncts)]


def _who(resolver: SpeakerResolver, tok: Token) -> str | None:
    speaker = resolver.resolve(tok)
    entity = resolver.entities.get(speaker.entity) if speaker.entity else None
    return entity.id if entity is not None and entity.kind in ("person", "organization", "group") else None


def _np_head(tok: Token) -> Token:
    while tok.dep_ in ("compound", "flat", "amod", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _what(verb: Token, scope: list[Token], nominal: bool = False) -> str:
    """A short phrase: the verb and what follows it, or the whole noun phrase of a nominal trigger."""
    words = [t for t in scope if (nominal or t.i >= verb.i)
             and not (t.dep_ in ("aux", "auxpass", "neg") and t.head.i == verb.i)]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    kept = _cut(words, _WHAT_WORDS)
    return " ".join("".join(_joined(t, after) for t, after in zip(kept, [*kept[1:], None])).split())


def _joined(tok: Token, after: Token | None) -> str:
    """`tok` as written up to the next kept word: with the commas, hyphens and apostrophes between
    them ("Asia-Pacific", "today, amid"), but not across a clause the phrase left out."""
    if after is None:
        return tok.text
    gap = tok.doc[tok.i + 1:after.i]
    if all(g.is_punct and g.text not in _CLAUSE_MARKS for g in gap):
        return doc_text(tok.doc)[tok.idx:after.idx]
    return tok.text + " "


def _cut(words: list[Token], limit: int) -> list[Token]:
    """At most about `limit` words, never ending inside a name or a date ("Lula da" | "Silva",
    "later this" | "month") nor on a word that leads into what was cut ("protests from")."""
    if len(words) <= limit:
        return words
    end = limit
    while end < min(len(words), limit + _WHAT_STRETCH) and _continues(words[end - 1], words[end]):
        end += 1
    if end < len(words) and _continues(words[end - 1], words[end]):
        end = limit  # a long name: end before it rather than inside it
        while end > 1 and _continues(words[end - 1], words[end]):
            end -= 1
    kept = words[:end]
    while len(kept) > 1 and (kept[-1].pos_ in _LEADING_POS or kept[-1].is_punct):
        kept.pop()
    return kept


def _continues(left: Token, right: Token) -> bool:
    """`right` goes on with the name, date or figure that `left` is part of."""
    return right.i == left.i + 1 and right.ent_iob_ == "I" and left.ent_iob_ in ("B", "I")


def _status(verb: Token, date: DateRef | None, anchor: str | None) -> str:
    """upcoming / past / unknown, from modals and future-taking verbs, then the date, then tense."""
    if _future(verb):
        return "upcoming"
    if date is not None and date.value and anchor:
        value, base = date.value, anchor[:len(date.value)]
        if value > base:
            return "upcoming"
        if value < base:
            return "past"
    node = verb
    while (node.dep_ in ("dobj", "pobj", "prep") or node.dep_ in ("advcl", "xcomp") and node.tag_ in ("VBG", "VB")) \
            and node.head.i != node.i:  # "Addressing a conference in Wyoming, Bernanke said": said's tense
        node = node.head
    if node.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" or
                                 c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in node.children):
        return "past"
    return "unknown"


def _future(verb: Token) -> bool:
    if verb.pos_ == "NOUN" and any(c.lower_ in FUTURE_ADJECTIVES for c in verb.children):
        return True  # "the upcoming summit"
    node, hops = verb, 0
    while node is not None and hops < 4:
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in FUTURE_CUES:
                return True
        lemma = node.lemma_.lower()
        if hops and lemma in FUTURE_VERBS:
            return True
        if hops and lemma == "be" and any(c.dep_ == "xcomp" for c in node.children):  # "is to visit"
            return True
        if node.dep_ in ("xcomp", "conj", "advcl", "dobj", "pobj", "prep", "ccomp") and node.head.i != node.i:
            if node.dep_ == "ccomp" and hops:
                break
            node, hops = node.head, hops + 1
            continue
        break
    return False
