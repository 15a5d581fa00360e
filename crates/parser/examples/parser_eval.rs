//! Scores a parser model on a CoNLL-U file with gold tokens.
//!
//! ```text
//! cargo run --release -p tocsin-parser --example parser_eval -- \
//!     --model crates/data/models/parser.bin.gz \
//!     --test ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu [--gold-tags] [--beam K]
//! ```
//! Tags come from the embedded tagger (or `--tagger-model PATH`) unless
//! `--gold-tags` is given; `--beam K` overrides the model's beam width. Prints
//! UAS/LAS and per-relation scores, worst frequent relations first.

use std::path::PathBuf;
use tocsin_parser::eval::evaluate;
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
    let (mut model, mut test, mut gold_tags) = (None, None, false);
    let mut tagger_model = None;
    let mut beam = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--model" => model = Some(PathBuf::from(val()?)),
            "--test" => test = Some(PathBuf::from(val()?)),
            "--gold-tags" => gold_tags = true,
            "--beam" => beam = Some(val()?.parse::<usize>()?),
            "--tagger-model" => tagger_model = Some(PathBuf::from(val()?)),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let parser = match model {
        Some(p) => Parser::from_bytes(&std::fs::read(&p)?)?,
        None => Parser::embedded()?,
    };
    let parser = match beam {
        Some(k) => parser.with_beam(k),
        None => parser,
    };
    let test = test.ok_or("--test is required")?;
    let sents = read_conllu(&test)?;
    println!(
        "model: {} (decoding with beam {})",
        parser.info(),
        parser.beam()
    );
    let t0 = std::time::Instant::now();
    let score = if gold_tags {
        evaluate(&parser, &sents, None)
    } else {
        let tagger = match &tagger_model {
            Some(p) => Tagger::from_bytes(&std::fs::read(p)?)?,
            None => Tagger::embedded()?,
        };
        let tag = move |w: &[&str], out: &mut Vec<_>| tagger.tag(w, out);
        evaluate(&parser, &sents, Some(&tag))
    };
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{:.0} words/s wall (tagging {} included)",
        score.words as f64 / secs,
        if gold_tags { "not" } else { "is" }
    );
    println!(
        "{}: {} words, tags {} (accuracy {:.2}), UAS {:.2} LAS {:.2}",
        test.display(),
        score.words,
        if gold_tags { "gold" } else { "predicted" },
        score.tag_accuracy(),
        score.uas(),
        score.las()
    );
    println!("relations with >= 50 gold words, worst labelled recall first:");
    for l in score.worst_labels(50) {
        println!(
            "  {:<14} gold {:>5}  head {:>5.1}%  LAS-recall {:>5.1}%  precision {:>5.1}%",
            l.label.as_str(),
            l.gold,
            100.0 * l.head_correct as f64 / l.gold as f64,
            l.recall(),
            l.precision()
        );
    }
    Ok(())
}
