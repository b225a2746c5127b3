//! The plan flags, shared by every subcommand that builds a plan. Values are taken as
//! strings and checked here, so every mistake gets one line that names the flag.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use clap::Args;
use homeward_core::{BookedVisit, JobDemand, PlanError, PlanInput};

use crate::Failure;

/// Flags that describe the case.
#[derive(Args, Debug, Default, Clone)]
pub struct PlanArgs {
    /// Procedure id (see `homeward procedures`).
    #[arg(long, value_name = "ID")]
    pub procedure: Option<String>,
    /// Surgery date, day 0 of the plan.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub surgery_date: Option<String>,
    /// Discharge date; defaults to the surgery date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub discharge_date: Option<String>,
    /// A follow-up visit the office has booked: the visit's planned date (as `homeward plan`
    /// lists it), `=`, and the booked date with an optional time. Repeat for each visit.
    #[arg(long, value_name = "PLANNED=YYYY-MM-DD[THH:MM]")]
    pub booked: Vec<String>,
    /// Levels fused or operated; defaults to the procedure's usual number.
    #[arg(long, value_name = "N")]
    pub levels: Option<String>,
    /// Job demand level: sedentary, light, medium, heavy or very-heavy.
    #[arg(long, value_name = "LEVEL")]
    pub job: Option<String>,
    /// The surgeon: their name is printed, and their orders apply when the protocol has
    /// them (`homeward protocol show` lists the surgeons with orders; id or name, any case).
    #[arg(long, value_name = "NAME")]
    pub surgeon: Option<String>,
    /// The packet's language: en (English) or es (Spanish). Defaults to the template's, then
    /// (for `packet`) the clinic's setting (`homeward settings set language es`), then English.
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// Smokes, vapes or uses other nicotine.
    #[arg(long)]
    pub smoker: bool,
    /// Has diabetes.
    #[arg(long)]
    pub diabetes: bool,
    /// Obesity (BMI 30 or more).
    #[arg(long)]
    pub obesity: bool,
    /// Osteoporosis.
    #[arg(long)]
    pub osteoporosis: bool,
    /// Aged 65 or older.
    #[arg(long)]
    pub age_65_plus: bool,
    /// Nerve weakness before surgery.
    #[arg(long)]
    pub weakness: bool,
    /// Going home on opioid pain medicine.
    #[arg(long)]
    pub opioids: bool,
    /// Takes a blood thinner or aspirin.
    #[arg(long)]
    pub blood_thinners: bool,
    /// Has sleep apnea.
    #[arg(long)]
    pub sleep_apnea: bool,
    /// Any other factor by id (see `homeward factors`); repeat for more.
    #[arg(long = "factor", value_name = "ID")]
    pub factors: Vec<String>,
}

/// The named flags and the factor id each sets.
const FACTOR_FLAGS: [(&str, &str); 9] = [
    ("smoker", "nicotine"),
    ("diabetes", "diabetes"),
    ("obesity", "obesity"),
    ("osteoporosis", "osteoporosis"),
    ("age-65-plus", "age-65-plus"),
    ("weakness", "nerve-weakness"),
    ("opioids", "opioids"),
    ("blood-thinners", "blood-thinners"),
    ("sleep-apnea", "sleep-apnea"),
];

/// The flag that sets a factor: a named one when there is one, else `--factor ID`.
pub fn flag_for_factor(id: &str) -> String {
    FACTOR_FLAGS
        .iter()
        .find(|(_, f)| *f == id)
        .map_or_else(|| format!("--factor {id}"), |(flag, _)| format!("--{flag}"))
}

/// Turns a core error into one line that names the flag.
pub fn flag_error(e: &PlanError) -> String {
    let msg = e.to_string();
    let field = e.field();
    let rest = msg.strip_prefix(&format!("{field}: ")).unwrap_or(&msg);
    format!("--{field}: {rest}")
}

fn bad(flag: &str, msg: impl std::fmt::Display) -> Failure {
    Failure::BadInput(format!("--{flag}: {msg}"))
}

/// Parses a YYYY-MM-DD date, naming the flag when it is not a real date.
pub fn parse_date(flag: &str, s: &str) -> Result<NaiveDate, Failure> {
    // A date of birth is an identifier: errors about it do not repeat it.
    let shown = if flag == "dob" {
        String::new()
    } else {
        format!("`{s}` ")
    };
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(bad(
            flag,
            format!("{shown}is not a date; use YYYY-MM-DD, e.g. 2026-12-01"),
        ));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        bad(
            flag,
            format!("{shown}is not a real calendar date; use YYYY-MM-DD"),
        )
    })
}

/// Parses `PLANNED=YYYY-MM-DD[THH:MM]` (a space may stand for the `T`) into a booking of
/// the visit planned for that date.
fn parse_booked(s: &str, surgery: NaiveDate) -> Result<BookedVisit, Failure> {
    let usage =
        "use PLANNED=YYYY-MM-DD or PLANNED=YYYY-MM-DDTHH:MM, e.g. 2026-12-15=2026-12-16T10:30";
    let Some((planned, when)) = s.split_once('=') else {
        return Err(bad("booked", format!("`{s}` has no `=`; {usage}")));
    };
    let planned = parse_date("booked", planned.trim())?;
    let when = when.trim();
    let (date, time) = match when.split_once(['T', ' ']) {
        Some((d, t)) => {
            let time = NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| {
                bad(
                    "booked",
                    format!("`{t}` is not a time; use 24-hour HH:MM, e.g. 14:30"),
                )
            })?;
            (parse_date("booked", d)?, Some(time))
        }
        None => (parse_date("booked", when)?, None),
    };
    let day = (planned - surgery).num_days();
    let day = u32::try_from(day).map_err(|_| {
        bad(
            "booked",
            format!("the planned date {planned} is before the surgery date {surgery}"),
        )
    })?;
    Ok(BookedVisit { day, date, time })
}

/// The parts of a case that a template can hold: no dates.
pub struct CaseParts {
    /// Procedure id, when given.
    pub procedure: Option<String>,
    /// Levels, when given.
    pub levels: Option<u8>,
    /// Factor ids.
    pub factors: BTreeSet<String>,
    /// Job level, when given.
    pub job: Option<JobDemand>,
    /// The packet's language, when given.
    pub language: Option<String>,
}

impl PlanArgs {
    /// The procedure, levels, factors and job flags, checked.
    pub fn case_parts(&self) -> Result<CaseParts, Failure> {
        let levels = match &self.levels {
            None => None,
            Some(s) => Some(s.trim().parse::<u8>().map_err(|_| {
                bad(
                    "levels",
                    format!("`{s}` is not a whole number of levels; use a number such as 1 or 2"),
                )
            })?),
        };
        let job = self
            .job
            .as_deref()
            .map(JobDemand::parse)
            .transpose()
            .map_err(|msg| Failure::BadInput(format!("--{msg}")))?;
        let named = [
            self.smoker,
            self.diabetes,
            self.obesity,
            self.osteoporosis,
            self.age_65_plus,
            self.weakness,
            self.opioids,
            self.blood_thinners,
            self.sleep_apnea,
        ];
        let mut factors: BTreeSet<String> = FACTOR_FLAGS
            .iter()
            .zip(named)
            .filter(|(_, on)| *on)
            .map(|((_, id), _)| (*id).to_owned())
            .collect();
        factors.extend(self.factors.iter().cloned());
        Ok(CaseParts {
            procedure: self.procedure.clone(),
            levels,
            factors,
            job,
            language: self
                .language
                .as_deref()
                .map(|l| l.trim().to_ascii_lowercase()),
        })
    }

    /// Checks the flags and builds the engine's input.
    pub fn to_input(&self) -> Result<PlanInput, Failure> {
        self.to_input_over(None)
    }

    /// Builds the engine's input from a template's case, with any flag given overriding
    /// it (factor flags add to the template's factors).
    pub fn to_input_over(&self, base: Option<&CaseParts>) -> Result<PlanInput, Failure> {
        let parts = self.case_parts()?;
        let procedure = parts
            .procedure
            .or_else(|| base.and_then(|b| b.procedure.clone()))
            .ok_or_else(|| {
                bad(
                    "procedure",
                    "is required; see `homeward procedures` for the ids",
                )
            })?;
        let surgery = self
            .surgery_date
            .as_deref()
            .ok_or_else(|| bad("surgery-date", "is required (YYYY-MM-DD)"))?;
        let surgery_date = parse_date("surgery-date", surgery)?;
        let discharge_date = self
            .discharge_date
            .as_deref()
            .map(|d| parse_date("discharge-date", d))
            .transpose()?;
        let booked = self
            .booked
            .iter()
            .map(|b| parse_booked(b, surgery_date))
            .collect::<Result<Vec<_>, _>>()?;
        let mut factors = parts.factors;
        if let Some(b) = base {
            factors.extend(b.factors.iter().cloned());
        }
        Ok(PlanInput {
            procedure,
            levels: parts.levels.or_else(|| base.and_then(|b| b.levels)),
            factors,
            job: parts.job.or_else(|| base.and_then(|b| b.job)),
            surgery_date,
            discharge_date,
            language: parts
                .language
                .or_else(|| base.and_then(|b| b.language.clone())),
            booked,
        })
    }
}
