//! A user's corrections for a template plansift misreads: header text (or a column number)
//! -> role, given on the command line (`--roles "Led by=lead,Timescale=deadline"`) or in a
//! small TOML profile:
//!
//! ```toml
//! # roles.toml
//! [roles]
//! "Led by" = "lead"
//! "Timescale" = "deadline"
//! "#3" = "rag"          # the third column, for tables with no header row
//! "Notes" = "other"     # never a role: keep it in `extra`
//! ```
//!
//! A header matches when its words (lower-cased, stemmed, as the lexicon reads them) are the
//! same as the key's; a set role replaces the evidence for that column.

use crate::lexicon;
use crate::roles::Role;

/// Header -> role overrides.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    by_header: Vec<(Vec<String>, Role)>,
    by_column: Vec<(usize, Role)>,
}

/// A profile that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    /// The role set for a header text, if any.
    pub fn role_for_header(&self, header: &str) -> Option<Role> {
        if header.trim().is_empty() || self.by_header.is_empty() {
            return None;
        }
        let w = lexicon::words(header);
        self.by_header
            .iter()
            .rev()
            .find(|(k, _)| *k == w)
            .map(|(_, r)| *r)
    }

    pub fn is_empty(&self) -> bool {
        self.by_header.is_empty() && self.by_column.is_empty()
    }

    /// Add one override: `key` is a header text or `#N` (1-based column number).
    pub fn set(&mut self, key: &str, role: &str) -> Result<(), ProfileError> {
        let role = Role::parse(role).ok_or_else(|| {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
            ProfileError(format!(
                "unknown role \"{}\" for \"{}\"; roles are: {}",
                role.trim(),
                key.trim(),
                names.join(", ")
            ))
        })?;
        let key = key.trim();
        if let Some(n) = key
            .strip_prefix('#')
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            if n == 0 {
                return Err(ProfileError("column numbers start at #1".to_string()));
            }
            self.by_column.push((n - 1, role));
            return Ok(());
        }
        let words = lexicon::words(key);
        if words.is_empty() {
            return Err(ProfileError(format!(
                "\"{key}\" has no words to match a header by"
            )));
        }
        self.by_header.push((words, role));
        Ok(())
    }

    /// Parse `"Led by=lead,Timescale=deadline"` (commas or semicolons between pairs).
    pub fn parse_pairs(s: &str) -> Result<Profile, ProfileError> {
        let mut p = Profile::default();
        for pair in s.split([',', ';']).map(str::trim).filter(|x| !x.is_empty()) {
            let (k, v) = pair
                .rsplit_once('=')
                .ok_or_else(|| ProfileError(format!("\"{pair}\" is not HEADER=ROLE")))?;
            p.set(k, v)?;
        }
        Ok(p)
    }

    /// Parse a TOML profile with a `[roles]` table of header = role.
    pub fn parse_toml(s: &str) -> Result<Profile, ProfileError> {
        let doc: toml::Table = s.parse().map_err(|e: toml::de::Error| {
            ProfileError(format!("not a TOML profile: {}", e.message()))
        })?;
        let mut p = Profile::default();
        let Some(roles) = doc.get("roles") else {
            return Err(ProfileError("the profile has no [roles] table".to_string()));
        };
        let roles = roles.as_table().ok_or_else(|| {
            ProfileError("[roles] must be a table of header = \"role\"".to_string())
        })?;
        for (k, v) in roles {
            let v = v
                .as_str()
                .ok_or_else(|| ProfileError(format!("the role for \"{k}\" must be a string")))?;
            p.set(k, v)?;
        }
        Ok(p)
    }

    /// Merge another profile's overrides after this one's (later ones win).
    pub fn extend(&mut self, other: Profile) {
        self.by_header.extend(other.by_header);
        self.by_column.extend(other.by_column);
    }

    /// The role set for a column with this header at this position, if any.
    pub fn role_for(&self, header: &str, col: usize) -> Option<Role> {
        if let Some(r) = self.role_for_header(header) {
            return Some(r);
        }
        self.by_column
            .iter()
            .rev()
            .find(|(c, _)| *c == col)
            .map(|(_, r)| *r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_toml() {
        let p = Profile::parse_pairs("Led by=lead, Timescale=deadline;#3=rag").unwrap();
        assert_eq!(p.role_for("Led By", 0), Some(Role::Lead));
        assert_eq!(p.role_for("timescales", 1), Some(Role::Deadline));
        assert_eq!(p.role_for("", 2), Some(Role::Rag));
        assert_eq!(p.role_for("Other", 1), None);
        let t =
            Profile::parse_toml("[roles]\n\"Led by\" = \"lead\"\n\"Notes\" = \"other\"\n").unwrap();
        assert_eq!(t.role_for("Notes", 4), Some(Role::Other));
        assert!(Profile::parse_pairs("Led by").is_err());
        assert!(Profile::parse_pairs("Led by=boss")
            .unwrap_err()
            .0
            .contains("unknown role"));
        assert!(Profile::parse_toml("roles = 3").is_err());
        assert!(Profile::parse_toml("[other]\n").is_err());
    }
}
