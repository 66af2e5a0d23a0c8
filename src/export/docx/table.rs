//! A table as WordprocessingML: widths shared by the columns' weights, header rows repeated on
//! each page, merged cells as `gridSpan` across and `vMerge` down.

use super::para::{line, paragraph, Para, Style};
use crate::export::html::grid_width;
use crate::export::model::{Align, Cell, RowKind, Table, TableRow};

/// A bordered table: widths shared by the columns' weights, header rows repeated on each page,
/// merged cells as `gridSpan` across and `vMerge` down.
pub(super) fn table_xml(out: &mut String, table: &Table, width: u32, size: u32) {
    if let Some(unit) = &table.unit {
        line(
            out,
            &Para::aligned(Align::Right).after(60).keep_next(),
            unit,
            Style::new(size).italic(),
        );
    }
    let grid = grid_width(&table.rows).max(table.columns.len());
    let widths = widths(table, grid, width);
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .map(|side| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#))
        .concat();
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="20" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
    ));
    for w in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    let mut rows = Rows {
        table,
        widths,
        size,
        below: vec![None; grid],
    };
    for row in &table.rows {
        rows.row_xml(out, row);
    }
    out.push_str("</w:tbl>");
}

/// The width of each grid column in twips: `width` shared by the columns' weights, the last
/// column taking what rounding leaves.
fn widths(table: &Table, grid: usize, width: u32) -> Vec<u32> {
    let weights: Vec<u32> = (0..grid)
        .map(|i| {
            table
                .columns
                .get(i)
                .map_or(1, |c| u32::from(c.weight.max(1)))
        })
        .collect();
    let total: u32 = weights.iter().sum();
    let mut widths: Vec<u32> = weights.iter().map(|w| width * w / total).collect();
    let used: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += width - used;
    }
    widths
}

/// The rows of a table being written, with the cells still spanning down into later rows.
struct Rows<'a> {
    table: &'a Table,
    widths: Vec<u32>,
    size: u32,
    /// By grid column: the rows a cell from above still spans, and its width in columns.
    below: Vec<Option<(u16, usize)>>,
}

impl Rows<'_> {
    fn row_xml(&mut self, out: &mut String, row: &TableRow) {
        let grid = self.widths.len();
        let header = row.kind == RowKind::Header;
        out.push_str("<w:tr>");
        if header {
            out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        }
        let mut cells = row.cells.iter();
        let mut col = 0;
        while col < grid {
            if let Some((left, span)) = self.below[col] {
                let span = span.min(grid - col);
                let w: u32 = self.widths[col..col + span].iter().sum();
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p/></w:tc>"#,
                    grid_span(span)
                ));
                self.below[col] = (left > 1).then_some((left - 1, span));
                col += span;
                continue;
            }
            let Some(cell) = cells.next() else {
                // A short row is filled up with empty cells.
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p/></w:tc>"#,
                    self.widths[col]
                ));
                col += 1;
                continue;
            };
            col += self.cell_xml(out, cell, col, row.kind);
        }
        out.push_str("</w:tr>");
    }

    /// A cell starting at grid column `col`; the number of grid columns it spans.
    fn cell_xml(&mut self, out: &mut String, cell: &Cell, col: usize, kind: RowKind) -> usize {
        let header = kind == RowKind::Header;
        let span = usize::from(cell.colspan).min(self.widths.len() - col);
        let w: u32 = self.widths[col..col + span].iter().sum();
        let merge = if cell.rowspan > 1 {
            self.below[col] = Some((cell.rowspan - 1, span));
            r#"<w:vMerge w:val="restart"/>"#
        } else {
            ""
        };
        let v_align = if header || cell.rowspan > 1 {
            r#"<w:vAlign w:val="center"/>"#
        } else {
            ""
        };
        out.push_str(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{}{merge}{v_align}</w:tcPr>"#,
            grid_span(span)
        ));
        let align = cell
            .align
            .or_else(|| {
                (!header)
                    .then(|| self.table.columns.get(col).map(|c| c.align))
                    .flatten()
            })
            .unwrap_or(Align::Center);
        let para = Para {
            first_line: 0,
            before: 20,
            after: 20,
            line: 240,
            ..Para::aligned(if align == Align::Justify {
                Align::Left
            } else {
                align
            })
        };
        let mut style = Style::new(self.size);
        style.bold = matches!(kind, RowKind::Header | RowKind::Group | RowKind::Total);
        paragraph(out, &para, &cell.runs, style);
        out.push_str("</w:tc>");
        span
    }
}

fn grid_span(span: usize) -> String {
    if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    }
}
