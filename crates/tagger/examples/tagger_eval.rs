//! Prints UPOS, XPOS and lemma accuracy of a model on gold-tokenized CoNLL-U.
//!
//! ```text
//! cargo run --release -p tocsin-tagger --example tagger_eval -- \
//!     ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu [--model path/to/tagger.bin.gz]
//! ```
//! Without `--model` the embedded model is used.

use tocsin_tagger::{train, Tagger};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    let mut model = None;
    let mut dump = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = Some(args.next().ok_or("--model needs a path")?),
            "--dump" => dump = Some(args.next().ok_or("--dump needs a path")?),
            _ => files.push(a),
        }
    }
    let t0 = std::time::Instant::now();
    let tagger = match &model {
        Some(p) => Tagger::from_bytes(&std::fs::read(p)?)?,
        None => Tagger::embedded()?,
    };
    let load = t0.elapsed();
    let (f, w) = tagger.model_size();
    println!("model: {f} features, {w} weights, loaded in {load:.1?}");
    for path in files {
        let gold = train::read_conllu(path.as_ref())?;
        if let Some(d) = &dump {
            dump_errors(&tagger, &gold, d)?;
        }
        let t = std::time::Instant::now();
        let acc = train::evaluate(&tagger, &gold);
        println!(
            "{path}: {} tokens  UPOS {:.2}  XPOS {:.2}  lemma {:.2} (with gold tags {:.2})  ({:.0} tokens/s incl. scoring)",
            acc.tokens,
            acc.upos,
            acc.xpos,
            acc.lemma,
            acc.lemma_gold_tags,
            acc.tokens as f64 / t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Writes `form gold-upos gold-xpos pred-upos pred-xpos gold-lemma pred-lemma` for every
/// token whose tag or lemma is wrong.
fn dump_errors(
    tagger: &Tagger,
    gold: &[tocsin_core::conllu::GoldSentence],
    path: &str,
) -> std::io::Result<()> {
    use std::fmt::Write;
    let mut s = String::new();
    let mut out = Vec::new();
    for g in gold {
        let words: Vec<&str> = g.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&words, &mut out);
        for (w, &(u, x)) in g.words.iter().zip(&out) {
            let l = tagger.lemmatizer().lemma(&w.form, u, x);
            let lg = tagger.lemmatizer().lemma(&w.form, w.upos, w.xpos);
            let all = std::env::var_os("TOCSIN_DUMP_ALL").is_some();
            if all || u != w.upos || x != w.xpos || l != w.lemma || lg != w.lemma {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    w.form, w.upos, w.xpos, u, x, w.lemma, l, lg
                );
            }
        }
    }
    std::fs::write(path, s)
}
