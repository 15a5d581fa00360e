//! Golden corpus: each `tests/golden/NAME.conllu` is a short hand-parsed case
//! whose header says which behaviour it pins; `NAME.events` is the reviewed
//! snapshot of the events it codes with the fixture dictionaries, one line per
//! event, sorted. Regenerate with `UPDATE_EXPECT=1 cargo test -p tocsin-coder
//! --test golden` and review the diff.

mod common;

use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions};
use tocsin_core::{ActorSource, Doc, Event, Stage};

fn render(doc: &Doc, e: &Event) -> String {
    let mut s = tocsin_coder::eval::render_event(doc, e);
    let m = e.modality;
    for (on, name) in [
        (m.claimed, "claimed"),
        (m.hypothetical, "hypothetical"),
        (m.future, "future"),
    ] {
        if on {
            s.push(' ');
            s.push_str(name);
        }
    }
    for (v, name) in [
        (e.size.dead, "dead"),
        (e.size.injured, "injured"),
        (e.size.arrested, "arrested"),
        (e.size.troops, "troops"),
    ] {
        if let Some(v) = v {
            s.push_str(&format!(" {name}={v}"));
        }
    }
    for (who, a) in [("source", Some(&e.actor)), ("target", e.recipient.as_ref())] {
        if let Some(ActorSource::Context(why)) = a.map(|a| &a.source) {
            s.push_str(&format!(" {who}-from-context({why})"));
        }
    }
    if let Some(d) = e.date {
        s.push_str(&format!(" date={d} ({})", e.date_reason));
    }
    s
}

fn code_case(text: &str) -> String {
    let dicts = Arc::new(common::load_fixture(common::FIXTURE_DIR));
    let coder = Coder::new(dicts, CoderOptions::default());
    let mut doc = common::doc_from_conllu(text);
    coder.annotate(&mut doc);
    let mut lines: Vec<String> = doc.events.iter().map(|e| render(&doc, e)).collect();
    lines.sort();
    let mut out = lines.join("\n");
    out.push('\n');
    if out == "\n" {
        out = "(no events)\n".into();
    }
    out
}

#[test]
fn golden_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).unwrap();
        let got = code_case(&text);
        let snap = case.with_extension("events");
        let want = std::fs::read_to_string(&snap).unwrap_or_default();
        if got != want {
            if update {
                std::fs::write(&snap, &got).unwrap();
            } else {
                failures.push(format!(
                    "{}:\n--- want\n{want}--- got\n{got}",
                    case.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
