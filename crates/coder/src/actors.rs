//! Actors in a sentence: dictionary names and agent nouns found by longest
//! match, then combined along the parse into coded actors ("Russia's foreign
//! minister" → RUS GOV, "Russian army troops" → RUS MIL, "Sergei Lavrov,
//! Russia's foreign minister" → RUS GOV).

use crate::sent::Sent;
use tocsin_core::{ActorRef, ActorSource, Date, Span};
use tocsin_dict::{normalize_token, ActorKind, Dictionaries, NameRef, NameRole};

/// What a run of tokens names.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum MentionKind {
    /// A named actor; `sectors` are those the name adds (metonyms, capitals).
    Actor {
        id: u32,
        role: NameRole,
        sectors: Vec<String>,
    },
    Agent {
        id: u32,
    },
}

/// A dictionary name found at tokens `start..end` of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
}

/// Finds actor and agent names by longest match, left to right. Actor names
/// win over agent names of the same length ("Kremlin" may be both).
pub(crate) fn find_mentions(d: &Dictionaries, s: &Sent<'_>, date: Option<Date>) -> Vec<Mention> {
    let norm: Vec<String> = (0..s.n).map(|i| normalize_token(s.word(i))).collect();
    let raw: Vec<&str> = (0..s.n).map(|i| s.word(i)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.n {
        let actor = d.names.lookup(&norm, &raw, i, date);
        let agent = d.agent_index.lookup(&norm, &raw, i, date);
        let (len, kind) = match (actor, agent) {
            (Some((n, t)), ag) if ag.as_ref().map_or(true, |(m, _)| *m <= n) => {
                let Some(t) = pick_actor(d, &t, date) else {
                    i += 1;
                    continue;
                };
                (n, t)
            }
            (_, Some((n, t))) => match t.iter().find_map(|t| match t.target {
                NameRef::Agent(id) => Some(id),
                _ => None,
            }) {
                Some(id) => (n, MentionKind::Agent { id }),
                None => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        if i >= s.dateline_end {
            out.push(Mention {
                start: i,
                end: i + len,
                kind,
            });
        }
        i += len;
    }
    out
}

fn pick_actor(
    d: &Dictionaries,
    targets: &[&tocsin_dict::NameTarget],
    date: Option<Date>,
) -> Option<MentionKind> {
    // Prefer an actor that codes as somebody on the date (persons out of office
    // code as nobody); then the first listed.
    let mut fallback = None;
    for t in targets {
        let NameRef::Actor(id) = t.target else {
            continue;
        };
        let Some(a) = d.actors.get(id as usize) else {
            continue;
        };
        let k = MentionKind::Actor {
            id,
            role: t.role,
            sectors: t.sectors.clone(),
        };
        if a.dates.contains(date) && a.code_at(date).is_some() {
            return Some(k);
        }
        fallback.get_or_insert(k);
    }
    fallback
}

/// Imported actors may carry several codes (`FRO/BIL/SAM`): one actor each.
fn split_codes(a: ActorRef) -> Vec<ActorRef> {
    if !a.code.contains('/') {
        return vec![a];
    }
    a.code
        .split('/')
        .filter(|c| !c.is_empty())
        .map(|c| ActorRef {
            code: c.to_string(),
            ..a.clone()
        })
        .collect()
}

/// Relations that stay inside a noun phrase naming one actor.
const NP_RELS: &[&str] = &[
    "compound",
    "amod",
    "nmod:poss",
    "flat",
    "appos",
    "det",
    "case",
    "nummod",
    "nmod",
    "punct",
    "obl",
    "flat:foreign",
    "nmod:desc",
];

/// The context an actor may borrow its country from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Context {
    /// Country of the last actor coded or named in an earlier sentence.
    pub previous: Option<String>,
    /// Country named by the dateline.
    pub dateline: Option<String>,
    /// The first person (a `person` entry) named in the previous sentence,
    /// as resolved there: what "he" or "she" stands for when the sentence
    /// names no person before the pronoun.
    pub person: Option<ActorRef>,
    /// The country, organisation or group that is the subject of the
    /// previous sentence's main clause: what a subject "it" stands for.
    pub subject: Option<ActorRef>,
}

/// A named actor found in a phrase: code, sectors, name, Wikidata id, span.
type Named = (String, Vec<String>, String, Option<String>, Span);

/// Resolves actors in sentences.
#[derive(Debug)]
pub(crate) struct Resolver<'a> {
    pub d: &'a Dictionaries,
    pub s: &'a Sent<'a>,
    pub mentions: &'a [Mention],
    /// For each token, the mention covering it.
    pub at: Vec<Option<usize>>,
    pub date: Option<Date>,
    pub ctx: &'a Context,
    /// PETRARCH/TABARI dictionaries: the first actor in text order names a
    /// phrase (tocsin: the actor at the head).
    pub text_order: bool,
    /// An agent with no country anywhere codes as `---` (PETRARCH with
    /// `require_dyad` off) instead of nobody.
    pub unknown_country: bool,
    /// TABARI's `CONVERT AGENT`: an agent with no country codes as `~`
    /// plus its sectors ("the Muslims" → `~MOS`).
    pub convert_agent: bool,
}

impl<'a> Resolver<'a> {
    pub fn new(
        d: &'a Dictionaries,
        s: &'a Sent<'a>,
        mentions: &'a [Mention],
        date: Option<Date>,
        ctx: &'a Context,
    ) -> Resolver<'a> {
        let mut at = vec![None; s.n];
        for (k, m) in mentions.iter().enumerate() {
            for slot in at.iter_mut().take(m.end).skip(m.start) {
                *slot = Some(k);
            }
        }
        Resolver {
            d,
            s,
            mentions,
            at,
            date,
            ctx,
            text_order: false,
            unknown_country: false,
            convert_agent: false,
        }
    }

    /// The actors a nominal `h` stands for: one per conjunct ("Biden and
    /// Putin"), plus members joined by "along with"/"together with"/"as well as".
    pub fn actors(&self, h: usize) -> Vec<ActorRef> {
        let mut heads = vec![h];
        let mut k = 0;
        while k < heads.len() {
            let x = heads[k];
            // "Old foes Gondor and Osgiliath": an apposition names the same
            // referent, so a common noun that names no actor itself stands
            // for every actor its apposition names.
            let described = self.at[x].is_none() && self.s.upos(x) == tocsin_core::Upos::Noun;
            for &c in &self.s.children[x] {
                let rel = self.s.rel(c);
                // "the minister, in remarks published on Monday": a
                // prepositional phrase is not a member of the compound.
                let has_case = |t: usize| self.s.kids(t, "case").next().is_some();
                // Parsers give "Evil Mordor, the awful Fornost, and good
                // Gondor" as a `list` as often as a `conj`.
                let joined = (matches!(rel, "conj" | "list") && (!has_case(c) || has_case(x)))
                    || (matches!(rel, "nmod" | "obl")
                        && self.s.case_of(c).is_some_and(|p| {
                            matches!(p.as_str(), "along with" | "together with" | "as well as")
                        }));
                let joined = joined || (rel == "appos" && (described || self.listed_name(x, c)));
                if joined && !heads.contains(&c) && self.s.upos(c) != tocsin_core::Upos::Verb {
                    heads.push(c);
                }
            }
            k += 1;
        }
        let mut found: Vec<Option<ActorRef>> = Vec::new();
        let first = heads[0];
        for (k, &x) in heads.iter().enumerate() {
            let base = self.single(x);
            let bare = base
                .as_ref()
                .map_or(true, |a| a.source != ActorSource::Text);
            found.push(base);
            // "the ambassadors of Arnor, Osgiliath and Gondor", "Eriadori and
            // Calenardhon leaders": one actor per conjoined modifier.
            for c in self.modifiers(x) {
                for cc in self.s.kids(c, "conj") {
                    if self.s.upos(cc) != tocsin_core::Upos::Verb {
                        found.push(self.single_with(x, Some((c, cc)), &[]));
                    }
                }
            }
            // "Lawmakers and officials in Fornost and Gondor": a conjunct with
            // no country shares the first conjunct's modifiers, when it is an
            // agent itself (not "groups ... almost five years after").
            let agent = self.at[x]
                .is_some_and(|mi| matches!(self.mentions[mi].kind, MentionKind::Agent { .. }));
            if k > 0 && bare && agent {
                for m in self.modifiers(first) {
                    if !self.has_actor(m) {
                        continue;
                    }
                    found.push(self.single_with(x, None, &[m]));
                    for cc in self.s.kids(m, "conj") {
                        found.push(self.single_with(x, None, &[cc]));
                    }
                }
            }
        }
        let mut out: Vec<ActorRef> = Vec::new();
        for a in found.into_iter().flatten().flat_map(split_codes) {
            if !out.iter().any(|o| o.cameo() == a.cameo()) {
                out.push(a);
            }
        }
        // A bare agent borrowed from context is dropped when the phrase names
        // real actors too.
        if out.iter().any(|a| a.source == ActorSource::Text) {
            out.retain(|a| a.source == ActorSource::Text);
        }
        out
    }

    /// "The US, Russia, and Switzerland met": parsers often take the second
    /// item of a list of names for an apposition of the first. An apposition
    /// that is itself a bare name (country, organisation, group or person)
    /// of another country than its head's bare name is a list item, not a
    /// second description ("Paris, France" and "Sergei Lavrov, Russia's
    /// foreign minister" are appositions).
    fn listed_name(&self, x: usize, c: usize) -> bool {
        let bare = |t: usize| -> Option<&str> {
            if self.s.upos(t) != tocsin_core::Upos::Propn {
                return None;
            }
            let m = &self.mentions[self.at[t]?];
            let MentionKind::Actor { id, .. } = &m.kind else {
                return None;
            };
            // The phrase holds nothing but the name and a determiner.
            let inside = self.s.children[t].iter().all(|&k| {
                (m.start..m.end).contains(&k)
                    || matches!(self.s.rel(k), "det" | "punct" | "cc" | "appos" | "conj")
            });
            if !inside {
                return None;
            }
            self.d
                .actors
                .get(*id as usize)?
                .code_at(self.date)
                .map(|(code, _)| code)
        };
        match (bare(x), bare(c)) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        }
    }

    /// Children of `x` that can name its country: adjectives, compounds,
    /// possessives and "of/from/in" phrases.
    fn modifiers(&self, x: usize) -> Vec<usize> {
        self.s.children[x]
            .iter()
            .copied()
            .filter(|&c| match self.s.rel(c) {
                "amod" | "compound" | "nmod:poss" => true,
                "nmod" => self
                    .s
                    .case_of(c)
                    .is_some_and(|p| matches!(p.as_str(), "of" | "from" | "in")),
                _ => false,
            })
            .collect()
    }

    /// True when an actor (not an agent) is named at or under `t`'s phrase.
    fn has_actor(&self, t: usize) -> bool {
        self.np_tokens_with(t, None, &[]).iter().any(|&x| {
            self.at[x].is_some_and(|m| matches!(self.mentions[m].kind, MentionKind::Actor { .. }))
        })
    }

    /// The first conjunct of the phrase containing `t` ("France" in "The
    /// Philippines and France"), so that a pattern position selects the whole
    /// compound.
    pub fn compound_head(&self, t: usize) -> usize {
        let mut x = self.np_head(t);
        for _ in 0..self.s.n {
            match self.s.head[x] {
                Some(h) if self.s.rel(x) == "conj" && self.s.upos(h) != tocsin_core::Upos::Verb => {
                    x = self.np_head(h);
                }
                _ => break,
            }
        }
        x
    }

    /// The head of the noun phrase containing token `t`: up through the
    /// relations that stay inside a phrase ("the government of Gondor").
    pub fn np_head(&self, t: usize) -> usize {
        let mut x = t;
        for _ in 0..self.s.n {
            let rel = self.s.rel(x);
            let inside = matches!(
                rel,
                "compound" | "amod" | "nmod:poss" | "flat" | "appos" | "flat:foreign"
            ) || (rel == "nmod"
                && self
                    .s
                    .case_of(x)
                    .is_some_and(|p| matches!(p.as_str(), "of" | "from")));
            match self.s.head[x] {
                Some(h) if inside => x = h,
                _ => break,
            }
        }
        x
    }

    /// The tokens of the noun phrase headed by `h`, without conjuncts and clauses.
    fn np_tokens_with(
        &self,
        h: usize,
        swap: Option<(usize, usize)>,
        extra: &[usize],
    ) -> Vec<usize> {
        let mut v = vec![h];
        v.extend(extra.iter().copied().filter(|&e| e != h));
        let mut k = 0;
        while k < v.len() {
            let x = v[k];
            for &c in &self.s.children[x] {
                let rel = self.s.rel(c);
                if !NP_RELS.contains(&rel) {
                    continue;
                }
                // "along with X" joins another actor, not a modifier.
                if matches!(rel, "nmod" | "obl")
                    && self
                        .s
                        .case_of(c)
                        .is_some_and(|p| !matches!(p.as_str(), "of" | "from" | "in"))
                {
                    continue;
                }
                if rel == "obl" && x == h {
                    continue;
                }
                let c = match swap {
                    Some((from, to)) if from == c => to,
                    _ => c,
                };
                // A malformed parse may hold cycles.
                if !v.contains(&c) {
                    v.push(c);
                }
            }
            k += 1;
        }
        // A mention that starts inside the phrase covers all its tokens.
        let mut extra = Vec::new();
        for &t in &v {
            if let Some(m) = self.at[t] {
                let m = &self.mentions[m];
                extra.extend(m.start..m.end);
            }
        }
        v.extend(extra);
        v.sort_unstable();
        v.dedup();
        v
    }

    /// One actor for the phrase headed by `h`.
    pub fn single(&self, h: usize) -> Option<ActorRef> {
        self.single_with(h, None, &[])
    }

    /// One actor for the phrase headed by `h`, with modifier `swap.0`
    /// replaced by its conjunct `swap.1`, and extra modifiers shared from a
    /// conjoined head.
    fn single_with(
        &self,
        h: usize,
        swap: Option<(usize, usize)>,
        extra: &[usize],
    ) -> Option<ActorRef> {
        let toks = self.np_tokens_with(h, swap, extra);
        let mut ms: Vec<usize> = toks.iter().filter_map(|&t| self.at[t]).collect();
        ms.dedup();
        if ms.is_empty() && swap.is_none() && extra.is_empty() {
            return self.pronoun(h);
        }
        let mut country: Option<Named> = None;
        let mut agent_secs: Vec<String> = Vec::new();
        let mut agent_country: Option<String> = None;
        let mut span: Option<Span> = None;
        let mut demonym_only = true;
        let mut any_agent = false;
        let mut before: Vec<String> = Vec::new();
        // The mention containing the head wins; otherwise the first in text order.
        let head_m = self.at[h];
        let mut order: Vec<usize> = ms.clone();
        if let Some(hm) = head_m.filter(|_| !self.text_order) {
            order.retain(|&m| m != hm);
            order.insert(0, hm);
        }
        for &mi in &order {
            let m = &self.mentions[mi];
            let mspan = self.s.span_of(m.start, m.end - 1);
            match &m.kind {
                MentionKind::Actor { id, role, sectors } => {
                    let Some(a) = self.d.actors.get(*id as usize) else {
                        continue;
                    };
                    let Some((code, secs)) = a.code_at(self.date) else {
                        continue;
                    };
                    if country.is_some() {
                        // A second actor in the phrase (an apposition, "of"):
                        // keep the first; its sectors may still add.
                        continue;
                    }
                    let mut all: Vec<String> = secs.to_vec();
                    all.extend(sectors.iter().cloned());
                    if *role != NameRole::Demonym {
                        demonym_only = false;
                    }
                    let code = match a.kind {
                        ActorKind::Country | ActorKind::Person | ActorKind::Group => {
                            code.to_string()
                        }
                        ActorKind::Org => code.to_string(),
                    };
                    country = Some((code, all, a.name.clone(), a.wikidata.clone(), mspan));
                    span = Some(span.map_or(mspan, |s| s.cover(mspan)));
                }
                MentionKind::Agent { id } => {
                    let Some(ag) = self.d.agents.get(*id as usize) else {
                        continue;
                    };
                    any_agent = true;
                    if ag.placement == tocsin_dict::AgentPlacement::Before {
                        // PETRARCH `NGO~`: the agent code precedes the country.
                        for sec in &ag.sectors {
                            if !before.contains(sec) {
                                before.push(sec.clone());
                            }
                        }
                        if agent_country.is_none() {
                            agent_country.clone_from(&ag.country);
                        }
                        span = Some(span.map_or(mspan, |s| s.cover(mspan)));
                        continue;
                    }
                    for sec in &ag.sectors {
                        if !agent_secs.contains(sec) {
                            agent_secs.push(sec.clone());
                        }
                    }
                    if agent_country.is_none() {
                        agent_country.clone_from(&ag.country);
                    }
                    span = Some(span.map_or(mspan, |s| s.cover(mspan)));
                }
            }
        }
        // Agents keep text order: sort their sectors by first mention.
        let (code, mut sectors, name, wikidata, source) = match country {
            Some((code, secs, name, wd, _)) => (code, secs, name, wd, ActorSource::Text),
            None if any_agent => {
                if let Some(c) = agent_country {
                    (c.clone(), Vec::new(), c, None, ActorSource::Text)
                } else if let Some(c) = &self.ctx.previous {
                    (
                        c.clone(),
                        Vec::new(),
                        c.clone(),
                        None,
                        ActorSource::Context("previous sentence".into()),
                    )
                } else if let Some(c) = &self.ctx.dateline {
                    (
                        c.clone(),
                        Vec::new(),
                        c.clone(),
                        None,
                        ActorSource::Context("dateline".into()),
                    )
                } else if self.convert_agent {
                    let c = "~".to_string();
                    (
                        c.clone(),
                        Vec::new(),
                        c,
                        None,
                        ActorSource::Context("converted agent".into()),
                    )
                } else if self.unknown_country {
                    let c = "---".to_string();
                    (
                        c.clone(),
                        Vec::new(),
                        c,
                        None,
                        ActorSource::Context("unknown country".into()),
                    )
                } else {
                    return None;
                }
            }
            None => return None,
        };
        for sec in agent_secs {
            if !sectors.contains(&sec) {
                sectors.push(sec);
            }
        }
        if demonym_only && !any_agent && sectors.is_empty() {
            sectors.push("CVL".into());
        }
        let code = if before.is_empty() {
            code
        } else {
            format!("{}{code}", before.concat())
        };
        Some(ActorRef {
            code,
            sectors,
            name,
            span: span.unwrap_or_else(|| self.s.span(h)),
            source,
            wikidata,
        })
    }

    /// The actor a name mention stands for by itself, from the dictionary
    /// alone (no parse): the context pronouns borrow, which must not depend
    /// on whether a gate left the sentence unparsed.
    fn named(&self, m: &Mention) -> Option<ActorRef> {
        let MentionKind::Actor { id, sectors, .. } = &m.kind else {
            return None;
        };
        let a = self.d.actors.get(*id as usize)?;
        let (code, secs) = a.code_at(self.date)?;
        let mut all: Vec<String> = secs.to_vec();
        all.extend(sectors.iter().cloned());
        Some(ActorRef {
            code: code.to_string(),
            sectors: all,
            name: a.name.clone(),
            span: self.s.span_of(m.start, m.end - 1),
            source: ActorSource::Text,
            wikidata: a.wikidata.clone(),
        })
    }

    fn kind_of(&self, m: &Mention) -> Option<tocsin_dict::ActorKind> {
        match &m.kind {
            MentionKind::Actor { id, .. } => self.d.actors.get(*id as usize).map(|a| a.kind),
            MentionKind::Agent { .. } => None,
        }
    }

    /// The first person named in the sentence (before token `before`), by
    /// name alone ([`Resolver::named`]).
    pub fn first_person(&self, before: usize) -> Option<ActorRef> {
        self.mentions
            .iter()
            .filter(|m| m.end <= before)
            .filter(|m| self.kind_of(m) == Some(tocsin_dict::ActorKind::Person))
            .find_map(|m| self.named(m))
    }

    /// "he", "she", "him", "her" standing alone for a person: the first
    /// person named earlier in the sentence, else the first one named in
    /// the previous sentence. Only with tocsin dictionaries (PETRARCH and
    /// TABARI have their own conventions).
    fn pronoun(&self, h: usize) -> Option<ActorRef> {
        if self.text_order || self.s.upos(h) != tocsin_core::Upos::Pron {
            return None;
        }
        if self.s.lower[h] == "it" {
            return self.it(h);
        }
        if !matches!(self.s.lower[h].as_str(), "he" | "she" | "him" | "her") {
            return None;
        }
        // An object pronoun does not stand for its clause's subject ("Blair
        // met Chirac and thanked him"): with a person named earlier in the
        // sentence, "him"/"her" is left unresolved.
        let object = matches!(self.s.lower[h].as_str(), "him" | "her");
        let (a, why) = match self.first_person(h) {
            Some(_) if object => return None,
            Some(first) => (
                self.clause_subject_person(h).unwrap_or(first),
                "pronoun: named earlier in the sentence",
            ),
            None => (
                self.ctx.person.clone()?,
                "pronoun: named in the previous sentence",
            ),
        };
        Some(ActorRef {
            span: self.s.span(h),
            source: ActorSource::Context(format!("{why} ({})", a.name)),
            ..a
        })
    }

    /// A subject "it" with no country, organisation or group named before it
    /// in the sentence stands for the previous sentence's main subject, when
    /// that was one ("Russia warned Ukraine. It then attacked Kyiv.").
    fn it(&self, h: usize) -> Option<ActorRef> {
        if !self.s.rel(h).starts_with("nsubj") {
            return None;
        }
        let named_before = self.mentions.iter().any(|m| {
            m.end <= h
                && matches!(&m.kind, MentionKind::Actor { id, .. }
                    if self.d.actors.get(*id as usize).is_some_and(|a| a.kind != tocsin_dict::ActorKind::Person))
        });
        if named_before {
            return None;
        }
        let a = self.ctx.subject.clone()?;
        Some(ActorRef {
            span: self.s.span(h),
            source: ActorSource::Context(format!(
                "pronoun: subject of the previous sentence ({})",
                a.name
            )),
            ..a
        })
    }

    /// The country, organisation or group that opens the sentence ("Russia
    /// warned...", "The EU said..."), by name alone: what a subject "it" in
    /// the next sentence stands for. Read off the words, not the parse, so
    /// that it is the same whether or not a gate left the sentence unparsed.
    pub fn main_subject_thing(&self) -> Option<ActorRef> {
        let start = usize::from(self.s.lower.first().is_some_and(|w| w == "the"));
        let m = self.mentions.iter().find(|m| m.start == start)?;
        match self.kind_of(m)? {
            tocsin_dict::ActorKind::Person => None,
            _ => self.named(m),
        }
    }

    /// The nearest person that is the subject of a clause above pronoun
    /// `h`: "Mr Sharon said he had...", "Howard said Mr Blair would be
    /// running scared if he refused" (Blair, the subject of the clause the
    /// pronoun's clause hangs from).
    fn clause_subject_person(&self, h: usize) -> Option<ActorRef> {
        let mut x = self.s.head.get(h).copied().flatten()?;
        for _ in 0..self.s.n {
            for subj in self.s.kids(x, "nsubj").chain(self.s.kids(x, "nsubj:pass")) {
                if subj == h {
                    continue;
                }
                let person = self.at[subj].is_some_and(|mi| {
                    matches!(&self.mentions[mi].kind, MentionKind::Actor { id, .. }
                        if self.d.actors.get(*id as usize).is_some_and(|a| a.kind == tocsin_dict::ActorKind::Person))
                });
                if person {
                    return self.at[subj].and_then(|mi| self.named(&self.mentions[mi]));
                }
            }
            x = self.s.head.get(x).copied().flatten()?;
        }
        None
    }

    /// The country of any actor named in the sentence, last one first: the
    /// context for later sentences.
    pub fn last_country(&self) -> Option<String> {
        self.mentions.iter().rev().find_map(|m| match &m.kind {
            MentionKind::Actor { id, .. } => {
                let a = self.d.actors.get(*id as usize)?;
                a.code_at(self.date).map(|(c, _)| c.to_string())
            }
            MentionKind::Agent { .. } => None,
        })
    }
}
