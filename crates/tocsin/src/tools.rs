//! Thin wrappers the CLI calls: evaluation, dictionary tools, training.

use crate::eval_ud::{eval_gold_tokens, eval_raw};
use crate::{build, build_from_tokens, Setup, Until};
use anyhow::{Context, Result};
use std::path::Path;
use tocsin_core::conllu::GoldSentence;
use tocsin_dict::Dictionaries;

/// Runs the UD evaluation and returns the `--json` object: on gold tokens the
/// keys `upos, xpos, lemma, uas, las`; with `raw` also `tokens_f1, sentences_f1,
/// words_f1`. Values are percentages. `beam_parser` parses with the beam model.
///
/// # Errors
/// A model fails to load.
pub fn eval_ud_report(
    gold: &[GoldSentence],
    raw: bool,
    beam_parser: bool,
) -> Result<serde_json::Value> {
    if raw {
        let mut setup = Setup::new(Until::Parse);
        setup.beam_parser = beam_parser;
        let p = build(&setup)?;
        let s = eval_raw(gold, |d| p.run(d));
        Ok(serde_json::json!({
            "mode": "raw",
            "tokens_f1": s.tokens_f1, "sentences_f1": s.sentences_f1, "words_f1": s.words_f1,
            "upos": s.upos, "xpos": s.xpos, "lemma": s.lemma, "uas": s.uas, "las": s.las,
        }))
    } else {
        let p = build_from_tokens(Until::Parse, beam_parser)?;
        let s = eval_gold_tokens(gold, |d| p.run(d));
        Ok(serde_json::json!({
            "mode": "gold_tokens", "sentences": s.sentences, "words": s.words,
            "upos": s.upos, "xpos": s.xpos, "lemma": s.lemma, "uas": s.uas, "las": s.las,
        }))
    }
}

/// The human-readable form of [`eval_ud_report`].
#[must_use]
pub fn eval_ud_text(r: &serde_json::Value, gold: &str) -> String {
    let f = |k: &str| {
        r[k].as_f64()
            .map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
    };
    let mut s = format!("{gold} ({})\n", r["mode"].as_str().unwrap_or(""));
    if r["mode"] == "raw" {
        s += &format!(
            "tokens F1     {}\nsentences F1  {}\nwords F1      {}\n",
            f("tokens_f1"),
            f("sentences_f1"),
            f("words_f1")
        );
    }
    s +=
        &format!(
        "UPOS          {}\nXPOS          {}\nlemma         {}\nUAS           {}\nLAS           {}",
        f("upos"), f("xpos"), f("lemma"), f("uas"), f("las")
    );
    s
}

/// Compiles a tocsin dictionary directory to the binary format.
///
/// # Errors
/// Every error, as `path:line: message`.
pub fn compile_dictionaries(dir: &Path) -> Result<Vec<u8>> {
    let d = tocsin_dict::compile_dir(dir).map_err(|diags| {
        anyhow::anyhow!(
            "{} errors in {}:\n{}",
            diags.iter().filter(|d| d.is_error()).count(),
            dir.display(),
            diags
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    Ok(d.to_bytes()?)
}

/// Lints a dictionary directory: returns the number of errors and the report
/// (one `path:line: level: message` a line, then a count).
#[must_use]
pub fn check_dictionaries(dir: &Path) -> (usize, String) {
    let diags = tocsin_dict::check_dir(dir);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut s: String = diags.iter().map(|d| format!("{d}\n")).collect();
    s += &format!(
        "{}: {errors} errors, {} warnings\n",
        dir.display(),
        diags.len() - errors
    );
    (errors, s)
}

/// Counts per kind, as the `dict stats --json` object.
#[must_use]
pub fn dictionary_stats(d: &Dictionaries) -> serde_json::Value {
    serde_json::to_value(d.stats()).unwrap_or_default()
}

/// Trains the tagger and writes the compressed model.
///
/// # Errors
/// Unreadable data or an unwritable output.
pub fn train_tagger(train: &Path, dev: &Path, out: &Path, epochs: usize, seed: u64) -> Result<()> {
    let cfg = tocsin_tagger::train::TrainConfig {
        train: train.to_path_buf(),
        dev: dev.to_path_buf(),
        epochs,
        seed,
        ..tocsin_tagger::train::TrainConfig::default()
    };
    let report = tocsin_tagger::train::train_to_file(&cfg, out).context("training the tagger")?;
    eprintln!("{report:?}");
    Ok(())
}

/// Trains the parser and writes the compressed model.
///
/// # Errors
/// Unreadable data or an unwritable output.
pub fn train_parser(train: &Path, dev: &Path, out: &Path, epochs: usize, seed: u64) -> Result<()> {
    let mut cfg = tocsin_parser::train::TrainConfig::new(train, dev);
    cfg.epochs = epochs;
    cfg.seed = seed;
    // Train on the tags the embedded tagger predicts, as the parser will see at
    // run time (not jackknifed: train-set tags are better than real ones).
    let tagger = tocsin_tagger::Tagger::embedded().context("loading the embedded tagger")?;
    cfg.note = "tags from the embedded tagger (not jackknifed)".into();
    cfg.tagger = Some(std::sync::Arc::new(move |w: &[&str], out: &mut Vec<_>| {
        tagger.tag(w, out)
    }));
    cfg.progress = Some(|e| eprintln!("{e:?}"));
    let report = tocsin_parser::train::train_to_file(&cfg, out).context("training the parser")?;
    eprintln!("{report:?}");
    Ok(())
}
