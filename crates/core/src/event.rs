//! Coded events: who did what to whom, with the evidence for it.

use crate::{Date, Span};
use serde::Serialize;

/// Where an actor of an event came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorSource {
    /// Named in the sentence at `ActorRef::span`.
    #[default]
    Text,
    /// Inferred from context (dateline, previous sentence); the reason says which.
    Context(String),
}

/// An actor (source or target) as resolved for one event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    /// Country or organisation code (`RUS`, `NATO`...).
    pub code: String,
    /// Sector codes (`MIL`, `GOV`...).
    pub sectors: Vec<String>,
    /// Canonical name from the dictionary.
    pub name: String,
    /// The text that named it.
    pub span: Span,
    pub source: ActorSource,
    pub wikidata: Option<String>,
}

impl ActorRef {
    /// The joined CAMEO actor code, e.g. `RUSMIL`.
    #[must_use]
    pub fn cameo(&self) -> String {
        let mut s = self.code.clone();
        for sec in &self.sectors {
            s.push_str(sec);
        }
        s
    }
}

/// The CAMEO side of an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CameoInfo {
    pub code: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
}

/// The PLOVER side of an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PloverInfo {
    pub event: String,
    pub mode: String,
    pub context: Vec<String>,
}

/// How the text asserts the event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Modality {
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
    /// Reported by someone ("X said Y attacked Z"), or claimed by the actor itself.
    pub claimed: bool,
}

/// Sizes stated in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Size {
    pub dead: Option<u64>,
    pub injured: Option<u64>,
    pub arrested: Option<u64>,
    pub troops: Option<u64>,
}

/// The dictionary entry that produced an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleRef {
    pub file: String,
    pub line: u32,
    pub pattern: String,
}

/// Where an event happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Location {
    pub span: Option<Span>,
    pub name: String,
    pub geonameid: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    pub admin1: Option<String>,
    pub country: String,
    pub feature_code: String,
    /// `country`, `admin1`, `city` or `place`.
    pub resolution: String,
    /// Which rule chose this place.
    pub reason: String,
}

/// One coded event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Event {
    pub sentence: u32,
    pub actor: ActorRef,
    pub recipient: Option<ActorRef>,
    pub cameo: CameoInfo,
    pub plover: PloverInfo,
    pub modality: Modality,
    pub size: Size,
    /// The verb (or event noun) that carried the event.
    pub verb: Span,
    pub date: Option<Date>,
    pub date_reason: String,
    pub rule: RuleRef,
    pub location: Option<Location>,
}
