//! Benchmarks on the default dictionaries (crates/data/dict): decoding the
//! compiled binary, and longest-match name lookup over a tokenized sentence.
//!
//! `cargo bench -p tocsin-dict`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use tocsin_dict::{compile_dir, normalize_token, Dictionaries};

fn defaults() -> Option<Dictionaries> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/dict"));
    match compile_dir(dir) {
        Ok(d) => Some(d),
        Err(e) => {
            eprintln!(
                "skipped: the default dictionaries have {} error(s)",
                e.len()
            );
            None
        }
    }
}

const SENTENCE: &str = "Russian troops massed on the Ukrainian border on Monday , the Pentagon said , as Putin 's spokesman denied that Moscow planned to attack and NATO foreign ministers met in Brussels .";

fn bench(c: &mut Criterion) {
    let Some(d) = defaults() else { return };
    let bytes = d.to_bytes().expect("encode");
    let mut g = c.benchmark_group("dict");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("from_bytes", |b| {
        b.iter(|| {
            let x = Dictionaries::from_bytes(black_box(&bytes)).expect("decode");
            assert_eq!(x.actors.len(), d.actors.len());
            x
        });
    });
    let raw: Vec<&str> = SENTENCE.split(' ').collect();
    let norm: Vec<String> = raw.iter().map(|t| normalize_token(t)).collect();
    g.throughput(Throughput::Elements(raw.len() as u64));
    g.bench_function("name_lookup_per_token", |b| {
        b.iter(|| {
            let mut found = 0;
            for i in 0..norm.len() {
                if d.names.lookup(&norm, &raw, i, None).is_some() {
                    found += 1;
                }
                if d.agent_index.longest_match(&norm, i).is_some() {
                    found += 1;
                }
            }
            assert!(found >= 6, "found {found}");
            found
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
