//! What the desktop shell does before the window opens.

use super::*;

/// The processes whose environment names `var=value`, read from /proc.
fn processes_with(var: &str, value: &str) -> Vec<(u32, Vec<String>)> {
    let want = format!("{var}={value}");
    std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let raw = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
            let env: Vec<String> = raw
                .split(|b| *b == 0)
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .collect();
            env.contains(&want).then_some((pid, env))
        })
        .collect()
}

/// Without accelerated compositing WebKit's page process holds about half the memory
/// (`bench/app-speed.sh`); the app turns it off itself, started as a desktop launcher starts
/// it (the variable unset), and the window still works.
#[test]
fn the_app_turns_off_gpu_compositing_itself_and_still_draws() {
    let case = Case::new("g-software-rendering");
    let w = case.launch();
    let app = std::env::var("HOMEWARD_APP").expect("HOMEWARD_APP");
    let app = std::fs::canonicalize(app).expect("the app");
    let db = case.db().display().to_string();
    let mine: Vec<(u32, Vec<String>)> = processes_with("HOMEWARD_DB", &db)
        .into_iter()
        .filter(|(pid, _)| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app)
        })
        .collect();
    assert_eq!(mine.len(), 1, "one app process for this case");
    assert!(
        mine[0]
            .1
            .contains(&"WEBKIT_DISABLE_COMPOSITING_MODE=1".to_owned()),
        "the app runs with WEBKIT_DISABLE_COMPOSITING_MODE=1"
    );
    // It draws: the form's first field is on screen (a screenshot taken and looked at).
    w.s().find("#patient_name");
    case.shot(&w, "form");
    w.quit();
}
