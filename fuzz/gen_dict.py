#!/usr/bin/env python3
"""The libFuzzer dictionary, made from the words the recognizers look for:
the word columns of schema/*.tsv (units, comparators, predicates, lexicon,
periods, entities, sectors, words after numbers, the catalog's names and
aliases, the provinces' names), each also in traditional characters
(schema/t2s.tsv read backwards) and in full-width forms where it holds ASCII,
since reports come that way and the library folds them. A few tokens of a
report's layout that no table holds (heading marks, line breaks, full-width
punctuation) come from the list below. fuzz/run makes the dictionary afresh on
every run, so it never falls behind schema/.

usage: fuzz/gen_dict.py SCHEMA_DIR > zhibiao.dict
"""
import csv
import os
import sys

# (file, column) of every table whose column holds words of a report
WORD_COLUMNS = [
    ("units.tsv", "word"), ("comparators.tsv", "word"), ("predicates.tsv", "word"),
    ("lexicon.tsv", "word"), ("periods.tsv", "word"), ("entities.tsv", "word"),
    ("sectors.tsv", "keyword"), ("after_numbers.tsv", "word"), ("page_words.tsv", "word"),
    ("metrics.tsv", "name"),
    ("metrics.tsv", "aliases"), ("unit_conversions.tsv", "from"),
]

# layout, not words: what the outline and the sentence splitter read
LAYOUT = ["\n", "\r\n", "\n\n", "\u3000\u3000", "一、", "二、", "（一）", "(一)", "1.", "（1）",
          "。", "；", "，", "、", "：", "％", "%", "—", "～", "~", "-", "“", "”", "《", "》",
          "\ufeff", "\f", "第", "年", "月", "日", "2023年", "2024年", "2025年"]


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    return csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def words(schema):
    out = []
    for name, col in WORD_COLUMNS:
        for row in rows(os.path.join(schema, name)):
            cell = (row.get(col) or "").strip()
            for w in cell.split("|"):
                w = w.strip().lstrip("=")
                if w and w != "-":
                    out.append(w)
    for row in rows(os.path.join(schema, "regions.tsv")):
        if row["level"] == "province":
            out.append(row["name"])
            out += [s for s in row["short"].split("|") if s and s != "-"]
    return out


def traditional(schema):
    """simplified → traditional where only one traditional character folds
    to it (面 stands for 麵 and 麪 and itself: left alone)."""
    sources = {}
    for row in rows(os.path.join(schema, "t2s.tsv")):
        t, s = row["traditional"], row["simplified"]
        if len(t) == 1 and len(s) == 1:
            sources.setdefault(s, set()).add(t)
    return {s: next(iter(ts)) for s, ts in sources.items() if len(ts) == 1}


def escape(word):
    """libFuzzer reads printable ASCII only: every other byte as \\xHH."""
    out = []
    for b in word.encode("utf-8"):
        c = chr(b)
        if 0x20 <= b < 0x7F and c not in '"\\':
            out.append(c)
        else:
            out.append(f"\\x{b:02X}")
    return '"' + "".join(out) + '"'


def main():
    schema = sys.argv[1]
    back = traditional(schema)
    found = words(schema)
    variants = []
    for w in found:
        variants.append(w)
        t = "".join(back.get(c, c) for c in w)
        if t != w:
            variants.append(t)
        if any("!" <= c <= "~" for c in w):
            variants.append("".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w))
    seen, entries = set(), []
    for w in variants + LAYOUT:
        if w not in seen and len(w.encode("utf-8")) <= 64:
            seen.add(w)
            entries.append(w)
    print("# libFuzzer dictionary made by fuzz/gen_dict.py from schema/*.tsv; do not edit")
    for w in entries:
        printable = w.replace("\n", "\\n").replace("\r", "\\r").replace("\f", "\\f")
        print(f"# {printable}")
        print(escape(w))


if __name__ == "__main__":
    main()
