//! Runs a validation suite with the full pipeline and prints the report.
//!
//! ```text
//! cargo run --release -p tocsin-coder --example eval -- petrarch [--failures FILE]
//! cargo run --release -p tocsin-coder --example eval -- tabari [--failures FILE]
//! cargo run --release -p tocsin-coder --example eval -- gsr [--gold-parse] [--failures FILE]
//! ```
//! `petrarch` and `tabari` use the suites' own dictionaries (imported by
//! tocsin-dict); `gsr` uses tocsin's default dictionaries (the PETRARCH-2
//! Phoenix dictionaries are not shipped), so its figure measures those.

use std::path::Path;
use std::sync::Arc;
use tocsin_coder::eval::{self, EvalOptions, EvalReport};
use tocsin_coder::{Coder, CoderOptions};
use tocsin_core::{Doc, Stage};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let suite = args.first().map_or("petrarch", String::as_str).to_string();
    let gold = args.iter().any(|a| a == "--gold-parse");
    let failures = args
        .iter()
        .position(|a| a == "--failures")
        .and_then(|i| args.get(i + 1).cloned());
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(tocsin_text::Segmenter::new()),
        Box::new(tocsin_tagger::Tagger::embedded().expect("tagger model")),
        Box::new(tocsin_parser::Parser::embedded().expect("parser model")),
    ];
    let annotate = |doc: &mut Doc| {
        for s in &stages {
            s.annotate(doc);
        }
    };
    let (dicts, diags) = match suite.as_str() {
        "petrarch" => tocsin_dict::load_petrarch_dir(&Path::new(SHARED).join("petrarch-unit")),
        "tabari" => tocsin_dict::load_tabari_project(
            &Path::new(SHARED).join("tabari-validate/Validate.project"),
        ),
        _ => (
            tocsin_data::default_dictionaries().expect("embedded dictionaries"),
            vec![],
        ),
    };
    for d in diags.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
    let dicts = Arc::new(dicts);
    let factory = |o: &EvalOptions| {
        Coder::new(
            dicts.clone(),
            CoderOptions {
                require_dyad: o.require_dyad,
                ..CoderOptions::default()
            },
        )
    };
    let report: EvalReport = match suite.as_str() {
        "petrarch" => {
            let x = read(&format!("{SHARED}/petrarch-unit/PETR.UnitTest.records.xml"));
            eval::eval_petrarch(&x, factory, annotate)
        }
        "tabari" => {
            let t = read(&format!("{SHARED}/tabari-validate/Validate.text"));
            let o = read(&format!("{SHARED}/tabari-validate/Validate.options"));
            eval::eval_tabari(&t, &o, factory, annotate)
        }
        _ => {
            let x = read(&format!("{SHARED}/petr2-gsr/PETR2_GSR_validation.xml"));
            let recs = eval::read_petrarch(&x).expect("records");
            if gold {
                gold_parse_eval(&recs, &factory)
            } else {
                eval::eval_records(&recs, factory, annotate)
            }
        }
    };
    if let Some(f) = failures {
        let body: Vec<String> = report
            .failures
            .iter()
            .map(|x| {
                format!(
                    "{} [{}] {}\n  want: {:?}\n  got:  {:?}\n",
                    x.id, x.category, x.text, x.expected, x.got
                )
            })
            .collect();
        std::fs::write(&f, body.join("")).expect("write failures");
    }
    let mut summary = report.clone();
    summary.failures.clear();
    println!("{}", serde_json::to_string_pretty(&summary).expect("json"));
}

/// Scores records on their own gold CoNLL-U parses.
fn gold_parse_eval(
    recs: &[eval::EvalRecord],
    factory: &dyn Fn(&EvalOptions) -> Coder,
) -> EvalReport {
    let with: Vec<eval::EvalRecord> = recs
        .iter()
        .filter(|r| r.conllu.is_some())
        .cloned()
        .collect();
    eval::eval_records(&with, factory, |doc: &mut Doc| {
        // Replace the raw text by the gold parse of the record being scored.
        let Some(r) = with.iter().find(|r| r.id == doc.meta.id) else {
            return;
        };
        if let Some(mut d) = r
            .conllu
            .as_deref()
            .and_then(|c| eval::doc_from_conllu(c, r.date))
        {
            d.meta.id.clone_from(&r.id);
            *doc = d;
        }
    })
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| {
        eprintln!("cannot read {p}: {e}");
        std::process::exit(2)
    })
}
