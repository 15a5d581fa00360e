//! Throughput of the parser alone (EWT dev, gold words and tags) and of the
//! whole front end (segment + tag + parse) on BBC news text. Both read
//! `../shared`; without it they fall back to a small built-in text.
//!
//! `cargo bench -p tocsin-parser --bench parse`
//!
//! Times are CPU time of the benchmark thread (from `/proc/thread-self/schedstat`,
//! wall time where that is missing): the shared build machine is often loaded
//! many times over, which makes wall-clock throughput meaningless.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tocsin_core::{DepRel, Doc, Stage, Upos, Xpos};
use tocsin_parser::{train::read_conllu, Parser};
use tocsin_tagger::Tagger;
use tocsin_text::Segmenter;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

const FALLBACK: &str = "Russian troops attacked the city on Tuesday, officials said. \
The government condemned the attack and called for talks. Rebels fled to the hills \
after the army shelled their positions near the border.";

type Sentence = (Vec<String>, Vec<(Upos, Xpos)>);

fn ewt_dev() -> Vec<Sentence> {
    let path = format!("{SHARED}/data/ud-english-ewt/en_ewt-ud-dev.conllu");
    match read_conllu(std::path::Path::new(&path)) {
        Ok(s) => s
            .iter()
            .map(|s| {
                let w = s.words.iter().map(|w| w.form.clone()).collect();
                let t = s.words.iter().map(|w| (w.upos, w.xpos)).collect();
                (w, t)
            })
            .collect(),
        Err(_) => {
            eprintln!("{path} not found: parsing built-in sentences");
            let w: Vec<String> = FALLBACK.split(' ').map(str::to_string).collect();
            let t = vec![(Upos::Noun, Xpos::Nn); w.len()];
            vec![(w, t); 100]
        }
    }
}

fn news_texts() -> Vec<String> {
    let path = format!("{SHARED}/corpus/bbc-news-2004-2005.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path} not found: using built-in text");
        return vec![FALLBACK.repeat(50)];
    };
    text.lines()
        .take(300)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

/// CPU time of the current thread, in nanoseconds.
#[derive(Debug)]
struct CpuTime {
    origin: std::time::Instant,
}

impl CpuTime {
    fn now(&self) -> u64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| self.origin.elapsed().as_nanos() as u64)
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        self.now()
    }
    fn end(&self, i: u64) -> u64 {
        self.now().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NsFormatter
    }
}

struct NsFormatter;

impl ValueFormatter for NsFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (div, unit) = if typical >= 1e9 {
            (1e9, "s cpu")
        } else if typical >= 1e6 {
            (1e6, "ms cpu")
        } else {
            (1e3, "us cpu")
        };
        values.iter_mut().for_each(|v| *v /= div);
        unit
    }
    fn scale_throughputs(&self, _: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let n = match t {
            Throughput::Elements(n) | Throughput::Bytes(n) | Throughput::BytesDecimal(n) => *n,
        };
        // values are ns per iteration -> thousands of elements per CPU second.
        values
            .iter_mut()
            .for_each(|v| *v = n as f64 * 1e9 / *v / 1e3);
        "Kelem/cpu-s"
    }
    fn scale_for_machines(&self, _: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn bench(c: &mut Criterion<CpuTime>) {
    let parser = Parser::embedded().expect("parser model");
    let sents = ewt_dev();
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|(w, _)| w.iter().map(String::as_str).collect())
        .collect();
    let n_tokens: usize = words.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("parser");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n_tokens as u64));
    let (mut heads, mut labels) = (Vec::new(), Vec::new());
    g.bench_function("parse_ewt_dev_gold_tags", |b| {
        b.iter(|| {
            let mut roots = 0;
            for (w, (_, t)) in words.iter().zip(&sents) {
                parser.parse(w, t, &mut heads, &mut labels);
                roots += labels.iter().filter(|&&l| l == DepRel::ROOT).count();
            }
            assert_eq!(roots, words.len());
        });
    });

    let tagger = Tagger::embedded().expect("tagger model");
    let seg = Segmenter::new();
    let texts = news_texts();
    let mut doc = Doc::default();
    let mut pipeline_tokens = 0;
    for t in &texts {
        doc.reset(t);
        seg.segment(&mut doc);
        pipeline_tokens += doc.tokens().len();
    }
    g.throughput(Throughput::Elements(pipeline_tokens as u64));
    g.bench_function("segment_tag_parse_news", |b| {
        b.iter(|| {
            let mut parsed = 0;
            for t in &texts {
                doc.reset(t);
                seg.segment(&mut doc);
                tagger.tag_doc(&mut doc);
                parser.annotate(&mut doc);
                parsed += doc
                    .tokens()
                    .iter()
                    .filter(|t| t.deprel != DepRel::NONE)
                    .count();
            }
            assert_eq!(parsed, pipeline_tokens);
        });
    });
    g.bench_function("segment_tag_news", |b| {
        b.iter(|| {
            for t in &texts {
                doc.reset(t);
                seg.segment(&mut doc);
                tagger.tag_doc(&mut doc);
            }
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime { origin: std::time::Instant::now() });
    targets = bench
}
criterion_main!(benches);
