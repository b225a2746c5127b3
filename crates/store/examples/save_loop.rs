//! Saves templates in a loop, printing each name only after its save has returned. The
//! crash-safety test kills this process with SIGKILL at random moments and then checks that
//! every name it printed is in the database.
//!
//! Usage: `save_loop DB PREFIX`

use std::io::Write;

use homeward_store::{Store, TemplateInput};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(prefix)) = (args.next(), args.next()) else {
        eprintln!("usage: save_loop DB PREFIX");
        std::process::exit(2);
    };
    let protocol = homeward_core::default_protocol().expect("protocol");
    let mut store = Store::open(std::path::Path::new(&db)).expect("open");
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let t = TemplateInput {
            name: format!("{prefix}-{i}"),
            procedure: "acdf".into(),
            levels: Some(1 + (i % 4) as u8),
            factors: Default::default(),
            job: None,
            surgeon: Some("Dr. Ana Rivera".into()),
            edits: Vec::new(),
            language: None,
        };
        store.create_template(&protocol, &t).expect("save");
        writeln!(out, "{}", t.name).expect("stdout");
        out.flush().expect("stdout");
    }
}
