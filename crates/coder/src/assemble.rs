//! Event assembly: from the patterns that hold in a sentence to events, with
//! sources and targets, modality, derived codes for embedded events, sizes,
//! dates and provenance.

use crate::actors::{find_mentions, Context, Mention, Resolver};
use crate::patterns::{hits, logical_obj, logical_subj, Hit, Reading};
use crate::sent::Sent;
use crate::{size, when, Coder};
use std::fmt::Write as _;
use tocsin_core::{ActorRef, CameoInfo, Date, Event, Modality, PloverInfo, RuleRef, Size, Upos};
use tocsin_dict::{DictFormat, PatternKind, Slot};

/// TABARI: the clause a verb is coded in (tokens `start..end`) and the
/// source of the clause before.
pub(crate) struct Scope {
    start: usize,
    end: usize,
    carry: Vec<ActorRef>,
}

/// The default places of a target, tried in order.
fn default_targets(kind: PatternKind) -> Vec<Slot> {
    match kind {
        PatternKind::Verb => vec![
            Slot::Obj,
            Slot::Prep("against".into()),
            Slot::Prep("on".into()),
            Slot::Prep("with".into()),
        ],
        PatternKind::Noun => vec![
            Slot::Prep("on".into()),
            Slot::Prep("against".into()),
            Slot::Prep("of".into()),
            Slot::Prep("with".into()),
        ],
    }
}

fn default_sources(kind: PatternKind) -> Vec<Slot> {
    match kind {
        PatternKind::Verb => vec![Slot::Subj],
        PatternKind::Noun => vec![
            Slot::Prep("by".into()),
            Slot::Poss,
            Slot::Amod,
            Slot::Compound,
        ],
    }
}

/// What a sentence coded, before events are pushed.
pub(crate) struct SentenceOutput {
    pub events: Vec<(usize, Event)>,
    pub notes: Vec<String>,
    /// The country to carry to the next sentence.
    pub context_country: Option<String>,
    /// The first person named in the sentence, for pronouns in the next.
    pub context_person: Option<ActorRef>,
    /// The main clause's subject if a country, organisation or group: what a
    /// subject "it" in the next sentence stands for.
    pub context_subject: Option<ActorRef>,
    /// A story discard fired: stop coding the document.
    pub stop_story: bool,
}

impl Coder {
    /// Codes one sentence. `trace` receives the explanation when given.
    pub(crate) fn code_sentence(
        &self,
        s: &Sent<'_>,
        date: Option<Date>,
        dateline: Option<Date>,
        ctx: &Context,
        mut trace: Option<&mut String>,
    ) -> SentenceOutput {
        let d = &*self.dicts;
        let mut out = SentenceOutput {
            events: Vec::new(),
            notes: Vec::new(),
            context_country: None,
            context_person: None,
            context_subject: None,
            stop_story: false,
        };
        // Discards.
        let norm: Vec<String> = (0..s.n)
            .map(|i| tocsin_dict::normalize_token(s.word(i)))
            .collect();
        let raw: Vec<&str> = (0..s.n).map(|i| s.word(i)).collect();
        for i in 0..s.n {
            if let Some((_, ts)) = d.discard_index.lookup(&norm, &raw, i, date) {
                if let Some(tocsin_dict::NameRef::Discard(k)) = ts.first().map(|t| t.target) {
                    let dis = &d.discards[k as usize];
                    out.stop_story = dis.scope == tocsin_dict::DiscardScope::Story;
                    let msg = format!("discarded by \"{}\" ({})", dis.phrase.text, dis.source);
                    if let Some(t) = trace.as_deref_mut() {
                        let _ = writeln!(t, "  {msg}");
                    }
                    out.notes.push(msg);
                    return out;
                }
            }
        }
        let mut mentions = find_mentions(d, s, date);
        // TABARI drops comma-delimited asides before coding.
        let tabari = d.format == DictFormat::Tabari;
        let dropped = match &self.options.tabari.comma {
            Some(c) if tabari => crate::tabari::dropped_clauses(s, c),
            _ => vec![false; s.n],
        };
        mentions.retain(|m| !dropped[m.start]);
        // TABARI: personal pronouns fill `$` and `+` too (see
        // `pronoun_antecedent`).
        let mut at_actor: Vec<bool> = (0..s.n)
            .map(|i| {
                tabari
                    && s.upos(i) == Upos::Pron
                    && matches!(
                        s.lower[i].as_str(),
                        "he" | "she" | "it" | "they" | "him" | "her" | "them"
                    )
            })
            .collect();
        for m in &mentions {
            for x in at_actor.iter_mut().take(m.end).skip(m.start) {
                *x = true;
            }
        }
        // Imported patterns put `$`, `+` and `%` at names only.
        let reading = match d.format {
            DictFormat::Tabari => Reading {
                skip: Some(&dropped),
                actor: Some(&at_actor),
            },
            DictFormat::Petrarch => Reading {
                skip: None,
                actor: Some(&at_actor),
            },
            _ => Reading::default(),
        };
        // TABARI's actor codes `###` (discard) and `+++` (too complex to
        // code) stop the sentence wherever the actor is named.
        if tabari {
            let placeholder = mentions.iter().find_map(|m| match &m.kind {
                crate::actors::MentionKind::Actor { id, .. } => d
                    .actors
                    .get(*id as usize)
                    .and_then(|a| a.code_at(date))
                    .map(|(c, _)| c.to_string())
                    .filter(|c| c == "###" || c == "+++"),
                crate::actors::MentionKind::Agent { .. } => None,
            });
            if let Some(c) = placeholder {
                out.notes
                    .push(format!("an actor coded {c}: the sentence is not coded"));
                return out;
            }
            let words = (0..s.n)
                .filter(|&i| {
                    s.lower[i].chars().any(char::is_alphanumeric) && !s.lower[i].starts_with('\'')
                })
                .count();
            if words < self.options.tabari.minimum_words {
                out.notes
                    .push(format!("{words} words: shorter than the minimum"));
                return out;
            }
        }
        let mut r = Resolver::new(d, s, &mentions, date, ctx);
        r.text_order = d.format != DictFormat::Tocsin;
        // PETRARCH codes an agent with no country as `---` plus its sectors.
        r.unknown_country = !self.options.require_dyad || d.format == DictFormat::Petrarch;
        r.convert_agent = tabari && self.options.tabari.convert_agent;
        if let Some(t) = trace.as_deref_mut() {
            for m in &mentions {
                let _ = writeln!(
                    t,
                    "  mention {}..{} {:?} \"{}\"",
                    m.start + 1,
                    m.end,
                    m.kind,
                    s.doc.span_text(s.span_of(m.start, m.end - 1))
                );
            }
        }
        // PETRARCH/TABARI code questions; their suites expect it.
        if s.is_question() && !self.options.code_questions && d.format == DictFormat::Tocsin {
            out.notes.push("question: events not coded".into());
            if let Some(t) = trace.as_deref_mut() {
                let _ = writeln!(t, "  the sentence is a question: nothing is coded");
            }
            out.context_country = r.last_country();
            out.context_person = r.first_person(s.n);
            out.context_subject = r.main_subject_thing();
            return out;
        }
        let stated = size::sightings(s);
        // Candidate events per verb token.
        let mut cands: Vec<(usize, Vec<usize>, Event)> = Vec::new();
        // Accusations read off reported conflict, by report verb.
        let mut accusations: Vec<(usize, Event)> = Vec::new();
        // TABARI codes clause by clause; a clause with no actor before its
        // verb keeps the source of the clause before ("... or assail Arnor").
        let clause = if tabari {
            crate::tabari::clauses(s, self.options.tabari.code_by)
        } else {
            vec![0; s.n]
        };
        let mut carry: Vec<ActorRef> = Vec::new();
        for v in 0..s.n {
            // TABARI codes the first verb that matches and skips the rest of
            // the sentence ("called for a boycott": the boycott, which TABARI
            // would also read as a verb, is the object, not a second event).
            if tabari
                && (dropped.get(v) == Some(&true)
                    || (self.options.tabari.code_by != crate::CodeBy::All
                        && cands.iter().any(|c| clause.get(c.0) == clause.get(v))))
            {
                continue;
            }
            let hs = hits(d, s, v, reading);
            if hs.is_empty() {
                continue;
            }
            if let Some(t) = trace.as_deref_mut() {
                for h in &hs {
                    let _ = writeln!(
                        t,
                        "  token {} \"{}\": {} `{}` (specificity {})",
                        v + 1,
                        s.word(v),
                        h.pat.source_ref,
                        h.pat.text,
                        h.specificity
                    );
                }
            }
            // Imported dictionaries carry placeholder codes (`+++`, `###`,
            // `xxy`) that select nothing: the next pattern applies. `---`
            // is an explicit "no event".
            let Some(best) = hs.iter().find(|h| {
                let c = main_code(&h.pat.code);
                c == "---"
                    || (c.bytes().any(|b| b.is_ascii_digit())
                        && c.bytes().all(|b| b.is_ascii_alphanumeric()))
            }) else {
                continue;
            };
            if main_code(&best.pat.code) == "---" || best.pat.code.is_empty() {
                continue;
            }
            let scope = tabari.then(|| {
                let k = clause[v];
                Scope {
                    start: clause.iter().position(|&c| c == k).unwrap_or(0),
                    end: clause.iter().rposition(|&c| c == k).map_or(s.n, |e| e + 1),
                    carry: carry.clone(),
                }
            });
            let (evs, accused) = self.events_for(
                s,
                &r,
                best,
                date,
                dateline,
                scope.as_ref(),
                trace.as_deref_mut(),
            );
            if let Some(e) = evs.first() {
                carry = vec![e.actor.clone()];
                for e in &evs[1..] {
                    if !carry.iter().any(|c| c.cameo() == e.actor.cameo()) {
                        carry.push(e.actor.clone());
                    }
                }
            }
            let emb_hosts = self.embedding(s, v, &best.pat.code).hosts;
            for e in evs {
                cands.push((v, emb_hosts.clone(), e));
            }
            accusations.extend(accused);
        }
        // A verb that embeds a coded event is not coded itself ("threatened
        // to attack" is the threat, not also a bare 130).
        let hosts: Vec<usize> = cands.iter().flat_map(|c| c.1.iter().copied()).collect();
        let legacy = d.format != DictFormat::Tocsin;
        // Sizes go to the event verb that states them (see size::sizes_for).
        let verbs: Vec<usize> = cands.iter().map(|c| c.0).collect();
        for (v, _, e) in &mut cands {
            e.size = size::sizes_for(s, &stated, *v, &verbs);
        }
        let mut seen: Vec<(usize, String, String)> = Vec::new();
        for (v, _, e) in cands {
            if hosts.contains(&v) {
                if let Some(t) = trace.as_deref_mut() {
                    let _ = writeln!(
                        t,
                        "  token {} embeds another event: its own pattern is not coded",
                        v + 1
                    );
                }
                continue;
            }
            // PETRARCH/TABARI code each (source, target, code) once a sentence.
            let key = (
                if legacy { usize::MAX } else { v },
                e.actor.cameo(),
                format!(
                    "{} {}",
                    e.recipient
                        .as_ref()
                        .map(ActorRef::cameo)
                        .unwrap_or_default(),
                    if legacy { e.cameo.code.as_str() } else { "" }
                ),
            );
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.events.push((v, e));
        }
        for (v, e) in accusations {
            let key = (
                v,
                e.actor.cameo(),
                e.recipient
                    .as_ref()
                    .map(ActorRef::cameo)
                    .unwrap_or_default(),
            );
            if !seen.contains(&key) {
                seen.push(key);
                out.events.push((v, e));
            }
        }
        out.context_country = out
            .events
            .iter()
            .rev()
            .find(|(_, e)| e.actor.source == tocsin_core::ActorSource::Text)
            .map(|(_, e)| e.actor.code.clone())
            .or_else(|| r.last_country());
        out.context_person = r.first_person(s.n);
        out.context_subject = r.main_subject_thing();
        out
    }

    /// The events of one pattern hit: every source × target pair.
    #[allow(clippy::too_many_arguments)]
    fn events_for(
        &self,
        s: &Sent<'_>,
        r: &Resolver<'_>,
        h: &Hit<'_>,
        date: Option<Date>,
        dateline: Option<Date>,
        scope: Option<&Scope>,
        mut trace: Option<&mut String>,
    ) -> (Vec<Event>, Vec<(usize, Event)>) {
        let d = &*self.dicts;
        let v = h.tok;
        let p = h.pat;
        let legacy = d.format != DictFormat::Tocsin;
        let (main, paired) = match p.code.split_once(':') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (p.code.clone(), p.paired.clone()),
        };
        let emb = self.embedding(s, v, &main);
        let tabari = d.format == DictFormat::Tabari;
        let petrarch_agentless = d.format == DictFormat::Petrarch
            && s.kid(v, "nsubj:pass").is_some()
            && !passive_by(s, v);
        let mut sources = match h.src_tok {
            Some(t) if tabari && s.upos(t) == Upos::Pron => pronoun_antecedent(r, t),
            Some(t) => pattern_actors(r, h, t),
            // `- NOTED + * [115]`: the target is the verb's subject, so the
            // source is named before the pattern's words.
            None if legacy && h.tgt_tok.is_some_and(|t| t < v) => {
                nearest_actor_before(r, 0, h.span.0)
            }
            // PETRARCH reads a passive as such only with its `by` agent:
            // "The Philippines was criticized over its dispute with
            // Eriador" codes the Philippines as the source.
            None if petrarch_agentless => s
                .kids(v, "nsubj:pass")
                .flat_map(|x| r.actors(r.compound_head(x)))
                .collect(),
            // TABARI reads no parse: the source is the nearest actor before
            // the words the pattern matched ("Arnor suggested Gondor should
            // apply": `SUGGESTED * APPLY` leaves Arnor).
            None if tabari && !passive_by(s, v) => {
                let start = scope.map_or(0, |c| c.start);
                let found = nearest_actor_before(r, start, h.span.0);
                match scope {
                    Some(c) if found.is_empty() && start > 0 => c.carry.clone(),
                    _ => found,
                }
            }
            None => {
                let slots = if p.source.is_empty() {
                    default_sources(p.kind)
                } else {
                    p.source.clone()
                };
                self.fill(s, r, v, &slots)
            }
        };
        // TABARI (no parse): with no subject, the nearest actor before the verb.
        // PETRARCH takes the first actor anywhere in the subject's phrase
        // ("Resumption of ties between Arnor and Gondor may spur ...").
        if sources.is_empty() && d.format == DictFormat::Petrarch && h.src_tok.is_none() {
            if let Some(x) = logical_subj(s, v) {
                if let Some(m) = r
                    .mentions
                    .iter()
                    .find(|m| m.start < v && s.dominated_by(m.start, x))
                {
                    sources = r.actors(r.compound_head(m.end - 1));
                }
            }
        }
        // PETRARCH: a pattern with words before the verb whose subject the
        // parse lost ("Arnor is inching nearer to accord"): the last actor
        // before those words.
        if sources.is_empty()
            && d.format == DictFormat::Petrarch
            && h.src_tok.is_none()
            && h.tgt_tok.is_none()
            && h.span.0 < v
        {
            if let Some(m) = r.mentions.iter().rev().find(|m| m.end <= h.span.0) {
                sources = r.actors(r.compound_head(m.end - 1));
            }
        }
        if sources.is_empty() && tabari && h.src_tok.is_none() && h.tgt_tok.is_none() {
            if let Some(m) = r.mentions.iter().rev().find(|m| m.end <= v) {
                sources = r.actors(r.compound_head(m.start));
            }
        }
        // "The EU called for talks with Russia": an embedded event noun takes
        // the subject of the verb that embeds it.
        if sources.is_empty() && p.kind == PatternKind::Noun {
            if let Some(&host) = emb.hosts.first() {
                sources = self.fill(s, r, host, &[Slot::Subj]);
            }
        }
        // "a mortar bomb was fired at Israel from the Gaza Strip": an act of
        // violence in the passive with no agent comes from where it was
        // launched.
        if sources.is_empty()
            && !legacy
            && p.source.is_empty()
            && s.is_passive(v)
            && matches!(main.get(..2), Some("18" | "19" | "20"))
        {
            sources = self.fill(s, r, v, &[Slot::Prep("from".into())]);
            // "were killed in Israeli shelling", "in a US air strike": the
            // actor of the event the victims died in, when that phrase names
            // an act, not a place ("killed in Kabul" names no source).
            if sources.is_empty() {
                for x in s.prep_deps(v, "in") {
                    let place = r.at[x].is_some_and(|m| {
                        matches!(r.mentions[m].kind, crate::actors::MentionKind::Actor { .. })
                    });
                    if !place {
                        sources = r.actors(x);
                    }
                    if !sources.is_empty() {
                        break;
                    }
                }
            }
        }
        let target_slots = if p.target.is_empty() {
            default_targets(p.kind)
        } else {
            p.target.clone()
        };
        // `- * WITH % [031]`: a compound after the verb is the target of the
        // subject ("Eriador agrees with the Philippines and France").
        let compound_after =
            d.format == DictFormat::Petrarch && h.compound && h.tgt_tok.is_some_and(|t| t > v);
        if compound_after {
            sources = self.fill(s, r, v, &default_sources(p.kind));
        }
        let mut targets = match h.tgt_tok {
            Some(t) if compound_after => pattern_actors(r, h, t),
            // `%`: the compound's members act on each other.
            Some(_) if h.compound => Vec::new(),
            Some(t) if tabari && s.upos(t) == Upos::Pron => pronoun_antecedent(r, t),
            Some(t) => pattern_actors(r, h, t),
            // "an attack by Osgiliath soldiers": the `by` phrase of an event
            // noun is its agent, so the actor after the noun is not its target.
            None if legacy && p.target.is_empty() && noun_with_agent(s, v) => Vec::new(),
            // TABARI: the first actor after the words the pattern matched.
            None if tabari && p.target.is_empty() && !passive_by(s, v) => {
                first_actor_beyond(r, v, scope.map_or(s.n, |c| c.end), &sources)
            }
            // PETRARCH: the target is the first actor of the verb
            // phrase after the verb.
            None if legacy && p.target.is_empty() => {
                // PETRARCH's verb phrase includes complement clauses ("Arnor
                // believes Dagolath can cope" -> ARN/DAG).
                // A passive's target is its subject ("Eriador was opposed by
                // Osgiliath"), else the first actor after the verb.
                let mut t = if s.is_passive(v) && !petrarch_agentless {
                    self.fill(s, r, v, &[Slot::Obj])
                } else {
                    Vec::new()
                };
                if t.is_empty() {
                    t = first_actor_after(s, r, v, &sources, true);
                }
                if t.is_empty() {
                    t = self.fill(s, r, v, &target_slots);
                }
                // The parser may hang the verb's complement elsewhere ("restore
                // complete, full diplomatic ties with Gondor"): PETRARCH's verb
                // phrase runs on in the text, up to the next clause's subject.
                if t.is_empty() && d.format == DictFormat::Petrarch {
                    let asides = crate::tabari::dropped_clauses(s, &self.options.petrarch_comma);
                    t = next_actor_in_text(s, r, v, &sources, &asides);
                }
                t
            }
            None => self.fill(s, r, v, &target_slots),
        };
        // TABARI: a pattern that names the target before the verb and finds
        // no source there takes the first actor after it ("- + WAS * DEAD":
        // "an Eriadorian was shot dead in Osgiliath").
        if tabari && sources.is_empty() && h.src_tok.is_none() && h.tgt_tok.is_some_and(|t| t < v) {
            let limit = scope.map_or(s.n, |c| c.end);
            sources = first_actor_beyond(r, h.span.1, limit, &targets);
        }
        if tabari {
            self.tabari_defaults(s, v, h, &mut sources, &mut targets);
        }
        // "Obama wants Putin to attack Switzerland": an appeal from the host's
        // subject to the one asked to act.
        if let Some((host, who)) = emb.addressee.filter(|_| !legacy) {
            sources = self.fill(s, r, host, &[Slot::Subj]);
            targets = r.actors(r.compound_head(who));
        }
        // A target that is also a source is not a target ("Biden and Putin met").
        targets.retain(|t| {
            !sources
                .iter()
                .any(|x| x.cameo() == t.cameo() && x.span == t.span)
        });
        let accused = self.accusations(s, r, &emb, (&sources, &targets), p, (date, dateline));
        if let Some(t) = trace.as_deref_mut() {
            for (_, e) in &accused {
                let _ = writeln!(
                    t,
                    "    reported conflict: {} accuses {} ({})",
                    e.actor.cameo(),
                    e.recipient
                        .as_ref()
                        .map(ActorRef::cameo)
                        .unwrap_or_default(),
                    e.cameo.code
                );
            }
        }
        if let Some(t) = trace {
            let names =
                |v: &[ActorRef]| v.iter().map(ActorRef::cameo).collect::<Vec<_>>().join(",");
            let _ = writeln!(
                t,
                "    best: sources [{}] targets [{}] code {} -> {}{}{}",
                names(&sources),
                names(&targets),
                p.code,
                emb.code,
                flags(&emb.modality),
                emb.dropped
                    .as_ref()
                    .map(|m| format!(" DROPPED: {m}"))
                    .unwrap_or_default()
            );
        }
        // Without `require_dyad`, an event whose source is not named ("Four
        // civilians were killed", "A bomb exploded in the market") keeps an
        // unknown source (`---`, empty span at the verb): typing events needs
        // no dyad.
        if sources.is_empty() && !self.options.require_dyad && !legacy {
            sources.push(ActorRef {
                code: "---".into(),
                name: "unknown".into(),
                // Empty, at the verb: nothing in the text names it.
                span: tocsin_core::Span {
                    start: s.span(v).start,
                    end: s.span(v).start,
                },
                source: tocsin_core::ActorSource::Context("no source in the text".into()),
                ..ActorRef::default()
            });
        }
        if emb.dropped.is_some() || sources.is_empty() {
            return (Vec::new(), accused);
        }
        let code = emb.code.clone();
        let symmetric = !legacy
            && self
                .options
                .symmetric_prefixes
                .iter()
                .any(|x| code.starts_with(x.as_str()) || main.starts_with(x.as_str()));
        let mirror = d.format == DictFormat::Tocsin && self.options.mirror_codes.contains(&code);
        let mut pairs: Vec<(ActorRef, Option<ActorRef>, String)> = Vec::new();
        if targets.is_empty() {
            // PETRARCH/TABARI's `%` pairs the members of a compound with each
            // other ("X and Y agree that ...").
            if (symmetric || (legacy && h.compound)) && sources.len() >= 2 {
                for a in &sources {
                    for b in &sources {
                        if a.cameo() != b.cameo() {
                            pairs.push((a.clone(), Some(b.clone()), code.clone()));
                        }
                    }
                }
            } else if !self.options.require_dyad {
                for a in &sources {
                    pairs.push((a.clone(), None, code.clone()));
                }
            }
        } else {
            for a in &sources {
                for b in &targets {
                    if a.cameo() == b.cameo() || context_same_country(a, b) {
                        continue;
                    }
                    pairs.push((a.clone(), Some(b.clone()), code.clone()));
                    if mirror {
                        pairs.push((b.clone(), Some(a.clone()), code.clone()));
                    }
                    let reverse = paired.clone().or_else(|| {
                        (d.format == DictFormat::Tocsin)
                            .then(|| {
                                self.options
                                    .reverse_codes
                                    .iter()
                                    .find(|(from, _)| *from == code)
                                    .map(|(_, to)| to.clone())
                            })
                            .flatten()
                    });
                    if let Some(pc) = reverse {
                        pairs.push((b.clone(), Some(a.clone()), pc));
                    }
                }
            }
        }
        let (edate, reason) = when::event_date(s, v, date, dateline);
        let mut pattern = p.text.clone();
        for st in &emb.steps {
            pattern.push_str(" => ");
            pattern.push_str(st);
        }
        let events = pairs
            .into_iter()
            .map(|(a, b, code)| Event {
                sentence: s.index as u32,
                actor: a,
                recipient: b,
                cameo: self.cameo(&code),
                plover: self.plover(&code),
                modality: emb.modality,
                size: Size::default(),
                verb: s.span(v),
                date: edate,
                date_reason: reason.clone(),
                rule: RuleRef {
                    file: p.source_ref.file.clone(),
                    line: p.source_ref.line,
                    pattern: pattern.clone(),
                },
                location: None,
            })
            .collect();
        (events, accused)
    }

    /// "The US claimed that ISIL had attacked Iraq": a speaker who reports
    /// an act of violence (roots 18-20) by another country's actor named in
    /// the text accuses that actor (112; 1123, aggression, for 19-20), as
    /// well as reporting the act. A speaker reporting its own country's act
    /// ("The US claimed that they had attacked Iraq") acknowledges it (015,
    /// claim responsibility, towards the act's target). Neither when the
    /// speaker is the media (a news report is neither) or when the act is
    /// denied, hypothetical or still to come.
    fn accusations(
        &self,
        s: &Sent<'_>,
        r: &Resolver<'_>,
        emb: &crate::modality::Embedding,
        (sources, targets): (&[ActorRef], &[ActorRef]),
        p: &tocsin_dict::VerbPattern,
        (date, dateline): (Option<Date>, Option<Date>),
    ) -> Vec<(usize, Event)> {
        let d = &*self.dicts;
        let Some(rep) = emb.reporter else {
            return Vec::new();
        };
        let root = emb.code.get(..2).unwrap_or("");
        let m = emb.modality;
        if d.format != DictFormat::Tocsin
            || !matches!(root, "18" | "19" | "20")
            || m.negated
            || m.hypothetical
            || m.future
        {
            return Vec::new();
        }
        let code = if root == "18" { "112" } else { "1123" };
        let speakers = self.fill(s, r, rep, &[Slot::Subj]);
        let (edate, reason) = when::event_date(s, rep, date, dateline);
        let mut pairs: Vec<(&ActorRef, &ActorRef, &str, &str)> = Vec::new();
        for a in &speakers {
            if a.sectors.iter().any(|x| x == "MED") {
                continue;
            }
            for b in sources {
                if b.source != tocsin_core::ActorSource::Text {
                    continue;
                }
                if a.code != b.code {
                    pairs.push((a, b, code, "accuse"));
                    continue;
                }
                for t in targets.iter().filter(|t| t.code != a.code) {
                    pairs.push((a, t, "015", "claim responsibility"));
                }
            }
        }
        let mut out = Vec::new();
        for (a, b, code, what) in pairs {
            {
                out.push((
                    rep,
                    Event {
                        sentence: s.index as u32,
                        actor: a.clone(),
                        recipient: Some(b.clone()),
                        cameo: self.cameo(code),
                        plover: self.plover(code),
                        modality: Modality::default(),
                        size: Size::default(),
                        verb: s.span(rep),
                        date: edate,
                        date_reason: reason.clone(),
                        rule: RuleRef {
                            file: p.source_ref.file.clone(),
                            line: p.source_ref.line,
                            pattern: format!(
                                "{} => reported by \"{}\": {what}",
                                p.text,
                                s.word(rep)
                            ),
                        },
                        location: None,
                    },
                ));
            }
        }
        out
    }

    /// TABARI's `DEFAULT:` actors for a side left empty. `SOURCE [X] PRIOR`
    /// gives X when no actor precedes the verb; without `PRIOR` the first
    /// actor after the verb becomes the source. `TARGET [X] AFTER` gives X
    /// when no actor follows; without `AFTER` a compound source gives its
    /// later members as targets.
    fn tabari_defaults(
        &self,
        s: &Sent<'_>,
        v: usize,
        h: &Hit<'_>,
        sources: &mut Vec<ActorRef>,
        targets: &mut Vec<ActorRef>,
    ) {
        let t = &self.options.tabari;
        let named = |code: &str| ActorRef {
            code: code.to_string(),
            sectors: Vec::new(),
            name: code.to_string(),
            span: s.span(v),
            source: tocsin_core::ActorSource::Context("default actor".into()),
            wikidata: None,
        };
        if let (Some(ds), true, None) = (&t.default_source, sources.is_empty(), h.src_tok) {
            if ds.only_when_none {
                sources.push(named(&ds.code));
            } else if !targets.is_empty() {
                let rest = targets.split_off(1);
                *sources = std::mem::replace(targets, rest);
            }
        }
        if let (Some(dt), true, None) = (&t.default_target, targets.is_empty(), h.tgt_tok) {
            if !dt.only_when_none && sources.len() >= 2 {
                *targets = sources.split_off(1);
            } else if !sources.is_empty() {
                targets.push(named(&dt.code));
            }
        }
    }

    /// The actors of the first slot that yields any.
    fn fill(&self, s: &Sent<'_>, r: &Resolver<'_>, v: usize, slots: &[Slot]) -> Vec<ActorRef> {
        for slot in slots {
            let heads: Vec<usize> = match slot {
                // A passive's agent: every `by` phrase, in order (parsers
                // attach an apposition's head as the agent).
                Slot::Subj if s.is_passive(v) => {
                    let mut c: Vec<usize> = s.kids(v, "obl:agent").collect();
                    c.extend(s.prep_deps(v, "by"));
                    c.sort_unstable();
                    c.dedup();
                    // "Ukraine's foreign minister called for talks" tagged as
                    // a passive without a passive auxiliary: the "subject"
                    // is the subject.
                    if s.kid(v, "aux:pass").is_none() && c.iter().all(|&x| r.actors(x).is_empty()) {
                        c.extend(s.kids(v, "nsubj:pass"));
                    }
                    c
                }
                Slot::Subj => {
                    let mut c: Vec<usize> = logical_subj(s, v).into_iter().collect();
                    // "The US, Russia, and Switzerland met": a list misparsed
                    // as two subjects of one verb; both are.
                    // The "and" then hangs on the verb between them.
                    if let Some(&first) = c.first().filter(|&&x| s.head[x] == Some(v)) {
                        let more: Vec<usize> = s
                            .kids(v, "nsubj")
                            .filter(|&k| {
                                k > first && s.kids(v, "cc").any(|cc| first < cc && cc < k)
                            })
                            .collect();
                        c.extend(more);
                    }
                    // "the official news agency WFNA said": parsers make the
                    // name the subject of a relative clause on the agency.
                    // A clause hung on a function word ("Several European
                    // countries along with the U.S. have threatened", with the
                    // clause on "the") modifies the nominal that word belongs to.
                    if matches!(s.rel(v), "acl:relcl" | "acl") {
                        let mut h = s.head[v];
                        for _ in 0..4 {
                            match h {
                                Some(x) if matches!(s.upos(x), Upos::Det | Upos::Adp) => {
                                    h = s.head[x];
                                }
                                _ => break,
                            }
                        }
                        c.extend(h);
                    }
                    // "Ethiopia indicated it would act": a pronoun subject of a
                    // complement clause is the subject of the verb above.
                    if let Some(&x) = c.first() {
                        if s.upos(x) == Upos::Pron
                            && matches!(s.rel(v), "ccomp" | "xcomp" | "advcl" | "conj")
                        {
                            if let Some(h) = s.head[v] {
                                c.extend(logical_subj(s, h));
                            }
                        }
                    }
                    c
                }
                Slot::Obj => logical_obj(s, v).into_iter().collect(),
                Slot::Iobj => s.kid(v, "iobj").into_iter().collect(),
                Slot::Prep(p) => {
                    let mut deps = s.prep_deps(v, p);
                    if let Some(o) = logical_obj(s, v) {
                        deps.extend(s.prep_deps(o, p));
                    }
                    // "called for talks with Russia": the parser often attaches
                    // the phrase to the verb governing an event noun.
                    if deps.is_empty() && matches!(s.upos(v), Upos::Noun | Upos::Propn) {
                        if let Some(h) = s.head[v].filter(|_| matches!(s.rel(v), "obl" | "obj")) {
                            deps.extend(s.prep_deps(h, p).into_iter().filter(|&x| x > v));
                        }
                    }
                    // "by" of a passive is the source, never the target.
                    if p == "by" && s.is_passive(v) && s.upos(v) != tocsin_core::Upos::Noun {
                        deps.clear();
                    }
                    deps
                }
                Slot::Xobj => s
                    .kids(v, "xcomp")
                    .filter_map(|x| logical_obj(s, x))
                    .collect(),
                Slot::Poss => s.kids(v, "nmod:poss").collect(),
                Slot::Amod => s.kids(v, "amod").collect(),
                Slot::Compound => s.kids(v, "compound").collect(),
                Slot::None => return Vec::new(),
            };
            let mut found = Vec::new();
            for x in heads {
                for a in r.actors(x) {
                    if !found.iter().any(|f: &ActorRef| f.cameo() == a.cameo()) {
                        found.push(a);
                    }
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    pub(crate) fn cameo(&self, code: &str) -> CameoInfo {
        match self.dicts.cameo.get(code) {
            Some(c) => CameoInfo {
                code: code.to_string(),
                root: c.root.clone(),
                quad_class: c.quad,
                goldstein: c.goldstein,
            },
            None => CameoInfo {
                code: code.to_string(),
                root: code.chars().take(2).collect(),
                quad_class: quad_of(code),
                goldstein: 0.0,
            },
        }
    }

    pub(crate) fn plover(&self, code: &str) -> PloverInfo {
        match self.dicts.cameo.get(code) {
            Some(c) => PloverInfo {
                event: c.plover_event.clone(),
                mode: c.plover_mode.clone(),
                context: c.plover_context.clone(),
            },
            None => PloverInfo::default(),
        }
    }
}

/// The event code of a pattern code written `CODE:PAIRED`.
fn main_code(code: &str) -> &str {
    code.split(':').next().unwrap_or(code)
}

/// The first actor after the verb inside its phrase (PETRARCH/TABARI's
/// target): mentions in the verb's subtree, in text order, not inside a clause
/// with a subject of its own, and not a source.
fn first_actor_after(
    s: &Sent<'_>,
    r: &Resolver<'_>,
    v: usize,
    sources: &[ActorRef],
    cross_clauses: bool,
) -> Vec<ActorRef> {
    // "... and promised aid to the villages": the phrase of a conjoined
    // participle is its object noun's.
    let v = if s.is_conjoined_participle(v) {
        s.head[v].unwrap_or(v)
    } else {
        v
    };
    for m in r.mentions {
        if m.start <= v || !s.dominated_by(m.start, v) {
            continue;
        }
        // Not across a clause boundary with its own subject.
        let mut x = m.start;
        let mut blocked = false;
        while x != v {
            if !cross_clauses
                && x != m.start
                && s.children[x].iter().any(|&c| s.rel(c).starts_with("nsubj"))
            {
                blocked = true;
                break;
            }
            match s.head[x] {
                Some(h) => x = h,
                None => break,
            }
        }
        if blocked {
            continue;
        }
        let found = actors_not_in(r, m, sources);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// A passive verb with its `by` agent ("Eriador was opposed by Osgiliath"):
/// TABARI's reading of sides by position does not apply.
fn passive_by(s: &Sent<'_>, v: usize) -> bool {
    s.is_passive(v) && (s.kid(v, "obl:agent").is_some() || !s.prep_deps(v, "by").is_empty())
}

/// An event noun with a `by` phrase of its own, its agent ("an attack by
/// Osgiliath soldiers").
fn noun_with_agent(s: &Sent<'_>, v: usize) -> bool {
    s.upos(v) == Upos::Noun && !s.prep_deps(v, "by").is_empty()
}

/// The head of the noun phrase holding token `t`, climbing only through
/// tokens in `lo..hi`: TABARI's sides stay on their side of the verb even
/// when the parser attaches a name to the verb (a verb tagged as a noun).
fn phrase_head_within(r: &Resolver<'_>, t: usize, lo: usize, hi: usize) -> usize {
    let s = r.s;
    let mut x = t;
    for _ in 0..s.n {
        let inside = matches!(
            s.rel(x),
            "compound" | "amod" | "nmod:poss" | "flat" | "appos" | "flat:foreign" | "conj"
        ) || (s.rel(x) == "nmod"
            && s.case_of(x)
                .is_some_and(|p| matches!(p.as_str(), "of" | "from")));
        match s.head[x] {
            Some(h) if inside && (lo..hi).contains(&h) => x = h,
            _ => break,
        }
    }
    x
}

/// The actors at a pattern's `$`, `+` or `%` token: the phrase of the name
/// there, not reaching back over a phrase that `^` skipped ("- * AT ^ +":
/// "at the Gondor of the Prince of Dol Amroth" names the Prince).
fn pattern_actors(r: &Resolver<'_>, h: &Hit<'_>, t: usize) -> Vec<ActorRef> {
    let last = name_last(r, t);
    match h.skipped {
        Some(k) if k < t => r.actors(phrase_head_within(r, last, k + 1, r.s.n)),
        _ => r.actors(r.compound_head(last)),
    }
}

/// The last token of the name covering `t` ("the Philippines" → Philippines),
/// where a pattern's `$`, `+` or `%` landed: the name's phrase is read from
/// its head word, not from an article.
fn name_last(r: &Resolver<'_>, t: usize) -> usize {
    r.at.get(t)
        .copied()
        .flatten()
        .and_then(|k| r.mentions.get(k))
        .map_or(t, |m| m.end - 1)
}

/// TABARI: a personal pronoun in a `$` or `+` place stands for the last
/// actor named before it ("Gondor's Prime Minister said he regretted").
fn pronoun_antecedent(r: &Resolver<'_>, t: usize) -> Vec<ActorRef> {
    r.mentions
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| m.end <= t && matches!(m.kind, crate::actors::MentionKind::Actor { .. }))
        .map(|(k, m)| {
            let mut a = r.actors(phrase_head_within(r, m.end - 1, 0, t));
            add_adjacent_agent(r, k, t, &mut a);
            a
        })
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}

/// TABARI reads "Gondor's Prime Minister" by position: an agent right
/// after an actor's name (or its "'s") adds its sectors, whatever the parse
/// says. `k` is the actor's mention; the agent must end before `limit`.
fn add_adjacent_agent(r: &Resolver<'_>, k: usize, limit: usize, actors: &mut [ActorRef]) {
    let (Some(m), Some(next)) = (r.mentions.get(k), r.mentions.get(k + 1)) else {
        return;
    };
    let crate::actors::MentionKind::Agent { id } = next.kind else {
        return;
    };
    let gap_ok = next.start == m.end
        || (next.start == m.end + 1 && r.s.lower.get(m.end).is_some_and(|w| w == "'s"));
    if !gap_ok || next.end > limit || actors.len() != 1 {
        return;
    }
    let Some(ag) = r.d.agents.get(id as usize) else {
        return;
    };
    for a in actors.iter_mut() {
        if a.source != tocsin_core::ActorSource::Text {
            continue;
        }
        for sec in &ag.sectors {
            if !a.sectors.contains(sec) {
                a.sectors.push(sec.clone());
            }
        }
    }
}

/// TABARI's source: the actors of the nearest mention ending before token
/// `start` that codes as anybody.
fn nearest_actor_before(r: &Resolver<'_>, from: usize, start: usize) -> Vec<ActorRef> {
    r.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start >= from && m.end <= start)
        .map(|(k, m)| {
            let mut a = r.actors(phrase_head_within(r, m.end - 1, from, start));
            add_adjacent_agent(r, k, start, &mut a);
            a
        })
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}

/// TABARI's target: the actors of the first mention after token `end` that
/// are not sources.
fn first_actor_beyond(
    r: &Resolver<'_>,
    end: usize,
    limit: usize,
    sources: &[ActorRef],
) -> Vec<ActorRef> {
    r.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start > end && m.start < limit)
        .map(|(k, m)| {
            let mut a = r.actors(phrase_head_within(r, m.end - 1, end + 1, limit));
            add_adjacent_agent(r, k, limit, &mut a);
            a.retain(|a| {
                !sources
                    .iter()
                    .any(|x| x.span == a.span && x.cameo() == a.cameo())
            });
            a
        })
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}

/// The first actor named after `v` in text order, outside comma-delimited
/// asides and before any other clause's subject.
fn next_actor_in_text(
    s: &Sent<'_>,
    r: &Resolver<'_>,
    v: usize,
    sources: &[ActorRef],
    asides: &[bool],
) -> Vec<ActorRef> {
    for m in r
        .mentions
        .iter()
        .filter(|m| m.start > v && !asides.get(m.start).copied().unwrap_or(false))
    {
        let stop = (v + 1..m.start).any(|t| s.rel(t).starts_with("nsubj"));
        if stop {
            return Vec::new();
        }
        let found = actors_not_in(r, m, sources);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// A side borrowed from context with the other side's country is more
/// likely a wrong guess than an internal event ("Russian troops attacked
/// Ukraine, killing 6 civilians" must not give RUSMIL -> RUSCVL).
fn context_same_country(a: &ActorRef, b: &ActorRef) -> bool {
    let ctx = |x: &ActorRef| matches!(x.source, tocsin_core::ActorSource::Context(_));
    (ctx(a) || ctx(b)) && a.code == b.code
}

/// The modality flags that are set, as ` negated future`.
pub(crate) fn flags(m: &Modality) -> String {
    let mut s = String::new();
    for (on, name) in [
        (m.negated, "negated"),
        (m.hypothetical, "hypothetical"),
        (m.future, "future"),
        (m.claimed, "claimed"),
    ] {
        if on {
            s.push(' ');
            s.push_str(name);
        }
    }
    s
}

/// GDELT's quad class from the root of a CAMEO code (0 when not CAMEO).
fn quad_of(code: &str) -> u8 {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=5) => 1,
        Some(6..=8) => 2,
        Some(9..=13) => 3,
        Some(14..=20) => 4,
        _ => 0,
    }
}

/// The actors of the phrase around mention `m` that are not among `sources`.
fn actors_not_in(r: &Resolver<'_>, m: &Mention, sources: &[ActorRef]) -> Vec<ActorRef> {
    r.actors(r.np_head(m.end - 1))
        .into_iter()
        .filter(|a| {
            !sources
                .iter()
                .any(|x| x.span == a.span && x.cameo() == a.cameo())
        })
        .collect()
}
