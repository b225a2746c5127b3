//! End-to-end tests through the real Homeward window: the release app, under Xvfb, driven
//! over WebDriver (tauri-driver + WebKitWebDriver). Run by `scripts/e2e.sh`, which builds the
//! app and sets `HOMEWARD_APP`; each test saves screenshots of the screens it passes through
//! to `artifacts/e2e/<test>/`.
//!
//! The native save dialog is answered with xdotool, as a nurse would: type the path, Enter.

mod webdriver;
// axe-core on every screen.
mod accessibility;
// The care-team sheet and booked visits, in the window.
mod documents;
// The clinical lead's Protocol screen.
mod protocol;
mod shell;
mod spanish;
// The native file dialogs, answered with xdotool.
mod dialogs;
use dialogs::{Dialog, answer_dialog, answer_save_dialog, wait_file};
// After teaching (chart note, FHIR, calendar) and the OR list screen.
mod export;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use homeward_app::{App, CaseForm};
use serde_json::json;
use webdriver::{Driver, Session, tauri_driver};

/// A folder for one test: its database, its saved PDFs, and its screenshots.
struct Case {
    dir: PathBuf,
    shots: PathBuf,
    step: std::cell::Cell<u32>,
}

impl Case {
    fn new(name: &'static str) -> Case {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("test folder");
        let shots = root.join("artifacts/e2e").join(name);
        let _ = std::fs::remove_dir_all(&shots);
        Case {
            dir,
            shots,
            step: std::cell::Cell::new(0),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.join("homeward.db")
    }

    /// Starts the app on this case's database.
    fn launch(&self) -> Window {
        self.launch_with_path(None)
    }

    /// Starts the app with `dir` first on its PATH (to stand in for the system's programs).
    fn launch_with_path(&self, dir: Option<&Path>) -> Window {
        let app = std::env::var("HOMEWARD_APP").unwrap_or_else(|_| {
            panic!("HOMEWARD_APP is not set: run these tests with `bash scripts/e2e.sh`")
        });
        let log = std::fs::File::create(self.dir.join("tauri-driver.log")).expect("log file");
        let mut cmd = Command::new(tauri_driver());
        cmd.env("HOMEWARD_DB", self.db())
            // Packets written for printing go to the app's cache: keep them in this test.
            .env("XDG_CACHE_HOME", self.dir.join("cache"))
            // The app chooses its rendering itself (see tests/e2e/shell.rs).
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .env("PATH", {
                let path = std::env::var_os("PATH").unwrap_or_default();
                let mut dirs: Vec<PathBuf> = dir.map(Path::to_path_buf).into_iter().collect();
                dirs.extend(std::env::split_paths(&path));
                std::env::join_paths(dirs).expect("PATH")
            })
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log));
        let driver = Driver::start(cmd);
        let session = Session::start(driver.port, &app).expect("start the app");
        // The form is interactive once the catalog has loaded.
        session.find("#patient_name");
        Window {
            session: Some(session),
            _driver: driver,
        }
    }

    /// Saves a screenshot named `what`, numbered in the order taken.
    fn shot(&self, w: &Window, what: &str) {
        let n = self.step.get() + 1;
        self.step.set(n);
        // A screenshot of the window as it is now: never the "Loading…" placeholder, and
        // only after the page has painted its current state (two animation frames), or
        // WebKit may hand back an earlier frame.
        w.s().wait("the window to show a screen, not Loading…", || {
            w.s().try_find("main .loading").is_none().then_some(())
        });
        w.s().execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            &[],
        );
        w.s()
            .screenshot(&self.shots.join(format!("{n:02}-{what}.png")));
    }
}

/// The app's window, closed when dropped.
struct Window {
    session: Option<Session>,
    _driver: Driver,
}

impl Window {
    fn s(&self) -> &Session {
        self.session.as_ref().expect("open session")
    }

    fn quit(mut self) {
        if let Some(s) = self.session.take() {
            s.quit();
        }
    }

    fn click(&self, css: &str) {
        self.s().find(css).click();
    }

    /// Replaces a text field's contents, as typed.
    fn fill(&self, css: &str, text: &str) {
        let e = self.s().find(css);
        e.clear();
        e.send_keys(text);
    }

    fn text(&self, css: &str) -> String {
        self.s().find(css).text()
    }

    fn screen(&self, id: &str) {
        self.click(&format!("button[data-screen='{id}']"));
    }

    /// Waits until the element's text is `want`.
    fn wait_text(&self, css: &str, want: &str) {
        self.s().wait(&format!("`{css}` to read `{want}`"), || {
            self.s()
                .try_find(css)
                .filter(|e| e.text() == want)
                .map(drop)
        });
    }

    fn disabled(&self, css: &str) -> bool {
        self.s().find(css).property("disabled") == json!(true)
    }

    /// Sets the clinic's phone on the Settings screen (saved when the field is left).
    fn set_clinic_phone(&self, phone: &str) {
        self.screen("settings");
        self.fill("#set-clinic-phone", phone);
        self.click("#set-clinic-name");
        self.s().wait("the phone to be saved", || {
            self.s()
                .execute("return document.querySelector('.status').textContent", &[])
                .as_str()
                .filter(|s| s.contains("Settings saved"))
                .map(drop)
        });
    }

    /// Fills the first case: a smoker with diabetes, 2-level lumbar fusion, heavy job.
    fn fill_fusion_case(&self) {
        self.screen("packet");
        self.fill("#patient_name", "Maria Gonzalez");
        self.fill("#procedure-search", "fusion");
        self.click("input[name='procedure'][value='lumbar-fusion']");
        self.click("#levels option[value='2']");
        self.click("input[name='factor'][value='nicotine']");
        self.click("input[name='factor'][value='diabetes']");
        self.click("#job option[value='heavy']");
        self.fill("#surgery_date", "2026-12-01");
        self.fill("#discharge_date", "2026-12-03");
    }

    /// Clicks Save PDF…, answers the save dialog with `path`, and waits for the file.
    fn save_pdf(&self, path: &Path) {
        assert!(!self.disabled("#save-pdf"), "Save PDF is disabled");
        self.click("#save-pdf");
        answer_save_dialog(path);
        wait_file(path);
    }
}

/// The text of a PDF, by poppler's pdftotext.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (apt install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the engine computes for the first case, and how the window writes a date.
fn engine_dates(case: &Case) -> (String, String) {
    let app = App::open(&case.dir.join("engine.db")).expect("engine");
    let plan = app
        .preview(&fusion_form())
        .plan
        .expect("the engine builds the plan");
    let long = |d: NaiveDate| d.format("%a, %b %-d, %Y").to_string();
    (
        long(plan.return_to_work.expect("a job").date),
        long(plan.pt_start.date),
    )
}

#[test]
fn a_fusion_packet_shows_the_engines_dates_and_saves_a_pdf_with_the_name() {
    let case = Case::new("a-fusion-packet");
    let (work, pt) = engine_dates(&case);
    let w = case.launch();
    case.shot(&w, "empty-form");
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.wait_text("#return-to-work .date", &work);
    w.wait_text("#pt-start .date", &pt);
    case.shot(&w, "plan-preview");
    w.click("#view-packet");
    w.s().find(".pdf[data-state='ready'] .page svg");
    // The preview is the packet's own layout: page 1 says whom to call, for this patient.
    let first = w.s().execute(
        "return document.querySelector('.pdf .page svg').textContent",
        &[],
    );
    let first = first.as_str().unwrap_or_default().to_owned();
    for want in [
        "Call 911 right away if:",
        "Call us now, day or night, if:",
        "(555) 777-0199",
        "Key dates",
    ] {
        assert!(first.contains(want), "page 1 of the preview lacks `{want}`");
    }
    documents::preview_places_text_as_printed(&w);
    let pages: u32 = w
        .s()
        .find(".pdf")
        .attribute("data-pages")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    assert!(pages >= 2, "the packet preview shows {pages} pages");
    case.shot(&w, "packet-preview");
    // The nurse adds a line to what is normal; it is marked as edited in the app.
    w.click("#view-plan");
    w.click("[data-list='normal'] > button");
    w.fill("#add-normal", "Mild itching near the cut as it heals.");
    w.click("[data-list='normal'] .row button.primary");
    w.s().find("[data-list='normal'] li.edited .edited-badge");
    w.s().execute(
        "document.querySelector(\"[data-list='normal'] li.edited\").scrollIntoView({ block: 'center' })",
        &[],
    );
    case.shot(&w, "edited-line");
    let out = case.dir.join("maria-packet.pdf");
    w.save_pdf(&out);
    case.shot(&w, "saved");
    let text = pdf_text(&out);
    assert!(
        text.contains("Maria Gonzalez"),
        "the saved packet lacks the name"
    );
    assert!(
        text.contains("Mild itching near the cut"),
        "the saved packet lacks the nurse's line"
    );
    assert!(w.text(".status").contains("maria-packet.pdf"));
    w.quit();
}

#[test]
fn a_template_survives_a_restart_and_fills_the_form_as_saved() {
    let case = Case::new("b-template-restart");
    let w = case.launch();
    w.fill_fusion_case();
    w.s().find("#return-to-work");
    w.fill("#template-name", "Fusion 2 levels, smoker, heavy");
    w.click("#save-template");
    w.wait_text(
        ".save-template .ok",
        "Saved template “Fusion 2 levels, smoker, heavy”.",
    );
    case.shot(&w, "template-saved");
    w.quit();

    let w = case.launch();
    case.shot(&w, "restarted");
    w.screen("templates");
    w.s()
        .find("tr[data-template='Fusion 2 levels, smoker, heavy']");
    case.shot(&w, "template-list");
    w.click("button[aria-label='Load Fusion 2 levels, smoker, heavy']");
    w.s().find("#return-to-work");
    case.shot(&w, "template-loaded");
    let s = w.s();
    let checked = |css: &str| s.find(css).property("checked") == json!(true);
    assert!(checked("input[name='procedure'][value='lumbar-fusion']"));
    assert_eq!(s.find("#levels").property("value"), json!("2"));
    assert!(checked("input[name='factor'][value='nicotine']"));
    assert!(checked("input[name='factor'][value='diabetes']"));
    assert!(!checked("input[name='factor'][value='obesity']"));
    assert_eq!(s.find("#job").property("value"), json!("heavy"));
    // A template never holds the patient.
    assert_eq!(s.find("#patient_name").property("value"), json!(""));
    w.quit();
}

#[test]
fn a_discharge_before_surgery_is_explained_inline_and_blocks_printing() {
    let case = Case::new("c-discharge-before-surgery");
    let w = case.launch();
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.s().find("#return-to-work");
    assert!(!w.disabled("#save-pdf") && !w.disabled("#print"));
    w.fill("#discharge_date", "2026-11-30");
    let err = w.s().find("#err-discharge_date");
    assert!(err.text().contains("before"), "error reads: {}", err.text());
    assert_eq!(
        w.s()
            .find("#discharge_date")
            .attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(w.disabled("#save-pdf"), "Save PDF is still enabled");
    assert!(w.disabled("#print"), "Print is still enabled");
    w.s().execute(
        "document.getElementById('err-discharge_date').scrollIntoView({ block: 'center' })",
        &[],
    );
    case.shot(&w, "inline-error");
    w.quit();
}

#[test]
fn the_clinic_phone_from_settings_is_in_the_packet() {
    let case = Case::new("d-clinic-phone");
    let w = case.launch();
    w.fill_fusion_case();
    // No office number yet: the packet cannot be printed, and the form says why.
    w.s().find("#print-blocked li[data-field='clinic_phone']");
    case.shot(&w, "no-phone");
    w.set_clinic_phone("(555) 404-2121");
    case.shot(&w, "settings");
    w.screen("packet");
    w.s().find("#return-to-work");
    let out = case.dir.join("packet.pdf");
    w.save_pdf(&out);
    case.shot(&w, "saved");
    assert!(pdf_text(&out).contains("(555) 404-2121"));
    w.quit();
}

/// The care-team sheet beside the packet, and a booked visit: the nurse unticks and ticks
/// the sheet, books the first visit, sees it in the plan, views the sheet, and saves both.
/// The first case as the window's form holds it.
fn fusion_form() -> CaseForm {
    CaseForm {
        procedure: "lumbar-fusion".into(),
        levels: Some(2),
        factors: vec!["nicotine".into(), "diabetes".into()],
        job: Some(homeward_app::JobDemand::Heavy),
        surgery_date: "2026-12-01".into(),
        discharge_date: "2026-12-03".into(),
        patient_name: "Maria Gonzalez".into(),
        ..CaseForm::default()
    }
}

/// The form from the keyboard alone: Tab reaches the controls with a visible focus ring,
/// Space picks a procedure and ticks a factor, typing fills the fields.
#[test]
fn the_form_works_from_the_keyboard_alone() {
    let case = Case::new("keyboard");
    let w = case.launch();
    let s = w.s();
    let tab = || s.active().send_keys("\u{E004}");
    let focused = || {
        s.execute(
            "const e = document.activeElement; const st = getComputedStyle(e);
             return { id: e.id || e.getAttribute('href') || e.textContent.trim(), name: e.name || '', outline: st.outlineStyle };",
            &[],
        )
    };
    let tab_to = |want: &dyn Fn(&serde_json::Value) -> bool, what: &str| {
        for _ in 0..20 {
            if want(&focused()) {
                return;
            }
            tab();
        }
        panic!("Tab never reached {what}");
    };
    s.execute("document.activeElement.blur();", &[]);
    tab();
    let f = focused();
    assert_eq!(
        f["id"],
        json!("#main"),
        "the first Tab should reach the skip link: {f}"
    );
    assert_ne!(
        f["outline"],
        json!("none"),
        "no visible focus on the skip link"
    );
    tab_to(&|f| f["id"] == json!("patient_name"), "the patient name");
    assert_ne!(
        focused()["outline"],
        json!("none"),
        "no visible focus on a text field"
    );
    s.active().send_keys("Sam Lee");
    tab_to(
        &|f| f["id"] == json!("procedure-search"),
        "the procedure search",
    );
    tab();
    assert_eq!(focused()["name"], json!("procedure"));
    s.active().send_keys(" ");
    tab_to(&|f| f["name"] == json!("factor"), "the risk factors");
    s.active().send_keys(" ");
    case.shot(&w, "keyboard-filled");
    let form = s.execute(
        "return { name: document.getElementById('patient_name').value,
                  procedure: document.querySelector(\"input[name='procedure']:checked\")?.value,
                  factor: document.querySelector(\"input[name='factor']:checked\")?.value };",
        &[],
    );
    assert_eq!(form["name"], json!("Sam Lee"));
    assert_eq!(form["procedure"], json!("microdiscectomy"));
    assert_eq!(form["factor"], json!("nicotine"));
    s.find("#pt-start");
    w.quit();
}

/// Print hands the packet to the system's PDF viewer: here a stand-in `xdg-open` that keeps
/// a copy of the file it was given.
#[test]
fn print_hands_the_packet_to_the_system_viewer() {
    let case = Case::new("e-print");
    let bin = case.dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    // The viewer is given the packet and the care-team sheet (both are ticked by default).
    let got = case.dir.join("viewer-got");
    std::fs::create_dir_all(&got).expect("viewer folder");
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ncp \"$1\" '{}/'\n", got.display()),
    )
    .expect("script");
    Command::new("chmod")
        .args(["+x", &script.display().to_string()])
        .status()
        .expect("chmod");
    let w = case.launch_with_path(Some(&bin));
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.s().find("#return-to-work");
    w.click("#print");
    let deadline = Instant::now() + Duration::from_secs(15);
    while walk(&got).len() < 2 {
        assert!(
            Instant::now() < deadline,
            "the viewer was not given both files: {:?}",
            walk(&got)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    w.s().wait("the status to say where to print", || {
        w.s()
            .try_find(".status")
            .filter(|e| e.text().contains("PDF viewer"))
            .map(drop)
    });
    case.shot(&w, "printed");
    let mut viewed = walk(&got);
    viewed.sort();
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    assert!(
        name(&viewed[0]).is_some_and(|n| n.starts_with("homeward-care-team-"))
            && name(&viewed[1]).is_some_and(|n| n.starts_with("homeward-packet-")),
        "{viewed:?}"
    );
    assert!(pdf_text(&viewed[1]).contains("Maria Gonzalez"));
    let printed: Vec<_> = walk(&case.dir.join("cache"));
    assert_eq!(
        printed.len(),
        2,
        "the packet and the sheet written for the viewer: {printed:?}"
    );
    w.quit();
    // The app clears the folder when it quits, and again when it starts (here the driver
    // ends it abruptly): a packet with a patient's name never outlives a session.
    let w = case.launch();
    for p in &printed {
        assert!(!p.exists(), "{} is still there", p.display());
    }
    w.quit();
}

/// Every PDF under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
    out
}
