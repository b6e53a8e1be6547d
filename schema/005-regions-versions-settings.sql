-- Schema version 5: comparisons an analyst can trust.
-- * regions: GB/T 2260 at every level (schema/regions.tsv), written by the library
--   like the metric catalog; a document keeps its region's code.
-- * documents.form: 'report' (the full text) or 'summary' (a news digest of it); two
--   documents of one region and report year are versions of one report, and the
--   views prefer the full one.
-- * the catalog's English names and canonical units, and the unit conversions that
--   bring results and targets in different units together (斤 → 吨).
-- * settings: the tolerances the outcome views use, for the user to change.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,           -- GB/T 2260; 全国 is 100000
    level       TEXT NOT NULL CHECK (level IN ('national', 'province', 'prefecture', 'county')),
    parent_code TEXT REFERENCES regions(code),
    name        TEXT NOT NULL,              -- 武汉市
    short_names TEXT NOT NULL,              -- '|'-separated: 武汉
    name_en     TEXT NOT NULL
);
CREATE INDEX regions_name ON regions(name);

ALTER TABLE documents ADD COLUMN region_code TEXT;   -- NULL for a region not in the table
ALTER TABLE documents ADD COLUMN form TEXT NOT NULL DEFAULT 'report'
    CHECK (form IN ('report', 'summary'));
CREATE INDEX documents_code_year ON documents(region_code, report_year);

ALTER TABLE metrics ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE metrics ADD COLUMN unit TEXT NOT NULL DEFAULT '';  -- canonical base unit, '' mixed

CREATE TABLE unit_conversions (
    from_unit TEXT PRIMARY KEY,  -- a base unit (斤)
    to_unit   TEXT NOT NULL,     -- the catalog's canonical one (吨)
    factor    REAL NOT NULL CHECK (factor > 0)
);

-- What the library wrote from its embedded tables, so that it writes them again
-- only when they change.
CREATE TABLE zhibiao_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Tolerances of the outcome views (v_target_outcome), in the target's base unit:
-- for % and 百分点 a number of points, for other units a share of the target.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value REAL NOT NULL,
    doc   TEXT NOT NULL
);
INSERT INTO settings VALUES
    ('tolerance_points', 0.2, 'for targets in % or 百分点: a result within this many points below a 左右 (~) target is near; more than this above a target exceeds it'),
    ('tolerance_share', 0.01, 'for targets in other units: the same, as a share of the target (0.01 = 1%)');

-- indicators are read back by document and by catalog key
CREATE INDEX indicators_key ON indicators(metric_id, entity, measure, year, kind)
    WHERE metric_id IS NOT NULL;
