#!/bin/sh
# Hostile and bad input through the command line: each case must end with a
# clear message and the right exit status, never a crash or a hang, and must
# leave no half-written database behind.
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
tried=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# run CMD... with a time limit; the exit status of CMD, 124 on timeout
run() { tried=$((tried + 1)); timeout 120 "$@"; }
# the same for the one input that is large on purpose: a shared, busy machine
# (or a sanitizer build) may need minutes of wall time for what takes seconds of CPU
run_long() { tried=$((tried + 1)); timeout 600 "$@"; }
crashed() { [ "$1" -ge 128 ] || [ "$1" -eq 124 ]; }

# a UTF-8 byte order mark is fine
printf '\357\273\277粮食产量达到800亿斤。' > "$tmp/bom.txt"
run "$bin" parse "$tmp/bom.txt" --format jsonl > "$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q '"span_start":21' "$tmp/out" || fail "UTF-8 BOM ($rc): $(cat "$tmp/out")"

# UTF-16 with a byte order mark: refused, with the command that converts it
printf '\377\376\142\000' > "$tmp/utf16.txt"
run "$bin" parse "$tmp/utf16.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "UTF-16" "$tmp/err" && grep -q "iconv" "$tmp/err" || fail "UTF-16 ($rc): $(cat "$tmp/err")"

# 200 MB without a newline: finishes, finds everything. Under the sanitizers
# (ZB_HOSTILE_LONG_MB from CMake) a smaller line: ASan makes it 5-10 times
# slower, and a line of any length past the reader's 1 MiB cut takes the same path.
mb=${ZB_HOSTILE_LONG_MB:-200}
python3 -c "
import sys
unit = '地区生产总值增长6%，'.encode()
with open(sys.argv[1], 'wb') as f:
    n = int(sys.argv[2]) * 1024 * 1024 // len(unit)
    for _ in range(n // 10000):
        f.write(unit * 10000)
" "$tmp/long.txt" "$mb"
run_long "$bin" parse "$tmp/long.txt" --format tsv > "$tmp/long.tsv" 2> "$tmp/err"; rc=$?
crashed $rc && fail "$mb MB line crashed or hung ($rc)"
rows=$(($(wc -l < "$tmp/long.tsv") - 1))
want=$(python3 -c "print($mb * 1024 * 1024 // len('地区生产总值增长6%，'.encode()) // 10000 * 10000)")
[ "$rows" -eq "$want" ] || fail "$mb MB line: $rows rows, want $want"
rm -f "$tmp/long.txt" "$tmp/long.tsv"

# a 1 MB number: skipped with a warning, the rest still extracted
python3 -c "
import sys
open(sys.argv[1], 'w').write('增长' + '9' * (1 << 20) + '元。粮食产量达到800亿斤。')
" "$tmp/bignum.txt"
run "$bin" parse "$tmp/bignum.txt" --format jsonl > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] || fail "1 MB number exit $rc"
grep -q "skipped 1 number" "$tmp/err" || fail "1 MB number: no warning: $(cat "$tmp/err")"
grep -q '"surface":"800亿斤"' "$tmp/out" || fail "1 MB number: lost the rest"

# deep runs of brackets and a million 分别
python3 -c "
import sys
open(sys.argv[1], 'w').write('(' * (1 << 20) + '增长5%' + ')' * (1 << 20))
open(sys.argv[2], 'w').write('城乡' + '分别' * 1000000 + '增长5%和6%。')
open(sys.argv[3], 'w').write('增长' + '、5%' * 200000 + '。')
" "$tmp/parens.txt" "$tmp/fenbie.txt" "$tmp/list.txt"
for f in parens fenbie list; do
  run "$bin" parse "$tmp/$f.txt" --format jsonl > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 0 ] || fail "$f exit $rc: $(head -c 300 "$tmp/err")"
  [ -s "$tmp/out" ] || fail "$f found nothing"
done

# binary junk of every kind: never a crash
for i in 1 2 3 4 5 6 7 8 9 10; do
  head -c $((i * 7919)) /dev/urandom > "$tmp/junk$i"
  run "$bin" parse "$tmp/junk$i" > /dev/null 2>&1; rc=$?
  crashed $rc && fail "random bytes #$i crashed ($rc)"
done
# valid UTF-8 noise: random code points, digits and report words
python3 -c "
import random, sys
random.seed(7)
words = ['增长', '下降', '分别', '以上', '左右', '万', '亿', '第', '%', '个百分点', '、', '，', '。',
         '(', ')', '“', '”', '\n', '一', '两', '十', '百', '千', '2022年', '.', ',', '—']
for k in range(10):
    parts = []
    for _ in range(20000):
        r = random.random()
        if r < 0.4: parts.append(random.choice(words))
        elif r < 0.7: parts.append(str(random.randint(0, 10 ** random.randint(1, 25))))
        else: parts.append(chr(random.randint(0x20, 0x2FFFF)) if random.random() < 0.5 else chr(random.randint(0x4E00, 0x9FFF)))
    s = ''.join(parts).encode('utf-8', 'ignore').decode('utf-8', 'ignore')
    open(sys.argv[1] + str(k), 'w', encoding='utf-8', errors='ignore').write(s)
" "$tmp/noise"
for k in 0 1 2 3 4 5 6 7 8 9; do
  run "$bin" parse "$tmp/noise$k" --format jsonl > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 0 ] || fail "UTF-8 noise #$k exit $rc: $(head -c 300 "$tmp/err")"
done

# databases: not a database, corrupt, read-only directory, newer schema
db=$tmp/z.db
run "$bin" ingest --db "$db" "$data/jilin-2022-part2.txt" > /dev/null || fail "ingest"
cp "$db" "$tmp/corrupt.db"
python3 - "$tmp/corrupt.db" <<'PY'
import sys
import os
size = os.path.getsize(sys.argv[1])
with open(sys.argv[1], "r+b") as f:
    # keep the 100-byte header, scramble every page after the first
    f.seek(4096)
    f.write(bytes((i * 131 + 17) % 256 for i in range(size - 4096)))
PY
run "$bin" export --db "$tmp/corrupt.db" > /dev/null 2> "$tmp/err"; rc=$?
crashed $rc && fail "corrupt db crashed ($rc)"
[ $rc -ne 0 ] && grep -qi "malformed\|corrupt\|not a database" "$tmp/err" || fail "corrupt db ($rc): $(cat "$tmp/err")"
run "$bin" ingest --db "$tmp/corrupt.db" "$data/guangdong-2021-plain.txt" > /dev/null 2> "$tmp/err"; rc=$?
crashed $rc && fail "ingest into a corrupt db crashed ($rc)"
[ $rc -eq 1 ] || fail "ingest into a corrupt db exit $rc"
version=$(sqlite3 "$db" "PRAGMA user_version")
sqlite3 "$db" "PRAGMA user_version = 99"
run "$bin" compare --db "$db" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "newer zhibiao" "$tmp/err" || fail "newer schema ($rc): $(cat "$tmp/err")"
sqlite3 "$db" "PRAGMA user_version = -1"
run "$bin" stats --db "$db" > /dev/null 2> "$tmp/err"; rc=$?
crashed $rc && fail "negative schema version crashed ($rc)"
[ $rc -eq 1 ] && grep -q "schema version -1" "$tmp/err" || fail "negative schema version ($rc): $(cat "$tmp/err")"
sqlite3 "$db" "PRAGMA user_version = $version"
printf 'SQLite format 3\000' > "$tmp/fake.db"
head -c 5000 /dev/urandom >> "$tmp/fake.db"
run "$bin" stats --db "$tmp/fake.db" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "fake SQLite header exit $rc"

# names with quotes, %, -- and SQL are stored verbatim
for name in "O'Brien\"县" "50%--; DROP TABLE documents; --" "吉林 %s %n"; do
  run "$bin" ingest --db "$db" --replace --region "$name" "$data/guangdong-2021-plain.txt" > /dev/null || fail "odd region '$name'"
  got=$(sqlite3 "$db" "select region from documents where source like '%guangdong-2021-plain.txt'")
  [ "$got" = "$name" ] || fail "region stored as '$got', want '$name'"
done
[ "$(sqlite3 "$db" 'select count(*) from documents')" -eq 2 ] || fail "documents after odd names"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s) in $tried bad inputs"
  exit 1
fi
echo "all $tried hostile inputs handled"
