//! Jackknifed tags for parser training: splits the training file into K folds,
//! trains a tagger on the other folds (with `tocsin_tagger::train`), tags each
//! fold with it, and writes the training file back with the predicted UPOS and
//! XPOS columns. The parser then trains on tags with realistic errors.
//!
//! ```text
//! cargo run --release -p tocsin-parser --example jackknife_tags -- \
//!     --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     --out /tmp/en_ewt-ud-train.jackknifed.conllu [--folds 5] [--epochs 8]
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;
use tocsin_core::conllu::parse_conllu;
use tocsin_tagger::train::{train, TrainConfig};
use tocsin_tagger::Tagger;

/// Sentence blocks with their index in the training file.
type Blocks<'a> = Vec<(usize, &'a &'a str)>;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut train_path, mut dev, mut out) = (None, None, None);
    let (mut folds, mut epochs) = (5usize, 8usize);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train_path = Some(PathBuf::from(val()?)),
            "--dev" => dev = Some(PathBuf::from(val()?)),
            "--out" => out = Some(PathBuf::from(val()?)),
            "--folds" => folds = val()?.parse()?,
            "--epochs" => epochs = val()?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let train_path = train_path.ok_or("--train is required")?;
    let dev = dev.ok_or("--dev is required")?;
    let out = out.ok_or("--out is required")?;
    let text = std::fs::read_to_string(&train_path)?;
    // Sentence blocks, kept verbatim so that fold files are exact copies.
    let blocks: Vec<&str> = text
        .split("\n\n")
        .filter(|b| {
            b.lines()
                .any(|l| !l.starts_with('#') && !l.trim().is_empty())
        })
        .collect();
    let mut result = String::new();
    let mut tags = Vec::new();
    for k in 0..folds {
        let (held, rest): (Blocks<'_>, Blocks<'_>) =
            blocks.iter().enumerate().partition(|(i, _)| i % folds == k);
        let fold_file = std::env::temp_dir().join(format!("tocsin-jackknife-{k}.conllu"));
        let mut t = String::new();
        for (_, b) in &rest {
            t.push_str(b.trim_end_matches('\n'));
            t.push_str("\n\n");
        }
        std::fs::write(&fold_file, t)?;
        let cfg = TrainConfig {
            train: fold_file.clone(),
            dev: dev.clone(),
            epochs,
            ..TrainConfig::default()
        };
        let (bytes, rep) = train(&cfg)?;
        let tagger = Tagger::from_bytes(&bytes)?;
        eprintln!("fold {k}: tagger dev UPOS {:.2}", rep.best.upos);
        let _ = std::fs::remove_file(&fold_file);
        for (i, b) in held {
            let sent = parse_conllu(b).map_err(|e| format!("sentence {i}: {e}"))?;
            let Some(sent) = sent.first() else { continue };
            let words: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&words, &mut tags);
            let mut w = 0;
            let mut block = String::new();
            for line in b.lines() {
                let cols: Vec<&str> = line.split('\t').collect();
                let is_word = cols.len() == 10 && cols[0].parse::<u32>().is_ok();
                if is_word && w < tags.len() {
                    let (u, x) = tags[w];
                    w += 1;
                    let mut c = cols.clone();
                    let (us, xs) = (u.as_str(), x.as_str());
                    c[3] = us;
                    c[4] = xs;
                    let _ = writeln!(block, "{}", c.join("\t"));
                } else {
                    let _ = writeln!(block, "{line}");
                }
            }
            result.push_str(&block);
            result.push('\n');
        }
    }
    std::fs::write(&out, result)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
