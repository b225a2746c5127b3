//! How long the Protocol screen takes to answer the clinical lead: showing a procedure, and
//! checking a change as it is typed (the change written into the layer file, the whole
//! protocol loaded and validated again, the screen rebuilt). The screen debounces typing by
//! 250 ms, so a check should fit well inside that.
//!
//! Run: `cargo bench -p homeward-app --bench protocol_screen`
//! (quicker: `... -- --warm-up-time 1 --measurement-time 3`).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::Criterion;
use homeward_app::{App, ProtocolChange, ProtocolEdit};

fn main() {
    let dir = std::env::temp_dir().join(format!("homeward-bench-protocol-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let app = App::open(&dir.join("homeward.db")).expect("the database opens");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let edit = ProtocolEdit {
        procedure: "acdf".into(),
        layer: "clinic".into(),
        changes: vec![ProtocolChange::Number {
            field: "driving.day".into(),
            value: 7,
            source: String::new(),
            reason: "Our surgeons clear drivers at the 1-week visit.".into(),
        }],
        by: "kl".into(),
        new_surgeon: String::new(),
    };
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("protocol screen: show ACDF", |b| {
        b.iter(|| {
            black_box(
                app.protocol_screen("acdf", "clinic", today)
                    .expect("screen"),
            )
        });
    });
    c.bench_function("protocol screen: check a change as typed", |b| {
        b.iter(|| black_box(app.check_protocol_edit(&edit, today).expect("checked")));
    });
    c.final_summary();
    let _ = std::fs::remove_dir_all(&dir);
}
