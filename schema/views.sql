-- zhibiao's views, made anew (DROP, then these) in the transaction of every
-- schema migration, so a change here comes with a new migration number
-- (schema/NNN-*.sql, even one that only says why). The placeholder
-- ZB_FIELDS_SELECT, between at signs, is the contract's field list
-- (lib/fields.h) over an indicator i, its section s and its sentence se, filled
-- in by tools/gen_tables.c.
--
-- How results and targets meet (INDICATORS.md §4a, §4b): on region, entity,
-- metric_id and measure together, single-year figures only (period 'year'), in
-- the catalog's unit (unit_conversions: 斤 → 吨). Every row of a comparison
-- names the document and indicator each side comes from.

-- One row per indicator with its document's region and report year.
CREATE VIEW v_indicators AS
SELECT i.id, i.document_id, d.region, d.report_year,
       @ZB_FIELDS_SELECT@
FROM indicators i
JOIN documents d ON d.id = i.document_id
JOIN sentences se ON se.id = i.sentence_id
LEFT JOIN sections s ON s.id = i.section_id;

-- Every figure with a catalog id and a year, with its document and its value in
-- the catalog's unit (std_value, std_value_high, std_unit).
CREATE VIEW v_figures AS
SELECT i.id AS indicator_id, i.document_id, d.region, d.region_code, d.report_year, d.form,
       d.source, i.entity, i.metric_id, i.measure, i.kind, i.year, i.period, i.year_from,
       i.cmp, i.value, i.value_high, i.unit, i.base_value, i.base_unit,
       i.base_value * coalesce(c.factor, 1) AS std_value,
       CASE WHEN i.value_high IS NOT NULL AND i.value <> 0
            THEN i.value_high * i.base_value / i.value * coalesce(c.factor, 1) END AS std_value_high,
       coalesce(c.to_unit, i.base_unit) AS std_unit,
       i.commitment, i.estimate, i.qualitative, i.surface, i.metric, i.ordinal,
       -- 0 in the review part of a report with headings, 1 in its plan or without headings
       coalesce(s.plan, 1) AS plan
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN sections s ON s.id = i.section_id
LEFT JOIN unit_conversions c ON c.from_unit = i.base_unit
WHERE i.metric_id IS NOT NULL AND i.year IS NOT NULL;

-- The result that speaks for a (region, entity, metric_id, measure, year) when
-- several documents state one: a number before words; a final figure before an
-- estimate (预计, 初步核算); the newest report (a figure restated a year later,
-- 经…最终核实, wins); a full report before a summary of it; then the first said.
-- statements: how many figures of the key there are (v_conflicts lists those
-- that disagree).
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

-- The target that speaks for a key: from its own year's report first, a number
-- before words, one the report's plan part states before one in its review (a
-- review figure read as a target: 刚刚过去的2025年…增长5.8%), a full report before
-- a summary, the newest document (of two full reports of one region and year, the
-- one stored last), the first said.
CREATE VIEW v_targets AS
SELECT * FROM (
    SELECT f.*,
           ROW_NUMBER() OVER (
               PARTITION BY f.region, f.entity, f.metric_id, f.measure, f.year
               ORDER BY f.report_year IS NOT f.year, f.qualitative IS NOT NULL,
                        f.plan = 0, f.form = 'summary', f.document_id DESC, f.ordinal)
               AS pick
    FROM v_figures f
    WHERE f.kind = 'target' AND f.period = 'year')
WHERE pick = 1;

-- Keys whose documents disagree: the values (as written, '|'-separated, with
-- the documents that give each) and the one the views use.
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

-- Last year's result next to this year's target. status says what kind of
-- target it is (a floor: 以上; a ceiling: 以下, or any target of a metric whose
-- better direction is down: CPI, unemployment, energy intensity) and where it
-- stands against the result; ambition says whether it asks for more (higher),
-- less (lower) or the same in the metric's better direction.
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
FROM pairs;

-- A year-N target against the year-N result (from the report of a later year).
-- outcome, in the metric's better direction, with a tolerance e from settings
-- (points for % and 百分点, a share of the target for other units):
--   a ceiling (better down, or 以下/以内): met when the result is at most the
--     target (the top of a range), else missed;
--   a range: exceeded above its top + e, met from its bottom, else missed;
--   a floor (以上 >=, 超过/突破 >): exceeded above the target + e, met when it
--     holds. '>' is strict (INDICATORS.md §4): a result of exactly 50 does not
--     break through 突破50 (missed), but a result itself written 突破50 (cmp
--     '>': more than 50) does (met);
--   otherwise (=, ~): exceeded above the target + e, met from the target, near
--     within e below a 左右 (~) target, else missed;
--   qualitative when the target has no number; no_result when no result of the
--   key exists; incomparable when their units do not meet.
CREATE VIEW v_target_outcome AS
WITH pairs AS (
    SELECT t.*, m.name AS catalog_name, m.better,
           a.indicator_id AS a_indicator_id, a.document_id AS a_document_id,
           a.report_year AS a_report_year, a.value AS a_value, a.unit AS a_unit,
           a.std_value AS r, a.std_unit AS a_std_unit, a.qualitative AS a_qualitative,
           a.cmp AS a_cmp,
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
       a_cmp AS actual_cmp, a_value AS actual_value, a_unit AS actual_unit,
       a_base_value AS actual_base_value,
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
                       WHEN r > std_value OR (r >= std_value - 1e-9 AND
                                              (cmp = '>=' OR a_cmp = '>')) THEN 'met'
                       ELSE 'missed' END)
            ELSE (CASE WHEN r > std_value + e THEN 'exceeded'
                       WHEN r >= std_value - 1e-9 THEN 'met'
                       WHEN cmp = '~' AND r >= std_value - e - 1e-9 THEN 'near'
                       ELSE 'missed' END)
       END AS outcome,
       document_id AS target_document_id, indicator_id AS target_indicator_id,
       a_document_id AS actual_document_id, a_indicator_id AS actual_indicator_id
FROM pairs;

-- This year's target against last year's target of the same key: raised (above
-- the old one, or above the top of its range), lowered (below it, or below the
-- bottom of its range), same, or within (a target inside the old range or
-- around it); ambition tighter or looser in the metric's better direction.
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

-- Every region's target for one metric and year, side by side (the panel
-- analysts build each spring): the region's own targets (entity ''), with the
-- region's level and English names and the source.
CREATE VIEW v_panel AS
SELECT t.region, t.region_code, r.level, r.name_en AS region_en, t.metric_id,
       m.name AS metric, m.name_en AS metric_en, t.measure, t.year, t.cmp, t.value,
       t.value_high, t.unit, t.commitment, t.qualitative, t.surface, t.source,
       t.document_id, t.indicator_id
FROM v_targets t
JOIN metrics m ON m.id = t.metric_id
LEFT JOIN regions r ON r.code = t.region_code
WHERE t.entity = '';

-- One row per region, entity, catalog metric, measure and year, with the result
-- of that year and the target set for it side by side (either may be NULL), for
-- charts and `zhibiao series`.
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

-- What the database covers: per region and report year, its documents (and
-- whether full reports or summaries), indicators, targets, results, and the
-- catalog ids of the region's own targets found.
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
