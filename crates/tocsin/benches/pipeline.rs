//! Whole-pipeline throughput, stage by stage, on the BBC corpus when
//! `../shared` is present (else on the bundled example article repeated).
//! Each measurement asserts the token count so it cannot measure nothing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use tocsin::tocsin_core::DocMeta;
use tocsin::{build, Setup, Until};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/bbc-news-2004-2005.jsonl"
);

fn texts() -> Vec<String> {
    match std::fs::read_to_string(CORPUS) {
        Ok(s) => s
            .lines()
            .take(200)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect(),
        Err(_) => {
            eprintln!("{CORPUS} absent: benchmarking the bundled example article");
            vec![tocsin::EXAMPLE_ARTICLE.to_string(); 50]
        }
    }
}

fn pipeline(c: &mut Criterion) {
    let docs = texts();
    let seg = build(&Setup::new(Until::Segment)).expect("pipeline");
    let mut w = seg.worker();
    let tokens: usize = docs
        .iter()
        .map(|d| w.process(d, DocMeta::default()).tokens().len())
        .sum();
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tokens as u64));
    for (name, until) in [
        ("segment", Until::Segment),
        ("tag", Until::Tag),
        ("parse", Until::Parse),
        ("code", Until::Code),
        ("geo", Until::Geo),
    ] {
        let p = build(&Setup::new(until)).expect("pipeline");
        g.bench_function(name, |b| {
            let mut w = p.worker();
            b.iter(|| {
                let n: usize = docs
                    .iter()
                    .map(|d| w.process(black_box(d), DocMeta::default()).tokens().len())
                    .sum();
                assert_eq!(n, tokens);
                n
            });
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
