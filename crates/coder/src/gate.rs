//! A cheap test, run after tagging and before parsing, of whether a sentence
//! can yield an event at all: it needs a word with an event pattern (a verb or
//! noun lemma with patterns in the dictionaries) and an actor or
//! agent name. Most news sentences fail one of the two, and parsing is the
//! costliest stage, so the gate marks them `skip_parse`; the coder then codes
//! nothing there but still reads them for context.
//!
//! Only dependency patterns (tocsin dictionaries) are gated: imported
//! PETRARCH/TABARI word-order patterns match lemmas and stems the gate does not
//! model, so with those dictionaries every sentence is parsed.

use std::sync::Arc;
use tocsin_core::{Doc, Layer, Stage};
use tocsin_dict::{normalize_token, DictFormat, Dictionaries};

/// Marks sentences that cannot yield an event so the parser skips them.
#[derive(Debug, Clone)]
pub struct ParseGate {
    dicts: Arc<Dictionaries>,
}

impl ParseGate {
    #[must_use]
    pub fn new(dicts: Arc<Dictionaries>) -> ParseGate {
        ParseGate { dicts }
    }

    /// Whether `word` (a lemma or a lowercased form) selects patterns of the
    /// kind the coder tries for a token tagged `upos`/`xpos`: verb patterns for
    /// verbal tags, noun patterns for nominal ones, as `patterns::hits` does.
    fn has_patterns(&self, word: &str, verbish: bool, nounish: bool) -> bool {
        let d = &self.dicts;
        // Modals ("refused to", "called for") embed an event whose own word
        // has patterns, so they need no check of their own.
        (verbish && d.verb_patterns(word).next().is_some())
            || (nounish && d.noun_patterns(word).next().is_some())
    }

    /// Whether sentence `si` names an actor or an agent.
    #[must_use]
    pub fn has_name(&self, doc: &Doc, si: usize) -> bool {
        let Some(s) = doc.sentences().get(si) else {
            return false;
        };
        let norm: Vec<String> = (s.tokens.start as usize..s.tokens.end as usize)
            .map(|i| normalize_token(doc.word(i)))
            .collect();
        (0..norm.len()).any(|i| {
            self.dicts.names.longest_match(&norm, i).is_some()
                || self.dicts.agent_index.longest_match(&norm, i).is_some()
        })
    }

    /// How many actors sentence `si` may name at most: non-overlapping name and
    /// agent matches, plus personal pronouns (which may stand for an actor
    /// named earlier). An event needs a source and a target, so a sentence
    /// with fewer than two cannot yield one.
    #[must_use]
    pub fn possible_actors(&self, doc: &Doc, si: usize) -> usize {
        let Some(s) = doc.sentences().get(si) else {
            return 0;
        };
        let range = s.tokens.start as usize..s.tokens.end as usize;
        let norm: Vec<String> = range
            .clone()
            .map(|i| normalize_token(doc.word(i)))
            .collect();
        let (mut i, mut n) = (0, 0);
        while i < norm.len() {
            let len = [
                self.dicts.names.longest_match(&norm, i).map(|m| m.0),
                self.dicts.agent_index.longest_match(&norm, i).map(|m| m.0),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
            if len > 0 {
                n += 1;
                i += len;
                continue;
            }
            if matches!(
                norm[i].as_str(),
                "he" | "she" | "it" | "they" | "him" | "her" | "them"
            ) {
                n += 1;
            }
            i += 1;
        }
        n
    }

    /// Whether sentence `si` has both a word with an event pattern and room
    /// for two actors ([`ParseGate::possible_actors`]).
    #[must_use]
    pub fn could_code(&self, doc: &Doc, si: usize) -> bool {
        let Some(s) = doc.sentences().get(si) else {
            return false;
        };
        let range = s.tokens.start as usize..s.tokens.end as usize;
        let mut lower = String::new();
        let candidate = range.clone().any(|i| {
            let Some(t) = doc.tokens().get(i) else {
                return false;
            };
            let (verbish, nounish) = crate::patterns::pattern_kinds(t.upos, t.xpos);
            // After parsing, a verb with an article reads as a noun.
            let nounish = nounish || t.upos == tocsin_core::Upos::Verb;
            if !verbish && !nounish {
                return false;
            }
            let l = doc.lemma(i);
            if self.has_patterns(l, verbish, nounish) {
                return true;
            }
            // The coder also tries the surface form ("met" beside "meet").
            lower.clear();
            lower.extend(doc.word(i).chars().flat_map(char::to_lowercase));
            if lower != l && self.has_patterns(&lower, verbish, nounish) {
                return true;
            }
            if l.chars().any(char::is_uppercase) {
                lower.clear();
                lower.extend(l.chars().flat_map(char::to_lowercase));
                return self.has_patterns(&lower, verbish, nounish);
            }
            false
        });
        if !candidate {
            return false;
        }
        self.possible_actors(doc, si) >= 2
    }
}

impl Stage for ParseGate {
    fn name(&self) -> &'static str {
        "gate"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Tags, Layer::Lemmas]
    }

    fn provides(&self) -> &'static [Layer] {
        &[]
    }

    fn annotate(&self, doc: &mut Doc) {
        if self.dicts.format != DictFormat::Tocsin {
            return;
        }
        let skip: Vec<bool> = (0..doc.sentences().len())
            .map(|si| doc.sentences()[si].skip_tag || !self.could_code(doc, si))
            .collect();
        for (s, k) in doc.sentences_mut().iter_mut().zip(skip) {
            s.skip_parse = k;
        }
    }
}

/// Marks, before tagging, the sentences that name no actor or agent: they can
/// neither yield an event nor give the next sentence its context, so the
/// tagger and the parser skip them. Runs only with tocsin dictionaries, like
/// [`ParseGate`].
#[derive(Debug, Clone)]
pub struct NameGate {
    gate: ParseGate,
}

impl NameGate {
    #[must_use]
    pub fn new(dicts: Arc<Dictionaries>) -> NameGate {
        NameGate {
            gate: ParseGate::new(dicts),
        }
    }
}

impl Stage for NameGate {
    fn name(&self) -> &'static str {
        "name-gate"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn provides(&self) -> &'static [Layer] {
        &[]
    }

    fn annotate(&self, doc: &mut Doc) {
        if self.gate.dicts.format != DictFormat::Tocsin {
            return;
        }
        let skip: Vec<bool> = (0..doc.sentences().len())
            .map(|si| !self.gate.has_name(doc, si))
            .collect();
        for (s, k) in doc.sentences_mut().iter_mut().zip(skip) {
            s.skip_tag = k;
            s.skip_parse |= k;
        }
    }
}
