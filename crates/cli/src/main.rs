//! `homeward`: the Homeward engine from the command line.
//!
//! Every subcommand reads its input, calls the library crates, and writes one result. Bad
//! input prints one line naming the flag and what is allowed, exits with status 2, and
//! writes nothing else.

#![forbid(unsafe_code)]

mod args;
mod atomic;
mod batch_cmd;
mod packet_cmd;
mod protocol_cmd;
mod protocol_dir;
mod store_cmd;
mod text_output;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use args::PlanArgs;

/// Exit status for input the user can fix.
const EXIT_BAD_INPUT: u8 = 2;
/// Exit status for everything else (a broken protocol folder, an IO failure).
const EXIT_FAILURE: u8 = 1;

#[derive(Parser)]
#[command(name = "homeward", version, about = "Spine-surgery discharge plans and packets", long_about = None)]
struct Cli {
    /// Use the protocol in this folder instead of the built-in default (see `homeward protocol export`).
    #[arg(long, global = true, value_name = "DIR", env = "HOMEWARD_PROTOCOL")]
    protocol: Option<std::path::PathBuf>,
    /// The database file (default: the OS data folder, e.g. ~/.local/share/homeward/homeward.db).
    #[arg(long, global = true, value_name = "PATH", env = "HOMEWARD_DB")]
    db: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the procedures: ids and names.
    Procedures {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List the risk factors: ids, the flag that sets each, and the patient's reason.
    Factors {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Build a dated recovery plan.
    Plan {
        #[command(flatten)]
        plan: PlanArgs,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Build the plan and write the discharge packet as a PDF.
    Packet {
        #[command(flatten)]
        plan: Box<PlanArgs>,
        #[command(flatten)]
        packet: Box<packet_cmd::PacketArgs>,
    },
    /// Print packets for a whole operating list: a CSV file with one patient per row.
    Batch(Box<batch_cmd::BatchArgs>),
    /// Saved cases: save, list, show, rename, duplicate, delete, export, import.
    #[command(subcommand)]
    Template(store_cmd::TemplateCommand),
    /// Clinic settings and surgeons.
    #[command(subcommand)]
    Settings(store_cmd::SettingsCommand),
    /// Printed packets, kept only while packet history is on.
    #[command(subcommand)]
    History(store_cmd::HistoryCommand),
    /// The clinic's protocol: check and export folders; import, list, diff, restore and
    /// approve the clinic's versions.
    #[command(subcommand)]
    Protocol(protocol_cmd::ProtocolCommand),
}

/// An error and how the process should exit.
pub(crate) enum Failure {
    /// Input the user can fix; the message names the field.
    BadInput(String),
    /// Anything else.
    Other(anyhow::Error),
    /// Some of the work failed and was reported already (a batch's bad rows).
    Reported,
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Other(e.into())
    }
}

/// Clap's message on one line: its first line, and its tip when there is one.
fn one_line(rendered: &str) -> String {
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("error: bad arguments").to_owned();
    match lines.find(|l| l.starts_with("tip:")) {
        Some(tip) => format!("{first} ({tip})"),
        None => first,
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // `homeward` alone, or a command group without its subcommand: the usage is
            // the answer, but nothing was done.
            let _ = e.print();
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        Err(e) if !e.use_stderr() => {
            // --help and --version: print them whole.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // A flag clap refuses is bad input like any other: one line naming the flag
            // (with clap's suggestion when it has one), exit status 2, nothing on stdout.
            eprintln!("{}", one_line(&e.render().to_string()));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
        Err(Failure::Reported) => ExitCode::from(EXIT_FAILURE),
        Err(Failure::Other(e)) => {
            // A closed pipe (`homeward plan … | head`) is not an error worth reporting.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Writes `v` as pretty JSON and a newline: the one way every `--json` prints.
pub(crate) fn print_json(out: &mut dyn Write, v: &impl serde::Serialize) -> Result<(), Failure> {
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(v).map_err(anyhow::Error::from)?
    )?;
    Ok(())
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let protocol = || protocol_dir::load(cli.protocol.as_deref(), cli.db.as_deref());
    match cli.command {
        Command::Procedures { json } => {
            let p = protocol()?;
            if json {
                let list: Vec<_> = p
                    .procedures
                    .iter()
                    .map(|pr| {
                        serde_json::json!({
                            "id": pr.id,
                            "name": pr.name.get("en"),
                            "patient_name": pr.patient_name.get("en"),
                            "region": pr.region,
                            "kind": pr.kind,
                            "evidence": pr.evidence,
                            "levels": { "min": pr.levels.min, "max": pr.levels.max, "default": pr.levels.default, "noun": pr.levels.noun.get("en") },
                        })
                    })
                    .collect();
                print_json(out, &list)?;
            } else {
                text_output::procedures(out, &p)?;
            }
        }
        Command::Factors { json } => {
            let p = protocol()?;
            if json {
                let list: Vec<_> = p
                    .factors
                    .iter()
                    .map(|f| serde_json::json!({ "id": f.id, "flag": args::flag_for_factor(&f.id), "label": f.label.get("en"), "why": f.why.iter().map(|w| serde_json::json!({ "text": w.text.get("en"), "when": w.when })).collect::<Vec<_>>(), "source": f.source }))
                    .collect();
                print_json(out, &list)?;
            } else {
                text_output::factors(out, &p)?;
            }
        }
        Command::Plan { plan, json } => {
            let p = protocol()?;
            let (ordered, _) = packet_cmd::surgeon_of(&p, plan.surgeon.clone())?;
            // Said on stderr, so `--json` stays one JSON document.
            if let Some(note) =
                packet_cmd::orders_note(&p, ordered.as_ref(), plan.surgeon.as_deref())
            {
                eprintln!("{note}");
            }
            let p = ordered.unwrap_or(p);
            let input = plan.to_input()?;
            let plan = homeward_core::plan(&p, &input)
                .map_err(|e| Failure::BadInput(args::flag_error(&e)))?;
            if json {
                print_json(out, &plan)?;
            } else {
                text_output::plan(out, &plan)?;
            }
        }
        Command::Packet { plan, packet } => {
            let p = protocol()?;
            let mut store = store_cmd::open(cli.db.as_deref())?;
            // Where the protocol came from, for the care-team sheet and the footer.
            let origin = match &cli.protocol {
                Some(dir) => homeward_pdf::ProtocolOrigin::Folder(dir.display().to_string()),
                None => store
                    .protocol_version(homeward_store::CLINIC_LAYER, None)
                    .map_err(store_cmd::store_error)?
                    .map_or(homeward_pdf::ProtocolOrigin::BuiltIn, |v| {
                        homeward_pdf::ProtocolOrigin::Clinic(homeward_app::review_of(&v.info))
                    }),
            };
            let made = packet_cmd::make(&p, origin, &store, &plan, &packet)?;
            atomic::write("out", &made.out, &made.bytes)?;
            // Every file or none: take back what was written when one fails.
            let take_back = |upto: usize| {
                let _ = std::fs::remove_file(&made.out);
                for e in &made.extras[..upto] {
                    let _ = std::fs::remove_file(&e.path);
                }
            };
            for (i, e) in made.extras.iter().enumerate() {
                if let Err(err) = atomic::write(e.flag, &e.path, &e.bytes) {
                    take_back(i);
                    return Err(err);
                }
            }
            let recorded = match &packet.nurse {
                Some(nurse) => {
                    match store.record_packet(nurse, &p.version, &made.bytes, &made.record) {
                        Ok(id) => id,
                        Err(e) => {
                            // History is on but the packet could not be recorded: take the
                            // file back rather than hand out a packet history does not know.
                            take_back(made.extras.len());
                            return Err(store_cmd::store_error(e));
                        }
                    }
                }
                None => None,
            };
            writeln!(
                out,
                "wrote {} ({} KB)",
                made.out.display(),
                made.bytes.len().div_ceil(1024)
            )?;
            for e in &made.extras {
                writeln!(
                    out,
                    "wrote {} ({} KB), {}",
                    e.path.display(),
                    e.bytes.len().div_ceil(1024),
                    e.what
                )?;
            }
            if let Some(id) = recorded {
                writeln!(out, "recorded in packet history as {id}")?;
            }
            if let Some(note) = &made.note {
                writeln!(out, "{note}")?;
            }
        }
        Command::Batch(args) => {
            if !batch_cmd::run(&args, cli.db.as_deref(), cli.protocol.as_deref(), out)? {
                return Err(Failure::Reported);
            }
        }
        Command::Template(cmd) => store_cmd::template(cmd, cli.db.as_deref(), &protocol()?, out)?,
        Command::Settings(cmd) => store_cmd::settings(cmd, cli.db.as_deref(), out)?,
        // History needs no protocol: it hands back the packets as printed.
        Command::History(cmd) => store_cmd::history(cmd, cli.db.as_deref(), out)?,
        Command::Protocol(cmd) => protocol_cmd::run(
            cmd,
            cli.protocol.as_deref(),
            cli.db.as_deref(),
            packet_cmd::today(),
            out,
        )?,
    }
    Ok(())
}
