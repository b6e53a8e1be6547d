#!/usr/bin/env python3
"""Reports as users have them: web pages and PDF files, end to end.

    input_test.py ZHIBIAO SOURCE_DIR html|pdf

html: each test report is wrapped in a portal page (tests/make_html.py: menus,
breadcrumbs, share buttons, scripts, a footer with the ICP number, figures in
all of them), in UTF-8, in GBK that says gb2312, and flat (no article
element: only class and id words tell the furniture); `zhibiao parse` must give
the same indicators as the text (value, unit, metric, kind, year, sector,
section … and the surface), none from the page's furniture, and no page.
pdf: each report is typeset (tests/make_pdf.py: justified and indented, and
ragged; running headers, page numbers, paragraphs broken across pages); the
same indicators again, each with the page its figure stands on.
Both: ingest stores the file's own sha256 (the second ingest is a no-op), the
format, the text as body (every span points at its surface), the page
count; a directory takes .html and .pdf files; damaged, empty and
mislabelled files get a clear message and exit 1, never a crash.
Exits 77 (skipped) when the PDF tools are missing, or when zhibiao was built
without HTML or PDF support (after checking that it says so, exit 1).
"""
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

DOCS = ["guangdong-2021-plain", "jilin-2022-part2", "sichuan-2022-web"]
# for PDFs also texts that came out of PDFs and newspapers: their own broken
# lines and mastheads typeset again
PDF_DOCS = DOCS[:2] + ["shandong-2023-pdf", "jilin-2023-pdf"]
SAME = ["value", "unit", "base_value", "base_unit", "cmp", "value_high", "year", "kind",
        "measure", "metric", "metric_id", "sector", "section", "period", "year_from",
        "entity", "commitment", "estimate", "qualitative"]
FURNITURE = ["访问量", "ICP", "分享", "首页", "浏览次数", "12345678", "99%", "打印本页"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(*args, ok=(0,)):
    p = subprocess.run(args, capture_output=True)
    if p.returncode < 0 or p.returncode >= 128 or p.returncode not in ok:
        fail(f"{' '.join(map(str, args))}: exit {p.returncode}: "
             f"{p.stderr.decode('utf-8', 'replace').strip()}")
    return p


def rows_of(zhibiao, path, *extra):
    p = run(zhibiao, "parse", path, "--format", "jsonl", *extra)
    return [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]


def squeeze(s):
    return "".join((s or "").split())


def compare(what, want, got):
    """Same indicators in the same order; spans differ (they are the text's)."""
    if len(want) != len(got):
        fail(f"{what}: {len(got)} indicators, the text has {len(want)}")
    bad = 0
    for i, (w, g) in enumerate(zip(want, got)):
        diff = [f for f in SAME if w[f] != g[f]]
        if squeeze(w["surface"]) != squeeze(g["surface"]):
            diff.append("surface")
        if squeeze(w["sentence"]) != squeeze(g["sentence"]):
            diff.append("sentence")
        if diff and bad < 5:
            fail(f"{what}: indicator {i} ({w['surface']}) differs in "
                 + ", ".join(f"{f}: {w.get(f)!r} vs {g.get(f)!r}" for f in diff))
        bad += bool(diff)
    for g in got:
        for word in FURNITURE:
            if word in g["sentence"]:
                fail(f"{what}: an indicator from the page's furniture: {g['sentence']}")
                break
    return bad


def check_store(zhibiao, tmp, path, fmt, pages=None):
    db = os.path.join(tmp, f"{fmt}.db")
    first = run(zhibiao, "ingest", "--db", db, path).stdout.decode()
    again = run(zhibiao, "ingest", "--db", db, path).stdout.decode()
    if "already stored" not in again:
        fail(f"ingest {path} twice: the second is not a no-op: {again.strip()} (first: {first})")
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    con = sqlite3.connect(db)
    docs = con.execute("SELECT id, sha256, format, pages, body FROM documents").fetchall()
    if len(docs) != 1:
        fail(f"{path}: {len(docs)} documents stored")
        return
    doc_id, stored_sha, stored_fmt, npages, body = docs[0]
    if stored_sha != sha:
        fail(f"{path}: sha256 {stored_sha} is not the file's {sha}")
    if stored_fmt != fmt or npages != pages:
        fail(f"{path}: stored as format {stored_fmt} with {npages} pages, not {fmt}, {pages}")
    bad = 0
    for s, e, surface, page in con.execute(
            "SELECT span_start, span_end, surface, page FROM indicators"):
        if body[s:e].decode("utf-8") != surface:
            bad += 1
        if (page is None) != (pages is None):
            fail(f"{path}: stored page {page} for a document of {pages} pages")
            break
    if bad:
        fail(f"{path}: {bad} stored spans do not point at their surface in body")
    con.close()


def bad_input(zhibiao, path, want, *extra):
    """A file that cannot be read: exit 1 and a message that says why."""
    p = run(zhibiao, "parse", path, *extra, ok=(1,))
    msg = p.stderr.decode("utf-8", "replace")
    if want not in msg:
        fail(f"parse {os.path.basename(path)}: message {msg.strip()!r} does not say {want!r}")


def test_html(zhibiao, src, tmp):
    data = os.path.join(src, "tests", "data")
    counts = []
    probe = os.path.join(tmp, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write("<html><body><p>地区生产总值增长6%。</p></body></html>")
    p = subprocess.run([zhibiao, "parse", probe], capture_output=True)
    msg = p.stderr.decode("utf-8", "replace")
    if "built without HTML support" in msg:
        if p.returncode != 1 or ("this zhibiao was built without HTML support (libxml2); "
                                 "rebuild with libxml2-dev installed") not in msg:
            fail(f"a build without HTML: exit {p.returncode}, {msg.strip()!r}")
            return counts
        print("input_test: skipped: zhibiao was built without HTML support")
        sys.exit(77)
    for doc in DOCS:
        txt = os.path.join(data, doc + ".txt")
        want = rows_of(zhibiao, txt)
        for charset in ("utf-8", "gbk", "flat"):
            page = os.path.join(tmp, f"{doc}-{charset}.html")
            run(sys.executable, os.path.join(src, "tests", "make_html.py"), txt, page,
                *(["--flat"] if charset == "flat" else ["--charset", charset]))
            got = rows_of(zhibiao, page)
            compare(f"{doc} as HTML ({charset})", want, got)
            if any(r["page"] is not None for r in got):
                fail(f"{doc} as HTML: an indicator with a page")
            counts.append(f"{doc} {charset}: text {len(want)}, HTML {len(got)}")
        # by option, also when the name does not say
        named = os.path.join(tmp, doc + ".page")
        shutil.copy(page, named)
        compare(f"{doc} with --input html", want, rows_of(zhibiao, named, "--input", "html"))
    check_store(zhibiao, tmp, os.path.join(tmp, f"{DOCS[0]}-gbk.html"), "html")

    # bad pages
    empty = os.path.join(tmp, "empty.html")
    open(empty, "wb").close()
    bad_input(zhibiao, empty, "empty")
    furniture = os.path.join(tmp, "menus.html")
    with open(furniture, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><script>var a='增长5%';</script></head><body>"
                "<nav><a href='/'>首页</a><a>政务公开</a></nav><ul class='menu'><li>"
                "<a>数据发布</a></li></ul><form><input></form><footer>访问量123万人次</footer>"
                "</body></html>")
    bad_input(zhibiao, furniture, "no text")
    with open(os.path.join(tmp, f"{DOCS[1]}-utf-8.html"), "rb") as f:
        whole = f.read()
    cut = os.path.join(tmp, "truncated.html")
    with open(cut, "wb") as f:
        f.write(whole[:len(whole) * 11 // 20])
    run(zhibiao, "parse", cut, "--format", "jsonl")  # lenient: what is there, no crash
    rnd = random.Random(13)
    for i in range(20):
        junk = os.path.join(tmp, f"junk{i}.html")
        with open(junk, "wb") as f:
            f.write(b"<html><body><p>" + bytes(rnd.randrange(256) for _ in range(4000)))
        run(zhibiao, "parse", junk, "--format", "jsonl", ok=(0, 1))
    # a directory: its .txt, .html, .htm and .pdf files
    d = os.path.join(tmp, "dir")
    os.mkdir(d)
    shutil.copy(os.path.join(data, DOCS[1] + ".txt"), d)
    shutil.copy(os.path.join(tmp, f"{DOCS[0]}-utf-8.html"), os.path.join(d, "a.html"))
    shutil.copy(os.path.join(tmp, f"{DOCS[2]}-gbk.html"), os.path.join(d, "b.htm"))
    out = run(zhibiao, "ingest", "--db", os.path.join(tmp, "dir.db"), d).stdout.decode()
    if "3 files: 3 new" not in out:
        fail(f"ingest of a directory with a .txt, a .html and a .htm: {out.strip()}")
    return counts


def page_of(rows, offset):
    """The page of byte offset in the text, from make_pdf.py's line map."""
    page = 1
    for start, p in rows:
        if start > offset:
            break
        page = p
    return page


def pdf_python(src):
    """An interpreter with Pango and cairo (python3-gi-cairo), or None."""
    for py in (sys.executable, "/usr/bin/python3"):
        if py and os.path.exists(py) and subprocess.run(
                [py, "-c", "import gi, cairo"], capture_output=True).returncode == 0:
            return py
    return None


def test_pdf(zhibiao, src, tmp):
    data = os.path.join(src, "tests", "data")
    py = pdf_python(src)
    if not py:
        print("input_test: skipped: no Python with gi and cairo (apt-get install "
              "python3-gi-cairo gir1.2-pango-1.0 fonts-wqy-microhei)")
        sys.exit(77)
    counts = []
    for doc in PDF_DOCS:
        txt = os.path.join(data, doc + ".txt")
        want = rows_of(zhibiao, txt)
        for style in ("", "--ragged"):
            pdf = os.path.join(tmp, f"{doc}{style}.pdf")
            lines = pdf + ".lines"
            p = subprocess.run([py, os.path.join(src, "tests", "make_pdf.py"), txt, pdf, lines]
                               + ([style] if style else []), capture_output=True)
            if p.returncode == 77:
                print("input_test: skipped: " + p.stderr.decode().strip())
                sys.exit(77)
            if p.returncode:
                fail(f"make_pdf.py {doc}: {p.stderr.decode().strip()}")
                continue
            probe = subprocess.run([zhibiao, "parse", pdf], capture_output=True)
            msg = probe.stderr.decode("utf-8", "replace")
            if "built without PDF support" in msg:
                want_msg = ("this zhibiao was built without PDF support (poppler-glib); "
                            "rebuild with libpoppler-glib-dev installed")
                if want_msg not in msg or probe.returncode != 1:
                    fail(f"a build without PDF: exit {probe.returncode}, {msg.strip()!r}")
                    return counts
                print("input_test: skipped: zhibiao was built without PDF support")
                sys.exit(77)
            got = rows_of(zhibiao, pdf)
            compare(f"{doc} as PDF{style}", want, got)
            with open(lines, encoding="utf-8") as f:
                line_map = [tuple(map(int, l.split("\t"))) for l in f]
            wrong = [(w["surface"], g["page"], page_of(line_map, w["span_start"]))
                     for w, g in zip(want, got)
                     if g["page"] != page_of(line_map, w["span_start"])]
            if wrong:
                fail(f"{doc} as PDF{style}: {len(wrong)} indicators on the wrong page "
                     f"(surface, page, right page): {wrong[:5]}")
            npages = line_map[-1][1]
            counts.append(f"{doc} PDF{style or ' justified'} ({npages} pages): text "
                          f"{len(want)}, PDF {len(got)}, {len(got) - len(wrong)} on the "
                          "right page")
    check_store(zhibiao, tmp, os.path.join(tmp, f"{DOCS[0]}.pdf"), "pdf",
                pages=pages_of(tmp, DOCS[0]))

    # bad PDFs
    with open(os.path.join(tmp, f"{DOCS[1]}.pdf"), "rb") as f:
        whole = f.read()
    empty = os.path.join(tmp, "empty.pdf")
    open(empty, "wb").close()
    bad_input(zhibiao, empty, "empty")
    cut = os.path.join(tmp, "truncated.pdf")
    with open(cut, "wb") as f:
        f.write(whole[:len(whole) // 2])
    run(zhibiao, "parse", cut, "--format", "jsonl", ok=(0, 1))  # poppler may mend it
    rnd = random.Random(13)
    junk = os.path.join(tmp, "junk.pdf")
    with open(junk, "wb") as f:
        f.write(b"%PDF-1.4\n" + bytes(rnd.randrange(256) for _ in range(20000)))
    bad_input(zhibiao, junk, "damaged")
    bad_input(zhibiao, os.path.join(data, DOCS[0] + ".txt"), "not a PDF", "--input", "pdf")
    named = os.path.join(tmp, "report.pdf")
    with open(named, "w", encoding="utf-8") as f:
        f.write("地区生产总值增长6%。\n")
    bad_input(zhibiao, named, "not a PDF")
    d = os.path.join(tmp, "pdfdir")
    os.mkdir(d)
    shutil.copy(os.path.join(tmp, f"{DOCS[0]}.pdf"), d)
    shutil.copy(os.path.join(tmp, f"{DOCS[1]}--ragged.pdf"), d)
    out = run(zhibiao, "ingest", "--db", os.path.join(tmp, "pdfdir.db"), d).stdout.decode()
    if "2 files: 2 new" not in out:
        fail(f"ingest of a directory with two PDFs: {out.strip()}")
    return counts


def pages_of(tmp, doc):
    with open(os.path.join(tmp, doc + ".pdf.lines"), encoding="utf-8") as f:
        return int(f.read().splitlines()[-1].split("\t")[1])


def main():
    zhibiao, src, mode = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        counts = test_html(zhibiao, src, tmp) if mode == "html" else test_pdf(zhibiao, src, tmp)
    for c in counts:
        print(f"input_test: {c}")
    if failures:
        sys.exit(f"input_test {mode}: {len(failures)} failures")
    print(f"input_test {mode}: all checks passed")


if __name__ == "__main__":
    main()
