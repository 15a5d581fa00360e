//! tocsin-dict: the tocsin dictionary language, its compiler and checker, and
//! import of PETRARCH and TABARI dictionaries.
//!
//! Dictionaries are reviewable text (see `LANGUAGE.md` in this crate); the
//! compiler turns a directory of them into [`Dictionaries`], the immutable
//! model the event coder (`tocsin-coder`) consumes, and into a versioned
//! binary ([`Dictionaries::to_bytes`]) that `tocsin-data` embeds at build time.
//!
//! ```
//! use tocsin_dict::{name_tokens, Dictionaries};
//! let d = Dictionaries::default();
//! let bytes = d.to_bytes().unwrap();
//! assert_eq!(Dictionaries::from_bytes(&bytes).unwrap(), d);
//! assert_eq!(name_tokens("Putin's"), ["putin", "'s"]);
//! ```

mod binary;
mod cameo;
mod check;
mod compile;
mod diag;
mod import;
mod legacy;
mod lexer;
mod model;
mod names;
mod petrarch;
mod serde_date;
mod stats;
mod tabari;

pub use binary::{FORMAT_VERSION, MAGIC};
pub use cameo::read_cameo_tsv;
pub use compile::{check_dir, compile_dir, compile_with_diagnostics, pluralize};
pub use diag::{Diagnostic, DictError, Level};
pub use import::{detect_format, legacy_phrase_tokens, load, load_with_diagnostics};
pub use lexer::{REGIONS, SECTORS};
pub use model::*;
pub use names::{
    is_capitalised_name, name_tokens, normalize_token, tokenize_name, NameIndex, NameRef, NameRole,
    NameTarget, NameTok,
};
pub use petrarch::{load_petrarch, load_petrarch_dir, load_petrarch_files};
pub use stats::Stats;
pub use tabari::{load_tabari, load_tabari_dir, load_tabari_files, load_tabari_project};
