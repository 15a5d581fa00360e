//! Evaluation against the PETRARCH and TABARI validation suites.

use tocsin_core::{Doc, Event};

/// One line per event: `SRC -> TGT CODE "verb" file:line negated=..`.
#[must_use]
pub fn render_event(doc: &Doc, e: &Event) -> String {
    let tgt = e
        .recipient
        .as_ref()
        .map_or_else(|| "-".to_string(), tocsin_core::ActorRef::cameo);
    format!(
        "{} -> {} {} \"{}\" {}:{} negated={}",
        e.actor.cameo(),
        tgt,
        e.cameo.code,
        doc.span_text(e.verb),
        e.rule.file,
        e.rule.line,
        e.modality.negated
    )
}
