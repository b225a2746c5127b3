//! Writing the documents: saving them where the nurse says, or into the print folder for the
//! system's PDF viewer. Each file is written whole or not at all, and the packet and its
//! care-team sheet are written together or not at all; the packet is recorded in history
//! while history is on (the care-team sheet never is).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use homeward_store::PacketRecord;

use crate::packet::Documents;
use crate::{App, AppError, CaseForm};
use homeward_store::sha256_hex;

/// What the save dialog suggests for the documents chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveDialog {
    /// The file name it suggests: the surgery date, never the patient's name.
    pub file_name: String,
    /// Its title: what is being saved, and where the care-team sheet goes when both are.
    pub title: String,
}

/// The file names written for the PDF viewer start with these; [`clear_print_folder`]
/// removes them.
const PRINT_PACKET: &str = "homeward-packet-";
const PRINT_CARE_SHEET: &str = "homeward-care-team-";

impl App {
    /// Checks that the form makes the documents chosen, and says what the save dialog
    /// suggests: `discharge-packet-YYYY-MM-DD.pdf` for the packet (the care-team sheet, when
    /// chosen too, is written beside it: see [`care_sheet_beside`]), or
    /// `care-team-sheet-YYYY-MM-DD.pdf` for the sheet alone.
    ///
    /// # Errors
    /// Nothing chosen, or every field problem, as for [`App::preview`].
    pub fn save_dialog(&self, form: &CaseForm, which: Documents) -> Result<SaveDialog, AppError> {
        which.check()?;
        let preview = self.preview(form);
        let date = match (preview.plan, preview.printable) {
            (Some(plan), true) => plan.surgery_date,
            (_, _) => return Err(AppError::fields(preview.errors)),
        };
        let (name, title) = match (which.packet, which.care_sheet) {
            (false, _) => ("care-team-sheet", "Save the care-team sheet"),
            (true, false) => ("discharge-packet", "Save the patient packet"),
            (true, true) => (
                "discharge-packet",
                "Save the patient packet (the care-team sheet is saved beside it, as …-care-team.pdf)",
            ),
        };
        Ok(SaveDialog {
            file_name: format!("{name}-{date}.pdf"),
            title: title.to_owned(),
        })
    }

    /// Writes the documents chosen: the packet to `path` and the care-team sheet beside it
    /// ([`care_sheet_beside`]), or the sheet alone to `path`. Both are made before either is
    /// written; if one cannot be written, the other is taken back. The packet is recorded
    /// while history is on. Returns the paths written, the packet first.
    ///
    /// # Errors
    /// As for [`App::packet_pdf`]; nothing chosen; or a file cannot be written (nothing is
    /// left and nothing is recorded then).
    pub fn save_documents(
        &mut self,
        form: &CaseForm,
        printed_on: NaiveDate,
        which: Documents,
        path: &Path,
    ) -> Result<Vec<PathBuf>, AppError> {
        let r = self.render_documents(form, printed_on, which)?;
        let mut files = Vec::new();
        if let Some(bytes) = &r.packet {
            files.push((path.to_path_buf(), bytes.as_slice()));
        }
        if let Some(bytes) = &r.care_sheet {
            let at = if r.packet.is_some() {
                care_sheet_beside(path)
            } else {
                path.to_path_buf()
            };
            files.push((at, bytes.as_slice()));
        }
        let written = write_all(&files)?;
        self.record_written(form, r.packet.as_deref(), &r.record, &written)?;
        Ok(written)
    }

    /// Writes the documents chosen into `dir` for the system's PDF viewer to print, records
    /// the packet while history is on, and returns the paths written, the packet first.
    ///
    /// # Errors
    /// As for [`App::save_documents`].
    pub fn print_documents(
        &mut self,
        form: &CaseForm,
        printed_on: NaiveDate,
        which: Documents,
        dir: &Path,
    ) -> Result<Vec<PathBuf>, AppError> {
        let r = self.render_documents(form, printed_on, which)?;
        print_folder(dir)?;
        let mut files = Vec::new();
        if let Some(bytes) = &r.packet {
            files.push((print_name(dir, PRINT_PACKET, bytes), bytes.as_slice()));
        }
        if let Some(bytes) = &r.care_sheet {
            files.push((print_name(dir, PRINT_CARE_SHEET, bytes), bytes.as_slice()));
        }
        let written = write_all(&files)?;
        self.record_written(form, r.packet.as_deref(), &r.record, &written)?;
        Ok(written)
    }

    /// Records the packet (if one was written) while history is on. History is on but the
    /// packet could not be recorded: take the files back rather than hand out a packet
    /// history does not know (as the CLI does).
    fn record_written(
        &mut self,
        form: &CaseForm,
        packet: Option<&[u8]>,
        record: &PacketRecord,
        written: &[PathBuf],
    ) -> Result<(), AppError> {
        let Some(bytes) = packet else {
            return Ok(());
        };
        let recorded = (|| {
            if self.store.settings()?.history {
                self.store
                    .record_packet(&form.nurse, &self.protocol.version, bytes, record)?;
            }
            Ok(())
        })();
        recorded.inspect_err(|_: &AppError| remove_all(written))
    }
}

/// Where the care-team sheet is saved when the packet is saved to `packet`: beside it, as
/// `<name>-care-team.pdf` (`maria.pdf` gives `maria-care-team.pdf`).
#[must_use]
pub fn care_sheet_beside(packet: &Path) -> PathBuf {
    let name = packet
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = match name.len().checked_sub(4) {
        Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".pdf") => &name[..i],
        _ => name.as_str(),
    };
    packet.with_file_name(format!("{stem}-care-team.pdf"))
}

/// Writes each file atomically, in order. If one fails, those already written are removed,
/// so the documents are written together or not at all.
pub(crate) fn write_all(files: &[(PathBuf, &[u8])]) -> Result<Vec<PathBuf>, AppError> {
    let mut written = Vec::new();
    for (path, bytes) in files {
        if let Err(e) = homeward_store::write_file_atomic(path, bytes) {
            remove_all(&written);
            return Err(AppError::message(e));
        }
        written.push(path.clone());
    }
    Ok(written)
}

fn remove_all(paths: &[PathBuf]) {
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
}

/// Makes the print folder (owner-only: its files carry a patient's name).
fn print_folder(dir: &Path) -> Result<(), AppError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| AppError::message(format!("cannot make {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// A file for the PDF viewer in `dir`, named by its contents.
fn print_name(dir: &Path, prefix: &str, bytes: &[u8]) -> PathBuf {
    dir.join(format!("{prefix}{}.pdf", &sha256_hex(bytes)[..12]))
}

/// Writes a PDF for printing into `dir` (made owner-only), named by its contents.
pub(crate) fn print_file(dir: &Path, bytes: &[u8]) -> Result<PathBuf, AppError> {
    print_folder(dir)?;
    let path = print_name(dir, PRINT_PACKET, bytes);
    homeward_store::write_file_atomic(&path, bytes).map_err(AppError::message)?;
    Ok(path)
}

/// Removes the packets and care-team sheets written for the PDF viewer (they carry a
/// patient's name). The shell calls it when the app starts and when it quits, so they never
/// outlive a session.
///
/// # Errors
/// The folder exists but cannot be read.
pub fn clear_print_folder(dir: &Path) -> Result<usize, AppError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(AppError::message(format!(
                "cannot read {}: {e}",
                dir.display()
            )));
        }
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with(PRINT_PACKET) || name.starts_with(PRINT_CARE_SHEET))
            && name.ends_with(".pdf")
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    Ok(removed)
}
