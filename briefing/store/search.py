"""Search across the library: a parsed query (briefing.store.query) compiled to FTS5 plus SQL.

Words, phrases and prefixes become quoted FTS5 strings (so no input reaches FTS5's own syntax);
filters become SQL over the library-wide entities, quotes, sources and dates. Hits are ranked by
bm25 (title weighted) with ties to the newest; `match_spans` and `article_hits` tell the reader
where in an article to highlight.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from briefing.spelling import equivalent_names, fold_transliteration, spellings
from briefing.store.db import Library
from briefing.store.identity import normalize_name
from briefing.store.query import (
    FILTERS,
    And,
    Filter,
    Node,
    Not,
    Or,
    QueryError,
    Term,
    date_bounds,
    parse,
    positive_leaves,
    positive_terms,
)

__all__ = ["QueryError", "Hit", "parse", "search", "count_matches", "match_spans", "article_hits", "FILTERS", "Term",
           "Filter", "Not", "And", "Or", "Node", "positive_terms"]

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 24
SNIPPET_CHARS = 200
_OPEN, _CLOSE = "\x02", "\x03"  # snippet/highlight markers: control codes are stripped from bodies
_ENTITY_KINDS = {"person": ("person",), "place": ("place",), "org": ("organization",)}
_SPACE = re.compile(r"\s+")
_TOKENIZER = "porter unicode61 remove_diacritics 2"  # as articles_fts is built (schema V1)
# Endings that may complete a typed prefix into a word whose porter stem no longer starts with
# the prefix ("negotiat" + "ion" -> "negoti", "presiden" + "t" -> "presid").
_COMPLETIONS = ("", "e", "s", "es", "ed", "ing", "y", "ies", "ied", "t", "ts", "te", "tes", "ted", "ting",
                "tion", "tions", "ion", "ions", "ation", "ations", "ate", "ates", "ated", "ating", "ator",
                "ators", "ent", "ents", "ence", "ency", "ential", "al", "ally", "ality", "ity", "ities", "ive",
                "ives", "ively", "ivity", "ism", "ist", "ists", "ize", "ized", "izing", "ization", "ise",
                "ised", "ising", "isation", "ment", "ments", "er", "ers", "or", "ors", "ous", "ously", "ness",
                "ful", "able", "ible", "ic", "ical", "ically", "cy", "ce", "ly", "n", "ns", "nt", "nts",
                "nce", "ncy", "r", "rs", "l", "ls", "c", "cs", "d", "ds", "ce", "ces", "cal", "cally")


# ---------------------------------------------------------------- errors
@contextmanager
def _runnable() -> Iterator[None]:
    """The last line of defence: whatever SQLite refuses while running a query becomes a one-line
    QueryError, so neither the CLI nor the reader can crash on a query. (The parser's limits keep
    queries well inside SQLite's and FTS5's; this is for what they do not foresee.)"""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise QueryError(_plain(exc), None) from exc


def _plain(exc: sqlite3.OperationalError) -> str:
    text = " ".join(str(exc).split())
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return "the library is busy (another briefing is writing to it): try again"
    if any(word in lowered for word in ("overflow", "too many", "too big", "too large", "depth", "complex")):
        return "the query is too complex to run: use fewer words, filters or parentheses"
    return f"the search could not be run: {text[:120]}"


# ---------------------------------------------------------------- compiling
def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class _Vocab:
    """Prefix expansion against an index's vocabulary of stems.

    The porter stemmer rewrites endings, so the typed prefix "negotiat*" matches no indexed term
    ("negotiations" is indexed as "negoti"). Each prefix also searches the stems of the words it
    could begin, when the index holds them.
    """

    def __init__(self, conn: sqlite3.Connection, table: str) -> None:
        self.conn, self.table = conn, table

    def expand(self, prefix: str) -> list[str]:
        candidates = _stems_of_completions(prefix)
        if not candidates:
            return []
        marks = ",".join("?" * len(candidates))
        rows = self.conn.execute(f"SELECT term FROM {self.table} WHERE term IN ({marks})", candidates)
        return sorted(t for (t,) in rows.fetchall())


@lru_cache(maxsize=1024)
def _stems_of_completions(prefix: str) -> tuple[str, ...]:
    """Stems of `prefix` + each common ending that do not start with the prefix's own stem."""
    if len(prefix) < 4 or not prefix.isalpha():
        return ()
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE words USING fts5(w, tokenize='{_TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE temp.stems USING fts5vocab(main, words, instance)")
        conn.executemany("INSERT INTO words(rowid, w) VALUES (?, ?)",
                         [(i + 1, prefix + ending) for i, ending in enumerate(_COMPLETIONS)])
        by_row = dict(conn.execute("SELECT doc, term FROM temp.stems").fetchall())
    finally:
        conn.close()
    own = by_row.get(1, prefix.lower())  # the prefix as the tokenizer folds it (case, accents)
    return tuple(sorted({t for t in by_row.values() if not t.startswith(own)}))


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
    conjunction: bool = False  # `sql` is "x AND y", not one term

    def as_sql(self) -> tuple[str, list[Any]]:
        """One SQL term. Parentheses only where needed: each level of them costs SQLite's parser
        stack, which a query nesting exclusions of filters would otherwise overflow early."""
        conds, params = [], []
        if self.fts:
            conds.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(self.fts)
        if self.sql:
            conds.append(self.sql)
            params.extend(self.params)
        if len(conds) == 1 and not self.conjunction:
            return conds[0], params
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
    # FTS5's NOT is binary and subtracts from a positive match: a NOT b NOT c is a NOT (b OR c),
    # written flat, since a chain of NOTs nests one group per exclusion and overflows FTS5's parser.
    excluded = " OR ".join(f"({neg})" for neg in negative)
    if positive:
        fts = " AND ".join(f"({p})" for p in positive)
        if excluded:
            fts = f"({fts}) NOT ({excluded})"
    elif excluded:
        sqls.append("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(excluded)
    return _Part(fts=fts, sql=" AND ".join(sqls) or None, params=params, conjunction=len(sqls) > 1)


def _like_words(value: str) -> str:
    """A LIKE pattern matching `value` as whole words of a padded name (' ' || name || ' ')."""
    prefix = value.endswith("*")
    return _like_sequence(value.rstrip("*").strip().split(" "), prefix)


def _like_sequence(words: list[str | None], prefix: bool) -> str:
    """A LIKE pattern for these words in a row in a padded name; None is any one-letter word (an
    initial), and with `prefix` the last word may go on."""
    escaped = ["_" if w is None else w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
               for w in words]
    return "% " + " ".join(escaped) + ("%" if prefix else " %")


def _like_whole(words: list[str]) -> str:
    """A LIKE pattern for exactly these words as the whole padded name."""
    return _like_sequence(words, False)[1:-1]


def _with_initials(name: str, prefix: bool) -> list[str]:
    """Patterns for a normalised name and the same name with one or two initials in each gap
    between two full words ("george bush" finds "george w bush" and "george h w bush"; a name
    typed with an initial wants it: "george w bush" does not find "george h w bush")."""
    words = name.split()
    gaps = [i for i in range(1, len(words)) if len(words[i - 1]) > 1 and len(words[i]) > 1][:2]
    patterns = []
    for counts in itertools.product((0, 1, 2), repeat=len(gaps)):
        seq: list[str | None] = []
        for i, word in enumerate(words):
            if i in gaps:
                seq += [None] * counts[gaps.index(i)]
            seq.append(word)
        patterns.append(_like_sequence(seq, prefix))
    return patterns


def _entity_ids(value: str, kinds: tuple[str, ...] | None) -> tuple[str, list[Any]]:
    """SQL for the library-wide entities the value names: as whole words of the entity's name, an
    alias, or its identity key, in any spelling that folds to the same key ("Zelensky" finds
    "Zelenskiy" and the reverse), by another name of the same place ("Kiev" finds "Kyiv"), and
    with middle initials left out ("George Bush" finds "George W. Bush")."""
    kind = "" if kinds is None else " AND e.kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")"
    prefix = value.endswith("*")
    typed = value.rstrip("*").strip()
    norm = normalize_name(typed)
    forms = spellings(norm, last_is_prefix=prefix) if norm else []
    # Another name of a place is that place's whole name: "America" for the US must not find
    # "South America" (what was typed still matches as words: place:Korea finds South Korea).
    others = [f for other in equivalent_names(norm) for f in spellings(other)] if norm and not prefix else []
    whole = [_like_whole(f.split()) for f in others]
    # LIKE folds ASCII case: a pattern that differs from another only so would test every row twice.
    names = list({p.casefold(): p for p in [*(_like_sequence(f.split(), prefix) for f in forms),
                                             _like_words(value), *whole]}.values())
    folded = fold_transliteration(norm)
    keys = list(dict.fromkeys([*(_with_initials(folded, prefix) if folded else []),
                               *(_like_sequence(f.split(), prefix) for f in forms), *whole]))
    # The key after its kind, a one-word person's "@article" set apart as a word of its own.
    key = "(' ' || replace(substr(e.key, instr(e.key, ':') + 1), '@', ' @') || ' ')"
    by_name = " OR ".join(["(' ' || e.name || ' ') LIKE ? ESCAPE '\\'"] * len(names))
    by_key = " OR ".join([f"{key} LIKE ? ESCAPE '\\'"] * len(keys))
    by_alias = " OR ".join(["(' ' || ea.alias || ' ') LIKE ? ESCAPE '\\'"] * len(names))
    sql = (f"SELECT e.id FROM entities e WHERE ({by_name}{' OR ' + by_key if keys else ''}){kind}"
           " UNION SELECT ea.entity_id FROM entity_aliases ea JOIN entities e ON e.id = ea.entity_id"
           f" WHERE ({by_alias}){kind}")
    return sql, [*names, *keys, *names]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_GLOB_SPECIAL = re.compile(r"([*?\[])")


def _source_sql(value: str) -> tuple[str, list[Any]]:
    """A source line holding the value as whole words ("AP" in "AP News", not in "Japan"), or as
    word prefixes with a trailing '*' (`source:wiki*` finds "Wikinews").

    GLOB over the lower-cased line with a non-alphanumeric on each side; SQLite's lower() folds
    ASCII only, so the value is folded the same way.
    """
    prefix = value.endswith("*")
    words = _GLOB_SPECIAL.sub(r"[\1]", value.rstrip("*").strip().translate(_ASCII_LOWER))
    pattern = "*[^a-z0-9]" + words + ("*" if prefix else "[^a-z0-9]*")
    # The LIKE (a substring, ASCII case folded) is cheap and rules out most rows before the GLOB.
    like = "%" + value.rstrip("*").strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return "(a.source LIKE ? ESCAPE '\\' AND (' ' || lower(a.source) || ' ') GLOB ?)", [like, pattern]


def _speaker_fts(value: str) -> str:
    """An FTS5 expression for the words of a speaker as the article wrote it ("a NATO spokesman"),
    for quotes whose speaker is no entity; the index finds them without reading every quote."""
    prefix = value.endswith("*")
    return "speaker : " + _fts_string(value.rstrip("*").strip()) + ("*" if prefix else "")


def _filter_sql(f: Filter) -> tuple[str, list[Any]]:
    if f.name in _ENTITY_KINDS:
        ids, params = _entity_ids(f.value, _ENTITY_KINDS[f.name])
        return "a.id IN (SELECT ae.article_id FROM article_entities ae WHERE ae.entity_id IN (" + ids + "))", params
    if f.name == "speaker":
        ids, params = _entity_ids(f.value, None)
        return ("a.id IN (SELECT q.article_id FROM quotes q WHERE q.speaker_entity_id IN (" + ids
                + ") UNION SELECT q.article_id FROM quotes q WHERE q.id IN"
                " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?))", [*params, _speaker_fts(f.value)])
    if f.name == "source":
        return _source_sql(f.value)
    first, after = date_bounds(f.value, f.name, f.column)
    if f.name == "from":
        return "a.date >= ?", [first]
    return "a.date < ?", [after]


# ---------------------------------------------------------------- searching
@dataclass
class Hit:
    """One ranked article; `snippet` is plain text and `marks` the (start, end) of hits within it.

    `score` is the bm25 relevance of the query's words (higher is better). It is None when the
    article was found by filters alone (`person:Zelensky`, `from:2024`): there are no words to rank
    by, and such hits come newest first; their snippet is around the first mention of the entity
    filtered for, marked.
    """

    article_id: int
    title: str
    path: str | None
    url: str | None
    date: str | None
    source: str | None
    snippet: str
    score: float | None
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
                "score": None if self.score is None else round(self.score, 4)}


_COLUMNS = "a.id, a.title, a.path, a.url, a.date, a.source"


def search(library: Library, query: str | Node | None, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Ranked hits for a query: bm25 over title (weighted) and body, ties to the newest."""
    node = parse(query) if isinstance(query, str) else query
    if node is None:
        return []
    conn = library.db.conn
    limit, offset = max(0, int(limit)), max(0, int(offset))
    with _runnable():
        part = _compile(node, _library_vocab(conn))
        if part.fts:
            return _ranked(conn, part, limit, offset)
        return _unranked(conn, node, part, limit, offset)


def count_matches(library: Library, query: str | Node | None) -> int:
    """How many articles match the query (what `search` would list with no limit), counted
    without ranking them or reading their rows: "20 of 313 shown". QueryError as `search`."""
    node = parse(query) if isinstance(query, str) else query
    if node is None:
        return 0
    conn = library.db.conn
    with _runnable():
        part = _compile(node, _library_vocab(conn))
        if part.fts and not part.sql:
            return conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                [part.fts]).fetchone()[0]
        where, params = part.as_sql()
        return conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]


def _library_vocab(conn: sqlite3.Connection) -> _Vocab:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_vocab USING fts5vocab(main, articles_fts, row)")
    return _Vocab(conn, "temp.articles_vocab")


def _ranked(conn: sqlite3.Connection, part: _Part, limit: int, offset: int) -> list[Hit]:
    """Rank by bm25 in FTS5 alone; article rows and snippets only for the hits shown (they are costly)."""
    rank = f"bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
    match, params = "articles_fts MATCH ?", [part.fts]
    if part.sql:
        # The filters as a set of ids. `+rowid` keeps SQLite from handing FTS5 the set as a rowid
        # constraint, which it would answer by running the match once per id.
        match += f" AND +rowid IN (SELECT a.id FROM articles a WHERE {part.sql})"
        params += part.params
    wanted = limit + offset
    top = conn.execute(f"SELECT rowid, {rank} AS r FROM articles_fts WHERE {match} ORDER BY r, rowid DESC LIMIT ?",
                       [*params, wanted + 1]).fetchall()
    if len(top) > wanted and wanted and top[wanted - 1][1] == top[wanted][1]:
        # A tie straddles the page edge: take every hit ranked as well as the last one shown.
        top = conn.execute(f"SELECT rowid, r FROM (SELECT rowid, {rank} AS r FROM articles_fts WHERE {match})"
                           " WHERE r <= ?", [*params, top[wanted - 1][1]]).fetchall()
    scores = dict(top)
    rows = conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))",
                        [json.dumps(list(scores))]).fetchall()
    rows.sort(key=lambda r: r[0], reverse=True)  # stable sorts: newest id, newest date, best rank
    rows.sort(key=lambda r: r[4] or "", reverse=True)
    rows.sort(key=lambda r: scores[r[0]])
    rows = [(*r, scores[r[0]]) for r in rows[offset:offset + limit]]
    snippets = _snippets(conn, part.fts, [row[0] for row in rows])
    return [_hit(row[:6], snippets.get(row[0]) or _fallback_snippet(conn, row[0]), -row[6]) for row in rows]


def _snippets(conn: sqlite3.Connection, fts: str | None, article_ids: list[int]) -> dict[int, str]:
    """The body around the best hits of `fts`, hits between markers, for each article that has one.

    One query for the whole page: FTS5 parses the expression once rather than once a hit.
    """
    if not fts or not article_ids:
        return {}
    rows = conn.execute(f"SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS}) FROM articles_fts"
                        " WHERE articles_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
                        [_OPEN, _CLOSE, fts, json.dumps(article_ids)]).fetchall()
    return {rowid: text for rowid, text in rows if _OPEN in text}


def _fallback_snippet(conn: sqlite3.Connection, article_id: int, entity_ids: list[int] | None = None) -> str:
    """For a hit with no word match in its body: the body around the first mention of an entity
    filtered for, else the body's opening."""
    around = _mention_snippet(conn, entity_ids or [], article_id)
    if around:
        return around
    body = conn.execute("SELECT substr(body, 1, ?) FROM articles WHERE id = ?",
                        [SNIPPET_CHARS + 1, article_id]).fetchone()[0]
    return body if len(body) <= SNIPPET_CHARS else body[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"


def _filtered_entity_ids(conn: sqlite3.Connection, filters: list[Filter]) -> list[int]:
    """The library-wide entities that the person:/place:/org:/speaker: filters ask for (found once
    a search, not once a hit)."""
    found: set[int] = set()
    for f in filters:  # one query a filter: a UNION of them all could pass SQLite's 500 SELECTs
        if f.name in _ENTITY_KINDS or f.name == "speaker":
            ids, params = _entity_ids(f.value, _ENTITY_KINDS.get(f.name))
            found.update(row[0] for row in conn.execute(ids, params))
    return sorted(found)


def _mention_snippet(conn: sqlite3.Connection, entity_ids: list[int], article_id: int) -> str | None:
    """The body around the first mention of one of `entity_ids` (what the filters asked for), each
    such mention in it between markers; None when the article names none of them."""
    if not entity_ids:
        return None
    spans = conn.execute('SELECT DISTINCT start, "end" FROM mentions WHERE article_id = ? AND entity_id IN'
                         ' (SELECT value FROM json_each(?)) ORDER BY start',
                         [article_id, json.dumps(entity_ids)]).fetchall()
    if not spans:
        return None
    body = conn.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    first = spans[0][0]
    start = max(0, first - SNIPPET_CHARS // 4)
    if start:
        start = body.find(" ", start, first) + 1 or start  # from a word's beginning
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body):
        end = max(body.rfind(" ", spans[0][1], end), spans[0][1])  # to a word's end, the first mention whole
    out, pos = ["…" if start else ""], start
    for m_start, m_end in spans:
        if m_start < pos or m_end > end:
            continue
        out += [body[pos:m_start], _OPEN, body[m_start:m_end], _CLOSE]
        pos = m_end
    out += [body[pos:end], "…" if end < len(body) else ""]
    return "".join(out)


def _unranked(conn: sqlite3.Connection, node: Node, part: _Part, limit: int, offset: int) -> list[Hit]:
    """Queries whose words sit under OR with filters, or filters alone: filter in SQL, rank by
    whatever words matched (score None for an article no word matched: found by its filters)."""
    where, params = part.as_sql()
    words = " OR ".join(f"({_term_fts(t, None)})" for t in positive_terms(node))
    entity_ids = _filtered_entity_ids(conn, [leaf for leaf in positive_leaves(node) if isinstance(leaf, Filter)])
    if not words:
        # Walk the (date, id) index newest first and stop at the page's end: a filter that matches
        # thousands of articles never reads their rows to sort them.
        rows = conn.execute(f"SELECT {_COLUMNS}, NULL FROM articles a WHERE a.id IN (SELECT a.id FROM articles a"
                            f" INDEXED BY articles_date WHERE {where} ORDER BY a.date DESC, a.id DESC LIMIT ? OFFSET ?)"
                            " ORDER BY a.date DESC, a.id DESC", [*params, limit, offset])
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS}, -m.rank FROM articles a LEFT JOIN"
            f" (SELECT rowid AS rid, bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank"
            "  FROM articles_fts WHERE articles_fts MATCH ?) m ON m.rid = a.id"
            f" WHERE {where} ORDER BY m.rank IS NULL, m.rank, a.date DESC, a.id DESC LIMIT ? OFFSET ?",
            [words, *params, limit, offset])
    rows = rows.fetchall()
    snippets = _snippets(conn, words or None, [row[0] for row in rows])
    speakers = [leaf for leaf in positive_leaves(node) if isinstance(leaf, Filter) and leaf.name == "speaker"]
    return [_hit(row[:6], snippets.get(row[0]) or _quote_snippet(conn, row[0], speakers)
                 or _fallback_snippet(conn, row[0], entity_ids), row[6]) for row in rows]


def _quote_snippet(conn: sqlite3.Connection, article_id: int, speakers: list[Filter]) -> str | None:
    """For speaker: what was said (the first such quote, marked), not the speaker's first mention."""
    for leaf in speakers:
        where, params = _quotes_by(leaf)
        row = conn.execute(f"SELECT q.text FROM quotes q WHERE q.article_id = ? AND {where} ORDER BY q.start LIMIT 1",
                           [article_id, *params]).fetchone()
        if row:
            said = " ".join(row[0].split())
            if len(said) > SNIPPET_CHARS:
                said = said[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
            return f"{_OPEN}{said}{_CLOSE}"
    return None


def _quotes_by(leaf: Filter) -> tuple[str, list[Any]]:
    """SQL condition on `quotes q` for the quotes of a speaker: filter, by entity or by the words
    the article used for someone it never named."""
    ids, params = _entity_ids(leaf.value, None)
    return (f"(q.speaker_entity_id IN ({ids}) OR (' ' || q.speaker || ' ') LIKE ? ESCAPE '\\')",
            [*params, _like_words(leaf.value)])


def _hit(cols: tuple, raw_snippet: str, score: float | None) -> Hit:
    text, marks = _unmark(raw_snippet or "")
    return Hit(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], text,
               None if score is None else float(score), marks)


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
        with _runnable():
            conn.execute(f"CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='{_TOKENIZER}')")
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
    with _runnable():
        return _article_hits(library.db.conn, article_id, node)


def _article_hits(conn: sqlite3.Connection, article_id: int, node: Node | None) -> list[tuple[int, int]]:
    row = conn.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None or node is None:
        return []
    spans = set(match_spans(row[0], node))
    for leaf in positive_leaves(node):
        if not isinstance(leaf, Filter):
            continue
        if leaf.name in _ENTITY_KINDS:
            ids, params = _entity_ids(leaf.value, _ENTITY_KINDS[leaf.name])
            found = conn.execute('SELECT start, "end" FROM mentions WHERE article_id = ? AND entity_id IN (' + ids + ")",
                                 [article_id, *params])
        elif leaf.name == "speaker":
            where, params = _quotes_by(leaf)
            found = conn.execute(f'SELECT q.start, q."end" FROM quotes q WHERE q.article_id = ? AND {where}',
                                 [article_id, *params])
        else:
            continue
        spans.update((s, e) for s, e in found.fetchall())
    return _side_by_side(_outermost(sorted(spans)), row[0])


def _side_by_side(spans: list[tuple[int, int]], body: str) -> list[tuple[int, int]]:
    """Hits with only a space between them are one place to read: `social security` in
    "Social Security" is one hit, not two (n walked them word by word)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and 0 < start - out[-1][1] <= 2 and not body[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


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
