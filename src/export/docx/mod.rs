//! An official document as DOCX, written directly as WordprocessingML in a zip: A4, the
//! decree's margins, Times New Roman, each element's size and style from REFERENCE §1, page
//! numbers at the top from page 2, appendices in landscape sections numbered on their own.
//!
//! Sizes below are in half-points (Word's unit: 28 is 14 pt) and lengths in twips (1/20 pt,
//! 1/1440 inch).

mod metrics;
mod parts;
pub mod xml;

use super::html::grid_width;
use super::model::{
    size, Align, Appendix, Block, Closing, Document, Level, Margins, RowKind, Run, Table, MOTTO,
    NATIONAL_TITLE,
};
use parts::{HEADER_EMPTY, HEADER_PAGE_NUMBER, R_NS, W_NS};
use std::io::{Cursor, Write};
use xml::{clean, escape};

pub const FONT: &str = "Times New Roman";
/// Body text: 14 pt.
pub const BODY_SIZE: u32 = size::BODY;

/// A4 in twips.
pub const A4_WIDTH: u32 = 11906;
pub const A4_HEIGHT: u32 = 16838;
/// The first-line indent of body paragraphs: 1.27 cm.
pub const FIRST_LINE: u32 = 720;
/// 6 pt between paragraphs.
pub const PARAGRAPH_AFTER: u32 = 120;
/// Line spacing of the body, in 240ths of a line: 1.2 lines, between single and 1.5.
pub const BODY_LINE: u32 = 288;

/// Millimetres in twips, rounded: 20 mm is 1134.
pub fn twips(mm: u8) -> u32 {
    (f64::from(mm) * 1440.0 / 25.4).round() as u32
}

#[derive(Debug, thiserror::Error)]
#[error("DOCX: {0}")]
pub struct DocxError(String);

/// The document as the bytes of a .docx file.
pub fn write(doc: &Document, margins: Margins) -> Result<Vec<u8>, DocxError> {
    let document = document_xml(doc, margins);
    let files: [(&str, String); 9] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_string()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        (
            "word/header1.xml",
            parts::page_number_header(size::PAGE_NUMBER),
        ),
        ("word/header2.xml", parts::empty_header()),
        (
            "docProps/core.xml",
            parts::core_properties(&doc.title.subject, &doc.header.issuing_body),
        ),
    ];
    let err = |e: zip::result::ZipError| DocxError(e.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time, so that the same document always gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in files
        .iter()
        .map(|(n, t)| (*n, t.as_str()))
        .chain([("docProps/app.xml", parts::APP_PROPERTIES)])
    {
        zip.start_file(name, options).map_err(err)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| DocxError(e.to_string()))?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// The page's geometry for a section.
#[derive(Clone, Copy)]
struct Page {
    margins: Margins,
    landscape: bool,
}

impl Page {
    fn size(self) -> (u32, u32) {
        if self.landscape {
            (A4_HEIGHT, A4_WIDTH)
        } else {
            (A4_WIDTH, A4_HEIGHT)
        }
    }

    /// The width between the left and right margins.
    fn text_width(self) -> u32 {
        let [_, _, left, right] = self.margins.millimetres();
        self.size().0 - twips(left) - twips(right)
    }

    /// The section's properties: size, margins, the page number from the second page (the
    /// first page's header is empty) and, for an appendix, numbering that starts again.
    fn sect_pr(self, restart: bool) -> String {
        let (w, h) = self.size();
        let [top, bottom, left, right] = self.margins.millimetres().map(twips);
        let orient = if self.landscape {
            r#" w:orient="landscape""#
        } else {
            ""
        };
        let start = if restart { r#" w:start="1""# } else { "" };
        format!(
            r#"<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_PAGE_NUMBER}"/><w:headerReference w:type="first" r:id="{HEADER_EMPTY}"/><w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:fmt="decimal"{start}/><w:titlePg/></w:sectPr>"#
        )
    }
}

fn document_xml(doc: &Document, margins: Margins) -> String {
    let portrait = Page {
        margins,
        landscape: false,
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(&format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#
    ));
    let width = portrait.text_width();
    header_block(&mut out, doc, width);
    title_block(&mut out, doc, width);
    for line in &doc.basis {
        paragraph(
            &mut out,
            &Para::body(),
            &[Run::plain(line.as_str())],
            Style::new(BODY_SIZE).italic(),
        );
    }
    for block in &doc.body {
        write_block(&mut out, block, width, size::BODY_TABLE);
    }
    closing_block(&mut out, &doc.closing, width);
    let mut last = portrait.sect_pr(false);
    for appendix in &doc.appendices {
        // A section's properties close it: the previous section's go in a last paragraph.
        out.push_str(&format!(
            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{last}</w:pPr></w:p>"#
        ));
        let page = Page {
            margins,
            landscape: appendix.landscape,
        };
        appendix_block(&mut out, appendix, page.text_width());
        last = page.sect_pr(true);
    }
    out.push_str(&last);
    out.push_str("</w:body></w:document>");
    out
}

/// A run's look: size and the emphasis every run of the paragraph gets.
#[derive(Clone, Copy)]
struct Style {
    size: u32,
    bold: bool,
    italic: bool,
}

impl Style {
    fn new(size: u32) -> Self {
        Self {
            size,
            bold: false,
            italic: false,
        }
    }

    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
}

/// A paragraph's layout.
#[derive(Clone, Copy)]
struct Para {
    jc: &'static str,
    first_line: u32,
    left: u32,
    right: u32,
    before: u32,
    after: u32,
    /// Line spacing in 240ths of a line.
    line: u32,
    keep_next: bool,
}

impl Para {
    /// Body text: justified, first line indented 1.27 cm, 6 pt after.
    fn body() -> Self {
        Self {
            jc: "both",
            first_line: FIRST_LINE,
            left: 0,
            right: 0,
            before: 0,
            after: PARAGRAPH_AFTER,
            line: BODY_LINE,
            keep_next: false,
        }
    }

    /// A centred line with no space around it (header, title, signature).
    fn centered() -> Self {
        Self {
            jc: "center",
            first_line: 0,
            after: 0,
            line: 240,
            ..Self::body()
        }
    }

    fn aligned(align: Align) -> Self {
        match align {
            Align::Justify => Self::body(),
            Align::Left => Self {
                jc: "left",
                first_line: 0,
                ..Self::body()
            },
            Align::Center => Self {
                jc: "center",
                first_line: 0,
                ..Self::body()
            },
            Align::Right => Self {
                jc: "right",
                first_line: 0,
                ..Self::body()
            },
        }
    }

    fn before(mut self, twips: u32) -> Self {
        self.before = twips;
        self
    }

    fn after(mut self, twips: u32) -> Self {
        self.after = twips;
        self
    }

    fn keep_next(mut self) -> Self {
        self.keep_next = true;
        self
    }

    fn ppr(&self, size: u32) -> String {
        let keep = if self.keep_next { "<w:keepNext/>" } else { "" };
        format!(
            r#"<w:pPr>{keep}<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="auto"/><w:ind w:left="{}" w:right="{}" w:firstLine="{}"/><w:jc w:val="{}"/><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:pPr>"#,
            self.before, self.after, self.line, self.left, self.right, self.first_line, self.jc
        )
    }
}

fn rpr(size: u32, bold: bool, italic: bool, underline: bool) -> String {
    let mut out = String::from("<w:rPr>");
    if bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    out.push_str(&format!(
        r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#
    ));
    if underline {
        out.push_str(r#"<w:u w:val="single"/>"#);
    }
    out.push_str("</w:rPr>");
    out
}

/// Runs as `w:r` elements: text escaped, line feeds as breaks, tabs as tabs.
fn runs_xml(out: &mut String, runs: &[Run], style: Style) {
    for run in runs {
        let text = clean(&run.text);
        if text.is_empty() {
            continue;
        }
        out.push_str("<w:r>");
        out.push_str(&rpr(
            style.size,
            style.bold || run.bold,
            style.italic || run.italic,
            run.underline,
        ));
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !part.is_empty() {
                    out.push_str(r#"<w:t xml:space="preserve">"#);
                    out.push_str(&escape(part));
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
    }
}

fn paragraph(out: &mut String, para: &Para, runs: &[Run], style: Style) {
    out.push_str("<w:p>");
    out.push_str(&para.ppr(style.size));
    runs_xml(out, runs, style);
    out.push_str("</w:p>");
}

fn line(out: &mut String, para: &Para, text: &str, style: Style) {
    paragraph(out, para, &[Run::plain(text)], style);
}

/// A solid rule `rule` twips long, centred in `within`: the bottom border of an empty, very
/// low paragraph narrowed by its indents.
fn rule(out: &mut String, within: u32, rule: u32) {
    let side = within.saturating_sub(rule) / 2;
    out.push_str(&format!(
        r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>"#
    ));
}

/// The part of a text's width the decree's short rules take (1/3 to 1/2: two fifths), for a
/// text that may wrap within `within`.
fn short_rule(text: &str, half_points: u32, within: u32) -> u32 {
    metrics::width(text, half_points, true).min(within) * 2 / 5
}

/// A borderless table of two columns (≈ 40% and 60%) for the header and signature blocks.
fn two_columns(out: &mut String, width: u32, rows: &[[String; 2]]) {
    let left = width * 2 / 5;
    let right = width - left;
    let none = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .map(|side| format!(r#"<w:{side} w:val="nil"/>"#))
        .concat();
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>"#
    ));
    for [l, r] in rows {
        out.push_str("<w:tr>");
        for (cell_width, content) in [(left, l), (right, r)] {
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{cell_width}" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
                if content.is_empty() {
                    "<w:p/>"
                } else {
                    content
                }
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// Decree cells 1–4: parent and issuing body with its rule, beside the national title and the
/// motto with its rule; the number beside the place and date.
fn header_block(out: &mut String, doc: &Document, width: u32) {
    let left = width * 2 / 5;
    let right = width - left;
    let h = &doc.header;
    let mut bodies = String::new();
    if !h.parent_body.is_empty() {
        line(
            &mut bodies,
            &Para::centered(),
            &h.parent_body,
            Style::new(size::PARENT_BODY),
        );
    }
    line(
        &mut bodies,
        &Para::centered(),
        &h.issuing_body,
        Style::new(size::ISSUING_BODY).bold(),
    );
    rule(
        &mut bodies,
        left,
        short_rule(&h.issuing_body, size::ISSUING_BODY, left),
    );
    let mut nation = String::new();
    line(
        &mut nation,
        &Para::centered(),
        NATIONAL_TITLE,
        Style::new(size::NATIONAL_TITLE).bold(),
    );
    line(
        &mut nation,
        &Para::centered(),
        MOTTO,
        Style::new(size::MOTTO).bold(),
    );
    rule(
        &mut nation,
        right,
        metrics::width(MOTTO, size::MOTTO, true).min(right),
    );
    let mut number = String::new();
    line(
        &mut number,
        &Para::centered().before(120),
        &h.number_line,
        Style::new(size::NUMBER),
    );
    let mut date = String::new();
    line(
        &mut date,
        &Para::centered().before(120),
        &h.date_line,
        Style::new(size::DATE).italic(),
    );
    two_columns(out, width, &[[bodies, nation], [number, date]]);
}

/// Decree cell 5a: `KẾ HOẠCH`, the subject and its rule.
fn title_block(out: &mut String, doc: &Document, width: u32) {
    let style = Style::new(size::TITLE).bold();
    line(out, &Para::centered().before(480), &doc.title.kind, style);
    line(out, &Para::centered(), &doc.title.subject, style);
    rule(
        out,
        width,
        short_rule(&doc.title.subject, size::TITLE, width),
    );
    out.push_str(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr></w:p>"#);
}

fn write_block(out: &mut String, block: &Block, width: u32, table_size: u32) {
    match block {
        Block::Heading {
            level: Level::Part,
            numbering,
            title,
        } => {
            let style = Style::new(BODY_SIZE).bold();
            if !numbering.is_empty() {
                line(
                    out,
                    &Para::centered().before(240).keep_next(),
                    numbering,
                    style,
                );
            }
            line(
                out,
                &Para::centered().after(PARAGRAPH_AFTER).keep_next(),
                title,
                style,
            );
        }
        Block::Heading {
            level,
            numbering,
            title,
        } => {
            let text = if numbering.is_empty() {
                title.clone()
            } else {
                format!("{numbering} {title}")
            };
            let style = match level {
                Level::Section | Level::Item => Style::new(BODY_SIZE).bold(),
                _ => Style::new(BODY_SIZE),
            };
            line(out, &Para::body().keep_next(), &text, style);
        }
        Block::Paragraph { runs, align } => {
            paragraph(out, &Para::aligned(*align), runs, Style::new(BODY_SIZE));
        }
        Block::ListItem {
            marker,
            depth,
            runs,
        } => {
            let mut all = Vec::with_capacity(runs.len() + 1);
            if !marker.is_empty() {
                all.push(Run::plain(format!("{marker} ")));
            }
            all.extend(runs.iter().cloned());
            let para = Para {
                first_line: FIRST_LINE + u32::from(*depth) * 360,
                ..Para::body()
            };
            paragraph(out, &para, &all, Style::new(BODY_SIZE));
        }
        Block::Table(table) => {
            table_xml(out, table, width, table_size);
            // Two tables in a row would merge into one; a paragraph keeps them apart.
            out.push_str(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr></w:p>"#);
        }
    }
}

/// A bordered table: widths shared by the columns' weights, header rows repeated on each page,
/// merged cells as `gridSpan` across and `vMerge` down.
fn table_xml(out: &mut String, table: &Table, width: u32, size: u32) {
    if let Some(unit) = &table.unit {
        line(
            out,
            &Para::aligned(Align::Right).after(60).keep_next(),
            unit,
            Style::new(size).italic(),
        );
    }
    let grid = grid_width(&table.rows).max(table.columns.len());
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
    // The cells still spanning down into later rows, by grid column: rows left and width.
    let mut below: Vec<Option<(u16, usize)>> = vec![None; grid];
    for row in &table.rows {
        let header = row.kind == RowKind::Header;
        out.push_str("<w:tr>");
        if header {
            out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        }
        let strong = matches!(row.kind, RowKind::Header | RowKind::Group | RowKind::Total);
        let mut cells = row.cells.iter();
        let mut col = 0;
        while col < grid {
            if let Some((left, span)) = below[col] {
                let span = span.min(grid - col);
                let w: u32 = widths[col..col + span].iter().sum();
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p/></w:tc>"#,
                    grid_span(span)
                ));
                below[col] = (left > 1).then_some((left - 1, span));
                col += span;
                continue;
            }
            let Some(cell) = cells.next() else {
                // A short row is filled up with empty cells.
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p/></w:tc>"#,
                    widths[col]
                ));
                col += 1;
                continue;
            };
            let span = usize::from(cell.colspan).min(grid - col);
            let w: u32 = widths[col..col + span].iter().sum();
            let merge = if cell.rowspan > 1 {
                below[col] = Some((cell.rowspan - 1, span));
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
                        .then(|| table.columns.get(col).map(|c| c.align))
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
            let mut style = Style::new(size);
            style.bold = strong;
            paragraph(out, &para, &cell.runs, style);
            out.push_str("</w:tc>");
            col += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn grid_span(span: usize) -> String {
    if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    }
}

/// Decree cells 7 and 9b: the recipients on the left, level with the signature block on the
/// right, with room to sign above the signer's name.
fn closing_block(out: &mut String, closing: &Closing, width: u32) {
    out.push_str(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr></w:p>"#);
    let mut left = String::new();
    line(
        &mut left,
        &Para::aligned(Align::Left).after(0),
        "Nơi nhận:",
        Style::new(size::RECIPIENTS_LABEL).bold().italic(),
    );
    for recipient in &closing.recipients {
        line(
            &mut left,
            &Para {
                line: 240,
                ..Para::aligned(Align::Left).after(0)
            },
            recipient,
            Style::new(size::RECIPIENTS),
        );
    }
    let mut right = String::new();
    let style = Style::new(size::SIGNATURE).bold();
    for text in [&closing.authority, &closing.title] {
        if !text.is_empty() {
            line(&mut right, &Para::centered(), text, style);
        }
    }
    for _ in 0..4 {
        line(&mut right, &Para::centered(), "", style);
    }
    line(&mut right, &Para::centered(), &closing.signer, style);
    two_columns(out, width, &[[left, right]]);
}

/// An appendix: its number, title and reference line centred, then its tables.
fn appendix_block(out: &mut String, appendix: &Appendix, width: u32) {
    let style = Style::new(size::APPENDIX).bold();
    line(out, &Para::centered(), &appendix.number, style);
    line(out, &Para::centered(), &appendix.title, style);
    line(
        out,
        &Para::centered().after(240),
        &appendix.reference,
        Style::new(size::APPENDIX).italic(),
    );
    for block in &appendix.blocks {
        write_block(out, block, width, size::APPENDIX_TABLE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_convert_to_the_decrees_twips() {
        assert_eq!(
            [20, 25, 30, 35, 15].map(twips),
            [1134, 1417, 1701, 1984, 850]
        );
    }
}
