//! The packet out of the app: into the chart as a FHIR R4 Bundle ([`fhir_bundle`]) and onto
//! the patient's phone as an iCalendar file ([`ics`]). The chart note is the packet crate's
//! (`homeward_pdf::chart_note`), since its words are the care-team sheet's.
//!
//! Architecture Invariant: like the packet, this crate writes no files and reads no clock.
//! It takes the plan, the options the packet was made with and the documents' bytes, and
//! returns text; the same inputs always give the same bytes (ids are derived from the
//! documents, not drawn at random).

#![forbid(unsafe_code)]

mod fhir;
mod ics;

pub use fhir::fhir_bundle;
pub use ics::ics;

use homeward_core::Plan;
use homeward_pdf::{PacketError, PacketOptions, Teaching};
use sha2::{Digest, Sha256};

/// Everything one packet's export is made from.
#[derive(Debug, Clone, Copy)]
pub struct Packet<'a> {
    /// The plan the packet prints.
    pub plan: &'a Plan,
    /// Who it is for and how it was printed.
    pub options: &'a PacketOptions,
    /// What the nurse recorded about the teaching.
    pub teaching: &'a Teaching,
    /// The packet's PDF, exactly as saved.
    pub packet_pdf: &'a [u8],
    /// The care-team sheet's PDF, exactly as saved, when it was made.
    pub care_sheet_pdf: Option<&'a [u8]>,
}

/// Why an export cannot be made: the packet's own field checks, named as for the packet.
pub type ExportError = PacketError;

/// A name-based UUID (RFC 9562 version 8) from `parts`: the same inputs give the same id,
/// so exporting a packet twice gives the same Bundle.
pub(crate) fn uuid_from(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let mut b: [u8; 16] = h.finalize()[..16].try_into().expect("16 of 32 bytes");
    b[6] = (b[6] & 0x0f) | 0x80; // version 8
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::uuid_from;

    #[test]
    fn ids_are_well_formed_uuids_that_depend_on_every_part() {
        let a = uuid_from(&[b"packet", b"patient"]);
        assert_eq!(a, uuid_from(&[b"packet", b"patient"]));
        assert_ne!(a, uuid_from(&[b"packet", b"careplan"]));
        // The length prefix keeps ("ab", "c") apart from ("a", "bc").
        assert_ne!(uuid_from(&[b"ab", b"c"]), uuid_from(&[b"a", b"bc"]));
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "8", "version 8: {a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "variant: {a}");
        assert!(
            a.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }
}
