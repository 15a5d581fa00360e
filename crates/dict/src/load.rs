//! Format detection and the `load` entry points for every dictionary format.

use crate::diag::Diagnostic;
use crate::legacy::{phrase_tokens, Dialect};
use crate::model::{DictFormat, Dictionaries};
use crate::names::NameTok;
use std::path::{Path, PathBuf};

/// Guesses the format of a file or directory.
#[must_use]
pub fn detect_format(path: &Path) -> Option<DictFormat> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    let name = |p: &Path| {
        p.file_name()
            .map(|f| f.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    if files.iter().any(|p| {
        name(p).ends_with(".project") || name(p).ends_with(".actors") || name(p).ends_with(".verbs")
    }) {
        return Some(DictFormat::Tabari);
    }
    for p in &files {
        let Ok(text) = crate::legacy::read_text(p) else {
            continue;
        };
        let head: Vec<&str> = text.lines().take(400).collect();
        if head
            .iter()
            .any(|l| l.starts_with("--- ") || l.starts_with("<!--"))
        {
            return Some(DictFormat::Petrarch);
        }
        if head
            .iter()
            .any(|l| l.starts_with("<SYNSETS>") || l.starts_with("~~FINISH"))
        {
            return Some(DictFormat::Tabari);
        }
        let keywords = [
            "country ", "org ", "group ", "person ", "agent ", "synset ", "verb ", "noun ",
            "modal ", "derive ", "discard ",
        ];
        if name(p).ends_with(".txt")
            && head
                .iter()
                .any(|l| keywords.iter().any(|k| l.starts_with(k)) && l.contains(" | "))
        {
            return Some(DictFormat::Tocsin);
        }
    }
    if path.is_dir() && path.join("cameo.tsv").exists() {
        return Some(DictFormat::Tocsin);
    }
    None
}

/// Loads dictionaries of any supported format, detecting it when `format` is
/// `None`: a tocsin directory, a PETRARCH directory (files named `*actors*`,
/// `*agents*`, `*verbs*`, `*discards*`), or TABARI (a `.project` file, or a
/// directory of `.actors`/`.verbs`/`.agents` files).
///
/// # Errors
/// The errors found (warnings are dropped; see [`load_with_diagnostics`]).
pub fn load(path: &Path, format: Option<DictFormat>) -> Result<Dictionaries, Vec<Diagnostic>> {
    let (d, diags) = load_with_diagnostics(path, format);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags.into_iter().filter(Diagnostic::is_error).collect());
    }
    Ok(d)
}

/// Like [`load`], returning what could be loaded with every diagnostic.
#[must_use]
pub fn load_with_diagnostics(
    path: &Path,
    format: Option<DictFormat>,
) -> (Dictionaries, Vec<Diagnostic>) {
    let Some(format) = format.or_else(|| detect_format(path)) else {
        return (
            Dictionaries::default(),
            vec![Diagnostic::error(path.display().to_string(), 0, "cannot tell the dictionary format: expected a tocsin directory (*.txt entries and cameo.tsv), PETRARCH files (`--- VERB [code] ---`, `<!-- -->` headers) or TABARI files (.project, .actors, .verbs)")],
        );
    };
    match format {
        DictFormat::Tocsin => crate::compile::compile_with_diagnostics(path),
        DictFormat::Petrarch => {
            if path.is_dir() {
                crate::petrarch::load_petrarch_dir(path)
            } else {
                crate::petrarch::load_petrarch_files(&[path.to_path_buf()])
            }
        }
        DictFormat::Tabari => {
            if path.is_dir() {
                crate::tabari::load_tabari_dir(path)
            } else if path.extension().is_some_and(|e| e == "project") {
                crate::tabari::load_tabari_project(path)
            } else {
                crate::tabari::load_tabari_files(&[path.to_path_buf()])
            }
        }
    }
}

/// Token list for a legacy phrase, for callers that index by hand.
#[must_use]
pub fn legacy_phrase_tokens(text: &str, tabari: bool) -> Vec<NameTok> {
    phrase_tokens(
        text,
        if tabari {
            Dialect::Tabari
        } else {
            Dialect::Petrarch
        },
    )
}
