//! The small rules validation applies everywhere: where an error is (file, procedure,
//! field), texts in every language, ids, and lines that read right under their headings.

use std::cell::RefCell;

use super::procedure::ItemDef;
use super::schema::Activity;
use crate::error::{ProtocolError, Untranslated};
use crate::text::{Text, locked};

/// Words a line under "What to avoid" may start with: it must read as a prohibition.
pub(super) const PROHIBITIONS: [&str; 5] = ["Do not ", "Don't ", "No ", "Never ", "Avoid "];

/// Whether an English line reads as a prohibition.
#[must_use]
pub fn is_prohibition(text: &str) -> bool {
    PROHIBITIONS.iter().any(|p| text.starts_with(p))
}

/// Lines under "What to avoid" must read as prohibitions (`must`), and lines under "You can"
/// or the goals must not, so no line reads backwards under its heading.
pub(super) fn prohibitions(
    cx: &Cx<'_>,
    field: &str,
    items: &[ItemDef],
    must: bool,
) -> Result<(), ProtocolError> {
    for (i, it) in items.iter().enumerate() {
        let en = it.text.get("en");
        if is_prohibition(en) != must {
            let msg = if must {
                format!(
                    "is printed under \"What to avoid\", so it must start with one of: {}",
                    PROHIBITIONS.map(str::trim_end).join(", ")
                )
            } else {
                "is printed as something you can do, so it must not start like a prohibition; move it to `avoid`".to_owned()
            };
            return Err(cx.err(format!("{field}[{i}].text"), msg));
        }
    }
    Ok(())
}

/// The word for an activity in messages: every variant is one word, so its lower-cased
/// name is the kebab-case id authors write in files.
pub(super) fn activity_name(a: Activity) -> String {
    format!("{a:?}").to_lowercase()
}

pub(super) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Where a validation error is: file, procedure and the languages every text needs. Texts
/// missing a language other than the first are collected in `missing`, not refused: a clinic
/// that changes a line in English can still print English packets, and a packet in the other
/// language names every text it lacks (`Protocol::untranslated`).
pub(super) struct Cx<'a> {
    file: &'a str,
    procedure: Option<&'a str>,
    languages: &'a [String],
    log: &'a RefCell<TextLog>,
}

/// What validation gathers besides errors: the texts missing a translation, and every
/// patient text as (procedure, language, text), which `Protocol::text_digest` fingerprints so
/// a translator's review names exactly what was reviewed.
#[derive(Debug, Default)]
pub(super) struct TextLog {
    pub(super) missing: Vec<Untranslated>,
    pub(super) texts: Vec<(Option<String>, String, String)>,
}

impl<'a> Cx<'a> {
    pub(super) fn new(
        file: &'a str,
        procedure: Option<&'a str>,
        languages: &'a [String],
        log: &'a RefCell<TextLog>,
    ) -> Self {
        Cx {
            file,
            procedure,
            languages,
            log,
        }
    }

    pub(super) fn err(
        &self,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> ProtocolError {
        ProtocolError::Invalid {
            file: self.file.to_owned(),
            procedure: self.procedure.map(str::to_owned),
            field: field.into(),
            message: message.into(),
        }
    }

    /// A text a patient reads: it must exist, non-empty, in the protocol's first language;
    /// a missing translation into another is recorded; a language the protocol does not
    /// list is refused.
    pub(super) fn text(&self, field: &str, t: &Text) -> Result<(), ProtocolError> {
        self.text_in(field, t, true)
    }

    /// A text only the nurse reads (notes, the engine's nurse notes): the nurse's language,
    /// the protocol's first, is enough; a packet in another language still carries it in
    /// the nurse's language on the care-team sheet.
    pub(super) fn nurse_text(&self, field: &str, t: &Text) -> Result<(), ProtocolError> {
        self.text_in(field, t, false)
    }

    fn text_in(&self, field: &str, t: &Text, patient: bool) -> Result<(), ProtocolError> {
        let Some((first, others)) = self.languages.split_first() else {
            return Ok(());
        };
        if t.languages().all(|l| l != first) {
            return Err(self.err(
                field,
                format!("has no `{first}` text; every text needs the protocol's first language"),
            ));
        }
        if patient {
            let mut log = self.log.borrow_mut();
            for lang in t.languages() {
                log.texts.push((
                    self.procedure.map(str::to_owned),
                    lang.to_owned(),
                    t.get(lang).to_owned(),
                ));
            }
            for lang in others {
                if t.languages().all(|l| l != lang) {
                    log.missing.push(Untranslated {
                        language: lang.clone(),
                        file: self.file.to_owned(),
                        procedure: self.procedure.map(str::to_owned),
                        field: field.to_owned(),
                    });
                }
            }
        }
        if let Some(extra) = t
            .languages()
            .find(|l| !self.languages.iter().any(|x| x == l))
        {
            return Err(self.err(
                field,
                format!("has text in `{extra}`, which protocol.toml does not list in languages"),
            ));
        }
        if t.all().any(|s| s.trim().is_empty()) {
            return Err(self.err(field, "must not be empty"));
        }
        // A translation says the same numbers: a dose, a limit or a phone number that
        // differs between languages is refused.
        let want = locked(t.get(first));
        for lang in others {
            if t.languages().any(|l| l == lang) && locked(t.get(lang)) != want {
                return Err(self.err(
                    field,
                    format!(
                        "the `{lang}` text has {:?} where the `{first}` text has {:?}; every number, unit, phone number and {{placeholder}} must be the same in every language",
                        locked(t.get(lang)),
                        want
                    ),
                ));
            }
        }
        Ok(())
    }
}
