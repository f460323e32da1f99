"""Who a subject token names: entities by mention, apposition, role, and pronouns by antecedent.

Works on the parse spaCy already made and the entities the analysis already found: a token map
built once per article, then constant-time look-ups, so speaker resolution costs next to nothing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.analysis.cues import CHANNEL_NOUNS, GROUP_PRONOUNS, PERSON_PRONOUNS
from briefing.analysis.entities import ORG_NOUNS, PLACE_NOUNS
from briefing.analysis.phrases import BODIES, GOVERNMENTS, PEOPLE, PERSON
from briefing.analysis.sentences import spans as sentence_spans
from briefing.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_KIND_RANK = {"person": 0, "organization": 1, "group": 2, "place": 3, "other": 4}
_NP_DROP = frozenset("relcl acl prep punct cc conj advcl appos ccomp".split())
_DETS = frozenset("the a an this that these those".split())


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
TITLE_GENDER = {"mr": "m", "sir": "m", "king": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f",
                 "queen": "f", "lady": "f", "dame": "f", "spokeswoman": "f", "spokesman": "m",
                 "chairwoman": "f", "chairman": "m", "actress": "f", "businesswoman": "f"}


@dataclass(frozen=True)
class Speaker:
    name: str | None
    entity: str | None = None


NOBODY = Speaker(None, None)


class SpeakerResolver:
    """Resolves subject tokens of one Doc to speakers; `quoted` spans are skipped as antecedents."""

    def __init__(self, doc: Doc, entities: list[Entity], quoted: list[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.entities = {e.id: e for e in entities}
        self._quoted = sorted(quoted)
        self._quoted_starts = [q[0] for q in self._quoted]
        self.sent_start: list[int] = [0] * len(doc)  # token -> first token of its sentence
        for start, end, _, _ in sentence_spans(doc):
            self.sent_start[start:end] = [start] * (end - start)
        self.by_token: list[Entity | None] = [None] * len(doc)
        # (token index, entity) for every mention outside quotes, in text order: the antecedents.
        self._mentions: list[tuple[int, Entity]] = []
        for entity in entities:
            for m in entity.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for tok in span:
                    held = self.by_token[tok.i]
                    if held is None or _KIND_RANK.get(entity.kind, 9) < _KIND_RANK.get(held.kind, 9):
                        self.by_token[tok.i] = entity
                if not self.in_quote(m.start):
                    self._mentions.append((span.root.i, entity))
        self._add_missed_names()
        self._mentions.sort(key=lambda pair: pair[0])
        self._positions = [i for i, _ in self._mentions]
        self.gender = self._genders()
        self.reports: list = []  # named reporting clauses, filled in by the quote extractor
        self._name_words: set[str] | None = None  # every word of every entity's names, when first needed

    def in_quote(self, pos: int) -> bool:
        """Whether a character position lies inside one of the quoted spans (sorted, disjoint)."""
        k = bisect.bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and pos < self._quoted[k][1]

    def _add_missed_names(self) -> None:
        """A proper noun that is a known person's surname or alias, where no mention was found
        ("Montalvo contacted ..." after "Daniel Montalvo"): one more mention for speakers and pronouns."""
        words: dict[str, Entity | None] = {}
        for entity in self.entities.values():
            if entity.kind != "person":
                continue
            for name in {entity.name.rsplit(" ", 1)[-1], *(a for a in entity.aliases if " " not in a)}:
                words[name] = entity if words.get(name, entity) is entity else None  # ambiguous: None
        if not words:
            return
        for tok in self.doc:
            if tok.pos_ == "PROPN" and self.by_token[tok.i] is None and words.get(tok.text) is not None \
                    and not self.in_quote(tok.idx):
                self.by_token[tok.i] = words[tok.text]
                self._mentions.append((tok.i, words[tok.text]))

    def _genders(self) -> dict[str, str]:
        """"m" or "f" for persons an unambiguous pronoun refers back to, or a title marks."""
        votes: dict[str, list[int]] = {}
        for i, entity in self._mentions:
            if entity.kind == "person" and i > 0:
                mark = next((TITLE_GENDER[t.lower_.rstrip(".")] for t in self.doc[max(0, i - 3):i]
                             if t.lower_.rstrip(".") in TITLE_GENDER), None)
                if mark:
                    votes.setdefault(entity.id, [0, 0])[mark == "f"] += 1
        for tok in self.doc:
            sex = _PRONOUN_GENDER.get(tok.lower_)
            if sex is None or self.in_quote(tok.idx):
                continue
            end = bisect.bisect_left(self._positions, tok.i)
            sent = self.sent_start[tok.i]
            near = {e.id for i, e in self._mentions[max(0, end - 6):end] if e.kind == "person" and i >= sent}
            if not near:
                prev = self.sent_start[sent - 1] if sent > 0 else sent
                near = {e.id for i, e in self._mentions[max(0, end - 6):end] if e.kind == "person" and i >= prev}
            if len(near) == 1:
                votes.setdefault(near.pop(), [0, 0])[sex == "f"] += 1
        return {eid: ("m" if m > f else "f") for eid, (m, f) in votes.items() if m != f}

    # -------------------------------------------------------------- entities of a noun phrase
    def resolve(self, token: Token, depth: int = 0) -> Speaker:
        """The speaker a subject (or "according to" object) token stands for."""
        lower = token.lower_
        if token.tag_ in ("WP", "WDT") and lower in ("who", "that", "which") and token.head.dep_ == "relcl" \
                and depth < 3:
            return self.resolve(token.head.head, depth + 1)  # "Devocht, who had told Montalvo ..."
        if is_pronoun(token):
            return self.pronoun_at(token, depth)[0]
        found = self.entity_of_np(token)
        if found is not None and found.kind in ("person", "organization", "group"):
            joint = self.joint_name(token, found)
            if joint is not None:
                return joint
        if found is not None and found.kind != "person" and " " not in found.name:
            found = self.person_named(found.name) or found  # "said Bolden" typed as a place
        if found is not None:
            return Speaker(found.name, found.id)
        if token.lemma_.lower() in CHANNEL_NOUNS and depth < 3:  # "Cornyn's statement", "the Home Office letter"
            for child in token.children:
                if child.dep_ in ("poss", "compound") and child.ent_type_ not in _WHEN:  # not "an April 2nd report"
                    sub = self.resolve(child, depth + 1)
                    if sub.entity is not None or sub.name and child.pos_ == "PROPN":  # not "the event website"
                        return sub
            for prep, author in _authors_of(token):  # "a report by the Times of Zambia", "... in Ars Technica"
                sub = self.resolve(author, depth + 1)
                kind = self.entities[sub.entity].kind if sub.entity in self.entities else None
                unlisted_name = kind is None and author.pos_ == "PROPN" and author.ent_type_ not in _WHEN
                if kind == "organization" or kind == "person" and prep != "in" or unlisted_name:
                    return sub
            earlier = self.earlier_channel(token)
            if earlier is not None:  # "A ... GAO report ... The report warned that ...": the GAO's
                sub = self.resolve(earlier, depth + 1)
                if sub.entity is not None:
                    return sub
        by_role = self.by_role(token)
        if by_role is not None:
            return Speaker(by_role.name, by_role.id)
        return Speaker(self.np_text(token) if self.may_speak(token) else None, None)

    def may_speak(self, head: Token) -> bool:
        """Whether an unlisted noun phrase can be a speaker: a name (also one the tagger took for a
        common noun, "Wilkins observed", when the article names someone so), or a common noun that
        `may_speak` accepts."""
        if self._name_words is None:
            self._name_words = {w for e in self.entities.values() for n in (e.name, *e.aliases) for w in n.split()}
        return head.text in self._name_words or any(
            t.text[:1].isupper() and not t.is_sent_start for t in head.subtree) or may_speak(head)

    def earlier_channel(self, token: Token) -> Token | None:
        """The statement or report that "the report" refers back to: the last one of that noun, in
        the two sentences before or earlier in this one, that says whose it is ("a GAO report")."""
        if any(c.dep_ in ("poss", "compound") for c in token.children) \
                or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
            return None
        first = self.sent_start[token.i]
        for _ in range(2):
            first = self.sent_start[first - 1] if first > 0 else first
        for j in range(token.i - 1, first - 1, -1):
            tok = self.doc[j]
            if tok.lemma_ == token.lemma_ and tok.pos_ == "NOUN" and not self.in_quote(tok.idx) and any(
                    c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN") and c.ent_type_ not in _WHEN
                    for c in tok.children):
                return tok
        return None

    def joint_name(self, head: Token, first: Entity) -> Speaker | None:
        """Coordinated names speak together ("Both the Irving Independent School District and the
        Irving Police Department have asserted"): the phrase as written, the first entity's id.
        Only when every conjunct is a named person or organisation."""
        conjuncts = [c for c in head.children if c.dep_ == "conj"]
        if not conjuncts or len(conjuncts) > 3:
            return None
        for c in conjuncts:
            other = self.by_token[c.i]
            if other is None or other is first or other.kind not in ("person", "organization", "group"):
                return None
        start = head.left_edge.i
        while start < head.i and (self.doc[start].dep_ in ("preconj", "det") or self.doc[start].is_punct
                                  or "\n" in self.doc[start:head.i].text):  # not the line before
            start += 1
        text = self.doc[start:conjuncts[-1].i + 1].text.strip()
        return Speaker(text, first.id) if len(text.split()) <= 16 else None

    def pronoun_at(self, token: Token, depth: int = 0) -> tuple[Speaker, int]:
        """Who a personal pronoun stands for, and the token index of the mention that says so."""
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return self.antecedent_at(token, ("person",))
        if lower in ("it", "its"):
            return self.antecedent_at(token, ("organization", "group", "place"))
        if lower in GROUP_PRONOUNS:
            found, at = self.antecedent_at(token, ("organization", "group"))
            plural = self.plural_subject(token) if at < self.sent_start[token.i] and depth < 3 else None
            return (self.resolve(plural, depth + 1), plural.i) if plural is not None else (found, at)
        return NOBODY, -1

    def entity_of_np(self, head: Token) -> Entity | None:
        """The entity a noun phrase names: its head's, then an apposition's, then a compound's."""
        entity = self.by_token[head.i]
        if entity is not None and entity.kind == "organization":  # "The United Nations (UN) emergency
            for child in head.children:                             # relief coordinator Jan Egeland"
                person = self.by_token[child.i] if child.dep_ == "appos" else None
                if person is not None and person.kind == "person":
                    return person
        if entity is not None and entity.kind != "place" or entity is not None and head.pos_ == "PROPN":
            return entity
        for child in head.children:
            if child.dep_ == "appos":
                found = self.by_token[child.i] or self.entity_of_np(child)
                if found is not None and found.kind in ("person", "organization", "group"):
                    return found
        for child in head.children:  # "American academic and professor Marc Lamont Hill"
            if child.dep_ == "conj" and head.pos_ == "NOUN":
                found = self.by_token[child.i] or self.entity_of_np(child)
                if found is not None and found.kind == "person":
                    return found
        persons = [self.by_token[c.i] for c in head.children if c.dep_ in ("compound", "nmod")
                   and self.by_token[c.i] is not None and self.by_token[c.i].kind == "person"]
        if persons:
            return persons[-1]
        if entity is None:  # "Executive director of the ... Council Alia Salem"
            last = self.by_token[head.right_edge.i]
            if last is not None and last.kind == "person":
                return last
        return entity

    def person_named(self, surname: str) -> Entity | None:
        """The one person whose full name ends with this word, if exactly one does."""
        hits = [e for e in self.entities.values() if e.kind == "person" and " " in e.name
                and e.name.rsplit(" ", 1)[1] == surname]
        return hits[0] if len(hits) == 1 else None

    def by_role(self, head: Token) -> Entity | None:
        """"The mayor said" names the person whose role is mayor, when only one is."""
        if head.pos_ != "NOUN":
            return None
        lemma = head.lemma_.lower()
        hits = [e for e in self.entities.values()
                if e.kind == "person" and e.role and lemma in e.role.lower().split()]
        return hits[0] if len(hits) == 1 else None

    def np_text(self, head: Token) -> str | None:
        """A readable name for an unrecognised speaker: the noun phrase without clauses or "the"."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return head.text if head.text.isupper() and len(head.text) > 1 else None  # "WHO say"
        keep = [head]
        stack = [c for c in head.children if c.dep_ not in _NP_DROP]
        while stack:
            tok = stack.pop()
            keep.append(tok)
            stack.extend(c for c in tok.children if c.dep_ not in _NP_DROP)
        for prep in head.rights:  # "a spokesman for the Red Cross": whom the speaker speaks for
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
            held = self.by_token[pobj.i] if pobj is not None else None
            if prep.lower_ in ("for", "of", "at") and pobj is not None and (
                    pobj.pos_ == "PROPN" or held is not None and held.kind != "place"):
                clauses = [t for t in prep.subtree if t.dep_ in ("relcl", "acl", "punct", "cc", "conj")]
                keep.extend(t for t in prep.subtree if not any(t in c.subtree for c in clauses))
                break
        keep.sort(key=lambda t: t.i)
        while keep and keep[0].lower_ in _DETS:
            keep.pop(0)
        if not keep:
            return None
        text = self.doc[keep[0].i:keep[-1].i + 1].text.rsplit("\n", 1)[-1].strip()  # not a dateline before
        return text if 0 < len(text.split()) <= 10 else None

    # -------------------------------------------------------------- pronouns
    def antecedent(self, token: Token, kinds: tuple[str, ...], depth: int = 0) -> Speaker:
        """The nearest compatible entity named before: same sentence first, then earlier subjects.

        A closer pronoun of the same gender in the same sentence ("pleaded with him ..., but he
        replied") is followed to its own antecedent instead.
        """
        return self.antecedent_at(token, kinds, depth)[0]

    def antecedent_at(self, token: Token, kinds: tuple[str, ...], depth: int = 0) -> tuple[Speaker, int]:
        """`antecedent`, with the token index of the mention it chose (-1 when none)."""
        end = bisect.bisect_left(self._positions, token.i)
        sent_start = self.sent_start[token.i]
        sex = _PRONOUN_GENDER.get(token.lower_)
        if sex and depth < 3:
            for j in range(token.i - 1, sent_start - 1, -1):
                if _PRONOUN_GENDER.get(self.doc[j].lower_) != sex:
                    continue
                between = self._mentions[bisect.bisect_left(self._positions, j):end]
                if not any(e.kind == "person" and self.gender.get(e.id) == sex for _, e in between):
                    return self.antecedent_at(self.doc[j], kinds, depth + 1)
                break
        best_subject: tuple[Entity, int] | None = None
        last_sent: int | None = None
        fallback: tuple[Entity, int] | None = None
        for k in range(end - 1, -1, -1):
            i, entity = self._mentions[k]
            if token.i - i > 400:
                break
            if entity.kind not in kinds or sex and self.gender.get(entity.id, sex) != sex:
                continue
            if i >= sent_start:  # in the pronoun's own sentence: the nearest one
                return Speaker(entity.name, entity.id), i
            sent = self.sent_start[i]
            if last_sent is None:
                last_sent = sent
                fallback = entity, i
            elif sent != last_sent:
                break  # only the closest earlier sentence that names one
            if is_subject(self.doc[i]):
                best_subject = entity, i
        chosen = best_subject or fallback
        return (Speaker(chosen[0].name, chosen[0].id), chosen[1]) if chosen else (NOBODY, -1)

    def plural_subject(self, token: Token) -> Token | None:
        """A plural noun subject earlier in the pronoun's sentence, outside quotes ("Scientology
        officials went to the station where they claimed ..."): what "they" most often means."""
        for j in range(token.i - 1, self.sent_start[token.i] - 1, -1):
            tok = self.doc[j]
            if tok.dep_ == "nsubj" and tok.tag_ in ("NNS", "NNPS") and not self.in_quote(tok.idx):
                return tok
        return None


_ISSUE_VERBS = frozenset("release issue publish send write sign post produce prepare author file submit".split())
_WHEN = frozenset("DATE TIME CARDINAL ORDINAL".split())


# Common nouns for who may say something, beyond people, bodies, places and documents: "sources
# said", "the media reported", "some individuals claimed".
_SPEAKING = frozenset("source individual media medium public everyone everybody someone somebody".split())
_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian", "man", "men", "woman", "ive", "eer")


_SPEAKING_NOUNS = _SPEAKING | PEOPLE | PERSON | ORG_NOUNS | BODIES | GOVERNMENTS | PLACE_NOUNS | CHANNEL_NOUNS


def may_speak(head: Token) -> bool:
    """Whether an unlisted noun phrase can be a speaker: a name, or a common noun for people, a
    body, a place (its government) or a statement or report ("analysts", "the company", "the
    report"), not a thing ("allegations", "estimates", "several times")."""
    if head.pos_ != "NOUN" or any(t.pos_ == "PROPN" for t in head.subtree):
        return True
    lemma = head.lemma_.lower()
    return lemma in _SPEAKING_NOUNS or head.lower_ in PEOPLE or lemma.endswith(_AGENT_ENDINGS)


def _authors_of(noun: Token) -> list[tuple[str, Token]]:
    """Who a statement or report may be by: "by X", "from X", "in X" (a newspaper), "released by X"."""
    out = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "in") \
                or child.dep_ == "acl" and child.lemma_ in _ISSUE_VERBS:
            holder = child if child.dep_ == "prep" else next(
                (c for c in child.children if c.dep_ == "agent"), None)
            pobj = next((c for c in holder.children if c.dep_ == "pobj"), None) if holder is not None else None
            if pobj is not None:
                out.append((holder.lower_, pobj))
    return out


def is_pronoun(token: Token) -> bool:
    """A personal pronoun (not an all-capitals acronym the tagger took for one: "WHO say")."""
    return (token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$")) and token.tag_ not in ("WP", "WDT", "WP$") \
        and not (token.text.isupper() and len(token.text) > 1)


def is_subject(token: Token) -> bool:
    while token.dep_ in ("compound", "flat", "appos", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through participles and conjuncts that share it.

    Of a subject split into several (a misparse of "Facebook co-founder Mark Zuckerberg tweeted"),
    the part nearest the verb names it; of a passive, the agent ("asserted by the Crown").
    """
    gerund = False  # on the way up from "by pointing out that ...": the manner of the doer's action
    for _ in range(8):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            subject = max(subjects, key=lambda c: c.i)
            if subject.dep_ == "nsubjpass":
                for agent in verb.children:
                    if agent.dep_ == "agent":
                        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            return pobj
            return subject
        if _reports_beside(verb):
            verb = verb.head.head
            continue
        gerund = gerund or verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "by"
        if verb.head.i == verb.i or verb.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp", "prep", "acomp") \
                and not (gerund and verb.dep_ in ("dobj", "pobj") and verb.pos_ in ("NOUN", "PROPN")):
            return None  # (a gerund's clause may hang off a noun: "support the move ... by pointing out")
        verb = verb.head
    return None


def _reports_beside(verb: Token) -> bool:
    """"The report warned that allegations lacked specifics and recommended that ...": a finite
    reporting verb with a clause of its own, that the parser conjoined to the clause another finite
    reporting verb reports, is that other verb's conjunct (the allegations recommend nothing). A
    participle stays where it is ("said Arafat had written a letter ... saying that ...")."""
    from briefing.analysis.cues import REPORT_VERBS

    clause = verb.head
    outer = clause.head
    return verb.dep_ == "conj" and verb.lemma_.lower() in REPORT_VERBS and verb.tag_ in _FINITE \
        and any(c.dep_ == "ccomp" for c in verb.children) \
        and clause.dep_ == "ccomp" and outer.lemma_.lower() in REPORT_VERBS and outer.tag_ in _FINITE \
        and outer.i < clause.i


_FINITE = frozenset(("VBD", "VBZ", "VBP"))
