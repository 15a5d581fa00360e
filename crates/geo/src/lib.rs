//! tocsin-geo: where an event happened.
//!
//! The last stage of the pipeline (after the coder): it recognises place names in
//! a tagged and parsed [`Doc`](tocsin_core::Doc), resolves them against an
//! embedded gazetteer and sets each event's
//! [`location`](tocsin_core::Event::location), with the rule that chose it.
//!
//! * [`Gazetteer`]: GeoNames populated places (population ≥ 1000, with their
//!   Latin-script alternate names), countries, first-level divisions and
//!   continents, from `data/gazetteer.tsv.gz` (built by
//!   `scripts/build_gazetteer.py`; GeoNames, CC BY 4.0), plus our own region
//!   records (`data/regions.tsv`: Donbas, Crimea, Gaza Strip...) and country
//!   aliases (`data/country-aliases.tsv`). Lookup by folded name (case,
//!   diacritics, punctuation and hyphens ignored) and reverse lookup by
//!   coordinates.
//! * [`find_places`]: place recognition and resolution on a parsed document.
//! * [`Geolocator`]: the `geo` [`Stage`](tocsin_core::Stage), and
//!   [`Geolocator::locate_verb`] for one verb.
//! * [`describe`]: a readable account of the places found, for `tocsin geo`.
//!
//! ```
//! use tocsin_geo::{Gazetteer, Kind};
//! let gaz = Gazetteer::embedded().unwrap();
//! let kyiv = gaz.best("Kiev").unwrap();
//! assert_eq!(&*gaz.place(kyiv).name, "Kyiv");
//! let france = gaz.best("France").unwrap();
//! assert_eq!(gaz.place(france).kind, Kind::Country);
//! ```

mod describe;
pub mod eval;
mod fold;
mod gazetteer;
mod locate;
mod places;

pub use describe::describe;
pub use fold::{fold, fold_into};
pub use gazetteer::{
    distance_km, Code, Gazetteer, Kind, Place, PlaceId, COUNTRY_ALIASES_TSV, GAZETTEER_GZ,
    REGIONS_TSV,
};
pub use locate::{verb_token, Geolocator};
pub use places::{find_places, Mention, TypeHint};

/// What can go wrong loading gazetteer data.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A data file has a line that does not parse.
    #[error("{path}:{line}: {message}")]
    Malformed {
        path: String,
        line: usize,
        message: String,
    },
    /// The gazetteer file is of another format version.
    #[error("gazetteer format: expected {expected:?}, found {found:?}")]
    Version { expected: String, found: String },
}
