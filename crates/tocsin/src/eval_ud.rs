//! Evaluation against Universal Dependencies gold data (UD English EWT).
//!
//! Two settings:
//! - [`eval_gold_tokens`]: gold tokenization, per-word accuracy of the tagger,
//!   lemmatizer and parser;
//! - [`eval_raw`]: raw text through the whole pipeline, scored like the CoNLL 2018
//!   shared task (`conll18_ud_eval.py`): tokens, sentences and words are matched
//!   by character spans with whitespace ignored, and UPOS/XPOS/lemma/UAS/LAS are
//!   F1 scores over aligned words. Punctuation counts everywhere; LAS compares the
//!   universal part of the relation (`nmod` for `nmod:poss`); lemmas are compared
//!   exactly (case-sensitive), and a gold lemma `_` accepts anything.
//!
//! **Multiword tokens.** A [`Doc`] has no multiword layer: its tokens are
//! syntactic words (`do`, `n't`). To score surface tokens as the official script
//! does, [`eval_raw`] regroups system words into one surface token when a clitic
//! (`n't`, `'s`, `'re`, `'ll`, `'ve`, `'m`, `'d`, with straight or curly
//! apostrophe) follows the previous word with no space between, or when two
//! glued words spell a fused form (`cannot`, `gonna`, `dont`). Words inside
//! multiword tokens, gold or system, are aligned by longest common subsequence
//! of their lowercased forms within the multiword span, as the official script
//! does.

use std::fmt::Write as _;

use serde::Serialize;
use tocsin_core::conllu::GoldSentence;
use tocsin_core::{DepRel, Doc, Span};

/// Scores with gold tokenization, in percent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UdScores {
    /// Gold sentences scored.
    pub sentences: usize,
    /// Gold words scored.
    pub words: usize,
    /// Universal POS accuracy.
    pub upos: f64,
    /// Penn tag accuracy.
    pub xpos: f64,
    /// Exact (case-sensitive) lemma accuracy.
    pub lemma: f64,
    /// Unlabelled attachment; `None` unless `annotate` filled dependency relations.
    pub uas: Option<f64>,
    /// Labelled attachment (universal relation part); `None` as for `uas`.
    pub las: Option<f64>,
}

/// Scores on raw text, in percent (F1, CoNLL 2018 style).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RawScores {
    /// Surface tokens (multiword tokens such as `don't` count once).
    pub tokens_f1: f64,
    /// Sentences, matched by their first and last character.
    pub sentences_f1: f64,
    /// Syntactic words (`do`, `n't`).
    pub words_f1: f64,
    /// Aligned words with the right universal POS.
    pub upos: f64,
    /// Aligned words with the right Penn tag.
    pub xpos: f64,
    /// Aligned words with the exact lemma.
    pub lemma: f64,
    /// Aligned words with the right head; `None` unless `annotate` parsed.
    pub uas: Option<f64>,
    /// Aligned words with the right head and universal relation.
    pub las: Option<f64>,
}

fn pct(num: usize, den: usize) -> f64 {
    if den == 0 {
        100.0
    } else {
        100.0 * num as f64 / den as f64
    }
}

fn f1(correct: usize, gold: usize, system: usize) -> f64 {
    if gold + system == 0 {
        100.0
    } else {
        200.0 * correct as f64 / (gold + system) as f64
    }
}

fn lemma_ok(gold: &str, sys: &str) -> bool {
    gold == "_" || gold == sys
}

fn same_rel(gold: DepRel, sys: DepRel) -> bool {
    gold.base() == sys.base()
}

/// Gold tokenization: builds one [`Doc`] per gold sentence whose text is the gold
/// words joined by single spaces, with one sentence and one token per word; runs
/// `annotate` (tagger, lemmatizer, maybe parser; not the segmenter) and compares
/// word by word. If `annotate` changes the number of tokens, the words it lost
/// count as wrong.
pub fn eval_gold_tokens(gold: &[GoldSentence], mut annotate: impl FnMut(&mut Doc)) -> UdScores {
    let mut doc = Doc::default();
    let mut text = String::new();
    let (mut words, mut upos, mut xpos, mut lemma, mut uas, mut las) = (0, 0, 0, 0, 0, 0);
    let mut parsed = false;
    for s in gold {
        text.clear();
        for (i, w) in s.words.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(&w.form);
        }
        doc.reset(&text);
        let mut at = 0u32;
        for (i, w) in s.words.iter().enumerate() {
            let span = Span::new(at, at + w.form.len() as u32);
            if i == 0 {
                doc.push_sentence(span);
            }
            doc.push_token(span);
            at = span.end + 1;
        }
        annotate(&mut doc);
        words += s.words.len();
        for (i, (g, t)) in s.words.iter().zip(doc.tokens()).enumerate() {
            upos += usize::from(g.upos == t.upos);
            xpos += usize::from(g.xpos == t.xpos);
            lemma += usize::from(lemma_ok(&g.lemma, doc.lemma(i)));
            parsed |= t.deprel != DepRel::NONE;
            let head_ok = g.head == t.head;
            uas += usize::from(head_ok);
            las += usize::from(head_ok && same_rel(g.deprel, t.deprel));
        }
    }
    UdScores {
        sentences: gold.len(),
        words,
        upos: pct(upos, words),
        xpos: pct(xpos, words),
        lemma: pct(lemma, words),
        uas: parsed.then(|| pct(uas, words)),
        las: parsed.then(|| pct(las, words)),
    }
}

/// One word on either side of the alignment. Spans are in non-whitespace
/// characters from the start of the document.
#[derive(Clone, Debug)]
struct AWord {
    span: (u32, u32),
    multi: bool,
    form: String,
}

/// Counts summed over documents.
#[derive(Clone, Debug, Default)]
struct Counts {
    gold_tokens: usize,
    sys_tokens: usize,
    tokens: usize,
    gold_sents: usize,
    sys_sents: usize,
    sents: usize,
    gold_words: usize,
    sys_words: usize,
    words: usize,
    upos: usize,
    xpos: usize,
    lemma: usize,
    uas: usize,
    las: usize,
    parsed: bool,
}

/// Raw text: rebuilds each gold document's text from the `# text` comments
/// (sentences joined by a space, paragraphs by a blank line; each `# newdoc`
/// starts a new [`Doc`]), runs `annotate` (the whole pipeline, segmentation
/// included) on it and scores the result as the CoNLL 2018 shared task does.
///
/// A sentence whose `# text` does not spell its word forms (whitespace aside) is
/// rebuilt from the forms and `SpaceAfter=No` instead, so that gold and system
/// always share the same characters.
pub fn eval_raw(gold: &[GoldSentence], mut annotate: impl FnMut(&mut Doc)) -> RawScores {
    let mut c = Counts::default();
    let mut doc = Doc::default();
    let mut start = 0;
    while start < gold.len() {
        let mut end = start + 1;
        while end < gold.len() && !gold[end].new_doc {
            end += 1;
        }
        let text = doc_text(&gold[start..end]);
        doc.reset(&text);
        annotate(&mut doc);
        score_doc(&gold[start..end], &doc, &mut c);
        start = end;
    }
    RawScores {
        tokens_f1: f1(c.tokens, c.gold_tokens, c.sys_tokens),
        sentences_f1: f1(c.sents, c.gold_sents, c.sys_sents),
        words_f1: f1(c.words, c.gold_words, c.sys_words),
        upos: f1(c.upos, c.gold_words, c.sys_words),
        xpos: f1(c.xpos, c.gold_words, c.sys_words),
        lemma: f1(c.lemma, c.gold_words, c.sys_words),
        uas: c.parsed.then(|| f1(c.uas, c.gold_words, c.sys_words)),
        las: c.parsed.then(|| f1(c.las, c.gold_words, c.sys_words)),
    }
}

/// The surface tokens of a gold sentence: (form, first word, last word), 0-based.
fn gold_tokens(s: &GoldSentence) -> Vec<(&str, usize, usize, bool)> {
    let mut out = Vec::with_capacity(s.words.len());
    let mut i = 0;
    while i < s.words.len() {
        if let Some(m) = s.multiwords.iter().find(|m| m.first as usize == i + 1) {
            let last = (m.last as usize).clamp(i + 1, s.words.len()) - 1;
            out.push((m.form.as_str(), i, last, m.no_space_after));
            i = last + 1;
        } else {
            out.push((s.words[i].form.as_str(), i, i, s.words[i].no_space_after));
            i += 1;
        }
    }
    out
}

fn non_space(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace())
}

/// The raw text of one gold document.
fn doc_text(sents: &[GoldSentence]) -> String {
    let mut text = String::new();
    for (i, s) in sents.iter().enumerate() {
        if i > 0 {
            text.push_str(if s.new_par { "\n\n" } else { " " });
        }
        let toks = gold_tokens(s);
        let forms = toks.iter().flat_map(|t| non_space(t.0));
        if non_space(&s.text).eq(forms) {
            text.push_str(&s.text);
        } else {
            for (form, _, _, no_space) in &toks {
                text.push_str(form);
                if !no_space {
                    text.push(' ');
                }
            }
            while text.ends_with(' ') {
                text.pop();
            }
        }
    }
    text
}

/// Spans-equal matches between two sorted span lists.
fn matches(a: &[(u32, u32)], b: &[(u32, u32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            n += 1;
            i += 1;
            j += 1;
        } else if a[i].0 < b[j].0 || a[i].0 == b[j].0 && a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// True when `next` glues to `prev` as a clitic in one surface token.
fn is_clitic(prev: &str, next: &str) -> bool {
    const CLITICS: &[&str] = &["n't", "'s", "'m", "'re", "'ve", "'ll", "'d"];
    const FUSED: &[&str] = &[
        "arent", "cannot", "cant", "couldnt", "didnt", "doesnt", "dont", "gonna", "gotta", "hadnt",
        "hasnt", "havent", "isnt", "shouldnt", "wanna", "wasnt", "werent", "wont", "wouldnt",
    ];
    let n = next.replace('\u{2019}', "'").to_lowercase();
    if CLITICS.contains(&n.as_str()) {
        return true;
    }
    let mut both = prev.to_lowercase();
    both.push_str(&n);
    FUSED.contains(&both.as_str())
}

fn score_doc(gold: &[GoldSentence], doc: &Doc, c: &mut Counts) {
    // Gold side.
    let mut g_words: Vec<AWord> = Vec::new();
    let mut g_heads: Vec<Option<usize>> = Vec::new();
    let mut g_tokens = Vec::new();
    let mut g_sents = Vec::new();
    let mut at = 0u32;
    for s in gold {
        let base = g_words.len();
        let sent_start = at;
        for (form, first, last, _) in gold_tokens(s) {
            let len = non_space(form).count() as u32;
            let span = (at, at + len);
            at += len;
            g_tokens.push(span);
            for w in &s.words[first..=last] {
                g_words.push(AWord {
                    span,
                    multi: last > first,
                    form: w.form.to_lowercase(),
                });
            }
        }
        for w in &s.words {
            g_heads.push((w.head > 0).then(|| base + w.head as usize - 1));
        }
        if at > sent_start {
            g_sents.push((sent_start, at));
        }
    }
    let gw: Vec<&tocsin_core::conllu::GoldWord> = gold.iter().flat_map(|s| &s.words).collect();

    // System side: byte offset -> non-whitespace character index.
    let text = doc.text();
    let mut nsp = vec![0u32; text.len() + 1];
    let mut count = 0u32;
    for (i, ch) in text.char_indices() {
        for slot in &mut nsp[i..i + ch.len_utf8()] {
            *slot = count;
        }
        if !ch.is_whitespace() {
            count += 1;
        }
    }
    nsp[text.len()] = count;
    let conv = |sp: Span| {
        let s = nsp.get(sp.start as usize).copied().unwrap_or(count);
        let e = nsp.get(sp.end as usize).copied().unwrap_or(count);
        (s, e.max(s))
    };
    let toks = doc.tokens();
    let mut s_words: Vec<AWord> = Vec::with_capacity(toks.len());
    let mut s_tokens: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut j = i + 1;
        while j < toks.len()
            && toks[j].span.start == toks[j - 1].span.end
            && is_clitic(doc.word(j - 1), doc.word(j))
        {
            j += 1;
        }
        let span = (conv(toks[i].span).0, conv(toks[j - 1].span).1);
        s_tokens.push(span);
        for (k, t) in toks.iter().enumerate().take(j).skip(i) {
            s_words.push(AWord {
                span: if j - i > 1 { span } else { conv(t.span) },
                multi: j - i > 1,
                form: doc.word(k).to_lowercase(),
            });
        }
        i = j;
    }
    let mut s_heads = vec![None; toks.len()];
    let mut s_sents = Vec::new();
    for s in doc.sentences() {
        let (a, b) = (s.tokens.start as usize, s.tokens.end as usize);
        let Some(sent_toks) = toks.get(a..b).filter(|t| !t.is_empty()) else {
            continue;
        };
        s_sents.push((conv(sent_toks[0].span).0, conv(sent_toks[b - a - 1].span).1));
        for (k, t) in sent_toks.iter().enumerate() {
            c.parsed |= t.deprel != DepRel::NONE;
            // A head outside the sentence counts as wrong, like a missing one.
            s_heads[a + k] = (t.head > 0).then(|| {
                let h = a + t.head as usize - 1;
                if h < b {
                    h
                } else {
                    usize::MAX
                }
            });
        }
    }
    s_sents.sort_unstable();

    c.gold_tokens += g_tokens.len();
    c.sys_tokens += s_tokens.len();
    c.tokens += matches(&g_tokens, &s_tokens);
    c.gold_sents += g_sents.len();
    c.sys_sents += s_sents.len();
    c.sents += matches(&g_sents, &s_sents);
    c.gold_words += g_words.len();
    c.sys_words += s_words.len();

    let pairs = align_words(&g_words, &s_words);
    let mut s2g = vec![None; s_words.len()];
    for &(g, s) in &pairs {
        s2g[s] = Some(g);
    }
    c.words += pairs.len();
    for &(g, s) in &pairs {
        let (gold_w, t) = (gw[g], &toks[s]);
        c.upos += usize::from(gold_w.upos == t.upos);
        c.xpos += usize::from(gold_w.xpos == t.xpos);
        c.lemma += usize::from(lemma_ok(&gold_w.lemma, doc.lemma(s)));
        let head_ok = match (g_heads[g], s_heads[s]) {
            (None, None) => true,
            (Some(gh), Some(sh)) => s2g.get(sh).copied().flatten() == Some(gh),
            _ => false,
        };
        c.uas += usize::from(head_ok);
        c.las += usize::from(head_ok && same_rel(gold_w.deprel, t.deprel));
    }
}

/// Aligns gold and system words as `conll18_ud_eval.py` does; returns
/// (gold index, system index) pairs.
fn align_words(g: &[AWord], s: &[AWord]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(g.len().min(s.len()));
    let (mut gi, mut si) = (0, 0);
    while gi < g.len() && si < s.len() {
        if g[gi].multi || s[si].multi {
            let (gs, ss, ge, se) = multiword_span(g, s, gi, si);
            gi = ge;
            si = se;
            if ge > gs && se > ss {
                align_lcs(&g[gs..ge], &s[ss..se], gs, ss, &mut out);
            }
        } else if g[gi].span == s[si].span {
            out.push((gi, si));
            gi += 1;
            si += 1;
        } else if g[gi].span.0 <= s[si].span.0 {
            gi += 1;
        } else {
            si += 1;
        }
    }
    out
}

fn beyond_end(w: &[AWord], i: usize, end: u32) -> bool {
    match w.get(i) {
        None => true,
        Some(x) if x.multi => x.span.0 >= end,
        Some(x) => x.span.1 > end,
    }
}

fn extend_end(w: &AWord, end: u32) -> u32 {
    if w.multi && w.span.1 > end {
        w.span.1
    } else {
        end
    }
}

fn multiword_span(
    g: &[AWord],
    s: &[AWord],
    mut gi: usize,
    mut si: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    if g[gi].multi {
        end = g[gi].span.1;
        if !s[si].multi && s[si].span.0 < g[gi].span.0 {
            si += 1;
        }
    } else {
        end = s[si].span.1;
        if !g[gi].multi && g[gi].span.0 < s[si].span.0 {
            gi += 1;
        }
    }
    let (gs, ss) = (gi, si);
    while !beyond_end(g, gi, end) || !beyond_end(s, si, end) {
        if gi < g.len() && (si >= s.len() || g[gi].span.0 <= s[si].span.0) {
            end = extend_end(&g[gi], end);
            gi += 1;
        } else {
            end = extend_end(&s[si], end);
            si += 1;
        }
    }
    (gs, ss, gi, si)
}

fn align_lcs(g: &[AWord], s: &[AWord], g0: usize, s0: usize, out: &mut Vec<(usize, usize)>) {
    let (n, m) = (g.len(), s.len());
    // lcs[i][j]: LCS of g[i..] and s[j..], with a zero border row and column.
    let mut lcs = vec![0usize; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let v = if g[i].form == s[j].form {
                1 + lcs[at(i + 1, j + 1)]
            } else {
                0
            };
            lcs[at(i, j)] = v.max(lcs[at(i + 1, j)]).max(lcs[at(i, j + 1)]);
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if g[i].form == s[j].form {
            out.push((g0 + i, s0 + j));
            i += 1;
            j += 1;
        } else if lcs[at(i, j)] == lcs[at(i + 1, j)] {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// A one-line summary of raw scores, for reports.
#[must_use]
pub fn format_raw(r: &RawScores) -> String {
    let mut s = format!(
        "tokens {:.2}  sentences {:.2}  words {:.2}  upos {:.2}  xpos {:.2}  lemma {:.2}",
        r.tokens_f1, r.sentences_f1, r.words_f1, r.upos, r.xpos, r.lemma
    );
    if let (Some(u), Some(l)) = (r.uas, r.las) {
        let _ = write!(s, "  uas {u:.2}  las {l:.2}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use tocsin_core::conllu::parse_conllu;
    use tocsin_core::{Upos, Xpos};

    const GOLD: &str = "# newdoc id = d1
# newpar id = p1
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# text = Go home.
1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
2\thome\thome\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_

";

    fn gold() -> Vec<GoldSentence> {
        parse_conllu(GOLD).unwrap()
    }

    /// Copies the gold annotation onto words whose forms match, in order.
    fn oracle(g: &[GoldSentence], doc: &mut Doc) {
        let words: Vec<_> = g.iter().flat_map(|s| &s.words).collect();
        let n = doc.tokens().len().min(words.len());
        for (i, w) in words.iter().enumerate().take(n) {
            let t = &mut doc.tokens_mut()[i];
            t.upos = w.upos;
            t.xpos = w.xpos;
            t.head = w.head;
            t.deprel = w.deprel;
            doc.set_lemma(i, &w.lemma);
        }
    }

    /// Segments by the gold word forms: a perfect segmenter for [`GOLD`].
    fn gold_segment(g: &[GoldSentence], doc: &mut Doc, merge_sentences: bool) {
        let text = doc.text().to_string();
        let mut at = 0;
        for (k, s) in g.iter().enumerate() {
            let mut first = true;
            for w in &s.words {
                let p = at + text[at..].find(w.form.as_str()).unwrap();
                let span = Span::new(p as u32, (p + w.form.len()) as u32);
                if first && (k == 0 || !merge_sentences) {
                    doc.push_sentence(span);
                }
                first = false;
                doc.push_token(span);
                at = p + w.form.len();
            }
        }
    }

    #[test]
    fn perfect_output_scores_100() {
        let g = gold();
        let r = eval_raw(&g, |d| {
            gold_segment(&g, d, false);
            oracle(&g, d);
        });
        assert_eq!(r.tokens_f1, 100.0);
        assert_eq!(r.sentences_f1, 100.0);
        assert_eq!(r.words_f1, 100.0);
        assert_eq!(
            (r.upos, r.lemma, r.uas, r.las),
            (100.0, 100.0, Some(100.0), Some(100.0))
        );
        let u = eval_gold_tokens(&g, |d| {
            let i = d.text().to_string();
            let s = g.iter().find(|s| {
                s.words
                    .iter()
                    .map(|w| w.form.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    == i
            });
            oracle(std::slice::from_ref(s.unwrap()), d);
        });
        assert_eq!((u.words, u.upos, u.uas), (8, 100.0, Some(100.0)));
    }

    #[test]
    fn known_errors_give_known_scores() {
        let g = gold();
        // One sentence instead of two: 0 of 2 gold, 0 of 1 system sentences match.
        let r = eval_raw(&g, |d| gold_segment(&g, d, true));
        assert_eq!(r.sentences_f1, 0.0);
        assert_eq!(r.words_f1, 100.0);
        assert_eq!(r.uas, None);
        // "don't" left whole: the 7 surface tokens match, but only 6 of the 8
        // gold words align with the 7 system words.
        let r = eval_raw(&g, |d| {
            for (s, e) in [(0, 13), (14, 22)] {
                d.push_sentence(Span::new(s, s));
                let mut at = s as usize;
                let text = d.text().to_string();
                for w in text[s as usize..e as usize].split(' ') {
                    let w = w.trim_end_matches('.');
                    d.push_token(Span::new(at as u32, (at + w.len()) as u32));
                    at += w.len();
                    if text.as_bytes().get(at) == Some(&b'.') {
                        d.push_token(Span::new(at as u32, at as u32 + 1));
                        at += 1;
                    }
                    at += 1;
                }
            }
        });
        assert_eq!(r.tokens_f1, 100.0);
        assert!((r.words_f1 - f1(6, 8, 7)).abs() < 1e-9, "{r:?}");
        // One wrong head and one wrong label among 8 words.
        let r = eval_raw(&g, |d| {
            gold_segment(&g, d, false);
            oracle(&g, d);
            d.tokens_mut()[0].head = 1;
            d.tokens_mut()[1].deprel = DepRel::parse("nsubj");
        });
        assert_eq!(r.uas, Some(87.5));
        assert_eq!(r.las, Some(75.0));
        assert_eq!(r.upos, 100.0);
        // Gold tokens, everything tagged VERB: 2 of 8 right.
        let u = eval_gold_tokens(&g, |d| {
            for t in d.tokens_mut() {
                t.upos = Upos::Verb;
                t.xpos = Xpos::None;
            }
        });
        assert_eq!(u.upos, 25.0);
        assert_eq!(u.uas, None);
    }
}
