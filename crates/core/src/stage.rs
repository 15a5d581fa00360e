//! The stage contract: each stage declares what it needs and what it adds.

use crate::Doc;

/// A layer of annotation on a [`Doc`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    Sentences,
    Tokens,
    Tags,
    Lemmas,
    Deps,
    Events,
    Places,
}

/// One step of the pipeline. Built once, shared by all threads.
///
/// **Architecture invariant:** `annotate` cannot fail and does no I/O; input it
/// cannot handle becomes a [`crate::Note`] on the document.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    /// Layers that must be present before this stage runs; checked when the
    /// pipeline is built.
    fn requires(&self) -> &'static [Layer];
    fn provides(&self) -> &'static [Layer];
    fn annotate(&self, doc: &mut Doc);
}
