//! Multithreaded coding with output in input order.

use crate::Pipeline;
use tocsin_core::{Doc, DocMeta};

/// Queues documents and annotates them in parallel batches; `flush` hands the
/// finished documents back in the order they were pushed.
#[derive(Debug)]
pub struct BatchRunner<'p> {
    pipeline: &'p Pipeline,
    threads: usize,
    docs: Vec<Doc>,
    len: usize,
    capacity: usize,
}

impl<'p> BatchRunner<'p> {
    /// A runner using `threads` threads (at least one).
    #[must_use]
    pub fn new(pipeline: &'p Pipeline, threads: usize) -> Self {
        let threads = threads.max(1);
        BatchRunner {
            pipeline,
            threads,
            docs: Vec::new(),
            len: 0,
            capacity: 64 * threads,
        }
    }

    /// Queues a document.
    pub fn push(&mut self, text: String, meta: DocMeta) {
        if self.len == self.docs.len() {
            self.docs.push(Doc::default());
        }
        let d = &mut self.docs[self.len];
        d.reset(&text);
        d.meta = meta;
        self.len += 1;
    }

    /// True when a batch is ready to be flushed.
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.len >= self.capacity
    }

    /// Annotates the queued documents and passes each to `sink`, in push order.
    pub fn flush(&mut self, sink: &mut dyn FnMut(&Doc)) {
        let n = self.len;
        if n == 0 {
            return;
        }
        let pipeline = self.pipeline;
        let batch = &mut self.docs[..n];
        if self.threads == 1 || n == 1 {
            batch.iter_mut().for_each(|d| pipeline.run(d));
        } else {
            let chunk = n.div_ceil(self.threads);
            std::thread::scope(|s| {
                for part in batch.chunks_mut(chunk) {
                    s.spawn(move || part.iter_mut().for_each(|d| pipeline.run(d)));
                }
            });
        }
        for d in &self.docs[..n] {
            sink(d);
        }
        self.len = 0;
    }
}
