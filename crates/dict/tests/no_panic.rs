//! No input makes the compilers panic: random lines built from the
//! languages' own punctuation and keywords are compiled and imported.

use std::path::PathBuf;

/// xorshift64*: a small deterministic generator (no dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "country",
    "org",
    "group",
    "person",
    "agent",
    "synset",
    "verb",
    "noun",
    "modal",
    "derive",
    "discard",
    " ",
    " | ",
    "|",
    ":",
    ";",
    "=",
    "..",
    "&",
    "&x",
    "#",
    "alias:",
    "role:",
    "prep:",
    "obj:",
    "target:",
    "xcomp:",
    "dates:",
    "after:",
    "metonym:",
    "RUS",
    "GOV",
    "MIL",
    "XYZ",
    "190",
    "04",
    "*",
    "2012-05",
    "2012-05-07",
    "1999",
    "abc",
    "Élan",
    "’s",
    "U.S.",
    "[",
    "]",
    "{",
    "}",
    "~",
    "+",
    "-",
    "$",
    "%",
    "^",
    "_",
    "---",
    "[HOB <950601]",
    "[~MIL]",
    "[NGO~]",
    "<!--",
    "-->",
    "<SYNSETS>",
    "</SYNSETS>",
    "\t",
    "ÿ",
    "日本",
    "ﬁ",
    "K",
    "Y",
    "'",
    "!X!",
    "!X! = A, B",
    "[031:032]",
    "- * X [1]",
];

fn random_text(rng: &mut Rng, lines: usize) -> String {
    let mut s = String::new();
    for _ in 0..lines {
        let n = rng.next() % 12;
        for _ in 0..n {
            s.push_str(rng.pick(PIECES));
        }
        s.push('\n');
    }
    s
}

#[test]
fn random_input_never_panics() {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("tocsin-dict-nopanic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("cameo.tsv"),
        "190\t19\t-10\t4\tASSAULT\t\t\tx\n04\t04\t1\t1\t\t\t\tx\n",
    )
    .unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..60 {
        let text = random_text(&mut rng, 40);
        for name in [
            "a.txt",
            "x.actors.txt",
            "x.agents.txt",
            "x.verbs.txt",
            "x.discards.txt",
        ] {
            std::fs::write(dir.join(name), &text).unwrap();
        }
        let _ = tocsin_dict::check_dir(&dir);
        let petr = |k: &str| vec![dir.join(format!("x.{k}.txt"))];
        let _ = tocsin_dict::load_petrarch(
            &petr("actors"),
            &petr("agents"),
            &petr("verbs"),
            &petr("discards"),
        );
        let _ = tocsin_dict::load_tabari(
            &petr("actors"),
            &petr("agents"),
            &petr("verbs"),
            &petr("discards"),
        );
        let _ = round;
    }
    for s in ["’s", "U.S.'s", "..", "'", "ÿ's", "日本's", "(", "Y", ""] {
        let _ = tocsin_dict::name_tokens(s);
        let _ = tocsin_dict::pluralize(s);
    }
}
