-- zhibiao's views, made anew (DROP, then these) in the transaction of every
-- schema migration, so a change here comes with a new migration number
-- (schema/NNN-*.sql, even one that only says why). The placeholder
-- ZB_FIELDS_SELECT, between at signs, is the contract's field list (lib/fields.h) over an indicator i, its section s and
-- its sentence se, filled in by tools/gen_tables.c.

-- One row per indicator with its document's region and report year.
CREATE VIEW v_indicators AS
SELECT i.id, i.document_id, d.region, d.report_year,
       @ZB_FIELDS_SELECT@
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
       CASE WHEN a.base_unit = t.base_unit THEN round(t.base_value - a.base_value, 9) END AS delta,
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

-- One row per region, catalog metric, measure and year, with the result of that
-- year and the target set for it side by side (either may be NULL), for charts.
CREATE VIEW v_metric_series AS
SELECT region, metric_id, measure, year,
       max(CASE WHEN kind = 'achieved' THEN value END) AS actual_value,
       max(CASE WHEN kind = 'achieved' THEN unit END) AS actual_unit,
       max(CASE WHEN kind = 'target' THEN cmp END) AS target_cmp,
       max(CASE WHEN kind = 'target' THEN value END) AS target_value,
       max(CASE WHEN kind = 'target' THEN unit END) AS target_unit
FROM v_catalog_figures
GROUP BY region, metric_id, measure, year;
