//! TABARI dictionaries: `.actors` (`NAME [CODE] [CODE DATES]`, `+synonym`,
//! indented code lines, `<NOUN>`/`<ADJECTIVE>` word lists), `.verbs`
//! (`<SYNSETS>`, `<TIME>`, `VERB [CODE]` entries with `{ forms }` and
//! `- pattern [CODE]` lines, `{ a | b }` alternatives), `.agents`
//! (`NAME_ [~CODE]`) and a project file naming them.
//!
//! Comments run from `;` to the end of the line; a `#` at the start comments
//! out a line; `~~FINISH` ends a file. Words match as stems unless a `_`
//! (or `=`) follows them. Entries coded `[###]` are discards.

use crate::diag::Diagnostic;
use crate::import::{trailing_code, Builder, FileCtx};
use crate::legacy::{read_text, Dialect};
use crate::model::{Dictionaries, DiscardScope};
use crate::petrarch::{
    clean_lines, kind_from_name, list_dir, load_kinds, split_forms, FileKind, OpenBlock,
};
use std::path::{Path, PathBuf};

/// Loads TABARI dictionaries given file by file (any list may be empty).
#[must_use]
pub fn load_tabari(
    actors: &[PathBuf],
    agents: &[PathBuf],
    verbs: &[PathBuf],
    discards: &[PathBuf],
) -> (Dictionaries, Vec<Diagnostic>) {
    load_kinds(Dialect::Tabari, [actors, agents, verbs, discards])
}

/// Loads TABARI files, telling their kind by extension or name
/// (`.actors`, `.agents`, `.verbs`, `*discards*`).
#[must_use]
pub fn load_tabari_files(files: &[PathBuf]) -> (Dictionaries, Vec<Diagnostic>) {
    let (mut actors, mut agents, mut verbs, mut discards) = (vec![], vec![], vec![], vec![]);
    let mut diags = Vec::new();
    for p in files {
        match kind_from_name(p) {
            Some(FileKind::Actors) => actors.push(p.clone()),
            Some(FileKind::Agents) => agents.push(p.clone()),
            Some(FileKind::Verbs) => verbs.push(p.clone()),
            Some(FileKind::Discards) => discards.push(p.clone()),
            None => diags.push(Diagnostic::error(p.display().to_string(), 0, "cannot tell which dictionary this is: expected a .actors, .agents or .verbs file, or `discards` in the name")),
        }
    }
    let (d, mut more) = load_tabari(&actors, &agents, &verbs, &discards);
    diags.append(&mut more);
    (d, diags)
}

/// Loads every TABARI dictionary file of a directory (`*.actors`,
/// `*.agents`, `*.verbs`, `*discards*`), in sorted order.
#[must_use]
pub fn load_tabari_dir(dir: &Path) -> (Dictionaries, Vec<Diagnostic>) {
    let mut files = match list_dir(dir) {
        Ok(f) => f,
        Err(d) => return (Dictionaries::default(), vec![d]),
    };
    files.retain(|p| {
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        matches!(ext.as_str(), "actors" | "agents" | "verbs")
            || (kind_from_name(p) == Some(FileKind::Discards))
    });
    load_tabari_files(&files)
}

/// Loads the dictionaries a TABARI `.project` file names (`<actorsfile>`,
/// `<verbsfile>`, `<agentsfile>`; paths relative to the project file).
#[must_use]
pub fn load_tabari_project(project: &Path) -> (Dictionaries, Vec<Diagnostic>) {
    let text = match read_text(project) {
        Ok(t) => t,
        Err(d) => return (Dictionaries::default(), vec![d]),
    };
    let base = project.parent().unwrap_or(Path::new("."));
    let (mut actors, mut agents, mut verbs) = (vec![], vec![], vec![]);
    for line in text.lines() {
        let t = line.trim();
        for (tag, list) in [
            ("<actorsfile>", &mut actors),
            ("<agentsfile>", &mut agents),
            ("<verbsfile>", &mut verbs),
        ] {
            if let Some(rest) = t.strip_prefix(tag) {
                let f = rest.trim();
                if !f.is_empty() {
                    list.push(base.join(f));
                }
            }
        }
    }
    load_tabari(&actors, &agents, &verbs, &[])
}

pub(crate) fn read_verbs(b: &mut Builder, ctx: &FileCtx, lines: &[(u32, String)]) {
    let mut section: Option<String> = None;
    let mut synset: Option<usize> = None;
    let mut block: Option<OpenBlock> = None;
    let _ = clean_lines;
    for (line, text) in lines {
        let (line, t) = (*line, text.trim());
        if t.starts_with('<') && t.ends_with('>') && !t.contains(' ') {
            section = (!t.starts_with("</")).then(|| t.trim_matches(['<', '>']).to_uppercase());
            synset = None;
            block = None;
            continue;
        }
        match section.as_deref() {
            Some("SYNSETS") => {
                if t.starts_with('&') {
                    synset = Some(b.synset(ctx, line, t));
                } else if let (Some(m), Some(i)) = (t.strip_prefix('+'), synset) {
                    b.synset_member(i, m, Dialect::Tabari);
                } else {
                    b.diags.push(ctx.err(
                        line,
                        format!("expected `&SYNSET` or `+member` inside <SYNSETS>, found `{t}`"),
                    ));
                }
                continue;
            }
            // A time phrase coded `###` (discard) or `+++` (too complex)
            // stops the sentence ("once upon a time"); time shifts
            // (`LAST_WEEK [-7]`) and other sections are not events.
            Some("TIME") => {
                if let Ok((head, Some((code, _)))) = trailing_code(t) {
                    if code == "###" || code == "+++" {
                        b.discard(ctx, line, head, DiscardScope::Sentence, Dialect::Tabari);
                    }
                }
                continue;
            }
            Some(_) => continue,
            None => {}
        }
        if let Some(body) = t.strip_prefix('-') {
            let Some(bl) = block.as_ref() else {
                b.diags.push(ctx.err(
                    line,
                    format!("expected a `VERB [CODE]` line before the pattern, found `{t}`"),
                ));
                continue;
            };
            if let Err(m) = bl.pattern(b, ctx, line, t, body, Dialect::Tabari) {
                b.diags.push(ctx.err(line, m));
            }
        } else if t.starts_with('{') {
            let Some(bl) = block.as_mut() else {
                b.diags.push(ctx.err(
                    line,
                    format!("expected a `VERB [CODE]` line before the forms, found `{t}`"),
                ));
                continue;
            };
            match split_forms(t) {
                Ok((_, forms)) => bl.add_forms(b, &forms),
                Err(m) => b.diags.push(ctx.err(line, m)),
            }
        } else {
            block = None;
            match trailing_code(t) {
                Ok((head, Some((code, _)))) if code == "###" => {
                    b.discard(ctx, line, head, DiscardScope::Sentence, Dialect::Tabari);
                }
                Ok((_, Some((code, _)))) => {
                    let (head, forms) = match split_forms(trailing_code(t).map(|x| x.0).unwrap_or(t)) {
                        Ok(x) => x,
                        Err(m) => {
                            b.diags.push(ctx.err(line, m));
                            continue;
                        }
                    };
                    let _ = (head, forms);
                    let mut bl = OpenBlock::new(code);
                    match bl.verb_line(b, ctx, line, t, Dialect::Tabari) {
                        Ok(()) => block = Some(bl),
                        Err(m) => b.diags.push(ctx.err(line, m)),
                    }
                }
                Ok((_, None)) => b.diags.push(ctx.err(line, format!("expected `VERB [CODE]`, `- pattern [CODE]` or `{{ forms }}`, found `{t}` (no code)"))),
                Err(m) => b.diags.push(ctx.err(line, m)),
            }
        }
    }
}
