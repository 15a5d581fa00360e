//! Synsets, verb and noun patterns, modals, derives and discards.

use super::*;

impl Compiler {
    pub(super) fn synset(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
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

    pub(super) fn terms(&mut self, loc: &Loc<'_>, v: &str) -> Vec<Term> {
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

    pub(super) fn constraint(
        &mut self,
        loc: &Loc<'_>,
        k: &str,
        v: &str,
    ) -> Result<Option<Constraint>, String> {
        Ok(Some(match k {
            "obj" => match negated(v) {
                Some(rest) => {
                    let terms = self.terms(loc, rest);
                    if terms.is_empty() {
                        return Err(format!("expected words after `obj: not`, found `obj: {v}`"));
                    }
                    Constraint::NotObj(terms)
                }
                None => Constraint::Obj(self.terms(loc, v)),
            },
            "subj" => Constraint::Subj(self.terms(loc, v)),
            "prep" => {
                let (p, rest) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
                if let Some(neg) = negated(rest.trim()) {
                    let head = self.terms(loc, neg);
                    if head.is_empty() {
                        return Err(format!("expected words after `prep: {p} not`, found `{v}`"));
                    }
                    return Ok(Some(Constraint::NotPrep {
                        prep: p.to_lowercase(),
                        head,
                    }));
                }
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

    pub(super) fn pattern(
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

    pub(super) fn modal(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
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

    pub(super) fn derive(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
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

    pub(super) fn discard(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
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
}

pub(super) fn single_word(k: &str, v: &str) -> Result<String, String> {
    if v.contains(char::is_whitespace) || v.contains(';') {
        return Err(format!("expected one word after `{k}:`, found `{v}`"));
    }
    Ok(v.to_lowercase())
}

pub(super) fn slots(v: &str) -> Result<Vec<Slot>, String> {
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

/// The rest of a value written `not X; Y` (a negative constraint).
fn negated(v: &str) -> Option<&str> {
    let v = v.trim();
    if v == "not" {
        return Some("");
    }
    v.strip_prefix("not ").map(str::trim)
}
