//! `homeward batch FILE.csv --out-dir DIR`: a packet for every patient of an operating list.
//! Every row is checked first; the bad ones are listed on stderr by row and column, the good
//! ones printed; a progress bar on a terminal; a summary at the end; exit status 1 when any
//! row failed.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use homeward_app::{App, BatchOptions, BatchReport};

use crate::Failure;
use crate::args::parse_date;

/// Flags for `homeward batch`.
#[derive(Args, Debug)]
pub struct BatchArgs {
    /// The operating list as CSV (UTF-8). Its first row names the columns: name,
    /// surgery_date, and procedure or template are required; dob, mrn, levels, factors
    /// (ids separated by `;`), job, discharge_date, surgeon and language are optional.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The folder to write the packets into (made when missing): `discharge-packet-row-NNN.pdf`, by
    /// the list's row (never the patient's name).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also write each patient's care-team sheet beside their packet.
    #[arg(long)]
    pub care_sheets: bool,
    /// Check every row and list the problems; write nothing.
    #[arg(long)]
    pub check: bool,
    /// Your initials, recorded with each packet while packet history is on.
    #[arg(long, value_name = "INITIALS")]
    pub nurse: Option<String>,
    /// The date printed in every footer; defaults to today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub printed_on: Option<String>,
}

/// Runs the batch. `Ok(false)` when some row failed (already reported on stderr).
pub fn run(
    args: &BatchArgs,
    db: Option<&Path>,
    protocol: Option<&Path>,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    if protocol.is_some() {
        return Err(Failure::BadInput(
            "--protocol: a batch prints with the clinic's protocol; import the folder first (`homeward protocol import DIR`)".to_owned(),
        ));
    }
    let printed_on = match &args.printed_on {
        Some(d) => parse_date("printed-on", d)?,
        None => crate::packet_cmd::today(),
    };
    let out_dir = match (&args.out_dir, args.check) {
        (Some(d), _) => d.display().to_string(),
        (None, true) => String::new(),
        (None, false) => {
            return Err(Failure::BadInput(
                "--out-dir: is required (the folder for the packets), or use --check".to_owned(),
            ));
        }
    };
    let csv = std::fs::read(&args.file).map_err(|e| {
        Failure::BadInput(format!(
            "FILE.csv: cannot read {}: {e}",
            args.file.display()
        ))
    })?;
    let path = match db {
        Some(p) => p.to_owned(),
        None => homeward_app::default_database_path().ok_or_else(|| {
            Failure::BadInput(
                "--db: this computer has no data folder; give a database path with --db or HOMEWARD_DB".to_owned(),
            )
        })?,
    };
    let mut app = App::open(&path).map_err(|e| Failure::Other(anyhow::anyhow!("{e}")))?;
    let nurse = args.nurse.clone().unwrap_or_default();
    let bad = |e: homeward_app::AppError| Failure::BadInput(e.message);
    let report = if args.check {
        app.check_batch(&csv, &nurse, printed_on).map_err(bad)?
    } else {
        let options = BatchOptions {
            out_dir,
            care_sheets: args.care_sheets,
            nurse,
        };
        let mut bar = Bar::new();
        let r = app
            .run_batch(&csv, &options, printed_on, &mut |done, total| {
                bar.show(done, total);
            })
            .map_err(bad)?;
        bar.finish();
        r
    };
    summary(&report, args.check, out)?;
    Ok(report.errors.is_empty())
}

/// The bad rows on stderr, one line each, then the summary on stdout.
fn summary(r: &BatchReport, check: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let mut err = std::io::stderr().lock();
    for e in &r.errors {
        writeln!(err, "error: {e}")?;
    }
    let failed = {
        let mut rows: Vec<usize> = r.errors.iter().map(|e| e.row).collect();
        rows.dedup();
        rows.len()
    };
    if check {
        writeln!(
            out,
            "checked {} rows: {} would print, {failed} with problems",
            r.rows,
            r.rows - failed
        )?;
    } else {
        writeln!(
            out,
            "printed {} of {} rows; {failed} not printed{}",
            r.written.len(),
            r.rows,
            if failed > 0 { " (listed above)" } else { "" }
        )?;
        for f in &r.written {
            match &f.care_sheet {
                Some(s) => writeln!(out, "row {}: {} and {s}", f.row, f.packet)?,
                None => writeln!(out, "row {}: {}", f.row, f.packet)?,
            }
        }
    }
    Ok(())
}

/// A progress bar on stderr, drawn only on a terminal and only for lists long enough to
/// wait for.
struct Bar {
    on: bool,
    drawn: usize,
}

impl Bar {
    fn new() -> Bar {
        Bar {
            on: std::io::stderr().is_terminal(),
            drawn: usize::MAX,
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        const WIDTH: usize = 30;
        if !self.on || total < 20 {
            return;
        }
        let filled = done * WIDTH / total.max(1);
        if filled == self.drawn && done != total {
            return;
        }
        self.drawn = filled;
        let _ = write!(
            std::io::stderr(),
            "\r[{}{}] {done}/{total} packets",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled)
        );
    }

    fn finish(&self) {
        if self.on && self.drawn != usize::MAX {
            let _ = writeln!(std::io::stderr());
        }
    }
}
