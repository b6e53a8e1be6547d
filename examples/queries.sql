-- The questions an analyst asks of a zhibiao database, in order:
--   sqlite3 zhibiao.db < examples/queries.sql          (as '|'-separated lists)
--   sqlite3 -box zhibiao.db < examples/queries.sql     (as tables; -json, -csv …)
-- Each answer follows its heading line ("-- 1. …"). The views are described in
-- schema/views.sql and in the README's section "Comparing".
.headers on

.print "-- 1. Every target of a report (here: the newest one stored; change the id)"
SELECT region, report_year, year, sector, metric, metric_id, cmp, value, value_high, unit,
       commitment, qualitative, surface
FROM v_indicators
WHERE kind = 'target'
  AND document_id = (SELECT id FROM documents ORDER BY report_year DESC, id DESC LIMIT 1)
ORDER BY span_start;

.print "-- 2. Results against targets: last year's result next to this year's target"
SELECT region, entity, metric, measure, actual_year,
       actual_value || actual_unit AS result, target_year,
       target_cmp || target_value || coalesce('—' || target_value_high, '') || target_unit
           AS target,
       direction, status, ambition
FROM v_target_vs_actual
ORDER BY region, entity, metric_id, measure, actual_year;

.print "-- 3. Which targets were met or missed (a target against the result of its year)"
SELECT region, entity, metric, measure, year,
       coalesce(target_qualitative,
                target_cmp || target_value || coalesce('—' || target_value_high, '')
                || target_unit) AS target,
       coalesce(actual_qualitative, actual_value || actual_unit) AS result,
       direction, outcome
FROM v_target_outcome
ORDER BY region, year, outcome, metric_id, measure;

.print "-- 4. Targets raised or lowered against the year before"
SELECT region, entity, metric, measure, year,
       prev_cmp || prev_value || coalesce('—' || prev_value_high, '') || prev_unit AS before,
       cmp || value || coalesce('—' || value_high, '') || unit AS now,
       change, ambition
FROM v_target_change
WHERE change IN ('raised', 'lowered')
ORDER BY region, year, change, metric_id, measure;

.print "-- 5. All regions side by side: each region's GDP growth target of the newest report year"
SELECT region, region_code, level, region_en, year, cmp, value, value_high, unit,
       commitment, surface
FROM v_panel
WHERE metric_id = 'gdp' AND measure = 'growth'
  AND year = (SELECT max(report_year) FROM documents)
ORDER BY region_code;

.print "-- 6. Where a figure comes from: each outcome's target and result, their reports and sentences"
SELECT o.region, o.metric, o.year, o.outcome,
       t.surface AS target_as_written, td.source AS target_report, t.sentence AS target_sentence,
       a.surface AS result_as_written, ad.source AS result_report, a.sentence AS result_sentence
FROM v_target_outcome o
JOIN v_indicators t ON t.id = o.target_indicator_id
JOIN documents td ON td.id = t.document_id
LEFT JOIN v_indicators a ON a.id = o.actual_indicator_id
LEFT JOIN documents ad ON ad.id = a.document_id
ORDER BY o.region, o.year, o.metric_id, o.measure;

.print "-- 7. Where documents disagree, and the figure the views use"
SELECT region, entity, metric_id, measure, kind, year, "values", documents, chosen,
       chosen_document_id
FROM v_conflicts
ORDER BY region, metric_id, year;

.print "-- 8. The original bytes of each grain figure, cut out of the stored report"
SELECT i.surface, CAST(substr(d.body, i.span_start + 1, i.span_end - i.span_start) AS TEXT)
       AS original
FROM indicators i JOIN documents d ON d.id = i.document_id
WHERE i.metric_id = 'grain_output'
ORDER BY d.report_year, i.ordinal;

.print "-- 9. Sentences that name a word (full-text search by trigram: a word as written, three characters or more; for one or two, LIKE '%粮食%' on sentences.text)"
SELECT i.surface, i.metric, s.text
FROM sentences_fts f
JOIN sentences s ON s.id = f.rowid
JOIN indicators i ON i.sentence_id = s.id
WHERE sentences_fts MATCH '粮食生产'
ORDER BY i.document_id, i.ordinal;
