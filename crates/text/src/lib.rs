//! tocsin-text: the sentence splitter and tokenizer for English news.
//!
//! This is the first stage of the pipeline: it reads a [`Doc`]'s untouched text
//! and adds the `Sentences` and `Tokens` layers as byte spans (the text is never
//! rewritten). Tokens follow the conventions of UD English EWT, which the tagger
//! and parser are trained on: clitics split (`do|n't`, `ca|n't`, `Bush|'s`),
//! punctuation split off (`3.5|%`, `$|14,000`), hyphenated words split
//! (`15|-|year`) except after prefixes such as `non-`, abbreviations keep their
//! period (`U.S.`, `Mr.`), and URLs, e-mail addresses, @handles and #hashtags
//! stay whole.
//!
//! Sentences end at `.`, `!`, `?` (with the quotes and brackets closing after
//! them) unless an abbreviation or initial explains the period, at blank lines,
//! and at single newlines that do not look like wrapped lines. Headlines (a line
//! without final punctuation) and datelines (`KYIV, Ukraine (AP) —`) become
//! sentences of their own marked [`Sentence::is_heading`]; [`dateline`] parses a
//! dateline's place, date and agency.
//!
//! ```
//! use tocsin_core::Doc;
//! use tocsin_text::Segmenter;
//!
//! let mut doc = Doc::new("MOSCOW, Jan 5 (Reuters) - Gen. Ivanov didn't comment. He left.");
//! Segmenter::new().segment(&mut doc);
//! let sents: Vec<&str> = doc.sentences().iter().map(|s| doc.span_text(s.span)).collect();
//! assert_eq!(sents, ["MOSCOW, Jan 5 (Reuters) -", "Gen. Ivanov didn't comment.", "He left."]);
//! assert!(doc.sentences()[0].is_heading);
//! let words: Vec<&str> = (0..doc.tokens().len()).map(|i| doc.word(i)).collect();
//! assert_eq!(&words[8..13], ["Gen.", "Ivanov", "did", "n't", "comment"]);
//! ```
//!
//! Speed: one pass over the bytes with an ASCII fast path, no allocation per
//! token; several million tokens per second on one core (see `benches/`).
//!
//! [`Sentence::is_heading`]: tocsin_core::Sentence::is_heading

mod chars;
mod dateline;
mod lexicon;
mod sentence;
mod tokenize;
mod word;

pub use dateline::{dateline, Dateline};

use tocsin_core::{Doc, Layer, Span, Stage};

/// Splits a document into sentences and tokens. Holds no state: build one and
/// share it between threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Segmenter {
    _private: (),
}

impl Segmenter {
    /// The segmenter with the EWT-compatible rules.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Fills `doc`'s sentences and tokens. The document must have none yet (call
    /// it right after [`Doc::reset`]); otherwise a note is added and nothing
    /// changes. A text longer than `u32::MAX` bytes gets a note and no tokens.
    pub fn segment(&self, doc: &mut Doc) {
        if !doc.tokens().is_empty() || !doc.sentences().is_empty() {
            doc.note("segment", None, "document already segmented; left as is");
            return;
        }
        if u32::try_from(doc.text().len()).is_err() {
            doc.note("segment", None, "text longer than 4 GiB; not segmented");
            return;
        }
        let mut toks = Vec::with_capacity(doc.text().len() / 5 + 1);
        let mut cuts = Vec::new();
        tokenize::tokenize(doc.text(), &mut toks);
        sentence::split(doc.text(), &toks, &mut cuts);
        for c in cuts {
            let Some(first) = toks.get(c.start) else {
                continue;
            };
            doc.push_sentence(Span::new(first.start, first.start));
            for t in &toks[c.start..c.end] {
                doc.push_token(*t);
            }
            if let Some(s) = doc.sentences_mut().last_mut() {
                s.is_heading = c.heading;
            }
        }
    }

    /// The tokens of `text` alone, without sentences (appended to `out`).
    /// Offsets of a text longer than `u32::MAX` bytes are not representable; such
    /// a text yields no tokens.
    pub fn tokenize(&self, text: &str, out: &mut Vec<Span>) {
        if u32::try_from(text.len()).is_ok() {
            tokenize::tokenize(text, out);
        }
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn annotate(&self, doc: &mut Doc) {
        self.segment(doc);
    }
}
