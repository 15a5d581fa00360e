//! tocsin-dict: the tocsin dictionary language, its compiler and checker, and
//! import of PETRARCH and TABARI dictionaries.
//!
//! Dictionaries are reviewable text (`LANGUAGE.md` in this crate is the
//! contract). [`compile_dir`] turns a directory of them into [`Dictionaries`],
//! the immutable model the event coder (`tocsin-coder`) consumes; [`check_dir`]
//! lints it (`path:line: level: message`); [`Dictionaries::to_bytes`] gives the
//! versioned binary that `tocsin-data` embeds at build time. [`load`] also
//! reads PETRARCH-1/2 and TABARI dictionaries into the same model, keeping
//! their word-sequence patterns in [`VerbPattern::words`].
//!
//! Where it sits: `core <- dict <- coder`; `data` compiles the default
//! dictionaries with it in `build.rs`.
//!
//! ```
//! use tocsin_dict::{compile_dir, name_tokens, Dictionaries};
//! # let dir = std::env::temp_dir().join(format!("tocsin-dict-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # std::fs::write(dir.join("cameo.tsv"), "190\t19\t-10\t4\tASSAULT\t\tmilitary\tUse conventional military force\n").unwrap();
//! std::fs::write(dir.join("dict.txt"), "country RUS | Russia | adj: Russian\nverb attack | 190\n").unwrap();
//! let d = compile_dir(&dir).expect("no errors");
//! let text = name_tokens("Russian troops attacked");
//! let (len, targets) = d.names.longest_match(&text, 0).unwrap();
//! assert_eq!((len, &d.actors[0].code), (1, &"RUS".to_string()));
//! assert_eq!(d.verb_patterns("attack").next().unwrap().code, "190");
//! assert_eq!(d.cameo.get("190").unwrap().quad, 4);
//! let back = Dictionaries::from_bytes(&d.to_bytes().unwrap()).unwrap();
//! assert_eq!(back, d);
//! # let _ = targets;
//! ```

mod binary;
mod cameo;
mod check;
mod compile;
mod diag;
mod import;
mod legacy;
mod lexer;
mod load;
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
pub use lexer::{REGIONS, SECTORS};
pub use load::{detect_format, legacy_phrase_tokens, load, load_with_diagnostics};
pub use model::*;
pub use names::{
    is_capitalised_name, name_tokens, normalize_token, tokenize_name, NameIndex, NameRef, NameRole,
    NameTarget, NameTok,
};
pub use petrarch::{load_petrarch, load_petrarch_dir, load_petrarch_files};
pub use stats::Stats;
pub use tabari::{load_tabari, load_tabari_dir, load_tabari_files, load_tabari_project};
