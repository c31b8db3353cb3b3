#!/usr/bin/env python3
"""Generate the held-out development corpus: fixtures/wild/ (plans in the styles UK public
bodies use, with gold labels) and fixtures/negatives/ (tables that are not action plans).

Every document is invented (no real action is copied); layouts and vocabularies follow
docs/research/plan-vocabulary.md. Each document is defined once as data; the same data
renders the document and writes its gold file, so text, leads, deadlines and ratings agree.

    python3 scripts/gen_wild_corpus.py            # writes fixtures/wild and fixtures/negatives
    python3 scripts/gen_wild_corpus.py --no-pdf   # skip the PDF renderings (keeps old PDFs)

PDFs are rendered by real producers: Debian's chromium (headless --print-to-pdf, tagged) and
LibreOffice (soffice --headless --convert-to pdf, untagged). Install them with
`apt-get install -y chromium libreoffice-writer-nogui`.
"""
import argparse
import calendar
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
WILD = os.path.join(ROOT, "fixtures", "wild")
NEG = os.path.join(ROOT, "fixtures", "negatives")

# --------------------------------------------------------------------------------------------
# deadlines -> ISO due date (GOLD_SPEC / fixtures/deadlines.tsv conventions)
# --------------------------------------------------------------------------------------------
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
NO_DATE = re.compile(
    r"^(on-?going|ongoing.*|tbc|tbd|n/?a|quarterly|monthly|annually|annual|bi-monthly|"
    r"every .*|continuous|as required|complete|completed|from .*|commence.*|start .*|"
    r"see .*|when .*|in line with .*)$",
    re.I,
)


def _iso(y, m, d=None):
    if d is None:
        d = calendar.monthrange(y, m)[1]
    return f"{y:04d}-{m:02d}-{d:02d}"


def _year(s):
    y = int(s)
    return y + 2000 if y < 100 else y


def due_of(cell, fy):
    """The completion date a careful reader enters for `cell` in a plan for financial year
    starting in April of `fy` (an int), or None. Raises on forms it does not know."""
    if cell is None:
        return None
    s = " ".join(str(cell).split()).strip().rstrip(".")
    low = s.lower()
    m = re.search(r"\((?:revised|rev\.?|moved|now)(?: to)?:? ([^)]*)\)", low)
    if m:
        return due_of(m.group(1), fy)
    if NO_DATE.match(low):
        return None
    low = re.sub(r"^(by|by the end of|by end of|end of|end|before|no later than|deadline:?)\s+", "", low)
    low = re.sub(r"^(throughout|during)\s+", "", low)
    # ranges ("April - December 2025", "Jan to Mar 2026"): the end of the second part
    m = re.match(r"^(.+?)\s+(?:-|–|to|until)\s+(.+)$", low)
    if m:
        return due_of(m.group(2), fy)
    # ISO date
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", low)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    # dd/mm/yy, dd.mm.yyyy
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$", low)
    if m:
        return _iso(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    # 31-mar-25, 31 march 2025, 31st march 2025
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?[- ]([a-z]+)[- ,]+(\d{2}|\d{4})$", low)
    if m and m.group(2) in MONTHS:
        return _iso(_year(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    # 30 sept (year from plan)
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)$", low)
    if m and m.group(2) in MONTHS:
        mo = MONTHS[m.group(2)]
        return _iso(fy if mo >= 4 else fy + 1, mo, int(m.group(1)))
    # quarter of a financial year
    m = re.match(r"^(?:q|quarter )([1-4])(?: (\d{4})(?:/|-)(\d{2,4}))?$", low)
    if m:
        q = int(m.group(1))
        y0 = int(m.group(2)) if m.group(2) else fy
        return {1: _iso(y0, 6), 2: _iso(y0, 9), 3: _iso(y0, 12), 4: _iso(y0 + 1, 3)}[q]
    # financial year 2025/26, 2025-26, year 1 (2024/25)
    m = re.search(r"(\d{4})[/-](\d{2})\b", low)
    if m and (re.match(r"^(\d{4})[/-](\d{2})$", low) or low.startswith("year")):
        return _iso(int(m.group(1)) + 1, 3)
    # month year: march 2025, mar-25, mar 25, sept 24
    m = re.match(r"^([a-z]+)[- ]?(\d{2}|\d{4})$", low)
    if m and m.group(1) in MONTHS:
        return _iso(_year(m.group(2)), MONTHS[m.group(1)])
    # season year
    m = re.match(r"^(spring|summer|autumn|winter) (\d{4})$", low)
    if m:
        y = int(m.group(2))
        mo = SEASON_END[m.group(1)]
        return _iso(y + 1 if mo == 2 else y, mo)
    # month alone
    if low in MONTHS:
        mo = MONTHS[low]
        return _iso(fy if mo >= 4 else fy + 1, mo)
    # calendar year alone
    m = re.match(r"^(\d{4})$", low)
    if m:
        return _iso(int(m.group(1)), 12)
    raise ValueError(f"due_of: unknown deadline form {cell!r}")


# --------------------------------------------------------------------------------------------
# gold
# --------------------------------------------------------------------------------------------
def plain(s):
    if s is None:
        return None
    s = re.sub(r"<sup>(.*?)</sup>", r"\1", str(s))
    s = re.sub(r"<[^>]+>", " ", s)
    s = html.unescape(s)
    s = " ".join(s.split())
    return s or None


def A(text, lead=None, deadline=None, rag=None, ref=None, objective=None, theme=None,
      due="auto", optional=False, **cells):
    """One action: gold fields plus any other cells (progress, cost, ...) the renderer uses."""
    return dict(text=text, lead=lead, deadline=deadline, rag=rag, ref=ref, objective=objective,
                theme=theme, due=due, optional=optional, cells=cells)


def gold_action(a, fy):
    due = a["due"]
    if due == "auto":
        due = due_of(a["deadline"], fy)
    return {
        "text": plain(a["text"]),
        "theme": plain(a["theme"]),
        "objective": plain(a["objective"]),
        "ref": plain(a["ref"]),
        "lead": plain(a["lead"]),
        "deadline": plain(a["deadline"]),
        "due": due,
        "rag": a["rag"],
        "optional": a["optional"],
    }


class Doc:
    def __init__(self, stem, ext, title, organisation, period, fy):
        self.stem, self.ext = stem, ext
        self.title, self.organisation, self.period, self.fy = title, organisation, period, fy
        self.actions = []

    @property
    def name(self):
        return f"{self.stem}.{self.ext}"

    def gold(self):
        return {
            "document": self.name,
            "title": self.title,
            "organisation": self.organisation,
            "period": self.period,
            "actions": [gold_action(a, self.fy) for a in self.actions],
        }


RAG_COLOURS = {"red": "#FF0000", "amber": "#FFC000", "green": "#00B050", "complete": "#0070C0"}


def esc(s):
    return html.escape("" if s is None else str(s), quote=False)


def tsv_row(cells):
    return "\t".join("" if c is None else str(c).replace("\t", " ").replace("\n", " ") for c in cells)


def csv_text(rows, delimiter=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for r in rows:
        w.writerow(["" if c is None else c for c in r])
    return buf.getvalue()


def html_page(title, body, css="", landscape=False):
    page = "@page { size: A4 landscape; margin: 12mm; }" if landscape else "@page { size: A4; margin: 15mm; }"
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(title)}</title>\n<style>\n{page}\n"
        "body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; }\n"
        "table { border-collapse: collapse; width: 100%; margin-bottom: 12pt; }\n"
        "th, td { border: 1px solid #808080; padding: 3pt; vertical-align: top; text-align: left; }\n"
        "th { background: #1F3864; color: #FFFFFF; }\n"
        f"{css}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


DOCS = []
NEGS = []


def plan(fn):
    DOCS.append(fn)
    return fn


def negative(fn):
    NEGS.append(fn)
    return fn


# ============================================================================================
# PLAN DOCUMENTS
# ============================================================================================

# --------------------------------------------------------------------------------------------
# P1: district council corporate plan "key action plan", quarterly progress, text from PDF.
# Aim / Objective banner rows, header repeated per page, Achieved/On Target/Under Control/
# Behind Schedule/Pending, stacked quarterly progress notes, dd-Mon-yy dates.
# --------------------------------------------------------------------------------------------
@plan
def p1():
    d = Doc("harrowden-dc-key-action-plan-2024-25-q3", "txt",
            "Corporate Plan 2023-2027 Key Action Plan 2024/25 - Quarter 3 Progress",
            "Harrowden District Council", "2024/25", 2024)
    status_rag = {"Achieved": "complete", "On Target": "green", "Under Control": "amber",
                  "Behind Schedule": "red", "Pending": None}
    aims = [
        ("To keep the district's finances sound while protecting front-line services", [
            ("To make sure the Medium Term Financial Strategy meets the Council's service needs for the next five years", [
                ("1", "Deliver the savings agreed in the 2024/25 budget", "Resources", "31-Mar-25", "On Target",
                 ["Savings are being tracked monthly by the Finance Team and are on course at the end of the quarter.",
                  "Quarter 2 monitoring shows £1.1m of the £1.4m target secured.",
                  "£1.3m now secured; the balance depends on the waste round review."]),
                ("2", "Prepare the 2025/26 budget and update the five-year financial plan", "Resources", "28-Feb-25", "On Target",
                 ["Budget timetable agreed by the Finance Cabinet Committee in June.",
                  "Service challenge sessions held with all Heads of Service.",
                  "Draft budget considered by Cabinet in January; Council meeting set for 20 February."]),
                ("3", "Build business cases for invest-to-save proposals", "Management Board", "30-Sep-24", "Under Control",
                 ["Six proposals have come forward and are being worked up.",
                  "Four business cases approved; solar panels on the depot still with legal advisers.",
                  "The remaining case is expected at Cabinet in February."]),
            ]),
            ("To make better use of the Council's land and buildings", [
                ("1", "Agree a disposal strategy for surplus garage sites", "Place", "31-Dec-24", "Behind Schedule",
                 ["Survey of 42 garage sites commissioned.",
                  "Survey delayed by contractor capacity; report now due in November.",
                  "Report received in December. Strategy will go to Cabinet in March, later than planned."]),
                ("2", "Relocate the Customer Service Centre into the Civic Offices", "Customer Services", "31-Mar-25", "Achieved",
                 ["Design works completed.", "Move completed on 14 October and the old building handed back."]),
                ("3", "Complete the sale of the former Mill Lane depot", "Place", "31-Mar-25", "Pending",
                 ["Heads of terms agreed with the preferred bidder.",
                  "Sale depends on the purchaser obtaining planning permission; application submitted.",
                  "Planning decision awaited from the county council as highway authority."]),
            ]),
        ]),
        ("To help the district's economy grow and create jobs", [
            ("To support town centres and local businesses", [
                ("1", "Launch a shop front improvement grant scheme in Harrowden and Wellby town centres", "Place", "30-Jun-24", "Achieved",
                 ["Scheme launched in May with £120,000 from the UK Shared Prosperity Fund; 19 applications received."]),
                ("2", "Hold a business support event for small and micro businesses each quarter", "Place", "31-Mar-25", "On Target",
                 ["First event held in June with 48 businesses attending.",
                  "September event focused on digital skills.",
                  "December event held jointly with the Chamber of Commerce."]),
                ("3", "Introduce free parking on Saturdays in December to support Christmas trade", "Neighbourhoods", "31-Dec-24", "Achieved",
                 ["Agreed by Cabinet in September.", "Free parking operated on all four Saturdays in December."]),
                ("4", "Review the Council's markets and agree a plan for the weekly market", "Neighbourhoods", "31-Mar-25", "Under Control",
                 ["Consultation with traders completed.",
                  "Options report delayed to allow a visit to comparable markets.",
                  "Options report now planned for the March Cabinet."]),
            ]),
            ("To plan for the homes and infrastructure the district needs", [
                ("1", "Submit the Local Plan Review for independent examination", "Place", "31-Mar-25", "Behind Schedule",
                 ["Regulation 18 consultation closed in May with 1,250 responses.",
                  "Changes to the national planning framework require further evidence on housing need.",
                  "Submission now expected in summer 2025. A revised Local Development Scheme will be published."]),
                ("2", "Adopt a Design Code for the Harrowden North urban extension", "Place", "30-Nov-24", "On Target",
                 ["Engagement events held with residents.", "Draft code published for consultation.",
                  "Consultation responses being considered; adoption on course for the revised date."]),
                ("3", "Work with the county council on a bid for a new Wellby railway station car park", "Place", "31-Jan-25", "Pending",
                 ["Bid depends on the Government opening the next funding round.",
                  "No funding round announced; evidence gathering continues."]),
            ]),
        ]),
        ("To keep the district safe, clean and green", [
            ("To reduce waste and increase recycling", [
                ("1", "Introduce weekly food waste collections for all households", "Neighbourhoods", "31-Mar-25", "On Target",
                 ["Vehicles ordered using Government capital grant.",
                  "Caddies delivered to 60% of households.",
                  "Remaining households to receive caddies in January; collections start on 3 March."]),
                ("2", "Replace the street cleansing fleet with electric vehicles", "Neighbourhoods", "31-Oct-24", "Achieved",
                 ["Eight electric sweepers delivered and in service from September."]),
                ("3", "Run a campaign to cut fly-tipping hot spots", "Neighbourhoods", "30-Sep-24", "Achieved",
                 ["Campaign ran through the summer with mobile cameras at five sites; reports fell by 18%."]),
            ]),
            ("To support safer and healthier communities", [
                ("1", "Refresh the Community Safety Partnership plan with the police and county council", "Communities", "31-Jul-24", "Achieved",
                 ["Plan agreed by the Partnership board in July."]),
                ("2", "Open the refurbished Harrowden Leisure Centre", "Communities", "31-Jan-25", "Behind Schedule",
                 ["Works started on site in April.", "Asbestos found in the plant room has added eight weeks.",
                  "Opening now planned for April 2025."]),
                ("3", "Deliver the Disabled Facilities Grant programme within the budget", "Communities", "31-Mar-25", "Under Control",
                 ["Demand is higher than last year.", "A waiting list is being managed with the county council.",
                  "Additional contractor appointed in November to reduce waiting times."]),
                ("4", "Adopt a new Licensing Policy for taxis and private hire vehicles", "Communities", "31-Dec-24", "On Target",
                 ["Draft policy agreed by the Licensing Committee.", "Consultation with the trade closed in October.",
                  "Final policy to go to the Licensing Committee on 15 January."]),
            ]),
        ]),
    ]
    page_title = "## Harrowden District Council - Key Action Plan 2024/25 - Quarter 3 (Appendix 1)"
    header = tsv_row(["<b>Action</b>", "<b>Lead Directorate</b>", "<b>Target Date</b>", "<b>Status</b>", "<b>Progress notes</b>"])
    lines = [page_title, "", "Corporate Plan 2023-2027", "Key Action Plan 2024/25 - Quarter 3 progress to 31 December 2024",
             "Status key: Achieved | On Target | Under Control | Behind Schedule | Pending (depends on other actions or outside factors)", ""]
    rows_on_page = 0
    quarters = ["(Q1 2024/25) - ", "(Q2 2024/25) - ", "(Q3 2024/25) - "]
    split_done = False
    for ai, (aim, objectives) in enumerate(aims, 1):
        lines.append(tsv_row([f"<b>Aim {ai}. {aim}</b>", "", "", "", ""]))
        for oi, (obj, acts) in enumerate(objectives):
            letter = "abcdefgh"[oi]
            lines.append(tsv_row([f"<b>Objective {ai}.{letter}. {obj}</b>", "", "", "", ""]))
            lines.append(header)
            for num, text, lead, date, status, notes in acts:
                prog = " ".join(q + n for q, n in zip(quarters, notes))
                ref = num
                d.actions.append(A(text, lead=lead, deadline=date, rag=status_rag[status], ref=ref,
                                   objective=obj, theme=aim, progress=prog))
                cell = f"{num}) - {text}"
                if rows_on_page >= 6 and not split_done and len(notes) == 3:
                    # row broken by a page break: the progress cell continues on the next page
                    head, tail = prog.rsplit(" (Q3", 1)
                    lines.append(tsv_row([cell, lead, date, status, head]))
                    lines += ["", page_title, "", header]
                    lines.append(tsv_row(["", "", "", "", "(Q3" + tail]))
                    rows_on_page = 1
                    split_done = True
                    continue
                lines.append(tsv_row([cell, lead, date, status, prog]))
                rows_on_page += 1
                if rows_on_page >= 7:
                    lines += ["", page_title, "", header]
                    rows_on_page = 0
        # a new aim starts a new page, header repeated by the banner block
        lines += ["", page_title, ""]
        rows_on_page = 0
    return d, {d.name: "\n".join(lines) + "\n"}



# --------------------------------------------------------------------------------------------
# P2: NHS foundation trust board action log (HTML): "Date and Action No." | Action | Lead |
# Due Date | Status | Update; one banner row per meeting; initials; open/closed statuses.
# --------------------------------------------------------------------------------------------
@plan
def p2():
    d = Doc("northgate-hospitals-trust-board-action-log-2025-01", "html",
            "Board of Directors (Public) - Action Log", "Northgate Hospitals NHS Foundation Trust",
            "2024/25", 2024)
    st = {"Complete - propose closure": "complete", "Closed": "complete", "Open - not yet due": None,
          "Open - overdue": "red", "On agenda": None, "In progress": None}
    meetings = [
        ("Meeting held 26 September 2024", [
            ("26.09.24 / 03", "Bring a deep dive on outpatient follow-up backlogs to the Finance and Performance Committee", "COO", "November 2024", "Complete - propose closure", "Deep dive received at the November committee; actions picked up in the elective recovery plan."),
            ("26.09.24 / 05", "Circulate the revised Freedom to Speak Up policy to Board members for comment", "DCG", "31/10/24", "Closed", "Circulated 14 October. No further comments received."),
            ("26.09.24 / 08", "Report the outcome of the Ward 12 staffing review to the People Committee", "CNO/DoP", "January 2025", "Open - overdue", "Review report delayed by the winter escalation period; now scheduled for March."),
        ]),
        ("Meeting held 28 November 2024", [
            ("28.11.24 / 01", "Add a measure of discharges before midday to the integrated performance report", "DoF", "January 2025", "Complete - propose closure", "Included from the December report (page 14)."),
            ("28.11.24 / 02", "Arrange a Board development session on the new patient safety incident response framework", "MD", "March 2025", "Open - not yet due", "Date held for 20 March; external facilitator confirmed."),
            ("28.11.24 / 04", "Provide a breakdown of agency spend by staff group for the last six months", "DoF", "30/01/25", "On agenda", "See item 9 on today's agenda."),
            ("28.11.24 / 06", "Confirm the timetable for the digital patient portal roll-out to the maternity service", "CDIO", "January 2025", "In progress", "Supplier timetable received; awaiting confirmation of the integration date."),
            ("28.11.24 / 07", "Write to the ICB setting out the Board's concerns about community bed capacity", "CEO", "December 2024", "Closed", "Letter sent 9 December; reply received and shared with members."),
        ]),
        ("Meeting held 30 January 2025", [
            ("30.01.25 / 01", "Share the learning from the never event in theatres with the Quality Committee", "MD", "March 2025", "Open - not yet due", ""),
            ("30.01.25 / 02", "Review the wording of the strategic objectives in the draft annual plan", "DoS", "27/02/25", "Open - not yet due", ""),
            ("30.01.25 / 03", "Include staff survey results by ward in the next People Committee report", "DoP", "April 2025", "Open - not yet due", ""),
            ("30.01.25 / 04", "Confirm the capital allocation for the Emergency Department expansion with NHS England", "DoF", "Q4", "In progress", "Initial discussion held with the regional team."),
            ("30.01.25 / 05", "Publish the Board Assurance Framework summary on the Trust website", "DCG", "28/02/25", "Open - not yet due", ""),
            ("30.01.25 / 06", "Bring the updated estates strategy to the Board for approval", "DoS", "TBC", "Open - not yet due", "Timing depends on the outcome of the capital bid."),
        ]),
    ]
    rows = []
    for banner, items in meetings:
        rows.append(f'<tr class="meeting"><td colspan="6"><b>{esc(banner)}</b></td></tr>')
        for ref, text, lead, due, status, upd in items:
            d.actions.append(A(text, lead=lead, deadline=due, rag=st[status], ref=ref, update=upd))
            rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in (ref, text, lead, due, status, upd)) + "</tr>")
    body = f"""<p>Agenda item 4</p>
<h1>Board of Directors meeting in public - 27 February 2025</h1>
<h2>Action log</h2>
<p>Actions completed since the last meeting are shown for the Board to agree closure. Closed actions are removed from the log once the Board has agreed.</p>
<p>Lead key: CEO Chief Executive; COO Chief Operating Officer; CNO Chief Nurse; MD Medical Director; DoF Director of Finance; DoP Director of People; DoS Director of Strategy; DCG Director of Corporate Governance; CDIO Chief Digital and Information Officer.</p>
<table>
<thead><tr><th>Date and Action No.</th><th>Action</th><th>Lead</th><th>Due Date</th><th>Status</th><th>Update</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p>Prepared by the Corporate Governance Office, 19 February 2025.</p>"""
    return d, {d.name: html_page(d.title, body, css="tr.meeting td { background: #D9E2F3; }")}


# --------------------------------------------------------------------------------------------
# P3: ICB committee minutes (text from PDF) with ACTION paragraphs in the minutes and an
# action log table of earlier actions at the end.
# --------------------------------------------------------------------------------------------
@plan
def p3():
    d = Doc("fenmouth-icb-quality-committee-minutes-2025-02", "txt",
            "Quality and Performance Committee - Minutes of the meeting held on 13 February 2025",
            "NHS Fenmouth and District Integrated Care Board", "2024/25", 2024)
    head = "## NHS Fenmouth and District ICB - Quality and Performance Committee - 13 February 2025 - CONFIRMED"
    L = [head, "",
         "NHS Fenmouth and District Integrated Care Board",
         "Quality and Performance Committee",
         "Minutes of the meeting held on Thursday 13 February 2025, 10:00-12:30, Board Room, Kestrel House and via Microsoft Teams", "",
         "Present:",
         "Prof Helen Marsh (HM)\tNon-Executive Member (Chair)",
         "Dr Sanjay Rao (SR)\tMedical Director",
         "Joanne Bell (JB)\tDirector of Nursing and Quality",
         "David Whitlock (DW)\tDirector of Performance",
         "Karen Price (KP)\tHead of Patient Safety",
         "Tom Akers (TA)\tNon-Executive Member", "",
         "In attendance:",
         "Lucy Freer (LF)\tCommittee Secretary (minutes)", "",
         "QPC/24/25/078\tWelcome, apologies and declarations of interest",
         "The Chair welcomed members. Apologies were received from the Chief Finance Officer. No new interests were declared.", "",
         "QPC/24/25/079\tMinutes of the previous meeting and action log",
         "The minutes of the meeting held on 12 December 2024 were approved as an accurate record. The action log was reviewed; updates are shown in the table at the end of these minutes.", "",
         "QPC/24/25/080\tMaternity and neonatal services",
         "JB presented the maternity dashboard. Smoking at time of delivery has fallen but remains above the national ambition. Members asked for the data to be broken down by neighbourhood.",
         ]
    inline = [
        ("Break down the smoking at time of delivery data by neighbourhood for the next meeting", "JB", "April 2025",
         "ACTION: Break down the smoking at time of delivery data by neighbourhood for the next meeting (JB) by April 2025"),
        ("Write to the provider asking for its plan to recruit to the vacant consultant midwife post", "JB", "28 February",
         "ACTION: Write to the provider asking for its plan to recruit to the vacant consultant midwife post (JB) by 28 February"),
    ]
    L2 = ["", "QPC/24/25/081\tUrgent and emergency care performance",
          "DW reported that four-hour performance in January was 68.2% against the 78% ambition. Ambulance handover delays had improved at Fenmouth General but not at St Brigid's.",
          ]
    inline2 = [
        ("Bring a recovery trajectory for four-hour performance at St Brigid's Hospital", "DW", "31 March",
         "ACTION: Bring a recovery trajectory for four-hour performance at St Brigid's Hospital (DW) by 31 March"),
        ("Confirm with the ambulance service how handover data will be shared weekly", "DW", "March 2025",
         "Action: Confirm with the ambulance service how handover data will be shared weekly - Lead: DW - Due: March 2025"),
    ]
    L3 = ["", "QPC/24/25/082\tPatient safety incident response framework (PSIRF)",
          "KP gave an update on the first year of PSIRF. Thematic reviews on falls and medication errors are under way. TA asked how learning was being shared with primary care.",
          ]
    inline3 = [
        ("Set out how learning from patient safety investigations will be shared with GP practices", "KP", "May 2025",
         "ACTION: Set out how learning from patient safety investigations will be shared with GP practices (KP) by May 2025"),
        ("Add the falls thematic review to the committee's forward plan", "LF", "13 March",
         "ACTION: Add the falls thematic review to the committee's forward plan (LF) by 13 March"),
    ]
    L4 = ["", head, "",
          "QPC/24/25/083\tContinuing healthcare assessments",
          "SR and DW presented the backlog position. 142 assessments were waiting longer than 28 days. The committee was not assured and asked for a recovery plan.",
          ]
    inline4 = [
        ("Present a recovery plan for continuing healthcare assessments waiting over 28 days", "SR/DW", "April 2025",
         "ACTION: Present a recovery plan for continuing healthcare assessments waiting over 28 days (SR/DW) by April 2025"),
    ]
    L5 = ["", "QPC/24/25/084\tAny other business",
          "The Chair noted that this was KP's last meeting before secondment and thanked her for her work. No other business was raised.", "",
          "Date of next meeting: Thursday 10 April 2025, 10:00", "",
          "Action log - actions from previous meetings", ""]
    table_hdr = tsv_row(["<b>Action no.</b>", "<b>Meeting</b>", "<b>Action</b>", "<b>Owner</b>", "<b>Due</b>", "<b>Status</b>"])
    log = [
        ("QPC-061", "10/10/24", "Review the serious incident backlog with the mental health trust", "KP", "December 2024", "Complete"),
        ("QPC-064", "10/10/24", "Report the results of the cancer patient experience survey", "SR", "February 2025", "Complete"),
        ("QPC-066", "12/12/24", "Share the learning disability mortality review annual report with members", "JB", "January 2025", "Overdue"),
        ("QPC-067", "12/12/24", "Agree the quality schedule for the new community services contract", "JB", "31/03/25", "On track"),
        ("QPC-069", "12/12/24", "Provide an update on children's speech and language therapy waiting times", "DW", "April 2025", "Not yet due"),
        ("QPC-070", "12/12/24", "Invite the Healthwatch manager to present the dental access report", "LF", "April 2025", "Not yet due"),
    ]
    st = {"Complete": "complete", "Overdue": "red", "On track": "green", "Not yet due": None}
    out = list(L)
    for t, lead, due, line in inline:
        d.actions.append(A(t, lead=lead, deadline=due, theme="Maternity and neonatal services"))
        out.append(line + ".")
    out += L2
    for t, lead, due, line in inline2:
        d.actions.append(A(t, lead=lead, deadline=due, theme="Urgent and emergency care performance"))
        out.append(line + ".")
    out += L3
    for t, lead, due, line in inline3:
        d.actions.append(A(t, lead=lead, deadline=due, theme="Patient safety incident response framework (PSIRF)"))
        out.append(line + ".")
    out += L4
    for t, lead, due, line in inline4:
        d.actions.append(A(t, lead=lead, deadline=due, theme="Continuing healthcare assessments"))
        out.append(line + ".")
    out += L5
    out.append(table_hdr)
    for ref, mtg, t, own, due, s in log:
        d.actions.append(A(t, lead=own, deadline=due, rag=st[s], ref=ref,
                           theme="Action log - actions from previous meetings"))
        out.append(tsv_row([ref, mtg, t, own, due, s]))
    out += ["", "Signed (Chair): ..............................  Date: 10 April 2025", ""]
    return d, {d.name: "\n".join(out) + "\n"}


# --------------------------------------------------------------------------------------------
# P4: county climate action plan (HTML): one table per theme, BRAG as words, cost and carbon
# columns, a BRAG key table at the top (not actions).
# --------------------------------------------------------------------------------------------
@plan
def p4():
    d = Doc("westmarch-cc-climate-action-plan-2025-26", "html",
            "Climate Emergency Action Plan 2025-26: progress update", "Westmarch County Council",
            "2025/26", 2025)
    brag = {"Blue": "complete", "Green": "green", "Amber": "amber", "Red": "red"}
    themes = [
        ("Council buildings and operations", "B", [
            ("Install solar panels on County Hall and three libraries", "Property Services", "2025/26", "£480k (capital)", "Medium", "Green"),
            ("Replace gas boilers at five care homes with air source heat pumps", "Property Services", "March 2027", "£2.1m (capital, part grant funded)", "High", "Amber"),
            ("Switch the street lighting stock that remains to LED", "Highways", "Q3 2025/26", "£950k", "High", "Green"),
            ("Buy all electricity from renewable sources under the new energy contract", "Procurement", "April 2025", "Within existing budget", "High", "Blue"),
            ("Publish an annual carbon footprint for the Council's own operations", "Climate Team", "Annually", "Staff time", "Low", "Green"),
            ("Close the Eastgate office and move staff into County Hall", "Property Services", "September 2025", "Saving £140k a year", "Low", "Red"),
        ]),
        ("Transport and travel", "T", [
            ("Replace 40 fleet vans with electric vehicles as leases end", "Fleet Management", "By 2028", "£1.6m over three years", "Medium", "Amber"),
            ("Install 300 public charge points through the LEVI programme", "Transport Strategy", "2026/27", "£3.2m (grant)", "Medium", "Green"),
            ("Adopt the Local Cycling and Walking Infrastructure Plan", "Transport Strategy", "December 2025", "Staff time", "Medium", "Green"),
            ("Introduce a salary sacrifice scheme for staff electric cars", "HR", "June 2025", "Cost neutral", "Low", "Blue"),
            ("Trial demand-responsive bus services in two rural areas", "Passenger Transport", "Q4 2025/26", "£600k (Bus Service Improvement Plan)", "Low", "Amber"),
        ]),
        ("Homes and communities", "H", [
            ("Run a home energy advice service for households in fuel poverty", "Public Health", "Ongoing", "£150k a year", "Medium", "Green"),
            ("Deliver retrofit works to 350 homes under the Warm Homes: Local Grant", "Housing Partnerships", "March 2026", "£4.4m (grant)", "High", "Amber"),
            ("Set up a community energy fund for town and parish councils", "Climate Team", "Autumn 2025", "£250k", "Low", "Red"),
            ("Produce guidance for residents on flood resilience measures", "Flood Risk Management", "July 2025", "Staff time", "Low", "Blue"),
        ]),
        ("Nature and land use", "N", [
            ("Publish the Local Nature Recovery Strategy", "Environment", "Q2 2025/26", "£180k (Defra new burdens)", "Medium", "Green"),
            ("Plant 25,000 trees on council-owned land and highway verges", "Countryside Service", "2025/26", "£210k", "Medium", "Amber"),
            ("Change grass cutting on 60 verges to a wildflower regime", "Highways", "May 2025", "Saving £20k a year", "Low", "Blue"),
            ("Survey the carbon stored in the Council's farm estate", "Property Services", "December 2025", "£35k", "Low", "Green"),
        ]),
        ("Waste and resources", "W", [
            ("Introduce reuse shops at the three busiest recycling centres", "Waste Services", "Spring 2026", "£300k", "Low", "Amber"),
            ("Run a schools campaign to reduce food waste", "Waste Services", "Summer 2025", "£25k", "Low", "Green"),
            ("Require suppliers over £1m to publish carbon reduction plans", "Procurement", "April 2025", "Staff time", "Medium", "Blue"),
            ("Agree a plan for the Council's closed landfill sites to capture methane", "Waste Services", "March 2026", "To be confirmed", "Medium", "Red"),
        ]),
    ]
    parts = ["""<h1>Climate Emergency Action Plan 2025-26</h1>
<p class="lede">Progress update to the Environment and Climate Change Cabinet Committee, September 2025.</p>
<p>The Council declared a climate emergency in 2019 and committed to net zero for its own operations by 2030 and for the county by 2045. This update reports progress on the actions in the 2025-26 plan. Each action is rated using the BRAG key below.</p>
<h3>BRAG key</h3>
<table class="key">
<tr><th>Rating</th><th>Meaning</th></tr>
<tr><td>Blue</td><td>Complete</td></tr>
<tr><td>Green</td><td>On track to deliver by the timescale</td></tr>
<tr><td>Amber</td><td>Some slippage or risk; being managed</td></tr>
<tr><td>Red</td><td>Will not be delivered by the timescale without intervention</td></tr>
</table>"""]
    for ti, (theme, letter, acts) in enumerate(themes, 1):
        rows = []
        for ai, (text, lead, when, cost, carbon, rating) in enumerate(acts, 1):
            ref = f"{letter}{ti}.{ai}"
            d.actions.append(A(text, lead=lead, deadline=when, rag=brag[rating], ref=ref, theme=theme,
                               cost=cost, carbon=carbon))
            rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in (ref, text, lead, when, cost, carbon, rating)) + "</tr>")
        parts.append(f"""<h2>Theme {ti}: {esc(theme)}</h2>
<table>
<tr><th>Ref</th><th>Action</th><th>Lead service</th><th>Timescale</th><th>Estimated cost</th><th>Carbon impact</th><th>BRAG</th></tr>
{chr(10).join(rows)}
</table>""")
    parts.append("<p>Contact: Climate Team, climate@westmarch.example.gov.uk</p>")
    return d, {d.name: html_page(d.title, "\n".join(parts))}


# --------------------------------------------------------------------------------------------
# P5: borough health and wellbeing strategy delivery plan, Chromium PDF (tagged), landscape;
# Priority merged down the first column (rowspan), RAG as cell colour only, header repeated
# on each page by thead.
# --------------------------------------------------------------------------------------------
@plan
def p5():
    d = Doc("easton-borough-hwb-delivery-plan-2024-25", "pdf",
            "Joint Health and Wellbeing Strategy 2024-2029: Delivery Plan 2024/25 (Quarter 2 update)",
            "Easton Borough Council and NHS Easton Place Partnership", "2024/25", 2024)
    ambitions = [
        ("Ambition 1: Start well", [
            ("Give every child the best start in life", [
                ("Extend the Family Hub offer to the two wards without a hub", "Easton Borough Council", "March 2025", "Number of families registered with a Family Hub", "Site agreed for the Northfield hub; opening planned for February.", "green"),
                ("Raise uptake of the first MMR vaccination to 95%", "UKHSA / Easton Place Partnership", "Q4 2024/25", "MMR1 uptake at 24 months", "Uptake 89.4% in Q2; catch-up clinics running in three practices.", "amber"),
                ("Train all health visitors in the perinatal mental health pathway", "Easton Community Health Trust", "December 2024", "Percentage of health visitors trained", "71% trained by the end of September.", "green"),
            ]),
            ("Improve the emotional wellbeing of children and young people", [
                ("Place Mental Health Support Teams in a further 12 schools", "Easton Place Partnership", "September 2024", "Number of schools with a Mental Health Support Team", "Recruitment delays; eight schools covered so far.", "red"),
                ("Co-produce a self-harm awareness resource with young people", "Public Health", "January 2025", "Resource published and promoted", "", None),
                ("Cut waiting times for first CAMHS appointment to 12 weeks", "Easton Community Health Trust", "March 2025", "Median wait to first appointment", "Median wait now 15 weeks, down from 19.", "amber"),
            ]),
        ]),
        ("Ambition 2: Live well", [
            ("Reduce smoking and harm from alcohol", [
                ("Offer stop smoking support in every community pharmacy", "Public Health", "March 2025", "Number of pharmacies offering the service", "31 of 38 pharmacies signed up.", "green"),
                ("Run a targeted campaign on vaping for 11 to 16 year olds", "Public Health", "October 2024", "Campaign reach (school survey)", "Campaign delivered in all secondary schools.", "complete"),
                ("Introduce alcohol care team cover seven days a week at Easton General", "Easton Hospitals NHS Trust", "Q3 2024/25", "Alcohol-related admissions per 100,000", "Business case approved; recruitment under way.", "amber"),
            ]),
            ("Help people to be active and a healthy weight", [
                ("Open the new leisure centre pool to the public", "Easton Borough Council", "June 2024", "Visits per month", "Opened on 3 June with 14,000 visits in the first month.", "complete"),
                ("Commission a tier 2 weight management service for adults", "Public Health", "April 2025", "Number completing the 12-week programme", "Procurement paused pending the public health grant allocation.", "red"),
                ("Map safe walking and cycling routes to every primary school", "Transport Planning", "March 2025", "Routes published", "", None),
            ]),
        ]),
        ("Ambition 3: Age well", [
            ("Support people to live independently for longer", [
                ("Expand the reablement service to take referrals from GPs", "Adult Social Care", "December 2024", "Percentage still at home 91 days after discharge", "Pilot with two primary care networks from October.", "green"),
                ("Roll out falls risk checks at every flu clinic", "Easton Place Partnership", "November 2024", "Falls checks completed", "Checks offered at 22 clinics; 1,800 completed.", "green"),
                ("Review the technology enabled care offer and agree a new model", "Adult Social Care", "January 2025", "New model agreed by Cabinet", "Review started late; options report due in February.", "amber"),
            ]),
            ("Improve care at the end of life", [
                ("Increase the number of people with an advance care plan recorded", "Easton Place Partnership", "March 2025", "Percentage of people on the palliative care register with a plan", "Up from 41% to 48%.", "green"),
                ("Train care home staff in recognising deterioration (RESTORE2)", "Easton Community Health Trust", "Q4 2024/25", "Number of care homes trained", "19 of 34 homes trained.", "green"),
                ("Set up a bereavement support network with the voluntary sector", "Easton CVS", "March 2025", "Network launched", "Funding bid submitted to the National Lottery.", "amber"),
            ]),
        ]),
    ]
    fills = {"green": "#00B050", "amber": "#FFC000", "red": "#FF0000", "complete": "#0070C0", None: "#D9D9D9"}
    parts = [f"""<h1>{esc(d.title)}</h1>
<p>This delivery plan sets out what partners will do in 2024/25 to deliver the three ambitions of the Joint Health and Wellbeing Strategy. Progress is reported to the Health and Wellbeing Board each quarter. The final column shows the delivery rating: green on track, amber some risk, red off track, blue complete, grey not yet started.</p>"""]
    for amb, prios in ambitions:
        rows = []
        for prio, acts in prios:
            for i, (text, lead, when, measure, progress, rag) in enumerate(acts):
                d.actions.append(A(text, lead=lead, deadline=when, rag=rag, objective=prio,
                                   theme=amb.split(": ", 1)[1], measure=measure, progress=progress))
                first = f'<td rowspan="{len(acts)}"><b>{esc(prio)}</b></td>' if i == 0 else ""
                rows.append("<tr>" + first + "".join(f"<td>{esc(c)}</td>" for c in (text, lead, when, measure, progress))
                            + f'<td style="background:{fills[rag]}"></td></tr>')
        parts.append(f"""<h2>{esc(amb)}</h2>
<table>
<thead><tr><th style="width:14%">Priority</th><th style="width:24%">What we will do</th><th>Lead organisation</th><th>By when</th><th>How we will know</th><th style="width:22%">Progress (Q2)</th><th>RAG</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>""")
    return d, {d.name: ("chromium", html_page(d.title, "\n".join(parts), landscape=True,
                                             css="tr { page-break-inside: avoid; }"))}


# --------------------------------------------------------------------------------------------
# P6: community safety partnership action plan, CSV export from Excel: title rows, priority
# only on the first row of its group (merged cells), BRAG letters, multi-line update cells.
# --------------------------------------------------------------------------------------------
@plan
def p6():
    d = Doc("tidewater-csp-action-plan-2025-26", "csv",
            "Safer Tidewater Partnership - Community Safety Action Plan 2025/26", "Safer Tidewater Partnership",
            "2025/26", 2025)
    brag = {"B": "complete", "G": "green", "A": "amber", "R": "red"}
    prios = [
        ("Priority 1: Tackle anti-social behaviour", [
            ("CS1.1", "Run joint patrols in the town centre on Friday and Saturday evenings", "Police", "Council Community Safety Team; Street Pastors", "Ongoing", "G", "Patrols running every weekend.\nCalls about ASB in the night-time economy down 12% on last year."),
            ("CS1.2", "Introduce a Public Spaces Protection Order for Marine Parade", "Council - Community Safety Team", "Police; Legal Services", "Sep-25", "A", "Consultation closed in June.\nReport to Cabinet delayed to October."),
            ("CS1.3", "Agree a single ASB case review process across partners", "Council - Community Safety Team", "Police; Housing associations", "Jun-25", "B", "Process agreed at the June Partnership Board."),
            ("CS1.4", "Install four redeployable CCTV cameras at hot spot locations", "Council - CCTV", "Police", "Q2 2025/26", "G", "Cameras purchased; sites agreed with ward councillors."),
        ]),
        ("Priority 2: Reduce violence against women and girls", [
            ("CS2.1", "Commission an independent domestic violence advisor service for 2026-2029", "Council - Commissioning", "Police and Crime Commissioner", "Mar-26", "G", "Specification drafted with survivors' panel."),
            ("CS2.2", "Deliver bystander training to 200 night-time economy staff", "Police", "Licensing; Pubwatch", "Dec-25", "A", "60 staff trained. Take-up from late-night venues is low."),
            ("CS2.3", "Carry out a women's safety audit of the Eastern Esplanade", "Council - Community Safety Team", "Police; Women's Aid", "Aug-25", "R", "Audit not started: walkabout postponed twice because of staff absence."),
            ("CS2.4", "Publish the Domestic Homicide Review action plan and track it quarterly", "Safer Tidewater Partnership Manager", "All partners", "Quarterly", "G", "Published on the Partnership website in May."),
        ]),
        ("Priority 3: Prevent serious violence and exploitation", [
            ("CS3.1", "Refresh the Serious Violence Duty strategic needs assessment", "Partnership Analyst", "Police; Public Health; Youth Justice", "Jan-26", "G", "Data sharing agreements signed."),
            ("CS3.2", "Fund youth workers in the Emergency Department on weekend evenings", "Violence Reduction Unit", "Tidewater Hospitals NHS Trust", "Mar-26", "A", "Funding confirmed for six months only."),
            ("CS3.3", "Train school staff to spot signs of child criminal exploitation", "Youth Justice Service", "Schools; Children's Social Care", "Jul-25", "B", "Training delivered in all 14 secondary schools."),
            ("CS3.4", "Set up a county lines disruption group with British Transport Police", "Police", "British Transport Police; Youth Justice", "Oct-25", "G", "First meeting held in August."),
        ]),
        ("Priority 4: Reduce reoffending and substance misuse harm", [
            ("CS4.1", "Open a second accommodation unit for prison leavers", "Probation Service", "Council Housing; Landlords", "Mar-26", "R", "No suitable property found.\nOptions paper going to the Reducing Reoffending Board."),
            ("CS4.2", "Increase referrals from custody into drug treatment", "Drug and Alcohol Service", "Police; Probation Service", "Q4 2025/26", "A", "Referral rate 38% against a 50% target."),
            ("CS4.3", "Provide naloxone kits to all supported housing schemes", "Drug and Alcohol Service", "Supported housing providers", "Sep-25", "G", "Kits delivered to 11 of 15 schemes."),
            ("CS4.4", "Run a fire safety and hoarding awareness session for drug treatment staff", "Fire & Rescue Service", "Drug and Alcohol Service", "Nov-25", "G", "Session booked for November."),
        ]),
    ]
    rows = [["Safer Tidewater Partnership"], ["Community Safety Action Plan 2025/26 - Quarter 1 update (April to June 2025)"],
            ["BRAG: B = complete, G = on track, A = some concerns, R = off track"], [],
            ["No.", "Priority", "Action", "Lead Agency", "Partners", "Completion date", "BRAG", "Q1 Update"]]
    for prio, acts in prios:
        for i, (ref, text, lead, partners, when, b, upd) in enumerate(acts):
            d.actions.append(A(text, lead=lead, deadline=when, rag=brag[b], ref=ref, objective=prio,
                               partners=partners, update=upd))
            rows.append([ref, prio if i == 0 else "", text, lead, partners, when, b, upd])
    rows += [[], ["Partnership Manager: community.safety@tidewater.example.gov.uk"]]
    return d, {d.name: csv_text(rows)}



# --------------------------------------------------------------------------------------------
# P7: internal audit recommendations tracker, TSV export. The action is the agreed management
# action (the recommendation is context); Priority is not a RAG; Revised date is an extra.
# --------------------------------------------------------------------------------------------
@plan
def p7():
    d = Doc("wellby-bc-audit-recommendations-tracker-2024-25", "tsv",
            "Internal Audit - Follow-up of Agreed Actions (position at 31 January 2025)",
            "Wellby Borough Council (Shire Audit Partnership)", "2024/25", 2024)
    st = {"Implemented": "complete", "Partially implemented": "amber", "Not implemented": "red",
          "Not yet due": None, "Superseded": None}
    audits = [
        ("Creditors 2023/24", "Reasonable", [
            ("1", "High", "Supplier bank detail changes should be independently verified before they are processed.",
             "Introduce a call-back check to a known contact for every change of supplier bank details and record it in the finance system.",
             "Head of Finance", "31/05/2024", "", "Implemented", "Call-back procedure in place from April; sample testing confirmed."),
            ("2", "Medium", "Duplicate payment reports should be run and reviewed before each payment run.",
             "Run the duplicate payment report before each weekly payment run and keep evidence of review.",
             "Exchequer Manager", "30/06/2024", "", "Implemented", ""),
            ("3", "Low", "The creditors procedure notes are out of date.",
             "Update the creditors procedure notes and publish them on the intranet.",
             "Exchequer Manager", "30/09/2024", "31/03/2025", "Partially implemented", "Draft notes prepared; waiting for the new finance system screens."),
        ]),
        ("ICT Disaster Recovery", "Limited", [
            ("1", "High", "There is no tested disaster recovery plan for the main data centre.",
             "Produce an ICT disaster recovery plan covering the priority systems and test it at least once a year.",
             "ICT Manager", "30/09/2024", "31/03/2025", "Not implemented", "Plan drafted. The test was postponed because of the network upgrade."),
            ("2", "High", "Backups are not restored to check they work.",
             "Carry out a quarterly test restore of backups for each priority system and report results to the Digital Board.",
             "ICT Infrastructure Lead", "31/12/2024", "", "Partially implemented", "Two of five priority systems tested so far."),
            ("3", "Medium", "Business continuity plans do not state how long services can cope without ICT.",
             "Ask each service to set a recovery time for its systems in its business continuity plan.",
             "Emergency Planning Officer", "31/03/2025", "", "Not yet due", ""),
        ]),
        ("Council Tax Reduction", "Substantial", [
            ("1", "Medium", "Changes in circumstances are not always actioned within target.",
             "Report the time taken to process changes of circumstance to the Revenues and Benefits management team each month.",
             "Revenues and Benefits Manager", "31/07/2024", "", "Implemented", "Monthly report in place."),
            ("2", "Low", "Some scanned evidence could not be found on the document system.",
             "Remind assessment staff of the indexing standard and check a sample each quarter.",
             "Benefits Team Leader", "31/10/2024", "", "Implemented", ""),
        ]),
        ("Contract Management", "Limited", [
            ("1", "High", "The contracts register is incomplete.",
             "Complete the contracts register for all contracts over £25,000 and publish it as required by the Transparency Code.",
             "Procurement Lead", "31/10/2024", "28/02/2025", "Partially implemented", "Register 80% complete; services chased for missing entries."),
            ("2", "High", "Contract managers have not been named for several major contracts.",
             "Name a contract manager for every contract over £100,000 and record them on the register.",
             "Procurement Lead", "31/10/2024", "", "Implemented", ""),
            ("3", "Medium", "Contract managers have not received training.",
             "Deliver contract management training to all named contract managers.",
             "Head of Legal and Democratic Services", "31/03/2025", "", "Not yet due", "Training booked for March."),
            ("4", "Medium", "Performance meetings with the leisure operator are not minuted.",
             "Minute quarterly performance meetings with the leisure operator and keep them on the contract file.",
             "Leisure Client Officer", "30/06/2024", "", "Superseded", "Leisure contract brought in house from 1 October 2024."),
        ]),
        ("Health and Safety", "Reasonable", [
            ("1", "High", "Fire risk assessments for two community centres are overdue.",
             "Complete fire risk assessments for Brook Street and Hollins community centres.",
             "Facilities Manager", "31/08/2024", "", "Implemented", "Both completed in August."),
            ("2", "Medium", "Lone working devices are not issued to all enforcement officers.",
             "Issue lone working devices to all enforcement and housing officers who visit residents alone.",
             "Health and Safety Adviser", "30/11/2024", "", "Not implemented", "Devices on order; delivery expected February."),
            ("3", "Low", "Accident reports are not analysed for trends.",
             "Include an analysis of accident trends in the six-monthly health and safety report to Management Team.",
             "Health and Safety Adviser", "31/01/2025", "", "Implemented", ""),
        ]),
        ("Grants to Voluntary Organisations", "Reasonable", [
            ("1", "Medium", "Monitoring returns are not always received before the second payment is made.",
             "Hold the second grant instalment until the monitoring return has been received and checked.",
             "Community Development Manager", "30/04/2025", "", "Not yet due", ""),
            ("2", "Low", "Grant decisions are not published.",
             "Publish grant awards over £500 on the Council website each quarter.",
             "Community Development Manager", "30/09/2024", "", "Implemented", ""),
        ]),
    ]
    hdr = ["Audit", "Assurance opinion", "Rec No.", "Priority", "Recommendation", "Agreed management action",
           "Responsible officer", "Target date", "Revised date", "Status", "Comments"]
    rows = [["Wellby Borough Council - Audit and Governance Committee, 12 February 2025 - Appendix B: follow-up of agreed actions"], [], hdr]
    for audit, opinion, recs in audits:
        for no, pri, rec, act, officer, target, revised, status, comment in recs:
            d.actions.append(A(act, lead=officer, deadline=target, rag=st[status], ref=no,
                               theme=audit, recommendation=rec, priority=pri, revised=revised))
            rows.append([audit, opinion, no, pri, rec, act, officer, target, revised, status, comment])
    return d, {d.name: csv_text(rows, delimiter="\t")}


# --------------------------------------------------------------------------------------------
# P8: overview and scrutiny recommendation tracker (HTML). The Recommendation column is the
# action; Date and Exec date are not deadlines; rating letters with fills and a status word.
# --------------------------------------------------------------------------------------------
@plan
def p8():
    d = Doc("kingsbridge-scrutiny-recommendation-tracker-2025", "html",
            "Scrutiny Recommendation Tracker - March 2025", "Kingsbridge City Council", "2024/25", 2024)
    recs = [
        ("SR (23/24) 14", "PLC", "11/03/24", "Environment", "That the Executive introduce a food waste collection trial in two wards before the city-wide roll-out", "Accepted", "Head of Waste / Cllr Dunne", "September 2024", "Trial ran in Abbey and Riverside wards from June; evaluation reported in October.", "G", "Complete"),
        ("SR (23/24) 17", "CRP", "15/04/24", "Finance", "That the medium-term financial strategy include a sensitivity analysis of pay award assumptions", "Accepted", "Chief Finance Officer", "February 2025", "Included in the February budget report (section 6).", "G", "Complete"),
        ("SR (24/25) 01", "PPL", "10/06/24", "Adult Social Care", "That the Executive review the charging policy for home care so that people are not charged for missed calls", "Partially accepted", "Director of Adult Services / Cllr Okoye", "December 2024", "Review completed; refunds for missed calls agreed, wider charging changes deferred.", "A", "Ongoing"),
        ("SR (24/25) 02", "PPL", "10/06/24", "Public Health", "That the Council sign the Local Government Declaration on Sugar Reduction", "Accepted", "Director of Public Health", "October 2024", "Declaration signed at Council on 17 October.", "G", "Complete"),
        ("SR (24/25) 03", "CRP", "01/07/24", "Customer Services", "That call waiting times for the contact centre be published monthly on the Council website", "Accepted", "Head of Customer Services", "September 2024", "Published from August.", "G", "Complete"),
        ("SR (24/25) 04", "PLC", "08/07/24", "Housing", "That the Executive set a target for the time taken to re-let empty council homes and report it quarterly", "Accepted", "Director of Housing / Cllr Patel", "January 2025", "Target of 35 days proposed; reporting starts in Q4.", "A", "Ongoing"),
        ("SR (24/25) 05", "PLC", "08/07/24", "Housing", "That the damp and mould action plan include a timescale for inspecting every home in the high-rise blocks", "Accepted", "Director of Housing", "March 2025", "Inspections 60% complete; contractor capacity is limiting progress.", "A", "Ongoing"),
        ("SR (24/25) 06", "CRP", "16/09/24", "Governance", "That the Executive publish a forward plan of key decisions covering six months rather than four", "Rejected", "Head of Democratic Services", "Not applicable", "The Executive considered that four months gives more reliable dates.", "", ""),
        ("SR (24/25) 07", "PPL", "23/09/24", "Children's Services", "That the Council explore a second in-house children's home in the north of the city", "Accepted", "Director of Children's Services", "June 2025", "Property search under way; feasibility report being prepared.", "G", "Ongoing"),
        ("SR (24/25) 08", "PPL", "23/09/24", "Children's Services", "That the Executive ask the ICB to report on waiting times for neurodevelopmental assessments", "Accepted", "Director of Children's Services", "November 2024", "ICB has not yet responded; request escalated to the Health and Wellbeing Board.", "R", "Paused"),
        ("SR (24/25) 09", "PLC", "04/11/24", "Transport", "That the Executive consult businesses before changing loading restrictions on the High Street", "Accepted", "Head of Highways", "April 2025", "Consultation planned for March.", "G", "Ongoing"),
        ("SR (24/25) 10", "PLC", "04/11/24", "Planning", "That the validation checklist for planning applications be reviewed with local agents", "Accepted", "Head of Planning", "March 2025", "Workshop held with agents in January.", "G", "Ongoing"),
        ("SR (24/25) 11", "CRP", "13/01/25", "Finance", "That the capital programme report show schemes that have slipped for more than a year", "Accepted", "Chief Finance Officer", "Q1 2025/26", "", "G", "Ongoing"),
        ("SR (24/25) 12", "CRP", "13/01/25", "ICT", "That the Executive set out the savings expected from the new customer relationship management system", "Accepted", "Head of Digital", "TBC", "", "", "Ongoing"),
    ]
    fills = {"G": "#00B050", "A": "#FFC000", "R": "#FF0000", "": "#FFFFFF"}
    letter = {"G": "green", "A": "amber", "R": "red", "": None}
    rows = []
    for ref, origin, date, area, rec, resp, lead, impl, taken, rating, status in recs:
        rag = "complete" if status == "Complete" else letter[rating]
        d.actions.append(A(rec, lead=lead, deadline=impl, rag=rag, ref=ref, origin=origin, date=date,
                           area=area, response=resp, action_taken=taken, status=status,
                           due=None if impl in ("Not applicable", "TBC") else "auto",
                           optional=resp == "Rejected"))
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in (ref, origin, date, area, rec, resp, lead, impl, taken))
                    + f'<td style="background-color:{fills[rating]};text-align:center">{rating}</td><td>{esc(status)}</td></tr>')
    body = f"""<h1>Scrutiny Recommendation Tracker</h1>
<p>Corporate Scrutiny Committee, 24 March 2025. Report of the Head of Democratic Services, Annex A.</p>
<p>This tracker lists recommendations made by the scrutiny committees since April 2023 that have not yet been signed off. The committee is asked to agree that completed recommendations be removed.</p>
<table>
<thead><tr><th>Reference</th><th>Origin</th><th>Date</th><th>Area</th><th>Recommendation</th><th>Executive response</th><th>Lead Officer/EM</th><th>Implementation date</th><th>Action taken</th><th>Progress rating</th><th>Status</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h3>Key</h3>
<p>Origin: CRP Corporate Scrutiny Committee; PPL People Scrutiny Committee; PLC Place Scrutiny Committee. Date: date of the committee meeting that made the recommendation. Area: directorate or portfolio. Lead Officer/EM: officer and Executive Member responsible.</p>
<p>Progress rating: G recommendation achieved or acceptable progress; A some progress, keep monitoring; R unacceptable progress, lead officer to attend committee.</p>"""
    return d, {d.name: html_page(d.title, body, landscape=True)}


# --------------------------------------------------------------------------------------------
# P9: children's services improvement plan after an Ofsted inspection (text from PDF). The
# Ofsted recommendation is a banner row (objective); header only on the first page; an action
# cell broken across a page; BRAG letters; posts as leads.
# --------------------------------------------------------------------------------------------
@plan
def p9():
    d = Doc("marlow-vale-childrens-improvement-plan-2024-25", "txt",
            "Children's Services Improvement Plan 2024-2025 (post-ILACS) - progress at November 2024",
            "Marlow Vale Council", "2024/25", 2024)
    brag = {"B": "complete", "G": "green", "A": "amber", "R": "red"}
    themes = [
        ("Help and protection", [
            ("The timeliness and quality of work in the front door when children are first referred", [
                ("1.1", "Recruit permanent team managers to the MASH and reduce reliance on agency staff", "Head of Service - Front Door", "Sept 2024", "Agency staff below 20% in the MASH", "Two permanent managers appointed; one post out to advert.", "A"),
                ("1.2", "Introduce daily multi-agency screening meetings for all police domestic abuse notifications", "Head of Service - Front Door", "July 2024", "All notifications screened within 24 hours", "Daily meetings in place since July.", "B"),
                ("1.3", "Audit 20 contacts a month and feed learning back to staff through practice weeks", "Principal Social Worker", "Ongoing - monthly audit", "Audits graded good or better rise to 60%", "Audit programme running; 44% graded good in October.", "G"),
                ("1.4", "Revise the threshold document with partners and relaunch it to schools", "Safeguarding Partnership Business Manager", "Q3 2024/25", "Fewer inappropriate referrals from schools", "Draft agreed by the partnership executive.", "G"),
            ]),
            ("Strategy discussions and child protection enquiries", [
                ("2.1", "Make sure health and education attend every strategy discussion", "Head of Service - Assessment and Child Protection", "31/12/24", "Attendance recorded in 95% of strategy discussions", "Health attendance 88%, education 71%.", "A"),
                ("2.2", "Introduce a weekly performance clinic for team managers covering visits, supervision and case summaries", "Service Manager - Performance", "October 2024", "All team managers attend monthly", "Clinics started in October.", "G"),
                ("2.3", "Review all children subject to a child protection plan for more than 18 months", "Head of Service - Assessment and Child Protection", "30/11/24", "Each child has a clear plan for step-down or escalation", "Review complete for 37 of 41 children.", "A"),
            ]),
        ]),
        ("Children in care and care leavers", [
            ("Permanence planning for children in care", [
                ("3.1", "Hold a permanence planning meeting by the second statutory review for every child", "Head of Service - Children in Care", "From October 2024", "Permanence plan recorded by the second review", "Meetings being scheduled; recording on the system not yet reliable.", "A"),
                ("3.2", "Clear the backlog of special guardianship assessments", "Fostering Service Manager", "March 2025", "No assessment waiting more than 12 weeks", "Backlog down from 19 to 11.", "G"),
                ("3.3", "Train independent reviewing officers to challenge drift through the dispute resolution process", "Head of Safeguarding and Quality Assurance", "Sept 2024", "Number of escalations raised each quarter", "Training delivered to all IROs in September.", "B"),
            ]),
            ("Support for care leavers with housing and health", [
                ("4.1", "Agree a joint housing protocol for care leavers with the district councils", "Head of Service - Care Leavers", "January 2025", "No care leaver placed in bed and breakfast", "Protocol agreed by two of three districts.", "A"),
                ("4.2", "Give every care leaver a health passport when they reach 18", "Designated Nurse for Children in Care", "Q4 2024/25", "Health passports issued", "Passport designed with young people; roll-out from January.", "G"),
                ("4.3", "Extend the local offer so that care leavers are exempt from council tax up to age 25", "Head of Service - Care Leavers", "April 2024", "Exemption in place", "Agreed in the 2024/25 budget.", "B"),
                ("4.4", "Recruit two personal advisers for care leavers aged 21 to 25", "Head of Service - Care Leavers", "December 2024", "Caseloads of no more than 25", "Recruitment failed at first advert; re-advertised.", "R"),
            ]),
        ]),
        ("Leadership, management and workforce", [
            ("Management oversight and supervision", [
                ("5.1", "Introduce a supervision template that records the reasons for decisions and actions for the child", "Principal Social Worker", "August 2024", "Supervision audits show recorded reasoning in 80% of cases", "Template in use since August.", "B"),
                ("5.2", "Report supervision frequency by team to the Improvement Board each month", "Service Manager - Performance", "Monthly", "Supervision in timescale above 90%", "Report in place; 84% in October.", "G"),
            ]),
            ("A stable and skilled workforce", [
                ("6.1", "Launch a recruitment and retention offer including a market supplement for experienced social workers", "Head of Workforce Development", "September 2024", "Vacancy rate below 15%", "Offer launched; vacancy rate 19%.", "A"),
                ("6.2", "Run an Assessed and Supported Year in Employment programme for 25 newly qualified social workers", "Head of Workforce Development", "2024/25", "Retention of newly qualified staff after two years", "Cohort of 22 started in September.", "G"),
                ("6.3", "Complete the move to the new case management system and switch off the old system", "Director of Children's Services", "March 2025", "Old system switched off", "Data migration testing has found errors; go-live date under review.", "R"),
                ("6.4", "Hold quarterly practice weeks where senior leaders observe frontline practice", "Director of Children's Services", "Quarterly", "Leaders' observations recorded and themes reported", "Practice weeks held in July and October.", "G"),
            ]),
        ]),
    ]
    head = "## Marlow Vale Council - Children's Services Improvement Plan - November 2024 update"
    hdr = tsv_row(["<b>Ref</b>", "<b>Action</b>", "<b>Accountable lead</b>", "<b>Timescale</b>",
                   "<b>Success measure / evidence of impact</b>", "<b>Progress update (Nov 2024)</b>", "<b>BRAG</b>"])
    out = [head, "", "Marlow Vale Council", "Children's Services Improvement Plan 2024-2025",
           "Responding to the Ofsted inspection of local authority children's services (ILACS), April 2024",
           "Monitored by the Children's Improvement Board. BRAG: B complete, G on track, A some slippage, R off track.", "", hdr]
    n_rows = 0
    broke = False
    for theme, recs in themes:
        out.append(tsv_row([f"<b>{theme}</b>", "", "", "", "", "", ""]))
        for ri, (rec, acts) in enumerate(recs):
            recno = acts[0][0].split(".")[0]
            out.append(tsv_row([f"<b>Ofsted recommendation {recno}: {rec}</b>", "", "", "", "", "", ""]))
            for ref, text, lead, when, measure, prog, b in acts:
                due = None if when.startswith(("Ongoing", "From", "Monthly", "Quarterly")) else "auto"
                d.actions.append(A(text, lead=lead, deadline=when, rag=brag[b], ref=ref, objective=rec,
                                   theme=theme, measure=measure, progress=prog, due=due))
                n_rows += 1
                if ref == "2.2" and not broke:
                    # the action cell is broken by the page break; no header on the next page
                    words = text.split()
                    first, rest = " ".join(words[:9]), " ".join(words[9:])
                    out.append(tsv_row([ref, first, lead, when, measure, prog, b]))
                    out += ["", head, ""]
                    out.append(tsv_row(["", rest, "", "", "", "", ""]))
                    broke = True
                    continue
                out.append(tsv_row([ref, text, lead, when, measure, prog, b]))
                if n_rows % 8 == 0:
                    out += ["", head, ""]
    out += ["", "Next update to the Children's Improvement Board: January 2025", ""]
    return d, {d.name: "\n".join(out) + "\n"}


# --------------------------------------------------------------------------------------------
# P10: local area SEND priority action plan, LibreOffice PDF (untagged). One table per area
# for priority action; the outcome merged down the first column; track-phrase statuses.
# --------------------------------------------------------------------------------------------
@plan
def p10():
    d = Doc("redcastle-send-priority-action-plan-2025", "pdf",
            "Local Area Partnership SEND Priority Action Plan 2025", "Redcastle Local Area Partnership (Redcastle Council and NHS Redcastle ICB)",
            "2025/26", 2025)
    st = {"Complete": "complete", "On track": "green", "At risk": "amber", "Off track": "red", "Not started": None}
    areas = [
        ("Area for priority action 1: Timeliness and quality of education, health and care needs assessments", [
            ("Children and young people get their EHC plan within 20 weeks", [
                ("Recruit six additional educational psychologists and use locums to clear the backlog", "Head of SEND Services", "3 months: 3 posts filled; 6 months: backlog halved", "September 2025", "Percentage of EHC plans issued within 20 weeks", "At risk"),
                ("Set up a weekly multi-agency panel to agree plans before the draft is issued", "SEND Assessment Manager", "Panel running from May", "May 2025", "Number of drafts returned for amendment", "Complete"),
                ("Agree a service level agreement for health advice to be returned within six weeks", "Designated Clinical Officer", "SLA signed by both trusts", "June 2025", "Health advice returned within six weeks", "On track"),
            ]),
            ("EHC plans are specific and describe the support a child will receive", [
                ("Audit 30 new EHC plans each quarter with parent carers on the audit panel", "Principal Educational Psychologist", "First audit in Q1; quarterly after", "Quarterly", "Plans graded good in audit", "On track"),
                ("Train case officers in writing outcomes that can be measured", "SEND Assessment Manager", "All case officers trained", "July 2025", "Plans with measurable outcomes", "On track"),
            ]),
        ]),
        ("Area for priority action 2: Waiting times for neurodevelopmental and therapy services", [
            ("Families wait less time for an autism or ADHD assessment and get support while they wait", [
                ("Commission additional assessment capacity from an independent provider", "ICB Head of Children's Commissioning", "Contract awarded; 400 extra assessments", "August 2025", "Number of children waiting over 52 weeks", "Off track"),
                ("Launch a waiting well offer with advice sessions run by the parent carer forum", "Redcastle Parent Carer Forum", "Sessions every month in three localities", "June 2025", "Parents reporting they feel supported while waiting", "Complete"),
                ("Publish waiting times for each pathway on the Local Offer website", "Local Offer Manager", "First publication in June", "June 2025", "Waiting times published monthly", "On track"),
            ]),
            ("Speech and language therapy is available in every school", [
                ("Fund speech and language therapy assistants in 30 primary schools", "Head of Inclusion", "Recruitment in summer term; in post by September", "September 2025", "Schools with a therapy assistant", "At risk"),
                ("Train early years practitioners in early language screening", "Early Years Lead", "Two cohorts trained", "March 2026", "Settings using the screening tool", "Not started"),
            ]),
        ]),
        ("Area for improvement: Preparing for adulthood", [
            ("Young people with SEND have a planned move into adult services", [
                ("Start transition planning at age 14 in every annual review", "Head of SEND Services", "Guidance issued to schools", "September 2025", "Annual reviews from Year 9 with a preparing for adulthood section", "On track"),
                ("Set up a transitions panel with adult social care and the mental health trust", "Head of Adult Social Care", "Panel terms of reference agreed", "July 2025", "Young people with an agreed adult services plan by age 17 and a half", "At risk"),
                ("Expand supported internships to 40 places", "Post-16 SEND Lead", "Two new employers signed up", "2025/26", "Number of supported internships", "On track"),
                ("Co-produce a preparing for adulthood guide with young people", "Participation Officer", "Guide published", "October 2025", "Guide downloads and feedback", "Not started"),
            ]),
        ]),
    ]
    parts = [f"""<h1>{esc(d.title)}</h1>
<p>Following the Ofsted and CQC area SEND inspection in January 2025, the local area partnership must produce a priority action plan for the two areas for priority action. This plan also covers the area for improvement. Progress is monitored by the SEND Improvement Board and reviewed by the Department for Education and NHS England every six months.</p>
<p>Status: Complete; On track; At risk (some milestones may slip); Off track (milestones missed); Not started.</p>"""]
    for area, outcomes in areas:
        rows = []
        for outcome, acts in outcomes:
            for i, (text, lead, milestones, when, impact, status) in enumerate(acts):
                d.actions.append(A(text, lead=lead, deadline=when, rag=st[status], objective=outcome,
                                   theme=area.split(": ", 1)[1], milestones=milestones, impact=impact,
                                   due=None if when == "Quarterly" else "auto"))
                first = f'<td rowspan="{len(acts)}">{esc(outcome)}</td>' if i == 0 else ""
                rows.append("<tr>" + first + "".join(f"<td>{esc(c)}</td>" for c in (text, lead, milestones, when, impact, status)) + "</tr>")
        parts.append(f"""<h2>{esc(area)}</h2>
<table border="1" cellpadding="4">
<thead><tr><th>Outcome we want</th><th>Action</th><th>Lead</th><th>Milestones</th><th>Date</th><th>Impact measure</th><th>Status</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>""")
    return d, {d.name: ("libreoffice", html_page(d.title, "\n".join(parts)))}


# --------------------------------------------------------------------------------------------
# P11: acute trust CQC quality improvement plan (HTML). Must do / should do sections; the CQC
# finding merged down (rowspan) as objective; two people columns (action owner is the lead,
# executive lead is accountability); BRAG as fill colour only.
# --------------------------------------------------------------------------------------------
@plan
def p11():
    d = Doc("st-aldhelms-ft-cqc-improvement-plan-2025", "html",
            "CQC Quality Improvement Plan 2025 - Must do and Should do actions", "St Aldhelm's Hospitals NHS Foundation Trust",
            "2025/26", 2025)
    fills = {"complete": "#0070C0", "green": "#00B050", "amber": "#FFC000", "red": "#FF0000"}
    sections = [
        ("Must do actions", "MD", [
            ("The trust must ensure that patients in the emergency department are assessed by a clinician within 15 minutes of arrival (Regulation 12)", [
                ("Introduce a rapid assessment and triage nurse at the front door from 08:00 to midnight", "Matron, Emergency Department", "Chief Operating Officer", "30/04/2025", "Rota and triage times from the ED dashboard", "complete"),
                ("Report time to initial assessment daily to the site team and weekly to the executive team", "ED Service Manager", "Chief Operating Officer", "May 2025", "Weekly executive report", "green"),
            ]),
            ("The trust must ensure that medicines are stored at the correct temperature (Regulation 12)", [
                ("Fit remote temperature monitoring to all ward medicine fridges", "Chief Pharmacist", "Medical Director", "June 2025", "Alerts log from the monitoring system", "amber"),
                ("Include fridge temperature checks in the monthly ward accreditation audit", "Deputy Chief Nurse", "Chief Nurse", "May 2025", "Audit results", "complete"),
            ]),
            ("The trust must ensure staff complete mandatory safeguarding training (Regulation 18)", [
                ("Reach 90% compliance with level 3 safeguarding children training in the emergency department and paediatrics", "Named Nurse for Safeguarding Children", "Chief Nurse", "Q2 2025/26", "Training compliance report", "amber"),
                ("Give each ward manager a monthly list of staff whose training is due to expire", "Head of Learning and Development", "Chief People Officer", "April 2025", "Lists issued", "complete"),
                ("Add protected time for training to the e-rostering rules", "e-Rostering Lead", "Chief People Officer", "July 2025", "Rostering rule in place", "red"),
            ]),
            ("The trust must ensure that records of patients detained under the Mental Health Act are complete (Regulation 17)", [
                ("Appoint a Mental Health Act administrator for the acute site", "Head of Patient Safety", "Medical Director", "May 2025", "Post filled", "green"),
                ("Audit Mental Health Act paperwork for every detained patient each month", "Mental Health Act Administrator", "Medical Director", "Monthly", "Monthly audit results to the Quality Committee", "green"),
            ]),
        ]),
        ("Should do actions", "SD", [
            ("The trust should ensure patients' privacy and dignity is maintained in the discharge lounge", [
                ("Install screens and a private area for personal care in the discharge lounge", "Estates Project Manager", "Director of Estates and Facilities", "August 2025", "Works completed", "amber"),
            ]),
            ("The trust should improve the response to complaints within its target of 35 working days", [
                ("Clear the backlog of complaints older than 35 working days", "Head of Patient Experience", "Chief Nurse", "June 2025", "Complaints backlog report", "red"),
                ("Offer every complainant a phone call from the ward manager within five days", "Head of Patient Experience", "Chief Nurse", "May 2025", "Complaints system record", "green"),
            ]),
            ("The trust should ensure that learning from incidents is shared with all staff", [
                ("Publish a monthly safety bulletin and discuss it at ward safety huddles", "Patient Safety Specialist", "Medical Director", "April 2025", "Bulletins and huddle records", "complete"),
                ("Set up a learning from deaths forum open to all clinical staff", "Mortality Lead", "Medical Director", "September 2025", "Forum terms of reference and attendance", "green"),
            ]),
            ("The trust should ensure that equipment checks on resuscitation trolleys are completed daily", [
                ("Move resuscitation trolley checks to the electronic checklist with escalation of missed checks", "Resuscitation Officer", "Chief Nurse", "June 2025", "Checklist compliance report", "green"),
                ("Replace resuscitation trolleys on the older wards", "Head of Medical Devices", "Director of Finance", "March 2026", "Trolleys replaced", "amber"),
            ]),
        ]),
    ]
    parts = [f"""<h1>{esc(d.title)}</h1>
<p>Following the CQC inspection of urgent and emergency care and medical care (January 2025), the trust has developed this improvement plan in response to the must do and should do actions in the report. The plan is monitored by the Quality Committee and reported to the Board of Directors.</p>
<table class="key" style="width:40%"><tr><th>Colour</th><th>Meaning</th></tr>
<tr><td style="background:#0070C0"></td><td>Complete and evidence assured</td></tr>
<tr><td style="background:#00B050"></td><td>On track</td></tr>
<tr><td style="background:#FFC000"></td><td>At risk of slipping</td></tr>
<tr><td style="background:#FF0000"></td><td>Off track or overdue</td></tr></table>"""]
    for section, code, findings in sections:
        rows = []
        n = 0
        for fi, (finding, acts) in enumerate(findings, 1):
            for i, (text, owner, exec_lead, when, evidence, rag) in enumerate(acts):
                n += 1
                ref = f"{code}{fi}.{i + 1}"
                d.actions.append(A(text, lead=owner, deadline=when, rag=rag, ref=ref, objective=finding,
                                   theme=section, exec_lead=exec_lead, evidence=evidence,
                                   due=None if when == "Monthly" else "auto"))
                first = f'<td rowspan="{len(acts)}">{esc(finding)}</td>' if i == 0 else ""
                rows.append(f"<tr><td>{ref}</td>" + first + "".join(f"<td>{esc(c)}</td>" for c in (text, owner, exec_lead, when, evidence))
                            + f'<td style="background-color: {fills[rag]};">&nbsp;</td></tr>')
        parts.append(f"""<h2>{esc(section)}</h2>
<table>
<thead><tr><th>Ref</th><th>CQC finding</th><th>Action</th><th>Action owner</th><th>Executive lead</th><th>Completion date</th><th>Evidence of completion</th><th>BRAG</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>""")
    return d, {d.name: html_page(d.title, "\n".join(parts), landscape=True)}


# --------------------------------------------------------------------------------------------
# P12: homelessness strategy action plan as a web page of cards (no <table>): each action is a
# block with a heading and labelled fields.
# --------------------------------------------------------------------------------------------
@plan
def p12():
    d = Doc("greywater-homelessness-action-plan-2024-2027", "html",
            "Homelessness and Rough Sleeping Strategy 2024 to 2027: action plan", "Greywater Borough Council",
            "2024/25", 2024)
    st = {"Complete": "complete", "In progress": None, "Not started": None, "On hold": None}
    prios = [
        ("Priority 1: Prevent homelessness at the earliest opportunity", [
            ("1.1", "Set up a homelessness prevention fund to help households stay in their homes", "Housing Options Manager", "Citizens Advice Greywater", "Year 1 (2024/25)", "Complete", "Fund launched in June 2024; 112 households helped in the first six months."),
            ("1.2", "Agree a duty to refer protocol with the hospital discharge teams", "Housing Options Manager", "Greywater Hospitals NHS Trust", "Year 1 (2024/25)", "In progress", "Draft protocol shared with the trust."),
            ("1.3", "Provide housing advice sessions in secondary schools and colleges", "Youth Homelessness Officer", "Schools; Greywater College", "Year 2 (2025/26)", "Not started", ""),
            ("1.4", "Offer tenancy sustainment support to private renters served with a section 21 notice", "Private Sector Housing Manager", "Local landlords' association", "March 2025", "In progress", "Support officer recruited; referrals started in January."),
        ]),
        ("Priority 2: End the need to sleep rough", [
            ("2.1", "Run a 24-hour street outreach service seven days a week", "Rough Sleeping Coordinator", "St Anselm's Trust", "Ongoing", "In progress", "Outreach contract extended to March 2026."),
            ("2.2", "Open a winter night shelter from November to March each year", "Rough Sleeping Coordinator", "Faith groups", "November 2024", "Complete", "Shelter opened on 1 November with 15 beds."),
            ("2.3", "Create 20 Housing First places for people with multiple and complex needs", "Head of Housing", "Mental health trust; drug and alcohol service", "Year 3 (2026/27)", "In progress", "Eight places in use."),
            ("2.4", "Agree a No Second Night Out assessment hub with neighbouring councils", "Head of Housing", "Neighbouring district councils", "Year 2 (2025/26)", "On hold", "Waiting for the outcome of the Rough Sleeping Initiative bid."),
        ]),
        ("Priority 3: Reduce the use of temporary accommodation", [
            ("3.1", "End the use of bed and breakfast for families except in emergencies", "Temporary Accommodation Manager", "", "December 2024", "In progress", "Families in B&B reduced from 14 to 3."),
            ("3.2", "Buy 40 homes for use as temporary accommodation", "Head of Housing", "Housing Development Team", "March 2026", "In progress", "17 homes bought."),
            ("3.3", "Introduce a landlord incentive scheme to increase private rented lettings", "Private Sector Housing Manager", "Local landlords' association", "September 2024", "Complete", "Scheme launched in September."),
            ("3.4", "Review the temporary accommodation placement policy", "Temporary Accommodation Manager", "Legal Services", "Year 1 (2024/25)", "Not started", ""),
        ]),
        ("Priority 4: Increase the supply of affordable homes", [
            ("4.1", "Deliver 150 affordable homes a year through the Local Plan and council building", "Head of Housing Development", "Registered providers", "Annually", "In progress", "162 affordable homes completed in 2023/24."),
            ("4.2", "Adopt a new allocations policy that gives priority to households owed a homelessness duty", "Housing Needs Manager", "", "Spring 2025", "In progress", "Consultation closes in February."),
            ("4.3", "Bring 30 long-term empty homes back into use", "Empty Homes Officer", "", "Year 3 (2026/27)", "In progress", "Nine empty homes back in use."),
        ]),
    ]
    cards = []
    for prio, acts in prios:
        cards.append(f"<h2>{esc(prio)}</h2>")
        for ref, text, lead, partners, when, status, update in acts:
            d.actions.append(A(text, lead=lead, deadline=when, rag=st[status], ref=ref,
                               theme=prio.split(": ", 1)[1], partners=partners, update=update,
                               due=None if when in ("Ongoing", "Annually") else "auto"))
            fields = [("Lead", lead), ("Partners", partners), ("Timescale", when), ("Status", status)]
            dl = "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in fields if v)
            upd = f'<p class="update"><strong>Progress:</strong> {esc(update)}</p>' if update else ""
            cards.append(f"""<div class="action-card" id="action-{ref}">
  <h3><span class="ref">{ref}</span> {esc(text)}</h3>
  <dl class="action-meta">{dl}</dl>
  {upd}
</div>""")
    body = f"""<nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/housing">Housing</a> &gt; <a href="/housing/strategies">Housing strategies</a></nav>
<main>
<h1>{esc(d.title)}</h1>
<p>This action plan sets out how we and our partners will deliver the four priorities of the Homelessness and Rough Sleeping Strategy. It is reviewed every year by the Homelessness Forum. Year 1 is 2024/25, year 2 is 2025/26 and year 3 is 2026/27.</p>
<p>Last updated: 20 January 2025</p>
{chr(10).join(cards)}
<h2>Contact us</h2>
<p>Strategic Housing Team, housing.strategy@greywater.example.gov.uk</p>
</main>
<footer><p>Greywater Borough Council, Civic Centre, Greywater GW1 1AA</p></footer>"""
    css = ".action-card { border-left: 4px solid #1F3864; padding: 4pt 8pt; margin: 8pt 0; } dl.action-meta dt { font-weight: bold; float: left; clear: left; width: 90pt; } dl.action-meta dd { margin-left: 95pt; }"
    return d, {d.name: html_page(d.title, body, css=css)}



# --------------------------------------------------------------------------------------------
# P13: equality action plan, machine export from a performance system: snake_case field
# names, ISO dates, upper-case status codes, a last_updated date that is not a deadline.
# --------------------------------------------------------------------------------------------
@plan
def p13():
    d = Doc("northfold-equality-action-plan-export", "csv",
            "Equality Objectives 2024-2028 action plan (system export)", "Northfold Metropolitan Borough Council",
            "2024/25", 2024)
    st = {"GREEN": "green", "AMBER": "amber", "RED": "red", "COMPLETE": "complete", "NOT_STARTED": None}
    objs = [
        ("EO1", "Know our communities and use data to shape services", [
            ("Publish an equality profile of the borough using 2021 Census data", "Policy and Insight Manager", "Strategy and Performance", "2024-09-30", "COMPLETE", 100, "Profile published on the open data site in September."),
            ("Add protected characteristics to the customer satisfaction survey", "Customer Insight Officer", "Customer Services", "2025-03-31", "GREEN", 60, "Questions agreed; new survey live from February."),
            ("Produce ward-level data packs for councillors on deprivation and health", "Policy and Insight Manager", "Strategy and Performance", "2025-06-30", "AMBER", 30, "Delayed by the loss of an analyst post."),
            ("Review equality monitoring questions in all service forms", "Equality and Diversity Lead", "Strategy and Performance", "2025-12-31", "NOT_STARTED", 0, ""),
        ]),
        ("EO2", "Make our services accessible to everyone", [
            ("Meet the WCAG 2.2 AA standard on the main council website", "Digital Services Manager", "Digital and ICT", "2025-03-31", "AMBER", 70, "Accessibility audit found 140 issues; 96 fixed."),
            ("Provide British Sign Language video relay at the customer contact centre", "Head of Customer Services", "Customer Services", "2024-12-31", "COMPLETE", 100, "Service live from November."),
            ("Install hearing loops at all council reception points", "Facilities Manager", "Property and Facilities", "2025-03-31", "GREEN", 75, ""),
            ("Translate the top 20 web pages into the five most spoken community languages", "Communications Manager", "Communications", "2025-09-30", "RED", 10, "Budget for translation not yet identified."),
            ("Train front-line staff in supporting customers with dementia", "Workforce Development Manager", "People Services", "2025-03-31", "GREEN", 55, "180 staff trained."),
        ]),
        ("EO3", "Build a workforce that reflects the borough", [
            ("Publish the gender, ethnicity and disability pay gap reports each year", "Head of HR", "People Services", "2025-03-31", "GREEN", 50, "Gender pay gap published; ethnicity report in progress."),
            ("Introduce anonymised shortlisting for all external vacancies", "Recruitment Manager", "People Services", "2024-10-31", "COMPLETE", 100, ""),
            ("Set up staff networks for disabled and LGBT+ staff with a senior sponsor", "Equality and Diversity Lead", "People Services", "2024-07-31", "COMPLETE", 100, "Both networks launched in July."),
            ("Offer a mentoring scheme for staff from ethnic minority backgrounds", "Workforce Development Manager", "People Services", "2025-06-30", "AMBER", 40, "Pilot cohort recruited; mentors being trained."),
            ("Achieve Disability Confident Leader status", "Head of HR", "People Services", "2026-03-31", "GREEN", 20, ""),
        ]),
        ("EO4", "Tackle inequality in our communities", [
            ("Adopt the socio-economic duty as a local commitment in equality impact assessments", "Equality and Diversity Lead", "Strategy and Performance", "2024-11-30", "COMPLETE", 100, "Agreed by Cabinet in November."),
            ("Run a hate crime awareness campaign with the police and community groups", "Community Cohesion Officer", "Communities", "2024-10-31", "COMPLETE", 100, "Campaign ran during Hate Crime Awareness Week."),
            ("Fund digital inclusion hubs in ten community centres", "Digital Inclusion Officer", "Communities", "2025-03-31", "AMBER", 60, "Six hubs open."),
            ("Work with schools to reduce exclusions of Black Caribbean pupils", "Head of Inclusion", "Children and Education", "2026-07-31", "RED", 15, "Data sharing agreement with academies not yet signed."),
        ]),
    ]
    hdr = ["action_id", "objective_ref", "objective_title", "action_description", "responsible_officer", "service_area",
           "target_completion_date", "rag_status", "percent_complete", "last_updated", "progress_commentary"]
    rows = [hdr]
    for oref, otitle, acts in objs:
        for i, (text, officer, area, date, rag, pct, comm) in enumerate(acts, 1):
            aid = f"{oref}-{i:02d}"
            d.actions.append(A(text, lead=officer, deadline=date, rag=st[rag], ref=aid, objective=otitle,
                               service_area=area, percent=pct))
            rows.append([aid, oref, otitle, text, officer, area, date, rag, pct, "2025-01-17", comm])
    return d, {d.name: csv_text(rows)}


# --------------------------------------------------------------------------------------------
# P14: town council action list exported with no header row: ref, date raised (not a
# deadline), action, who, by when, status, notes.
# --------------------------------------------------------------------------------------------
@plan
def p14():
    d = Doc("brenley-town-council-action-list-noheader", "csv",
            "Brenley Town Council action list", "Brenley Town Council", "2024/25", 2024)
    st = {"Done": "complete", "In progress": None, "Not started": None, "Overdue": "red"}
    acts = [
        ("A01", "14/05/2024", "Obtain three quotes for resurfacing the Recreation Ground car park", "Clerk", "July 2024", "Done", "Quotes reported to the June meeting; contract awarded."),
        ("A02", "14/05/2024", "Write to the county council about the broken bollards on Church Street", "Clerk", "June 2024", "Done", ""),
        ("A03", "11/06/2024", "Arrange the annual play area safety inspection", "Deputy Clerk", "August 2024", "Done", "Inspection on 6 August; two low risk items."),
        ("A04", "11/06/2024", "Draft a grants policy for local groups for the Finance Committee", "RFO", "September 2024", "Done", ""),
        ("A05", "09/07/2024", "Replace the noticeboard outside the Co-op", "Cllr Patel", "October 2024", "Overdue", "Supplier went out of business; new quotes needed."),
        ("A06", "09/07/2024", "Organise the Christmas lights switch-on with the Chamber of Trade", "Events Working Group", "30/11/24", "Done", ""),
        ("A07", "10/09/2024", "Ask the police to attend a meeting to discuss speeding on the A419", "Chair", "November 2024", "Done", "PCSO attended in November."),
        ("A08", "10/09/2024", "Review the allotment tenancy agreement and rents for 2025", "Allotments Committee", "January 2025", "In progress", "Draft agreement circulated."),
        ("A09", "08/10/2024", "Find a contractor to clear the ditch behind Mill Close", "Clerk", "December 2024", "Overdue", ""),
        ("A10", "08/10/2024", "Prepare the 2025/26 budget and precept proposal", "RFO", "January 2025", "Done", "Precept agreed at the January meeting."),
        ("A11", "12/11/2024", "Apply for a Community Infrastructure Levy payment for the pavilion roof", "Clerk", "March 2025", "In progress", ""),
        ("A12", "12/11/2024", "Update the website with the new accessibility statement", "Deputy Clerk", "February 2025", "Not started", ""),
        ("A13", "14/01/2025", "Set up a working group on the Neighbourhood Plan review", "Cllr Owen", "March 2025", "In progress", "Four volunteers so far."),
        ("A14", "14/01/2025", "Renew the council's insurance policy", "RFO", "31/05/25", "Not started", ""),
    ]
    rows = []
    for ref, raised, text, who, when, status, notes in acts:
        d.actions.append(A(text, lead=who, deadline=when, rag=st[status], ref=ref, raised=raised, notes=notes))
        rows.append([ref, raised, text, who, when, status, notes])
    return d, {d.name: csv_text(rows)}


# --------------------------------------------------------------------------------------------
# P15: council plan quarterly performance report (text from PDF): narrative, a KPI table per
# priority (not actions: indicator, target, actual, RAG, direction of travel) and a key
# actions table per priority.
# --------------------------------------------------------------------------------------------
@plan
def p15():
    d = Doc("oakham-vale-council-plan-q2-performance-2024-25", "txt",
            "Council Plan 2024-2028: Quarter 2 Performance Report 2024/25", "Oakham Vale District Council",
            "2024/25", 2024)
    st = {"Complete": "complete", "On track": "green", "At risk": "amber", "Off track": "red"}
    head = "## Oakham Vale District Council - Council Plan Quarter 2 Performance Report 2024/25"
    out = [head, "", "Oakham Vale District Council", "Council Plan 2024-2028", "Quarter 2 Performance Report 2024/25 (July to September 2024)", "",
           "1. Introduction",
           "This report sets out progress against the Council Plan at the end of the second quarter. It covers the key performance indicators (KPIs) and the key actions for each of the Plan's three priorities. Where a KPI is below target or an action is at risk, the responsible officer has given a commentary.", "",
           "2. Summary",
           "Of the 15 key actions, 3 are complete, 7 are on track, 3 are at risk and 2 are off track. Of the 12 KPIs with a target, 7 are on or above target (green), 3 are within tolerance (amber) and 2 are below target (red).", ""]
    prios = [
        ("Thriving places", [
            ("Percentage of major planning applications decided in time", "Bigger is better", "90%", "94%", "Green", "↑ Improving"),
            ("Number of new homes completed (year to date)", "Bigger is better", "210", "168", "Amber", "↔ No change"),
            ("Town centre vacancy rate", "Smaller is better", "8.0%", "9.6%", "Red", "↓ Worsening"),
            ("Business rates collected", "Bigger is better", "56.0%", "57.2%", "Green", "↑ Improving"),
        ], [
            ("Adopt the Oakham Town Centre Masterplan", "Director of Place", "December 2024", "On track", "Consultation closed in August; final version going to Cabinet in December."),
            ("Open the business incubator units at Station Yard", "Economic Development Manager", "March 2025", "At risk", "Contractor has reported a delay to the roof works; opening may slip to May."),
            ("Deliver the shop front grant scheme in Oakham and Tilbury Market", "Economic Development Manager", "31/03/2025", "On track", "14 grants awarded."),
            ("Publish a new Local Development Scheme", "Planning Policy Manager", "July 2024", "Complete", "Published in July."),
            ("Bring forward the Northern Road site for 120 affordable homes", "Head of Housing Delivery", "March 2025", "Off track", "Highways objection has delayed the planning application."),
        ]),
        ("Healthy and safe communities", [
            ("Visits to council leisure centres (year to date)", "Bigger is better", "410,000", "436,500", "Green", "↑ Improving"),
            ("Households in temporary accommodation", "Smaller is better", "45", "52", "Amber", "↓ Worsening"),
            ("Food premises rated 3 or above", "Bigger is better", "95%", "96%", "Green", "↔ No change"),
            ("Disabled Facilities Grants approved within 12 weeks", "Bigger is better", "80%", "61%", "Red", "↓ Worsening"),
        ], [
            ("Refurbish the changing rooms at Oakham Leisure Centre", "Leisure Contract Manager", "November 2024", "On track", "Works started on 2 September."),
            ("Launch a community grants round for health and wellbeing projects", "Community Development Officer", "September 2024", "Complete", "Round opened on 1 September with £80,000."),
            ("Review the Disabled Facilities Grant policy to speed up approvals", "Private Sector Housing Manager", "December 2024", "At risk", "Review delayed by staff vacancy; interim measures in place."),
            ("Install CCTV in the three public car parks with the most incidents", "Community Safety Officer", "Q3 2024/25", "On track", "Cameras ordered."),
            ("Agree a homelessness prevention protocol with registered providers", "Housing Options Manager", "January 2025", "On track", "Draft shared with five providers."),
        ]),
        ("A greener district", [
            ("Household waste recycled or composted", "Bigger is better", "52%", "50.5%", "Amber", "↑ Improving"),
            ("Missed bin collections per 100,000", "Smaller is better", "60", "48", "Green", "↑ Improving"),
            ("Fly-tipping incidents cleared within 3 working days", "Bigger is better", "90%", "93%", "Green", "↔ No change"),
            ("Council carbon emissions (tonnes CO2e, year to date)", "Smaller is better", "1,950", "2,010", "Green", "↔ No change"),
        ], [
            ("Introduce food waste collections for flats", "Waste and Recycling Manager", "March 2025", "On track", "Bins delivered to 40% of blocks."),
            ("Fit solar panels to the depot and council offices", "Facilities Manager", "Q4 2024/25", "Off track", "Grid connection refused; options being reviewed with the distribution network operator."),
            ("Plant 2,000 trees through the community tree scheme", "Parks Manager", "Winter 2024", "On track", "Planting sites agreed with parish councils."),
            ("Adopt a Climate Change Adaptation Plan", "Climate Change Officer", "September 2024", "Complete", "Adopted by Council on 26 September."),
            ("Replace six refuse vehicles with electric models", "Fleet Manager", "June 2025", "At risk", "Lead times for the vehicles have increased."),
        ]),
    ]
    for pi, (prio, kpis, acts) in enumerate(prios, 3):
        out += ["", head, "", f"{pi}. Priority: {prio}", "",
                f"{pi}.1 Key performance indicators",
                tsv_row(["<b>Indicator</b>", "<b>Polarity</b>", "<b>Target 2024/25</b>", "<b>Q2 actual</b>", "<b>RAG</b>", "<b>Direction of travel</b>"])]
        out += [tsv_row(k) for k in kpis]
        out += ["", f"Commentary: performance against the {prio.lower()} indicators is mixed. Officers have explained the red and amber results in the appendix to this report.", "",
                f"{pi}.2 Key actions",
                tsv_row(["<b>Key action</b>", "<b>Lead officer</b>", "<b>Due</b>", "<b>Status</b>", "<b>Q2 update</b>"])]
        for text, lead, due, status, upd in acts:
            d.actions.append(A(text, lead=lead, deadline=due, rag=st[status], theme=prio, update=upd))
            out.append(tsv_row([text, lead, due, status, upd]))
    out += ["", head, "", "6. Recommendation", "That Cabinet notes the Quarter 2 performance and the actions being taken where performance is below target.", "",
            "Contact officer: Performance and Improvement Manager, performance@oakhamvale.example.gov.uk", ""]
    return d, {d.name: "\n".join(out) + "\n"}


# --------------------------------------------------------------------------------------------
# P16: health and wellbeing board pack, Chromium PDF: cover, agenda (not actions), minutes
# with an action log table, a Better Care Fund finance table (not actions), then the delivery
# plan as an appendix with horizontal rules only.
# --------------------------------------------------------------------------------------------
@plan
def p16():
    d = Doc("lowmoor-hwb-board-pack-2025-06", "pdf",
            "Lowmoor Health and Wellbeing Board - 25 June 2025 - agenda pack", "Lowmoor City Council",
            "2025/26", 2025)
    rag = {"Green": "green", "Amber": "amber", "Red": "red", "Complete": "complete", "Closed": "complete", "Open": None}
    agenda = [("1", "14:00", "Welcome, apologies and declarations of interest", "Chair", "Verbal"),
              ("2", "14:05", "Minutes of the meeting held on 26 March 2025 and action log", "Chair", "Enc. A"),
              ("3", "14:15", "Joint Strategic Needs Assessment: children and young people chapter", "Director of Public Health", "Enc. B"),
              ("4", "14:45", "Better Care Fund 2025/26 plan and finance summary", "Head of Integrated Commissioning", "Enc. C"),
              ("5", "15:15", "Joint Health and Wellbeing Strategy delivery plan 2025/26", "Health and Wellbeing Partnership Manager", "Enc. D"),
              ("6", "15:45", "Any other business and date of next meeting", "Chair", "Verbal")]
    log = [("HWB/24/19", "12/12/24", "Circulate the final pharmaceutical needs assessment to members", "Director of Public Health", "January 2025", "Closed"),
           ("HWB/25/03", "26/03/25", "Bring the children and young people JSNA chapter to the June meeting", "Director of Public Health", "June 2025", "Complete"),
           ("HWB/25/04", "26/03/25", "Ask the ICB to present its primary care access recovery plan", "Board Manager", "September 2025", "Open"),
           ("HWB/25/05", "26/03/25", "Agree how the voluntary sector will be represented on the Better Care Fund steering group", "Head of Integrated Commissioning", "June 2025", "Open"),
           ("HWB/25/06", "26/03/25", "Share the healthy weight declaration with all schools", "Public Health Consultant", "May 2025", "Complete")]
    bcf = [("Disabled Facilities Grant", "3,420", "3,420", "0"), ("Intermediate care and reablement", "6,105", "6,240", "135"),
           ("Carers support", "812", "790", "(22)"), ("Discharge to assess beds", "2,950", "3,310", "360"),
           ("Assistive technology", "640", "600", "(40)"), ("Total", "13,927", "14,360", "433")]
    plan_rows = [
        ("SW1", "Start well", "Deliver the Best Start for Life programme through the four Family Hubs", "Director of Children's Services", "March 2026", "Green"),
        ("SW2", "Start well", "Raise the proportion of children ready for school at age five", "Head of Early Years", "2025/26", "Amber"),
        ("SW3", "Start well", "Commission a school nursing service that includes emotional wellbeing support", "Public Health Consultant", "October 2025", "Green"),
        ("SW4", "Start well", "Cut the waiting list for children's community dental treatment", "ICB Head of Primary Care", "Q4 2025/26", "Red"),
        ("LW1", "Live well", "Open two community diagnostic hubs in the most deprived wards", "ICB Director of Strategy", "December 2025", "Green"),
        ("LW2", "Live well", "Deliver 3,000 NHS health checks through outreach in workplaces", "Public Health Consultant", "March 2026", "Amber"),
        ("LW3", "Live well", "Launch the Lowmoor healthy weight declaration across partners", "Director of Public Health", "May 2025", "Complete"),
        ("LW4", "Live well", "Extend the drug and alcohol recovery service to weekend opening", "Substance Misuse Commissioner", "September 2025", "Green"),
        ("LW5", "Live well", "Agree a suicide prevention action plan with the mental health trust", "Public Health Consultant", "July 2025", "Amber"),
        ("AW1", "Age well", "Expand the virtual ward to 80 beds for frail older people", "Lowmoor Community Health NHS Trust", "October 2025", "Green"),
        ("AW2", "Age well", "Reduce delayed discharges through a single transfer of care hub", "Head of Integrated Commissioning", "Q2 2025/26", "Red"),
        ("AW3", "Age well", "Offer a carers' assessment to every carer identified by GP practices", "Head of Adult Social Care", "March 2026", "Amber"),
        ("AW4", "Age well", "Roll out the falls prevention exercise programme in all leisure centres", "Active Lowmoor", "September 2025", "Green"),
        ("EN1", "Healthy places", "Include a health impact assessment in the Local Plan policies", "Head of Planning Policy", "2025/26", "Green"),
        ("EN2", "Healthy places", "Insulate 500 homes of residents with long-term health conditions", "Private Sector Housing Manager", "March 2026", "Amber"),
        ("EN3", "Healthy places", "Create school streets at ten primary schools", "Transport Planning Manager", "Summer 2025", "Green"),
    ]
    for ref, mtg, text, owner, due, status in log:
        d.actions.append(A(text, lead=owner, deadline=due, rag=rag[status], ref=ref, theme="Action log"))
    for ref, ws, text, lead, when, r in plan_rows:
        d.actions.append(A(text, lead=lead, deadline=when, rag=rag[r], ref=ref, objective=ws,
                           theme="Joint Health and Wellbeing Strategy delivery plan 2025/26"))
    def trs(rows):
        return "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    body = f"""<div class="cover"><h1>Lowmoor Health and Wellbeing Board</h1>
<p>Wednesday 25 June 2025 at 2.00 pm</p><p>Committee Room 2, Lowmoor Civic Centre</p>
<p>Members of the public are welcome to attend. Contact: Democratic Services, democratic.services@lowmoor.example.gov.uk</p></div>
<h2 class="pb">Agenda</h2>
<table class="grid"><tr><th>Item</th><th>Time</th><th>Title</th><th>Lead</th><th>Paper</th></tr>
{trs(agenda)}
</table>
<h2 class="pb">Enc. A: Minutes of the meeting held on 26 March 2025</h2>
<p><b>Present:</b> Cllr R. Hughes (Chair), Dr A. Mensah (ICB, Vice-Chair), Director of Public Health, Director of Adult Social Care, Director of Children's Services, Healthwatch Lowmoor, Lowmoor CVS.</p>
<p><b>22. Pharmaceutical needs assessment.</b> The Board noted that the final assessment had been published. RESOLVED that the assessment be noted.</p>
<p><b>23. Healthy weight declaration.</b> The Director of Public Health presented the declaration. RESOLVED that the Board adopts the declaration and asks partners to sign it.</p>
<p><b>24. Better Care Fund.</b> The Head of Integrated Commissioning reported the year-end position. Members asked how the voluntary sector would be involved in the new plan.</p>
<h3>Action log</h3>
<table class="grid"><tr><th>Ref</th><th>Meeting</th><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr>
{trs(log)}
</table>
<h2 class="pb">Enc. C: Better Care Fund 2025/26 - finance summary</h2>
<p>The table shows the planned spend for 2025/26 against the pooled budget (£000s).</p>
<table class="grid"><tr><th>Scheme</th><th>Budget £000</th><th>Forecast £000</th><th>Variance £000</th></tr>
{trs(bcf)}
</table>
<p>The forecast overspend of £433,000 is mainly on discharge to assess beds and will be managed within the pooled budget risk share.</p>
<h2 class="pb">Enc. D: Appendix A - Joint Health and Wellbeing Strategy delivery plan 2025/26</h2>
<p>Each deliverable is rated Green (on track), Amber (some risk), Red (off track) or Complete.</p>
<table class="hrules"><thead><tr><th>Ref</th><th>Workstream</th><th>Deliverable</th><th>Lead</th><th>Milestone date</th><th>RAG</th></tr></thead>
<tbody>
{trs(plan_rows)}
</tbody>
</table>"""
    css = """.cover { text-align: center; margin-top: 60mm; }
h2.pb { page-break-before: always; }
table.hrules th, table.hrules td { border: none; border-bottom: 1px solid #404040; }
table.hrules th { background: none; color: #000000; border-bottom: 2px solid #000000; }"""
    return d, {d.name: ("chromium", html_page(d.title, body, css=css))}


# --------------------------------------------------------------------------------------------
# P17: Welsh public services board well-being plan progress (text from PDF): bilingual
# headers and statuses, well-being objective banner rows, numbered steps.
# --------------------------------------------------------------------------------------------
@plan
def p17():
    d = Doc("cwm-tawe-psb-wellbeing-plan-progress-2024-25", "txt",
            "Well-being Plan 2023-2028: Annual Progress Report 2024-25 / Cynllun Llesiant 2023-2028: Adroddiad Cynnydd Blynyddol 2024-25",
            "Cwm Tawe Public Services Board / Bwrdd Gwasanaethau Cyhoeddus Cwm Tawe", "2024/25", 2024)
    st = {"Cwblhawyd / Complete": "complete", "Ar y trywydd / On track": "green",
          "Mewn perygl / At risk": "amber", "Oddi ar y trywydd / Off track": "red"}
    objs = [
        ("Amcan Llesiant 1 / Well-being Objective 1", "Give every child the best start and the skills to thrive", [
            ("1.1", "Create a single early years offer across the council, health board and nurseries", "Cwm Tawe County Borough Council", "Shared referral form in use", "March 2025", "Ar y trywydd / On track", "Referral form agreed; training for nursery staff under way."),
            ("1.2", "Run a holiday activities and food programme in every secondary school catchment", "Cwm Tawe County Borough Council", "Programme runs in all 8 catchments", "August 2024", "Cwblhawyd / Complete", "1,900 children took part in summer 2024."),
            ("1.3", "Bring Welsh language play sessions to the upper valley communities", "Mudiad Meithrin", "Sessions in 4 villages", "December 2024", "Mewn perygl / At risk", "Two sessions running; venues not yet found for the others."),
            ("1.4", "Give young carers a card recognised by schools, GPs and pharmacies", "Tawe Valley Voluntary Council", "Card launched", "2024/25", "Ar y trywydd / On track", "Card designed with young carers."),
        ]),
        ("Amcan Llesiant 2 / Well-being Objective 2", "Help people stay healthy and independent in their communities", [
            ("2.1", "Set up community wellbeing hubs in Ystrad and Pontmawr", "Bae Tawe University Health Board", "Both hubs open", "March 2025", "Ar y trywydd / On track", "Ystrad hub open; Pontmawr opening in February."),
            ("2.2", "Train 300 people from partner organisations in Making Every Contact Count", "Public Health Wales", "300 trained", "March 2025", "Ar y trywydd / On track", "214 trained."),
            ("2.3", "Introduce social prescribing in every GP cluster", "Bae Tawe University Health Board", "Link workers in all 4 clusters", "September 2024", "Mewn perygl / At risk", "Three clusters covered; recruitment continuing."),
            ("2.4", "Carry out safe and well visits for older people living alone", "Mid and West Tawe Fire and Rescue Service", "1,200 visits", "2024/25", "Cwblhawyd / Complete", "1,340 visits completed."),
        ]),
        ("Amcan Llesiant 3 / Well-being Objective 3", "Respond to the climate and nature emergencies together", [
            ("3.1", "Agree a shared decarbonisation plan for the public sector estate", "Natural Resources Wales", "Plan agreed by the Board", "December 2024", "Oddi ar y trywydd / Off track", "Data on partners' buildings still incomplete."),
            ("3.2", "Map flood risk to community buildings and share it with community councils", "Cwm Tawe County Borough Council", "Maps shared", "June 2024", "Cwblhawyd / Complete", "Maps shared at the community council liaison meeting."),
            ("3.3", "Plant a community woodland on public land in each ward", "Natural Resources Wales", "12 sites planted", "Winter 2024", "Mewn perygl / At risk", "Seven sites agreed."),
            ("3.4", "Set up a repair cafe network with the voluntary sector", "Tawe Valley Voluntary Council", "6 repair cafes", "March 2025", "Ar y trywydd / On track", "Four cafes running monthly."),
        ]),
        ("Amcan Llesiant 4 / Well-being Objective 4", "Build safe, connected and prosperous communities", [
            ("4.1", "Deliver digital skills sessions in libraries and community centres", "Cwm Tawe County Borough Council", "Sessions in 10 venues", "March 2025", "Ar y trywydd / On track", "Sessions running in nine venues."),
            ("4.2", "Create a shared apprenticeship scheme across PSB partners", "Cwm Tawe College", "20 apprentices", "September 2024", "Oddi ar y trywydd / Off track", "Funding rules prevent a shared scheme; alternative being explored."),
            ("4.3", "Agree a community safety partnership plan for the night-time economy", "Heddlu Tawe / Tawe Police", "Plan agreed", "October 2024", "Cwblhawyd / Complete", "Plan agreed by the Safer Cwm Tawe Partnership."),
        ]),
    ]
    head = "## Cwm Tawe PSB - Well-being Plan Annual Progress Report 2024-25 / Adroddiad Cynnydd Blynyddol"
    hdr = tsv_row(["<b>Cam / Step</b>", "<b>Beth fyddwn ni'n ei wneud / What we will do</b>", "<b>Partner arweiniol / Lead partner</b>",
                   "<b>Carreg filltir / Milestone</b>", "<b>Erbyn pryd / By when</b>", "<b>Statws / Status</b>", "<b>Cynnydd / Progress</b>"])
    out = [head, "", "Cwm Tawe Public Services Board / Bwrdd Gwasanaethau Cyhoeddus Cwm Tawe",
           "Well-being Plan 2023-2028 - Annual Progress Report 2024-25",
           "This report sets out the progress made on the steps in our Well-being Plan, as required by the Well-being of Future Generations (Wales) Act 2015.",
           "Mae'r adroddiad hwn yn nodi'r cynnydd a wnaed ar y camau yn ein Cynllun Llesiant.", ""]
    for oi, (label, obj, steps) in enumerate(objs):
        if oi == 2:
            out += ["", head, ""]
        out.append(tsv_row([f"<b>{label}: {obj}</b>", "", "", "", "", "", ""]))
        out.append(hdr)
        for ref, text, lead, milestone, when, status, prog in steps:
            d.actions.append(A(text, lead=lead, deadline=when, rag=st[status], ref=ref, objective=obj,
                               milestone=milestone, progress=prog))
            out.append(tsv_row([ref, text, lead, milestone, when, status, prog]))
    out += ["", "Rhagor o wybodaeth / Further information: psb@cwmtawe.example.gov.wales", ""]
    return d, {d.name: "\n".join(out) + "\n"}


# --------------------------------------------------------------------------------------------
# P18: Scottish community planning partnership LOIP improvement plan annual report,
# LibreOffice PDF: outcome banner rows (colspan), measure / baseline / latest / trend arrows,
# slippage-ladder statuses.
# --------------------------------------------------------------------------------------------
@plan
def p18():
    d = Doc("glenmuir-cpp-loip-improvement-plan-2023-26", "pdf",
            "Local Outcomes Improvement Plan 2023-2026: Annual Report 2024/25", "Glenmuir Community Planning Partnership",
            "2024/25", 2024)
    st = {"Completed": "complete", "On track": "green", "Some slippage": "amber", "Significant slippage": "red"}
    outcomes = [
        ("Outcome 1: Fewer children live in poverty", [
            ("Provide income maximisation advice in every secondary school", "Glenmuir Council Money Advice Service", "March 2025", "Families receiving advice", "310", "545", "↑", "On track"),
            ("Increase uptake of the Scottish Child Payment among eligible families", "Social Security Scotland / Glenmuir Council", "2024/25", "Estimated uptake", "78%", "84%", "↑", "On track"),
            ("Offer a funded employability key worker to 100 parents", "Glenmuir Works", "March 2025", "Parents supported into work", "0", "38", "↑", "Some slippage"),
            ("Remove the cost of the school day for uniforms and trips", "Education Services", "August 2024", "Schools with a cost of the school day policy", "12", "41", "↑", "Completed"),
            ("Set up a community food network linking food banks and pantries", "Glenmuir Third Sector Interface", "December 2024", "Food pantries open", "3", "4", "→", "Significant slippage"),
        ]),
        ("Outcome 2: People live longer, healthier lives", [
            ("Deliver a community mental health and wellbeing fund for local groups", "Glenmuir Third Sector Interface", "March 2025", "Projects funded", "0", "27", "↑", "Completed"),
            ("Reduce drug deaths through same-day access to treatment", "Glenmuir Alcohol and Drug Partnership", "2025/26", "People starting treatment on the day of referral", "22%", "46%", "↑", "On track"),
            ("Get more people active through free leisure passes for carers", "Glenmuir Leisure Trust", "October 2024", "Passes issued", "0", "640", "↑", "Completed"),
            ("Cut smoking during pregnancy in the most deprived areas", "NHS Glenmuir", "March 2026", "Women smoking at booking (SIMD 1)", "24%", "25%", "↓", "Some slippage"),
            ("Extend the community link worker programme to all GP practices", "Glenmuir Health and Social Care Partnership", "March 2025", "Practices with a link worker", "14", "16", "↑", "Significant slippage"),
        ]),
        ("Outcome 3: Our communities are safe and resilient", [
            ("Train community resilience groups in every town", "Glenmuir Council Resilience Team", "March 2025", "Towns with a trained group", "5", "9", "↑", "On track"),
            ("Reduce unintentional harm to children under five in the home", "Scottish Fire and Rescue Service", "2024/25", "Home safety visits to families", "120", "290", "↑", "On track"),
            ("Introduce a domestic abuse early intervention service", "Police Scotland / Glenmuir Council", "September 2024", "Referrals to the service", "0", "85", "↑", "Completed"),
            ("Tackle dangerous driving on rural roads through joint operations", "Police Scotland", "March 2025", "People killed or seriously injured on rural roads", "31", "33", "↓", "Some slippage"),
        ]),
        ("Outcome 4: Our economy is fairer and greener", [
            ("Support 50 local businesses to sign up to the Scottish Business Pledge", "Business Gateway Glenmuir", "March 2025", "Businesses signed up", "18", "36", "↑", "On track"),
            ("Deliver community benefit clauses in all partner contracts over £2m", "Partner procurement leads", "2024/25", "Contracts with community benefits", "60%", "100%", "↑", "Completed"),
            ("Create a green skills academy with Glenmuir College", "Glenmuir College", "August 2025", "Learners enrolled", "0", "0", "→", "Significant slippage"),
            ("Reduce partners' fleet emissions by moving to electric vehicles", "Partner fleet managers", "March 2026", "Electric vehicles in partner fleets", "44", "71", "↑", "On track"),
        ]),
    ]
    rows = []
    for outcome, projects in outcomes:
        rows.append(f'<tr><td colspan="8" style="background:#DEEAF6"><b>{esc(outcome)}</b></td></tr>')
        for text, lead, when, measure, base, latest, trend, status in projects:
            d.actions.append(A(text, lead=lead, deadline=when, rag=st[status], objective=outcome.split(": ", 1)[1],
                               measure=measure, baseline=base, latest=latest, trend=trend))
            rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in (text, lead, when, measure, base, latest, trend, status)) + "</tr>")
    body = f"""<h1>{esc(d.title)}</h1>
<p>The Community Empowerment (Scotland) Act 2015 requires the Partnership to publish an annual report on progress with its Local Outcomes Improvement Plan (LOIP). This report covers the second year of the 2023-2026 plan. Each improvement project has a lead partner and a measure; the trend compares the latest figure with the baseline (↑ improving, → no change, ↓ getting worse).</p>
<p>Status: On track; Some slippage (behind plan but expected to recover); Significant slippage (intervention needed); Completed.</p>
<table border="1" cellpadding="3">
<thead><tr><th>Improvement project</th><th>Lead partner</th><th>Timescale</th><th>Measure</th><th>Baseline</th><th>Latest</th><th>Trend</th><th>Status</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p>Further information: Community Planning Team, community.planning@glenmuir.example.gov.scot</p>"""
    return d, {d.name: ("libreoffice", html_page(d.title, body))}


# ---- END OF PLAN DOCUMENTS ----

# ============================================================================================
# NEGATIVES: tables that are not action plans (gold: no actions)
# ============================================================================================
def neg_doc(stem, ext, title, org, period="2024/25", fy=2024):
    return Doc(stem, ext, title, org, period, fy)


@negative
def n1():
    # KPI scorecard with an owner column, RAG and direction of travel (hard case)
    d = neg_doc("kpi-scorecard-q3-2024-25", "html", "Corporate Performance Scorecard - Quarter 3 2024/25", "Ashcombe Borough Council")
    kpis = [
        ("KPI 01", "Percentage of council tax collected", "Bigger is better", "83.5%", "83.9%", "82.7%", "G", "↑", "Head of Revenues", "Collection ahead of profile."),
        ("KPI 02", "Average days to process new housing benefit claims", "Smaller is better", "18", "21", "19", "A", "↓", "Head of Revenues", "Staff absence in November; recovery plan in place."),
        ("KPI 03", "Planning applications (minor) decided within 8 weeks", "Bigger is better", "70%", "82%", "76%", "G", "↑", "Head of Planning", ""),
        ("KPI 04", "Residual household waste per household (kg)", "Smaller is better", "355", "371", "368", "R", "↓", "Head of Environmental Services", "Garden waste subscription fell; campaign planned for spring."),
        ("KPI 05", "Households in temporary accommodation", "Smaller is better", "60", "58", "64", "G", "↑", "Head of Housing", ""),
        ("KPI 06", "Working days lost to sickness per FTE (rolling 12 months)", "Smaller is better", "8.5", "9.4", "9.1", "A", "↓", "Head of HR", "Long-term sickness cases being managed with occupational health."),
        ("KPI 07", "Customer calls answered within 60 seconds", "Bigger is better", "80%", "71%", "78%", "R", "↓", "Head of Customer Services", "New telephony system bedding in."),
        ("KPI 08", "Leisure centre visits (year to date)", "Bigger is better", "540,000", "566,210", "521,900", "G", "↑", "Leisure Client Manager", ""),
        ("KPI 09", "Food hygiene inspections completed on time", "Bigger is better", "100%", "96%", "91%", "A", "↑", "Head of Environmental Health", "Backlog from last year now cleared."),
        ("KPI 10", "Invoices paid within 30 days", "Bigger is better", "95%", "97%", "96%", "G", "↔", "Head of Finance", ""),
    ]
    fills = {"G": "#00B050", "A": "#FFC000", "R": "#FF0000"}
    rows = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in k[:6]) + f'<td style="background:{fills[k[6]]}">{k[6]}</td>'
                     + "".join(f"<td>{esc(c)}</td>" for c in k[7:]) + "</tr>" for k in kpis)
    body = f"""<h1>{esc(d.title)}</h1>
<p>This scorecard shows performance against the Council's key performance indicators at the end of December 2024. RAG: G on or better than target, A within 5% of target, R more than 5% worse than target. Direction of travel compares this quarter with the same quarter last year: ↑ better, ↔ the same, ↓ worse.</p>
<table><thead><tr><th>Ref</th><th>Indicator</th><th>Polarity</th><th>Target Q3</th><th>Actual Q3</th><th>Q3 last year</th><th>RAG</th><th>Direction of travel</th><th>Indicator owner</th><th>Commentary</th></tr></thead>
<tbody>
{rows}
</tbody></table>"""
    return d, {d.name: html_page(d.title, body, landscape=True)}


@negative
def n2():
    # corporate risk register: owner, scores, mitigating actions, review date, RAG (hard case)
    d = neg_doc("corporate-risk-register-2025-01", "txt", "Corporate Risk Register - January 2025", "Ashcombe Borough Council")
    head = "## Ashcombe Borough Council - Corporate Risk Register - January 2025"
    hdr = tsv_row(["<b>Risk ref</b>", "<b>Risk description</b>", "<b>Risk owner</b>", "<b>Likelihood</b>", "<b>Impact</b>",
                   "<b>Score</b>", "<b>Existing controls / mitigating actions</b>", "<b>Target score</b>", "<b>Review date</b>", "<b>RAG</b>"])
    risks = [
        ("CR01", "The Council cannot set a balanced budget over the medium term because of funding uncertainty and demand pressures", "Chief Finance Officer", "4", "5", "20", "Medium Term Financial Strategy reviewed twice a year; savings programme monitored by Management Team; reserves policy", "12", "31/03/2025", "Red"),
        ("CR02", "A cyber attack disrupts council systems and data", "Head of ICT", "3", "5", "15", "Multi-factor authentication; offline backups; annual penetration test; staff training", "10", "28/02/2025", "Red"),
        ("CR03", "Failure to meet the housing delivery test leads to loss of control over planning decisions", "Head of Planning", "3", "4", "12", "Local Plan review timetable; housing delivery action plan; regular meetings with developers", "8", "31/03/2025", "Amber"),
        ("CR04", "Loss of key staff in hard to recruit roles affects service delivery", "Head of HR", "3", "3", "9", "Market supplements; apprenticeships; succession plans for critical posts", "6", "30/04/2025", "Amber"),
        ("CR05", "A major incident or severe weather event affects residents and council services", "Emergency Planning Manager", "2", "4", "8", "Emergency plan tested annually; business continuity plans for all services; on-call rota", "8", "30/06/2025", "Green"),
        ("CR06", "Safeguarding failure results in harm to a child or adult at risk", "Director of Communities", "2", "5", "10", "Safeguarding policy; mandatory training; designated safeguarding officers in each service", "10", "31/03/2025", "Amber"),
        ("CR07", "The waste contract fails to deliver collections to the required standard", "Head of Environmental Services", "2", "3", "6", "Monthly contract meetings; performance deductions; default notices", "6", "31/05/2025", "Green"),
        ("CR08", "Non-compliance with building safety regulations in council-owned blocks", "Head of Housing", "3", "5", "15", "Building safety case in preparation; fire risk assessments up to date; resident engagement strategy", "10", "28/02/2025", "Red"),
    ]
    out = [head, "", "Corporate Risk Register", "Reported to the Audit and Standards Committee, 29 January 2025",
           "Scores are likelihood x impact on a 1-5 scale. 15-25 red, 8-12 amber, 1-6 green.", "", hdr]
    for i, r in enumerate(risks):
        if i == 5:
            out += ["", head, "", hdr]
        out.append(tsv_row(r))
    out += ["", "Risk appetite: the Council has a low appetite for risks to the safety of residents and a moderate appetite for risks to income.", ""]
    return d, {d.name: "\n".join(out) + "\n"}


@negative
def n3():
    d = neg_doc("revenue-budget-monitoring-month9-2024-25", "csv", "Revenue Budget Monitoring 2024/25 - Month 9", "Ashcombe Borough Council")
    rows = [["Ashcombe Borough Council"], ["Revenue Budget Monitoring 2024/25 - position at 31 December 2024 (Month 9)"], ["£000"], [],
            ["Directorate", "Service", "Original budget", "Revised budget", "Forecast outturn", "Variance", "Variance %", "Budget holder", "Comment"],
            ["Communities", "Housing Needs", "2,140", "2,310", "2,695", "385", "16.7%", "Head of Housing", "Temporary accommodation demand above budget"],
            ["Communities", "Leisure and Culture", "1,205", "1,205", "1,160", "(45)", "-3.7%", "Leisure Client Manager", "Utility costs lower than forecast"],
            ["Communities", "Community Safety", "410", "410", "402", "(8)", "-2.0%", "Community Safety Manager", ""],
            ["Place", "Planning", "1,560", "1,560", "1,498", "(62)", "-4.0%", "Head of Planning", "Planning fee income above budget"],
            ["Place", "Environmental Services", "5,870", "5,940", "6,105", "165", "2.8%", "Head of Environmental Services", "Vehicle hire while new fleet delivered"],
            ["Place", "Car Parking", "(1,320)", "(1,320)", "(1,205)", "115", "-8.7%", "Parking Manager", "Income below budget"],
            ["Resources", "Finance and Revenues", "2,015", "2,015", "1,990", "(25)", "-1.2%", "Chief Finance Officer", ""],
            ["Resources", "ICT", "1,640", "1,690", "1,745", "55", "3.3%", "Head of ICT", "Licence costs"],
            ["Resources", "Legal and Democratic Services", "1,120", "1,120", "1,098", "(22)", "-2.0%", "Monitoring Officer", ""],
            ["Corporate", "Corporate items and contingency", "980", "650", "500", "(150)", "-23.1%", "Chief Finance Officer", "Contingency released"],
            ["Total", "", "15,620", "15,590", "15,988", "398", "2.6%", "", ""],
            [], ["Figures in brackets are income or underspends."]]
    return d, {d.name: csv_text(rows)}


@negative
def n4():
    d = neg_doc("capital-programme-monitoring-q2-2024-25", "pdf", "Capital Programme Monitoring 2024/25 - Quarter 2", "Ashcombe Borough Council")
    schemes = [("Leisure centre decarbonisation", "Communities", "3,200", "1,140", "3,050", "(150)", "0", "Green"),
               ("Disabled Facilities Grants", "Communities", "1,450", "610", "1,450", "0", "0", "Green"),
               ("Town centre regeneration - Phase 2", "Place", "6,800", "420", "2,300", "0", "4,500", "Red"),
               ("Vehicle replacement programme", "Place", "2,150", "1,980", "2,150", "0", "0", "Green"),
               ("Car park resurfacing", "Place", "380", "0", "380", "0", "0", "Amber"),
               ("ICT infrastructure refresh", "Resources", "720", "310", "760", "40", "0", "Amber"),
               ("Civic offices roof replacement", "Resources", "950", "35", "400", "0", "550", "Red"),
               ("Play area improvements", "Communities", "260", "118", "260", "0", "0", "Green")]
    rows = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in s) + "</tr>" for s in schemes)
    body = f"""<h1>{esc(d.title)}</h1>
<p>Report of the Chief Finance Officer to Cabinet, 6 November 2024. The table compares spend to date with the approved programme for 2024/25 and shows forecast slippage into 2025/26. Figures are £000.</p>
<table><thead><tr><th>Scheme</th><th>Directorate</th><th>Approved budget 2024/25</th><th>Spend to 30 September</th><th>Forecast outturn</th><th>Forecast variance</th><th>Slippage to 2025/26</th><th>Delivery RAG</th></tr></thead>
<tbody>
{rows}
<tr><td><b>Total</b></td><td></td><td><b>15,910</b></td><td><b>4,613</b></td><td><b>10,750</b></td><td><b>(110)</b></td><td><b>5,050</b></td><td></td></tr>
</tbody></table>
<p>The slippage on the town centre scheme follows the decision to re-tender the main works contract.</p>"""
    return d, {d.name: ("chromium", html_page(d.title, body, landscape=True))}


@negative
def n5():
    d = neg_doc("cabinet-agenda-2025-03-12", "html", "Cabinet - Wednesday 12 March 2025 - Agenda", "Ashcombe Borough Council")
    items = [("1", "18:30", "Apologies for absence", "Leader of the Council", "", ""),
             ("2", "18:32", "Declarations of interest", "Monitoring Officer", "", ""),
             ("3", "18:35", "Minutes of the meeting held on 12 February 2025", "Leader of the Council", "For approval", "Pages 3 - 10"),
             ("4", "18:40", "Public questions", "Leader of the Council", "", ""),
             ("5", "18:55", "Revenue Budget Monitoring 2024/25 - Month 9", "Cabinet Member for Finance", "For noting", "Pages 11 - 28"),
             ("6", "19:15", "Housing Revenue Account Business Plan 2025-2055", "Cabinet Member for Housing", "Key decision", "Pages 29 - 74"),
             ("7", "19:45", "Town Centre Regeneration: appointment of development partner", "Cabinet Member for Regeneration", "Key decision", "Pages 75 - 96"),
             ("8", "20:10", "Climate Change Action Plan annual update", "Cabinet Member for Environment", "For decision", "Pages 97 - 130"),
             ("9", "20:30", "Exclusion of the press and public", "Leader of the Council", "", ""),
             ("10", "20:35", "Town Centre Regeneration: commercial terms (exempt)", "Cabinet Member for Regeneration", "Key decision", "Pages 131 - 140")]
    rows = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in it) + "</tr>" for it in items)
    body = f"""<h1>Cabinet</h1>
<p>Date: Wednesday 12 March 2025. Time: 6.30 pm. Venue: Council Chamber, Ashcombe Civic Centre.</p>
<p>Members: Councillors Jane Holloway (Leader), Mark Adeyemi, Priya Shah, Tom Barker, Helen Cross, David Lindqvist.</p>
<p>Contact: Democratic Services Officer, 01632 960 411, democracy@ashcombe.example.gov.uk</p>
<h2>Agenda</h2>
<table><thead><tr><th>Item</th><th>Time</th><th>Title</th><th>Presented by</th><th>Purpose</th><th>Papers</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p>Times are approximate. The meeting will be webcast.</p>"""
    return d, {d.name: html_page(d.title, body)}


@negative
def n6():
    d = neg_doc("statement-of-persons-nominated-2025", "pdf", "Statement of Persons Nominated - Election of a Borough Councillor - Millbrook Ward", "Ashcombe Borough Council")
    cands = [("ASHWORTH", "Paul David", "12 Orchard Rise, Millbrook, AS4 2PL", "Liberal Democrats", "Karen Moss (+)", "Derek Ng (++)"),
             ("BELLAMY", "Susan Claire", "(address in the Ashcombe Borough Council area)", "The Conservative Party Candidate", "Ian Fraser (+)", "Lynne Ford (++)"),
             ("DHILLON", "Harjit", "4 Station Terrace, Millbrook, AS4 2RT", "Labour Party", "Mary O'Neill (+)", "Sam Cole (++)"),
             ("OKAFOR", "Grace", "27 Church Lane, Millbrook, AS4 2AB", "Green Party", "Peter Hale (+)", "Ruth Evans (++)"),
             ("WALSH", "Connor James", "(address in the Ashcombe Borough Council area)", "Independent", "Alan Price (+)", "Jo Tait (++)")]
    rows = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in c6) + "</tr>" for c6 in cands)
    body = f"""<h1>STATEMENT OF PERSONS NOMINATED</h1>
<h2>Election of a Borough Councillor for Millbrook Ward</h2>
<p>The following is a statement of the persons nominated for election as a Borough Councillor for Millbrook Ward.</p>
<table><thead><tr><th>Surname</th><th>Other names</th><th>Home address</th><th>Description (if any)</th><th>Names of signatories: Proposer (+), Seconder (++)</th><th></th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p>The persons above stand validly nominated. A poll will be held on Thursday 1 May 2025 between the hours of 7:00 am and 10:00 pm.</p>
<p>Dated: Tuesday 8 April 2025. Returning Officer, Civic Centre, Ashcombe AS1 1AA.</p>"""
    return d, {d.name: ("libreoffice", html_page(d.title, body))}


@negative
def n7():
    # forward plan of key decisions: decision, decision maker, date, lead officer (hard case)
    d = neg_doc("forward-plan-key-decisions-2025-04", "html", "Forward Plan of Key Decisions - 1 April 2025 to 31 July 2025", "Ashcombe Borough Council")
    items = [("FP/25/011", "To approve the Housing Allocations Policy 2025", "Cabinet", "14 May 2025", "Cllr Priya Shah, Cabinet Member for Housing", "Head of Housing", "Public consultation Jan-Mar 2025", "Report and equality impact assessment", "Open"),
             ("FP/25/012", "To award the contract for grounds maintenance 2025-2032", "Cabinet", "14 May 2025", "Cllr Tom Barker, Cabinet Member for Environment", "Head of Environmental Services", "None", "Report; tender evaluation (exempt)", "Part exempt"),
             ("FP/25/013", "To adopt the Local Cycling and Walking Infrastructure Plan", "Cabinet", "11 June 2025", "Cllr Tom Barker, Cabinet Member for Environment", "Transport Planning Manager", "Consultation with residents and businesses", "Report; draft plan", "Open"),
             ("FP/25/014", "To agree the Medium Term Financial Strategy 2026-2030", "Council", "23 July 2025", "Cllr Mark Adeyemi, Cabinet Member for Finance", "Chief Finance Officer", "Overview and Scrutiny Committee", "Report", "Open"),
             ("FP/25/015", "To acquire land at Brook Farm for affordable housing", "Cabinet", "9 July 2025", "Cllr Priya Shah, Cabinet Member for Housing", "Head of Housing Delivery", "Ward members", "Report (exempt appendix)", "Part exempt"),
             ("FP/25/016", "To approve the Car Parking Strategy and tariffs", "Cabinet Member for Environment", "June 2025", "Cllr Tom Barker, Cabinet Member for Environment", "Parking Manager", "Town and parish councils", "Report", "Open"),
             ("FP/25/017", "To approve the Leisure Facilities Strategy", "Cabinet", "9 July 2025", "Cllr Helen Cross, Cabinet Member for Communities", "Leisure Client Manager", "Sports clubs; residents' survey", "Report; strategy", "Open")]
    rows = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in it) + "</tr>" for it in items)
    body = f"""<h1>Forward Plan of Key Decisions</h1>
<p>Period: 1 April 2025 to 31 July 2025. Published 3 March 2025.</p>
<p>A key decision is an executive decision likely to result in spending or savings of £250,000 or more, or to have a significant effect on communities in two or more wards. Notice of each key decision is given at least 28 clear days before it is taken.</p>
<table><thead><tr><th>Ref</th><th>Matter for decision</th><th>Decision maker</th><th>Date of decision</th><th>Cabinet Member</th><th>Lead officer</th><th>Consultation</th><th>Documents to be considered</th><th>Open or exempt</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p>To make representations about any of these decisions, contact the lead officer through Democratic Services at least seven days before the decision date.</p>"""
    return d, {d.name: html_page(d.title, body, landscape=True)}


@negative
def n8():
    d = neg_doc("annual-report-contents-2023-24", "txt", "Annual Report 2023/24 - Contents", "Ashcombe Borough Council")
    out = ["## Ashcombe Borough Council - Annual Report 2023/24", "", "Annual Report 2023/24", "", "<b>Contents</b>",
           tsv_row(["<b>Section</b>", "<b>Title</b>", "<b>Page</b>"]),
           tsv_row(["", "Foreword from the Leader and Chief Executive", "3"]),
           tsv_row(["1", "Our borough at a glance", "5"]),
           tsv_row(["2", "Our priorities and what we achieved", "7"]),
           tsv_row(["2.1", "A thriving economy", "8"]),
           tsv_row(["2.2", "Homes for everyone", "11"]),
           tsv_row(["2.3", "A clean and green borough", "14"]),
           tsv_row(["2.4", "Safe and healthy communities", "17"]),
           tsv_row(["3", "How we performed: key performance indicators", "20"]),
           tsv_row(["4", "Our finances in 2023/24", "24"]),
           tsv_row(["5", "Looking ahead to 2024/25", "28"]),
           tsv_row(["Appendix A", "Performance indicator definitions", "31"]),
           tsv_row(["Appendix B", "Glossary", "34"]),
           "", "This report is available in large print and other languages on request.", ""]
    return d, {d.name: "\n".join(out) + "\n"}


@negative
def n9():
    d = neg_doc("planning-committee-minutes-2025-01", "txt", "Planning Committee - Minutes - 22 January 2025", "Ashcombe Borough Council")
    out = ["## Ashcombe Borough Council - Planning Committee - 22 January 2025", "",
           "MINUTES of the meeting of the PLANNING COMMITTEE held on Wednesday 22 January 2025 at 7.00 pm in the Council Chamber",
           "Present: Councillor R. Pattinson (Chair); Councillors A. Begum, L. Carter, S. Doyle, M. Evans, K. Fisher and N. Gould.",
           "Officers: Head of Planning, Principal Planning Officer, Senior Lawyer, Democratic Services Officer.", "",
           "41. APOLOGIES FOR ABSENCE",
           "Apologies were received from Councillor T. Hart.", "",
           "42. DECLARATIONS OF INTEREST",
           "Councillor Doyle declared a non-registrable interest in item 44 as a member of the cricket club and left the room for that item.", "",
           "43. MINUTES",
           "RESOLVED that the minutes of the meeting held on 18 December 2024 be approved as a correct record and signed by the Chair.", "",
           "44. 24/01532/FUL - Ashcombe Cricket Club, Mill Road - new pavilion and car park",
           "The Principal Planning Officer presented the report. Two objectors and the applicant's agent addressed the Committee. Members discussed parking, drainage and the effect on neighbours.",
           "RESOLVED that planning permission be GRANTED subject to the conditions set out in the report and an additional condition requiring a construction management plan.",
           "(For 5, Against 1, Abstention 0)", "",
           "45. 24/01710/OUT - Land north of Brook Lane - outline application for up to 85 dwellings",
           "The Committee considered the officer's recommendation to refuse. A ward member spoke in support of the officer's recommendation.",
           "RESOLVED that outline planning permission be REFUSED for the reasons set out in the report.",
           "(For 7, Against 0, Abstention 0)", "",
           "46. APPEALS AND PERFORMANCE REPORT",
           "The Committee noted the appeal decisions received since the last meeting and the quarterly performance figures.",
           "RESOLVED that the report be noted.", "",
           "The meeting closed at 9.12 pm.", "", "Chair ..............................", ""]
    return d, {d.name: "\n".join(out) + "\n"}


@negative
def n10():
    d = neg_doc("council-contact-directory", "html", "Contact us - service directory", "Ashcombe Borough Council")
    contacts = [("Council tax", "Revenues Team", "01632 960 100", "counciltax@ashcombe.example.gov.uk", "Monday to Friday, 9am to 5pm"),
                ("Bins and recycling", "Environmental Services", "01632 960 200", "waste@ashcombe.example.gov.uk", "Monday to Friday, 8am to 6pm"),
                ("Housing advice and homelessness", "Housing Options Team", "01632 960 300", "housing@ashcombe.example.gov.uk", "24 hours (out of hours emergency line)"),
                ("Planning applications", "Development Management", "01632 960 400", "planning@ashcombe.example.gov.uk", "Monday to Friday, 9am to 5pm"),
                ("Licensing", "Licensing Team", "01632 960 450", "licensing@ashcombe.example.gov.uk", "Monday to Thursday, 9am to 4pm"),
                ("Councillors and committees", "Democratic Services", "01632 960 411", "democracy@ashcombe.example.gov.uk", "Monday to Friday, 9am to 5pm"),
                ("Press enquiries", "Communications Team", "01632 960 500", "press@ashcombe.example.gov.uk", "Monday to Friday, 8.30am to 5.30pm"),
                ("Freedom of information", "Information Governance Officer", "01632 960 520", "foi@ashcombe.example.gov.uk", "Response within 20 working days")]
    rows = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in c5) + "</tr>" for c5 in contacts)
    body = f"""<h1>Contact us</h1>
<p>You can report, apply and pay for most services online. If you need to speak to us, use the numbers below.</p>
<table><thead><tr><th>Service</th><th>Team</th><th>Telephone</th><th>Email</th><th>Opening hours</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p>Civic Centre, Market Square, Ashcombe AS1 1AA. Reception is open Monday to Friday, 9am to 4pm.</p>"""
    return d, {d.name: html_page(d.title, body)}


@negative
def n11():
    d = neg_doc("glossary-of-terms", "txt", "Glossary of terms", "Ashcombe Borough Council")
    terms = [("ASB", "Anti-social behaviour: behaviour that causes harassment, alarm or distress."),
             ("BCF", "Better Care Fund: a pooled budget shared by the NHS and the council for health and social care."),
             ("CSP", "Community Safety Partnership: the statutory partnership of council, police, fire, health and probation."),
             ("EHCP", "Education, Health and Care Plan for a child or young person with special educational needs."),
             ("FTE", "Full-time equivalent: a measure of staff numbers adjusted for part-time hours."),
             ("HRA", "Housing Revenue Account: the ring-fenced account for council housing income and spending."),
             ("JSNA", "Joint Strategic Needs Assessment of the health and wellbeing needs of the population."),
             ("KPI", "Key performance indicator."),
             ("MTFS", "Medium Term Financial Strategy: the council's financial plan for the next four to five years."),
             ("RAG", "Red, amber, green: a rating used to show whether something is on track."),
             ("S106", "Section 106 agreement: a legal agreement with a developer to pay for infrastructure."),
             ("VCS", "Voluntary and community sector.")]
    out = ["## Ashcombe Borough Council - Annual Report 2023/24 - Appendix B", "", "Appendix B: Glossary of terms", "",
           tsv_row(["<b>Term</b>", "<b>Meaning</b>"])] + [tsv_row(t) for t in terms] + [""]
    return d, {d.name: "\n".join(out) + "\n"}


@negative
def n12():
    d = neg_doc("staffing-establishment-2025", "csv", "Staffing establishment at 1 April 2025", "Ashcombe Borough Council")
    rows = [["Post number", "Post title", "Directorate", "Team", "Grade", "FTE", "Permanent or temporary", "Status", "Line manager", "Date of last review"],
            ["P0012", "Chief Executive", "Chief Executive's Office", "Chief Executive's Office", "CEX", "1.0", "Permanent", "Filled", "Council", "01/04/2024"],
            ["P0031", "Head of Housing", "Communities", "Housing", "HoS2", "1.0", "Permanent", "Filled", "Director of Communities", "01/04/2024"],
            ["P0132", "Housing Options Officer", "Communities", "Housing Options", "Grade 7", "1.0", "Permanent", "Vacant - advertised", "Housing Options Manager", "15/01/2025"],
            ["P0133", "Housing Options Officer", "Communities", "Housing Options", "Grade 7", "0.6", "Permanent", "Filled", "Housing Options Manager", "15/01/2025"],
            ["P0210", "Planning Officer", "Place", "Development Management", "Grade 8", "1.0", "Temporary (to 31/03/2026)", "Filled", "Principal Planning Officer", "01/10/2024"],
            ["P0211", "Principal Planning Officer", "Place", "Development Management", "Grade 10", "1.0", "Permanent", "Filled - agency", "Head of Planning", "01/10/2024"],
            ["P0305", "Refuse Collection Driver", "Place", "Waste Services", "Grade 4", "1.0", "Permanent", "Filled", "Waste Operations Manager", "01/04/2024"],
            ["P0306", "Refuse Collection Driver", "Place", "Waste Services", "Grade 4", "1.0", "Permanent", "Vacant - on hold", "Waste Operations Manager", "01/04/2024"],
            ["P0411", "ICT Support Analyst", "Resources", "ICT", "Grade 6", "1.0", "Permanent", "Filled", "ICT Service Desk Manager", "01/07/2024"],
            ["P0412", "Cyber Security Lead", "Resources", "ICT", "Grade 11", "1.0", "Permanent", "New post - to be recruited", "Head of ICT", "01/02/2025"],
            ["P0520", "Democratic Services Officer", "Resources", "Democratic Services", "Grade 7", "0.8", "Permanent", "Filled", "Democratic Services Manager", "01/04/2024"],
            ["", "Total", "", "", "", "10.4", "", "", "", ""]]
    return d, {d.name: csv_text(rows)}


@negative
def n13():
    d = neg_doc("community-grants-awarded-2024-25", "tsv", "Community Grants Awarded 2024/25", "Ashcombe Borough Council")
    rows = [["Community Grants Fund 2024/25 - awards approved by the Communities Portfolio Holder"], [],
            ["Ref", "Organisation", "Purpose of grant", "Ward", "Amount awarded (£)", "Date of decision", "Monitoring due", "Officer"],
            ["CG24-01", "Millbrook Youth Football Club", "New goalposts and training equipment", "Millbrook", "1,850", "12/06/2024", "June 2025", "Community Development Officer"],
            ["CG24-02", "Ashcombe Foodbank", "Refrigerated storage for fresh food", "Town Centre", "4,000", "12/06/2024", "June 2025", "Community Development Officer"],
            ["CG24-03", "Friends of Brook Park", "Wildflower meadow and benches", "Brookside", "2,300", "12/06/2024", "June 2025", "Parks Development Officer"],
            ["CG24-04", "Ashcombe Carers Network", "Monthly carers' cafe", "All wards", "3,600", "18/09/2024", "September 2025", "Community Development Officer"],
            ["CG24-05", "St Mary's Community Hall", "Accessible toilet", "Westfield", "5,000", "18/09/2024", "September 2025", "Community Development Officer"],
            ["CG24-06", "Ashcombe Men's Shed", "Workshop tools and safety equipment", "Eastgate", "1,200", "18/09/2024", "September 2025", "Community Development Officer"],
            ["CG24-07", "Riverside Residents' Association", "Community litter picks and equipment", "Riverside", "650", "11/12/2024", "December 2025", "Neighbourhood Officer"],
            ["CG24-08", "Ashcombe Arts Collective", "Summer arts festival", "Town Centre", "4,500", "11/12/2024", "December 2025", "Arts Development Officer"],
            [], ["Total awarded", "", "", "", "23,100"]]
    return d, {d.name: csv_text(rows, delimiter="\t")}


# ---- END OF NEGATIVES ----


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as fh:
        fh.write(content)


def render_pdf(html_text, out_pdf, producer):
    """Render an HTML page to PDF with a real producer."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, os.path.splitext(os.path.basename(out_pdf))[0] + ".html")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(html_text)
        if producer == "chromium":
            exe = shutil.which("chromium") or shutil.which("chromium-browser")
            if not exe:
                sys.exit("chromium not found: apt-get install -y chromium")
            prof = os.path.join(tmp, "profile")
            cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={prof}", "--no-pdf-header-footer", f"--print-to-pdf={out_pdf}",
                   "file://" + src]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        elif producer == "libreoffice":
            exe = shutil.which("soffice") or shutil.which("libreoffice")
            if not exe:
                sys.exit("LibreOffice not found: apt-get install -y libreoffice-writer-nogui")
            prof = "file://" + os.path.join(tmp, "lo-profile")
            # open the page in Writer proper (the Writer/Web export drops the first page's text)
            cmd = [exe, f"-env:UserInstallation={prof}", "--headless", "--infilter=HTML (StarWriter)",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            shutil.move(os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + ".pdf"), out_pdf)
        else:
            raise ValueError(producer)
    if not os.path.exists(out_pdf) or os.path.getsize(out_pdf) < 1000:
        sys.exit(f"PDF rendering failed for {out_pdf}")


def norm_tokens(s):
    return re.sub(r"[^0-9a-z]+", " ", (plain(s) or "").lower()).split()


def self_check(score_py):
    """Checks every gold file parses, that each gold action's text, lead and deadline occur in
    its (non-PDF) document, and that score.py scores predictions built from the gold as 1.0."""
    problems = 0
    for base in (WILD, NEG):
        gold_dir = os.path.join(base, "gold")
        preds = []
        for n in sorted(os.listdir(gold_dir)):
            with open(os.path.join(gold_dir, n), encoding="utf-8") as fh:
                g = json.load(fh)
            doc_path = os.path.join(base, g["document"])
            if not os.path.exists(doc_path):
                print(f"MISSING document {doc_path}")
                problems += 1
                continue
            if not doc_path.endswith(".pdf"):
                with open(doc_path, encoding="utf-8") as fh:
                    body = " ".join(norm_tokens(fh.read()))
                for a in g["actions"]:
                    for f in ("text", "lead", "deadline"):
                        toks = norm_tokens(a[f])
                        # an action cell broken by a page break is checked in its two halves
                        if toks and " ".join(toks) not in body and not any(
                                " ".join(toks[:k]) in body and " ".join(toks[k:]) in body
                                for k in range(1, len(toks))):
                            print(f"NOT FOUND in {g['document']}: {f}={a[f]!r}")
                            problems += 1
            preds.append({"source": {"path": doc_path}, "actions": [
                {"text": a["text"], "ref": a["ref"], "objective": a["objective"],
                 "lead": {"raw": a["lead"]}, "deadline": {"raw": a["deadline"], "end": a["due"]},
                 "rag": {"status": a["rag"]}} for a in g["actions"]]})
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
            for p in preds:
                fh.write(json.dumps(p) + "\n")
            pred_path = fh.name
        r = subprocess.run([sys.executable, score_py, "--gold", gold_dir, "--pred", pred_path, "--inputs", base],
                           capture_output=True, text=True)
        os.unlink(pred_path)
        summary = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr
        print(os.path.relpath(base, ROOT), summary)
        if base == WILD and "action_f1=1.000" not in summary:
            problems += 1
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-pdf", action="store_true", help="do not (re)render PDFs")
    ap.add_argument("--only", help="only the document stems containing this text")
    ap.add_argument("--check", metavar="SCORE_PY", nargs="?", const="/work/shared/eval/score.py",
                    help="only check the corpus: gold parses, gold cells occur in the documents, "
                         "and score.py scores the gold itself as 1.0")
    args = ap.parse_args()
    if args.check:
        sys.exit(1 if self_check(args.check) else 0)
    seen = set()
    for kind, fns, base in (("plan", DOCS, WILD), ("negative", NEGS, NEG)):
        for fn in fns:
            d, files = fn()
            if args.only and args.only not in d.stem:
                continue
            assert d.stem not in seen, d.stem
            seen.add(d.stem)
            for name, content in files.items():
                path = os.path.join(base, name)
                if name.endswith(".pdf"):
                    producer, html_text = content
                    if args.no_pdf:
                        continue
                    render_pdf(html_text, path, producer)
                else:
                    write(path, content)
            g = d.gold()
            if kind == "plan":
                assert 10 <= len(g["actions"]) <= 60, (d.stem, len(g["actions"]))
            else:
                assert not g["actions"], d.stem
            write(os.path.join(base, "gold", f"{d.stem}.gold.json"),
                  json.dumps(g, indent=2, ensure_ascii=False) + "\n")
            print(f"{kind:8} {d.name:60} {len(g['actions']):3d} actions")


if __name__ == "__main__":
    main()
