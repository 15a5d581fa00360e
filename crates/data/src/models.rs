//! Trained models, committed compressed under `crates/data/models/` (see
//! `models/MANIFEST.md` for data, command, accuracy and sha256 of each).

/// The POS tagger model (`tocsin-tagger`), gzip-compressed; see `models/MANIFEST.md`.
pub const TAGGER_MODEL: &[u8] = include_bytes!("../models/tagger.bin.gz");

/// The dependency parser model (`tocsin-parser`), gzip-compressed; see `models/MANIFEST.md`.
pub const PARSER_MODEL: &[u8] = include_bytes!("../models/parser.bin.gz");
