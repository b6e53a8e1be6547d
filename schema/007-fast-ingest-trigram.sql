-- Schema version 7: ingest at the speed of SQLite, full-text search in Chinese.
-- * sentences_fts indexes the sentences' own text with SQLite's trigram
--   tokenizer: MATCH '粮食产量' finds every sentence holding those four
--   characters (a query needs 3 characters at least; LIKE for shorter ones).
--   The character pairs of sentences.terms (for the unicode61 tokenizer) go.
-- * The index is no longer filled by a trigger per row: the store adds the
--   sentences of the documents a transaction stored just before it commits
--   (lib/store.c). zhibiao_meta 'fts_documents' is the highest document id
--   indexed; document ids are never reused (AUTOINCREMENT), so the sentences
--   of documents above it are the ones to add. A trigger still removes the rows
--   of an indexed document that is deleted (--replace): that is rare.
-- * indicators: CHECKs written as OR chains (an IN list of constants builds a
--   lookup table at every insert); no foreign keys to sections and sentences
--   (the store writes them together, and a cascade through them needed an
--   index of indicators per column); the indexes the views and queries use:
--   (document_id, ordinal), sentence_id (search → figures) and the catalog
--   key. indicators_metric (a prefix of indicators_key), indicators_sector and
--   indicators_section go.
-- * sentences: no foreign key to sections either (the same reason).
-- * documents: body is the last column, where SQLite leaves a zeroblob as it
--   is, so the store writes the text into place (sqlite3_blob_write) instead
--   of making a record of it: two copies of the input less in memory.
-- The tables are made anew and the rows copied (the library runs migrations
-- with foreign keys off and checks them before the commit); the views are
-- dropped before and made again after every migration.

DROP TRIGGER IF EXISTS sentences_fts_insert;
DROP TRIGGER IF EXISTS sentences_fts_delete;
DROP TRIGGER IF EXISTS sentences_fts_update;
DROP TABLE IF EXISTS sentences_fts;

-- indicators first: the old table refers to sentences, which is made anew next
CREATE TABLE indicators_v7 (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id  INTEGER,         -- sections.id, NULL before the first heading
    sentence_id INTEGER NOT NULL, -- sentences.id
    ordinal     INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    value       REAL,            -- NULL on a qualitative row, as the next three
    unit        TEXT,
    base_value  REAL,
    base_unit   TEXT,
    cmp         TEXT NOT NULL CHECK (cmp = '=' OR cmp = '>=' OR cmp = '<=' OR cmp = '>'
                                     OR cmp = '<' OR cmp = '~'),
    value_high  REAL,
    year        INTEGER,
    kind        TEXT NOT NULL CHECK (kind = 'achieved' OR kind = 'target'),
    measure     TEXT NOT NULL CHECK (measure = 'level' OR measure = 'share'
                    OR measure = 'growth' OR measure = 'change' OR measure = 'gap'
                    OR measure = 'rank'),
    metric      TEXT NOT NULL,
    metric_id   TEXT REFERENCES metrics(id),
    sector      TEXT NOT NULL CHECK (sector = 'economy' OR sector = 'industry'
                    OR sector = 'innovation' OR sector = 'agriculture'
                    OR sector = 'reform_opening' OR sector = 'ecology'
                    OR sector = 'livelihood' OR sector = 'infrastructure'
                    OR sector = 'governance'),
    period      TEXT NOT NULL DEFAULT 'year'
                    CHECK (period = 'year' OR period = 'average' OR period = 'cumulative'
                           OR period = 'span' OR period = 'start'),
    year_from   INTEGER,         -- first year of a multi-year period
    entity      TEXT NOT NULL DEFAULT '',  -- whose figure, when not the region's
    commitment  TEXT NOT NULL DEFAULT 'plain'
                    CHECK (commitment = 'plain' OR commitment = 'ensure'
                           OR commitment = 'strive'),
    estimate    INTEGER NOT NULL DEFAULT 0 CHECK (estimate = 0 OR estimate = 1),
    qualitative TEXT,            -- the words of a goal without a number
    page        INTEGER,         -- the 1-based page in a PDF
    CHECK ((qualitative IS NULL) = (value IS NOT NULL)),
    UNIQUE (document_id, ordinal)
);
INSERT INTO indicators_v7 (id, document_id, section_id, sentence_id, ordinal, span_start,
    span_end, surface, value, unit, base_value, base_unit, cmp, value_high, year, kind,
    measure, metric, metric_id, sector, period, year_from, entity, commitment, estimate,
    qualitative, page)
SELECT id, document_id, section_id, sentence_id, ordinal, span_start, span_end, surface,
       value, unit, base_value, base_unit, cmp, value_high, year, kind, measure, metric,
       metric_id, sector, period, year_from, entity, commitment, estimate, qualitative, page
FROM indicators;
DROP TABLE indicators;
ALTER TABLE indicators_v7 RENAME TO indicators;
CREATE INDEX indicators_sentence ON indicators(sentence_id);
-- indicators are read back by catalog key (the views' joins, comparisons)
CREATE INDEX indicators_key ON indicators(metric_id, entity, measure, year, kind)
    WHERE metric_id IS NOT NULL;

CREATE TABLE sentences_v7 (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id  INTEGER,         -- sections.id, NULL before the first heading
    ordinal     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    UNIQUE (document_id, ordinal)
);
INSERT INTO sentences_v7 (id, document_id, section_id, ordinal, text, span_start, span_end)
SELECT id, document_id, section_id, ordinal, text, span_start, span_end FROM sentences;
DROP TABLE sentences;
ALTER TABLE sentences_v7 RENAME TO sentences;

CREATE TABLE documents_v7 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after --replace
    sha256          TEXT NOT NULL UNIQUE,      -- of the bytes given: the same bytes are stored once
    region          TEXT NOT NULL DEFAULT '',  -- 吉林省, 全国
    report_year     INTEGER,                   -- the year the report was given in
    title           TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',  -- a path or name, as given
    byte_length     INTEGER NOT NULL,
    ingested_at     TEXT NOT NULL,             -- ISO 8601, UTC
    zhibiao_version TEXT NOT NULL,
    region_code     TEXT,                      -- NULL for a region not in the table
    form            TEXT NOT NULL DEFAULT 'report' CHECK (form IN ('report', 'summary')),
    format          TEXT NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'html', 'pdf')),
    pages           INTEGER,                   -- NULL unless a PDF
    body            BLOB NOT NULL              -- the text the spans point into
);
INSERT INTO documents_v7 (id, sha256, region, report_year, title, source, byte_length,
    ingested_at, zhibiao_version, region_code, form, format, pages, body)
SELECT id, sha256, region, report_year, title, source, byte_length, ingested_at,
       zhibiao_version, region_code, form, format, pages, body
FROM documents;
-- ids stay never reused: the new table continues the old one's sequence
INSERT INTO sqlite_sequence(name, seq)
    SELECT 'documents_v7', seq FROM sqlite_sequence WHERE name = 'documents'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'documents_v7');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'documents'))
    WHERE name = 'documents_v7';
DROP TABLE documents;
ALTER TABLE documents_v7 RENAME TO documents;
CREATE INDEX documents_region_year ON documents(region, report_year);
CREATE INDEX documents_code_year ON documents(region_code, report_year);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content = 'sentences', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
INSERT INTO zhibiao_meta(name, value)
    VALUES ('fts_documents', (SELECT coalesce(max(id), 0) FROM documents))
    ON CONFLICT(name) DO UPDATE SET value = excluded.value;

-- Only rows the index holds are taken out of it (a document stored and
-- replaced in one transaction was never added).
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences
WHEN old.document_id <= (SELECT CAST(value AS INTEGER) FROM zhibiao_meta
                         WHERE name = 'fts_documents')
BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON sentences
WHEN old.document_id <= (SELECT CAST(value AS INTEGER) FROM zhibiao_meta
                         WHERE name = 'fts_documents')
BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
