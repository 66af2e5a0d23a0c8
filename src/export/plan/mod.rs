//! A unit's plan as an official document: the header from the unit's document names and the
//! plan's document facts, the body numbered from the framework, narrative and small tables in
//! the body, and the wide tables (databases, information systems, indicators, funding, tasks
//! and projects) as landscape appendices in the form of the seed's sample table.

mod appendices;
mod outline;
mod tables;

use super::columns::Wording;
use super::html;
use super::model::{
    date_line, period, punctuate, roman, short_date, Align, Block, Closing, Document, Header,
    Level, Run, Title,
};
use crate::domain::framework::FrameworkNode;
use crate::domain::ids::RowId;
use crate::domain::org_unit::DocumentNames;
use crate::domain::round::{PlanMeta, Round, SectionContent};
use crate::domain::tables::rules::PlanTables;
use crate::domain::tables::{spec, Row, TableSpec};
use appendices::{appendix, appendix_order, AppendixKind};
use outline::Outline;
use std::collections::{BTreeMap, HashMap};
use tables::inline_table;

/// Everything a plan's document is made from, already read from the store.
pub struct PlanSource {
    /// The unit's name as a sentence names it (`Sở Y tế`).
    pub unit_name: String,
    pub names: DocumentNames,
    pub meta: PlanMeta,
    pub round: Round,
    /// The framework's outline, in document order.
    pub nodes: Vec<FrameworkNode>,
    pub sections: BTreeMap<String, SectionContent>,
    pub tables: PlanTables,
    /// Legal documents by number, as cited (`Nghị định số 85/2016/NĐ-CP ngày … của …`).
    pub legal: BTreeMap<String, String>,
    /// Catalog wording by catalog and code (funding sources, task groups, …).
    pub catalog_names: BTreeMap<(String, String), String>,
    /// The Vietnamese text of a message key (column labels, choices, table names).
    pub text: fn(&str) -> &'static str,
    /// The year an undated draft carries in its date line.
    pub year: i32,
}

impl PlanSource {
    pub(crate) fn rows(&self, table: &str) -> &[(RowId, Row)] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    /// What the cells of the plan's tables word their codes with.
    fn wording(&self) -> Wording<'_> {
        Wording {
            text: self.text,
            catalog_names: &self.catalog_names,
            legal: &self.legal,
        }
    }

    fn label(&self, spec: &TableSpec, column: &str) -> String {
        (self.text)(&spec.label_key(column)).to_string()
    }

    /// `GIAI ĐOẠN 2021 - 2025` or `NĂM 2027`.
    fn period_upper(&self) -> String {
        period(self.round.period_start, self.round.period_end).to_uppercase()
    }
}

/// The document of one unit's plan.
pub fn plan_document(src: &PlanSource) -> Document {
    let outline = Outline::new(src);
    let appendices = appendix_order(src, &outline);
    let numbers: HashMap<AppendixKind, String> = appendices
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let number = if appendices.len() == 1 {
                "Phụ lục".to_string()
            } else {
                format!("Phụ lục {}", roman(i as u32 + 1))
            };
            (*kind, number)
        })
        .collect();
    let symbol = src.meta.symbol(&src.names.abbreviation, "     ");
    let subject = subject(&src.round.title);
    Document {
        header: Header {
            parent_body: src.names.parent_line.to_uppercase(),
            issuing_body: src.names.issuer_line.to_uppercase(),
            number_line: format!("Số: {symbol}"),
            date_line: date_line(
                if src.meta.doc_place.is_empty() {
                    &src.names.place_name
                } else {
                    &src.meta.doc_place
                },
                src.meta.doc_date,
                src.year,
            ),
        },
        basis: basis(src),
        body: body(src, &outline, &numbers, &subject),
        title: Title {
            kind: "KẾ HOẠCH".into(),
            subject,
        },
        closing: closing(&src.meta),
        appendices: appendices
            .iter()
            .map(|kind| {
                let reference = format!(
                    "(Kèm theo Kế hoạch số {symbol} ngày {} của {})",
                    src.meta
                        .doc_date
                        .map_or_else(|| format!("     /     /{}", src.year), short_date),
                    src.unit_name
                );
                appendix(src, *kind, numbers[kind].clone(), reference)
            })
            .collect(),
    }
}

/// The subject under `KẾ HOẠCH`: the round's title without its leading "Kế hoạch", capitalized.
pub fn subject(title: &str) -> String {
    let title = title.trim();
    let head: String = title.chars().take(8).collect();
    let rest = if head.to_lowercase() == "kế hoạch" {
        title[head.len()..].trim_start()
    } else {
        title
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn basis(src: &PlanSource) -> Vec<String> {
    let lines: Vec<String> = src
        .rows("legal_basis")
        .iter()
        .filter_map(|(_, row)| {
            let cited = row
                .text("document")
                .and_then(|n| src.legal.get(&n).cloned())
                .or_else(|| row.text("citation"))?;
            let cited = cited.trim().to_string();
            Some(if cited.to_lowercase().starts_with("căn cứ") {
                cited
            } else {
                format!("Căn cứ {cited}")
            })
        })
        .collect();
    punctuate(&lines)
}

fn closing(meta: &PlanMeta) -> Closing {
    let recipients: Vec<String> = meta
        .recipients
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if l.starts_with(['-', '+']) {
                l.to_string()
            } else {
                format!("- {l}")
            }
        })
        .collect();
    Closing {
        recipients: punctuate(&recipients),
        authority: meta.signer_authority.to_uppercase(),
        title: meta.signer_title.to_uppercase(),
        signer: meta.signer_name.clone(),
    }
}

fn body(
    src: &PlanSource,
    outline: &Outline,
    appendices: &HashMap<AppendixKind, String>,
    subject: &str,
) -> Vec<Block> {
    let mut out = Vec::new();
    if !src.unit_name.is_empty() {
        let mut chars = subject.chars();
        let lowered: String = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        out.push(Block::text(format!(
            "{} xây dựng Kế hoạch {lowered} như sau:",
            src.unit_name
        )));
    }
    for (node, level, numbering) in &outline.entries {
        let title = match level {
            Level::Part | Level::Section => node.title.to_uppercase(),
            _ => node.title.clone(),
        };
        out.push(Block::Heading {
            level: *level,
            numbering: numbering.clone(),
            title,
        });
        if let Some(section) = src.sections.get(&node.key) {
            if section.not_applicable {
                out.push(Block::Paragraph {
                    runs: vec![Run::italic(
                        format!("Không áp dụng: {}", section.not_applicable_reason)
                            .trim_end_matches([' ', ':'])
                            .to_string(),
                    )],
                    align: Align::Justify,
                });
            } else {
                out.extend(html::blocks(&section.body_html));
            }
        }
        let Some(table) = node.table.as_deref() else {
            continue;
        };
        match AppendixKind::of(table).and_then(|k| appendices.get(&k)) {
            Some(number) => out.push(Block::Paragraph {
                runs: vec![Run::italic(format!(
                    "(Chi tiết tại {number} kèm theo Kế hoạch này)"
                ))],
                align: Align::Justify,
            }),
            None if AppendixKind::of(table).is_none() && table != "legal_basis" => {
                if let Some(t) = spec(table).and_then(|s| inline_table(src, s)) {
                    out.push(Block::Table(t));
                }
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
