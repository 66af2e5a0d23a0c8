//! Tables as an XLSX workbook: one sheet each, bold framed header rows that stay in view,
//! numbers as numbers with their format, text that can never run as a formula (the cells come
//! from `domain::sheet`, which neutralizes it).

use crate::domain::sheet::{Cell, SheetColumn};
use crate::domain::tables::Kind;

#[derive(Debug, thiserror::Error)]
#[error("XLSX: {0}")]
pub struct XlsxError(String);

/// One sheet of a workbook.
pub struct SheetData {
    pub name: String,
    pub headers: Vec<String>,
    pub columns: Vec<SheetColumn>,
    pub rows: Vec<Vec<Cell>>,
}

/// A workbook of sheets: bold framed header rows that stay in view, numbers as numbers with
/// their format, text as text (never a formula).
pub fn xlsx_bytes(sheets: &[SheetData]) -> Result<Vec<u8>, XlsxError> {
    use rust_xlsxwriter::{Color, Format as XFormat, FormatAlign, FormatBorder, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| XlsxError(e.to_string());
    let mut book = Workbook::new();
    let header = XFormat::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDCE6F1))
        .set_border(FormatBorder::Thin);
    let text = XFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let amount = XFormat::new()
        .set_num_format("#,##0.###")
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let whole = XFormat::new()
        .set_num_format("0")
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let mut used = Vec::new();
    for data in sheets {
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheet_name(&data.name, &mut used))
            .map_err(err)?;
        for (c, (title, column)) in data.headers.iter().zip(&data.columns).enumerate() {
            let c = c as u16;
            sheet
                .write_string_with_format(0, c, title, &header)
                .map_err(err)?;
            let width = if column.numeric() {
                14.0
            } else if column.field == "name" {
                40.0
            } else {
                22.0
            };
            sheet.set_column_width(c, width).map_err(err)?;
        }
        sheet.set_row_height(0, 45).map_err(err)?;
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in data.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, (cell, column)) in row.iter().zip(&data.columns).enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(t) => sheet.write_string_with_format(r, c, t, &text).map(|_| ()),
                    Cell::Number(n) => {
                        let f = if matches!(column.kind(), Some(Kind::Count | Kind::Year)) {
                            &whole
                        } else {
                            &amount
                        };
                        sheet.write_number_with_format(r, c, *n, f).map(|_| ())
                    }
                    Cell::Empty => sheet.write_blank(r, c, &text).map(|_| ()),
                }
                .map_err(err)?;
            }
        }
    }
    book.save_to_buffer().map_err(err)
}

/// A sheet name a spreadsheet accepts: at most 31 characters, none of `[]:*?/\`, not empty,
/// and unlike the names already `used` (compared without case, as spreadsheets do).
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let base: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    let base = if base.trim().is_empty() {
        "Sheet".to_string()
    } else {
        base.trim().to_string()
    };
    let mut name = base.clone();
    let mut n = 1;
    while used.contains(&name.to_lowercase()) {
        n += 1;
        let suffix = format!(" ({n})");
        let room = 31 - suffix.chars().count();
        name = base.chars().take(room).collect::<String>() + &suffix;
    }
    used.push(name.to_lowercase());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut used = Vec::new();
        assert_eq!(
            sheet_name("CSDL/HTTT: bộ, ngành", &mut used),
            "CSDLHTTT bộ, ngành"
        );
        assert_eq!(
            sheet_name("csdlhttt BỘ, NGÀNH", &mut used),
            "csdlhttt BỘ, NGÀNH (2)"
        );
        let long = "Hoạt động bảo đảm an toàn thông tin mạng";
        let first = sheet_name(long, &mut used);
        let second = sheet_name(long, &mut used);
        assert_eq!(first.chars().count(), 31);
        assert!(second.ends_with(" (2)") && second.chars().count() == 31);
        assert_eq!(sheet_name("[]", &mut used), "Sheet");
    }
}
