//! Every page's footer: page X of Y, whose protocol (the clinic's name, its version and
//! review date, a surgeon's orders) and the date printed, shortened to fit the margins.

use super::*;

/// Stamps the footer on every page of a document `size` points wide and high.
pub(super) fn stamp(
    pages: &mut [crate::layout::Page],
    ts: &Typesetter,
    w: &Words,
    plan: &Plan,
    o: &PacketOptions,
    fields: &Fields,
    (width, height): (f32, f32),
) {
    let sizes = &ts.sizes;
    let total = pages.len();
    let size = sizes.small.min(10.0);
    for (i, page) in pages.iter_mut().enumerate() {
        // Whose protocol: the clinic's name when it fits and the footer's face can draw it.
        let footer_with = |whose: &str| {
            fill(
                &w.footer,
                &[
                    ("page", &(i + 1).to_string()),
                    ("pages", &total.to_string()),
                    ("whose", whose),
                    ("date", &w.date(o.printed_on)),
                ],
            )
        };
        let clinic = match &o.protocol {
            ProtocolOrigin::Clinic(c) => Some(c),
            ProtocolOrigin::BuiltIn | ProtocolOrigin::Folder(_) => None,
        };
        // A surgeon's orders are named with the version they sit on.
        let with_surgeon = |v: &str| match &plan.surgeon {
            Some(s) => fill(&w.footer_surgeon, &[("version", v), ("surgeon", &s.name)]),
            None => v.to_owned(),
        };
        let version = with_surgeon(&footer_version(
            w,
            &plan.protocol_version,
            clinic,
            o.printed_on,
        ));
        let fits = |text: &str| ts.measure(text, FontRole::Regular, size) <= width - 2.0 * MARGIN;
        // Without the clinic's name; and if that is still too wide (a long version label in
        // large print), without the review date, and at last without the surgeon too.
        let bare = plan.protocol_version.clone();
        let plain = [&version, &with_surgeon(&bare), &bare]
            .map(|v| footer_with(&fill(&w.footer_protocol, &[("version", v)])))
            .into_iter()
            .find(|f| fits(f))
            .unwrap_or_else(|| footer_with(&fill(&w.footer_protocol, &[("version", &bare)])));
        let footer = match &fields.clinic {
            Some((clinic, FontRole::Regular | FontRole::Bold)) => {
                let with = footer_with(&fill(
                    &w.footer_clinic_protocol,
                    &[("clinic", clinic), ("version", &version)],
                ));
                if fits(&with) { with } else { plain }
            }
            _ => plain,
        };
        let y = height - PRINTABLE - line_height(size) - 2.0;
        page.items.push(Item::Line {
            x1: MARGIN,
            y1: y - 4.0,
            x2: width - MARGIN,
            y2: y - 4.0,
            color: Color::GREY,
            width: 0.5,
            dashed: false,
        });
        let fw = ts.measure(&footer, FontRole::Regular, size);
        page.items.push(ts.run(
            &footer,
            FontRole::Regular,
            size,
            Color::GREY,
            (width - fw) / 2.0,
            y,
        ));
    }
}

/// The protocol version as the footer prints it: the file's version, and for the clinic's own
/// protocol its version number and, while approved and not yet due on `printed`, its review
/// date (a date already past would read as a warning; the care-team sheet gives that).
fn footer_version(
    w: &Words,
    version: &str,
    clinic: Option<&ClinicProtocol>,
    printed: NaiveDate,
) -> String {
    let Some(c) = clinic else {
        return version.to_owned();
    };
    let number = c.number.to_string();
    match c.review_due.filter(|due| printed < *due) {
        Some(due) => fill(
            &w.footer_version_reviewed,
            &[
                ("version", version),
                ("number", &number),
                ("due", &w.short_date_year(due)),
            ],
        ),
        None => fill(
            &w.footer_version_clinic,
            &[("version", version), ("number", &number)],
        ),
    }
}
