#!/usr/bin/env python3
"""Hostile databases and bad arguments (issue 14, items 2, 8, 10, 11):

- a damaged file (cut short by a page and a byte, bytes flipped inside pages) is
  refused by every writer before anything is written: exit 1, "damaged", the
  file's bytes unchanged; readers never crash on it;
- a schema zhibiao did not write (a catalog edited through writable_schema
  so that metrics.name may be NULL, a dropped index, a trigger of the user's
  own that deletes stored rows) is refused by writers before anything is
  written, and crashes no command; views edited by hand are refused by
  readers and made anew by a writer;
- a value no zhibiao writes in any enum column, or in estimate, is an error
  on read (export, dashboard, compare), never remapped to a default;
- empty and blank reports (spaces, U+3000, a byte order mark) are refused by
  ingest and nothing is stored;
- zhibiao_extract(text, report_year) refuses a report_year that is not a
  year ('abc', X'00', 2022.5, 2^32 + 2022, INT64_MIN) instead of finding one
  in the text, and takes NULL, integers and integer text.

usage: db_hostile_test.py ZHIBIAO EXTENSION DATA_DIR
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

failures = []
tried = 0


def fail(msg):
    failures.append(msg)


def run(*args, stdin=None):
    global tried
    tried += 1
    p = subprocess.run([str(a) for a in args], capture_output=True, timeout=120, input=stdin)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def crashed(rc):
    return rc < 0 or rc >= 128


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def shell(db, sql):
    """The stock sqlite3 shell: the one that lets writable_schema edit a file."""
    subprocess.run(["sqlite3", db, sql], check=True, capture_output=True)


def damaged(zhibiao, data, tmp, base):
    one = os.path.join(data, "henan-2023-fullwidth.txt")
    cut = os.path.join(tmp, "cut.db")
    shutil.copy(base, cut)
    # a copy cut short: the last page and a byte of the one before. (One byte
    # alone is not always damage SQLite can see: it reads a short page as
    # zeros, and when the byte lost was payload, the file is merely different.)
    os.truncate(cut, os.path.getsize(cut) - 4097)
    flipped = os.path.join(tmp, "flipped.db")
    shutil.copy(base, flipped)
    with open(flipped, "r+b") as f:
        size = os.path.getsize(flipped)
        for off in range(3 * 4096 + 100, size, 5 * 4096):
            f.seek(off)
            b = f.read(1)
            f.seek(off)
            f.write(bytes([b[0] ^ 0x55]))
    for db in (cut, flipped):
        name = os.path.basename(db)
        before = digest(db)
        for args in (["ingest", "--db", db, one], ["ingest", "--db", db, "--replace", one]):
            rc, _, err = run(zhibiao, *args)
            if rc != 1 or "damaged" not in err:
                fail(f"{name}: {' '.join(args[:1] + args[3:4])}: exit {rc}, want 1 and "
                     f"'damaged': {err.strip()}")
        if digest(db) != before:
            fail(f"{name}: a refused ingest changed the file")
        for cmd in (["stats"], ["export"], ["compare"]):
            rc, _, err = run(zhibiao, *cmd, "--db", db)
            if crashed(rc):
                fail(f"{name}: {cmd[0]} crashed ({rc})")


def edited_schema(zhibiao, data, tmp, base):
    """A catalog edited through writable_schema (NULL names), a trigger of the
    user's own that deletes what is stored: refused before anything is written,
    never a crash. Views edited by hand: made anew by a writer."""
    one = os.path.join(data, "henan-2023-fullwidth.txt")
    cases = {
        "null-name": ["PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
                      "replace(sql, 'name    TEXT NOT NULL', 'name    TEXT') WHERE name = "
                      "'metrics'", "UPDATE metrics SET name = NULL"],
        "trigger": ["CREATE TRIGGER eat AFTER INSERT ON indicators BEGIN "
                    "DELETE FROM indicators WHERE id = new.id; END"],
        "dropped-index": ["DROP INDEX " + sqlite3.connect(base).execute(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
            "LIMIT 1").fetchone()[0]],
    }
    for name, edits in cases.items():
        db = os.path.join(tmp, f"{name}.db")
        shutil.copy(base, db)
        for sql in edits:
            shell(db, sql)
        before = digest(db)
        rc, _, err = run(zhibiao, "ingest", "--db", db, one)
        if rc != 1 or not ("not as zhibiao made it" in err or "did not make" in err
                           or "is missing" in err):
            fail(f"{name}: ingest exit {rc}, want 1 and the object named: {err.strip()[:300]}")
        if digest(db) != before:
            fail(f"{name}: a refused ingest changed the file")
        out = os.path.join(tmp, f"{name}.html")
        for cmd in (["stats", "--db", db], ["export", "--db", db], ["compare", "--db", db],
                    ["dashboard", "--db", db, "-o", out]):
            rc, _, err = run(zhibiao, *cmd)
            if crashed(rc) or rc not in (0, 1):
                fail(f"{name}: {cmd[0]} exit {rc}: {err.strip()[:300]}")
    db = os.path.join(tmp, "views.db")
    shutil.copy(base, db)
    shell(db, "DROP VIEW v_target_vs_actual; CREATE VIEW v_target_vs_actual AS SELECT 1 AS x")
    rc, _, err = run(zhibiao, "compare", "--db", db)
    if rc != 1 or "views are not the ones zhibiao makes" not in err:
        fail(f"edited view: compare (a reader) exit {rc}: {err.strip()[:300]}")
    rc, _, err = run(zhibiao, "ingest", "--db", db, one)
    if rc != 0:
        fail(f"edited view: ingest (a writer) exit {rc}: {err.strip()[:300]}")
    rc, out, err = run(zhibiao, "compare", "--db", db, "--format", "csv")
    if rc != 0 or len(out.splitlines()) < 2:
        fail(f"edited view: compare after a writer exit {rc}: {err.strip()[:300]}")


# every enum column of indicators, a value zhibiao never writes
ENUMS = ["cmp", "kind", "measure", "sector", "period", "commitment", "estimate"]


def enums(zhibiao, tmp, base):
    con = sqlite3.connect(base)
    ids = con.execute("SELECT actual_indicator_id, target_indicator_id, region "
                      "FROM v_target_vs_actual LIMIT 1").fetchone()
    con.close()
    if not ids:
        fail("the base database has no comparison to spoil")
        return
    for col in ENUMS:
        db = os.path.join(tmp, f"enum-{col}.db")
        shutil.copy(base, db)
        con = sqlite3.connect(db)
        con.execute("PRAGMA ignore_check_constraints = ON")
        con.execute(f"UPDATE indicators SET {col} = 'zz' WHERE id IN (?, ?)", ids[:2])
        con.commit()
        con.close()
        cmds = [["export"], ["export", "--format", "csv"],
                ["dashboard", "-o", os.path.join(tmp, f"enum-{col}.html")]]
        if col in ("cmp", "measure", "commitment"):  # the columns compare reads
            cmds.append(["compare", "--region", ids[2]])
        for cmd in cmds:
            rc, _, err = run(zhibiao, *cmd, "--db", db)
            if rc != 1 or f"'zz', which zhibiao never writes" not in err:
                fail(f"{col}='zz': {' '.join(cmd[:1])}: exit {rc}, want 1 and the value "
                     f"named: {err.strip()[:300]}")


def blank(zhibiao, tmp):
    db = os.path.join(tmp, "blank.db")
    files = {"empty.txt": b"", "spaces.txt": b"  \t\r\n\n", "ideographic.txt": "\u3000\u3000\n".encode(),
             "bom.txt": b"\xef\xbb\xbf\n", "zero-width.txt": "\u200b\ufeff \n".encode()}
    paths = []
    for name, body in files.items():
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(body)
        paths.append(p)
        rc, out, err = run(zhibiao, "ingest", "--db", db, p)
        if rc != 1 or "no text: the report is empty or only white space" not in err:
            fail(f"ingest {name}: exit {rc}, want 1: {out.strip()} {err.strip()}")
    rc, out, err = run(zhibiao, "ingest", "--db", db, "-", stdin=b" \n")
    if rc != 1 or "no text" not in err:
        fail(f"ingest blank stdin: exit {rc}: {err.strip()}")
    if os.path.exists(db):
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        if n:
            fail(f"blank reports stored {n} documents")


def extract_year(extension):
    text = "2022年国内生产总值增长5%。今年预期目标增长6%左右。"
    good = {"NULL": None, "2023": 2022, "'2023'": 2022, "2023.0": 2022}
    bad = {"'abc'": "not a number", "X'00'": "not a number", "2022.5": "not a whole year",
           "4294969318": "out of range", "-9223372036854775808": "out of range",
           "1800": "out of range"}
    for arg, year in good.items():
        sql = (f"SELECT year FROM zhibiao_extract('{text}', {arg}) WHERE kind = 'achieved'")
        rc, out, err = run("sqlite3", "-json", ":memory:", f".load {extension}", sql)
        rows = json.loads(out) if rc == 0 and out.strip() else []
        if rc != 0 or not rows:
            fail(f"zhibiao_extract(text, {arg}): exit {rc}: {err.strip()}")
        elif year is not None and rows[0]["year"] != year:
            fail(f"zhibiao_extract(text, {arg}): year {rows[0]['year']}, want {year}")
    for arg, what in bad.items():
        sql = f"SELECT count(*) FROM zhibiao_extract('{text}', {arg})"
        rc, out, err = run("sqlite3", ":memory:", f".load {extension}", sql)
        if rc == 0 or what not in err:
            fail(f"zhibiao_extract(text, {arg}): exit {rc}, want an error '{what}': "
                 f"{out.strip()} {err.strip()}")


def main():
    zhibiao, extension, data = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "base.db")
        rc, _, err = run(zhibiao, "ingest", "--db", base,
                         os.path.join(data, "guangdong-2021-plain.txt"),
                         os.path.join(data, "jilin-2022-part2.txt"))
        if rc != 0:
            sys.exit(f"ingest of the base database failed: {err}")
        # fold the WAL in: every copy is then one whole file
        con = sqlite3.connect(base)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        damaged(zhibiao, data, tmp, base)
        edited_schema(zhibiao, data, tmp, base)
        enums(zhibiao, tmp, base)
        blank(zhibiao, tmp)
        extract_year(extension)
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(f"{len(failures)} failure(s) in {tried} runs")
    print(f"all {tried} runs on hostile databases and arguments handled")


if __name__ == "__main__":
    main()
