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


# ---- END OF PLAN DOCUMENTS ----


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
            cmd = [exe, f"-env:UserInstallation={prof}", "--headless", "--convert-to", "pdf:writer_web_pdf_Export",
                   "--outdir", tmp, src]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            shutil.move(os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + ".pdf"), out_pdf)
        else:
            raise ValueError(producer)
    if not os.path.exists(out_pdf) or os.path.getsize(out_pdf) < 1000:
        sys.exit(f"PDF rendering failed for {out_pdf}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-pdf", action="store_true", help="do not (re)render PDFs")
    ap.add_argument("--only", help="only the document stems containing this text")
    args = ap.parse_args()
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
