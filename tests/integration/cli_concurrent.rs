//! Programs writing one database at once: every save lands. Twelve `homeward` processes
//! start together on one file, half saving a template and half adding a surgeon, while the
//! desktop app's own code (in this process) saves templates too; none may fail with
//! "database is locked", and every one of them is there afterwards.

use std::process::{Command, Stdio};

use crate::util::{Dir, homeward, homeward_bin};

#[test]
fn twelve_processes_saving_at_once_all_land() {
    // On an existing file (a nurse's machine), and on a new one they all create at once.
    for fresh in [false, true] {
        let dir = Dir::new(if fresh {
            "concurrent-new"
        } else {
            "concurrent-writers"
        });
        let db = dir.join("homeward.db");
        twelve_writers(db.to_str().expect("utf-8"), fresh);
    }
}

fn twelve_writers(db: &str, fresh: bool) {
    if !fresh {
        homeward(&["--db", db, "settings", "show"]).ok();
    }
    // The app, as the window uses it, saving templates one after another while the
    // processes start and run.
    let app_db = std::path::PathBuf::from(db);
    let app = std::thread::spawn(move || {
        let mut app = homeward_app::App::open(&app_db).expect("the app opens the file");
        let form = homeward_app::CaseForm {
            procedure: "microdiscectomy".to_owned(),
            ..homeward_app::CaseForm::default()
        };
        for k in 0..30 {
            app.save_template(&format!("from the app {k}"), &form)
                .unwrap_or_else(|e| panic!("the app's save {k} failed: {e:?}"));
        }
    });
    let children: Vec<_> = (0..12)
        .map(|i| {
            let mut cmd = Command::new(homeward_bin());
            cmd.args(["--db", db]);
            if i % 2 == 0 {
                cmd.args([
                    "template",
                    "save",
                    &format!("case {i:02}"),
                    "--procedure",
                    "acdf",
                ])
                .args(["--levels", &(1 + i % 4).to_string()]);
            } else {
                cmd.args(["settings", "add-surgeon", &format!("Dr. Number {i:02}")]);
            }
            cmd.env_remove("HOMEWARD_PROTOCOL")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("homeward starts")
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("homeward ends");
        assert!(
            out.status.success(),
            "writer {i} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    app.join().expect("the app's saves all landed");
    let templates = homeward(&["--db", db, "template", "list"]).ok();
    for k in 0..30 {
        assert!(
            templates.contains(&format!("from the app {k}")),
            "app save {k} is missing"
        );
    }
    let settings = homeward(&["--db", db, "settings", "show"]).ok();
    for i in 0..12 {
        let (want, list) = if i % 2 == 0 {
            (format!("case {i:02}"), &templates)
        } else {
            (format!("Dr. Number {i:02}"), &settings)
        };
        assert!(list.contains(&want), "`{want}` is missing:\n{list}");
    }
}
