//! Domain read models to document bytes: the official document of a plan as DOCX, its tables
//! as an XLSX workbook. Nothing here reads the database or speaks HTTP; the gatherer in
//! `documents` loads a plan and hands it over.

pub mod docx;
pub mod html;
pub mod model;
pub mod plan;
pub mod xlsx;
