//! tocsin-parser: a fast transition-based dependency parser for English.
//!
//! It sits after the tagger in the pipeline (tokens -> tags -> **deps** ->
//! events): given the words and tags of a sentence it returns, for every word,
//! its head (1-based, 0 = root) and its Universal Dependencies relation.
//!
//! - Transition system: arc-hybrid with the root at the end of the buffer (one
//!   root per sentence, always a tree, linear time).
//! - Search: a beam of `k` partial parses ranked by the sum of their transition
//!   scores, or greedy (`k = 1`, fastest). The model stores the width it is
//!   meant for; [`Parser::with_beam`] overrides it. Sentences over 256 words are
//!   parsed greedily.
//! - Model: two averaged perceptrons over hashed features (Zhang & Nivre 2011
//!   style templates), one for transitions and one for arc labels, quantized to
//!   i8 so that the tables stay cache-friendly: parsing is bound by memory
//!   latency. Features may include word clusters (distributional word classes
//!   at three granularities, `crates/tagger/data/clusters.tsv.gz`), which the
//!   model then embeds as a word-hash -> class table, and Brown clusters of
//!   cased word forms (`crates/tagger/data/wordstats.tsv.gz`; exact form
//!   first, then lower-cased; path prefixes of 4 and 6 bits and full paths),
//!   likewise embedded. Trained ([`train`]) on
//!   UD English EWT, on jackknifed plus gold
//!   tags, either greedily with a dynamic oracle and exploration or, with a
//!   beam, as a global perceptron with max-violation updates; see
//!   `crates/data/models/MANIFEST.md` for the command and the figures.
//! - Non-projective trees: training trees are projectivised by lifting, so the
//!   parser only produces projective trees (288 of the 12,544 EWT training
//!   sentences have a crossing arc).
//! - [`eval`] computes UAS and LAS against gold trees.
//!
//! ```no_run
//! use tocsin_core::{DepRel, Upos, Xpos};
//! let parser = tocsin_parser::Parser::embedded()?;
//! let words = ["Troops", "attacked", "the", "city", "."];
//! let tags = [
//!     (Upos::Noun, Xpos::Nns),
//!     (Upos::Verb, Xpos::Vbd),
//!     (Upos::Det, Xpos::Dt),
//!     (Upos::Noun, Xpos::Nn),
//!     (Upos::Punct, Xpos::Period),
//! ];
//! let (mut heads, mut labels) = (Vec::new(), Vec::new());
//! parser.parse(&words, &tags, &mut heads, &mut labels);
//! assert_eq!(heads[0], 2);
//! assert_eq!(labels[0], DepRel::parse("nsubj"));
//! # Ok::<(), tocsin_parser::Error>(())
//! ```

mod beam;
mod brown;
mod clusters;
mod conllu;
mod decode;
mod error;
pub mod eval;
mod features;
mod model;
mod oracle;
mod state;
pub mod train;

pub use conllu::write_conllu;
pub use error::Error;

use beam::{beam_decode, Beam};
use decode::Buffers;
use model::Model;
use state::Scratch;
use std::cell::RefCell;
use tocsin_core::{DepRel, Doc, Layer, Stage, Upos, Xpos};

/// A trained parser. Immutable and shared by all threads; each thread keeps its
/// own scratch space, so parsing allocates nothing once warmed up.
#[derive(Debug)]
pub struct Parser {
    model: Model,
    /// Beam width; 1 is greedy.
    beam: usize,
}

thread_local! {
    static WORK: RefCell<(Scratch, Buffers, Beam)> =
        RefCell::new((Scratch::default(), Buffers::default(), Beam::default()));
}

impl Parser {
    /// Loads a model written by [`train::train_to_file`].
    ///
    /// # Errors
    /// The bytes are not a gzip stream, not a parser model, of another format
    /// version, or truncated.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, Error> {
        let model = Model::from_bytes(bytes)?;
        Ok(Parser {
            beam: usize::from(model.beam.max(1)),
            model,
        })
    }

    /// The same parser decoding with a beam of `k` partial parses (1 = greedy,
    /// fastest). Models trained with a beam are meant to be used with one; the
    /// model's own width is the default.
    #[must_use]
    pub fn with_beam(mut self, k: usize) -> Parser {
        self.beam = k.clamp(1, 64);
        self
    }

    /// The beam width in use (1 = greedy).
    #[must_use]
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// The model embedded in `tocsin-data`.
    ///
    /// # Errors
    /// As [`Parser::from_bytes`]; only if the embedded model is broken.
    pub fn embedded() -> Result<Parser, Error> {
        Self::from_bytes(tocsin_data::PARSER_MODEL)
    }

    /// The beam-search model embedded in `tocsin-data` (beam 4): more accurate,
    /// about half as fast as [`Parser::embedded`].
    ///
    /// # Errors
    /// As [`Parser::from_bytes`]; only if the embedded model is broken.
    pub fn embedded_beam() -> Result<Parser, Error> {
        Self::from_bytes(tocsin_data::PARSER_BEAM_MODEL)
    }

    /// What the model was trained on (data, epoch, seed, dev scores).
    #[must_use]
    pub fn info(&self) -> &str {
        &self.model.info
    }

    /// Parses one sentence. `tags[i]` goes with `words[i]`; missing tags count as
    /// untagged. Fills `heads` (1-based, 0 = root) and `labels`, one per word.
    pub fn parse(
        &self,
        words: &[&str],
        tags: &[(Upos, Xpos)],
        heads: &mut Vec<u32>,
        labels: &mut Vec<DepRel>,
    ) {
        heads.clear();
        labels.clear();
        if words.is_empty() {
            return;
        }
        self.with_work(|s, b, bm| {
            s.load(
                words.iter().copied(),
                tags.iter().copied(),
                &self.model.clusters,
            );
            beam_decode(&self.model, self.beam, s, bm, b);
            for i in 0..s.n as usize {
                heads.push(conllu_head(s, i));
                labels.push(DepRel::from_index(s.label[i] as usize).unwrap_or_default());
            }
        });
    }

    /// Runs `f` with this thread's scratch space (a fresh one if it is busy).
    fn with_work<R>(&self, f: impl FnOnce(&mut Scratch, &mut Buffers, &mut Beam) -> R) -> R {
        WORK.with(|w| match w.try_borrow_mut() {
            Ok(mut w) => {
                let (s, b, bm) = &mut *w;
                f(s, b, bm)
            }
            Err(_) => f(
                &mut Scratch::default(),
                &mut Buffers::default(),
                &mut Beam::default(),
            ),
        })
    }
}

fn conllu_head(s: &Scratch, i: usize) -> u32 {
    let h = s.head[i];
    if h >= s.n {
        0
    } else {
        h + 1
    }
}

impl Stage for Parser {
    fn name(&self) -> &'static str {
        "parse"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Tags]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Deps]
    }

    fn annotate(&self, doc: &mut Doc) {
        self.with_work(|s, b, bm| {
            for si in 0..doc.sentences().len() {
                let toks = doc.sentence_tokens(si);
                // A gate before the parser may have found nothing to code here.
                if toks.is_empty() || doc.sentences()[si].skip_parse {
                    continue;
                }
                let words = toks.iter().map(|t| doc.span_text(t.span));
                s.load(
                    words,
                    toks.iter().map(|t| (t.upos, t.xpos)),
                    &self.model.clusters,
                );
                beam_decode(&self.model, self.beam, s, bm, b);
                for (i, t) in doc.sentence_tokens_mut(si).iter_mut().enumerate() {
                    t.head = conllu_head(s, i);
                    t.deprel = DepRel::from_index(s.label[i] as usize).unwrap_or_default();
                }
            }
        });
    }
}
