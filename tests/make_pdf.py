#!/usr/bin/env python3
"""Typeset a report's text as a PDF the way report PDFs look: A4 pages, lines
wrapped at the column's width (mid-sentence, mid-word), justified, first
lines indented two characters, paragraphs broken across pages, a running header on every page and a page number (— 3 —) at
the foot. Uses Pango and cairo (Debian: python3-gi-cairo gir1.2-pango-1.0) and
a CJK font (fonts-wqy-microhei or fonts-noto-cjk).

    make_pdf.py TEXT OUT.pdf [PAGES.tsv] [--header WORDS] [--size PT] [--ragged]
    make_pdf.py --ascii TEXT OUT.pdf     (ASCII text in Helvetica, no Pango)

PAGES.tsv gets one row per typeset line: the byte offset in TEXT where the
line starts, and its page (1-based) — what a test needs to know on which page
each figure stands. Exits 77 (skip) when Pango, cairo or a CJK font is missing.
"""
import argparse
import sys


def ascii_pdf(lines, out, per_page=3):
    """A PDF of ASCII lines in Helvetica with a correct xref, no library needed
    (the fuzz corpus's smallest seed): per_page lines a page, a running header
    and a page number on each."""
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for n, page in enumerate(pages, 1):
        text = "".join(f"BT /F1 12 Tf 72 {740 - 20 * i} Td ({l}) Tj ET\n"
                       for i, l in enumerate(page))
        text = f"BT /F1 10 Tf 240 800 Td (Annual Work Report) Tj ET\n{text}" \
               f"BT /F1 10 Tf 280 40 Td (- {n} -) Tj ET\n"
        kids.append(f"{len(objs) + 1} 0 R")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                    f"<< /Font << /F1 3 0 R >> >> /Contents {len(objs) + 2} 0 R >>")
        objs.append(f"<< /Length {len(text)} >>\nstream\n{text}\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    body, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(body))
        body += f"{i} 0 obj\n{o}\nendobj\n".encode("ascii")
    xref = len(body)
    body += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode("ascii")
    body += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("ascii")
    body += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
             "%%EOF\n").encode("ascii")
    with open(out, "wb") as f:
        f.write(body)


if len(sys.argv) > 1 and sys.argv[1] == "--ascii":
    # make_pdf.py --ascii TEXT OUT.pdf: ASCII lines only, no Pango needed
    with open(sys.argv[2], encoding="ascii") as f:
        ascii_pdf([l.strip() for l in f if l.strip()], sys.argv[3])
    sys.exit(0)

try:
    import gi

    gi.require_version("Pango", "1.0")
    gi.require_version("PangoCairo", "1.0")
    from gi.repository import Pango, PangoCairo
    import cairo
except (ImportError, ValueError) as e:
    print(f"make_pdf: {e}; install python3-gi-cairo gir1.2-pango-1.0", file=sys.stderr)
    sys.exit(77)

FONTS = "WenQuanYi Micro Hei, Noto Sans CJK SC, Noto Serif CJK SC"
W, H = 595.0, 842.0  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 80.0, 80.0


def has_cjk_font():
    fm = PangoCairo.FontMap.get_default()
    names = {f.get_name() for f in fm.list_families()}
    return any(n.strip() in names for n in FONTS.split(","))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("out")
    ap.add_argument("pages", nargs="?")
    ap.add_argument("--header", default="政府工作报告")
    ap.add_argument("--size", type=float, default=12.0)
    ap.add_argument("--ragged", action="store_true",
                    help="no first-line indent, lines not justified")
    args = ap.parse_args()
    if not has_cjk_font():
        print("make_pdf: no CJK font; install fonts-wqy-microhei", file=sys.stderr)
        sys.exit(77)
    with open(args.text, "rb") as f:
        raw = f.read()

    surface = cairo.PDFSurface(args.out, W, H)
    cr = cairo.Context(surface)
    font = Pango.FontDescription.from_string(f"{FONTS} {args.size}")
    small = Pango.FontDescription.from_string(f"{FONTS} {args.size * 0.75}")
    width = W - LEFT - RIGHT
    page = [1]
    rows = []

    def furniture():
        for text, y in ((args.header, TOP - 40), (f"— {page[0]} —", H - BOTTOM + 30)):
            lay = PangoCairo.create_layout(cr)
            lay.set_font_description(small)
            lay.set_text(text, -1)
            _, logical = lay.get_pixel_extents()
            cr.move_to((W - logical.width) / 2, y)
            PangoCairo.show_layout(cr, lay)

    def new_page():
        cr.show_page()
        page[0] += 1
        furniture()
        return TOP

    furniture()
    y = TOP
    offset = 0
    for line in raw.split(b"\n"):
        start, offset = offset, offset + len(line) + 1
        body = line.rstrip(b"\r")
        if not body.strip():
            continue
        lay = PangoCairo.create_layout(cr)
        lay.set_font_description(font)
        lay.set_width(int(width * Pango.SCALE))
        lay.set_wrap(Pango.WrapMode.WORD_CHAR)
        if not args.ragged:  # as reports are set: justified, first lines indented 2 characters
            lay.set_justify(True)
            lay.set_indent(int(2 * args.size * 96 / 72 * Pango.SCALE))
        lay.set_text(body.decode("utf-8"), -1)
        it = lay.get_iter()
        while True:
            ink, logical = it.get_line_extents()
            h = logical.height / Pango.SCALE
            if y + h > H - BOTTOM:
                y = new_page()
            pl = it.get_line_readonly()
            rows.append((start + pl.start_index, page[0]))
            baseline = it.get_baseline() / Pango.SCALE - logical.y / Pango.SCALE
            cr.move_to(LEFT + logical.x / Pango.SCALE, y + baseline)
            PangoCairo.show_layout_line(cr, pl)
            y += h
            if not it.next_line():
                break
        y += args.size * 0.6
    surface.finish()
    if args.pages:
        with open(args.pages, "w", encoding="utf-8") as f:
            for off, p in rows:
                f.write(f"{off}\t{p}\n")
    print(f"make_pdf: {args.out}: {page[0]} pages, {len(rows)} lines")


if __name__ == "__main__":
    main()
