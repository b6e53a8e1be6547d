#!/usr/bin/env python3
"""The main targets (主要预期目标) of the seven 2026 provincial reports of
../shared/corpus/prov-2026, scored by the shared scorer
(../shared/eval/score_main.py) against ../shared/gold/prov-2026-main-targets.tsv:
numeric targets found with their value, range, comparator, kind, year and
catalog id; qualitative targets (INDICATORS.md §2b) found as rows without a
value over their words. A ratchet like tests/data/thresholds.tsv: each floor
is what was measured; raise it when extraction improves, never lower it.
Skipped (exit 77) where the shared corpus is absent.

    main_targets_test.py ZHIBIAO SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

# measured 2026-12-02: 47/47 numeric, 24/24 qualitative (20/24 before the
# than / than_end rule of schema/lexicon.tsv)
FLOORS = {"num_found": 47, "qual_found": 24}


def main():
    zhibiao, src = sys.argv[1], sys.argv[2]
    shared = os.path.join(os.path.dirname(os.path.abspath(src)), "shared")
    scorer = os.path.join(shared, "eval", "score_main.py")
    gold = os.path.join(shared, "gold", "prov-2026-main-targets.tsv")
    if not (os.path.exists(scorer) and os.path.exists(gold)):
        print("skipped: no ../shared/eval/score_main.py or its gold")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "scores.json")
        p = subprocess.run([sys.executable, scorer, "--run", "--zhibiao", zhibiao,
                            "--preds", tmp, "--json", out], capture_output=True, text=True)
        if p.returncode != 0 or not os.path.exists(out):
            print(p.stdout, p.stderr)
            return 1
        with open(out, encoding="utf-8") as f:
            scores = json.load(f)
    totals = {k: sum(v[k] for v in scores["per_province"].values())
              for k in ("num", "num_found", "qual", "qual_found")}
    print("numeric %(num_found)d/%(num)d, qualitative %(qual_found)d/%(qual)d" % totals)
    failed = 0
    for key, floor in FLOORS.items():
        if totals[key] < floor:
            print(f"FAIL {key}: {totals[key]} < {floor}")
            failed = 1
    for r in scores["rows"]:
        if not r["found"]:
            print("not found:", r["code"], r["anchor"], r.get("cause", ""))
    return failed


if __name__ == "__main__":
    sys.exit(main())
