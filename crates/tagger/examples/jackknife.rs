//! Writes a copy of a CoNLL-U training file whose UPOS and XPOS columns hold
//! jackknifed predicted tags (each sentence tagged by a tagger trained without
//! it), for training the parser on realistic tags.
//!
//! ```text
//! cargo run --release -p tocsin-tagger --example jackknife -- \
//!     --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     --out /tmp/en_ewt-ud-train.jackknifed.conllu [--folds 10] [--passes 2]
//! ```
//! The output is derived from UD English EWT (CC BY-SA 4.0): do not commit it.

use std::path::PathBuf;
use tocsin_tagger::train::{jackknife_tags, TrainConfig};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut cfg = TrainConfig::default();
    let mut out = PathBuf::from("train.jackknifed.conllu");
    let mut folds = 10;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => cfg.train = val()?.into(),
            "--dev" => cfg.dev = val()?.into(),
            "--out" => out = val()?.into(),
            "--folds" => folds = val()?.parse()?,
            "--passes" => cfg.passes = val()?.parse()?,
            "--epochs" => cfg.epochs = val()?.parse()?,
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let tags = jackknife_tags(&cfg, folds, &mut |k| eprintln!("fold {k}/{folds} done"))?;
    // Rewrite columns 4 and 5 of each word line, keeping everything else.
    let text = std::fs::read_to_string(&cfg.train)?;
    let mut s = String::with_capacity(text.len());
    let (mut sent, mut word) = (0usize, 0usize);
    let mut in_sentence = false;
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() {
            if in_sentence {
                sent += 1;
                word = 0;
                in_sentence = false;
            }
            s.push_str(line);
        } else if cols.len() == 10 && cols[0].parse::<u32>().is_ok() {
            in_sentence = true;
            let (u, x) = tags
                .get(sent)
                .and_then(|t| t.get(word))
                .map_or((cols[3], cols[4]), |(u, x)| (u.as_str(), x.as_str()));
            word += 1;
            let mut c = cols.clone();
            c[3] = u;
            c[4] = x;
            s.push_str(&c.join("\t"));
        } else {
            in_sentence |= cols.len() == 10;
            s.push_str(line);
        }
        s.push('\n');
    }
    std::fs::write(&out, s)?;
    let n: usize = tags.iter().map(Vec::len).sum();
    eprintln!(
        "wrote {} ({} sentences, {n} words)",
        out.display(),
        tags.len()
    );
    Ok(())
}
