#!/usr/bin/env python3
"""Make the Office fixtures (DOCX, XLSX, ODS, XLS, DOC) with a real producer: LibreOffice.

    python3 scripts/make-office-fixtures.py            # all of them
    python3 scripts/make-office-fixtures.py --keep DIR # also keep the HTML/FODS sources in DIR

Needs LibreOffice (`soffice`; on Debian: apt-get install -y libreoffice-writer-nogui
libreoffice-calc-nogui) and Python 3's standard library. The outputs are committed, so tests
and CI never need LibreOffice.

DOCX (fixtures/docx/<style>/<stem>.docx) are made from the HTML renderings in fixtures/html/:
the page is restyled the way Word users style plan tables and converted by LibreOffice Writer
(HTML import -> "MS Word 2007 XML"). Styles:
  grid       every cell ruled; a first header row is a repeated header row (<thead>)
  hrules     horizontal rules only (top and bottom of each cell)
  shaded     no rules: a dark header band, light banded rows
  ragcolour  ruled; the RAG cell is a coloured cell with no letter (documents with RAG only)
A heading repeated at the top of every page of the source (a running header typed into the
page) is kept once and every repeat becomes a page break, so the DOCX has pages.

XLSX (fixtures/xlsx/<style>/<stem>.xlsx) are trackers made from the gold labels
(fixtures/gold/): one sheet per theme, a title row merged across the table, a blank row, a
header row and one row per action, then a blank row and a small summary table whose count is
a formula. Deadlines that are plain dates (`Apr-14`, `31/03/12`, `July 2014`...) are real date
cells whose number format shows exactly the gold text; the rest are text. Styles:
  ragfill    RAG as the cell's fill colour (no text); objective cells merged down over the
             rows of one objective
  ragtext    RAG as words (Green/Amber/Red); the objective repeated on every row; a hidden
             column, a hidden row and a hidden sheet holding text that must not be read
The flat ODF spreadsheets (.fods) written here are converted by LibreOffice Calc. One ODS
(fixtures/xlsx/ods/) and one XLS (fixtures/xlsx/xls/) rendering are made the same way, and a
legacy Word .doc (fixtures/office-robustness/legacy-word.doc) for the unsupported-format error.
"""
import argparse
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")
DOCS = [
    "thurrock-jhws-delivery-2014-15",
    "bromley-portfolio-half-year-2013-14",
    "leicestershire-jhws-draft-priorities",
    "cheshire-east-service-plans-2011-12",
]
RAG_FILL = {"green": "#00B050", "amber": "#FFC000", "red": "#FF0000", "complete": "#0070C0"}
RAG_WORD = {"green": "Green", "amber": "Amber", "red": "Red", "complete": "Complete"}
RAG_CELL = {
    "g": "green", "green": "green", "a": "amber", "amber": "amber", "r": "red", "red": "red",
}


def soffice(src, fmt, outdir):
    """Convert one file with LibreOffice headless into outdir; returns the output path."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless"]
    if src.endswith(".html"):
        cmd.append("--infilter=HTML (StarWriter)")
    cmd += ["--convert-to", fmt, "--outdir", outdir, src]
    try:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":")[0]
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + ext)
    if not os.path.exists(out):
        sys.exit("LibreOffice did not write " + out)
    return out


# ---------------------------------------------------------------- DOCX from HTML

def strip_tags(s):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", s))).strip()


def cells_of(row):
    return re.findall(r"<td>(.*?)</td>", row, flags=re.S)


def is_header_row(row):
    cells = [c for c in cells_of(row) if strip_tags(c)]
    return len(cells) >= 2 and all(re.fullmatch(r"\s*<b>.*</b>\s*", c, flags=re.S) for c in cells)


def restyle(page, style):
    """Restyle an HTML rendering's tables for one DOCX style."""
    # A heading that opens every page of the source is a running header: keep the first,
    # turn the others into page breaks before what follows.
    heads = re.findall(r"<h2>(.*?)</h2>", page, flags=re.S)
    repeated = {h for h in heads if heads.count(h) >= 3}
    seen = set()

    def head(m):
        if m.group(1) in repeated:
            if m.group(1) in seen:
                return "<!--BREAK-->"
            seen.add(m.group(1))
        return m.group(0)

    page = re.sub(r"<h2>(.*?)</h2>", head, page, flags=re.S)
    page = re.sub(r"<!--BREAK-->\s*<(table|p|h\d)\b", r"<\1 style='page-break-before:always'", page)

    rule = {
        "grid": "border:1px solid #000000",
        "hrules": "border-top:1px solid #000000;border-bottom:1px solid #000000",
        "shaded": "",
        "ragcolour": "border:1px solid #000000",
    }[style]

    def table(m):
        attrs, body = m.group(1), m.group(2)
        attrs = attrs.replace("border='1'", "cellspacing='0' cellpadding='3'")
        rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
        out = []
        band = 0
        for i, row in enumerate(rows):
            header = is_header_row(row)
            cells = []
            for c in cells_of(row):
                a = " style='%s;vertical-align:top'" % rule if rule else " style='vertical-align:top'"
                content = c
                if style == "shaded":
                    if header:
                        a += " bgcolor='#1F4E79'"
                        content = "<font color='#FFFFFF'>%s</font>" % c
                    elif band % 2 == 1:
                        a += " bgcolor='#DEEAF6'"
                if style == "ragcolour":
                    rag = RAG_CELL.get(strip_tags(c).lower())
                    if rag:
                        a += " bgcolor='%s'" % RAG_FILL[rag]
                        content = ""
                cells.append("<td%s>%s</td>" % (a, content))
            tr = "<tr>%s</tr>" % "".join(cells)
            if header and i == 0 and style == "grid":
                tr = "<thead>%s</thead>" % tr
            if not header:
                band += 1
            out.append(tr)
        return "<table%s>\n%s\n</table>" % (attrs, "\n".join(out))

    page = re.sub(r"<table([^>]*)>(.*?)</table>", table, page, flags=re.S)
    # The source style sheet draws every cell's border: drop it, the cells carry their own.
    page = re.sub(r"td\{border:[^}]*\}", "td{vertical-align:top;padding:2pt 3pt}", page)
    return page


def has_rag(stem):
    with open(os.path.join(FIX, "gold", stem + ".gold.json"), encoding="utf-8") as fh:
        return any(a.get("rag") for a in json.load(fh)["actions"])


def make_docx(work, keep):
    for style in ["grid", "hrules", "shaded", "ragcolour"]:
        outdir = os.path.join(FIX, "docx", style)
        os.makedirs(outdir, exist_ok=True)
        for stem in DOCS:
            if style == "ragcolour" and not has_rag(stem):
                continue
            with open(os.path.join(FIX, "html", stem + ".html"), encoding="utf-8") as fh:
                page = restyle(fh.read(), style)
            d = os.path.join(work, "docx-" + style)
            os.makedirs(d, exist_ok=True)
            src = os.path.join(d, stem + ".html")
            with open(src, "w", encoding="utf-8") as fh:
                fh.write(page)
            out = soffice(src, 'docx:MS Word 2007 XML', d)
            shutil.copy(out, os.path.join(outdir, stem + ".docx"))
            print("wrote", os.path.relpath(os.path.join(outdir, stem + ".docx"), ROOT))
            if keep:
                os.makedirs(os.path.join(keep, "docx", style), exist_ok=True)
                shutil.copy(src, os.path.join(keep, "docx", style))
    # A legacy Word .doc, for the unsupported-format error.
    rob = os.path.join(FIX, "office-robustness")
    os.makedirs(rob, exist_ok=True)
    src = os.path.join(work, "docx-grid", DOCS[1] + ".html")
    out = soffice(src, "doc:MS Word 97", os.path.join(work, "docx-grid"))
    shutil.copy(out, os.path.join(rob, "legacy-word.doc"))
    print("wrote fixtures/office-robustness/legacy-word.doc")


# ---------------------------------------------------------------- XLSX from gold

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SHORT = [m[:3] for m in MONTHS]

# (name, regex, ODF date-style body, function(match) -> date)
DATE_FORMATS = [
    ("MMMYY", r"(%s)-(\d\d)" % "|".join(SHORT),
     '<number:month number:textual="true"/><number:text>-</number:text><number:year/>',
     lambda m: datetime.date(2000 + int(m[2]), SHORT.index(m[1]) + 1, 1)),
    ("DDMMYY", r"(\d\d)/(\d\d)/(\d\d)",
     '<number:day number:style="long"/><number:text>/</number:text>'
     '<number:month number:style="long"/><number:text>/</number:text><number:year/>',
     lambda m: datetime.date(2000 + int(m[3]), int(m[2]), int(m[1]))),
    ("DDMMYYYY", r"(\d\d)/(\d\d)/(\d{4})",
     '<number:day number:style="long"/><number:text>/</number:text>'
     '<number:month number:style="long"/><number:text>/</number:text>'
     '<number:year number:style="long"/>',
     lambda m: datetime.date(int(m[3]), int(m[2]), int(m[1]))),
    ("MMMMYYYY", r"(%s) (\d{4})" % "|".join(MONTHS),
     '<number:month number:textual="true" number:style="long"/><number:text> </number:text>'
     '<number:year number:style="long"/>',
     lambda m: datetime.date(int(m[2]), MONTHS.index(m[1]) + 1, 1)),
    ("MMMMYY", r"(%s) (\d\d)" % "|".join(MONTHS),
     '<number:month number:textual="true" number:style="long"/><number:text> </number:text>'
     '<number:year/>',
     lambda m: datetime.date(2000 + int(m[2]), MONTHS.index(m[1]) + 1, 1)),
    ("MMMYYYY", r"(%s) (\d{4})" % "|".join(SHORT),
     '<number:month number:textual="true"/><number:text> </number:text>'
     '<number:year number:style="long"/>',
     lambda m: datetime.date(int(m[2]), SHORT.index(m[1]) + 1, 1)),
]


def as_date(text):
    """(format name, date) when a deadline is a plain date a spreadsheet would store as one."""
    if not text:
        return None
    for name, rx, _, make in DATE_FORMATS:
        m = re.fullmatch(rx, text.strip())
        if m:
            try:
                return name, make(m)
            except ValueError:
                return None
    return None


def sheet_name(theme, used):
    name = re.sub(r"[\[\]:*?/\\]", " ", theme or "Actions").strip()[:31].strip() or "Actions"
    base, n = name, 2
    while name.lower() in used:
        suffix = " (%d)" % n
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def text_cell(text, style=None, span=None, rows=None):
    a = ' office:value-type="string"'
    if style:
        a += ' table:style-name="%s"' % style
    if span:
        a += ' table:number-columns-spanned="%d" table:number-rows-spanned="1"' % span
    if rows:
        a += ' table:number-rows-spanned="%d" table:number-columns-spanned="1"' % rows
    if text is None or text == "":
        return "<table:table-cell%s/>" % (' table:style-name="%s"' % style if style else "")
    return "<table:table-cell%s><text:p>%s</text:p></table:table-cell>" % (a, escape(text))


def make_fods(gold, style):
    acts = gold["actions"]
    any_ref = any(a.get("ref") for a in acts)
    any_obj = any(a.get("objective") for a in acts)
    any_rag = any(a.get("rag") for a in acts)
    if style == "ragfill":
        heads = ["Ref", "Objective", "Action", "Lead Officer", "Target Date", "RAG"]
    else:
        heads = ["Ref", "Objective", "Action", "Lead", "Deadline", "RAG Status"]
    cols = [k for k, on in zip(["ref", "objective", "text", "lead", "deadline", "rag"],
                               [any_ref, any_obj, True, True, True, any_rag]) if on]
    names = dict(zip(["ref", "objective", "text", "lead", "deadline", "rag"], heads))
    hidden_col = style == "ragtext"

    themes = []
    for a in acts:
        if a.get("theme") not in themes:
            themes.append(a.get("theme"))
    used = set()
    sheets = []
    for ti, theme in enumerate(themes):
        rows = [a for a in acts if a.get("theme") == theme]
        sname = sheet_name(theme, used)
        ncols = len(cols) + (1 if hidden_col else 0)
        out = []
        widths = {"ref": "2.2cm", "objective": "5cm", "text": "9cm", "lead": "4cm",
                  "deadline": "3.2cm", "rag": "2.2cm"}
        for k in cols:
            out.append('<table:table-column table:style-name="co_%s"/>' % k)
            if hidden_col and k == cols[0]:
                out.append('<table:table-column table:style-name="co_ref" table:visibility="collapse"/>')
        title = gold.get("title") or ""
        out.append("<table:table-row>%s<table:covered-table-cell table:number-columns-repeated=\"%d\"/></table:table-row>"
                   % (text_cell(title, "ce_title", span=ncols), ncols - 1))
        out.append('<table:table-row><table:table-cell table:number-columns-repeated="%d"/></table:table-row>' % ncols)
        hdr = []
        for k in cols:
            hdr.append(text_cell(names[k], "ce_head"))
            if hidden_col and k == cols[0]:
                hdr.append(text_cell("Internal ID", "ce_head"))
        out.append("<table:table-row>%s</table:table-row>" % "".join(hdr))
        first_data = 4
        # Objective runs for merging (ragfill).
        runs = {}
        if style == "ragfill" and "objective" in cols:
            i = 0
            while i < len(rows):
                j = i
                while j + 1 < len(rows) and rows[j + 1].get("objective") == rows[i].get("objective") \
                        and rows[i].get("objective"):
                    j += 1
                runs[i] = j - i + 1
                for k in range(i + 1, j + 1):
                    runs[k] = 0
                i = j + 1
        for ri, a in enumerate(rows):
            cells = []
            for k in cols:
                v = a.get(k)
                if k == "objective" and style == "ragfill":
                    n = runs.get(ri, 1)
                    if n == 0:
                        cells.append("<table:covered-table-cell/>")
                    else:
                        cells.append(text_cell(v, "ce_wrap", rows=n if n > 1 else None))
                elif k == "deadline":
                    d = as_date(v)
                    if d:
                        cells.append('<table:table-cell table:style-name="ce_%s" office:value-type="date" '
                                     'office:date-value="%s"><text:p>%s</text:p></table:table-cell>'
                                     % (d[0], d[1].isoformat(), escape(v)))
                    else:
                        cells.append(text_cell(v, "ce_wrap"))
                elif k == "rag":
                    if v and style == "ragfill":
                        cells.append('<table:table-cell table:style-name="ce_%s"/>' % v)
                    else:
                        cells.append(text_cell(RAG_WORD.get(v, v) if v else None, "ce_wrap"))
                else:
                    cells.append(text_cell(v, "ce_wrap"))
                if hidden_col and k == cols[0]:
                    cells.append(text_cell("ID-%d-%03d" % (ti + 1, ri + 1)))
            out.append("<table:table-row>%s</table:table-row>" % "".join(cells))
            if style == "ragtext" and ri == 0:
                # A hidden row: an action withdrawn from the plan.
                hid = []
                for k in cols:
                    hid.append(text_cell({"text": "Withdrawn action kept in a hidden row",
                                          "lead": "Nobody", "deadline": "Never"}.get(k, "")))
                    if hidden_col and k == cols[0]:
                        hid.append(text_cell("ID-hidden"))
                out.append('<table:table-row table:visibility="collapse">%s</table:table-row>' % "".join(hid))
        last = first_data + len(rows) - 1 + (1 if style == "ragtext" else 0)
        out.append('<table:table-row><table:table-cell table:number-columns-repeated="%d"/></table:table-row>' % ncols)
        acol = col_letter(cols.index("text") + (1 if hidden_col else 0))
        out.append('<table:table-row>%s<table:table-cell table:formula="of:=SUBTOTAL(103;[.%s%d:.%s%d])" '
                   'office:value-type="float" office:value="%d"><text:p>%d</text:p></table:table-cell></table:table-row>'
                   % (text_cell("Actions on this sheet", "ce_bold"), acol, first_data, acol, last,
                      len(rows), len(rows)))
        sheets.append('<table:table table:name=%s>%s</table:table>' % (quoteattr(sname), "".join(out)))
    if style == "ragtext":
        hidden = ['<table:table-column/><table:table-column/><table:table-column/>',
                  "<table:table-row>%s%s%s</table:table-row>" % (
                      text_cell("Action"), text_cell("Lead"), text_cell("Deadline"))]
        for i in range(3):
            hidden.append("<table:table-row>%s%s%s</table:table-row>" % (
                text_cell("Action on a hidden sheet number %d" % (i + 1)), text_cell("Hidden Person"),
                text_cell("March 2099")))
        sheets.append('<table:table table:name="Lookups" table:style-name="ta_hidden">%s</table:table>'
                      % "".join(hidden))

    styles = []
    for name, _, body, _ in DATE_FORMATS:
        styles.append('<number:date-style style:name="N_%s">%s</number:date-style>' % (name, body))
        styles.append('<style:style style:name="ce_%s" style:family="table-cell" style:parent-style-name="Default" '
                      'style:data-style-name="N_%s"><style:table-cell-properties fo:wrap-option="wrap" '
                      'style:vertical-align="top"/></style:style>' % (name, name))
    for rag, colour in RAG_FILL.items():
        styles.append('<style:style style:name="ce_%s" style:family="table-cell" style:parent-style-name="Default">'
                      '<style:table-cell-properties fo:background-color="%s"/></style:style>' % (rag, colour))
    styles.append('<style:style style:name="ce_head" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:table-cell-properties fo:background-color="#D9D9D9" fo:wrap-option="wrap"/>'
                  '<style:text-properties fo:font-weight="bold"/></style:style>')
    styles.append('<style:style style:name="ce_bold" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:text-properties fo:font-weight="bold"/></style:style>')
    styles.append('<style:style style:name="ce_title" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>')
    styles.append('<style:style style:name="ce_wrap" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>')
    for k, w in {"ref": "2.2cm", "objective": "5cm", "text": "9cm", "lead": "4cm", "deadline": "3.2cm",
                 "rag": "2.2cm"}.items():
        styles.append('<style:style style:name="co_%s" style:family="table-column">'
                      '<style:table-column-properties style:column-width="%s"/></style:style>' % (k, w))
    styles.append('<style:style style:name="ta_hidden" style:family="table">'
                  '<style:table-properties table:display="false"/></style:style>')
    return """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles>
<office:automatic-styles>%s</office:automatic-styles>
<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>
""" % ("\n".join(styles), "\n".join(sheets))


def make_xlsx(work, keep):
    for style in ["ragfill", "ragtext"]:
        outdir = os.path.join(FIX, "xlsx", style)
        os.makedirs(outdir, exist_ok=True)
        d = os.path.join(work, "xlsx-" + style)
        os.makedirs(d, exist_ok=True)
        for stem in DOCS:
            with open(os.path.join(FIX, "gold", stem + ".gold.json"), encoding="utf-8") as fh:
                gold = json.load(fh)
            src = os.path.join(d, stem + ".fods")
            with open(src, "w", encoding="utf-8") as fh:
                fh.write(make_fods(gold, style))
            out = soffice(src, "xlsx:Calc MS Excel 2007 XML", d)
            shutil.copy(out, os.path.join(outdir, stem + ".xlsx"))
            print("wrote", os.path.relpath(os.path.join(outdir, stem + ".xlsx"), ROOT))
            if keep:
                os.makedirs(os.path.join(keep, "xlsx", style), exist_ok=True)
                shutil.copy(src, os.path.join(keep, "xlsx", style))
    # One ODS (RAG as fill) and one XLS (hidden rows, columns and sheet) rendering.
    stem = DOCS[0]
    for fmt, style, sub in [("ods:calc8", "ragfill", "ods"), ("xls:MS Excel 97", "ragtext", "xls")]:
        outdir = os.path.join(FIX, "xlsx", sub)
        os.makedirs(outdir, exist_ok=True)
        out = soffice(os.path.join(work, "xlsx-" + style, stem + ".fods"), fmt, os.path.join(work, "xlsx-" + style))
        dest = os.path.join(outdir, stem + "." + sub)
        shutil.copy(out, dest)
        print("wrote", os.path.relpath(dest, ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", help="also keep the generated HTML/FODS sources in this folder")
    ap.add_argument("--only", choices=["docx", "xlsx"], help="make only one kind")
    args = ap.parse_args()
    if not shutil.which("soffice"):
        sys.exit("soffice (LibreOffice) not found: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui")
    work = tempfile.mkdtemp(prefix="office-fixtures-")
    try:
        if args.only in (None, "docx"):
            make_docx(work, args.keep)
        if args.only in (None, "xlsx"):
            make_xlsx(work, args.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
