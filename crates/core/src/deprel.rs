//! Universal Dependencies relations, with the English subtypes of UD EWT.

use serde::{Deserialize, Serialize};

/// A dependency relation label. Stored as an index into [`DepRel::NAMES`] so that
/// tokens stay small and the parser can use it directly as a class id.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct DepRel(u8);

impl DepRel {
    /// Every label the parser may emit. Index 0 (`_`) means "not parsed".
    pub const NAMES: &'static [&'static str] = &[
        "_",
        "root",
        "punct",
        "case",
        "nsubj",
        "det",
        "advmod",
        "obj",
        "amod",
        "obl",
        "conj",
        "compound",
        "mark",
        "nmod",
        "cc",
        "aux",
        "cop",
        "advcl",
        "nmod:poss",
        "xcomp",
        "ccomp",
        "acl:relcl",
        "flat",
        "parataxis",
        "nummod",
        "appos",
        "acl",
        "aux:pass",
        "nsubj:pass",
        "obl:unmarked",
        "nmod:unmarked",
        "discourse",
        "compound:prt",
        "iobj",
        "list",
        "expl",
        "fixed",
        "nmod:desc",
        "obl:agent",
        "csubj",
        "nsubj:outer",
        "det:predet",
        "vocative",
        "goeswith",
        "advcl:relcl",
        "cc:preconj",
        "reparandum",
        "orphan",
        "csubj:pass",
        "dislocated",
        "dep",
        "csubj:outer",
        "obl:tmod",
        "obl:npmod",
        "nmod:tmod",
        "nmod:npmod",
        "flat:foreign",
        "det:poss",
    ];

    pub const NONE: DepRel = DepRel(0);
    pub const ROOT: DepRel = DepRel(1);

    /// Parses a label; an unknown subtype falls back to its base relation, and an
    /// unknown relation to `dep`.
    #[must_use]
    pub fn parse(s: &str) -> DepRel {
        if let Some(i) = Self::NAMES.iter().position(|n| *n == s) {
            return DepRel(i as u8);
        }
        let base = s.split(':').next().unwrap_or(s);
        match Self::NAMES.iter().position(|n| *n == base) {
            Some(i) => DepRel(i as u8),
            None => Self::parse("dep"),
        }
    }

    /// The label as written in CoNLL-U.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        Self::NAMES.get(self.0 as usize).copied().unwrap_or("dep")
    }

    /// The relation without its subtype (`nsubj:pass` -> `nsubj`).
    #[must_use]
    pub fn base(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }

    #[must_use]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    #[must_use]
    pub fn from_index(i: usize) -> Option<DepRel> {
        (i < Self::NAMES.len()).then_some(DepRel(i as u8))
    }

    /// Number of labels.
    #[must_use]
    pub const fn count() -> usize {
        Self::NAMES.len()
    }
}

impl std::fmt::Display for DepRel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::DepRel;

    #[test]
    fn labels_round_trip_and_fall_back() {
        for (i, n) in DepRel::NAMES.iter().enumerate() {
            assert_eq!(DepRel::parse(n).index(), i);
        }
        assert_eq!(DepRel::parse("nsubj:xsubj").as_str(), "nsubj");
        assert_eq!(DepRel::parse("weird").as_str(), "dep");
        assert_eq!(DepRel::parse("nsubj:pass").base(), "nsubj");
    }
}
