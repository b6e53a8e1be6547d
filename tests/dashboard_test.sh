#!/bin/sh
# The dashboard in a real browser: headless Chromium renders the page, takes a
# screenshot and dumps the DOM, which must hold the charts and the table.
# Skips (exit 77) when Chromium is not installed; .ci/run installs it.
set -u
bin=$1
data=$2
shot=${3:-}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "SKIP: no Chromium here (apt-get install chromium)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$bin" ingest --quiet --db "$tmp/z.db" "$data/jilin-2022-part2.txt" "$data/jilin-2023-pdf.txt" || fail "ingest"
"$bin" dashboard --db "$tmp/z.db" -o "$tmp/report.html" 2> "$tmp/err" || fail "dashboard: $(cat "$tmp/err")"

# self-contained: no script, style, image or font from anywhere else
grep -Eq '<(script|link|img|iframe)[^>]* (src|href)=' "$tmp/report.html" && fail "external resources"
grep -Eq 'url\(|@import' "$tmp/report.html" && fail "external CSS resources"

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir=$tmp/profile"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --dump-dom "file://$tmp/report.html" > "$tmp/dom.html" 2> /dev/null || fail "chromium --dump-dom"
charts=$(grep -o '<svg data-chart="[a-z_]*"' "$tmp/dom.html" | wc -l)
[ "$charts" -ge 4 ] || fail "rendered $charts charts, want at least 4"
grep -q 'data-chart="agriculture"' "$tmp/dom.html" || fail "no agriculture chart"
grep -q '粮食产量' "$tmp/dom.html" || fail "no grain output bar"
bars=$(grep -o '<rect class="target"' "$tmp/dom.html" | wc -l)
[ "$bars" -ge 10 ] || fail "only $bars target bars"
# the filter script ran: it wrote the count of shown rows
grep -Eq '<span id="count">[0-9]+ / [0-9]+</span>' "$tmp/dom.html" || fail "the filter script did not run"
rows=$(grep -o '<tr data-sector=' "$tmp/dom.html" | wc -l)
[ "$rows" -ge 50 ] || fail "table has $rows rows"
grep -q 'title="[^"]*816.16亿斤' "$tmp/dom.html" || fail "no source sentence on hover"

# shellcheck disable=SC2086
timeout 120 "$browser" $flags --window-size=1300,1500 --screenshot="$tmp/shot.png" \
  "file://$tmp/report.html" > /dev/null 2>&1 || fail "chromium --screenshot"
size=$(wc -c < "$tmp/shot.png" 2> /dev/null || echo 0)
[ "$size" -gt 20000 ] || fail "screenshot of $size bytes"
[ -n "$shot" ] && cp "$tmp/shot.png" "$shot"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "dashboard rendered: $charts charts, $rows rows, screenshot $size bytes"
