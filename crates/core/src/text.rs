//! Patient-facing text that can carry more than one language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A sentence or phrase a patient or nurse reads, in one or more languages.
///
/// In a protocol file it is written either as a plain string (English) or as a table keyed by
/// language code (`{ en = "…", es = "…" }`), so a Spanish edition can be added as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawText", into = "BTreeMap<String, String>")]
pub struct Text(BTreeMap<String, String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl From<RawText> for Text {
    fn from(raw: RawText) -> Self {
        match raw {
            RawText::Plain(s) => Text(BTreeMap::from([("en".to_owned(), s)])),
            RawText::ByLanguage(map) => Text(map),
        }
    }
}

impl From<Text> for BTreeMap<String, String> {
    fn from(t: Text) -> Self {
        t.0
    }
}

impl Text {
    /// The text in `lang`. Validation guarantees every text has every protocol language, so
    /// the English fallback only matters for hand-built values.
    #[must_use]
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .map_or("", String::as_str)
    }

    /// The languages this text is written in.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Every translation of this text.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }

    /// Fills `{name}` placeholders in the text for `lang`.
    #[must_use]
    pub fn fill(&self, lang: &str, values: &[(&str, &str)]) -> String {
        let mut s = self.get(lang).to_owned();
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}
