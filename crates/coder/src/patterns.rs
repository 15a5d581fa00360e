//! Pattern matching: which verb (or event noun) patterns hold for a token.
//!
//! Two kinds of pattern go through the same path. tocsin's dependency
//! patterns check constraints on the verb's dependents (`obj: &sanction`,
//! `prep: on *`, `prt: up`, `xcomp: meet`, `voice: passive`); PETRARCH/TABARI
//! word-sequence patterns check the words around the verb in text order
//! (`- * DIPLOMATIC TIES [064]`). Either kind yields a [`Hit`]; the most specific
//! hit of a token wins, ties going to the earlier line.

use crate::sent::Sent;
use tocsin_core::{Upos, Xpos};
use tocsin_dict::{
    Constraint, Dictionaries, PatternKind, Term, VerbPattern, Voice, WordItem, WordTok,
};

/// A pattern that holds for a token.
#[derive(Clone, Debug)]
pub(crate) struct Hit<'d> {
    pub tok: usize,
    pub pat: &'d VerbPattern,
    pub specificity: usize,
    /// Word patterns: the tokens matched by `$` and `+` (and `%`, both).
    pub src_tok: Option<usize>,
    pub tgt_tok: Option<usize>,
}

/// The logical object: `obj`, or the subject of a passive.
pub(crate) fn logical_obj(s: &Sent<'_>, v: usize) -> Option<usize> {
    s.kid(v, "obj")
        .or_else(|| s.kid(v, "nsubj:pass"))
        .or_else(|| {
            // "troops stationed near the border": a passive participle modifying a noun.
            (s.rel(v) == "acl" && s.xpos(v) == Xpos::Vbn && s.kid(v, "obj").is_none())
                .then(|| s.head[v])
                .flatten()
        })
}

/// The logical subject: `nsubj`, the `by` agent of a passive, or the subject
/// inherited from the governing verb (xcomp, conj, participial adverbial
/// clauses) or noun (relative and participial clauses).
pub(crate) fn logical_subj(s: &Sent<'_>, v: usize) -> Option<usize> {
    if s.is_passive(v) {
        return s
            .kid(v, "obl:agent")
            .or_else(|| s.prep_deps(v, "by").into_iter().next());
    }
    let mut v = v;
    let mut first = true;
    for _ in 0..8 {
        if let Some(n) = s.kid(v, "nsubj") {
            if s.is_relative(n) && matches!(s.rel(v), "acl:relcl" | "acl") {
                return s.head[v];
            }
            return Some(n);
        }
        // "Biden and Putin are set to have talks": the controller of an
        // embedded verb may be a passive subject.
        if !first {
            if let Some(n) = s.kid(v, "nsubj:pass") {
                return Some(n);
            }
        }
        first = false;
        let h = s.head[v]?;
        match s.rel(v) {
            "xcomp" | "conj" => v = h,
            "advcl" if s.kid(v, "mark").is_none() => v = h,
            // "expressed readiness to meet Russia": the infinitive's subject
            // is the subject of the verb governing the noun.
            "acl" if s.mark(v) == Some("to") && matches!(s.rel(h), "obj" | "obl") => {
                v = s.head[h]?;
            }
            "acl" | "acl:relcl" => return Some(h),
            _ => return None,
        }
    }
    None
}

/// Whether a token (as a head word) matches a term, a synset member's last
/// word with its earlier words before it, or any listed word.
pub(crate) fn term_holds(d: &Dictionaries, s: &Sent<'_>, t: usize, term: &Term) -> bool {
    match term {
        Term::Any => true,
        Term::Word(w) => s.lemma[t] == *w || s.lower[t] == *w,
        Term::Synset(name) => d.synset(name).is_some_and(|syn| {
            syn.members.iter().any(|m| {
                let Some((last, rest)) = m.split_last() else {
                    return false;
                };
                if s.lemma[t] != *last && s.lower[t] != *last {
                    return false;
                }
                rest.iter()
                    .rev()
                    .enumerate()
                    .all(|(k, w)| t > k && (s.lower[t - k - 1] == *w || s.lemma[t - k - 1] == *w))
            })
        }),
    }
}

fn any_term(d: &Dictionaries, s: &Sent<'_>, t: usize, terms: &[Term]) -> bool {
    terms.iter().any(|x| term_holds(d, s, t, x))
}

/// Whether one constraint holds at verb `v`.
pub(crate) fn constraint_holds(d: &Dictionaries, s: &Sent<'_>, v: usize, c: &Constraint) -> bool {
    match c {
        Constraint::Obj(terms) => logical_obj(s, v).is_some_and(|o| {
            any_term(d, s, o, terms) || s.kids(o, "conj").any(|c| any_term(d, s, c, terms))
        }),
        Constraint::Prep { prep, head } => {
            let mut deps = s.prep_deps(v, prep);
            if let Some(o) = logical_obj(s, v) {
                deps.extend(s.prep_deps(o, prep));
            }
            deps.into_iter().any(|x| any_term(d, s, x, head))
        }
        Constraint::Prt(p) => s.children[v]
            .iter()
            .any(|&c| s.rel(c) == "compound:prt" && (s.lower[c] == *p || s.lemma[c] == *p)),
        Constraint::Xcomp(lemma) => s.kids(v, "xcomp").any(|x| s.lemma[x] == *lemma),
        Constraint::Voice(Voice::Passive) => s.is_passive(v),
        Constraint::Voice(Voice::Active) => !s.is_passive(v),
        Constraint::Subj(terms) => logical_subj(s, v).is_some_and(|x| any_term(d, s, x, terms)),
    }
}

/// Every pattern that holds at token `v`, most specific first.
pub(crate) fn hits<'d>(d: &'d Dictionaries, s: &Sent<'_>, v: usize) -> Vec<Hit<'d>> {
    let mut out = Vec::new();
    let up = s.upos(v);
    let verbish = matches!(up, Upos::Verb | Upos::Aux)
        || (up == Upos::X && s.xpos(v) == Xpos::None)
        || (matches!(up, Upos::Adj) && s.xpos(v) == Xpos::Vbn);
    let nounish = matches!(up, Upos::Noun | Upos::Propn | Upos::X);
    if verbish {
        // The lemma and, for imported dictionaries, the surface form and
        // TABARI stems select the patterns.
        let mut ids = d.verb_pattern_ids(&s.lemma[v]);
        if s.lower[v] != s.lemma[v] {
            ids.extend(d.verb_pattern_ids(&s.lower[v]));
            ids.sort_unstable();
            ids.dedup();
        }
        for id in ids {
            if let Some(h) = d
                .verbs
                .get(id as usize)
                .and_then(|p| try_pattern(d, s, v, p))
            {
                out.push(h);
            }
        }
    }
    if nounish {
        for p in d.noun_patterns(&s.lemma[v]) {
            if let Some(h) = try_pattern(d, s, v, p) {
                out.push(h);
            }
        }
    }
    // Most specific first; a stable sort keeps file order among equals.
    out.sort_by_key(|h| std::cmp::Reverse(h.specificity));
    out
}

fn try_pattern<'d>(
    d: &'d Dictionaries,
    s: &Sent<'_>,
    v: usize,
    p: &'d VerbPattern,
) -> Option<Hit<'d>> {
    if p.kind == PatternKind::Noun && p.words.is_some() {
        return None;
    }
    // A multiword noun lemma ("phone talk"): the earlier words precede the head.
    let extra: Vec<&str> = p.lemma.split_whitespace().collect();
    if extra.len() > 1 {
        let before = &extra[..extra.len() - 1];
        if v < before.len()
            || !before.iter().rev().enumerate().all(|(k, w)| {
                let t = v - k - 1;
                s.lower[t] == *w || s.lemma[t] == *w
            })
        {
            return None;
        }
    }
    if !p.constraints.iter().all(|c| constraint_holds(d, s, v, c)) {
        return None;
    }
    let (mut src_tok, mut tgt_tok) = (None, None);
    if let Some(w) = &p.words {
        let mut m = SeqMatch::default();
        if !match_before(d, s, v, &w.before, &mut m) || !match_after(d, s, v, &w.after, &mut m) {
            return None;
        }
        src_tok = m.src;
        tgt_tok = m.tgt;
    }
    Some(Hit {
        tok: v,
        pat: p,
        specificity: p.specificity() + extra.len().saturating_sub(1),
        src_tok,
        tgt_tok,
    })
}

#[derive(Default, Clone, Copy)]
struct SeqMatch {
    src: Option<usize>,
    tgt: Option<usize>,
}

/// Whether `tok` matches a single word token of a pattern.
fn word_matches(d: &Dictionaries, s: &Sent<'_>, i: usize, tok: &WordTok) -> bool {
    match tok {
        WordTok::Word { text, stem } => {
            let w = &s.lower[i];
            if *stem {
                w.starts_with(text.as_str())
            } else {
                w == text || s.lemma[i] == *text
            }
        }
        WordTok::Synset(name) => d
            .synset(name)
            .is_some_and(|syn| syn.contains_word(&s.lower[i]) || syn.contains_word(&s.lemma[i])),
        WordTok::Source | WordTok::Target | WordTok::Compound => is_actorish(s, i),
        WordTok::SkipPhrase => s.upos(i).is_nominal(),
        WordTok::Alt(_) => false,
    }
}

/// A token that could head or start an actor phrase.
fn is_actorish(s: &Sent<'_>, i: usize) -> bool {
    matches!(
        s.upos(i),
        Upos::Propn | Upos::Noun | Upos::Adj | Upos::Pron | Upos::X
    )
}

fn record(m: &mut SeqMatch, tok: &WordTok, i: usize) {
    match tok {
        WordTok::Source => m.src = Some(i),
        WordTok::Target => m.tgt = Some(i),
        WordTok::Compound => {
            m.src = Some(i);
            m.tgt = Some(i);
        }
        _ => {}
    }
}

/// Matches the post-verb items in text order within the verb's clause.
fn match_after(
    d: &Dictionaries,
    s: &Sent<'_>,
    v: usize,
    items: &[WordItem],
    m: &mut SeqMatch,
) -> bool {
    let mut pos = v + 1;
    for it in items {
        let mut found = None;
        let mut i = pos;
        while i < s.n {
            if matches!(s.rel(i), "punct") && s.lower[i] == "." {
                break;
            }
            if word_matches(d, s, i, &it.tok) || alt_matches(d, s, i, &it.tok, true) {
                found = Some(i);
                break;
            }
            if it.adjacent {
                break;
            }
            i += 1;
        }
        let Some(i) = found else { return false };
        record(m, &it.tok, i);
        pos = i + alt_len(d, s, i, &it.tok, true);
    }
    true
}

/// Matches the pre-verb items right to left (the last item is nearest the verb).
fn match_before(
    d: &Dictionaries,
    s: &Sent<'_>,
    v: usize,
    items: &[WordItem],
    m: &mut SeqMatch,
) -> bool {
    let mut end = v; // exclusive
    for it in items.iter().rev() {
        let mut found = None;
        let mut i = end;
        while i > 0 {
            i -= 1;
            if word_matches(d, s, i, &it.tok) || alt_matches(d, s, i, &it.tok, false) {
                found = Some(i);
                break;
            }
            if it.adjacent {
                break;
            }
        }
        let Some(i) = found else { return false };
        record(m, &it.tok, i);
        end = i + 1 - alt_len(d, s, i, &it.tok, false).max(1);
    }
    true
}

/// TABARI alternatives: one of several word sequences starting (forward) or
/// ending (backward) at `i`.
fn alt_matches(d: &Dictionaries, s: &Sent<'_>, i: usize, tok: &WordTok, forward: bool) -> bool {
    alt_len(d, s, i, tok, forward) > 0 && matches!(tok, WordTok::Alt(_))
}

fn alt_len(d: &Dictionaries, s: &Sent<'_>, i: usize, tok: &WordTok, forward: bool) -> usize {
    let WordTok::Alt(alts) = tok else { return 1 };
    for alt in alts {
        let n = alt.len();
        if n == 0 {
            continue;
        }
        let start = if forward {
            i
        } else if i + 1 >= n {
            i + 1 - n
        } else {
            continue;
        };
        if start + n > s.n {
            continue;
        }
        if alt
            .iter()
            .enumerate()
            .all(|(k, w)| word_matches(d, s, start + k, w))
        {
            return n;
        }
    }
    0
}
