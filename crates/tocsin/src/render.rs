//! Renders coded events as JSON lines, Phoenix/PETRARCH TSV, or CSV.
//!
//! Offsets in the output are **character** offsets (Unicode scalar values) into
//! the document text, which is what analysts slicing the text in Python or R
//! expect; internally tocsin keeps byte offsets.

use serde_json::{json, Value};
use tocsin_core::{ActorRef, Doc, Event, Span};

/// Output formats of `tocsin code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Tsv,
    Csv,
}

/// Columns of the Phoenix/PETRARCH TSV layout (and of our CSV).
pub const TSV_COLUMNS: &[&str] = &[
    "id",
    "date",
    "year",
    "month",
    "day",
    "source",
    "source_root",
    "source_agent",
    "source_others",
    "target",
    "target_root",
    "target_agent",
    "target_others",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "issues",
    "lat",
    "lon",
    "placeName",
    "stateName",
    "countryName",
    "ids",
    "urls",
    "sources",
];

/// Maps byte offsets to character offsets for one document.
struct CharIndex<'a> {
    text: &'a str,
}

impl CharIndex<'_> {
    fn char_at(&self, byte: u32) -> usize {
        let b = (byte as usize).min(self.text.len());
        // Spans are on char boundaries by invariant; floor defensively anyway.
        let mut b = b;
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.text[..b].chars().count()
    }
}

fn actor_json(doc: &Doc, ix: &CharIndex<'_>, a: &ActorRef) -> Value {
    let source = match &a.source {
        tocsin_core::ActorSource::Text => Value::String("text".into()),
        tocsin_core::ActorSource::Context(why) => json!({ "context": why }),
    };
    json!({
        "code": a.code,
        "sectors": a.sectors,
        "cameo": a.cameo(),
        "name": a.name,
        "text": doc.span_text(a.span),
        "start": ix.char_at(a.span.start),
        "end": ix.char_at(a.span.end),
        "source": source,
        "wikidata": a.wikidata,
    })
}

fn span_json(doc: &Doc, ix: &CharIndex<'_>, s: Span) -> Value {
    json!({ "text": doc.span_text(s), "start": ix.char_at(s.start), "end": ix.char_at(s.end) })
}

/// One event as the JSON object documented in the README.
#[must_use]
pub fn event_json(doc: &Doc, ev: &Event, data_version: &str) -> Value {
    let ix = CharIndex { text: doc.text() };
    let sentence = doc
        .sentences()
        .get(ev.sentence as usize)
        .map(|s| s.span)
        .unwrap_or_default();
    let location = ev.location.as_ref().map(|l| {
        json!({
            "text": l.span.map(|s| doc.span_text(s)),
            "start": l.span.map(|s| ix.char_at(s.start)),
            "end": l.span.map(|s| ix.char_at(s.end)),
            "name": l.name, "geonameid": l.geonameid, "lat": l.lat, "lon": l.lon,
            "admin1": l.admin1, "country": l.country, "feature_code": l.feature_code,
            "resolution": l.resolution, "reason": l.reason,
        })
    });
    json!({
        "doc_id": doc.meta.id,
        "sentence_index": ev.sentence,
        "date": ev.date.map(|d| d.to_string()),
        "date_reason": ev.date_reason,
        "actor": actor_json(doc, &ix, &ev.actor),
        "recipient": ev.recipient.as_ref().map(|r| actor_json(doc, &ix, r)),
        "cameo": {
            "code": ev.cameo.code, "root": ev.cameo.root,
            "quad_class": ev.cameo.quad_class, "goldstein": ev.cameo.goldstein,
        },
        "plover": { "event": ev.plover.event, "mode": ev.plover.mode, "context": ev.plover.context },
        "modality": ev.modality,
        "size": ev.size,
        "location": location,
        "text": { "sentence": span_json(doc, &ix, sentence), "verb": span_json(doc, &ix, ev.verb) },
        "rule": ev.rule,
        "data_version": data_version,
    })
}

fn sector_split(a: &ActorRef) -> (String, String, String) {
    let agent = a.sectors.first().cloned().unwrap_or_default();
    let others = a
        .sectors
        .iter()
        .skip(1)
        .cloned()
        .collect::<Vec<_>>()
        .join(";");
    (a.code.clone(), agent, others)
}

/// One event as the fields of [`TSV_COLUMNS`].
#[must_use]
pub fn event_row(doc: &Doc, ev: &Event, index: usize) -> Vec<String> {
    let (date, y, m, d) = match ev.date {
        Some(dt) => (
            format!("{:04}{:02}{:02}", dt.year, dt.month, dt.day),
            dt.year.to_string(),
            dt.month.to_string(),
            dt.day.to_string(),
        ),
        None => Default::default(),
    };
    let (src_root, src_agent, src_others) = sector_split(&ev.actor);
    let (tgt, tgt_root, tgt_agent, tgt_others) = match &ev.recipient {
        Some(r) => {
            let (a, b, c) = sector_split(r);
            (r.cameo(), a, b, c)
        }
        None => Default::default(),
    };
    let (lat, lon, place, state, country) = match &ev.location {
        Some(l) => (
            format!("{:.4}", l.lat),
            format!("{:.4}", l.lon),
            l.name.clone(),
            l.admin1.clone().unwrap_or_default(),
            l.country.clone(),
        ),
        None => Default::default(),
    };
    vec![
        format!("{}-{}-{}", doc.meta.id, ev.sentence, index),
        date,
        y,
        m,
        d,
        ev.actor.cameo(),
        src_root,
        src_agent,
        src_others,
        tgt,
        tgt_root,
        tgt_agent,
        tgt_others,
        ev.cameo.code.clone(),
        ev.cameo.root.clone(),
        ev.cameo.quad_class.to_string(),
        format!("{:.1}", ev.cameo.goldstein),
        String::new(),
        lat,
        lon,
        place,
        state,
        country,
        doc.meta.id.clone(),
        doc.meta.url.clone().unwrap_or_default(),
        doc.meta.source.clone().unwrap_or_default(),
    ]
}

/// Joins fields as a TSV line (tabs and newlines inside fields become spaces).
#[must_use]
pub fn tsv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| f.replace(['\t', '\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("\t")
}

/// Joins fields as an RFC 4180 CSV line.
#[must_use]
pub fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A one-line readable summary of an event, for `tocsin demo`:
/// `RUSMIL -> UKR  154 MOBILIZE/troops  "massed"  [future]  verbs/15-force-posture.txt:41`.
#[must_use]
pub fn summary_line(doc: &Doc, ev: &Event) -> String {
    let target = ev
        .recipient
        .as_ref()
        .map_or_else(|| "-".to_string(), ActorRef::cameo);
    let mut flags = Vec::new();
    let m = ev.modality;
    for (on, name) in [
        (m.negated, "negated"),
        (m.hypothetical, "hypothetical"),
        (m.future, "future"),
        (m.claimed, "claimed"),
    ] {
        if on {
            flags.push(name.to_string());
        }
    }
    for (v, name) in [
        (ev.size.dead, "dead"),
        (ev.size.injured, "injured"),
        (ev.size.arrested, "arrested"),
        (ev.size.troops, "troops"),
    ] {
        if let Some(v) = v {
            flags.push(format!("{name}={v}"));
        }
    }
    let plover = if ev.plover.mode.is_empty() {
        ev.plover.event.clone()
    } else {
        format!("{}/{}", ev.plover.event, ev.plover.mode)
    };
    format!(
        "{:<10} -> {:<10} {:<5} {:<18} {:<24} {}{}:{}",
        ev.actor.cameo(),
        target,
        ev.cameo.code,
        plover,
        format!("\"{}\"", doc.span_text(ev.verb)),
        if flags.is_empty() {
            String::new()
        } else {
            format!("[{}] ", flags.join(" "))
        },
        ev.rule.file,
        ev.rule.line,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tocsin_core::{CameoInfo, Span};

    #[test]
    fn json_uses_character_offsets() {
        let mut doc = Doc::new("Kyiv’s army attacked Moscow.");
        doc.push_sentence(Span::new(0, 30));
        let ev = Event {
            actor: ActorRef {
                code: "UKR".into(),
                sectors: vec!["MIL".into()],
                span: Span::new(0, 13),
                ..ActorRef::default()
            },
            verb: Span::new(14, 22),
            cameo: CameoInfo {
                code: "190".into(),
                root: "19".into(),
                quad_class: 4,
                goldstein: -10.0,
            },
            ..Event::default()
        };
        let v = event_json(&doc, &ev, "test");
        assert_eq!(v["actor"]["cameo"], "UKRMIL");
        assert_eq!(v["text"]["verb"]["text"], "attacked");
        // The curly apostrophe is 3 bytes but one character.
        assert_eq!(v["text"]["verb"]["start"], 12);
        assert!(v["recipient"].is_null());
        let row = event_row(&doc, &ev, 0);
        assert_eq!(row.len(), TSV_COLUMNS.len());
        assert_eq!(csv_line(&["a,b".into(), "c".into()]), "\"a,b\",c");
    }
}
