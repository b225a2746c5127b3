//! `homeward packet`: the plan flags plus who the packet is for, written as a PDF.

use std::path::PathBuf;

use clap::Args;
use homeward_pdf::{PacketError, PacketOptions, Paper};

use crate::Failure;
use crate::args::{PlanArgs, parse_date};

/// Flags for the packet.
#[derive(Args, Debug, Default, Clone)]
pub struct PacketArgs {
    /// The patient's name as it should be printed.
    #[arg(long, value_name = "NAME")]
    pub patient_name: Option<String>,
    /// Date of birth, printed on the cover.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub dob: Option<String>,
    /// Medical record number, printed on the cover.
    #[arg(long, value_name = "X")]
    pub mrn: Option<String>,
    /// The surgeon's name.
    #[arg(long, value_name = "NAME")]
    pub surgeon: Option<String>,
    /// The clinic's name.
    #[arg(long, value_name = "NAME")]
    pub clinic_name: Option<String>,
    /// The spine office's phone number.
    #[arg(long, value_name = "P")]
    pub clinic_phone: Option<String>,
    /// The after-hours phone number.
    #[arg(long, value_name = "P")]
    pub after_hours_phone: Option<String>,
    /// Paper size: letter or a4.
    #[arg(long, value_name = "SIZE")]
    pub paper: Option<String>,
    /// Large print: body text 16 pt.
    #[arg(long)]
    pub large_print: bool,
    /// The date printed in the footer; defaults to today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub printed_on: Option<String>,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
}

/// Turns a packet error into one line naming the flag. An unprintable character in the
/// protocol's own text is not the user's input, so it is reported as a failure instead.
pub fn packet_error(e: &PacketError) -> Failure {
    match e {
        PacketError::Unprintable {
            field: "protocol text",
            ..
        } => Failure::Other(anyhow::anyhow!("{e}")),
        _ => Failure::BadInput(format!("--{e}")),
    }
}

impl PacketArgs {
    /// Checks the flags and builds the options (the plan flags are checked separately).
    pub fn to_options(&self) -> Result<PacketOptions, Failure> {
        let bad = |flag: &str, msg: &str| Failure::BadInput(format!("--{flag}: {msg}"));
        let patient_name = self
            .patient_name
            .clone()
            .ok_or_else(|| bad("patient-name", "is required"))?;
        let date_of_birth = self
            .dob
            .as_deref()
            .map(|d| parse_date("dob", d))
            .transpose()?;
        let paper = match &self.paper {
            None => Paper::Letter,
            Some(p) => Paper::parse(p).map_err(|m| Failure::BadInput(format!("--{m}")))?,
        };
        let printed_on = match &self.printed_on {
            Some(d) => parse_date("printed-on", d)?,
            None => today(),
        };
        Ok(PacketOptions {
            patient_name,
            date_of_birth,
            mrn: self.mrn.clone(),
            surgeon: self.surgeon.clone(),
            clinic_name: self.clinic_name.clone(),
            clinic_phone: self.clinic_phone.clone(),
            after_hours_phone: self.after_hours_phone.clone(),
            paper,
            large_print: self.large_print,
            printed_on,
        })
    }
}

/// Today's date on this computer: the one place the CLI reads the clock.
#[allow(clippy::disallowed_methods)]
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Everything `homeward packet` needs, checked, before any work is done.
pub fn check(
    plan: &PlanArgs,
    packet: &PacketArgs,
) -> Result<(homeward_core::PlanInput, PacketOptions, PathBuf), Failure> {
    let out = packet.out.clone().ok_or_else(|| {
        Failure::BadInput("--out: is required (the PDF file to write)".to_owned())
    })?;
    let input = plan.to_input()?;
    let options = packet.to_options()?;
    if let Some(dob) = options.date_of_birth {
        if dob > input.surgery_date {
            return Err(Failure::BadInput(format!(
                "--dob: {dob} is after the surgery date {}; check both dates",
                input.surgery_date
            )));
        }
    }
    Ok((input, options, out))
}
