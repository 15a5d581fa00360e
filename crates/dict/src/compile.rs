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

    fn actor(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>, kind: ActorKind) -> Result<(), String> {
        let (bare_names, allowed): (&[&str], &[&str]) = match kind {
            ActorKind::Country => (
                &["NAME"],
                &[
                    "alias", "adj", "demonym", "capital", "metonym", "wikidata", "dates",
                    "anycase", "note",
                ],
            ),
            ActorKind::Org => (
                &["NAME"],
                &[
                    "alias", "adj", "sectors", "region", "parent", "country", "wikidata", "dates",
                    "anycase", "note",
                ],
            ),
            ActorKind::Group => (
                &["NAME"],
                &[
                    "alias", "adj", "demonym", "country", "sectors", "wikidata", "dates",
                    "anycase", "note",
                ],
            ),
            ActorKind::Person => (
                &[],
                &[
                    "alias", "wikidata", "role", "after", "dates", "anycase", "note",
                ],
            ),
        };
        let repeat = ["alias", "adj", "demonym", "capital", "metonym", "role"];
        let (bare, keyed) = self.fields(loc, e, bare_names, allowed, &repeat)?;
        let anycase = keyed.iter().any(|(k, v)| *k == "anycase" && *v == "yes");
        if let Some((_, v)) = keyed
            .iter()
            .find(|(k, v)| *k == "anycase" && *v != "yes" && *v != "no")
        {
            self.err(
                loc,
                format!("expected `anycase: yes` or `anycase: no`, found `anycase: {v}`"),
            );
        }
        let head = e.head;
        let (code, name) = match kind {
            ActorKind::Person => {
                if head.is_empty() {
                    return Err("expected a person's name after `person`, found nothing".into());
                }
                let code: String = head
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_uppercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                (code, head)
            }
            ActorKind::Country => {
                if !is_code3(head) {
                    return Err(format!("expected a country code (three uppercase letters, ISO 3166-1 alpha-3 or a CAMEO region) after `country`, found `{head}`"));
                }
                (head.to_string(), bare[0])
            }
            ActorKind::Org | ActorKind::Group => {
                let ok = (2..=8).contains(&head.len())
                    && head.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                    && head
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                if !ok {
                    return Err(format!("expected an {} code (3-6 uppercase letters or digits, e.g. NATO) after `{}`, found `{head}`", e.keyword, e.keyword));
                }
                (head.to_string(), bare[0])
            }
        };
        self.claim_code(loc, &code);
        let canonical = self.name(loc, name, anycase).unwrap_or_default();
        let mut actor = Actor {
            id: self.dicts.actors.len() as u32,
            kind,
            code,
            name: name.to_string(),
            canonical,
            aliases: vec![],
            adjectives: vec![],
            demonyms: vec![],
            capitals: vec![],
            metonyms: vec![],
            sectors: vec![],
            country: None,
            region: None,
            parent: None,
            roles: vec![],
            after: None,
            default: None,
            wikidata: None,
            dates: DateRange::ALWAYS,
            source: loc.source(),
        };
        let mut after_none = false;
        let keyed_roles = keyed.iter().filter(|(k, _)| *k == "role").count();
        for (k, v) in keyed {
            match k {
                "alias" => actor.aliases.extend(self.names(loc, v, anycase)),
                "adj" => actor.adjectives.extend(self.names(loc, v, anycase)),
                "demonym" => actor.demonyms.extend(self.names(loc, v, anycase)),
                "capital" => actor.capitals.extend(self.names(loc, v, anycase)),
                "metonym" => {
                    for m in list(v) {
                        if let Some(x) = self.metonym(loc, m, anycase) {
                            actor.metonyms.push(x);
                        }
                    }
                }
                "sectors" => match parse_sectors(v) {
                    Ok(s) => actor.sectors = s,
                    Err(m) => self.err(loc, m),
                },
                "country" => match self.country_ref(loc, v, "`country:`") {
                    Ok(c) => actor.country = Some(c),
                    Err(m) => self.err(loc, m),
                },
                "region" => {
                    if REGIONS.contains(&v) || is_code3(v) {
                        actor.region = Some(v.to_string());
                    } else {
                        self.err(loc, format!("expected a CAMEO region code such as EUR or WST for `region:`, found `{v}`"));
                    }
                }
                "parent" => {
                    self.places.parent_refs.push((
                        v.to_string(),
                        loc.display.to_string(),
                        loc.line,
                    ));
                    actor.parent = Some(v.to_string());
                }
                "wikidata" => {
                    if v.starts_with('Q')
                        && v.len() > 1
                        && v[1..].bytes().all(|b| b.is_ascii_digit())
                    {
                        actor.wikidata = Some(v.to_string());
                    } else {
                        self.err(
                            loc,
                            format!("expected a Wikidata id such as Q159, found `{v}`"),
                        );
                    }
                }
                "dates" => match parse_range(v) {
                    Ok(r) => actor.dates = r,
                    Err(m) => self.err(loc, m),
                },
                "role" => match self.role(loc, v) {
                    Ok(r) => actor.roles.push(r),
                    Err(m) => self.err(loc, m),
                },
                "after" => {
                    if v == "none" {
                        after_none = true;
                    } else {
                        match self.affiliation(loc, v) {
                            Ok(a) => actor.after = Some(a),
                            Err(m) => self.err(loc, m),
                        }
                    }
                }
                _ => {}
            }
        }
        match kind {
            ActorKind::Org | ActorKind::Group if actor.sectors.is_empty() => {
                self.err(
                    loc,
                    format!(
                        "expected `sectors:` (at least one, e.g. {}) for a `{}` entry, found none",
                        if kind == ActorKind::Org { "IGO" } else { "INS" },
                        e.keyword
                    ),
                );
            }
            ActorKind::Group if actor.country.is_none() => {
                self.err(loc, "expected `country:` for a `group` entry (its base country, or IMG for transnational groups), found none");
            }
            ActorKind::Person => {
                actor.roles.sort_by_key(|r| r.dates().start_day());
                if actor.after.is_none() && !after_none {
                    actor.after = actor
                        .roles
                        .iter()
                        .max_by_key(|r| r.dates().end_day())
                        .map(|r| Affiliation {
                            country: r.country.clone(),
                            sectors: vec!["ELI".to_string()],
                        });
                }
                let wrote_roles = keyed_roles > 0;
                if !wrote_roles && actor.after.is_none() {
                    self.warn(loc, format!("person `{}` has no `role:` and no `after:`: it never codes as an actor", actor.name));
                }
            }
            _ => {}
        }
        self.dicts.actors.push(actor);
        Ok(())
    }

    fn metonym(&mut self, loc: &Loc<'_>, m: &str, anycase: bool) -> Option<Metonym> {
        let mut parts = m.splitn(3, '=');
        let name = parts.next().unwrap_or("").trim();
        let Some(secs) = parts.next() else {
            self.err(
                loc,
                format!("expected `metonym: NAME=SECTORS` (e.g. Kremlin=GOV), found `{m}`"),
            );
            return None;
        };
        let sectors = match parse_sectors(secs.trim()) {
            Ok(s) if !s.is_empty() => s,
            Ok(_) => {
                self.err(
                    loc,
                    format!("expected sectors after `=` in metonym `{m}`, found nothing"),
                );
                return None;
            }
            Err(e) => {
                self.err(loc, e);
                return None;
            }
        };
        let text = match parts.next() {
            Some(r) => format!("{name}={r}"),
            None => name.to_string(),
        };
        let name = self.name(loc, &text, anycase)?;
        Some(Metonym { name, sectors })
    }

    fn affiliation(&mut self, loc: &Loc<'_>, v: &str) -> Result<Affiliation, String> {
        let mut it = v.split_whitespace();
        let country = it.next().unwrap_or("");
        let country = self.country_ref(loc, country, "`after:`")?;
        let rest: Vec<&str> = it.collect();
        let sectors = parse_sectors(&rest.join(" "))?;
        Ok(Affiliation { country, sectors })
    }

    fn role(&mut self, loc: &Loc<'_>, v: &str) -> Result<Role, String> {
        let words: Vec<&str> = v.split_whitespace().collect();
        let Some((&country, rest)) = words.split_first() else {
            return Err("expected `role: COUNTRY SECTORS FROM..TO TITLE`, found nothing".into());
        };
        let country = self.country_ref(loc, country, "a role")?;
        let mut sectors = Vec::new();
        let mut i = 0;
        while i < rest.len()
            && !rest[i].contains("..")
            && rest[i].len() % 3 == 0
            && rest[i].bytes().all(|b| b.is_ascii_uppercase())
        {
            sectors.extend(parse_sectors(rest[i])?);
            i += 1;
        }
        let mut dates = DateRange::ALWAYS;
        if let Some(w) = rest.get(i) {
            if w.contains("..") {
                dates = parse_range(w)?;
                i += 1;
            } else if w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "expected a date range FROM..TO in the role, found `{w}`"
                ));
            }
        }
        if dates.is_open() {
            return Err(format!("expected a date range FROM..TO after the role's sectors (`role: {country} GOV 2012-05-07.. president`), found `{v}`"));
        }
        Ok(Role {
            country,
            sectors,
            from: dates.from,
            to: dates.to,
            title: rest[i.min(rest.len())..].join(" "),
        })
    }

    fn agent(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
        let (bare, keyed) = self.fields(
            loc,
            e,
            &["SECTORS"],
            &["plural", "alias", "country", "anycase", "note"],
            &["alias", "plural"],
        )?;
        if e.head.is_empty() {
            return Err("expected an agent noun after `agent`, found nothing".into());
        }
        let sectors = parse_sectors(bare[0])?;
        let anycase = keyed.iter().any(|(k, v)| *k == "anycase" && *v == "yes");
        let mut names = Vec::new();
        let singular = self.name(loc, e.head, anycase);
        let mut plurals: Vec<String> = Vec::new();
        let mut explicit_plural = false;
        let mut country = None;
        let mut aliases = Vec::new();
        for (k, v) in keyed {
            match k {
                "plural" => {
                    explicit_plural = true;
                    plurals.extend(list(v).map(str::to_string));
                }
                "alias" => aliases.extend(list(v).map(str::to_string)),
                "country" => country = Some(self.country_ref(loc, v, "`country:`")?),
                _ => {}
            }
        }
        if !explicit_plural {
            plurals.extend(plural_variants(e.head));
        }
        names.extend(singular);
        let mut plural_names = Vec::new();
        for p in &plurals {
            plural_names.extend(self.name(loc, p, anycase));
        }
        for a in &aliases {
            names.extend(self.name(loc, a, anycase));
            if !explicit_plural {
                for pl in plural_variants(a) {
                    plural_names.extend(self.name(loc, &pl, anycase));
                }
            }
        }
        // `agent troops | MIL | plural: troops`: the singular is the plural.
        plural_names.retain(|p| !names.iter().any(|n| n.tokens == p.tokens));
        self.dicts.agents.push(Agent {
            id: self.dicts.agents.len() as u32,
            name: e.head.to_string(),
            sectors,
            names,
            plurals: plural_names,
            country,
            placement: AgentPlacement::After,
            source: loc.source(),
        });
        Ok(())
    }

    fn synset(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
        let (bare, _) = self.fields(loc, e, &["MEMBERS"], &["note"], &[])?;
        let Some(name) = e
            .head
            .strip_prefix('&')
            .filter(|n| !n.is_empty() && !n.contains(char::is_whitespace))
        else {
            return Err(format!(
                "expected a synset name `&name` after `synset`, found `{}`",
                e.head
            ));
        };
        let name = name.to_lowercase();
        if self.synset_raw.iter().any(|(n, _, _)| *n == name) {
            return Err(format!("duplicate synset `&{name}`"));
        }
        let mut members = Vec::new();
        let mut includes = Vec::new();
        for m in list(bare[0]) {
            if let Some(inc) = m.strip_prefix('&') {
                includes.push(inc.to_lowercase());
                self.places.synset_refs.push((
                    inc.to_lowercase(),
                    loc.display.to_string(),
                    loc.line,
                ));
            } else {
                let t = name_tokens(m);
                for pl in plural_variants(m) {
                    let p = name_tokens(&pl);
                    if p != t {
                        members.push(p);
                    }
                }
                members.push(t);
            }
        }
        self.dicts.synsets.push(Synset {
            name: name.clone(),
            members: vec![],
            includes: includes.clone(),
            source: loc.source(),
        });
        self.synset_raw.push((name, members, includes));
        Ok(())
    }

    fn terms(&mut self, loc: &Loc<'_>, v: &str) -> Vec<Term> {
        list(v)
            .map(|t| {
                if t == "*" {
                    Term::Any
                } else if let Some(s) = t.strip_prefix('&') {
                    self.places.synset_refs.push((
                        s.to_lowercase(),
                        loc.display.to_string(),
                        loc.line,
                    ));
                    Term::Synset(s.to_lowercase())
                } else {
                    Term::Word(t.to_lowercase())
                }
            })
            .collect()
    }

    fn constraint(
        &mut self,
        loc: &Loc<'_>,
        k: &str,
        v: &str,
    ) -> Result<Option<Constraint>, String> {
        Ok(Some(match k {
            "obj" => Constraint::Obj(self.terms(loc, v)),
            "subj" => Constraint::Subj(self.terms(loc, v)),
            "prep" => {
                let (p, rest) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
                // `prep: for` alone: any head (`call for talks`).
                let mut head = self.terms(loc, rest.trim());
                if head.is_empty() {
                    head.push(Term::Any);
                }
                Constraint::Prep {
                    prep: p.to_lowercase(),
                    head,
                }
            }
            "prt" => Constraint::Prt(single_word(k, v)?),
            "xcomp" => Constraint::Xcomp(single_word(k, v)?),
            "voice" => Constraint::Voice(match v {
                "active" => Voice::Active,
                "passive" => Voice::Passive,
                _ => {
                    return Err(format!(
                        "expected `voice: active` or `voice: passive`, found `voice: {v}`"
                    ))
                }
            }),
            _ => return Ok(None),
        }))
    }

    fn pattern(
        &mut self,
        loc: &Loc<'_>,
        e: &RawEntry<'_>,
        kind: PatternKind,
    ) -> Result<(), String> {
        let allowed = [
            "obj", "prep", "prt", "xcomp", "voice", "subj", "target", "source", "note",
        ];
        let (bare, keyed) = self.fields(loc, e, &["CODE"], &allowed, &["prep"])?;
        let lemma = e.head;
        let multiword = lemma.contains(char::is_whitespace);
        if lemma.is_empty() || (multiword && kind == PatternKind::Verb) {
            return Err(format!(
                "expected a single-word lemma after `verb` (phrasal verbs use `prt:`), found `{lemma}`"
            ));
        }
        // Event nouns may be compounds (`hunger strike`): indexed by the head.
        let lemma = name_tokens(lemma).join(" ");
        let code = bare[0];
        if !code.bytes().all(|b| b.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
            return Err(format!(
                "expected a CAMEO event code (2-4 digits, e.g. 190), found `{code}`"
            ));
        }
        if !self.dicts.cameo.is_empty() && !self.dicts.cameo.contains(code) {
            self.err(
                loc,
                format!("unknown CAMEO code `{code}`: expected a code of cameo.tsv"),
            );
        }
        let mut p = VerbPattern {
            lemma,
            code: code.to_string(),
            paired: None,
            kind,
            constraints: vec![],
            target: vec![],
            source: vec![],
            words: None,
            note: None,
            source_ref: loc.source(),
            text: e.text.to_string(),
        };
        // `xcomp: a; b` and `prt: a; b` are alternatives: one pattern each.
        let mut variants: Vec<Vec<Constraint>> = vec![vec![]];
        for (k, v) in keyed {
            match k {
                "target" => p.target = slots(v)?,
                "source" => p.source = slots(v)?,
                "note" => p.note = Some(v.to_string()),
                "xcomp" | "prt" if v.contains(';') => {
                    let alts: Vec<Constraint> = list(v)
                        .map(|w| {
                            single_word(k, w).map(|w| {
                                if k == "xcomp" {
                                    Constraint::Xcomp(w)
                                } else {
                                    Constraint::Prt(w)
                                }
                            })
                        })
                        .collect::<Result<_, _>>()?;
                    variants = variants
                        .iter()
                        .flat_map(|base| {
                            alts.iter()
                                .map(move |a| [base.clone(), vec![a.clone()]].concat())
                        })
                        .collect();
                }
                _ => match self.constraint(loc, k, v) {
                    Ok(Some(c)) => p.constraints.push(c),
                    Ok(None) => {}
                    Err(m) => self.err(loc, m),
                },
            }
        }
        for extra in variants {
            let mut q = p.clone();
            q.constraints.extend(extra);
            match kind {
                PatternKind::Verb => self.dicts.verbs.push(q),
                PatternKind::Noun => self.dicts.nouns.push(q),
            }
        }
        Ok(())
    }

    fn modal(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
        let allowed = ["obj", "prep", "prt", "xcomp", "voice", "subj", "note"];
        let (bare, keyed) = self.fields(loc, e, &["KIND"], &allowed, &["prep"])?;
        if e.head.is_empty() || e.head.contains(char::is_whitespace) {
            return Err(format!(
                "expected a single-word lemma after `modal`, found `{}`",
                e.head
            ));
        }
        let kind = ModalKind::parse(bare[0]).ok_or_else(|| {
            format!(
                "expected a modal kind ({}), found `{}`",
                ModalKind::ALL.map(ModalKind::keyword).join(", "),
                bare[0]
            )
        })?;
        let mut constraints = Vec::new();
        for (k, v) in keyed {
            match self.constraint(loc, k, v) {
                Ok(Some(c)) => constraints.push(c),
                Ok(None) => {}
                Err(m) => self.err(loc, m),
            }
        }
        self.dicts.modals.push(Modal {
            lemma: e.head.to_lowercase(),
            kind,
            constraints,
            source_ref: loc.source(),
        });
        Ok(())
    }

    fn derive(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
        let (bare, _) = self.fields(loc, e, &["FROM", "TO"], &["note"], &[])?;
        let kind = ModalKind::parse(e.head).ok_or_else(|| {
            format!(
                "expected a modal kind ({}) after `derive`, found `{}`",
                ModalKind::ALL.map(ModalKind::keyword).join(", "),
                e.head
            )
        })?;
        let (from, to) = (bare[0], bare[1]);
        if from != "*"
            && (!from.bytes().all(|b| b.is_ascii_digit()) || from.is_empty() || from.len() > 4)
        {
            return Err(format!(
                "expected a CAMEO code prefix (1-4 digits) or `*` as FROM, found `{from}`"
            ));
        }
        if from != "*"
            && !self.dicts.cameo.is_empty()
            && !self
                .dicts
                .cameo
                .entries
                .iter()
                .any(|c| c.code.starts_with(from))
        {
            self.warn(
                loc,
                format!("no CAMEO code starts with `{from}`: this row never applies"),
            );
        }
        if !self.dicts.cameo.is_empty() && !self.dicts.cameo.contains(to) {
            return Err(format!(
                "unknown CAMEO code `{to}` as TO: expected a code of cameo.tsv"
            ));
        }
        self.dicts.derives.push(Derive {
            kind,
            from: from.to_string(),
            to: to.to_string(),
            source_ref: loc.source(),
        });
        Ok(())
    }

    fn discard(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
        let (_, keyed) = self.fields(loc, e, &[], &["note", "scope"], &[])?;
        let mut scope = DiscardScope::Sentence;
        let mut note = None;
        for (k, v) in keyed {
            match (k, v) {
                ("scope", "sentence") => scope = DiscardScope::Sentence,
                ("scope", "story") => scope = DiscardScope::Story,
                ("scope", _) => {
                    return Err(format!(
                        "expected `scope: sentence` or `scope: story`, found `scope: {v}`"
                    ))
                }
                _ => note = Some(v.to_string()),
            }
        }
        let tokens = name_tokens(e.head);
        if tokens.is_empty() {
            return Err("expected a phrase after `discard`, found nothing".into());
        }
        self.dicts.discards.push(Discard {
            phrase: Name {
                text: e.head.to_string(),
                tokens,
                dates: DateRange::ALWAYS,
                cased: false,
                stems: vec![],
            },
            scope,
            note,
            source: loc.source(),
        });
        Ok(())
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

/// Rebuilds every index of `d` (names, agents, verbs, nouns, discards,
/// synsets) from its entry vectors.
pub(crate) fn build_indexes(d: &mut Dictionaries) {
    use crate::names::{NameIndex, NameRef, NameRole, NameTarget};
    let mut names = NameIndex::default();
    for a in &d.actors {
        for (n, role) in a.all_names() {
            if n.tokens.is_empty() {
                continue;
            }
            let sectors = match role {
                NameRole::Metonym => a
                    .metonyms
                    .iter()
                    .find(|m| std::ptr::eq(&m.name, n))
                    .map(|m| m.sectors.clone())
                    .unwrap_or_default(),
                NameRole::Capital => vec!["GOV".to_string()],
                _ => vec![],
            };
            names.insert(
                &n.name_toks(),
                NameTarget {
                    target: NameRef::Actor(a.id),
                    role,
                    sectors,
                    dates: n.dates,
                    cased: n.cased,
                },
            );
        }
    }
    let mut agents = NameIndex::default();
    for a in &d.agents {
        let all = a
            .names
            .iter()
            .map(|n| (n, false))
            .chain(a.plurals.iter().map(|n| (n, true)));
        for (n, plural) in all {
            agents.insert(
                &n.name_toks(),
                NameTarget {
                    target: NameRef::Agent(a.id),
                    role: if plural {
                        NameRole::AgentPlural
                    } else {
                        NameRole::Agent
                    },
                    sectors: a.sectors.clone(),
                    dates: n.dates,
                    cased: n.cased,
                },
            );
        }
    }
    let mut discards = NameIndex::default();
    for (i, x) in d.discards.iter().enumerate() {
        discards.insert(
            &x.phrase.name_toks(),
            NameTarget {
                target: NameRef::Discard(i as u32),
                role: NameRole::Discard,
                sectors: vec![],
                dates: DateRange::ALWAYS,
                cased: false,
            },
        );
    }
    d.names = names;
    d.agent_index = agents;
    d.discard_index = discards;
    d.verb_index = pattern_index(&d.verbs);
    d.noun_index = pattern_index(&d.nouns);
    d.synset_index = d
        .synsets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i as u32))
        .collect();
}

fn pattern_index(ps: &[VerbPattern]) -> HashMap<String, Vec<u32>> {
    let mut m: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, p) in ps.iter().enumerate() {
        // Compound event nouns (`hunger strike`) are found by their head.
        let key = p.lemma.rsplit(' ').next().unwrap_or(&p.lemma);
        m.entry(key.to_string()).or_default().push(i as u32);
    }
    m
}

fn single_word(k: &str, v: &str) -> Result<String, String> {
    if v.contains(char::is_whitespace) || v.contains(';') {
        return Err(format!("expected one word after `{k}:`, found `{v}`"));
    }
    Ok(v.to_lowercase())
}

fn slots(v: &str) -> Result<Vec<Slot>, String> {
    list(v)
        .map(|s| {
            Ok(match s {
                "subj" => Slot::Subj,
                "obj" => Slot::Obj,
                "iobj" => Slot::Iobj,
                "xobj" => Slot::Xobj,
                "poss" => Slot::Poss,
                "amod" => Slot::Amod,
                "compound" => Slot::Compound,
                "none" => Slot::None,
                _ => match s.strip_prefix("prep ") {
                    Some(p) if !p.trim().is_empty() && !p.trim().contains(' ') => Slot::Prep(p.trim().to_lowercase()),
                    _ => {
                        return Err(format!(
                            "expected a slot (obj, iobj, subj, xobj, poss, amod, compound, none or `prep P`), found `{s}`"
                        ))
                    }
                },
            })
        })
        .collect()
}

/// The regular plural, plus `-oes` for words in `-o` (`embargoes`,
/// `vetoes`) since English spells both.
fn plural_variants(phrase: &str) -> Vec<String> {
    let p = pluralize(phrase);
    let last = phrase.rsplit(' ').next().unwrap_or(phrase).to_lowercase();
    let vowel_o = last.len() >= 2
        && matches!(
            last.as_bytes()[last.len() - 2],
            b'a' | b'e' | b'i' | b'o' | b'u'
        );
    if last.ends_with('o') && !vowel_o {
        let oes = format!("{}es", &p[..p.len() - 1]);
        vec![p, oes]
    } else {
        vec![p]
    }
}

/// The regular English plural of a noun phrase (its last word).
#[must_use]
pub fn pluralize(phrase: &str) -> String {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => phrase.split_at(i + 1),
        None => ("", phrase),
    };
    let lower = last.to_lowercase();
    let plural = if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
        && !lower.ends_with("uy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(pluralize("soldier"), "soldiers");
        assert_eq!(pluralize("foreign ministry"), "foreign ministries");
        assert_eq!(pluralize("embassy"), "embassies");
        assert_eq!(pluralize("attorney"), "attorneys");
        assert_eq!(pluralize("coalition force"), "coalition forces");
        assert_eq!(pluralize("church"), "churches");
    }
}
