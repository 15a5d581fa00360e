//! One short case per tokenizer and splitter behaviour. Tokens print joined by
//! `|`, sentences by ` ## `, headings marked with `[H]`.

use tocsin_core::Doc;
use tocsin_text::Segmenter;

fn toks(text: &str) -> String {
    let mut doc = Doc::new(text);
    Segmenter::new().segment(&mut doc);
    (0..doc.tokens().len())
        .map(|i| doc.word(i))
        .collect::<Vec<_>>()
        .join("|")
}

fn sents(text: &str) -> String {
    let mut doc = Doc::new(text);
    Segmenter::new().segment(&mut doc);
    doc.sentences()
        .iter()
        .map(|s| {
            let t = doc.span_text(s.span);
            if s.is_heading {
                format!("[H]{t}")
            } else {
                t.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ## ")
}

#[track_caller]
fn tok(text: &str, expect: &str) {
    assert_eq!(toks(text), expect, "tokens of {text:?}");
}

#[track_caller]
fn sent(text: &str, expect: &str) {
    assert_eq!(sents(text), expect, "sentences of {text:?}");
}

#[test]
fn negation_clitics_split_as_in_ewt() {
    tok("don't can't won't", "do|n't|ca|n't|wo|n't");
    tok("Isn't it?", "Is|n't|it|?");
}

#[test]
fn other_clitics_split() {
    tok(
        "Bush's they're we'll I've I'm he'd",
        "Bush|'s|they|'re|we|'ll|I|'ve|I|'m|he|'d",
    );
}

#[test]
fn curly_apostrophes_split_too() {
    tok("Russia’s it’s don’t", "Russia|’s|it|’s|do|n’t");
}

#[test]
fn apostrophes_inside_names_stay() {
    tok("O'Brien's", "O'Brien|'s");
}

#[test]
fn plural_possessive_apostrophe_splits() {
    tok("the rebels' base", "the|rebels|'|base");
}

#[test]
fn fused_forms_split() {
    tok(
        "I cannot, I'm gonna wanna",
        "I|can|not|,|I|'m|gon|na|wan|na",
    );
}

#[test]
fn punctuation_splits_off() {
    tok("(Yes), \"no\"; maybe!", "(|Yes|)|,|\"|no|\"|;|maybe|!");
}

#[test]
fn abbreviations_keep_their_period() {
    tok(
        "U.S. Gen. Mr. Jan. J. R. R. Tolkien",
        "U.S.|Gen.|Mr.|Jan.|J.|R.|R.|Tolkien",
    );
}

#[test]
fn numbers_stay_whole_but_percent_and_currency_split() {
    tok("14,000 3.5% $1m £522,000", "14,000|3.5|%|$|1|m|£|522,000");
    tok(
        "at 10am, the 5th in the 1990s and 80's",
        "at|10|am|,|the|5th|in|the|1990s|and|80's",
    );
}

#[test]
fn times_dates_and_fractions_stay_whole() {
    tok("10:30 9/11 16/11/2004", "10:30|9/11|16/11/2004");
}

#[test]
fn hyphens_split_except_after_prefixes() {
    tok("a 15-year term", "a|15|-|year|term");
    tok("non-stop e-mail co-workers", "non-stop|e-mail|co-workers");
    tok("counter-attack", "counter-attack");
    tok("well-known", "well|-|known");
}

#[test]
fn phone_numbers_zip_codes_and_dashed_dates_stay_whole() {
    tok("call 713-853-3989", "call|713-853-3989");
    tok("DC 20006-3700 on 01-Feb-02", "DC|20006-3700|on|01-Feb-02");
    tok("in 1969-1970", "in|1969|-|1970");
}

#[test]
fn clipped_years_and_html_entities_stay_whole() {
    tok("the '68 riots", "the|'68|riots");
    tok(
        "Q&A AT&T p&l Johnson&Johnson",
        "Q&A|AT&T|p&l|Johnson|&|Johnson",
    );
    tok(
        "mailto:a@b.com Jane Doe@ENRON",
        "mailto:a@b.com|Jane|Doe@ENRON",
    );
    tok("&#163;5 &amp; more", "&#163;|5|&amp;|more");
}

#[test]
fn slashes_between_words_split() {
    tok("and/or w/o", "and|/|or|w/o");
}

#[test]
fn urls_emails_handles_and_hashtags_stay_whole() {
    tok(
        "See http://bbc.co.uk/news. Mail a.b@c.org, @UN_News #Kyiv",
        "See|http://bbc.co.uk/news|.|Mail|a.b@c.org|,|@UN_News|#Kyiv",
    );
    tok("(www.un.org)", "(|www.un.org|)");
}

#[test]
fn ellipses_and_dashes_group() {
    tok("wait... -- no!!", "wait|...|--|no|!!");
}

#[test]
fn missing_space_after_period_is_split() {
    tok("He left.Then", "He|left|.|Then");
}

#[test]
fn sentences_end_at_stops() {
    sent(
        "He left. She stayed! Why?",
        "He left. ## She stayed! ## Why?",
    );
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    sent(
        "Gen. Smith met Mr. J. R. R. Jones on Jan. 5 at the U.N. headquarters.",
        "Gen. Smith met Mr. J. R. R. Jones on Jan. 5 at the U.N. headquarters.",
    );
}

#[test]
fn ambiguous_abbreviation_ends_before_an_opener() {
    sent(
        "He moved to the U.S. He liked it.",
        "He moved to the U.S. ## He liked it.",
    );
}

#[test]
fn closing_quote_stays_with_its_sentence() {
    sent(
        "\"He left.\" Then she came.",
        "\"He left.\" ## Then she came.",
    );
    sent("(He left.) Then", "(He left.) ## Then");
}

#[test]
fn quote_then_lowercase_continues() {
    sent("\"Why?\" he asked.", "\"Why?\" he asked.");
}

#[test]
fn ellipsis_before_capital_ends_sentence() {
    sent(
        "He waited... Nothing came.",
        "He waited... ## Nothing came.",
    );
}

#[test]
fn datelines_become_heading_sentences() {
    sent(
        "KYIV, Ukraine (AP) — Russia attacked. It was night.",
        "[H]KYIV, Ukraine (AP) — ## Russia attacked. ## It was night.",
    );
    sent(
        "MOSCOW, Jan 5 (Reuters) - Talks ended.",
        "[H]MOSCOW, Jan 5 (Reuters) - ## Talks ended.",
    );
}

#[test]
fn headline_line_is_a_heading() {
    sent(
        "Shell boss quits\n\nThe firm said so.",
        "[H]Shell boss quits ## The firm said so.",
    );
    sent(
        "Shell boss quits\nThe firm said so.",
        "[H]Shell boss quits ## The firm said so.",
    );
}

#[test]
fn blank_line_always_ends_a_sentence() {
    sent(
        "He said that\n\nthey left.",
        "[H]He said that ## they left.",
    );
}

#[test]
fn wrapped_lines_do_not_end_sentences() {
    sent(
        "He said that the\nministers had left.",
        "He said that the\nministers had left.",
    );
}

#[test]
fn empty_and_blank_inputs_give_nothing() {
    assert_eq!(toks(""), "");
    assert_eq!(toks(" \n\t "), "");
}
