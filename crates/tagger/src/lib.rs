//! tocsin-tagger: part-of-speech tagger and lemmatizer for English, trained on
//! UD English EWT.
//!
//! Sits after the tokenizer (`tocsin-text`) and before the dependency parser:
//! as a pipeline [`tocsin_core::Stage`] named `"tag"`, [`Tagger`] fills the UPOS
//! and XPOS (Penn Treebank) tags and the lemma of every token of a [`tocsin_core::Doc`].
//!
//! - The tagger is an averaged perceptron over hashed word, affix, shape,
//!   lexicon, word-cluster and left-tag features, predicting joint UPOS+XPOS classes, with a
//!   tag dictionary for frequent unambiguous words. It runs two greedy passes:
//!   the second also sees the first pass's tags to the right, and only runs on
//!   words the first pass was unsure of. The model is trained by
//!   [`train::train`] (`examples/tagger_train.rs`), committed compressed in
//!   `tocsin-data` (see its `models/MANIFEST.md`) and loaded by
//!   [`Tagger::embedded`]. Tagging allocates nothing per token: features are
//!   64-bit hashes looked up in a flat open-addressing table, and each thread
//!   reuses its scratch buffers.
//! - The [`Lemmatizer`] uses the predicted XPOS: exception tables, then suffix
//!   rules checked against a lexicon (see `crates/tagger/data/README.md`).
//!
//! ```
//! use tocsin_core::{Upos, Xpos};
//! let tagger = tocsin_tagger::Tagger::embedded().expect("embedded model loads");
//! let mut tags = Vec::new();
//! tagger.tag(&["Russian", "troops", "massed", "on", "the", "border", "."], &mut tags);
//! assert_eq!(tags[1], (Upos::Noun, Xpos::Nns));
//! let lemma = tagger.lemmatizer().lemma("troops", tags[1].0, tags[1].1);
//! assert_eq!(lemma, "troop");
//! ```

mod error;
mod features;
mod lemma;
mod model;
mod tagger;
pub mod train;

pub use error::Error;
pub use lemma::Lemmatizer;
pub use tagger::Tagger;
