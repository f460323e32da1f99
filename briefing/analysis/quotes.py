"""Quotes: direct and partial (from quote marks) and indirect (from reporting verbs), with speakers.

Quote marks are paired by a scanner that never crosses a paragraph unless the next paragraph
reopens the quote (the multi-paragraph convention), so an odd number of marks can cost at most
one quote, never swallow the article. Speakers come from the dependency parse spaCy already made:
the reporting verb's subject (also inverted "said X"), "according to X", and pronouns resolved by
`speakers.SpeakerResolver`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.analysis.cues import (FRAME_VERBS, QUESTION_VERBS, QUESTION_WORDS, REPORT_ADJECTIVES, REPORT_NOUNS,
                                   REPORT_VERBS, WEAK_REPORT_VERBS)
from briefing.analysis.sentences import sentence_index
from briefing.analysis.sentences import text as doc_text
from briefing.analysis.speakers import (NOBODY, TITLE_GENDER, Speaker, SpeakerResolver, is_pronoun, is_subject,
                                       subject_of)
from briefing.model import Article, Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MARKS = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"
_LEFT_OPEN = set(" \t\n([{—–-/")
_RIGHT_CLOSE = set(" \t\n.,;:!?)]}—–-/…")
# Single quotes: an opening mark not inside a word, up to a paragraph's worth of text, a closing
# mark not before a letter (so apostrophes in "it's" and "Russia’s" close nothing).
_SINGLE_OPEN = re.compile(r"(?<![\w’'])[‘'](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])[’'](?![\w’'])")
_SINGLE_BREAK = re.compile(r"[\n\"“”‘]")
_SINGLE_MAX = 400
_FUNCTION = frozenset("a an the of and or in on at to for by with from de la du von van".split())
_MAX_WORDS_PARTIAL = 25


def _single_quotes(text: str) -> list[Marked]:
    """Single-quoted runs, paired in one pass: each opener takes the first closer after it."""
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    out: list[Marked] = []
    after = 0
    for m in _SINGLE_OPEN.finditer(text):
        o = m.start()
        if o < after:
            continue
        k = bisect.bisect_right(closers, o + 1)
        if k == len(closers):
            break
        c = closers[k]
        if 2 < c - o <= _SINGLE_MAX and _SINGLE_BREAK.search(text, o + 1, c) is None:
            out.append(Marked(o + 1, c, double=False))
            after = c + 1
    return out


def _char_before(text: str, i: int) -> str:
    """The last character before position i that is not a space or tab ("" at the start)."""
    i -= 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return text[i] if i >= 0 else ""


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: a paragraph as far as quote marks are concerned."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _direction(text: str, i: int, base: int, end: int) -> str | None:
    """"open" or "close" when the characters around a mark say so, else None."""
    left = text[i - 1] if i > base else " "
    right = text[i + 1] if i + 1 < end else " "
    if left in _LEFT_OPEN and right not in _RIGHT_CLOSE:
        return "open"
    if right in _RIGHT_CLOSE and left not in _LEFT_OPEN:
        return "close"
    return None


@dataclass
class Marked:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    double: bool = True


def find_quote_marks(text: str) -> list[Marked]:
    """Spans between matching quote marks, paragraph-bounded, robust to unpaired marks.

    A quote left open at a paragraph's end continues into the next paragraph when that one
    reopens it (the convention for long quotes) or closes it before opening another; otherwise it
    ends with its paragraph if it opened like a quote (after ":" or "," or at the paragraph's
    start), and is dropped if not. So an odd mark costs one quote at most.
    """
    spans: list[Marked] = []
    lines = _paragraphs(text)
    open_at: int | None = None
    dangling: int | None = None  # an open quote carried over from the previous paragraph
    for n, (base, end) in enumerate(lines):
        marks = [m.start() for m in _MARKS.finditer(text, base, end)]
        if dangling is not None:
            first = marks[0] if marks else None
            if first is not None and text[base:first].strip() == "" and _direction(text, first, base, end) != "close":
                open_at, marks = dangling, marks[1:]  # reopened: the same quote goes on
            elif first is not None and _direction(text, first, base, end) == "close":
                spans.append(Marked(dangling, first))  # closed without reopening
                marks = marks[1:]
            else:
                spans.append(Marked(dangling, lines[n - 1][1]))  # ended with its paragraph
            dangling = None
        for i in marks:
            direction = _direction(text, i, base, end)
            glyph = "open" if text[i] in _OPENERS else "close" if text[i] in _CLOSERS else None
            if open_at is None:
                if glyph == "close" and direction != "open":
                    continue  # a stray closing mark
                open_at = i + 1
            else:
                if glyph == "open" and direction != "close":
                    open_at = i + 1  # the earlier opening was never closed: restart here
                    continue
                if i > open_at:
                    spans.append(Marked(open_at, i))
                open_at = None
        if open_at is not None:
            opener = _char_before(text, open_at - 1)
            if opener in ("", "\n", ":", ",") or open_at - 1 == base or open_at < base:
                dangling = open_at
            open_at = None
    if dangling is not None and lines:
        spans.append(Marked(dangling, lines[-1][1]))
    doubles = [(d.start, d.end) for d in spans]  # in text order, disjoint
    starts = [d[0] for d in doubles]
    for q in _single_quotes(text):  # a single-quoted run inside a double quote is nested: skip it
        k = bisect.bisect_right(starts, q.start) - 1
        inside = k >= 0 and q.start < doubles[k][1]
        crosses = k + 1 < len(doubles) and doubles[k + 1][0] < q.end
        if not inside and not crosses:
            spans.append(q)
    spans.sort(key=lambda q: q.start)
    return [q for q in spans if text[q.start:q.end].strip(" \t\n")]


def extract_quotes(doc: Doc, entities: list[Entity], article: Article | None = None) -> list[Quote]:
    """Every direct, partial and indirect quote of the article, in text order."""
    text = doc_text(doc)
    marked = find_quote_marks(text)
    spans = [(q.start, q.end) for q in marked]
    resolver = SpeakerResolver(doc, entities, spans)
    inside = _inside_map(doc, spans)
    resolver.reports = _named_reports(doc, inside, resolver)
    quotes: list[Quote] = []
    last: tuple[int, Speaker] | None = None  # (paragraph start, speaker) of the previous quote
    for q in marked:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        kind = _kind(text, q, span)
        if kind is None:
            continue
        cue, speaker = _attribute(doc, span, inside, resolver, text, q)
        para = text.rfind("\n", 0, q.start) + 1
        if speaker.name is None and last is not None and kind == "direct" and _continues(text, last[0], para):
            speaker = last[1]
        if kind == "partial" and cue is None:
            continue  # a title or a scare-quoted term, not somebody's words
        start, end = _trim(text, q.start, q.end)
        quotes.append(Quote(start, end, text[start:end], kind, speaker.name, speaker.entity, cue))
        if speaker.name is not None:
            last = (para, speaker)
    quotes.extend(_indirect(doc, inside, resolver, spans))
    quotes.sort(key=lambda x: (x.start, x.end))
    return quotes


# ------------------------------------------------------------------ direct and partial
def _kind(text: str, q: Marked, span: Span) -> str | None:
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words:
        return None
    before = _char_before(text, q.start - 1)
    clause = any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i >= span.start and t.head.i < span.end
                 for t in span)
    starts_free = before in ("", "\n", ".", "!", "?", ":", ",", "—", "–", "-", ";")
    if not starts_free and span.start > 1:  # 'he replied "I am not able to do that"'
        prev = span.doc[span.start - 2] if span.doc[span.start - 1].is_punct else span.doc[span.start - 1]
        starts_free = prev.lemma_.lower() in FRAME_VERBS and prev.pos_ in ("VERB", "AUX")
    ends_free = text[q.end - 1:q.end] in ".,!?…" or text[q.end + 1:q.end + 2] in (",", "")
    if starts_free and (clause or len(words) >= 6) and (ends_free or len(words) >= 6):
        return "direct"
    if _title_like(words):
        return None
    if len(words) > _MAX_WORDS_PARTIAL and not clause:
        return None
    return "partial"


def _title_like(words: list[Token]) -> bool:
    """"Insurgency Wiki", "Andy Warhol: Photographs and Prints": names and titles, not speech."""
    content = [t for t in words if t.lower_ not in _FUNCTION]
    return bool(content) and all(t.text[:1].isupper() or t.text[:1].isdigit() for t in content)


def _inside_map(doc: Doc, spans: list[tuple[int, int]]) -> list[int]:
    """For each token, the index of the quote span holding it, or -1."""
    out = [-1] * len(doc)
    for n, (s, e) in enumerate(spans):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                out[i] = n
    return out


def _attribute(doc: Doc, span: Span, inside: list[int], resolver: SpeakerResolver, text: str,
               q: Marked) -> tuple[str | None, Speaker]:
    """The reporting verb that frames a quote, and its speaker."""
    own = inside[span.start]
    # 1. a frame verb that governs the quote, or hangs off it ("..., Zelensky stated")
    for tok in span:
        if inside[tok.head.i] == own and tok.head.i != tok.i:
            continue
        node, hops = tok.head, 0
        while hops < 6:
            if inside[node.i] != own:
                found = _cue_at(node, resolver)
                if found is not None:
                    return found
            if node.head.i == node.i:
                break
            node, hops = node.head, hops + 1
    for tok in span:
        for child in tok.children:
            if inside[child.i] == -1 and child.pos_ in ("VERB", "AUX") and child.lemma_.lower() in FRAME_VERBS:
                return _from_verb(child, resolver)
    # 2. the words next to the quote, within its paragraph: ', said X.' or 'X said: "'
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    para_start = text.rfind("\n", 0, q.start) + 1
    after = doc.char_span(min(q.end + 1, para_end), para_end, alignment_mode="contract")
    if after is not None:
        window = [t for t in after[:12]]
        cut = next((k for k, t in enumerate(window) if inside[t.i] != -1), len(window))
        window = window[:cut]
        if window and window[0].text in ("-", "—", "–"):  # '"..." - Matthew Ingram'
            for t in window[1:4]:
                entity = resolver.by_token[t.i]
                if entity is not None and entity.kind in ("person", "organization"):
                    return None, Speaker(entity.name, entity.id)
        for t in window:
            if t.text in (".", "!", "?") and t.i > window[0].i + 1:
                break
            if t.lemma_.lower() in FRAME_VERBS and t.pos_ in ("VERB", "AUX"):
                return _from_verb(t, resolver)
    lead_start = para_start
    if not text[para_start:q.start - 1].strip():  # a quote opening its paragraph: 'X said:' before
        i = para_start - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        if i >= 0 and text[i] == ":":
            lead_start = text.rfind("\n", 0, i) + 1
    before = doc.char_span(lead_start, max(lead_start, q.start - 1), alignment_mode="contract")
    if before is not None and len(before):
        window = [t for t in before[-14:] if inside[t.i] == -1]
        tail = text[lead_start:q.start - 1].rstrip()
        if tail.endswith((":", ",")):
            for t in reversed(window):
                if t.lemma_.lower() in FRAME_VERBS and t.pos_ in ("VERB", "AUX"):
                    return _from_verb(t, resolver)
                if t.lower_ == "according":
                    return _from_according(t, resolver)
                if t.lower_ == "words":  # "in the words of X,"
                    of = next((c for c in t.children if c.lower_ == "of"), None)
                    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                    if pobj is not None:
                        return "words", resolver.resolve(pobj)
    return None, NOBODY


def _cue_at(node: Token, resolver: SpeakerResolver) -> tuple[str | None, Speaker] | None:
    """The cue a governing token makes: a frame verb, a reporting noun, or "according to" beside it."""
    lemma = node.lemma_.lower()
    if lemma in FRAME_VERBS and node.pos_ in ("VERB", "AUX"):
        return _from_verb(node, resolver)
    if lemma in REPORT_NOUNS and node.pos_ == "NOUN":
        return _from_noun(node, resolver)
    if node.lower_ == "according":
        return _from_according(node, resolver)
    for child in node.children:
        if child.lower_ == "according" and child.dep_ == "prep":
            return _from_according(child, resolver)
    return None


def _from_verb(verb: Token, resolver: SpeakerResolver) -> tuple[str, Speaker]:
    subject = subject_of(verb)
    if subject is None:
        return verb.text, _left_entity(verb, resolver)
    if _across_lines(subject, verb):  # a caption run into the next paragraph's subject
        return verb.text, _line_opener(verb, resolver)
    if subject.dep_ == "nsubjpass" and subject.head.i == verb.i or subject.dep_ == "expl":
        return verb.text, NOBODY  # "it is feared that ...", "Paris was told that ...": not the speaker
    if is_pronoun(subject):
        return verb.text, _pronoun_speaker(subject, verb, resolver)
    speaker = resolver.resolve(subject)
    if speaker.entity is None and subject.pos_ == "PROPN":  # "Tom Molomby, SC, said": the name before
        named = _left_entity(subject, resolver, reach=4)
        if named.entity is not None:
            return verb.text, named
    if speaker.entity is None and subject.pos_ == "NOUN":  # "Buzz Hargrove, the president of ... said"
        j = subject.left_edge.i - 1
        person = resolver.by_token[j - 1] if j > 0 and subject.doc[j].text == "," else None
        if person is not None and person.kind == "person":
            return verb.text, Speaker(person.name, person.id)
    return verb.text, speaker


@dataclass(frozen=True)
class _Report:
    """A reporting verb whose subject names its speaker (no pronoun)."""
    verb: int
    subject: Token
    speaker: Speaker


_REPORT_WINDOW = 3  # sentences back that "She also said" may reach for the last named speaker


def _named_reports(doc: Doc, inside: list[int], resolver: SpeakerResolver) -> list[_Report]:
    """Every reporting verb outside quotes with a named subject, in text order."""
    out: list[_Report] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in FRAME_VERBS or inside[tok.i] != -1:
            continue
        subject = subject_of(tok)
        if subject is None or is_pronoun(subject) or subject.tag_ in ("WP", "WDT") or _across_lines(subject, tok):
            continue
        if _reported_inside(tok, inside):  # "The authors say the results confirm ...": the authors go on
            continue
        if any(c.lower_ == "no" for c in subject.children) or subject.lower_ in ("nobody", "none"):
            continue  # "no one is predicting ...": nobody to go on with
        speaker = resolver.resolve(subject)
        if speaker.name:
            out.append(_Report(tok.i, subject, speaker))
    return out


def _pronoun_speaker(pronoun: Token, verb: Token, resolver: SpeakerResolver) -> Speaker:
    """A pronoun subject of a reporting verb: its antecedent, unless a speaker named by an earlier
    reporting verb is more recent. "Paris claims that ... She also claims", "the Church denied these
    allegations: ... They also claimed": reporters go on with the speaker they just named, and that
    speaker may be one the entity list mistyped (a person taken for a place) or did not list."""
    found, at = resolver.pronoun_at(pronoun)
    reports: list[_Report] = resolver.reports
    k = bisect.bisect_left([r.verb for r in reports], verb.i) - 1
    if k < 0:
        return found
    last = reports[k]
    if last.speaker == found or not _may_refer(pronoun, last, resolver):
        return found
    doc = verb.doc
    back = sentence_index(doc, verb.i) - sentence_index(doc, last.verb)
    if back > _REPORT_WINDOW:
        return found
    if last.subject.i <= at and not (back <= 1 and not is_subject(doc[at])):
        return found  # a closer antecedent, unless it is no subject and the speaker is one sentence back
    between = doc[last.verb:pronoun.i].text
    if between.count("\n\n") + (1 if "\n" in between and "\n\n" not in between else 0) > 1:
        return found  # more than one paragraph back
    return last.speaker


def _may_refer(pronoun: Token, report: _Report, resolver: SpeakerResolver) -> bool:
    """Whether a pronoun can stand for a reported speaker: he/she for a person (of that gender,
    when known) or an unlisted proper name or title; they for an organisation, group or plural;
    it for an organisation, place or a singular noun."""
    lower, subject = pronoun.lower_, report.subject
    entity = resolver.entities.get(report.speaker.entity) if report.speaker.entity else None
    if lower in ("he", "she"):
        if entity is not None:
            sex = "m" if lower == "he" else "f"
            if entity.kind in ("place", "other") and _says_of_self(report, lower, resolver.doc):
                return True  # "Paris claims that she was working ...": Paris is a she, whatever its type
            if entity.kind != "person":  # a person's name typed otherwise ("Kristen Wilkins" as an organisation)
                entity = resolver.person_named(entity.name.rsplit(" ", 1)[-1]) if " " in entity.name else None
            return entity is not None and resolver.gender.get(entity.id, sex) == sex
        return subject.tag_ == "NNP" or subject.lemma_.lower() in TITLE_GENDER
    if lower == "they":
        if entity is not None:
            return entity.kind in ("organization", "group")
        return subject.pos_ in ("NOUN", "PROPN") and subject.lemma_.lower() not in TITLE_GENDER
    if lower == "it":
        if entity is not None:
            return entity.kind in ("organization", "place")
        return subject.tag_ in ("NN", "NNP")
    return False


def _says_of_self(report: _Report, pronoun: str, doc: Doc) -> bool:
    """Whether the report's own clause has the pronoun as a subject ("X claims that she ..."): what a
    speaker says of itself names its gender, even when the entity list took the name for a place."""
    verb = doc[report.verb]
    return any(t.lower_ == pronoun and t.dep_ in ("nsubj", "nsubjpass") and t.i > verb.i for t in verb.subtree)


def _left_entity(verb: Token, resolver: SpeakerResolver, reach: int = 14) -> Speaker:
    """A misparsed subject ("Kiara Perkins, a ... major, admitted"): the person or organisation
    just before the verb, within its sentence and paragraph."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.i - reach, resolver.sent_start[verb.i] - 1, -1), -1):
        tok = doc[i]
        if "\n" in tok.text or tok.pos_ in ("VERB", "AUX") or tok.text in (".", ";", ":", '"', "”", "“"):
            break
        entity = resolver.by_token[i]
        if entity is not None and entity.kind == "organization":  # "Tom Molomby, SC, said"
            person = _person_before(i, entity, resolver)
            if person is not None:
                entity = person
        if entity is not None and entity.kind in ("person", "organization"):
            return Speaker(entity.name, entity.id)
    return NOBODY


def _person_before(i: int, entity: Entity, resolver: SpeakerResolver) -> Entity | None:
    """The person an organisation name at token i stands in apposition to ("Name, SC," or
    "Name, of CNN,"): the one named just before the comma that opens the organisation's mention."""
    doc = resolver.by_token
    j = i
    while j > 0 and doc[j - 1] is entity:
        j -= 1
    k = j - 1
    if k > 0 and entity is not None and resolver.doc[k].lower_ == "of":
        k -= 1
    if k > 0 and resolver.doc[k].text == ",":
        person = doc[k - 1]
        if person is not None and person.kind == "person":
            return person
    return None


def _across_lines(subject: Token, verb: Token) -> bool:
    """Whether a line break lies between a subject and its verb: the parser took a caption or
    heading line ("USI exhibit") for the subject of the next paragraph's verb."""
    lo, hi = sorted((subject.i, verb.i))
    return any("\n" in t.text for t in subject.doc[lo:hi])


def _line_opener(verb: Token, resolver: SpeakerResolver) -> Speaker:
    """The person or organisation that opens the verb's line ("Kiara Perkins, a ... major, admitted")."""
    doc = verb.doc
    start = verb.i
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    for i in range(start, verb.i):
        entity = resolver.by_token[i]
        if entity is not None and entity.kind in ("person", "organization"):
            return Speaker(entity.name, entity.id)
    return NOBODY


def _from_noun(noun: Token, resolver: SpeakerResolver) -> tuple[str, Speaker]:
    """"X's claim that ...", "X voiced concerns that ...": the possessor or the verb's subject."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun.text, resolver.resolve(child)
    if noun.dep_ in ("dobj", "pobj", "nsubjpass"):
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        subject = subject_of(verb)
        if subject is not None:
            return f"{verb.text} {noun.text}", resolver.resolve(subject)
    return noun.text, NOBODY


def _according_object(according: Token) -> Token | None:
    """The source "according to" names. The parser may split it into two objects ("according to
    curator Elaine Gustafon": curator + Gustafon) or take a name for a verb ("According to Rathbun
    the property ...": pcomp): of several, the proper noun, else the first."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None:
        return None
    objs = [c for c in to.children if c.dep_ in ("pobj", "pcomp")]
    named = [c for c in objs if c.pos_ == "PROPN" or c.dep_ == "pcomp" and c.text[:1].isupper()]
    return (named or objs or [None])[0]


def _from_according(according: Token, resolver: SpeakerResolver) -> tuple[str, Speaker]:
    obj = _according_object(according)
    if obj is None:
        return "according to", NOBODY
    speaker = resolver.resolve(obj)
    if speaker.entity is None and obj.pos_ == "NOUN":  # "according to a witness, Sergeant ... Marciello, ..."
        named = _comma_name(_source_end(according, resolver=None), resolver)
        if named is not None:
            return "according to", Speaker(named[0].name, named[0].id)
    return "according to", speaker


def _comma_name(end: int, resolver: SpeakerResolver) -> tuple[Entity, int] | None:
    """A person named between commas right after token `end`, the parser having missed that it is
    an apposition: the person and the last token of the name."""
    doc = resolver.doc
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    i = end + 2
    while i < len(doc) and i - end <= 8 and doc[i].pos_ == "PROPN":
        i += 1
    if i == end + 2 or i >= len(doc) or doc[i].text != ",":
        return None
    person = resolver.by_token[i - 1]
    return (person, i - 1) if person is not None and person.kind == "person" else None


def _source_end(according: Token, resolver: SpeakerResolver | None) -> int:
    """The last token of "according to X[, apposition]": not the clause the parser hangs on X."""
    obj = _according_object(according)
    if obj is None:
        return according.i + 1
    if obj.dep_ == "pcomp":  # a name misparsed as a verb: its "object" is the clause reported
        return obj.i
    end, comma = obj.i, False
    for child in obj.rights:
        if child.is_punct:
            comma = comma or child.text == ","
            continue
        if child.dep_ in ("appos", "relcl", "acl"):
            end = max(end, child.right_edge.i)
        elif not comma and child.dep_ in ("prep", "compound", "flat", "nummod"):
            # "an April 2nd report in Ars Technica": up to the comma, whatever the parser hung on it
            stop = next((t.i for t in child.subtree if t.text == ","), child.right_edge.i + 1)
            end = max(end, stop - 1)
        else:
            break
    named = _comma_name(end, resolver) if resolver is not None and obj.pos_ == "NOUN" else None
    return named[1] if named is not None else end


def _continues(text: str, last_para: int, para: int) -> bool:
    """A quote with no verb of its own continues the previous speaker's words nearby."""
    if last_para == para:
        return True
    between = text[last_para:para].rstrip("\n")
    return "\n" not in between  # the paragraph right after


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


# ------------------------------------------------------------------ indirect speech
def _indirect(doc: Doc, inside: list[int], resolver: SpeakerResolver,
              spans: list[tuple[int, int]]) -> list[Quote]:
    out: list[Quote] = []
    text = doc_text(doc)
    starts = [s for s, _ in spans]
    for tok in doc:
        if inside[tok.i] != -1:
            continue
        lemma = tok.lemma_.lower()
        content: tuple[int, int] | None = None
        if (lemma in REPORT_VERBS or lemma in QUESTION_VERBS) and tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "neg" for c in tok.children):
                continue
            comp = _complement(tok)
            if lemma in QUESTION_VERBS and (comp is None or comp.left_edge.lower_ not in QUESTION_WORDS
                                            or _passive(tok) or subject_of(tok) is None):
                continue  # "Asked whether ..., Carson said": the one asked answers, nobody is quoted
            if comp is not None and comp.left_edge.lower_ != "that" and any(c.dep_ == "auxpass" for c in tok.children):
                continue  # "the plants are thought to be affected": a hedge, not somebody's words
            if lemma in WEAK_REPORT_VERBS and (comp is None or not _plain_clause(tok, comp)):
                continue
            if comp is not None:
                content = _clause_span(comp, tok, text)
            elif tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                content = _clause_span(tok.head, tok, text, exclude=tok)  # "As Heald told the Post, ..."
            else:
                continue
            cue, speaker = _from_verb(tok, resolver)
        elif tok.lower_ in ("quoting", "citing") and tok.dep_ in ("advcl", "acl", "xcomp") and tok.head.i != tok.i:
            # "According to Yonhap, quoting KCNA, the military has been placed on high alert": KCNA's words
            source = next((c for c in tok.children if c.dep_ == "dobj"), None)
            speaker = resolver.resolve(source) if source is not None else NOBODY
            kind = resolver.entities[speaker.entity].kind if speaker.entity in resolver.entities else None
            if kind not in ("person", "organization"):
                continue  # "citing major flaws", "citing people familiar with the situation"
            content = _clause_span(tok.head, tok, text, exclude=tok)
            cue = tok.text
        elif tok.lower_ in REPORT_ADJECTIVES and (tok.dep_ == "acomp" or tok.tag_ == "VBN"):
            # "Djamal is concerned that ...", "associations are concerned the Government will ..."
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            copula = tok.head if tok.dep_ == "acomp" else tok
            if comp is None or not _plain_clause(tok, comp) or any(c.dep_ == "neg" for c in copula.children):
                continue
            content = _clause_span(comp, tok, text)
            holder = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            holder = holder if holder is not None else subject_of(copula)
            cue, speaker = tok.text, (resolver.resolve(holder) if holder is not None else NOBODY)
        elif lemma in REPORT_NOUNS and tok.pos_ == "NOUN":
            comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if comp is None:
                continue
            content = _clause_span(comp, tok, text)
            cue, speaker = _from_noun(tok, resolver)
        elif tok.lower_ == "according" and tok.dep_ == "prep":
            head = tok.head
            if head.i == tok.i:
                continue
            content = _according_span(tok, resolver) or _clause_span(head, tok, text, exclude=tok)
            cue, speaker = _from_according(tok, resolver)
        if content is None:
            continue
        start, end = content
        if end - start < 8 or _mostly_quoted(start, end, spans, starts):
            continue
        if speaker.name is None and speaker.entity is None:
            speaker = NOBODY
        out.append(Quote(start, end, text[start:end], "indirect", speaker.name, speaker.entity, cue))
    return _dedupe(out)


def _according_span(according: Token, resolver: SpeakerResolver) -> tuple[int, int] | None:
    """What "according to X" reports when it opens or closes its sentence: the rest of the
    sentence, not the one clause the parser attached it to ("According to the coach, in their
    first matchup, the robot ... scored"; "... saw attendance reach 11,000, according to X.")."""
    doc = according.doc
    first = resolver.sent_start[according.i]
    last = first
    while last + 1 < len(doc) and resolver.sent_start[last + 1] == first:
        last += 1
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, according.idx) + 1
    para_end = text.find("\n", according.idx)
    para_end = len(text) if para_end < 0 else para_end
    words = [t.i for t in doc[first:last + 1] if not (t.is_punct or t.is_space) and para_start <= t.idx < para_end]
    if not words:
        return None
    end = _source_end(according, resolver)
    if according.i == words[0]:  # "According to X, ..."
        body = [i for i in words if i > end]
    elif end >= words[-1] and (doc[according.i - 1].text == "," or not _reported_inside(according)):
        body = [i for i in words if i < according.i]  # "..., according to X."
    else:
        return None
    if not body:
        return None
    return doc[body[0]].idx, doc[body[-1]].idx + len(doc[body[-1]].text)


def _plain_clause(verb: Token, comp: Token) -> bool:
    """A that-clause, or a finite clause with its own subject starting right after the verb."""
    if comp.left_edge.lower_ == "that":
        return True
    finite = comp.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in comp.children)
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children)
    return finite and subject and comp.left_edge.i == verb.i + 1 and comp.left_edge.lower_ not in QUESTION_WORDS


def _passive(verb: Token) -> bool:
    """A past participle without "have": "was asked", "Asked whether ...,"."""
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _reported_inside(token: Token, inside: list[int] | None = None) -> bool:
    """Whether a token sits in a clause somebody else reports ("The Times report that jobs rose in
    August according to research by ...": the "according to" qualifies that clause only)."""
    node = token if token.pos_ in ("VERB", "AUX") else token.head
    for _ in range(40):
        if node.head.i == node.i:
            break
        if node.head.lemma_.lower() in REPORT_VERBS and node.dep_ in ("ccomp", "dobj") and node.head.i < token.i \
                and (inside is None or inside[node.head.i] == -1):
            return True  # (not a verb after the clause, "...; it noted", nor one in a quote before it)
        node = node.head
    return False


def _complement(verb: Token) -> Token | None:
    """The clause a reporting verb reports: a that-clause first, then one after the verb."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    for c in verb.children:  # "observed that the date ... coincided": a misparsed that-clause
        if c.dep_ == "dobj" and c.left_edge.dep_ == "mark" and c.left_edge.lower_ == "that":
            comps.append(c)
    if not comps:
        return None
    marked = [c for c in comps if c.left_edge.lower_ == "that"]
    after = [c for c in comps if c.i > verb.i]
    return (marked or after or comps)[0]


def _clause_span(head: Token, cue: Token, text: str, exclude: Token | None = None) -> tuple[int, int] | None:
    """Characters of a clause's subtree, without the cue or edge punctuation."""
    para_start = text.rfind("\n", 0, cue.idx) + 1
    para_end = text.find("\n", cue.idx)
    para_end = len(text) if para_end < 0 else para_end
    # the clause as far as it lies in the cue's paragraph (a parse may run across a blank line)
    toks = [t for t in head.subtree if t.i != cue.i and para_start <= t.idx < para_end
            and (exclude is None or t not in exclude.subtree)]
    if not toks:
        return None
    # keep the contiguous run on the clause's side of the cue
    if exclude is None and cue.i < head.i:
        toks = [t for t in toks if t.i > cue.i]
    elif exclude is None:
        toks = [t for t in toks if t.i < cue.i]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in ("”", '"'):
        toks.pop()
    if not toks:
        return None
    if exclude is not None:  # "according to X" may sit mid-clause: keep the longer side
        left = [t for t in toks if t.i < exclude.i]
        right = [t for t in toks if t.i > exclude.i]
        toks = right if len(right) >= len(left) else left
        while toks and (toks[0].is_punct or toks[0].is_space):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in ("”", '"'):
            toks.pop()
        if not toks:
            return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _mostly_quoted(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether quote marks cover half of a span or more (spans sorted and disjoint)."""
    covered = 0
    for k in range(max(0, bisect.bisect_right(starts, start) - 1), bisect.bisect_left(starts, end)):
        s, e = spans[k]
        covered += max(0, min(end, e) - max(start, s))
    return covered >= 0.5 * (end - start)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per content span: nested reports ("said she felt ...") keep the outer one."""
    quotes.sort(key=lambda q: (q.start, -(q.end - q.start)))
    out: list[Quote] = []
    for q in quotes:
        if out and q.start == out[-1].start and q.end == out[-1].end:
            continue
        out.append(q)
    return out
