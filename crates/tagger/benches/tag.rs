//! Throughput of tagging + lemmatizing (tokens/s) on EWT dev with gold
//! tokenization, or on a built-in paragraph when ../shared is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tocsin_tagger::Tagger;

const DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
);

const FALLBACK: &str = "Russian troops massed on the border on Tuesday , officials said . \
The president 's spokesman denied that talks had failed and called for calm .";

fn sentences() -> Vec<Vec<String>> {
    match std::fs::read_to_string(DEV)
        .ok()
        .and_then(|t| tocsin_core::conllu::parse_conllu(&t).ok())
    {
        Some(gold) => gold
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
            .collect(),
        None => {
            eprintln!("bench: {DEV} absent, using a built-in paragraph");
            vec![FALLBACK.split(' ').map(String::from).collect(); 200]
        }
    }
}

fn bench(c: &mut Criterion) {
    let tagger = Tagger::embedded().expect("embedded model loads");
    let sents = sentences();
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let n: usize = words.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("tagger");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    g.bench_function("tag", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            let mut nouns = 0usize;
            for s in &words {
                tagger.tag(s, &mut out);
                nouns += out.iter().filter(|t| t.0.is_nominal()).count();
            }
            assert!(nouns > 0);
            nouns
        });
    });
    g.bench_function("tag+lemma", |b| {
        let mut out = Vec::new();
        let mut lemma = String::new();
        let lem = tagger.lemmatizer();
        b.iter(|| {
            let mut bytes = 0usize;
            for s in &words {
                tagger.tag(s, &mut out);
                for (w, &(u, x)) in s.iter().zip(&out) {
                    lem.lemma_into(w, u, x, &mut lemma);
                    bytes += lemma.len();
                }
            }
            assert!(bytes > 0);
            bytes
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
