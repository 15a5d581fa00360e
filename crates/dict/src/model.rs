//! The compiled dictionaries: the types the event coder consumes.
//!
//! Everything here is immutable after compilation and cheap to share between
//! threads. Names (of actors, agents, discards) are stored as sequences of
//! normalized tokens (see [`normalize_token`](crate::normalize_token)) in a
//! [`NameIndex`] that answers "the longest name starting at token `i`".
//!
//! **Stability:** the coder is written against these types; they only grow.

use crate::names::{NameIndex, NameRole};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tocsin_core::Date;

/// Where an entry was written: the file (relative to the dictionary root) and
/// the 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// An inclusive date range; either end may be open. Ends keep the precision
/// they were written with: `to: 2012-05` covers all of May 2012.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    #[serde(with = "crate::serde_date")]
    pub from: Option<Date>,
    #[serde(with = "crate::serde_date")]
    pub to: Option<Date>,
}

impl DateRange {
    /// The range with no bounds (always true).
    pub const ALWAYS: DateRange = DateRange {
        from: None,
        to: None,
    };

    /// True when neither end is set.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether `date` falls in the range. An unknown date (`None`) is
    /// contained in every range. A date of month or year precision is
    /// compared by its first day.
    #[must_use]
    pub fn contains(&self, date: Option<Date>) -> bool {
        let Some(d) = date else { return true };
        let day = d.days();
        self.start_day() <= day && day <= self.end_day()
    }

    /// First day covered (`i64::MIN` when open).
    #[must_use]
    pub fn start_day(&self) -> i64 {
        self.from.map_or(i64::MIN, Date::days)
    }

    /// Last day covered (`i64::MAX` when open).
    #[must_use]
    pub fn end_day(&self) -> i64 {
        self.to.map_or(i64::MAX, |t| t.last_day().days())
    }

    /// Whether two ranges share at least one day.
    #[must_use]
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start_day() <= other.end_day() && other.start_day() <= self.end_day()
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(d) = self.from {
            write!(f, "{d}")?;
        }
        f.write_str("..")?;
        if let Some(d) = self.to {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// What kind of named actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    Country,
    Org,
    Group,
    Person,
}

impl ActorKind {
    /// The keyword of the tocsin language (`country`, `org`, `group`, `person`).
    #[must_use]
    pub fn keyword(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Org => "org",
            ActorKind::Group => "group",
            ActorKind::Person => "person",
        }
    }
}

/// A name as written in the dictionary, with the tokens it matches and the
/// dates it is used for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The name as written (`Russian Federation`).
    pub text: String,
    /// Normalized tokens (`["russian", "federation"]`).
    pub tokens: Vec<String>,
    /// When the name stands for this entry.
    pub dates: DateRange,
    /// Only matches text whose words are capitalised (the name was written
    /// with every word capitalised and `anycase: yes` was not given).
    pub cased: bool,
    /// Per token: matches any word starting with it (TABARI stems). Empty
    /// when every token is a whole word (always for the tocsin language).
    #[serde(default)]
    pub stems: Vec<bool>,
}

impl Name {
    /// The tokens with their stem flags, as indexed.
    #[must_use]
    pub fn name_toks(&self) -> Vec<crate::NameTok> {
        self.tokens
            .iter()
            .enumerate()
            .map(|(i, t)| crate::NameTok {
                text: t.clone(),
                stem: self.stems.get(i).copied().unwrap_or(false),
            })
            .collect()
    }
}

/// A country code plus sectors: what an actor codes as (`RUS` + `[GOV]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Affiliation {
    pub country: String,
    pub sectors: Vec<String>,
}

/// A dated role of a person (`role: RUS GOV 2012-05-07.. president`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub country: String,
    pub sectors: Vec<String>,
    #[serde(with = "crate::serde_date")]
    pub from: Option<Date>,
    #[serde(with = "crate::serde_date")]
    pub to: Option<Date>,
    /// Free text (`prime minister`), informational.
    pub title: String,
}

impl Role {
    /// The role's dates as a range.
    #[must_use]
    pub fn dates(&self) -> DateRange {
        DateRange {
            from: self.from,
            to: self.to,
        }
    }
}

/// A metonym: a name that stands for the actor with given sectors
/// (`Kremlin=GOV`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metonym {
    pub name: Name,
    pub sectors: Vec<String>,
}

/// A named actor: country, organisation, group or person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Index in [`Dictionaries::actors`].
    pub id: u32,
    pub kind: ActorKind,
    /// Country code, org/group code, or (persons) a code derived from the name.
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// The canonical name as a matchable name.
    pub canonical: Name,
    pub aliases: Vec<Name>,
    pub adjectives: Vec<Name>,
    pub demonyms: Vec<Name>,
    pub capitals: Vec<Name>,
    pub metonyms: Vec<Metonym>,
    /// Org and group sectors (`IGO MIL`, `INS`).
    pub sectors: Vec<String>,
    /// Groups: the base country (`PSE`, or `IMG`).
    pub country: Option<String>,
    /// Orgs: the CAMEO region (`WST`).
    pub region: Option<String>,
    /// Orgs: the parent org code.
    pub parent: Option<String>,
    /// Persons: dated roles, sorted by start.
    pub roles: Vec<Role>,
    /// Persons: the coding after the last role ended. The compiler fills in
    /// the default (last role's country + `ELI`) when `after:` is absent.
    pub after: Option<Affiliation>,
    /// Imported dictionaries: the code used when no dated role applies
    /// (PETRARCH's undated `[CODE]`). Never set by the tocsin language.
    pub default: Option<Affiliation>,
    pub wikidata: Option<String>,
    /// When the actor existed.
    pub dates: DateRange,
    pub source: SourceRef,
}

impl Actor {
    /// What this actor codes as on `date` (inclusive ranges; `None` = unknown
    /// date, which takes the current coding: an open-ended role, else the
    /// latest).
    ///
    /// Persons: the first role covering the date; else the imported default;
    /// else, after the last role, `after`; else nobody. Countries and orgs:
    /// their own code (orgs with their sectors); groups: their country with
    /// their sectors. The null code `---` codes as nobody.
    #[must_use]
    pub fn code_at(&self, date: Option<Date>) -> Option<(&str, &[String])> {
        // Imported actors of any kind may carry dated codes as roles.
        let found = match self.kind {
            _ if !self.roles.is_empty() || self.default.is_some() => self.person_code_at(date),
            ActorKind::Person => self.person_code_at(date),
            ActorKind::Country | ActorKind::Org => Some((self.code.as_str(), &self.sectors[..])),
            ActorKind::Group => Some((
                self.country.as_deref().unwrap_or(self.code.as_str()),
                &self.sectors[..],
            )),
        };
        found.filter(|(c, _)| !c.is_empty() && *c != "---")
    }

    fn person_code_at(&self, date: Option<Date>) -> Option<(&str, &[String])> {
        fn aff(a: &Affiliation) -> (&str, &[String]) {
            (a.country.as_str(), &a.sectors[..])
        }
        let Some(d) = date else {
            if let Some(r) = self.roles.iter().rev().find(|r| r.to.is_none()) {
                return Some((r.country.as_str(), &r.sectors[..]));
            }
            return self
                .default
                .as_ref()
                .or(self.after.as_ref())
                .map(aff)
                .or_else(|| {
                    self.roles
                        .last()
                        .map(|r| (r.country.as_str(), &r.sectors[..]))
                });
        };
        if let Some(r) = self.roles.iter().find(|r| r.dates().contains(Some(d))) {
            return Some((r.country.as_str(), &r.sectors[..]));
        }
        if let Some(def) = &self.default {
            return Some(aff(def));
        }
        let last_end = self.roles.iter().map(|r| r.dates().end_day()).max()?;
        (d.days() > last_end)
            .then(|| self.after.as_ref().map(aff))
            .flatten()
    }

    /// Every name of the actor (canonical, aliases, adjectives, demonyms,
    /// capitals, metonyms) with how it names the actor.
    pub fn all_names(&self) -> impl Iterator<Item = (&Name, NameRole)> {
        std::iter::once((&self.canonical, NameRole::Canonical))
            .chain(self.aliases.iter().map(|n| (n, NameRole::Alias)))
            .chain(self.adjectives.iter().map(|n| (n, NameRole::Adjective)))
            .chain(self.demonyms.iter().map(|n| (n, NameRole::Demonym)))
            .chain(self.capitals.iter().map(|n| (n, NameRole::Capital)))
            .chain(self.metonyms.iter().map(|m| (&m.name, NameRole::Metonym)))
    }
}

/// How an agent combines with a country in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentPlacement {
    /// Sectors follow the country code (`~MIL` → `RUSMIL`). The tocsin default.
    #[default]
    After,
    /// The agent code precedes (PETRARCH `NGO~`): the agent is its own actor
    /// (`NGO`) with the country appended (`NGORUS`).
    Before,
}

/// A generic noun that names a sector (`troops` → `MIL`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// Index in [`Dictionaries::agents`].
    pub id: u32,
    /// The head as written (singular).
    pub name: String,
    pub sectors: Vec<String>,
    /// Singular wordings: the head, then aliases.
    pub names: Vec<Name>,
    /// Plural wordings (generated, or `plural:`).
    pub plurals: Vec<Name>,
    /// Agents that name a country by themselves (`Kremlin` → `RUS`).
    pub country: Option<String>,
    pub placement: AgentPlacement,
    pub source: SourceRef,
}

/// A named list of nouns and phrases used by patterns (`&sanction`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synset {
    /// Without the `&` (`sanction`), lowercase.
    pub name: String,
    /// Phrases as normalized token sequences, with generated plurals; members
    /// of included synsets are expanded in.
    pub members: Vec<Vec<String>>,
    /// Directly included synsets (names without `&`).
    pub includes: Vec<String>,
    pub source: SourceRef,
}

/// Ends a synset member word that matches as a stem (TABARI: any word that
/// starts with it), as `~` does in tocsin's own pattern syntax.
pub const STEM_MARK: char = '~';

/// Whether `word` (lowercase) is matched by the synset member word `m`: equal,
/// or starting with it when `m` is a stem ([`STEM_MARK`]).
#[must_use]
pub fn member_word_matches(m: &str, word: &str) -> bool {
    match m.strip_suffix(STEM_MARK) {
        Some(stem) => word.starts_with(stem),
        None => m == word,
    }
}

impl Synset {
    /// Whether a single normalized word is a member.
    #[must_use]
    pub fn contains_word(&self, word: &str) -> bool {
        self.members
            .iter()
            .any(|m| m.len() == 1 && member_word_matches(&m[0], word))
    }
}

/// A word, list of words, or synset a constraint accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Term {
    /// Anything (`*`).
    Any,
    /// A lemma (lowercase).
    Word(String),
    /// A synset by name (without `&`, lowercase).
    Synset(String),
}

/// Passive or active voice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Voice {
    Active,
    Passive,
}

/// One condition of a dependency pattern; all of a pattern's must hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Constraint {
    /// The direct object's head is one of the terms.
    Obj(Vec<Term>),
    /// A dependent introduced by `prep` whose head is one of the terms.
    Prep {
        prep: String,
        head: Vec<Term>,
    },
    /// The particle (`compound:prt`).
    Prt(String),
    /// An embedded verb with this lemma (`agree to meet`).
    Xcomp(String),
    Voice(Voice),
    /// The subject's head is one of the terms.
    Subj(Vec<Term>),
    /// There is no direct object, or its head is none of the terms
    /// (`obj: not &market`: "hit sales" is not an attack).
    NotObj(Vec<Term>),
    /// No dependent introduced by `prep` has one of the terms as its head
    /// (`prep: of not &business`: "take control of a firm").
    NotPrep {
        prep: String,
        head: Vec<Term>,
    },
}

impl Constraint {
    /// True for the negative constraints (`not`), which exclude a reading
    /// but make a pattern no more specific.
    #[must_use]
    pub fn is_negative(&self) -> bool {
        matches!(self, Constraint::NotObj(_) | Constraint::NotPrep { .. })
    }
}

/// Where a source or target is taken from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Slot {
    Subj,
    Obj,
    Iobj,
    /// An oblique/nominal dependent introduced by this preposition.
    Prep(String),
    /// The object of the embedded verb (`xcomp`).
    Xobj,
    /// A possessive (`Russia's invasion`).
    Poss,
    /// An adjectival modifier (`Russian invasion`).
    Amod,
    /// A compound modifier (`Russia attack`).
    Compound,
    /// The event has no target by nature.
    None,
}

/// Verb pattern or event noun.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PatternKind {
    #[default]
    Verb,
    Noun,
}

/// One token of an imported PETRARCH/TABARI word-sequence pattern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WordTok {
    /// A literal word, normalized. `stem: true` when it matches any word that
    /// starts with it (TABARI words without a trailing `_`).
    Word { text: String, stem: bool },
    /// `&NAME`: any member of the synset (name lowercase, without `&`).
    Synset(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (source and target both here).
    Compound,
    /// `^`: skip one noun phrase.
    SkipPhrase,
    /// `{ a | b c }`: one of the alternatives (TABARI).
    Alt(Vec<Vec<WordTok>>),
}

/// A [`WordTok`] with how it is joined to the token before it (closer to the
/// verb for pre-verb tokens, in text order for post-verb tokens).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordItem {
    pub tok: WordTok,
    /// Joined by `_` to its neighbour on the verb side: no word may intervene.
    /// For the item right next to the verb, `_` against the `*`.
    pub adjacent: bool,
}

/// A PETRARCH/TABARI word-sequence pattern: the words around the verb, in
/// text order. `- SAID WOULD * NOW [101]` → before `[said, would]`,
/// after `[now]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordPattern {
    /// Tokens before the verb, in text order (the last is nearest the verb).
    pub before: Vec<WordItem>,
    /// Tokens after the verb, in text order.
    pub after: Vec<WordItem>,
}

/// A verb (or event-noun) pattern and the event code it produces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbPattern {
    /// The verb lemma (or noun), lowercase. Event nouns may be compounds
    /// (`hunger strike`, normalized tokens joined by spaces): they are
    /// indexed by their last word (the head), and the coder must check that
    /// the words before the head in the text are the earlier words (see
    /// [`VerbPattern::head_and_modifiers`]).
    pub lemma: String,
    /// The CAMEO code (`190`). Imported dictionaries may carry other codes:
    /// `---` means "no event".
    pub code: String,
    /// Imported paired codes (`[031:032]`): the code of the reciprocal event
    /// (target towards source).
    pub paired: Option<String>,
    pub kind: PatternKind,
    pub constraints: Vec<Constraint>,
    /// Where the target comes from, tried in order (empty: the coder's default).
    pub target: Vec<Slot>,
    /// Where the source comes from, tried in order (empty: the coder's default).
    pub source: Vec<Slot>,
    /// Imported word-sequence pattern (PETRARCH/TABARI); `None` for tocsin
    /// dependency patterns.
    pub words: Option<WordPattern>,
    pub note: Option<String>,
    pub source_ref: SourceRef,
    /// The original line, for provenance.
    pub text: String,
}

impl VerbPattern {
    /// The head word of the lemma and the words that must precede it
    /// (`hunger strike` → `("strike", ["hunger"])`; one-word lemmas have none).
    #[must_use]
    pub fn head_and_modifiers(&self) -> (&str, Vec<&str>) {
        let mut words: Vec<&str> = self.lemma.split(' ').collect();
        let head = words.pop().unwrap_or("");
        (head, words)
    }

    /// How specific the pattern is: the number of constraints (or pattern
    /// words for imported patterns). The coder keeps the most specific match.
    #[must_use]
    pub fn specificity(&self) -> usize {
        self.constraints.iter().filter(|c| !c.is_negative()).count()
            + self
                .words
                .as_ref()
                .map_or(0, |w| w.before.len() + w.after.len())
    }
}

/// The kinds of modal constructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ModalKind {
    Negate,
    Threat,
    Intent,
    Appeal,
    Future,
    Hypothetical,
    Report,
}

impl ModalKind {
    /// All kinds, in keyword order.
    pub const ALL: [ModalKind; 7] = [
        ModalKind::Negate,
        ModalKind::Threat,
        ModalKind::Intent,
        ModalKind::Appeal,
        ModalKind::Future,
        ModalKind::Hypothetical,
        ModalKind::Report,
    ];

    /// The keyword (`negate`, ...).
    #[must_use]
    pub fn keyword(self) -> &'static str {
        match self {
            ModalKind::Negate => "negate",
            ModalKind::Threat => "threat",
            ModalKind::Intent => "intent",
            ModalKind::Appeal => "appeal",
            ModalKind::Future => "future",
            ModalKind::Hypothetical => "hypothetical",
            ModalKind::Report => "report",
        }
    }

    /// Parses a keyword.
    #[must_use]
    pub fn parse(s: &str) -> Option<ModalKind> {
        ModalKind::ALL.into_iter().find(|k| k.keyword() == s)
    }
}

/// A verb that governs an embedded event (`refused to aid`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modal {
    pub lemma: String,
    pub kind: ModalKind,
    pub constraints: Vec<Constraint>,
    pub source_ref: SourceRef,
}

/// `derive KIND | FROM | TO`: the code of a modal construction from the
/// embedded event's code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derive {
    pub kind: ModalKind,
    /// A prefix of the embedded code, or `*` for the kind's default.
    pub from: String,
    pub to: String,
    pub source_ref: SourceRef,
}

/// Whether a discard drops the sentence or the whole story.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DiscardScope {
    #[default]
    Sentence,
    Story,
}

/// A phrase that stops coding (sports results...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discard {
    pub phrase: Name,
    pub scope: DiscardScope,
    pub note: Option<String>,
    pub source: SourceRef,
}

/// One row of the CAMEO table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CameoEntry {
    pub code: String,
    /// Two-digit root (`19`).
    pub root: String,
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad: u8,
    /// PLOVER event type (`ASSAULT`), empty when none.
    pub plover_event: String,
    pub plover_mode: String,
    pub plover_context: Vec<String>,
    /// The short codebook name.
    pub name: String,
}

/// The CAMEO codebook: code → Goldstein, quad class, PLOVER.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CameoTable {
    pub entries: Vec<CameoEntry>,
    index: HashMap<String, u32>,
}

impl CameoTable {
    /// Builds the table (later duplicates are ignored).
    #[must_use]
    pub fn new(entries: Vec<CameoEntry>) -> CameoTable {
        let mut index = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            index.entry(e.code.clone()).or_insert(i as u32);
        }
        CameoTable { entries, index }
    }

    /// The entry of a code.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&CameoEntry> {
        self.index.get(code).map(|&i| &self.entries[i as usize])
    }

    /// Whether the code is in the codebook.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.index.contains_key(code)
    }

    /// Number of codes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty (imported dictionaries without a codebook).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Where a set of dictionaries came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DictFormat {
    /// The tocsin language (LANGUAGE.md).
    #[default]
    Tocsin,
    /// PETRARCH-1/2 dictionaries.
    Petrarch,
    /// TABARI dictionaries.
    Tabari,
}

/// A compiled set of dictionaries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dictionaries {
    /// Data version (for provenance): `tocsin-dict/1 <hash>` or the import source.
    pub version: String,
    pub format: DictFormat,
    pub actors: Vec<Actor>,
    /// Actor names (every alias, adjective, demonym, capital, metonym).
    pub names: NameIndex,
    pub agents: Vec<Agent>,
    /// Agent names (singular, plural, aliases).
    pub agent_index: NameIndex,
    pub synsets: Vec<Synset>,
    /// Synset name (lowercase, no `&`) → index in `synsets`.
    pub synset_index: HashMap<String, u32>,
    /// Verb patterns in file order.
    pub verbs: Vec<VerbPattern>,
    /// Verb lemma (and, for imports, every listed verb form) → indices in
    /// `verbs`, in file order.
    pub verb_index: HashMap<String, Vec<u32>>,
    /// Imported TABARI verb stems (`contribut`) → indices in `verbs`: a word
    /// starting with the stem selects the patterns. Empty otherwise.
    #[serde(default)]
    pub verb_stems: HashMap<String, Vec<u32>>,
    /// Event-noun patterns in file order.
    pub nouns: Vec<VerbPattern>,
    /// Noun lemma → indices in `nouns`.
    pub noun_index: HashMap<String, Vec<u32>>,
    pub modals: Vec<Modal>,
    pub derives: Vec<Derive>,
    pub discards: Vec<Discard>,
    /// Discard phrases (targets are [`NameTarget::Discard`](crate::NameTarget)).
    pub discard_index: NameIndex,
    pub cameo: CameoTable,
}

impl Dictionaries {
    /// The patterns of a verb lemma, in file order.
    pub fn verb_patterns<'a>(&'a self, lemma: &str) -> impl Iterator<Item = &'a VerbPattern> + 'a {
        self.verb_index
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.verbs[i as usize])
    }

    /// The patterns selected by a word of the text: its exact entry in
    /// `verb_index` (look up the lemma and, for imports, the surface form),
    /// then the entries of `verb_stems` whose stem starts the word. Indices
    /// into `verbs`, without duplicates, in file order.
    #[must_use]
    pub fn verb_pattern_ids(&self, word: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = self.verb_index.get(word).cloned().unwrap_or_default();
        if !self.verb_stems.is_empty() {
            for (i, c) in word.char_indices() {
                if let Some(v) = self.verb_stems.get(&word[..i + c.len_utf8()]) {
                    ids.extend(v);
                }
            }
            ids.sort_unstable();
            ids.dedup();
        }
        ids
    }

    /// The patterns of an event noun, in file order.
    pub fn noun_patterns<'a>(&'a self, lemma: &str) -> impl Iterator<Item = &'a VerbPattern> + 'a {
        self.noun_index
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.nouns[i as usize])
    }

    /// A synset by name (with or without `&`, any case).
    #[must_use]
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        let key = name.trim_start_matches('&').to_lowercase();
        self.synset_index
            .get(&key)
            .map(|&i| &self.synsets[i as usize])
    }

    /// Whether a normalized word matches a term.
    #[must_use]
    pub fn term_matches(&self, term: &Term, word: &str) -> bool {
        match term {
            Term::Any => true,
            Term::Word(w) => w == word,
            Term::Synset(s) => self.synset(s).is_some_and(|s| s.contains_word(word)),
        }
    }

    /// The modal entries of a lemma.
    pub fn modals_for<'a>(&'a self, lemma: &'a str) -> impl Iterator<Item = &'a Modal> + 'a {
        self.modals.iter().filter(move |m| m.lemma == lemma)
    }

    /// The `derive` row for a modal construction embedding `code`: the longest
    /// `from` that is a prefix of `code`, else the kind's `*` row.
    #[must_use]
    pub fn derive(&self, kind: ModalKind, code: &str) -> Option<&Derive> {
        let rows = self.derives.iter().filter(|d| d.kind == kind);
        rows.clone()
            .filter(|d| d.from != "*" && code.starts_with(d.from.as_str()))
            .max_by_key(|d| d.from.len())
            .or_else(|| rows.into_iter().find(|d| d.from == "*"))
    }

    /// Gives imported dictionaries (which carry no codebook) a CAMEO table,
    /// e.g. the default one: `imported.with_cameo(defaults.cameo.clone())`.
    /// A non-empty table is kept.
    #[must_use]
    pub fn with_cameo(mut self, table: CameoTable) -> Dictionaries {
        if self.cameo.is_empty() {
            self.cameo = table;
        }
        self
    }

    /// The actor with this code (first one), e.g. `RUS` or `NATO`.
    #[must_use]
    pub fn actor_by_code(&self, code: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.code == code)
    }
}
