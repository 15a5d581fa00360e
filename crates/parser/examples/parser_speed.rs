//! Parsing speed alone (one thread), for several beam widths: tags every
//! sentence of a CoNLL-U file with the embedded tagger first, then times the
//! parser over all of them (best of `--repeat` passes, after a warm-up pass).
//! Time is CPU time of this thread where Linux reports it (`/proc/self/schedstat`),
//! so that other jobs on a busy machine disturb the figure less; wall time
//! otherwise.
//!
//! ```text
//! cargo run --release -p tocsin-parser --example parser_speed -- \
//!     --test ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     [--model PATH] [--beams 1,2,4] [--repeat 3]
//! ```

use std::path::PathBuf;
use std::time::Instant;
use tocsin_parser::train::read_conllu;
use tocsin_parser::Parser;
use tocsin_tagger::Tagger;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut model, mut test) = (None, None);
    let (mut beams, mut repeat) = (vec![1usize, 2, 4], 3usize);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--model" => model = Some(PathBuf::from(val()?)),
            "--test" => test = Some(PathBuf::from(val()?)),
            "--beams" => {
                beams = val()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--repeat" => repeat = val()?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let bytes = match &model {
        Some(p) => std::fs::read(p)?,
        None => tocsin_data::PARSER_MODEL.to_vec(),
    };
    let sents = read_conllu(&test.ok_or("--test is required")?)?;
    let tagger = Tagger::embedded()?;
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let tags: Vec<Vec<_>> = words
        .iter()
        .map(|w| {
            let mut t = Vec::new();
            tagger.tag(w, &mut t);
            t
        })
        .collect();
    let tokens: usize = words.iter().map(Vec::len).sum();
    let (mut heads, mut labels) = (Vec::new(), Vec::new());
    for &k in &beams {
        let parser = Parser::from_bytes(&bytes)?.with_beam(k);
        let mut best = f64::INFINITY;
        for pass in 0..=repeat {
            let (t0, c0) = (Instant::now(), cpu_ns());
            for (w, t) in words.iter().zip(&tags) {
                parser.parse(w, t, &mut heads, &mut labels);
            }
            let secs = match (c0, cpu_ns()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e9,
                _ => t0.elapsed().as_secs_f64(),
            };
            if pass > 0 {
                best = best.min(secs);
            }
        }
        println!(
            "beam {k:>2}: {:>9.0} tokens/s ({tokens} tokens in {best:.3}s)",
            tokens as f64 / best
        );
    }
    Ok(())
}

/// CPU time of this (single-threaded) process in nanoseconds, on Linux.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
