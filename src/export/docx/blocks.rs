//! The document's blocks as WordprocessingML: the header and title blocks of the decree, body
//! headings, paragraphs, list items and tables, the closing with the signature, appendices.

use super::para::{line, paragraph, Para, Style};
use super::table::table_xml;
use super::{metrics, BODY_SIZE, FIRST_LINE, PARAGRAPH_AFTER};
use crate::export::model::{
    size, Align, Appendix, Block, Closing, Document, Level, Run, MOTTO, NATIONAL_TITLE,
};

/// A solid rule `rule` twips long, centred in `within`: the bottom border of an empty, very
/// low paragraph narrowed by its indents.
pub(super) fn rule(out: &mut String, within: u32, rule: u32) {
    let side = within.saturating_sub(rule) / 2;
    out.push_str(&format!(
        r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>"#
    ));
}

/// The part of a text's width the decree's short rules take (1/3 to 1/2: two fifths), for a
/// text that may wrap within `within`.
pub(super) fn short_rule(text: &str, half_points: u32, within: u32) -> u32 {
    metrics::width(text, half_points, true).min(within) * 2 / 5
}

/// A borderless table of two columns (≈ 40% and 60%) for the header and signature blocks.
pub(super) fn two_columns(out: &mut String, width: u32, rows: &[[String; 2]]) {
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
pub(super) fn header_block(out: &mut String, doc: &Document, width: u32) {
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
pub(super) fn title_block(out: &mut String, doc: &Document, width: u32) {
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

pub(super) fn write_block(out: &mut String, block: &Block, width: u32, table_size: u32) {
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
/// Decree cells 7 and 9b: the recipients on the left, level with the signature block on the
/// right, with room to sign above the signer's name.
pub(super) fn closing_block(out: &mut String, closing: &Closing, width: u32) {
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
pub(super) fn appendix_block(out: &mut String, appendix: &Appendix, width: u32) {
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
