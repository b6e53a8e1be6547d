-- A database as zhibiao 0.5.0 wrote it at schema version 6 (main at 6b34259,
-- before schema 7): `zhibiao ingest` of the text below, then `sqlite3 .dump`,
-- without the rows of the embedded tables (regions, metrics, unit_conversions,
-- zhibiao_meta: the library writes them again when it opens the file).
-- tests/check_store.c upgrades it. The text (the document's body):
--   某省政府工作报告
--   
--   一、2023年工作回顾
--   
--   全省地区生产总值增长5.2%，粮食产量达到650亿斤，城镇新增就业45万人。
--   
--   二、2024年工作安排
--   
--   今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业40万人以上，粮食产量稳定在650亿斤以上。
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
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
, region_code TEXT, form TEXT NOT NULL DEFAULT 'report'
    CHECK (form IN ('report', 'summary')), format TEXT NOT NULL DEFAULT 'text'
    CHECK (format IN ('text', 'html', 'pdf')), pages INTEGER);
INSERT INTO documents VALUES(1,'88981fc7b42cae569f48a7b69fc9f790403596910df157962047615fbfce2930','',2024,'某省政府工作报告','small.txt',339,'2026-12-02T09:48:03Z','0.5.0',X'e69f90e79c81e694bfe5ba9ce5b7a5e4bd9ce68aa5e5918a0a0ae4b880e3808132303233e5b9b4e5b7a5e4bd9ce59b9ee9a1be0a0ae585a8e79c81e59cb0e58cbae7949fe4baa7e680bbe580bce5a29ee995bf352e3225efbc8ce7b2aee9a39fe4baa7e9878fe8bebee588b0363530e4babfe696a4efbc8ce59f8ee99587e696b0e5a29ee5b0b1e4b89a3435e4b887e4babae380820a0ae4ba8ce3808132303234e5b9b4e5b7a5e4bd9ce5ae89e68e920a0ae4bb8ae5b9b4e7bb8fe6b58ee7a4bee4bc9ae58f91e5b195e79a84e4b8bbe8a681e9a284e69c9fe79baee6a087e698afefbc9ae59cb0e58cbae7949fe4baa7e680bbe580bce5a29ee995bf3525e5b7a6e58fb3efbc8ce59f8ee99587e696b0e5a29ee5b0b1e4b89a3430e4b887e4babae4bba5e4b88aefbc8ce7b2aee9a39fe4baa7e9878fe7a8b3e5ae9ae59ca8363530e4babfe696a4e4bba5e4b88ae380820a',NULL,'report','text',NULL);
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
INSERT INTO sections VALUES(1,1,0,'一、2023年工作回顾',1,0,NULL,26,51);
INSERT INTO sections VALUES(2,1,1,'二、2024年工作安排',1,1,NULL,151,176);
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
INSERT INTO sentences VALUES(1,1,1,0,'全省地区生产总值增长5.2%,粮食产量达到650亿斤,城镇新增就业45万人。',' 全省 省地 地区 区生 生产 产总 总值 值增 增长 5.2%, 粮食 食产 产量 量达 达到 650 亿斤 , 城镇 镇新 新增 增就 就业 45 万人 。',53,149);
INSERT INTO sentences VALUES(2,1,2,1,'今年经济社会发展的主要预期目标是:地区生产总值增长5%左右,城镇新增就业40万人以上,粮食产量稳定在650亿斤以上。',' 今年 年经 经济 济社 社会 会发 发展 展的 的主 主要 要预 预期 期目 目标 标是 : 地区 区生 生产 产总 总值 值增 增长 5% 左右 , 城镇 镇新 新增 增就 就业 40 万人 人以 以上 , 粮食 食产 产量 量稳 稳定 定在 650 亿斤 斤以 以上 。',178,338);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','sentences_fts','sentences_fts',0,'CREATE VIRTUAL TABLE sentences_fts USING fts5(
    terms, content = ''sentences'', content_rowid = ''id'', tokenize = ''unicode61'')');
CREATE TABLE IF NOT EXISTS 'sentences_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO sentences_fts_data VALUES(1,X'0244');
INSERT INTO sentences_fts_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO sentences_fts_data VALUES(137438953473,X'000000f202303201020c0102343501021901013501020b01033635300102120106e4b887e4baba01021a0205baa7e680bb0102070403e9878f01020f0304bfe696a40102130106e580bce5a29e010209020585a8e79c8101020202058cbae7949f01020502059cb0e58cba01020402059f8ee995870102140205a29ee5b0b10102170403e995bf01020a0205b0b1e4b89a0102180106e680bbe580bc010208020596b0e5a29e0102160106e7949fe4baa701020602059c81e59cb00102030205b2aee9a39f01020d0106e8bebee588b00102110106e9878fe8bebe01021002059587e696b00102150205a39fe4baa701020e04060706080b0a08090b0a0a0a0a0a080a0b0a0b0a0a0b0b0a');
INSERT INTO sentences_fts_data VALUES(274877906945,X'0000019d0330343002021f01013502021801033635300202290106e4b887e4baba0202200304bbe8a68102020b0205baa7e680bb0202140403e9878f0202250304bae4bba50202210304bfe696a402022a0205bb8ae5b9b40202020304a5e4b88a0204220c0205bc9ae58f910202070106e580bce5a29e02021602058cbae7949f02021202058f91e5b19502020802059cb0e58cba02021102059f8ee9958702021a0205a29ee5b0b102021d0403e995bf0202170205ae9ae59ca80202280205b0b1e4b89a02021e0205b195e79a840202090205b7a6e58fb30202190205b9b4e7bb8f0202030106e680bbe580bc020215020596a4e4bba502022b0304b0e5a29e02021c02059c9fe79bae02020e0205a087e698af0202100205b58ee7a4be0202050106e7949fe4baa702021302059a84e4b8bb02020a02059baee6a08702020f0205a4bee4bc9a0202060205a8b3e5ae9a0202270205b2aee9a39f0202230205bb8fe6b58e0202040106e8a681e9a28402020c0106e9878fe7a8b302022602059587e696b002021b0205a284e69c9f02020d0205a39fe4baa7020224040706080b090a0809090a0a0a0b0a0a0a0a0a080a0a0a0a0a0b0a090a0a0a0b0a0a0a0a0a0a0b0b0a0a');
CREATE TABLE IF NOT EXISTS 'sentences_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO sentences_fts_idx VALUES(1,X'',2);
INSERT INTO sentences_fts_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'sentences_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO sentences_fts_docsize VALUES(1,X'19');
INSERT INTO sentences_fts_docsize VALUES(2,X'2b');
CREATE TABLE IF NOT EXISTS 'sentences_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO sentences_fts_config VALUES('version',4);
CREATE TABLE metrics (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    sector  TEXT NOT NULL,
    better  TEXT NOT NULL CHECK (better IN ('up', 'down')), -- which way beats a target
    aliases TEXT NOT NULL   -- '|'-separated
, name_en TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS "indicators" (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    value       REAL,            -- NULL on a qualitative row, as the next three
    unit        TEXT,
    base_value  REAL,
    base_unit   TEXT,
    cmp         TEXT NOT NULL CHECK (cmp IN ('=', '>=', '<=', '>', '<', '~')),
    value_high  REAL,
    year        INTEGER,
    kind        TEXT NOT NULL CHECK (kind IN ('achieved', 'target')),
    measure     TEXT NOT NULL CHECK (measure IN ('level', 'share', 'growth', 'change', 'gap', 'rank')),
    metric      TEXT NOT NULL,
    metric_id   TEXT REFERENCES metrics(id),
    sector      TEXT NOT NULL CHECK (sector IN ('economy', 'industry', 'innovation',
                    'agriculture', 'reform_opening', 'ecology', 'livelihood',
                    'infrastructure', 'governance')),
    period      TEXT NOT NULL DEFAULT 'year'
                    CHECK (period IN ('year', 'average', 'cumulative', 'span', 'start')),
    year_from   INTEGER,         -- first year of a multi-year period
    entity      TEXT NOT NULL DEFAULT '',  -- whose figure, when not the region's
    commitment  TEXT NOT NULL DEFAULT 'plain' CHECK (commitment IN ('plain', 'ensure', 'strive')),
    estimate    INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0, 1)),
    qualitative TEXT, page INTEGER,            -- the words of a goal without a number
    CHECK ((qualitative IS NULL) = (value IS NOT NULL)),
    UNIQUE (document_id, ordinal)
);
INSERT INTO indicators VALUES(1,1,1,1,0,83,87,'5.2%',5.2000000000000001776,'%',5.2000000000000001776,'%','=',NULL,2023,'achieved','growth','全省地区生产总值','gdp','economy','year',NULL,'','plain',0,NULL,NULL);
INSERT INTO indicators VALUES(2,1,1,1,1,108,117,'650亿斤',650.0,'亿斤',65000000000.0,'斤','=',NULL,2023,'achieved','level','粮食产量','grain_output','agriculture','year',NULL,'','plain',0,NULL,NULL);
INSERT INTO indicators VALUES(3,1,1,1,2,138,146,'45万人',45.0,'万人',450000.0,'人','=',NULL,2023,'achieved','level','城镇新增就业','urban_new_jobs','livelihood','year',NULL,'','plain',0,NULL,NULL);
INSERT INTO indicators VALUES(4,1,2,2,3,253,261,'5%左右',5.0,'%',5.0,'%','~',NULL,2024,'target','growth','地区生产总值','gdp','economy','year',NULL,'','plain',0,NULL,NULL);
INSERT INTO indicators VALUES(5,1,2,2,4,282,296,'40万人以上',40.0,'万人',400000.0,'人','>=',NULL,2024,'target','level','城镇新增就业','urban_new_jobs','livelihood','year',NULL,'','plain',0,NULL,NULL);
INSERT INTO indicators VALUES(6,1,2,2,5,320,335,'650亿斤以上',650.0,'亿斤',65000000000.0,'斤','>=',NULL,2024,'target','level','粮食产量','grain_output','agriculture','year',NULL,'','plain',0,NULL,NULL);
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,           -- GB/T 2260; 全国 is 100000
    level       TEXT NOT NULL CHECK (level IN ('national', 'province', 'prefecture', 'county')),
    parent_code TEXT REFERENCES regions(code),
    name        TEXT NOT NULL,              -- 武汉市
    short_names TEXT NOT NULL,              -- '|'-separated: 武汉
    name_en     TEXT NOT NULL
);
CREATE TABLE unit_conversions (
    from_unit TEXT PRIMARY KEY,  -- a base unit (斤)
    to_unit   TEXT NOT NULL,     -- the catalog's canonical one (吨)
    factor    REAL NOT NULL CHECK (factor > 0)
);
CREATE TABLE zhibiao_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value REAL NOT NULL,
    doc   TEXT NOT NULL
);
INSERT INTO settings VALUES('tolerance_points',0.2000000000000000111,'for targets in % or 百分点: a result within this many points below a 左右 (~) target is near; more than this above a target exceeds it');
INSERT INTO settings VALUES('tolerance_share',0.010000000000000000208,'for targets in other units: the same, as a share of the target (0.01 = 1%)');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('documents',1);
CREATE INDEX documents_region_year ON documents(region, report_year);
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
CREATE INDEX indicators_sentence ON indicators(sentence_id);
CREATE INDEX indicators_section ON indicators(section_id);
CREATE INDEX indicators_metric ON indicators(metric_id, kind, year, measure)
    WHERE metric_id IS NOT NULL;
CREATE INDEX indicators_sector ON indicators(sector, year);
CREATE INDEX regions_name ON regions(name);
CREATE INDEX documents_code_year ON documents(region_code, report_year);
CREATE INDEX indicators_key ON indicators(metric_id, entity, measure, year, kind)
    WHERE metric_id IS NOT NULL;
CREATE VIEW v_indicators AS
SELECT i.id, i.document_id, d.region, d.report_year,
       i.span_start, i.span_end, i.surface, i.value, i.unit, i.base_value, i.base_unit, i.cmp, i.value_high, i.year, i.kind, i.measure, i.metric, i.metric_id, i.sector, coalesce(s.title, '') AS section, se.text AS sentence, i.period, i.year_from, i.entity, i.commitment, i.estimate, i.qualitative, i.page
FROM indicators i
JOIN documents d ON d.id = i.document_id
JOIN sentences se ON se.id = i.sentence_id
LEFT JOIN sections s ON s.id = i.section_id;
CREATE VIEW v_figures AS
SELECT i.id AS indicator_id, i.document_id, d.region, d.region_code, d.report_year, d.form,
       d.source, i.entity, i.metric_id, i.measure, i.kind, i.year, i.period, i.year_from,
       i.cmp, i.value, i.value_high, i.unit, i.base_value, i.base_unit,
       i.base_value * coalesce(c.factor, 1) AS std_value,
       CASE WHEN i.value_high IS NOT NULL AND i.value <> 0
            THEN i.value_high * i.base_value / i.value * coalesce(c.factor, 1) END AS std_value_high,
       coalesce(c.to_unit, i.base_unit) AS std_unit,
       i.commitment, i.estimate, i.qualitative, i.surface, i.metric, i.ordinal
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN unit_conversions c ON c.from_unit = i.base_unit
WHERE i.metric_id IS NOT NULL AND i.year IS NOT NULL;
CREATE VIEW v_results AS
SELECT * FROM (
    SELECT f.*,
           ROW_NUMBER() OVER key_order AS pick,
           COUNT(*) OVER (PARTITION BY f.region, f.entity, f.metric_id, f.measure, f.year)
               AS statements
    FROM v_figures f
    WHERE f.kind = 'achieved' AND f.period = 'year'
    WINDOW key_order AS (
        PARTITION BY f.region, f.entity, f.metric_id, f.measure, f.year
        ORDER BY f.qualitative IS NOT NULL, f.estimate, f.report_year DESC,
                 f.form = 'summary', f.document_id DESC, f.ordinal))
WHERE pick = 1;
CREATE VIEW v_targets AS
SELECT * FROM (
    SELECT f.*,
           ROW_NUMBER() OVER (
               PARTITION BY f.region, f.entity, f.metric_id, f.measure, f.year
               ORDER BY f.report_year IS NOT f.year, f.qualitative IS NOT NULL,
                        f.form = 'summary', f.document_id DESC, f.ordinal) AS pick
    FROM v_figures f
    WHERE f.kind = 'target' AND f.period = 'year')
WHERE pick = 1;
CREATE VIEW v_conflicts AS
WITH stated AS (
    SELECT region, entity, metric_id, measure, kind, year, std_unit,
           round(std_value, 9) AS v, min(value || unit) AS written,
           group_concat(DISTINCT document_id) AS documents
    FROM v_figures
    WHERE period = 'year' AND qualitative IS NULL
    GROUP BY region, entity, metric_id, measure, kind, year, std_unit, round(std_value, 9))
SELECT s.region, s.entity, s.metric_id, s.measure, s.kind, s.year,
       group_concat(s.written, '|') AS "values", group_concat(s.documents, '|') AS documents,
       CASE s.kind WHEN 'achieved' THEN r.value || r.unit ELSE t.value || t.unit END AS chosen,
       CASE s.kind WHEN 'achieved' THEN r.document_id ELSE t.document_id END AS chosen_document_id,
       CASE s.kind WHEN 'achieved' THEN r.indicator_id ELSE t.indicator_id END AS chosen_indicator_id
FROM stated s
LEFT JOIN v_results r ON s.kind = 'achieved' AND r.region = s.region AND r.entity = s.entity
     AND r.metric_id = s.metric_id AND r.measure = s.measure AND r.year = s.year
LEFT JOIN v_targets t ON s.kind = 'target' AND t.region = s.region AND t.entity = s.entity
     AND t.metric_id = s.metric_id AND t.measure = s.measure AND t.year = s.year
GROUP BY s.region, s.entity, s.metric_id, s.measure, s.kind, s.year
HAVING count(*) > 1;
CREATE VIEW v_target_vs_actual AS
WITH pairs AS (
    SELECT a.*, t.indicator_id AS t_indicator_id, t.document_id AS t_document_id,
           t.year AS t_year, t.cmp AS t_cmp, t.value AS t_value, t.value_high AS t_value_high,
           t.unit AS t_unit, t.base_value AS t_base_value, t.std_unit AS t_std_unit,
           t.commitment AS t_commitment, m.name AS catalog_name, m.better,
           -- the end of a range that binds: the top of a ceiling, the bottom of the rest
           CASE WHEN m.better = 'down' THEN coalesce(t.std_value_high, t.std_value)
                ELSE t.std_value END AS t_std
    FROM v_results a
    JOIN v_targets t ON t.region = a.region AND t.entity = a.entity AND t.metric_id = a.metric_id
     AND t.measure = a.measure AND t.year = a.year + 1
    JOIN metrics m ON m.id = a.metric_id
    WHERE a.qualitative IS NULL AND t.qualitative IS NULL)
SELECT region, region_code, entity, metric_id, catalog_name AS metric, measure,
       better AS direction,
       year AS actual_year, value AS actual_value, unit AS actual_unit,
       base_value AS actual_base_value,
       t_year AS target_year, t_cmp AS target_cmp, t_value AS target_value,
       t_value_high AS target_value_high, t_unit AS target_unit, t_base_value AS target_base_value,
       t_commitment AS commitment,
       CASE WHEN std_unit = t_std_unit THEN round(t_std - std_value, 9) END AS delta,
       CASE WHEN std_unit = t_std_unit THEN std_unit END AS delta_unit,
       CASE WHEN std_unit IS NOT t_std_unit THEN 'units differ'
            ELSE (CASE WHEN t_cmp IN ('>=', '>') THEN 'floor'
                       WHEN t_cmp IN ('<=', '<') OR better = 'down' THEN 'ceiling'
                       ELSE 'target' END)
                 || ' ' ||
                 (CASE WHEN abs(t_std - std_value) <= 1e-9 * max(abs(t_std), abs(std_value), 1)
                       THEN 'at'
                       WHEN t_std > std_value THEN 'above' ELSE 'below' END)
                 || ' last result'
       END AS status,
       CASE WHEN std_unit IS NOT t_std_unit THEN NULL
            WHEN abs(t_std - std_value) <= 1e-9 * max(abs(t_std), abs(std_value), 1) THEN 'same'
            WHEN (t_std > std_value) = (better = 'up') THEN 'higher'
            ELSE 'lower' END AS ambition,
       document_id AS actual_document_id, indicator_id AS actual_indicator_id,
       t_document_id AS target_document_id, t_indicator_id AS target_indicator_id
FROM pairs
;
CREATE VIEW v_target_outcome AS
WITH pairs AS (
    SELECT t.*, m.name AS catalog_name, m.better,
           a.indicator_id AS a_indicator_id, a.document_id AS a_document_id,
           a.report_year AS a_report_year, a.value AS a_value, a.unit AS a_unit,
           a.std_value AS r, a.std_unit AS a_std_unit, a.qualitative AS a_qualitative,
           a.base_value AS a_base_value,
           CASE WHEN t.std_unit IN ('%', '百分点')
                THEN (SELECT value FROM settings WHERE name = 'tolerance_points')
                ELSE abs(t.std_value) * (SELECT value FROM settings WHERE name = 'tolerance_share')
           END AS e
    FROM v_targets t
    JOIN metrics m ON m.id = t.metric_id
    LEFT JOIN v_results a ON a.region = t.region AND a.entity = t.entity
     AND a.metric_id = t.metric_id AND a.measure = t.measure AND a.year = t.year)
SELECT region, region_code, entity, metric_id, catalog_name AS metric, measure,
       better AS direction, year,
       cmp AS target_cmp, value AS target_value, value_high AS target_value_high,
       unit AS target_unit, base_value AS target_base_value, commitment,
       qualitative AS target_qualitative, report_year AS target_report_year,
       a_value AS actual_value, a_unit AS actual_unit, a_base_value AS actual_base_value,
       a_qualitative AS actual_qualitative, a_report_year AS actual_report_year,
       -- the result in the unit the target is written in (24071.9亿元 → 2.40719 万亿元)
       CASE WHEN a_std_unit = std_unit AND std_value <> 0 THEN r * value / std_value END
           AS actual_in_target_unit,
       CASE WHEN qualitative IS NOT NULL THEN 'qualitative'
            WHEN a_indicator_id IS NULL OR a_qualitative IS NOT NULL THEN 'no_result'
            WHEN a_std_unit IS NOT std_unit THEN 'incomparable'
            WHEN better = 'down' OR cmp IN ('<=', '<') THEN
                 (CASE WHEN r <= coalesce(std_value_high, std_value) + 1e-9 THEN 'met'
                       ELSE 'missed' END)
            WHEN std_value_high IS NOT NULL THEN
                 (CASE WHEN r > std_value_high + e THEN 'exceeded'
                       WHEN r >= std_value - 1e-9 THEN 'met' ELSE 'missed' END)
            WHEN cmp IN ('>=', '>') THEN
                 (CASE WHEN r > std_value + e THEN 'exceeded'
                       WHEN r > std_value OR (cmp = '>=' AND r >= std_value - 1e-9) THEN 'met'
                       ELSE 'missed' END)
            ELSE (CASE WHEN r > std_value + e THEN 'exceeded'
                       WHEN r >= std_value - 1e-9 THEN 'met'
                       WHEN cmp = '~' AND r >= std_value - e - 1e-9 THEN 'near'
                       ELSE 'missed' END)
       END AS outcome,
       document_id AS target_document_id, indicator_id AS target_indicator_id,
       a_document_id AS actual_document_id, a_indicator_id AS actual_indicator_id
FROM pairs
;
CREATE VIEW v_target_change AS
WITH pairs AS (
    SELECT t.*, m.name AS catalog_name, m.better,
           p.indicator_id AS p_indicator_id, p.document_id AS p_document_id, p.cmp AS p_cmp,
           p.value AS p_value, p.value_high AS p_value_high, p.unit AS p_unit,
           p.std_value AS p_lo, coalesce(p.std_value_high, p.std_value) AS p_hi,
           p.std_unit AS p_std_unit, p.qualitative AS p_qualitative,
           t.std_value AS lo, coalesce(t.std_value_high, t.std_value) AS hi,
           1e-9 * max(abs(t.std_value), abs(p.std_value), 1) AS eps
    FROM v_targets t
    JOIN v_targets p ON p.region = t.region AND p.entity = t.entity AND p.metric_id = t.metric_id
     AND p.measure = t.measure AND p.year = t.year - 1
    JOIN metrics m ON m.id = t.metric_id),
changes AS (
    SELECT *,
           CASE WHEN qualitative IS NOT NULL OR p_qualitative IS NOT NULL THEN 'qualitative'
                WHEN std_unit IS NOT p_std_unit THEN 'incomparable'
                WHEN lo > p_hi + eps THEN 'raised'
                WHEN hi < p_lo - eps THEN 'lowered'
                WHEN abs(lo - p_lo) <= eps AND abs(hi - p_hi) <= eps THEN 'same'
                ELSE 'within' END AS change
    FROM pairs)
SELECT region, region_code, entity, metric_id, catalog_name AS metric, measure,
       better AS direction, year,
       p_cmp AS prev_cmp, p_value AS prev_value, p_value_high AS prev_value_high,
       p_unit AS prev_unit, cmp, value, value_high, unit, commitment, change,
       CASE WHEN change = 'raised' THEN (CASE better WHEN 'up' THEN 'tighter' ELSE 'looser' END)
            WHEN change = 'lowered' THEN (CASE better WHEN 'up' THEN 'looser' ELSE 'tighter' END)
            WHEN change = 'same' THEN 'same' END AS ambition,
       cmp IS NOT p_cmp AS cmp_changed,
       p_document_id AS prev_document_id, p_indicator_id AS prev_indicator_id,
       document_id, indicator_id
FROM changes;
CREATE VIEW v_panel AS
SELECT t.region, t.region_code, r.level, r.name_en AS region_en, t.metric_id,
       m.name AS metric, m.name_en AS metric_en, t.measure, t.year, t.cmp, t.value,
       t.value_high, t.unit, t.commitment, t.qualitative, t.surface, t.source,
       t.document_id, t.indicator_id
FROM v_targets t
JOIN metrics m ON m.id = t.metric_id
LEFT JOIN regions r ON r.code = t.region_code
WHERE t.entity = '';
CREATE VIEW v_metric_series AS
WITH keys AS (
    SELECT region, entity, metric_id, measure, year FROM v_results
    UNION
    SELECT region, entity, metric_id, measure, year FROM v_targets)
SELECT k.region, k.entity, k.metric_id, k.measure, k.year,
       a.value AS actual_value, a.unit AS actual_unit, a.qualitative AS actual_qualitative,
       t.cmp AS target_cmp, t.value AS target_value, t.value_high AS target_value_high,
       t.unit AS target_unit, t.qualitative AS target_qualitative,
       a.std_value AS actual_std_value, t.std_value AS target_std_value,
       coalesce(a.std_unit, t.std_unit) AS std_unit,
       a.indicator_id AS actual_indicator_id, t.indicator_id AS target_indicator_id
FROM keys k
LEFT JOIN v_results a ON a.region = k.region AND a.entity = k.entity
     AND a.metric_id = k.metric_id AND a.measure = k.measure AND a.year = k.year
LEFT JOIN v_targets t ON t.region = k.region AND t.entity = k.entity
     AND t.metric_id = k.metric_id AND t.measure = k.measure AND t.year = k.year;
CREATE VIEW v_coverage AS
SELECT d.region, d.region_code, r.level, d.report_year,
       count(DISTINCT d.id) AS documents, group_concat(DISTINCT d.form) AS forms,
       count(i.id) AS indicators,
       coalesce(sum(i.kind = 'target'), 0) AS targets,
       coalesce(sum(i.kind = 'achieved'), 0) AS results,
       count(DISTINCT CASE WHEN i.kind = 'target' AND i.entity = '' THEN i.metric_id END)
           AS catalog_targets,
       group_concat(DISTINCT CASE WHEN i.kind = 'target' AND i.entity = '' THEN i.metric_id END)
           AS target_ids
FROM documents d
LEFT JOIN indicators i ON i.document_id = d.id
LEFT JOIN regions r ON r.code = d.region_code
GROUP BY d.region, d.region_code, r.level, d.report_year;
PRAGMA writable_schema=OFF;
COMMIT;
PRAGMA user_version = 6;
PRAGMA application_id = 2053663074;
