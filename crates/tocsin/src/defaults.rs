//! The default set-up: embedded models and dictionaries, assembled up to a stage.

use crate::{Pipeline, PipelineError};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tocsin_core::{Layer, Stage};
use tocsin_dict::{DictFormat, Dictionaries};

/// The last stage to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Until {
    /// Sentences and tokens.
    Segment,
    /// + UPOS, XPOS and lemmas.
    Tag,
    /// + dependency heads and relations.
    Parse,
    /// + events.
    Code,
    /// + event locations.
    Geo,
}

impl std::str::FromStr for Until {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "segment" | "tokenize" | "split" => Ok(Until::Segment),
            "tag" | "lemma" => Ok(Until::Tag),
            "parse" => Ok(Until::Parse),
            "code" | "events" => Ok(Until::Code),
            "geo" | "locate" => Ok(Until::Geo),
            other => Err(format!(
                "expected one of segment, tag, parse, code, geo; found {other:?}"
            )),
        }
    }
}

/// What to build.
#[derive(Clone, Debug)]
pub struct Setup {
    pub until: Until,
    /// Dictionaries for the coder; `None` means the embedded defaults.
    pub dicts: Option<Arc<Dictionaries>>,
    pub coder: tocsin_coder::CoderOptions,
    /// Skip parsing sentences that cannot yield an event (on by default;
    /// events are the same, only faster). Only applied with `coder.require_dyad`.
    pub gate: bool,
    /// Parse with the beam-search model instead of the greedy default: about
    /// 0.7 UAS more accurate on EWT, about half as fast (see the models'
    /// MANIFEST.md; the coder's evaluations are measured with the default).
    pub beam_parser: bool,
}

impl Setup {
    #[must_use]
    pub fn new(until: Until) -> Setup {
        Setup {
            until,
            dicts: None,
            coder: tocsin_coder::CoderOptions::default(),
            gate: true,
            beam_parser: false,
        }
    }
}

fn load_err(what: &'static str, e: impl std::fmt::Display) -> PipelineError {
    PipelineError::Load {
        what,
        message: e.to_string(),
    }
}

/// The embedded default dictionaries, decoded once per process.
///
/// # Errors
/// The embedded bytes do not decode (a build problem).
pub fn embedded_dictionaries() -> Result<Arc<Dictionaries>, PipelineError> {
    static CELL: OnceLock<Result<Arc<Dictionaries>, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        Dictionaries::from_bytes(tocsin_data::DICTIONARIES)
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(|e| load_err("the embedded dictionaries", e))
}

/// Loads dictionaries from a directory or file in any supported format: a
/// tocsin dictionary directory, PETRARCH or TABARI files, or a binary written by
/// `tocsin dict compile`. Imported dictionaries carry no CAMEO table, so the
/// embedded one is attached (Goldstein scores, quad classes, PLOVER).
///
/// # Errors
/// Every problem found, each as `path:line: message`.
pub fn load_dictionaries(
    path: &Path,
    format: Option<DictFormat>,
) -> Result<Arc<Dictionaries>, anyhow::Error> {
    if path.is_file() {
        let mut head = [0u8; 8];
        let is_binary = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok_and(|()| &head == tocsin_dict::MAGIC);
        if is_binary {
            let bytes = std::fs::read(path)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
            let d = Dictionaries::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            return Ok(Arc::new(d));
        }
    }
    let d = tocsin_dict::load(path, format).map_err(|diags| {
        let shown: Vec<String> = diags.iter().take(50).map(ToString::to_string).collect();
        let more = diags.len().saturating_sub(50);
        anyhow::anyhow!(
            "{} problems loading {}:\n{}{}",
            diags.len(),
            path.display(),
            shown.join("\n"),
            if more > 0 {
                format!("\n... and {more} more")
            } else {
                String::new()
            }
        )
    })?;
    let d = match embedded_dictionaries() {
        Ok(defaults) => d.with_cameo(defaults.cameo.clone()),
        Err(_) => d,
    };
    Ok(Arc::new(d))
}

/// Builds the default pipeline up to `setup.until`.
///
/// # Errors
/// A model or the dictionaries fail to load.
pub fn build(setup: &Setup) -> Result<Pipeline, PipelineError> {
    let mut stages: Vec<Arc<dyn Stage>> = vec![Arc::new(tocsin_text::Segmenter::new())];
    let dicts = if setup.until >= Until::Code {
        Some(match &setup.dicts {
            Some(d) => Arc::clone(d),
            None => embedded_dictionaries()?,
        })
    } else {
        None
    };
    // Coding needs no tags of a sentence that names no actor, and no parse of
    // one that cannot yield an event. Both gates ask for an actor name, so
    // they only run when events need one (`require_dyad`).
    let gates = dicts
        .as_ref()
        .filter(|_| setup.gate && setup.coder.require_dyad);
    if let Some(d) = gates {
        stages.push(Arc::new(tocsin_coder::NameGate::new(Arc::clone(d))));
    }
    if setup.until >= Until::Tag {
        stages.push(Arc::new(
            tocsin_tagger::Tagger::embedded().map_err(|e| load_err("the tagger model", e))?,
        ));
    }
    // Dictionary names are proper nouns, whatever the tagger guessed: with
    // dictionaries for coding, or given explicitly for parsing.
    let names = dicts.as_ref().or(setup.dicts.as_ref());
    if let Some(d) = names.filter(|_| setup.until >= Until::Parse) {
        stages.push(Arc::new(tocsin_coder::NameTags::new(Arc::clone(d))));
    }
    if let Some(d) = gates {
        stages.push(Arc::new(tocsin_coder::ParseGate::new(Arc::clone(d))));
    }
    if setup.until >= Until::Parse {
        stages.push(Arc::new(parser(setup.beam_parser)?));
    }
    if let Some(dicts) = dicts {
        stages.push(Arc::new(tocsin_coder::Coder::new(
            dicts,
            setup.coder.clone(),
        )));
    }
    if setup.until >= Until::Geo {
        stages.push(Arc::new(
            tocsin_geo::Geolocator::embedded().map_err(|e| load_err("the gazetteer", e))?,
        ));
    }
    Pipeline::new(stages)
}

/// The embedded greedy parser, or with `beam` the beam-search one.
fn parser(beam: bool) -> Result<tocsin_parser::Parser, PipelineError> {
    if beam {
        tocsin_parser::Parser::embedded_beam().map_err(|e| load_err("the beam parser model", e))
    } else {
        tocsin_parser::Parser::embedded().map_err(|e| load_err("the parser model", e))
    }
}

/// The stages that follow segmentation, for evaluation on gold tokens; with
/// `beam_parser` the beam-search parser (see [`Setup::beam_parser`]).
///
/// # Errors
/// A model fails to load.
pub fn build_from_tokens(until: Until, beam_parser: bool) -> Result<Pipeline, PipelineError> {
    let mut stages: Vec<Arc<dyn Stage>> = Vec::new();
    stages.push(Arc::new(
        tocsin_tagger::Tagger::embedded().map_err(|e| load_err("the tagger model", e))?,
    ));
    if until >= Until::Parse {
        stages.push(Arc::new(parser(beam_parser)?));
    }
    Pipeline::starting_from(&[Layer::Sentences, Layer::Tokens], stages)
}

#[cfg(test)]
mod tests {
    use super::Until;

    #[test]
    fn every_stage_name_parses() {
        for (name, until) in [
            ("segment", Until::Segment),
            ("tag", Until::Tag),
            ("parse", Until::Parse),
            ("code", Until::Code),
            ("geo", Until::Geo),
        ] {
            assert_eq!(name.parse::<Until>(), Ok(until));
        }
        let e = "coding".parse::<Until>().unwrap_err();
        assert!(
            e.contains("expected one of segment, tag, parse, code, geo"),
            "{e}"
        );
    }
}
