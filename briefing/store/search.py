"""Search across the library: our query language, parsed here and compiled to FTS5 plus SQL.

The query is never handed to FTS5 as typed: every word becomes a quoted FTS5 string, so no
input can reach FTS5's own syntax, and every mistake is a `QueryError` with one line that says
what is wrong and at which column.

Syntax: words (all must match, stemmed), "exact phrases", OR, -exclusion, prefix*, parentheses,
and filters person: place: org: speaker: source: from:YYYY-MM-DD to:YYYY-MM-DD (values may be
quoted: person:"Joe Biden").
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Union

from briefing.store.db import Library

__all__ = ["QueryError", "Hit", "parse", "search", "match_spans", "article_hits", "FILTERS"]

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 24
SNIPPET_CHARS = 200
_OPEN, _CLOSE = "\x02", "\x03"  # snippet/highlight markers: control codes are stripped from bodies
_ENTITY_KINDS = {"person": ("person",), "place": ("place",), "org": ("organization",)}
FILTERS = ("person", "place", "org", "speaker", "source", "from", "to")
_HAS_TOKEN = re.compile(r"[^\W_]")  # unicode61 indexes letters and digits; the rest separates
_FILTER = re.compile(r"([A-Za-z_]+):")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SPACE = re.compile(r"\s+")
_PREFIX_SLACK = 3  # how many trailing letters the stemmer may rewrite ("negotiat*" ~ "negoti")


class QueryError(ValueError):
    """A malformed query; str() is one line saying what is wrong and at which column (1-based)."""

    def __init__(self, message: str, column: int, hint: str = "") -> None:
        self.column = column
        self.reason = message
        super().__init__(f"{message} at column {column}" + (f" ({hint})" if hint else ""))


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
        elif ch == '"':
            text, i = _quoted(query, i)
            prefix = i < n and query[i] == "*"
            i += prefix
            tokens.append(_Tok("phrase", col, text=text, prefix=prefix))
        elif ch == "-" and (i + 1 >= n or query[i + 1].isspace() or query[i + 1] == ")"):
            raise QueryError("'-' needs a word, phrase or filter right after it", col)
        elif ch == "-":
            tokens.append(_Tok("minus", col))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '()"':
                i += 1
            tokens.append(_word_token(query, start, i))
            if tokens[-1].kind == "filter" and not tokens[-1].value:
                if i < n and query[i] == '"':
                    value, i = _quoted(query, i)
                    prefix = i < n and query[i] == "*"
                    i += prefix
                    tokens[-1] = _Tok("filter", col, text=tokens[-1].text, value=value, prefix=prefix)
                else:
                    raise QueryError(f"{tokens[-1].text}: needs a value", col)
    tokens.append(_Tok("end", n + 1))
    return tokens


def _quoted(query: str, i: int) -> tuple[str, int]:
    """The text between the quote at `i` and its partner, and the index just past the partner."""
    end = query.find('"', i + 1)
    if end < 0:
        raise QueryError("unclosed quote", i + 1)
    return query[i + 1:end], end + 1


def _word_token(query: str, start: int, end: int) -> _Tok:
    word, col = query[start:end], start + 1
    if word == "OR":
        return _Tok("or", col)
    if word == "AND":
        return _Tok("and", col)
    match = _FILTER.match(word)
    if match:
        name = match.group(1).lower()
        if name not in FILTERS:
            raise QueryError(f"unknown filter {_show(match.group(1))}:", col,
                             "filters are " + " ".join(f"{f}:" for f in FILTERS) + '; put "quotes" around it'
                             " to search for the text")
        value = word[match.end():]
        prefix = value.endswith("*")
        return _Tok("filter", col, text=name, value=value.rstrip("*"), prefix=prefix)
    if word.startswith("*"):
        raise QueryError("'*' goes at the end of a word (prefix*)", col)
    prefix = word.endswith("*")
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
            raise QueryError("empty parentheses" if self.tok.kind == "rparen" else "nothing to search for",
                             self.tok.column)
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        if self.tok.kind == "minus":
            op = self.take()
            if self.tok.kind in ("end", "rparen", "or", "and"):
                raise QueryError("'-' needs a word, phrase or filter right after it", op.column)
            return Not(self.parse_unary())
        return self.parse_primary()

    def parse_primary(self) -> Node:
        tok = self.take()
        if tok.kind == "lparen":
            if self.tok.kind == "rparen":
                raise QueryError("empty parentheses", tok.column)
            node = self.parse_or()
            if self.tok.kind != "rparen":
                raise QueryError("'(' is never closed", tok.column)
            self.take()
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
        _date_bounds(value, tok.text, tok.column)  # validate now, so the error names the column
    elif tok.prefix:
        value += "*"
    return Filter(tok.text, value, tok.column)


def _date_bounds(value: str, name: str, column: int) -> tuple[str, str]:
    """First day and the day after the last day of YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _DATE.match(value)
    try:
        if not match:
            raise ValueError
        year, month, day = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
        first = date(year, month, day)
        if match.group(3):
            after = first + timedelta(days=1)
        elif match.group(2):
            after = date(year + month // 12, month % 12 + 1, 1)
        else:
            after = date(year + 1, 1, 1)
    except (ValueError, OverflowError):
        raise QueryError(f"{name}: expects a date YYYY-MM-DD, not {_show(value)}", column) from None
    return first.isoformat(), after.isoformat()


def parse(query: str) -> Node | None:
    """The syntax tree of a query (None when it holds nothing to search for); QueryError if malformed."""
    # Lone surrogates cannot be encoded for SQLite and a NUL ends an FTS5 string: neither is a word.
    query = query.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    return _prune(_Parser(_tokenize(query)).parse())


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
    return [leaf for leaf in _positive_leaves(node) if isinstance(leaf, Term)]


def _positive_leaves(node: Node | None) -> list[Term | Filter]:
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, (Term, Filter)):
        return [node]
    return [leaf for c in node.children for leaf in _positive_leaves(c)]


# ---------------------------------------------------------------- compiling
def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class _Vocab:
    """Prefix expansion: the porter stemmer rewrites endings, so 'negotiat*' must also find 'negoti'."""

    def __init__(self, conn: sqlite3.Connection, table: str) -> None:
        self.conn, self.table = conn, table

    def expand(self, prefix: str) -> list[str]:
        low = prefix.lower()
        if len(low) <= 3 or not low.isalpha():
            return []
        base = low[:max(3, len(low) - _PREFIX_SLACK)]
        rows = self.conn.execute(f"SELECT term FROM {self.table} WHERE term >= ? AND term < ?",
                                 [base, base + "\U0010ffff"]).fetchall()
        return [t for (t,) in rows if low.startswith(t) and len(t) < len(low)]


def _term_fts(term: Term, vocab: _Vocab | None) -> str:
    if not term.prefix:
        return _fts_string(term.text)
    expr = _fts_string(term.text) + "*"
    extra = vocab.expand(term.text) if vocab is not None and not term.phrase else []
    return expr if not extra else "(" + " OR ".join([expr, *map(_fts_string, extra)]) + ")"


@dataclass
class _Part:
    """A compiled node: `fts` (an FTS5 expression) AND `sql` (a condition on articles `a`)."""

    fts: str | None = None
    sql: str | None = None
    params: list[Any] = field(default_factory=list)

    def as_sql(self) -> tuple[str, list[Any]]:
        conds, params = [], []
        if self.fts:
            conds.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(self.fts)
        if self.sql:
            conds.append(self.sql)
            params.extend(self.params)
        return "(" + " AND ".join(conds) + ")", params


def _compile(node: Node, vocab: _Vocab | None) -> _Part:
    if isinstance(node, Term):
        return _Part(fts=_term_fts(node, vocab))
    if isinstance(node, Filter):
        sql, params = _filter_sql(node)
        return _Part(sql=sql, params=params)
    if isinstance(node, Not):
        sql, params = _compile(node.child, vocab).as_sql()
        return _Part(sql=f"NOT {sql}", params=params)
    if isinstance(node, And):
        return _compile_and(node, vocab)
    parts = [_compile(c, vocab) for c in node.children]
    if all(p.fts and not p.sql for p in parts):
        return _Part(fts=" OR ".join(f"({p.fts})" for p in parts))
    sqls, params = [], []
    for p in parts:
        sql, ps = p.as_sql()
        sqls.append(sql)
        params.extend(ps)
    return _Part(sql="(" + " OR ".join(sqls) + ")", params=params)


def _compile_and(node: And, vocab: _Vocab | None) -> _Part:
    positive, negative, sqls, params = [], [], [], []
    for child in node.children:
        if isinstance(child, Not):
            inner = _compile(child.child, vocab)
            if inner.fts and not inner.sql:
                negative.append(inner.fts)
                continue
        part = _compile(child, vocab)
        if part.fts:
            positive.append(part.fts)
        if part.sql:
            sqls.append(part.sql)
            params.extend(part.params)
    fts = None
    if positive:
        fts = " AND ".join(f"({p})" for p in positive)
        for neg in negative:  # FTS5's NOT is binary: it can only subtract from a positive match
            fts = f"({fts}) NOT ({neg})"
    else:
        for neg in negative:
            sqls.append("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(neg)
    return _Part(fts=fts, sql=" AND ".join(sqls) or None, params=params)


def _like_words(value: str) -> str:
    """A LIKE pattern matching `value` as whole words of a padded name (' ' || name || ' ')."""
    prefix = value.endswith("*")
    value = value.rstrip("*").strip()
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "% " + escaped + ("%" if prefix else " %")


def _entity_ids_sql(kinds: tuple[str, ...] | None) -> str:
    """Library-wide entities whose name or any alias holds the value's words (two LIKE params)."""
    kind = "" if kinds is None else " AND e.kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")"
    return (f"SELECT e.id FROM entities e WHERE (' ' || e.name || ' ') LIKE ? ESCAPE '\\'{kind}"
            " UNION SELECT ea.entity_id FROM entity_aliases ea JOIN entities e ON e.id = ea.entity_id"
            f" WHERE (' ' || ea.alias || ' ') LIKE ? ESCAPE '\\'{kind}")


def _filter_sql(f: Filter) -> tuple[str, list[Any]]:
    if f.name in _ENTITY_KINDS:
        pattern = _like_words(f.value)
        return ("a.id IN (SELECT ae.article_id FROM article_entities ae WHERE ae.entity_id IN ("
                + _entity_ids_sql(_ENTITY_KINDS[f.name]) + "))", [pattern, pattern])
    if f.name == "speaker":
        pattern = _like_words(f.value)
        return ("a.id IN (SELECT q.article_id FROM quotes q WHERE q.speaker_entity_id IN ("
                + _entity_ids_sql(None) + ") OR (' ' || q.speaker || ' ') LIKE ? ESCAPE '\\')",
                [pattern, pattern, pattern])
    if f.name == "source":
        value = f.value.rstrip("*").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "a.source LIKE ? ESCAPE '\\'", [f"%{value}%"]
    first, after = _date_bounds(f.value, f.name, f.column)
    if f.name == "from":
        return "a.date >= ?", [first]
    return "a.date < ?", [after]


# ---------------------------------------------------------------- searching
@dataclass
class Hit:
    """One ranked article; `snippet` is plain text and `marks` the (start, end) of hits within it."""

    article_id: int
    title: str
    path: str | None
    url: str | None
    date: str | None
    source: str | None
    snippet: str
    score: float
    marks: list[tuple[int, int]] = field(default_factory=list)

    def marked_snippet(self, left: str = "«", right: str = "»") -> str:
        """The snippet with each hit wrapped in `left`/`right` (for JSON and plain output)."""
        out, last = [], 0
        for start, end in self.marks:
            out += [self.snippet[last:start], left, self.snippet[start:end], right]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "title": self.title, "path": self.path, "url": self.url,
                "date": self.date, "source": self.source, "snippet": self.marked_snippet(),
                "score": round(self.score, 4)}


_COLUMNS = "a.id, a.title, a.path, a.url, a.date, a.source"


def search(library: Library, query: str | Node | None, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Ranked hits for a query: bm25 over title (weighted) and body, ties to the newest."""
    node = parse(query) if isinstance(query, str) else query
    if node is None:
        return []
    conn = library.db.conn
    part = _compile(node, _library_vocab(conn))
    limit, offset = max(0, int(limit)), max(0, int(offset))
    if part.fts:
        return _ranked(conn, part, limit, offset)
    return _unranked(conn, node, part, limit, offset)


def _library_vocab(conn: sqlite3.Connection) -> _Vocab:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_vocab USING fts5vocab(main, articles_fts, row)")
    return _Vocab(conn, "temp.articles_vocab")


def _ranked(conn: sqlite3.Connection, part: _Part, limit: int, offset: int) -> list[Hit]:
    """Rank by bm25 in FTS5 alone when possible; snippets only for the hits shown (they are costly)."""
    rank = f"bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
    wanted = limit + offset
    top = None
    if not part.sql:
        top = conn.execute(f"SELECT rowid, {rank} AS r FROM articles_fts WHERE articles_fts MATCH ?"
                           " ORDER BY r, rowid DESC LIMIT ?", [part.fts, wanted + 1]).fetchall()
        if len(top) > wanted and wanted and top[wanted - 1][1] == top[wanted][1]:
            # A tie straddles the page edge: take every hit ranked as well as the last one shown.
            top = conn.execute(f"SELECT rowid, r FROM (SELECT rowid, {rank} AS r FROM articles_fts"
                               " WHERE articles_fts MATCH ?) WHERE r <= ?", [part.fts, top[wanted - 1][1]]).fetchall()
    if top is not None:
        scores = dict(top)
        rows = conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))",
                            [json.dumps(list(scores))]).fetchall()
        rows.sort(key=lambda r: r[0], reverse=True)  # stable sorts: newest id, newest date, best rank
        rows.sort(key=lambda r: r[4] or "", reverse=True)
        rows.sort(key=lambda r: scores[r[0]])
        rows = [(*r, scores[r[0]]) for r in rows[offset:offset + limit]]
    else:
        where = f" AND {part.sql}" if part.sql else ""
        rows = conn.execute(
            f"SELECT {_COLUMNS}, {rank} AS r FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            f" WHERE articles_fts MATCH ?{where} ORDER BY r, a.date DESC, a.id DESC LIMIT ? OFFSET ?",
            [part.fts, *part.params, limit, offset]).fetchall()
    return [_hit(row[:6], _snippet(conn, part.fts, row[0]), -row[6]) for row in rows]


def _snippet(conn: sqlite3.Connection, fts: str | None, article_id: int) -> str:
    """The body around the best hits, hits between markers; the body's opening when no word matched."""
    if fts:
        found = conn.execute(f"SELECT snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS}) FROM articles_fts"
                             " WHERE articles_fts MATCH ? AND rowid = ?", [_OPEN, _CLOSE, fts, article_id]).fetchone()
        if found and _OPEN in found[0]:
            return found[0]
    body = conn.execute("SELECT substr(body, 1, ?) FROM articles WHERE id = ?",
                        [SNIPPET_CHARS + 1, article_id]).fetchone()[0]
    return body if len(body) <= SNIPPET_CHARS else body[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"


def _unranked(conn: sqlite3.Connection, node: Node, part: _Part, limit: int, offset: int) -> list[Hit]:
    """Queries whose words sit under OR with filters: filter in SQL, rank by whatever words matched."""
    where, params = part.as_sql()
    words = " OR ".join(f"({_term_fts(t, None)})" for t in positive_terms(node))
    if not words:
        rows = conn.execute(f"SELECT {_COLUMNS}, 0.0 FROM articles a WHERE {where}"
                            " ORDER BY a.date DESC, a.id DESC LIMIT ? OFFSET ?", [*params, limit, offset])
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS}, coalesce(-m.rank, 0.0) FROM articles a LEFT JOIN"
            f" (SELECT rowid AS rid, bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank"
            "  FROM articles_fts WHERE articles_fts MATCH ?) m ON m.rid = a.id"
            f" WHERE {where} ORDER BY m.rank IS NULL, m.rank, a.date DESC, a.id DESC LIMIT ? OFFSET ?",
            [words, *params, limit, offset])
    return [_hit(row[:6], _snippet(conn, words or None, row[0]), row[6]) for row in rows.fetchall()]


def _hit(cols: tuple, raw_snippet: str, score: float) -> Hit:
    text, marks = _unmark(raw_snippet or "")
    return Hit(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], text, float(score), marks)


def _unmark(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain one-line text and hit spans from a marked snippet (whitespace runs become one space)."""
    raw = _SPACE.sub(" ", raw).strip()  # markers hug tokens, so they never split a run of spaces
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    length = pos = 0
    while True:
        start = raw.find(_OPEN, pos)
        if start < 0:
            break
        end = raw.find(_CLOSE, start)
        if end < 0:
            break
        out.append(raw[pos:start])
        length += start - pos
        out.append(raw[start + 1:end])
        marks.append((length, length + end - start - 1))
        length += end - start - 1
        pos = end + 1
    out.append(raw[pos:])
    return "".join(out).replace(_OPEN, "").replace(_CLOSE, ""), [(s, e) for s, e in marks if e > s]


# ---------------------------------------------------------------- highlighting
def match_spans(text: str, query: str | Node | None) -> list[tuple[int, int]]:
    """Character spans of the query's words, phrases and prefixes in `text`, as the index matches them.

    Runs the text through the same FTS5 tokenizer (porter, diacritics folded) in memory, so the
    reader highlights exactly what search found: "talks" marks talk, talked and talking.
    Raises QueryError on a malformed query string.
    """
    node = parse(query) if isinstance(query, str) else query
    terms = positive_terms(node)
    if not terms or not text:
        return []
    clean = text.replace(_OPEN, " ").replace(_CLOSE, " ")
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')")
        conn.execute("CREATE VIRTUAL TABLE temp.doc_vocab USING fts5vocab(main, doc, row)")
        conn.execute("INSERT INTO doc(rowid, body) VALUES (1, ?)", [clean])
        vocab = _Vocab(conn, "temp.doc_vocab")
        expr = " OR ".join(f"({_term_fts(t, vocab)})" for t in terms)
        row = conn.execute("SELECT highlight(doc, 0, ?, ?) FROM doc WHERE doc MATCH ?",
                           [_OPEN, _CLOSE, expr]).fetchone()
    finally:
        conn.close()
    if row is None:
        return []
    spans, start, offset = [], 0, 0
    for i, ch in enumerate(row[0]):
        if ch == _OPEN:
            start = i - offset
            offset += 1
        elif ch == _CLOSE:
            spans.append((start, i - offset))
            offset += 1
    return spans


def article_hits(library: Library, article_id: int, query: str | Node | None) -> list[tuple[int, int]]:
    """Every place in one article the query points at: its words, and the mentions and quotes its
    person:/place:/org:/speaker: filters matched (so a filter-only search still lands somewhere)."""
    node = parse(query) if isinstance(query, str) else query
    conn = library.db.conn
    row = conn.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None or node is None:
        return []
    spans = set(match_spans(row[0], node))
    for leaf in _positive_leaves(node):
        if not isinstance(leaf, Filter):
            continue
        pattern = _like_words(leaf.value)
        if leaf.name in _ENTITY_KINDS:
            found = conn.execute('SELECT start, "end" FROM mentions WHERE article_id = ? AND entity_id IN ('
                                 + _entity_ids_sql(_ENTITY_KINDS[leaf.name]) + ")", [article_id, pattern, pattern])
        elif leaf.name == "speaker":
            found = conn.execute('SELECT q.start, q."end" FROM quotes q WHERE q.article_id = ? AND (q.speaker_entity_id IN ('
                                 + _entity_ids_sql(None) + ") OR (' ' || q.speaker || ' ') LIKE ? ESCAPE '\\')",
                                 [article_id, pattern, pattern, pattern])
        else:
            continue
        spans.update((s, e) for s, e in found.fetchall())
    return _outermost(sorted(spans))


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without those inside an earlier one ("Zelensky" within "Volodymyr Zelensky")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
            continue
        out.append((start, end))
    return out
