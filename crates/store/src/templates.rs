//! Templates: a saved kind of case ("1-level ACDF, Dr. Rivera, desk job"), never a patient.

use std::collections::BTreeSet;

use homeward_core::{JobDemand, PlanEdit, PlanInput, Protocol};
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::{Result, Store, StoreError, clean_name, name_key};

/// The longest template name.
pub const MAX_NAME: usize = 80;

/// What a nurse saves as a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInput {
    /// Unique name, ignoring case.
    pub name: String,
    /// Procedure id.
    pub procedure: String,
    /// Levels; `None` uses the procedure's default.
    #[serde(default)]
    pub levels: Option<u8>,
    /// Risk factor ids.
    #[serde(default)]
    pub factors: BTreeSet<String>,
    /// Job demand level.
    #[serde(default)]
    pub job: Option<JobDemand>,
    /// Surgeon's name.
    #[serde(default)]
    pub surgeon: Option<String>,
    /// The nurse's edits to the plan's text.
    #[serde(default)]
    pub edits: Vec<PlanEdit>,
    /// The language its packets print in (`en`, `es`); `None` is the clinic's default.
    #[serde(default)]
    pub language: Option<String>,
}

/// A stored template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Template {
    /// Its content.
    #[serde(flatten)]
    pub input: TemplateInput,
    /// When it was created (UTC, ISO 8601).
    pub created_at: String,
    /// When it was last changed (UTC, ISO 8601).
    pub updated_at: String,
}

/// A row of the template list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateSummary {
    /// Name.
    pub name: String,
    /// Procedure id.
    pub procedure: String,
    /// Levels.
    pub levels: Option<u8>,
    /// Job demand level.
    pub job: Option<JobDemand>,
    /// Surgeon.
    pub surgeon: Option<String>,
    /// Last change.
    pub updated_at: String,
}

/// Which templates to list.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Words that must appear in the name or the procedure id (any case).
    pub search: Option<String>,
    /// Only this procedure.
    pub procedure: Option<String>,
    /// At most this many, by name.
    pub limit: Option<usize>,
}

impl TemplateInput {
    /// The engine input this template describes, for a surgery date.
    #[must_use]
    pub fn plan_input(&self, surgery_date: chrono::NaiveDate) -> PlanInput {
        PlanInput {
            procedure: self.procedure.clone(),
            levels: self.levels,
            factors: self.factors.clone(),
            job: self.job,
            surgery_date,
            discharge_date: None,
            language: self.language.clone(),
            booked: Vec::new(),
        }
    }

    /// Checks the name, and that the protocol can build a plan from this template and apply
    /// its edits. Nothing unusable is ever saved.
    ///
    /// # Errors
    /// The first problem, naming the field.
    pub fn validate(&self, protocol: &Protocol) -> Result<()> {
        check_name(&self.name)?;
        let invalid = |message: String| StoreError::InvalidTemplate {
            name: clean_name(&self.name),
            message,
        };
        // Any date will do: the checks are about the procedure, levels, factors and edits.
        let day =
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or_else(|| invalid("no date".into()))?;
        let mut plan = homeward_core::plan(protocol, &self.plan_input(day))
            .map_err(|e| invalid(e.to_string()))?;
        plan.apply_edits(protocol, &self.edits)
            .map_err(|e| invalid(e.to_string()))?;
        if let Some(s) = &self.surgeon
            && (s.trim().is_empty() || s.chars().count() > 120)
        {
            return Err(invalid("surgeon: must be 1 to 120 characters".into()));
        }
        Ok(())
    }
}

/// A template name must be 1 to [`MAX_NAME`] characters after trimming.
pub fn check_name(name: &str) -> Result<()> {
    let clean = clean_name(name);
    if clean.is_empty() {
        return Err(StoreError::Name("must not be empty".into()));
    }
    let n = clean.chars().count();
    if n > MAX_NAME {
        return Err(StoreError::Name(format!(
            "is {n} characters; the most is {MAX_NAME}"
        )));
    }
    Ok(())
}

const COLUMNS: &str =
    "name, procedure, levels, factors, job, surgeon, edits, created_at, updated_at, language";

fn job_text(job: Option<JobDemand>) -> Option<&'static str> {
    job.map(JobDemand::id)
}

fn parse_job(s: Option<String>) -> rusqlite::Result<Option<JobDemand>> {
    s.map(|s| {
        JobDemand::parse(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
        })
    })
    .transpose()
}

fn json<T: serde::de::DeserializeOwned>(i: usize, s: String) -> rusqlite::Result<T> {
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn template_from_row(r: &Row<'_>) -> rusqlite::Result<Template> {
    Ok(Template {
        input: TemplateInput {
            name: r.get(0)?,
            procedure: r.get(1)?,
            levels: r.get(2)?,
            factors: json(3, r.get(3)?)?,
            job: parse_job(r.get(4)?)?,
            surgeon: r.get(5)?,
            edits: json(6, r.get(6)?)?,
            language: r.get(9)?,
        },
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// The current time as SQLite writes it: UTC, ISO 8601 with milliseconds. The database
/// supplies the time, so the store reads no clock of its own.
pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

impl Store {
    /// Saves a new template.
    ///
    /// # Errors
    /// The name is taken (ignoring case) or the template is not usable.
    pub fn create_template(&mut self, protocol: &Protocol, t: &TemplateInput) -> Result<Template> {
        t.validate(protocol)?;
        let tx = self.write()?;
        insert(&tx, t, None)?;
        tx.commit()?;
        self.template(&t.name)?
            .ok_or_else(|| StoreError::NotFound(clean_name(&t.name)))
    }

    /// Saves many new templates in one transaction: all of them, or (on the first invalid or
    /// taken name) none.
    ///
    /// # Errors
    /// As [`Store::create_template`], for the first template that fails.
    pub fn create_templates(
        &mut self,
        protocol: &Protocol,
        templates: &[TemplateInput],
    ) -> Result<()> {
        for t in templates {
            t.validate(protocol)?;
        }
        let tx = self.write()?;
        for t in templates {
            insert(&tx, t, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces the content of the template `name` (which may also get a new name).
    ///
    /// # Errors
    /// No such template, the new name is taken, or the content is not usable.
    pub fn update_template(
        &mut self,
        protocol: &Protocol,
        name: &str,
        t: &TemplateInput,
    ) -> Result<Template> {
        t.validate(protocol)?;
        let tx = self.write()?;
        let changed = tx
            .execute(
                &format!("UPDATE templates SET name = ?1, name_key = ?2, procedure = ?3, levels = ?4, factors = ?5, job = ?6, surgeon = ?7, edits = ?8, language = ?10, updated_at = {NOW} WHERE name_key = ?9"),
                params![clean_name(&t.name), name_key(&t.name), t.procedure, t.levels, serde_json::to_string(&t.factors)?, job_text(t.job), t.surgeon.as_deref().map(clean_name), serde_json::to_string(&t.edits)?, name_key(name), t.language],
            )
            .map_err(|e| taken(e, &t.name))?;
        if changed == 0 {
            return Err(StoreError::NotFound(clean_name(name)));
        }
        tx.commit()?;
        self.template(&t.name)?
            .ok_or_else(|| StoreError::NotFound(clean_name(&t.name)))
    }

    /// Gives a template a new name.
    ///
    /// # Errors
    /// No such template, or the new name is empty or taken.
    pub fn rename_template(&mut self, name: &str, new_name: &str) -> Result<()> {
        check_name(new_name)?;
        let tx = self.write()?;
        let n = tx
            .execute(&format!("UPDATE templates SET name = ?1, name_key = ?2, updated_at = {NOW} WHERE name_key = ?3"), params![clean_name(new_name), name_key(new_name), name_key(name)])
            .map_err(|e| taken(e, new_name))?;
        if n == 0 {
            return Err(StoreError::NotFound(clean_name(name)));
        }
        tx.commit()?;
        Ok(())
    }

    /// Copies a template under a new name.
    ///
    /// # Errors
    /// No such template, or the new name is empty or taken.
    pub fn duplicate_template(&mut self, name: &str, new_name: &str) -> Result<Template> {
        check_name(new_name)?;
        let mut t = self
            .template(name)?
            .ok_or_else(|| StoreError::NotFound(clean_name(name)))?
            .input;
        t.name = new_name.to_owned();
        let tx = self.write()?;
        insert(&tx, &t, None)?;
        tx.commit()?;
        self.template(new_name)?
            .ok_or_else(|| StoreError::NotFound(clean_name(new_name)))
    }

    /// Deletes a template.
    ///
    /// # Errors
    /// No such template.
    pub fn delete_template(&mut self, name: &str) -> Result<()> {
        let tx = self.write()?;
        if tx.execute(
            "DELETE FROM templates WHERE name_key = ?1",
            [name_key(name)],
        )? == 0
        {
            return Err(StoreError::NotFound(clean_name(name)));
        }
        tx.commit()?;
        Ok(())
    }

    /// The template with this name (ignoring case).
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn template(&self, name: &str) -> Result<Option<Template>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM templates WHERE name_key = ?1"
        ))?;
        Ok(st
            .query_row([name_key(name)], template_from_row)
            .optional()?)
    }

    /// Templates by name, filtered by `q`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn list_templates(&self, q: &ListQuery) -> Result<Vec<TemplateSummary>> {
        let mut sql = String::from(
            "SELECT name, procedure, levels, job, surgeon, updated_at FROM templates WHERE 1 = 1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(p) = &q.procedure {
            args.push(p.clone());
            sql.push_str(&format!(" AND procedure = ?{}", args.len()));
        }
        // Every word must appear in the name or the procedure id. Words of three or more
        // letters use the trigram index; shorter ones are checked row by row.
        let words: Vec<String> = q
            .search
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let long: Vec<&String> = words.iter().filter(|w| w.chars().count() >= 3).collect();
        if !long.is_empty() {
            let phrase = long
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" AND ");
            args.push(phrase);
            sql.push_str(&format!(
                " AND id IN (SELECT rowid FROM templates_search WHERE templates_search MATCH ?{})",
                args.len()
            ));
        }
        for word in words.iter().filter(|w| w.chars().count() < 3) {
            let pattern = format!(
                "%{}%",
                word.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            args.push(pattern);
            sql.push_str(&format!(
                " AND (name_key LIKE ?{n} ESCAPE '\\' OR procedure LIKE ?{n} ESCAPE '\\')",
                n = args.len()
            ));
        }
        sql.push_str(" ORDER BY name_key");
        if let Some(l) = q.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(TemplateSummary {
                name: r.get(0)?,
                procedure: r.get(1)?,
                levels: r.get(2)?,
                job: parse_job(r.get(3)?)?,
                surgeon: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many templates there are.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn template_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM templates", [], |r| r.get(0))?)
    }

    /// Every template, by name (for export).
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn all_templates(&self) -> Result<Vec<Template>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM templates ORDER BY name_key"
        ))?;
        let rows = st.query_map([], template_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Inserts a template inside `tx`; `times` keeps imported timestamps.
pub(crate) fn insert(
    tx: &rusqlite::Transaction<'_>,
    t: &TemplateInput,
    times: Option<(&str, &str)>,
) -> Result<()> {
    let (created, updated) = times.unzip();
    tx.execute(
        &format!("INSERT INTO templates ({COLUMNS}, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, COALESCE(?8, {NOW}), COALESCE(?9, {NOW}), ?11, ?10)"),
        params![clean_name(&t.name), t.procedure, t.levels, serde_json::to_string(&t.factors)?, job_text(t.job), t.surgeon.as_deref().map(clean_name), serde_json::to_string(&t.edits)?, created, updated, name_key(&t.name), t.language],
    )
    .map_err(|e| taken(e, &t.name))?;
    Ok(())
}

/// A unique-constraint failure on the name becomes "already exists".
fn taken(e: rusqlite::Error, name: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Name(format!(
                "`{}` already exists (names ignore case); choose another",
                clean_name(name)
            ))
        }
        _ => StoreError::Sqlite(e),
    }
}
