//! Prints the sentences and tokens of the text on standard input, one sentence a
//! line, tokens joined by `|`, headings marked `[H]`.
//!
//! ```text
//! echo "KYIV, Ukraine (AP) — Russia's army didn't move." | cargo run -p tocsin-text --example show
//! ```

use std::io::Read;
use tocsin_core::Doc;
use tocsin_text::Segmenter;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: cannot read standard input: {e}");
        std::process::exit(1);
    }
    let mut doc = Doc::new(&text);
    Segmenter::new().segment(&mut doc);
    for s in doc.sentences() {
        let words: Vec<&str> = (s.tokens.start..s.tokens.end)
            .map(|i| doc.word(i as usize))
            .collect();
        let mark = if s.is_heading { "[H] " } else { "" };
        println!("{mark}{}", words.join("|"));
    }
}
