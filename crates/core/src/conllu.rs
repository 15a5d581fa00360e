//! A CoNLL-U reader for gold data (UD treebanks). Parses text; the caller reads
//! the file. Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are kept
//! aside: UD English EWT splits contractions in the word lines, which are what the
//! tagger and parser learn from.

use crate::{DepRel, Upos, Xpos};

/// One syntactic word of a gold sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldWord {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
    pub xpos: Xpos,
    pub feats: String,
    /// 1-based head, 0 for the root.
    pub head: u32,
    pub deprel: DepRel,
    /// `SpaceAfter=No` in MISC.
    pub no_space_after: bool,
}

/// A multiword token line (`3-4 don't`), which covers words `first..=last`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiWord {
    pub first: u32,
    pub last: u32,
    pub form: String,
    pub no_space_after: bool,
}

/// One gold sentence with its comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldSentence {
    pub sent_id: String,
    /// The `# text = ...` comment.
    pub text: String,
    /// True when a `# newdoc` comment opens this sentence.
    pub new_doc: bool,
    /// True when a `# newpar` comment opens this sentence.
    pub new_par: bool,
    pub words: Vec<GoldWord>,
    pub multiwords: Vec<MultiWord>,
}

/// A malformed CoNLL-U line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConlluError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Parses a whole CoNLL-U text.
///
/// # Errors
/// The first malformed line: a word line without 10 tab-separated columns, or a
/// non-numeric id or head.
pub fn parse_conllu(text: &str) -> Result<Vec<GoldSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.sent_id = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            } else if c.starts_with("newdoc") {
                cur.new_doc = true;
            } else if c.starts_with("newpar") {
                cur.new_par = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |m: String| ConlluError {
            line: lineno,
            message: m,
        };
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let no_space = cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            let (Ok(first), Ok(last)) = (a.parse(), b.parse()) else {
                return Err(err(format!("bad multiword range {:?}", cols[0])));
            };
            cur.multiwords.push(MultiWord {
                first,
                last,
                form: cols[1].to_string(),
                no_space_after: no_space,
            });
            continue;
        }
        if cols[0].contains('.') {
            continue; // empty node of the enhanced graph
        }
        if cols[0].parse::<u32>().is_err() {
            return Err(err(format!("expected a word id, found {:?}", cols[0])));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h
                .parse()
                .map_err(|_| err(format!("expected a numeric head, found {h:?}")))?,
        };
        cur.words.push(GoldWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: Upos::parse(cols[3]).unwrap_or(Upos::X),
            xpos: Xpos::parse(cols[4]).unwrap_or(Xpos::None),
            feats: cols[5].to_string(),
            head,
            deprel: DepRel::parse(cols[7]),
            no_space_after: no_space,
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiwords_and_comments() {
        let t = "# newdoc id = d\n# sent_id = s1\n# text = I don't.\n\
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = parse_conllu(t).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].new_doc);
        assert_eq!(s[0].text, "I don't.");
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].multiwords[0].form, "don't");
        assert_eq!(s[0].words[2].deprel.as_str(), "root");
        let e = parse_conllu("1\tx\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
