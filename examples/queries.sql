-- Ad-hoc questions an analyst asks of a zhibiao database.
--   sqlite3 zhibiao.db < examples/queries.sql
.headers on
.mode list

-- 1. Every target for this year, by sector.
SELECT region, sector, metric, cmp, value, unit
FROM v_indicators
WHERE kind = 'target' AND year = report_year
ORDER BY region, sector, metric;

-- 2. Last year's results against this year's targets (the question zhibiao answers).
SELECT region, metric, actual_value || actual_unit AS result,
       target_cmp || target_value || target_unit AS target, status
FROM v_target_vs_actual
ORDER BY region, metric_id;

-- 3. Were last year's targets met?
SELECT region, metric, year, target_cmp || target_value || target_unit AS target,
       actual_value || actual_unit AS result, outcome
FROM v_target_outcome
ORDER BY region, metric_id;

-- 4. Where does a figure come from? The sentence, and its bytes in the report.
-- (Full-text search by trigram: a word as written, three characters or more;
-- for one or two, LIKE '%粮食%' on sentences.text.)
SELECT i.surface, i.metric, i.span_start, i.span_end, s.text
FROM sentences_fts f
JOIN sentences s ON s.id = f.rowid
JOIN indicators i ON i.sentence_id = s.id
WHERE sentences_fts MATCH '粮食生产'
ORDER BY i.document_id, i.ordinal;

-- 5. The original bytes of one figure, cut out of the stored report.
SELECT i.surface, CAST(substr(d.body, i.span_start + 1, i.span_end - i.span_start) AS TEXT)
       AS original
FROM indicators i JOIN documents d ON d.id = i.document_id
WHERE i.metric_id = 'grain_output'
ORDER BY d.report_year, i.ordinal;

-- 6. Growth targets above 6%.
SELECT region, year, metric, value || unit AS target
FROM v_indicators
WHERE kind = 'target' AND measure = 'growth' AND value > 6
ORDER BY value DESC;

-- 7. How many figures each sector reports, per document.
SELECT d.region, d.report_year, i.sector, count(*) AS indicators
FROM indicators i JOIN documents d ON d.id = i.document_id
GROUP BY d.id, i.sector
ORDER BY d.region, d.report_year, indicators DESC;
