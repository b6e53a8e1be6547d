#!/bin/sh
# The dashboard in a real browser: headless Chromium runs the page's script on
# a database of several provinces and on one full of hostile strings, and
# tests/dashboard_check.py reads the rendered DOM (html.parser), the embedded
# JSON and the CSV against the database itself (sqlite3).
#
# usage: dashboard_test.sh ZHIBIAO DATA [SHOTS]
#   SHOTS: a directory (docs/) to receive the screenshots the README shows.
# Skips (exit 77) when Chromium is not installed; .ci/run installs it. With
# ../shared/corpus/prov-2026 beside the repository its reports join the database.
set -u
bin=$1
data=$2
shots=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "SKIP: no Chromium here (apt-get install chromium)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# several provinces, two years of Jilin (so last year's targets have results)
"$bin" ingest --quiet --db "$tmp/z.db" "$data/jilin-2022-part2.txt" "$data/jilin-2023-pdf.txt" \
  "$data/shandong-2023-pdf.txt" "$data/sichuan-2022-web.txt" "$data/henan-2023-fullwidth.txt" \
  "$data/zhejiang-2023-trad.txt" || fail "ingest"
prov="$here/../../shared/corpus/prov-2026"
if [ -d "$prov" ]; then
  "$bin" ingest --quiet --db "$tmp/z.db" "$prov"/*.txt || fail "ingest $prov"
fi
"$bin" dashboard --db "$tmp/z.db" -o "$tmp/report.html" 2> "$tmp/err" || fail "dashboard: $(cat "$tmp/err")"

# one region alone, by its short name or its code
for r in 吉林 220000; do
  "$bin" dashboard --db "$tmp/z.db" --region $r -o "$tmp/one.html" 2> "$tmp/err" ||
    fail "dashboard --region $r: $(cat "$tmp/err")"
  python3 "$here/dashboard_check.py" one-region "$tmp/one.html" "$tmp/z.db" 吉林省 ||
    fail "dashboard --region $r"
done

# a region the database does not hold: a message and status 1, no page
"$bin" dashboard --db "$tmp/z.db" --region 西藏自治区 -o "$tmp/none.html" 2> "$tmp/err"
[ $? -eq 1 ] || fail "a region without reports: want exit 1"
grep -q '西藏自治区' "$tmp/err" || fail "the message names the region: $(cat "$tmp/err")"
[ -e "$tmp/none.html" ] && fail "a page was written for a region without reports"

# hostile strings as region, metric id, names, units, sentence text, and as
# the views' status and outcome: none may run or break out of its element
python3 "$here/dashboard_check.py" hostile-text "$tmp/hostile.txt" || fail "writing the hostile text"
"$bin" ingest --quiet --db "$tmp/h.db" --region '<script>alert(1)</script>' \
  "$data/jilin-2022-part2.txt" "$data/jilin-2023-pdf.txt" "$tmp/hostile.txt" || fail "ingest hostile"
python3 "$here/dashboard_check.py" hostile-db "$tmp/h.db" || fail "making the hostile database"
"$bin" dashboard --db "$tmp/h.db" -o "$tmp/hostile.html" 2> "$tmp/err" || fail "dashboard hostile: $(cat "$tmp/err")"

# a database without documents: a page that says so
"$bin" ingest --quiet --db "$tmp/e.db" "$data/jilin-2022-part2.txt" || fail "ingest"
python3 "$here/dashboard_check.py" empty-db "$tmp/e.db" || fail "emptying a database"
"$bin" dashboard --db "$tmp/e.db" -o "$tmp/empty.html" 2> "$tmp/err" || fail "dashboard empty: $(cat "$tmp/err")"

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --enable-logging=stderr --v=1 --user-data-dir=$tmp/profile"
# dom NAME PAGE QUERY: the DOM after the script ran, and the console's lines
dom() {
  # shellcheck disable=SC2086
  timeout 120 "$browser" $flags --dump-dom "file://$tmp/$2$3" > "$tmp/$1.dom" 2> "$tmp/$1.log" ||
    fail "chromium --dump-dom $2$3"
  grep ':CONSOLE' "$tmp/$1.log" > "$tmp/$1.console"
}
# shot FILE PAGE QUERY HEIGHT
shot() {
  # shellcheck disable=SC2086
  timeout 120 "$browser" $flags --window-size=1300,$4 --screenshot="$1" "file://$tmp/$2$3" \
    > /dev/null 2>&1 || fail "chromium --screenshot $2$3"
}
python3 "$here/dashboard_check.py" urls "$tmp/z.db" > "$tmp/urls" || fail "choosing the pages to load"
while read -r name page query; do
  dom "$name" "$page" "$query"
done < "$tmp/urls"
dom hostile hostile.html ""
dom empty empty.html ""
python3 "$here/dashboard_check.py" check "$tmp" || fail "the rendered pages (above)"

shot "$tmp/shot.png" report.html "?region=吉林省" 1400
size=$(wc -c < "$tmp/shot.png" 2> /dev/null || echo 0)
[ "$size" -gt 20000 ] || fail "screenshot of $size bytes"
if [ -n "$shots" ]; then
  cp "$tmp/shot.png" "$shots/dashboard.png"
  shot "$shots/dashboard-regions.png" report.html "" 1000
  shot "$shots/dashboard-series.png" report.html "?region=吉林省&only=series" 1000
  id=$(python3 "$here/dashboard_check.py" id "$tmp/z.db" '816.16亿斤')
  shot "$shots/dashboard-table.png" report.html "?region=吉林省&only=all&q=粮食&sort=value&dir=desc&open=$id" 800
fi

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "dashboard rendered and checked in Chromium; screenshot $size bytes"
