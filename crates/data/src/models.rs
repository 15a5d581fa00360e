//! Trained models, committed compressed under `crates/data/models/` (see
//! `models/MANIFEST.md` for data, command, accuracy and sha256 of each).
