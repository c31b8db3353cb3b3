//! The one interpretation stage: document model -> actions.
//!
//! Every front-end (text, HTML, CSV, PDF) produces a [`plansift_model::Document`];
//! this crate alone decides what in it is a plan. It
//! 1. finds plan tables by their header row (an action column plus a lead,
//!    deadline, RAG, progress... column) and, for a table with no header that
//!    follows a plan table across a page break, by its shape;
//! 2. assigns column roles from header words, then from cell content for
//!    columns whose header says nothing;
//! 3. walks the rows: joins rows cut by page breaks or line wraps, splits a row
//!    that carries the previous action's tail and a new action, carries the
//!    objective and theme down (and up, for a vertically centred merged cell),
//!    drops empty numbered rows and measure sub-tables;
//! 4. builds actions with the normalisers (`plansift-normalize`).

pub mod assign;
pub mod evidence;
pub mod explain;
pub mod lexicon;
mod meta;
pub mod profile;
pub mod roles;
pub mod shape;
mod stitch;
pub mod text;

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use plansift_model::{Block, Cell, Diagnostic, Document, Prov, Rgb, Row, Table};
use plansift_normalize as norm;
use plansift_schema::{Action, ActionSource};
pub use assign::{ColumnReading, TableReading};
pub use profile::{Profile, ProfileError};
use roles::Role;

/// What the interpretation stage found in one document.
#[derive(Debug, Clone, Default)]
pub struct Interpretation {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub period: Option<norm::Period>,
    /// Actions in document order; `id` is left empty for the caller to assign.
    pub actions: Vec<Action>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every table reading, when [`Options::explain`] was set.
    pub tables: Vec<TableExplanation>,
}

/// An action being assembled from one or more rows.
#[derive(Debug, Clone, Default)]
struct Draft {
    reference: String,
    text: String,
    theme: Option<String>,
    objective: Option<String>,
    /// The objective may still be filled from a merged objective cell found further down.
    backfill: bool,
    lead: String,
    deadline: String,
    rag: String,
    rag_fill: Option<Rgb>,
    progress: String,
    next_steps: String,
    indicators: String,
    governance: String,
    extra: BTreeMap<String, String>,
    prov: Prov,
    plan: u32,
    epoch: u32,
}

fn append(dst: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    if !dst.is_empty() {
        dst.push(' ');
    }
    dst.push_str(s);
}

/// Append unless the value is already there (a repeated lead or date on a continuation row).
fn append_new(dst: &mut String, s: &str) {
    let s = s.trim();
    if !dst.to_lowercase().contains(&s.to_lowercase()) {
        append(dst, s);
    }
}

/// A cell's text under [`Fit::score`]: each test on the text runs at most once, as
/// [`align`] scores a row under five shifts, so a cell meets up to five column roles.
struct Fit<'a> {
    t: &'a str,
    long: bool,
    rag: OnceCell<bool>,
    deadline: OnceCell<bool>,
    person: OnceCell<bool>,
    people: OnceCell<bool>,
    list_item: OnceCell<bool>,
}

impl<'a> Fit<'a> {
    fn new(text: &'a str) -> Self {
        let t = text.trim();
        let long = t.chars().count() > 60;
        Fit {
            t,
            long,
            rag: OnceCell::new(),
            deadline: OnceCell::new(),
            person: OnceCell::new(),
            people: OnceCell::new(),
            list_item: OnceCell::new(),
        }
    }
    fn rag(&self) -> bool {
        *self.rag.get_or_init(|| norm::looks_like_rag(self.t))
    }
    fn deadline(&self) -> bool {
        *self
            .deadline
            .get_or_init(|| norm::looks_like_deadline(self.t))
    }
    fn person(&self) -> bool {
        *self.person.get_or_init(|| norm::looks_like_person(self.t))
    }
    fn people(&self) -> bool {
        *self.people.get_or_init(|| names_people(self.t))
    }
    fn list_item(&self) -> bool {
        *self.list_item.get_or_init(|| text::list_item(self.t))
    }

    /// How well the cell's text fits a column role (higher is better).
    fn score(&self, role: Option<Role>) -> i32 {
        let (t, long) = (self.t, self.long);
        if t.is_empty() {
            return 0;
        }
        match role {
            Some(Role::Rag) => {
                if self.rag() {
                    3
                } else {
                    -2
                }
            }
            Some(Role::Deadline) => {
                if self.deadline() {
                    2
                } else if long {
                    -2
                } else {
                    0
                }
            }
            Some(Role::Lead) => {
                if self.person() {
                    2
                } else if long {
                    -2
                } else {
                    0
                }
            }
            Some(Role::Action) => {
                if self.rag() || (self.person() && self.people()) {
                    -2
                } else if t.chars().count() > 15 {
                    1
                } else {
                    0
                }
            }
            Some(Role::Progress) | Some(Role::NextSteps) | Some(Role::Indicator) => {
                i32::from(long)
            }
            Some(Role::Objective) => {
                if self.list_item() || self.rag() {
                    -1
                } else {
                    0
                }
            }
            Some(Role::Outcome) => i32::from(self.list_item()),
            _ => 0,
        }
    }
}

/// The cell names people or initials only (not a team, board or programme).
fn names_people(t: &str) -> bool {
    let people = norm::lead(t).people;
    !people.is_empty() && people.iter().all(|p| p.kind != norm::PersonKind::Team)
}

/// A converter that drops a row's empty leading cells (or adds one) shifts its cells out of
/// their columns. Try shifting the row by up to two columns either way and keep the shift
/// whose cells fit their columns' roles clearly better.
fn align(row: &Row, plan: &Plan) -> Option<Row> {
    let width = plan.roles.len();
    let filled: Vec<usize> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, _)| i)
        .collect();
    let (&lo, &hi) = (filled.first()?, filled.last()?);
    let fits: Vec<Fit> = filled
        .iter()
        .map(|&i| Fit::new(row.cells.get(i).map_or("", |c| c.text.as_str())))
        .collect();
    let score = |shift: i64| -> Option<i32> {
        let mut total = 0;
        for (&i, fit) in filled.iter().zip(&fits) {
            let j = i as i64 + shift;
            if j < 0 || j >= width as i64 {
                return None;
            }
            total += fit.score(plan.roles.get(j as usize).copied().flatten());
        }
        Some(total)
    };
    let base = score(0).unwrap_or(i32::MIN / 2);
    let mut best = (0i64, base);
    for shift in [-2i64, -1, 1, 2] {
        if (lo as i64 + shift) < 0 || (hi as i64 + shift) >= width as i64 {
            continue;
        }
        if let Some(s) = score(shift) {
            if s >= best.1 + 3 {
                best = (shift, s);
            }
        }
    }
    if best.0 == 0 {
        return None;
    }
    let mut cells: Vec<Cell> = (0..width).map(|_| Cell::new("", row.prov)).collect();
    for (i, c) in row.cells.iter().enumerate() {
        let j = i as i64 + best.0;
        if (0..width as i64).contains(&j) {
            cells[j as usize] = c.clone();
        }
    }
    Some(Row {
        cells,
        prov: row.prov,
    })
}

/// A plan: a run of tables sharing one header.
#[derive(Debug, Clone)]
struct Plan {
    id: u32,
    roles: Vec<Option<Role>>,
    headers: Vec<String>,
    /// The objective carried down over the rows.
    objective: Option<String>,
    /// Inside a measures sub-table ("We measure this achievement by:"): rows are not actions.
    measures: bool,
    /// Continuation rows may still join the last action.
    open: bool,
    /// Each column's horizontal extent on the page (PDF) and its content profile, to fit
    /// later pages to it.
    extents: Vec<Option<[f32; 2]>>,
    stats: Vec<evidence::ColumnStats>,
}

impl Plan {
    fn col(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
}

#[derive(Default)]
struct Walker {
    profile: Profile,
    /// Keep every table reading (for explanations).
    explain: bool,
    readings: Vec<TableExplanation>,
    /// The last table's width and whether it ended in a plan.
    last_table: Option<(usize, bool)>,
    /// The last plan seen, for a later page of its table with no header row.
    last_plan: Option<Plan>,
    theme: Option<String>,
    epoch: u32,
    plan: Option<Plan>,
    plans: u32,
    /// Since the last plan table: a page break was passed.
    gap_break: bool,
    /// Since the last plan table: real text (not furniture) was passed.
    gap_text: bool,
    /// An objective stated in a paragraph ("Priority Outcome 1 ...") for the tables that follow.
    pending_objective: Option<String>,
    /// Reference code -> description (objective tables, "SCAR001 *...*" paragraphs).
    ref_objectives: HashMap<String, String>,
    drafts: Vec<Draft>,
    diagnostics: Vec<Diagnostic>,
    /// An objective has been seen since the current theme began.
    epoch_has_objective: bool,
}

impl Walker {
    fn block(&mut self, b: &Block) {
        match b {
            // A running header or footer marks a page boundary of the source (a rendering may
            // reflow it into the middle of a page).
            Block::PageBreak { .. } | Block::Furniture(_) => self.gap_break = true,
            Block::Heading(t) | Block::Paragraph(t) => {
                self.text_block(&t.text, t.bold || matches!(b, Block::Heading(_)))
            }
            Block::Table(t) => self.table(t),
        }
    }

    fn text_block(&mut self, text: &str, heading: bool) {
        let text = text.trim();
        if text.is_empty() || text::page_number(text) {
            return;
        }
        self.gap_text = true;
        if let Some(v) = text::section_label(text) {
            self.set_theme(v.to_string());
            return;
        }
        if let Some((r, desc)) = text::ref_description(text) {
            self.ref_objectives.insert(r.to_string(), desc.to_string());
            return;
        }
        // "... SHAW004 *Increase the number ...*": an emphasised description after other text.
        let mut found_ref = false;
        for (r, desc) in text::emphasised_ref_descriptions(text) {
            self.ref_objectives.insert(r, desc);
            found_ref = true;
        }
        if found_ref {
            return;
        }
        if let Some(label) = text::find_objective_label(text) {
            self.pending_objective = Some(text::first_sentence(label).to_string());
            if let Some(p) = &mut self.plan {
                p.objective = self.pending_objective.clone();
            }
            return;
        }
        if heading && theme_like(text) && !names_a_role(text) {
            self.set_theme(text.to_string());
        }
    }

    fn set_theme(&mut self, theme: String) {
        self.theme = Some(theme);
        self.epoch += 1;
        self.epoch_has_objective = false;
        self.pending_objective = None;
        if let Some(p) = &mut self.plan {
            p.objective = None;
            p.open = false;
            p.measures = false;
        }
    }

    fn table(&mut self, t: &Table) {
        let continuation = self.plan.is_some() && !self.gap_text;
        let headerless = assign::find_header(&t.rows).is_empty();
        // A page of the plan's table with its columns found differently: place them under
        // the plan's columns by position.
        if continuation && headerless {
            if let Some(fitted) = self.plan.as_ref().and_then(|p| fit_to_plan(t, p)) {
                return self.walk(&fitted, true);
            }
        }
        // A table with no header row right after a table of the same width that was not a
        // plan (an objectives or measures table cut by a page break) is the rest of it.
        let rest_of_other = !continuation
            && !self.gap_text
            && self.last_table.is_some_and(|(w, plan)| !plan && w == t.columns());
        if continuation || rest_of_other || !headerless {
            return self.walk(t, continuation);
        }
        // A table with no header row is read from its content alone, unless it is a page of
        // the last plan's table (its header only on the first page) after some text.
        let reading = assign::read(&t.rows, &self.profile);
        self.note_reading(t, 0, &reading);
        if let Some((prev, fitted)) = self.resumable(t, &reading) {
            self.resume_plan(prev);
            return self.walk(fitted.as_ref().unwrap_or(t), true);
        }
        if reading.plan {
            self.start_plan(&reading, &t.rows);
            return self.walk(t, true);
        }
        self.walk(t, false)
    }

    /// Walk a table's rows; `in_plan`: its rows belong to the current plan from the start.
    fn walk(&mut self, t: &Table, mut in_plan: bool) {
        let after_break = self.gap_break;
        let mut first_data_row = true;
        let rows = &t.rows;
        let mut skip_to = 0;
        let mut seen = 0;
        for (i, row) in rows.iter().enumerate() {
            if i < skip_to || row.filled() == 0 {
                continue;
            }
            seen += 1;
            let header = if seen <= 4 && !in_plan || seen == 1 {
                assign::is_header_row(row)
            } else {
                self.plan.as_ref().is_some_and(|p| same_header(p, row)) || assign::is_inner_header_row(row)
            };
            if header {
                if let Some(p) = self.plan.as_mut().filter(|p| same_header(p, row)) {
                    if !self.gap_text || !in_plan {
                        // the plan's header repeated (on a new page, or with a cell missing)
                        p.measures = false;
                        in_plan = true;
                        continue;
                    }
                }
                let reading = assign::read(&rows[i..], &self.profile);
                self.note_reading(t, i, &reading);
                if reading.plan {
                    self.start_plan(&reading, &rows[i..]);
                    skip_to = i + reading.header_rows.last().map_or(0, |h| h + 1);
                    in_plan = true;
                    continue;
                }
                // Another kind of table (measures, risks, objectives): the plan ends here.
                self.plan = None;
                self.collect_ref_table(&reading.roles(), &rows[i + 1..]);
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
        if self.plan.is_some() {
            self.last_plan = self.plan.clone();
        }
    }

    /// Keep a table reading for `plansift model --roles` (only when explanations are asked for).
    fn note_reading(&mut self, t: &Table, first_row: usize, reading: &TableReading) {
        if !self.explain {
            return;
        }
        let prov = t.rows.get(first_row).map_or(t.prov, |r| r.prov);
        self.readings.push(TableExplanation { prov, rows: t.rows.len() - first_row, reading: reading.clone() });
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
    /// has the plan's width (or fits its columns by position) and its content does not
    /// contradict the plan's action column. Returns the plan and the fitted table, if fitted.
    fn resumable(&self, t: &Table, reading: &TableReading) -> Option<(Plan, Option<Table>)> {
        let prev = self.last_plan.as_ref()?;
        let a = prev.col(Role::Action)?;
        if prev.roles.len() == t.columns() {
            let fits = reading.columns.get(a).is_some_and(|c| c.could_be_actions());
            return fits.then(|| (prev.clone(), None));
        }
        let fitted = fit_to_plan(t, prev)?;
        let r = assign::read(&fitted.rows, &self.profile);
        let fits = r.columns.get(a).is_some_and(|c| c.could_be_actions());
        fits.then(|| (prev.clone(), Some(fitted)))
    }

    fn resume_plan(&mut self, prev: Plan) {
        self.plans += 1;
        self.plan = Some(Plan { id: self.plans, objective: self.pending_objective.clone(), measures: false, open: false, ..prev });
    }

    fn start_plan(&mut self, reading: &TableReading, rows: &[Row]) {
        self.plans += 1;
        let extents = stitch::column_extents(rows, reading.columns.len());
        let roles = reading.roles();
        let objective =
            if roles.contains(&Some(Role::Objective)) { None } else { self.pending_objective.clone() };
        // Columns with no header (a table read from content) keep their text under "column N".
        let headers = reading
            .headers()
            .into_iter()
            .enumerate()
            .map(|(i, h)| if h.trim().is_empty() { format!("column {}", i + 1) } else { h })
            .collect();
        self.plan = Some(Plan {
            id: self.plans,
            roles,
            headers,
            objective,
            measures: false,
            open: false,
            extents,
            stats: reading.stats.clone(),
        });
    }

    /// A row before any plan header: a theme banner, an objective label, or nothing we use.
    fn pre_header_row(&mut self, row: &Row) {
        let joined = text::join_cells(row.cells.iter().map(|c| c.text.as_str()));
        if text::objective_label(&joined) {
            self.pending_objective = Some(text::first_sentence(&joined).to_string());
            return;
        }
        if let Some(c) = single_cell(row) {
            if theme_like(&c.text) && !names_a_role(&c.text) {
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
        let aligned = align(row, &plan);
        let row = aligned.as_ref().unwrap_or(row);
        let joined = text::join_cells(row.cells.iter().map(|c| c.text.as_str()));
        if text::measures_intro(&joined) {
            if let Some(p) = &mut self.plan {
                p.measures = true;
                p.open = false;
            }
            return;
        }
        if plan.measures {
            return;
        }
        let cell =
            |role: Role| -> &str { plan.col(role).map(|i| row.text(i).trim()).unwrap_or("") };
        let action_col = plan.col(Role::Action);
        let action = action_col
            .map(|i| text::strip_bullet(row.text(i).trim()))
            .unwrap_or("");

        // "Priority Outcome 2 Maximising independence ..." spread over the row: a new objective.
        if text::objective_label(&joined)
            && cell(Role::Lead).is_empty()
            && cell(Role::Deadline).is_empty()
        {
            let o = text::first_sentence(&joined).to_string();
            self.set_objective(o, false);
            if let Some(p) = &mut self.plan {
                p.open = false;
            }
            return;
        }

        if action.is_empty() {
            if let Some(c) = single_cell(row) {
                let col = row
                    .cells
                    .iter()
                    .position(|x| std::ptr::eq(x, c))
                    .unwrap_or(0);
                if col == 0
                    && theme_like(&c.text)
                    && plan.roles.first().copied().flatten() != Some(Role::Action)
                {
                    self.set_theme(c.text.clone());
                    return;
                }
            }
            let objective = cell(Role::Objective);
            if !objective.is_empty() && !first_after_break && objective_like(objective) {
                self.set_objective(objective.to_string(), false);
                if let Some(p) = &mut self.plan {
                    p.open = false;
                }
                return;
            }
            self.merge_into_last(row, &plan);
            return;
        }

        // The row has its own lead, deadline, RAG or reference (a RAG cell must hold a rating).
        let own_key = [Role::Lead, Role::Deadline, Role::Ref]
            .iter()
            .any(|&r| !cell(r).is_empty())
            || norm::looks_like_rag(cell(Role::Rag))
            || plan
                .col(Role::Rag)
                .and_then(|i| row.cells.get(i))
                .and_then(|c| c.fill)
                .is_some_and(is_rag_colour);
        let last = self
            .drafts
            .last()
            .filter(|d| d.plan == plan.id && plan.open);
        if let Some(last) = last {
            let ref_wrap = plan.col(Role::Ref).is_some()
                && cell(Role::Ref).is_empty()
                && !last.reference.is_empty();
            let key_cols = [Role::Lead, Role::Deadline, Role::Rag]
                .iter()
                .filter(|&&r| plan.col(r).is_some())
                .count();
            // The row was cut by the page break: the previous action's text is unfinished and
            // either this row has no lead/deadline/RAG of its own or the previous one had none yet.
            let last_has_keys = !(last.lead.is_empty()
                && last.deadline.is_empty()
                && last.rag.is_empty()
                && last.rag_fill.is_none());
            // A new objective beside the row starts a new group, never a continuation.
            let new_objective =
                !cell(Role::Objective).is_empty() && !text::continues(cell(Role::Objective));
            let cut_before_keys = first_after_break
                && key_cols >= 1
                && !new_objective
                && !text::ends_sentence(&last.text)
                && (!own_key || !last_has_keys);
            let cont = (text::continues(action) && (first_after_break || !own_key))
                || (!own_key && (text::unbalanced(&last.text) || ref_wrap))
                || cut_before_keys;
            if cont {
                let last = self.drafts.last_mut().expect("checked");
                append(&mut last.text, action);
                self.merge_into_last(row, &plan);
                return;
            }
        }
        // A fragment that starts mid-sentence and has no action to continue is not an action;
        // nor is a scrap with fewer than two real words (a garbled header).
        if (text::continues(action) && !own_key) || text::real_words(action) < 2 {
            return;
        }
        let mut action = action.to_string();
        if let Some(last) = last {
            if (first_after_break || first_in_table) && text::unbalanced(&last.text) {
                if let Some((tail, rest)) = split_tail(&action) {
                    let last = self.drafts.last_mut().expect("checked");
                    append(&mut last.text, &tail);
                    action = rest;
                }
            }
        }

        // A merged objective cell beside this action: a new objective.
        let objective = cell(Role::Objective);
        if !objective.is_empty()
            && !(first_after_break && (text::starts_lower(objective) || text::list_item(objective)))
        {
            self.set_objective(objective.to_string(), true);
        }
        // A lead-in with nothing beside it ("Healthy weight interventions:") introduces the
        // actions below it; it is not one itself.
        let others = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                !c.is_empty()
                    && !matches!(
                        plan.roles.get(*i).copied().flatten(),
                        Some(Role::Action) | Some(Role::Objective) | Some(Role::Ref)
                    )
            })
            .count();
        if action.ends_with(':') && others == 0 {
            if let Some(p) = &mut self.plan {
                p.open = false;
            }
            return;
        }
        let reference = cell(Role::Ref).to_string();
        let plan = self.plan.clone().unwrap_or(plan);
        let objective = reference_objective(&self.ref_objectives, &reference)
            .or_else(|| plan.objective.clone());
        let mut d = Draft {
            reference,
            text: action,
            theme: self.theme.clone(),
            backfill: objective.is_none(),
            objective,
            prov: row.prov,
            plan: plan.id,
            epoch: self.epoch,
            ..Default::default()
        };
        fill_fields(&mut d, row, &plan, true);
        self.drafts.push(d);
        if let Some(p) = &mut self.plan {
            p.open = true;
        }
    }

    fn set_objective(&mut self, objective: String, beside_action: bool) {
        let Some(p) = &mut self.plan else { return };
        p.objective = Some(objective.clone());
        // A merged cell's text is vertically centred: the rows of its group above it, since
        // the section began and before any other objective, belong to it too.
        if beside_action && !self.epoch_has_objective {
            for d in self.drafts.iter_mut().rev() {
                if d.plan != p.id || d.epoch != self.epoch {
                    break;
                }
                if d.backfill && d.objective.is_none() {
                    d.objective = Some(objective.clone());
                }
            }
        }
        self.epoch_has_objective = true;
    }

    /// A row with no action text continues the last action: a second indicator, the rest of a
    /// comment cut by a page break.
    fn merge_into_last(&mut self, row: &Row, plan: &Plan) {
        if !plan.open {
            return;
        }
        if let Some(last) = self.drafts.last_mut().filter(|d| d.plan == plan.id) {
            fill_fields(last, row, plan, false);
        }
    }
}

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

/// Copy a row's cells into a draft by column role (appending on continuation rows).
fn fill_fields(d: &mut Draft, row: &Row, plan: &Plan, new: bool) {
    for (i, role) in plan.roles.iter().enumerate() {
        let Some(c) = row.cells.get(i) else { continue };
        let t = c.text.trim();
        match role {
            Some(Role::Lead) => append_new(&mut d.lead, t),
            Some(Role::Deadline) => append_new(&mut d.deadline, t),
            Some(Role::Rag) => {
                if d.rag.is_empty() {
                    d.rag = t.to_string();
                }
                if d.rag_fill.is_none() && c.fill.is_some_and(is_rag_colour) {
                    d.rag_fill = c.fill;
                }
            }
            Some(Role::Progress) => append(&mut d.progress, t),
            Some(Role::NextSteps) => append(&mut d.next_steps, t),
            Some(Role::Indicator) => append(&mut d.indicators, t),
            Some(Role::Governance) => append(&mut d.governance, t),
            Some(Role::Action) | Some(Role::Ref) | Some(Role::Objective) | Some(Role::Theme) => {}
            _ => {
                let header = plan
                    .headers
                    .get(i)
                    .map(|h| h.trim())
                    .filter(|h| !h.is_empty());
                if let Some(h) = header {
                    if !t.is_empty() && (new || d.extra.contains_key(h)) {
                        append(d.extra.entry(h.to_string()).or_default(), t);
                    }
                }
            }
        }
    }
}

fn is_rag_colour(c: Rgb) -> bool {
    norm::rag_from_colour(c.0, c.1, c.2).is_some_and(|r| r.status.is_some())
}

/// The header row repeats the plan's header (most of its filled cells equal the plan's header cells).
fn same_header(p: &Plan, row: &Row) -> bool {
    let (mut filled, mut equal) = (0, 0);
    for (i, c) in row.cells.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        filled += 1;
        if p.headers
            .get(i)
            .is_some_and(|h| h.trim().eq_ignore_ascii_case(c.text.trim()))
        {
            equal += 1;
        }
    }
    filled > 0 && equal * 10 >= filled * 6
}

/// A table with no header row whose width differs from the plan's, fitted to the plan's
/// columns by the cells' positions (PDF); `None` when it has the plan's width or nothing
/// is known of positions.
fn fit_to_plan(t: &Table, plan: &Plan) -> Option<Table> {
    let (n, m) = (t.columns(), plan.roles.len());
    // Only grids whose cells have positions (PDF): in text converted from PDF each line
    // loses its own cells, and the row alignment handles that line by line.
    if !t.rows.iter().flat_map(|r| &r.cells).any(|c| c.prov.bbox.is_some()) {
        return None;
    }
    // a page of the plan lost a column or two, not most of them; and the plan's own rows
    // must have been seen to know its columns' contents
    if n == m || n + 2 < m || n * 3 < m * 2 {
        return None;
    }
    if plan.stats.iter().all(|s| s.filled == 0) {
        // only the header is known: the page's columns stand under the first ones
        if n > m {
            return None;
        }
        let map: Vec<usize> = (0..n).collect();
        return Some(stitch::apply(t, &map, m));
    }
    let rows: Vec<&Row> = t.rows.iter().collect();
    let stats = evidence::measure(&rows, t.columns());
    let xs = stitch::column_extents(&t.rows, t.columns());
    let map = stitch::fit(&stats, &plan.stats, &xs, &plan.extents)?;
    Some(stitch::apply(t, &map, plan.roles.len()))
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

/// "Executive Nurse) Special focus on ..." -> ("Executive Nurse)", "Special focus on ...").
fn split_tail(s: &str) -> Option<(String, String)> {
    let close = s.find(')')?;
    if s[..close].contains('(') {
        return None;
    }
    let (tail, rest) = s.split_at(close + 1);
    let rest = rest.trim();
    text::starts_upper_or_digit(rest).then(|| (tail.trim().to_string(), rest.to_string()))
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// How a table was read, for `plansift model --roles`.
#[derive(Debug, Clone)]
pub struct TableExplanation {
    /// Where the table (or the part of it read) starts.
    pub prov: Prov,
    pub rows: usize,
    pub reading: TableReading,
}

/// Choices for the interpretation stage.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The user's header -> role corrections.
    pub profile: Profile,
    /// Keep every table reading in [`Interpretation::tables`].
    pub explain: bool,
}

/// Interpret a document in the model.
pub fn interpret(doc: &Document) -> Interpretation {
    interpret_with(doc, &Options::default())
}

/// Interpret a document with a profile and/or explanations.
pub fn interpret_with(doc: &Document, options: &Options) -> Interpretation {
    let period = meta::period(doc);
    let mut w = Walker { profile: options.profile.clone(), explain: options.explain, ..Default::default() };
    for b in &doc.blocks {
        w.block(b);
    }
    let mut diagnostics = w.diagnostics;
    if w.plans == 0 {
        diagnostics.push(Diagnostic::warning(
            "plan.no_plan_table",
            "no plan table found: no table has a header with an action column beside a lead, deadline, RAG or progress column",
            None,
        ));
    }
    let actions = w
        .drafts
        .into_iter()
        .filter(|d| !d.text.trim().is_empty())
        .map(|d| build(d, period.as_ref()))
        .collect();
    Interpretation {
        title: meta::title(doc),
        organisation: meta::organisation(doc),
        period,
        actions,
        diagnostics,
        tables: w.readings,
    }
}

fn build(d: Draft, period: Option<&norm::Period>) -> Action {
    let rag = if !d.rag.trim().is_empty() {
        Some(norm::rag(d.rag.trim()))
    } else {
        d.rag_fill
            .and_then(|c| norm::rag_from_colour(c.0, c.1, c.2))
    };
    Action {
        id: String::new(),
        reference: opt(&d.reference),
        text: d.text.trim().to_string(),
        theme: d.theme,
        objective: d.objective,
        lead: opt(&d.lead).map(|l| norm::lead(&l)),
        deadline: opt(&d.deadline).map(|s| norm::deadline(&s, period)),
        rag,
        progress: opt(&d.progress),
        next_steps: opt(&d.next_steps),
        indicators: opt(&d.indicators),
        governance: opt(&d.governance),
        extra: d.extra,
        source: ActionSource {
            page: d.prov.page,
            line: d.prov.line,
            bbox: d.prov.bbox,
            plan: d.plan,
        },
    }
}
