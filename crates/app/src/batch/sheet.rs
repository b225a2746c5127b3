//! Reading an OR list: a CSV file whose first row names the columns, one patient per row
//! after it. Problems with the file as a whole (empty, unknown or missing columns, too many
//! rows) refuse it; a problem in one row is that row's, named by row and column, and the
//! other rows go on. Rows are numbered as a spreadsheet numbers them: the header is row 1.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::AppError;

/// The columns Homeward reads, in the order it lists them.
pub const COLUMNS: [&str; 12] = [
    "name",
    "dob",
    "mrn",
    "procedure",
    "levels",
    "factors",
    "job",
    "surgery_date",
    "discharge_date",
    "surgeon",
    "language",
    "template",
];

/// Other names a header may use for a column.
const ALIASES: [(&str, &str); 5] = [
    ("patient_name", "name"),
    ("patient", "name"),
    ("date_of_birth", "dob"),
    ("birth_date", "dob"),
    ("surgery", "surgery_date"),
];

/// The most patients one file may hold: an operating list is tens of patients; a file
/// far longer is a mistake (the wrong export), and would fill the disk with packets.
pub const MAX_ROWS: usize = 5000;

/// A problem in one row, named by its row (the header is row 1) and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowError {
    /// The row, as a spreadsheet numbers it.
    pub row: usize,
    /// The column, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong and what is allowed. Never repeats a name, date of birth or MRN.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column {c}: {}", self.row, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// One patient's row: its number and its cells by column, trimmed; empty cells left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row, as a spreadsheet numbers it.
    pub row: usize,
    /// The cells given.
    pub cells: BTreeMap<&'static str, String>,
}

impl Row {
    /// The cell in `column`, when given.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.cells.get(column).map(String::as_str)
    }
}

fn file_error(msg: impl std::fmt::Display) -> AppError {
    AppError::message(format!("OR list: {msg}"))
}

/// Reads the file: the rows that read cleanly and a problem for each row that did not.
///
/// # Errors
/// The file as a whole cannot be used: empty, no header, an unknown, repeated or missing
/// column, or more than [`MAX_ROWS`] patients.
pub fn read(bytes: &[u8]) -> Result<(Vec<Row>, Vec<RowError>), AppError> {
    // Excel's "CSV UTF-8" starts with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(file_error(format!(
            "the file is empty; its first row names the columns, e.g. {}",
            COLUMNS.join(",")
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(file_error(format!("row 1 cannot be read: {e}"))),
        None => return Err(file_error("the file has no rows")),
    };
    let columns = header_columns(&header)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in records.enumerate() {
        let row = i + 2;
        if row - 1 > MAX_ROWS {
            return Err(file_error(format!(
                "the file has more than {MAX_ROWS} patients; split it into smaller lists"
            )));
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError {
                    row,
                    column: None,
                    message: format!("cannot be read as CSV ({e})"),
                });
                continue;
            }
        };
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue; // a blank row, as spreadsheets leave at the end
        }
        // A quote left open swallows the rows after it into one cell: say so before
        // counting the cells.
        if let Some(i) = record
            .iter()
            .position(|c| c.contains(&b'\n') || c.contains(&b'\r'))
        {
            errors.push(RowError {
                row,
                column: columns.get(i).map(|c| (*c).to_owned()),
                message: if record.len() == columns.len() {
                    "holds a line break; put the cell on one line".to_owned()
                } else {
                    "runs over more than one line: a quote (\") is left open, and the rows after it were read into this cell; close the quote".to_owned()
                },
            });
            continue;
        }
        if record.len() != columns.len() {
            errors.push(RowError {
                row,
                column: None,
                message: format!(
                    "has {} cells but the first row names {} columns; check for a comma inside a cell without quotes around it",
                    record.len(),
                    columns.len()
                ),
            });
            continue;
        }
        match cells(row, &columns, &record) {
            Ok(cells) => rows.push(Row { row, cells }),
            Err(e) => errors.push(e),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(file_error(
            "the file has its first row (the column names) but no patients",
        ));
    }
    Ok((rows, errors))
}

/// The header's columns, each checked: known, not repeated, and the required ones there.
fn header_columns(header: &csv::ByteRecord) -> Result<Vec<&'static str>, AppError> {
    let mut columns = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let text = std::str::from_utf8(raw).map_err(|_| {
            file_error(format!(
                "row 1, column {}: is not UTF-8 text; save the file as \"CSV UTF-8\"",
                i + 1
            ))
        })?;
        let name = text.trim().to_lowercase().replace([' ', '-'], "_");
        let known = COLUMNS
            .iter()
            .find(|c| **c == name)
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == name).map(|(_, c)| c))
            .copied()
            .ok_or_else(|| {
                file_error(format!(
                    "row 1, column {}: `{}` is not a column Homeward reads; the columns are {}",
                    i + 1,
                    text.trim(),
                    COLUMNS.join(", ")
                ))
            })?;
        if columns.contains(&known) {
            return Err(file_error(format!(
                "row 1, column {}: `{known}` is named twice",
                i + 1
            )));
        }
        columns.push(known);
    }
    for need in ["name", "surgery_date"] {
        if !columns.contains(&need) {
            return Err(file_error(format!(
                "the column `{need}` is missing; the first row must name it"
            )));
        }
    }
    if !columns.contains(&"procedure") && !columns.contains(&"template") {
        return Err(file_error(
            "the columns `procedure` and `template` are both missing; name one of them in the first row",
        ));
    }
    Ok(columns)
}

/// A row's cells by column, each UTF-8 text on one line.
fn cells(
    row: usize,
    columns: &[&'static str],
    record: &csv::ByteRecord,
) -> Result<BTreeMap<&'static str, String>, RowError> {
    let mut out = BTreeMap::new();
    for (col, raw) in columns.iter().zip(record.iter()) {
        let bad = |message: &str| RowError {
            row,
            column: Some((*col).to_owned()),
            message: message.to_owned(),
        };
        let text = std::str::from_utf8(raw).map_err(|_| {
            bad("is not UTF-8 text; save the file as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)")
        })?;
        let text = text.trim();
        if !text.is_empty() {
            out.insert(*col, text.to_owned());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(csv: &str) -> Vec<String> {
        read(csv.as_bytes())
            .expect("file reads")
            .1
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_bom_aliases_and_blank_rows_are_taken_in_stride() {
        let (rows, errors) = read(
            "\u{feff}Patient Name,Surgery-Date,Procedure\nAna,2026-12-01,acdf\n,,\n".as_bytes(),
        )
        .expect("reads");
        assert!(errors.is_empty());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].row, 2);
        assert_eq!(rows[0].get("name"), Some("Ana"));
        assert_eq!(rows[0].get("surgery_date"), Some("2026-12-01"));
    }

    #[test]
    fn a_row_with_too_many_cells_or_an_open_quote_is_named_and_the_rest_go_on() {
        let csv = "name,surgery_date,procedure\nAna,2026-12-01,acdf\nBo, Jr,2026-12-01,acdf\nCy,2026-12-01,acdf\n\"Di,2026-12-01,acdf\nEd,2026-12-01,acdf\n";
        let (rows, errors) = read(csv.as_bytes()).expect("reads");
        assert_eq!(
            rows.iter().map(|r| r.row).collect::<Vec<_>>(),
            [2, 4],
            "Ana and Cy"
        );
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(errors[0].starts_with("row 3: has 4 cells but the first row names 3 columns"));
        assert!(
            errors[1].starts_with("row 5, column name: runs over more than one line"),
            "{errors:?}"
        );
        assert_eq!(errors.len(), 2, "Ed's row went into Di's cell");
        // A quoted cell closed on the next line has the right cells but a line break.
        let errors = errors_of("name,surgery_date,procedure\n\"Ana\nLee\",2026-12-01,acdf\n");
        assert_eq!(
            errors,
            ["row 2, column name: holds a line break; put the cell on one line"]
        );
    }

    #[test]
    fn a_cell_that_is_not_utf8_fails_its_row_only() {
        let mut csv = b"name,surgery_date,procedure\nAna,2026-12-01,acdf\n".to_vec();
        csv.extend_from_slice(b"Jos\xe9,2026-12-01,acdf\n");
        let (rows, errors) = read(&csv).expect("reads");
        assert_eq!(rows.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, 3);
        assert_eq!(errors[0].column.as_deref(), Some("name"));
        assert!(errors[0].message.contains("CSV UTF-8"));
        // The message does not repeat the name.
        assert!(!errors[0].to_string().contains("Jos"));
    }

    #[test]
    fn the_file_as_a_whole_is_refused_for_its_header_or_its_size() {
        let msg = |csv: &str| read(csv.as_bytes()).expect_err("refused").message;
        assert!(msg("").contains("the file is empty"));
        assert!(msg("name,surgery_date,procedure\n").contains("no patients"));
        assert_eq!(
            msg("name,surgery_date,procedure,ward\nAna,2026-12-01,acdf,4B\n"),
            format!(
                "OR list: row 1, column 4: `ward` is not a column Homeward reads; the columns are {}",
                COLUMNS.join(", ")
            )
        );
        assert!(msg("name,procedure\n").contains("`surgery_date` is missing"));
        assert!(msg("name,surgery_date\n").contains("`procedure` and `template` are both missing"));
        assert!(msg("name,name,surgery_date,procedure\n").contains("`name` is named twice"));
        let big = format!(
            "name,surgery_date,procedure\n{}",
            "Ana,2026-12-01,acdf\n".repeat(MAX_ROWS + 1)
        );
        assert!(msg(&big).contains(&format!("more than {MAX_ROWS} patients")));
        let most = format!(
            "name,surgery_date,procedure\n{}",
            "Ana,2026-12-01,acdf\n".repeat(MAX_ROWS)
        );
        assert_eq!(read(most.as_bytes()).expect("reads").0.len(), MAX_ROWS);
        assert!(errors_of("name,surgery_date,procedure\nAna,2026-12-01,acdf\n").is_empty());
    }
}
