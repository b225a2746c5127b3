//! The native GTK file dialogs, answered as a nurse would with the keyboard (xdotool): the
//! path typed, Enter.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Waits until `path` exists.
pub fn wait_file(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} was not written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Answers the native GTK save dialog: select the name field, type the full path, Enter.
pub fn answer_save_dialog(path: &Path) {
    answer_dialog("Save", path, Dialog::Save);
}

/// A native file dialog: one that saves (its name field has the focus) or one that opens a
/// file or folder.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// A save dialog: its name field has the focus.
    Save,
    /// An open-file or choose-folder dialog.
    Open,
}

/// Answers the native GTK dialog whose title matches `title` (a save, open or folder
/// dialog): type the full path where the name goes, Enter.
pub fn answer_dialog(title: &str, path: &Path, kind: Dialog) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let id = loop {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .output()
            .expect("xdotool (apt install xdotool)");
        let ids = String::from_utf8_lossy(&out.stdout);
        if let Some(id) = ids.lines().next() {
            break id.trim().to_owned();
        }
        assert!(Instant::now() < deadline, "no `{title}` dialog appeared");
        std::thread::sleep(Duration::from_millis(100));
    };
    // Give GTK a moment to put the focus in the name field.
    std::thread::sleep(Duration::from_millis(500));
    let xdo = |args: &[&str]| {
        let ok = Command::new("xdotool")
            .args(args)
            .status()
            .expect("xdotool");
        assert!(ok.success(), "xdotool {args:?} failed");
    };
    xdo(&["mousemove", "--window", &id, "40", "40"]);
    let path = path.display().to_string();
    match kind {
        Dialog::Save => {
            xdo(&["key", "--clearmodifiers", "ctrl+a"]);
            xdo(&["type", "--delay", "15", &path]);
        }
        Dialog::Open => {
            // The file list has the focus (Ctrl+A there would select its files): a "/"
            // typed there opens the location field, and keys typed while it opens are
            // lost. So: "/", wait, then the whole path over what the field holds.
            xdo(&["windowfocus", "--sync", &id]);
            xdo(&["type", "/"]);
            std::thread::sleep(Duration::from_millis(700));
            xdo(&["key", "--clearmodifiers", "ctrl+a"]);
            xdo(&["type", "--delay", "15", &path]);
            std::thread::sleep(Duration::from_millis(300));
        }
    }
    xdo(&["key", "Return"]);
}
