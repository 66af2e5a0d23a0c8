//! Domain read models to document bytes: the official document of a plan, and the province's
//! consolidated plan, as DOCX; their tables as an XLSX workbook. Nothing here reads the
//! database or speaks HTTP; the gatherer in `documents` loads the plans and hands them over.

pub mod columns;
pub mod docx;
pub mod html;
pub mod model;
/// The official document as PDF, typeset from the same model.
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod plan;
pub mod province;
/// Typesetting in the process with typst and bundled fonts: a template and its data to PDF.
#[cfg(feature = "pdf")]
pub mod typeset;
pub mod words;
pub mod xlsx;
