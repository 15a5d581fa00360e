//! PETRARCH-1/2 dictionaries: actors (`NAME [CODE]`, `+synonym`, dated
//! `[CODE 950101-991231]` lines), agents (`NAME {PLURALS} [~CODE]`, `!X! =`
//! substitutions), verbs (`&SYNSET` blocks, `--- VERB [code] ---` blocks,
//! `- pattern [code]` lines) and discards (`PHRASE`, `+PHRASE` for stories).
//!
//! Comments are `#` to the end of the line and `<!-- ... -->` blocks.

use crate::diag::Diagnostic;
use crate::import::{trailing_code, verb_forms, Builder, FileCtx, PendingActor};
use crate::legacy::{
    cut_comment, parse_verb_phrase, parse_word_pattern, read_text, Dialect, XmlComments,
};
use crate::model::{DictFormat, Dictionaries, DiscardScope, PatternKind, VerbPattern};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Which dictionary a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Actors,
    Agents,
    Verbs,
    Discards,
}

/// Guesses a file's kind from its name (`*actors*`, `*agents*`, ...).
pub(crate) fn kind_from_name(path: &Path) -> Option<FileKind> {
    let n = path.file_name()?.to_string_lossy().to_lowercase();
    if n.contains("actor") {
        Some(FileKind::Actors)
    } else if n.contains("agent") {
        Some(FileKind::Agents)
    } else if n.contains("verb") {
        Some(FileKind::Verbs)
    } else if n.contains("discard") {
        Some(FileKind::Discards)
    } else {
        None
    }
}

/// Loads PETRARCH dictionaries given file by file (any list may be empty).
#[must_use]
pub fn load_petrarch(
    actors: &[PathBuf],
    agents: &[PathBuf],
    verbs: &[PathBuf],
    discards: &[PathBuf],
) -> (Dictionaries, Vec<Diagnostic>) {
    load_kinds(Dialect::Petrarch, [actors, agents, verbs, discards])
}

/// Reads actor, agent, verb and discard files (in that order) in one
/// dialect; the data version lists the file names.
pub(crate) fn load_kinds(
    dialect: Dialect,
    files: [&[PathBuf]; 4],
) -> (Dictionaries, Vec<Diagnostic>) {
    let (format, mut version) = match dialect {
        Dialect::Petrarch => (DictFormat::Petrarch, String::from("petrarch:")),
        Dialect::Tabari => (DictFormat::Tabari, String::from("tabari:")),
    };
    let mut b = Builder::default();
    let kinds = [
        FileKind::Actors,
        FileKind::Agents,
        FileKind::Verbs,
        FileKind::Discards,
    ];
    for (paths, kind) in files.into_iter().zip(kinds) {
        for p in paths {
            version.push(' ');
            version.push_str(
                &p.file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            read_file(&mut b, p, kind, dialect);
        }
    }
    b.finish(format, version)
}

/// The files of a directory, sorted; an unreadable directory is a diagnostic.
pub(crate) fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(
            dir.display().to_string(),
            0,
            format!("cannot read the directory: {e}"),
        )
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Loads the PETRARCH files of a directory: `*actors*`, `*agents*`,
/// `*verbs*` and `*discards*` (`.txt`), in sorted order.
#[must_use]
pub fn load_petrarch_dir(dir: &Path) -> (Dictionaries, Vec<Diagnostic>) {
    let mut files = match list_dir(dir) {
        Ok(f) => f,
        Err(d) => return (Dictionaries::default(), vec![d]),
    };
    files.retain(|p| kind_from_name(p).is_some() && p.extension().map_or(true, |e| e == "txt"));
    load_petrarch_files(&files)
}

/// Loads PETRARCH files, telling their kind by name (or content for verbs).
#[must_use]
pub fn load_petrarch_files(files: &[PathBuf]) -> (Dictionaries, Vec<Diagnostic>) {
    let mut by_kind: HashMap<u8, Vec<PathBuf>> = HashMap::new();
    let mut diags = Vec::new();
    for p in files {
        match kind_from_name(p) {
            Some(k) => by_kind.entry(k as u8).or_default().push(p.clone()),
            None => diags.push(Diagnostic::error(p.display().to_string(), 0, "cannot tell which dictionary this is: expected `actors`, `agents`, `verbs` or `discards` in the file name")),
        }
    }
    let get = |k: FileKind| by_kind.get(&(k as u8)).cloned().unwrap_or_default();
    let (d, mut more) = load_petrarch(
        &get(FileKind::Actors),
        &get(FileKind::Agents),
        &get(FileKind::Verbs),
        &get(FileKind::Discards),
    );
    diags.append(&mut more);
    (d, diags)
}

pub(crate) fn read_file(b: &mut Builder, path: &Path, kind: FileKind, dialect: Dialect) {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(d) => {
            b.diags.push(d);
            return;
        }
    };
    let ctx = FileCtx::new(path);
    b.display.insert(ctx.file.clone(), ctx.display.clone());
    let lines = clean_lines(&text, dialect);
    match kind {
        FileKind::Actors => read_actors(b, &ctx, &lines, dialect),
        FileKind::Agents => read_agents(b, &ctx, &lines, dialect),
        FileKind::Verbs => match dialect {
            Dialect::Petrarch => read_verbs(b, &ctx, &lines),
            Dialect::Tabari => crate::tabari::read_verbs(b, &ctx, &lines),
        },
        FileKind::Discards => read_discards(b, &ctx, &lines, dialect),
    }
}

/// Lines without comments, with their 1-based numbers; a raw copy is kept for
/// indentation. TABARI: `;` comments, `#` at the start comments out the line,
/// `~~FINISH` ends the file. PETRARCH: `#` comments and `<!-- -->`.
pub(crate) fn clean_lines(text: &str, dialect: Dialect) -> Vec<(u32, String)> {
    let mut xml = XmlComments::default();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = match dialect {
            Dialect::Petrarch => cut_comment(&xml.strip(raw), '#').to_string(),
            Dialect::Tabari => {
                if raw.trim_start().starts_with('#') {
                    continue;
                }
                if raw.starts_with("~~") {
                    break;
                }
                cut_comment(raw, ';').to_string()
            }
        };
        if !line.trim().is_empty() {
            out.push((i as u32 + 1, line.trim_end().to_string()));
        }
    }
    out
}

pub(crate) fn read_actors(
    b: &mut Builder,
    ctx: &FileCtx,
    lines: &[(u32, String)],
    dialect: Dialect,
) {
    let mut cur: Option<PendingActor> = None;
    let mut section = false;
    for (line, text) in lines {
        let (line, t) = (*line, text.trim());
        // TABARI <NOUN>/<ADJECTIVE> word lists are grammar, not actors.
        if t.starts_with('<') && t.ends_with('>') {
            section = !t.starts_with("</");
            continue;
        }
        if section {
            continue;
        }
        let (name, codes) = match t.find('[') {
            Some(i) => (t[..i].trim(), &t[i..]),
            None => (t, ""),
        };
        if let Some(syn) = name.strip_prefix('+') {
            let Some(a) = cur.as_mut() else {
                b.diags.push(ctx.err(
                    line,
                    format!("expected an actor name line before the synonym `+{syn}`, found none"),
                ));
                continue;
            };
            if syn.trim().is_empty() {
                b.diags
                    .push(ctx.err(line, "expected a synonym after `+`, found nothing"));
                continue;
            }
            a.names.push(syn.trim().to_string());
            let mut cs = std::mem::take(&mut a.codes);
            let ok = b.code_blocks(ctx, line, codes, &mut cs);
            if let Some(a) = cur.as_mut() {
                a.codes = cs;
                a.bad |= !ok;
            }
        } else if name.is_empty() {
            let Some(a) = cur.as_mut() else {
                b.diags.push(ctx.err(
                    line,
                    format!("expected an actor name before the code block `{codes}`, found none"),
                ));
                continue;
            };
            let mut cs = std::mem::take(&mut a.codes);
            let ok = b.code_blocks(ctx, line, codes, &mut cs);
            if let Some(a) = cur.as_mut() {
                a.codes = cs;
                a.bad |= !ok;
            }
        } else {
            if let Some(a) = cur.take() {
                b.finish_actor(ctx, a, dialect);
            }
            let mut a = PendingActor {
                line,
                names: vec![name.to_string()],
                codes: vec![],
                bad: false,
            };
            a.bad = !b.code_blocks(ctx, line, codes, &mut a.codes);
            cur = Some(a);
        }
    }
    if let Some(a) = cur.take() {
        b.finish_actor(ctx, a, dialect);
    }
}

pub(crate) fn read_agents(
    b: &mut Builder,
    ctx: &FileCtx,
    lines: &[(u32, String)],
    dialect: Dialect,
) {
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for (line, text) in lines {
        let (line, t) = (*line, text.trim());
        if t.starts_with('!') {
            if let Some((k, v)) = t.split_once('=') {
                let key = k.trim().trim_matches('!').to_string();
                macros.insert(
                    key,
                    v.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                );
                continue;
            }
        }
        let (Some(open), true) = (t.rfind('['), t.ends_with(']')) else {
            b.diags.push(ctx.err(
                line,
                format!(
                    "expected `NAME [~CODE]` (optionally `NAME {{PLURALS}} [~CODE]`), found `{t}`"
                ),
            ));
            continue;
        };
        let code = &t[open + 1..t.len() - 1];
        let mut head = t[..open].trim();
        let mut plurals: Option<Vec<String>> = None;
        if let Some(i) = head.find('{') {
            let Some(j) = head.rfind('}') else {
                b.diags.push(ctx.err(
                    line,
                    format!("expected `}}` to close the plurals in `{head}`"),
                ));
                continue;
            };
            plurals = Some(
                head[i + 1..j]
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            );
            head = head[..i].trim();
        }
        if head.is_empty() {
            b.diags.push(ctx.err(
                line,
                format!("expected an agent name before `[{code}]`, found nothing"),
            ));
            continue;
        }
        let names = match expand_macros(head, &macros) {
            Ok(n) => n,
            Err(m) => {
                b.diags.push(ctx.err(line, m));
                continue;
            }
        };
        let expanded = names.len() > 1 || names[0] != head;
        let plurals = match plurals {
            Some(p) => p,
            None if !expanded => vec![crate::compile::pluralize(
                &head.replace('_', " ").trim().to_lowercase(),
            )],
            None => vec![],
        };
        b.agent(ctx, line, &names, &plurals, code, dialect);
    }
}

/// Expands `!NAME!` substitutions (`CONGRESS!PERSON!` → `CONGRESSMAN`, ...).
fn expand_macros(head: &str, macros: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(i) = head.find('!') else {
        return Ok(vec![head.to_string()]);
    };
    let Some(j) = head[i + 1..].find('!').map(|j| i + 1 + j) else {
        return Err(format!(
            "expected a closing `!` in the substitution of `{head}`"
        ));
    };
    let key = &head[i + 1..j];
    let alts = macros.get(key).ok_or_else(|| {
        format!("undefined substitution `!{key}!`: expected a `!{key}! = A, B` line before it")
    })?;
    let mut out = Vec::new();
    for a in alts {
        out.extend(expand_macros(
            &format!("{}{a}{}", &head[..i], &head[j + 1..]),
            macros,
        )?);
    }
    Ok(out)
}

pub(crate) fn read_discards(
    b: &mut Builder,
    ctx: &FileCtx,
    lines: &[(u32, String)],
    dialect: Dialect,
) {
    let tabular = lines
        .iter()
        .filter(|(_, l)| l.matches('\t').count() >= 3)
        .count();
    if tabular * 2 > lines.len() {
        b.diags.push(Diagnostic::warning(
            ctx.display.clone(),
            0,
            format!(
                "not a discard list: {tabular} of {} lines are tab-separated tables; file ignored",
                lines.len()
            ),
        ));
        return;
    }
    for (line, text) in lines {
        let t = text.trim();
        match t.strip_prefix('+') {
            Some(p) => b.discard(ctx, *line, p, DiscardScope::Story, dialect),
            None => b.discard(ctx, *line, t, DiscardScope::Sentence, dialect),
        }
    }
}

/// The verb block being read.
#[derive(Debug, Default)]
struct Block {
    code: String,
    lemma: Option<String>,
    /// Exact verb forms the block's patterns are indexed under.
    forms: Vec<String>,
    /// TABARI stems the block's patterns are indexed under.
    stem_forms: Vec<String>,
    /// TABARI: the words of the verb line around the verb (`CALLED_ON`),
    /// which the block's patterns keep.
    phrase: crate::model::WordPattern,
    /// The patterns of the block's verb lines, indexed again under forms
    /// listed after them (`{ ACTING_ ACTXD_ }`).
    line_ids: Vec<u32>,
}

fn read_verbs(b: &mut Builder, ctx: &FileCtx, lines: &[(u32, String)]) {
    let mut block: Option<Block> = None;
    let mut synset: Option<usize> = None;
    for (line, text) in lines {
        let (line, t) = (*line, text.trim());
        if let Some(rest) = t.strip_prefix("---") {
            synset = None;
            let body = rest.trim().trim_end_matches('-').trim();
            let Some(open) = body.find('[') else {
                b.diags
                    .push(ctx.err(line, format!("expected `--- VERB [CODE] ---`, found `{t}`")));
                block = None;
                continue;
            };
            let Some(close) = body[open..].find(']').map(|c| open + c) else {
                b.diags
                    .push(ctx.err(line, format!("expected `]` to close the code in `{t}`")));
                block = None;
                continue;
            };
            block = Some(Block {
                code: body[open + 1..close].trim().to_string(),
                ..Block::default()
            });
        } else if t.starts_with('&') {
            synset = Some(b.synset(ctx, line, t));
        } else if let (Some(m), Some(i)) = (t.strip_prefix('+'), synset) {
            b.synset_member(i, m, Dialect::Petrarch);
        } else if let Some(body) = t.strip_prefix('-') {
            let Some(bl) = block.as_ref() else {
                b.diags.push(ctx.err(
                    line,
                    format!(
                        "expected a `--- VERB [CODE] ---` block before the pattern, found `{t}`"
                    ),
                ));
                continue;
            };
            match pattern(ctx, line, t, body, bl, Dialect::Petrarch) {
                Ok(p) => {
                    b.pattern(p, &bl.forms, &bl.stem_forms);
                }
                Err(m) => b.diags.push(ctx.err(line, m)),
            }
        } else if let Some(bl) = block.as_mut() {
            synset = None;
            if let Err(m) = verb_line(b, ctx, line, t, bl, Dialect::Petrarch) {
                b.diags.push(ctx.err(line, m));
            }
        } else {
            b.diags.push(ctx.err(line, format!("expected `--- VERB [CODE] ---`, `&SYNSET`, `+member` or `- pattern [CODE]`, found `{t}`")));
        }
    }
}

/// Parses a `- pattern [CODE]` line of a block.
fn pattern(
    ctx: &FileCtx,
    line: u32,
    full: &str,
    body: &str,
    bl: &Block,
    dialect: Dialect,
) -> Result<VerbPattern, String> {
    let (body, code) = trailing_code(body)?;
    let (code, paired) = code.ok_or_else(|| {
        format!(
            "expected `[CODE]` at the end of the pattern, found `{}`",
            full.trim()
        )
    })?;
    let mut words = parse_word_pattern(body, dialect)?;
    // TABARI: a pattern under a multiword verb (`CALLED_ON`, then `- $ *`)
    // is a pattern of the whole phrase, its words around the verb's.
    if dialect == Dialect::Tabari {
        let mut before = words.before;
        before.extend(bl.phrase.before.iter().cloned());
        let mut after = bl.phrase.after.clone();
        after.append(&mut words.after);
        words = crate::model::WordPattern { before, after };
    }
    Ok(VerbPattern {
        lemma: bl.lemma.clone().unwrap_or_default(),
        code,
        paired,
        kind: PatternKind::Verb,
        constraints: vec![],
        target: vec![],
        source: vec![],
        words: Some(words),
        note: None,
        source_ref: ctx.at(line),
        text: full.trim().to_string(),
    })
}

/// Parses a verb line of a block (`BAN {BANS BANNED}`, `KLM_NOP_+RST [002]`).
fn verb_line(
    b: &mut Builder,
    ctx: &FileCtx,
    line: u32,
    t: &str,
    bl: &mut Block,
    dialect: Dialect,
) -> Result<(), String> {
    let (head, code) = trailing_code(t)?;
    let (phrase, forms) = split_forms(head)?;
    let (code, paired) = code.unwrap_or_else(|| (bl.code.clone(), None));
    let mut keys = Vec::new();
    let mut stems = Vec::new();
    let mut first = None;
    for (k, f) in std::iter::once(phrase)
        .chain(forms.iter().map(String::as_str))
        .enumerate()
    {
        let (verb, words) = parse_verb_phrase(f, dialect)?;
        let stem = dialect == Dialect::Tabari && !verb_is_exact(f);
        if stem {
            stems.push(verb.clone());
        } else if dialect == Dialect::Tabari && !f.contains('=') {
            // TABARI: a verb word ending in `_` is whole but takes the
            // regular endings (DEPART_: departs, departed, departing); `=`
            // is exact.
            keys.push(verb.clone());
            for e in ["s", "es", "d", "ed", "ing", "en"] {
                keys.push(format!("{verb}{e}"));
            }
        } else if dialect == Dialect::Petrarch && k == 0 && forms.is_empty() {
            keys.extend(verb_forms(&verb));
        } else {
            keys.push(verb.clone());
        }
        if first.is_none() {
            first = Some((verb, words));
        }
    }
    let Some((verb, words)) = first else {
        return Ok(());
    };
    if bl.lemma.is_none() {
        bl.lemma = Some(verb.clone());
        bl.phrase = words.clone();
    }
    bl.forms.extend(keys.iter().cloned());
    bl.stem_forms.extend(stems.iter().cloned());
    let p = VerbPattern {
        lemma: verb,
        code,
        paired,
        kind: PatternKind::Verb,
        constraints: vec![],
        target: vec![],
        source: vec![],
        words: Some(words),
        note: None,
        source_ref: ctx.at(line),
        text: t.trim().to_string(),
    };
    let id = b.pattern(p, &keys, &stems);
    bl.line_ids.push(id);
    Ok(())
}

/// TABARI: the verb word is exact when followed by `_` or `=`.
fn verb_is_exact(phrase: &str) -> bool {
    let start = phrase.find('+').map_or(0, |i| i + 1);
    let rest = &phrase[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let word = &rest[..end];
    word.contains('_') || word.ends_with('=')
}

/// Splits `PHRASE {FORM FORM}` into the phrase and the forms.
pub(crate) fn split_forms(head: &str) -> Result<(&str, Vec<String>), String> {
    match head.find('{') {
        None => Ok((head.trim(), vec![])),
        Some(i) => {
            let j = head.rfind('}').ok_or_else(|| {
                format!("expected `}}` to close the verb forms in `{}`", head.trim())
            })?;
            if j < i {
                return Err(format!("expected `{{FORMS}}`, found `{}`", head.trim()));
            }
            Ok((
                head[..i].trim(),
                head[i + 1..j]
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            ))
        }
    }
}

/// Shared with TABARI: a verb block opened by a verb line.
pub(crate) struct OpenBlock(Block);

impl OpenBlock {
    /// A new block with its default code.
    pub fn new(code: String) -> OpenBlock {
        OpenBlock(Block {
            code,
            ..Block::default()
        })
    }

    /// Reads a verb line into the block.
    ///
    /// # Errors
    /// A malformed line.
    pub fn verb_line(
        &mut self,
        b: &mut Builder,
        ctx: &FileCtx,
        line: u32,
        t: &str,
        dialect: Dialect,
    ) -> Result<(), String> {
        verb_line(b, ctx, line, t, &mut self.0, dialect)
    }

    /// Adds forms (`{ ACTING_ ACTXD_ }`) to the block's verb; the verb
    /// line's own pattern (its default code) holds for them too.
    pub fn add_forms(&mut self, b: &mut Builder, forms: &[String]) {
        for f in forms {
            let word = f.trim_end_matches(['_', '=']).to_lowercase();
            if word.is_empty() {
                continue;
            }
            let exact = f.ends_with('_') || f.ends_with('=');
            for &id in &self.0.line_ids {
                if exact {
                    b.forms.push((word.clone(), id));
                } else {
                    b.stems.push((word.clone(), id));
                }
            }
            if exact {
                self.0.forms.push(word);
            } else {
                self.0.stem_forms.push(word);
            }
        }
    }

    /// Reads a pattern line.
    ///
    /// # Errors
    /// A malformed pattern.
    pub fn pattern(
        &self,
        b: &mut Builder,
        ctx: &FileCtx,
        line: u32,
        t: &str,
        body: &str,
        dialect: Dialect,
    ) -> Result<(), String> {
        let p = pattern(ctx, line, t, body, &self.0, dialect)?;
        b.pattern(p, &self.0.forms, &self.0.stem_forms);
        Ok(())
    }
}
