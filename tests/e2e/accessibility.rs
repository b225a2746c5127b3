//! axe-core in the real window, on every screen.

use super::*;

/// axe-core's checks, colour contrast included, in the real window on every screen. The
/// clinic has saved its own protocol and not approved it, so the packet screen carries its
/// warning.
#[test]
fn every_screen_passes_axe_in_the_real_window() {
    let case = Case::new("accessibility");
    let files = homeward_core::default_protocol_files()
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    homeward_store::Store::open(&case.db())
        .expect("database")
        .save_protocol_version(homeward_store::CLINIC_LAYER, &files, "ab", "adopted as is")
        .expect("a clinic protocol");
    let mut axe = String::new();
    std::fs::File::open(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js"),
    )
    .and_then(|mut f| f.read_to_string(&mut axe))
    .expect("axe-core (npm ci in ui/)");
    let w = case.launch();
    w.s()
        .execute(&format!("{axe}\nwindow.axe = axe; return true;"), &[]);
    let check = |what: &str| {
        let v = w.s().execute_async(
            "const done = arguments[arguments.length - 1];
             window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
               .then(r => done({
                 passed: r.passes.map(p => p.id),
                 violations: r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')),
               }))
               .catch(e => done({ passed: [], violations: ['axe failed: ' + e] }));",
            &[],
        );
        case.shot(&w, what);
        assert_eq!(v["violations"], json!([]), "axe violations on {what}");
        // The rules that matter here did run (and passed), colour contrast among them.
        let passed = v["passed"].as_array().expect("passes");
        for rule in ["color-contrast", "button-name"] {
            assert!(
                passed.contains(&json!(rule)),
                "axe did not pass `{rule}` on {what}"
            );
        }
    };
    let warning = w.s().find("#protocol-warning").text();
    assert!(
        warning.contains("version 1 has not been approved"),
        "{warning}"
    );
    check("packet-empty");
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.s().find("#return-to-work");
    check("packet-filled");
    w.click("#view-packet");
    w.s().find(".pdf[data-state='ready'] .page svg");
    check("packet-pdf");
    w.screen("templates");
    check("templates");
    w.screen("settings");
    w.click("#set-history");
    w.s().find("button[data-screen='history']");
    check("settings");
    w.screen("history");
    check("history");
    w.screen("protocol");
    w.fill("#num-driving-day", "7");
    w.s().find("#warn-driving-day");
    check("protocol");
    w.quit();
}
