//! The normalised cell values of schema v1: a plan's period, deadlines, leads and
//! RAG ratings. `plansift-normalize` produces them from cell text; these are only the
//! types (their doc comments are the descriptions in `schemas/plan.schema.json`).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// The plan's own period, e.g. financial year 2014/15 -> 2014-04-01..2015-03-31, or a calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Period {
    /// The period expression as written in the document (e.g. "2014/15").
    pub raw: String,
    /// First day of the period.
    pub start: NaiveDate,
    /// Last day of the period.
    pub end: NaiveDate,
}

impl Period {
    /// True when `d` lies inside the period (inclusive).
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// What kind of deadline expression a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A single day ("31/03/2015", "16th March").
    Day,
    /// A week ("w/c 16th March 2015", "week commencing ..."): seven days from the given day.
    Week,
    /// A calendar month ("March 2015", "Mar-15", "03/2015").
    Month,
    /// A quarter of the financial year ("Q3", "Quarter 2", "Q1 2015/16").
    Quarter,
    /// A season ("Spring 2015": spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb).
    Season,
    /// A calendar year ("2016").
    Year,
    /// A UK financial year, 1 April to 31 March ("2014/15", "14/15").
    FinancialYear,
    /// A range between two dates or periods ("April – December 2014", "2014-2016").
    Range,
    /// Ongoing work with no date ("On-going").
    Ongoing,
    /// A recurring activity with no single date ("Quarterly", "On annual basis").
    Recurring,
    /// To be confirmed / agreed ("TBC", "TBA").
    Tbc,
    /// Not applicable ("N/A").
    NotApplicable,
    /// Text that states no understandable date.
    Unparsed,
    /// A blank cell.
    Empty,
}

/// A normalised deadline cell.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Deadline {
    /// The cell text exactly as given.
    pub raw: String,
    /// First day of the stated interval, when the cell states a start ("from April 2014", "April 2014").
    pub start: Option<NaiveDate>,
    /// Last day of the stated interval, when the cell states an end: the completion date
    /// ("by July 2014" -> 2014-07-31, "before April 2015" -> 2015-03-31).
    pub end: Option<NaiveDate>,
    /// What kind of expression the cell holds.
    pub kind: DeadlineKind,
}

/// What a lead entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// A named person or a post holder ("Jo Bloggs", "Director of Public Health").
    Person,
    /// Initials standing for a person ("GK", "MW").
    Initials,
    /// A team, board, group or other body ("SMT", "Clinical Quality Review Group").
    Team,
}

/// One person, set of initials or team named in a lead cell.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Person {
    /// The name as a reader would write it (all-caps names title-cased; teams and initials as written).
    pub name: String,
    /// A role given with the name, e.g. "HoS" from "SANDRA SHORTER (HoS)".
    pub role: Option<String>,
    /// Whether this names a person, initials or a team.
    pub kind: PersonKind,
    /// The body the lead works through, e.g. "Clinical Quality Review Group" in "Jane Foster-Taylor via Clinical Quality Review Group".
    pub via: Option<String>,
}

/// A normalised lead / responsible officer cell.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Lead {
    /// The cell text exactly as given.
    pub raw: String,
    /// The people, initials and teams the cell names, in order (empty for blank or prose cells).
    pub people: Vec<Person>,
}

/// A RAG status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RagStatus {
    /// Red: off track / failing.
    Red,
    /// Red/Amber: between red and amber.
    RedAmber,
    /// Amber: some risk or delay.
    Amber,
    /// Amber/Green: mostly on track.
    AmberGreen,
    /// Green: on track.
    Green,
    /// Complete (often shown blue).
    Complete,
    /// Not started.
    NotStarted,
}

/// Where a RAG value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RagSource {
    /// The cell's text ("G", "Amber").
    Text,
    /// The cell's fill colour.
    Colour,
}

/// A normalised RAG rating.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Rag {
    /// The cell text exactly as given, or the fill colour as "#RRGGBB".
    pub raw: String,
    /// The rating, or null when the value is not understood.
    pub status: Option<RagStatus>,
    /// Whether the rating was read from text or from a fill colour.
    pub source: RagSource,
}
