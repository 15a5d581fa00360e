//! A sentence seen through its dependency parse: heads, children, relations,
//! lowercase forms and lemmas, with the grammatical questions the coder asks
//! (who is the subject, is the verb negated, which preposition introduces a
//! dependent).

use tocsin_core::{Doc, Span, Upos, Xpos};

/// One sentence of a parsed document, indexed from 0 within the sentence.
#[derive(Debug)]
pub(crate) struct Sent<'a> {
    pub doc: &'a Doc,
    /// Index of the sentence in the document.
    pub index: usize,
    /// Document-wide index of the first token.
    pub base: usize,
    pub n: usize,
    /// Lowercase surface forms.
    pub lower: Vec<String>,
    /// Lowercase lemmas (the lowercase form when the lemma is missing).
    pub lemma: Vec<String>,
    pub head: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    /// First token after a dateline ("MOSCOW, Dec 6 (Reuters) -") opening
    /// the document's first sentence; 0 when there is none.
    pub dateline_end: usize,
}

impl<'a> Sent<'a> {
    pub fn new(doc: &'a Doc, index: usize) -> Sent<'a> {
        let base = doc
            .sentences()
            .get(index)
            .map_or(0, |s| s.tokens.start as usize);
        let toks = doc.sentence_tokens(index);
        let n = toks.len();
        let lower: Vec<String> = (0..n).map(|i| doc.word(base + i).to_lowercase()).collect();
        let lemma = (0..n)
            .map(|i| {
                let l = doc.lemma(base + i);
                if l.is_empty() {
                    lower[i].clone()
                } else {
                    l.to_lowercase()
                }
            })
            .collect();
        let head: Vec<Option<usize>> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let h = t.head as usize;
                (h >= 1 && h <= n && h - 1 != i).then(|| h - 1)
            })
            .collect();
        let mut children = vec![Vec::new(); n];
        for (i, h) in head.iter().enumerate() {
            if let Some(h) = h {
                children[*h].push(i);
            }
        }
        // "MOSCOW, Dec 6 (Reuters) - ...": a capitalised opening, then a
        // dash within the first tokens. Its words name no actor of the event.
        let dash = (1..n.min(16))
            .find(|&i| matches!(lower[i].as_str(), "-" | "--" | "\u{2014}" | "\u{2013}"));
        let dateline_end = match dash {
            Some(d) if index == 0 => {
                let first = doc.word(base);
                let all_caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !first.chars().any(char::is_lowercase);
                let agency =
                    lower[..d].iter().any(|w| w == "(") && lower[..d].iter().any(|w| w == ",");
                if all_caps || agency {
                    d + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        Sent {
            doc,
            index,
            base,
            n,
            lower,
            lemma,
            head,
            children,
            dateline_end,
        }
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.doc.tokens()[self.base + i].upos
    }

    pub fn xpos(&self, i: usize) -> Xpos {
        self.doc.tokens()[self.base + i].xpos
    }

    pub fn rel(&self, i: usize) -> &'static str {
        self.doc.tokens()[self.base + i].deprel.as_str()
    }

    pub fn span(&self, i: usize) -> Span {
        self.doc.tokens()[self.base + i].span
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.doc.word(self.base + i)
    }

    /// The span covering tokens `a..=b`.
    pub fn span_of(&self, a: usize, b: usize) -> Span {
        self.span(a).cover(self.span(b))
    }

    /// Children of `i` whose relation is exactly `rel`.
    pub fn kids<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    pub fn kid(&self, i: usize, rel: &str) -> Option<usize> {
        self.kids(i, rel).next()
    }

    /// The noun a quantity phrase counts, so that the phrase codes as what it
    /// counts: "tens of thousands of troops" → troops, "dozens of protesters"
    /// → protesters, "a group of soldiers" → soldiers, and a conjoined
    /// quantity too ("tens and thousands of troops"). Other heads stay.
    pub fn counted(&self, x: usize) -> usize {
        const QUANTITIES: &[&str] = &[
            "tens",
            "hundreds",
            "thousands",
            "millions",
            "dozens",
            "scores",
            "hundred",
            "thousand",
            "million",
            "dozen",
            "number",
            "numbers",
            "group",
            "groups",
            "contingent",
            "contingents",
            "convoy",
            "column",
            "handful",
            "couple",
            "lot",
            "lots",
            "majority",
            "some",
            "many",
            "most",
            "several",
            "few",
        ];
        let mut x = x;
        for _ in 0..4 {
            if !QUANTITIES.contains(&self.lower[x].as_str()) {
                break;
            }
            let quantities: Vec<usize> = std::iter::once(x).chain(self.kids(x, "conj")).collect();
            let counted = quantities.iter().find_map(|&q| {
                self.kids(q, "nmod")
                    .find(|&n| self.case_of(n).as_deref() == Some("of"))
            });
            match counted {
                Some(n) => x = n,
                None => break,
            }
        }
        x
    }

    /// The preposition introducing `i` (its `case` child, with any `fixed`
    /// continuation: "along with", "because of"), lowercase.
    pub fn case_of(&self, i: usize) -> Option<String> {
        let c = self.children[i]
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "case" && !matches!(self.xpos(c), Xpos::Pos))?;
        let mut s = self.lower[c].clone();
        for f in self.kids(c, "fixed") {
            s.push(' ');
            s.push_str(&self.lower[f]);
        }
        // "along with": the parser may attach "along" as advmod of the noun.
        if let Some(a) = self.children[i]
            .iter()
            .copied()
            .find(|&a| a < c && matches!(self.lower[a].as_str(), "along" | "together"))
        {
            s = format!("{} {s}", self.lower[a]);
        }
        Some(s)
    }

    /// Nominal dependents of `v` introduced by preposition `p`.
    pub fn prep_deps(&self, v: usize, p: &str) -> Vec<usize> {
        self.children[v]
            .iter()
            .copied()
            .filter(|&c| {
                matches!(
                    self.rel(c).split(':').next(),
                    Some("obl" | "nmod" | "advcl" | "acl")
                ) && self.rel(c) != "nmod:poss"
                    && self
                        .case_of(c)
                        .is_some_and(|x| x == p || x.ends_with(&format!(" {p}")))
            })
            .collect()
    }

    /// True when the verb is passive: a passive subject or a passive auxiliary,
    /// or a bare participle modifying a noun ("troops stationed near...").
    pub fn is_passive(&self, v: usize) -> bool {
        self.children[v]
            .iter()
            .any(|&c| matches!(self.rel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
            // "troops stationed near the border"; with an object of its own
            // ("troops attacked Ukraine" misparsed as a modifier) it is active.
            || (self.rel(v) == "acl" && self.xpos(v) == Xpos::Vbn && self.kid(v, "obj").is_none())
    }

    /// True when `v` is a verb the parser attached as an adjective of the
    /// noun after it although a coordinating conjunction introduces it ("...
    /// and promised aid"): a verb conjoined with an earlier one, whose object
    /// is that noun.
    pub fn is_conjoined_participle(&self, v: usize) -> bool {
        self.rel(v) == "amod"
            && self.upos(v) == Upos::Verb
            && self.head[v].is_some_and(|h| h > v)
            && self.kids(v, "cc").next().is_some()
    }

    /// True when `v` is a predicate adjective or participle with a copula
    /// ("are set to", "is poised to"), which parsers often give for passives.
    pub fn is_copular(&self, v: usize) -> bool {
        self.kids(v, "cop").any(|c| self.lemma[c] == "be")
    }

    /// True when `v` carries a negation of its own ("not", "never", "n't", "no").
    pub fn negated(&self, v: usize) -> bool {
        self.children[v].iter().any(|&c| {
            matches!(self.rel(c), "advmod" | "neg" | "det" | "aux")
                && matches!(
                    self.lower[c].as_str(),
                    "not" | "never" | "n't" | "no" | "nt"
                )
        }) || self
            .kid(v, "obj")
            .is_some_and(|o| self.kids(o, "det").any(|d| self.lower[d] == "no"))
    }

    /// The auxiliaries of `v`, lowercase.
    pub fn auxes(&self, v: usize) -> impl Iterator<Item = &str> {
        self.children[v]
            .iter()
            .copied()
            .filter(|&c| matches!(self.rel(c), "aux" | "aux:pass"))
            .map(|c| self.lower[c].as_str())
    }

    /// The subordinating conjunction of a clause ("if", "unless").
    pub fn mark(&self, v: usize) -> Option<&str> {
        self.kid(v, "mark").map(|m| self.lower[m].as_str())
    }

    /// True when `i` looks like a relative pronoun ("who", "which", "that").
    pub fn is_relative(&self, i: usize) -> bool {
        matches!(self.xpos(i), Xpos::Wdt | Xpos::Wp)
            || matches!(self.lower[i].as_str(), "who" | "which" | "that" | "whom")
    }

    /// True when `i` is inside the subtree of `root` (cycle-safe).
    pub fn dominated_by(&self, mut i: usize, root: usize) -> bool {
        for _ in 0..=self.n {
            if i == root {
                return true;
            }
            match self.head[i] {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    }

    /// The sentence's text ends with a question mark.
    pub fn is_question(&self) -> bool {
        let s = &self.doc.sentences()[self.index];
        self.doc
            .span_text(s.span)
            .trim_end()
            .trim_end_matches(['"', '\'', ')', '”', '’'])
            .ends_with('?')
    }
}
