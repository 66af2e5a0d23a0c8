//! Org units as CSV: the template offered for download and the parser of uploaded files,
//! bounded in size and shape, reporting problems row by row.

use super::org_unit::{OrgUnitForm, OrgUnitInput};

/// The columns, in the template's order.
pub const COLUMNS: [&str; 10] = [
    "code",
    "name",
    "kind",
    "parent_code",
    "valid_from",
    "valid_to",
    "parent_line",
    "issuer_line",
    "abbreviation",
    "place_name",
];

pub const MAX_BYTES: usize = 1024 * 1024;
pub const MAX_ROWS: usize = 5000;

pub use super::sheet::{FileError, RowError};

/// A row that parsed and validated, with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    pub line: usize,
    pub input: OrgUnitInput,
}

/// The template: the header and two example rows, with a BOM so Excel reads it as UTF-8.
pub fn template() -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
    out.push_str("QNG,Tỉnh Quảng Ngãi,province,,2025-07-01,,,ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI,UBND,Quảng Ngãi\n");
    out.push_str(
        "SYT,Sở Y tế,department,QNG,2025-07-01,,UBND TỈNH QUẢNG NGÃI,SỞ Y TẾ,SYT,Quảng Ngãi\n",
    );
    out
}

/// A line's cells as the unit form takes them, in the template's column order.
fn form_of(record: &csv::StringRecord) -> OrgUnitForm {
    let cell = |i: usize| record.get(i).unwrap_or_default().to_string();
    OrgUnitForm {
        code: cell(0),
        name: cell(1),
        kind: cell(2),
        parent_code: cell(3),
        valid_from: cell(4),
        valid_to: cell(5),
        parent_line: cell(6),
        issuer_line: cell(7),
        abbreviation: cell(8),
        place_name: cell(9),
    }
}

/// Parses an uploaded file. File-level problems refuse the whole file before any row is read;
/// row problems come back with the valid rows so the caller decides what to import.
pub fn parse(bytes: &[u8]) -> Result<(Vec<ParsedRow>, Vec<RowError>), FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError {
            key: "import.err_too_big",
            arg: "1 MB".into(),
        });
    }
    let text = super::sheet::csv_text_of(bytes)?;
    let mut reader = super::sheet::csv_reader(text);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        _ => return Err(header_error()),
    };
    if header != COLUMNS {
        return Err(header_error());
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, record) in records.enumerate() {
        if index >= MAX_ROWS {
            return Err(FileError {
                key: "import.err_too_many_rows",
                arg: MAX_ROWS.to_string(),
            });
        }
        let line = index + 2;
        let record = match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(r) if r.len() == COLUMNS.len() => r,
            // A line that does not split into the template's columns.
            _ => {
                errors.push(RowError {
                    line,
                    column: String::new(),
                    key: "import.err_columns",
                    arg: None,
                });
                continue;
            }
        };
        match OrgUnitInput::try_from(&form_of(&record)) {
            Ok(input) => {
                if !seen.insert(input.code.clone()) {
                    errors.push(RowError {
                        line,
                        column: "code".into(),
                        key: "import.err_duplicate",
                        arg: None,
                    });
                } else {
                    rows.push(ParsedRow { line, input });
                }
            }
            Err(field_errors) => errors.extend(field_errors.iter().map(|(field, e)| RowError {
                line,
                column: field.to_string(),
                key: e.key,
                arg: e.arg.clone(),
            })),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(FileError {
            key: "import.err_empty",
            arg: String::new(),
        });
    }
    Ok((rows, errors))
}

fn header_error() -> FileError {
    FileError {
        key: "import.err_header",
        arg: COLUMNS.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_parses_as_two_valid_rows() {
        let (rows, errors) = parse(template().as_bytes()).expect("template parses");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].input.parent_code.as_deref(), Some("QNG"));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn semicolons_are_accepted_as_excel_writes_them() {
        let text = template().replace(',', ";");
        let (rows, _) = parse(text.as_bytes()).expect("parses");
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_column() {
        let text = format!(
            "{}\nSYT,Sở Y tế,department,QNG,31/02/2025,,UBND,SỞ Y TẾ,SYT,Quảng Ngãi\nX,only three,cells\nSYT2,,department,,2025-01-01,,A,B,C,D\n",
            COLUMNS.join(",")
        );
        let (rows, errors) = parse(text.as_bytes()).expect("parses");
        assert!(rows.is_empty());
        assert_eq!(
            errors[0],
            RowError {
                line: 2,
                column: "valid_from".into(),
                key: "err.date",
                arg: None
            }
        );
        assert_eq!(errors[1].line, 3);
        assert_eq!(errors[1].key, "import.err_columns");
        assert_eq!(
            errors[2],
            RowError {
                line: 4,
                column: "name".into(),
                key: "err.required",
                arg: None
            }
        );
    }

    #[test]
    fn files_of_the_wrong_shape_are_refused_whole() {
        assert_eq!(
            parse(&[0xff, 0xfe, 0x00])
                .map(|_| ())
                .expect_err("refused")
                .key,
            "import.err_encoding"
        );
        assert_eq!(
            parse(b"ma,ten\n1,2\n")
                .map(|_| ())
                .expect_err("refused")
                .key,
            "import.err_header"
        );
        assert_eq!(
            parse(&vec![b' '; MAX_BYTES + 1])
                .map(|_| ())
                .expect_err("refused")
                .key,
            "import.err_too_big"
        );
        assert_eq!(
            parse(COLUMNS.join(",").as_bytes())
                .map(|_| ())
                .expect_err("refused")
                .key,
            "import.err_empty"
        );
        let many = format!(
            "{}\n{}",
            COLUMNS.join(","),
            "A,B,other,,2025-01-01,,P,I,A,P\n".repeat(MAX_ROWS + 1)
        );
        assert_eq!(
            parse(many.as_bytes()).map(|_| ()).expect_err("refused").key,
            "import.err_too_many_rows"
        );
    }

    #[test]
    fn a_repeated_code_is_an_error_of_the_later_row() {
        let text = format!(
            "{}\nA,Một,other,,2025-01-01,,P,I,A,P\na,Hai,other,,2025-01-01,,P,I,A,P\n",
            COLUMNS.join(",")
        );
        let (rows, errors) = parse(text.as_bytes()).expect("parses");
        assert_eq!(rows.len(), 1);
        assert_eq!(errors[0].key, "import.err_duplicate");
        assert_eq!(errors[0].line, 3);
    }
}
