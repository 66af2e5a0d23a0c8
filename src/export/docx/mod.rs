//! An official document as DOCX, written directly as WordprocessingML in a zip: A4, the
//! decree's margins, Times New Roman, each element's size and style from REFERENCE §1, page
//! numbers at the top from page 2, appendices in landscape sections numbered on their own.
//!
//! Sizes below are in half-points (Word's unit: 28 is 14 pt) and lengths in twips (1/20 pt,
//! 1/1440 inch).

mod blocks;
mod metrics;
mod para;
mod parts;
mod table;
pub mod xml;

use super::model::{size, Document, Margins, Run};
use blocks::{appendix_block, closing_block, header_block, title_block, write_block};
use para::{paragraph, Para, Style};
use parts::{HEADER_EMPTY, HEADER_PAGE_NUMBER, R_NS, W_NS};
use std::io::{Cursor, Write};

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
