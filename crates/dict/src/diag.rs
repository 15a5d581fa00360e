//! Diagnostics (`path:line: level: message`) and the crate's error type.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The entry is wrong: compilation fails.
    Error,
    /// The entry compiles but is probably not what was meant.
    Warning,
}

/// One problem found in a dictionary file, printable as
/// `path:line: error: expected ..., found ...`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: u32,
    pub level: Level,
    pub message: String,
}

impl Diagnostic {
    /// An error at `path:line`.
    pub fn error(path: impl Into<String>, line: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line,
            level: Level::Error,
            message: message.into(),
        }
    }

    /// A warning at `path:line`.
    pub fn warning(path: impl Into<String>, line: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(path, line, message)
        }
    }

    /// True for errors.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        if self.line > 0 {
            write!(f, "{}:{}: {level}: {}", self.path, self.line, self.message)
        } else {
            write!(f, "{}: {level}: {}", self.path, self.message)
        }
    }
}

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DictError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a compiled dictionary.
    #[error("not a compiled tocsin dictionary: expected magic `TOCSDICT`, found {found:?}")]
    BadMagic { found: String },
    /// The compiled dictionary has another format version.
    #[error("compiled dictionary format version {found}, expected version {expected}; recompile it with this tocsin")]
    Version { found: u32, expected: u32 },
    /// The payload is corrupt.
    #[error("corrupt compiled dictionary: {0}")]
    Corrupt(String),
    /// Compilation failed; the diagnostics say where.
    #[error("{} error(s) in dictionaries; first: {}", .0.iter().filter(|d| d.is_error()).count(), .0.iter().find(|d| d.is_error()).map_or_else(String::new, ToString::to_string))]
    Invalid(Vec<Diagnostic>),
}
