"""The search query language, parsed by us: words, "phrases", OR, -exclusion, prefix*, (groups),
and the filters person: place: org: speaker: source: from: to: (values may be quoted).

Parsing gives a small syntax tree (Term, Filter, Not, And, Or) that `briefing.store.search`
compiles to FTS5 and SQL; nothing typed reaches FTS5's own syntax. Every mistake is a
QueryError whose message is one line naming what is wrong and the column (1-based).

Phrases may be quoted with typographic quotes as well as '"' (“ ” „ ‟ « » ‹ ›, and ‘…’ where the
’ ends a word, so the apostrophe of "Ukraine’s" stays part of its word): journalists paste them.
A query has at most MAX_TERMS words, phrases and filters and nests parentheses and exclusions at
most MAX_DEPTH deep, so what it compiles to stays well inside SQLite's and FTS5's own limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Union

__all__ = ["QueryError", "Term", "Filter", "Not", "And", "Or", "Node", "FILTERS", "MAX_TERMS", "MAX_DEPTH",
           "parse", "positive_terms", "positive_leaves", "date_bounds"]

FILTERS = ("person", "place", "org", "speaker", "source", "from", "to")
_HAS_TOKEN = re.compile(r"[^\W_]")  # unicode61 indexes letters and digits; the rest separates
_FILTER = re.compile(r"([A-Za-z_]+):")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SPACE = re.compile(r"\s+")
# Measured with bench/query_limits.py (SQLite 3.40): FTS5's expression parser overflows past 16
# groups nested (a OR (b (c OR ...))), SQLite's parser past 20 nested groups of filters; an AND of
# 476 filters reaches SQLite's expression depth of 1,000; words alone run past 4,096. These stay
# at half of that or less, and far beyond what anyone types.
MAX_TERMS = 200
MAX_DEPTH = 8
# Quotes that open a phrase; any of them closes it (a pasted phrase may mix “ with ", or „ with “).
_QUOTES = '"“”„‟«»‹›'
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_WORD_END = _QUOTES + "()"


class QueryError(ValueError):
    """A malformed query; str() is one line saying what is wrong and at which column (1-based).

    `column` is None for a query that parsed but could not be run (see `briefing.store.search`).
    """

    def __init__(self, message: str, column: int | None, hint: str = "") -> None:
        self.column = column
        self.reason = message
        where = "" if column is None else f" at column {column}"
        super().__init__(f"{message}{where}" + (f" ({hint})" if hint else ""))


# ---------------------------------------------------------------- syntax tree
@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False
    phrase: bool = False


@dataclass(frozen=True)
class Filter:
    name: str
    value: str
    column: int


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Union[Term, Filter, Not, And, Or]


# ---------------------------------------------------------------- tokens
@dataclass(frozen=True)
class _Tok:
    kind: str  # word, phrase, filter, or, and, minus, lparen, rparen, end
    column: int
    text: str = ""
    value: str = ""
    prefix: bool = False


def _tokenize(query: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(_Tok("lparen", col))
            i += 1
        elif ch == ")":
            tokens.append(_Tok("rparen", col))
            i += 1
        elif ch in _QUOTES or (ch == _SINGLE_OPEN and _single_close(query, i) > 0):
            text, i = _quoted(query, i)
            prefix = i < n and query[i] == "*"
            i += prefix
            text, inner = _inner_prefix(text, col + 1)
            tokens.append(_Tok("phrase", col, text=text, prefix=prefix or inner))
        elif ch == "-" and (i + 1 >= n or query[i + 1].isspace() or query[i + 1] == ")"):
            raise QueryError("'-' needs a word, phrase or filter right after it", col)
        elif ch == "-":
            tokens.append(_Tok("minus", col))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in _WORD_END:
                if query[i] == _SINGLE_OPEN and query[i - 1] == ":" and _single_close(query, i) > 0:
                    break  # person:‘Joe Biden’
                i += 1
            tokens.append(_word_token(query, start, i))
            if tokens[-1].kind == "filter" and not tokens[-1].value:
                if i < n and (query[i] in _QUOTES or (query[i] == _SINGLE_OPEN and _single_close(query, i) > 0)):
                    value_col = i + 2
                    value, i = _quoted(query, i)
                    prefix = i < n and query[i] == "*"
                    i += prefix
                    value, inner = _inner_prefix(value, value_col)
                    prefix = prefix or inner
                    tokens[-1] = _Tok("filter", col, text=tokens[-1].text, value=value, prefix=prefix)
                else:
                    raise QueryError(f"{tokens[-1].text}: needs a value", col)
    tokens.append(_Tok("end", n + 1))
    _check_length(tokens)
    return tokens


def _check_length(tokens: list[_Tok]) -> None:
    terms = [t for t in tokens if t.kind in ("word", "phrase", "filter")]
    if len(terms) > MAX_TERMS:
        raise QueryError(f"the query is too long: at most {MAX_TERMS} words, phrases and filters",
                         terms[MAX_TERMS].column)


def _quoted(query: str, i: int) -> tuple[str, int]:
    """The text between the quote at `i` and its partner, and the index just past the partner."""
    if query[i] == _SINGLE_OPEN:
        end = _single_close(query, i)
    else:
        end = next((j for j in range(i + 1, len(query)) if query[j] in _QUOTES), -1)
    if end < 0:
        raise QueryError("unclosed quote", i + 1)
    return query[i + 1:end], end + 1


def _single_close(query: str, i: int) -> int:
    """The ’ that closes the ‘ at `i`: the first not followed by a letter or digit (so the
    apostrophe of "Ukraine’s" is not one); -1 when there is none and ‘ is just a character."""
    j = query.find(_SINGLE_CLOSE, i + 1)
    while j >= 0:
        if j + 1 >= len(query) or not query[j + 1].isalnum():
            return j
        j = query.find(_SINGLE_CLOSE, j + 1)
    return -1


def _inner_prefix(text: str, column: int) -> tuple[str, bool]:
    """'"air defen*"' means what '"air defen"*' does: the phrase's last word as a prefix.

    `column` is where `text` starts in the query, to point at a '*' anywhere else in it.
    """
    stripped = text.rstrip()
    prefix = stripped.endswith("*")
    if prefix:
        stripped = stripped.rstrip("*").rstrip()
    _check_stars(stripped if prefix else text, column)
    return (stripped, True) if prefix else (text, False)


def _check_stars(text: str, column: int) -> None:
    """A '*' anywhere but at a word's end would be dropped by the tokenizer, and 'Zel*ensky' would
    silently find nothing: say where it belongs."""
    at = text.find("*")
    if at >= 0:
        raise QueryError("'*' goes at the end of a word (prefix*)", column + at)


def _word_token(query: str, start: int, end: int) -> _Tok:
    word, col = query[start:end], start + 1
    if word == "OR":
        return _Tok("or", col)
    if word == "AND":
        return _Tok("and", col)
    if word == "NOT":  # what Boolean news databases use for -word: found nothing, silently, as a word
        return _Tok("minus", col, text="NOT")
    match = _FILTER.match(word)
    if match:
        name = match.group(1).lower()
        if name not in FILTERS:
            raise QueryError(f"unknown filter {_show(match.group(1))}:", col,
                             "filters are " + " ".join(f"{f}:" for f in FILTERS) + '; put "quotes" around it'
                             " to search for the text")
        value = word[match.end():]
        prefix = value.endswith("*")
        _check_stars(value.rstrip("*"), col + match.end())
        return _Tok("filter", col, text=name, value=value.rstrip("*"), prefix=prefix)
    if word.startswith("*"):
        raise QueryError("'*' goes at the end of a word (prefix*)", col)
    prefix = word.endswith("*")
    _check_stars(word.rstrip("*"), col)
    return _Tok("word", col, text=word.rstrip("*"), prefix=prefix)


def _show(text: str, limit: int = 30) -> str:
    """Echo part of the query in a message: one line, short, control characters visible."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---------------------------------------------------------------- parser
class _Parser:
    """Recursive descent: or := and (OR and)* ; and := unary+ ; unary := -unary | primary."""

    def __init__(self, tokens: list[_Tok]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0  # parentheses open at this point
        self.nesting = 0  # parentheses and exclusions open at this point (their sum is bounded)

    @property
    def tok(self) -> _Tok:
        return self.tokens[self.pos]

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        if self.tok.kind == "end":
            return None
        node = self.parse_or()
        if self.tok.kind == "rparen":
            raise QueryError("')' without a matching '('", self.tok.column)
        return node

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while self.tok.kind == "or":
            op = self.take()
            if self.tok.kind in ("end", "rparen", "or", "and"):
                raise QueryError("OR needs a term after it", op.column)
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children: list[Node] = []
        while self.tok.kind not in ("end", "rparen", "or"):
            if self.tok.kind == "and":
                op = self.take()
                if not children:
                    raise QueryError("AND needs a term before it", op.column)
                if self.tok.kind in ("end", "rparen", "or", "and"):
                    raise QueryError("AND needs a term after it", op.column)
                continue
            children.append(self.parse_unary())
        if not children:
            if self.tok.kind == "or":
                raise QueryError("OR needs a term before it", self.tok.column)
            if self.tok.kind == "rparen" and not self.depth:
                raise QueryError("')' without a matching '('", self.tok.column)
            raise QueryError("empty parentheses" if self.tok.kind == "rparen" else "nothing to search for",
                             self.tok.column)
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        if self.tok.kind == "minus":
            op = self.take()
            if self.tok.kind in ("end", "rparen", "or", "and"):
                raise QueryError(f"'{op.text or '-'}' needs a word, phrase or filter right after it", op.column)
            self.nesting += 1
            if self.nesting > MAX_DEPTH:
                raise QueryError(f"exclusions and parentheses nested deeper than {MAX_DEPTH}", op.column)
            node = Not(self.parse_unary())
            self.nesting -= 1
            return node
        return self.parse_primary()

    def parse_primary(self) -> Node:
        tok = self.take()
        if tok.kind == "lparen":
            if self.tok.kind == "rparen":
                raise QueryError("empty parentheses", tok.column)
            if self.tok.kind == "end":
                raise QueryError("'(' is never closed", tok.column)
            self.depth += 1
            self.nesting += 1
            if self.nesting > MAX_DEPTH:
                raise QueryError(f"parentheses nested deeper than {MAX_DEPTH}", tok.column)
            node = self.parse_or()
            if self.tok.kind != "rparen":
                raise QueryError("'(' is never closed", tok.column)
            self.take()
            self.depth -= 1
            self.nesting -= 1
            return node
        if tok.kind == "word":
            return Term(tok.text, prefix=tok.prefix)
        if tok.kind == "phrase":
            return Term(tok.text, prefix=tok.prefix, phrase=True)
        if tok.kind == "filter":
            return _make_filter(tok)
        raise QueryError(f"unexpected {tok.kind}", tok.column)  # pragma: no cover - guarded by callers


def _make_filter(tok: _Tok) -> Filter:
    value = _SPACE.sub(" ", tok.value).strip()
    if not value:
        raise QueryError(f"{tok.text}: needs a value", tok.column)
    if tok.text in ("from", "to"):
        date_bounds(value, tok.text, tok.column)  # validate now, so the error names the column
    elif tok.prefix:
        value += "*"
    return Filter(tok.text, value, tok.column)


_AFTER_ALL = "9999-99-99"  # sorts after every ISO date: the bound past 9999-12-31


def date_bounds(value: str, name: str, column: int) -> tuple[str, str]:
    """First day and the day after the last day of YYYY, YYYY-MM or YYYY-MM-DD (years 0001-9999)."""
    match = _DATE.match(value)
    if not match:
        raise QueryError(f"{name}: expects a date YYYY, YYYY-MM or YYYY-MM-DD, not {_show(value)}", column)
    year, month, day = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
    try:
        first = date(year, month, day)
    except ValueError:
        problem = "there is no year 0000" if not year else f"{_show(value)} is not a day of the calendar"
        raise QueryError(f"{name}: {problem}", column) from None
    try:
        if match.group(3):
            after = first + timedelta(days=1)
        elif match.group(2):
            after = date(year + month // 12, month % 12 + 1, 1)
        else:
            after = date(year + 1, 1, 1)
    except (ValueError, OverflowError):  # past 9999-12-31
        return first.isoformat(), _AFTER_ALL
    return first.isoformat(), after.isoformat()


def parse(query: str) -> Node | None:
    """The syntax tree of a query (None when it holds nothing to search for); QueryError if malformed."""
    # Lone surrogates cannot be encoded for SQLite and a NUL ends an FTS5 string: neither is a word.
    query = query.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    node = _prune(_Parser(_tokenize(query)).parse())
    _check_date_range(node)
    return node


def _check_date_range(node: Node | None) -> None:
    """from: after to: in the same conjunction can match nothing: say so rather than find nothing."""
    leaves = node.children if isinstance(node, And) else ()
    froms = [f for f in leaves if isinstance(f, Filter) and f.name == "from"]
    tos = [f for f in leaves if isinstance(f, Filter) and f.name == "to"]
    for first in froms:
        for last in tos:
            if date_bounds(first.value, "from", first.column)[0] >= date_bounds(last.value, "to", last.column)[1]:
                raise QueryError(f"from:{_show(first.value)} is after to:{_show(last.value)}", last.column,
                                 "no date is in that range")


def _prune(node: Node | None) -> Node | None:
    """Drop terms the tokenizer would see nothing in ('!!!'), and what becomes empty without them."""
    if node is None or isinstance(node, Filter):
        return node
    if isinstance(node, Term):
        return node if _HAS_TOKEN.search(node.text) else None
    if isinstance(node, Not):
        child = _prune(node.child)
        return None if child is None else Not(child)
    kept = tuple(c for c in (_prune(c) for c in node.children) if c is not None)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else type(node)(kept)


def positive_terms(node: Node | None) -> list[Term]:
    """The words, phrases and prefixes a hit is found by (not those under an exclusion)."""
    return [leaf for leaf in positive_leaves(node) if isinstance(leaf, Term)]


def positive_leaves(node: Node | None) -> list[Term | Filter]:
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, (Term, Filter)):
        return [node]
    return [leaf for c in node.children for leaf in positive_leaves(c)]
