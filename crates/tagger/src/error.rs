//! The one error type of this crate.

use std::path::PathBuf;

/// Everything that can go wrong loading, training or saving a tagger model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model bytes are not a gzip stream, or it is truncated.
    #[error("model: cannot decompress: {0}")]
    Decompress(#[source] std::io::Error),
    /// The model does not start with the tagger's magic tag.
    #[error("model: expected magic tag {expected:?}, found {found:?}")]
    BadMagic { expected: String, found: String },
    /// The model was written by another version of the format.
    #[error(
        "model: format version {found} is not supported (this build reads version {expected})"
    )]
    Version { expected: u32, found: u32 },
    /// The model payload is inconsistent.
    #[error("model: corrupt payload at byte {offset}: {message}")]
    Corrupt { offset: usize, message: String },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A CoNLL-U file is malformed.
    #[error("{path}:{line}: {message}")]
    Conllu {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A data table (the word clusters) is malformed.
    #[error("{path}:{line}: {message}")]
    Table {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// Training was asked for something impossible (no data, zero epochs).
    #[error("training: {0}")]
    Config(String),
}

impl From<tocsin_core::header::HeaderError> for Error {
    fn from(e: tocsin_core::header::HeaderError) -> Self {
        match e {
            tocsin_core::header::HeaderError::Magic { expected, found } => {
                Error::BadMagic { expected, found }
            }
            tocsin_core::header::HeaderError::Version { expected, found } => {
                Error::Version { expected, found }
            }
        }
    }
}
