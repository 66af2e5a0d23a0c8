//! Rendering benchmark of the official documents: the demo's complete plan (Sở Y tế, 2021–2025:
//! every section written, every table filled), and the province's consolidated plan over the
//! demo round's three whole plans (Sở Y tế, Sở Tài chính, Sở Nội vụ, all approved here), each as
//! DOCX, PDF and XLSX, from data already read, so that the figures are the rendering alone.
//!
//! cargo bench --bench documents

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use kehoachso::app::access::PlanAt;
use kehoachso::app::documents::{self, DocumentFormat, ProvinceFormat};
use kehoachso::app::review::{take_step, StepRequest};
use kehoachso::app::Who;
use kehoachso::config::DatabaseUrl;
use kehoachso::db::Store;
use kehoachso::domain::review::Step;
use kehoachso::domain::round::PlanStatus;
use kehoachso::domain::user::Language;
use kehoachso::export::model::Margins;
use kehoachso::export::plan::plan_document;

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let (source, sheets, province) = runtime.block_on(async {
        let store = Store::connect(&DatabaseUrl::Sqlite(dir.path().join("bench.db")), true)
            .await
            .expect("database opens");
        kehoachso::app::builtin::install(&store, chrono::Utc::now())
            .await
            .expect("built-in frameworks");
        kehoachso::demo::load(&store, chrono::Utc::now())
            .await
            .expect("demo loads");
        let round = store
            .round_by_code("KH-2021-2025")
            .await
            .expect("q")
            .expect("round");
        let plans = store.round_plans(round.id).await.expect("plans");
        let at = PlanAt {
            plan: plans
                .iter()
                .find(|p| p.unit_code == "SYT")
                .expect("Sở Y tế's plan")
                .plan
                .clone(),
            round: round.clone(),
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
        let source = documents::plan_source(&store, &at, today)
            .await
            .expect("source");
        let sheets = documents::plan_sheets(&store, &at, Language::Vi)
            .await
            .expect("sheets");
        // The demo's returned and submitted plans approved, for a consolidation of three,
        // through the review loop as its users would.
        let who = |username: &'static str| {
            let store = store.clone();
            async move {
                let user = store
                    .user_credentials(username)
                    .await
                    .expect("q")
                    .expect("demo user")
                    .0;
                Who::of(&user)
            }
        };
        let now = chrono::Utc::now();
        for p in &plans {
            let steps: &[(Step, &str)] = match p.plan.status {
                PlanStatus::Returned => &[
                    (Step::Submit, "lanhdao.syt"),
                    (Step::Approve, "thamdinh.skhcn"),
                ],
                PlanStatus::Submitted => &[(Step::Approve, "thamdinh.skhcn")],
                _ => &[],
            };
            for (step, username) in steps {
                let request = StepRequest {
                    step: *step,
                    message: "",
                    only_commented: false,
                };
                take_step(&store, &who(username).await, p.plan.id, request, now)
                    .await
                    .expect("step taken");
            }
        }
        let province = documents::province_source(&store, &round, today, &|_, _| {})
            .await
            .expect("province");
        (source, sheets, province)
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

    let mut group = c.benchmark_group("consolidated plan (3 approved plans, demo)");
    group.sample_size(10);
    for (name, format) in [
        ("docx", ProvinceFormat::Document(DocumentFormat::Docx)),
        ("pdf", ProvinceFormat::Document(DocumentFormat::Pdf)),
        ("xlsx", ProvinceFormat::Xlsx),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| format.render(&province, margins, Language::Vi).expect(name))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
