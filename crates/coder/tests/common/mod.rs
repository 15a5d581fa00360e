//! Test support: the fixture dictionaries and CoNLL-U → Doc.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::Path;
use tocsin_core::{conllu::parse_conllu, Date, Doc, Span};
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
    let sents = parse_conllu(text).expect("valid CoNLL-U");
    let mut body = String::new();
    let mut spans: Vec<Vec<Span>> = Vec::new();
    for s in &sents {
        if !body.is_empty() {
            body.push(' ');
        }
        let mut v = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            let start = body.len() as u32;
            body.push_str(&w.form);
            v.push(Span::new(start, body.len() as u32));
            if !w.no_space_after && i + 1 < s.words.len() {
                body.push(' ');
            }
        }
        spans.push(v);
    }
    let mut doc = Doc::new(&body);
    for l in text.lines() {
        if let Some(d) = l.strip_prefix("# date =") {
            doc.meta.date = Date::parse(d.trim());
        }
    }
    let mut k = 0;
    for (s, sp) in sents.iter().zip(&spans) {
        doc.push_sentence(sp[0]);
        for (w, span) in s.words.iter().zip(sp) {
            doc.push_token(*span);
            doc.set_lemma(k, &w.lemma);
            let t = &mut doc.tokens_mut()[k];
            t.upos = w.upos;
            t.xpos = w.xpos;
            t.head = w.head;
            t.deprel = w.deprel;
            k += 1;
        }
    }
    doc
}
