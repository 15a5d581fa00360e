//! Coder throughput on the golden corpus (gold parses, fixture dictionaries):
//! sentences per second of the coding stage alone.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions};
use tocsin_core::Stage;

fn bench(c: &mut Criterion) {
    let dicts = Arc::new(common::load_fixture(common::FIXTURE_DIR));
    let coder = Coder::new(dicts, CoderOptions::default());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
        .collect();
    paths.sort();
    for p in paths {
        docs.push(common::doc_from_conllu(
            &std::fs::read_to_string(p).unwrap(),
        ));
    }
    let sentences: usize = docs.iter().map(|d| d.sentences().len()).sum();
    let expected: usize = {
        let mut n = 0;
        for d in &docs {
            let mut d = d.clone();
            coder.annotate(&mut d);
            n += d.events.len();
        }
        n
    };
    let mut g = c.benchmark_group("coder");
    g.throughput(Throughput::Elements(sentences as u64));
    g.bench_function("golden corpus (sentences)", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let mut d = d.clone();
                coder.annotate(&mut d);
                n += d.events.len();
            }
            assert_eq!(n, expected);
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
