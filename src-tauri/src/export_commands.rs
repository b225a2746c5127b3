//! The commands that take a packet out of the app (the chart note, the FHIR Bundle, the
//! calendar file) and print an OR list: adapters to [`homeward_app::App`] plus the native
//! dialogs.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use homeward_app::{
    App, AppError, BatchOptions, BatchProgress, BatchReport, CaseForm, ChosenList, TeachingForm,
};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::Shell;
use crate::commands::{ask_save_path, today};

/// How far the running batch has got: read by [`batch_progress`] without waiting for the
/// app, which the batch holds.
#[derive(Default)]
pub struct BatchState {
    done: AtomicUsize,
    total: AtomicUsize,
}

/// The chart note for the form, to copy into the health record.
#[tauri::command(async)]
pub fn chart_note(
    shell: State<'_, Shell>,
    form: CaseForm,
    teaching: TeachingForm,
) -> Result<String, AppError> {
    shell.with(|app| app.chart_note(&form, &teaching, today()))
}

/// Asks where to save the FHIR Bundle for the chart and writes it; the path, or `None` if
/// cancelled.
#[tauri::command]
pub async fn save_fhir(
    handle: AppHandle,
    shell: State<'_, Shell>,
    form: CaseForm,
    teaching: TeachingForm,
) -> Result<Option<String>, AppError> {
    // Made first, so the dialog never opens for a packet that cannot be made.
    let bundle = shell.with(|app| app.fhir_bundle(&form, &teaching, today()))?;
    let name = format!("discharge-record-{}.json", form.surgery_date.trim());
    let Some(path) = ask_save_path(
        &handle,
        "Export for the chart (FHIR R4)",
        &name,
        "FHIR JSON",
        "json",
    ) else {
        return Ok(None);
    };
    App::save_text(&path, &bundle)?;
    Ok(Some(path.display().to_string()))
}

/// Asks where to save the patient's calendar file and writes it; the path, or `None` if
/// cancelled.
#[tauri::command]
pub async fn save_calendar(
    handle: AppHandle,
    shell: State<'_, Shell>,
    form: CaseForm,
    with_name: bool,
) -> Result<Option<String>, AppError> {
    let ics = shell.with(|app| app.calendar(&form, with_name, today()))?;
    let name = format!("recovery-dates-{}.ics", form.surgery_date.trim());
    let Some(path) = ask_save_path(
        &handle,
        "Save the patient's calendar",
        &name,
        "Calendar",
        "ics",
    ) else {
        return Ok(None);
    };
    App::save_text(&path, &ics)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for an OR list (CSV) and checks every row; `None` if cancelled.
#[tauri::command]
pub async fn choose_batch_file(
    handle: AppHandle,
    shell: State<'_, Shell>,
    nurse: String,
) -> Result<Option<ChosenList>, AppError> {
    let Some(path) = handle
        .dialog()
        .file()
        .set_title("Choose the OR list (CSV)")
        .add_filter("CSV", &["csv"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    let report = shell.with(|app| app.check_batch(&read(&path)?, &nurse, today()))?;
    Ok(Some(ChosenList {
        path: path.display().to_string(),
        report,
    }))
}

/// Asks for the folder the packets go into; `None` if cancelled.
#[tauri::command]
pub async fn choose_batch_folder(handle: AppHandle) -> Result<Option<String>, AppError> {
    Ok(handle
        .dialog()
        .file()
        .set_title("Choose the folder for the packets")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// Prints the OR list at `path` with `options`; progress is read with [`batch_progress`].
#[tauri::command]
pub async fn run_batch(
    shell: State<'_, Shell>,
    state: State<'_, BatchState>,
    path: String,
    options: BatchOptions,
) -> Result<BatchReport, AppError> {
    let csv = read(&PathBuf::from(&path))?;
    state.done.store(0, Ordering::Relaxed);
    state.total.store(0, Ordering::Relaxed);
    shell.with(|app| {
        app.run_batch(&csv, &options, today(), &mut |done, total| {
            state.total.store(total, Ordering::Relaxed);
            state.done.store(done, Ordering::Relaxed);
        })
    })
}

/// How far the running batch has got.
#[tauri::command]
pub fn batch_progress(state: State<'_, BatchState>) -> BatchProgress {
    BatchProgress {
        done: state.done.load(Ordering::Relaxed),
        total: state.total.load(Ordering::Relaxed),
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, AppError> {
    std::fs::read(path)
        .map_err(|e| AppError::message(format!("cannot read {}: {e}", path.display())))
}
