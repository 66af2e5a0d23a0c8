//! Rendering benchmark of the official documents: the demo's complete plan (Sở Y tế, 2021–2025:
//! every section written, every table filled) as DOCX, PDF and XLSX, from data already read, so
//! that the figures are the rendering alone.
//!
//! cargo bench --bench documents

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use kehoachso::config::DatabaseUrl;
use kehoachso::db::Store;
use kehoachso::documents::{self, DocumentFormat};
use kehoachso::domain::user::Language;
use kehoachso::export::model::Margins;
use kehoachso::export::plan::plan_document;

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let (source, sheets) = runtime.block_on(async {
        let store = Store::connect(&DatabaseUrl::Sqlite(dir.path().join("bench.db")), true)
            .await
            .expect("database opens");
        kehoachso::demo::load(&store, chrono::Utc::now())
            .await
            .expect("demo loads");
        let round = store
            .round_by_code("KH-2021-2025")
            .await
            .expect("q")
            .expect("round");
        let plans = store.round_plans(round.id).await.expect("plans");
        let plan = &plans
            .iter()
            .find(|p| p.unit_code == "SYT")
            .expect("Sở Y tế's plan")
            .plan;
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
        let source = documents::plan_source(&store, plan, &round, today)
            .await
            .expect("source");
        let sheets = documents::plan_sheets(&store, plan, &round, Language::Vi)
            .await
            .expect("sheets");
        (source, sheets)
    });
    let margins = Margins::default();
    let mut group = c.benchmark_group("plan document (Sở Y tế, demo)");
    group.bench_function("model", |b| b.iter(|| plan_document(&source)));
    group.bench_function("docx", |b| {
        b.iter(|| documents::render_plan(&source, margins, DocumentFormat::Docx).expect("docx"))
    });
    group.sample_size(10);
    group.bench_function("pdf", |b| {
        b.iter(|| documents::render_plan(&source, margins, DocumentFormat::Pdf).expect("pdf"))
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| documents::render_xlsx(&sheets).expect("xlsx"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
