//! A whole operating list at once: a CSV file with one patient per row becomes one packet
//! (and, when asked, one care-team sheet) per row, in a folder. Every row is checked before
//! anything is made; a bad row is reported by row and column and the good ones are printed;
//! each file is written whole or not at all (written beside, then renamed). The PDFs are
//! drawn on every core; history, when on, records each packet as it is written.

mod sheet;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::NaiveDate;
use homeward_core::JobDemand;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use sheet::{COLUMNS, MAX_ROWS, Row, RowError};

use crate::packet::options_of;
use crate::{App, AppError, CaseForm, Documents, care_sheet_beside};

/// How to run a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchOptions {
    /// The folder the packets go into (made when missing).
    pub out_dir: String,
    /// Also write each patient's care-team sheet beside their packet.
    pub care_sheets: bool,
    /// The nurse's initials: required while packet history is on.
    pub nurse: String,
}

/// What a batch did: a file per good row and a problem per bad one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchReport {
    /// Patient rows in the file (blank rows not counted).
    pub rows: usize,
    /// The files written, by row.
    pub written: Vec<BatchFile>,
    /// The rows that were not printed, and why.
    pub errors: Vec<RowError>,
}

/// One row's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchFile {
    /// The row, as a spreadsheet numbers it.
    pub row: usize,
    /// The packet.
    pub packet: String,
    /// The care-team sheet, when asked for.
    pub care_sheet: Option<String>,
}

/// An OR list the nurse chose, and what checking it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChosenList {
    /// The file.
    pub path: String,
    /// Its rows and their problems (nothing written).
    pub report: BatchReport,
}

/// How far a batch has got, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BatchProgress {
    /// Packets finished (written or failed).
    pub done: usize,
    /// Packets to make.
    pub total: usize,
}

/// A row ready to draw: its plan, options, and the record history keeps.
struct Job {
    row: usize,
    plan: homeward_core::Plan,
    options: homeward_pdf::PacketOptions,
    record: homeward_store::PacketRecord,
    path: PathBuf,
}

impl App {
    /// Checks every row of an OR list without making anything: the problems by row and
    /// column (an empty list means every row would print).
    ///
    /// # Errors
    /// The file as a whole cannot be used (see [`sheet::read`]), or the clinic's settings
    /// stop every packet (no office phone).
    pub fn check_batch(
        &self,
        csv: &[u8],
        nurse: &str,
        printed_on: NaiveDate,
    ) -> Result<BatchReport, AppError> {
        let (_, rows, errors) = self.prepare(csv, nurse, Path::new(""), printed_on)?;
        Ok(BatchReport {
            rows,
            written: Vec::new(),
            errors,
        })
    }

    /// Prints an OR list: checks every row, then writes a packet for each good one into
    /// `options.out_dir` as `discharge-packet-row-NNN.pdf` (and its care-team sheet beside it when
    /// asked), calling `progress(done, total)` after each. A row whose file cannot be
    /// written is reported with the bad rows; the others go on.
    ///
    /// # Errors
    /// As for [`App::check_batch`], or the folder cannot be made.
    pub fn run_batch(
        &mut self,
        csv: &[u8],
        options: &BatchOptions,
        printed_on: NaiveDate,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<BatchReport, AppError> {
        let dir = Path::new(options.out_dir.trim());
        if dir.as_os_str().is_empty() {
            return Err(AppError::message(
                "out_dir: is required: the folder for the packets",
            ));
        }
        let (jobs, rows, mut errors) = self.prepare(csv, &options.nurse, dir, printed_on)?;
        if !jobs.is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::message(format!("out_dir: cannot make {}: {e}", dir.display()))
            })?;
        }
        let which = Documents {
            packet: true,
            care_sheet: options.care_sheets,
        };
        let history = self.store.settings()?.history;
        let mut written = Vec::new();
        let total = jobs.len();
        progress(0, total);
        let (tx, rx) = mpsc::channel();
        let next = AtomicUsize::new(0);
        let workers = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(total.max(1));
        std::thread::scope(|s| {
            for _ in 0..workers {
                let tx = tx.clone();
                let (jobs, next) = (&jobs, &next);
                s.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        if tx.send((i, draw_and_write(job, which))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            for (done, (i, result)) in rx.into_iter().enumerate() {
                let job = &jobs[i];
                match result.and_then(|(files, bytes)| {
                    if history {
                        let recorded = self.store.record_packet(
                            &options.nurse,
                            &self.protocol.version,
                            &bytes,
                            &job.record,
                        );
                        if let Err(e) = recorded {
                            // History does not know it: take the files back.
                            let _ = std::fs::remove_file(&files.packet);
                            if let Some(p) = &files.care_sheet {
                                let _ = std::fs::remove_file(p);
                            }
                            return Err(AppError::from(e));
                        }
                    }
                    Ok(files)
                }) {
                    Ok(files) => written.push(files),
                    Err(e) => errors.push(RowError {
                        row: job.row,
                        column: None,
                        message: e.message,
                    }),
                }
                progress(done + 1, total);
            }
        });
        written.sort_by_key(|f| f.row);
        errors.sort_by_key(|e| e.row);
        Ok(BatchReport {
            rows,
            written,
            errors,
        })
    }

    /// Reads and checks every row: the jobs for the good ones, the number of rows, and a
    /// problem for each bad one.
    fn prepare(
        &self,
        csv: &[u8],
        nurse: &str,
        dir: &Path,
        printed_on: NaiveDate,
    ) -> Result<(Vec<Job>, usize, Vec<RowError>), AppError> {
        let settings = self.store.settings()?;
        if settings.clinic_phone.is_none() {
            return Err(AppError::message(
                "clinic_phone: is not set: set the spine office phone in Settings or with `homeward settings set clinic-phone NUMBER` (every packet tells the patient whom to call)",
            ));
        }
        if settings.history && nurse.trim().is_empty() {
            return Err(AppError::message(
                "nurse: is required while packet history is on: your initials, 1 to 5 letters",
            ));
        }
        let (rows, mut errors) = sheet::read(csv)?;
        let count = rows.len() + errors.len();
        let mut jobs = Vec::new();
        for row in rows {
            match self.job(&row, nurse, dir, printed_on) {
                Ok(job) => jobs.push(job),
                Err(mut e) => errors.append(&mut e),
            }
        }
        errors.sort_by_key(|e| e.row);
        Ok((jobs, count, errors))
    }

    /// One row as a job, or its problems by column.
    fn job(
        &self,
        row: &Row,
        nurse: &str,
        dir: &Path,
        printed_on: NaiveDate,
    ) -> Result<Job, Vec<RowError>> {
        let form = self.row_form(row, nurse)?;
        let at = |column: Option<&str>, message: String| RowError {
            row: row.row,
            column: column.map(str::to_owned),
            message,
        };
        // One check of every field, as the form's preview makes it.
        let made = self.made(&form, printed_on).map_err(|e| {
            if e.fields.is_empty() {
                vec![at(None, e.message)]
            } else {
                e.fields
                    .into_iter()
                    .map(|f| at(column_of(&f.field), f.message))
                    .collect()
            }
        })?;
        let options = options_of(
            &made.record,
            self.clinic.as_ref(),
            self.review_note(&made.record),
        )
        .map_err(|e| vec![at(None, e.message)])?;
        Ok(Job {
            row: row.row,
            path: dir.join(file_name(row.row)),
            plan: made.plan,
            options,
            record: made.record,
        })
    }

    /// The form a row fills in: its own case columns, or its template's case with the row's
    /// language and surgeon over it.
    fn row_form(&self, row: &Row, nurse: &str) -> Result<CaseForm, Vec<RowError>> {
        let bad = |column: &str, message: String| {
            vec![RowError {
                row: row.row,
                column: Some(column.to_owned()),
                message,
            }]
        };
        let cell = |c: &str| row.get(c).unwrap_or_default().to_owned();
        for c in ["surgery_date", "discharge_date", "dob"] {
            if let Some(d) = row.get(c)
                && NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
            {
                // A date of birth is an identifier: not repeated.
                let shown = if c == "dob" {
                    String::new()
                } else {
                    format!("`{d}` ")
                };
                return Err(bad(
                    c,
                    format!("{shown}is not a date; use YYYY-MM-DD, e.g. 2026-12-01"),
                ));
            }
        }
        if row.get("surgery_date").is_none() {
            return Err(bad("surgery_date", "is required".into()));
        }
        let mut form = CaseForm {
            surgery_date: cell("surgery_date"),
            discharge_date: cell("discharge_date"),
            patient_name: cell("name"),
            date_of_birth: cell("dob"),
            mrn: cell("mrn"),
            surgeon: cell("surgeon"),
            language: cell("language").to_lowercase(),
            nurse: nurse.trim().to_owned(),
            ..CaseForm::default()
        };
        let case_columns = ["procedure", "levels", "factors", "job"];
        if let Some(name) = row.get("template") {
            if let Some(c) = case_columns.iter().find(|c| row.get(c).is_some()) {
                return Err(bad(
                    c,
                    "is given with a template; use either the template or the case columns (procedure, levels, factors, job)".into(),
                ));
            }
            let t = self
                .store
                .template(name)
                .map_err(|e| bad("template", e.to_string()))?
                .ok_or_else(|| {
                    bad(
                        "template",
                        format!("no template named `{name}`; see `homeward template list` or the Templates screen"),
                    )
                })?
                .input;
            form.procedure = t.procedure;
            form.levels = t.levels;
            form.factors = t.factors.into_iter().collect();
            form.job = t.job;
            form.edits = t.edits;
            if form.language.is_empty() {
                form.language = t.language.unwrap_or_default();
            }
            if form.surgeon.is_empty() {
                form.surgeon = t.surgeon.unwrap_or_default();
            }
            return Ok(form);
        }
        form.procedure = row
            .get("procedure")
            .ok_or_else(|| bad("procedure", "is required when no template is named".into()))?
            .to_owned();
        if let Some(l) = row.get("levels") {
            form.levels = Some(l.parse().map_err(|_| {
                bad(
                    "levels",
                    format!("`{l}` is not a whole number of levels; use a number such as 1 or 2"),
                )
            })?);
        }
        if let Some(j) = row.get("job") {
            form.job = Some(JobDemand::parse(j).map_err(|m| bad("job", after_field(&m)))?);
        }
        form.factors = row
            .get("factors")
            .unwrap_or_default()
            .split([';', ',', ' '])
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        Ok(form)
    }
}

/// The CSV column a form field's problem belongs to; `None` for what is not a column.
fn column_of(field: &str) -> Option<&str> {
    let column = match field {
        "patient_name" => "name",
        "date_of_birth" => "dob",
        other => other,
    };
    COLUMNS.iter().find(|c| **c == column).copied()
}

fn after_field(msg: &str) -> String {
    crate::error::after_colon(msg).to_owned()
}

/// `discharge-packet-row-NNN.pdf`: named by the row, never the patient (as the save dialog
/// never suggests a name), so the list says whose each file is.
fn file_name(row: usize) -> String {
    format!("discharge-packet-row-{row:03}.pdf")
}

/// Draws a job's documents and writes them (both or neither); its files and the packet's
/// bytes for history.
fn draw_and_write(job: &Job, which: Documents) -> Result<(BatchFile, Vec<u8>), AppError> {
    let packet =
        homeward_pdf::render(&job.plan, &job.options).map_err(crate::error::packet_error)?;
    let sheet = which
        .care_sheet
        .then(|| homeward_pdf::render_care_sheet(&job.plan, &job.options))
        .transpose()
        .map_err(crate::error::packet_error)?;
    let sheet_path = care_sheet_beside(&job.path);
    let mut files: Vec<(PathBuf, &[u8])> = vec![(job.path.clone(), &packet)];
    if let Some(bytes) = &sheet {
        files.push((sheet_path.clone(), bytes));
    }
    crate::output::write_all(&files)?;
    Ok((
        BatchFile {
            row: job.row,
            packet: job.path.display().to_string(),
            care_sheet: sheet.map(|_| sheet_path.display().to_string()),
        },
        packet,
    ))
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_carry_the_row_not_the_patient() {
        assert_eq!(file_name(2), "discharge-packet-row-002.pdf");
        assert_eq!(file_name(1000), "discharge-packet-row-1000.pdf");
    }
}
