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

/// Units that stay with their number: a translation keeps them as they are.
const UNITS: [&str; 5] = ["lb", "kg", "F", "C", "%"];

/// What a translation must carry over unchanged, the way medical translation tools lock
/// them: every number (with its unit: `38.3 C`, `10 lb`), phone number (`1-800-QUIT-NOW`)
/// and `{placeholder}`, sorted.
#[must_use]
pub fn locked(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{'
            && let Some(end) = chars[i..].iter().position(|&c| c == '}')
        {
            out.push(chars[i..=i + end].iter().collect());
            i += end + 1;
            continue;
        }
        let starts_word = i == 0 || !chars[i - 1].is_alphanumeric();
        if c.is_ascii_digit() && starts_word {
            let mut end = i;
            // Digits, and inside a token the marks that join a number or phone number, and
            // the capital letters of a spelt phone number.
            while end < chars.len()
                && (chars[end].is_ascii_digit()
                    || chars[end].is_ascii_uppercase()
                    || (matches!(chars[end], '.' | ',' | ':' | '-' | '/')
                        && chars
                            .get(end + 1)
                            .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase())))
            {
                end += 1;
            }
            let mut token: String = chars[i..end].iter().collect();
            let rest: String = chars[end..].iter().collect();
            let after = rest.trim_start_matches(' ');
            if let Some(unit) = UNITS.iter().find(|u| {
                after.starts_with(**u)
                    && !after[u.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            }) {
                token.push(' ');
                token.push_str(unit);
            }
            out.push(token);
            i = end;
            continue;
        }
        i += 1;
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::locked;

    #[test]
    fn numbers_units_phones_and_placeholders_are_locked() {
        assert_eq!(
            locked("A fever of 101 F (38.3 C) or more; call {phone} or 1-800-QUIT-NOW."),
            ["1-800-QUIT-NOW", "101 F", "38.3 C", "{phone}"]
        );
        assert_eq!(
            locked("Lift 10 lb, 6 to 8 glasses, 2,5 kg"),
            ["10 lb", "2,5 kg", "6", "8"]
        );
        assert_eq!(locked("Fase 3: 10 libras"), ["10", "3"]);
        assert!(locked("No numbers at all. B12 is a vitamin.").is_empty());
        assert_eq!(locked("your 6-week visit, 2-3 days"), ["2-3", "6"]);
    }
}
