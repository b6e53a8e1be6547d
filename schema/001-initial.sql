-- zhibiao database, schema version 1.
-- Applied by the library in one transaction when PRAGMA user_version < 1.
-- Every row of `indicators` points back to the bytes it came from:
-- documents.body is the report verbatim, span_start/span_end are offsets in it.

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after --replace
    sha256          TEXT NOT NULL UNIQUE,      -- of body: re-ingesting the same bytes is a no-op
    region          TEXT NOT NULL DEFAULT '',  -- 吉林省, 全国
    report_year     INTEGER,                   -- the year the report was given in
    title           TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',  -- a path or name, as given
    byte_length     INTEGER NOT NULL,
    ingested_at     TEXT NOT NULL,             -- ISO 8601, UTC
    zhibiao_version TEXT NOT NULL,
    body            BLOB NOT NULL
);
CREATE INDEX documents_region_year ON documents(region, report_year);

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    level       INTEGER NOT NULL,
    plan        INTEGER NOT NULL,   -- 1 in the work plan part (targets)
    sector      TEXT,               -- NULL when the heading names none
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    UNIQUE (document_id, ordinal)
);

-- The sentences indicators come from; `terms` holds their words for full-text
-- search: every pair of neighbouring Chinese characters, so that
-- `sentences_fts MATCH '粮食'` works with SQLite's stock tokenizer (longer words
-- as pairs: MATCH '总产 产量').
CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    terms       TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    UNIQUE (document_id, ordinal)
);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    terms, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, terms) VALUES (new.id, new.terms);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
    INSERT INTO sentences_fts(rowid, terms) VALUES (new.id, new.terms);
END;

-- The metric catalog (schema/metrics.tsv), refreshed whenever a newer library opens the file.
CREATE TABLE metrics (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    sector  TEXT NOT NULL,
    better  TEXT NOT NULL CHECK (better IN ('up', 'down')), -- which way beats a target
    aliases TEXT NOT NULL   -- '|'-separated
);

CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    value       REAL NOT NULL,
    value_high  REAL,
    unit        TEXT NOT NULL,
    base_value  REAL NOT NULL,
    base_unit   TEXT NOT NULL,
    cmp         TEXT NOT NULL CHECK (cmp IN ('=', '>=', '<=', '>', '<', '~')),
    year        INTEGER,
    kind        TEXT NOT NULL CHECK (kind IN ('achieved', 'target')),
    measure     TEXT NOT NULL CHECK (measure IN ('level', 'share', 'growth', 'change', 'gap', 'rank')),
    metric      TEXT NOT NULL,
    metric_id   TEXT REFERENCES metrics(id),
    sector      TEXT NOT NULL CHECK (sector IN ('economy', 'industry', 'innovation',
                    'agriculture', 'reform_opening', 'ecology', 'livelihood',
                    'infrastructure', 'governance')),
    UNIQUE (document_id, ordinal)
);
CREATE INDEX indicators_sentence ON indicators(sentence_id);
CREATE INDEX indicators_section ON indicators(section_id);
-- comparisons look indicators up by catalog id, kind and year
CREATE INDEX indicators_metric ON indicators(metric_id, kind, year, measure)
    WHERE metric_id IS NOT NULL;
CREATE INDEX indicators_sector ON indicators(sector, year);

-- The views are not here: schema/views.sql makes them anew after every migration.
