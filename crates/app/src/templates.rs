//! Templates: saved cases without a patient or dates, and their export/import.

use std::path::Path;

use homeward_store::{ListQuery, OnConflict, TemplateInput};

use crate::{App, AppError, CaseForm, ImportReport, Template, TemplateSummary};

impl App {
    /// Templates by name, optionally filtered.
    ///
    /// # Errors
    /// The database cannot be read.
    pub fn templates(&self, search: Option<String>) -> Result<Vec<TemplateSummary>, AppError> {
        Ok(self.store.list_templates(&ListQuery {
            search,
            ..Default::default()
        })?)
    }

    /// Saves the form's case (no dates, no patient, no booked visits) as a template.
    ///
    /// # Errors
    /// The name is empty or taken, or the case is not valid.
    pub fn save_template(&mut self, name: &str, form: &CaseForm) -> Result<Template, AppError> {
        let input = TemplateInput {
            name: name.to_owned(),
            procedure: form.procedure.clone(),
            levels: form.levels,
            factors: form.factors.iter().cloned().collect(),
            job: form.job,
            surgeon: Some(form.surgeon.trim().to_owned()).filter(|s| !s.is_empty()),
            edits: form.edits.clone(),
            language: Some(form.language.clone()).filter(|l| !l.is_empty()),
        };
        Ok(self.store.create_template(&self.protocol, &input)?)
    }

    /// A template as a form: the case fields filled, the dates and patient fields left as
    /// they are in `current` (a template never holds a patient). The booked visits stay
    /// while the procedure does; another procedure has other visits, so they are cleared.
    ///
    /// # Errors
    /// No such template.
    pub fn load_template(&self, name: &str, current: &CaseForm) -> Result<CaseForm, AppError> {
        let t = self
            .store
            .template(name)?
            .ok_or_else(|| AppError::message(format!("template: no template named `{name}`")))?;
        let booked = if t.input.procedure == current.procedure {
            current.booked.clone()
        } else {
            Vec::new()
        };
        Ok(CaseForm {
            booked,
            procedure: t.input.procedure,
            levels: t.input.levels,
            factors: t.input.factors.into_iter().collect(),
            job: t.input.job,
            surgeon: t.input.surgeon.unwrap_or_default(),
            edits: t.input.edits,
            language: t.input.language.unwrap_or_else(|| current.language.clone()),
            ..current.clone()
        })
    }

    /// Renames a template.
    ///
    /// # Errors
    /// No such template, or the new name is empty or taken.
    pub fn rename_template(&mut self, name: &str, new_name: &str) -> Result<(), AppError> {
        Ok(self.store.rename_template(name, new_name)?)
    }

    /// Copies a template under a new name.
    ///
    /// # Errors
    /// No such template, or the new name is empty or taken.
    pub fn duplicate_template(&mut self, name: &str, new_name: &str) -> Result<(), AppError> {
        self.store.duplicate_template(name, new_name)?;
        Ok(())
    }

    /// Deletes a template.
    ///
    /// # Errors
    /// No such template.
    pub fn delete_template(&mut self, name: &str) -> Result<(), AppError> {
        Ok(self.store.delete_template(name)?)
    }

    /// Writes every template and the clinic settings to `path` as one export file
    /// (atomically); returns how many templates it holds. History is never exported.
    ///
    /// # Errors
    /// The database cannot be read or the file written.
    pub fn export_templates(&self, path: &Path) -> Result<usize, AppError> {
        let export = self.store.export(&self.protocol.version)?;
        let text = serde_json::to_string_pretty(&export)
            .map_err(|e| AppError::message(format!("export: {e}")))?;
        homeward_store::write_file_atomic(path, text.as_bytes()).map_err(AppError::message)?;
        Ok(export.templates.len())
    }

    /// Imports an export file. Everything is checked first: if anything is wrong, nothing
    /// changes. `on_conflict` is `fail`, `skip`, `replace` or `rename`.
    ///
    /// # Errors
    /// The file cannot be read, is not a valid export, or names conflict under `fail`.
    pub fn import_templates(
        &mut self,
        path: &Path,
        on_conflict: &str,
        with_settings: bool,
    ) -> Result<ImportReport, AppError> {
        let how = OnConflict::parse(on_conflict).map_err(AppError::message)?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| AppError::message(format!("cannot read {}: {e}", path.display())))?;
        Ok(self
            .store
            .import(&text, &self.protocol, how, with_settings)?)
    }
}
