//! The layout-variation generator: every fixture plan re-laid out, from its gold labels, the
//! way other bodies lay plans out, so the tests measure plansift on layouts it was not
//! written against.
//!
//! A [`Layout`] says how to write a plan's actions as a file: which columns and in what
//! order, the header words (none, drawn from the families public bodies use, or a machine
//! export's `snake_case` field names), where themes and objectives go (a column repeated on
//! every row, written once and carried down, or banner rows), how the rating is written
//! (letters, colour words, "on track" phrases, BRAG, a cell colour with no text), extra
//! columns that hold none of the roles (cost, service area, notes, date of last update), and
//! the format (CSV, TSV, HTML, text converted from PDF). [`families`] are the layout
//! families the bars are asserted on; [`Layout::random`] draws any combination for the
//! property tests. The gold labels of the original document score the result.

use serde_json::Value;

/// One action of a plan, from its gold labels.
#[derive(Debug, Clone)]
pub struct Record {
    pub theme: Option<String>,
    pub objective: Option<String>,
    pub reference: Option<String>,
    pub text: String,
    pub lead: Option<String>,
    pub deadline: Option<String>,
    pub rag: Option<String>,
}

/// The non-optional actions of a gold document.
pub fn records(gold: &Value) -> Vec<Record> {
    let s = |a: &Value, k: &str| {
        a[k].as_str()
            .map(str::to_string)
            .filter(|v| !v.trim().is_empty())
    };
    gold["actions"]
        .as_array()
        .map(|v| v.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|a| a["optional"].as_bool() != Some(true))
        .map(|a| Record {
            theme: s(a, "theme"),
            objective: s(a, "objective"),
            reference: s(a, "ref"),
            text: s(a, "text").unwrap_or_default(),
            lead: s(a, "lead"),
            deadline: s(a, "deadline"),
            rag: s(a, "rag"),
        })
        .collect()
}

/// A column of a generated table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Theme,
    Objective,
    Ref,
    Action,
    Lead,
    Deadline,
    Rag,
    Progress,
    Cost,
    Service,
    Notes,
    Updated,
}

/// Header words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    None,
    /// Words drawn from the families councils, NHS bodies and departments use.
    Words,
    /// A machine export's field names.
    Snake,
    /// Words the lexicon does not hold (Welsh-only headers): the columns must be read
    /// from their content, the header row from its contrast with the rows below.
    Unknown,
}

/// Where themes and objectives go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Groups {
    /// Columns with the value on every row (an export).
    Repeated,
    /// Columns with the value on the first row of its group only (a merged cell).
    Carried,
    /// Banner rows above each group ("Theme: ...", "Objective 2: ...").
    Banners,
}

/// How the rating is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RagStyle {
    Letters,
    Words,
    Phrases,
    Brag,
    /// A cell fill with no text (HTML only; other formats fall back to words).
    Fill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Html,
    Text,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Csv,
        Format::Tsv,
        Format::Html,
        Format::Text,
        Format::Json,
    ];
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Json => "json",
        }
    }
}

/// How to lay a plan out.
#[derive(Debug, Clone)]
pub struct Layout {
    pub columns: Vec<Col>,
    pub header: Header,
    pub groups: Groups,
    pub rag: RagStyle,
    pub format: Format,
    /// Chooses among header words and filler values.
    pub seed: u64,
}

/// A small deterministic generator (splitmix64), so layouts are the same on every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

/// Header words by column, from the families in `docs/research/plan-vocabulary.md`.
#[rustfmt::skip]
pub fn words(col: Col) -> &'static [&'static str] {
    match col {
        Col::Theme => &["Theme", "Strategic theme", "Priority area", "Workstream", "Pillar", "Strand", "Focus area", "Programme"],
        Col::Objective => &[
            "Objective", "Priority", "Strategic priority", "Aim", "Outcome", "Goal", "Well-being objective",
            "Strategic objective", "What we want to achieve", "Ambition",
        ],
        Col::Ref => &["Ref", "No.", "Reference", "ID", "Action no.", "#", "Ref no.", "Action ref", "Item"],
        Col::Action => &[
            "Action", "Key actions", "What we will do", "Activity", "Task", "Agreed action", "Actions to be taken",
            "Deliverable", "Key activity", "What we are going to do", "Intervention", "Initiative", "Commitment",
            "Recommendation", "Planned activity", "Actions required", "What we'll do", "Description of action",
        ],
        Col::Lead => &[
            "Lead", "Lead officer", "Owner", "Responsible officer", "Who", "Action owner", "Responsibility", "By whom",
            "Lead(s)", "Who is responsible", "Responsible", "Accountable officer", "Lead agency", "Lead partner",
            "Owner(s)", "Officer", "Led by", "Contact officer", "Action holder", "Responsible lead",
        ],
        Col::Deadline => &[
            "Deadline", "Due date", "Target date", "Timescale", "By when", "Completion date", "When", "Date due",
            "Target completion date", "Timescales", "By when?", "Timeframe", "Due", "Target", "End date",
            "Date for completion", "Delivery date", "Expected completion", "Milestone date", "Deadline date",
        ],
        Col::Rag => &[
            "RAG", "Status", "RAG status", "BRAG", "Rating", "Current status", "RAG rating", "Progress status",
            "Status (RAG)", "BRAG status", "Traffic light", "Overall status", "On track?", "Delivery confidence",
        ],
        Col::Progress => &[
            "Progress update", "Comments", "Commentary", "Update", "Progress to date", "Position statement", "Q2 update",
            "Progress", "Notes on progress", "Latest update", "Narrative", "Evidence", "Progress commentary",
            "Comments/Progress",
        ],
        Col::Cost => &["Cost", "Budget (£k)", "Resources", "Funding"],
        Col::Service => &["Service area", "Directorate", "Department"],
        Col::Notes => &["Notes", "Dependencies"],
        Col::Updated => &["Last updated", "Date of last update", "Updated"],
    }
}

/// Welsh column labels (bilingual public bodies print them; the lexicon is English).
fn welsh(col: Col) -> &'static str {
    match col {
        Col::Theme => "Thema",
        Col::Objective => "Amcan",
        Col::Ref => "Cyf.",
        Col::Action => "Cam gweithredu",
        Col::Lead => "Arweinydd",
        Col::Deadline => "Erbyn pryd",
        Col::Rag => "Statws",
        Col::Progress => "Cynnydd",
        Col::Cost => "Cost",
        Col::Service => "Gwasanaeth",
        Col::Notes => "Nodiadau",
        Col::Updated => "Diweddarwyd",
    }
}

fn snake(col: Col) -> &'static str {
    match col {
        Col::Theme => "theme",
        Col::Objective => "objective",
        Col::Ref => "ref_id",
        Col::Action => "action_text",
        Col::Lead => "lead_officer",
        Col::Deadline => "due_date",
        Col::Rag => "rag_status",
        Col::Progress => "progress_comment",
        Col::Cost => "cost_gbp",
        Col::Service => "service_area",
        Col::Notes => "notes",
        Col::Updated => "last_updated",
    }
}

const PROGRESS: &[&str] = &[
    "Work has started with partners and a first draft was shared with the board in June.",
    "The first phase was completed on time; the second phase has been scoped and agreed.",
    "Delivery was delayed by recruitment, and a revised plan was agreed at the last meeting.",
    "Two workshops were held with residents and the findings have been reported.",
    "Funding has been secured and the procurement exercise is under way.",
    "A pilot ran in three areas and an evaluation has been commissioned.",
];
const SERVICES: &[&str] = &[
    "Adult Social Care",
    "Public Health",
    "Housing",
    "Children's Services",
    "Corporate",
];
const NOTES: &[&str] = &[
    "See appendix B",
    "Linked to the Better Care Fund plan",
    "Carried forward from last year",
    "",
];

fn rag_text(status: &str, style: RagStyle) -> String {
    let (letter, word, phrase, brag) = match status {
        "green" => ("G", "Green", "On track", "G"),
        "amber" => ("A", "Amber", "At risk", "A"),
        "red" => ("R", "Red", "Off track", "R"),
        "complete" => ("C", "Complete", "Completed", "B"),
        other => (other, other, other, other),
    };
    match style {
        RagStyle::Letters => letter,
        RagStyle::Words | RagStyle::Fill => word,
        RagStyle::Phrases => phrase,
        RagStyle::Brag => brag,
    }
    .to_string()
}

fn rag_fill(status: &str) -> Option<&'static str> {
    Some(match status {
        "green" => "#00B050",
        "amber" => "#FFC000",
        "red" => "#FF0000",
        "complete" => "#0070C0",
        _ => return None,
    })
}

/// A generated row: a banner across the table, or cells.
enum Line {
    Banner(String),
    Cells(Vec<Out>),
}

/// One generated cell: text, and a fill for HTML.
struct Out {
    text: String,
    fill: Option<&'static str>,
}

impl Layout {
    /// The base columns a document's records fill (a column no record fills is left out).
    pub fn base_columns(recs: &[Record]) -> Vec<Col> {
        let mut cols = vec![];
        if recs.iter().any(|r| r.theme.is_some()) {
            cols.push(Col::Theme);
        }
        if recs.iter().any(|r| r.objective.is_some()) {
            cols.push(Col::Objective);
        }
        if recs.iter().any(|r| r.reference.is_some()) {
            cols.push(Col::Ref);
        }
        cols.push(Col::Action);
        if recs.iter().any(|r| r.lead.is_some()) {
            cols.push(Col::Lead);
        }
        if recs.iter().any(|r| r.deadline.is_some()) {
            cols.push(Col::Deadline);
        }
        if recs.iter().any(|r| r.rag.is_some()) {
            cols.push(Col::Rag);
        }
        cols.push(Col::Progress);
        cols
    }

    /// Any combination, drawn from `seed`.
    pub fn random(recs: &[Record], seed: u64) -> Layout {
        let mut rng = Rng::new(seed);
        let mut columns = Self::base_columns(recs);
        let header = *rng.pick(&[
            Header::None,
            Header::Words,
            Header::Words,
            Header::Snake,
            Header::Unknown,
        ]);
        if rng.below(2) == 0 {
            for extra in [Col::Cost, Col::Service, Col::Notes, Col::Updated] {
                // with no header, a second column of dates says nothing of which is the
                // deadline: only its header can
                if extra == Col::Updated && matches!(header, Header::None | Header::Unknown) {
                    continue;
                }
                if rng.below(2) == 0 {
                    let at = rng.below(columns.len() + 1);
                    columns.insert(at, extra);
                }
            }
        }
        if rng.below(2) == 0 {
            rng.shuffle(&mut columns);
        }
        let groups = *rng.pick(&[Groups::Repeated, Groups::Carried, Groups::Banners]);
        let rag = *rng.pick(&[
            RagStyle::Letters,
            RagStyle::Words,
            RagStyle::Phrases,
            RagStyle::Brag,
            RagStyle::Fill,
        ]);
        let format = *rng.pick(&Format::ALL);
        Layout {
            columns,
            header,
            groups,
            rag,
            format,
            seed,
        }
    }

    /// The file a document's records make in this layout.
    pub fn render(&self, title: &str, recs: &[Record]) -> String {
        let mut rng = Rng::new(self.seed.wrapping_mul(31).wrapping_add(7));
        let columns: Vec<Col> = match self.groups {
            Groups::Banners => self
                .columns
                .iter()
                .copied()
                .filter(|c| !matches!(c, Col::Theme | Col::Objective))
                .collect(),
            _ => self.columns.clone(),
        };
        let header: Option<Vec<String>> = match self.header {
            Header::None => None,
            Header::Words => Some(
                columns
                    .iter()
                    .map(|&c| rng.pick(words(c)).to_string())
                    .collect(),
            ),
            Header::Snake => Some(columns.iter().map(|&c| snake(c).to_string()).collect()),
            Header::Unknown => Some(columns.iter().map(|&c| welsh(c).to_string()).collect()),
        };
        // rows: banner rows (one text in the first cell) and action rows
        let mut rows: Vec<Line> = Vec::new();
        let (mut theme, mut objective): (Option<&str>, Option<&str>) = (None, None);
        let mut n_objective = 0;
        for (i, r) in recs.iter().enumerate() {
            let new_theme = r.theme.as_deref() != theme;
            let new_objective = new_theme || r.objective.as_deref() != objective;
            if self.groups == Groups::Banners {
                if new_theme {
                    if let Some(t) = &r.theme {
                        rows.push(Line::Banner(format!("Theme: {t}")));
                    }
                }
                if new_objective {
                    if let Some(o) = &r.objective {
                        n_objective += 1;
                        rows.push(Line::Banner(format!("Objective {n_objective}: {o}")));
                    }
                }
            }
            let cells = columns
                .iter()
                .map(|&c| {
                    let text = |s: &Option<String>| s.clone().unwrap_or_default();
                    let carried = |s: &Option<String>, new: bool| match self.groups {
                        Groups::Carried if !new => String::new(),
                        _ => text(s),
                    };
                    let (text, fill) = match c {
                        Col::Theme => (carried(&r.theme, new_theme), None),
                        Col::Objective => (carried(&r.objective, new_objective), None),
                        Col::Ref => (text(&r.reference), None),
                        Col::Action => (r.text.clone(), None),
                        Col::Lead => (text(&r.lead), None),
                        Col::Deadline => (text(&r.deadline), None),
                        Col::Rag => match &r.rag {
                            Some(s)
                                if self.rag == RagStyle::Fill && self.format == Format::Html =>
                            {
                                (String::new(), rag_fill(s))
                            }
                            Some(s) => (rag_text(s, self.rag), None),
                            None => (String::new(), None),
                        },
                        Col::Progress => (
                            PROGRESS[(i + self.seed as usize) % PROGRESS.len()].to_string(),
                            None,
                        ),
                        Col::Cost => (
                            format!("£{}k", 5 + (i * 37 + self.seed as usize) % 400),
                            None,
                        ),
                        Col::Service => (
                            SERVICES[(i + self.seed as usize) % SERVICES.len()].to_string(),
                            None,
                        ),
                        Col::Notes => (
                            NOTES[(i * 3 + self.seed as usize) % NOTES.len()].to_string(),
                            None,
                        ),
                        Col::Updated => (
                            format!("{:02}/{:02}/2024", 1 + i % 28, 1 + (i / 28) % 12),
                            None,
                        ),
                    };
                    Out { text, fill }
                })
                .collect();
            rows.push(Line::Cells(cells));
            theme = r.theme.as_deref();
            objective = r.objective.as_deref();
        }
        match self.format {
            Format::Csv | Format::Tsv => {
                delimited(self.format, title, header.as_deref(), &rows, columns.len())
            }
            Format::Text => text(title, header.as_deref(), &rows, columns.len()),
            Format::Html => html(title, header.as_deref(), &rows, columns.len()),
            Format::Json => {
                // a machine export: every record keyed; no header, no banner rows
                let keys: Vec<String> = header
                    .unwrap_or_else(|| columns.iter().map(|&c| snake(c).to_string()).collect());
                json(title, &keys, &rows)
            }
        }
    }
}

fn csv_field(s: &str, delim: char) -> String {
    if s.contains([delim, '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn delimited(
    f: Format,
    title: &str,
    header: Option<&[String]>,
    rows: &[Line],
    width: usize,
) -> String {
    let d = if f == Format::Csv { ',' } else { '\t' };
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| csv_field(c, d))
            .collect::<Vec<_>>()
            .join(&d.to_string())
    };
    let mut out = String::new();
    // exports usually start with the table; some carry a title line
    if header.is_some() && (title.len() & 1) == 0 {
        out.push_str(&csv_field(title, d));
        out.push('\n');
    }
    if let Some(h) = header {
        out.push_str(&line(h.to_vec()));
        out.push('\n');
    }
    for r in rows {
        let cells: Vec<String> = match r {
            Line::Banner(b) => std::iter::once(b.clone())
                .chain(std::iter::repeat_n(String::new(), width - 1))
                .collect(),
            Line::Cells(cells) => cells.iter().map(|c| c.text.clone()).collect(),
        };
        out.push_str(&line(cells));
        out.push('\n');
    }
    out
}

fn text(title: &str, header: Option<&[String]>, rows: &[Line], width: usize) -> String {
    let mut out = format!("{title}\n\n");
    if let Some(h) = header {
        out.push_str(&h.join("\t"));
        out.push('\n');
    }
    for r in rows {
        match r {
            Line::Banner(b) => {
                out.push_str(&format!("<b>{b}</b>"));
                out.push_str(&"\t".repeat(width - 1));
            }
            Line::Cells(cells) => out.push_str(
                &cells
                    .iter()
                    .map(|c| c.text.replace(['\t', '\n'], " "))
                    .collect::<Vec<_>>()
                    .join("\t"),
            ),
        }
        out.push('\n');
    }
    out
}

fn json(title: &str, keys: &[String], rows: &[Line]) -> String {
    let records: Vec<Value> = rows
        .iter()
        .filter_map(|r| match r {
            Line::Cells(cells) => Some(Value::Object(
                keys.iter()
                    .zip(cells)
                    .map(|(k, c)| (k.clone(), Value::String(c.text.clone())))
                    .collect(),
            )),
            Line::Banner(_) => None,
        })
        .collect();
    let doc = serde_json::json!({ "title": title, "actions": records });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html(title: &str, header: Option<&[String]>, rows: &[Line], width: usize) -> String {
    let mut out = format!("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n<h1>{}</h1>\n<table border=\"1\">\n", esc(title), esc(title));
    if let Some(h) = header {
        out.push_str("<thead><tr>");
        for c in h {
            out.push_str(&format!("<th>{}</th>", esc(c)));
        }
        out.push_str("</tr></thead>\n");
    }
    out.push_str("<tbody>\n");
    for r in rows {
        match r {
            Line::Banner(b) => out.push_str(&format!(
                "<tr><td colspan=\"{width}\"><b>{}</b></td></tr>\n",
                esc(b)
            )),
            Line::Cells(cells) => {
                out.push_str("<tr>");
                for c in cells {
                    match c.fill {
                        Some(f) => out.push_str(&format!(
                            "<td style=\"background-color:{f}\">{}</td>",
                            esc(&c.text)
                        )),
                        None => out.push_str(&format!("<td>{}</td>", esc(&c.text))),
                    }
                }
                out.push_str("</tr>\n");
            }
        }
    }
    out.push_str("</tbody></table>\n</body></html>\n");
    out
}

/// A named family of layouts: what the bars are asserted on.
pub struct Family {
    pub name: &'static str,
    pub make: fn(&[Record], Format, u64) -> Layout,
}

fn base(recs: &[Record], format: Format, seed: u64) -> Layout {
    Layout {
        columns: Layout::base_columns(recs),
        header: Header::Words,
        groups: Groups::Repeated,
        rag: RagStyle::Letters,
        format,
        seed,
    }
}

/// The layout families of the issue: no header row; header words from the families public
/// bodies use; shuffled columns; extra columns holding none of the roles; ratings in other
/// vocabularies and as fill colours; a machine export with snake_case field names; objectives
/// carried down and as banner rows.
pub fn families() -> Vec<Family> {
    vec![
        Family {
            name: "header-words",
            make: base,
        },
        Family {
            name: "no-header",
            make: |r, f, s| Layout {
                header: Header::None,
                ..base(r, f, s)
            },
        },
        Family {
            name: "shuffled",
            make: |r, f, s| {
                let mut l = base(r, f, s);
                Rng::new(s).shuffle(&mut l.columns);
                l
            },
        },
        Family {
            name: "extra-columns",
            make: |r, f, s| {
                let mut l = base(r, f, s);
                let mut rng = Rng::new(s + 1);
                for extra in [Col::Cost, Col::Service, Col::Notes, Col::Updated] {
                    let at = rng.below(l.columns.len() + 1);
                    l.columns.insert(at, extra);
                }
                l
            },
        },
        Family {
            name: "rag-words",
            make: |r, f, s| Layout {
                rag: RagStyle::Words,
                ..base(r, f, s)
            },
        },
        Family {
            name: "rag-phrases",
            make: |r, f, s| Layout {
                rag: RagStyle::Phrases,
                ..base(r, f, s)
            },
        },
        Family {
            name: "rag-brag",
            make: |r, f, s| Layout {
                rag: RagStyle::Brag,
                ..base(r, f, s)
            },
        },
        Family {
            name: "rag-fill",
            make: |r, _, s| Layout {
                rag: RagStyle::Fill,
                ..base(r, Format::Html, s)
            },
        },
        Family {
            name: "snake-case-export",
            make: |r, f, s| Layout {
                header: Header::Snake,
                ..base(r, f, s)
            },
        },
        Family {
            name: "unknown-header-words",
            make: |r, f, s| Layout {
                header: Header::Unknown,
                ..base(r, f, s)
            },
        },
        Family {
            name: "carried-down",
            make: |r, f, s| Layout {
                groups: Groups::Carried,
                ..base(r, f, s)
            },
        },
        Family {
            name: "banner-rows",
            make: |r, f, s| Layout {
                groups: Groups::Banners,
                ..base(r, f, s)
            },
        },
        Family {
            name: "no-header-shuffled",
            make: |r, f, s| {
                let mut l = Layout {
                    header: Header::None,
                    ..base(r, f, s)
                };
                Rng::new(s + 2).shuffle(&mut l.columns);
                l
            },
        },
    ]
}
