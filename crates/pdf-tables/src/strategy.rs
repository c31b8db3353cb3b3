//! The table strategies behind one trait, and the order they run in.
//!
//! Each page is scanned by the strategies of [`default_strategies`] in turn;
//! each one sees only the words that the strategies before it (and the
//! page's furniture) left. A strategy of [`Scope::Page`] is asked once per
//! page. Consecutive strategies of [`Scope::Region`] are asked about each
//! ruled or shaded region of the page in reading order, in list order, and the
//! first to make a table of a region takes it (so a region's words are taken
//! before the regions below it are looked at, whatever kind they are).

use crate::bands::Bands;
use crate::regions::Region;
use crate::ruled::Ruled;
use crate::stream::Stream;
use crate::tagged::{self, Tagged};
use crate::text::usable_words;
use crate::Tolerances;
use plansift_layout::PageLayout;
use plansift_model::Table;

/// The strategies, in order of preference: the structure tree of a tagged PDF,
/// grids of ruling lines or fills, bands between horizontal rules or fills
/// (columns from alignment), and tables in white space.
pub fn default_strategies() -> Vec<Box<dyn TableStrategy>> {
    vec![
        Box::new(Tagged),
        Box::new(Ruled),
        Box::new(Bands::default()),
        Box::new(Stream),
    ]
}

/// One way of finding tables. A strategy may keep state from page to page
/// (the column template of a table continued on the next page); a fresh set
/// is made for each document.
pub trait TableStrategy {
    /// A short name for logs (`tagged`, `ruled`, ...).
    fn name(&self) -> &'static str;
    /// Whether the strategy looks at the whole page or at each region.
    fn scope(&self) -> Scope;
    /// The tables found in `area` among the words no earlier strategy took.
    fn find(&mut self, scan: &PageScan<'_>, area: Area<'_>) -> Vec<Found>;
}

/// Where a strategy looks for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Once per page ([`Area::Page`]).
    Page,
    /// Once per ruled or shaded region of the page ([`Area::Region`]).
    Region,
}

/// What a strategy is asked about.
pub enum Area<'r> {
    /// The whole page: the free words are [`PageScan::free_words`].
    Page,
    /// One region and the free words whose centre lies in it (never empty).
    Region {
        region: &'r Region,
        words: &'r [usize],
    },
}

/// A table a strategy found: the table, the words it took and the height it
/// sorts at on its page.
pub struct Found {
    pub table: Table,
    pub words: Vec<usize>,
    pub top: f32,
}

/// A page being scanned: what the strategies share, and the words taken so far.
pub struct PageScan<'a> {
    pub page: &'a PageLayout,
    pub tol: &'a Tolerances,
    /// The document's body text size (pt).
    pub body: f32,
    /// The page's usual vertical gap between the lines of one paragraph or
    /// cell (pt; infinite when unknown), from `align::line_gap_hint`.
    pub hint: f32,
    /// The page's ruled and shaded regions, top to bottom.
    pub regions: &'a [Region],
    /// The page's parts of tagged tables.
    pub tagged: &'a [tagged::Part],
    usable: Vec<usize>,
    claimed: Vec<bool>,
    tables: usize,
}

impl<'a> PageScan<'a> {
    pub fn new(
        page: &'a PageLayout,
        tol: &'a Tolerances,
        body: f32,
        hint: f32,
        regions: &'a [Region],
        tagged: &'a [tagged::Part],
    ) -> Self {
        PageScan {
            page,
            tol,
            body,
            hint,
            regions,
            tagged,
            usable: usable_words(page),
            claimed: vec![false; page.words.len()],
            tables: 0,
        }
    }

    /// Mark words as taken.
    pub fn claim(&mut self, words: &[usize]) {
        for &w in words {
            if let Some(c) = self.claimed.get_mut(w) {
                *c = true;
            }
        }
    }

    /// Usable words (finite box, some text) that nothing took yet.
    pub fn free_words(&self) -> Vec<usize> {
        self.free_where(|_| true)
    }

    /// Free words whose centre lies in `region`.
    pub fn free_words_in(&self, region: &Region) -> Vec<usize> {
        self.free_where(|i| {
            let b = self.page.words[i].bbox;
            region
                .bbox
                .contains_point(b.cx(), b.cy(), self.tol.region_word_slack)
        })
    }

    /// Free words whose centre lies in none of the page's regions.
    pub fn free_words_outside_regions(&self) -> Vec<usize> {
        self.free_where(|i| {
            let b = self.page.words[i].bbox;
            !self.regions.iter().any(|o| {
                o.bbox
                    .contains_point(b.cx(), b.cy(), self.tol.region_word_slack)
            })
        })
    }

    fn free_where(&self, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        self.usable
            .iter()
            .copied()
            .filter(|&i| !self.claimed[i] && keep(i))
            .collect()
    }

    /// Whether a strategy found a table on this page already.
    pub fn found_table(&self) -> bool {
        self.tables > 0
    }

    /// Take a table's words.
    fn take(&mut self, f: &Found, by: &dyn TableStrategy) {
        tracing::debug!(
            "page {} {} table at {:.1}: {} rows, {} words",
            self.page.page,
            by.name(),
            f.top,
            f.table.rows.len(),
            f.words.len()
        );
        self.claim(&f.words);
        self.tables += 1;
    }
}

/// Run the strategies over a page, in order; the tables found, in the order found.
pub fn run(strategies: &mut [Box<dyn TableStrategy>], scan: &mut PageScan<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < strategies.len() {
        match strategies[i].scope() {
            Scope::Page => {
                let s = &mut strategies[i];
                for f in s.find(scan, Area::Page) {
                    scan.take(&f, s.as_ref());
                    out.push(f);
                }
                i += 1;
            }
            Scope::Region => {
                let end = strategies[i..]
                    .iter()
                    .position(|s| s.scope() != Scope::Region)
                    .map_or(strategies.len(), |n| i + n);
                let group = &mut strategies[i..end];
                for region in scan.regions {
                    let words = scan.free_words_in(region);
                    if words.is_empty() {
                        continue;
                    }
                    for s in group.iter_mut() {
                        let found = s.find(
                            scan,
                            Area::Region {
                                region,
                                words: &words,
                            },
                        );
                        if found.is_empty() {
                            continue;
                        }
                        for f in found {
                            scan.take(&f, s.as_ref());
                            out.push(f);
                        }
                        break;
                    }
                }
                i = end;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_run_in_order_of_preference() {
        let names: Vec<&str> = default_strategies().iter().map(|s| s.name()).collect();
        assert_eq!(names, ["tagged", "ruled", "bands", "stream"]);
        let scopes: Vec<Scope> = default_strategies().iter().map(|s| s.scope()).collect();
        assert_eq!(
            scopes,
            [Scope::Page, Scope::Region, Scope::Region, Scope::Page]
        );
    }
}
