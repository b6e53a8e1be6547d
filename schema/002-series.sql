-- Schema version 2: a view for charts and dashboards.
-- One row per region, catalog metric, measure and year, with the result of that
-- year and the target set for it side by side (either may be NULL).
CREATE VIEW v_metric_series AS
SELECT region, metric_id, measure, year,
       max(CASE WHEN kind = 'achieved' THEN value END) AS actual_value,
       max(CASE WHEN kind = 'achieved' THEN unit END) AS actual_unit,
       max(CASE WHEN kind = 'target' THEN cmp END) AS target_cmp,
       max(CASE WHEN kind = 'target' THEN value END) AS target_value,
       max(CASE WHEN kind = 'target' THEN unit END) AS target_unit
FROM v_catalog_figures
GROUP BY region, metric_id, measure, year;
