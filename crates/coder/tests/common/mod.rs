//! Test support: the fixture dictionaries and CoNLL-U → Doc.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::Path;
use tocsin_core::{Date, Doc};
use tocsin_dict::Dictionaries;

pub const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dict");

/// Compiles the fixture dictionaries with the tocsin-dict compiler.
pub fn load_fixture(dir: &str) -> Dictionaries {
    match tocsin_dict::compile_dir(Path::new(dir)) {
        Ok(d) => d,
        Err(diags) => {
            let msgs: Vec<String> = diags.iter().map(ToString::to_string).collect();
            panic!("fixture dictionaries do not compile:\n{}", msgs.join("\n"))
        }
    }
}

/// A document built from CoNLL-U: forms joined by spaces (none where
/// `SpaceAfter=No`), one sentence per CoNLL-U sentence, with tags, lemmas and
/// the parse. A `# date = YYYY-MM-DD` comment anywhere sets the document date.
pub fn doc_from_conllu(text: &str) -> Doc {
    let date = text
        .lines()
        .filter_map(|l| l.strip_prefix("# date ="))
        .next_back()
        .and_then(|d| Date::parse(d.trim()));
    tocsin_coder::eval::doc_from_conllu(text, date).expect("valid CoNLL-U")
}

/// CoNLL-U from `form/UPOS`, `form/UPOS/lemma` or
/// `form/UPOS/lemma/head/relation` words; tokens without a head attach to the
/// first verb.
pub fn conllu_from_words(words: &str) -> String {
    let toks: Vec<Vec<&str>> = words
        .split_whitespace()
        .map(|w| w.split('/').collect())
        .collect();
    let root = toks.iter().position(|t| t[1] == "VERB").unwrap_or(0) + 1;
    let mut conllu = String::new();
    for (i, t) in toks.iter().enumerate() {
        let lemma = t
            .get(2)
            .map_or_else(|| t[0].to_lowercase(), |l| l.to_string());
        let (head, rel) = match (t.get(3), t.get(4)) {
            (Some(h), Some(r)) => (h.parse().unwrap_or(0), *r),
            _ if i + 1 == root => (0, "root"),
            _ => (root, "dep"),
        };
        conllu += &format!(
            "{}\t{}\t{lemma}\t{}\t_\t_\t{head}\t{rel}\t_\t_\n",
            i + 1,
            t[0],
            t[1]
        );
    }
    conllu
}

/// The (source, target, code) codings of `doc`'s events, sorted.
pub fn sorted_codings(doc: &Doc) -> Vec<String> {
    let mut out: Vec<String> = doc
        .events
        .iter()
        .map(|e| tocsin_coder::eval::coding_of(e).to_string())
        .collect();
    out.sort();
    out
}
