#!/bin/sh
# End-to-end tests of `zhibiao parse`: formats, stdin, and bad input that must
# give a clear message and a non-zero exit, never a crash.
set -u
bin=$1
data=$2
sample=$data/jilin-2022-part2.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# jsonl: one valid object per line with the contract's field names
"$bin" parse "$sample" --format jsonl > "$tmp/out.jsonl" || fail "parse jsonl exit $?"
python3 - "$tmp/out.jsonl" <<'PY' || fail "jsonl content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) >= 150, len(rows)
# the field list itself is fields_test.py's to check; every row has the same keys
assert all(list(r) == list(rows[0]) for r in rows), list(rows[0])
grain = [r for r in rows if r["surface"] == "807.84亿斤"]
assert grain and grain[0]["base_value"] == 80784000000 and grain[0]["year"] == 2021, grain
PY

# stdin gives the same rows as the file
"$bin" parse - --format jsonl < "$sample" > "$tmp/stdin.jsonl" || fail "parse - exit $?"
cmp -s "$tmp/out.jsonl" "$tmp/stdin.jsonl" || fail "stdin output differs from file output"

# tsv: a header and as many rows as jsonl
"$bin" parse "$sample" --format tsv > "$tmp/out.tsv" || fail "parse tsv exit $?"
head -n 1 "$tmp/out.tsv" | grep -q "^span_start	span_end	surface	value" || fail "tsv header"
[ $(($(wc -l < "$tmp/out.tsv") - 1)) -eq "$(wc -l < "$tmp/out.jsonl")" ] || fail "tsv row count"

# table: readable, names the figures
"$bin" parse "$sample" --format table > "$tmp/out.txt" || fail "parse table exit $?"
grep -q "807.84" "$tmp/out.txt" || fail "table lacks 807.84"
grep -q "grain_output" "$tmp/out.txt" || fail "table lacks grain_output"

# --report-year moves every year
"$bin" parse "$sample" --format jsonl --report-year 2030 | grep -q '"year":2029' || fail "--report-year"

# empty and blank input (spaces, tabs, U+3000, a BOM): refused, no rows (issue 14 item 8)
: > "$tmp/empty.txt"
printf ' \t\r\n\343\200\200\n' > "$tmp/blank.txt"
printf '\357\273\277\n\n' > "$tmp/bom-only.txt"
for f in empty blank bom-only; do
  out=$("$bin" parse "$tmp/$f.txt" --format jsonl 2> "$tmp/err"); rc=$?
  [ $rc -eq 1 ] || fail "$f file exit $rc"
  [ -z "$out" ] || fail "$f file printed rows"
  grep -q "^zhibiao: $tmp/$f.txt: no text: the report is empty or only white space$" "$tmp/err" ||
    fail "$f file message: $(cat "$tmp/err")"
done
out=$(printf ' \n' | "$bin" parse - 2> "$tmp/err"); rc=$?
[ $rc -eq 1 ] && grep -q "^zhibiao: <stdin>: no text" "$tmp/err" || fail "blank stdin ($rc): $(cat "$tmp/err")"

# invalid UTF-8: exit 1, message with line and byte
printf '第一行\n增长\3776%%\n' > "$tmp/bad.txt"
"$bin" parse "$tmp/bad.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "invalid UTF-8 exit $rc"
grep -q "line 2, byte 16: invalid UTF-8" "$tmp/err" || fail "invalid UTF-8 message: $(cat "$tmp/err")"

# binary junk (NUL bytes)
head -c 4096 /dev/urandom > "$tmp/junk.bin"
printf '\000' >> "$tmp/junk.bin"
"$bin" parse "$tmp/junk.bin" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "binary input exit $rc"
[ -s "$tmp/err" ] || fail "binary input: no message"

# a missing file, a directory
"$bin" parse "$tmp/nope.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "cannot open" "$tmp/err" || fail "missing file ($rc)"
"$bin" parse "$tmp" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "is a directory" "$tmp/err" || fail "directory ($rc)"

# usage errors exit 2
"$bin" parse > /dev/null 2>&1; [ $? -eq 2 ] || fail "no file"
"$bin" parse "$sample" --format xml > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad format"
"$bin" parse "$sample" --report-year 20x > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad year"
"$bin" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown command"
"$bin" help parse | grep -q -- "--report-year" || fail "help parse"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "all cli_parse checks passed"
