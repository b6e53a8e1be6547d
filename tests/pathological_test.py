#!/usr/bin/env python3
"""Pathological inputs, after cmark's test/pathological_tests.py: each input is
built to make a naive scanner quadratic (a line it cuts one byte at a time, a
clause it rereads per figure, a list it walks per item). Each must finish in a
time far above the normal (well under a second in a release build) and far
below quadratic (hours for most of these), exit 0, and print only valid JSON
lines with the rows it should.

usage: pathological_test.py ZHIBIAO [CASE...]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

MIB = 1 << 20
# generous: an ASan build is ~10x slower than release; quadratic is far beyond
LIMIT_S = float(os.environ.get("ZB_PATHOLOGICAL_LIMIT", "90"))


def fill(unit, size):
    """unit repeated to about size bytes"""
    return unit * (size // len(unit.encode()))


# name: (text, expected rows or None for "any", whether stderr must say a number was skipped)
CASES = {
    # a line of digits longer than the line limit: cut by a bounded walk
    "digits-2MiB": (lambda: "9" * (2 * MIB), 0),
    "digits-1MiB+64KiB": (lambda: "9" * (MIB + 64 * 1024), 0),
    # one character, no punctuation at all
    "one-char-2MiB": (lambda: fill("中", 2 * MIB), 0),
    # figures with no punctuation between them
    "no-punctuation-2MiB": (lambda: fill("地区生产总值增长6%", 2 * MIB), None),
    # a million list marks in one clause, one figure after them
    "dun-1e6": (lambda: "增长" + "、" * 1000000 + "5%。", 1),
    # a goal without a number, then a million list marks: each looks for the
    # next goal in a bounded window, not to the clause's end
    "goal-dun-1e6": (lambda: "居民收入增速高于全国平均水平" + "、" * 1000000 + "。", 1),
    # 10^5 counts in one clause after a first clause with an owner: the owner
    # rules read the head of the clause, not all of it, for each figure
    "owner-clause-1e5": (lambda: "全省地区生产总值增长6%，" + "创新合作基地促成五个合作项目" * 100000
                         + "。", 100001),
    # 10^5 figures of an owner in one clause: the lists and names an owner is
    # checked against are looked for near each figure
    "owners-1e5": (lambda: "全省地区生产总值增长6%，" + "长春新区地区生产总值增长8%" * 100000 + "。",
                   100001),
    # a Markdown table row of 10^5 cells, and 10^5 emoji and emphasis marks in
    # one line: each mark is dropped once, the row's cells joined in one pass
    "table-row-1e5": (lambda: "|" + "增长5%|" * 100000 + "\n", 100000),
    "marks-1e5": (lambda: "📈**增长:5%" * 100000 + "\n", 100000),
    # 2*10^5 label:figure lines of a digest's list, each a paragraph
    "label-lines-2e5": (lambda: "- **生产总值增长**:5.5%左右\n" * 200000, 200000),
    # 10^5 counts of things like one named (…等5个项目), in one clause
    "enumerated-1e5": (lambda: "建设长春轨道交通2号线等5个项目 " * 100000 + "。", 100000),
    # a list of 10^5 figures in one clause: each reads on from the last
    "list-1e5": (lambda: "力争增长" + "、5%" * 100000 + "。", 100000),
    # a million 分别 before a two-item list
    "fenbie-1e6": (lambda: "城乡居民收入" + "分别" * 1000000 + "增长5%和6%。", 2),
    # 10^5 headings, each with a figure under it
    "headings-1e5": (lambda: "".join("%d.第%d项工作\n地区生产总值增长6%%。\n" % (i, i)
                                     for i in range(1, 100001)), 100000),
    # a 1 MiB line of figures in clauses, no sentence end
    "figures-line-1MiB": (lambda: fill("地区生产总值增长6%，", MIB), None),
    # a million opening brackets, the figure, a million closing ones
    "brackets-1e6": (lambda: "(" * 1000000 + "增长5%" + ")" * 1000000, None),
    # 10^5 lines of two columns side by side (pdftotext -layout), no page break:
    # one block, each line read once and split once
    "two-columns-1e5": (lambda: "地区生产总值增长6%。      城镇新增就业增长5%。\n" * 100000, 200000),
    # an open bracket, then 3*10^5 years and figures in one clause: a year's
    # bracket is looked for near it only
    "bracket-years-3e5": (lambda: "(" + "2020年增长5%" * 300000 + "。", 300000),
    # a million quotes
    "quotes-1e6": (lambda: "“" * 1000000 + "增长5%。", None),
}


def run(zhibiao, name, make, want, tmp):
    path = os.path.join(tmp, name + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(make())
    t0 = time.monotonic()
    try:
        p = subprocess.run([zhibiao, "parse", path, "--format", "jsonl", "--report-year", "2022"],
                           capture_output=True, timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        return "took over %.0f s" % LIMIT_S
    took = time.monotonic() - t0
    os.unlink(path)
    if p.returncode != 0:
        return "exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:300])
    rows = 0
    for n, line in enumerate(p.stdout.decode("utf-8").splitlines(), 1):
        try:
            json.loads(line)
        except ValueError as e:
            return "line %d is not JSON (%s): %s" % (n, e, line[:200])
        rows += 1
    if want is not None and rows != want:
        return "%d rows, want %d" % (rows, want)
    print("ok   %-22s %6.2f s  %d rows" % (name, took, rows))
    return None


def main():
    zhibiao = sys.argv[1]
    names = sys.argv[2:] or list(CASES)
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            make, want = CASES[name]
            err = run(zhibiao, name, make, want, tmp)
            if err:
                print("FAIL %s: %s" % (name, err))
                fails += 1
    print("%d of %d pathological inputs failed" % (fails, len(names)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
