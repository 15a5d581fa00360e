//! The committed tagger model is the one `models/MANIFEST.md` describes.

use sha2::{Digest, Sha256};

#[test]
fn tagger_model_sha256_matches_manifest() {
    let manifest = include_str!("../models/MANIFEST.md");
    let section = manifest
        .split("\n## ")
        .find(|s| s.starts_with("tagger.bin.gz"))
        .expect("MANIFEST.md has a tagger.bin.gz section");
    let want = section
        .lines()
        .find_map(|l| l.strip_prefix("- **sha256**: `"))
        .and_then(|l| l.strip_suffix('`'))
        .expect("the tagger section gives a sha256");
    let got: String = Sha256::digest(tocsin_data::TAGGER_MODEL)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        got, want,
        "crates/data/models/tagger.bin.gz differs from MANIFEST.md"
    );
}
