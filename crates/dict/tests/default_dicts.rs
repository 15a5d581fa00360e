//! The default dictionaries (crates/data/dict) must compile without errors.
//! Run with `--nocapture` to see every diagnostic, warnings included.

use std::path::Path;
use std::time::Instant;
use tocsin_dict::{check_dir, compile_dir, Dictionaries};

fn dict_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/dict"))
}

#[test]
fn default_dictionaries_have_no_errors() {
    let diags = check_dir(dict_dir());
    for d in &diags {
        eprintln!("{d}");
    }
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors.is_empty(),
        "{} error(s) in the default dictionaries; first: {}",
        errors.len(),
        errors[0]
    );
}

#[test]
fn default_dictionaries_round_trip_through_bytes() {
    let Ok(d) = compile_dir(dict_dir()) else {
        eprintln!("skipped: the default dictionaries have errors (see the other test)");
        return;
    };
    let bytes = d.to_bytes().unwrap();
    let t = Instant::now();
    let back = Dictionaries::from_bytes(&bytes).unwrap();
    eprintln!(
        "from_bytes: {} bytes in {:?} ({} actors, {} verb patterns)",
        bytes.len(),
        t.elapsed(),
        back.actors.len(),
        back.verbs.len()
    );
    eprintln!("{}", serde_json::to_string_pretty(&back.stats()).unwrap());
    assert_eq!(back, d);
}
