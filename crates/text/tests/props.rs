//! Invariants of the segmenter on arbitrary input.

use proptest::prelude::*;
use tocsin_core::Doc;
use tocsin_text::Segmenter;

/// Checks every invariant the pipeline relies on.
fn check(text: &str) {
    let mut doc = Doc::new(text);
    Segmenter::new().segment(&mut doc);
    let t = doc.text();
    let mut covered = 0usize;
    let mut prev_end = 0u32;
    for tok in doc.tokens() {
        let r = tok.span.range();
        assert!(
            tok.span.start >= prev_end,
            "tokens overlap or go back: {text:?}"
        );
        assert!(!tok.span.is_empty(), "empty token in {text:?}");
        assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        // Only whitespace between tokens.
        assert!(
            t[prev_end as usize..r.start]
                .chars()
                .all(char::is_whitespace)
                || t[prev_end as usize..r.start]
                    .chars()
                    .all(|c| c.is_whitespace()
                        || c == '\u{200B}'
                        || c == '\u{FEFF}'
                        || c.is_control()),
            "non-space left out before {:?} in {text:?}",
            &t[r.clone()]
        );
        prev_end = tok.span.end;
        covered += r.len();
    }
    let rest = &t[prev_end as usize..];
    assert!(rest
        .chars()
        .all(|c| c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}'));
    assert!(covered <= t.len());
    let mut prev = None::<u32>;
    let mut next_tok = 0u32;
    for s in doc.sentences() {
        assert_eq!(s.tokens.start, next_tok, "sentences must tile the tokens");
        assert!(s.tokens.end > s.tokens.start, "empty sentence");
        next_tok = s.tokens.end;
        if let Some(p) = prev {
            assert!(s.span.start >= p, "sentences overlap");
        }
        prev = Some(s.span.end);
        for tok in &doc.tokens()[s.tokens.start as usize..s.tokens.end as usize] {
            assert!(s.span.contains(tok.span));
        }
    }
    assert_eq!(next_tok as usize, doc.tokens().len());
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_break_invariants(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_strings_never_break_invariants(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn dateline_like_text_never_panics(s in "[A-Z ,.()—-]{0,200}( [A-Z][a-z]+)?") {
        check(&s);
        let _ = tocsin_text::dateline(&s);
    }

    #[test]
    fn news_like_text_never_breaks_invariants(
        s in "([A-Z][a-z]{0,8}|[a-z]{1,8}|U\\.S\\.|Mr\\.|n't|'s|’s|[0-9]{1,4}|[.,;:!?\"'()$%—-]|http://x\\.org/a|a@b\\.com|#tag|@h|\\.\\.\\.|[ \n]{1,3}){0,80}"
    ) {
        check(&s);
    }
}

#[test]
fn edge_inputs() {
    for s in [
        "",
        " ",
        "\n\n\n",
        "...!!!???",
        ".",
        "'",
        "’",
        "'s",
        "n't",
        "-",
        "--a--",
        "a-",
        "-a",
        "$",
        "@",
        "#",
        "http://",
        "中文句子。另一个句子！",
        "Emoji 😀😀 test 👍🏽.",
        "e\u{301}te\u{301} combining",
        "عربي نص. עברית טקסט.",
        "\u{200B}\u{FEFF}zero width",
        "KYIV, ",
        "KYIV (AP) —",
        "A. B. C. D.",
        "U.S.'s",
        "No. 10",
        "\r\n\r\nline\r\n",
    ] {
        check(s);
    }
    // A run of capitals longer than the dateline window.
    for n in 25..35 {
        let s = format!("{}— Text", "ABC ".repeat(n));
        check(&s);
        check(s.trim_end_matches(" Text"));
    }
}

#[test]
fn ten_megabyte_single_line() {
    let unit = "Russia’s Gen. Ivanov didn't say 3.5% of $14,000 (U.S.) ... ";
    let text = unit.repeat(10_000_000 / unit.len() + 1);
    let mut doc = Doc::new(&text);
    Segmenter::new().segment(&mut doc);
    assert!(doc.tokens().len() > 1_000_000);
    let mut doc = Doc::new(&"x".repeat(10_000_000));
    Segmenter::new().segment(&mut doc);
    assert_eq!(doc.tokens().len(), 1);
    let mut doc = Doc::new(&"-".repeat(10_000_000));
    Segmenter::new().segment(&mut doc);
    assert_eq!(doc.tokens().len(), 1);
}
