//! Modality: the verbs that embed an event ("refused to meet", "threatened
//! to attack", "said ... attacked"), negation, auxiliaries and if-clauses, and
//! the `derive` rows that turn the embedded code into the construction's code.

use crate::sent::Sent;
use crate::Coder;
use tocsin_core::{Modality, Upos};
use tocsin_dict::{Constraint, DictFormat, ModalKind};

/// The result of walking up from an event's verb through the verbs that
/// embed it ("refused to meet", "said ... attacked").
#[derive(Debug, Default)]
pub(crate) struct Embedding {
    pub code: String,
    pub modality: Modality,
    /// Verbs that embed the event (their own patterns are not coded).
    pub hosts: Vec<usize>,
    /// The derivation steps, for provenance.
    pub steps: Vec<String>,
    /// A negation with no derive row: the event is not coded.
    pub dropped: Option<String>,
    /// The report verb that states the event ("said", "claimed"), if any.
    pub reporter: Option<usize>,
    /// "Obama wants Putin to attack": the appeal's host verb and the one it
    /// is addressed to (the host's object, who is to act).
    pub addressee: Option<(usize, usize)>,
}

impl Coder {
    /// Walks up from `v` through the verbs that embed it.
    pub(crate) fn embedding(&self, s: &Sent<'_>, v: usize, code: &str) -> Embedding {
        let d = &*self.dicts;
        let mut e = Embedding {
            code: code.to_string(),
            ..Embedding::default()
        };
        self.clause_modality(s, v, &mut e, true);
        let mut cur = v;
        for _ in 0..8 {
            let Some(h) = s.head[cur] else { break };
            let link = s.rel(cur);
            if link == "advcl" && matches!(s.mark(cur), Some("if" | "unless" | "whether")) {
                e.modality.hypothetical = true;
                break;
            }
            if link == "conj" {
                // Shared auxiliaries attach to the first conjunct.
                self.clause_modality(s, h, &mut e, false);
                cur = h;
                continue;
            }
            // "expressed readiness to meet": hop over the abstract noun to the
            // verb it is the object of; the modal row checks the noun.
            let (from, h, link) = if matches!(link, "acl" | "xcomp")
                && matches!(s.upos(h), Upos::Noun)
                && s.rel(h) == "obj"
            {
                match s.head[h] {
                    Some(hh) => (h, hh, "obj"),
                    None => break,
                }
            } else {
                (cur, h, link)
            };
            let case = s.case_of(from);
            let modal = d.modals_for(&s.lemma[h]).find(|m| {
                let prep = m.constraints.iter().find_map(|c| match c {
                    Constraint::Prep { prep, .. } => Some(prep.as_str()),
                    _ => None,
                });
                let link_ok = match prep {
                    Some(p) => {
                        matches!(link.split(':').next(), Some("obl" | "nmod"))
                            && case.as_deref() == Some(p)
                    }
                    None => matches!(link, "xcomp" | "ccomp" | "csubj" | "advcl" | "obj"),
                };
                link_ok
                    && m.constraints
                        .iter()
                        .filter(|c| !matches!(c, Constraint::Prep { .. }))
                        .all(|c| match c {
                            // "are set to": parsers give a copula as often as a passive.
                            Constraint::Voice(tocsin_dict::Voice::Passive) => {
                                s.is_passive(h) || s.is_copular(h)
                            }
                            c => crate::patterns::constraint_holds(d, s, h, c),
                        })
                    // "be going to": only the progressive `go` is a future.
                    && (s.lemma[h] != "go" || s.xpos(h) == tocsin_core::Xpos::Vbg)
            });
            // "is going to attack": a built-in future.
            let going =
                s.lemma[h] == "go" && link == "xcomp" && s.xpos(h) == tocsin_core::Xpos::Vbg;
            // "did not mean that Libya had cut its ties", "never said that
            // ...": a clause under a negated verb is not asserted.
            // TABARI reads no parse (its patterns carry such readings): the
            // two parse-based drops below are not its.
            let parsed = d.format != DictFormat::Tabari;
            if parsed && modal.is_none() && !going && link == "ccomp" && s.negated(h) {
                e.dropped = Some(format!(
                    "the clause hangs on the negated verb \"{}\"",
                    s.word(h)
                ));
                break;
            }
            if modal.is_none() && !going {
                // "faces pressure to help Iran", "a plan to attack": an
                // infinitive on a noun names an act without asserting it.
                if parsed
                    && s.rel(cur) == "acl"
                    && s.mark(cur) == Some("to")
                    && s.upos(s.head[cur].unwrap_or(cur)) == Upos::Noun
                {
                    e.dropped = Some(format!(
                        "an infinitive on the noun \"{}\" states no act",
                        s.word(s.head[cur].unwrap_or(cur))
                    ));
                }
                break;
            }
            if going {
                self.apply(&mut e, ModalKind::Future, "going to");
            } else if let Some(m) = modal {
                if m.kind == ModalKind::Report {
                    e.reporter.get_or_insert(h);
                }
                // An infinitive the host controls (parsers give "invited X
                // to meet" as an xcomp or as a purpose advcl).
                let control = link == "xcomp" || (link == "advcl" && s.mark(from) == Some("to"));
                // "wants Putin to attack", "urged Russia to withdraw": with an
                // object who is to act, a wish or an appeal is an appeal to
                // that object (object control), not the subject's own intent.
                let object = (control
                    && e.hosts.is_empty()
                    && matches!(m.kind, ModalKind::Intent | ModalKind::Appeal)
                    && crate::patterns::object_control(&s.lemma[h]))
                .then(|| s.kid(h, "obj").or_else(|| s.kid(h, "iobj")))
                .flatten()
                .filter(|&o| h < o && o < from);
                // "were invited to attend": the passive subject is the one
                // asked; the source is the host's agent, if any.
                let object = object.or_else(|| {
                    (control
                        && e.hosts.is_empty()
                        && m.kind == ModalKind::Appeal
                        && s.is_passive(h))
                    .then(|| s.kid(h, "nsubj:pass"))
                    .flatten()
                });
                let kind = match object {
                    Some(o) => {
                        e.addressee = Some((h, o));
                        ModalKind::Appeal
                    }
                    None => m.kind,
                };
                self.apply(
                    &mut e,
                    kind,
                    &format!("{} {}", kind.keyword(), m.source_ref),
                );
            }
            e.hosts.push(h);
            self.clause_modality(s, h, &mut e, true);
            cur = h;
        }
        e
    }

    /// Negation, auxiliaries and reported speech of one clause.
    fn clause_modality(&self, s: &Sent<'_>, v: usize, e: &mut Embedding, with_negation: bool) {
        let d = &*self.dicts;
        // Negation first: "will not meet" rejects the meeting (125) rather
        // than negating the intent.
        if with_negation && s.negated(v) {
            self.apply(e, ModalKind::Negate, "negation");
        }
        let auxes: Vec<&str> = s.auxes(v).collect();
        if auxes.iter().any(|a| {
            matches!(
                *a,
                "could" | "might" | "may" | "would" | "should" | "'d" | "ought"
            )
        }) {
            self.apply(e, ModalKind::Hypothetical, "auxiliary");
        } else if auxes
            .iter()
            .any(|a| matches!(*a, "will" | "shall" | "'ll" | "wo" | "ll"))
        {
            self.apply(e, ModalKind::Future, "auxiliary");
        }
        // "X attacked Y, officials said" / "according to officials".
        for &c in &s.children[v] {
            let rel = s.rel(c);
            if matches!(rel, "parataxis" | "advcl" | "ccomp")
                && d.modals_for(&s.lemma[c])
                    .any(|m| m.kind == ModalKind::Report)
                && c > v
            {
                e.modality.claimed = true;
                e.reporter.get_or_insert(c);
            }
            if matches!(rel, "obl" | "advcl") && s.case_of(c).as_deref() == Some("according to") {
                e.modality.claimed = true;
            }
        }
    }

    /// Applies a modal kind to the running code.
    fn apply(&self, e: &mut Embedding, kind: ModalKind, why: &str) {
        let d = &*self.dicts;
        match kind {
            ModalKind::Report => {
                e.modality.claimed = true;
                return;
            }
            ModalKind::Negate => e.modality.negated = true,
            ModalKind::Future => e.modality.future = true,
            ModalKind::Hypothetical => e.modality.hypothetical = true,
            ModalKind::Threat | ModalKind::Intent | ModalKind::Appeal => {}
        }
        // PETRARCH/TABARI dictionaries write negation and modality into their
        // word patterns ("- &NEGATVAUXVRB * [904]"): only the flags apply.
        if d.format != DictFormat::Tocsin {
            return;
        }
        match d.derive(kind, &e.code) {
            Some(row) => {
                e.steps.push(format!(
                    "derive {} | {} | {} ({}; {why})",
                    kind.keyword(),
                    row.from,
                    row.to,
                    row.source_ref
                ));
                e.code.clone_from(&row.to);
            }
            None if kind == ModalKind::Negate => {
                e.dropped = Some(format!("no derive negate row for {} ({why})", e.code));
            }
            // A future or hypothetical event with no row keeps its code and
            // its flag ("will attack": 190, future).
            None if matches!(kind, ModalKind::Future | ModalKind::Hypothetical) => {}
            None => {
                // An intent, threat or appeal with no row keeps the embedded
                // code but is not an accomplished act.
                e.steps
                    .push(format!("{} without a derive row ({why})", kind.keyword()));
                e.modality.future |= kind == ModalKind::Intent;
                e.modality.hypothetical |= kind != ModalKind::Intent;
            }
        }
    }
}
