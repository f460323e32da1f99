"""Figures: numbers and amounts with their value and, from the dependency parse, what they count.

The model's CARDINAL / MONEY / PERCENT / QUANTITY spans are the candidates; rules drop numbers that
are parts of names ("FTSE 100", "Boeing 737", "iPhone 4"), add ages and durations the model files
as dates ("Papermaster, 49", "under six hours"), and read "a couple thousand" as 2000.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.analysis.sentences import sentence_start
from briefing.model import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1,
         "couple": 2, "pair": 2, "dozen": 12, "score": 20, "half": 0.5, "quarter": 0.25}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000,
          "mln": 1_000_000, "tn": 1_000_000_000_000}
CURRENCIES = [("US$", "US$"), ("USD", "US$"), ("A$", "A$"), ("C$", "C$"), ("HK$", "HK$"), ("$", "$"),
              ("€", "€"), ("EUR", "€"), ("£", "£"), ("GBP", "£"), ("¥", "¥"), ("yen", "yen"),
              ("euros", "euros"), ("euro", "euros"), ("dollars", "dollars"), ("pounds", "pounds"),
              ("rubles", "rubles"), ("roubles", "rubles"), ("yuan", "yuan"), ("rupees", "rupees")]
_DIGITS = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")
_AGE = re.compile(r"^(?:aged?\s+|the age of\s+)?(\d{1,3})$|^(?:aged?|the age of)\s+(\d{1,3}|[a-z]+)$", re.I)
_DURATION = re.compile(r"\b(\d[\d,.]*|[a-z]+(?:[- ][a-z]+)?)\s+(hours?|minutes?|seconds?)\b", re.I)
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "twentieth", "hundredth", "thousandth", "millionth", "half", "halves", "quarter", "quarters",
             "thirds", "fourths", "fifths", "tenths", "percent", "%", "dozens", "tens", "scores"}
_RANK = re.compile(r"(?:No\.|Number|#)\s*$", re.I)


def number_value(text: str) -> float | int | None:
    """The number a figure means: 3000 for "3,000", 2000 for "a couple thousand", 14e9 for "US$14 billion"."""
    low = text.casefold().replace("’", "'")
    words = re.findall(r"-?\d[\d,]*(?:\.\d+)?|[a-z]+", low)
    value: float | None = None
    current: float | None = None
    total = 0.0
    for i, w in enumerate(words):
        if w in ("a", "an") and not (i + 1 < len(words) and words[i + 1] in SCALES):
            continue  # "a couple", "a dozen": the next word says how many
        if w[0].isdigit() or (w[0] == "-" and len(w) > 1):
            try:
                n = float(w.replace(",", ""))
            except ValueError:
                continue
            current = (current or 0) + n if current is not None and current >= 20 and n < 10 else n
        elif w in SCALES:
            current = (current if current is not None else 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = None
        elif w in UNITS:
            n = UNITS[w]
            if w in ("a", "an") and current is not None:
                continue
            if n < 1 and current is not None:  # "two and a half"
                current += n
            elif current is not None and current >= 20 and current % 10 == 0 and n < 10:
                current += n  # "twenty-five"
            elif current is not None and current >= 100 and current % 100 == 0 and n < 100:
                current += n  # "one hundred and twenty"
            elif current is None:
                current = n
    if current is not None:
        total += current
    if total or current is not None or any(w[0].isdigit() for w in words):
        value = total
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def currency(text: str) -> str | None:
    for mark, name in CURRENCIES:
        if re.search(r"(?<![A-Za-z])" + re.escape(mark) + r"(?![A-Za-z])", text):
            return name
    return None


def _part_of_name(span: Span) -> bool:
    """A number inside a name or code: "FTSE 100", "Flight 447", "iPhone 4", "No. 1", "A350", "737-800",
    "their 737 airliner" (a designation takes a singular noun; a count takes a plural one), "7/8/07"."""
    doc, text = span.doc, span.text
    if span.label_ != "MONEY" and re.search(r"\b[A-Za-z]+\d+\w*\b|\b\d+[A-WYZa-wyz]+\d|\d/\d|\d\(", text):
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    before = doc[span.start - 2] if span.start > 1 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if span[0].text[:1].isalpha() and span[0].text[:1].isupper() and not span[0].is_sent_start \
            and prev is not None and prev.pos_ == "PROPN":
        return True  # "Ford Five Hundred"
    if not re.fullmatch(r"\d+(\.\d+)*", text) or text == "1":
        return False
    if text.count(".") > 1 or (nxt is not None and nxt.text in ("UTC", "GMT")):
        return True  # version 1.1.1, "0800 UTC"
    if prev is not None and _RANK.search(doc[max(0, span.start - 2):span.start].text):
        return True
    if prev is not None and not prev.is_sent_start and prev.text[:1].isupper() and prev.pos_ in ("PROPN", "NOUN"):
        return True
    if prev is not None and re.match(r"[a-z]+[A-Z]", prev.text):
        return True
    if prev is not None and prev.text in ("'s", "’s", "'", "’") and before is not None and before.text[:1].isupper() \
            and len(text) == 3:
        return True  # "Boeing's 787", "Standard & Poor's 500"
    if nxt is not None and nxt.text in ("-", "–") and after is not None and after.text[:1].isdigit() and len(text) == 3:
        return True  # 737-800
    if nxt is not None and len(text) == 3 and text[0] != "0" and (
            (nxt.pos_ == "PROPN" and nxt.text[:1].isupper()) or nxt.text in ('"', "“")
            or (nxt.tag_ == "NN" and prev is not None and prev.lower_ in ("the", "their", "its", "his", "her", "our", "new", "final", "first", "latest"))):
        return True  # "787 Dreamliner", "the final 717 jet"
    return False


def counted(span: Span) -> str | None:
    """What a number counts: the noun it modifies, with its own modifiers ("North Korean soldiers")."""
    if span.label_ == "MONEY":
        return currency(span.text) or "money"
    if span.label_ == "PERCENT":
        return "percent"
    if span.label_ == "QUANTITY" and span[-1].is_alpha:
        return span[-1].text  # "820 km", "less than 200 grams"
    last = span[-1]
    m = _DURATION.search(span.text)
    if m:
        return m.group(2).casefold()
    noun = _head_noun(span)
    if noun is None:
        return None
    left = [t for t in noun.lefts if t.i > last.i and t.dep_ in ("amod", "compound", "nmod", "nummod")]
    start = min([t.left_edge.i for t in left] + [noun.i])
    start = max(start, last.i + 1)
    words = [t for t in span.doc[start:noun.i + 1] if not t.is_punct and t.lower_ not in ("more", "additional", "other", "new")]
    return " ".join(t.text for t in words) or None


def _head_noun(span: Span) -> Token | None:
    for tok in span:
        head = tok.head
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod"):
            return head
    root = span.root
    if root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN") and root.head.i - span.end <= 4:
        return root.head
    for child in root.children:  # "one of the companies"
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN") and span.label_ in ("CARDINAL", "QUANTITY"):
        return nxt
    return None


def _ages_and_durations(doc: Doc) -> list[Span]:
    """Ages ("Papermaster, 49", "aged 55") and durations ("under six hours") the model calls dates."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        text = ent.text.strip()
        if _AGE.match(text) or (ent.label_ == "TIME" and _DURATION.search(text)):
            out.append(ent)
    return out


def extract_figures(doc: Doc) -> list[Figure]:
    figures: list[Figure] = []
    for ent in sorted([e for e in doc.ents if e.label_ in LABELS] + _ages_and_durations(doc), key=lambda e: e.start):
        if ent.label_ in ("CARDINAL", "QUANTITY") and _part_of_name(ent):
            continue
        if ent.label_ in ("DATE",):
            value = number_value(ent.text.split()[-1])
            figures.append(Figure(ent.start_char, ent.end_char, ent.text, value, "years of age"))
            continue
        value = number_value(ent.text)
        if value is None and not _says_a_number(ent.text):
            continue  # "just miles", "more than", "several minutes": an amount without a number
        figures.append(Figure(ent.start_char, ent.end_char, ent.text, value, counted(ent)))
    _inherit_counts(doc, figures)
    return figures


def _says_a_number(text: str) -> bool:
    """Whether a span the model calls a number holds one: digits, a number word, a fraction or
    ordinal ("a fifth"), or "a"/"an" standing for one ("an hour later")."""
    words = re.findall(r"\d|[a-z]+|%", text.casefold())
    if not words:
        return False
    if words[0] in ("a", "an") or any(w.isdigit() for w in words):
        return True
    return any(w in UNITS or w in SCALES or w.removesuffix("s") in SCALES or w in _ORDINALS for w in words)


def _inherit_counts(doc: Doc, figures: list[Figure]) -> None:
    """"3,000 soldiers ... to increase up to 12,000": a bare number takes the count of the one before it
    in the same sentence."""
    for prev, fig in zip(figures, figures[1:]):
        if fig.counts is None and prev.counts and fig.value is not None:
            a, b = doc.char_span(prev.start, prev.end, alignment_mode="expand"), doc.char_span(
                fig.start, fig.end, alignment_mode="expand")
            if a is not None and b is not None and sentence_start(doc, a.start) == sentence_start(doc, b.start):
                fig.counts = prev.counts
