//! The care-team sheet: a separate document for the nurse and the chart, never handed to the
//! patient. It carries what the patient copy leaves out: the basis of every number with its
//! citation (and, for a clinic default, its reason), the nurse notes, what each risk factor
//! changed, the teach-back checklist and a short education summary to paste into the chart.

use super::*;
use homeward_core::Layer;

/// Lays out the care-team sheet for `plan`, with the same options (paper, print size, the
/// patient's name for the chart) as its packet.
///
/// # Errors
/// Bad options, as for the packet.
pub fn build_care_sheet(plan: &Plan, o: &PacketOptions) -> Result<Document, PacketError> {
    assemble(plan, o, crate::text::NURSE_LANGUAGE, |b, f| {
        b.care_header(o, f);
        b.care_summary(o);
        b.teach_back();
        b.care_signs();
        b.care_notes();
        b.care_factors();
        b.care_basis();
        b.care_sources();
        Ok(())
    })
}

impl Builder<'_> {
    fn line(&mut self, text: &str, font: FontRole) {
        let s = self.s();
        let ps = self.ts.paragraph(text, font, s.body, 0.0);
        self.extend(ps);
    }

    fn care_header(&mut self, o: &PacketOptions, f: &Fields) {
        let p = self.plan;
        self.h2(&self.w.care_title.clone());
        let (procedure, noun) = p
            .chart
            .as_ref()
            .map_or((&p.procedure.name, &p.procedure.levels_noun), |c| {
                (&c.procedure, &c.levels_noun)
            });
        let who = fill(
            &self.w.care_for,
            &[
                ("patient", &f.name.0),
                ("procedure", procedure),
                ("levels", &format!("{} {noun}", p.levels)),
                ("date", &self.date(p.surgery_date)),
                ("version", &p.protocol_version),
                ("printed", &self.date(o.printed_on)),
            ],
        );
        self.line(&who, f.name.1.min_regular());
        if p.language != crate::text::NURSE_LANGUAGE {
            let name = self
                .w
                .care_language_names
                .get(&p.language)
                .cloned()
                .unwrap_or_else(|| p.language.clone());
            match &o.translation_review {
                Some(r) => {
                    let text = fill(
                        &self.w.care_language_reviewed,
                        &[
                            ("language", &name),
                            ("reviewer", &r.reviewer),
                            ("credential", &r.credential),
                            ("on", &self.date(r.on)),
                        ],
                    );
                    self.line(&text, FontRole::Regular);
                }
                None => {
                    let text = fill(&self.w.care_language_unreviewed, &[("language", &name)]);
                    self.line(&text, FontRole::Bold);
                }
            }
        }
        let (status, warn) = self.protocol_status(o);
        self.line(
            &status,
            if warn {
                FontRole::Bold
            } else {
                FontRole::Regular
            },
        );
        if let Some(s) = &p.surgeon {
            let theirs: Vec<&str> = p
                .set_by
                .iter()
                .filter(|b| matches!(&b.layer, Layer::Surgeon(x) if x == s))
                .map(|b| b.field.as_str())
                .collect();
            let count = readable(&theirs).len();
            let text = fill(
                &self.w.care_surgeon,
                &[("surgeon", &s.name), ("count", &count.to_string())],
            );
            self.line(&text, FontRole::Bold);
        }
    }

    /// Whose protocol made the plan and whether it is approved and current on the day
    /// printed; `true` when the nurse must be warned.
    fn protocol_status(&self, o: &PacketOptions) -> (String, bool) {
        let version = self.plan.protocol_version.as_str();
        let c = match &o.protocol {
            ProtocolOrigin::BuiltIn => {
                return (
                    fill(&self.w.care_protocol_builtin, &[("version", version)]),
                    false,
                );
            }
            ProtocolOrigin::Folder(dir) => {
                return (
                    fill(
                        &self.w.care_protocol_folder,
                        &[("version", version), ("folder", dir)],
                    ),
                    true,
                );
            }
            ProtocolOrigin::Clinic(c) => c,
        };
        let number = c.number.to_string();
        match (&c.approved, c.review_due) {
            (Some((by, on)), Some(due)) => {
                let due_s = self.date(due);
                if o.printed_on >= due {
                    let text = fill(
                        &self.w.care_protocol_overdue,
                        &[("number", &number), ("version", version), ("due", &due_s)],
                    );
                    (text, true)
                } else {
                    let text = fill(
                        &self.w.care_protocol_approved,
                        &[
                            ("number", &number),
                            ("version", version),
                            ("by", by),
                            ("on", &self.date(*on)),
                            ("due", &due_s),
                        ],
                    );
                    (text, false)
                }
            }
            _ => (
                fill(
                    &self.w.care_protocol_unapproved,
                    &[("number", &number), ("version", version)],
                ),
                true,
            ),
        }
    }

    /// What was taught, in a paragraph the nurse can copy into the chart (the chart note
    /// starts with the same words).
    fn care_summary(&mut self, o: &PacketOptions) {
        self.h2(&self.w.care_summary_title.clone());
        let summary = format!(
            "{} {}",
            crate::chart::education_summary(self.plan, o.printed_on),
            self.w.care_summary_checklist
        );
        self.line(&summary, FontRole::Regular);
    }

    /// Every warning sign in full, by tier, beside the short form the patient copy prints:
    /// the words to teach from, with the source of each.
    fn care_signs(&mut self) {
        let w = self.w;
        self.h2(&w.care_signs_title.clone());
        let rows: Vec<String> = URGENCIES
            .into_iter()
            .flat_map(|u| {
                self.plan
                    .warning_signs
                    .iter()
                    .filter(move |s| s.urgency == u)
                    .map(move |s| {
                        fill(
                            &w.care_sign,
                            &[
                                ("tier", w.tier(u)),
                                ("short", &s.short),
                                ("text", &s.text),
                                ("source", &s.source),
                            ],
                        )
                    })
            })
            .collect();
        self.bullets(rows);
    }

    fn care_notes(&mut self) {
        self.h2(&self.w.care_notes_title.clone());
        let notes: Vec<String> = self
            .plan
            .nurse_notes
            .iter()
            .map(|n| match &n.source {
                Some(s) => format!("{} [{s}]", n.text),
                None => n.text.clone(),
            })
            .collect();
        if notes.is_empty() {
            self.line(&self.w.care_none.clone(), FontRole::Regular);
        } else {
            self.bullets(notes);
        }
    }

    /// Each factor with its reason and what it moved: milestones and held limits.
    fn care_factors(&mut self) {
        let p = self.plan;
        self.h2(&self.w.care_factors_title.clone());
        if p.factors.is_empty() {
            self.line(&self.w.care_none.clone(), FontRole::Regular);
            return;
        }
        let names = &self.w;
        let mut rows = Vec::new();
        for (k, f) in p.factors.iter().enumerate() {
            // The factor's name for the chart, in the nurse's language.
            let label = p
                .chart
                .as_ref()
                .and_then(|c| c.factors.get(k))
                .unwrap_or(&f.label);
            let mut moved: Vec<String> = Vec::new();
            if p.pt_start.moved_later_by.contains(&f.id) {
                moved.push(fill(
                    &names.care_moved_pt,
                    &[("day", &p.pt_start.day.to_string())],
                ));
            }
            if p.driving.moved_later_by.contains(&f.id) {
                moved.push(fill(
                    &names.care_moved_drive,
                    &[("day", &p.driving.day.to_string())],
                ));
            }
            for w in p
                .return_to_work_by_job
                .iter()
                .filter(|w| w.moved_later_by.contains(&f.id))
            {
                moved.push(fill(
                    &names.care_moved_work,
                    &[("job", &w.job_name), ("day", &w.day.to_string())],
                ));
            }
            for (i, ph) in p
                .phases
                .iter()
                .enumerate()
                .filter(|(_, ph)| ph.moved_later_by.contains(&f.id))
            {
                moved.push(fill(
                    &names.care_moved_phase,
                    &[
                        ("n", &(i + 1).to_string()),
                        ("day", &ph.start_day.to_string()),
                    ],
                ));
            }
            let changed = if moved.is_empty() {
                names.care_moved_nothing.clone()
            } else {
                moved.join("; ")
            };
            rows.push(format!("{label}: {} [{}] {changed}", f.why, f.source));
        }
        self.bullets(rows);
    }

    /// Every number the packet prints, with the source id behind it.
    fn care_basis(&mut self) {
        let p = self.plan;
        let w = self.w;
        self.h2(&w.care_basis_title.clone());
        let mut rows = Vec::new();
        for (i, ph) in p.phases.iter().enumerate() {
            let limit = ph
                .lifting_limit_lb
                .map_or_else(|| w.care_no_limit.clone(), |lb| format!("{lb} lb"));
            rows.push(fill(
                &w.care_phase,
                &[
                    ("n", &(i + 1).to_string()),
                    ("start", &ph.start_day.to_string()),
                    ("limit", &limit),
                    ("source", ph.lifting_source.as_deref().unwrap_or("")),
                ],
            ));
        }
        let day = |label: &str, d: u32, src: &str| {
            fill(
                &w.care_day,
                &[("what", label), ("day", &d.to_string()), ("source", src)],
            )
        };
        // The published range beside a day, when the sources give one, and why the day is
        // outside it, when it is.
        let range = |r: &Option<homeward_core::PublishedRange>, why: &Option<String>| {
            let mut text = r.as_ref().map_or_else(String::new, |r| {
                fill(
                    &w.care_range,
                    &[("range", &r.describe()), ("sources", &r.sources.join(", "))],
                )
            });
            if let Some(why) = why {
                text.push_str(&fill(&w.care_outside_range, &[("reason", why)]));
            }
            text
        };
        rows.push(
            day(&w.key_pt, p.pt_start.day, &p.pt_start.source)
                + &range(&p.pt_start.range, &p.pt_start.outside_range_reason),
        );
        rows.push(
            day(&w.cal_drive, p.driving.day, &p.driving.source)
                + &range(&p.driving.range, &p.driving.outside_range_reason),
        );
        for r in &p.return_to_work_by_job {
            rows.push(
                fill(
                    &w.care_work,
                    &[
                        ("job", &r.job_name),
                        ("day", &r.day.to_string()),
                        ("source", &r.source),
                        ("full", &r.full_duty.day.to_string()),
                        ("full_source", &r.full_duty.source),
                    ],
                ) + &range(&r.range, &r.outside_range_reason),
            );
        }
        for v in &p.follow_ups {
            rows.push(day(&v.purpose, v.day, &v.source));
        }
        // Which values the clinic's protocol and the surgeon's orders set, by layer.
        let mut layers: Vec<(&Layer, Vec<&str>)> = Vec::new();
        for b in &p.set_by {
            match layers.iter_mut().find(|(l, _)| *l == &b.layer) {
                Some((_, fields)) => fields.push(&b.field),
                None => layers.push((&b.layer, vec![&b.field])),
            }
        }
        for (layer, fields) in layers {
            let who = match layer {
                Layer::Clinic => w.care_set_by_clinic.clone(),
                Layer::Surgeon(s) => s.name.clone(),
            };
            rows.push(fill(
                &w.care_set_by,
                &[("who", &who), ("fields", &readable(&fields).join(", "))],
            ));
        }
        self.bullets(rows);
    }

    fn care_sources(&mut self) {
        let s = self.s();
        self.h2(&self.w.care_sources_title.clone());
        for src in &self.plan.sources {
            let mut text = format!("[{}] {}", src.id, src.citation);
            if let Some(r) = &src.reason {
                text.push(' ');
                text.push_str(&fill(&self.w.care_reason, &[("reason", r)]));
            }
            let (items, h) = self.ts.block(
                &text,
                FontRole::Regular,
                s.small,
                Color::INK,
                self.ts.left,
                0.0,
                self.ts.width,
            );
            self.push(Chunk {
                height: h + 2.0,
                items,
                ..Chunk::default()
            });
        }
    }
}

/// A layer's changed fields as the care team reads them: a source that changed with the
/// value or line beside it is not listed again, and a line's text stands for the line.
fn readable(fields: &[&str]) -> Vec<String> {
    let parent = |f: &str| {
        f.rsplit_once('.')
            .map_or(String::new(), |(p, _)| p.to_owned())
    };
    fields
        .iter()
        .filter(|f| {
            let is_source = f.ends_with("source") || f.ends_with("outside_range_reason");
            !(is_source
                && fields.iter().any(|g| {
                    g != *f
                        && !g.ends_with("source")
                        && !g.ends_with("outside_range_reason")
                        && parent(g) == parent(f)
                }))
        })
        .map(|f| f.strip_suffix(".text").unwrap_or(f).to_owned())
        .collect()
}
