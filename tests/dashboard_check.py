#!/usr/bin/env python3
"""The dashboard's checks, for tests/dashboard_test.sh: what Chromium rendered
(its --dump-dom, read with html.parser), the page's embedded JSON and its CSV,
each held to the database read with Python's sqlite3, never to zhibiao.

usage: dashboard_check.py hostile-text FILE   the text of a hostile report
       dashboard_check.py hostile-db DB       hostile strings into a database
       dashboard_check.py empty-db DB         every document out of a database
       dashboard_check.py urls DB             the pages to load: NAME PAGE QUERY
       dashboard_check.py id DB SURFACE       the id of the indicator of SURFACE
       dashboard_check.py one-region PAGE DB REGION   a page of REGION alone
       dashboard_check.py check DIR           check DIR/*.dom, DIR/report.html …
"""
import csv
import io
import json
import os
import re
import sqlite3
import sys
from html.parser import HTMLParser

HOSTILE = "<script>alert(1)</script>"
PWN = "document.documentElement.setAttribute('data-pwned','%s')"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
errors = []


def fail(msg):
    errors.append(msg)


# ---- a tree from html.parser, strict about closing what it opened ----------

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find(self, tag=None, **attrs):
        """Elements of tag (any when None) whose attributes hold these values;
        class_='x' matches one class among several."""
        out = []
        for n in self.walk():
            if tag and n.tag != tag:
                continue
            ok = True
            for k, v in attrs.items():
                if k == "class_":
                    ok = ok and v in n.attrs.get("class", "").split()
                else:
                    ok = ok and n.attrs.get(k.replace("_", "-")) == v
            if ok:
                out.append(n)
        return out


class Tree(HTMLParser):
    def __init__(self, html, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.root = self.at = Node("#document", {}, None)
        self.feed(html)
        self.close()
        if self.at is not self.root:
            fail(f"{name}: <{self.at.tag}> is never closed")

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, attrs, self.at))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.at.tag != tag:
            fail(f"{self.name}: </{tag}> closes <{self.at.tag}> (line {self.getpos()[0]})")
            n = self.at
            while n is not self.root and n.tag != tag:
                n = n.parent
            if n is self.root:
                return
            self.at = n
        self.at = self.at.parent

    def handle_data(self, data):
        self.at.children.append(data)


def load(path):
    with open(path, encoding="utf-8") as f:
        return Tree(f.read(), os.path.basename(path)).root


def connect(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


# ---- the hostile database ----------------------------------------------------

def hostile_text(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("2023年政府工作报告\n一、2022年工作回顾\n"
                "2022年，地区生产总值增长6%，</script><!--<script>" + PWN % "text" +
                "</script>\u2028\u2029工业增加值增长5%。\n")


def hostile_db(db):
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO metrics (id, name, sector, better, aliases, name_en, unit) "
        "SELECT ?, ?, sector, better, aliases, ?, unit FROM metrics WHERE id = 'gdp'",
        (HOSTILE, '<img src=x onerror="' + PWN % "name" + '">',
         "</script><script>" + PWN % "name_en" + "</script>"))
    con.execute("UPDATE indicators SET metric_id = ? WHERE metric_id = 'gdp'", (HOSTILE,))
    con.execute("UPDATE indicators SET unit = '<!--' || unit WHERE metric_id = 'cpi'")
    # bytes that are not UTF-8 (SQLite keeps what it is given): U+FFFD in the JSON
    con.execute("UPDATE metrics SET name_en = CAST(X'E5FF3C2F7363726970743EC0AF' AS TEXT) "
                "WHERE id = 'cpi'")
    # (the views' words, status and outcome, cannot be made markup: a reader
    # refuses a file whose views are not the ones zhibiao makes, db_hostile)
    con.commit()
    con.close()


def empty_db(db):
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("DELETE FROM documents")
    con.commit()
    con.close()


# ---- which pages to load -----------------------------------------------------

def ids_of(con, region):
    return ",".join(str(i) for (i,) in con.execute(
        "SELECT i.id FROM indicators i JOIN documents d ON d.id = i.document_id "
        "WHERE d.region = ? ORDER BY i.id", (region,)))


def urls(db):
    con = connect(db)
    (grain,) = con.execute("SELECT id FROM indicators WHERE surface = '816.16亿斤'").fetchone()
    print("all report.html")
    print("jilin report.html ?region=吉林省")
    print("jilin-code report.html ?region=220000")
    print(f"search report.html ?region=吉林省&q=粮食&sort=value&dir=desc&open={grain}&csv=1")
    # every figure's sentence open: PDF line breaks, full-width and traditional text
    for name, region in (("spans-jilin", "吉林省"), ("spans-henan", "河南省"),
                         ("spans-zhejiang", "浙江省")):
        print(f"{name} report.html ?region={region}&open={ids_of(con, region)}")


# ---- the checks --------------------------------------------------------------

def attr_ok(dom, name):
    found = dom.find("html")
    if not found:
        raise LookupError("no <html> in the DOM")
    html = found[0]
    if html.attrs.get("data-ready") != "1":
        fail(f"{name}: the script did not finish (no data-ready)")
    if "data-error" in html.attrs:
        fail(f"{name}: script error: {html.attrs['data-error']}")
    return html


def console_ok(d, name):
    with open(os.path.join(d, name + ".console"), encoding="utf-8", errors="replace") as f:
        lines = f.read().strip()
    if lines:
        fail(f"{name}: the console says:\n{lines}")


def region_label(name):
    return name if name else "（未注明地区）"


def static_checks(d, con):
    """The file itself: HTML that parses, two scripts, nothing from elsewhere,
    JSON that cannot end its element, the stored sentences byte for byte."""
    path = os.path.join(d, "report.html")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    root = Tree(raw, "report.html").root
    scripts = root.find("script")
    if len(scripts) != 2:
        fail(f"report.html: {len(scripts)} script elements, want the data and the program")
    data_el = root.find("script", id="zb-data", type="application/json")
    if not data_el:
        fail("report.html: no <script type=application/json id=zb-data>")
        return None
    for n in root.walk():
        if "src" in n.attrs or n.tag in ("link", "iframe", "img", "object"):
            fail(f"report.html: <{n.tag}> loads something from elsewhere")
        if n.attrs.get("href", "#") != "#":
            fail(f"report.html: <{n.tag} href={n.attrs['href']}>")
    for style in root.find("style"):
        if "url(" in style.text() or "@import" in style.text():
            fail("report.html: the style loads something from elsewhere")
    text = data_el[0].text()
    for bad in ("<", "\u2028", "\u2029"):
        if bad in text:
            fail(f"report.html: the JSON holds {bad!r} as it is")
    data = json.loads(text)
    (count,) = con.execute("SELECT count(*) FROM indicators").fetchone()
    if len(data["indicators"]) != count:
        fail(f"report.html: {len(data['indicators'])} indicators, the database has {count}")
    regions = {r for (r,) in con.execute("SELECT DISTINCT region FROM documents")}
    if {r["name"] for r in data["regions"]} != regions:
        fail(f"report.html: regions {[r['name'] for r in data['regions']]}, want {regions}")
    # sentences are the stored text's bytes, figures' offsets relative to them
    bodies = dict(con.execute("SELECT id, body FROM documents"))
    by_id = {r["id"]: r for r in data["indicators"]}
    for i, sid, s_from, s_to, d_id, i_from, i_to in con.execute(
            "SELECT i.id, i.sentence_id, se.span_start, se.span_end, i.document_id, "
            "i.span_start, i.span_end FROM indicators i JOIN sentences se ON se.id = i.sentence_id"):
        body = bytes(bodies[d_id])
        want = body[s_from:s_to].decode("utf-8", "replace")
        got = data["sentences"].get(str(sid))
        if got != want:
            fail(f"report.html: sentence {sid} is {got!r}, the stored text says {want!r}")
        r = by_id[i]
        if (r["from_byte"], r["to_byte"]) != (i_from - s_from, i_to - s_from):
            fail(f"report.html: indicator {i} at {r['from_byte']}..{r['to_byte']}")
    return data


def joined(s):
    """The page's rule for line breaks of the stored text."""
    return re.sub(r"[ \t\u3000]*\n[ \t\u3000]*",
                  lambda m: " " if re.match(r"[A-Za-z]", m.string[m.start() - 1:m.start()] or "-")
                  and re.match(r"[A-Za-z]", m.string[m.end():m.end() + 1] or "-") else "", s)


def labelled(dom):
    """The parts of the page that belong to one region: panels, and the list of
    regions waiting for results."""
    return [n for n in dom.walk() if "data-region" in n.attrs and n.tag in ("div", "li")]


def panel_checks(dom, name):
    for p in dom.find(class_="panel"):
        if "data-region" not in p.attrs and "waiting-panel" not in p.attrs.get("class", ""):
            fail(f"{name}: a panel of no region: {p.text()[:80]!r}")
    for p in labelled(dom):
        tags = p.find(class_="region-tag")
        if not tags or tags[0].text() != region_label(p.attrs["data-region"]):
            fail(f"{name}: a panel without its region's label: {p.text()[:80]!r}")


def all_checks(dom, con):
    name = "all"
    html = attr_ok(dom, name)
    regions = sorted(r for (r,) in con.execute("SELECT DISTINCT region FROM documents"))
    picker = dom.find("select", id="region")
    values = [o.attrs.get("value") for o in picker[0].find("option")] if picker else []
    if sorted(values) != sorted([""] + regions):
        fail(f"{name}: the region picker offers {values}, want all of {regions}")
    if html.attrs.get("data-region") != "":
        fail(f"{name}: without ?region the page shows {html.attrs.get('data-region')!r}, not all")
    order = [s.attrs.get("id") for s in dom.find("section")]
    if order[:4] != ["outcome", "versus", "series", "all"]:
        fail(f"{name}: sections in the order {order}: last year's outcome comes first")
    panel_checks(dom, name)
    versus = dom.find(class_="versus")
    if len({p.attrs["data-region"] for p in versus}) < 2:
        fail(f"{name}: this year's targets against last year's results for fewer than 2 regions")
    # last year's outcome in Jilin, met or missed, against the view and by hand
    jl = [p for p in dom.find(class_="outcome") if p.attrs.get("data-region") == "吉林省"]
    if not jl:
        fail(f"{name}: no outcome panel for 吉林省")
        return
    shown = sorted((tr.attrs["data-metric"], tr.attrs["data-outcome"])
                   for tr in jl[0].find("tr") if "data-outcome" in tr.attrs)
    want = sorted(con.execute(
        "SELECT metric_id, outcome FROM v_target_outcome WHERE region = '吉林省' AND year = 2022"))
    if shown != want:
        fail(f"{name}: Jilin's 2022 outcomes {shown}, the view says {want}")
    marks = {"missed": "✗", "met": "✓", "exceeded": "▲"}
    for m, o, mark in (("gdp", "missed", "✗"), ("grain_output", "exceeded", "▲"), ("cpi", "met", "✓")):
        rows = [tr for tr in jl[0].find("tr", data_metric=m)]
        if not rows or rows[0].attrs.get("data-outcome") != o:
            fail(f"{name}: Jilin's 2022 {m} target is not shown as {o}")
        elif not rows[0].find("td", class_="mark")[0].text().startswith(mark):
            fail(f"{name}: {o} is not marked {mark} in words: {rows[0].text()!r}")
    for tr in jl[0].find("tr"):
        o = tr.attrs.get("data-outcome")
        if o in marks and not tr.find("td", class_="mark")[0].text().startswith(marks[o]):
            fail(f"{name}: the {o} row of {tr.attrs.get('data-metric')} has no mark")
    # one scale per panel and a zero that does not move within it
    for p in versus:
        zeros = {ln.attrs["x1"] for ln in p.find("line", class_="zero")}
        if p.attrs.get("data-unit") and len(zeros) != 1:
            fail(f"{name}: a panel with its zero at {sorted(zeros)}")
        scales = [float(r.attrs["width"]) / abs(float(r.attrs["data-value"]))
                  for r in p.find("rect") if "data-value" in r.attrs
                  and float(r.attrs["width"]) > 4]
        if scales and max(scales) > min(scales) * 1.03:
            fail(f"{name}: bars of one panel on scales {min(scales):.3f}..{max(scales):.3f}")
    # status in words, comparators as ≥ ≤ 约, the English names beside the Chinese
    main = dom.find("main")[0].text()
    for bad in (">=", "<=", "~"):
        if bad in main:
            fail(f"{name}: the page writes {bad!r}")
    for good in ("≥", "约", "Grain output", "上年实际", "要求更高"):
        if good not in main:
            fail(f"{name}: the page never writes {good!r}")
    series = [p for p in dom.find(class_="series") if p.attrs.get("data-region") == "吉林省"
              and p.attrs.get("data-metric") == "gdp"]
    if not series or len(series[0].find("circle")) + len(series[0].find("rect")) < 2:
        fail(f"{name}: no series of Jilin's GDP over two years")
    elif "2022" not in series[0].find("p", class_="series-text")[0].text():
        fail(f"{name}: the series of Jilin's GDP is not in words")


def region_checks(dom, con, name):
    html = attr_ok(dom, name)
    if html.attrs.get("data-region") != "吉林省":
        fail(f"{name}: shows {html.attrs.get('data-region')!r}, not 吉林省")
    rows = dom.find("tr", class_="row")
    (count,) = con.execute("SELECT count(*) FROM indicators i JOIN documents d "
                           "ON d.id = i.document_id WHERE d.region = '吉林省'").fetchone()
    if len(rows) != count or any(r.attrs.get("data-region") != "吉林省" for r in rows):
        fail(f"{name}: {len(rows)} rows, want Jilin's {count} alone")
    others = [p for p in labelled(dom) if p.attrs["data-region"] != "吉林省"]
    if others:
        fail(f"{name}: panels of other regions: {[p.attrs.get('data-region') for p in others]}")
    panel_checks(dom, name)


def search_checks(dom, con):
    name = "search"
    attr_ok(dom, name)
    rows = dom.find("tr", class_="row")
    info = {i: (v, s, m, sentence, cat) for i, v, s, m, sentence, cat in con.execute(
        "SELECT i.id, i.value, i.surface, i.metric, "
        "CAST(substr(CAST(d.body AS BLOB), se.span_start + 1, se.span_end - se.span_start) "
        "AS TEXT), coalesce(m.name, '') || ' ' || coalesce(m.name_en, '') "
        "FROM indicators i JOIN documents d ON d.id = i.document_id "
        "JOIN sentences se ON se.id = i.sentence_id LEFT JOIN metrics m ON m.id = i.metric_id "
        "WHERE d.region = '吉林省'")}
    ids = [int(r.attrs["data-id"]) for r in rows]
    for i in ids:
        if i not in info or not any("粮食" in t for t in info[i][1:]):
            fail(f"{name}: row {i} does not say 粮食")
    must = {i for i, t in info.items() if "粮食" in t[2]}
    if not must <= set(ids):
        fail(f"{name}: rows about 粮食 left out: {sorted(must - set(ids))}")
    values = [info[i][0] if info[i][0] is not None else float("-inf") for i in ids if i in info]
    if values != sorted(values, reverse=True):
        fail(f"{name}: not sorted by value, largest first: {values}")
    th = dom.find("th", data_key="value")
    if not th or th[0].attrs.get("aria-sort") != "descending":
        fail(f"{name}: the value column does not say it is sorted descending")
    source = dom.find("tr", class_="source")
    if len(source) != 1:
        fail(f"{name}: {len(source)} source sentences open, want 1")
    else:
        i = int(source[0].attrs["data-id"])
        mark = source[0].find("mark")
        if not mark or mark[0].text() != joined(info[i][1]):
            fail(f"{name}: the figure marked is {mark and mark[0].text()!r}, want {info[i][1]!r}")
        if joined(info[i][3]) not in source[0].text():
            fail(f"{name}: the source sentence is not shown whole")
    link = dom.find("a", id="csv")
    if not link or not link[0].attrs.get("href", "").startswith("blob:"):
        fail(f"{name}: the CSV link is not a Blob: {link and link[0].attrs}")
        return
    if not link[0].attrs.get("download", "").endswith(".csv"):
        fail(f"{name}: the CSV link does not download a .csv")
    pre = dom.find("pre", id="csv-text")
    table = list(csv.DictReader(io.StringIO(pre[0].text() if pre else "", newline="")))
    if len(table) != len(rows) or link[0].attrs.get("data-rows") != str(len(rows)):
        fail(f"{name}: the CSV has {len(table)} rows, the table {len(rows)}")
    for r in table:
        if r["region"] != "吉林省" or "粮食" not in " ".join(r.values()):
            fail(f"{name}: CSV row {r}")
    if table and ("metric_name_en" not in table[0] or "sentence" not in table[0]):
        fail(f"{name}: CSV columns {list(table[0])}")


def span_checks(dom, con, name):
    attr_ok(dom, name)
    surfaces = dict(con.execute("SELECT id, surface FROM indicators"))
    opened = dom.find("tr", class_="source")
    rows = dom.find("tr", class_="row")
    if not opened or len(opened) != len(rows):
        fail(f"{name}: {len(opened)} sentences open for {len(rows)} rows")
    for tr in opened:
        i = int(tr.attrs["data-id"])
        mark = tr.find("mark")
        if len(mark) != 1 or mark[0].text() != joined(surfaces[i]):
            fail(f"{name}: indicator {i} marks {[m.text() for m in mark]}, not {surfaces[i]!r}")


def hostile_checks(d):
    name = "hostile"
    with open(os.path.join(d, "hostile.html"), encoding="utf-8") as f:
        raw = f.read()
    root = Tree(raw, "hostile.html").root
    if len(root.find("script")) != 2:
        fail(f"hostile.html: {len(root.find('script'))} script elements, want 2")
    data_el = root.find("script", id="zb-data")
    data = json.loads(data_el[0].text()) if data_el else {}
    if [r["name"] for r in data.get("regions", [])] != [HOSTILE]:
        fail(f"hostile.html: regions {data.get('regions')}")
    cpi = [m["name_en"] for m in data.get("metrics", []) if m["id"] == "cpi"]
    if cpi != ["\ufffd\ufffd</script>\ufffd\ufffd"]:
        fail(f"hostile.html: bytes that are not UTF-8 came out as {cpi}")
    dom = load(os.path.join(d, "hostile.dom"))
    html = attr_ok(dom, name)
    console_ok(d, name)
    for n in dom.walk():
        if any(k == "data-pwned" for k in n.attrs):
            fail(f"{name}: a hostile string ran: {n.attrs}")
    scripts = dom.find("script")
    if len(scripts) != 2 or dom.find("img"):
        fail(f"{name}: the DOM has {len(scripts)} scripts and {len(dom.find('img'))} images")
    text = dom.find("main")[0].text()
    if HOSTILE not in " ".join(t.text() for t in dom.find(class_="region-tag")):
        fail(f"{name}: the hostile region is not shown as text")
    for want in ("</script><script>", "<!--"):
        if want not in text:
            fail(f"{name}: {want!r} is not shown as text")
    if "pwned" in "".join(t.text() for t in dom.find("title")) or "pwned" in html.attrs:
        fail(f"{name}: the title or root changed")


def one_region(page, db, region):
    """A page of one region: its data holds that region's rows and no other's."""
    with open(page, encoding="utf-8") as f:
        root = Tree(f.read(), os.path.basename(page)).root
    data = json.loads(root.find("script", id="zb-data")[0].text())
    con = connect(db)
    (count,) = con.execute("SELECT count(*) FROM indicators i JOIN documents d "
                           "ON d.id = i.document_id WHERE d.region = ?", (region,)).fetchone()
    if [r["name"] for r in data["regions"]] != [region]:
        fail(f"{page}: regions {[r['name'] for r in data['regions']]}, want [{region}]")
    if len(data["indicators"]) != count:
        fail(f"{page}: {len(data['indicators'])} indicators, want {region}'s {count}")
    for key in ("outcomes", "versus", "series", "indicators"):
        if any(r["region"] != region for r in data[key]) or not data[key]:
            fail(f"{page}: {key} of other regions, or none")


def check(d):
    con = connect(os.path.join(d, "z.db"))
    names = [line.split()[0] for line in open(os.path.join(d, "urls"), encoding="utf-8")]
    doms = {n: load(os.path.join(d, n + ".dom")) for n in names}
    checks = [("report.html", lambda: static_checks(d, con))]
    checks += [(n, lambda n=n: console_ok(d, n)) for n in names]
    checks += [("all", lambda: all_checks(doms["all"], con)),
               ("jilin", lambda: region_checks(doms["jilin"], con, "jilin")),
               ("jilin-code", lambda: region_checks(doms["jilin-code"], con, "jilin-code")),
               ("search", lambda: search_checks(doms["search"], con))]
    checks += [(n, lambda n=n: span_checks(doms[n], con, n)) for n in names
               if n.startswith("spans-")]
    checks += [("hostile", lambda: hostile_checks(d))]
    checks += [("empty", lambda: attr_ok(load(os.path.join(d, "empty.dom")), "empty")),
               ("empty", lambda: console_ok(d, "empty"))]
    for name, run in checks:
        try:
            run()
        except (LookupError, ValueError, TypeError, AttributeError) as e:
            # a page without what the checks look for (an old dashboard)
            fail(f"{name}: {type(e).__name__}: {e}")
    for e in errors:
        print("FAIL:", e)
    return 1 if errors else 0


def main():
    what, arg = sys.argv[1], sys.argv[2]
    if what == "hostile-text":
        hostile_text(arg)
    elif what == "hostile-db":
        hostile_db(arg)
    elif what == "empty-db":
        empty_db(arg)
    elif what == "urls":
        urls(arg)
    elif what == "id":
        print(connect(arg).execute("SELECT id FROM indicators WHERE surface = ?",
                                   (sys.argv[3],)).fetchone()[0])
    elif what == "one-region":
        one_region(arg, sys.argv[3], sys.argv[4])
        for e in errors:
            print("FAIL:", e)
        sys.exit(1 if errors else 0)
    elif what == "check":
        sys.exit(check(arg))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
