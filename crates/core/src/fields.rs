//! Checks for the free-text fields every front end takes (CLI, packet, store, app), so the
//! rule is written once.

/// Whether `s` (already trimmed) looks like a phone number: at most 40 characters, at least
/// one digit, and only letters (for "x" extensions and "1-800-QUIT-NOW"), digits, spaces and
/// `+ ( ) - . /`.
#[must_use]
pub fn is_phone_number(s: &str) -> bool {
    s.len() <= 40
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " +()-./".contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_phone_number;

    #[test]
    fn phone_numbers_as_clinics_write_them() {
        for ok in [
            "(555) 201-3300",
            "555.201.3399 x12",
            "+44 20 7946 0958",
            "1-800-QUIT-NOW",
        ] {
            assert!(is_phone_number(ok), "{ok}");
        }
        for bad in [
            "",
            "call us!",
            "<script>",
            "no digits here",
            &"1".repeat(41),
        ] {
            assert!(!is_phone_number(bad), "{bad}");
        }
    }
}
