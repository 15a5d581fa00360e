//! A readable account of the places in a document, for `tocsin geo "TEXT"`.

use crate::locate::{is_country, verb_token};
use crate::Geolocator;
use std::fmt::Write;
use tocsin_core::Doc;

/// How many candidates to list per mention.
const SHOW: usize = 5;

/// Each place found (its resolution, the candidates considered and why the
/// choice was made), then each event's location with its rule.
#[must_use]
pub fn describe(doc: &Doc, geo: &Geolocator) -> String {
    let gaz = geo.gazetteer();
    let places = geo.places(doc);
    let mut out = String::new();
    if places.is_empty() {
        out.push_str("no places found\n");
    }
    for m in &places {
        let _ = write!(
            out,
            "s{} {:?} [{}..{}]",
            m.sentence,
            doc.span_text(m.span),
            m.span.start,
            m.span.end
        );
        if let Some(d) = m.direction {
            let _ = write!(out, " direction={d}");
        }
        if let Some(h) = m.hint {
            let _ = write!(out, " hint={h:?}");
        }
        match m.chosen {
            Some(id) => {
                let p = gaz.place(id);
                let _ = writeln!(
                    out,
                    " -> {} ({}, {}, {:.3},{:.3}, {}) by {}",
                    p.name,
                    p.resolution,
                    if p.country.is_empty() {
                        "-"
                    } else {
                        &p.country
                    },
                    p.lat,
                    p.lon,
                    p.feature,
                    m.why
                );
            }
            None => {
                let _ = writeln!(out, " -> unresolved ({})", m.why);
            }
        }
        let mut cands = m.candidates.clone();
        cands.sort_by_key(|&c| {
            (
                !is_country(gaz, c),
                std::cmp::Reverse(gaz.place(c).population),
            )
        });
        for &c in cands.iter().take(SHOW) {
            let p = gaz.place(c);
            let _ = writeln!(
                out,
                "    candidate {} {} {} admin1={} pop={} {}",
                p.name, p.resolution, p.country, p.admin1, p.population, p.geonameid
            );
        }
        if cands.len() > SHOW {
            let _ = writeln!(out, "    ... and {} more", cands.len() - SHOW);
        }
    }
    for ev in &doc.events {
        let s = ev.sentence as usize;
        let _ = write!(
            out,
            "event s{} {:?} {}",
            s,
            doc.span_text(ev.verb),
            ev.cameo.code
        );
        let loc = match &ev.location {
            Some(l) => Some(l.clone()),
            None => verb_token(doc, s, ev.verb).and_then(|v| geo.locate_verb(doc, s, v)),
        };
        match loc {
            Some(l) => {
                let _ = writeln!(
                    out,
                    " at {} ({}, {}) reason: {}",
                    l.name, l.resolution, l.country, l.reason
                );
            }
            None => {
                let _ = writeln!(out, " at no place");
            }
        }
    }
    out
}
