//! `homeward template …`, `homeward settings …` and `homeward history …`: thin commands
//! over the store. The store checks everything; this module parses flags and prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use homeward_core::Protocol;
use homeward_store::{ListQuery, OnConflict, Store, StoreError, TemplateInput};

use crate::Failure;
use crate::args::PlanArgs;

/// Opens the database: `--db`, else `HOMEWARD_DB`, else the OS data directory.
pub fn open(db: Option<&Path>) -> Result<Store, Failure> {
    let path: PathBuf = match db {
        Some(p) => p.to_owned(),
        None => homeward_store::default_path().ok_or_else(|| Failure::BadInput("--db: this computer has no data folder; give a database path with --db or HOMEWARD_DB".to_owned()))?,
    };
    Store::open(&path).map_err(store_error)
}

/// Store errors the user can act on are bad input (exit 2); a failing database is not.
pub fn store_error(e: StoreError) -> Failure {
    match e {
        StoreError::Sqlite(_) | StoreError::Json(_) | StoreError::Open { .. } => {
            Failure::Other(anyhow::anyhow!("{e}"))
        }
        _ => Failure::BadInput(e.to_string()),
    }
}

/// Template commands.
#[derive(Subcommand)]
pub enum TemplateCommand {
    /// Save the case described by the plan flags as a template (no dates, no patient).
    Save {
        /// The template's name (unique, ignoring case).
        name: String,
        #[command(flatten)]
        plan: Box<PlanArgs>,
        /// Replace a template of the same name.
        #[arg(long)]
        replace: bool,
    },
    /// List templates by name.
    List {
        /// Only templates whose name or procedure contains these words.
        #[arg(long, value_name = "WORDS")]
        search: Option<String>,
        /// Only this procedure.
        #[arg(long, value_name = "ID")]
        procedure: Option<String>,
        /// At most this many.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one template.
    Show {
        /// Its name.
        name: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rename a template.
    Rename {
        /// Its name now.
        name: String,
        /// The new name.
        new_name: String,
    },
    /// Copy a template under a new name.
    Duplicate {
        /// The template to copy.
        name: String,
        /// The copy's name.
        new_name: String,
    },
    /// Delete a template.
    Delete {
        /// Its name.
        name: String,
    },
    /// Write every template and the clinic settings to a JSON file, to share.
    Export {
        /// The file to write.
        file: PathBuf,
    },
    /// Read templates (and, if asked, settings) from an export file. Checks everything
    /// first; changes nothing if any entry is invalid.
    Import {
        /// The file to read.
        file: PathBuf,
        /// When a name exists: fail (change nothing), skip, replace or rename.
        #[arg(long, value_name = "WHAT", default_value = "fail")]
        on_conflict: String,
        /// Also replace the clinic settings and surgeons with the file's.
        #[arg(long)]
        with_settings: bool,
    },
}

/// Settings commands.
#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Show every setting.
    Show {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set one: clinic-name, clinic-phone, after-hours-phone, office-hours, paper,
    /// large-print, history, default-surgeon.
    Set {
        /// The setting.
        key: String,
        /// Its value ("" clears a text setting).
        value: String,
    },
    /// Add a surgeon, or change one's phone.
    AddSurgeon {
        /// The name as printed.
        name: String,
        /// A direct phone number.
        #[arg(long, value_name = "P")]
        phone: Option<String>,
        /// Make this surgeon the default.
        #[arg(long)]
        default: bool,
    },
    /// Remove a surgeon.
    RemoveSurgeon {
        /// The name.
        name: String,
    },
}

/// History commands.
#[derive(Subcommand)]
pub enum HistoryCommand {
    /// List printed packets, newest first.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a packet from history again, exactly as it was made.
    Reprint {
        /// The packet's id (see `history list`).
        id: i64,
        /// Where to write the PDF.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Delete one packet, or all of them.
    Delete {
        /// The packet's id.
        id: Option<i64>,
        /// Delete every packet.
        #[arg(long, conflicts_with = "id")]
        all: bool,
    },
}

/// Runs a template command.
pub fn template(
    cmd: TemplateCommand,
    db: Option<&Path>,
    protocol: &Protocol,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = open(db)?;
    match cmd {
        TemplateCommand::Save {
            name,
            plan,
            replace,
        } => {
            let surgeon = plan.surgeon.clone();
            let parts = plan.case_parts()?;
            let procedure = parts.procedure.ok_or_else(|| {
                Failure::BadInput(
                    "--procedure: is required; see `homeward procedures` for the ids".to_owned(),
                )
            })?;
            let input = TemplateInput {
                name: name.clone(),
                procedure,
                levels: parts.levels,
                factors: parts.factors,
                job: parts.job,
                surgeon,
                edits: Vec::new(),
                language: parts.language,
            };
            let exists = store.template(&name).map_err(store_error)?;
            let saved = match exists {
                Some(old) if replace => {
                    // Keep the nurse's text edits when the procedure stays the same; they
                    // name lines of that procedure's plan, so a new procedure drops them.
                    let edits = if old.input.procedure == input.procedure {
                        old.input.edits
                    } else {
                        Vec::new()
                    };
                    let input = TemplateInput { edits, ..input };
                    store.update_template(protocol, &name, &input)
                }
                _ => store.create_template(protocol, &input),
            }
            .map_err(store_error)?;
            writeln!(out, "saved template `{}`", saved.input.name)?;
        }
        TemplateCommand::List {
            search,
            procedure,
            limit,
            json: as_json,
        } => {
            let rows = store
                .list_templates(&ListQuery {
                    search,
                    procedure,
                    limit,
                })
                .map_err(store_error)?;
            if as_json {
                crate::print_json(out, &rows)?;
            } else {
                for r in rows {
                    let levels = r.levels.map(|l| l.to_string()).unwrap_or_default();
                    let job = r.job.map(|j| j.id()).unwrap_or("");
                    writeln!(
                        out,
                        "{:<40} {:<20} {:>2} {:<10} {}",
                        r.name,
                        r.procedure,
                        levels,
                        job,
                        r.surgeon.unwrap_or_default()
                    )?;
                }
            }
        }
        TemplateCommand::Show {
            name,
            json: as_json,
        } => {
            let t = store.template(&name).map_err(store_error)?.ok_or_else(|| {
                Failure::BadInput(format!("template: no template named `{name}`"))
            })?;
            if as_json {
                crate::print_json(out, &t)?;
            } else {
                let i = &t.input;
                writeln!(out, "name:       {}", i.name)?;
                writeln!(out, "procedure:  {}", i.procedure)?;
                writeln!(
                    out,
                    "levels:     {}",
                    i.levels
                        .map_or("(procedure default)".to_owned(), |l| l.to_string())
                )?;
                writeln!(
                    out,
                    "factors:    {}",
                    i.factors.iter().cloned().collect::<Vec<_>>().join(", ")
                )?;
                writeln!(out, "job:        {}", i.job.map_or("", |j| j.id()))?;
                writeln!(out, "surgeon:    {}", i.surgeon.as_deref().unwrap_or(""))?;
                writeln!(out, "text edits: {}", i.edits.len())?;
                writeln!(out, "created:    {}", t.created_at)?;
                writeln!(out, "updated:    {}", t.updated_at)?;
            }
        }
        TemplateCommand::Rename { name, new_name } => {
            store
                .rename_template(&name, &new_name)
                .map_err(store_error)?;
            writeln!(out, "renamed `{name}` to `{new_name}`")?;
        }
        TemplateCommand::Duplicate { name, new_name } => {
            store
                .duplicate_template(&name, &new_name)
                .map_err(store_error)?;
            writeln!(out, "copied `{name}` to `{new_name}`")?;
        }
        TemplateCommand::Delete { name } => {
            store.delete_template(&name).map_err(store_error)?;
            writeln!(out, "deleted template `{name}`")?;
        }
        TemplateCommand::Export { file } => {
            let data = store.export(&protocol.version).map_err(store_error)?;
            let text = serde_json::to_string_pretty(&data).map_err(anyhow::Error::from)? + "\n";
            crate::atomic::write("file", &file, text.as_bytes())?;
            writeln!(
                out,
                "exported {} templates to {}",
                data.templates.len(),
                file.display()
            )?;
        }
        TemplateCommand::Import {
            file,
            on_conflict,
            with_settings,
        } => {
            let policy =
                OnConflict::parse(&on_conflict).map_err(|m| Failure::BadInput(format!("--{m}")))?;
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Failure::BadInput(format!("import: cannot read {}: {e}", file.display()))
            })?;
            let r = store
                .import(&text, protocol, policy, with_settings)
                .map_err(store_error)?;
            writeln!(
                out,
                "imported: {} added, {} replaced, {} skipped, {} renamed{}",
                r.added.len(),
                r.replaced.len(),
                r.skipped.len(),
                r.renamed.len(),
                if r.settings {
                    "; settings replaced"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}

/// Runs a settings command.
pub fn settings(
    cmd: SettingsCommand,
    db: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = open(db)?;
    let s = match cmd {
        SettingsCommand::Show { json: true } => {
            return crate::print_json(out, &store.settings().map_err(store_error)?);
        }
        SettingsCommand::Show { json: false } => store.settings(),
        SettingsCommand::Set { key, value } => store.set_setting(&key, &value),
        SettingsCommand::AddSurgeon {
            name,
            phone,
            default,
        } => store.add_surgeon(&name, phone.as_deref(), default),
        SettingsCommand::RemoveSurgeon { name } => store.remove_surgeon(&name),
    }
    .map_err(store_error)?;
    let on = |b: bool| if b { "on" } else { "off" };
    writeln!(
        out,
        "clinic-name        {}",
        s.clinic_name.as_deref().unwrap_or("")
    )?;
    writeln!(
        out,
        "clinic-phone       {}",
        s.clinic_phone.as_deref().unwrap_or("")
    )?;
    writeln!(
        out,
        "after-hours-phone  {}",
        s.after_hours_phone.as_deref().unwrap_or("")
    )?;
    writeln!(
        out,
        "office-hours       {}",
        s.office_hours.as_deref().unwrap_or("")
    )?;
    writeln!(out, "paper              {}", s.paper)?;
    writeln!(out, "large-print        {}", on(s.large_print))?;
    writeln!(out, "history            {}", on(s.history))?;
    for sg in &s.surgeons {
        writeln!(
            out,
            "surgeon            {}{}{}",
            sg.name,
            sg.phone
                .as_deref()
                .map(|p| format!("  {p}"))
                .unwrap_or_default(),
            if sg.is_default { "  (default)" } else { "" }
        )?;
    }
    writeln!(out, "database           {}", store.path().display())?;
    Ok(())
}

/// Runs a history command.
pub fn history(cmd: HistoryCommand, db: Option<&Path>, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = open(db)?;
    match cmd {
        HistoryCommand::List { json: as_json } => {
            let rows = store.history().map_err(store_error)?;
            if as_json {
                crate::print_json(out, &rows)?;
            } else {
                for e in rows {
                    writeln!(
                        out,
                        "{:>5}  {}  {:<5} {:<20} {}  {}",
                        e.id,
                        e.printed_at,
                        e.nurse_initials,
                        e.record.plan.procedure,
                        e.record.plan.surgery_date,
                        e.record.patient_name
                    )?;
                }
            }
        }
        HistoryCommand::Reprint { id, out: path } => {
            let e = store.history_entry(id).map_err(store_error)?;
            let bytes =
                homeward_app::reprint(&store, id).map_err(|e| Failure::BadInput(e.message))?;
            crate::atomic::write("out", &path, &bytes)?;
            writeln!(
                out,
                "wrote {}, as printed {} with protocol {}",
                path.display(),
                e.printed_at,
                e.protocol_version
            )?;
        }
        HistoryCommand::Delete { id, all } => match (id, all) {
            (_, true) => writeln!(
                out,
                "deleted {} packets",
                store.delete_all_history().map_err(store_error)?
            )?,
            (Some(id), false) => {
                store.delete_history(id).map_err(store_error)?;
                writeln!(out, "deleted packet {id}")?;
            }
            (None, false) => {
                return Err(Failure::BadInput(
                    "history delete: give a packet id, or --all".to_owned(),
                ));
            }
        },
    }
    Ok(())
}
