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

-- One row per indicator with its document's region and report year.
CREATE VIEW v_indicators AS
SELECT i.id, i.document_id, d.region, d.report_year, s.title AS section, i.sector,
       i.metric, i.metric_id, i.measure, i.year, i.kind, i.cmp, i.value, i.unit,
       i.base_value, i.base_unit, i.span_start, i.span_end, i.surface,
       se.text AS sentence
FROM indicators i
JOIN documents d ON d.id = i.document_id
JOIN sentences se ON se.id = i.sentence_id
LEFT JOIN sections s ON s.id = i.section_id;

-- The figure that speaks for a (region, metric_id, measure, kind, year): a result
-- preferably from the next year's report (where results are reported), a target
-- from its own year's report, then the first mentioned.
CREATE VIEW v_catalog_figures AS
SELECT * FROM (
    SELECT i.*, d.region, d.report_year,
           ROW_NUMBER() OVER (
               PARTITION BY d.region, i.metric_id, i.measure, i.kind, i.year
               ORDER BY (d.report_year IS NOT i.year + (i.kind = 'achieved')), d.report_year DESC,
                        i.document_id, i.ordinal) AS rank_in_key
    FROM indicators i JOIN documents d ON d.id = i.document_id
    WHERE i.metric_id IS NOT NULL AND i.year IS NOT NULL)
WHERE rank_in_key = 1;

-- Last year's result next to this year's target.
CREATE VIEW v_target_vs_actual AS
SELECT a.region, a.metric_id, m.name AS metric, a.measure,
       a.year AS actual_year, a.value AS actual_value, a.unit AS actual_unit,
       a.base_value AS actual_base_value,
       t.year AS target_year, t.cmp AS target_cmp, t.value AS target_value,
       t.unit AS target_unit, t.base_value AS target_base_value,
       CASE WHEN a.base_unit = t.base_unit THEN t.base_value - a.base_value END AS delta,
       CASE WHEN a.base_unit IS NOT t.base_unit THEN 'units differ'
            ELSE (CASE t.cmp WHEN '>=' THEN 'floor' WHEN '>' THEN 'floor'
                             WHEN '<=' THEN 'ceiling' WHEN '<' THEN 'ceiling'
                             ELSE 'target' END)
                 || ' ' ||
                 (CASE WHEN abs(t.base_value - a.base_value)
                                <= 1e-9 * max(abs(t.base_value), abs(a.base_value), 1) THEN 'at'
                       WHEN t.base_value > a.base_value THEN 'above'
                       ELSE 'below' END)
                 || ' last result'
       END AS status
FROM v_catalog_figures a
JOIN v_catalog_figures t
  ON t.region = a.region AND t.metric_id = a.metric_id AND t.measure = a.measure
 AND t.kind = 'target' AND t.year = a.year + 1
JOIN metrics m ON m.id = a.metric_id
WHERE a.kind = 'achieved';

-- A year-N target against the year-N result reported a year later: met, missed
-- or unclear. A target without a comparator ('=' or '~') is reached when the
-- result is at least as good in the metric's better direction (metrics.better:
-- 新增城镇就业 up, CPI down).
CREATE VIEW v_target_outcome AS
SELECT t.region, t.metric_id, m.name AS metric, t.measure, t.year,
       t.cmp AS target_cmp, t.value AS target_value, t.unit AS target_unit,
       t.base_value AS target_base_value, t.report_year AS target_report_year,
       a.value AS actual_value, a.unit AS actual_unit, a.base_value AS actual_base_value,
       a.report_year AS actual_report_year,
       CASE WHEN a.base_unit IS NOT t.base_unit THEN 'unclear'
            WHEN t.cmp = '>=' THEN (CASE WHEN a.base_value >= t.base_value THEN 'met' ELSE 'missed' END)
            WHEN t.cmp = '>'  THEN (CASE WHEN a.base_value >  t.base_value THEN 'met' ELSE 'missed' END)
            WHEN t.cmp = '<=' THEN (CASE WHEN a.base_value <= t.base_value THEN 'met' ELSE 'missed' END)
            WHEN t.cmp = '<'  THEN (CASE WHEN a.base_value <  t.base_value THEN 'met' ELSE 'missed' END)
            WHEN m.better = 'down' THEN (CASE WHEN a.base_value <= t.base_value THEN 'met' ELSE 'missed' END)
            ELSE (CASE WHEN a.base_value >= t.base_value THEN 'met' ELSE 'missed' END)
       END AS outcome
FROM v_catalog_figures t
JOIN v_catalog_figures a
  ON a.region = t.region AND a.metric_id = t.metric_id AND a.measure = t.measure
 AND a.kind = 'achieved' AND a.year = t.year AND a.report_year > t.report_year
JOIN metrics m ON m.id = t.metric_id
WHERE t.kind = 'target';
