//! The parse gate only saves time: events are the same with it on or off.

use tocsin::tocsin_core::{Date, DocMeta};
use tocsin::{build, Pipeline, Setup, Until};

/// The coding pipeline with its gates on, and the same with them off.
fn gated_and_ungated() -> (Pipeline, Pipeline) {
    let mut on = Setup::new(Until::Code);
    on.gate = true;
    let mut off = Setup::new(Until::Code);
    off.gate = false;
    (
        build(&on).expect("pipeline"),
        build(&off).expect("pipeline"),
    )
}

#[test]
fn the_gate_changes_no_event() {
    let texts = [
        tocsin::EXAMPLE_ARTICLE,
        "The weather was fine. Russian troops attacked Ukrainian soldiers near Donetsk on Tuesday.",
        "Shares rose 3% in London. The minister said nothing. Police arrested 12 protesters in Paris.",
        "",
    ];
    let (on, off) = gated_and_ungated();
    let (mut a, mut b) = (on.worker(), off.worker());
    for t in texts {
        let meta = || DocMeta {
            date: Date::parse("2021-12-07"),
            ..DocMeta::default()
        };
        let ea = a.process(t, meta()).events.clone();
        let eb = b.process(t, meta()).events.clone();
        assert_eq!(ea, eb, "gate changed the events of {t:?}");
    }
    // And it does skip: the first sentence above has nothing to code.
    let d = a.process(texts[1], DocMeta::default());
    assert!(d.sentences()[0].skip_parse);
    assert!(!d.sentences()[1].skip_parse);
}

/// Documents of the BBC corpus the real-news gate test reads (all 2,095 with
/// `TOCSIN_GATE_DOCS=all`).
const GATE_DOCS_DEFAULT: usize = 400;

/// The same on real news: the first documents of the BBC corpus (skipped
/// without `../shared`).
#[test]
fn the_gates_change_no_event_on_real_news() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/bbc-news-2004-2005.jsonl"
    );
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is absent");
        return;
    };
    let (on, off) = gated_and_ungated();
    let (mut a, mut b) = (on.worker(), off.worker());
    let (mut events, mut skipped_tag, mut sentences) = (0, 0, 0);
    let docs = match std::env::var("TOCSIN_GATE_DOCS").as_deref() {
        Ok("all") => usize::MAX,
        _ => GATE_DOCS_DEFAULT,
    };
    for (i, line) in data.lines().take(docs).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let t = v["text"].as_str().unwrap_or("");
        let meta = || DocMeta {
            date: Date::parse("2005-01-01"),
            ..DocMeta::default()
        };
        let da = a.process(t, meta());
        let ea = da.events.clone();
        sentences += da.sentences().len();
        skipped_tag += da.sentences().iter().filter(|s| s.skip_tag).count();
        let eb = b.process(t, meta()).events.clone();
        assert_eq!(ea, eb, "the gates changed the events of document {}", i + 1);
        events += ea.len();
    }
    eprintln!("{events} events, {skipped_tag} of {sentences} sentences left untagged");
    assert!(skipped_tag > 0);
}
