//! A nurse's edits: changed and added lines are marked and cited; bad edits name the field
//! and leave the plan as it was; the numbers' own lines cannot be reworded.

mod common;

use common::{input, must_plan, protocol};
use homeward_core::{EditError, EditTarget, NURSE_EDIT_SOURCE, PlanEdit};

fn edit(target: EditTarget, line: Option<usize>, text: &str) -> PlanEdit {
    PlanEdit {
        target,
        line,
        text: text.to_owned(),
        original: None,
        language: None,
    }
}

/// A change to a line, carrying the line's current text as the plan has it.
fn change(plan: &homeward_core::Plan, target: EditTarget, line: usize, text: &str) -> PlanEdit {
    let list = match target {
        EditTarget::Goals { phase } => &plan.phases[phase].goals,
        EditTarget::Allowed { phase } => &plan.phases[phase].allowed,
        EditTarget::Restrictions { phase } => &plan.phases[phase].restrictions,
        EditTarget::PtFocus => &plan.pt_focus,
        EditTarget::Normal => &plan.normal,
        EditTarget::NotNormal => panic!("the not-normal list is retired; no line to change"),
    };
    PlanEdit {
        target,
        line: Some(line),
        text: text.to_owned(),
        original: Some(list[line].text.clone()),
        language: Some(plan.language.clone()),
    }
}

#[test]
fn changed_and_added_lines_are_marked_and_cited() {
    let p = protocol();
    let mut plan = must_plan(&p, &input("microdiscectomy", None, None));
    let before = plan.clone();
    let edits = [
        change(
            &plan,
            EditTarget::Goals { phase: 0 },
            0,
            "Walk to the mailbox and back three times a day.",
        ),
        edit(EditTarget::Restrictions { phase: 1 }, None, "No yard work."),
        edit(EditTarget::Normal, None, "Some itching at the incision."),
    ];
    plan.apply_edits(&p, &edits).expect("edits fit");
    let goal = &plan.phases[0].goals[0];
    assert_eq!(
        (goal.text.as_str(), goal.edited, goal.source.as_str()),
        (
            "Walk to the mailbox and back three times a day.",
            true,
            NURSE_EDIT_SOURCE
        )
    );
    let added = plan.phases[1].restrictions.last().expect("added");
    // A reworded "normal" line keeps the signs that bound it.
    let mut reworded = before.clone();
    let bound = reworded.normal[0].bounded_by.clone();
    assert!(!bound.is_empty());
    let normal_edit = change(&reworded, EditTarget::Normal, 0, "Some soreness. It eases.");
    reworded.apply_edits(&p, &[normal_edit]).expect("fits");
    assert_eq!(reworded.normal[0].bounded_by, bound);
    assert!(reworded.normal[0].edited);
    assert!(added.edited && added.text == "No yard work.");
    assert_eq!(plan.normal.len(), before.normal.len() + 1);
    assert!(plan.sources.iter().any(|s| s.id == NURSE_EDIT_SOURCE));
    // Nothing else changed.
    assert_eq!(plan.phases[2], before.phases[2]);
    assert_eq!(plan.warning_signs, before.warning_signs);
}

#[test]
fn bad_edits_name_the_field_and_change_nothing() {
    let p = protocol();
    let plan = must_plan(&p, &input("microdiscectomy", None, None));
    let last = plan.phases.len() - 1;
    let cases = [
        (
            edit(EditTarget::Goals { phase: 99 }, None, "x"),
            EditError::NoSuchPhase {
                edit: 1,
                phase: 99,
                last,
            },
        ),
        (
            edit(EditTarget::Normal, Some(50), "x"),
            EditError::NoSuchLine {
                edit: 1,
                line: 50,
                len: plan.normal.len() + 1,
            },
        ),
        // A template saved before the warning signs replaced the "not normal" list still
        // loads, and its edit there is reported, not silently dropped.
        (
            edit(EditTarget::NotNormal, None, "Pain that gets worse."),
            EditError::Retired { edit: 1 },
        ),
        (
            edit(EditTarget::PtFocus, None, "   "),
            EditError::BadText { edit: 1 },
        ),
        (
            change(
                &plan,
                EditTarget::Restrictions { phase: 0 },
                0,
                "Lift what you like.",
            ),
            EditError::Generated {
                edit: 1,
                what: "lifting",
            },
        ),
    ];
    // An edit made against other wording (another procedure, an older protocol) is refused
    // rather than replacing whatever line now sits at that position.
    let mut stale = change(&plan, EditTarget::Allowed { phase: 0 }, 0, "New words.");
    stale.original = Some("Some other line".to_owned());
    let mut cases = Vec::from(cases);
    cases.push((stale, EditError::Stale { edit: 1, line: 0 }));
    let mut no_original = change(&plan, EditTarget::Allowed { phase: 0 }, 0, "New words.");
    no_original.original = None;
    cases.push((no_original, EditError::Stale { edit: 1, line: 0 }));
    for (bad, expected) in cases {
        let mut p2 = plan.clone();
        // A good edit first, so the test shows a failed batch leaves even that one out.
        let edits = [edit(EditTarget::Normal, None, "fine"), bad];
        assert_eq!(p2.apply_edits(&p, &edits), Err(expected));
        assert_eq!(p2, plan);
    }
    assert!(
        EditError::NoSuchPhase {
            edit: 0,
            phase: 9,
            last: 4
        }
        .to_string()
        .starts_with("edits[0].phase:")
    );
}

#[test]
fn an_edit_prints_only_in_its_language_and_a_packet_in_another_needs_its_own() {
    let p = protocol();
    let es_input = homeward_core::PlanInput {
        language: Some("es".to_owned()),
        ..input("microdiscectomy", None, None)
    };
    let en_plan = must_plan(&p, &input("microdiscectomy", None, None));
    let es_plan = must_plan(&p, &es_input);
    let en_change = change(
        &en_plan,
        EditTarget::Goals { phase: 0 },
        0,
        "Walk to the mailbox.",
    );
    let en_add = edit(EditTarget::Restrictions { phase: 1 }, None, "No yard work.");

    // English edits on a Spanish packet: refused, naming the line, and the plan is kept.
    let mut plan = es_plan.clone();
    let e = plan
        .apply_edits(&p, &[en_change.clone(), en_add.clone()])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "edits[0]: the edited line \"Walk to the mailbox.\" is written in `en` only; this packet is in `es`: write the line in `es` too, or remove the edit"
    );
    assert_eq!(plan, es_plan);

    // With the same lines written in Spanish, each packet prints its own.
    let es_change = change(
        &es_plan,
        EditTarget::Goals { phase: 0 },
        0,
        "Camine hasta el buzón.",
    );
    let es_add = PlanEdit {
        language: Some("es".to_owned()),
        ..edit(
            EditTarget::Restrictions { phase: 1 },
            None,
            "No trabaje en el jardín.",
        )
    };
    let all = [en_change, en_add, es_change, es_add];
    let mut es = es_plan.clone();
    es.apply_edits(&p, &all)
        .expect("every edit has its Spanish");
    assert_eq!(es.phases[0].goals[0].text, "Camine hasta el buzón.");
    assert_eq!(
        es.phases[1].restrictions.last().unwrap().text,
        "No trabaje en el jardín."
    );
    let mut en = en_plan.clone();
    en.apply_edits(&p, &all).expect("and its English");
    assert_eq!(en.phases[0].goals[0].text, "Walk to the mailbox.");
    assert_eq!(
        en.phases[1].restrictions.last().unwrap().text,
        "No yard work."
    );
    assert!(
        !en.phases
            .iter()
            .flat_map(|ph| &ph.restrictions)
            .any(|l| l.text.contains("jardín"))
    );

    // A Spanish-only edit on an English packet is refused the same way.
    let mut en = en_plan.clone();
    let e = en.apply_edits(&p, &all[2..]).unwrap_err();
    assert!(matches!(e, EditError::Untranslated { edit: 0, .. }), "{e}");
}
