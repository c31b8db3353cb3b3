//! The walk over a document's blocks: one plan state, and ordered lists of named rules.
//!
//! The walker keeps one [`Walker`] state: the theme and objective in force, the plan whose
//! table is being read (its column roles, from `assign.rs`), the gaps since it (a page
//! break, real text), and the actions drafted so far. Each block goes through rules in a
//! fixed order; the first rule that settles a block (or a row) ends it, and every rule that
//! fires is counted, so `plansift roles FILE` shows which rules read each table.
//!
//! - Text blocks: [`TEXT_RULES`] (page numbers, reference descriptions, labelled banners,
//!   headings as themes).
//! - Tables: a table is read ([`assign::read`]) unless it continues the current plan across
//!   a page break; a later page of a plan's table may also resume it after some text, its
//!   columns fitted to the plan's when the table finder saw a different number.
//! - Rows of a plan table: [`ROW_RULES`] (measures sub-tables, banner rows, theme and
//!   objective rows, continuation rows cut by page breaks or line wraps, fragments, a
//!   previous action's tail, lead-ins, new actions).

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use plansift_model::{Block, Cell, Diagnostic, Row, Table, TableOrigin};
use plansift_normalize as norm;

use crate::align::align;
use crate::assign::{self, TableReading};
use crate::banner::{self, Banner};
use crate::draft::{append, fill_fields, is_rag_colour, Draft};
use crate::evidence::{self, ColumnStats};
use crate::profile::Profile;
use crate::roles::Role;
use crate::{lexicon, stitch, text, TableExplanation};

/// What a plan's table is made of: fixed once its header (or content) is read.
#[derive(Debug)]
pub struct Shape {
    pub id: u32,
    pub roles: Vec<Option<Role>>,
    pub headers: Vec<String>,
    /// Each column's horizontal extent on the page (PDF) and its content profile, to fit
    /// later pages of the table to it.
    pub extents: Vec<Option<[f32; 2]>>,
    pub stats: Vec<ColumnStats>,
}

impl Shape {
    pub fn col(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
}

/// The plan being read: its shape and where the walk stands in it.
#[derive(Debug, Clone)]
struct Plan {
    shape: Rc<Shape>,
    /// The objective carried down over the rows.
    objective: Option<String>,
    /// Inside a measures sub-table ("We measure ... by:"): rows are not actions.
    measures: bool,
    /// Continuation rows may still join the last action.
    open: bool,
}

/// The one state of the walk.
#[derive(Default)]
pub struct Walker {
    pub profile: Profile,
    /// Keep every table's reading and the rules that fired in it (for explanations).
    pub explain: bool,
    pub explanations: Vec<TableExplanation>,
    /// Rules fired in the current table.
    fired: BTreeMap<&'static str, usize>,
    /// The last table's width and whether it ended in a plan.
    last_table: Option<(usize, bool)>,
    /// The last table was records rebuilt as rows (`TableOrigin::Records`).
    last_records: bool,
    /// The last plan seen, for a later page of its table with no header row.
    last_plan: Option<Plan>,
    theme: Option<String>,
    /// The code of the banner that gave the theme, and of the one that gave the objective.
    theme_code: Option<String>,
    objective_banner: Option<(String, String)>,
    epoch: u32,
    plan: Option<Plan>,
    pub plans: u32,
    /// Since the last plan table: a page break was passed.
    gap_break: bool,
    /// Since the last plan table: real text (not furniture) was passed.
    gap_text: bool,
    /// An objective stated in a paragraph ("Priority Outcome 1 ...") for the tables that follow.
    pending_objective: Option<String>,
    /// Reference code -> description (objective tables, "CODE description" paragraphs).
    ref_objectives: HashMap<String, String>,
    pub drafts: Vec<Draft>,
    pub diagnostics: Vec<Diagnostic>,
    /// An objective has been seen since the current theme began.
    epoch_has_objective: bool,
}

/// What a rule did with a block or row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Not this rule's case.
    Pass,
    /// It acted; the next rules still run.
    Fired,
    /// It settled the block or row.
    Done,
}

/// A text block as the text rules see it.
struct TextCtx<'a> {
    text: &'a str,
    heading: bool,
}

type TextRule = (&'static str, fn(&mut Walker, &TextCtx) -> Step);

/// The rules for headings and paragraphs, in order (page numbers are passed over first).
const TEXT_RULES: &[TextRule] = &[
    ("ref-description", text_ref_description),
    ("banner", text_banner),
    ("heading-theme", text_heading_theme),
];

/// A row of a plan table as the row rules see it.
struct RowCtx {
    row: Row,
    plan: Plan,
    /// The row's cells joined (cells a converter cut mid-word are rejoined).
    joined: String,
    /// The action cell's text, bullets stripped.
    action: String,
    first_after_break: bool,
    first_in_table: bool,
    /// The row has its own lead, deadline, reference or rating.
    own_key: bool,
}

impl RowCtx {
    fn cell(&self, role: Role) -> &str {
        self.plan
            .shape
            .col(role)
            .map(|i| self.row.text(i).trim())
            .unwrap_or("")
    }
}

type RowRule = (&'static str, fn(&mut Walker, &mut RowCtx) -> Step);

/// The rules for a row of a plan table, in order.
const ROW_RULES: &[RowRule] = &[
    ("measures-intro", row_measures_intro),
    ("in-measures", row_in_measures),
    ("banner-row", row_banner),
    ("theme-row", row_theme),
    ("theme-cell", row_theme_cell),
    ("objective-row", row_objective),
    ("fields-continue", row_fields_continue),
    ("text-continues", row_text_continues),
    ("fragment", row_fragment),
    ("tail-split", row_tail_split),
    ("objective-beside", row_objective_beside),
    ("lead-in", row_lead_in),
    ("new-action", row_new_action),
];

impl Walker {
    pub fn new(profile: Profile, explain: bool) -> Self {
        Walker {
            profile,
            explain,
            ..Default::default()
        }
    }

    pub fn block(&mut self, b: &Block) {
        match b {
            // A running header or footer marks a page boundary of the source (a rendering may
            // reflow it into the middle of a page).
            Block::PageBreak { .. } | Block::Furniture(_) => self.gap_break = true,
            Block::Heading(t) | Block::Paragraph(t) => {
                let ctx = TextCtx {
                    text: t.text.trim(),
                    heading: t.bold || matches!(b, Block::Heading(_)),
                };
                if ctx.text.is_empty() || text::page_number(ctx.text) {
                    return;
                }
                self.gap_text = true;
                for (_, rule) in TEXT_RULES {
                    if rule(self, &ctx) == Step::Done {
                        break;
                    }
                }
            }
            Block::Table(t) => self.table(t),
        }
    }

    fn fire(&mut self, name: &'static str) {
        if self.explain {
            *self.fired.entry(name).or_default() += 1;
        }
    }

    fn set_theme(&mut self, theme: String) {
        self.theme = Some(theme);
        self.theme_code = None;
        self.objective_banner = None;
        self.epoch += 1;
        self.epoch_has_objective = false;
        self.pending_objective = None;
        if let Some(p) = &mut self.plan {
            p.objective = None;
            p.open = false;
            p.measures = false;
        }
    }

    /// A labelled banner: a theme, an objective, or an objective nested in the last one
    /// (which then becomes the theme: "Aim 2." then "Objective 2.a.").
    fn apply_banner(&mut self, b: Banner) {
        let depth = b.code.as_deref().map(banner::depth);
        let theme_depth = self.theme_code.as_deref().map(banner::depth);
        let nested = match (&self.objective_banner, &b.code) {
            (Some((pc, _)), Some(c)) => banner::nested(pc, c),
            _ => false,
        };
        if nested {
            let (pc, pt) = self.objective_banner.clone().expect("checked");
            self.set_theme(pt);
            self.theme_code = Some(pc);
        } else if b.level == banner::Level::Theme || (depth.is_some() && depth == theme_depth) {
            self.set_theme(b.text);
            self.theme_code = b.code;
            return;
        }
        if let Some(c) = &b.code {
            self.objective_banner = Some((c.clone(), b.text.clone()));
        }
        self.pending_objective = Some(b.text.clone());
        if let Some(p) = &mut self.plan {
            p.objective = Some(b.text);
            p.open = false;
        }
    }

    fn table(&mut self, t: &Table) {
        self.fired.clear();
        let folded = stitch::fold_spanned_columns(t);
        if folded.is_some() {
            self.fire("fold-spanned-columns");
        }
        let t = folded.as_ref().unwrap_or(t);
        // Records rebuilt as rows are whole: a table of another kind after them neither
        // continues nor resumes their plan.
        if self.last_records && t.origin != TableOrigin::Records {
            self.plan = None;
            self.last_plan = None;
        }
        let continuation = self.plan.is_some() && !self.gap_text;
        let headerless = assign::find_header(&t.rows, &self.profile).is_empty();
        // A page of the plan's table with its columns found differently: place them under
        // the plan's columns first.
        if continuation && headerless {
            if let Some(fitted) = self.plan.as_ref().and_then(|p| fit_to_plan(t, &p.shape)) {
                self.fire("fit-columns");
                return self.walk(&fitted, true, None, "continues the plan (columns fitted)");
            }
        }
        // A table with no header row right after a table of the same width that was not a
        // plan (an objectives or measures table cut by a page break) is the rest of it.
        let rest_of_other = !continuation
            && !self.gap_text
            && self
                .last_table
                .is_some_and(|(w, plan)| !plan && w == t.columns());
        if continuation || rest_of_other || !headerless {
            let note = if continuation {
                "continues the plan across a page break"
            } else if rest_of_other {
                "the rest of the table before it (not a plan)"
            } else {
                ""
            };
            return self.walk(t, continuation, None, note);
        }
        // A table with no header row is read from its content alone, unless it is a page of
        // the last plan's table (its header only on the first page) after some text.
        let reading = assign::read(&t.rows, &self.profile);
        if let Some((prev, fitted)) = self.resumable(t, &reading) {
            self.resume_plan(prev);
            self.fire("resume-plan");
            return self.walk(
                fitted.as_ref().unwrap_or(t),
                true,
                Some(reading),
                "resumes the last plan",
            );
        }
        if reading.plan {
            self.start_plan(&reading, &t.rows);
            return self.walk(t, true, Some(reading), "");
        }
        self.walk(t, false, Some(reading), "")
    }

    /// Walk a table's rows; `in_plan`: its rows belong to the current plan from the start.
    fn walk(&mut self, t: &Table, mut in_plan: bool, reading: Option<TableReading>, note: &str) {
        let after_break = self.gap_break;
        let mut first_data_row = true;
        let rows = &t.rows;
        let mut readings: Vec<(usize, TableReading)> =
            reading.into_iter().map(|r| (0, r)).collect();
        let mut skip_to = 0;
        let mut seen = 0;
        // the table's own header row, found with all the evidence (labels unlike the body,
        // the user's profile), when the walk does not start inside a plan
        let top = if in_plan {
            None
        } else {
            assign::find_header(rows, &self.profile).first().copied()
        };
        for (i, row) in rows.iter().enumerate() {
            plansift_model::budget::tick_n(row.cells.len() as u64 + 1, "interpretation");
            if i < skip_to || row.filled() == 0 {
                continue;
            }
            seen += 1;
            let header = if Some(i) == top {
                true
            } else if t.origin == TableOrigin::Records {
                // records rebuilt as rows mark their header row (the labels) themselves
                row.cells.iter().any(|c| c.header)
            } else if seen <= 4 && !in_plan || seen == 1 {
                assign::is_header_row(row)
            } else {
                self.plan
                    .as_ref()
                    .is_some_and(|p| same_header(&p.shape, row))
                    || assign::is_inner_header_row(row)
            };
            if header {
                if let Some(p) = self.plan.as_mut().filter(|p| same_header(&p.shape, row)) {
                    if !self.gap_text || !in_plan {
                        // the plan's header repeated (on a new page, or with a cell missing)
                        p.measures = false;
                        in_plan = true;
                        *self.fired.entry("repeated-header").or_default() += 1;
                        // a column empty in the plan's rows so far (ratings only in later
                        // groups of cards) takes the role these rows show
                        if let Some(shape) =
                            widen(&p.shape, &assign::read(&rows[i..], &self.profile))
                        {
                            p.shape = Rc::new(shape);
                            *self.fired.entry("widen-roles").or_default() += 1;
                        }
                        continue;
                    }
                }
                let reading = assign::read(&rows[i..], &self.profile);
                if reading.plan {
                    self.start_plan(&reading, &rows[i..]);
                    skip_to = i + reading.header_rows.last().map_or(0, |h| h + 1);
                    readings.push((i, reading));
                    in_plan = true;
                    continue;
                }
                // Another kind of table (measures, risks, objectives): the plan ends here.
                self.plan = None;
                self.collect_ref_table(&reading.roles(), &rows[i + 1..]);
                readings.push((i, reading));
                break;
            }
            if !in_plan {
                self.pre_header_row(row);
                continue;
            }
            self.plan_row(row, first_data_row && after_break, first_data_row);
            first_data_row = false;
        }
        if self.plan.is_some() {
            self.gap_break = false;
            self.gap_text = false;
        } else if !in_plan {
            self.collect_ref_rows(&t.rows);
            self.gap_text = false;
        }
        self.last_table = Some((t.columns(), self.plan.is_some()));
        self.last_records = t.origin == TableOrigin::Records;
        if self.plan.is_some() {
            self.last_plan = self.plan.clone();
        }
        if self.explain {
            self.explain_table(t, readings, note);
        }
    }

    fn explain_table(&mut self, t: &Table, readings: Vec<(usize, TableReading)>, note: &str) {
        let rules: Vec<(String, usize)> = self
            .fired
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        let plan = self.plan.as_ref().map(|p| p.shape.id);
        if readings.is_empty() {
            let prov = t.rows.first().map_or(t.prov, |r| r.prov);
            self.explanations.push(TableExplanation {
                prov,
                rows: t.rows.len(),
                reading: None,
                note: note.to_string(),
                plan,
                rules,
            });
            return;
        }
        let n = readings.len();
        for (k, (first, reading)) in readings.into_iter().enumerate() {
            let prov = t.rows.get(first).map_or(t.prov, |r| r.prov);
            self.explanations.push(TableExplanation {
                prov,
                rows: t.rows.len() - first,
                reading: Some(reading),
                note: if k == 0 {
                    note.to_string()
                } else {
                    String::new()
                },
                plan,
                rules: if k + 1 == n {
                    rules.clone()
                } else {
                    Vec::new()
                },
            });
        }
    }

    /// A table that is not a plan but pairs reference codes with descriptions (an objectives
    /// table whose header is on another page) gives descriptions for reference codes.
    fn collect_ref_rows(&mut self, rows: &[Row]) {
        let pairs: Vec<(&str, &str)> = rows
            .iter()
            .filter(|r| r.filled() > 0)
            .filter_map(|r| {
                let mut cells = r.cells.iter().filter(|c| !c.is_empty());
                let code = cells.next()?.text.trim();
                let desc = cells.next()?.text.trim();
                (text::is_ref_code(code) && desc.chars().count() >= 15).then_some((code, desc))
            })
            .collect();
        let filled = rows.iter().filter(|r| r.filled() > 0).count();
        if !pairs.is_empty() && pairs.len() * 10 >= filled * 6 {
            for (code, desc) in pairs {
                self.ref_objectives
                    .entry(code.to_string())
                    .or_insert_with(|| desc.to_string());
            }
        }
    }

    /// The last plan, when a table with no header row can be a later page of its table: it
    /// has the plan's width (or fits its columns) and its content does not contradict the
    /// plan's action column. Returns the plan and the fitted table, if fitted.
    fn resumable(&self, t: &Table, reading: &TableReading) -> Option<(Plan, Option<Table>)> {
        let prev = self.last_plan.as_ref()?;
        let a = prev.shape.col(Role::Action)?;
        if prev.shape.roles.len() == t.columns() {
            let fits = reading.columns.get(a).is_some_and(|c| c.could_be_actions());
            return fits.then(|| (prev.clone(), None));
        }
        let fitted = fit_to_plan(t, &prev.shape)?;
        let r = assign::read(&fitted.rows, &self.profile);
        let fits = r.columns.get(a).is_some_and(|c| c.could_be_actions());
        fits.then(|| (prev.clone(), Some(fitted)))
    }

    fn resume_plan(&mut self, prev: Plan) {
        self.plans += 1;
        let shape = Rc::new(Shape {
            id: self.plans,
            roles: prev.shape.roles.clone(),
            headers: prev.shape.headers.clone(),
            extents: prev.shape.extents.clone(),
            stats: prev.shape.stats.clone(),
        });
        self.plan = Some(Plan {
            shape,
            objective: self.pending_objective.clone(),
            measures: false,
            open: false,
        });
    }

    fn start_plan(&mut self, reading: &TableReading, rows: &[Row]) {
        self.plans += 1;
        let extents = stitch::column_extents(rows, reading.columns.len());
        let roles = reading.roles();
        let objective = if roles.contains(&Some(Role::Objective)) {
            None
        } else {
            self.pending_objective.clone()
        };
        // Columns with no header (a table read from content) keep their text under "column N".
        let headers = reading
            .headers()
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                if h.trim().is_empty() {
                    format!("column {}", i + 1)
                } else {
                    h
                }
            })
            .collect();
        let shape = Rc::new(Shape {
            id: self.plans,
            roles,
            headers,
            extents,
            stats: reading.stats.clone(),
        });
        self.plan = Some(Plan {
            shape,
            objective,
            measures: false,
            open: false,
        });
    }

    /// A row before any plan header: a banner, a theme, or nothing we use.
    fn pre_header_row(&mut self, row: &Row) {
        let joined = text::join_cells(row.cells.iter().map(|c| c.text.as_str()));
        if let Some(b) = banner::parse(&joined, false) {
            self.fire("banner-row");
            self.apply_banner(b);
            return;
        }
        if let Some(c) = single_cell(row) {
            if theme_like(&c.text) && !names_a_role(&c.text) {
                self.fire("theme-row");
                self.set_theme(c.text.clone());
            }
        }
    }

    /// An objectives table (reference + description) gives descriptions for reference codes.
    fn collect_ref_table(&mut self, roles: &[Option<Role>], rows: &[Row]) {
        let (Some(r), Some(d)) = (
            roles.iter().position(|x| *x == Some(Role::Ref)),
            roles.iter().position(|x| *x == Some(Role::Objective)),
        ) else {
            return;
        };
        for row in rows {
            let (code, desc) = (row.text(r).trim(), row.text(d).trim());
            if !code.is_empty() && !desc.is_empty() && !code.contains(' ') {
                self.ref_objectives
                    .entry(code.to_string())
                    .or_insert_with(|| desc.to_string());
            }
        }
    }

    fn plan_row(&mut self, row: &Row, first_after_break: bool, first_in_table: bool) {
        let Some(plan) = self.plan.clone() else {
            return;
        };
        let row = match align(row, &plan.shape.roles) {
            Some(r) => {
                self.fire("realign");
                r
            }
            None => row.clone(),
        };
        let joined = text::join_cells(row.cells.iter().map(|c| c.text.as_str()));
        let action = plan
            .shape
            .col(Role::Action)
            .map(|i| text::strip_bullet(row.text(i).trim()).to_string())
            .unwrap_or_default();
        let mut ctx = RowCtx {
            row,
            plan,
            joined,
            action,
            first_after_break,
            first_in_table,
            own_key: false,
        };
        // The row has its own lead, deadline, reference or rating (a RAG cell must hold one).
        ctx.own_key = [Role::Lead, Role::Deadline, Role::Ref]
            .iter()
            .any(|&r| !ctx.cell(r).is_empty())
            || norm::looks_like_rag(ctx.cell(Role::Rag))
            || ctx
                .plan
                .shape
                .col(Role::Rag)
                .and_then(|i| ctx.row.cells.get(i))
                .and_then(|c| c.fill)
                .is_some_and(is_rag_colour);
        for (name, rule) in ROW_RULES {
            let step = rule(self, &mut ctx);
            if step != Step::Pass {
                self.fire(name);
            }
            if step == Step::Done {
                break;
            }
        }
    }

    fn set_open(&mut self, open: bool) {
        if let Some(p) = &mut self.plan {
            p.open = open;
        }
    }

    fn set_objective(&mut self, objective: String, beside_action: bool) {
        let Some(p) = &mut self.plan else { return };
        p.objective = Some(objective.clone());
        // A merged cell's text is vertically centred: the rows of its group above it, since
        // the section began and before any other objective, belong to it too.
        if beside_action && !self.epoch_has_objective {
            for d in self.drafts.iter_mut().rev() {
                if d.plan != p.shape.id || d.epoch != self.epoch {
                    break;
                }
                if d.backfill && d.objective.is_none() {
                    d.objective = Some(objective.clone());
                }
            }
        }
        self.epoch_has_objective = true;
    }

    /// A row with no action text continues the last action: a second indicator, the rest of
    /// a comment cut by a page break.
    fn merge_into_last(&mut self, row: &Row, plan: &Plan) {
        if !plan.open {
            return;
        }
        if let Some(last) = self.drafts.last_mut().filter(|d| d.plan == plan.shape.id) {
            fill_fields(last, row, &plan.shape, false);
        }
    }

    /// The last draft, if it is of this plan and rows may still join it.
    fn open_draft(&self, plan: &Plan) -> Option<&Draft> {
        self.drafts
            .last()
            .filter(|d| d.plan == plan.shape.id && plan.open)
    }
}

// ---- text rules

/// "ABC001 To maintain ..." (the description perhaps emphasised, perhaps after other
/// sentences): a description for a reference code, and an objective for its actions.
fn text_ref_description(w: &mut Walker, c: &TextCtx) -> Step {
    let mut found = false;
    for seg in text::sentence_starts(c.text) {
        if let Some((r, desc)) = text::ref_description(seg) {
            w.ref_objectives.insert(r.to_string(), desc.to_string());
            found = true;
        }
    }
    if found {
        Step::Done
    } else {
        Step::Pass
    }
}

/// "Priority Outcome 1 ...", "Theme 2: ...", "Service: ...": a theme or an objective.
fn text_banner(w: &mut Walker, c: &TextCtx) -> Step {
    match banner::parse(c.text, c.heading) {
        Some(mut b) => {
            // A heading "Priority 2: ..." above the plan is the section it sits under (a
            // theme); a numbered priority in the plan's rows or prose stays an objective.
            if c.heading && b.label == "priority" {
                b.level = banner::Level::Theme;
            }
            w.apply_banner(b);
            Step::Done
        }
        None => Step::Pass,
    }
}

/// A heading that names no column role is a theme.
fn text_heading_theme(w: &mut Walker, c: &TextCtx) -> Step {
    if c.heading && theme_like(c.text) && !names_a_role(c.text) {
        w.set_theme(c.text.to_string());
        Step::Done
    } else {
        Step::Pass
    }
}

// ---- row rules

/// "We measure this by:", "Performance indicators": the rows below are measures.
fn row_measures_intro(w: &mut Walker, c: &mut RowCtx) -> Step {
    if !text::measures_intro(&c.joined) {
        return Step::Pass;
    }
    if let Some(p) = &mut w.plan {
        p.measures = true;
        p.open = false;
    }
    Step::Done
}

/// Inside a measures sub-table: not actions.
fn row_in_measures(_: &mut Walker, c: &mut RowCtx) -> Step {
    if c.plan.measures {
        Step::Done
    } else {
        Step::Pass
    }
}

/// "Priority Outcome 2 Maximising ..." across the row (no lead, no deadline): a new
/// objective or theme.
fn row_banner(w: &mut Walker, c: &mut RowCtx) -> Step {
    if !c.cell(Role::Lead).is_empty() || !c.cell(Role::Deadline).is_empty() {
        return Step::Pass;
    }
    // an objective or theme cell beside an action is read by the rules for those cells
    let first = c.row.cells.iter().position(|x| !x.is_empty());
    let first_role = first.and_then(|i| c.plan.shape.roles.get(i).copied().flatten());
    let action_col = c.plan.shape.col(Role::Action);
    if !c.action.is_empty()
        && (matches!(first_role, Some(Role::Objective) | Some(Role::Theme)) || first != action_col)
    {
        return Step::Pass;
    }
    let Some(b) = banner::parse(&c.joined, false) else {
        return Step::Pass;
    };
    // the banner starts in the row's first cell (and may run on into the next ones)
    let first_len = first.map_or(0, |i| c.row.cells[i].text.trim().len());
    if b.start >= first_len {
        return Step::Pass;
    }
    w.apply_banner(b);
    w.set_open(false);
    Step::Done
}

/// A single cell in the first column, where the first column is not the action's: a theme.
fn row_theme(w: &mut Walker, c: &mut RowCtx) -> Step {
    if !c.action.is_empty() {
        return Step::Pass;
    }
    let Some(cell) = single_cell(&c.row) else {
        return Step::Pass;
    };
    let col = c
        .row
        .cells
        .iter()
        .position(|x| std::ptr::eq(x, cell))
        .unwrap_or(0);
    if col == 0
        && theme_like(&cell.text)
        && c.plan.shape.roles.first().copied().flatten() != Some(Role::Action)
    {
        w.set_theme(cell.text.clone());
        return Step::Done;
    }
    Step::Pass
}

/// A theme column's value that changes: a new theme.
fn row_theme_cell(w: &mut Walker, c: &mut RowCtx) -> Step {
    let t = c.cell(Role::Theme);
    if t.is_empty() || c.first_after_break && text::continues(t) || w.theme.as_deref() == Some(t) {
        return Step::Pass;
    }
    let t = t.to_string();
    w.set_theme(t);
    // the row's plan state changed: later rules see the new one
    if let Some(p) = &w.plan {
        c.plan = p.clone();
    }
    Step::Fired
}

/// An objective cell with no action beside it: a new objective for the rows below.
fn row_objective(w: &mut Walker, c: &mut RowCtx) -> Step {
    if !c.action.is_empty() {
        return Step::Pass;
    }
    let objective = c.cell(Role::Objective);
    if objective.is_empty() || c.first_after_break || !objective_like(objective) {
        return Step::Pass;
    }
    let o = objective.to_string();
    w.set_objective(o, false);
    w.set_open(false);
    Step::Done
}

/// No action text: the rest of the last action's other cells.
fn row_fields_continue(w: &mut Walker, c: &mut RowCtx) -> Step {
    if !c.action.is_empty() {
        return Step::Pass;
    }
    w.merge_into_last(&c.row, &c.plan);
    Step::Done
}

/// The action text continues the last action: it starts mid-sentence, or the last one was
/// cut inside brackets, or the row is the rest of a row cut by a page break.
fn row_text_continues(w: &mut Walker, c: &mut RowCtx) -> Step {
    let Some(last) = w.open_draft(&c.plan) else {
        return Step::Pass;
    };
    let shape = &c.plan.shape;
    let ref_wrap = shape.col(Role::Ref).is_some()
        && c.cell(Role::Ref).is_empty()
        && !last.reference.is_empty();
    let key_cols = [Role::Lead, Role::Deadline, Role::Rag]
        .iter()
        .filter(|&&r| shape.col(r).is_some())
        .count();
    // A new objective beside the row starts a new group, never a continuation.
    let new_objective =
        !c.cell(Role::Objective).is_empty() && !text::continues(c.cell(Role::Objective));
    // Cut by the page break: the last action is unfinished and either this row has no
    // lead/deadline/rating of its own or the last one had none yet.
    let cut_before_keys = c.first_after_break
        && key_cols >= 1
        && !new_objective
        && !text::ends_sentence(&last.text)
        && (!c.own_key || !last.has_keys());
    let cont = (text::continues(&c.action) && (c.first_after_break || !c.own_key))
        || (!c.own_key && (text::unbalanced(&last.text) || ref_wrap))
        || cut_before_keys;
    if !cont {
        return Step::Pass;
    }
    let last = w.drafts.last_mut().expect("checked");
    append(&mut last.text, &c.action);
    w.merge_into_last(&c.row, &c.plan);
    Step::Done
}

/// A fragment that starts mid-sentence with nothing to continue, or a scrap with fewer than
/// two real words (a garbled header): not an action.
fn row_fragment(_: &mut Walker, c: &mut RowCtx) -> Step {
    if (text::continues(&c.action) && !c.own_key) || text::real_words(&c.action) < 2 {
        Step::Done
    } else {
        Step::Pass
    }
}

/// The first row of a page or table holds the last action's bracketed tail and then a new
/// action: "Executive Nurse) Special focus on ...".
fn row_tail_split(w: &mut Walker, c: &mut RowCtx) -> Step {
    if !(c.first_after_break || c.first_in_table) {
        return Step::Pass;
    }
    let Some(last) = w.open_draft(&c.plan) else {
        return Step::Pass;
    };
    if !text::unbalanced(&last.text) {
        return Step::Pass;
    }
    let Some((tail, rest)) = text::split_closing_tail(&c.action) else {
        return Step::Pass;
    };
    let last = w.drafts.last_mut().expect("checked");
    append(&mut last.text, &tail);
    c.action = rest;
    Step::Fired
}

/// An objective cell beside the action (a merged cell): a new objective.
fn row_objective_beside(w: &mut Walker, c: &mut RowCtx) -> Step {
    let objective = c.cell(Role::Objective);
    if objective.is_empty()
        || c.first_after_break && (text::starts_lower(objective) || text::list_item(objective))
    {
        return Step::Pass;
    }
    let o = objective.to_string();
    w.set_objective(o, true);
    if let Some(p) = &w.plan {
        c.plan = p.clone();
    }
    Step::Fired
}

/// A lead-in with nothing beside it ("Healthy weight interventions:") introduces the actions
/// below it; it is not one itself.
fn row_lead_in(w: &mut Walker, c: &mut RowCtx) -> Step {
    let roles = &c.plan.shape.roles;
    let others = c
        .row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, cell)| {
            !cell.is_empty()
                && !matches!(
                    roles.get(*i).copied().flatten(),
                    Some(Role::Action) | Some(Role::Objective) | Some(Role::Ref)
                )
        })
        .count();
    if c.action.ends_with(':') && others == 0 {
        w.set_open(false);
        Step::Done
    } else {
        Step::Pass
    }
}

/// Otherwise the row is a new action.
fn row_new_action(w: &mut Walker, c: &mut RowCtx) -> Step {
    let mut reference = c.cell(Role::Ref).to_string();
    // "1) - Launch ...", "2.3 Review ...": the action's own number leads its text; with no
    // reference column it is the reference
    if let Some((num, rest)) = text::leading_number(&c.action) {
        if reference.is_empty() {
            reference = num.to_string();
        }
        c.action = rest.to_string();
    }
    let objective =
        reference_objective(&w.ref_objectives, &reference).or_else(|| c.plan.objective.clone());
    let mut d = Draft {
        reference,
        text: std::mem::take(&mut c.action),
        theme: w.theme.clone(),
        backfill: objective.is_none(),
        objective,
        prov: c.row.prov,
        plan: c.plan.shape.id,
        epoch: w.epoch,
        ..Default::default()
    };
    fill_fields(&mut d, &c.row, &c.plan.shape, true);
    w.drafts.push(d);
    w.set_open(true);
    Step::Done
}

// ---- helpers

fn reference_objective(map: &HashMap<String, String>, reference: &str) -> Option<String> {
    let mut r = reference.trim();
    while let Some(p) = text::parent_ref(r) {
        if let Some(d) = map.get(p) {
            return Some(d.clone());
        }
        r = p;
    }
    None
}

/// The header row repeats the plan's header (most of its filled cells equal its header cells).
fn same_header(shape: &Shape, row: &Row) -> bool {
    let (mut filled, mut equal) = (0, 0);
    for (i, c) in row.cells.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        filled += 1;
        if shape
            .headers
            .get(i)
            .is_some_and(|h| h.trim().eq_ignore_ascii_case(c.text.trim()))
        {
            equal += 1;
        }
    }
    filled > 0 && equal * 10 >= filled * 6
}

/// A table with no header row whose width differs from the plan's, fitted to the plan's
/// columns by content (PDF); `None` when it has the plan's width or cannot be fitted.
fn fit_to_plan(t: &Table, shape: &Shape) -> Option<Table> {
    let (n, m) = (t.columns(), shape.roles.len());
    // Only grids whose cells have positions (PDF): in text converted from PDF each line
    // loses its own cells, and the row alignment handles that line by line.
    if !t
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.prov.bbox.is_some())
    {
        return None;
    }
    // a page of the plan lost a column or two, not most of them
    if n == m || n + 2 < m || n * 3 < m * 2 {
        return None;
    }
    if shape.stats.iter().all(|s| s.filled == 0) {
        // only the header is known: the page's columns stand under the first ones
        if n > m {
            return None;
        }
        let map: Vec<usize> = (0..n).collect();
        return Some(stitch::apply(t, &map, m));
    }
    let rows: Vec<&Row> = t.rows.iter().collect();
    let stats = evidence::measure(&rows, n);
    let xs = stitch::column_extents(&t.rows, n);
    let map = stitch::fit(&stats, &shape.stats, &xs, &shape.extents)?;
    Some(stitch::apply(t, &map, m))
}

/// The text names a column role (a header cell, not a theme).
fn names_a_role(text: &str) -> bool {
    lexicon::header_evidence(text).iter().any(|e| e.1 >= 0.5)
}

fn single_cell(row: &Row) -> Option<&Cell> {
    let mut it = row.cells.iter().filter(|c| !c.is_empty());
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// Short, starts like a heading, is not a list item or a sentence fragment.
fn theme_like(s: &str) -> bool {
    let n = s.chars().count();
    (3..=200).contains(&n)
        && text::starts_upper_or_digit(s)
        && !text::list_item(s)
        && !s.ends_with(':')
        && !s.ends_with(',')
        && !text::page_number(s)
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn objective_like(s: &str) -> bool {
    text::starts_upper_or_digit(s) && !text::list_item(s)
}

/// The plan's shape with roles for its columns that had no role and no content, from a later
/// reading of the same header (a plan, with the same columns), when it gives them roles the
/// plan has not.
fn widen(shape: &Shape, reading: &TableReading) -> Option<Shape> {
    if !reading.plan || reading.columns.len() != shape.roles.len() {
        return None;
    }
    let mut roles = shape.roles.clone();
    let mut changed = false;
    for (j, c) in reading.columns.iter().enumerate() {
        let empty = shape.stats.get(j).is_none_or(|s| s.filled == 0);
        if let (None, Some(role)) = (roles[j], c.role) {
            if empty && !roles.contains(&Some(role)) {
                roles[j] = Some(role);
                changed = true;
            }
        }
    }
    changed.then(|| Shape {
        id: shape.id,
        roles,
        headers: shape.headers.clone(),
        extents: shape.extents.clone(),
        stats: shape.stats.clone(),
    })
}
