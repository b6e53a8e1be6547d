#!/usr/bin/env python3
"""Every way out of zhibiao gives the same rows (issue 14): on every test text
(tests/data/*.txt, and ../shared/corpus/**/*.txt beside the repository when it
is there), the indicators of

  zb_parse (kept rows) and zb_parse_each (the callback), by tests/rows_of.c;
  zhibiao parse --format jsonl and --format tsv (and --format table's count);
  zhibiao_extract(readfile(FILE)) of the SQLite extension, in the sqlite3 shell;
  zhibiao export --format jsonl and --format csv after one ingest of them all

are the same rows in the same order, field by field. Values are compared as
what they mean: a JSON number, a TSV or CSV cell and an SQL REAL as floats,
true/false as 1/0, null and an empty cell alike.

usage: differential_test.py ZHIBIAO EXTENSION ROWS_OF SOURCE_DIR
"""
import csv
import glob
import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

failures = []


def fail(msg):
    failures.append(msg)


def run(*args):
    p = subprocess.run([str(a) for a in args], capture_output=True, timeout=300)
    if p.returncode:
        fail(f"{' '.join(map(str, args))[:200]}: exit {p.returncode}: "
             f"{p.stderr.decode('utf-8', 'replace')[:300]}")
    return p.stdout.decode("utf-8")


def canon(v):
    """One spelling per meaning."""
    if v is None or v == "":
        return ""
    if v is True or v == "true":
        return repr(1.0)
    if v is False or v == "false":
        return repr(0.0)
    if isinstance(v, (int, float)):
        return repr(float(v))
    try:
        f = float(v)
        if re.fullmatch(r"-?[0-9.eE+-]+", v):
            return repr(f)
    except ValueError:
        pass
    return v


def from_jsonl(out, drop=()):
    rows = []
    for line in out.splitlines():
        r = json.loads(line)
        rows.append({k: canon(v) for k, v in r.items() if k not in drop})
    return rows


def from_delimited(out, delimiter, drop=()):
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(out, newline=""), delimiter=delimiter, quoting=quoting,
                        strict=True)
    header = next(reader, [])
    return [{k: canon(v) for k, v in zip(header, row) if k not in drop} for row in reader]


def same(doc, what, got, want):
    if len(got) != len(want):
        fail(f"{doc}: {what} has {len(got)} rows, zb_parse {len(want)}")
        return
    for i, (g, w) in enumerate(zip(got, want)):
        if list(g) != list(w):
            fail(f"{doc}: {what} row {i}: fields {list(g)}, zb_parse's {list(w)}")
            return
        diff = {k: (g[k], w[k]) for k in w if g[k] != w[k]}
        if diff:
            fail(f"{doc}: {what} row {i} differs (got, zb_parse): {diff}")
            return


def texts(src):
    """The test texts, each once: a shared text may also be a test text, and
    ingest stores the same bytes once."""
    found = sorted(glob.glob(os.path.join(src, "tests", "data", "*.txt")))
    shared = os.path.join(src, "..", "shared", "corpus")
    found += sorted(glob.glob(os.path.join(shared, "**", "*.txt"), recursive=True))
    seen, unique = set(), []
    for path in found:
        with open(path, "rb") as f:
            h = hashlib.sha256(f.read()).digest()
        if h not in seen:
            seen.add(h)
            unique.append(path)
    return unique


def tsv_cells(rows):
    """TSV's documented rule: a tab or line break in a cell is a space."""
    return [{k: re.sub(r"[\t\r\n]", " ", v) for k, v in r.items()} for r in rows]


def main():
    zhibiao, extension, rows_of, src = sys.argv[1:5]
    docs = texts(src)
    ref = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "all.db")
        for path in docs:
            name = os.path.relpath(path, src)
            want = from_jsonl(run(rows_of, "parse", path))
            ref[os.path.abspath(path)] = want
            same(name, "zb_parse_each", from_jsonl(run(rows_of, "each", path)), want)
            same(name, "parse --format jsonl",
                 from_jsonl(run(zhibiao, "parse", path, "--format", "jsonl")), want)
            same(name, "parse --format tsv",
                 from_delimited(run(zhibiao, "parse", path, "--format", "tsv"), "\t"),
                 tsv_cells(want))
            table = run(zhibiao, "parse", path, "--format", "table")
            said = re.search(r": (\d+) indicators", table)
            if not said or int(said.group(1)) != len(want):
                fail(f"{name}: the table says {said and said.group(1)} indicators, "
                     f"zb_parse found {len(want)}")
            path_sql = path.replace("'", "''")
            out = run("sqlite3", "-json", ":memory:", f".load {extension}",
                      f"SELECT * FROM zhibiao_extract(readfile('{path_sql}'))")
            got = [{k: canon(v) for k, v in r.items()} for r in json.loads(out or "[]")]
            same(name, "zhibiao_extract()", got, want)
        # one ingest of every text, then each document's rows back
        run(zhibiao, "ingest", "--db", db, "--quiet", *docs)
        con = sqlite3.connect(db)
        source = {str(i): os.path.abspath(s) for i, s in con.execute(
            "SELECT id, source FROM documents")}
        con.close()
        doc_cols = ("document_id", "region", "report_year")
        for fmt, rows in (
                ("jsonl", [json.loads(line) for line in
                           run(zhibiao, "export", "--db", db, "--format", "jsonl").splitlines()]),
                ("csv", list(csv.DictReader(io.StringIO(
                    run(zhibiao, "export", "--db", db, "--format", "csv"), newline=""))))):
            by_doc = {}
            for r in rows:
                by_doc.setdefault(source.get(str(r["document_id"])), []).append(
                    {k: canon(v) for k, v in r.items() if k not in doc_cols})
            for path, want in ref.items():
                same(os.path.relpath(path, src), f"export --format {fmt}",
                     by_doc.get(path, []), want)
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(f"{len(failures)} difference(s) over {len(docs)} texts")
    print(f"{len(docs)} texts: the same rows through zb_parse, zb_parse_each, parse "
          f"(jsonl, tsv, table), zhibiao_extract() and export (jsonl, csv)")


if __name__ == "__main__":
    main()
