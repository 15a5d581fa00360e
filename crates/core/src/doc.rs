//! The document: original text plus the layers stages add.

use crate::{Date, DepRel, Event, Span, Upos, Xpos};
use std::ops::Range;

/// One token: a byte span into the text plus what the tagger, lemmatizer and
/// parser add. Fields not yet filled hold their defaults (`Upos::X`, `Xpos::None`,
/// `head == 0` with `DepRel::NONE`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub upos: Upos,
    pub xpos: Xpos,
    /// Byte range of the lemma inside the document's lemma buffer; empty means
    /// "not lemmatized".
    pub lemma: (u32, u32),
    /// Head as a 1-based index within the sentence, `0` for the root (CoNLL-U).
    pub head: u32,
    pub deprel: DepRel,
}

/// A sentence: its span and the range of its tokens in [`Doc::tokens`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<u32>,
    /// Set by the splitter when the sentence is a headline or a dateline-only line.
    pub is_heading: bool,
    /// Set by a gate stage when the sentence cannot yield an event (no actor
    /// name or no word with an event pattern): the parser leaves it unparsed.
    pub skip_parse: bool,
    /// Set by a gate stage before tagging when the sentence names no actor at
    /// all, so it can neither yield an event nor give context: the tagger
    /// leaves it untagged (tags `X`, no lemmas) and the parser unparsed.
    pub skip_tag: bool,
}

/// Metadata the caller knows about a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    pub id: String,
    pub date: Option<Date>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Something a stage could not handle, kept instead of failing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub stage: &'static str,
    pub span: Option<Span>,
    pub message: String,
}

/// A document moving through the pipeline.
///
/// **Invariant:** `text` is never rewritten after [`Doc::reset`]; every span of every
/// layer indexes into it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    text: String,
    pub meta: DocMeta,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    lemma_buf: String,
    pub notes: Vec<Note>,
    pub events: Vec<Event>,
}

impl Doc {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut d = Doc::default();
        d.reset(text);
        d
    }

    /// Clears every layer and loads new text, keeping the allocations.
    pub fn reset(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.meta = DocMeta::default();
        self.sentences.clear();
        self.tokens.clear();
        self.lemma_buf.clear();
        self.notes.clear();
        self.events.clear();
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text under a span. Returns "" for a span outside the text instead of
    /// panicking, so a bug elsewhere never takes down a worker.
    #[must_use]
    pub fn span_text(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    #[must_use]
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    pub fn sentences_mut(&mut self) -> &mut [Sentence] {
        &mut self.sentences
    }

    #[must_use]
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    pub fn tokens_mut(&mut self) -> &mut [Token] {
        &mut self.tokens
    }

    /// Tokens of sentence `i`.
    #[must_use]
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) => &self.tokens[s.tokens.start as usize..s.tokens.end as usize],
            None => &[],
        }
    }

    /// Mutable tokens of sentence `i`.
    pub fn sentence_tokens_mut(&mut self, i: usize) -> &mut [Token] {
        match self.sentences.get(i) {
            Some(s) => &mut self.tokens[s.tokens.start as usize..s.tokens.end as usize],
            None => &mut [],
        }
    }

    /// Starts a new sentence; tokens pushed next belong to it.
    pub fn push_sentence(&mut self, span: Span) {
        let at = self.tokens.len() as u32;
        self.sentences.push(Sentence {
            span,
            tokens: at..at,
            is_heading: false,
            skip_parse: false,
            skip_tag: false,
        });
    }

    /// Appends a token to the last sentence (opening one if there is none).
    pub fn push_token(&mut self, span: Span) {
        if self.sentences.is_empty() {
            self.push_sentence(span);
        }
        self.tokens.push(Token {
            span,
            ..Token::default()
        });
        let n = self.tokens.len() as u32;
        if let Some(s) = self.sentences.last_mut() {
            s.tokens.end = n;
            s.span = s.span.cover(span);
        }
    }

    /// Drops sentences that ended up with no tokens.
    pub fn drop_empty_sentences(&mut self) {
        self.sentences.retain(|s| !s.tokens.is_empty());
    }

    /// The surface form of token `i` (document-wide index).
    #[must_use]
    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.span_text(t.span))
    }

    /// The lemma of token `i`, or "" if not lemmatized.
    #[must_use]
    pub fn lemma(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lemma_buf.get(t.lemma.0 as usize..t.lemma.1 as usize))
            .unwrap_or("")
    }

    /// Sets the lemma of token `i`.
    pub fn set_lemma(&mut self, i: usize, lemma: &str) {
        let start = self.lemma_buf.len() as u32;
        self.lemma_buf.push_str(lemma);
        let end = self.lemma_buf.len() as u32;
        if let Some(t) = self.tokens.get_mut(i) {
            t.lemma = (start, end);
        }
    }

    /// Records something a stage could not handle.
    pub fn note(&mut self, stage: &'static str, span: Option<Span>, message: impl Into<String>) {
        self.notes.push(Note {
            stage,
            span,
            message: message.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_join_the_last_sentence_and_lemmas_are_stored() {
        let mut d = Doc::new("A b. C");
        d.push_sentence(Span::new(0, 4));
        d.push_token(Span::new(0, 1));
        d.push_token(Span::new(2, 3));
        d.push_token(Span::new(3, 4));
        d.push_sentence(Span::new(5, 6));
        d.push_token(Span::new(5, 6));
        assert_eq!(d.sentence_tokens(0).len(), 3);
        assert_eq!(d.sentence_tokens(1).len(), 1);
        d.set_lemma(3, "c");
        assert_eq!(d.lemma(3), "c");
        assert_eq!(d.lemma(0), "");
        assert_eq!(d.word(1), "b");
        assert_eq!(d.span_text(Span::new(100, 200)), "");
        d.reset("x");
        assert!(d.tokens().is_empty());
    }
}
