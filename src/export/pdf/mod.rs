//! An official document as PDF, typeset in the process from the same model as the DOCX and
//! with the same rules: A4, the decree's margins, each element's size, page numbers at the top
//! from page 2, appendices on their own (landscape) pages numbered on their own. The layout is
//! one typst template; the document reaches it as JSON data, never as markup.

use super::docx::xml::clean;
use super::model::{size, Document, Margins, MOTTO, NATIONAL_TITLE};
use super::typeset::{self, TypesetError, FONT_FAMILY};
use serde::Serialize;

const TEMPLATE: &str = include_str!("document.typ");

/// The sizes the template uses, in points (the model keeps Word's half-points).
#[derive(Serialize)]
struct Sizes {
    body: f32,
    parent_body: f32,
    issuing_body: f32,
    number: f32,
    date: f32,
    national_title: f32,
    motto: f32,
    title: f32,
    page_number: f32,
    recipients_label: f32,
    recipients: f32,
    signature: f32,
    appendix: f32,
    body_table: f32,
    appendix_table: f32,
}

fn points(half_points: u32) -> f32 {
    half_points as f32 / 2.0
}

impl Sizes {
    fn of_the_decree() -> Self {
        Self {
            body: points(size::BODY),
            parent_body: points(size::PARENT_BODY),
            issuing_body: points(size::ISSUING_BODY),
            number: points(size::NUMBER),
            date: points(size::DATE),
            national_title: points(size::NATIONAL_TITLE),
            motto: points(size::MOTTO),
            title: points(size::TITLE),
            page_number: points(size::PAGE_NUMBER),
            recipients_label: points(size::RECIPIENTS_LABEL),
            recipients: points(size::RECIPIENTS),
            signature: points(size::SIGNATURE),
            appendix: points(size::APPENDIX),
            body_table: points(size::BODY_TABLE),
            appendix_table: points(size::APPENDIX_TABLE),
        }
    }
}

/// What the template reads: the document, and how to print it.
#[derive(Serialize)]
struct Input<'a> {
    #[serde(flatten)]
    document: &'a Document,
    font: &'static str,
    national_title: &'static str,
    motto: &'static str,
    sizes: Sizes,
    /// Top, bottom, left, right in millimetres.
    margins: [u8; 4],
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    #[error("Không chuyển được văn bản thành dữ liệu để dàn trang (the document could not be written as data): {0}")]
    Data(#[from] serde_json::Error),
}

/// Every text as the DOCX has it too: characters no document may hold dropped, long words
/// given places to break.
fn clean_strings(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) => *text = clean(text),
        Value::Array(items) => items.iter_mut().for_each(clean_strings),
        Value::Object(fields) => fields.values_mut().for_each(clean_strings),
        _ => {}
    }
}

/// The document as PDF with its fonts embedded. CPU work: call it off the async runtime.
pub fn write(doc: &Document, margins: Margins) -> Result<Vec<u8>, PdfError> {
    let input = Input {
        document: doc,
        font: FONT_FAMILY,
        national_title: NATIONAL_TITLE,
        motto: MOTTO,
        sizes: Sizes::of_the_decree(),
        margins: margins.millimetres(),
    };
    let mut data = serde_json::to_value(&input)?;
    clean_strings(&mut data);
    let data = data.to_string();
    // Whitespace after the last appendix would open one more, empty, page.
    Ok(typeset::pdf(TEMPLATE.trim_end(), &data)?)
}
