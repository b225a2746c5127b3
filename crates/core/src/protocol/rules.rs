//! The small rules validation applies everywhere: where an error is (file, procedure,
//! field), texts in every language, ids, and lines that read right under their headings.

use super::procedure::ItemDef;
use super::schema::Activity;
use crate::error::ProtocolError;
use crate::text::Text;

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

/// Where a validation error is: file, procedure and the languages every text needs.
pub(super) struct Cx<'a> {
    file: &'a str,
    procedure: Option<&'a str>,
    languages: &'a [String],
}

impl<'a> Cx<'a> {
    pub(super) fn new(file: &'a str, procedure: Option<&'a str>, languages: &'a [String]) -> Self {
        Cx {
            file,
            procedure,
            languages,
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

    /// Every text must exist, non-empty, in every language of the protocol, and in no other.
    pub(super) fn text(&self, field: &str, t: &Text) -> Result<(), ProtocolError> {
        for lang in self.languages {
            if t.languages().all(|l| l != lang) {
                return Err(self.err(
                    field,
                    format!(
                        "has no `{lang}` text; every text needs every language in protocol.toml"
                    ),
                ));
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
        Ok(())
    }
}
