//! CoNLL-U rendering of a parsed document.

use std::fmt::Write;
use tocsin_core::{DepRel, Doc};

/// Appends the CoNLL-U rendering of every sentence of `doc` to `out`: `ID FORM
/// LEMMA UPOS XPOS _ HEAD DEPREL _ MISC`, where MISC carries `SpaceAfter=No` when
/// the next token follows without a space. Layers not yet filled print as `_`.
pub fn write_conllu(doc: &Doc, out: &mut String) {
    let tokens = doc.tokens();
    for (si, sent) in doc.sentences().iter().enumerate() {
        let _ = writeln!(out, "# sent_id = {}", si + 1);
        let _ = writeln!(out, "# text = {}", clean(doc.span_text(sent.span)));
        let (start, end) = (sent.tokens.start as usize, sent.tokens.end as usize);
        for i in start..end.min(tokens.len()) {
            let t = &tokens[i];
            let lemma = doc.lemma(i);
            let (head, rel) = if t.deprel == DepRel::NONE {
                ("_".to_string(), "_")
            } else {
                (t.head.to_string(), t.deprel.as_str())
            };
            let no_space = tokens
                .get(i + 1)
                .is_some_and(|next| next.span.start == t.span.end);
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i - start + 1,
                clean(doc.word(i)),
                if lemma.is_empty() {
                    "_".into()
                } else {
                    clean(lemma)
                },
                t.upos,
                t.xpos,
                head,
                rel,
                if no_space { "SpaceAfter=No" } else { "_" },
            );
        }
        out.push('\n');
    }
}

/// Tabs and line breaks would break the format; they become spaces.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tocsin_core::{Span, Upos, Xpos};

    #[test]
    fn renders_columns_and_space_after() {
        let mut d = Doc::new("Hi there.");
        d.push_sentence(Span::new(0, 9));
        d.push_token(Span::new(0, 2));
        d.push_token(Span::new(3, 8));
        d.push_token(Span::new(8, 9));
        for (i, (h, r)) in [(0, "root"), (1, "advmod"), (1, "punct")]
            .iter()
            .enumerate()
        {
            let t = &mut d.tokens_mut()[i];
            t.head = *h;
            t.deprel = DepRel::parse(r);
            t.upos = Upos::Intj;
            t.xpos = Xpos::Uh;
        }
        let mut s = String::new();
        write_conllu(&d, &mut s);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[1], "# text = Hi there.");
        assert_eq!(lines[2], "1\tHi\t_\tINTJ\tUH\t_\t0\troot\t_\t_");
        assert_eq!(
            lines[3],
            "2\tthere\t_\tINTJ\tUH\t_\t1\tadvmod\t_\tSpaceAfter=No"
        );
    }
}
