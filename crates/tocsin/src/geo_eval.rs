//! `tocsin eval geo`: event locations against a gold set in the
//! event-location-dev format (`../shared/eval/event-location-dev/`).
//!
//! For each item the pipeline (up to the parse at least) runs on the sentence,
//! and [`Geolocator::locate_verb`] chooses a place for the gold verb; the item is
//! right when that place's text matches a gold location string, or when there is
//! no gold location and no place is chosen. The coder is not needed: the set
//! names the verb, and the coder may code no event there.
//!
//! ```no_run
//! use tocsin::{build, Setup, Until, geo_eval::eval_geo};
//! let pipeline = build(&Setup::new(Until::Parse)).unwrap();
//! let geo = tocsin_geo::Geolocator::embedded().unwrap();
//! let jsonl = std::fs::read_to_string("event-location-dev.jsonl").unwrap();
//! let report = eval_geo(&jsonl, &pipeline, &geo, 20);
//! println!("{}", serde_json::to_string_pretty(&report).unwrap());
//! ```

use crate::Pipeline;
use tocsin_core::Doc;
pub use tocsin_geo::eval::{GeoMiss, GeoReport};
use tocsin_geo::Geolocator;

/// Evaluates event locations on `jsonl` (one gold item a line); the report's
/// `accuracy` is the share of items right, and `misses_sample` holds up to
/// `max_misses` wrong items for error analysis.
#[must_use]
pub fn eval_geo(
    jsonl: &str,
    pipeline: &Pipeline,
    geo: &Geolocator,
    max_misses: usize,
) -> GeoReport {
    let mut process = |text: &str| {
        let mut doc = Doc::new(text);
        pipeline.run(&mut doc);
        doc
    };
    tocsin_geo::eval::eval_locations(jsonl, geo, &mut process, max_misses)
}
