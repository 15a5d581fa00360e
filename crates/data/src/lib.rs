//! tocsin-data: the default dictionaries and trained models, embedded in the binary.
//!
//! Models are committed compressed under `models/` with a manifest; dictionaries
//! live as reviewable text under `dict/` and are compiled at build time.

mod models;

pub use models::*;
