//! The documents in the real window: the care-team sheet beside the packet, a booked visit,
//! and the preview drawing each character where the PDF prints it.

use homeward_pdf::FontRole;

use super::*;

/// How far, in points, WebKit may draw a character from where the PDF prints it. The page
/// gives every character its x, written to 0.01 pt. Left to its own advances, WebKit drew a
/// character 2.7 pt off in a long line (runs given only their start and width, tried for
/// memory and dropped): this is the test that caught it.
const PLACED_WITHIN_PT: f64 = 0.01;

/// WebKit draws page 1 of the preview as printed: every character within
/// [`PLACED_WITHIN_PT`] of the x the PDF gives it (computed here by the PDF's own code,
/// `homeward_pdf::char_starts`, from the run's text, font and size as the page holds them),
/// every run starting exactly where the PDF's does, in the packet's own faces, loaded. The
/// pixel test in crates/pdf compares the same SVG with the PDF; this closes the loop to the
/// window itself.
pub fn preview_places_text_as_printed(w: &Window) {
    let got = w.s().execute(
        "const out = { runs: [], faces: [] };
         for (const t of document.querySelectorAll('.pdf .page:first-child svg text')) {
           const n = t.getNumberOfChars();
           const at = [];
           for (let i = 0; i < n; i++) at.push(t.getStartPositionOfChar(i).x);
           out.runs.push({ text: t.textContent, x: t.x.baseVal.getItem(0).value,
             size: Number(t.getAttribute('font-size')), family: t.getAttribute('font-family'),
             weight: t.getAttribute('font-weight'), at });
         }
         for (const f of document.fonts)
           if (f.status === 'loaded') out.faces.push(f.family.replaceAll('\"', '') + ' ' + f.weight);
         return out;",
        &[],
    );
    let runs = got["runs"].as_array().expect("the runs of page 1");
    let (mut chars, mut worst, mut worst_run) = (0, 0.0_f64, String::new());
    for run in runs {
        let text = run["text"].as_str().expect("text");
        let role = match (run["family"].as_str(), run["weight"].as_str()) {
            (Some("Atkinson Hyperlegible"), Some("700")) => FontRole::Bold,
            (Some("Atkinson Hyperlegible"), _) => FontRole::Regular,
            _ => FontRole::Fallback,
        };
        let size = run["size"].as_f64().expect("size") as f32;
        let x = run["x"].as_f64().expect("x") as f32;
        let (want, _) = homeward_pdf::char_starts(role, size, x, text);
        let at: Vec<f64> = run["at"]
            .as_array()
            .expect("positions")
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        assert_eq!(
            at.len(),
            want.len(),
            "{text:?}: WebKit counts its characters otherwise"
        );
        assert!(
            (at[0] - f64::from(want[0])).abs() < 0.01,
            "{text:?} starts at {} instead of {}",
            at[0],
            want[0]
        );
        for (a, b) in at.iter().zip(&want) {
            let off = (a - f64::from(*b)).abs();
            if off > worst {
                (worst, worst_run) = (off, text.to_owned());
            }
        }
        chars += at.len();
    }
    assert!(
        runs.len() > 50 && chars > 1500,
        "page 1 has too little text: {} runs, {chars} characters",
        runs.len()
    );
    eprintln!(
        "page 1: {chars} characters in {} runs, at most {worst:.3} pt from the PDF's places ({worst_run:?})",
        runs.len()
    );
    assert!(
        worst < PLACED_WITHIN_PT,
        "a character of {worst_run:?} drawn {worst:.3} pt from its printed place"
    );
    let faces = got["faces"].to_string();
    for face in ["Atkinson Hyperlegible 400", "Atkinson Hyperlegible 700"] {
        assert!(faces.contains(face), "{face} is not loaded: {faces}");
    }
}

#[test]
fn the_care_team_sheet_is_saved_beside_the_packet_and_a_booked_visit_shows_in_the_plan() {
    let case = Case::new("f-care-sheet-and-booking");
    let (day, booked_on) = {
        let app = App::open(&case.dir.join("engine.db")).expect("engine");
        let plan = app.preview(&fusion_form()).plan.expect("plan");
        let first = &plan.follow_ups[0];
        (first.day, first.date + chrono::Days::new(2))
    };
    let w = case.launch();
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.s().find("#return-to-work");
    let s = w.s();
    let checked = |css: &str| s.find(css).property("checked") == json!(true);
    assert!(
        checked("#doc-packet") && checked("#doc-care-sheet"),
        "both are ticked at first"
    );
    w.click("#doc-care-sheet");
    assert!(!checked("#doc-care-sheet") && s.try_find("#both-hint").is_none());
    w.click("#doc-care-sheet");
    s.find("#both-hint");

    // The first visit, booked: the plan shows its date and time.
    w.fill(&format!("#booked_{day}"), &booked_on.to_string());
    w.fill(&format!("#booked_{day}_time"), "10:30");
    let want = format!("{}, 10:30 AM", booked_on.format("%a, %b %-d, %Y"));
    w.wait_text(&format!("#visit-{day} .date"), &want);
    assert_eq!(w.text(&format!("#visit-{day} .when")), "booked");
    s.execute(
        &format!("document.getElementById('visit-{day}').scrollIntoView({{ block: 'center' }})"),
        &[],
    );
    case.shot(&w, "booked-visit");

    w.click("#view-care-sheet");
    s.find(".pdf[data-kind='care_sheet'][data-state='ready'] .page svg");
    case.shot(&w, "care-sheet-view");

    let out = case.dir.join("maria.pdf");
    w.save_pdf(&out);
    let sheet = case.dir.join("maria-care-team.pdf");
    s.wait("the care-team sheet beside the packet", || {
        sheet.exists().then_some(())
    });
    case.shot(&w, "saved-both");
    assert!(pdf_text(&out).contains("Maria Gonzalez"));
    let text = pdf_text(&sheet);
    assert!(text.contains("Care-team sheet"), "the sheet reads: {text}");
    assert!(w.text(".status").contains("maria-care-team.pdf"));
    w.quit();
}
