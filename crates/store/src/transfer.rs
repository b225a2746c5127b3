//! Export and import of templates and settings as one versioned JSON file, so a unit can
//! share its templates. Packet history is never exported: it holds patient identifiers.

use std::collections::BTreeMap;

use homeward_core::Protocol;
use serde::{Deserialize, Serialize};

use crate::settings::{Settings, Surgeon, check_phone};
use crate::templates::{Template, insert};
use crate::{Result, Store, StoreError, clean_name, name_key};

/// The `format` field of an export file.
pub const EXPORT_FORMAT: &str = "homeward-templates";
/// The newest export version this build reads and the one it writes.
pub const EXPORT_VERSION: u32 = 1;

/// The export file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// The file's version.
    pub version: u32,
    /// The protocol version of the exporting app (for information).
    pub protocol_version: String,
    /// The clinic settings (history on/off is not shared).
    pub settings: ExportSettings,
    /// The templates, by name.
    pub templates: Vec<Template>,
}

/// The settings part of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportSettings {
    /// Clinic name.
    pub clinic_name: Option<String>,
    /// Spine office phone.
    pub clinic_phone: Option<String>,
    /// After-hours phone.
    pub after_hours_phone: Option<String>,
    /// The office's hours (absent in files from before they were kept).
    #[serde(default)]
    pub office_hours: Option<String>,
    /// `letter` or `a4`.
    pub paper: String,
    /// Large print by default.
    pub large_print: bool,
    /// Surgeons.
    pub surgeons: Vec<Surgeon>,
}

/// What to do with an imported template whose name already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnConflict {
    /// Change nothing and report the names.
    #[default]
    Fail,
    /// Keep the existing template.
    Skip,
    /// Replace the existing template.
    Replace,
    /// Import under a new name ("Name (2)").
    Rename,
}

impl OnConflict {
    /// Parses `fail`, `skip`, `replace` or `rename`.
    ///
    /// # Errors
    /// Anything else, with what is allowed.
    pub fn parse(s: &str) -> std::result::Result<OnConflict, String> {
        match s {
            "fail" => Ok(OnConflict::Fail),
            "skip" => Ok(OnConflict::Skip),
            "replace" => Ok(OnConflict::Replace),
            "rename" => Ok(OnConflict::Rename),
            _ => Err(format!(
                "on-conflict: `{s}` is not allowed; use fail, skip, replace or rename"
            )),
        }
    }
}

/// What an import did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportReport {
    /// New templates.
    pub added: Vec<String>,
    /// Existing templates replaced.
    pub replaced: Vec<String>,
    /// Existing templates kept (the imported one skipped).
    pub skipped: Vec<String>,
    /// Imported under a new name: (name in the file, name saved).
    pub renamed: Vec<(String, String)>,
    /// Whether the settings were imported too.
    pub settings: bool,
}

impl Store {
    /// Everything shareable, as an export.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn export(&self, protocol_version: &str) -> Result<Export> {
        let s = self.settings()?;
        Ok(Export {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            protocol_version: protocol_version.to_owned(),
            settings: ExportSettings::from(&s),
            templates: self.all_templates()?,
        })
    }

    /// Imports an export file's text. Every entry is checked first; if any is invalid, or
    /// names conflict under [`OnConflict::Fail`], nothing changes. Otherwise everything is
    /// written in one transaction.
    ///
    /// # Errors
    /// [`StoreError::Import`] listing every problem, or [`StoreError::Conflicts`].
    pub fn import(
        &mut self,
        text: &str,
        protocol: &Protocol,
        on_conflict: OnConflict,
        with_settings: bool,
    ) -> Result<ImportReport> {
        let data: Export = serde_json::from_str(text).map_err(|e| {
            StoreError::Import(vec![format!("the file is not a Homeward export: {e}")])
        })?;
        let mut problems = Vec::new();
        if data.format != EXPORT_FORMAT {
            problems.push(format!(
                "format: `{}` is not `{EXPORT_FORMAT}`",
                data.format
            ));
        }
        if data.version > EXPORT_VERSION {
            problems.push(format!(
                "version: {} is newer than this Homeward reads ({EXPORT_VERSION}); update Homeward",
                data.version
            ));
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, t) in data.templates.iter().enumerate() {
            if let Err(e) = t.input.validate(protocol) {
                problems.push(format!("templates[{i}]: {e}"));
            }
            if let Some(first) = seen.insert(name_key(&t.input.name), i) {
                problems.push(format!(
                    "templates[{i}]: name `{}` is the same as templates[{first}]",
                    clean_name(&t.input.name)
                ));
            }
        }
        if with_settings {
            let s = &data.settings;
            for (key, v) in [
                ("clinic_phone", &s.clinic_phone),
                ("after_hours_phone", &s.after_hours_phone),
            ] {
                if let Some(v) = v
                    && let Err(e) = check_phone(key, v)
                {
                    problems.push(format!("settings.{e}"));
                }
            }
            if s.clinic_name
                .as_ref()
                .is_some_and(|n| n.chars().count() > 120)
            {
                problems.push("settings.clinic_name: is longer than 120 characters".to_owned());
            }
            if s.office_hours
                .as_ref()
                .is_some_and(|n| n.chars().count() > 60)
            {
                problems.push("settings.office_hours: is longer than 60 characters".to_owned());
            }
            let mut surgeon_keys = std::collections::BTreeSet::new();
            for (i, sg) in s.surgeons.iter().enumerate() {
                let n = clean_name(&sg.name);
                if n.is_empty() || n.chars().count() > 120 {
                    problems.push(format!(
                        "settings.surgeons[{i}].name: must be 1 to 120 characters"
                    ));
                }
                if !surgeon_keys.insert(name_key(&n)) {
                    problems.push(format!(
                        "settings.surgeons[{i}].name: `{n}` is listed twice"
                    ));
                }
                if let Some(ph) = &sg.phone
                    && let Err(e) = check_phone("phone", ph)
                {
                    problems.push(format!("settings.surgeons[{i}].{e}"));
                }
            }
            if !matches!(s.paper.as_str(), "letter" | "a4") {
                problems.push(format!("settings.paper: `{}` is not letter or a4", s.paper));
            }
            if s.surgeons.iter().filter(|x| x.is_default).count() > 1 {
                problems.push("settings.surgeons: more than one is the default".to_owned());
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Import(problems));
        }
        let conflicts: Vec<String> = data
            .templates
            .iter()
            .filter(|t| self.template(&t.input.name).ok().flatten().is_some())
            .map(|t| clean_name(&t.input.name))
            .collect();
        if on_conflict == OnConflict::Fail && !conflicts.is_empty() {
            return Err(StoreError::Conflicts(conflicts));
        }

        let mut report = ImportReport::default();
        let tx = self.write()?;
        for t in &data.templates {
            let name = clean_name(&t.input.name);
            let times = Some((t.created_at.as_str(), t.updated_at.as_str()));
            if !conflicts.contains(&name) {
                insert(&tx, &t.input, times)?;
                report.added.push(name);
                continue;
            }
            match on_conflict {
                OnConflict::Fail | OnConflict::Skip => report.skipped.push(name),
                OnConflict::Replace => {
                    tx.execute(
                        "DELETE FROM templates WHERE name_key = ?1",
                        [name_key(&name)],
                    )?;
                    insert(&tx, &t.input, times)?;
                    report.replaced.push(name);
                }
                OnConflict::Rename => {
                    let mut n = 2;
                    let new_name = loop {
                        let candidate = format!("{name} ({n})");
                        let in_file = data
                            .templates
                            .iter()
                            .any(|x| name_key(&x.input.name) == name_key(&candidate));
                        let taken: bool = in_file
                            || tx.query_row(
                                "SELECT EXISTS (SELECT 1 FROM templates WHERE name_key = ?1)",
                                [name_key(&candidate)],
                                |r| r.get(0),
                            )?;
                        if !taken {
                            break candidate;
                        }
                        n += 1;
                    };
                    let mut input = t.input.clone();
                    input.name.clone_from(&new_name);
                    insert(&tx, &input, times)?;
                    report.renamed.push((name, new_name));
                }
            }
        }
        if with_settings {
            let s = &data.settings;
            let put = |k: &str, v: Option<String>| -> Result<()> {
                match v {
                    Some(v) => tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [k, &v])?,
                    None => tx.execute("DELETE FROM settings WHERE key = ?1", [k])?,
                };
                Ok(())
            };
            put("clinic-name", s.clinic_name.clone())?;
            put("clinic-phone", s.clinic_phone.clone())?;
            put("after-hours-phone", s.after_hours_phone.clone())?;
            put("office-hours", s.office_hours.clone())?;
            put("paper", Some(s.paper.clone()))?;
            put(
                "large-print",
                Some(if s.large_print { "on" } else { "off" }.to_owned()),
            )?;
            tx.execute("DELETE FROM surgeons", [])?;
            for sg in &s.surgeons {
                tx.execute("INSERT INTO surgeons (name, name_key, phone, is_default) VALUES (?1, ?2, ?3, ?4)", rusqlite::params![clean_name(&sg.name), name_key(&sg.name), sg.phone, sg.is_default])?;
            }
            report.settings = true;
        }
        tx.commit()?;
        Ok(report)
    }
}

impl From<&Settings> for ExportSettings {
    fn from(s: &Settings) -> Self {
        ExportSettings {
            clinic_name: s.clinic_name.clone(),
            clinic_phone: s.clinic_phone.clone(),
            after_hours_phone: s.after_hours_phone.clone(),
            office_hours: s.office_hours.clone(),
            paper: s.paper.clone(),
            large_print: s.large_print,
            surgeons: s.surgeons.clone(),
        }
    }
}
