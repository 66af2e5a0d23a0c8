//! Typesetting in the process with typst: a document is a fixed template plus its data as JSON
//! (read by the template through `sys.inputs.data`), so that nothing a user wrote is ever read
//! as markup. The fonts are compiled into the program — Liberation Serif, metric-compatible
//! with Times New Roman and carrying every Vietnamese glyph — and the template reaches no file,
//! package or network: the same input gives the same PDF on every server.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The bundled fonts (see `fonts/README.md`).
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The family the templates ask for.
pub const FONT_FAMILY: &str = "Liberation Serif";

/// Parsed once per process: fonts are the costly part of a world.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("Không dàn trang được văn bản (typesetting failed): {0}")]
    Compile(String),
    #[error("Không ghi được tệp PDF (PDF export failed): {0}")]
    Export(String),
}

/// One document being typeset: its template and its data.
struct Job {
    library: LazyHash<Library>,
    source: Source,
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    /// Templates read no files: their data comes through `sys.inputs`.
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// Templates do not ask for the date: a document carries its own, so that the same input
    /// always gives the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets `template` with `data` (JSON text, read in the template as
/// `json(bytes(sys.inputs.data))`) into a PDF with the fonts embedded.
pub fn pdf(template: &str, data: &str) -> Result<Vec<u8>, TypesetError> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.into_value());
    let job = Job {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        source: Source::detached(template),
    };
    let document: PagedDocument = typst::compile(&job)
        .output
        .map_err(|errors| TypesetError::Compile(messages(&errors)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| TypesetError::Export(messages(&errors)))
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"
#let d = json(bytes(sys.inputs.data))
#set page(paper: "a4")
#set text(font: "Liberation Serif", lang: "vi", size: 13pt)
#align(center, text(weight: "bold", d.title))
#d.body
"#;

    #[test]
    fn vietnamese_text_is_typeset_with_the_bundled_font() {
        let data = serde_json::json!({
            "title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "body": "Độc lập - Tự do - Hạnh phúc; ứng dụng công nghệ thông tin",
        });
        let bytes = pdf(TEMPLATE, &data.to_string()).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
        // The font is embedded, under its own name.
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("LiberationSerif"), "no embedded font");
    }

    #[test]
    fn data_is_never_read_as_markup() {
        let data = serde_json::json!({
            "title": "#panic(\"injected\") *bold* <label> & \u{1}",
            "body": "#read(\"/etc/passwd\") $x^2$ `code` ] ) }",
        });
        pdf(TEMPLATE, &data.to_string()).expect("typeset as plain text");
    }

    #[test]
    fn a_template_reaches_no_file() {
        let template = "#read(\"/etc/hostname\")";
        let error = pdf(template, "{}").expect_err("refused");
        assert!(matches!(error, TypesetError::Compile(_)));
    }
}
