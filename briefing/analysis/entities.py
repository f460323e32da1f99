"""Entities of one article: the model's NER mentions, cleaned, joined under one canonical name, retyped.

The model finds name spans; rules decide which spans are one entity ("Biden" joins "Joe Biden",
"GM" joins "General Motors (GM)", "U.S." joins "United States") and what kind it is (a gazetteer of
places, cue words such as "Airlines" or "Station", and context such as "in Kharkiv"), because the
small model's labels for rare names are close to random.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.analysis import gazetteer
from briefing.analysis.gazetteer import norm
from briefing.analysis.roles import assign_roles
from briefing.analysis.things import acronym_of_thing, mostly_lowercase, named_as_thing, retype_things
from briefing.spelling import fold_transliteration
from briefing.analysis import sentences
from briefing.model import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABEL_KIND = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organization",
              "NORP": "group", "PRODUCT": "other", "EVENT": "other", "WORK_OF_ART": "other", "LAW": "other"}
KINDS = LABEL_KIND  # kept for callers of the first version

_POSSESSIVE = re.compile(r"\s*[’']s?$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}$")
_TRAILING = " \t,;:()[]\"“”‘’'-–—"

TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
          "rev", "reverend", "fr", "father", "sen", "senator", "rep", "gov", "governor", "president",
          "prime", "minister", "gen", "general", "major", "colonel", "col", "lt", "lieutenant",
          "captain", "capt", "sgt", "sergeant", "admiral", "chancellor", "mayor", "judge", "justice",
          "king", "queen", "prince", "princess", "pope", "saint", "st", "secretary", "ambassador",
          "chairman", "chief", "commander", "councillor", "deputy", "spokesman", "spokeswoman"}
CAPTION_WORDS = {"Image", "Images", "Photo", "Photos", "File", "Picture", "Credit"}
NOT_NAMES = {"utc", "gmt", "est", "edt", "pst", "pdt", "cet", "bst", "am", "pm", "ad", "bc", "ceo",
             "gdp", "tv", "pc", "cd", "dvd", "gb", "mb", "usd", "eur", "gbp", "covid", "covid 19"}
ORG_WORDS = {"inc", "corp", "corporation", "company", "co", "llc", "ltd", "plc", "ag", "nv", "sa",
             "gmbh", "group", "holdings", "airlines", "airways", "aircraft", "motors", "motor",
             "bank", "university", "college", "school", "institute", "agency", "association",
             "council", "committee", "commission", "party", "union", "foundation", "ministry",
             "department", "office", "court", "senate", "congress", "parliament", "army", "navy",
             "police", "times", "post", "news", "herald", "journal", "magazine", "press", "network",
             "service", "services", "authority", "board", "federation", "league", "club", "team",
             "organisation", "organization", "society", "trust", "fund", "church", "systems",
             "technologies", "industries", "international", "partners", "capital", "reserve",
             "investments", "securities",
             "administration", "government", "assembly", "corps", "brigade", "command"}
PLACE_WORDS = {"street", "avenue", "road", "square", "bridge", "river", "lake", "mountain",
               "mountains", "island", "islands", "airport", "station", "stadium", "arena", "park",
               "province", "region", "oblast", "county", "district", "valley", "bay", "coast",
               "sea", "ocean", "strait", "peninsula", "desert", "mosque", "cathedral", "palace",
               "hospital", "camp", "base", "border", "city", "village", "town", "harbour", "harbor",
               "ave", "blvd", "boulevard", "lane", "plaza"}
OTHER_WORDS = {"conference", "show", "expo", "fair", "festival", "summit", "games", "olympics",
               "cup", "championship", "program", "programme", "project", "study", "store",
               "index", "award", "awards", "prize", "act", "bill", "treaty", "accord", "war",
               "operation", "series", "album", "film", "book", "protocol", "plan"}
GENERIC = {"national", "international", "united", "new", "north", "south", "east", "west",
           "central", "federal", "royal", "state", "first", "great", "bank", "university",
           "church", "court", "supreme", "american", "european", "general", "british"}
FAITH_BODIES = {"church", "temple", "order", "society", "congregation", "fellowship"}
PLACE_REGION_SUFFIX = {"region", "province", "oblast", "state", "county", "district", "city",
                       "governorate", "prefecture", "d.c.", "dc"}  # "Washington D.C." is Washington
# A span the model calls an organisation that ends in one of these is a title ("State Department
# Spokesperson", "National Security Advisor"): a role of the person named next to it, not an entity.
ROLE_WORDS = {"president", "spokesman", "spokeswoman", "spokesperson", "secretary", "advisor",
              "adviser", "minister", "director", "chairman", "chairwoman", "ceo", "administrator",
              "ambassador", "governor", "mayor", "senator", "professor", "commissioner", "officer",
              "chief", "head", "leader", "correspondent", "manager", "editor", "emeritus", "envoy",
              "general", "attorney", "prosecutor", "spokespeople", "founder", "executive"}
# Capitalised common nouns that are never a name on their own.
NOT_ALONE = {"north", "south", "east", "west", "church", "court", "government", "administration",
             "state", "states", "council", "party", "army", "police", "city", "republic", "union",
             "kingdom", "ministry", "department", "education", "health", "defence", "defense",
             "justice", "treasury", "interior", "home", "foreign", "commerce", "labor", "labour"}
STREETS = {"street", "avenue", "ave", "road", "boulevard", "blvd", "lane", "square", "plaza"}
VEHICLES = {"space shuttle", "uss", "hms", "mv", "ss", "rms", "air force one", "flight"}
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "northeast", "northwest", "southeast", "southwest", "new"}
LOCATIVE = {"in", "near", "outside", "at", "from", "to", "across", "into"}
FUNCTION = {"of", "and", "for", "the", "de", "la", "du", "von", "van", "&", "on", "in", "at"}


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: str
    label: str


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surfaces(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.name, None)
        return list(seen)

    def votes(self) -> Counter:
        return Counter(m.kind for m in self.mentions)


# ---------------------------------------------------------------- mentions
def clean(text: str, start: int, label: str) -> tuple[str, int] | None:
    """A mention's name and where it starts: one line, no leading "the" or title, no possessive."""
    if "\n" in text:
        offset, parts = 0, []
        for line in text.split("\n"):
            if any(c.isupper() for c in line):
                parts.append((line, start + offset))
            offset += len(line) + 1
        if not parts:
            return None
        text, start = parts[0]
    while True:
        lead = len(text) - len(text.lstrip(_TRAILING))
        text, start = text[lead:], start + lead
        words = text.split(" ", 1)
        if len(words) < 2:
            break
        first = words[0].rstrip(".").casefold()
        if (words[0][:1].islower() and not _CAMEL.match(words[0])) or first == "the" \
                or (label == "PERSON" and first in TITLES):  # "iPod Nano" keeps its "iPod"
            start += len(words[0]) + 1
            text = words[1]
            continue
        break
    text = _POSSESSIVE.sub("", text)
    words = list(re.finditer(r"\S+", text))
    while len(words) > 1 and words[-1].group() in CAPTION_WORDS:
        words.pop()
    text = text[:words[-1].end()] if words else ""
    text = text.rstrip(_TRAILING)
    if text.endswith(".") and not re.search(r"(\.\w+\.$)|(\b(Inc|Co|Corp|Ltd|Jr|Sr|St|Bros)\.$)", text):
        text = text[:-1]
    text = _run_on(text)
    if len(text) < 2 or not any(c.isupper() for c in text) or norm(text) in NOT_NAMES:
        return None
    words = norm(text).split()
    if norm(text) in NOT_ALONE or (label != "PERSON" and (words[-1] in ROLE_WORDS or (
            len(words) > 2 and words[0] in ROLE_WORDS and words[1] == "of"))):
        return None  # "State Department Spokesperson", "Minister of Agriculture": titles
    if not text[0].isalnum():
        return None
    return text, start


_CAMEL = re.compile(r"^[a-z]{1,4}[A-Z]\w*$")  # "iPod", "eBay", "iOS"
_JOINERS = {"of", "and", "for", "de", "la", "le", "du", "des", "von", "van", "der", "den", "da", "di", "do",
            "dos", "y", "al", "el", "bin", "ibn", "on", "upon", "&", "a", "an", "at", "in"}


def _run_on(text: str) -> str:
    """Where the model ran a name into the next words ("Rathbun the Scientology", "Sweden 1" before a
    score): cut at the first lower-case word no name holds; "the" only after "of", "for" or "and"."""
    words = text.split(" ")
    for i in range(1, len(words)):
        w = words[i]
        if w == "the" and words[i - 1] in ("of", "for", "and", "on", "upon", "at", "in"):
            continue
        if w[:1].islower() and w not in _JOINERS and not any(c.isupper() for c in w):  # "al-Amr", "iPod" stay
            return " ".join(words[:i]).rstrip(_TRAILING)
    return text


_HYPHENED_GIVEN = re.compile(r"-[a-z]{2,}\b(?!-)")
_HYPHEN_SUFFIXES = {"like", "based", "led", "backed", "born", "style", "era", "made", "owned", "run", "funded",
                    "linked", "type", "esque", "ish", "related", "speaking", "era", "are", "was", "and"}
_LEANING = re.compile(r"^(?:pro|anti)-\S+$", re.I)  # "pro-Beijing": a leaning, never a person's name
_PORTFOLIO = re.compile(r"\b(?:Minister|Secretary|Secretariat|Commissioner|Undersecretary)\s+(?:of|for)\s+(?:the\s+)?$")


def collect(doc: Doc) -> list[Mention]:
    """Every named mention the model found, cleaned; "Name (ABC)" also gives a mention of ABC."""
    out: list[Mention] = []
    text_of_doc = sentences.text(doc)
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        if len(ent) == 1 and ent[0].is_sent_start and ent[0].pos_ not in ("PROPN", "NOUN"):
            continue  # "Albeit", "Whitewashing" opening a sentence: not a name
        if len(ent) == 1 and _PORTFOLIO.search(text_of_doc, max(0, ent.start_char - 30), ent.start_char):
            continue  # "Agriculture" in "Minister of Agriculture": part of a title
        text, ent_start = ent.text, _restored_start(doc, ent)
        text = text_of_doc[ent_start:ent.start_char] + text
        paren = text.find(" (")
        if paren > 0:  # the model ran "Singapore Airlines (SIA" together
            inner = text[paren + 2:].rstrip(")")
            cleaned = clean(inner, ent_start + paren + 2, ent.label_)
            if cleaned and _ACRONYM.match(cleaned[0]):
                out.append(Mention(cleaned[1], cleaned[1] + len(cleaned[0]), cleaned[0], kind, ent.label_))
            text = text[:paren]
        cleaned = clean(text, ent_start, ent.label_)
        if cleaned is None:
            continue
        name, start = cleaned
        label = ent.label_
        if kind == "person" and _LEANING.match(name):  # "pro-Beijing" (camp): a political bloc, not a person
            kind, label = "organization", "ORG"
        if kind == "person" and " " in name:  # "Wong Kwok-hing" the model ended at "Kwok": the name whole
            rest = _HYPHENED_GIVEN.match(text_of_doc, start + len(name))
            name += rest.group(0) if rest and rest.group(0)[1:] not in _HYPHEN_SUFFIXES else ""
        holder = _title_holder(name, text_of_doc, start)
        if holder is not None:  # "Secretary of State Blackwell": the portfolio, then the one who holds it
            start += len(name) - len(holder)
            name, kind, label = holder, "person", "PERSON"
        score = re.search(r"\s+\d{1,2}$", name)
        if score and _SCORE_NEXT.match(text_of_doc, start + len(name)):
            name = name[:score.start()]  # "Sweden 1 – 0 South Korea": the team, not "Sweden 1"
        if _not_a_name(name, text_of_doc, start, start + len(name)):
            continue
        for s, e, part in _compass_pair(name) or [(0, len(name), name)]:
            out.append(Mention(start + s, start + e, part, kind, label))
    out.sort(key=lambda m: m.start)
    return out


def _title_holder(name: str, text: str, start: int) -> str | None:
    """The person's name in a span the model began inside a title ("Secretary of State Blackwell",
    tagged as an organisation "State Blackwell"): the portfolio words are the title's, the
    capitalised words after them name who holds it. None when the span is something else."""
    if not _PORTFOLIO.search(text, max(0, start - 30), start):
        return None
    words = name.split(" ")
    k = 0
    while k < len(words) and words[k].casefold().rstrip(".") in PORTFOLIO:
        k += 1
    rest = words[k:]
    if k == 0 or not rest or not _looks_like_full_name(rest):
        return None
    return " ".join(rest)


_POINTS = r"(North|South|East|West|Northern|Southern|Eastern|Western)"
_COMPASS_PAIR = re.compile(rf"^{_POINTS}\s+(?:and|or|&)\s+{_POINTS}\s+(\S.*)$")


def _compass_pair(name: str) -> list[tuple[int, int, str]] | None:
    """"North and South Korea" is two places that share a name: "North" (standing for North Korea)
    and "South Korea". (start, end, name) of each within the span; None for any other name."""
    match = _COMPASS_PAIR.match(name)
    if match is None:
        return None
    return [(0, match.end(1), f"{match.group(1)} {match.group(3)}"), (match.start(2), len(name), name[match.start(2):])]


def _restored_start(doc: Doc, ent) -> int:
    """"Explorer" that the model cut from "Internet Explorer", "Music Store" from "iTunes Music Store":
    a name whose modifier, a product's camel case or (for a one-word organisation or product) a
    capitalised word that is no title, place, nationality or other name, is part of it."""
    if ent.start == 0:
        return ent.start_char
    prev = doc[ent.start - 1]
    if prev.whitespace_ != " " or prev.ent_type_ or not ent.start <= prev.head.i < ent.end:
        return ent.start_char
    if _CAMEL.match(prev.text):
        return prev.idx
    if len(ent) != 1 or ent.label_ not in ("ORG", "PRODUCT") or prev.dep_ != "compound" or prev.pos_ != "PROPN" \
            or not prev.text[:1].isupper() or prev.lower_.rstrip(".") in TITLES \
            or gazetteer.place(prev.text) or gazetteer.is_demonym(prev.text):
        return ent.start_char
    return prev.idx


# Letters after a name, not names: "Mark Tedeschi, QC", "Tom Molomby, SC".
POSTNOMINALS = {"qc", "kc", "sc", "mp", "msp", "mep", "obe", "cbe", "mbe", "kbe", "dbe", "phd", "md", "esq"}
# Words of a ministry's portfolio: before "minister" or "secretary" they are part of a title
# ("Foreign Affairs minister", "Shadow Home Secretary").
PORTFOLIO = NOT_ALONE | {"affairs", "shadow", "environment", "finance", "trade", "energy", "transport",
                         "culture", "agriculture", "immigration", "development", "economy", "economic",
                         "employment", "housing", "security", "homeland", "internal", "external", "state"}
_ROLE_NEXT = re.compile(r"\s+(?:minister|secretary|spokes(?:wo)?man|spokesperson)\b", re.IGNORECASE)
_SCORE_NEXT = re.compile(r"\s*[–-]\s*\d")


def _not_a_name(name: str, text: str, start: int, end: int) -> bool:
    """Post-nominal letters and a portfolio before the minister's title."""
    key = name.casefold().replace(".", "")
    if key in POSTNOMINALS and re.search(r"\w,\s*$", text[max(0, start - 4):start]):
        return True
    if all(w in PORTFOLIO for w in key.split()) and _ROLE_NEXT.match(text, end):
        return True
    return False


# ---------------------------------------------------------------- clustering
class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


_INNER_POSSESSIVE = re.compile(r"(?<=\w)['’]s(?= )")


def _key(name: str) -> str:
    """"New People's Party" is the "New People Party" (the possessive inside a name is spelling)."""
    return norm(gazetteer.canonical(name) or _INNER_POSSESSIVE.sub("", name))


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym's letters appear in order in a name, the first opening it: "NORAD" in
    "North American Aerospace Defence Command" (letters from inside words count, as they do there)."""
    letters = [c for c in acronym.casefold() if c.isalpha()]
    rest = name.casefold()
    if not letters or not rest.startswith(letters[0]):
        return False
    at = 0
    for c in letters:
        at = rest.find(c, at)
        if at < 0:
            return False
        at += 1
    return True


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in FUNCTION]
    return "".join(w[0] for w in words if w[0].isupper())


def cluster(mentions: list[Mention], text: str) -> list[Cluster]:
    """Group mentions into entities: same name, known alias, acronym, surname, short company name."""
    keys: dict[str, int] = {}
    groups: list[list[Mention]] = []
    for m in mentions:
        k = _key(m.name)
        if k not in keys:
            keys[k] = len(groups)
            groups.append([])
        groups[keys[k]].append(m)
    uf = _Union(len(groups))
    names = [max((m.name for m in g), key=len) for g in groups]
    tokens = [n.split() for n in names]
    votes = [Counter(m.kind for m in g) for g in groups]
    firsts = [g[0].start for g in groups]

    # "General Motors (GM)": the acronym in brackets right after a name is that name. After a
    # place it must abbreviate it ("United Arab Emirates (UAE)"): in a dateline, "ODESA, Ukraine
    # (AP) —", the brackets credit the wire service.
    for i, g in enumerate(groups):
        place = votes[i].most_common(1)[0][0] == "place"
        for m in g:
            after = re.match(r"\s*\(([A-Z][A-Za-z&]{1,6})\)", text[m.end:m.end + 12])
            if after and _key(after.group(1)) in keys and (not place or _abbreviates(after.group(1), m.name)):
                uf.join(i, keys[_key(after.group(1))])
            # "NORAD (North American Aerospace Defence Command)": the name spelled out after the acronym
            spelled = re.match(r"\s*\((?:the\s+)?([A-Z][^()\n]{3,80})\)", text[m.end:m.end + 90]) \
                if _ACRONYM.match(m.name.replace(".", "")) else None
            if spelled and _key(spelled.group(1)) in keys and _abbreviates(m.name, spelled.group(1)):
                uf.join(i, keys[_key(spelled.group(1))])
    # "GAO" for "Government Accountability Office" introduced in the article.
    for i, name in enumerate(names):
        bare = name.replace(".", "").replace("&", "")
        if _ACRONYM.match(bare) and not gazetteer.canonical(name):
            cands = [j for j, other in enumerate(names)
                     if j != i and len(tokens[j]) > 1 and _initials(other) == bare]
            if len(cands) > 1:  # "E.C.": the European Commission, not the European Constitution
                cands = [j for j in cands if votes[j]["organization"]]
            if len(cands) == 1:
                uf.join(i, cands[0])
    people = [j for j in range(len(groups)) if len(tokens[j]) > 1 and votes[j]["person"]
              and not _known_place(names[j])]
    # "Kristen Wilkins" for "Kristin Wilkins": a full name misspelt by one letter of the first name.
    full = [j for j in range(len(groups)) if len(tokens[j]) == 2 and _looks_like_full_name(tokens[j])]
    for a in full:
        for b in full:
            if a < b and tokens[a][1] == tokens[b][1] and (votes[a]["person"] or votes[b]["person"]) \
                    and _one_letter_apart(tokens[a][0], tokens[b][0]):
                uf.join(a, b)
    # "Dries Mertens" that the model called something else is a person when "Mertens" alone is one.
    surnames = {tokens[i][0] for i in range(len(groups)) if len(tokens[i]) == 1 and votes[i]["person"]}
    people += [j for j in range(len(groups)) if j not in people and len(tokens[j]) in (2, 3)
               and tokens[j][-1] in surnames and _looks_like_full_name(tokens[j])]
    for i in range(len(groups)):
        if len(tokens[i]) > 2 or (votes[i]["person"] == 0 and _known_place(names[i])):
            continue
        # "Biden" (or a mistyped "Bolden") joins "Joe Biden"; a first name joins if nothing else fits.
        short = tokens[i]
        last = [j for j in people if j != i and len(tokens[j]) > len(short) and tokens[j][-len(short):] == short]
        first = [j for j in people if j != i and len(tokens[j]) > len(short) and tokens[j][:len(short)] == short]
        cands = last or first
        if not cands and len(short) == 1 and votes[i]["person"]:  # "Mauer" said, after "K.C. Maurer"
            cands = [j for j in people
                     if j != i and len(tokens[j]) > 1 and _one_edit_apart(tokens[j][-1], short[0])]
            cands = cands if len(cands) == 1 else []
        if cands and votes[i]["person"] + votes[i]["place"] + votes[i]["organization"] + votes[i]["other"] > 0:
            uf.join(i, _nearest(cands, firsts, firsts[i]))
    for i in range(len(groups)):
        if len(tokens[i]) > 2 or uf.find(i) != i or _known_place(names[i]):
            continue
        if votes[i]["organization"] < max(votes[i].values()) or names[i].casefold() in GENERIC:
            continue
        # "Ford" joins "Ford Motor Company", "Apple" joins "Apple Inc."
        cands = [j for j in range(len(groups)) if j != i and len(tokens[j]) > len(tokens[i])
                 and tokens[j][:len(tokens[i])] == tokens[i] and votes[j]["organization"]
                 and not any(w.casefold() in OTHER_WORDS for w in tokens[j])]
        if cands:
            uf.join(i, min(cands, key=lambda j: (-sum(votes[j].values()), firsts[j])))
    # "U.S. Government Accountability Office" is the "Government Accountability Office".
    for i, toks in enumerate(tokens):
        for cut in (1, 2):
            if len(toks) > cut + 1 and gazetteer.place(" ".join(toks[:cut])) is not None:
                rest = _key(" ".join(toks[cut:]))
                if rest in keys and votes[keys[rest]]["organization"] and votes[i]["organization"]:
                    uf.join(i, keys[rest])
    # "Scientology" is the "Church of Scientology": a faith's body goes by the faith's name ("University
    # of NSW" is not NSW, and "Church of England" is not England: X must be no place nor acronym).
    for i, toks in enumerate(tokens):
        if len(toks) > 2 and toks[1] == "of" and toks[0].casefold() in FAITH_BODIES and not toks[-1].isupper():
            rest = _key(" ".join(toks[2:]))
            j = keys.get(rest)
            if j is not None and j != i and gazetteer.place(names[j]) is None and not votes[j]["person"] \
                    and not votes[j]["place"]:
                uf.join(i, j)
    # "Korea" after "South Korea": the one compass-qualified place of that name in the article.
    for i, toks in enumerate(tokens):
        if len(toks) == 1 and uf.find(i) == i and not _known_place(names[i]):  # "Australia" is no "South Australia"
            cands = [j for j, t in enumerate(tokens) if len(t) == 2 and t[1] == toks[0]
                     and t[0].casefold() in ("north", "south", "east", "west") and votes[j]["place"]]
            if len(cands) == 1:
                uf.join(i, cands[0])
    # "Kursk region" is Kursk.
    for i, toks in enumerate(tokens):
        if len(toks) > 1 and toks[-1].casefold() in PLACE_REGION_SUFFIX:
            base = _key(" ".join(toks[:-1]))
            if base in keys:
                uf.join(i, keys[base])

    merged: dict[int, Cluster] = {}
    for i, g in enumerate(groups):
        merged.setdefault(uf.find(i), Cluster()).mentions.extend(g)
    clusters = list(merged.values())
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _one_letter_apart(a: str, b: str) -> bool:
    """Same length of five letters or more, one letter different."""
    return len(a) == len(b) >= 5 and a != b and sum(x != y for x, y in zip(a, b)) == 1


def _one_edit_apart(a: str, b: str) -> bool:
    """A surname misspelt by one letter changed, dropped or added ("Mauer" for "Maurer"); five letters or more."""
    if min(len(a), len(b)) < 5 or a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return _one_letter_apart(a, b)
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1:] == short for k in range(len(long)))


def _looks_like_full_name(words: list[str]) -> bool:
    cues = ORG_WORDS | PLACE_WORDS | OTHER_WORDS | PLACE_NAMED
    return all(w.replace("-", "").isalpha() and w[0].isupper() and w.casefold() not in cues for w in words) \
        and not _known_place(" ".join(words))


def _nearest(cands: list[int], firsts: list[int], at: int) -> int:
    before = [j for j in cands if firsts[j] <= at]
    if before:
        return max(before, key=lambda j: firsts[j])
    return min(cands, key=lambda j: firsts[j])


def _known_place(name: str) -> bool:
    known = gazetteer.place(name)
    return known is not None and known.kind in ("country", "region")


# ---------------------------------------------------------------- naming and typing
def display_name(c: Cluster) -> str:
    """The fullest form in the article: most words, then longest; acronyms lose to spelled-out names."""
    def rank(name: str) -> tuple[int, int, int]:
        return (0 if _ACRONYM.match(name.replace(".", "")) else 1, len(name.split()), len(name))
    return max(c.surfaces, key=rank)


def decide_kind(c: Cluster, name: str, text: str) -> str:
    votes = c.votes()
    surfaces = c.surfaces
    if all(gazetteer.is_demonym(s) or _ADHERENT.match(s) for s in surfaces):
        return "group"  # "North Korean"; "a former Scientologist", "Buddhists": followers, like nationals
    words = [w.casefold().strip(".,") for w in name.split()]
    for m in c.mentions:  # a full personal name is stronger evidence than a stray label on a surname
        if m.kind == "person" and " " in m.name:
            votes["person"] += 1
    model = max(votes, key=lambda k: (votes[k], -_PREFERENCE.index(k)))
    known = gazetteer.place(name) or (None if votes["person"] else next(
        (p for p in map(gazetteer.place, surfaces) if p), None))  # "Fritz Henderson" is no city
    if _most(c, lambda m: text.rfind("of", max(0, m.start - 12), m.start) >= 0  # (cheap test first)
             and _PLACE_OF_BEFORE.search(text, max(0, m.start - 30), m.start)):
        return "place"  # "the town of Yeoncheon", "the province of Aceh"
    if model == "group":
        return "place" if known else "group"  # "Samarra" is a city, not a nationality
    if known and known.kind in ("country", "region") and len(words) <= 4:
        return "place"
    if model in ("place", "other") and not known and _most(c, lambda m: _BODY_AFTER.match(text, m.end)):
        return "organization"  # "the Indymedia group of websites", "Yonhap news agency"
    if sum(1 for m in c.mentions if _INDEX_AFTER.match(text, m.end)
           or _INDEX_BEFORE.search(text, max(0, m.start - 30), m.start)) * 2 >= len(c.mentions):
        return "other"  # "the FTSE 100 index", "the Dow fell 300 points": a market index
    if model != "person" and not known and sum(1 for m in c.mentions if _TITLE_BEFORE.search(
            text, max(0, m.start - 20), m.start)) * 2 >= len(c.mentions):
        return "person"  # "President Bush", "Mr. Toccafondi"
    if model in ("organization", "place", "other") and len(words) > 1 and sum(
            1 for m in c.mentions if _PERSON_CONTEXT.search(text, max(0, m.start - 40), m.start)
            or _ROLE_AFTER.match(text, m.end)) * 2 >= len(c.mentions):
        return "person"  # "Spokeswoman Sandy Angers", "Jim Press, the vice chairman"
    if model != "organization" and sum(1 for m in c.mentions if _ORG_BEFORE.search(text, max(0, m.start - 40), m.start)) \
            * 2 >= len(c.mentions):
        return "organization"  # "Irish low cost airline, Ryanair", "German magazine Der Spiegel"
    if model == "person" and all(text[max(0, m.start - 4):m.start].casefold() == "the " for m in c.mentions) \
            and name.endswith("s"):
        return "organization"  # "the Beatles"
    if (_looks_like_product(name) and words[-1] not in ORG_WORDS) \
            or words[0] in VEHICLES or " ".join(words[:2]) in VEHICLES \
            or named_as_thing(name) or mostly_lowercase(surfaces, text) or acronym_of_thing(name, text):
        return "other"
    if words[-1] in ORG_WORDS or (len(words) > 1 and words[0] in ORG_WORDS and words[1] == "of"):
        return "organization"
    if words[-1] in STREETS or (words[-1] in PLACE_WORDS and model != "organization"):
        return "place"
    if known and model == "organization" and votes["place"] >= votes["organization"]:
        return "place"  # "Halifax": as often a place as an organisation to the model, and a city
    if words[-1] in OTHER_WORDS and model != "person":
        return "other"
    if known and (model not in ("organization", "person") or (model == "person" and (
            " " in name and not votes["organization"] or known.population >= 1_000_000))):
        return "place"  # "Banda Aceh", "Kharkiv"; but "Bush" the president over Bush the Egyptian town
    if model in ("person", "other") and len(words) == 1:
        locative = sum(1 for m in c.mentions if _preceding_word(text, m.start) in LOCATIVE)
        if locative and locative * 2 >= len(c.mentions):
            return "place"
    return model


def _most(c: Cluster, test) -> bool:
    """Whether at least half of the cluster's mentions pass a test of their context."""
    return sum(1 for m in c.mentions if test(m)) * 2 >= len(c.mentions)


# "the town of X": what the article calls a town is a place, whatever the model's label.
_PLACE_OF_BEFORE = re.compile(r"\b(?:town|city|village|hamlet|county|province|district|region|municipality|"
                              r"island|port|suburb|borough|prefecture|state)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "the Indymedia group", "Yonhap news agency": a name heading a noun for a body is that body.
_BODY_AFTER = re.compile(r"\s+(?:news\s+)?(?:group|agency|network|movement|party|coalition|organi[sz]ation|"
                         r"company|website)\b", re.IGNORECASE)


# One word for a follower of a faith or creed: "Scientologist", "Methodists", "Islamist" (not
# "Lindqvist", "Bergquist", nor a short surname such as "Frist").
_ADHERENT = re.compile(r"^[A-Z][a-z]{3,}(?<!qu|qv|ge|ei)ists?$")
_PREFERENCE = ["person", "organization", "place", "group", "other"]
_INDEX_AFTER = re.compile(r"(?:['’]s)?(?:\s+\d+)?\s+(?:stock\s+|share\s+|market\s+)?(?:index|indices|composite|"
                          r"Industrial Average|average|(?:fell|rose|closed|dropped|gained|lost|jumped|slid|climbed)"
                          r"\s+(?:by\s+)?(?:more than\s+|almost\s+|about\s+)?[\d,.]+\s+points)\b", re.IGNORECASE)
_INDEX_BEFORE = re.compile(r"\b(?:index|indices|indexes)\s*,?\s*(?:the\s+)?$", re.IGNORECASE)
_ORG_BEFORE = re.compile(r"\b(?:airline|company|firm|carrier|maker|manufacturer|automaker|carmaker|retailer|"
                         r"bank|magazine|newspaper|broadcaster|insurer|chain|group|giant|rival|subsidiary|"
                         r"operator|supplier|startup|publisher|studio|label|band)\s*,?\s*$", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"\b(?:President|Senator|Sen\.|Rep\.|Governor|Gov\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|"
                           r"Prof\.?|Minister|Chancellor|Mayor|Pope|King|Queen|Prince|Princess|Judge|"
                           r"Secretary|Ambassador|Chairman|Sheikh|Cardinal|Bishop)\s+$")
_PERSON_CONTEXT = re.compile(r"\b(?:[Ss]pokes(?:wo)?man|[Ss]pokesperson|CEO|[Cc]hairman|[Pp]resident|[Dd]irector|"
                             r"[Mm]inister|[Ss]enator|[Mm]r\.?|[Mm]rs\.?|[Mm]s\.?|[Dd]r\.?|[Aa]nalyst)\s+$")
_ROLE_AFTER = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:" + "|".join(
    ["president", "vice", "chairman", "chief", r"spokes\w+", "director", "minister", "head", "founder",
     "executive", "analyst", "manager", "officer", "senator", "leader"]) + r")\b", re.IGNORECASE)


def _looks_like_product(name: str) -> bool:
    """iPod, iPhone 3G, STS-134, IE9, A380: camel case from a lower-case letter, or a model code."""
    return bool(re.match(r"^[a-z]+[A-Z]", name) or re.search(r"\b[A-Z]{1,4}-?\d+\b", name))


def _common_noun(c: Cluster, text: str) -> bool:
    """"Iodine" opening a sentence in an article that also says "iodine": a word, not a name."""
    names = c.surfaces
    if len(names) != 1 or " " in names[0] or not names[0][1:].islower():
        return False
    if not all(_sentence_start(text, m.start) for m in c.mentions):
        return False
    return re.search(r"\b" + re.escape(names[0].lower()) + r"\b", text) is not None


def _preceding_word(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[max(0, start - 20):start])
    return match.group(1).casefold() if match else ""


# ---------------------------------------------------------------- more mentions of known names
def add_unlabelled(clusters: list[Cluster], text: str, doc: Doc | None = None) -> None:
    """Mentions the model missed of names it found elsewhere in the article ("Ryder" after "Pat Ryder",
    "Zelenskyy" after "Volodymyr Zelenskyy" though the model never tagged the surname alone)."""
    owner: dict[str, Cluster | None] = {}
    for c in clusters:
        for s in c.surfaces:
            if (len(s) >= 3 or s.isupper()) and s[0].isupper():
                owner[s] = c if owner.get(s, c) is c else None
    surnames: set[str] = set()
    for c in clusters:
        if c.votes().most_common(1)[0][0] != "person":
            continue
        for s in c.surfaces:
            words = s.split()
            last = words[-1]
            if len(words) in (2, 3) and _looks_like_full_name(words) and len(last) >= 4 and last.isalpha() \
                    and last not in owner and last.casefold() not in _NOT_SURNAMES:
                surnames.add(words[-1])
                owner.setdefault(words[-1], c)
                if owner[words[-1]] is not c:
                    owner[words[-1]] = None
    forms = sorted((s for s, c in owner.items() if c is not None and len(s) >= 3), key=len, reverse=True)
    short = sorted((s for s, c in owner.items() if c is not None and len(s) < 3), key=len, reverse=True)
    if not forms and not short:
        return
    taken = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    pattern = re.compile(r"(?<![\w$])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w$])")
    for match in pattern.finditer(text) if forms else ():
        s, e = match.span()
        if _overlaps(taken, s, e):
            continue
        name = match.group()
        if " " not in name and (_sentence_start(text, s) or name.casefold() in _CALENDAR_WORDS) \
                and not (name in surnames and _acts(doc, s, e)):
            continue  # "May", "Young" opening a sentence; a surname there when it does something
        if name in surnames and _in_other_name(text, s, e):
            continue  # "Tanya Chan", "Leung Kwok-hung": the surname of somebody else
        c = owner[name]
        assert c is not None
        c.mentions.append(Mention(s, e, name, c.mentions[0].kind, "RULE"))
    # "UK" inside "UK Government", though not alone; a bare surname never inside another's name
    _add_nested(clusters, owner, [f for f in forms + short if f not in surnames])
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)


_NOT_SURNAMES = ORG_WORDS | PLACE_WORDS | {"center", "centre", "institute", "museum", "library", "school",
                                           "college", "hospital", "foundation", "fund", "prize", "award"}


def _in_other_name(text: str, start: int, end: int) -> bool:
    """A capitalised word runs into the surname, before or after it, or a hyphen joins it on."""
    before = None if _sentence_start(text, start) else re.search(r"([\w’'.-]+)\s*$", text[max(0, start - 40):start])
    if before and before.group(1)[:1].isupper() and not _sentence_start(text, start - len(before.group(0))):
        return True
    return bool(re.match(r"-\w|\s+[A-Z][a-z]", text[end:end + 3]))


def _acts(doc: Doc | None, start: int, end: int) -> bool:
    """The word ending at `end` is followed by a verb or a possessive: "Zelenskyy told", "Brown's"
    (a surname opening a sentence), not "Young people" or "May 5"."""
    span = doc.char_span(start, end) if doc is not None else None
    if span is None or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ in ("VERB", "AUX") or after.text in ("'s", "’s", ",")


_CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                   "friday", "saturday", "sunday"}


def _add_nested(clusters: list[Cluster], owner: dict[str, Cluster | None], forms: list[str]) -> None:
    """"Andy Warhol" inside "the Andy Warhol Foundation", "Google" inside "Google Science Fair": a
    name the article gives another entity, nested in a longer name, is a mention of that entity too."""
    found: list[tuple[Cluster, Mention]] = []
    for host in clusters:
        for m in host.mentions:
            if " " not in m.name:
                continue
            claimed: list[tuple[int, int]] = []
            host_words = m.name.split()
            # "Dries" opening "Dries Mertens" is a first name, not the organisation the model took it for.
            like_person = len(host_words) in (2, 3) and all(w.isalpha() and w.istitle() for w in host_words) \
                and not host_words[-1].casefold() in ORG_WORDS | PLACE_WORDS | OTHER_WORDS | PLACE_NAMED
            for form in forms:  # longest first: "South Korea" claims its words before "Korea"
                c = owner[form]
                if c is None or c is host or len(form) >= len(m.name) or form not in m.name:
                    continue
                for match in re.finditer(r"(?<![\w$])" + re.escape(form) + r"(?![\w$])", m.name):
                    s, e = match.span()
                    if s == 0 and like_person and len(c.surfaces) == 1 and " " not in form \
                            and gazetteer.place(form) is None:
                        continue
                    if m.name[:s].rstrip().rsplit(" ", 1)[-1].casefold() in COMPASS or (
                            host.mentions[0].kind == "person" and c.mentions[0].kind == "place"):
                        continue  # "North America" is not America, "Captain America" not the country
                    if not any(a < e and s < b for a, b in claimed):
                        claimed.append((s, e))
                        found.append((c, Mention(m.start + s, m.start + e, form, c.mentions[0].kind, "NESTED")))
    for c, m in found:
        c.mentions.append(m)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    import bisect

    i = bisect.bisect_left(spans, (s, s))
    return any(a < e and s < b for a, b in spans[max(0, i - 1):i + 2])


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


# ---------------------------------------------------------------- places the model did not mark
_CAPS = re.compile(r"(?<![\w’'])[A-Z][\w’'.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'.-]*)*")


def known_places(mentions: list[Mention], text: str, nested: bool = True) -> list[Mention]:
    """Countries, regions and big cities that the model left out, on their own ("Tasmania") or
    inside a longer name ("University of Sheffield", "Volgograd Arena")."""
    out: list[Mention] = []
    spans = sorted((m.start, m.end) for m in mentions)
    firsts = gazetteer.first_words()
    for match in _CAPS.finditer(text):
        words = list(re.finditer(r"[\w’'.-]+", match.group()))
        if not any(_first_word(w.group()) in firsts for w in words):
            continue
        base = match.start()
        whole = [(s, e) for s, e in spans if s < match.end() and match.start() < e]
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if _first_word(words[i].group()) not in firsts:
                    continue
                s, e = base + words[i].start(), base + words[i + n - 1].end()
                name = text[s:e].rstrip(".")
                e = s + len(name)
                if any(a <= s < b or a < e <= b for a, b in out_spans(out)):
                    continue
                known = gazetteer.place(name)
                if known is None or (known.kind == "city" and known.population < 250_000) or name.isupper():
                    continue
                inside = [(a, b) for a, b in whole if a <= s and e <= b]
                if any((a, b) == (s, e) for a, b in inside):
                    continue
                if inside and not (nested and any(_named_for_place(text[a:b]) for a, b in inside)):
                    continue
                if not inside and any(a < e and s < b for a, b in whole):
                    continue
                if _sentence_start(text, s) and n == 1 and not inside and known.kind == "city":
                    continue
                out.append(Mention(s, e, name, "place", "GAZETTEER"))
    return out


def cued_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names the model left out that end in a word saying what they are: "the Grand Mosque",
    "Shandao Station", "The Deseret News" (two or more capitalised proper nouns, hyphens joining)."""
    spans = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        if doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < n and ((doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()) or (
                doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ and j + 1 < n)):
            j += 1
        while doc[j - 1].text == "-":
            j -= 1
        last = doc[j - 1].lower_
        words = sum(1 for t in doc[i:j] if t.text != "-")
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        # not streets: a street the model left unmarked is mostly a metonym ("Wall Street", "Downing Street")
        if words >= 2 and (last in ORG_WORDS or (last in PLACE_WORDS and last not in STREETS)) \
                and not _overlaps(spans, s, e) \
                and "\n" not in sentences.text(doc)[s:e]:
            kind = "organization" if last in ORG_WORDS else "place"
            out.append(Mention(s, e, sentences.text(doc)[s:e], kind, "CUE"))
        elif words in (2, 3) and _titled_beside(doc, i, j) and not _overlaps(spans, s, e):
            out.append(Mention(s, e, sentences.text(doc)[s:e], "person", "CUE"))
        i = j
    return out


def _titled_beside(doc: Doc, start: int, end: int) -> bool:
    """"Serge Vohor, the Prime Minister of Vanuatu,": a two- or three-word name the model missed,
    set beside a title that only a person holds."""
    from briefing.analysis.roles import ROLE_NOUNS

    words = doc[start:end]
    if not all(t.is_alpha and t.is_title for t in words) or gazetteer.place(words.text) is not None \
            or any(t.lower_ in ORG_WORDS | PLACE_WORDS for t in words):
        return False
    after = doc[end:end + 5]
    if len(after) < 2 or after[0].text != ",":
        return False
    rest = [t for t in after[1:] if not (t.pos_ == "DET" or t.dep_ == "poss" or t.text in ("'s", "’s"))]
    return any(t.lower_ in ROLE_NOUNS and t.lower_ not in _GENERIC_ROLES for t in rest[:3])


_GENERIC_ROLES = {"official", "officer", "representative", "leader", "head", "chief", "executive", "general"}


# Institutions and venues named for where they are: "University of Sheffield", "Volgograd Arena",
# "Massachusetts Institute of Technology". A company's name holding a place ("Singapore Airlines",
# "Bank of America") is a brand, and the place stays part of it.
PLACE_NAMED = {"university", "college", "institute", "stadium", "arena", "airport", "station", "museum",
               "municipality", "province", "region", "county", "district", "constituency"}


def _named_for_place(name: str) -> bool:
    return any(w.casefold().strip(".,") in PLACE_NAMED for w in name.split())


def _first_word(word: str) -> str:
    return word.casefold().replace(".", "") if word.isascii() else norm(word)


def out_spans(mentions: list[Mention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


# ---------------------------------------------------------------- the extractor
def extract_entities(doc: Doc) -> list[Entity]:
    text = sentences.text(doc)
    mentions = collect(doc)
    mentions = sorted(mentions + known_places(mentions, text), key=lambda m: m.start)
    mentions = sorted(mentions + cued_names(doc, mentions), key=lambda m: m.start)
    clusters = cluster(mentions, text)
    add_unlabelled(clusters, text, doc)
    entities: list[Entity] = []
    for c in clusters:
        if _common_noun(c, text):
            continue
        name = display_name(c)
        kind = decide_kind(c, name, text)
        entity = Entity(id=f"e{len(entities) + 1}", kind=kind, name=name,
                        aliases=[s for s in c.surfaces if s != name],
                        mentions=[Span(m.start, m.end) for m in c.mentions])
        entity.key = identity_key(entity)
        entities.append(entity)
    entities = _one_group_a_country(entities)
    _peoples(doc, entities)
    makers = maker_pattern(entities)
    _products_of_makers(entities, text, makers)
    _names_of_things(doc, entities)
    retype_things(doc, entities, makers)
    assign_roles(doc, entities)
    _city_with_region(entities, text)
    phrases = {e.id: _appositions(doc, e) for e in entities if e.kind in ("person", "organization", "place")}
    claims = Counter((x.start, x.end) for found in phrases.values() for x in found)
    for e in entities:  # a phrase beside two entities' mentions is left to neither
        known = {(x.start, x.end) for x in e.mentions}
        e.mentions.extend(x for x in phrases.get(e.id, []) if claims[(x.start, x.end)] == 1
                          and (x.start, x.end) not in known)
        e.mentions.sort(key=lambda x: x.start)
    return entities


PLACE_NOUNS = {"capital", "city", "town", "village", "country", "nation", "state", "province", "region",
               "home", "hometown", "site", "port", "island", "area", "district", "county", "suburb",
               "neighbourhood", "neighborhood", "territory", "republic", "kingdom", "enclave", "venue",
               "stadium", "arena", "hall", "building", "headquarters", "base", "airport", "station", "resort"}
ORG_NOUNS = ORG_WORDS | {"firm", "airline", "carrier", "maker", "manufacturer", "automaker", "carmaker",
                         "retailer", "insurer", "lender", "bank", "broadcaster", "newspaper", "magazine",
                         "publisher", "charity", "denomination", "movement", "group", "organisation",
                         "organization", "agency", "body", "watchdog", "regulator", "startup", "subsidiary",
                         "unit", "division", "brand", "chain", "operator", "supplier", "provider", "giant",
                         "rival", "team", "side", "club", "band", "outlet", "website", "site", "network"}


def _one_group_a_country(entities: list[Entity]) -> list[Entity]:
    """"Canadians" and "Canadian" in one article are one group (the people of Canada); ids renumbered."""
    kept: list[Entity] = []
    by_key: dict[str, Entity] = {}
    for e in entities:
        first = by_key.get(e.key or "") if e.kind == "group" and e.key else None
        if first is None:
            kept.append(e)
            if e.kind == "group" and e.key:
                by_key[e.key] = e
            continue
        first.mentions = sorted([*first.mentions, *e.mentions], key=lambda m: m.start)
        first.aliases = [a for a in dict.fromkeys([*first.aliases, e.name, *e.aliases]) if a != first.name]
    for i, e in enumerate(kept, 1):
        e.id = f"e{i}"
    return kept


def _peoples(doc: Doc, entities: list[Entity]) -> None:
    """"Bangladeshis and Rohingya", "One Rohingya, Muhammad Amin": a one-word name the article lists
    with a people (a nationality, a faith), or counts with a person's name set beside it, names a
    people (a group), when it does so in half its mentions or more, whatever the model's label.
    (Products are counted too, "eight million iPhones", but no person is one iPhone.)"""
    candidates = [e for e in entities if e.kind == "organization" and " " not in e.name and not e.name.isupper()
                  and gazetteer.place(e.name) is None]
    if not candidates:
        return
    groups = _tokens_of(doc, [e for e in entities if e.kind == "group"])
    people = _tokens_of(doc, [e for e in entities if e.kind == "person"])
    for e in candidates:
        hits = 0
        for m in e.mentions:
            first, last = _token_range(doc, m.start, m.end)
            if last - first != 1:
                continue
            tok = doc[first]
            counted = any(c.dep_ == "nummod" and c.i < first for c in tok.children) \
                and any(c.dep_ == "appos" and c.i in people for c in tok.children)
            partners = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
            hits += counted or any(p.i in groups and p.pos_ in ("PROPN", "NOUN") for p in partners)
        if hits and hits * 2 >= len(e.mentions):
            e.kind = "group"
            e.key = identity_key(e)


def _tokens_of(doc: Doc, entities: list[Entity]) -> set[int]:
    """Indices of the tokens the entities' mentions cover."""
    return {i for e in entities for m in e.mentions for i in range(*_token_range(doc, m.start, m.end))}


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token indices (first, past-last) covering a character span; (0, 0) when none does."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _fits(kind: str, root) -> bool:
    """The description names a thing of the entity's kind: "Irish low cost airline" for Ryanair, "the
    nation's capital" for Wellington; any singular noun may describe a person ("Panama coach")."""
    lemma = root.lemma_.casefold()
    if kind == "place":
        return lemma in PLACE_NOUNS
    if kind == "organization":
        return lemma in ORG_NOUNS
    return root.tag_ != "NNS"


def _city_with_region(entities: list[Entity], text: str) -> None:
    """"Seattle, Washington", "Irving, Texas": a place followed by the region or country it lies in
    is one mention of the first place (the second keeps its own mention inside it)."""
    regions = {(m.start, m.end) for e in entities if e.kind == "place" for m in e.mentions
               if (known := gazetteer.place(text[m.start:m.end])) is not None and known.kind in ("region", "country")}
    starts = {s: e for s, e in regions}
    for e in entities:
        if e.kind != "place":
            continue
        for i, m in enumerate(e.mentions):
            if (m.start, m.end) in regions:
                continue
            gap = re.match(r",[ \t]+", text[m.end:m.end + 4])
            if gap and m.end + gap.end() in starts:
                e.mentions[i] = Span(m.start, starts[m.end + gap.end()])


def _appositions(doc: Doc, entity: Entity) -> list[Span]:
    """"Ahmed Mohamed, a 14-year-old boy from Irving, Texas, was arrested": the noun phrase set beside
    a name is another mention of what it names (mentions exclude pronouns, not descriptions); so is
    the phrase a name is set beside ("Co-founder of Google, Sergey Brin, met him")."""
    added: list[Span] = []
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        phrase = None
        after = [c for c in head.children if c.dep_ == "appos" and c.i >= span.end]
        if after and after[0].left_edge.i > 0 and doc[after[0].left_edge.i - 1].text == ",":
            a = after[0]
            phrase = (a.left_edge.i, a.right_edge.i + 1, a)
        elif head.dep_ == "appos" and head.head.i < span.start and doc[head.left_edge.i - 1].text == ",":
            h = head.head
            while h.pos_ == "PROPN" and h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head.pos_ == "NOUN":
                h = h.head.head  # "Co-founder of Google, Sergey Brin": the phrase, not the name in it
            phrase = (h.left_edge.i, head.left_edge.i - 1, h)
        if phrase is None:
            continue
        start, end, root = phrase
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_:
            start -= 2  # "Co-founder", which the tokenizer split
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if root.pos_ != "NOUN" or root.text in CAPTION_WORDS or end - start > 25 or end <= start:
            continue
        if any(c.dep_ == "cc" for c in root.children) or not _fits(entity.kind, root):
            continue  # "the greater Houston community and the State of Texas": a list, not a description
        if not (end <= span.start or start >= span.end):
            continue
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if any(t.text_with_ws.count("\n") for t in doc[start:end - 1]) or root.pos_ == "PROPN":
            continue
        added.append(Span(s, e))
    return list({(x.start, x.end): x for x in added}.values())


def maker_pattern(entities: list[Entity]) -> re.Pattern[str] | None:
    """A company's name, possessive or not, right before a point: "Apple's ", "Boeing 787 "."""
    makers = {s for e in entities if e.kind == "organization" and not _LEANING.match(e.name)  # a bloc makes nothing
              for s in [e.name, *e.aliases]}
    if not makers:
        return None
    return re.compile(r"(?:" + "|".join(map(re.escape, sorted(makers, key=len, reverse=True)))
                      + r")(?:['’]s?)?(?:\s+\d+)?\s+$")


def _products_of_makers(entities: list[Entity], text: str, pattern: re.Pattern[str] | None) -> None:
    """"Apple's MacBook", "Ford Falcon", "Boeing 787 Dreamliner": a name right after a company's name
    is that company's product, not another organisation."""
    if pattern is None:
        return
    for e in entities:
        if e.kind != "organization":
            continue
        hits = sum(1 for m in e.mentions if pattern.search(text, max(0, m.start - 40), m.start))
        if hits and hits * 2 >= len(e.mentions):
            e.kind = "other"


# Common nouns a name modifies when it names a thing rather than a body, place or person: "the ICI
# system", "the NEMISIS database", "NCLAN studies", "the Scientology.org site", "Microsoft's
# Internet Explorer 9 browser".
THING_NOUNS = {"system", "systems", "database", "browser", "software", "site", "website", "program",
               "programme", "study", "studies", "app", "application", "platform", "engine", "version",
               "update", "virus", "vaccine", "drug", "disease", "format", "protocol", "album", "song",
               "film", "movie"}


def _names_of_things(doc: Doc, entities: list[Entity]) -> None:
    """An organisation or place whose name mostly modifies a noun for a thing is that thing (a maker's
    or owner's name does not: "the Border Force vessel", "Islam's holiest site")."""
    for e in entities:
        if e.kind not in ("organization", "place"):
            continue
        things = 0
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            while root.dep_ in ("compound", "nummod", "appos") and root.head.i >= span.end and root.head.pos_ in ("PROPN", "NUM", "NOUN") \
                    and root.head.lower_ not in THING_NOUNS:
                root = root.head  # "Internet Explorer 9 (IE9) browser": on to the noun
            if root.dep_ in ("compound", "nmod", "nummod", "appos") and root.head.i >= span.end \
                    and root.head.lower_ in THING_NOUNS:
                things += 1
        if things and things * 2 >= len(e.mentions):
            e.kind = "other"


def identity_key(entity: Entity) -> str | None:
    """A library-wide key where the article tells enough: full personal names, known places, aliases.

    A one-word person name ("Smith") gets no key, so the store keys it to its own article.
    """
    name = entity.name
    if entity.kind == "person":
        return f"person:{fold_transliteration(norm(name))}" if len(name.split()) > 1 else None
    if entity.kind == "place":
        known = next((p for p in map(gazetteer.place, [name, *entity.aliases]) if p), None)
        if known:
            return f"place:{norm(known.name)}"
    if entity.kind == "group":  # "North Korean" and "North Koreans" are one group, tied to North Korea
        country = next((c for c in map(gazetteer.demonym_country, [name, *entity.aliases]) if c), None)
        if country:
            return f"group:{norm(country)}"
    canonical = next((c for c in map(gazetteer.canonical, [name, *entity.aliases]) if c), None)
    key = norm(canonical or name)
    if entity.kind == "organization":  # "Apple Inc." and "Apple" are one company across articles
        key = _LEGAL_FORM.sub("", key) or key
    return f"{entity.kind}:{key}"


_LEGAL_FORM = re.compile(r"(?:,?\s+(?:inc|corp|corporation|co|ltd|llc|plc|ag|nv|sa|gmbh|limited))+$")


def surface(text: str) -> str:
    """A mention's name: no leading "the", no possessive."""
    return _POSSESSIVE.sub("", _THE.sub("", text.strip())).strip()
