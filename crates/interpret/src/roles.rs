//! Column roles: what a column of a table holds.

/// What a column of a table holds. The first group are the fields of an action; the rest
/// are kinds of column that plans and non-plans have beside them (kept in `extra`, and
/// evidence about what kind of table it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Action,
    Lead,
    Deadline,
    Rag,
    Progress,
    NextSteps,
    Objective,
    Theme,
    Ref,
    Indicator,
    Governance,
    /// Expected outcomes, ambitions, benefits (lists beside the actions).
    Outcome,
    /// A start date beside the deadline.
    Start,
    /// Direction of travel / trend.
    Trend,
    /// "Link to corporate objective": a cross-reference, not the objective itself.
    Link,
    Risk,
    Money,
    Decision,
    /// Times of day (agendas) and agenda items.
    Time,
    /// A column the lexicon knows is none of the above (service area, notes, last updated).
    Other,
}

impl Role {
    /// Every role, in the order explanations list them.
    pub const ALL: [Role; 20] = [
        Role::Action,
        Role::Lead,
        Role::Deadline,
        Role::Rag,
        Role::Progress,
        Role::NextSteps,
        Role::Objective,
        Role::Theme,
        Role::Ref,
        Role::Indicator,
        Role::Governance,
        Role::Outcome,
        Role::Start,
        Role::Trend,
        Role::Link,
        Role::Risk,
        Role::Money,
        Role::Decision,
        Role::Time,
        Role::Other,
    ];

    /// The name used in explanations and in `--roles` overrides.
    pub fn name(self) -> &'static str {
        match self {
            Role::Action => "action",
            Role::Lead => "lead",
            Role::Deadline => "deadline",
            Role::Rag => "rag",
            Role::Progress => "progress",
            Role::NextSteps => "next_steps",
            Role::Objective => "objective",
            Role::Theme => "theme",
            Role::Ref => "ref",
            Role::Indicator => "indicator",
            Role::Governance => "governance",
            Role::Outcome => "outcome",
            Role::Start => "start",
            Role::Trend => "trend",
            Role::Link => "link",
            Role::Risk => "risk",
            Role::Money => "money",
            Role::Decision => "decision",
            Role::Time => "time",
            Role::Other => "other",
        }
    }

    /// A role by name (as in `--roles "Led by=lead"`); a few synonyms are accepted.
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let alias = match s.as_str() {
            "status" | "rating" => Some(Role::Rag),
            "owner" | "responsible" => Some(Role::Lead),
            "due" | "date" | "timescale" => Some(Role::Deadline),
            "comments" | "update" => Some(Role::Progress),
            "next" | "nextsteps" => Some(Role::NextSteps),
            "reference" => Some(Role::Ref),
            "measure" | "kpi" | "indicators" => Some(Role::Indicator),
            "extra" | "none" | "ignore" => Some(Role::Other),
            _ => None,
        };
        alias.or_else(|| Role::ALL.iter().copied().find(|r| r.name() == s))
    }

    /// Roles that fill a field of the action (one column each).
    pub fn is_field(self) -> bool {
        matches!(
            self,
            Role::Action
                | Role::Lead
                | Role::Deadline
                | Role::Rag
                | Role::Progress
                | Role::NextSteps
                | Role::Objective
                | Role::Theme
                | Role::Ref
                | Role::Indicator
                | Role::Governance
        )
    }

    /// Roles whose column, when it holds a table's main text, make the table something
    /// other than a plan (a risk register, a scorecard, a budget, a forward plan, an agenda).
    pub fn is_other_kind(self) -> bool {
        matches!(
            self,
            Role::Risk | Role::Indicator | Role::Money | Role::Decision | Role::Time
        )
    }

    /// Roles that, beside an action column, show the table is a plan.
    pub fn supports_plan(self) -> bool {
        matches!(
            self,
            Role::Lead
                | Role::Deadline
                | Role::Rag
                | Role::Progress
                | Role::NextSteps
                | Role::Governance
                | Role::Ref
                | Role::Objective
                | Role::Theme
                | Role::Indicator
                | Role::Outcome
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.name()), Some(r));
        }
        assert_eq!(Role::parse("Status"), Some(Role::Rag));
        assert_eq!(Role::parse("next steps"), Some(Role::NextSteps));
        assert_eq!(Role::parse("nonsense"), None);
    }
}
