//! Compares how the dictionary compiler splits names with how tocsin's text
//! tokenizer splits the same strings; a name split differently can never
//! match running text.
//!
//! `cargo run -p tocsin-dict --example name_tokens_vs_text -- crates/data/dict`

use tocsin_core::Span;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/data/dict".to_string());
    let d = match tocsin_dict::compile_dir(std::path::Path::new(&dir)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{} errors", e.len());
            return;
        }
    };
    let seg = tocsin_text::Segmenter::new();
    let mut names: Vec<&str> = Vec::new();
    for a in &d.actors {
        names.extend(a.all_names().map(|(n, _)| n.text.as_str()));
    }
    for a in &d.agents {
        names.extend(a.names.iter().chain(&a.plurals).map(|n| n.text.as_str()));
    }
    let (mut diff, mut total) = (0, 0);
    for n in names {
        total += 1;
        let mut spans: Vec<Span> = Vec::new();
        seg.tokenize(n, &mut spans);
        let text: Vec<&str> = spans
            .iter()
            .map(|s| &n[s.start as usize..s.end as usize])
            .collect();
        let ours = tocsin_dict::tokenize_name(n);
        if text != ours {
            diff += 1;
            if diff <= 40 && !n.contains(['-', '/']) {
                println!("{n:?}: text {text:?} dict {ours:?}");
            }
        }
    }
    println!("{diff} of {total} names tokenized differently");
}
