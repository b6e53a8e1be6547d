#!/bin/sh
# zhibiao as other software meets it: installed into a prefix and built
# against with pkg-config and with CMake's find_package; loaded into the stock
# sqlite3 shell as an extension; fed GB18030; ingesting a directory with a
# progress line on a terminal and none elsewhere.
set -u
src=$1
build=$2
bin=$build/zhibiao
data=$src/tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# --- install into a prefix -----------------------------------------------------
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1 || fail "cmake --install: $(tail -3 "$tmp/install.log")"
# lib/, lib64/ or lib/<multiarch triplet>/ (as Debian builds it): where libzhibiao.so is
libdir=$(dirname "$(find "$prefix" -name libzhibiao.so | head -n 1)")
[ -n "$(ls "$libdir"/libzhibiao.so.0* 2>/dev/null)" ] || fail "no libzhibiao.so.0"
objdump -p "$libdir"/libzhibiao.so.0.* 2>/dev/null | grep -q "SONAME *libzhibiao.so.0" || fail "SONAME"
[ -f "$libdir/libzhibiao.a" ] || fail "no static library"
[ -f "$prefix/include/zhibiao.h" ] || fail "no header"
[ -x "$prefix/bin/zhibiao" ] || fail "no tool"
# the tables of schema/ are embedded in the library: nothing of them is installed
[ ! -e "$prefix/share/zhibiao" ] || fail "share/zhibiao installed: $(find "$prefix/share/zhibiao" | head -3)"
[ -f "$prefix/share/man/man1/zhibiao.1" ] && [ -f "$prefix/share/man/man3/zhibiao.3" ] || fail "no man pages"
pc=$(find "$prefix" -name zhibiao.pc | head -n 1)
[ -n "$pc" ] || fail "no zhibiao.pc"
LD_LIBRARY_PATH=$libdir "$prefix/bin/zhibiao" version | grep -q "zhibiao" || fail "installed tool"
# the exported targets name no library by an absolute path (relocatable)
for f in "$libdir"/cmake/zhibiao/zhibiaoTargets*.cmake; do
  # (CMake's own lines about a /lib -> /usr/lib link name the prefix; the targets' properties may not)
  grep -nE '^ *(INTERFACE_|IMPORTED_)' "$f" | grep -E '"/|;/|/usr/lib' > "$tmp/abs"
  [ ! -s "$tmp/abs" ] || fail "absolute path in $(basename "$f"): $(cat "$tmp/abs")"
done

# the example, built with pkg-config against the installed library
export PKG_CONFIG_PATH=$(dirname "$pc")
cc "$src/examples/compare.c" $(pkg-config --cflags --libs zhibiao) -o "$tmp/compare-pc" 2> "$tmp/cc.log" || fail "cc with pkg-config: $(cat "$tmp/cc.log")"
LD_LIBRARY_PATH=$libdir "$tmp/compare-pc" "$tmp/pc.db" "$data/jilin-2022-part2.txt" > "$tmp/pc.out" || fail "run pkg-config build"
grep -q "grain_output" "$tmp/pc.out" || fail "pkg-config build output"
# it really is the shared library
LD_LIBRARY_PATH=$libdir ldd "$tmp/compare-pc" | grep -q "libzhibiao.so.0 => $libdir" || fail "not linked to the installed libzhibiao.so.0"

# the example, built with CMake find_package(zhibiao) and zhibiao::zhibiao
mkdir -p "$tmp/consumer"
cp "$src/examples/compare.c" "$src/examples/stream.c" "$tmp/consumer/"
cat > "$tmp/consumer/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(zhibiao 0.4 REQUIRED)
add_executable(compare compare.c)
target_link_libraries(compare PRIVATE zhibiao::zhibiao)
add_executable(compare_static compare.c)
target_link_libraries(compare_static PRIVATE zhibiao::zhibiao_static)
add_executable(stream_static stream.c)
target_link_libraries(stream_static PRIVATE zhibiao::zhibiao_static)
CM
cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/cm.log" 2>&1 \
  && cmake --build "$tmp/consumer/build" >> "$tmp/cm.log" 2>&1 || fail "find_package build: $(tail -5 "$tmp/cm.log")"
LD_LIBRARY_PATH=$libdir "$tmp/consumer/build/compare" "$tmp/cm.db" "$data/jilin-2022-part2.txt" | grep -q "grain_output" || fail "find_package build output"
"$tmp/consumer/build/compare_static" "$tmp/cms.db" "$data/jilin-2022-part2.txt" | grep -q "grain_output" || fail "static build output"
# the streaming example, static: the package brings what its second thread needs
"$tmp/consumer/build/stream_static" "$data/jilin-2022-part2.txt" > "$tmp/stream.jsonl" || fail "static stream exit $?"
LD_LIBRARY_PATH=$libdir "$prefix/bin/zhibiao" parse "$data/jilin-2022-part2.txt" --format jsonl > "$tmp/cli.jsonl"
cmp -s "$tmp/stream.jsonl" "$tmp/cli.jsonl" || fail "static stream output differs from zhibiao parse"

# find_package(zhibiao) without pkg-config: PATH is a directory of links to every
# program but pkg-config, and CMake may not look for it either. Shared and static.
mkdir -p "$tmp/nopc"
for d in $(echo "$PATH" | tr ':' ' '); do
  for p in "$d"/*; do
    case ${p##*/} in *pkg-config* | pkgconf*) continue ;; esac
    [ -x "$p" ] && [ ! -e "$tmp/nopc/${p##*/}" ] && ln -s "$p" "$tmp/nopc/${p##*/}"
  done
done
PATH=$tmp/nopc command -v pkg-config > /dev/null && fail "pkg-config still on the reduced PATH"
for kind in shared static; do
  target=zhibiao::zhibiao; [ $kind = static ] && target=zhibiao::zhibiao_static
  mkdir -p "$tmp/nopc-$kind"
  cp "$src/examples/compare.c" "$tmp/nopc-$kind/"
  cat > "$tmp/nopc-$kind/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(zhibiao 0.5 REQUIRED)
add_executable(compare compare.c)
target_link_libraries(compare PRIVATE $target)
CM
  PATH=$tmp/nopc cmake -S "$tmp/nopc-$kind" -B "$tmp/nopc-$kind/build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON > "$tmp/nopc.log" 2>&1 \
    && PATH=$tmp/nopc cmake --build "$tmp/nopc-$kind/build" >> "$tmp/nopc.log" 2>&1 \
    || fail "find_package without pkg-config ($kind): $(grep -v '^--' "$tmp/nopc.log" | head -8)"
  LD_LIBRARY_PATH=$libdir "$tmp/nopc-$kind/build/compare" "$tmp/nopc-$kind.db" "$data/jilin-2022-part2.txt" 2>&1 \
    | grep -q "grain_output" || fail "find_package without pkg-config ($kind): output"
done
# the shared target asks nothing of SQLite's and utf8proc's development files
grep -q 'SQLite\|utf8proc\|PkgConfig' "$libdir/cmake/zhibiao/zhibiaoTargets.cmake" \
  && fail "zhibiaoTargets.cmake (the shared target) names a dependency"

# --- the SQLite extension in the stock shell -------------------------------------
# a module (no SONAME) in $libdir/zhibiao/, exporting its entry point alone
ext=$libdir/zhibiao/libzhibiao_sqlite.so
[ -f "$ext" ] || { fail "no $ext"; ext=$build/libzhibiao_sqlite.so; }
[ ! -e "$libdir/libzhibiao_sqlite.so" ] || fail "extension in \$libdir itself"
objdump -p "$ext" | grep -q SONAME && fail "the extension has a SONAME"
syms=$(nm -D --defined-only "$ext" | awk '{print $3}' | tr '\n' ' ')
[ "$syms" = "sqlite3_zhibiaosqlite_init " ] || fail "extension exports more than its entry point: $(echo "$syms" | wc -w) symbols: $(echo "$syms" | cut -c1-200)"
out=$(sqlite3 :memory: ".load ${ext%.so}" "select metric, value, unit from zhibiao_extract('地区生产总值增长6%左右,粮食产量稳定在800亿斤以上。')")
[ "$(echo "$out" | wc -l)" -eq 2 ] || fail "extension rows: $out"
echo "$out" | grep -q "^粮食产量|800.0|亿斤$" || fail "extension grain row: $out"
n=$(sqlite3 :memory: ".load ${ext%.so}" \
  "select count(*) from zhibiao_extract(readfile('$data/jilin-2022-part2.txt'), 2022) where year = 2021")
want=$("$bin" parse "$data/jilin-2022-part2.txt" --report-year 2022 --format jsonl | grep -c '"year":2021')
[ "$n" -eq "$want" ] || fail "extension on the sample: $n rows of 2021, parse gives $want"
sqlite3 :memory: ".load ${ext%.so}" "select * from zhibiao_extract()" > /dev/null 2> "$tmp/err" && fail "no-argument call succeeded"
grep -q "needs the text" "$tmp/err" || fail "no-argument message: $(cat "$tmp/err")"
sqlite3 :memory: ".load ${ext%.so}" "select * from zhibiao_extract(x'ff00')" > /dev/null 2> "$tmp/err" && fail "bad bytes succeeded"
grep -q "invalid UTF-8\|NUL" "$tmp/err" || fail "bad bytes message: $(cat "$tmp/err")"

# --- GB18030 and GBK ---------------------------------------------------------------
iconv -f UTF-8 -t GB18030 "$data/guangdong-2021-plain.txt" > "$tmp/gb.txt"
"$bin" parse "$tmp/gb.txt" --format jsonl > /dev/null 2> "$tmp/err" && fail "GB18030 read as UTF-8 without complaint"
grep -q "invalid UTF-8" "$tmp/err" || fail "GB18030 as UTF-8 message"
"$bin" parse "$tmp/gb.txt" --encoding gb18030 --format jsonl | cut -d, -f3- > "$tmp/gb.rows" || fail "--encoding gb18030"
"$bin" parse "$data/guangdong-2021-plain.txt" --format jsonl | cut -d, -f3- > "$tmp/utf8.rows"
cmp -s "$tmp/gb.rows" "$tmp/utf8.rows" || fail "GB18030 rows differ from UTF-8 rows"
"$bin" parse "$tmp/gb.txt" --encoding auto --format jsonl > "$tmp/auto.rows" 2> "$tmp/err" || fail "--encoding auto"
grep -q "reading it as GB18030" "$tmp/err" || fail "auto says nothing"
"$bin" parse "$data/guangdong-2021-plain.txt" --encoding auto --format jsonl > /dev/null 2> "$tmp/err"
[ ! -s "$tmp/err" ] || fail "auto on UTF-8 spoke: $(cat "$tmp/err")"
iconv -f UTF-8 -t GBK "$data/jilin-2022-part2.txt" > "$tmp/gbk.txt"
"$bin" ingest --db "$tmp/gbk.db" --encoding gbk "$tmp/gbk.txt" > /dev/null || fail "ingest --encoding gbk"
[ "$(sqlite3 "$tmp/gbk.db" "select count(*) from v_indicators where surface = '807.84亿斤'")" -eq 1 ] || fail "gbk ingest content"
printf '\377\376' > "$tmp/u16.txt"; printf '增长6%%。' | iconv -f UTF-8 -t UTF-16LE >> "$tmp/u16.txt"
"$bin" parse "$tmp/u16.txt" --encoding auto --format jsonl 2> /dev/null | grep -q '"value":6' || fail "UTF-16 with auto"

# --- batch ingest: a directory, a pattern, progress only on a terminal -----------------
mkdir -p "$tmp/reports"
cp "$data"/*.txt "$tmp/reports/"
count=$(ls "$tmp/reports"/*.txt | wc -l)
"$bin" ingest --db "$tmp/batch.db" "$tmp/reports" > "$tmp/out" 2> "$tmp/err" || fail "ingest a directory"
grep -q "^$count files: $count new, 0 already stored, 0 failed; [0-9]* indicators in" "$tmp/out" || fail "summary: $(cat "$tmp/out")"
[ ! -s "$tmp/err" ] || fail "progress when not a terminal: $(cat "$tmp/err")"
"$bin" ingest --db "$tmp/batch.db" "$tmp/reports/jilin-*.txt" > "$tmp/out" || fail "ingest a pattern"
grep -q "files: 0 new, .* already stored" "$tmp/out" || fail "pattern summary: $(cat "$tmp/out")"
"$bin" ingest --quiet --db "$tmp/batch.db" "$tmp/reports" > "$tmp/out" 2>&1 || fail "quiet"
[ ! -s "$tmp/out" ] || fail "--quiet printed: $(cat "$tmp/out")"
if command -v script > /dev/null; then
  script -qec "'$bin' ingest --db '$tmp/tty.db' '$tmp/reports'" /dev/null > "$tmp/tty.out" 2>&1 || fail "ingest on a terminal"
  grep -q "\[$count/$count\] [0-9]* indicators, [0-9]* files/s" "$tmp/tty.out" || fail "no progress on a terminal: $(cat "$tmp/tty.out")"
fi

# --- CSV for spreadsheets ------------------------------------------------------------
"$bin" export --db "$tmp/batch.db" --format csv --bom > "$tmp/all.csv" || fail "export"
python3 - "$tmp/all.csv" <<'PY' || fail "CSV does not round-trip"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf")
rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(True)))
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
assert any("," in c or '"' in c for r in rows for c in r), "no field needed quoting"
PY

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "all ecosystem checks passed"
