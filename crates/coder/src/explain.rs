//! `--explain`: the parse of a sentence and every rule the coder tried on it.

use crate::{Coder, Sent};
use std::fmt::Write as _;
use tocsin_core::Doc;

/// Renders the parse of sentence `si` as CoNLL-U-like rows, then the trace of
/// coding it (mentions, patterns tried, sources, targets, derivations) and the
/// events it produced.
pub(crate) fn explain(coder: &Coder, doc: &Doc, si: usize) -> String {
    let mut out = String::new();
    if si >= doc.sentences().len() {
        let _ = writeln!(
            out,
            "no sentence {si} (the document has {})",
            doc.sentences().len()
        );
        return out;
    }
    let s = Sent::new(doc, si);
    let _ = writeln!(
        out,
        "sentence {si}: {}",
        doc.span_text(doc.sentences()[si].span)
    );
    for i in 0..s.n {
        let _ = writeln!(
            out,
            "  {}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            s.word(i),
            s.lemma[i],
            s.upos(i),
            s.xpos(i),
            s.head[i].map_or(0, |h| h + 1),
            s.rel(i)
        );
    }
    let mut trace = String::new();
    let run = coder.run(doc, Some(si), &mut trace);
    out.push_str(&trace);
    for e in run.events.iter().filter(|e| e.sentence as usize == si) {
        let _ = writeln!(
            out,
            "  EVENT {} via `{}`",
            crate::eval::render_event(doc, e),
            e.rule.pattern
        );
    }
    out
}
