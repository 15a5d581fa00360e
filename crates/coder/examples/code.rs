//! Codes text with the full pipeline (segmenter, tagger, parser, coder) and
//! prints the events and, with `--explain`, the trace of every sentence.
//!
//! ```text
//! cargo run --release -p tocsin-coder --example code -- [--explain] [--date YYYY-MM-DD] [--dicts DIR] FILE|-
//! ```
//! Without `--dicts`, the default dictionaries embedded in tocsin-data.

use std::io::Read as _;
use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions};
use tocsin_core::{Date, Doc, Stage};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut explain = false;
    let mut no_dyad = false;
    let mut date = None;
    let mut dicts_dir = None;
    let mut file = None;
    let mut petrarch = None;
    let mut tabari = None;
    let mut dump = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--explain" => explain = true,
            "--no-dyad" => no_dyad = true,
            "--date" => {
                i += 1;
                date = args.get(i).and_then(|d| Date::parse(d));
            }
            "--dicts" => {
                i += 1;
                dicts_dir = args.get(i).cloned();
            }
            "--petrarch" => {
                i += 1;
                petrarch = args.get(i).cloned();
            }
            "--tabari" => {
                i += 1;
                tabari = args.get(i).cloned();
            }
            "--dump-verb" => {
                i += 1;
                dump = args.get(i).cloned();
            }
            f => file = Some(f.to_string()),
        }
        i += 1;
    }
    let dicts = match (dicts_dir, petrarch, tabari) {
        (Some(d), _, _) => tocsin_dict::compile_dir(std::path::Path::new(&d)).unwrap_or_else(|e| {
            for d in e {
                eprintln!("{d}");
            }
            std::process::exit(1)
        }),
        (None, Some(p), _) => tocsin_dict::load_petrarch_dir(std::path::Path::new(&p)).0,
        (None, None, Some(t)) => tocsin_dict::load_tabari_project(std::path::Path::new(&t)).0,
        (None, None, None) => tocsin_data::default_dictionaries().expect("embedded dictionaries"),
    };
    if let Some(v) = dump {
        for p in dicts.verb_patterns(&v).chain(dicts.noun_patterns(&v)) {
            println!("{p:?}");
        }
        return;
    }
    let mut text = String::new();
    match file.as_deref() {
        None | Some("-") => {
            std::io::stdin()
                .read_to_string(&mut text)
                .expect("read stdin");
        }
        Some(f) => text = std::fs::read_to_string(f).expect("read file"),
    }
    let coder = Coder::new(
        Arc::new(dicts),
        CoderOptions {
            require_dyad: !no_dyad,
            ..CoderOptions::default()
        },
    );
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(tocsin_text::Segmenter::new()),
        Box::new(tocsin_tagger::Tagger::embedded().expect("tagger model")),
        Box::new(tocsin_parser::Parser::embedded().expect("parser model")),
    ];
    let mut doc = Doc::new(&text);
    doc.meta.date = date;
    for s in &stages {
        s.annotate(&mut doc);
    }
    coder.annotate(&mut doc);
    if explain {
        for i in 0..doc.sentences().len() {
            print!("{}", coder.explain(&doc, i));
        }
    }
    for e in &doc.events {
        println!("{}", tocsin_coder::eval::render_event(&doc, e));
    }
    for n in &doc.notes {
        eprintln!("note: {}", n.message);
    }
}
