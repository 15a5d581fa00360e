//! Helpers shared by the integration tests.

use tocsin::tocsin_core::Doc;

/// (source, target, code) of every event of `doc`, as CAMEO actor codes (an
/// event without a target has an empty one).
pub fn triples(doc: &Doc) -> Vec<(String, String, String)> {
    doc.events
        .iter()
        .map(|e| {
            (
                e.actor.cameo(),
                e.recipient.as_ref().map(|r| r.cameo()).unwrap_or_default(),
                e.cameo.code.clone(),
            )
        })
        .collect()
}
