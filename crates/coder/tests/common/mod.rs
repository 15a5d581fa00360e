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
