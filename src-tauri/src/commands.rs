//! The commands the page may call: adapters from IPC to [`homeward_app::App`], with no
//! logic of their own beyond the desktop's part (dialogs, the PDF viewer, today's date).

use std::path::PathBuf;

use chrono::NaiveDate;
use homeward_app::{
    AppError, CaseForm, Catalog, Documents, FileChange, HistoryRow, ImportReport, Preview,
    ProtocolEdit, ProtocolScreen, Settings, TemplateSummary,
};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::Shell;

/// Today's date on this computer: the one place the app reads the clock (for the date
/// printed in the packet's footer).
#[allow(clippy::disallowed_methods)]
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Where packets for printing are written: a folder in the app's cache, emptied when the
/// app starts and quits.
pub fn print_dir(handle: &AppHandle) -> Result<PathBuf, AppError> {
    handle
        .path()
        .app_cache_dir()
        .map(|d| d.join("print"))
        .map_err(|e| AppError::message(format!("no cache folder for printing: {e}")))
}

/// Asks where to save a file; `None` when the nurse cancels.
pub(crate) fn ask_save_path(
    handle: &AppHandle,
    title: &str,
    name: &str,
    kind: &str,
    ext: &str,
) -> Option<PathBuf> {
    handle
        .dialog()
        .file()
        .set_title(title)
        .add_filter(kind, &[ext])
        .set_file_name(name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Hands a PDF to the system's viewer, where the nurse prints it.
fn open_in_viewer(handle: &AppHandle, path: &std::path::Path) -> Result<(), AppError> {
    handle
        .opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            AppError::message(format!(
                "could not open the PDF viewer ({e}); use Save PDF… and print the file"
            ))
        })
}

/// What the form offers.
#[tauri::command]
pub fn catalog(shell: State<'_, Shell>) -> Result<Catalog, AppError> {
    shell.with(|app| Ok(app.catalog(today())))
}

/// The plan and field errors for the form as it stands. (Async commands run off the main
/// thread, so the window never waits on the engine or the PDF.)
#[tauri::command(async)]
pub fn preview(shell: State<'_, Shell>, form: CaseForm) -> Result<Preview, AppError> {
    shell.with(|app| Ok(app.preview(&form)))
}

/// The packet's pages as SVG, for the in-app preview (drawn from the PDF's own layout).
#[tauri::command(async)]
pub fn packet_pages(shell: State<'_, Shell>, form: CaseForm) -> Result<Vec<String>, AppError> {
    shell.with(|app| app.packet_pages(&form, today()))
}

/// The care-team sheet's pages as SVG, to view in the app.
#[tauri::command(async)]
pub fn care_sheet_pages(shell: State<'_, Shell>, form: CaseForm) -> Result<Vec<String>, AppError> {
    shell.with(|app| app.care_sheet_pages(&form, today()))
}

/// Asks where to save the documents chosen (the packet, the care-team sheet, or both: then
/// once, for the packet, and the sheet goes beside it) and writes them; the paths written,
/// or `None` if cancelled.
#[tauri::command]
pub async fn save_pdf(
    handle: AppHandle,
    shell: State<'_, Shell>,
    form: CaseForm,
    documents: Documents,
) -> Result<Option<Vec<String>>, AppError> {
    // Check first, so the dialog never opens for documents that cannot be made.
    let dialog = shell.with(|app| app.save_dialog(&form, documents))?;
    let Some(path) = ask_save_path(&handle, &dialog.title, &dialog.file_name, "PDF", "pdf") else {
        return Ok(None);
    };
    let written = shell.with(|app| app.save_documents(&form, today(), documents, &path))?;
    Ok(Some(
        written.iter().map(|p| p.display().to_string()).collect(),
    ))
}

/// Writes the documents chosen for printing and opens each in the system's PDF viewer.
#[tauri::command]
pub async fn print_pdf(
    handle: AppHandle,
    shell: State<'_, Shell>,
    form: CaseForm,
    documents: Documents,
) -> Result<Vec<String>, AppError> {
    let dir = print_dir(&handle)?;
    let written = shell.with(|app| app.print_documents(&form, today(), documents, &dir))?;
    for path in &written {
        open_in_viewer(&handle, path)?;
    }
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// Templates, optionally filtered by a search.
#[tauri::command]
pub fn templates(
    shell: State<'_, Shell>,
    search: Option<String>,
) -> Result<Vec<TemplateSummary>, AppError> {
    shell.with(|app| app.templates(search))
}

/// Saves the form's case as a template.
#[tauri::command]
pub fn save_template(
    shell: State<'_, Shell>,
    name: String,
    form: CaseForm,
) -> Result<(), AppError> {
    shell.with(|app| app.save_template(&name, &form).map(drop))
}

/// A template loaded into the form.
#[tauri::command]
pub fn load_template(
    shell: State<'_, Shell>,
    name: String,
    form: CaseForm,
) -> Result<CaseForm, AppError> {
    shell.with(|app| app.load_template(&name, &form))
}

/// Renames a template.
#[tauri::command]
pub fn rename_template(
    shell: State<'_, Shell>,
    name: String,
    new_name: String,
) -> Result<(), AppError> {
    shell.with(|app| app.rename_template(&name, &new_name))
}

/// Copies a template under a new name.
#[tauri::command]
pub fn duplicate_template(
    shell: State<'_, Shell>,
    name: String,
    new_name: String,
) -> Result<(), AppError> {
    shell.with(|app| app.duplicate_template(&name, &new_name))
}

/// Deletes a template (the page asks for confirmation first).
#[tauri::command]
pub fn delete_template(shell: State<'_, Shell>, name: String) -> Result<(), AppError> {
    shell.with(|app| app.delete_template(&name))
}

/// Asks where to save, then exports every template and the settings; the count, or `None`
/// if cancelled.
#[tauri::command]
pub async fn export_templates(
    handle: AppHandle,
    shell: State<'_, Shell>,
) -> Result<Option<usize>, AppError> {
    let Some(path) = ask_save_path(
        &handle,
        "Save the templates and settings",
        "homeward-templates.json",
        "Homeward export",
        "json",
    ) else {
        return Ok(None);
    };
    shell.with(|app| app.export_templates(&path)).map(Some)
}

/// Asks for an export file, then imports it; what it did, or `None` if cancelled.
#[tauri::command]
pub async fn import_templates(
    handle: AppHandle,
    shell: State<'_, Shell>,
    on_conflict: String,
    with_settings: bool,
) -> Result<Option<ImportReport>, AppError> {
    let Some(path) = handle
        .dialog()
        .file()
        .add_filter("Homeward export", &["json"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    shell
        .with(|app| app.import_templates(&path, &on_conflict, with_settings))
        .map(Some)
}

/// The clinic settings.
#[tauri::command]
pub fn settings(shell: State<'_, Shell>) -> Result<Settings, AppError> {
    shell.with(|app| app.settings())
}

/// Sets one setting.
#[tauri::command]
pub fn set_setting(
    shell: State<'_, Shell>,
    key: String,
    value: String,
) -> Result<Settings, AppError> {
    shell.with(|app| app.set_setting(&key, &value))
}

/// Adds (or updates) a surgeon.
#[tauri::command]
pub fn add_surgeon(
    shell: State<'_, Shell>,
    name: String,
    phone: String,
    make_default: bool,
) -> Result<Settings, AppError> {
    shell.with(|app| app.add_surgeon(&name, &phone, make_default))
}

/// Removes a surgeon.
#[tauri::command]
pub fn remove_surgeon(shell: State<'_, Shell>, name: String) -> Result<Settings, AppError> {
    shell.with(|app| app.remove_surgeon(&name))
}

/// Printed packets, newest first.
#[tauri::command]
pub fn history(shell: State<'_, Shell>) -> Result<Vec<HistoryRow>, AppError> {
    shell.with(|app| app.history())
}

/// Makes a packet from history again and opens it in the system's PDF viewer.
#[tauri::command]
pub async fn reprint(handle: AppHandle, shell: State<'_, Shell>, id: i64) -> Result<(), AppError> {
    let dir = print_dir(&handle)?;
    let path = shell.with(|app| app.reprint_to(id, &dir))?;
    open_in_viewer(&handle, &path)
}

/// Deletes a packet from history.
#[tauri::command]
pub fn delete_history(shell: State<'_, Shell>, id: i64) -> Result<(), AppError> {
    shell.with(|app| app.delete_history(id))
}

/// Deletes every packet from history; how many there were.
#[tauri::command]
pub fn delete_all_history(shell: State<'_, Shell>) -> Result<usize, AppError> {
    shell.with(|app| app.delete_all_history())
}

/// The Protocol screen for a procedure in a layer (the clinic's, or a surgeon's id).
#[tauri::command(async)]
pub fn protocol_screen(
    shell: State<'_, Shell>,
    procedure: String,
    layer: String,
) -> Result<ProtocolScreen, AppError> {
    shell.with(|app| app.protocol_screen(&procedure, &layer, today()))
}

/// The screen as it would be with the lead's changes, or each change's problem.
#[tauri::command(async)]
pub fn check_protocol_edit(
    shell: State<'_, Shell>,
    edit: ProtocolEdit,
) -> Result<ProtocolScreen, AppError> {
    shell.with(|app| app.check_protocol_edit(&edit, today()))
}

/// Saves the lead's changes as a new version of the clinic's protocol; its number.
#[tauri::command]
pub fn save_protocol_edit(
    shell: State<'_, Shell>,
    edit: ProtocolEdit,
    reason: String,
) -> Result<i64, AppError> {
    shell.with(|app| app.save_protocol_edit(&edit, &reason))
}

/// What changed between two versions of the clinic's protocol.
#[tauri::command]
pub fn compare_protocol_versions(
    shell: State<'_, Shell>,
    from: i64,
    to: i64,
) -> Result<Vec<FileChange>, AppError> {
    shell.with(|app| app.compare_protocol_versions(from, to))
}

/// Saves an earlier version again as the newest; its new number.
#[tauri::command]
pub fn restore_protocol_version(
    shell: State<'_, Shell>,
    number: i64,
    by: String,
) -> Result<i64, AppError> {
    shell.with(|app| app.restore_protocol_version(number, &by))
}

/// Approves a version today, due for review after `review_months`.
#[tauri::command]
pub fn approve_protocol_version(
    shell: State<'_, Shell>,
    number: i64,
    by: String,
    review_months: u32,
) -> Result<(), AppError> {
    shell.with(|app| app.approve_protocol_version(number, &by, today(), review_months))
}

/// Whether a qualified medical translator has reviewed `language`'s text as it prints now.
#[tauri::command]
pub fn translation_status(
    shell: State<'_, Shell>,
    language: String,
) -> Result<homeward_app::TranslationStatus, AppError> {
    shell.with(|app| app.translation_status(&language))
}

/// Records a translator's review of the texts now in use.
#[tauri::command]
pub fn record_translation_review(
    shell: State<'_, Shell>,
    review: homeward_app::NewReview,
) -> Result<homeward_app::TranslationStatus, AppError> {
    shell.with(|app| app.record_translation_review(&review, today()))
}
