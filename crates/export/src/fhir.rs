//! The packet for the chart as one FHIR R4 (4.0.1) Bundle: the Patient, the CarePlan (one
//! activity per phase and per dated event), a DocumentReference holding the packet and the
//! care-team sheet, and a Communication recording the teaching.
//!
//! Typed serde structs for these four resources, not a FHIR model crate: the crates that
//! cover R4 generate every resource of the specification, a long compile for four of them.
//! The Bundle is a `collection` whose entries refer to each other by `urn:uuid:` full URLs:
//! whether to create or match the patient is the receiving interface's decision.

use base64::Engine as _;
use chrono::NaiveDate;
use homeward_core::Plan;
use homeward_pdf::{EventKind, NURSE_LANGUAGE, dated_events, fill, words};
use serde::Serialize;
use sha1::{Digest, Sha1};

use crate::{ExportError, Packet, uuid_from};

/// LOINC's code for hospital discharge instructions: the document's type.
const LOINC_DISCHARGE_INSTRUCTIONS: &str = "8653-8";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bundle {
    resource_type: &'static str,
    identifier: Identifier,
    #[serde(rename = "type")]
    kind: &'static str,
    entry: Vec<Entry>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    full_url: String,
    resource: Resource,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Resource {
    Patient(Patient),
    CarePlan(CarePlan),
    DocumentReference(DocumentReference),
    Communication(Communication),
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Identifier {
    #[serde(skip_serializing_if = "Option::is_none", rename = "type")]
    kind: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<&'static str>,
    value: String,
}

#[derive(Serialize, Default)]
struct CodeableConcept {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    coding: Vec<Coding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

impl CodeableConcept {
    fn text(t: impl Into<String>) -> Self {
        CodeableConcept {
            coding: Vec::new(),
            text: Some(t.into()),
        }
    }

    fn code(system: &'static str, code: &'static str, display: &'static str) -> Self {
        CodeableConcept {
            coding: vec![Coding {
                system,
                code,
                display,
            }],
            text: None,
        }
    }
}

#[derive(Serialize)]
struct Coding {
    system: &'static str,
    code: &'static str,
    display: &'static str,
}

#[derive(Serialize, Default)]
struct Reference {
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display: Option<String>,
}

impl Reference {
    fn to(uuid: &str) -> Self {
        Reference {
            reference: Some(format!("urn:uuid:{uuid}")),
            display: None,
        }
    }
}

#[derive(Serialize)]
struct Period {
    start: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<NaiveDate>,
}

#[derive(Serialize)]
struct HumanName {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Patient {
    resource_type: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identifier: Vec<Identifier>,
    name: Vec<HumanName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_date: Option<NaiveDate>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CarePlan {
    resource_type: &'static str,
    language: String,
    status: &'static str,
    intent: &'static str,
    title: String,
    description: String,
    subject: Reference,
    period: Period,
    created: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Reference>,
    activity: Vec<Activity>,
}

#[derive(Serialize)]
struct Activity {
    detail: ActivityDetail,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActivityDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    code: CodeableConcept,
    status: &'static str,
    scheduled_period: Period,
    description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentReference {
    resource_type: &'static str,
    status: &'static str,
    doc_status: &'static str,
    #[serde(rename = "type")]
    kind: CodeableConcept,
    subject: Reference,
    description: String,
    content: Vec<Content>,
}

#[derive(Serialize)]
struct Content {
    attachment: Attachment,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attachment {
    content_type: &'static str,
    language: String,
    data: String,
    size: usize,
    hash: String,
    title: String,
    creation: NaiveDate,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Communication {
    resource_type: &'static str,
    status: &'static str,
    category: Vec<CodeableConcept>,
    medium: Vec<CodeableConcept>,
    subject: Reference,
    topic: CodeableConcept,
    about: Vec<Reference>,
    sent: NaiveDate,
    recipient: Vec<Reference>,
    payload: Vec<Payload>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Payload {
    ContentString(String),
    ContentReference(Reference),
}

/// The Bundle for one packet, as pretty-printed JSON.
///
/// # Errors
/// The packet's own field checks and the interpreter field, named as for the packet.
pub fn fhir_bundle(p: &Packet<'_>) -> Result<String, ExportError> {
    let bundle = bundle(p)?;
    Ok(serde_json::to_string_pretty(&bundle).expect("a Bundle always serializes"))
}

fn bundle(p: &Packet<'_>) -> Result<Bundle, ExportError> {
    let Packet {
        plan,
        options: o,
        teaching,
        packet_pdf,
        care_sheet_pdf,
    } = *p;
    homeward_pdf::check(plan, o)?;
    teaching.check()?;
    let nurse =
        words(NURSE_LANGUAGE).ok_or_else(|| ExportError::Language(NURSE_LANGUAGE.into()))?;
    let id = |what: &str| uuid_from(&[packet_pdf, what.as_bytes()]);
    let (patient_id, plan_id, doc_id, comm_id) = (
        id("Patient"),
        id("CarePlan"),
        id("DocumentReference"),
        id("Communication"),
    );
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");

    let patient = Patient {
        resource_type: "Patient",
        identifier: o
            .mrn
            .as_deref()
            .map(one_line)
            .filter(|m| !m.is_empty())
            .map(|value| Identifier {
                kind: Some(CodeableConcept::code(
                    "http://terminology.hl7.org/CodeSystem/v2-0203",
                    "MR",
                    "Medical record number",
                )),
                system: None,
                value,
            })
            .into_iter()
            .collect(),
        name: vec![HumanName {
            text: one_line(&o.patient_name),
        }],
        birth_date: o.date_of_birth,
    };

    let care_plan = care_plan(p, &patient_id)?;

    let attachment = |bytes: &[u8], language: &str, title: &str| Attachment {
        content_type: "application/pdf",
        language: language.to_owned(),
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
        size: bytes.len(),
        hash: base64::engine::general_purpose::STANDARD.encode(Sha1::digest(bytes)),
        title: title.to_owned(),
        creation: o.printed_on,
    };
    let mut content = vec![Content {
        attachment: attachment(packet_pdf, &plan.language, &nurse.care_fhir_packet_title),
    }];
    if let Some(sheet) = care_sheet_pdf {
        content.push(Content {
            attachment: attachment(sheet, NURSE_LANGUAGE, &nurse.care_title),
        });
    }
    let document = DocumentReference {
        resource_type: "DocumentReference",
        status: "current",
        doc_status: "final",
        kind: CodeableConcept {
            text: Some(nurse.care_fhir_document_type.clone()),
            ..CodeableConcept::code(
                "http://loinc.org",
                LOINC_DISCHARGE_INSTRUCTIONS,
                "Hospital Discharge instructions",
            )
        },
        subject: Reference::to(&patient_id),
        description: nurse.care_fhir_packet_title.clone(),
        content,
    };

    let summary = homeward_pdf::education_summary(plan, o.printed_on);
    let language = nurse
        .care_language_names
        .get(&plan.language)
        .cloned()
        .unwrap_or_else(|| plan.language.clone());
    let interpreter = match teaching.interpreter.as_deref().map(one_line) {
        Some(i) if !i.is_empty() => fill(&nurse.care_chart_interpreter, &[("interpreter", &i)]),
        _ => nurse.care_chart_no_interpreter.clone(),
    };
    let procedure = plan
        .chart
        .as_ref()
        .map_or(plan.procedure.name.as_str(), |c| c.procedure.as_str());
    let communication = Communication {
        resource_type: "Communication",
        status: "completed",
        category: vec![CodeableConcept::text(nurse.care_fhir_teaching.clone())],
        medium: vec![
            CodeableConcept::code(
                "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode",
                "VERBAL",
                "verbal",
            ),
            CodeableConcept::code(
                "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode",
                "WRITTEN",
                "written",
            ),
        ],
        subject: Reference::to(&patient_id),
        topic: CodeableConcept::text(fill(&nurse.care_fhir_topic, &[("procedure", procedure)])),
        about: vec![Reference::to(&plan_id), Reference::to(&doc_id)],
        sent: o.printed_on,
        recipient: vec![Reference::to(&patient_id)],
        payload: vec![
            Payload::ContentString(summary),
            Payload::ContentString(fill(&nurse.care_chart_language, &[("language", &language)])),
            Payload::ContentString(interpreter),
            Payload::ContentString(fill(
                &nurse.care_chart_teachback,
                &[("result", &teaching.result_text())],
            )),
            Payload::ContentReference(Reference::to(&doc_id)),
        ],
    };

    let entry = |uuid: &str, resource| Entry {
        full_url: format!("urn:uuid:{uuid}"),
        resource,
    };
    Ok(Bundle {
        resource_type: "Bundle",
        identifier: Identifier {
            kind: None,
            system: Some("urn:ietf:rfc:3986"),
            value: format!("urn:uuid:{}", id("Bundle")),
        },
        kind: "collection",
        entry: vec![
            entry(&patient_id, Resource::Patient(patient)),
            entry(&plan_id, Resource::CarePlan(care_plan)),
            entry(&doc_id, Resource::DocumentReference(document)),
            entry(&comm_id, Resource::Communication(communication)),
        ],
    })
}

/// A phase's status on the day the packet was printed: the one under way is in progress.
fn phase_status(start: NaiveDate, end: Option<NaiveDate>, on: NaiveDate) -> &'static str {
    if on < start {
        "not-started"
    } else if end.is_some_and(|e| on > e) {
        "completed"
    } else {
        "in-progress"
    }
}

/// The CarePlan: one activity per phase (its dates and its limits as the packet words them)
/// and one per dated event (therapy, driving, work, full duty, the end of the limits, each
/// visit), in the packet's language.
fn care_plan(p: &Packet<'_>, patient_id: &str) -> Result<CarePlan, ExportError> {
    let (plan, o): (&Plan, _) = (p.plan, p.options);
    let mut activity: Vec<Activity> = plan
        .phases
        .iter()
        .map(|ph| Activity {
            detail: ActivityDetail {
                kind: None,
                code: CodeableConcept::text(ph.name.clone()),
                status: phase_status(ph.start_date, ph.end_date, o.printed_on),
                scheduled_period: Period {
                    start: ph.start_date,
                    end: ph.end_date,
                },
                description: ph
                    .restrictions
                    .iter()
                    .map(|l| l.text.trim())
                    .collect::<Vec<_>>()
                    .join(" "),
            },
        })
        .collect();
    let events = dated_events(plan, o.clinic_phone.as_deref())?;
    let visits = &plan.follow_ups;
    for e in events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Phase(_)))
    {
        let (kind, status) = match e.kind {
            EventKind::Visit(i) if visits.get(i).is_some_and(|v| v.booked) => {
                (Some("Appointment"), "scheduled")
            }
            EventKind::Visit(_) => (Some("Appointment"), "not-started"),
            EventKind::Therapy => (Some("ServiceRequest"), "not-started"),
            _ => (None, "not-started"),
        };
        activity.push(Activity {
            detail: ActivityDetail {
                kind,
                code: CodeableConcept::text(e.label.clone()),
                status,
                scheduled_period: Period {
                    start: e.date,
                    end: Some(e.date),
                },
                description: e.text.clone(),
            },
        });
    }
    let end = events
        .iter()
        .map(|e| e.date)
        .chain(plan.phases.iter().map(|ph| ph.start_date))
        .max();
    Ok(CarePlan {
        resource_type: "CarePlan",
        language: plan.language.clone(),
        status: "active",
        intent: "plan",
        title: plan.procedure.name.clone(),
        description: plan.procedure.summary.clone(),
        subject: Reference::to(patient_id),
        period: Period {
            start: plan.surgery_date,
            end,
        },
        created: o.printed_on,
        author: o.surgeon.as_deref().map(|s| Reference {
            reference: None,
            display: Some(s.split_whitespace().collect::<Vec<_>>().join(" ")),
        }),
        activity,
    })
}

#[cfg(test)]
mod tests {
    use super::phase_status;
    use chrono::NaiveDate;

    #[test]
    fn a_phase_is_under_way_from_its_first_day_to_its_last() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).expect("date");
        assert_eq!(phase_status(d(1), Some(d(14)), d(1)), "in-progress");
        assert_eq!(phase_status(d(1), Some(d(14)), d(14)), "in-progress");
        assert_eq!(phase_status(d(1), Some(d(14)), d(15)), "completed");
        assert_eq!(phase_status(d(15), None, d(3)), "not-started");
        assert_eq!(phase_status(d(15), None, d(31)), "in-progress");
    }
}
