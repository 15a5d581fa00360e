//! Persons code by the role they held on the story's date, and the agents
//! around their names adjust the sectors: one short case per behaviour,
//! through the whole default pipeline.

use tocsin::tocsin_core::{Date, DocMeta};
use tocsin::{build, Setup, Until};

mod common;

/// (source, target, code) of every event of `text` dated `date`.
fn code(text: &str, date: &str) -> Vec<(String, String, String)> {
    let p = build(&Setup::new(Until::Code)).expect("pipeline");
    let mut w = p.worker();
    let meta = DocMeta {
        date: Date::parse(date),
        ..DocMeta::default()
    };
    common::triples(w.process(text, meta))
}

fn has(events: &[(String, String, String)], src: &str, tgt: &str, root: &str) -> bool {
    events
        .iter()
        .any(|(s, t, c)| s == src && t == tgt && c.starts_with(root))
}

#[test]
fn an_opposition_leader_codes_as_opposition_then_as_government() {
    let text = "Michael Howard criticised Tony Blair over the war.";
    let as_leader = code(text, "2004-06-01");
    assert!(has(&as_leader, "GBROPP", "GBRGOV", "11"), "{as_leader:?}");
    // In 1995 he was home secretary (and Blair led the opposition: not in
    // the dictionary, so no event at all is fine, but never GBROPP).
    let as_minister = code(text, "1995-06-01");
    assert!(
        as_minister.iter().all(|(s, _, _)| s != "GBROPP"),
        "{as_minister:?}"
    );
}

#[test]
fn a_shadow_minister_is_opposition_not_government() {
    let events = code(
        "The shadow chancellor, Oliver Letwin, criticised Tony Blair.",
        "2004-06-01",
    );
    assert!(has(&events, "GBROPP", "GBRGOV", "111"), "{events:?}");
    assert!(
        events.iter().all(|(s, _, _)| !s.contains("GOV")),
        "{events:?}"
    );
}
