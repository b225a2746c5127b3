//! Homeward's desktop app: a thin Tauri 2 shell. Each command is a one-line call into
//! [`homeward_app::App`]; the only things done here are the ones that need the desktop:
//! native save/open dialogs, handing a PDF to the system's viewer, today's date, and where
//! the database lives. The page gets no plugin permissions (see src-tauri/capabilities).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod export_commands;
#[cfg(target_os = "linux")]
mod webkit_env;

use std::path::PathBuf;
use std::sync::Mutex;

use homeward_app::{App, AppError};

/// The app's state: the opened database, or why it could not be opened (shown in the
/// window, so a nurse sees what to do instead of a window that never appears).
pub struct Shell {
    app: Mutex<Result<App, AppError>>,
}

impl Shell {
    /// Runs `f` with the app, or returns the reason it could not be opened.
    fn with<T>(&self, f: impl FnOnce(&mut App) -> Result<T, AppError>) -> Result<T, AppError> {
        let mut guard = self
            .app
            .lock()
            .map_err(|_| AppError::message("Homeward hit an internal error; restart it"))?;
        match guard.as_mut() {
            Ok(app) => f(app),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The database: `HOMEWARD_DB` if set (as for the CLI), else the OS data folder.
fn database_path() -> Result<PathBuf, AppError> {
    if let Some(p) = std::env::var_os("HOMEWARD_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    homeward_app::default_database_path().ok_or_else(|| {
        AppError::message("no data folder for this user; set HOMEWARD_DB to a file path")
    })
}

fn main() {
    // First, before any thread exists: WebKit's processes read these when they start.
    #[cfg(target_os = "linux")]
    webkit_env::apply();
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "homeward-desktop: no display found (DISPLAY and WAYLAND_DISPLAY are unset); start it from a desktop session, or use the `homeward` command-line tool"
        );
        std::process::exit(2);
    }
    let app = database_path().and_then(|p| App::open(&p));
    let built = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(export_commands::BatchState::default())
        .manage(Shell {
            app: Mutex::new(app),
        })
        .invoke_handler(tauri::generate_handler![
            commands::catalog,
            commands::preview,
            commands::packet_pages,
            commands::care_sheet_pages,
            commands::save_pdf,
            commands::print_pdf,
            commands::templates,
            commands::save_template,
            commands::load_template,
            commands::rename_template,
            commands::duplicate_template,
            commands::delete_template,
            commands::export_templates,
            commands::import_templates,
            commands::settings,
            commands::set_setting,
            commands::add_surgeon,
            commands::remove_surgeon,
            commands::history,
            commands::reprint,
            commands::delete_history,
            commands::delete_all_history,
            commands::protocol_screen,
            commands::check_protocol_edit,
            commands::save_protocol_edit,
            commands::compare_protocol_versions,
            commands::restore_protocol_version,
            commands::approve_protocol_version,
            commands::translation_status,
            commands::record_translation_review,
            export_commands::chart_note,
            export_commands::save_fhir,
            export_commands::save_calendar,
            export_commands::choose_batch_file,
            export_commands::choose_batch_folder,
            export_commands::run_batch,
            export_commands::batch_progress,
        ])
        .setup(|app| {
            #[cfg(target_os = "linux")]
            for window in tauri::Manager::webview_windows(app).values() {
                software_rendering(window);
            }
            clear_print_folder(app.handle());
            Ok(())
        })
        .build(tauri::generate_context!());
    match built {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                clear_print_folder(handle);
            }
        }),
        Err(e) => {
            eprintln!("homeward-desktop: {e}");
            std::process::exit(1);
        }
    }
}

/// Draws the window without WebKit's accelerated compositing (its hardware acceleration
/// policy set to "never") unless `WEBKIT_DISABLE_COMPOSITING_MODE` is set, either way, in
/// which case WebKit follows the variable. A form and a few pages of text need no GPU
/// layers, and without them the page's process holds far less memory: no layer buffers and
/// no software GL drawing them (`bench/app-speed.sh`). The window's page is already loading,
/// but its process has not drawn yet, so it never composites.
#[cfg(target_os = "linux")]
fn software_rendering(window: &tauri::WebviewWindow) {
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_some() {
        return;
    }
    let set = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = set {
        eprintln!("homeward-desktop: could not turn off GPU compositing ({e}); going on");
    }
}

/// Packets written for the PDF viewer carry a patient's name: none outlives a session.
fn clear_print_folder(handle: &tauri::AppHandle) {
    if let Ok(dir) = commands::print_dir(handle) {
        let _ = homeward_app::clear_print_folder(&dir);
    }
}
