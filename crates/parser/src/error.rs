//! The one error type of this crate.

use std::path::PathBuf;

/// Why a model could not be loaded or trained.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes do not start with the parser model magic tag.
    #[error("not a tocsin parser model (expected magic {expected:?}, found {found:?})")]
    BadMagic { expected: String, found: String },
    /// The model was written by another format version.
    #[error("parser model format version {found} is not supported (this build reads version {expected})")]
    Version { expected: u32, found: u32 },
    /// The model is truncated or inconsistent.
    #[error("corrupt parser model: {0}")]
    Corrupt(String),
    /// An I/O error on a file.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A malformed CoNLL-U file (`path:line`).
    #[error("{path}:{line}: {message}")]
    Conllu {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A malformed line in a word cluster table (`path:line`).
    #[error("{path}:{line}: {message}")]
    Table {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// Training data without a single sentence.
    #[error("{0}: no sentences")]
    NoData(PathBuf),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
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
