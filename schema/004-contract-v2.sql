-- Schema version 4: contract version 2 (INDICATORS.md §1). Each indicator gains
-- period, year_from, entity, commitment, estimate and qualitative; a
-- qualitative row (a goal or result without a number, §2b) has no value, unit,
-- base value or base unit, so those columns lose NOT NULL. SQLite cannot drop
-- a NOT NULL in place: the table is made anew and the rows copied (rows of
-- older versions get the defaults; `zhibiao ingest --replace` extracts them
-- again). The views are dropped before and made again after every migration.

CREATE TABLE indicators_v4 (
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
    qualitative TEXT,            -- the words of a goal without a number
    CHECK ((qualitative IS NULL) = (value IS NOT NULL)),
    UNIQUE (document_id, ordinal)
);

INSERT INTO indicators_v4 (id, document_id, section_id, sentence_id, ordinal, span_start,
                           span_end, surface, value, unit, base_value, base_unit, cmp,
                           value_high, year, kind, measure, metric, metric_id, sector)
SELECT id, document_id, section_id, sentence_id, ordinal, span_start, span_end, surface,
       value, unit, base_value, base_unit, cmp, value_high, year, kind, measure, metric,
       metric_id, sector
FROM indicators;

DROP TABLE indicators;
ALTER TABLE indicators_v4 RENAME TO indicators;

CREATE INDEX indicators_sentence ON indicators(sentence_id);
CREATE INDEX indicators_section ON indicators(section_id);
-- comparisons look indicators up by catalog id, kind and year
CREATE INDEX indicators_metric ON indicators(metric_id, kind, year, measure)
    WHERE metric_id IS NOT NULL;
CREATE INDEX indicators_sector ON indicators(sector, year);
