//! Reading `cameo.tsv`, the generated CAMEO table
//! (`code root goldstein quad plover_event plover_mode plover_context name`).

use crate::diag::Diagnostic;
use crate::model::{CameoEntry, CameoTable};

/// Parses the table; `path` is used in diagnostics.
#[must_use]
pub fn read_cameo_tsv(text: &str, path: &str) -> (CameoTable, Vec<Diagnostic>) {
    let mut entries = Vec::new();
    let mut diags = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let ln = i as u32 + 1;
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("code\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 8 {
            diags.push(Diagnostic::error(path, ln, format!("expected 8 tab-separated columns (code root goldstein quad plover_event plover_mode plover_context name), found {}", cols.len())));
            continue;
        }
        let code = cols[0].trim();
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(Diagnostic::error(
                path,
                ln,
                format!("expected a CAMEO code (2-4 digits), found `{code}`"),
            ));
            continue;
        }
        let Ok(goldstein) = cols[2].trim().parse::<f32>() else {
            diags.push(Diagnostic::error(
                path,
                ln,
                format!("expected a Goldstein score (a number), found `{}`", cols[2]),
            ));
            continue;
        };
        let quad = match cols[3].trim().parse::<u8>() {
            Ok(q @ 1..=4) => q,
            _ => {
                diags.push(Diagnostic::error(
                    path,
                    ln,
                    format!("expected a quad class 1-4, found `{}`", cols[3]),
                ));
                continue;
            }
        };
        entries.push(CameoEntry {
            code: code.to_string(),
            root: cols[1].trim().to_string(),
            goldstein,
            quad,
            plover_event: cols[4].trim().to_string(),
            plover_mode: cols[5].trim().to_string(),
            plover_context: cols[6]
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            name: cols[7].trim().to_string(),
        });
    }
    (CameoTable::new(entries), diags)
}
