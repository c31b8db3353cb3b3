//! Actions being assembled from rows, and their normalised form.

use std::collections::BTreeMap;

use plansift_model::{Prov, Rgb, Row};
use plansift_normalize as norm;
use plansift_schema::{Action, ActionSource};

use crate::roles::Role;
use crate::walk::Shape;

/// An action being assembled from one or more rows.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub reference: String,
    pub text: String,
    pub theme: Option<String>,
    pub objective: Option<String>,
    /// The objective may still be filled from a merged objective cell found further down.
    pub backfill: bool,
    pub lead: String,
    pub deadline: String,
    pub rag: String,
    pub rag_fill: Option<Rgb>,
    pub progress: String,
    pub next_steps: String,
    pub indicators: String,
    pub governance: String,
    pub extra: BTreeMap<String, String>,
    pub prov: Prov,
    pub plan: u32,
    pub epoch: u32,
}

impl Draft {
    /// The draft has a lead, a deadline or a rating of its own.
    pub fn has_keys(&self) -> bool {
        !(self.lead.is_empty()
            && self.deadline.is_empty()
            && self.rag.is_empty()
            && self.rag_fill.is_none())
    }
}

pub fn append(dst: &mut String, s: &str) {
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

pub fn is_rag_colour(c: Rgb) -> bool {
    norm::rag_from_colour(c.0, c.1, c.2).is_some_and(|r| r.status.is_some())
}

/// Copy a row's cells into a draft by column role (appending on continuation rows).
pub fn fill_fields(d: &mut Draft, row: &Row, shape: &Shape, new: bool) {
    for (i, role) in shape.roles.iter().enumerate() {
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
                let header = shape
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

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The action a draft makes, its cells normalised.
pub fn build(d: Draft, period: Option<&norm::Period>) -> Action {
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
