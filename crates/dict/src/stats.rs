//! Counts that describe a compiled dictionary (`tocsin dict stats`).

use crate::model::{ActorKind, Dictionaries};
use serde::Serialize;
use std::collections::HashSet;

/// Sizes of a compiled dictionary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub version: String,
    pub countries: usize,
    pub organizations: usize,
    pub groups: usize,
    pub persons: usize,
    pub agents: usize,
    pub verb_patterns: usize,
    pub noun_patterns: usize,
    /// Distinct verb lemmas with at least one pattern.
    pub verb_lemmas: usize,
    pub synsets: usize,
    pub modals: usize,
    pub derives: usize,
    pub discards: usize,
    /// Distinct matchable actor names.
    pub actor_names: usize,
    /// Distinct codebook codes produced by at least one verb/noun pattern or
    /// derive row.
    pub cameo_codes_covered: usize,
    /// Codes in the codebook (`cameo.tsv`).
    pub cameo_codebook_size: usize,
    /// `cameo_codes_covered / cameo_codebook_size`, in percent.
    pub cameo_coverage_percent: f64,
    /// Codebook codes of 3-4 digits (the 20 two-digit roots are headings).
    pub cameo_specific_codes: usize,
    /// Of those, how many at least one pattern or derive row produces.
    pub cameo_specific_covered: usize,
}

impl Dictionaries {
    /// Counts entries of each kind.
    #[must_use]
    pub fn stats(&self) -> Stats {
        let count = |k: ActorKind| self.actors.iter().filter(|a| a.kind == k).count();
        let codes: HashSet<&str> = self
            .verbs
            .iter()
            .chain(&self.nouns)
            .flat_map(|p| std::iter::once(p.code.as_str()).chain(p.paired.as_deref()))
            .chain(self.derives.iter().map(|d| d.to.as_str()))
            .filter(|c| self.cameo.contains(c))
            .collect();
        let size = self.cameo.len();
        let specific = self
            .cameo
            .entries
            .iter()
            .filter(|e| e.code.len() > 2)
            .count();
        let specific_covered = codes.iter().filter(|c| c.len() > 2).count();
        Stats {
            version: self.version.clone(),
            countries: count(ActorKind::Country),
            organizations: count(ActorKind::Org),
            groups: count(ActorKind::Group),
            persons: count(ActorKind::Person),
            agents: self.agents.len(),
            verb_patterns: self.verbs.len(),
            noun_patterns: self.nouns.len(),
            verb_lemmas: self.verb_index.len(),
            synsets: self.synsets.len(),
            modals: self.modals.len(),
            derives: self.derives.len(),
            discards: self.discards.len(),
            actor_names: self.names.len(),
            cameo_codes_covered: codes.len(),
            cameo_codebook_size: size,
            cameo_specific_codes: specific,
            cameo_specific_covered: specific_covered,
            cameo_coverage_percent: if size == 0 {
                0.0
            } else {
                (codes.len() as f64) * 100.0 / size as f64
            },
        }
    }
}
