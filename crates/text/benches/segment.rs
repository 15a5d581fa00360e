//! Tokens per second of the segmenter (split + tokenize) on the BBC news corpus
//! (`../shared/corpus/bbc-news-2004-2005.jsonl`), or on synthetic news text when
//! the corpus is absent.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use tocsin_core::Doc;
use tocsin_text::Segmenter;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/bbc-news-2004-2005.jsonl"
);

fn texts() -> Vec<String> {
    match std::fs::read_to_string(CORPUS) {
        Ok(s) => s
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect(),
        Err(e) => {
            eprintln!("bbc corpus not found ({e}); using synthetic text");
            let unit = "KYIV, Ukraine (AP) — Russia’s Gen. Ivanov didn't say whether \
                        3.5% of the $14,000 sent to the U.S. was lost. \"We left,\" he said.\n\n";
            vec![unit.repeat(200); 100]
        }
    }
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let seg = Segmenter::new();
    let mut doc = Doc::default();
    let count = |doc: &mut Doc| {
        texts
            .iter()
            .map(|t| {
                doc.reset(t);
                seg.segment(doc);
                doc.tokens().len()
            })
            .sum::<usize>()
    };
    let expected = count(&mut doc);
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "{} documents, {bytes} bytes, {expected} tokens",
        texts.len()
    );
    let mut g = c.benchmark_group("segment");
    g.sample_size(20);
    g.throughput(Throughput::Elements(expected as u64));
    g.bench_function("tokens", |b| {
        b.iter(|| assert_eq!(black_box(count(&mut doc)), expected));
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bytes", |b| {
        b.iter(|| assert_eq!(black_box(count(&mut doc)), expected));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
