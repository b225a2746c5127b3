//! Clinic settings and the list of surgeons.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Result, Store, StoreError, clean_name, name_key};

/// The clinic's settings. None of them identifies a patient.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// Clinic name, printed on the cover.
    pub clinic_name: Option<String>,
    /// Spine office phone.
    pub clinic_phone: Option<String>,
    /// After-hours phone.
    pub after_hours_phone: Option<String>,
    /// The office's hours, printed with "call the office during office hours".
    #[serde(default)]
    pub office_hours: Option<String>,
    /// Paper: `letter` or `a4`.
    pub paper: String,
    /// Large print by default.
    pub large_print: bool,
    /// Keep packet history (off unless the nurse turns it on).
    pub history: bool,
    /// The packet's language unless the form or the template says otherwise: `en` or `es`.
    #[serde(default = "english")]
    pub language: String,
    /// Surgeons, by name.
    pub surgeons: Vec<Surgeon>,
}

/// A surgeon the nurse can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Surgeon {
    /// Name as printed.
    pub name: String,
    /// Phone, when the surgeon has a direct line.
    #[serde(default)]
    pub phone: Option<String>,
    /// Picked first for a new packet.
    #[serde(default)]
    pub is_default: bool,
}

/// The keys `set_setting` takes, and what each allows.
pub const KEYS: &[(&str, &str)] = &[
    (
        "clinic-name",
        "any text up to 120 characters, or \"\" to clear",
    ),
    (
        "clinic-phone",
        "a phone number (digits, spaces and + ( ) - . x), or \"\" to clear",
    ),
    (
        "after-hours-phone",
        "a phone number (digits, spaces and + ( ) - . x), or \"\" to clear",
    ),
    (
        "office-hours",
        "text up to 60 characters, such as Mon-Fri 8 am to 5 pm, or \"\" to clear",
    ),
    ("paper", "letter or a4"),
    ("large-print", "on or off"),
    ("history", "on or off"),
    ("default-surgeon", "the name of a surgeon in the list"),
    ("language", "en (English) or es (Spanish)"),
];

/// The languages a packet can be printed in, as the `language` setting takes them.
pub const LANGUAGES: [&str; 2] = ["en", "es"];

fn english() -> String {
    "en".to_owned()
}

fn setting_err(key: &str, message: impl Into<String>) -> StoreError {
    StoreError::Setting {
        key: key.to_owned(),
        message: message.into(),
    }
}

/// Checks a phone number; returns it trimmed.
///
/// # Errors
/// When it has characters a phone number does not, or no digit.
pub fn check_phone(key: &str, v: &str) -> Result<String> {
    let v = v.trim();
    let ok = homeward_core::fields::is_phone_number(v);
    if ok {
        Ok(v.to_owned())
    } else {
        Err(setting_err(
            key,
            format!("`{v}` is not a phone number; use digits, spaces and + ( ) - . x"),
        ))
    }
}

fn on_off(key: &str, v: &str) -> Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" => Ok(true),
        "off" | "false" | "no" => Ok(false),
        _ => Err(setting_err(
            key,
            format!("`{v}` is not allowed; use on or off"),
        )),
    }
}

impl Store {
    /// All settings, with defaults for those never set.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn settings(&self) -> Result<Settings> {
        let get = |k: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row("SELECT value FROM settings WHERE key = ?1", [k], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        let mut st = self
            .conn
            .prepare("SELECT name, phone, is_default FROM surgeons ORDER BY name_key")?;
        let surgeons = st
            .query_map([], |r| {
                Ok(Surgeon {
                    name: r.get(0)?,
                    phone: r.get(1)?,
                    is_default: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Settings {
            clinic_name: get("clinic-name")?,
            clinic_phone: get("clinic-phone")?,
            after_hours_phone: get("after-hours-phone")?,
            office_hours: get("office-hours")?,
            paper: get("paper")?.unwrap_or_else(|| "letter".to_owned()),
            large_print: get("large-print")?.is_some_and(|v| v == "on"),
            history: get("history")?.is_some_and(|v| v == "on"),
            language: get("language")?.unwrap_or_else(english),
            surgeons,
        })
    }

    /// Sets one setting (see [`KEYS`]).
    ///
    /// # Errors
    /// An unknown key or a value that is not allowed, naming the key and what is allowed.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<Settings> {
        let tx = self.write()?;
        let put = |v: Option<String>| -> Result<()> {
            match v {
                Some(v) => tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, v])?,
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
            };
            Ok(())
        };
        let clear = value.trim().is_empty();
        match key {
            "clinic-name" => {
                let v = clean_name(value);
                if v.chars().count() > 120 {
                    return Err(setting_err(key, "is longer than 120 characters"));
                }
                put((!clear).then_some(v))?;
            }
            "office-hours" => {
                let v = clean_name(value);
                if v.chars().count() > 60 {
                    return Err(setting_err(key, "is longer than 60 characters"));
                }
                put((!clear).then_some(v))?;
            }
            "clinic-phone" | "after-hours-phone" => put(if clear {
                None
            } else {
                Some(check_phone(key, value)?)
            })?,
            "paper" => match value.trim().to_ascii_lowercase().as_str() {
                p @ ("letter" | "a4") => put(Some(p.to_owned()))?,
                _ => {
                    return Err(setting_err(
                        key,
                        format!("`{value}` is not allowed; use letter or a4"),
                    ));
                }
            },
            "language" => match value.trim().to_ascii_lowercase().as_str() {
                l if LANGUAGES.contains(&l) => put(Some(l.to_owned()))?,
                _ => {
                    return Err(setting_err(
                        key,
                        format!("`{value}` is not allowed; use en (English) or es (Spanish)"),
                    ));
                }
            },
            "large-print" => put(Some(
                if on_off(key, value)? { "on" } else { "off" }.to_owned(),
            ))?,
            "history" => {
                let on = on_off(key, value)?;
                if !on {
                    let n: i64 = tx.query_row("SELECT count(*) FROM packets", [], |r| r.get(0))?;
                    if n > 0 {
                        return Err(StoreError::HistoryNotEmpty(n));
                    }
                }
                put(Some(if on { "on" } else { "off" }.to_owned()))?;
            }
            "default-surgeon" => {
                tx.execute(
                    "UPDATE surgeons SET is_default = 0 WHERE is_default = 1",
                    [],
                )?;
                if tx.execute(
                    "UPDATE surgeons SET is_default = 1 WHERE name_key = ?1",
                    [name_key(value)],
                )? == 0
                {
                    return Err(setting_err(
                        key,
                        format!("no surgeon named `{}`; add one first", clean_name(value)),
                    ));
                }
            }
            _ => {
                let allowed: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                return Err(setting_err(
                    "setting",
                    format!("unknown key `{key}`; allowed: {}", allowed.join(", ")),
                ));
            }
        }
        tx.commit()?;
        self.settings()
    }

    /// Adds a surgeon (or updates the phone of one with the same name).
    ///
    /// # Errors
    /// An empty or too-long name, or a bad phone.
    pub fn add_surgeon(
        &mut self,
        name: &str,
        phone: Option<&str>,
        make_default: bool,
    ) -> Result<Settings> {
        let n = clean_name(name);
        if n.is_empty() || n.chars().count() > 120 {
            return Err(setting_err(
                "surgeon",
                "the name must be 1 to 120 characters",
            ));
        }
        let phone = phone
            .filter(|p| !p.trim().is_empty())
            .map(|p| check_phone("surgeon-phone", p))
            .transpose()?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO surgeons (name, name_key, phone) VALUES (?1, ?2, ?3) ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, phone = excluded.phone",
            params![n, name_key(&n), phone],
        )?;
        if make_default {
            tx.execute(
                "UPDATE surgeons SET is_default = 0 WHERE is_default = 1",
                [],
            )?;
            tx.execute(
                "UPDATE surgeons SET is_default = 1 WHERE name_key = ?1",
                [name_key(&n)],
            )?;
        }
        tx.commit()?;
        self.settings()
    }

    /// Removes a surgeon.
    ///
    /// # Errors
    /// No surgeon with that name.
    pub fn remove_surgeon(&mut self, name: &str) -> Result<Settings> {
        let tx = self.write()?;
        if tx.execute("DELETE FROM surgeons WHERE name_key = ?1", [name_key(name)])? == 0 {
            return Err(setting_err(
                "surgeon",
                format!("no surgeon named `{}`", clean_name(name)),
            ));
        }
        tx.commit()?;
        self.settings()
    }
}
