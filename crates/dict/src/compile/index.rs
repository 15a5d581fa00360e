//! The lookup indexes of a compiled dictionary.

use crate::model::*;
use std::collections::HashMap;

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
