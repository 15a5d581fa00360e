//! Prints the places found in a text and each event's location.
//!
//! `cargo run --release -p tocsin-geo --example geo_describe -- "TEXT"` (or a
//! file path).

use std::sync::Arc;
use tocsin_core::{Doc, Stage};
use tocsin_geo::{describe, Geolocator};

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&arg).unwrap_or(arg);
    let dicts = match tocsin_dict::Dictionaries::from_bytes(tocsin_data::DICTIONARIES) {
        Ok(d) => d,
        Err(e) => return eprintln!("dictionaries: {e}"),
    };
    let (Ok(tagger), Ok(parser), Ok(geo)) = (
        tocsin_tagger::Tagger::embedded(),
        tocsin_parser::Parser::embedded(),
        Geolocator::embedded(),
    ) else {
        return eprintln!("a model failed to load");
    };
    let stages: Vec<Arc<dyn Stage>> = vec![
        Arc::new(tocsin_text::Segmenter::new()),
        Arc::new(tagger),
        Arc::new(parser),
        Arc::new(tocsin_coder::Coder::new(
            Arc::new(dicts),
            tocsin_coder::CoderOptions::default(),
        )),
        Arc::new(geo),
    ];
    let mut doc = Doc::new(&text);
    for s in &stages {
        s.annotate(&mut doc);
    }
    if std::env::var_os("GEO_DEBUG").is_some() {
        dump(&doc);
    }
    print!("{}", describe(&doc, &geo));
}

/// Prints tokens with tags and the parse when `GEO_DEBUG` is set.
#[allow(dead_code)]
fn dump(doc: &Doc) {
    for (si, s) in doc.sentences().iter().enumerate() {
        for i in s.tokens.start as usize..s.tokens.end as usize {
            let t = doc.tokens()[i];
            eprintln!(
                "s{si} {} {} {} {} {} {}",
                i - s.tokens.start as usize + 1,
                doc.word(i),
                t.upos,
                t.xpos,
                t.head,
                t.deprel
            );
        }
    }
}
