//! Builds [`Dictionaries`] from imported (PETRARCH/TABARI) entries.

use crate::diag::Diagnostic;
use crate::legacy::{code_affiliation, parse_code_block, phrase_tokens, Dialect};
use crate::model::*;
use std::collections::HashMap;
use std::path::Path;

/// Where we are: display path and relative file name.
pub(crate) struct FileCtx {
    pub display: String,
    pub file: String,
}

impl FileCtx {
    pub fn new(path: &Path) -> FileCtx {
        FileCtx {
            display: path.display().to_string(),
            file: path.file_name().map_or_else(
                || path.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            ),
        }
    }

    pub fn at(&self, line: u32) -> SourceRef {
        SourceRef {
            file: self.file.clone(),
            line,
        }
    }

    pub fn err(&self, line: u32, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.display.clone(), line, msg)
    }
}

/// Accumulates imported entries.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub d: Dictionaries,
    pub diags: Vec<Diagnostic>,
    /// Verb forms → pattern ids (exact words).
    pub(crate) forms: Vec<(String, u32)>,
    /// Verb stems → pattern ids.
    pub(crate) stems: Vec<(String, u32)>,
    /// Raw synset members (may contain `&name` tokens) and includes.
    synset_raw: Vec<(Vec<Vec<String>>, Vec<String>)>,
    /// File name → display path, for diagnostics found at the end.
    pub display: HashMap<String, String>,
}

/// A name from a legacy phrase.
pub(crate) fn legacy_name(text: &str, dialect: Dialect) -> Name {
    let toks = phrase_tokens(text, dialect);
    Name {
        text: text.trim().to_string(),
        tokens: toks.iter().map(|t| t.text.clone()).collect(),
        dates: DateRange::ALWAYS,
        cased: false,
        stems: if toks.iter().any(|t| t.stem) {
            toks.iter().map(|t| t.stem).collect()
        } else {
            vec![]
        },
    }
}

/// The forms of a 2- to 5-word name with some adjacent words joined by `_`
/// into one token (`prince of dol_amroth`).
fn underscore_variants(n: &Name) -> Vec<Name> {
    let k = n.tokens.len();
    if !(2..=5).contains(&k) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for mask in 1u32..(1 << (k - 1)) {
        let mut tokens: Vec<String> = vec![n.tokens[0].clone()];
        let mut stems: Vec<bool> = vec![n.stems.first().copied().unwrap_or(false)];
        for i in 1..k {
            let stem = n.stems.get(i).copied().unwrap_or(false);
            if mask & (1 << (i - 1)) != 0 {
                if let (Some(t), Some(s)) = (tokens.last_mut(), stems.last_mut()) {
                    t.push('_');
                    t.push_str(&n.tokens[i]);
                    *s = stem;
                }
            } else {
                tokens.push(n.tokens[i].clone());
                stems.push(stem);
            }
        }
        out.push(Name {
            tokens,
            stems: if n.stems.is_empty() { vec![] } else { stems },
            ..n.clone()
        });
    }
    out
}

/// An actor being read: its names and code blocks.
#[derive(Debug, Default)]
pub(crate) struct PendingActor {
    pub line: u32,
    pub names: Vec<String>,
    pub codes: Vec<(String, DateRange)>,
    /// A code block was malformed (already reported).
    pub bad: bool,
}

impl Builder {
    /// Parses every `[...]` block of `text` as an actor code.
    pub fn code_blocks(
        &mut self,
        ctx: &FileCtx,
        line: u32,
        text: &str,
        out: &mut Vec<(String, DateRange)>,
    ) -> bool {
        let mut rest = text.trim();
        while !rest.is_empty() {
            let Some(body) = rest.strip_prefix('[') else {
                self.diags.push(ctx.err(
                    line,
                    format!("expected `[CODE]` or a comment after the name, found `{rest}`"),
                ));
                return false;
            };
            let Some(close) = body.find(']') else {
                self.diags.push(ctx.err(
                    line,
                    format!("expected `]` to close the code block `[{body}`"),
                ));
                return false;
            };
            match parse_code_block(&body[..close]) {
                Ok(c) => out.push(c),
                Err(m) => {
                    self.diags.push(ctx.err(line, m));
                    return false;
                }
            }
            rest = body[close + 1..].trim_start();
        }
        true
    }

    /// Turns a finished actor block into an [`Actor`].
    pub fn finish_actor(&mut self, ctx: &FileCtx, a: PendingActor, dialect: Dialect) {
        let Some(first) = a.names.first() else { return };
        if a.bad {
            return;
        }
        if a.codes.is_empty() {
            self.diags.push(ctx.err(a.line, format!("expected a code `[CODE]` for actor `{first}` (on its line or on the indented lines after it), found none")));
            return;
        }
        let dated: Vec<&(String, DateRange)> =
            a.codes.iter().filter(|(_, r)| !r.is_open()).collect();
        let undated = a.codes.iter().find(|(_, r)| r.is_open());
        let main_code = undated.unwrap_or(&a.codes[0]).0.clone();
        let aff = code_affiliation(&main_code);
        // PETRARCH has no kinds: dated codes of whole countries (`ZIMBABWE
        // [RHO <790606] [ZBW]`) make a country, other dated codes a person.
        let country_level = a
            .codes
            .iter()
            .all(|(c, _)| code_affiliation(c).sectors.is_empty());
        let kind = if !dated.is_empty() && !country_level {
            ActorKind::Person
        } else if aff.sectors.is_empty() {
            ActorKind::Country
        } else {
            ActorKind::Org
        };
        let roles = dated
            .iter()
            .map(|(code, r)| {
                let aff = code_affiliation(code);
                Role {
                    country: aff.country,
                    sectors: aff.sectors,
                    from: r.from,
                    to: r.to,
                    title: code.clone(),
                }
            })
            .collect();
        // TABARI: a name ending in `_` is a whole word that still takes the
        // regular noun endings ("LIBYA_" names "Libyas"); `=` is exact.
        let mut all = a.names.clone();
        if dialect == Dialect::Tabari {
            for n in &a.names {
                if let Some(stem) = n.trim_end().strip_suffix('_') {
                    all.extend(["S_", "ES_"].iter().map(|e| format!("{stem}{e}")));
                }
            }
        }
        let mut names = all
            .iter()
            .map(|n| legacy_name(n, dialect))
            .collect::<Vec<_>>()
            .into_iter();
        let canonical = names.next().unwrap_or_default();
        // Texts may join a name's words with `_` as the dictionaries do
        // ("Prince of Dol_Amroth"): each such joining names the actor too.
        let mut joined = Vec::new();
        for n in std::iter::once(&canonical).chain(names.as_slice()) {
            joined.extend(underscore_variants(n));
        }
        let names = names.chain(joined);
        let actor = Actor {
            id: self.d.actors.len() as u32,
            kind,
            code: if kind == ActorKind::Person {
                main_code.clone()
            } else {
                aff.country.clone()
            },
            name: first.trim().to_string(),
            canonical,
            aliases: names.collect(),
            adjectives: vec![],
            demonyms: vec![],
            capitals: vec![],
            metonyms: vec![],
            sectors: if kind == ActorKind::Person {
                vec![]
            } else {
                aff.sectors.clone()
            },
            country: None,
            region: None,
            parent: None,
            roles,
            after: None,
            default: (!dated.is_empty())
                .then_some(undated.map(|(c, _)| code_affiliation(c)))
                .flatten(),
            wikidata: None,
            dates: DateRange::ALWAYS,
            source: ctx.at(a.line),
        };
        self.d.actors.push(actor);
    }

    /// Adds an agent from `NAME {PLURALS} [~CODE]` parts.
    pub fn agent(
        &mut self,
        ctx: &FileCtx,
        line: u32,
        names: &[String],
        plurals: &[String],
        code: &str,
        dialect: Dialect,
    ) {
        let code = code.trim();
        let (placement, body) = if let Some(c) = code.strip_prefix('~') {
            (AgentPlacement::After, c.trim())
        } else if let Some(c) = code.strip_suffix('~') {
            (AgentPlacement::Before, c.trim())
        } else {
            self.diags.push(ctx.err(
                line,
                format!("expected an agent code `[~CODE]` (or `[CODE~]`), found `[{code}]`"),
            ));
            return;
        };
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.diags.push(ctx.err(
                line,
                format!("expected letters after `~` in the agent code, found `[{code}]`"),
            ));
            return;
        }
        let body = body.to_uppercase();
        let sectors = (0..body.len())
            .step_by(3)
            .map(|i| body[i..(i + 3).min(body.len())].to_string())
            .collect();
        self.d.agents.push(Agent {
            id: self.d.agents.len() as u32,
            name: names.first().cloned().unwrap_or_default(),
            sectors,
            names: names.iter().map(|n| legacy_name(n, dialect)).collect(),
            plurals: plurals.iter().map(|n| legacy_name(n, dialect)).collect(),
            country: None,
            placement,
            source: ctx.at(line),
        });
    }

    /// Starts a synset; returns its index.
    pub fn synset(&mut self, ctx: &FileCtx, line: u32, name: &str) -> usize {
        let name = name
            .trim()
            .trim_start_matches('&')
            .trim_end_matches('_')
            .to_lowercase();
        self.d.synsets.push(Synset {
            name,
            members: vec![],
            includes: vec![],
            source: ctx.at(line),
        });
        self.synset_raw.push((vec![], vec![]));
        self.synset_raw.len() - 1
    }

    /// Adds a member (`AUSTRIAN FLORIN`, `&TIETYPES`, `&TIETYPES_MEMOS`).
    pub fn synset_member(&mut self, idx: usize, member: &str, dialect: Dialect) {
        let m = member.trim();
        let (members, includes) = &mut self.synset_raw[idx];
        let whole = m.trim_end_matches('_');
        if let Some(inc) = whole.strip_prefix('&').filter(|n| !n.contains(['_', ' '])) {
            includes.push(inc.to_lowercase());
            self.d.synsets[idx].includes.push(inc.to_lowercase());
        } else {
            let toks: Vec<String> = member_words(m)
                .filter(|(w, _)| !w.is_empty())
                .map(|(w, followed)| {
                    if w.starts_with('&') {
                        w.to_lowercase()
                    } else {
                        // As in TABARI patterns, a word is a stem unless a
                        // `_` (or `=`) follows it (or it splits, as "WON'T"
                        // does): marked with `~`.
                        phrase_tokens(w, dialect)
                            .first()
                            .map(|t| {
                                if t.stem && !followed && !t.text.is_empty() {
                                    format!("{}{STEM_MARK}", t.text)
                                } else {
                                    t.text.clone()
                                }
                            })
                            .unwrap_or_default()
                    }
                })
                .filter(|w| !w.is_empty())
                .collect();
            if !toks.is_empty() {
                members.push(toks);
            }
        }
    }

    /// Adds a verb pattern and indexes it under `keys` (exact forms) and
    /// `stem_keys` (TABARI stems).
    pub fn pattern(&mut self, p: VerbPattern, keys: &[String], stem_keys: &[String]) -> u32 {
        let id = self.d.verbs.len() as u32;
        self.d.verbs.push(p);
        for k in keys {
            self.forms.push((k.clone(), id));
        }
        for k in stem_keys {
            self.stems.push((k.clone(), id));
        }
        id
    }

    /// Adds a discard phrase.
    pub fn discard(
        &mut self,
        ctx: &FileCtx,
        line: u32,
        phrase: &str,
        scope: DiscardScope,
        dialect: Dialect,
    ) {
        let name = legacy_name(phrase, dialect);
        if name.tokens.is_empty() {
            return;
        }
        self.d.discards.push(Discard {
            phrase: name,
            scope,
            note: None,
            source: ctx.at(line),
        });
    }

    /// Finishes: expands synsets, reports undefined synsets, builds indexes.
    pub fn finish(
        mut self,
        format: DictFormat,
        version: String,
    ) -> (Dictionaries, Vec<Diagnostic>) {
        let index: HashMap<String, usize> = self
            .d
            .synsets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        let expanded: Vec<Vec<Vec<String>>> = (0..self.synset_raw.len())
            .map(|i| self.expand(i, &index, &mut Vec::new()))
            .collect();
        for (s, members) in self.d.synsets.iter_mut().zip(expanded) {
            s.members = members;
        }
        for p in &self.d.verbs {
            let Some(w) = &p.words else { continue };
            for item in w.before.iter().chain(&w.after) {
                for name in synset_refs(&item.tok) {
                    if !index.contains_key(&name) {
                        self.diags.push(Diagnostic::warning(
                            self.display
                                .get(&p.source_ref.file)
                                .cloned()
                                .unwrap_or_else(|| p.source_ref.file.clone()),
                            p.source_ref.line,
                            format!(
                                "undefined synset `&{}`: the pattern can never match",
                                name.to_uppercase()
                            ),
                        ));
                    }
                }
            }
        }
        crate::compile::build_indexes(&mut self.d);
        // Imports index patterns by every verb form, not by the lemma alone.
        let mut vi: HashMap<String, Vec<u32>> = HashMap::new();
        for (k, id) in self.forms {
            let v = vi.entry(k).or_default();
            if !v.contains(&id) {
                v.push(id);
            }
        }
        let mut vs: HashMap<String, Vec<u32>> = HashMap::new();
        for (k, id) in self.stems {
            let v = vs.entry(k).or_default();
            if !v.contains(&id) {
                v.push(id);
            }
        }
        for v in vi.values_mut().chain(vs.values_mut()) {
            v.sort_unstable();
        }
        self.d.verb_index = vi;
        self.d.verb_stems = vs;
        self.d.format = format;
        self.d.version = version;
        (self.d, self.diags)
    }

    /// Members of synset `i` with includes and embedded `&name` tokens expanded.
    fn expand(
        &self,
        i: usize,
        index: &HashMap<String, usize>,
        stack: &mut Vec<usize>,
    ) -> Vec<Vec<String>> {
        if stack.contains(&i) || stack.len() > 8 {
            return vec![];
        }
        stack.push(i);
        let (members, includes) = &self.synset_raw[i];
        let mut out: Vec<Vec<String>> = Vec::new();
        for m in members {
            let mut seqs: Vec<Vec<String>> = vec![vec![]];
            for tok in m {
                let alts: Vec<Vec<String>> = match tok.strip_prefix('&').and_then(|n| index.get(n))
                {
                    Some(&j) => self.expand(j, index, stack),
                    None => vec![vec![tok.clone()]],
                };
                seqs = seqs
                    .iter()
                    .flat_map(|s| alts.iter().map(move |a| [s.clone(), a.clone()].concat()))
                    .collect();
            }
            out.extend(seqs);
        }
        for inc in includes {
            if let Some(&j) = index.get(inc) {
                out.extend(self.expand(j, index, stack));
            }
        }
        stack.pop();
        let mut seen = std::collections::HashSet::new();
        out.retain(|m| seen.insert(m.clone()));
        out
    }
}

/// The words of a synset member (split at spaces and `_`), each with whether
/// a `_` or `=` follows it.
fn member_words(m: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = m;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c == '_' || c.is_whitespace());
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c == '_' || c.is_whitespace())
            .unwrap_or(rest.len());
        let (w, after) = rest.split_at(end);
        rest = after;
        let exact = w.ends_with('=');
        Some((w.trim_end_matches('='), exact || after.starts_with('_')))
    })
}

fn synset_refs(t: &WordTok) -> Vec<String> {
    match t {
        WordTok::Synset(s) => vec![s.clone()],
        WordTok::Alt(alts) => alts.iter().flatten().flat_map(synset_refs).collect(),
        _ => vec![],
    }
}

/// An event code and its paired (reciprocal) code.
pub(crate) type Codes = (String, Option<String>);

/// Parses `[CODE]` or `[CODE:PAIRED]` at the end of a verb or pattern line:
/// returns the text before it and the codes.
pub(crate) fn trailing_code(text: &str) -> Result<(&str, Option<Codes>), String> {
    let t = text.trim_end();
    if !t.ends_with(']') {
        if t.contains('[') {
            return Err(format!(
                "expected `[CODE]` at the end, found `{}`",
                t.trim()
            ));
        }
        return Ok((t, None));
    }
    let open = t
        .rfind('[')
        .ok_or_else(|| format!("expected `[` to open the code in `{}`", t.trim()))?;
    let code = t[open + 1..t.len() - 1].trim();
    if code.is_empty() || code.contains(char::is_whitespace) {
        return Err(format!(
            "expected an event code such as `[190]` or `[031:032]`, found `[{code}]`"
        ));
    }
    // `[:173]` (PETRARCH-2): only the reciprocal event; no forward event.
    let (c, paired) = match code.split_once(':') {
        Some(("", b)) => ("---".to_string(), Some(b.to_string())),
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (code.to_string(), None),
    };
    Ok((&t[..open], Some((c, paired))))
}

/// The regular forms PETRARCH generates for a base verb (`-s`, `-ed`, `-ing`).
pub(crate) fn verb_forms(base: &str) -> Vec<String> {
    let mut v = vec![base.to_string()];
    // Already inflected (`SAID`, `CALLED`, `URGING`, `SAYS`): no more forms.
    if base.ends_with("ed")
        || base.ends_with("ing")
        || base.ends_with("id")
        || (base.ends_with('s') && !base.ends_with("ss"))
    {
        return v;
    }
    let stem = base.strip_suffix('e').unwrap_or(base);
    if base.ends_with('y')
        && !base.ends_with("ay")
        && !base.ends_with("ey")
        && !base.ends_with("oy")
    {
        let b = &base[..base.len() - 1];
        v.extend([format!("{b}ies"), format!("{b}ied"), format!("{base}ing")]);
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| base.ends_with(e))
    {
        v.extend([
            format!("{base}es"),
            format!("{base}ed"),
            format!("{base}ing"),
        ]);
    } else {
        v.extend([
            format!("{base}s"),
            format!("{stem}ed"),
            format!("{stem}ing"),
        ]);
    }
    v
}
