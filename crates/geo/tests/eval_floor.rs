//! The location evaluation on the first 1,500 items of event-location-dev clears
//! a floor (the full set's figure comes from `examples/geo_eval.rs`).

mod common;

use tocsin_core::Doc;
use tocsin_geo::eval::eval_locations;

const DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/eval/event-location-dev/event-location-dev.jsonl"
);

#[test]
fn dev_accuracy_clears_the_floor() {
    let Ok(all) = std::fs::read_to_string(DEV) else {
        eprintln!("skipped: {DEV} is absent");
        return;
    };
    let head: Vec<&str> = all.lines().take(1500).collect();
    let stages = common::stages();
    let mut process = |text: &str| {
        let mut doc = Doc::new(text);
        // Segmenter, tagger and parser: the coder is not needed.
        for s in &stages[..3] {
            s.annotate(&mut doc);
        }
        doc
    };
    let r = eval_locations(&head.join("\n"), &common::geo(), &mut process, 0);
    eprintln!("accuracy {:.3} on {} items", r.accuracy, r.items);
    assert_eq!(r.items, 1500);
    assert!(r.accuracy >= 0.68, "{r:?}");
}
