//! The documents in the real window: the care-team sheet beside the packet, a booked visit,
//! and the preview drawing each character where the PDF prints it.

use super::*;

/// WebKit draws page 1 of the preview as printed: every character starts at the x the PDF
/// gives it (WebKit's own advances are whole points, so nothing may be left to them), in the
/// packet's own faces, loaded. The pixel test in crates/pdf compares the same SVG with the
/// PDF; this closes the loop to the window itself.
pub fn preview_places_text_as_printed(w: &Window) {
    let got = w.s().execute(
        "const out = { runs: 0, chars: 0, at: 0, bad: null, faces: [] };
         for (const t of document.querySelectorAll('.pdf .page:first-child svg text')) {
           const xs = t.x.baseVal;
           const n = t.getNumberOfChars();
           if (xs.numberOfItems !== n) {
             out.bad = t.textContent + ': ' + n + ' characters, ' + xs.numberOfItems + ' positions';
             break;
           }
           out.runs++;
           out.chars += n;
           for (let i = 0; i < n; i++)
             out.at = Math.max(out.at, Math.abs(t.getStartPositionOfChar(i).x - xs.getItem(i).value));
         }
         for (const f of document.fonts)
           if (f.status === 'loaded') out.faces.push(f.family.replaceAll('\"', '') + ' ' + f.weight);
         return out;",
        &[],
    );
    assert_eq!(
        got["bad"],
        serde_json::Value::Null,
        "a run whose positions do not match its text"
    );
    assert!(
        got["runs"].as_u64().unwrap_or(0) > 50 && got["chars"].as_u64().unwrap_or(0) > 1500,
        "page 1 has too little text: {got}"
    );
    // Points on the page; the positions are written to 0.01 pt.
    let at = got["at"].as_f64().unwrap_or(f64::MAX);
    assert!(
        at < 0.01,
        "a character drawn {at} pt from its printed place"
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
