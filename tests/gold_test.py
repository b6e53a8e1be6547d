#!/usr/bin/env python3
"""Gold-scored extraction test: run `zhibiao parse` on one test document, score
it with score.py (a copy of ../shared/eval/score.py) and hold every figure to
data/thresholds.tsv. The expected values come from the hand-labelled gold
files only, never from the code under test.

DOC is a document of tests/data (DOC.txt, DOC.tsv), or shared/PATH for a text
and gold of the project's shared folder (../shared/corpus/PATH.txt and
../shared/gold/PATH.tsv beside the repository); those are skipped (exit 77)
where the shared folder is absent.

usage: gold_test.py ZHIBIAO DOC
"""
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "data")
sys.path.insert(0, here)
import score  # noqa: E402  (the scorer's own gold loading and matching)


def catalog_ids():
    """The catalog's aliases (schema/metrics.tsv, the data, not the code) as
    (regex, id), longest first; '*' stands for up to four characters."""
    import re
    path = os.path.join(here, "..", "schema", "metrics.tsv")
    out = []
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    head = rows[0]
    # `=name` (the catalog's header): the whole metric, or it with a generic
    # head of schema/lexicon.tsv, or a part after 中; in the gold's longer
    # names, a rank's scope may follow (出口规模全国排名)
    with open(os.path.join(here, "..", "schema", "lexicon.tsv"), encoding="utf-8") as f:
        heads = [l.split("\t")[0] for l in f
                 if not l.startswith("#") and len(l.split("\t")) > 1 and l.split("\t")[1] == "head"]
    head_re = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    for r in rows[1:]:
        row = dict(zip(head, r))
        for alias in row["aliases"].split("|"):
            if alias.startswith("="):
                pattern = "(?:^|中)%s(?:%s)?(?:$|全[国省市区县])" % (re.escape(alias[1:]), head_re)
            else:
                pattern = ".{0,4}".join(re.escape(p) for p in alias.split("*"))
            out.append((len(alias), re.compile(pattern), row["metric_id"]))
    out.sort(key=lambda x: -x[0])
    return out


def own_id(metric, catalog):
    """The id whose longest alias the gold's own metric holds, or None."""
    for _, pattern, mid in catalog:
        if pattern.search(metric):
            return mid
    return None


def borrowed_ids(text_path, gold_path, jsonl):
    """Matched rows with a catalog id where the gold has none: a figure that
    borrowed the id of the total it belongs to (人均…, …其中…, …强度). An id the
    gold's own metric names by the catalog's longest alias is its own, not
    borrowed (gold written before the catalog had it)."""
    with open(text_path, encoding="utf-8") as f:
        gold = score.load_gold(gold_path, f.read())
    preds = [json.loads(l) for l in jsonl.decode().splitlines() if l.strip()]
    for p in preds:
        p["span"] = (int(p["span_start"]), int(p["span_end"]))
    pairs, _ = score.match(gold, preds)
    catalog = catalog_ids()
    return [(g, p) for g, p in pairs if p and not g["metric_id"] and p.get("metric_id")
            and own_id(score.fold(g["metric"]), catalog) != p["metric_id"]]


def thresholds(doc):
    with open(os.path.join(data, "thresholds.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    header = rows[0]
    for r in rows[1:]:
        if r[0] == doc:
            return dict(zip(header, r))
    sys.exit(f"gold_test: no thresholds for {doc}")


SKIP = 77


def paths(doc):
    if doc.startswith("shared/"):
        shared = os.path.join(here, "..", "..", "shared")
        rel = doc[len("shared/"):]
        text = os.path.join(shared, "corpus", rel + ".txt")
        gold = os.path.join(shared, "gold", rel + ".tsv")
        if not (os.path.exists(text) and os.path.exists(gold)):
            print(f"gold_test: {doc}: the shared folder is absent; skipped")
            sys.exit(SKIP)
        return text, gold
    return os.path.join(data, doc + ".txt"), os.path.join(data, doc + ".tsv")


def main():
    zhibiao, doc = sys.argv[1], sys.argv[2]
    text, gold = paths(doc)
    parse = subprocess.run([zhibiao, "parse", text, "--format", "jsonl"],
                           capture_output=True)
    if parse.returncode != 0:
        sys.exit(f"gold_test: zhibiao parse failed: {parse.stderr.decode()}")
    score = subprocess.run([sys.executable, os.path.join(here, "score.py"), "--text", text,
                            "--gold", gold, "--pred", "-", "--json", "--errors"],
                           input=parse.stdout, capture_output=True)
    if score.returncode not in (0, 1):
        sys.exit(f"gold_test: score.py failed: {score.stderr.decode()}")
    lines = score.stdout.decode().splitlines()
    figures = json.loads(lines[0])
    want = thresholds(doc)
    failures = []
    if figures["f1"] < float(want["f1"]):
        failures.append(f"f1 {figures['f1']} < {want['f1']}")
    for name, value in figures["fields"].items():
        if name not in want:
            failures.append(f"thresholds.tsv has no column for {name}")
        elif value < float(want[name]):
            failures.append(f"{name} {value} < {want[name]}")
    borrowed = borrowed_ids(text, gold, parse.stdout)
    if len(borrowed) > int(want["borrowed_ids"]):
        failures.append(f"borrowed_ids {len(borrowed)} > {want['borrowed_ids']}: " +
                        ", ".join(f"{g['id']} {p['metric_id']}" for g, p in borrowed))
    found = int(figures["comparisons"].split("/")[0])
    if found < int(want["comparisons"]):
        failures.append(f"comparisons {figures['comparisons']} < {want['comparisons']}")
    print(f"{doc}: f1 {figures['f1']} " +
          " ".join(f"{k} {v}" for k, v in figures["fields"].items()) +
          f" comparisons {figures['comparisons']} borrowed_ids {len(borrowed)}")
    if failures:
        print("\n".join(l for l in lines[1:] if l.startswith(("MISS", "FALSE", "FIELD"))))
        sys.exit("below the ratchet: " + "; ".join(failures))


if __name__ == "__main__":
    main()
