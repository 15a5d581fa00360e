//! tocsin-coder: who did what to whom, read off the dependency parse.
//!
//! The coder is the pipeline stage after the parser (`code`: requires tokens,
//! tags, lemmas and dependencies; provides events). For each sentence it
//!
//! 1. drops sentences (or stories) holding a discard phrase, and questions;
//! 2. finds actor and agent names by longest match (`tocsin_dict::NameIndex`)
//!    and combines them along the parse into coded actors: possessives,
//!    adjectives, compounds and appositions join a country to an agent
//!    ("Russia's foreign minister" → RUSGOV), persons resolve by the event date,
//!    a bare agent ("the troops") borrows its country from the previous
//!    sentence or the dateline (marked `ActorSource::Context`);
//! 3. tries every verb and event-noun pattern of each token's lemma — tocsin
//!    dependency patterns and imported PETRARCH/TABARI word-sequence patterns
//!    alike — and keeps the most specific match;
//! 4. takes the source from the subject (or the `by` agent of a passive) and
//!    the target from the place the pattern names, pairing every source with
//!    every target (compound actors), both ways for symmetric meetings;
//! 5. walks up through verbs that embed the event: `modal` rows and `derive`
//!    rows turn "refused to meet" into a rejection (12x, negated), "threatened
//!    to attack" into a threat (13x), "agreed to meet" into an intent (036);
//!    a wish or appeal with an object who is to act ("urged Russia to
//!    withdraw", "were invited to attend") is an appeal to that object;
//!    report verbs mark the event claimed, and a speaker reporting another
//!    country's violence accuses it (112/1123) while one reporting its own
//!    claims responsibility (015); a clause under a negated verb ("did not
//!    mean that") or an infinitive on a noun ("pressure to help") is not
//!    asserted; if-clauses and could/might/would mark it hypothetical;
//!    will/going to/set to mark it future;
//! 6. attaches sizes (dead, injured, arrested, troops), the date (document,
//!    dateline, or a relative day) and the provenance (file, line, pattern).
//!
//! Datelines ("MOSCOW, Dec 6 (Reuters) -") give the context country and the
//! date, never an actor of the event. Questions are not coded (tocsin
//! dictionaries). Sizes go to the event verb whose clause states them.
//!
//! **Imported dictionaries** (`DictFormat::Petrarch`/`Tabari`) go through the
//! same path with the conventions of their coders: word-sequence patterns
//! (`$`, `+`, `%` at names only, `^` skipping a phrase, synsets, `_`
//! adjacency), pattern lines over verb lines and the longest match first,
//! paired codes (`[031:032]`), placeholder codes skipped (`+++`), negation and
//! modality left to the patterns (flags only), one coding per (source,
//! target, code) a sentence, questions coded.
//!
//! PETRARCH: the source is the subject (or the first actor anywhere in the
//! subject's phrase); the target is the first actor of the verb phrase after
//! the verb, running on in the text past a misattached complement but not
//! into comma-delimited asides (`comma_*` settings); a passive is one only
//! with its `by` agent; an agent with no country codes as `---` plus sectors.
//!
//! TABARI reads position, not the parse (see [`TabariOptions`]): verbs of any
//! part of speech, clause by clause (`CODE BY CLAUSE/SENTENCE/ALL`), the
//! source the first actor before the pattern's words (or the clause
//! before's), the target the first actor after the verb, an agent right after
//! a name joining it, pronouns in `$`/`+` places standing for the last actor;
//! comma-delimited asides dropped, `###`/`+++` actors and time phrases stop a
//! sentence, sentences under the minimum length are not coded, `DEFAULT:`
//! actors and `CONVERT AGENT` fill empty sides.
//!
//! Over-generation is the field's main failure, so the coder prefers
//! precision: no event without both a source and a target (unless
//! `require_dyad` is off, when an unnamed source is coded `---`), at most
//! one event per (verb, source, target),
//! questions and negated acts never coded as the act.
//!
//! ```
//! use std::sync::Arc;
//! use tocsin_coder::{Coder, CoderOptions};
//! let coder = Coder::new(Arc::new(tocsin_dict::Dictionaries::default()), CoderOptions::default());
//! let mut doc = tocsin_core::Doc::new("");
//! tocsin_core::Stage::annotate(&coder, &mut doc);
//! assert!(doc.events.is_empty());
//! ```
//!
//! The evaluation harness for the PETRARCH and TABARI validation suites is in
//! [`eval`].

mod actors;
mod assemble;
pub mod eval;
mod explain;
mod gate;
mod modality;
mod nametags;
mod patterns;
mod sent;
mod size;
mod tabari;
mod when;

pub use gate::{NameGate, ParseGate};
pub use nametags::NameTags;
pub use tabari::{CodeBy, CommaLimits, DefaultActor, TabariOptions};

use actors::Context;
use sent::Sent;
use std::sync::Arc;
use tocsin_core::{Doc, Layer, Stage};
use tocsin_dict::Dictionaries;

/// Options of the coder.
#[derive(Clone, Debug)]
pub struct CoderOptions {
    /// Drop events without a source and a target (PETRARCH/TABARI default).
    /// Off, tocsin dictionaries also code events whose source is not named
    /// (an unknown `---` source with an empty span at the verb).
    pub require_dyad: bool,
    /// Code sentences that end with a question mark (off: questions assert nothing).
    pub code_questions: bool,
    /// Codes (prefixes) of symmetric events: with a compound source and no
    /// target, each member is paired with the others ("Biden and Putin met",
    /// "Brazil and the US signed a deal", "... agreed to deepen ties"; not
    /// 061, whose buying and selling are not mutual). The
    /// pattern's own code is tested as well as the derived one, so an intent
    /// to cooperate (03x) is mutual when the cooperation is.
    pub symmetric_prefixes: Vec<String>,
    /// Codes coded both ways when a target is named ("Biden met Putin" →
    /// USA→RUS and RUS→USA). Only applied with tocsin dictionaries; imported
    /// PETRARCH/TABARI dictionaries use their own paired codes.
    pub mirror_codes: Vec<String>,
    /// Codes that imply a reverse event with another code, target towards
    /// source (a visit made, 042, is a visit hosted, 043, and the other way). Only applied with
    /// tocsin dictionaries; imported ones carry paired codes (`[042:043]`).
    pub reverse_codes: Vec<(String, String)>,
    /// Use the bare agent's context country (previous sentence, dateline).
    pub context_actors: bool,
    /// TABARI's reading settings, used with TABARI dictionaries only.
    pub tabari: TabariOptions,
    /// PETRARCH's comma-delimited clauses (`comma_min`, `comma_max`...),
    /// which its verb phrases do not run into. Used with PETRARCH
    /// dictionaries only.
    pub petrarch_comma: CommaLimits,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            require_dyad: true,
            code_questions: false,
            symmetric_prefixes: vec![
                "04".into(),
                "036".into(),
                "050".into(),
                "057".into(),
                "060".into(),
                "062".into(),
                "063".into(),
                "064".into(),
            ],
            mirror_codes: vec!["040".into(), "041".into(), "044".into(), "046".into()],
            reverse_codes: vec![("042".into(), "043".into()), ("043".into(), "042".into())],
            context_actors: true,
            tabari: TabariOptions::default(),
            petrarch_comma: CommaLimits::PETRARCH,
        }
    }
}

/// The event coder. Immutable once built; share it between threads.
#[derive(Debug, Clone)]
pub struct Coder {
    dicts: Arc<Dictionaries>,
    options: CoderOptions,
}

impl Coder {
    /// A coder over compiled dictionaries.
    #[must_use]
    pub fn new(dicts: Arc<Dictionaries>, options: CoderOptions) -> Coder {
        Coder { dicts, options }
    }

    /// The options in force.
    #[must_use]
    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// The dictionaries in use.
    #[must_use]
    pub fn dictionaries(&self) -> &Arc<Dictionaries> {
        &self.dicts
    }

    /// The parse of sentence `sentence` and every rule tried on it, for
    /// `--explain`. Events are computed as in [`Stage::annotate`] with the
    /// context of the earlier sentences.
    #[must_use]
    pub fn explain(&self, doc: &Doc, sentence: usize) -> String {
        explain::explain(self, doc, sentence)
    }

    /// Runs the coder over a document, writing the trace of `explain_sentence`.
    fn run(&self, doc: &Doc, explain_sentence: Option<usize>, trace: &mut String) -> Run {
        let date = doc.meta.date;
        let dateline = if doc.sentences().is_empty() {
            None
        } else {
            when::dateline_date(doc, date)
        };
        let mut ctx = Context::default();
        if self.options.context_actors && !doc.sentences().is_empty() {
            ctx.dateline = dateline_country(&self.dicts, doc, date);
        }
        let mut run = Run::default();
        for si in 0..doc.sentences().len() {
            let s = Sent::new(doc, si);
            let mut sctx = ctx.clone();
            if !self.options.context_actors {
                sctx = Context::default();
            }
            let tr = (explain_sentence == Some(si)).then_some(&mut *trace);
            let mut out = self.code_sentence(&s, date, dateline, &sctx, tr);
            // An unparsed sentence (see `ParseGate`) still gives context and
            // discards, never events.
            if doc.sentences()[si].skip_parse {
                out.events.clear();
            }
            for n in out.notes {
                let span = doc.sentences().get(si).map(|x| x.span);
                run.notes.push((span, n));
            }
            run.events.extend(out.events.into_iter().map(|(_, e)| e));
            // A pronoun looks back one sentence only.
            ctx.person = out.context_person;
            ctx.subject = out.context_subject;
            if out.context_country.is_some() {
                ctx.previous = out.context_country;
            }
            if out.stop_story {
                run.events.clear();
                break;
            }
        }
        run
    }
}

#[derive(Default)]
struct Run {
    events: Vec<tocsin_core::Event>,
    notes: Vec<(Option<tocsin_core::Span>, String)>,
}

/// The country of a dateline ("MOSCOW, Dec 7 (Reuters) -"): an actor name at
/// the start of the first sentence, followed by a comma, dash or parenthesis.
fn dateline_country(
    d: &Dictionaries,
    doc: &Doc,
    date: Option<tocsin_core::Date>,
) -> Option<String> {
    let s = Sent::new(doc, 0);
    let m = actors::find_mentions(d, &s, date);
    let first = m.first().filter(|m| m.start == 0)?;
    let next = s.lower.get(first.end)?;
    if !matches!(next.as_str(), "," | "-" | "--" | "(" | ":" | "—") {
        return None;
    }
    match &first.kind {
        actors::MentionKind::Actor { id, .. } => d
            .actors
            .get(*id as usize)?
            .code_at(date)
            .map(|(c, _)| c.to_string()),
        actors::MentionKind::Agent { .. } => None,
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "code"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Tags, Layer::Lemmas, Layer::Deps]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut trace = String::new();
        let run = self.run(doc, None, &mut trace);
        for (span, n) in run.notes {
            doc.note("code", span, n);
        }
        doc.events.extend(run.events);
    }
}
