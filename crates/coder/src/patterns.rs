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
    member_word_matches, Constraint, Dictionaries, PatternKind, Term, VerbPattern, Voice, WordItem,
    WordTok, STEM_MARK,
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
    /// Word patterns: `%`, a compound actor whose members act on each other.
    pub compound: bool,
    /// The tokens the pattern's words cover, verb included (first, last).
    pub span: (usize, usize),
    /// Words of the longest `obj:` phrase matched: "air strike" (2) is more
    /// specific than "strike" (1) between patterns of equal specificity.
    pub obj_words: usize,
    /// Word patterns: the token `^` skipped, if any.
    pub skipped: Option<usize>,
}

/// The logical object: `obj`, or the subject of a passive.
pub(crate) fn logical_obj(s: &Sent<'_>, v: usize) -> Option<usize> {
    logical_obj_inner(s, v).map(|x| s.counted(x))
}

fn logical_obj_inner(s: &Sent<'_>, v: usize) -> Option<usize> {
    s.kid(v, "obj")
        .or_else(|| s.kid(v, "nsubj:pass"))
        .or_else(|| s.is_conjoined_participle(v).then(|| s.head[v]).flatten())
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
    let Some(x) = logical_subj_inner(s, v) else {
        return subject_before_finite(s, v);
    };
    let x = s.counted(x);
    if x >= s.dateline_end {
        return Some(x);
    }
    // A parser that takes the dateline for the subject: the first nominal
    // after the dash is.
    (s.dateline_end..v).find(|&t| s.upos(t).is_nominal())
}

/// "Amid rising tensions, Biden and Putin are set to talk": a parser that
/// attaches the subject elsewhere (here as an apposition of "tensions") leaves
/// the clause without one. An English finite clause puts its subject right
/// before the first auxiliary or copula, so the nominal phrase ending there is
/// taken, from its first conjunct ("Biden" for "Biden and Putin").
fn subject_before_finite(s: &Sent<'_>, v: usize) -> Option<usize> {
    if s.is_passive(v) {
        return None;
    }
    let mut v = v;
    for _ in 0..8 {
        let first_aux = s.children[v]
            .iter()
            .copied()
            .filter(|&c| matches!(s.rel(c), "aux" | "cop") && c < v)
            .min();
        if let Some(a) = first_aux {
            let x = a.checked_sub(1)?;
            if !matches!(s.upos(x), Upos::Noun | Upos::Propn) {
                return None;
            }
            let mut h = x;
            for _ in 0..s.n {
                match s.head[h] {
                    Some(p)
                        if matches!(s.rel(h), "flat" | "compound" | "conj")
                            && matches!(s.upos(p), Upos::Noun | Upos::Propn) =>
                    {
                        h = p;
                    }
                    _ => break,
                }
            }
            // A nominal inside a prepositional phrase ("fighting in the Donbas
            // has killed") or an object is not a subject.
            let in_pp = s.children[h].iter().any(|&c| s.rel(c) == "case");
            let argument = s.rel(h).starts_with("obl")
                || s.rel(h).starts_with("nmod")
                || matches!(s.rel(h), "obj" | "iobj");
            return (!in_pp && !argument).then_some(h);
        }
        match (s.rel(v), s.head[v]) {
            ("xcomp" | "conj", Some(h)) => v = h,
            _ => return None,
        }
    }
    None
}

/// Verbs whose object is the subject of their infinitive ("urged Russia to
/// withdraw", "helped Kyiv to repel"), a closed class of English verbs of
/// influence; after others the infinitive is the subject's purpose ("met
/// Putin to talk": Biden talks).
pub(crate) fn object_control(lemma: &str) -> bool {
    matches!(
        lemma,
        "ask"
            | "urge"
            | "tell"
            | "order"
            | "force"
            | "compel"
            | "help"
            | "allow"
            | "permit"
            | "persuade"
            | "encourage"
            | "invite"
            | "want"
            | "wish"
            | "expect"
            | "require"
            | "press"
            | "pressure"
            | "push"
            | "enable"
            | "cause"
            | "get"
            | "warn"
            | "advise"
            | "instruct"
            | "authorize"
            | "authorise"
            | "oblige"
            | "beg"
            | "implore"
            | "remind"
            | "challenge"
            | "call"
            | "appeal"
            | "need"
            | "like"
            | "prefer"
            | "lead"
            | "leave"
            | "trust"
            | "convince"
            | "prompt"
            | "drive"
            | "empower"
            | "mandate"
            | "direct"
            | "command"
            | "request"
            | "beseech"
            | "exhort"
            | "entreat"
            | "nudge"
            | "coax"
    )
}

fn logical_subj_inner(s: &Sent<'_>, v: usize) -> Option<usize> {
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
            // Object control: "urged Russia to withdraw", "helped Kyiv to
            // repel": the object acts ("promised Kyiv to" is subject control).
            "xcomp"
                if object_control(&s.lemma[h])
                    && s.kid(h, "obj").is_some_and(|o| h < o && o < v) =>
            {
                return s.kid(h, "obj");
            }
            "xcomp" | "conj" => v = h,
            // "condemned the attack and promised aid": a parser may take the
            // second verb for an adjective of its object; with its own
            // conjunction it is a conjoined verb.
            "amod" if s.is_conjoined_participle(v) => v = h,
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
        Term::Synset(name) => d
            .synset(name)
            .is_some_and(|syn| syn.members.iter().any(|m| term_holds_member(s, t, m))),
    }
}

/// The number of words of the longest term that holds at `t` (a word is 1,
/// a synset member "air strike" 2).
fn phrase_words(d: &Dictionaries, s: &Sent<'_>, t: usize, terms: &[Term]) -> usize {
    terms
        .iter()
        .map(|term| match term {
            Term::Synset(name) if term_holds(d, s, t, term) => d.synset(name).map_or(1, |syn| {
                syn.members
                    .iter()
                    .filter(|m| term_holds_member(s, t, m))
                    .map(Vec::len)
                    .max()
                    .unwrap_or(1)
            }),
            t2 if term_holds(d, s, t, t2) => 1,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Whether a synset member (its last word at `t`, earlier words before it) holds.
fn term_holds_member(s: &Sent<'_>, t: usize, m: &[String]) -> bool {
    let Some((last, rest)) = m.split_last() else {
        return false;
    };
    let holds = |k: usize, w: &str| {
        member_word_matches(w, &s.lower[k]) || member_word_matches(w, &s.lemma[k])
    };
    holds(t, last)
        && rest
            .iter()
            .rev()
            .enumerate()
            .all(|(k, w)| t > k && holds(t - k - 1, w))
}

fn any_term(d: &Dictionaries, s: &Sent<'_>, t: usize, terms: &[Term]) -> bool {
    terms.iter().any(|x| term_holds(d, s, t, x))
        || quantified(s, t).is_some_and(|n| terms.iter().any(|x| term_holds(d, s, n, x)))
}

/// "hundreds of protesters", "dozens of soldiers": the noun a quantity word
/// counts, which is the phrase's head for meaning.
fn quantified(s: &Sent<'_>, t: usize) -> Option<usize> {
    if !matches!(
        s.lemma[t].as_str(),
        "hundred"
            | "hundreds"
            | "thousand"
            | "thousands"
            | "dozen"
            | "dozens"
            | "score"
            | "scores"
            | "million"
            | "millions"
            | "ten"
            | "tens"
    ) {
        return None;
    }
    s.children[t]
        .iter()
        .copied()
        .find(|&c| s.rel(c).starts_with("nmod") && s.case_of(c).as_deref() == Some("of"))
}

/// Whether one constraint holds at verb `v`.
pub(crate) fn constraint_holds(d: &Dictionaries, s: &Sent<'_>, v: usize, c: &Constraint) -> bool {
    match c {
        Constraint::Obj(terms) => obj_holds(d, s, v, terms),
        Constraint::Prep { prep, head } => prep_holds(d, s, v, prep, head),
        Constraint::Prt(p) => s.children[v]
            .iter()
            .any(|&c| s.rel(c) == "compound:prt" && (s.lower[c] == *p || s.lemma[c] == *p)),
        Constraint::Xcomp(lemma) => s.kids(v, "xcomp").any(|x| s.lemma[x] == *lemma),
        Constraint::Voice(Voice::Passive) => s.is_passive(v),
        Constraint::Voice(Voice::Active) => !s.is_passive(v),
        Constraint::Subj(terms) => logical_subj(s, v).is_some_and(|x| any_term(d, s, x, terms)),
        Constraint::NotObj(terms) => !obj_holds(d, s, v, terms),
        Constraint::NotPrep { prep, head } => !prep_holds(d, s, v, prep, head),
    }
}

/// Which pattern tables a token with these tags selects from: (verb
/// patterns, noun patterns). The parse gate uses the same test, so it never
/// skips a sentence the coder could code.
pub(crate) fn pattern_kinds(up: Upos, xp: Xpos) -> (bool, bool) {
    let verbish = matches!(up, Upos::Verb | Upos::Aux)
        || (up == Upos::X && xp == Xpos::None)
        || (matches!(up, Upos::Adj) && xp == Xpos::Vbn);
    let nounish = matches!(up, Upos::Noun | Upos::Propn | Upos::X);
    (verbish, nounish)
}

/// How word patterns see a sentence's tokens. TABARI, which reads no
/// parse, drops comma-delimited asides (`skip`) and takes `$`, `+` and `%`
/// only at actor names (`actor`); the parse-based coders pass `None`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Reading<'a> {
    pub skip: Option<&'a [bool]>,
    pub actor: Option<&'a [bool]>,
}

impl Reading<'_> {
    fn skipped(&self, i: usize) -> bool {
        self.skip
            .is_some_and(|m| m.get(i).copied().unwrap_or(false))
    }
}

/// The logical object (or one of its conjuncts) matches a term.
fn obj_holds(d: &Dictionaries, s: &Sent<'_>, v: usize, terms: &[Term]) -> bool {
    logical_obj(s, v).is_some_and(|o| {
        any_term(d, s, o, terms) || s.kids(o, "conj").any(|c| any_term(d, s, c, terms))
    })
}

/// A dependent of the verb or of its object introduced by `prep` matches a term.
fn prep_holds(d: &Dictionaries, s: &Sent<'_>, v: usize, prep: &str, head: &[Term]) -> bool {
    let mut deps = s.prep_deps(v, prep);
    if let Some(o) = logical_obj(s, v) {
        deps.extend(s.prep_deps(o, prep));
    }
    deps.into_iter().any(|x| any_term(d, s, x, head))
}

/// Every pattern that holds at token `v`, most specific first.
pub(crate) fn hits<'d>(
    d: &'d Dictionaries,
    s: &Sent<'_>,
    v: usize,
    rd: Reading<'_>,
) -> Vec<Hit<'d>> {
    let mut out = Vec::new();
    let up = s.upos(v);
    // TABARI reads no parts of speech: any content word may be a verb form
    // ("was in accord with", misspelled "actxd").
    let tabari = d.format == tocsin_dict::DictFormat::Tabari
        && matches!(
            up,
            Upos::Noun | Upos::Adj | Upos::Adv | Upos::X | Upos::Propn
        );
    let (verbish, nounish) = pattern_kinds(up, s.xpos(v));
    // "an Islamic State target": a "verb" with an article is a noun the
    // tagger missed.
    let article = s
        .kids(v, "det")
        .any(|x| matches!(s.lower[x].as_str(), "a" | "an" | "the"));
    // TABARI has no notion of articles either: "an anti-Gondor parade"
    // still matches its PARADE patterns.
    let verbish = (verbish && !article) || tabari;
    let nounish = nounish || (article && up == Upos::Verb);
    if verbish {
        // The lemma and, for imported dictionaries, the surface form and
        // TABARI stems select the patterns.
        let mut ids = d.verb_pattern_ids(&s.lemma[v]);
        // An imported verb form with a block of its own ("MET" beside
        // "MEET") takes precedence over the lemma's block.
        if d.format != tocsin_dict::DictFormat::Tocsin
            && s.lower[v] != s.lemma[v]
            && d.verb_index.contains_key(&s.lower[v])
        {
            ids = d.verb_pattern_ids(&s.lower[v]);
        } else if s.lower[v] != s.lemma[v] {
            ids.extend(d.verb_pattern_ids(&s.lower[v]));
            ids.sort_unstable();
            ids.dedup();
        }
        for id in ids {
            if let Some(h) = d
                .verbs
                .get(id as usize)
                .and_then(|p| try_pattern(d, s, v, p, rd))
            {
                out.push(h);
            }
        }
    }
    if nounish {
        for p in d.noun_patterns(&s.lemma[v]) {
            if let Some(h) = try_pattern(d, s, v, p, rd) {
                out.push(h);
            }
        }
    }
    // Most specific first; a stable sort keeps file order among equals.
    // In imported dictionaries a verb line (`+BREAK_DOWN`, `CALLED_ON`)
    // names the verb and its default code: a `- pattern` line that holds
    // for it is more specific, whatever the verb line's length.
    let legacy = d.format != tocsin_dict::DictFormat::Tocsin;
    out.sort_by_key(|h| {
        let pattern_line = legacy && h.pat.text.starts_with('-');
        std::cmp::Reverse((pattern_line, h.specificity, h.obj_words))
    });
    out
}

fn try_pattern<'d>(
    d: &'d Dictionaries,
    s: &Sent<'_>,
    v: usize,
    p: &'d VerbPattern,
    rd: Reading<'_>,
) -> Option<Hit<'d>> {
    if p.kind == PatternKind::Noun && p.words.is_some() {
        return None;
    }
    // A multiword noun lemma ("phone talk"): the earlier words precede the head.
    // (Most lemmas are one word: skip the split for them.)
    let extra: Vec<&str> = if p.lemma.contains(' ') {
        p.lemma.split_whitespace().collect()
    } else {
        Vec::new()
    };
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
    let (mut src_tok, mut tgt_tok, mut compound) = (None, None, false);
    let mut span = (v, v);
    let mut extra_words = 0;
    let mut skipped = None;
    if let Some(w) = &p.words {
        let mut m = SeqMatch {
            lo: v,
            hi: v,
            ..SeqMatch::default()
        };
        if !match_before(d, s, v, &w.before, &mut m, rd)
            || !match_after(d, s, v, &w.after, &mut m, rd)
        {
            return None;
        }
        src_tok = m.src;
        tgt_tok = m.tgt;
        compound = m.compound;
        span = (m.lo, m.hi);
        skipped = m.skipped;
        // The longest match wins among imported patterns.
        extra_words = m.extra;
    }
    let obj_words = p
        .constraints
        .iter()
        .filter_map(|c| match c {
            Constraint::Obj(terms) => logical_obj(s, v).map(|o| phrase_words(d, s, o, terms)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    Some(Hit {
        tok: v,
        pat: p,
        specificity: p.specificity() + extra.len().saturating_sub(1) + extra_words,
        src_tok,
        tgt_tok,
        compound,
        span,
        obj_words,
        skipped,
    })
}

#[derive(Default, Clone, Copy)]
struct SeqMatch {
    src: Option<usize>,
    tgt: Option<usize>,
    compound: bool,
    /// First and last token matched.
    lo: usize,
    hi: usize,
    /// The token `^` matched.
    skipped: Option<usize>,
    /// Tokens matched by words and synsets beyond one per item
    /// ("TO THE END OF THE EARTH" is longer than "TO THE END").
    extra: usize,
}

/// How many tokens a pattern token matches starting at `i` (forward) or
/// ending at `i` (backward): multiword synset members ("did n't", "swiss
/// francs") and TABARI alternatives span several tokens.
fn span_len(
    d: &Dictionaries,
    s: &Sent<'_>,
    i: usize,
    tok: &WordTok,
    forward: bool,
    rd: Reading<'_>,
) -> Option<usize> {
    if rd.skipped(i) {
        return None;
    }
    // PETRARCH matches a pattern's words as written ("EFFORT" is not
    // "efforts"); TABARI marks its stems itself.
    let exact_words = d.format == tocsin_dict::DictFormat::Petrarch;
    let word_at = |k: usize, w: &str| s.lower[k] == w || (!exact_words && s.lemma[k] == w);
    // A synset member's word: as `word_at`, or as a TABARI stem (of the
    // word or its lemma: "NOT" is the stem of "n't").
    let member_at = |k: usize, w: &str| {
        member_word_matches(w, &s.lower[k])
            || ((!exact_words || w.ends_with(STEM_MARK)) && member_word_matches(w, &s.lemma[k]))
    };
    let seq_len = |words: &[String]| -> Option<usize> {
        let n = words.len();
        if n == 0 {
            return None;
        }
        let start = if forward { i } else { (i + 1).checked_sub(n)? };
        (start + n <= s.n
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| member_at(start + k, w)))
        .then_some(n)
    };
    match tok {
        WordTok::Word { text, stem } => {
            let ok = if *stem {
                s.lower[i].starts_with(text.as_str())
            } else {
                word_at(i, text)
            };
            ok.then_some(1)
        }
        WordTok::Synset(name) => {
            let syn = d.synset(name)?;
            syn.members.iter().filter_map(|m| seq_len(m)).max()
        }
        WordTok::Source | WordTok::Target | WordTok::Compound => match rd.actor {
            Some(a) => a.get(i).copied().unwrap_or(false).then_some(1),
            None => is_actorish(s, i).then_some(1),
        },
        WordTok::SkipPhrase => s.upos(i).is_nominal().then_some(1),
        WordTok::Alt(alts) => alts.iter().find_map(|alt| {
            let n = alt.len();
            if n == 0 {
                return None;
            }
            let start = if forward { i } else { (i + 1).checked_sub(n)? };
            (start + n <= s.n
                && alt
                    .iter()
                    .enumerate()
                    .all(|(k, w)| span_len(d, s, start + k, w, true, rd) == Some(1)))
            .then_some(n)
        }),
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
        WordTok::SkipPhrase => m.skipped = Some(i),
        WordTok::Source => m.src = Some(i),
        WordTok::Target => m.tgt = Some(i),
        WordTok::Compound => {
            m.src = Some(i);
            m.tgt = Some(i);
            m.compound = true;
        }
        _ => {}
    }
}

/// Matches the post-verb items in text order, up to the end of the sentence.
fn match_after(
    d: &Dictionaries,
    s: &Sent<'_>,
    v: usize,
    items: &[WordItem],
    m: &mut SeqMatch,
    rd: Reading<'_>,
) -> bool {
    let mut pos = v + 1;
    for it in items {
        let mut found = None;
        let mut i = pos;
        while i < s.n {
            if let Some(n) = span_len(d, s, i, &it.tok, true, rd) {
                found = Some((i, n));
                break;
            }
            if it.adjacent {
                break;
            }
            i += 1;
        }
        let Some((i, n)) = found else { return false };
        record(m, &it.tok, i);
        m.extra += n - 1;
        pos = i + n;
        m.hi = m.hi.max(i + n - 1);
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
    rd: Reading<'_>,
) -> bool {
    let mut end = v; // exclusive
    for it in items.iter().rev() {
        let mut found = None;
        let mut i = end;
        while i > 0 {
            i -= 1;
            if let Some(n) = span_len(d, s, i, &it.tok, false, rd) {
                found = Some((i + 1 - n, n));
                break;
            }
            if it.adjacent {
                break;
            }
        }
        let Some((start, n)) = found else {
            return false;
        };
        record(m, &it.tok, start);
        m.extra += n - 1;
        end = start;
        m.lo = m.lo.min(start);
    }
    true
}
