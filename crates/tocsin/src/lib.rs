//! tocsin: raw news text to auditable political event data.
//!
//! This facade is where library users start. It assembles the stages (segment,
//! tag + lemmatize, parse, code, locate) into a [`Pipeline`] that is built once and
//! shared by threads, each of which runs a [`Worker`].
//!
//! ```no_run
//! use tocsin::{build, Setup, Until, tocsin_core::DocMeta};
//! let pipeline = build(&Setup::new(Until::Code)).unwrap();
//! let mut worker = pipeline.worker();
//! let doc = worker.process("Russian troops attacked Ukrainian soldiers.", DocMeta::default());
//! for ev in &doc.events {
//!     println!("{}", tocsin::render::summary_line(doc, ev));
//! }
//! ```

mod batch;
pub mod case2021;
mod defaults;
pub mod eval_ud;
pub mod geo_eval;
mod pipeline;
pub mod render;
pub mod suites;
mod tools;

pub use batch::BatchRunner;
pub use defaults::{
    build, build_from_tokens, embedded_dictionaries, load_dictionaries, Setup, Until,
};
pub use pipeline::{Pipeline, PipelineError, Worker};
pub use tocsin_dict::{DictFormat, Dictionaries};
pub use tocsin_parser::write_conllu;
pub use tools::{
    check_dictionaries, compile_dictionaries, dictionary_stats, eval_ud_report, eval_ud_text,
    train_parser, train_tagger,
};
pub use {
    tocsin_coder, tocsin_core, tocsin_dict, tocsin_geo, tocsin_parser, tocsin_tagger, tocsin_text,
};

/// The bundled example article (our own text) and the date it is set on.
pub use tocsin_data::{EXAMPLE_ARTICLE, EXAMPLE_DATE};

/// Version of the code and embedded data, written into every event record.
pub const DATA_VERSION: &str = concat!("tocsin-", env!("CARGO_PKG_VERSION"));
