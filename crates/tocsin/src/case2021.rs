//! The CASE 2021 task 2 snippets (real news, one ACLED-style event type each) as
//! a dev set for event typing: how often does tocsin's main event map to the
//! labelled type?
//!
//! The map from CAMEO (and the actor's sectors) to ACLED sub-event types is ours,
//! written from the two codebooks' definitions; types with no CAMEO counterpart
//! (natural and man-made disasters, organised crime, DIPLO statements,
//! attributions, disrupted weapons use) are never predicted, so they count as misses: the report gives
//! accuracy over all snippets and over those whose type has a counterpart.

use crate::{build, Setup, Until};
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tocsin_core::{Doc, Event};

/// The types [`acled_type`] can produce: keep in step with it. (GRENADE,
/// MOB_VIOL, PROTEST_WITH_INTER and DISR_WEAP have no CAMEO counterpart that
/// the codes alone can tell apart.)
pub const MAPPED_TYPES: &[&str] = &[
    "ABDUCT_DISSAP",
    "AGREEMENT",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ARREST",
    "ART_MISS_ATTACK",
    "ATTACK",
    "CHANGE_TO_GROUP_ACT",
    "CHEM_WEAP",
    "DIPLO",
    "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "PEACE_PROTEST",
    "PROPERTY_DISTRUCT",
    "REM_EXPLOS",
    "SEX_VIOL",
    "SUIC_BOMB",
    "VIOL_DEMONSTR",
];

/// A state actor: a country (no sectors) or its government, military or
/// police. An unknown source (`---`, no one named) is not a state.
fn is_state(a: &tocsin_core::ActorRef) -> bool {
    (a.sectors.is_empty() && a.code != "---")
        || a.sectors
            .iter()
            .any(|s| matches!(s.as_str(), "GOV" | "MIL" | "COP"))
}

/// A target that is neither a state (no sectors, or government, military,
/// police, intelligence) nor armed (rebels, insurgents, militias): civilians,
/// churches, schools, media, aid workers ("gunmen attacked a church").
fn civilian_target(ev: &Event) -> bool {
    const ARMED_OR_STATE: &[&str] = &["GOV", "MIL", "COP", "SPY", "REB", "INS", "UAF", "SEP"];
    ev.recipient.as_ref().is_some_and(|r| {
        !r.sectors.is_empty()
            && !r
                .sectors
                .iter()
                .any(|s| ARMED_OR_STATE.contains(&s.as_str()))
    })
}

/// The ACLED sub-event type of an event, if CAMEO says enough.
#[must_use]
pub fn acled_type(ev: &Event) -> Option<&'static str> {
    let c = ev.cameo.code.as_str();
    let mode = ev.plover.mode.as_str();
    let p = |prefix: &str| c.starts_with(prefix);
    Some(match () {
        () if p("2041") || p("2042") || mode == "unconventional" && p("20") => "CHEM_WEAP",
        () if p("195") || mode == "aerial" || mode == "drone" => "AIR_STRIKE",
        () if p("194") || mode == "heavy-weapons" => "ART_MISS_ATTACK",
        // 183 itself ("suicide, car, or other non-military bombing") carries
        // PLOVER's suicide-attack mode, but a bombing not said to be a suicide
        // attack is ACLED's remote explosive.
        () if p("1831") || (mode == "suicide-attack" && c != "183") => "SUIC_BOMB",
        () if p("183") || mode == "explosives" => "REM_EXPLOS",
        () if p("1821") || mode == "sexual" => "SEX_VIOL",
        () if p("181") => "ABDUCT_DISSAP",
        () if p("1712") || p("1711") || mode == "destroy" => "PROPERTY_DISTRUCT",
        () if p("173") || p("1741") => "ARREST",
        () if p("175") || mode == "crowd-control" => "FORCE_AGAINST_PROTEST",
        () if p("192") && is_state(&ev.actor) => "GOV_REGAINS_TERIT",
        () if p("192") => "NON_STATE_ACTOR_OVERTAKES_TER",
        // ACLED's "attack" is violence against civilians; force between armed
        // actors is an armed clash.
        () if (p("18") || p("19") || p("20")) && civilian_target(ev) => "ATTACK",
        () if p("190") || p("193") || p("19") => "ARMED_CLASH",
        () if p("18") || p("20") => "ATTACK",
        () if p("145") => "VIOL_DEMONSTR",
        () if p("14") => "PEACE_PROTEST",
        () if p("057") || p("03") || p("08") => "AGREEMENT",
        // Force posture (deployments, alerts) is ACLED's "change to group/activity";
        // reducing relations is a diplomatic event.
        () if p("15") => "CHANGE_TO_GROUP_ACT",
        () if p("04") || p("05") || p("16") => "DIPLO",
        () => return None,
    })
}

/// The document's main event: the first event of the first sentence that has
/// one, preferring material conflict over talk in that sentence, then a
/// specific code over a "not specified" one (194 over 190).
#[must_use]
pub fn main_event(doc: &Doc) -> Option<&Event> {
    let first = doc.events.iter().map(|e| e.sentence).min()?;
    doc.events
        .iter()
        .filter(|e| e.sentence == first)
        .max_by_key(|e| {
            (
                e.cameo.quad_class == 4,
                specific(&e.cameo.code),
                std::cmp::Reverse(e.verb.start),
            )
        })
}

/// A CAMEO code below the "not specified" level of its family (194, 1831;
/// not 190 or 180): the more specific description of one incident wins
/// ("attacked ..., shelling the camp" is shelling).
fn specific(code: &str) -> bool {
    code.len() > 3 || (code.len() == 3 && !code.ends_with('0'))
}

/// Accuracy of the main event's type.
#[derive(Debug, Default, Serialize)]
pub struct CaseReport {
    pub snippets: usize,
    /// Snippets where tocsin coded at least one event.
    pub with_event: usize,
    pub correct: usize,
    pub accuracy: f64,
    /// Accuracy over snippets whose gold type has a CAMEO counterpart.
    pub mapped_snippets: usize,
    pub mapped_correct: usize,
    pub mapped_accuracy: f64,
    /// Per gold type: (snippets, correct).
    pub by_type: BTreeMap<String, (usize, usize)>,
    /// Per gold type, what the main event was: a mapped type, `cameo:CODE`
    /// when the code has no counterpart, or `none` when nothing was coded.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    pub require_dyad: bool,
}

/// Runs the snippets of `test_set_final_release_with_labels.tsv`.
///
/// # Errors
/// An unreadable file or a malformed line (`file:line`).
pub fn run_case2021(path: &Path, require_dyad: bool) -> Result<CaseReport> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut setup = Setup::new(Until::Code);
    setup.coder.require_dyad = require_dyad;
    let p = build(&setup)?;
    let mut w = p.worker();
    let mut r = CaseReport {
        require_dyad,
        ..CaseReport::default()
    };
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [_, snippet, gold] = cols[..] else {
            anyhow::bail!(
                "{}:{}: expected 3 tab-separated columns, found {}",
                path.display(),
                i + 1,
                cols.len()
            );
        };
        let doc = w.process(snippet, tocsin_core::DocMeta::default());
        let main = main_event(doc);
        let got = main.and_then(acled_type);
        let seen = match (main, got) {
            (_, Some(t)) => t.to_string(),
            (Some(e), None) => format!("cameo:{}", e.cameo.code),
            (None, None) => "none".to_string(),
        };
        *r.confusion
            .entry(gold.to_string())
            .or_default()
            .entry(seen)
            .or_default() += 1;
        r.snippets += 1;
        r.with_event += usize::from(!doc.events.is_empty());
        let ok = got == Some(gold);
        r.correct += usize::from(ok);
        if MAPPED_TYPES.contains(&gold) {
            r.mapped_snippets += 1;
            r.mapped_correct += usize::from(ok);
        }
        let e = r.by_type.entry(gold.to_string()).or_default();
        e.0 += 1;
        e.1 += usize::from(ok);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    r.accuracy = ratio(r.correct, r.snippets);
    r.mapped_accuracy = ratio(r.mapped_correct, r.mapped_snippets);
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tocsin_core::{ActorRef, CameoInfo, Event};

    fn ev(code: &str, target_sectors: &[&str]) -> Event {
        Event {
            cameo: CameoInfo {
                code: code.into(),
                ..CameoInfo::default()
            },
            recipient: Some(ActorRef {
                sectors: target_sectors.iter().map(|s| (*s).to_string()).collect(),
                ..ActorRef::default()
            }),
            ..Event::default()
        }
    }

    #[test]
    fn a_bombing_is_a_suicide_attack_only_when_said() {
        assert_eq!(acled_type(&ev("1831", &[])), Some("SUIC_BOMB"));
        assert_eq!(acled_type(&ev("183", &[])), Some("REM_EXPLOS"));
    }

    #[test]
    fn an_unknown_source_is_not_a_state() {
        let mut e = ev("192", &[]);
        e.actor.code = "RUS".into();
        assert_eq!(acled_type(&e), Some("GOV_REGAINS_TERIT"));
        e.actor.code = "---".into();
        assert_eq!(acled_type(&e), Some("NON_STATE_ACTOR_OVERTAKES_TER"));
    }

    #[test]
    fn specific_codes_are_below_the_family_default() {
        assert!(specific("194") && specific("1831") && specific("057"));
        assert!(!specific("190") && !specific("180") && !specific("010"));
    }

    #[test]
    fn codes_map_by_the_two_codebooks_definitions() {
        assert_eq!(acled_type(&ev("190", &["MIL"])), Some("ARMED_CLASH"));
        assert_eq!(acled_type(&ev("190", &["CVL"])), Some("ATTACK"));
        // A church, a school, journalists are civilian targets; a country is not.
        assert_eq!(acled_type(&ev("190", &["REL"])), Some("ATTACK"));
        assert_eq!(acled_type(&ev("190", &["GOV", "EDU"])), Some("ARMED_CLASH"));
        assert_eq!(acled_type(&ev("190", &[])), Some("ARMED_CLASH"));
        assert_eq!(acled_type(&ev("195", &["CVL"])), Some("AIR_STRIKE"));
        assert_eq!(acled_type(&ev("154", &[])), Some("CHANGE_TO_GROUP_ACT"));
        assert_eq!(acled_type(&ev("161", &[])), Some("DIPLO"));
        assert_eq!(acled_type(&ev("010", &[])), None);
        for code in [
            "2041", "195", "194", "1831", "1832", "1821", "181", "1712", "173", "175", "192",
            "190", "180", "145", "141", "057", "154", "040",
        ] {
            let t = acled_type(&ev(code, &[])).expect("mapped");
            assert!(MAPPED_TYPES.contains(&t), "{code} -> {t} is not listed");
        }
    }
}
