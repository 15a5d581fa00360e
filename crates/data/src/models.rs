//! Trained models, committed compressed under `crates/data/models/` (see
//! `models/MANIFEST.md` for data, command, accuracy and sha256 of each).

/// The POS tagger model (`tocsin-tagger`), gzip-compressed; see `models/MANIFEST.md`.
pub const TAGGER_MODEL: &[u8] = include_bytes!("../models/tagger.bin.gz");

/// The dependency parser model (`tocsin-parser`), gzip-compressed; see
/// `models/MANIFEST.md`. Greedy: the default, fastest, and the one the coder's
/// evaluations are measured with.
pub const PARSER_MODEL: &[u8] = include_bytes!("../models/parser.bin.gz");

/// The beam-search parser model (beam 4), gzip-compressed: about 0.7 UAS more
/// accurate on EWT and about half as fast; see `models/MANIFEST.md`.
pub const PARSER_BEAM_MODEL: &[u8] = include_bytes!("../models/parser-beam.bin.gz");
