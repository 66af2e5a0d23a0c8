//! Domain read models to document bytes: the official document of a plan, and the province's
//! consolidated plan, as DOCX; their tables as an XLSX workbook. Nothing here reads the
//! database or speaks HTTP; the gatherer in `documents` loads the plans and hands them over.

pub mod docx;
pub mod html;
pub mod model;
pub mod plan;
pub mod province;
pub mod words;
pub mod xlsx;
