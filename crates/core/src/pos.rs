//! Part-of-speech tag sets: Universal POS (UPOS) and the Penn Treebank tags used
//! as XPOS by UD English EWT.

use serde::{Deserialize, Serialize};

macro_rules! tagset {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[repr(u8)]
        pub enum $name {
            #[default]
            $($variant),+
        }

        impl $name {
            /// Every tag, in declaration order (the order of `as u8`).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The tag as written in CoNLL-U.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses a tag as written in CoNLL-U; `None` for an unknown tag.
            #[must_use]
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The tag with this index (`as u8`), if any.
            #[must_use]
            pub fn from_index(i: usize) -> Option<Self> {
                Self::ALL.get(i).copied()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tagset! {
    /// Universal POS tags (UD v2). `X` doubles as "not yet tagged".
    Upos {
        X = "X", Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ",
        Det = "DET", Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART",
        Pron = "PRON", Propn = "PROPN", Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM",
        Verb = "VERB",
    }
}

tagset! {
    /// Penn Treebank tags as used in UD English EWT's XPOS column. `None` ("_")
    /// doubles as "not yet tagged".
    Xpos {
        None = "_", Dollar = "$", CloseQuote = "''", Comma = ",", Lrb = "-LRB-",
        Rrb = "-RRB-", Period = ".", Colon = ":", Add = "ADD", Afx = "AFX", Cc = "CC",
        Cd = "CD", Dt = "DT", Ex = "EX", Fw = "FW", Gw = "GW", Hyph = "HYPH", In = "IN",
        Jj = "JJ", Jjr = "JJR", Jjs = "JJS", Ls = "LS", Md = "MD", Nfp = "NFP", Nn = "NN",
        Nnp = "NNP", Nnps = "NNPS", Nns = "NNS", Pdt = "PDT", Pos = "POS", Prp = "PRP",
        PrpS = "PRP$", Rb = "RB", Rbr = "RBR", Rbs = "RBS", Rp = "RP", Sym = "SYM",
        To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD", Vbg = "VBG", Vbn = "VBN", Vbp = "VBP",
        Vbz = "VBZ", Wdt = "WDT", Wp = "WP", WpS = "WP$", Wrb = "WRB", OpenQuote = "``",
    }
}

impl Upos {
    /// Content words that can head a noun phrase naming an actor.
    #[must_use]
    pub const fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_tag() {
        for t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(*t));
            assert_eq!(Upos::from_index(*t as usize), Some(*t));
        }
        for t in Xpos::ALL {
            assert_eq!(Xpos::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Xpos::parse("PRP$"), Some(Xpos::PrpS));
        assert_eq!(Upos::parse("FOO"), None);
    }
}
