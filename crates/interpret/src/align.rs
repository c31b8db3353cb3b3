//! Rows whose cells a converter shifted out of their columns.
//!
//! Text converted from PDF drops a row's empty leading cells (or adds one), so its cells
//! stand under the wrong headers. [`align`] tries shifting the row by up to two columns
//! either way and keeps the shift whose cells fit their columns' roles clearly better.

use std::cell::OnceCell;

use plansift_model::{Cell, Row};
use plansift_normalize as norm;

use crate::roles::Role;
use crate::text;

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
            Some(Role::Progress) | Some(Role::NextSteps) | Some(Role::Indicator) => i32::from(long),
            Some(Role::Objective) => -i32::from(self.list_item() || self.rag()),
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
pub fn align(row: &Row, roles: &[Option<Role>]) -> Option<Row> {
    let width = roles.len();
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
            total += fit.score(roles.get(j as usize).copied().flatten());
        }
        Some(total)
    };
    let shifts: Vec<i64> = [-2i64, -1, 1, 2]
        .into_iter()
        .filter(|s| lo as i64 + s >= 0 && (hi as i64 + s) < width as i64)
        .collect();
    // a row that fills the table from edge to edge cannot be shifted
    if shifts.is_empty() {
        return None;
    }
    let base = score(0).unwrap_or(i32::MIN / 2);
    let mut best = (0i64, base);
    for shift in shifts {
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
