//! `homeward protocol …`: check and export protocol folders, and keep the clinic's protocol
//! in the database as versions (import, list, show, diff, restore, approve).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use homeward_store::{CLINIC_LAYER, DEFAULT_REVIEW_MONTHS, ProtocolVersionInfo, Store};

use crate::protocol_dir;
use crate::store_cmd::{open, store_error};
use crate::{Failure, print_json};

#[derive(Subcommand)]
pub enum ProtocolCommand {
    /// Check a protocol folder (or, with none, the protocol in use) and report the first
    /// problem, naming the file and field.
    Check {
        /// The folder to check.
        dir: Option<PathBuf>,
    },
    /// Write a protocol's files into a new folder: the clinic's version N, or else the
    /// protocol in use (the clinic's newest version, or the built-in one).
    Export {
        /// The folder to create; it must not exist yet.
        dir: PathBuf,
        /// The clinic's version to write.
        #[arg(long)]
        version: Option<i64>,
    },
    /// Save a protocol folder as the clinic's newest version, after checking it. It is in
    /// use at once, and unapproved until someone approves it.
    Import {
        /// The folder (as `protocol export` writes it).
        dir: PathBuf,
        /// Your initials.
        #[arg(long)]
        by: String,
        /// Why it changed, for the record.
        #[arg(long)]
        reason: String,
    },
    /// The clinic's versions, newest first: who saved each, when and why, and its approval.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One of the clinic's versions (default: the newest): its record, whether it is in
    /// use, and the procedures it holds with their driving and work-return days.
    Show {
        /// The version to show.
        #[arg(long)]
        version: Option<i64>,
    },
    /// What changed between two of the clinic's versions, file by file, line by line.
    Diff {
        /// The earlier version.
        from: i64,
        /// The later version.
        to: i64,
    },
    /// Save an earlier version again as the newest (in use at once, unapproved).
    Restore {
        /// The version to bring back.
        version: i64,
        /// Your initials.
        #[arg(long)]
        by: String,
    },
    /// Record that a version was approved, and when it is due for review.
    Approve {
        /// The version approved.
        version: i64,
        /// The approver's initials.
        #[arg(long)]
        by: String,
        /// The day it was approved (default: today).
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Months until it is due for review.
        #[arg(long, default_value_t = DEFAULT_REVIEW_MONTHS)]
        review_months: u32,
    },
    /// Whether a qualified medical translator has reviewed a language's text as it now
    /// prints; with --reviewer, --credential and --by, record that one has.
    Review {
        /// The language: es.
        #[arg(long, default_value = "es")]
        language: String,
        /// The translator's name.
        #[arg(long, requires_all = ["credential", "by"])]
        reviewer: Option<String>,
        /// Their qualification (e.g. CHI-Spanish, CMI-Spanish, ATA-certified).
        #[arg(long, requires_all = ["reviewer", "by"])]
        credential: Option<String>,
        /// The day the review was done (default: today).
        #[arg(long, requires = "reviewer")]
        on: Option<NaiveDate>,
        /// Your initials.
        #[arg(long, requires_all = ["reviewer", "credential"])]
        by: Option<String>,
    },
}

/// One line about a version: number, saved, by, approval, reason.
fn describe(v: &ProtocolVersionInfo, today: NaiveDate) -> String {
    let approval = match &v.approval {
        Some(a) if today >= a.review_due => {
            format!(
                "approved by {} on {}, review OVERDUE since {}",
                a.by, a.on, a.review_due
            )
        }
        Some(a) => format!(
            "approved by {} on {}, review due {}",
            a.by, a.on, a.review_due
        ),
        None => "NOT APPROVED".to_owned(),
    };
    format!(
        "version {}  saved {} by {}  {}  reason: {}",
        v.number, v.saved_at, v.saved_by, approval, v.reason
    )
}

fn version_files(store: &Store, number: i64) -> Result<BTreeMap<String, String>, Failure> {
    store
        .protocol_version(CLINIC_LAYER, Some(number))
        .map_err(store_error)?
        .map(|v| v.files)
        .ok_or_else(|| no_version(number))
}

fn no_version(number: i64) -> Failure {
    Failure::BadInput(format!("protocol: the clinic has no version {number}"))
}

/// The database to read, when it exists (commands that only read never create one).
fn reading(db: Option<&Path>) -> Result<Option<Store>, Failure> {
    protocol_dir::existing_store(db)
}

/// Runs a protocol command; `cli_protocol` is `--protocol DIR` when given.
pub fn run(
    cmd: ProtocolCommand,
    cli_protocol: Option<&Path>,
    db: Option<&Path>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match cmd {
        ProtocolCommand::Check { dir } => {
            let (p, what) = match dir {
                Some(dir) => (
                    protocol_dir::load(Some(&dir), None)?,
                    dir.display().to_string(),
                ),
                None => (
                    protocol_dir::load(cli_protocol, db)?,
                    "the protocol in use".to_owned(),
                ),
            };
            writeln!(
                out,
                "ok: {what} (version {}), {} procedures, {} factors, {} sources, {} surgeons' orders",
                p.version,
                p.procedures.len(),
                p.factors.len(),
                p.sources.len(),
                p.surgeons.len()
            )?;
            // The variation report: every timing set outside its published range.
            let (outside, ranged) = homeward_app::variations(&p);
            writeln!(
                out,
                "published ranges: {ranged} timings have one; {} set outside it{}",
                outside.len(),
                if outside.is_empty() { "" } else { ":" }
            )?;
            for v in &outside {
                writeln!(out, "  {}", homeward_app::describe_variation(v))?;
            }
        }
        ProtocolCommand::Export { dir, version } => {
            let files = match version {
                Some(n) => version_files(&reading(db)?.ok_or_else(|| no_version(n))?, n)?,
                None => protocol_dir::files_in_use(cli_protocol, db)?,
            };
            protocol_dir::export(&dir, &files)?;
            let what = version.map_or_else(
                || "the protocol in use".to_owned(),
                |n| format!("the clinic's version {n}"),
            );
            writeln!(out, "wrote {what} to {}", dir.display())?;
        }
        ProtocolCommand::Import { dir, by, reason } => {
            let files = protocol_dir::read(&dir)?;
            let p = homeward_app::protocol_of(&files).map_err(|e| {
                Failure::BadInput(format!("protocol import: {}: {}", dir.display(), e.message))
            })?;
            let mut store = open(db)?;
            let n = store
                .save_protocol_version(CLINIC_LAYER, &files, &by, &reason)
                .map_err(store_error)?;
            writeln!(
                out,
                "saved {} (version {}) as the clinic's protocol version {n}; it is in use now and not yet approved (`homeward protocol approve {n} --by INITIALS`)",
                dir.display(),
                p.version
            )?;
        }
        ProtocolCommand::List { json } => {
            let versions = open(db)?
                .protocol_versions(CLINIC_LAYER)
                .map_err(store_error)?;
            if json {
                print_json(out, &versions)?;
            } else if versions.is_empty() {
                writeln!(
                    out,
                    "the clinic has saved no protocol; the built-in one is in use"
                )?;
            } else {
                for v in &versions {
                    writeln!(out, "{}", describe(v, today))?;
                }
            }
        }
        ProtocolCommand::Show { version } => {
            let store = match (reading(db)?, version) {
                (Some(store), _) => store,
                (None, Some(n)) => return Err(no_version(n)),
                (None, None) => {
                    writeln!(
                        out,
                        "the clinic has saved no protocol; the built-in one is in use"
                    )?;
                    return Ok(());
                }
            };
            let Some(v) = store
                .protocol_version(CLINIC_LAYER, version)
                .map_err(store_error)?
            else {
                writeln!(
                    out,
                    "the clinic has saved no protocol; the built-in one is in use"
                )?;
                return Ok(());
            };
            let newest = store
                .protocol_versions(CLINIC_LAYER)
                .map_err(store_error)?
                .first()
                .map(|n| n.number);
            writeln!(out, "{}", describe(&v.info, today))?;
            writeln!(
                out,
                "{}",
                if newest == Some(v.info.number) {
                    "in use now"
                } else {
                    "not in use (restore it to use it again)"
                }
            )?;
            let p = homeward_app::protocol_of(&v.files).map_err(|e| {
                Failure::BadInput(format!(
                    "protocol show: version {}: {}",
                    v.info.number, e.message
                ))
            })?;
            writeln!(
                out,
                "protocol file version {}, {} files",
                p.version,
                v.files.len()
            )?;
            for pr in &p.procedures {
                writeln!(
                    out,
                    "  {:<20} {} phases, driving from day {}",
                    pr.id,
                    pr.phase.len(),
                    pr.driving.day
                )?;
            }
            if p.surgeons.is_empty() {
                writeln!(
                    out,
                    "no surgeon's own orders (`--surgeon` prints the name only)"
                )?;
            }
            for s in &p.surgeons {
                // Each surgeon's orders, combined, and what they set (checked when loaded).
                let ordered = p.with_surgeon(&s.id).map_err(|e| {
                    Failure::BadInput(format!("protocol show: version {}: {e}", v.info.number))
                })?;
                writeln!(out, "surgeon's orders: {} ({}), {}", s.name, s.id, s.file)?;
                for pr in &ordered.procedures {
                    let set: Vec<&str> = pr
                        .set_by
                        .iter()
                        .filter(|b| matches!(b.layer, homeward_core::Layer::Surgeon(_)))
                        .map(|b| b.field.as_str())
                        .collect();
                    if !set.is_empty() {
                        writeln!(out, "  {:<20} sets {}", pr.id, set.join(", "))?;
                    }
                }
            }
        }
        ProtocolCommand::Diff { from, to } => {
            let store = reading(db)?.ok_or_else(|| no_version(from))?;
            let changes = homeward_app::diff_files(
                &version_files(&store, from)?,
                &version_files(&store, to)?,
            );
            if changes.is_empty() {
                writeln!(out, "versions {from} and {to} hold the same files")?;
            }
            for c in changes {
                writeln!(out, "{}", c.path)?;
                for (sign, line, text) in c.lines {
                    let v = if sign == '-' { from } else { to };
                    writeln!(out, "  {sign} v{v}:{line:<4} {text}")?;
                }
            }
        }
        ProtocolCommand::Restore { version, by } => {
            let mut store = open(db)?;
            // The version must still load with this Homeward before it is put back in use.
            homeward_app::protocol_of(&version_files(&store, version)?).map_err(|e| {
                Failure::BadInput(format!(
                    "protocol restore: version {version}: {}",
                    e.message
                ))
            })?;
            let n = store
                .restore_protocol_version(CLINIC_LAYER, version, &by)
                .map_err(store_error)?;
            writeln!(
                out,
                "version {version} saved again as version {n}; it is in use now and not yet approved"
            )?;
        }
        ProtocolCommand::Approve {
            version,
            by,
            on,
            review_months,
        } => {
            let a = open(db)?
                .approve_protocol_version(
                    CLINIC_LAYER,
                    version,
                    &by,
                    on.unwrap_or(today),
                    review_months,
                )
                .map_err(store_error)?;
            writeln!(
                out,
                "version {version} approved by {} on {}; due for review {}",
                a.by, a.on, a.review_due
            )?;
        }
        ProtocolCommand::Review {
            language,
            reviewer,
            credential,
            on,
            by,
        } => {
            let p = protocol_dir::load(cli_protocol, db)?;
            if !p.languages[1..].contains(&language) {
                return Err(Failure::BadInput(format!(
                    "--language: `{language}` is not a translation in this protocol; allowed: {}",
                    p.languages[1..].join(", ")
                )));
            }
            let digest = crate::packet_cmd::texts_sha256(&p, &language);
            let mut store = open(db)?;
            if let (Some(reviewer), Some(credential), Some(by)) = (reviewer, credential, by) {
                let review = homeward_store::NewReview {
                    language: language.clone(),
                    reviewer,
                    credential,
                    reviewed_on: on.unwrap_or(today),
                    recorded_by: by,
                };
                store
                    .record_translation_review(&review, &digest, &p.version, today)
                    .map_err(store_error)?;
            }
            let s = homeward_app::review_status(&store, &digest, &language)
                .map_err(|e| Failure::BadInput(e.message))?;
            match (&s.reviewed, &s.warning) {
                (Some(r), _) => writeln!(
                    out,
                    "{language}: reviewed by {} ({}) on {}, recorded by {}; it covers the text as it prints now",
                    r.review.reviewer,
                    r.review.credential,
                    r.review.reviewed_on,
                    r.review.recorded_by
                )?,
                (None, Some(w)) => writeln!(out, "{language}: NOT REVIEWED. {w}")?,
                (None, None) => writeln!(out, "{language}: NOT REVIEWED")?,
            }
        }
    }
    Ok(())
}
