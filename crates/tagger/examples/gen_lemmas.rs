//! Regenerates the lemmatizer tables in `crates/tagger/data/`.
//!
//! ```text
//! apt-get install wordnet-base   # WordNet 3.0 database, /usr/share/wordnet
//! cargo run --release -p tocsin-tagger --example gen_lemmas -- \
//!     --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --wordnet /usr/share/wordnet --out-dir crates/tagger/data
//! ```

use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut train = PathBuf::from("../shared/data/ud-english-ewt/en_ewt-ud-train.conllu");
    let mut wordnet = None;
    let mut out = PathBuf::from("crates/tagger/data");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train = val()?.into(),
            "--wordnet" => wordnet = Some(PathBuf::from(val()?)),
            "--out-dir" => out = val()?.into(),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let t = tocsin_tagger::train::lemma_tables(&train, wordnet.as_deref())?;
    for (name, text) in [
        ("lemmas.tsv", &t.lemmas),
        ("lexicon-noun.txt", &t.nouns),
        ("lexicon-verb.txt", &t.verbs),
        ("lexicon-adj.txt", &t.adjs),
        ("lexicon-name.txt", &t.names),
    ] {
        std::fs::write(out.join(name), text)?;
        println!(
            "{}: {} lines",
            out.join(name).display(),
            text.lines().count()
        );
    }
    Ok(())
}
