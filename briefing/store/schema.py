"""The library's schema as an ordered list of migrations; `PRAGMA user_version` says how many ran.

Migration N takes a library from version N-1 to N. Never edit a released migration: append one.
"""

from __future__ import annotations

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    license TEXT,
    author TEXT,
    path TEXT,
    body TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    analyzer TEXT
);
CREATE INDEX articles_path ON articles(path);
CREATE INDEX articles_date ON articles(date DESC, id DESC);

-- Library-wide identity: one row per real-world person, place, organisation or group.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX entities_kind_name ON entities(kind, name COLLATE NOCASE);
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

-- An entity as one article presents it (local id, the name and role it is given there).
CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    role TEXT,
    mention_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id, start);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE figures (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    counts TEXT
);
CREATE INDEX figures_article ON figures(article_id, start);

CREATE TABLE dates (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT
);
CREATE INDEX dates_article ON dates(article_id, start);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_local TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id),
    cue TEXT
);
CREATE INDEX quotes_article ON quotes(article_id, start);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

CREATE TABLE engagements (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    what TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT '[]',
    where_local TEXT,
    where_entity_id INTEGER REFERENCES entities(id),
    when_text TEXT,
    date TEXT,
    status TEXT NOT NULL
);
CREATE INDEX engagements_article ON engagements(article_id, start);
CREATE INDEX engagements_date ON engagements(date);
CREATE TABLE engagement_who (
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (engagement_id, entity_id)
);
CREATE INDEX engagement_who_entity ON engagement_who(entity_id);

-- Bookmarks hold everything they need to be cited: they survive re-analysis and replacement.
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY,
    article_hash TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    source TEXT,
    date TEXT,
    url TEXT,
    kind TEXT NOT NULL DEFAULT 'sentence',
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker TEXT,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE INDEX bookmarks_article ON bookmarks(article_hash);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
END;
"""

V2 = """
-- The reader's library list reads (id, date, source, title) of every article, newest first.
-- Without this covering index SQLite scans the table, bodies included, and sorts:
-- 35-55 ms for 10,000 articles before the first paint; with it, 6-20 ms.
CREATE INDEX articles_list ON articles(date IS NULL, date DESC, id DESC, source, title);
"""

# V3: a quote bookmark remembers its quote kind (direct / partial / indirect) and cue, so reported
# speech is never cited in quotation marks as if verbatim. Bookmarks of earlier libraries take them
# from the analysis of their article when the span is still a quote there; otherwise they stay NULL.
V3 = """
ALTER TABLE bookmarks ADD COLUMN quote_kind TEXT;
ALTER TABLE bookmarks ADD COLUMN cue TEXT;
UPDATE bookmarks SET
    quote_kind = (SELECT q.kind FROM quotes q JOIN articles a ON a.id = q.article_id
                  WHERE a.content_hash = bookmarks.article_hash
                    AND q.start = bookmarks.start AND q."end" = bookmarks."end" LIMIT 1),
    cue = (SELECT q.cue FROM quotes q JOIN articles a ON a.id = q.article_id
           WHERE a.content_hash = bookmarks.article_hash
             AND q.start = bookmarks.start AND q."end" = bookmarks."end" LIMIT 1)
WHERE kind = 'quote';
"""

# V4: the searches a person ran, so the search box recalls them (↑) in the next session too.
V4 = """
CREATE TABLE searches (
    query TEXT PRIMARY KEY,
    last_used TEXT NOT NULL,
    uses INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX searches_recent ON searches(last_used DESC);
"""

# V5: a bookmark remembers the path of its article, so a bookmark detached because its article
# changed (still at that path, the text gone) is told apart from one whose article was removed,
# and a later version of the article that contains the text again takes it back.
V5 = """
ALTER TABLE bookmarks ADD COLUMN path TEXT;
UPDATE bookmarks SET path = coalesce(
    (SELECT a.path FROM articles a WHERE a.content_hash = bookmarks.article_hash),
    (SELECT a.path FROM articles a WHERE bookmarks.url IS NOT NULL AND a.url = bookmarks.url
     ORDER BY a.id DESC LIMIT 1));
CREATE INDEX bookmarks_path ON bookmarks(path);
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5]
SCHEMA_VERSION = len(MIGRATIONS)
