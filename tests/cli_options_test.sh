#!/bin/sh
# The command line as a whole: options (getopt_long, '--', short flags, values
# never taken greedily), help and version, checked writes (/dev/full), -o FILE
# written atomically, tables fitted to the terminal, encodings, regions, empty
# directories, the input cap, and read-only commands that leave no file behind.
set -u
bin=$1
data=$2
sample=$data/jilin-2022-part2.txt
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2> /dev/null; rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# run CMD... in $tmp/cwd with a time limit; the exit status of CMD, 124 on timeout
# (and everything else in it too: a wrong binary may write a file named '-')
mkdir "$tmp/cwd"
cd "$tmp/cwd" || exit 1
run() { (cd "$tmp/cwd" && timeout 60 "$@"); }

db=$tmp/z.db
"$bin" ingest --quiet --db "$db" "$sample" "$data/jilin-2023-pdf.txt" || fail "ingest"
"$bin" parse "$sample" --format jsonl > "$tmp/sample.jsonl" || fail "parse"
rows=$(wc -l < "$tmp/sample.jsonl")

# --- options ----------------------------------------------------------------------
# '--' ends the options: a file whose name begins with '-'
cp "$sample" "$tmp/cwd/-odd.txt"
run "$bin" parse --format jsonl -- -odd.txt > "$tmp/out" 2> "$tmp/err" || fail "parse -- -odd.txt: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/out")" -eq "$rows" ] || fail "parse -- -odd.txt: $(wc -l < "$tmp/out") rows, want $rows"
# a missing value, and a value that is the next option: exit 2, nothing named --region
run "$bin" ingest --db > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "^zhibiao: ingest: option --db needs a value (a database file)" "$tmp/err" || fail "--db without value ($rc): $(cat "$tmp/err")"
run "$bin" ingest --db --region 吉林省 "$sample" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "option --db needs a value" "$tmp/err" && grep -q -- "--db=./" "$tmp/err" || fail "--db --region ($rc): $(cat "$tmp/err")"
[ ! -e "$tmp/cwd/--region" ] || fail "--db --region made a database named --region"
run "$bin" compare -d > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "option --db needs a value" "$tmp/err" || fail "-d without value ($rc): $(cat "$tmp/err")"
# --db=VALUE takes a name that begins with '-'
run "$bin" ingest --quiet --db=-dash.db "$sample" > /dev/null 2>&1 && [ -f "$tmp/cwd/-dash.db" ] || fail "--db=-dash.db"
# bad and unknown options: exit 2, one style
run "$bin" parse "$sample" --format xml > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "^zhibiao: parse: option --format takes jsonl, tsv or table, not 'xml'" "$tmp/err" || fail "bad format ($rc): $(cat "$tmp/err")"
run "$bin" export --db "$db" --frobnicate > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "^zhibiao: export: unknown option '--frobnicate'" "$tmp/err" || fail "unknown option ($rc): $(cat "$tmp/err")"
run "$bin" ingest --replace=yes --db "$db" "$sample" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "option --replace takes no value" "$tmp/err" || fail "flag with a value ($rc): $(cat "$tmp/err")"
# short flags and the long ones they stand for give the same output
run "$bin" parse -f tsv -y 2030 "$sample" > "$tmp/short" || fail "parse short flags"
run "$bin" parse --format tsv --report-year 2030 "$sample" > "$tmp/long" || fail "parse long flags"
cmp -s "$tmp/short" "$tmp/long" && grep -q "	2029	" "$tmp/short" || fail "short flags differ from long ones"
run "$bin" export -d "$db" -f jsonl -r 吉林省 -y 2022 --kind target > "$tmp/short" || fail "export short flags"
run "$bin" export --db "$db" --format jsonl --region 吉林省 --report-year 2022 --kind target > "$tmp/long"
cmp -s "$tmp/short" "$tmp/long" && [ -s "$tmp/short" ] || fail "export short flags differ"

# --- help and version -------------------------------------------------------------
for c in parse ingest compare outcome panel series export stats dashboard help version; do
  run "$bin" $c -h > "$tmp/out" 2>&1 && grep -q "^usage: zhibiao $c" "$tmp/out" || fail "$c -h: $(head -2 "$tmp/out")"
  run "$bin" $c --help > /dev/null 2>&1 || fail "$c --help"
  run "$bin" help | grep -q "^  $c" || fail "usage does not list $c"
done
version=$(run "$bin" -V) && echo "$version" | grep -Eq '^zhibiao [0-9]+\.[0-9]+' || fail "-V: $version"
[ "$(run "$bin" --version)" = "$version" ] && [ "$(run "$bin" version)" = "$version" ] || fail "--version, version"
# the help of parse names every field the contract has, as jsonl writes them
python3 - "$tmp/sample.jsonl" "$("$bin" help parse)" <<'PY' || fail "help parse lacks fields"
import json, sys
fields = list(json.loads(open(sys.argv[1], encoding="utf-8").readline()))
words = sys.argv[2].split()
missing = [f for f in fields if f not in words]
assert not missing, missing
PY

# --- the views' commands: usage errors exit 2, a missing database 1 -----------------
run "$bin" panel --db "$db" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "panel: which metric? give --metric" "$tmp/err" || fail "panel without --metric: exit $rc: $(cat "$tmp/err")"
run "$bin" outcome --db "$db" -m "GDP growth" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "option --metric takes a catalog id" "$tmp/err" || fail "outcome bad --metric: exit $rc: $(cat "$tmp/err")"
run "$bin" series --db "$db" -f json > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "table, csv or jsonl" "$tmp/err" || fail "series -f json: exit $rc: $(cat "$tmp/err")"
run "$bin" outcome --db "$tmp/none.db" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && [ ! -e "$tmp/none.db" ] || fail "outcome on a missing db: exit $rc"
run "$bin" outcome > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "which database" "$tmp/err" || fail "outcome without --db: exit $rc"

# --- every write is checked ---------------------------------------------------------
for c in "compare --db $db" "outcome --db $db" "panel --db $db -m gdp" "series --db $db" \
         "outcome --db $db -f csv" "stats --db $db" "ingest --db $db $sample" "export --db $db" \
         "parse $sample" "dashboard --db $db -o -" "version" "help" "help parse" "parse --help"; do
  # shellcheck disable=SC2086
  run "$bin" $c > /dev/full 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "No space left on device" "$tmp/err" || fail "$c > /dev/full: exit $rc: $(cat "$tmp/err")"
done

# --- -o -, -o FILE --------------------------------------------------------------------
run "$bin" dashboard --db "$db" -o - > "$tmp/page" 2> "$tmp/err" || fail "dashboard -o -: $(cat "$tmp/err")"
grep -q "^<!DOCTYPE html>" "$tmp/page" || fail "dashboard -o - wrote no page to stdout"
[ ! -e "$tmp/cwd/-" ] || fail "dashboard -o - made a file named -"
run "$bin" parse "$sample" -f jsonl -o - | cmp -s - "$tmp/sample.jsonl" || fail "parse -o -"
for c in "parse $sample --format jsonl" "export --db $db --format csv" "outcome --db $db -f csv" \
         "panel --db $db -m gdp -f jsonl" "series --db $db -r 吉林 -f jsonl" "compare --db $db --format json"; do
  # shellcheck disable=SC2086
  run "$bin" $c > "$tmp/stdout" || fail "$c"
  # shellcheck disable=SC2086
  run "$bin" $c -o "$tmp/file" || fail "$c -o FILE"
  cmp -s "$tmp/stdout" "$tmp/file" || fail "$c: -o FILE differs from standard output"
done
python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$tmp/file" || fail "compare -o: not JSON"
# a failed write leaves no half file, and the old file as it was
mkdir "$tmp/out.d"
echo "old contents" > "$tmp/out.d/old.jsonl"
for target in new.jsonl old.jsonl; do
  (ulimit -f 8; trap '' XFSZ; cd "$tmp/cwd" && "$bin" parse "$sample" --format jsonl -o "$tmp/out.d/$target") 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "$target: cannot write: File too large" "$tmp/err" || fail "-o $target on a full disk ($rc): $(cat "$tmp/err")"
done
# a page of 66 KiB past a limit of 50 KiB (above the 32 KiB -shm an old reader would make)
"$bin" ingest --quiet --db "$tmp/one.db" "$sample" || fail "ingest one"
(ulimit -f 100; trap '' XFSZ; cd "$tmp/cwd" && "$bin" dashboard --db "$tmp/one.db" -o "$tmp/out.d/page.html") 2> /dev/null && fail "dashboard past the file size limit succeeded"
[ "$(ls -A "$tmp/out.d")" = "old.jsonl" ] || fail "failed writes left: $(ls -A "$tmp/out.d")"
[ "$(cat "$tmp/out.d/old.jsonl")" = "old contents" ] || fail "a failed write spoiled the old file"

# --- tables fit the terminal -------------------------------------------------------------
cat > "$tmp/width.py" <<'PY'
import json, sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def cut(s, start):  # the text from display column `start` on
    w = 0
    for i, c in enumerate(s):
        if w >= start:
            return s[i:]
        w += width(c)
    return ""
limit, table = int(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read().splitlines()
long = [l for l in table if width(l) > limit]
assert not long, f"{len(long)} lines wider than {limit}: {long[0]!r}"
if len(sys.argv) > 3:  # parse: a metric_id is whole or its column is gone
    ids = {json.loads(l)["metric_id"] for l in open(sys.argv[3], encoding="utf-8")}
    header = next(i for i, l in enumerate(table) if l.startswith("---")) - 1
    if "metric_id" in table[header]:
        at = width(table[header][:table[header].index("metric_id")])
        shown = {cut(l, at).strip() for l in table[header + 2:]}
        assert shown <= ids | {""}, sorted(shown - ids)[:5]
        assert len(shown - {""}) >= 10, shown
    elif limit >= 100:
        raise AssertionError("metric_id dropped at %d columns" % limit)
PY
for w in 60 200 100 30; do
  COLUMNS=$w run "$bin" parse "$sample" --format table > "$tmp/table" || fail "parse table at $w"
  python3 "$tmp/width.py" $w "$tmp/table" "$tmp/sample.jsonl" || fail "parse table at COLUMNS=$w"
  COLUMNS=$w run "$bin" compare --db "$db" > "$tmp/table" || fail "compare table at $w"
  python3 "$tmp/width.py" $w "$tmp/table" || fail "compare table at COLUMNS=$w"
done
grep -q "floor above last result" "$tmp/table" || COLUMNS=200 run "$bin" compare --db "$db" | grep -q "floor above last result" || fail "compare at 200 lost the status"

# --- encodings ------------------------------------------------------------------------
iconv -f UTF-8 -t GBK "$sample" > "$tmp/gbk.txt"
run "$bin" ingest --db "$tmp/gbk.db" --encoding gbk "$tmp/gbk.txt" > /dev/null || fail "ingest gbk"
[ "$(sqlite3 "$tmp/gbk.db" "select source from documents")" = "$tmp/gbk.txt" ] || fail "--encoding loses the source: '$(sqlite3 "$tmp/gbk.db" "select source from documents")'"
# a NUL in GB18030 text: the file's name, and the byte in the file
printf '粮食产量达到800亿斤。' | iconv -f UTF-8 -t GB18030 > "$tmp/nul.txt"
printf '\000' >> "$tmp/nul.txt"
at=$(($(wc -c < "$tmp/nul.txt") - 1))
run "$bin" parse "$tmp/nul.txt" --encoding gb18030 > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "^zhibiao: $tmp/nul.txt: line 1, byte $at: a NUL" "$tmp/err" || fail "NUL in GB18030 ($rc): $(cat "$tmp/err")"
# UTF-32 is UTF-32, not UTF-16, with either byte order
printf '\377\376\000\000' > "$tmp/u32le.txt"; printf '粮食产量增长6%%。' | iconv -f UTF-8 -t UTF-32LE >> "$tmp/u32le.txt"
printf '\000\000\376\377' > "$tmp/u32be.txt"; printf '粮食产量增长6%%。' | iconv -f UTF-8 -t UTF-32BE >> "$tmp/u32be.txt"
for f in u32le u32be; do
  run "$bin" parse "$tmp/$f.txt" --encoding auto --format jsonl > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 0 ] && grep -q "UTF-32 (byte order mark" "$tmp/err" && grep -q '"value":6' "$tmp/out" || fail "$f with auto ($rc): $(cat "$tmp/err")"
  run "$bin" parse "$tmp/$f.txt" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "UTF-32" "$tmp/err" && ! grep -q "UTF-16" "$tmp/err" || fail "$f as UTF-8 ($rc): $(cat "$tmp/err")"
done
# UTF-8 with one bad byte, where GB18030 fails earlier: the byte named is the bad one
python3 - "$tmp/mixed.txt" <<'PY'
import sys
text = "地区生产总值增长6%左右，粮食产量稳定在800亿斤以上。\n".encode()
open(sys.argv[1], "wb").write(text + b"\xff" + "城镇新增就业23万人。".encode())
PY
at=$(python3 -c "import sys; print(open(sys.argv[1],'rb').read().index(b'\xff'))" "$tmp/mixed.txt")
run "$bin" parse "$tmp/mixed.txt" --encoding auto > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "line 2, byte $at: not valid UTF-8" "$tmp/err" || fail "mixed file ($rc): $(cat "$tmp/err")"

# --- regions ----------------------------------------------------------------------------
bad=$(printf '\377\376')
run "$bin" ingest --db "$tmp/r.db" --region "$bad" "$sample" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "option --region takes a name in UTF-8" "$tmp/err" || fail "raw-byte region ($rc): $(cat "$tmp/err")"
long=$(python3 -c "print('省' * 67)")   # 201 bytes
run "$bin" ingest --db "$tmp/r.db" --region "$long" "$sample" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "at most 200 bytes" "$tmp/err" || fail "201-byte region ($rc): $(cat "$tmp/err")"
long=$(python3 -c "print('吉林省' * 22)")   # 198 bytes: stored whole, not cut at 127
run "$bin" ingest --db "$tmp/r2.db" --region "$long" "$sample" > "$tmp/out" 2> "$tmp/err" || fail "198-byte region: $(cat "$tmp/err")"
[ "$(sqlite3 "$tmp/r2.db" "select region from documents")" = "$long" ] || fail "198-byte region stored as '$(sqlite3 "$tmp/r2.db" "select region from documents")'"
grep -q "$long 2022" "$tmp/out" || fail "198-byte region in the summary: $(cat "$tmp/out")"

# --- an empty directory --------------------------------------------------------------------
mkdir "$tmp/empty"
run "$bin" ingest --db "$tmp/e.db" "$tmp/empty" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "^zhibiao: $tmp/empty: no .txt, .html or .pdf files$" "$tmp/err" || fail "empty directory ($rc): $(cat "$tmp/err")"
[ ! -e "$tmp/e.db" ] || fail "empty directory made a database"
run "$bin" ingest --db "$tmp/e.db" "$tmp/empty" "$sample" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "1 new, 0 already stored, 1 failed" "$tmp/out" || fail "empty directory and a file ($rc): $(cat "$tmp/out" "$tmp/err")"

# --- the input cap, while reading: files, stdin, pipes, devices --------------------------------
head -c 1000 "$sample" > "$tmp/1000.txt"
head -c 1001 "$sample" > "$tmp/1001.txt"
export ZHIBIAO_MAX_INPUT=1000
run "$bin" parse "$tmp/1000.txt" > /dev/null 2> "$tmp/err" || fail "a file at the cap: $(cat "$tmp/err")"
run "$bin" parse "$tmp/1001.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "1001.txt: larger than 1000 bytes" "$tmp/err" || fail "a file past the cap ($rc): $(cat "$tmp/err")"
run "$bin" parse - < /dev/zero > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "<stdin>: larger than 1000 bytes" "$tmp/err" || fail "stdin from /dev/zero ($rc): $(cat "$tmp/err")"
run "$bin" parse /dev/zero > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "/dev/zero: larger than 1000 bytes" "$tmp/err" || fail "/dev/zero ($rc): $(cat "$tmp/err")"
cat "$tmp/1001.txt" | run "$bin" parse - > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "larger than 1000 bytes" "$tmp/err" || fail "a pipe past the cap ($rc): $(cat "$tmp/err")"
run "$bin" ingest --db "$tmp/cap.db" /dev/zero > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "/dev/zero: larger than 1000 bytes" "$tmp/err" || fail "ingest /dev/zero ($rc): $(cat "$tmp/err")"
unset ZHIBIAO_MAX_INPUT

# --- read-only commands leave nothing behind --------------------------------------------------
mkdir "$tmp/ro"
cp "$db" "$tmp/ro/z.db"
for c in "compare --db $tmp/ro/z.db" "compare --db $tmp/ro/z.db --format csv" "stats --db $tmp/ro/z.db" \
         "export --db $tmp/ro/z.db" "outcome --db $tmp/ro/z.db" "panel --db $tmp/ro/z.db -m gdp" \
         "series --db $tmp/ro/z.db" "dashboard --db $tmp/ro/z.db -o $tmp/page.html"; do
  # shellcheck disable=SC2086
  run "$bin" $c > /dev/null 2> "$tmp/err" || fail "$c: $(cat "$tmp/err")"
  [ "$(ls -A "$tmp/ro")" = "z.db" ] || fail "$c left $(ls -A "$tmp/ro" | tr '\n' ' ')"
done
# ... and read a database in a directory they may not write
mkdir "$tmp/rodir"
cp "$db" "$tmp/rodir/z.db"
roread() {
  for c in stats export compare outcome series; do
    "$bin" $c --db "$1/z.db" > "$tmp/ro.out" 2> "$tmp/err" || { echo "$c: $(cat "$tmp/err")"; return 1; }
  done
  "$bin" dashboard --db "$1/z.db" -o - > /dev/null 2> "$tmp/err" || { echo "dashboard: $(cat "$tmp/err")"; return 1; }
}
if [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$tmp/rodir"
  out=$(roread "$tmp/rodir") || fail "read-only directory: $out"
  chmod 755 "$tmp/rodir"
elif unshare -m true 2> /dev/null; then
  # root ignores permissions: a read-only bind mount in a mount namespace of our own
  out=$(unshare -m sh -c "mount --bind '$tmp/rodir' '$tmp/rodir' &&
        mount -o remount,bind,ro '$tmp/rodir' && ! touch '$tmp/rodir/probe' 2> /dev/null &&
        for c in stats export compare; do '$bin' \$c --db '$tmp/rodir/z.db' > /dev/null || exit 1; done &&
        '$bin' dashboard --db '$tmp/rodir/z.db' -o - > /dev/null" 2>&1) || fail "read-only directory: $out"
else
  echo "note: running as root without unshare(1): the read-only directory is not tested"
fi

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "all cli_options checks passed"
