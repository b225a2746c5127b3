//! Registry-wide tests over the bundled protocol: it loads, every procedure is complete,
//! every number and sign has a source that resolves, and ids are unique.

use std::collections::BTreeSet;

use homeward_core::{JobDemand, PlanInput, Protocol, default_protocol, default_protocol_files, plan};

fn protocol() -> Protocol {
    default_protocol().unwrap_or_else(|e| panic!("the bundled protocol must load: {e}"))
}

/// The stable procedure ids that templates and scripts rely on.
const STABLE_IDS: [&str; 8] = [
    "microdiscectomy",
    "laminectomy",
    "acdf",
    "lumbar-fusion",
    "mis-lumbar-fusion",
    "alif",
    "lateral-fusion",
    "fibrin-disc-repair",
];

#[test]
fn every_stable_procedure_id_exists_and_no_other() {
    let p = protocol();
    let ids: BTreeSet<&str> = p.procedures.iter().map(|p| p.id.as_str()).collect();
    let expected: BTreeSet<&str> = STABLE_IDS.into_iter().collect();
    assert_eq!(ids, expected);
}
