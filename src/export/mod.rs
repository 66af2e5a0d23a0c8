//! Domain read models to document bytes: the official document of a plan as DOCX, its tables
//! as an XLSX workbook. Nothing here reads the database or speaks HTTP; the gatherer in
//! `documents` loads a plan and hands it over.

pub mod docx;
pub mod html;
pub mod model;
/// The official document as PDF, typeset from the same model.
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod plan;
/// Typesetting in the process with typst and bundled fonts: a template and its data to PDF.
#[cfg(feature = "pdf")]
pub mod typeset;
pub mod xlsx;
