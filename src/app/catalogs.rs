//! The catalogs a plan's rows pick from (funding sources, task groups, …, and the legal
//! documents), read once per use-case: which codes a row of a round may hold, the choices a
//! form offers, and the wording a document prints.

use crate::db::{DbError, Store};
use crate::domain::catalog::{options_on, shown_by_code, CatalogEntry, CATALOGS};
use crate::domain::legal::LegalDocument;
use crate::domain::round::Round;
use crate::domain::tables::{Allowed, Kind, Row, RowContext, TableSpec};
use crate::domain::user::Language;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Every catalog's entries, and the legal documents.
#[derive(Debug, Clone, Default)]
pub struct Catalogs {
    entries: BTreeMap<&'static str, Vec<CatalogEntry>>,
    legal: Vec<LegalDocument>,
}

/// A choice of a catalog column: its code and what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// The choices of each catalog a table uses, for a plan's round: the entries in force on its
/// catalog date, and any retired code the rows at hand still hold.
#[derive(Debug, Clone, Default)]
pub struct Choices(HashMap<&'static str, Vec<Choice>>);

impl Choices {
    /// The codes each catalog allows.
    pub fn allowed(&self) -> Allowed {
        self.0
            .iter()
            .map(|(c, list)| (c.to_string(), list.iter().map(|o| o.code.clone()).collect()))
            .collect()
    }

    pub fn of(&self, catalog: &str) -> &[Choice] {
        self.0.get(catalog).map_or(&[], Vec::as_slice)
    }

    /// What the user reads for `code` (the code itself when the catalog has none).
    pub fn label(&self, catalog: &str, code: &str) -> String {
        self.of(catalog)
            .iter()
            .find(|o| o.code == code)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| code.to_string())
    }
}

impl Catalogs {
    pub async fn load(store: &Store) -> Result<Self, DbError> {
        // One read of every catalog, sorted into those the product knows.
        let mut entries: BTreeMap<&'static str, Vec<CatalogEntry>> =
            CATALOGS.iter().map(|c| (*c, Vec::new())).collect();
        for entry in store.catalogs().await? {
            if let Some(list) = entries.get_mut(entry.catalog.as_str()) {
                list.push(entry);
            }
        }
        let legal = store.legal_documents("", "").await?;
        Ok(Self { entries, legal })
    }

    pub fn entries(&self, catalog: &str) -> &[CatalogEntry] {
        self.entries.get(catalog).map_or(&[], Vec::as_slice)
    }

    /// The indicators' catalog, which the rules read targets from.
    pub fn indicators(&self) -> &[CatalogEntry] {
        self.entries("indicator")
    }

    /// The choices of the catalogs `spec` uses, in `round`, keeping the codes `held` rows hold.
    pub fn choices(
        &self,
        round: &Round,
        lang: Language,
        spec: &TableSpec,
        held: &[&Row],
    ) -> Choices {
        let mut out = HashMap::new();
        for column in spec.columns {
            let catalog = match column.kind {
                Kind::Catalog(c) | Kind::CatalogList(c) => c,
                _ => continue,
            };
            // A list holds several codes (`a, đ`); each stays allowed.
            let kept: Vec<String> = held
                .iter()
                .filter_map(|r| r.text(column.name))
                .flat_map(|t| {
                    t.split(", ")
                        .map(|c| c.replace('đ', "dd"))
                        .collect::<Vec<_>>()
                })
                .collect();
            let list = if catalog == "legal" {
                self.legal
                    .iter()
                    .filter(|d| d.in_force() || kept.contains(&d.number))
                    .map(|d| Choice {
                        code: d.number.clone(),
                        label: d.citation(),
                    })
                    .collect()
            } else {
                options_on(self.entries(catalog), round.catalog_date(), &kept)
                    .into_iter()
                    .map(|e| Choice {
                        code: e.code.clone(),
                        label: if shown_by_code(catalog) {
                            format!("{} — {}", e.code, e.name_in(lang))
                        } else {
                            e.name_in(lang).to_string()
                        },
                    })
                    .collect()
            };
            out.insert(catalog, list);
        }
        Choices(out)
    }

    /// What a row of `spec` in `round` is checked against on `today`, keeping the codes `held`
    /// rows hold: the one place a row's allowed codes come from.
    pub fn row_context(
        &self,
        round: &Round,
        spec: &TableSpec,
        held: &[&Row],
        today: NaiveDate,
    ) -> RowContext {
        RowContext {
            period: (round.period_start, round.period_end),
            today,
            allowed: self.choices(round, Language::Vi, spec, held).allowed(),
        }
    }

    /// Each catalog code's wording in force on the round's catalog date, by catalog and code:
    /// what a document prints.
    pub fn names(&self, round: &Round) -> BTreeMap<(String, String), String> {
        let mut names = BTreeMap::new();
        for (catalog, entries) in &self.entries {
            // Every code reads, each in the wording in force on the round's catalog date.
            let codes: Vec<String> = entries.iter().map(|e| e.code.clone()).collect();
            for e in options_on(entries, round.catalog_date(), &codes) {
                names.insert((catalog.to_string(), e.code.clone()), e.name.clone());
            }
        }
        names
    }

    /// The legal documents by number, as cited.
    pub fn citations(&self) -> BTreeMap<String, String> {
        self.legal
            .iter()
            .map(|d| (d.number.clone(), d.citation()))
            .collect()
    }
}
