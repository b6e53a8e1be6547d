#!/bin/sh
# End-to-end tests of the store through the command line, the examples and the
# stock sqlite3 shell: ingest, compare, export, stats, queries.sql.
set -u
bin=$1
example=$2
src=$3
data=$src/tests/data
sample=$data/jilin-2022-part2.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/z.db
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$bin" ingest --db "$db" "$sample" > "$tmp/ingest.out" || fail "ingest exit $?"
grep -q "document 1, .* indicators, 吉林省 2022" "$tmp/ingest.out" || fail "ingest output: $(cat "$tmp/ingest.out")"

# the database holds exactly what parse prints
rows=$("$bin" parse "$sample" --format jsonl | wc -l)
[ "$(sqlite3 "$db" 'select count(*) from v_indicators')" -eq "$rows" ] || fail "v_indicators count"

# re-ingest changes nothing
before=$(sqlite3 "$db" 'select count(*), max(id) from indicators')
"$bin" ingest --db "$db" "$sample" | grep -q "already stored" || fail "re-ingest message"
[ "$(sqlite3 "$db" 'select count(*), max(id) from indicators')" = "$before" ] || fail "re-ingest changed rows"
[ "$(sqlite3 "$db" 'select count(*) from documents')" -eq 1 ] || fail "re-ingest added a document"

# compare: both comparisons of the sample
"$bin" compare --db "$db" --base-year 2021 --target-year 2022 > "$tmp/cmp.txt" || fail "compare exit $?"
grep -q "粮食产量.*807.84亿斤.*>=800亿斤.*floor below last result" "$tmp/cmp.txt" || fail "compare grain: $(cat "$tmp/cmp.txt")"
grep -q "城镇新增就业.*27.07万人.*23万人.*target below last result" "$tmp/cmp.txt" || fail "compare jobs"
"$bin" compare --db "$db" --format json > "$tmp/cmp.json" || fail "compare json exit $?"
python3 - "$tmp/cmp.json" <<'PY' || fail "compare json content"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
cols = ["region", "metric_id", "metric", "measure", "actual_year", "actual_value", "actual_unit",
        "actual_base_value", "target_year", "target_cmp", "target_value", "target_unit",
        "target_base_value", "delta", "status", "target_value_high", "direction", "ambition",
        "entity", "commitment", "delta_unit", "actual_document_id", "actual_indicator_id",
        "target_document_id", "target_indicator_id"]
assert rows and all(list(r) == cols for r in rows), rows[:1]
g = [r for r in rows if r["metric_id"] == "grain_output"][0]
assert g["actual_value"] == 807.84 and g["target_value"] == 800 and g["target_cmp"] == ">=", g
PY
"$bin" compare --db "$db" --format csv | head -n 1 | grep -q "^region,metric_id,metric" || fail "compare csv header"

# export: RFC 4180 CSV with a header and one line per row; JSON Lines
"$bin" export --db "$db" --format csv > "$tmp/all.csv" || fail "export exit $?"
python3 - "$tmp/all.csv" "$rows" <<'PY' || fail "export csv content"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
assert len(rows) == int(sys.argv[2]), (len(rows), sys.argv[2])
assert open(sys.argv[1], "rb").read().count(b"\r\n") >= len(rows)
assert any(r["surface"] == "807.84亿斤" and r["metric_id"] == "grain_output" for r in rows)
PY
"$bin" export --db "$db" --format csv --bom | head -c 3 | od -An -tx1 | grep -q "ef bb bf" || fail "export --bom"
n=$("$bin" export --db "$db" --format jsonl --kind target --sector livelihood | wc -l)
[ "$n" -ge 2 ] || fail "export filters gave $n rows"
"$bin" export --db "$db" --format jsonl --metric-id grain_output | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert len(rows) >= 2 and all(r["metric_id"] == "grain_output" for r in rows), rows
assert {r["kind"] for r in rows} == {"achieved", "target"}, rows
assert rows[0]["region"] == "吉林省" and rows[0]["report_year"] == 2022
' || fail "export jsonl"

"$bin" stats --db "$db" | grep -q "吉林省" || fail "stats"

# a second year: v_target_outcome answers
"$bin" ingest --db "$db" "$data/jilin-2023-pdf.txt" > /dev/null || fail "ingest 2023"
[ "$(sqlite3 "$db" "select outcome from v_target_outcome where metric_id = 'grain_output' and year = 2022")" = "exceeded" ] || fail "target outcome"

# the stock sqlite3 shell runs the analysts' queries
sqlite3 "$db" < "$src/examples/queries.sql" > "$tmp/queries.out" 2>&1 || fail "queries.sql: $(tail -3 "$tmp/queries.out")"
grep -q "floor below last result" "$tmp/queries.out" || fail "queries.sql comparison"
grep -q "粮食产量|level|2021|807.84亿斤|2022|>=800.0亿斤|up|floor below last result" "$tmp/queries.out" || fail "queries.sql results against targets"
grep -q "粮食产量|2022|exceeded|800亿斤以上|[^|]*jilin-2022-part2.txt|[^|]*稳定在800亿斤以上[^|]*|[^|]*|[^|]*jilin-2023-pdf.txt|" "$tmp/queries.out" || fail "queries.sql source sentence"

# the C example links libzhibiao and prints the comparison table
"$example" "$tmp/ex.db" "$sample" > "$tmp/ex.out" || fail "example exit $?"
grep -q "grain_output	level	2021	807.84亿斤	2022	>=800亿斤	floor below last result" "$tmp/ex.out" || fail "example output: $(cat "$tmp/ex.out")"

# batches: a file that fails costs only itself, wherever it stands (the last
# file too), and 300 files cross a batch boundary (256): every document whole,
# each found by full-text search as soon as the command is done
mkdir "$tmp/batch"
i=0
while [ $i -lt 300 ]; do
  printf '全市地区生产总值增长%d.5%%，第%d份。\n' $((i % 9)) $i > "$tmp/batch/r$(printf %03d $i).txt"
  i=$((i + 1))
done
printf 'bad \377 bytes\n' > "$tmp/batch/r100x.txt"
printf 'bad \377 bytes\n' > "$tmp/batch/r999.txt"
"$bin" ingest --db "$tmp/batch.db" "$tmp/batch" > "$tmp/batch.out" 2> "$tmp/batch.err"; rc=$?
[ $rc -eq 1 ] && grep -q "^302 files: 300 new, 0 already stored, 2 failed; 300 indicators" "$tmp/batch.out" \
  || fail "batch ingest ($rc): $(cat "$tmp/batch.out" "$tmp/batch.err")"
[ "$(sqlite3 "$tmp/batch.db" "select count(*) from documents; select count(*) from indicators; select count(*) from sentences_fts where sentences_fts match '地区生产总值'")" = "$(printf '300\n300\n300')" ] \
  || fail "batch rows: $(sqlite3 "$tmp/batch.db" "select count(*) from documents; select count(*) from indicators")"

# the next file is parsed while one is written: the same bytes given twice in
# a run, next to each other and apart, are stored once
cp "$tmp/batch/r007.txt" "$tmp/copy.txt"
"$bin" ingest --db "$tmp/twice.db" "$tmp/batch/r007.txt" "$tmp/batch/r007.txt" "$tmp/batch/r008.txt" \
  "$tmp/copy.txt" > "$tmp/twice.out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^4 files: 2 new, 2 already stored, 0 failed; 4 indicators" "$tmp/twice.out" \
  || fail "the same file twice ($rc): $(cat "$tmp/twice.out")"
[ "$(sqlite3 "$tmp/twice.db" "select count(*) from documents")" = 2 ] || fail "twice: documents"

# bad databases: clear message, non-zero exit, nothing written
echo "not a database" > "$tmp/text.db"
"$bin" ingest --db "$tmp/text.db" "$sample" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "not a database" "$tmp/err" || fail "text file as db ($rc): $(cat "$tmp/err")"
[ "$(cat "$tmp/text.db")" = "not a database" ] || fail "text file was modified"
"$bin" compare --db "$tmp/missing.db" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "compare on a missing db exit $rc"
[ ! -e "$tmp/missing.db" ] || fail "compare created a database"
"$bin" ingest "$sample" > /dev/null 2>&1; [ $? -eq 2 ] || fail "ingest without --db"
"$bin" compare --db "$db" --base-year 2021 --target-year 2024 > /dev/null 2>&1; [ $? -eq 2 ] || fail "compare bad years"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "all store checks passed"
