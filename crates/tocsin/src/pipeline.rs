//! The pipeline: stages in order, checked once, run by per-thread workers.

use std::sync::Arc;
use tocsin_core::{Doc, DocMeta, Layer, Stage};

/// The pipeline could not be assembled.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A stage needs a layer that no earlier stage provides.
    #[error("stage `{stage}` requires the {layer:?} layer, which no earlier stage provides")]
    MissingLayer { stage: &'static str, layer: Layer },
    /// Loading a model or dictionary failed.
    #[error("could not load {what}: {message}")]
    Load { what: &'static str, message: String },
}

/// Stages in order. Immutable, `Send + Sync`: build once, share across threads.
#[derive(Clone, Default)]
pub struct Pipeline {
    stages: Vec<Arc<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Pipeline {
    /// Builds a pipeline, checking that each stage's requirements are provided by
    /// the stages before it.
    ///
    /// # Errors
    /// [`PipelineError::MissingLayer`] naming the first unmet requirement.
    pub fn new(stages: Vec<Arc<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        Self::starting_from(&[], stages)
    }

    /// Like [`Pipeline::new`] for documents that arrive with some layers already
    /// (gold tokens in evaluation).
    ///
    /// # Errors
    /// [`PipelineError::MissingLayer`] naming the first unmet requirement.
    pub fn starting_from(
        present: &[Layer],
        stages: Vec<Arc<dyn Stage>>,
    ) -> Result<Pipeline, PipelineError> {
        let mut have: Vec<Layer> = present.to_vec();
        for s in &stages {
            for need in s.requires() {
                if !have.contains(need) {
                    return Err(PipelineError::MissingLayer {
                        stage: s.name(),
                        layer: *need,
                    });
                }
            }
            have.extend_from_slice(s.provides());
        }
        Ok(Pipeline { stages })
    }

    /// Names of the stages, in order.
    #[must_use]
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage on a document.
    pub fn run(&self, doc: &mut Doc) {
        for s in &self.stages {
            s.annotate(doc);
        }
    }

    /// A worker that reuses one document's buffers between inputs.
    #[must_use]
    pub fn worker(&self) -> Worker<'_> {
        Worker {
            pipeline: self,
            doc: Doc::default(),
        }
    }
}

/// Per-thread state: one reusable [`Doc`].
#[derive(Debug)]
pub struct Worker<'p> {
    pipeline: &'p Pipeline,
    doc: Doc,
}

impl Worker<'_> {
    /// Annotates `text` with every stage and returns the document.
    pub fn process(&mut self, text: &str, meta: DocMeta) -> &Doc {
        self.doc.reset(text);
        self.doc.meta = meta;
        self.pipeline.run(&mut self.doc);
        &self.doc
    }

    /// Runs the stages on a document the caller prepared (for evaluation on
    /// gold tokens, where segmentation is skipped).
    pub fn run_on(&self, doc: &mut Doc) {
        self.pipeline.run(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Needs;
    impl Stage for Needs {
        fn name(&self) -> &'static str {
            "needs"
        }
        fn requires(&self) -> &'static [Layer] {
            &[Layer::Tags]
        }
        fn provides(&self) -> &'static [Layer] {
            &[]
        }
        fn annotate(&self, _: &mut Doc) {}
    }

    #[test]
    fn unmet_requirement_is_reported() {
        let e = Pipeline::new(vec![Arc::new(Needs)]).unwrap_err();
        assert!(e.to_string().contains("requires the Tags layer"), "{e}");
    }
}
