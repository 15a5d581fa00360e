//! Dictionary names as proper nouns: a stage between tagging and parsing.
//!
//! The tagger has never seen most of the names the dictionaries know
//! ("Fornost", "Umbardacil", "Donbas") and guesses from their spelling
//! ("-st" reads as a superlative). A capitalised word that is part of an actor
//! name (canonical name, alias, capital or metonym; not an adjective or
//! demonym such as "Russian") is a proper noun, so it is retagged `PROPN`
//! (`NNP`, or `NNPS` when the tagger saw a plural) before the parser reads it.

use std::sync::Arc;
use tocsin_core::{Doc, Layer, Stage, Upos, Xpos};
use tocsin_dict::{normalize_token, Dictionaries, NameRef, NameRole};

/// Retags the words of dictionary actor names as proper nouns.
#[derive(Debug, Clone)]
pub struct NameTags {
    dicts: Arc<Dictionaries>,
}

impl NameTags {
    #[must_use]
    pub fn new(dicts: Arc<Dictionaries>) -> NameTags {
        NameTags { dicts }
    }
}

impl Stage for NameTags {
    fn name(&self) -> &'static str {
        "name-tags"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Tags, Layer::Lemmas]
    }

    fn provides(&self) -> &'static [Layer] {
        &[]
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut fix: Vec<usize> = Vec::new();
        for s in doc.sentences() {
            if s.skip_tag {
                continue;
            }
            let range = s.tokens.start as usize..s.tokens.end as usize;
            let norm: Vec<String> = range
                .clone()
                .map(|i| normalize_token(doc.word(i)))
                .collect();
            let mut i = 0;
            while i < norm.len() {
                let Some((len, targets)) = self.dicts.names.longest_match(&norm, i) else {
                    i += 1;
                    continue;
                };
                let proper = !targets.is_empty()
                    && targets.iter().all(|t| {
                        matches!(t.target, NameRef::Actor(_))
                            && matches!(
                                t.role,
                                NameRole::Canonical
                                    | NameRole::Alias
                                    | NameRole::Capital
                                    | NameRole::Metonym
                            )
                    });
                if proper {
                    for k in i..i + len {
                        let w = doc.word(range.start + k);
                        if w.chars().next().is_some_and(char::is_uppercase) {
                            fix.push(range.start + k);
                        }
                    }
                }
                i += len.max(1);
            }
        }
        for i in fix {
            let word = doc.word(i).to_string();
            if let Some(t) = doc.tokens_mut().get_mut(i) {
                if t.upos == Upos::Propn {
                    continue;
                }
                t.xpos = if matches!(t.xpos, Xpos::Nns | Xpos::Nnps) {
                    Xpos::Nnps
                } else {
                    Xpos::Nnp
                };
                t.upos = Upos::Propn;
            }
            doc.set_lemma(i, &word);
        }
    }
}
