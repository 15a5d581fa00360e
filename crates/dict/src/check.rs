//! Cross-entry checks run after compilation: undefined references,
//! duplicates, shadowed patterns, overlapping roles and ambiguous names.

use crate::compile::Places;
use crate::diag::Diagnostic;
use crate::model::{Actor, ActorKind, DateRange, Dictionaries, SourceRef, VerbPattern};
use crate::names::{NameRef, NameRole};
use std::collections::{HashMap, HashSet};

/// Adds warnings (and reference errors) about `d` to `diags`.
pub(crate) fn lint(d: &mut Dictionaries, places: &Places, diags: &mut Vec<Diagnostic>) {
    let at = |s: &SourceRef| {
        places
            .display
            .get(&s.file)
            .cloned()
            .unwrap_or_else(|| s.file.clone())
    };
    references(d, places, diags);
    patterns(&d.verbs, "verb", &at, diags);
    patterns(&d.nouns, "noun", &at, diags);
    for a in d.actors.iter().filter(|a| a.kind == ActorKind::Person) {
        roles(a, &at, diags);
    }
    ambiguous_names(d, &at, diags);
    let mut seen: HashMap<Vec<String>, &SourceRef> = HashMap::new();
    for a in &d.agents {
        for n in a.names.iter().chain(&a.plurals) {
            if let Some(prev) = seen.get(&n.tokens) {
                if prev.line != a.source.line || prev.file != a.source.file {
                    diags.push(Diagnostic::warning(
                        at(&a.source),
                        a.source.line,
                        format!(
                            "agent name `{}` is also an agent at {}:{}; the earlier entry wins",
                            n.text,
                            at(prev),
                            prev.line
                        ),
                    ));
                }
            } else {
                seen.insert(n.tokens.clone(), &a.source);
            }
        }
    }
    let mut seen: HashMap<&Vec<String>, &SourceRef> = HashMap::new();
    for x in &d.discards {
        if let Some(prev) = seen.insert(&x.phrase.tokens, &x.source) {
            diags.push(Diagnostic::warning(
                at(&x.source),
                x.source.line,
                format!(
                    "duplicate discard `{}` (also at {}:{})",
                    x.phrase.text,
                    at(prev),
                    prev.line
                ),
            ));
        }
    }
    let mut seen: HashMap<(crate::ModalKind, &str), &SourceRef> = HashMap::new();
    for x in &d.derives {
        if let Some(prev) = seen.insert((x.kind, x.from.as_str()), &x.source_ref) {
            diags.push(Diagnostic::warning(
                at(&x.source_ref),
                x.source_ref.line,
                format!(
                    "duplicate `derive {} | {}` (also at {}:{}); the earlier row wins",
                    x.kind.keyword(),
                    x.from,
                    at(prev),
                    prev.line
                ),
            ));
        }
    }
}

fn references(d: &Dictionaries, places: &Places, diags: &mut Vec<Diagnostic>) {
    let countries: HashSet<&str> = d
        .actors
        .iter()
        .filter(|a| a.kind != ActorKind::Person)
        .map(|a| a.code.as_str())
        .collect();
    if d.actors.iter().any(|a| a.kind == ActorKind::Country) {
        for (code, path, line) in &places.country_refs {
            if !countries.contains(code.as_str()) {
                diags.push(Diagnostic::warning(path.clone(), *line, format!("country code `{code}` is not defined by any `country`, `org` or `group` entry")));
            }
        }
    }
    let orgs: HashSet<&str> = d
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Org)
        .map(|a| a.code.as_str())
        .collect();
    for (code, path, line) in &places.parent_refs {
        if !orgs.contains(code.as_str()) {
            diags.push(Diagnostic::warning(
                path.clone(),
                *line,
                format!("parent `{code}` is not defined by any `org` entry"),
            ));
        }
    }
}

fn patterns(
    ps: &[VerbPattern],
    kw: &str,
    at: &dyn Fn(&SourceRef) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<(String, String), &VerbPattern> = HashMap::new();
    for p in ps {
        let mut cons: Vec<String> = p.constraints.iter().map(|c| format!("{c:?}")).collect();
        cons.sort();
        let key = (p.lemma.clone(), cons.join(","));
        if let Some(prev) = seen.get(&key) {
            let here = at(&p.source_ref);
            let there = format!("{}:{}", at(&prev.source_ref), prev.source_ref.line);
            let msg = if prev.code == p.code && prev.target == p.target && prev.source == p.source {
                format!("duplicate `{kw} {}` pattern (same as {there})", p.lemma)
            } else {
                format!("`{kw} {}` pattern has the same constraints as {there} (code {}); ties go to the earlier line, so this one never fires", p.lemma, prev.code)
            };
            diags.push(Diagnostic::warning(here, p.source_ref.line, msg));
        } else {
            seen.insert(key, p);
        }
    }
}

fn roles(a: &Actor, at: &dyn Fn(&SourceRef) -> String, diags: &mut Vec<Diagnostic>) {
    for (i, r) in a.roles.iter().enumerate() {
        for s in &a.roles[i + 1..] {
            if r.country != s.country || r.sectors != s.sectors {
                continue;
            }
            let (x, y) = (r.dates(), s.dates());
            // A hand-over day shared by two terms is normal (inclusive ends).
            let shared = x.end_day().min(y.end_day()) - x.start_day().max(y.start_day());
            if x.overlaps(&y) && shared > 0 {
                diags.push(Diagnostic::warning(at(&a.source), a.source.line, format!(
                    "person `{}`: roles `{} {} {}` and `{} {} {}` overlap with the same country and sectors",
                    a.name, r.country, r.sectors.join(" "), x, s.country, s.sectors.join(" "), y
                )));
            }
        }
    }
}

/// When an actor can be named: persons by their roles, others by `dates`.
fn active(a: &Actor) -> Vec<DateRange> {
    if a.kind == ActorKind::Person && !a.roles.is_empty() {
        a.roles.iter().map(crate::Role::dates).collect()
    } else {
        vec![a.dates]
    }
}

fn ambiguous_names(
    d: &Dictionaries,
    at: &dyn Fn(&SourceRef) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let mut reported = HashSet::new();
    for (toks, targets) in d.names.iter() {
        let strong: Vec<_> = targets
            .iter()
            .filter(|t| {
                matches!(
                    t.role,
                    NameRole::Canonical | NameRole::Alias | NameRole::Capital | NameRole::Metonym
                )
            })
            .filter_map(|t| match t.target {
                NameRef::Actor(i) => Some((t, &d.actors[i as usize])),
                _ => None,
            })
            .collect();
        for (i, (t1, a1)) in strong.iter().enumerate() {
            for (t2, a2) in &strong[i + 1..] {
                if a1.id == a2.id || !t1.dates.overlaps(&t2.dates) {
                    continue;
                }
                let clash = active(a1)
                    .iter()
                    .any(|x| active(a2).iter().any(|y| x.overlaps(y)));
                if !clash || !reported.insert((a1.id.min(a2.id), a1.id.max(a2.id), toks.len())) {
                    continue;
                }
                let (first, second) = if (a1.source.file.as_str(), a1.source.line)
                    <= (a2.source.file.as_str(), a2.source.line)
                {
                    (a1, a2)
                } else {
                    (a2, a1)
                };
                let text: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
                diags.push(Diagnostic::warning(at(&second.source), second.source.line, format!(
                    "name `{}` is claimed by `{}` and by `{}` ({}:{}) at overlapping dates; split them with `=FROM..TO` or drop one",
                    text.join(" "), second.name, first.name, at(&first.source), first.source.line
                )));
            }
        }
    }
}
