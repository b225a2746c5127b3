//! The Spanish edition in the real window: the nurse picks Spanish, the form says the text
//! has not been reviewed by a medical translator, the preview and the saved PDF are in
//! Spanish, and a template keeps the language across a restart.

use super::*;

#[test]
fn a_spanish_packet_previews_and_saves_in_spanish_and_its_template_keeps_the_language() {
    let case = Case::new("s-spanish");
    let w = case.launch();
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.s().find("#language option[value='es']").click();
    // Before printing, the nurse is told the Spanish is not reviewed.
    w.s().find("#language-review");
    w.s().find("#return-to-work");
    w.fill("#template-name", "Fusión en español");
    w.click("#save-template");
    w.wait_text(".save-template .ok", "Saved template “Fusión en español”.");
    case.shot(&w, "spanish-form");

    w.click("#view-packet");
    w.s().wait("page 1 of the preview to be in Spanish", || {
        w.s()
            .execute(
                "const s = document.querySelector(\".pdf[data-state='ready'] .page svg\"); return s ? s.textContent : ''",
                &[],
            )
            .as_str()
            .filter(|t| t.contains("Llame al 911 enseguida si:"))
            .map(drop)
    });
    let first = w.s().execute(
        "return document.querySelector('.pdf .page svg').textContent",
        &[],
    );
    let first = first.as_str().unwrap_or_default();
    for want in [
        "Llámenos ya, día o noche, si:",
        "(555) 777-0199",
        "Fechas clave",
    ] {
        assert!(first.contains(want), "page 1 of the preview lacks `{want}`");
    }
    assert!(
        !first.contains("Key dates"),
        "English on the Spanish preview"
    );
    case.shot(&w, "spanish-preview");
    let out = case.dir.join("maria-es.pdf");
    w.save_pdf(&out);
    let text = pdf_text(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "Maria Gonzalez",
        "Llame al 911 enseguida si:",
        "1 de diciembre de 2026",
    ] {
        assert!(
            text.contains(want),
            "the saved Spanish packet lacks `{want}`"
        );
    }
    assert!(!text.contains("Call 911 right away"));
    w.quit();

    // The template brings Spanish back after a restart.
    let w = case.launch();
    w.screen("templates");
    w.click("button[aria-label='Load Fusión en español']");
    w.s().find("#return-to-work");
    assert_eq!(w.s().find("#language").property("value"), json!("es"));
    case.shot(&w, "spanish-template-loaded");
    w.quit();
}
