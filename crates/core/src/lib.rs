//! tocsin-core: the types every stage of tocsin shares.
//!
//! A [`Doc`] holds the untouched input text and the layers that stages add to it:
//! sentences and tokens (byte spans into the text), tags and lemmas, dependency
//! heads and relations, and finally [`Event`]s. Nothing here does I/O or can fail;
//! stages implement [`Stage`] and are combined by the facade crate `tocsin`.
//!
//! ```
//! use tocsin_core::{Doc, Span};
//! let mut doc = Doc::new("Russia massed troops.");
//! doc.push_sentence(Span::new(0, 21));
//! assert_eq!(doc.sentences().len(), 1);
//! assert_eq!(doc.span_text(doc.sentences()[0].span), "Russia massed troops.");
//! ```

pub mod conllu;
mod date;
mod deprel;
mod doc;
mod event;
pub mod header;
mod pos;
mod span;
mod stage;

pub use date::{Date, DatePrecision};
pub use deprel::DepRel;
pub use doc::{Doc, DocMeta, Note, Sentence, Token};
pub use event::{
    ActorRef, ActorSource, CameoInfo, Event, Location, Modality, PloverInfo, RuleRef, Size,
};
pub use pos::{Upos, Xpos};
pub use span::Span;
pub use stage::{Layer, Stage};
