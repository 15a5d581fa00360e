//! The parse gate only saves time: events are the same with it on or off.

use tocsin::tocsin_core::{Date, DocMeta};
use tocsin::{build, Setup, Until};

#[test]
fn the_gate_changes_no_event() {
    let texts = [
        tocsin::EXAMPLE_ARTICLE,
        "The weather was fine. Russian troops attacked Ukrainian soldiers near Donetsk on Tuesday.",
        "Shares rose 3% in London. The minister said nothing. Police arrested 12 protesters in Paris.",
        "",
    ];
    let mut on = Setup::new(Until::Code);
    on.gate = true;
    let mut off = Setup::new(Until::Code);
    off.gate = false;
    let (on, off) = (
        build(&on).expect("pipeline"),
        build(&off).expect("pipeline"),
    );
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
