//! Paragraphs and runs as WordprocessingML: a paragraph's layout (alignment, indents,
//! spacing), a run's look (size, emphasis), and text written out as runs.

use super::xml::{clean, escape};
use super::{BODY_LINE, FIRST_LINE, PARAGRAPH_AFTER};
use crate::export::model::{Align, Run};

/// A run's look: size and the emphasis every run of the paragraph gets.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) size: u32,
    pub(super) bold: bool,
    pub(super) italic: bool,
}

impl Style {
    pub(super) fn new(size: u32) -> Self {
        Self {
            size,
            bold: false,
            italic: false,
        }
    }

    pub(super) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub(super) fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
}

/// A paragraph's layout.
#[derive(Clone, Copy)]
pub(super) struct Para {
    pub(super) jc: &'static str,
    pub(super) first_line: u32,
    pub(super) left: u32,
    pub(super) right: u32,
    pub(super) before: u32,
    pub(super) after: u32,
    /// Line spacing in 240ths of a line.
    pub(super) line: u32,
    pub(super) keep_next: bool,
}

impl Para {
    /// Body text: justified, first line indented 1.27 cm, 6 pt after.
    pub(super) fn body() -> Self {
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
    pub(super) fn centered() -> Self {
        Self {
            jc: "center",
            first_line: 0,
            after: 0,
            line: 240,
            ..Self::body()
        }
    }

    pub(super) fn aligned(align: Align) -> Self {
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

    pub(super) fn before(mut self, twips: u32) -> Self {
        self.before = twips;
        self
    }

    pub(super) fn after(mut self, twips: u32) -> Self {
        self.after = twips;
        self
    }

    pub(super) fn keep_next(mut self) -> Self {
        self.keep_next = true;
        self
    }

    pub(super) fn ppr(&self, size: u32) -> String {
        let keep = if self.keep_next { "<w:keepNext/>" } else { "" };
        format!(
            r#"<w:pPr>{keep}<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="auto"/><w:ind w:left="{}" w:right="{}" w:firstLine="{}"/><w:jc w:val="{}"/><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:pPr>"#,
            self.before, self.after, self.line, self.left, self.right, self.first_line, self.jc
        )
    }
}

pub(super) fn rpr(size: u32, bold: bool, italic: bool, underline: bool) -> String {
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
pub(super) fn runs_xml(out: &mut String, runs: &[Run], style: Style) {
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

pub(super) fn paragraph(out: &mut String, para: &Para, runs: &[Run], style: Style) {
    out.push_str("<w:p>");
    out.push_str(&para.ppr(style.size));
    runs_xml(out, runs, style);
    out.push_str("</w:p>");
}

pub(super) fn line(out: &mut String, para: &Para, text: &str, style: Style) {
    paragraph(out, para, &[Run::plain(text)], style);
}
