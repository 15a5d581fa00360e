//! Trains the tagger and writes the compressed model.
//!
//! ```text
//! cargo run --release -p tocsin-tagger --example tagger_train -- \
//!     --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     --out crates/data/models/tagger.bin.gz [--epochs 12] [--seed 1]
//! ```

use std::path::PathBuf;
use tocsin_tagger::train::{train_with_progress, TrainConfig};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut cfg = TrainConfig::default();
    let mut out = PathBuf::from("tagger.bin.gz");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => cfg.train = val()?.into(),
            "--dev" => cfg.dev = val()?.into(),
            "--out" => out = val()?.into(),
            "--epochs" => cfg.epochs = val()?.parse()?,
            "--seed" => cfg.seed = val()?.parse()?,
            "--tagdict-min-count" => cfg.tagdict_min_count = val()?.parse()?,
            "--tagdict-min-ratio" => cfg.tagdict_min_ratio = val()?.parse()?,
            "--min-weight" => cfg.min_weight = val()?.parse()?,
            "--passes" => cfg.passes = val()?.parse()?,
            "--folds" => cfg.folds = val()?.parse()?,
            "--clusters" => {
                let v = val()?;
                cfg.clusters = (v != "none").then(|| v.into());
            }
            "--wordstats" => {
                let v = val()?;
                cfg.wordstats = (v != "none").then(|| v.into());
            }
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let t0 = std::time::Instant::now();
    let (bytes, report) = train_with_progress(&cfg, &mut |e| {
        println!(
            "pass {} epoch {:2}  dev UPOS {:.2}  XPOS {:.2}  mistakes {}  ({:.0?})",
            e.pass,
            e.epoch,
            e.upos,
            e.xpos,
            e.mistakes,
            t0.elapsed()
        );
    })?;
    std::fs::write(&out, &bytes)?;
    if report.skip_margin != i32::MAX {
        println!(
            "second pass runs on words with first-pass margin below {} ({:.0}% of non-dictionary dev words)",
            report.skip_margin,
            report.second_pass_share * 100.0
        );
    }
    println!(
        "chose pass {} epoch {} (dev UPOS {:.2} XPOS {:.2}); {} classes, {} tag-dictionary words, {} features, {} weights; wrote {} ({} bytes)",
        report.best.pass,
        report.best.epoch,
        report.best.upos,
        report.best.xpos,
        report.classes,
        report.tagdict_words,
        report.features,
        report.weights,
        out.display(),
        report.model_bytes
    );
    Ok(())
}
