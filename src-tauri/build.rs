//! Compiles the app's configuration (tauri.conf.json at the repository root) and its
//! capabilities into the binary.

fn main() {
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(homeward_commands()));
    if let Err(e) = tauri_build::try_build(attrs) {
        panic!("tauri-build: {e:#}");
    }
}

/// The app's own commands, so the capability file can grant exactly these.
fn homeward_commands() -> &'static [&'static str] {
    &[
        "catalog",
        "preview",
        "packet_pages",
        "care_sheet_pages",
        "save_pdf",
        "print_pdf",
        "templates",
        "save_template",
        "load_template",
        "rename_template",
        "duplicate_template",
        "delete_template",
        "export_templates",
        "import_templates",
        "settings",
        "set_setting",
        "add_surgeon",
        "remove_surgeon",
        "history",
        "reprint",
        "delete_history",
        "delete_all_history",
        "protocol_screen",
        "check_protocol_edit",
        "save_protocol_edit",
        "compare_protocol_versions",
        "restore_protocol_version",
        "approve_protocol_version",
        "translation_status",
        "record_translation_review",
        "chart_note",
        "save_fhir",
        "save_calendar",
        "choose_batch_file",
        "choose_batch_folder",
        "run_batch",
        "batch_progress",
    ]
}
