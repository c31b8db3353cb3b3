//! The per-document budget every stage honours: time, text per glyph, per page and per
//! document, cells per table, nesting depth.
//!
//! `plansift_extract` runs each document inside [`run`], which makes a [`Budget`] the
//! current one of the thread for the duration of that document (a document is read on
//! one thread, from front-end to interpretation). Stages read it without a parameter:
//!
//! - [`limits`]: the size caps to apply (the defaults when no budget is current, so a
//!   front-end called on its own is still bounded);
//! - [`tick`] / [`tick_n`] in loops and [`check`] between steps: when the document's time is spent,
//!   they stop it by unwinding to [`run`] (with [`std::panic::resume_unwind`], so no panic
//!   message is printed), which returns [`Exceeded`]. With no current budget they do
//!   nothing.
//!
//! Caps on size do not stop a document: the stage that meets one cuts what is over it
//! and says so in a diagnostic, keeping what was read.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The caps of one document. [`Limits::default`] is what `plansift extract` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time for the whole document, every stage included.
    pub time: Duration,
    /// Characters one glyph may stand for (a PDF ToUnicode entry); longer ones are cut.
    pub glyph_chars: usize,
    /// Characters of text on one page (PDF); the rest of the page is dropped.
    pub page_chars: usize,
    /// Characters of text in one document; later pages or blocks are dropped.
    pub document_chars: usize,
    /// Cells in one table; rows beyond are dropped.
    pub table_cells: usize,
    /// Element nesting depth (HTML); deeper elements are read as if at this depth.
    pub depth: usize,
    /// Elements of one HTML page (its parsed tree takes about 450 bytes each); the page
    /// is read up to the element that passes this.
    pub elements: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(20),
            glyph_chars: 32,
            page_chars: 1_000_000,
            document_chars: 64_000_000,
            table_cells: 4_000_000,
            depth: 256,
            elements: 1_000_000,
        }
    }
}

/// Why a document was stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    /// The time budget that ran out.
    pub time: Duration,
    /// The stage that was running (`"tables"`, `"interpretation"`, ...).
    pub stage: &'static str,
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "reading the document took longer than its time budget ({} s); it ran out in the {} stage",
            self.time.as_secs_f64(),
            self.stage
        )
    }
}

/// The budget of the document being read on this thread.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    deadline: Option<Instant>,
    ticks: Cell<u64>,
}

impl Budget {
    /// A budget starting now.
    pub fn new(limits: Limits) -> Self {
        Budget {
            limits,
            deadline: Instant::now().checked_add(limits.time),
            ticks: Cell::new(0),
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Vec<Budget>> = const { RefCell::new(Vec::new()) };
}

/// Run `f` (one document) with a budget of `limits` current on this thread. `Err` when
/// the time ran out; any other panic goes on unwinding. Budgets nest (the innermost is
/// current).
pub fn run<R>(limits: Limits, f: impl FnOnce() -> R) -> Result<R, Exceeded> {
    CURRENT.with(|c| c.borrow_mut().push(Budget::new(limits)));
    let r = catch_unwind(AssertUnwindSafe(f));
    CURRENT.with(|c| c.borrow_mut().pop());
    match r {
        Ok(v) => Ok(v),
        Err(payload) => match payload.downcast::<Exceeded>() {
            Ok(e) => Err(*e),
            Err(other) => resume_unwind(other),
        },
    }
}

/// The caps in force: the current budget's, or the defaults.
pub fn limits() -> Limits {
    CURRENT.with(|c| c.borrow().last().map(|b| b.limits).unwrap_or_default())
}

/// The instant the current document's time runs out, if a budget is current.
pub fn deadline() -> Option<Instant> {
    CURRENT.with(|c| c.borrow().last().and_then(|b| b.deadline))
}

/// Stop the document (unwind to [`run`]) if its time is spent. A clock read: call it
/// between steps, or use [`tick`] in tight loops.
pub fn check(stage: &'static str) {
    let over = CURRENT.with(|c| {
        c.borrow()
            .last()
            .and_then(|b| b.deadline.map(|d| (d, b.limits.time)))
            .filter(|(d, _)| Instant::now() > *d)
            .map(|(_, t)| t)
    });
    if let Some(time) = over {
        resume_unwind(Box::new(Exceeded { time, stage }));
    }
}

/// [`check`] every 1,024th call: cheap enough for inner loops.
pub fn tick(stage: &'static str) {
    tick_n(1, stage);
}

/// [`tick`] for a step of `work` units (an inner loop's length): [`check`] once about
/// 1,024 units were done since the last one.
pub fn tick_n(work: u64, stage: &'static str) {
    let due = CURRENT.with(|c| {
        c.borrow().last().is_some_and(|b| {
            let n = b.ticks.get().saturating_add(work);
            let due = n >= 1024;
            b.ticks.set(if due { 0 } else { n });
            due
        })
    });
    if due {
        check(stage);
    }
}

/// `s` cut to at most `max` characters (at a character boundary).
pub fn cut_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_budget_means_defaults_and_no_stop() {
        assert_eq!(limits(), Limits::default());
        assert!(deadline().is_none());
        check("x");
        for _ in 0..5000 {
            tick("x");
        }
    }

    #[test]
    fn time_runs_out_and_unwinds_to_run() {
        let l = Limits {
            time: Duration::from_millis(20),
            ..Limits::default()
        };
        let r = run(l, || {
            assert_eq!(limits().time, Duration::from_millis(20));
            loop {
                tick("tables");
            }
        });
        let e = r.unwrap_err();
        assert_eq!(e.stage, "tables");
        assert!(e.to_string().contains("tables stage"), "{e}");
        // the budget is gone once the document is done
        assert!(deadline().is_none());
    }

    #[test]
    fn within_time_returns_the_value_and_nests() {
        let inner = Limits {
            depth: 7,
            ..Limits::default()
        };
        let v = run(Limits::default(), || {
            let d = run(inner, limits).unwrap().depth;
            (d, limits().depth)
        })
        .unwrap();
        assert_eq!(v, (7, Limits::default().depth));
    }

    #[test]
    fn other_panics_go_on() {
        let r = std::panic::catch_unwind(|| run(Limits::default(), || panic!("boom")));
        assert!(r.is_err());
    }

    #[test]
    fn cuts_at_char_boundaries() {
        assert_eq!(cut_chars("été", 2), "ét");
        assert_eq!(cut_chars("ab", 5), "ab");
    }
}
