//! The protocol: clinical content as data, parsed from TOML and validated as a whole.
//!
//! `schema` mirrors the files in `protocols/` one to one; `base` lets a procedure file build
//! on another, stating only what differs; `validate` checks what the schema cannot: every
//! source id resolves, phases are contiguous from day 0, every phase speaks to every required
//! activity, "normal" lines are bounded by signs in the same plan, and every timing only grows
//! with levels and with risk factors (so adding a factor never makes a plan less cautious).

mod base;
mod layer;
mod phases;
mod procedure;
mod ranges;
mod rules;
mod schema;
mod surgeon;
mod validate;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{ProtocolError, Untranslated};
pub use layer::{CHANGES_FILE, SURGEONS_DIR, SurgeonLayer};
pub use procedure::*;
pub use ranges::{PublishedRange, Variation};
pub use rules::is_prohibition;
pub use schema::*;
pub use surgeon::{Layer, SetBy, SurgeonRef};

/// A validated protocol: everything the engine needs, in memory.
#[derive(Debug, Clone)]
pub struct Protocol {
    /// The protocol's version, printed on every packet page.
    pub version: String,
    /// The languages every text is written in; the first is the default.
    pub languages: Vec<String>,
    /// Templates the engine fills in (lifting, driving, dates).
    pub text: EngineText,
    /// Everyday objects to compare a lifting limit with, lightest first.
    pub lifting_comparisons: Vec<LiftingComparison>,
    /// The five job demand levels, in order.
    pub jobs: Vec<JobLevel>,
    /// Warning signs every plan considers (filtered by `when`).
    pub warning_signs: Vec<WarningSignDef>,
    /// What is normal while healing, for every plan (filtered by `when`).
    pub normal: Vec<NormalDef>,
    /// Templates for notes the engine writes for the nurse.
    pub nurse_text: NurseText,
    /// The factor rules, in the order the files list them.
    pub factors: Vec<FactorRule>,
    /// Teaching sections: standard ones and those a factor adds, in packet order.
    pub sections: Vec<SectionDef>,
    /// The procedures, in display order.
    pub procedures: Vec<Procedure>,
    /// Every citation, by id.
    pub sources: BTreeMap<String, Source>,
    /// Surgeons' orders the folder holds (`surgeons/<id>.toml`), each checked at load.
    pub surgeons: Vec<SurgeonLayer>,
    /// The surgeon whose orders are applied, after [`Protocol::with_surgeon`].
    pub surgeon: Option<SurgeonRef>,
    /// Patient-facing texts that lack one of `languages` (never the first): a plan in that
    /// language is refused while its procedure or the shared files have one.
    pub untranslated: Vec<Untranslated>,
    /// Every patient text as (procedure, language, text): see [`Protocol::text_digest`].
    texts: Vec<(Option<String>, String, String)>,
    /// The procedure tables as resolved from their files (bases applied), so a layer can
    /// be merged over them: (file, table).
    tables: Vec<(String, toml::Table)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtocolFile {
    version: String,
    languages: Vec<String>,
    text: EngineText,
    nurse_text: NurseText,
    lifting_comparison: Vec<LiftingComparison>,
    job: Vec<JobLevel>,
    warning_sign: Vec<WarningSignDef>,
    normal: Vec<NormalDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    source: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactorsFile {
    factor: Vec<FactorRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeachingFile {
    section: Vec<SectionDef>,
}

const PROTOCOL_FILE: &str = "protocol.toml";
const SOURCES_FILE: &str = "sources.toml";
const FACTORS_FILE: &str = "factors.toml";
const TEACHING_FILE: &str = "teaching.toml";
const PROCEDURES_DIR: &str = "procedures/";

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, ProtocolError> {
    toml::from_str(text).map_err(|e| parse_error(file, &e.to_string()))
}

fn parse_error(file: &str, message: &str) -> ProtocolError {
    ProtocolError::Parse {
        file: file.to_owned(),
        message: message.trim_end().replace('\n', " "),
    }
}

impl Protocol {
    /// Parses and validates a protocol from its files, given as (path relative to the
    /// protocol folder, contents). It needs `protocol.toml`, `sources.toml`, `factors.toml`,
    /// `teaching.toml` and one `procedures/<id>.toml` per procedure; other files (a README)
    /// are ignored unless they end in `.toml`.
    ///
    /// # Errors
    /// The first problem found, naming the file, the procedure and the field.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Protocol, ProtocolError> {
        let mut main = None;
        let mut sources = None;
        let mut factors = None;
        let mut teaching = None;
        let mut procedure_tables = Vec::new();
        let mut procedure_texts: Vec<(&str, &str)> = Vec::new();
        let mut surgeon_files: Vec<(&str, &str)> = Vec::new();
        let mut changes = None;
        for (path, text) in files {
            match path {
                PROTOCOL_FILE => main = Some(parse::<ProtocolFile>(path, text)?),
                SOURCES_FILE => sources = Some(parse::<SourcesFile>(path, text)?),
                FACTORS_FILE => factors = Some(parse::<FactorsFile>(path, text)?),
                TEACHING_FILE => teaching = Some(parse::<TeachingFile>(path, text)?),
                CHANGES_FILE => changes = Some(text),
                p if p.starts_with(SURGEONS_DIR) && p.ends_with(".toml") => {
                    surgeon_files.push((p, text));
                }
                p if p.starts_with(PROCEDURES_DIR) && p.ends_with(".toml") => {
                    procedure_tables.push((p.to_owned(), parse::<toml::Table>(p, text)?));
                    procedure_texts.push((p, text));
                }
                other if !other.ends_with(".toml") => {}
                other => {
                    return Err(ProtocolError::Invalid {
                        file: other.to_owned(),
                        procedure: None,
                        field: "(file)".to_owned(),
                        message: format!(
                            "unexpected file; a protocol holds {PROTOCOL_FILE}, {SOURCES_FILE}, {FACTORS_FILE}, {TEACHING_FILE}, {PROCEDURES_DIR}<id>.toml, {CHANGES_FILE} and {SURGEONS_DIR}<id>.toml"
                        ),
                    });
                }
            }
        }
        let missing = |f: &str| ProtocolError::MissingFile { file: f.to_owned() };
        let main = main.ok_or_else(|| missing(PROTOCOL_FILE))?;
        let sources = sources.ok_or_else(|| missing(SOURCES_FILE))?;
        let factors = factors.ok_or_else(|| missing(FACTORS_FILE))?;
        let teaching = teaching.ok_or_else(|| missing(TEACHING_FILE))?;
        if procedure_tables.is_empty() {
            return Err(missing("procedures/<id>.toml"));
        }
        let mut procedures = Vec::new();
        let tables = base::resolve(procedure_tables)?;
        for (file, table) in &tables {
            let file = file.clone();
            // A file that stands alone is parsed from its text, so a schema error keeps its
            // line and column; a file built on a base is parsed as merged, and says so.
            let p: Procedure = match table.get("base").and_then(toml::Value::as_str) {
                Some(base) => table.clone().try_into().map_err(|e: toml::de::Error| {
                    parse_error(&file, &format!("{e} (after applying base `{base}`)"))
                })?,
                None => {
                    let text = procedure_texts
                        .iter()
                        .find(|(f, _)| *f == file)
                        .map_or("", |(_, t)| *t);
                    parse::<Procedure>(&file, text)?
                }
            };
            procedures.push((file, p));
        }

        let mut protocol = Protocol {
            version: main.version,
            languages: main.languages,
            text: main.text,
            lifting_comparisons: main.lifting_comparison,
            jobs: main.job,
            warning_signs: main.warning_sign,
            normal: main.normal,
            nurse_text: main.nurse_text,
            factors: factors.factor,
            sections: teaching.section,
            procedures: Vec::new(),
            sources: BTreeMap::new(),
            surgeons: Vec::new(),
            surgeon: None,
            untranslated: Vec::new(),
            texts: Vec::new(),
            tables,
        };
        protocol.sources = validate::sources(SOURCES_FILE, sources.source)?;
        let missing = std::cell::RefCell::new(rules::TextLog::default());
        protocol.validate_shared(&missing)?;
        for (file, p) in procedures {
            protocol.validate_procedure(&file, &p, &missing)?;
            if protocol.procedures.iter().any(|q| q.id == p.id) {
                return Err(ProtocolError::Invalid {
                    file,
                    procedure: Some(p.id),
                    field: "id".to_owned(),
                    message: "another procedure file has the same id".to_owned(),
                });
            }
            protocol.procedures.push(p);
        }
        // Validated bases first (the order `resolve` gives), so a mistake written in a base
        // is reported in the base's file; listed in display order.
        protocol
            .procedures
            .sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
        protocol.validate_ids_unique()?;
        protocol.validate_normal_bounds()?;
        let log = missing.into_inner();
        protocol.untranslated = log.missing;
        protocol.texts = log.texts;
        // The clinic's changes made in the app, over its procedure files.
        if let Some(text) = changes {
            let layer = SurgeonLayer::parse(CHANGES_FILE, text)?;
            protocol = protocol.with_layer(&layer, &Layer::Clinic)?;
        }
        for (file, text) in surgeon_files {
            protocol.surgeons.push(SurgeonLayer::parse(file, text)?);
        }
        // Every surgeon's orders are checked now, combined with the protocol, so a folder
        // that loads never fails later when a nurse picks a surgeon.
        for s in &protocol.surgeons {
            protocol.with_surgeon(&s.id)?;
        }
        Ok(protocol)
    }

    /// A fingerprint (SHA-256, hex) of every text a patient can read in `language`, and of
    /// the first language's text it translates, with the procedure each belongs to: it
    /// changes when any of them changes, and only then. A translator's review records it, so
    /// a review names exactly the texts reviewed, and lapses when either side changes.
    #[must_use]
    pub fn text_digest(&self, language: &str) -> String {
        use sha2::{Digest, Sha256};
        let first = self.languages.first().map_or("en", String::as_str);
        let mut texts: Vec<(&str, &str, &str)> = self
            .texts
            .iter()
            .filter(|(_, l, _)| l == language || l == first)
            .map(|(p, l, t)| (p.as_deref().unwrap_or(""), l.as_str(), t.as_str()))
            .collect();
        texts.sort_unstable();
        let mut h = Sha256::new();
        for (p, l, t) in texts {
            h.update(p.as_bytes());
            h.update([0x1f]);
            h.update(l.as_bytes());
            h.update([0x1f]);
            h.update(t.as_bytes());
            h.update([0x1e]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The procedure with this id.
    #[must_use]
    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id == id)
    }

    /// The factor rule with this id.
    #[must_use]
    pub fn factor(&self, id: &str) -> Option<&FactorRule> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// The description of a job demand level.
    #[must_use]
    pub fn job(&self, id: JobDemand) -> Option<&JobLevel> {
        self.jobs.iter().find(|j| j.id == id)
    }

    /// The warning signs a plan for `p` always has (shared signs that match, and the
    /// procedure's own), whatever the factors.
    pub fn signs_for<'a>(&'a self, p: &'a Procedure) -> impl Iterator<Item = &'a WarningSignDef> {
        self.warning_signs
            .iter()
            .filter(|s| s.when.matches(p))
            .chain(&p.warning_sign)
    }
}
