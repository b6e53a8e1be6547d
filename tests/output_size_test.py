#!/usr/bin/env python3
"""Every output parses at any size (issue 14 item 4): generated reports of 1,
16 and 128 MB, where spans run far past 1,000,000 bytes.

- parse --format jsonl: every line is a JSON object with the same keys, its
  span lies inside the input on character boundaries and its bytes are the
  surface; 128 MB is read as a stream, line by line, as it is written;
- parse --format tsv (1 and 16 MB): every row has the header's cells;
- after ingest (1 and 16 MB): export --format csv and --format jsonl, every
  row parsed, the spans checked against documents.body, as many rows as the
  ingest stored; dashboard (1 MB) parsed by html.parser, a table row for
  each indicator.

The generated text carries what each format must escape: quotes ASCII and
Chinese, a backslash, a tab, commas. ZB_OUTPUT_SIZES_MB replaces the sizes
(CMake gives smaller ones to the sanitizer build).

usage: output_size_test.py ZHIBIAO
"""
import csv
import html.parser
import io
import json
import mmap
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

failures = []


def fail(msg):
    if len(failures) < 50:
        failures.append(msg)


def generate(path, size):
    """A report of `size` bytes: headings, paragraphs of prose with what a
    writer must escape, three figures in every fourth, numbers varied so rows
    differ."""
    with open(path, "wb") as f:
        f.write("某某市2024年政府工作报告\n".encode())
        i, n = 0, f.tell()
        while n < size:
            parts = []
            if i % 40 == 0:
                parts.append(f"{'一二三四五六七八九'[i // 40 % 9]}、{2023 + i // 40 % 3}年工作回顾\n")
            parts.append(f"（{i % 97 + 1}）过去一年，全市经济运行总体平稳，“稳中求进”的基调不变，"
                         f"产业结构持续优化, 民生保障\"不断\"加强\\城乡面貌\t焕然一新。")
            # figures in one paragraph of four: rows stay few enough to ingest
            if i % 4 == 0:
                parts.append(f"地区生产总值增长{i % 9}.{i % 10}%，粮食产量达到{100 + i % 900}万吨，"
                             f"城镇新增就业{i % 50 + 1}万人。")
            parts.append("\n")
            b = "".join(parts).encode()
            f.write(b)
            n += len(b)
            i += 1


def check_span(what, text, start, end, surface):
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        fail(f"{what}: span {start}..{end} outside the text of {len(text)} bytes")
        return
    try:
        got = text[start:end].decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{what}: span {start}..{end} is not on character boundaries")
        return
    if got != surface:
        fail(f"{what}: bytes {start}..{end} are {got!r}, the surface says {surface!r}")


class Counts:
    def __init__(self):
        self.rows = 0
        self.far = 0  # rows whose span ends past 1,000,000 bytes


def check_jsonl_stream(what, stream, text, keys=None):
    """Every line of a stream of JSON Lines; returns the counts and the keys."""
    c = Counts()
    for n, line in enumerate(io.TextIOWrapper(stream, encoding="utf-8"), 1):
        try:
            row = json.loads(line)
        except ValueError as e:
            fail(f"{what} line {n}: not JSON ({e}): {line[:200]!r}")
            continue
        if not isinstance(row, dict):
            fail(f"{what} line {n}: not an object")
            continue
        if keys is None:
            keys = list(row)
        elif list(row) != keys:
            fail(f"{what} line {n}: keys {list(row)}, want {keys}")
        c.rows += 1
        c.far += row.get("span_end", 0) >= 1_000_000
        if text is not None:
            check_span(f"{what} line {n}", text, row.get("span_start"), row.get("span_end"),
                       row.get("surface"))
    return c, keys


def check_delimited(what, data, text, delimiter):
    """TSV (no quoting: cells hold no tabs or line breaks) or RFC 4180 CSV."""
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter,
                        quoting=quoting, strict=True)
    c = Counts()
    try:
        header = next(reader)
    except StopIteration:
        fail(f"{what}: no header")
        return c
    col = {name: i for i, name in enumerate(header)}
    for n, row in enumerate(reader, 2):
        if len(row) != len(header):
            fail(f"{what} row {n}: {len(row)} cells, the header has {len(header)}")
            continue
        c.rows += 1
        try:
            start, end = int(row[col["span_start"]]), int(row[col["span_end"]])
        except ValueError:
            fail(f"{what} row {n}: span {row[col['span_start']]!r}..{row[col['span_end']]!r}")
            continue
        c.far += end >= 1_000_000
        body = text(row) if callable(text) else text
        check_span(f"{what} row {n}", body, start, end, row[col["surface"]])
    return c


class Page(html.parser.HTMLParser):
    """The page's JSON data (<script id="zb-data">), and any element left open."""

    VOID = {"meta", "br", "rect", "line", "input", "img", "hr", "link", "path", "circle"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors = [], []
        self.data, self.in_data = None, False

    def handle_data(self, data):
        if self.in_data:
            self.data = (self.data or "") + data

    def handle_starttag(self, tag, attrs):
        self.in_data = tag == "script" and dict(attrs).get("id") == "zb-data"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        self.in_data = False
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def timed(label, fn, *args):
    t = time.monotonic()
    out = fn(*args)
    print(f"  {label}: {time.monotonic() - t:.1f} s")
    return out


def parse_jsonl(zhibiao, path, text):
    p = subprocess.Popen([zhibiao, "parse", path, "--format", "jsonl"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    c, _ = check_jsonl_stream(f"parse jsonl {os.path.basename(path)}", p.stdout, text)
    err = p.stderr.read().decode()
    if p.wait() != 0:
        fail(f"parse jsonl {path}: exit {p.returncode}: {err[:300]}")
    return c


def size_run(zhibiao, tmp, mb, small):
    path = os.path.join(tmp, f"report-{mb}mb.txt")
    generate(path, mb * 1024 * 1024)
    name = os.path.basename(path)
    print(f"{mb} MB:")
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as text:
        c = timed("parse jsonl", parse_jsonl, zhibiao, path, text)
        print(f"    {c.rows} rows, {c.far} past byte 1,000,000")
        if not c.rows or not c.far:
            fail(f"{name}: jsonl has {c.rows} rows, {c.far} past 1,000,000 (want both > 0)")
        if not small:
            return
        out = timed("parse tsv", lambda: subprocess.run(
            [zhibiao, "parse", path, "--format", "tsv"], capture_output=True))
        if out.returncode:
            fail(f"parse tsv {name}: exit {out.returncode}")
        t = check_delimited(f"parse tsv {name}", out.stdout, text, "\t")
        if t.rows != c.rows:
            fail(f"parse tsv {name}: {t.rows} rows, jsonl has {c.rows}")
    db = os.path.join(tmp, f"report-{mb}mb.db")
    out = timed("ingest", lambda: subprocess.run([zhibiao, "ingest", "--db", db, path],
                                                 capture_output=True))
    if out.returncode:
        fail(f"ingest {name}: exit {out.returncode}: {out.stderr.decode()[:300]}")
        return
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    body = con.execute("SELECT body FROM documents").fetchone()[0]
    con.close()
    body = body.encode() if isinstance(body, str) else bytes(body)
    if stored != c.rows:
        fail(f"ingest {name}: {stored} indicators stored, parse printed {c.rows}")
    out = timed("export csv", lambda: subprocess.run(
        [zhibiao, "export", "--db", db, "--format", "csv"], capture_output=True))
    e = check_delimited(f"export csv {name}", out.stdout, body, ",")
    if out.returncode or e.rows != stored or not e.far:
        fail(f"export csv {name}: exit {out.returncode}, {e.rows} rows ({e.far} far), "
             f"want {stored}")
    p = subprocess.Popen([zhibiao, "export", "--db", db, "--format", "jsonl"],
                         stdout=subprocess.PIPE)
    j, _ = timed("export jsonl", check_jsonl_stream, f"export jsonl {name}", p.stdout, body)
    if p.wait() or j.rows != stored or not j.far:
        fail(f"export jsonl {name}: exit {p.returncode}, {j.rows} rows ({j.far} far), "
             f"want {stored}")
    if mb > 1:
        return
    page = os.path.join(tmp, f"report-{mb}mb.html")
    out = timed("dashboard", lambda: subprocess.run(
        [zhibiao, "dashboard", "--db", db, "-o", page], capture_output=True))
    said = re.search(r"(\d+) indicators", out.stderr.decode())
    if out.returncode or not said:
        fail(f"dashboard {name}: exit {out.returncode}: {out.stderr.decode()[:300]}")
        return
    table = Page()
    with open(page, encoding="utf-8") as f:
        table.feed(f.read())
    table.close()
    if table.errors or table.stack:
        fail(f"dashboard {name}: {table.errors[:5]} left open: {table.stack[:5]}")
    # the page draws its table from the JSON it carries: every indicator there
    if table.data is None:
        fail(f"dashboard {name}: no <script id=zb-data>")
        return
    try:
        rows = len(json.loads(table.data)["indicators"])
    except (ValueError, KeyError) as e:
        fail(f"dashboard {name}: its data is not JSON with indicators: {e}")
        return
    if rows != int(said.group(1)):
        fail(f"dashboard {name}: {rows} indicators in its data, it said {said.group(1)}")


def main():
    zhibiao = sys.argv[1]
    sizes = [int(s) for s in os.environ.get("ZB_OUTPUT_SIZES_MB", "1 16 128").split()]
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            size_run(zhibiao, tmp, mb, small=mb <= 16)
            os.remove(os.path.join(tmp, f"report-{mb}mb.txt"))
    print(f"total {time.monotonic() - start:.1f} s")
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("every line of every output parsed")


if __name__ == "__main__":
    main()
