#!/usr/bin/env python3
"""Every output lists the contract's fields, in order, as lib/fields.h defines
them once: jsonl keys and the TSV header of `parse`, the CSV header and jsonl
keys of `export` (after the document's columns), the columns of v_indicators
(after id, document_id, region, report_year), and the columns of the SQLite
extension's zhibiao_extract(). When ../shared/spec/INDICATORS.md is at hand,
fields.h itself is held to the contract's §1 table.

usage: fields_test.py ZHIBIAO EXTENSION SOURCE_DIR
"""
import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile


def fields_h(src):
    with open(os.path.join(src, "lib", "fields.h"), encoding="utf-8") as f:
        text = f.read()
    body = text[text.index("#define ZB_FIELDS(X)"):]
    body = body[:body.index("\n\n")]
    return re.findall(r"X\(([a-z_]+),", body)


def contract(src):
    """Field names of INDICATORS.md §1, in the table's order."""
    path = os.path.join(src, "..", "shared", "spec", "INDICATORS.md")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("## 1."):text.index("## 2.")]
    names = []
    for line in table.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([a-z_]+)`", line.split("|")[1])
    return names


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, check=True, **kw).stdout.decode("utf-8")


def main():
    zhibiao, extension, src = sys.argv[1:4]
    want = fields_h(src)
    failures = []

    def same(what, got):
        if got != want:
            failures.append(f"{what}:\n  got  {got}\n  want {want}")

    spec = contract(src)
    if spec is not None:
        same("INDICATORS.md §1 (fields.h must follow the contract)", spec)
    sample = os.path.join(src, "tests", "data", "jilin-2022-part2.txt")
    rows = [json.loads(l) for l in run(zhibiao, "parse", sample, "--format", "jsonl").splitlines()]
    same("parse --format jsonl keys", list(rows[0]))
    tsv = run(zhibiao, "parse", sample, "--format", "tsv").splitlines()
    same("parse --format tsv header", tsv[0].split("\t"))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "f.db")
        run(zhibiao, "ingest", "--db", db, sample)
        doc = ["document_id", "region", "report_year"]
        header = next(csv.reader(io.StringIO(run(zhibiao, "export", "--db", db, "--format",
                                                 "csv"))))
        if header[:3] != doc:
            failures.append(f"export csv leads with {header[:3]}, not {doc}")
        same("export --format csv header", header[3:])
        first = json.loads(run(zhibiao, "export", "--db", db, "--format", "jsonl").splitlines()[0])
        same("export --format jsonl keys", list(first)[3:])
        con = sqlite3.connect(db)
        cols = [r[1] for r in con.execute("PRAGMA table_info(v_indicators)")]
        con.close()
        lead = ["id", "document_id", "region", "report_year"]
        if cols[:4] != lead:
            failures.append(f"v_indicators leads with {cols[:4]}, not {lead}")
        same("v_indicators columns", cols[4:])
    out = run("sqlite3", "-header", "-separator", "\t", ":memory:", f".load {extension}",
              "SELECT * FROM zhibiao_extract('地区生产总值增长6%左右。', 2022)")
    same("zhibiao_extract() columns", out.splitlines()[0].split("\t"))
    if failures:
        sys.exit("\n".join(failures))
    print(f"fields: {len(want)} fields, the same in 7 outputs" +
          (" and in INDICATORS.md" if spec is not None else ""))


if __name__ == "__main__":
    main()
