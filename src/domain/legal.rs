//! Legal documents: the catalog that frameworks cite (the seed's Phụ lục III) and that plans
//! pick their legal basis from.

use super::text::parse_date;
use super::validation::{optional_text, required_text, FieldErrors};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalStatus {
    InForce,
    Amended,
    Replaced,
    Repealed,
}

impl LegalStatus {
    pub const ALL: [LegalStatus; 4] =
        [Self::InForce, Self::Amended, Self::Replaced, Self::Repealed];

    pub fn code(self) -> &'static str {
        match self {
            Self::InForce => "in_force",
            Self::Amended => "amended",
            Self::Replaced => "replaced",
            Self::Repealed => "repealed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::InForce => "legal.in_force",
            Self::Amended => "legal.amended",
            Self::Replaced => "legal.replaced",
            Self::Repealed => "legal.repealed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalDocument {
    /// 0 before it is stored.
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub issued_on: Option<chrono::NaiveDate>,
    pub issuer: String,
    pub title: String,
    pub province_document: String,
    pub group: String,
    /// The framework (or other source) that lists it.
    pub source: String,
    pub status: LegalStatus,
    /// The number of the document that replaced it, when one did.
    pub replaced_by: Option<String>,
}

impl LegalDocument {
    /// `Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về …`, as plans cite it.
    pub fn citation(&self) -> String {
        let mut out = self.kind.clone();
        if !self.number.is_empty() {
            out.push_str(&format!(" số {}", self.number));
        }
        if let Some(d) = self.issued_on {
            out.push_str(&format!(" ngày {}", d.format("%d/%m/%Y")));
        }
        if !self.issuer.is_empty() {
            out.push_str(&format!(" của {}", self.issuer));
        }
        if !self.title.is_empty() {
            out.push(' ');
            out.push_str(&self.title);
        }
        out
    }
}

/// The source of documents an administrator adds (beside those a framework lists).
pub const ADMIN_SOURCE: &str = "QUAN-TRI";

impl LegalDocument {
    /// Offered to new rows: documents in force, whole or amended.
    pub fn in_force(&self) -> bool {
        matches!(self.status, LegalStatus::InForce | LegalStatus::Amended)
    }
}

/// Reads a document from the admin form. Every problem is named by its field; `replaced_by`
/// is a document number, resolved by the store.
pub fn parse_form(form: &HashMap<String, String>) -> Result<LegalDocument, FieldErrors> {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let number = required_text(&mut errors, "number", field("number"), 100);
    let kind = required_text(&mut errors, "kind", field("kind"), 100);
    let issuer = required_text(&mut errors, "issuer", field("issuer"), 300);
    let title = required_text(&mut errors, "title", field("title"), 1000);
    let province_document = optional_text(
        &mut errors,
        "province_document",
        field("province_document"),
        1000,
    )
    .unwrap_or_default();
    let group = optional_text(&mut errors, "group", field("group"), 200).unwrap_or_default();
    let issued_on = match field("issued_on").trim() {
        "" => None,
        text => {
            let date = parse_date(text);
            if date.is_none() {
                errors.add("issued_on", "err.date");
            }
            date
        }
    };
    let status = LegalStatus::from_code(field("status"));
    if status.is_none() {
        errors.add("status", "err.choice");
    }
    let replaced_by = optional_text(&mut errors, "replaced_by", field("replaced_by"), 100);
    if replaced_by.is_some() && status != Some(LegalStatus::Replaced) {
        errors.add("replaced_by", "err.legal_replaced_only");
    }
    match status {
        Some(status) if errors.is_empty() => Ok(LegalDocument {
            id: 0,
            number,
            kind,
            issued_on,
            issuer,
            title,
            province_document,
            group,
            source: ADMIN_SOURCE.to_string(),
            status,
            replaced_by,
        }),
        _ => Err(errors),
    }
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    document: Vec<CatalogEntry>,
}

#[derive(Debug, Deserialize)]
struct CatalogEntry {
    #[serde(default)]
    number: String,
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    issuer: String,
    title: String,
    #[serde(default)]
    province_document: String,
    #[serde(default)]
    group: String,
}

/// Reads a catalog file; every document gets `source`.
pub fn parse_catalog(text: &str, source: &str) -> Result<Vec<LegalDocument>, String> {
    let file: CatalogFile = toml::from_str(text).map_err(|e| e.to_string())?;
    file.document
        .into_iter()
        .map(|e| {
            let issued_on = if e.date.is_empty() {
                None
            } else {
                Some(
                    chrono::NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
                        .map_err(|_| format!("{}: date {}", e.number, e.date))?,
                )
            };
            Ok(LegalDocument {
                id: 0,
                replaced_by: None,
                number: e.number,
                kind: e.kind,
                issued_on,
                issuer: e.issuer,
                title: e.title,
                province_document: e.province_document,
                group: e.group,
                source: source.to_string(),
                status: LegalStatus::InForce,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_cited_the_way_plans_write_it() {
        let docs = parse_catalog(
            "[[document]]\nnumber = \"17/NQ-CP\"\nkind = \"Nghị quyết\"\ndate = \"2019-03-07\"\nissuer = \"Chính phủ\"\ntitle = \"về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử\"\n",
            "KHUNG-2021-2025",
        )
        .expect("valid");
        assert_eq!(
            docs[0].citation(),
            "Nghị quyết số 17/NQ-CP ngày 07/03/2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử"
        );
        assert!(parse_catalog(
            "[[document]]\nkind = \"Luật\"\ntitle = \"x\"\ndate = \"2019-13-01\"\n",
            "S"
        )
        .is_err());
    }
}
