//! Runs the location evaluation with the embedded tagger and parser.
//!
//! `cargo run --release -p tocsin-geo --example geo_eval -- ../shared/eval/event-location-dev/event-location-dev.jsonl [N_MISSES]`

use tocsin_core::{Doc, Stage};
use tocsin_geo::{eval::eval_locations, Geolocator};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let show: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let Ok(jsonl) = std::fs::read_to_string(&path) else {
        return eprintln!("cannot read {path:?}");
    };
    let (Ok(tagger), Ok(parser), Ok(geo)) = (
        tocsin_tagger::Tagger::embedded(),
        tocsin_parser::Parser::embedded(),
        Geolocator::embedded(),
    ) else {
        return eprintln!("a model failed to load");
    };
    let seg = tocsin_text::Segmenter::new();
    let mut process = |text: &str| {
        let mut doc = Doc::new(text);
        seg.annotate(&mut doc);
        tagger.annotate(&mut doc);
        parser.annotate(&mut doc);
        doc
    };
    let mut r = eval_locations(&jsonl, &geo, &mut process, show);
    let misses = std::mem::take(&mut r.misses_sample);
    for m in &misses {
        println!(
            "{} L{} [{}] gold={:?} pred={:?} ({}) | {}",
            m.class, m.line, m.verb, m.gold, m.predicted, m.reason, m.text
        );
    }
    println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
}
