#!/bin/sh
# The Debian packages, built as Debian builds them, from a copy of the tree:
#
#   tests/package_test.sh [SRC]        (SRC: the source tree, default .)
#
# 1. copies SRC (its git-tracked and untracked-but-not-ignored files) into a
#    temporary directory and makes the upstream tarball from it;
# 2. builds the source package (dpkg-source -b) and the binary packages
#    (dpkg-buildpackage -us -uc -b, the tests run by dh_auto_test);
# 3. runs lintian on the .dsc and the .changes: any error or warning fails;
# 4. checks the files of each .deb (dpkg -c) and their dependencies, and the
#    build log for compiler and CMake warnings;
# 5. unpacks the .debs into the temporary directory (nothing is installed on
#    the system) and uses them: the tool, the extension in the sqlite3 shell,
#    pkg-config and find_package(zhibiao) against the unpacked -dev package.
#
# Needs dpkg-dev, debhelper and lintian (.ci/run installs them with devscripts)
# and the Build-Depends of debian/control; exits 77 (skipped) without them.
set -u
src=$(cd "${1:-.}" && pwd)
start=$(date +%s)
for tool in dpkg-buildpackage dpkg-source dh lintian; do
  command -v "$tool" > /dev/null || { echo "package_test: no $tool (apt-get install devscripts debhelper lintian): skipped"; exit 77; }
done
(cd "$src" && dpkg-checkbuilddeps) || { echo "package_test: Build-Depends missing: skipped"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
step() { echo "package_test: $* ($(($(date +%s) - start)) s)"; }

version=$(cd "$src" && dpkg-parsechangelog -S Version)
upstream=${version%-*}
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
soversion=$(sed -n 's/^#define ZB_VERSION_MAJOR \([0-9]*\)$/\1/p' "$src/include/zhibiao.h")
tree=$tmp/zhibiao-$upstream

# --- 1. a copy of the tree, and the upstream tarball ----------------------------
mkdir -p "$tree"
if git -C "$src" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  (cd "$src" && git ls-files -z -co --exclude-standard | xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh \
    | tar -cf - -T -) | tar -C "$tree" -xf -
else
  (cd "$src" && tar -cf - --exclude='./build*' --exclude='./obj-*' --exclude='./debian/.debhelper' .) | tar -C "$tree" -xf -
fi
tar -C "$tmp" -cJf "$tmp/zhibiao_$upstream.orig.tar.xz" --exclude="zhibiao-$upstream/debian" "zhibiao-$upstream"
step "copied the tree"

# --- 2. the source package and the binary packages --------------------------------
(cd "$tmp" && dpkg-source -b "zhibiao-$upstream") > "$tmp/source.log" 2>&1 \
  || fail "dpkg-source -b: $(tail -5 "$tmp/source.log")"
step "built the source package"
jobs=$(nproc 2> /dev/null || echo 2)
(cd "$tree" && DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b) \
  > "$tmp/build.log" 2>&1 || { tail -40 "$tmp/build.log"; fail "dpkg-buildpackage -us -uc -b"; }
step "built the binary packages"
# no warning from the compiler, the linker, CMake or dpkg-gensymbols
grep -nE '(^|[ /])[^ ]+\.[ch]:[0-9]+(:[0-9]+)?: warning:|CMake Warning|dpkg-gensymbols: warning|^/usr/bin/ld: warning' \
  "$tmp/build.log" > "$tmp/warnings"
[ ! -s "$tmp/warnings" ] || fail "warnings in the build: $(head -10 "$tmp/warnings")"
grep -q "100% tests passed" "$tmp/build.log" || fail "the tests did not run at build time (dh_auto_test)"

changes=$tmp/zhibiao_${version}_$arch.changes
dsc=$tmp/zhibiao_$version.dsc
[ -f "$changes" ] || fail "no $(basename "$changes")"
[ -f "$dsc" ] || fail "no $(basename "$dsc")"

# --- 3. lintian -------------------------------------------------------------------
lintian --display-info --pedantic --fail-on error,warning --tag-display-limit 0 \
  "$dsc" "$changes" > "$tmp/lintian.log" 2>&1 || fail "lintian (errors or warnings)"
grep -v 'running with root privileges' "$tmp/lintian.log" | sed 's/^/lintian: /'
step "lintian done"

# --- 4. what each .deb holds ------------------------------------------------------
# its files and links (not directories), $ma for the triplet, $upstream the version
expect() {
  pkg=$1
  deb=$tmp/${pkg}_${version}_$arch.deb
  [ -f "$deb" ] || { fail "no $pkg .deb"; return; }
  dpkg -c "$deb" | awk '$6 !~ /\/$/ {print $6}' | sed 's|^\./|/|' | sort > "$tmp/$pkg.have"
  sed -e "s|@MA@|$ma|g" -e "s|@V@|$upstream|g" -e "s|@P@|$pkg|g" | sort > "$tmp/$pkg.want"
  diff -u "$tmp/$pkg.want" "$tmp/$pkg.have" > "$tmp/$pkg.diff" || fail "files of $pkg (- expected, + found): $(grep '^[-+]/' "$tmp/$pkg.diff" | tr '\n' ' ')"
}
docs='/usr/share/doc/@P@/changelog.Debian.gz
/usr/share/doc/@P@/changelog.gz
/usr/share/doc/@P@/copyright
/usr/share/lintian/overrides/@P@'
expect "libzhibiao$soversion" <<EOF
/usr/lib/@MA@/libzhibiao.so.$soversion
/usr/lib/@MA@/libzhibiao.so.@V@
/usr/lib/@MA@/zhibiao/zhibiao_pdf.so
/usr/share/doc/@P@/NOTICE
$docs
EOF
expect libzhibiao-dev <<EOF
/usr/include/zhibiao.h
/usr/lib/@MA@/libzhibiao.so
/usr/lib/@MA@/libzhibiao.a
/usr/lib/@MA@/pkgconfig/zhibiao.pc
/usr/lib/@MA@/cmake/zhibiao/Findutf8proc.cmake
/usr/lib/@MA@/cmake/zhibiao/Findzb_libxml2.cmake
/usr/lib/@MA@/cmake/zhibiao/zhibiaoConfig.cmake
/usr/lib/@MA@/cmake/zhibiao/zhibiaoConfigVersion.cmake
/usr/lib/@MA@/cmake/zhibiao/zhibiaoStaticTargets.cmake
/usr/lib/@MA@/cmake/zhibiao/zhibiaoStaticTargets-none.cmake
/usr/lib/@MA@/cmake/zhibiao/zhibiaoTargets.cmake
/usr/lib/@MA@/cmake/zhibiao/zhibiaoTargets-none.cmake
/usr/share/man/man3/zhibiao.3.gz
/usr/share/doc/@P@/examples/compare.c
/usr/share/doc/@P@/examples/queries.sql
/usr/share/doc/@P@/examples/stream.c
/usr/share/doc/@P@/examples/data/jilin-2022-part2.txt
/usr/share/doc/@P@/NOTICE
/usr/share/doc/@P@/README.md.gz
$docs
EOF
expect zhibiao <<EOF
/usr/bin/zhibiao
/usr/share/man/man1/zhibiao.1.gz
/usr/share/doc/@P@/README.md.gz
$docs
EOF
expect libsqlite3-mod-zhibiao <<EOF
/usr/lib/@MA@/zhibiao/libzhibiao_sqlite.so
/usr/share/doc/@P@/NOTICE
$docs
EOF
ls "$tmp"/*.deb | grep -v -e "/libzhibiao${soversion}_" -e /libzhibiao-dev_ -e /zhibiao_ \
  -e /libsqlite3-mod-zhibiao_ -e '-dbgsym_' > "$tmp/extra" && fail "unexpected packages: $(cat "$tmp/extra")"

dep() { dpkg-deb -f "$tmp/${1}_${version}_$arch.deb" Depends 2> /dev/null; }
dep zhibiao | grep -q "libzhibiao$soversion (>= $upstream)" || fail "zhibiao does not depend on libzhibiao$soversion: $(dep zhibiao)"
dep libzhibiao-dev | grep -q "libzhibiao$soversion (= $version)" || fail "libzhibiao-dev: $(dep libzhibiao-dev)"
dep libsqlite3-mod-zhibiao | grep -q libzhibiao && fail "the extension depends on the library"
# the library's SONAME matches its package, the extension has none and exports its entry point alone
root=$tmp/root
for deb in "$tmp"/*_"$arch".deb; do dpkg-deb -x "$deb" "$root"; done
lib=$root/usr/lib/$ma
objdump -p "$lib/libzhibiao.so.$upstream" | grep -q "SONAME *libzhibiao.so.$soversion$" || fail "SONAME of libzhibiao.so.$upstream"
ext=$lib/zhibiao/libzhibiao_sqlite.so
objdump -p "$ext" | grep -q SONAME && fail "the extension has a SONAME"
[ "$(nm -D --defined-only "$ext" | awk '{print $3}')" = sqlite3_zhibiaosqlite_init ] \
  || fail "the extension exports: $(nm -D --defined-only "$ext" | awk '{print $3}' | head -5 | tr '\n' ' ')"
zcat "$root/usr/share/man/man1/zhibiao.1.gz" | head -n 1 | grep -q "\"zhibiao $upstream\"" || fail "zhibiao.1 version"
step "checked the packages' contents"

# --- 5. the unpacked packages in use ------------------------------------------------
LD_LIBRARY_PATH=$lib "$root/usr/bin/zhibiao" version | grep -qx "zhibiao $upstream" || fail "zhibiao version"
LD_LIBRARY_PATH=$lib ldd "$root/usr/bin/zhibiao" | grep -q "libzhibiao.so.$soversion => $lib/" || fail "the tool does not use libzhibiao.so.$soversion"
# PDF input is a module the library loads on the first PDF, not a dependency of
# every program that links it
LD_LIBRARY_PATH=$lib ldd "$root/usr/bin/zhibiao" | grep -q poppler && fail "the tool links poppler"
pdf="$src/tests/data/fuzz-pdf/report-cjk.pdf"
if [ -f "$pdf" ]; then
  LD_LIBRARY_PATH=$lib ZHIBIAO_PDF_MODULE=$lib/zhibiao/zhibiao_pdf.so "$root/usr/bin/zhibiao" \
    parse "$pdf" --format tsv > "$tmp/pdf.tsv" 2> "$tmp/pdf.err" && grep -q '11万亿元' "$tmp/pdf.tsv" \
    || fail "the packaged PDF module: $(cat "$tmp/pdf.err")"
fi
if command -v sqlite3 > /dev/null; then
  out=$(sqlite3 :memory: ".load ${ext%.so}" "select metric||'|'||value||'|'||unit from zhibiao_extract('粮食产量稳定在800亿斤以上。')")
  [ "$out" = "粮食产量|800.0|亿斤" ] || fail "extension in sqlite3: $out"
fi
cat > "$tmp/use.c" <<'EOF'
#include <stdio.h>
#include <zhibiao.h>
int main(void) { puts(zb_version()); return 0; }
EOF
PKG_CONFIG_PATH=$lib/pkgconfig sh -c \
  'cc "$1" $(pkg-config --cflags --libs zhibiao) -o "$2"' sh "$tmp/use.c" "$tmp/use-pc" 2> "$tmp/cc.log" \
  && [ "$(LD_LIBRARY_PATH=$lib "$tmp/use-pc")" = "$upstream" ] || fail "pkg-config build: $(cat "$tmp/cc.log")"
mkdir -p "$tmp/consumer"
cp "$tmp/use.c" "$tmp/consumer/"
cat > "$tmp/consumer/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(use C)
find_package(zhibiao REQUIRED COMPONENTS shared static)
add_executable(use use.c)
target_link_libraries(use PRIVATE zhibiao::zhibiao)
add_executable(use_static use.c)
target_link_libraries(use_static PRIVATE zhibiao::zhibiao_static)
EOF
cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$root/usr" > "$tmp/cmake.log" 2>&1 \
  && cmake --build "$tmp/consumer/build" >> "$tmp/cmake.log" 2>&1 \
  && [ "$(LD_LIBRARY_PATH=$lib "$tmp/consumer/build/use")" = "$upstream" ] \
  && [ "$("$tmp/consumer/build/use_static")" = "$upstream" ] || fail "find_package build: $(tail -5 "$tmp/cmake.log")"
step "used the unpacked packages"

if [ $fails -ne 0 ]; then
  echo "package_test: $fails failure(s)"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "package_test: all package checks passed in $(($(date +%s) - start)) s"
echo "1 passed, 0 failed"
