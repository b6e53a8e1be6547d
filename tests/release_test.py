#!/usr/bin/env python3
"""The version in one place, and the package files that follow it.

    release_test.py SRC BUILD LIBRARY

include/zhibiao.h holds ZB_VERSION_*; the man pages configured into BUILD/docs,
debian/changelog (its upstream part) and CHANGELOG.md's newest heading must
name the same version, and the man pages' sources none at all. The shared
library's SONAME version (ZB_VERSION_MAJOR) names the Debian package, and
debian/libzhibiao0.symbols lists exactly what LIBRARY exports: a function added
to the API needs its line there (with the version it first appears in).
"""
import os
import re
import subprocess
import sys

src, build, library = sys.argv[1:4]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def read(*parts):
    path = os.path.join(*parts)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        fail(f"{path}: {e.strerror}")
        return ""


header = read(src, "include", "zhibiao.h")
defs = dict(re.findall(r"^#define ZB_VERSION_(MAJOR|MINOR|PATCH|STRING) (\S+)", header, re.M))
version = defs.get("STRING", '""').strip('"')
parts = f'{defs.get("MAJOR")}.{defs.get("MINOR")}.{defs.get("PATCH")}'
if not re.fullmatch(r"\d+\.\d+\.\d+", version):
    fail(f"ZB_VERSION_STRING {version!r} is not X.Y.Z")
if parts != version:
    fail(f"ZB_VERSION_MAJOR/MINOR/PATCH say {parts}, ZB_VERSION_STRING {version}")
major = defs.get("MAJOR", "?")

# CHANGELOG.md: the newest heading is this version, "## 0.5.0 (date or unreleased)"
changelog = read(src, "CHANGELOG.md")
headings = re.findall(r"^## (\S+)(?: \(([^)]*)\))?", changelog, re.M)
if not headings or headings[0][0] != version:
    fail(f"CHANGELOG.md's newest heading is {headings[0][0] if headings else None}, not {version}")
date = headings[0][1] if headings and re.fullmatch(r"\d{4}-\d\d-\d\d", headings[0][1]) else ""

# the man pages: configured from docs/*.in, which name no version themselves
for page in ("zhibiao.1", "zhibiao.3"):
    source = read(src, "docs", page + ".in")
    th = re.search(r"^\.TH .*$", source, re.M)
    if not th or "@PROJECT_VERSION@" not in th.group(0) or re.search(r"\d+\.\d+\.\d+", th.group(0)):
        fail(f"docs/{page}.in: .TH does not take @PROJECT_VERSION@: {th.group(0) if th else None}")
    built = read(build, "docs", page)
    th = re.search(r'^\.TH \S+ \d "([^"]*)" "zhibiao ([^"]*)"', built, re.M)
    if not th:
        fail(f"{build}/docs/{page}: no .TH line with a version")
    else:
        if th.group(2) != version:
            fail(f"{page} says version {th.group(2)}, zhibiao.h {version}")
        if th.group(1) != date:
            fail(f"{page} is dated {th.group(1)!r}, CHANGELOG.md {date!r}")

# debian/changelog: the newest entry is this upstream version
dch = read(src, "debian", "changelog")
m = re.match(r"zhibiao \(([^)]+)\)", dch)
if not m:
    fail("debian/changelog: no entry for zhibiao")
else:
    upstream = re.sub(r"-[^-]*$", "", m.group(1))
    if upstream != version:
        fail(f"debian/changelog is at {m.group(1)}, zhibiao.h at {version}")

# the library's package is named after its SONAME
control = read(src, "debian", "control")
if not re.search(rf"^Package: libzhibiao{major}$", control, re.M):
    fail(f"debian/control has no package libzhibiao{major} (SONAME libzhibiao.so.{major})")
symbols = read(src, "debian", f"libzhibiao{major}.symbols")
lines = symbols.splitlines()
if not lines or lines[0].split()[:2] != [f"libzhibiao.so.{major}", f"libzhibiao{major}"]:
    fail(f"debian/libzhibiao{major}.symbols does not start with libzhibiao.so.{major} libzhibiao{major}")
listed = {ln.split()[0].split("@")[0] for ln in lines[1:] if ln.startswith(" ")}

# what the library exports
out = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True)
if out.returncode != 0:
    fail(f"nm {library}: {out.stderr.strip()}")
exported = {ln.split()[-1] for ln in out.stdout.splitlines() if len(ln.split()) == 3}
if out.returncode == 0:
    for name in sorted(exported - listed):
        fail(f"{name} is exported but not in debian/libzhibiao{major}.symbols")
    for name in sorted(listed - exported):
        fail(f"{name} is in debian/libzhibiao{major}.symbols but not exported")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print(f"version {version} agrees everywhere; {len(exported)} symbols listed")
