#!/bin/sh
# examples/stream.c, the C API's streaming parse with ZB_PARSE_AHEAD, prints
# what `zhibiao parse --format jsonl` prints, on every test text; a failed
# write or bad input is an error message and exit 1.
set -u
bin=$1
stream=$2
data=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

for f in "$data"/*.txt; do
  n=$((n + 1))
  "$bin" parse "$f" --format jsonl > "$tmp/cli.jsonl" 2> /dev/null
  "$stream" "$f" > "$tmp/stream.jsonl" || fail "$f: exit $?"
  cmp -s "$tmp/cli.jsonl" "$tmp/stream.jsonl" || fail "$f: output differs from zhibiao parse"
done
[ "$n" -gt 10 ] || fail "only $n test texts"

if [ -w /dev/full ]; then
  "$stream" "$data/jilin-2022-part2.txt" > /dev/full 2> "$tmp/err"
  [ $? -eq 1 ] || fail "/dev/full: exit not 1"
  [ -s "$tmp/err" ] || fail "/dev/full: no message"
fi
printf 'x\377y\n' > "$tmp/bad.txt"
"$stream" "$tmp/bad.txt" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] || fail "bad UTF-8: exit not 1"
grep -q "UTF-8" "$tmp/err" || fail "bad UTF-8: $(cat "$tmp/err")"

[ $fails -eq 0 ] && echo "example_stream: $n texts as zhibiao parse prints them; errors told"
[ $fails -eq 0 ]
