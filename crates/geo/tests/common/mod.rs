//! Test support: the real pipeline (segmenter, tagger, parser, coder) on text.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::sync::{Arc, OnceLock};
use tocsin_core::{Doc, Stage};
use tocsin_geo::Geolocator;

/// Segmenter, tagger, parser and coder with the embedded models and dictionaries.
pub fn stages() -> &'static Vec<Arc<dyn Stage>> {
    static S: OnceLock<Vec<Arc<dyn Stage>>> = OnceLock::new();
    S.get_or_init(|| {
        let dicts = tocsin_dict::Dictionaries::from_bytes(tocsin_data::DICTIONARIES)
            .expect("embedded dictionaries");
        vec![
            Arc::new(tocsin_text::Segmenter::new()),
            Arc::new(tocsin_tagger::Tagger::embedded().expect("tagger")),
            Arc::new(tocsin_parser::Parser::embedded().expect("parser")),
            Arc::new(tocsin_coder::Coder::new(
                Arc::new(dicts),
                tocsin_coder::CoderOptions::default(),
            )),
        ]
    })
}

/// The geolocator over the embedded gazetteer.
pub fn geo() -> Geolocator {
    Geolocator::embedded().expect("embedded gazetteer")
}

/// Runs the pipeline (and the geolocator when `with_geo`).
pub fn run(text: &str, with_geo: bool) -> Doc {
    let mut doc = Doc::new(text);
    for s in stages() {
        s.annotate(&mut doc);
    }
    if with_geo {
        geo().annotate(&mut doc);
    }
    doc
}
