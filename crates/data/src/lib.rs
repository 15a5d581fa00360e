//! tocsin-data: the default dictionaries and trained models, embedded in the binary.
//!
//! Models are committed compressed under `models/` with a manifest; dictionaries
//! live as reviewable text under `dict/` and are compiled at build time.

mod dicts;
mod models;

pub use dicts::*;
pub use models::*;

/// A short news story written for tocsin's demo (`tocsin demo`): troop build-up,
/// talks, sanctions threats, fighting, a refusal. Our own text, MIT OR Apache-2.0.
pub const EXAMPLE_ARTICLE: &str = include_str!("../examples/border-crisis.txt");

/// The date the example story is set on.
pub const EXAMPLE_DATE: &str = "2021-12-06";
