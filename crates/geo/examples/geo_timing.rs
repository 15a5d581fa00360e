//! Pipeline time with and without the `geo` stage on a JSONL corpus (`text`
//! field), e.g. `cargo run --release -p tocsin-geo --example geo_timing --
//! ../shared/corpus/bbc-news-2004-2005.jsonl 300`.
//!
//! The full pipeline runs once per document; the geo stage's own time is
//! measured on the same annotated documents, so the ratio is not disturbed by
//! the noise of two separate full runs.

use std::sync::Arc;
use std::time::{Duration, Instant};
use tocsin_core::{Doc, Stage};
use tocsin_geo::Geolocator;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let limit: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(300);
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        return eprintln!("cannot read {path:?}");
    };
    let texts: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .take(limit)
        .collect();
    let t = Instant::now();
    if tocsin_geo::Gazetteer::embedded().is_err() {
        return eprintln!("the gazetteer does not load");
    }
    println!(
        "gazetteer decoded and indexed in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let Ok(dicts) = tocsin_dict::Dictionaries::from_bytes(tocsin_data::DICTIONARIES) else {
        return eprintln!("dictionaries do not load");
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
    ];
    let (mut base, mut extra) = (Duration::ZERO, Duration::ZERO);
    let (mut events, mut located, mut bytes) = (0usize, 0usize, 0usize);
    for t in &texts {
        bytes += t.len();
        let mut doc = Doc::new(t);
        let t0 = Instant::now();
        for s in &stages {
            s.annotate(&mut doc);
        }
        let t1 = Instant::now();
        geo.annotate(&mut doc);
        // Every document's places too, as `tocsin geo` would find them.
        let n = geo.places(&doc).len();
        let t2 = Instant::now();
        base += t1 - t0;
        extra += t2 - t1;
        events += doc.events.len();
        located += doc.events.iter().filter(|e| e.location.is_some()).count();
        std::hint::black_box(n);
    }
    println!(
        "{} docs, {:.1} MB: pipeline {:.2}s, geo {:.3}s (+{:.1}%), {} events, {} located",
        texts.len(),
        bytes as f64 / 1e6,
        base.as_secs_f64(),
        extra.as_secs_f64(),
        100.0 * extra.as_secs_f64() / base.as_secs_f64().max(1e-9),
        events,
        located
    );
}
