//! The compiler of the tocsin language: a directory of `*.txt` files plus
//! `cameo.tsv` → [`Dictionaries`], with every problem reported at `path:line`.

use crate::cameo::read_cameo_tsv;
use crate::diag::Diagnostic;
use crate::lexer::{
    is_code3, list, name_with_range, parse_range, parse_sectors, split_entry, strip_comment, Field,
    RawEntry, REGIONS,
};
use crate::model::*;
use crate::names::{is_capitalised_name, name_tokens};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod actors;
mod index;
mod patterns;
mod plural;

pub(crate) use index::build_indexes;
use plural::plural_variants;
pub use plural::pluralize;

/// Compiles a directory of tocsin dictionary files.
///
/// # Errors
/// Every error found (warnings are dropped; see [`check_dir`]).
pub fn compile_dir(dir: &Path) -> Result<Dictionaries, Vec<Diagnostic>> {
    let (dicts, diags) = compile_with_diagnostics(dir);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags.into_iter().filter(Diagnostic::is_error).collect());
    }
    Ok(dicts)
}

/// Lints a directory: every error and warning, sorted by path and line.
#[must_use]
pub fn check_dir(dir: &Path) -> Vec<Diagnostic> {
    compile_with_diagnostics(dir).1
}

/// Compiles what can be compiled and returns it with all diagnostics.
#[must_use]
pub fn compile_with_diagnostics(dir: &Path) -> (Dictionaries, Vec<Diagnostic>) {
    let mut c = Compiler::default();
    c.run(dir);
    let mut dicts = c.dicts;
    crate::check::lint(&mut dicts, &c.places, &mut c.diags);
    let mut diags = c.diags;
    diags.sort_by(|a, b| (&a.path, a.line, a.level).cmp(&(&b.path, b.line, b.level)));
    diags.dedup();
    (dicts, diags)
}

/// Lists `*.txt` files under `dir`, recursively, sorted.
fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::path);
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            txt_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// Display path and line of each compiled item, for diagnostics found after
/// parsing (the model keeps only relative paths).
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// Relative file → display path.
    pub display: HashMap<String, String>,
    /// Synset references: (synset name, display path, line).
    pub synset_refs: Vec<(String, String, u32)>,
    /// Country references: (code, display path, line).
    pub country_refs: Vec<(String, String, u32)>,
    /// Org parents: (code, display path, line).
    pub parent_refs: Vec<(String, String, u32)>,
}

/// Bare values and `key: value` pairs of an entry.
type Fields<'e> = (Vec<&'e str>, Vec<(&'e str, &'e str)>);

#[derive(Default)]
struct Compiler {
    dicts: Dictionaries,
    diags: Vec<Diagnostic>,
    places: Places,
    /// Raw synset definitions before include expansion: name → (members, includes).
    synset_raw: Vec<(String, Vec<Vec<String>>, Vec<String>)>,
    codes: HashMap<String, (String, u32)>,
    hash: u64,
}

/// Where the current line is.
struct Loc<'a> {
    display: &'a str,
    rel: &'a str,
    line: u32,
}

impl Loc<'_> {
    fn source(&self) -> SourceRef {
        SourceRef {
            file: self.rel.to_string(),
            line: self.line,
        }
    }
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Compiler {
    fn err(&mut self, loc: &Loc<'_>, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(loc.display, loc.line, msg));
    }

    fn warn(&mut self, loc: &Loc<'_>, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(loc.display, loc.line, msg));
    }

    fn run(&mut self, dir: &Path) {
        self.hash = 0xcbf2_9ce4_8422_2325;
        let cameo_path = dir.join("cameo.tsv");
        match std::fs::read_to_string(&cameo_path) {
            Ok(text) => {
                self.hash = fnv(self.hash, text.as_bytes());
                let (table, diags) = read_cameo_tsv(&text, &cameo_path.display().to_string());
                self.dicts.cameo = table;
                self.diags.extend(diags);
            }
            Err(e) => self.diags.push(Diagnostic::error(
                cameo_path.display().to_string(),
                0,
                format!("expected the CAMEO table (generate it with crates/dict/scripts/gen_cameo.py), found an error: {e}"),
            )),
        }
        let mut files = Vec::new();
        if let Err(e) = txt_files(dir, &mut files) {
            self.diags.push(Diagnostic::error(
                dir.display().to_string(),
                0,
                format!("cannot read the dictionary directory: {e}"),
            ));
        }
        for path in files {
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let display = path.display().to_string();
            self.places.display.insert(rel.clone(), display.clone());
            match std::fs::read(&path) {
                Ok(bytes) => {
                    self.hash = fnv(self.hash, rel.as_bytes());
                    self.hash = fnv(self.hash, &bytes);
                    match String::from_utf8(bytes) {
                        Ok(text) => self.file(&display, &rel, &text),
                        Err(e) => self.diags.push(Diagnostic::error(
                            display,
                            0,
                            format!(
                                "expected UTF-8 text, found invalid bytes at offset {}",
                                e.utf8_error().valid_up_to()
                            ),
                        )),
                    }
                }
                Err(e) => {
                    self.diags
                        .push(Diagnostic::error(display, 0, format!("cannot read: {e}")))
                }
            }
        }
        self.finish_synsets();
        self.finish_indexes();
        self.dicts.version = format!("tocsin-dict/{} {:016x}", crate::FORMAT_VERSION, self.hash);
        self.dicts.format = DictFormat::Tocsin;
    }

    fn file(&mut self, display: &str, rel: &str, text: &str) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            let loc = Loc {
                display,
                rel,
                line: i as u32 + 1,
            };
            match split_entry(line) {
                Ok(e) => self.entry(&loc, &e),
                Err(m) => self.err(&loc, m),
            }
        }
    }

    fn entry(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) {
        let r = match e.keyword {
            "country" => self.actor(loc, e, ActorKind::Country),
            "org" => self.actor(loc, e, ActorKind::Org),
            "group" => self.actor(loc, e, ActorKind::Group),
            "person" => self.actor(loc, e, ActorKind::Person),
            "agent" => self.agent(loc, e),
            "synset" => self.synset(loc, e),
            "verb" => self.pattern(loc, e, PatternKind::Verb),
            "noun" => self.pattern(loc, e, PatternKind::Noun),
            "modal" => self.modal(loc, e),
            "derive" => self.derive(loc, e),
            "discard" => self.discard(loc, e),
            other => Err(format!(
                "expected an entry keyword (country, org, group, person, agent, synset, verb, noun, modal, derive, discard), found `{other}`"
            )),
        };
        if let Err(m) = r {
            self.err(loc, m);
        }
    }

    /// Checks field keys against the kind's allowed keys and bare-field count.
    fn fields<'e>(
        &mut self,
        loc: &Loc<'_>,
        e: &'e RawEntry<'e>,
        bare_names: &[&str],
        allowed: &[&str],
        repeatable: &[&str],
    ) -> Result<Fields<'e>, String> {
        let mut bare = Vec::new();
        let mut keyed: Vec<(&str, &str)> = Vec::new();
        for Field { key, value } in &e.fields {
            match key {
                None => {
                    if !keyed.is_empty() || bare.len() >= bare_names.len() {
                        return Err(match bare_names.len() {
                            0 => format!("expected `key: value` fields after the head of a `{}` entry, found `{value}`", e.keyword),
                            _ => format!("expected a `key: value` field, found `{value}` (a `{}` entry takes {} bare field(s) right after the head: {})", e.keyword, bare_names.len(), bare_names.join(", ")),
                        });
                    }
                    bare.push(*value);
                }
                Some(k) => {
                    if !allowed.contains(k) {
                        self.err(
                            loc,
                            format!(
                                "unknown field `{k}:` for a `{}` entry; expected one of: {}",
                                e.keyword,
                                allowed.join(", ")
                            ),
                        );
                        continue;
                    }
                    if keyed.iter().any(|(kk, _)| kk == k) && !repeatable.contains(k) {
                        self.err(loc, format!("field `{k}:` given twice; expected it once"));
                        continue;
                    }
                    if value.is_empty() {
                        self.err(loc, format!("expected a value after `{k}:`, found nothing"));
                        continue;
                    }
                    keyed.push((k, value));
                }
            }
        }
        if bare.len() < bare_names.len() {
            return Err(format!(
                "expected {} after the head of a `{}` entry, found {}",
                bare_names[bare.len()..]
                    .iter()
                    .map(|n| format!("`| {n}`"))
                    .collect::<Vec<_>>()
                    .join(" "),
                e.keyword,
                if e.fields.is_empty() {
                    "nothing".to_string()
                } else {
                    format!(
                        "`{}`",
                        e.fields
                            .iter()
                            .map(|f| f.value)
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                }
            ));
        }
        Ok((bare, keyed))
    }

    fn name(&mut self, loc: &Loc<'_>, text: &str, anycase: bool) -> Option<Name> {
        match name_with_range(text) {
            Ok((n, dates)) => {
                let tokens = name_tokens(n);
                if tokens.is_empty() {
                    self.err(loc, format!("expected a name, found `{text}`"));
                    return None;
                }
                Some(Name {
                    text: n.to_string(),
                    tokens,
                    dates,
                    cased: !anycase && is_capitalised_name(n),
                    stems: vec![],
                })
            }
            Err(m) => {
                self.err(loc, m);
                None
            }
        }
    }

    fn names(&mut self, loc: &Loc<'_>, value: &str, anycase: bool) -> Vec<Name> {
        list(value)
            .filter_map(|n| self.name(loc, n, anycase))
            .collect()
    }

    fn country_ref(&mut self, loc: &Loc<'_>, code: &str, what: &str) -> Result<String, String> {
        let org_like = (2..=8).contains(&code.len())
            && code.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !is_code3(code) && !org_like {
            return Err(format!(
                "expected a country code for {what} (ISO 3166-1 alpha-3 such as RUS, a CAMEO region such as EUR, or an org/group code such as NATO), found `{code}`"
            ));
        }
        if !REGIONS.contains(&code) {
            self.places
                .country_refs
                .push((code.to_string(), loc.display.to_string(), loc.line));
        }
        Ok(code.to_string())
    }

    fn claim_code(&mut self, loc: &Loc<'_>, code: &str) {
        if let Some((p, l)) = self.codes.get(code) {
            let msg = format!("duplicate actor code `{code}`: already defined at {p}:{l}");
            self.err(loc, msg);
        } else {
            self.codes
                .insert(code.to_string(), (loc.display.to_string(), loc.line));
        }
    }

    /// Expands synset includes (reporting undefined synsets and cycles).
    fn finish_synsets(&mut self) {
        let index: HashMap<String, usize> = self
            .synset_raw
            .iter()
            .enumerate()
            .map(|(i, (n, _, _))| (n.clone(), i))
            .collect();
        for (name, path, line) in std::mem::take(&mut self.places.synset_refs) {
            if !index.contains_key(&name) {
                self.diags.push(Diagnostic::error(
                    path.clone(),
                    line,
                    format!("undefined synset `&{name}`: expected a `synset &{name} | ...` entry"),
                ));
            }
            self.places.synset_refs.push((name, path, line));
        }
        for i in 0..self.synset_raw.len() {
            let mut seen = HashSet::new();
            let mut members = Vec::new();
            let mut stack = vec![i];
            while let Some(j) = stack.pop() {
                if !seen.insert(j) {
                    continue;
                }
                members.extend(self.synset_raw[j].1.iter().cloned());
                for inc in &self.synset_raw[j].2 {
                    if let Some(&k) = index.get(inc) {
                        if k == i {
                            let s = &self.dicts.synsets[i].source;
                            let path = self
                                .places
                                .display
                                .get(&s.file)
                                .cloned()
                                .unwrap_or_else(|| s.file.clone());
                            self.diags.push(Diagnostic::error(
                                path,
                                s.line,
                                format!(
                                    "synset `&{}` includes itself (through `&{inc}`)",
                                    self.synset_raw[i].0
                                ),
                            ));
                        }
                        stack.push(k);
                    }
                }
            }
            let mut uniq = HashSet::new();
            members.retain(|m| uniq.insert(m.clone()));
            self.dicts.synsets[i].members = members;
        }
        self.dicts.synset_index = index.into_iter().map(|(k, v)| (k, v as u32)).collect();
    }

    fn finish_indexes(&mut self) {
        build_indexes(&mut self.dicts);
    }
}
