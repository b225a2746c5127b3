//! `homeward packet`: the plan flags plus who the packet is for, written as a PDF.

use std::path::PathBuf;

use clap::Args;
use homeward_pdf::{PacketError, PacketOptions, Paper, ProtocolOrigin};

use homeward_core::Protocol;
use homeward_store::{PacketRecord, Settings, Store};

use crate::Failure;
use crate::args::{CaseParts, PlanArgs, parse_date};

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
    /// The clinic's name.
    #[arg(long, value_name = "NAME")]
    pub clinic_name: Option<String>,
    /// The spine office's phone number.
    #[arg(long, value_name = "P")]
    pub clinic_phone: Option<String>,
    /// The after-hours phone number.
    #[arg(long, value_name = "P")]
    pub after_hours_phone: Option<String>,
    /// The office's hours, printed in the "call the office" box (default: the clinic
    /// setting), e.g. "Mon-Fri 8 am to 5 pm".
    #[arg(long, value_name = "TEXT")]
    pub office_hours: Option<String>,
    /// Paper size: letter or a4 (default: the clinic setting).
    #[arg(long, value_name = "SIZE")]
    pub paper: Option<String>,
    /// Large print: body text 16 pt (default: the clinic setting).
    #[arg(long)]
    pub large_print: bool,
    /// The date printed in the footer; defaults to today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub printed_on: Option<String>,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
    /// Also write the care-team sheet (for the nurse and the chart, not the patient) here.
    #[arg(long, value_name = "FILE.pdf")]
    pub care_sheet: Option<PathBuf>,
    /// Also write the packet for the chart: a FHIR R4 Bundle (the patient, the care plan,
    /// the packet and the care-team sheet as PDFs, and a record of the teaching).
    #[arg(long, value_name = "FILE.json")]
    pub fhir: Option<PathBuf>,
    /// Also write the chart note: the education summary as plain text to paste into the
    /// health record.
    #[arg(long, value_name = "FILE.txt")]
    pub chart_note: Option<PathBuf>,
    /// Also write the patient's dates as a calendar file for their phone (no name in it
    /// unless --ics-with-name).
    #[arg(long, value_name = "FILE.ics")]
    pub ics: Option<PathBuf>,
    /// Put the patient's name in the calendar file's name.
    #[arg(long)]
    pub ics_with_name: bool,
    /// How the teach-back went, for the chart note and the FHIR record: complete, partial
    /// or not-done.
    #[arg(long, value_name = "RESULT")]
    pub teach_back: Option<String>,
    /// The interpreter who helped teach (name or ID number), for the chart note and the
    /// FHIR record.
    #[arg(long, value_name = "NAME")]
    pub interpreter: Option<String>,
    /// Start from this saved template (flags given here override it).
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Your initials, recorded with the packet while packet history is on.
    #[arg(long, value_name = "INITIALS")]
    pub nurse: Option<String>,
}

/// Turns a packet error into one line naming the flag. An unprintable character in the
/// protocol's own text is not the user's input, so it is reported as a failure instead.
pub fn packet_error(e: &PacketError) -> Failure {
    match e {
        PacketError::Unprintable {
            field: "protocol text",
            ..
        } => Failure::Other(anyhow::anyhow!("{e}")),
        PacketError::Required { field: "clinic-phone" } => Failure::BadInput("--clinic-phone: is required: the packet tells the patient whom to call (set it once with `homeward settings set clinic-phone NUMBER`)".to_owned()),
        _ => Failure::BadInput(format!("--{e}")),
    }
}

impl PacketArgs {
    /// Checks the flags and builds the options. A value not given on the command line comes
    /// from `settings` (clinic, phones, paper, large print); `surgeon` is the one the plan
    /// follows (see [`surgeon_of`]).
    pub fn to_options(
        &self,
        settings: &Settings,
        surgeon: Option<String>,
    ) -> Result<PacketOptions, Failure> {
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
        let paper = Paper::parse(self.paper.as_deref().unwrap_or(&settings.paper))
            .map_err(|m| Failure::BadInput(format!("--{m}")))?;
        let printed_on = match &self.printed_on {
            Some(d) => parse_date("printed-on", d)?,
            None => today(),
        };
        Ok(PacketOptions {
            patient_name,
            date_of_birth,
            mrn: self.mrn.clone(),
            surgeon,
            clinic_name: self
                .clinic_name
                .clone()
                .or_else(|| settings.clinic_name.clone()),
            clinic_phone: self
                .clinic_phone
                .clone()
                .or_else(|| settings.clinic_phone.clone()),
            after_hours_phone: self
                .after_hours_phone
                .clone()
                .or_else(|| settings.after_hours_phone.clone()),
            office_hours: self
                .office_hours
                .clone()
                .or_else(|| settings.office_hours.clone()),
            paper,
            large_print: self.large_print || settings.large_print,
            printed_on,
            // Set by the caller, which knows where the protocol came from.
            protocol: ProtocolOrigin::BuiltIn,
            translation_review: None,
        })
    }
}

/// Today's date on this computer: the one place the CLI reads the clock.
#[allow(clippy::disallowed_methods)]
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A packet ready to write: the PDF bytes and, for the history, what made them.
pub struct Made {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Inputs, for re-printing from history.
    pub record: PacketRecord,
    /// Where to write it.
    pub out: PathBuf,
    /// The other files asked for, in the order they are written: the care-team sheet, the
    /// FHIR Bundle, the chart note, the calendar.
    pub extras: Vec<Extra>,
    /// A note for the nurse: the surgeon named has no orders of their own in a protocol
    /// that holds some.
    pub note: Option<String>,
}

/// A file written beside the packet.
pub struct Extra {
    /// The flag its path came from.
    pub flag: &'static str,
    /// What it is, for the line that reports it.
    pub what: &'static str,
    /// Where to write it.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The protocol with the orders of the surgeon named `name`, when it has them, and the name
/// to print: the surgeon's own, as their orders spell it, when they matched.
///
/// # Errors
/// The surgeon's orders do not combine with the protocol (checked when it loaded, so only a
/// protocol changed since).
pub fn surgeon_of(
    protocol: &Protocol,
    name: Option<String>,
) -> Result<(Option<Protocol>, Option<String>), Failure> {
    let ordered = protocol
        .ordered_by(name.as_deref())
        .map_err(|e| Failure::BadInput(format!("--surgeon: {e}")))?;
    let name = ordered
        .as_ref()
        .and_then(|p| p.surgeon.as_ref())
        .map(|s| s.name.clone())
        .or(name);
    Ok((ordered, name))
}

/// Builds the packet for `homeward packet`: the template (if any) and the settings fill in
/// what the flags leave out. Everything is checked before anything is written.
pub fn make(
    protocol: &Protocol,
    origin: ProtocolOrigin,
    store: &Store,
    plan_args: &PlanArgs,
    args: &PacketArgs,
) -> Result<Made, Failure> {
    let out = args.out.clone().ok_or_else(|| {
        Failure::BadInput("--out: is required (the PDF file to write)".to_owned())
    })?;
    let settings = store.settings().map_err(crate::store_cmd::store_error)?;
    let template = match &args.template {
        None => None,
        Some(name) => Some(
            store
                .template(name)
                .map_err(crate::store_cmd::store_error)?
                .ok_or_else(|| {
                    Failure::BadInput(format!(
                        "--template: no template named `{name}`; see `homeward template list`"
                    ))
                })?,
        ),
    };
    let base = template.as_ref().map(|t| CaseParts {
        procedure: Some(t.input.procedure.clone()),
        levels: t.input.levels,
        factors: t.input.factors.clone(),
        job: t.input.job,
        language: t.input.language.clone(),
    });
    let mut input = plan_args.to_input_over(base.as_ref())?;
    if input.language.is_none() {
        input.language = Some(settings.language.clone());
    }
    let default_surgeon = settings
        .surgeons
        .iter()
        .find(|s| s.is_default)
        .map(|s| s.name.clone());
    let surgeon = plan_args
        .surgeon
        .clone()
        .or_else(|| template.as_ref().and_then(|t| t.input.surgeon.clone()))
        .or(default_surgeon);
    let (ordered, surgeon) = surgeon_of(protocol, surgeon)?;
    let note = orders_note(protocol, ordered.as_ref(), surgeon.as_deref());
    let base = protocol;
    let protocol = ordered.as_ref().unwrap_or(protocol);
    let mut options = args.to_options(&settings, surgeon)?;
    options.protocol = origin;
    if let Some(dob) = options.date_of_birth
        && dob > input.surgery_date
    {
        return Err(Failure::BadInput(
            "--dob: is after the surgery date; check both dates".to_owned(),
        ));
    }
    if settings.history && args.nurse.is_none() {
        return Err(Failure::BadInput(
            "--nurse: is required while packet history is on (your initials)".to_owned(),
        ));
    }
    if let Some(n) = &args.nurse {
        homeward_store::check_initials(n).map_err(|e| Failure::BadInput(format!("--{e}")))?;
    }
    // A template's text edits name lines of its own procedure's plan.
    if let Some(t) = &template
        && !t.input.edits.is_empty()
        && t.input.procedure != input.procedure
    {
        return Err(Failure::BadInput(format!(
            "--procedure: the template `{}` is for {} and has text edits for that plan; save a new template for {}",
            t.input.name, t.input.procedure, input.procedure
        )));
    }
    let edits = template.map(|t| t.input.edits).unwrap_or_default();
    let mut plan = homeward_core::plan(protocol, &input)
        .map_err(|e| Failure::BadInput(crate::args::flag_error(&e)))?;
    plan.apply_edits(protocol, &edits)
        .map_err(|e| Failure::BadInput(format!("--template: {e}")))?;
    options.translation_review = review_note(store, base, &plan.language)?;
    let bytes = homeward_pdf::render(&plan, &options).map_err(|e| packet_error(&e))?;
    let extras = extras(&plan, &options, args, &out, &bytes)?;
    let record = PacketRecord {
        plan: input,
        edits,
        patient_name: options.patient_name.clone(),
        date_of_birth: options.date_of_birth,
        mrn: options.mrn.clone(),
        surgeon: options.surgeon.clone(),
        clinic_name: options.clinic_name.clone(),
        clinic_phone: options.clinic_phone.clone(),
        after_hours_phone: options.after_hours_phone.clone(),
        office_hours: options.office_hours.clone(),
        paper: match options.paper {
            Paper::Letter => "letter".to_owned(),
            Paper::A4 => "a4".to_owned(),
        },
        large_print: options.large_print,
        printed_on: options.printed_on,
    };
    Ok(Made {
        bytes,
        record,
        out,
        extras,
        note,
    })
}

/// The files asked for beside the packet, each made before anything is written: the
/// care-team sheet, the FHIR Bundle (which holds the sheet whether or not it is saved), the
/// chart note and the calendar. Every path must differ from the others and from `--out`.
fn extras(
    plan: &homeward_core::Plan,
    options: &PacketOptions,
    args: &PacketArgs,
    out: &std::path::Path,
    packet: &[u8],
) -> Result<Vec<Extra>, Failure> {
    let asked = [
        ("care-sheet", &args.care_sheet),
        ("fhir", &args.fhir),
        ("chart-note", &args.chart_note),
        ("ics", &args.ics),
    ];
    for (i, (flag, path)) in asked.iter().enumerate() {
        let Some(path) = path else { continue };
        if path == out {
            let why = if *flag == "care-sheet" {
                "; the sheet is not for the patient"
            } else {
                ""
            };
            return Err(Failure::BadInput(format!(
                "--{flag}: must be a different file from --out{why}"
            )));
        }
        if let Some((other, _)) = asked[..i].iter().find(|(_, p)| p.as_ref() == Some(path)) {
            return Err(Failure::BadInput(format!(
                "--{flag}: must be a different file from --{other}"
            )));
        }
    }
    let teaching = homeward_pdf::Teaching {
        teach_back: args
            .teach_back
            .as_deref()
            .map(homeward_pdf::TeachBack::parse)
            .transpose()
            .map_err(|m| Failure::BadInput(format!("--{m}")))?,
        interpreter: args
            .interpreter
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    };
    teaching.check().map_err(|e| packet_error(&e))?;
    let sheet = if args.care_sheet.is_some() || args.fhir.is_some() {
        Some(homeward_pdf::render_care_sheet(plan, options).map_err(|e| packet_error(&e))?)
    } else {
        None
    };
    let mut extras = Vec::new();
    let mut add = |flag, what, path: &Option<PathBuf>, bytes: Vec<u8>| {
        if let Some(path) = path {
            extras.push(Extra {
                flag,
                what,
                path: path.clone(),
                bytes,
            });
        }
    };
    if let Some(sheet) = &sheet {
        add(
            "care-sheet",
            "the care-team sheet",
            &args.care_sheet,
            sheet.clone(),
        );
    }
    if args.fhir.is_some() {
        let bundle = homeward_export::fhir_bundle(&homeward_export::Packet {
            plan,
            options,
            teaching: &teaching,
            packet_pdf: packet,
            care_sheet_pdf: sheet.as_deref(),
        })
        .map_err(|e| packet_error(&e))?;
        add(
            "fhir",
            "the FHIR R4 Bundle for the chart",
            &args.fhir,
            bundle.into_bytes(),
        );
    }
    if args.chart_note.is_some() {
        let note =
            homeward_pdf::chart_note(plan, options, &teaching).map_err(|e| packet_error(&e))?;
        add(
            "chart-note",
            "the chart note",
            &args.chart_note,
            note.into_bytes(),
        );
    }
    if args.ics.is_some() {
        let cal = homeward_export::ics(plan, options, args.ics_with_name)
            .map_err(|e| packet_error(&e))?;
        add("ics", "the calendar", &args.ics, cal.into_bytes());
    }
    Ok(extras)
}

/// The SHA-256 of every text a packet in `language` prints from `protocol` (with each
/// surgeon's orders), as a translator's review records it.
pub fn texts_sha256(protocol: &Protocol, language: &str) -> String {
    let ordered: Vec<Protocol> = protocol
        .surgeons
        .iter()
        .filter_map(|s| protocol.with_surgeon(&s.id).ok())
        .collect();
    let all: Vec<&Protocol> = std::iter::once(protocol).chain(&ordered).collect();
    homeward_app::texts_sha256(&all, language)
}

/// The translator's review of exactly the texts a packet in `language` prints, when one is
/// recorded; `None` for the protocol's own language.
fn review_note(
    store: &Store,
    protocol: &Protocol,
    language: &str,
) -> Result<Option<homeward_pdf::ReviewNote>, Failure> {
    if protocol.languages.first().is_some_and(|l| l == language) {
        return Ok(None);
    }
    let s = homeward_app::review_status(store, &texts_sha256(protocol, language), language)
        .map_err(|e| Failure::BadInput(e.message))?;
    Ok(s.reviewed.map(|r| homeward_pdf::ReviewNote {
        reviewer: r.review.reviewer,
        credential: r.review.credential,
        on: r.review.reviewed_on,
    }))
}

/// When the protocol holds surgeons' orders and the surgeon named is none of them: which
/// surgeons have orders, so a misspelt name is caught before the packet goes home.
pub fn orders_note(
    protocol: &Protocol,
    ordered: Option<&Protocol>,
    surgeon: Option<&str>,
) -> Option<String> {
    let name = surgeon?;
    if ordered.is_some() || protocol.surgeons.is_empty() {
        return None;
    }
    let with: Vec<String> = protocol
        .surgeons
        .iter()
        .map(|s| format!("{} ({})", s.name, s.id))
        .collect();
    Some(format!(
        "note: no orders are saved for surgeon `{name}`, so the clinic's protocol applies; surgeons with their own orders: {}",
        with.join(", ")
    ))
}
