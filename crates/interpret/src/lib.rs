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

mod align;
pub mod assign;
pub mod banner;
mod draft;
pub mod evidence;
pub mod explain;
pub mod lexicon;
mod meta;
pub mod profile;
pub mod roles;
pub mod shape;
mod stitch;
pub mod text;
mod walk;

pub use assign::{ColumnReading, TableReading};
use plansift_model::{Block, Diagnostic, Document, Prov};
use plansift_normalize as norm;
use plansift_schema::Action;
pub use profile::{Profile, ProfileError};

/// What the interpretation stage found in one document.
#[derive(Debug, Clone, Default)]
pub struct Interpretation {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub period: Option<norm::Period>,
    /// Actions in document order; `id` is left empty for the caller to assign.
    pub actions: Vec<Action>,
    pub diagnostics: Vec<Diagnostic>,
    /// How every table was read, when [`Options::explain`] was set.
    pub tables: Vec<TableExplanation>,
}

/// How a table was read, for `plansift roles FILE`.
#[derive(Debug, Clone)]
pub struct TableExplanation {
    /// Where the table (or the part of it read) starts.
    pub prov: Prov,
    pub rows: usize,
    /// Its reading (header rows, column roles, plan or not), when it was read; a page that
    /// continues a plan is walked with the plan's roles.
    pub reading: Option<TableReading>,
    /// How the walk took it ("continues the plan across a page break").
    pub note: String,
    /// The plan its rows went to, if any.
    pub plan: Option<u32>,
    /// The walk's rules that fired on its rows, and how often.
    pub rules: Vec<(String, usize)>,
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
    let mut w = walk::Walker::new(options.profile.clone(), options.explain);
    for b in &doc.blocks {
        let work = match b {
            Block::Table(t) => t.rows.len() as u64 * t.columns() as u64 + 1,
            _ => 1,
        };
        plansift_model::budget::tick_n(work, "interpretation");
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
        .map(|d| {
            plansift_model::budget::tick("interpretation");
            draft::build(d, period.as_ref())
        })
        .collect();
    Interpretation {
        title: meta::title(doc),
        organisation: meta::organisation(doc),
        period,
        actions,
        diagnostics,
        tables: w.explanations,
    }
}
