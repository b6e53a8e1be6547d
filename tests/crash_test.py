#!/usr/bin/env python3
"""Crash safety and isolation of the store, through the command line.

1. kill: ingest many documents and SIGKILL the process at random moments
   (ROUNDS times); after each kill the database must pass
   PRAGMA integrity_check and every document must be absent or complete:
   its indicator count equals what `zhibiao parse` gives for its bytes.
2. readers: while one process ingests, another reads v_indicators in a loop
   and must never see a document with part of its indicators.

usage: crash_test.py ZHIBIAO DATA_DIR [KILLS]
"""
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def main():
    zhibiao, data = sys.argv[1], sys.argv[2]
    want_kills = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    tmp = tempfile.mkdtemp(prefix="zb_crash_")
    # distinct documents: every test report, each in four variants
    base = sorted(f for f in os.listdir(data) if f.endswith(".txt"))
    files, expected = [], {}
    for v in range(4):
        for name in base:
            body = open(os.path.join(data, name), "rb").read()
            body += f"\n\n第{v}稿。\n".encode()
            path = os.path.join(tmp, f"v{v}-{name}")
            open(path, "wb").write(body)
            files.append(path)
    for path in files:
        out = subprocess.run([zhibiao, "parse", path, "--format", "jsonl"],
                             capture_output=True, check=True).stdout
        expected[hashlib.sha256(open(path, "rb").read()).hexdigest()] = out.count(b"\n")

    def check(db, when):
        con = sqlite3.connect(db)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        assert ok == "ok", f"{when}: integrity_check says {ok}"
        if not con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()[0]:
            con.close()  # killed before the schema was committed: an empty file is whole
            return 0
        for sha, n in con.execute(
                "SELECT d.sha256, count(i.id) FROM documents d "
                "LEFT JOIN indicators i ON i.document_id = d.id GROUP BY d.id"):
            assert n == expected[sha], f"{when}: document {sha[:12]} has {n} of {expected[sha]} rows"
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        return docs

    random.seed(20261125)
    db = os.path.join(tmp, "kill.db")
    kills = rounds = 0
    while kills < want_kills:
        r = rounds
        rounds += 1
        assert rounds < 20 * want_kills, f"only {kills} kills landed in {rounds} rounds"
        order = files[:]
        random.shuffle(order)
        p = subprocess.Popen([zhibiao, "ingest", "--quiet", "--db", db] + order,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.0, 0.25))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
        docs = check(db, f"round {r}")
        if docs == len(files):  # everything stored: start again, keep killing
            os.remove(db)
            for side in ("-wal", "-shm"):
                if os.path.exists(db + side):
                    os.remove(db + side)
    print(f"kill: {kills} kills in {rounds} rounds, database whole after each")

    # readers never see a partial document
    db = os.path.join(tmp, "read.db")
    subprocess.run([zhibiao, "ingest", "--quiet", "--db", db, files[0]], check=True)
    writer = subprocess.Popen([zhibiao, "ingest", "--quiet", "--db", db] + files[1:],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = 0
    con = sqlite3.connect(db, timeout=10)
    while writer.poll() is None or reads < 20:
        rows = con.execute("SELECT d.sha256, count(v.id) FROM documents d "
                           "LEFT JOIN v_indicators v ON v.document_id = d.id "
                           "GROUP BY d.id").fetchall()
        for sha, n in rows:
            assert n == expected[sha], f"reader saw {n} of {expected[sha]} rows"
        reads += 1
    con.close()
    assert writer.wait() == 0, "the writer failed"
    print(f"readers: {reads} reads during the ingest, never a partial document")


if __name__ == "__main__":
    main()
