//! Trains the parser and writes the model.
//!
//! ```text
//! cargo run --release -p tocsin-parser --example parser_train -- \
//!     --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     --out crates/data/models/parser.bin.gz [--epochs 14] [--seed 1] [--runs 2] \
//!     [--tagger-model PATH | --gold-tags] [--train-tags-in-file] \
//!     [--beam 8] [--decode-beam 4] [--clusters crates/tagger/data/clusters.tsv.gz] \
//!     [--brown crates/tagger/data/wordstats.tsv.gz [--brown-groups 31] [--brown-min-logprob -160]]
//! ```
//! `--brown FILE` adds Brown-cluster templates and embeds the cased forms'
//! Brown clusters of FILE (`word<TAB>cluster`, the bit path first-bit-lowest)
//! in the model (format version 6); `--brown-groups MASK` picks the template
//! groups (1 single words, 2 pairs, 4 labels, 8 children, 16 full paths with
//! tags; 32 gives words without a cluster a class by shape, 64 a class of
//! their own); `--brown-min-logprob N` leaves out the words whose
//! `round(10 ln p)` (FILE's third column) is below N.
//! `--clusters FILE` adds the word-cluster templates and embeds the word classes
//! of FILE (`word<TAB>c16<TAB>c256<TAB>c2048`, gzipped or not) in the model
//! (format version 5).
//! `--beam K` (K > 1) trains a global perceptron with a beam of K, `--beam 1`
//! the greedy parser (dynamic oracle, exploration); `--decode-beam K` is the
//! beam the model decodes with by default (and with which dev picks the epoch;
//! 1 after `--beam 1`).
//! The defaults (shown) are those of the committed model.
//! `--train-tags-in-file` keeps the tags of the training file (made by the
//! `jackknife_tags` example) and uses the tagger for dev only.
//! Tags for train and dev come from the tagger (the embedded one unless
//! `--tagger-model` names another file), or from the gold data with `--gold-tags`.
//! Prints dev UAS/LAS after each epoch and the epoch chosen.

use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;
use tocsin_parser::train::{train_to_file, EpochReport, TrainConfig};
use tocsin_tagger::Tagger;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn progress(r: &EpochReport) {
    println!(
        "epoch {:>2}: dev UAS {:.2} LAS {:.2}  (train errors {:.2}%, {:.1}s)",
        r.epoch, r.dev_uas, r.dev_las, r.train_errors, r.seconds
    );
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut train, mut dev, mut out) = (None, None, None);
    let (mut gold_tags, mut tagger_model) = (false, None);
    let mut cfg = TrainConfig::new("", "");
    let mut decode_beam = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train = Some(PathBuf::from(val()?)),
            "--dev" => dev = Some(PathBuf::from(val()?)),
            "--out" => out = Some(PathBuf::from(val()?)),
            "--epochs" => cfg.epochs = val()?.parse()?,
            "--seed" => cfg.seed = val()?.parse()?,
            "--runs" => cfg.runs = val()?.parse()?,
            "--trans-bits" => cfg.trans_bits = val()?.parse()?,
            "--label-bits" => cfg.label_bits = val()?.parse()?,
            "--beam" => cfg.beam = val()?.parse()?,
            "--decode-beam" => decode_beam = Some(val()?.parse()?),
            "--explore-p" => cfg.explore_p = val()?.parse()?,
            "--clusters" => cfg.clusters = Some(PathBuf::from(val()?)),
            "--brown" => cfg.brown = Some(PathBuf::from(val()?)),
            "--brown-groups" => cfg.brown_groups = val()?.parse()?,
            "--brown-min-logprob" => cfg.brown_min_logprob = Some(val()?.parse()?),
            "--gold-tags" => gold_tags = true,
            "--train-tags-in-file" => cfg.tag_train = false,
            "--tagger-model" => tagger_model = Some(PathBuf::from(val()?)),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    // A greedy model decodes greedily unless told otherwise.
    cfg.decode_beam = decode_beam.or(if cfg.beam <= 1 {
        Some(1)
    } else {
        cfg.decode_beam
    });
    cfg.train = train.ok_or("--train is required")?;
    cfg.dev = dev.ok_or("--dev is required")?;
    let out = out.ok_or("--out is required")?;
    cfg.progress = Some(progress);
    if !gold_tags {
        let bytes = match &tagger_model {
            Some(p) => std::fs::read(p)?,
            None => tocsin_data::TAGGER_MODEL.to_vec(),
        };
        let sha = hex(&Sha256::digest(&bytes));
        let tagger = Tagger::from_bytes(&bytes)?;
        cfg.note = if cfg.tag_train {
            format!("tags from tagger model sha256 {sha} (train not jackknifed)")
        } else {
            format!("dev tags from tagger model sha256 {sha}; train tags from the training file")
        };
        cfg.tagger = Some(Arc::new(move |w: &[&str], out: &mut Vec<_>| {
            tagger.tag(w, out)
        }));
    }
    println!("{cfg:?}");
    let rep = train_to_file(&cfg, &out)?;
    println!(
        "chosen epoch {}: dev UAS {:.2} LAS {:.2}; {} sentences ({} lifted to projective); model {} bytes -> {}",
        rep.best_epoch,
        rep.dev.uas(),
        rep.dev.las(),
        rep.train_sentences,
        rep.nonprojective,
        rep.model_bytes,
        out.display()
    );
    println!(
        "dev tag accuracy (UPOS+XPOS): {:.2}",
        rep.dev.tag_accuracy()
    );
    println!("worst frequent relations on dev (labelled recall):");
    for l in rep.dev.worst_labels(100).iter().take(12) {
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

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
