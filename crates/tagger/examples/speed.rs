//! Tagging + lemmatizing speed in tokens per CPU-second (process CPU time from
//! /proc, so a busy machine skews it less than wall-clock time).
//!
//! ```text
//! cargo run --release -p tocsin-tagger --example speed -- ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu [rounds] [model.bin.gz]
//! ```

use tocsin_tagger::{train, Tagger};

fn cpu_seconds() -> f64 {
    // Fields 14 and 15 of /proc/self/stat: utime and stime in clock ticks (100 Hz).
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu".to_string());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let c0 = cpu_seconds();
    let w0 = std::time::Instant::now();
    let model = args.next();
    let loaded = match &model {
        Some(p) => std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|b| Tagger::from_bytes(&b).map_err(|e| e.to_string())),
        None => Tagger::embedded().map_err(|e| e.to_string()),
    };
    let tagger = match loaded {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let _ = tagger
        .lemmatizer()
        .lemma("warm", tocsin_core::Upos::Verb, tocsin_core::Xpos::Vb);
    println!(
        "load (model + lemma tables): {:.1?} wall, {:.2} s CPU",
        w0.elapsed(),
        cpu_seconds() - c0
    );
    let gold = match train::read_conllu(path.as_ref()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    let lem = tagger.lemmatizer();
    let mut out = Vec::new();
    let mut lemma = String::new();
    for (name, with_lemma) in [("tag", false), ("tag+lemma", true)] {
        let c = cpu_seconds();
        let w = std::time::Instant::now();
        let mut check = 0usize;
        for _ in 0..rounds {
            for s in &sents {
                tagger.tag(s, &mut out);
                if with_lemma {
                    for (word, &(u, x)) in s.iter().zip(&out) {
                        lem.lemma_into(word, u, x, &mut lemma);
                        check += lemma.len();
                    }
                } else {
                    check += out.len();
                }
            }
        }
        let cpu = (cpu_seconds() - c).max(0.01);
        println!(
            "{name}: {} tokens, {:.0} tokens/CPU-s, {:.0} tokens/wall-s (check {check})",
            n * rounds,
            (n * rounds) as f64 / cpu,
            (n * rounds) as f64 / w.elapsed().as_secs_f64()
        );
    }
}
