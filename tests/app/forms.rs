//! Malformed input is refused, never reinterpreted: numbers that are not numbers, text that is
//! not UTF-8, control characters, an address longer than any page.

use crate::helpers::{open_round, plan_of, province, texts, PASSWORD};
use crate::planning::first_section;
use kehoachso::domain::framework::PlanKind;
use kehoachso::domain::ids::PlanId;

#[tokio::test]
async fn a_whole_number_written_wrong_is_refused_beside_its_field() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let html = editor
        .post(
            &format!("/plans/{plan}/tables/infrastructure/check"),
            &[
                ("computers", "1.2.3"),
                ("staff", "1..2"),
                ("units_lan", "12.500"),
            ],
        )
        .await
        .text()
        .await
        .expect("body");
    for field in ["computers", "staff"] {
        assert_eq!(
            texts(&html, &format!("#e-infrastructure-{field}")),
            "Nhập một số nguyên, ví dụ 120.",
            "{field}"
        );
    }
    assert_eq!(texts(&html, "#e-infrastructure-units_lan"), "");
    // Saved, the same figures are refused with the form kept; nothing is stored.
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/infrastructure"),
            &[("computers", "1.2.3"), ("staff", "60")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("value=\"1.2.3\""), "what was typed stays");
    let rows = app
        .store
        .plan_rows(PlanId(plan), "infrastructure")
        .await
        .expect("rows");
    assert!(rows.is_empty());
}

#[tokio::test]
async fn text_that_is_not_utf8_is_refused_and_control_characters_are_taken_out() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let path = format!("/plans/{plan}/sections/{key}");
    let raw = |body: String| {
        editor
            .http
            .post(format!("{}{path}", editor.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let csrf = editor.csrf.clone();
    let response = raw(format!(
        "csrf_token={csrf}&body=%3Cp%3EB%E1%BB%A9c%FF%FE%3C%2Fp%3E&base_version=0"
    ))
    .await
    .expect("POST");
    assert_eq!(response.status(), 400);
    let html = response.text().await.expect("body");
    assert!(html.contains("không phải mã UTF-8"), "{html}");
    assert!(app
        .store
        .plan_section(PlanId(plan), &key)
        .await
        .expect("q")
        .is_none());

    let response = raw(format!(
        "csrf_token={csrf}&body=%3Cp%3EA%00B%1B%5B31mC%7F%0D%0AD%3C%2Fp%3E&base_version=0"
    ))
    .await
    .expect("POST");
    assert_eq!(response.status(), 303);
    let stored = app
        .store
        .plan_section(PlanId(plan), &key)
        .await
        .expect("q")
        .expect("saved");
    assert!(stored.body_html.contains("AB[31mC"), "{}", stored.body_html);
    assert!(
        !stored
            .body_html
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        "{:?}",
        stored.body_html
    );
}

#[tokio::test]
async fn an_address_longer_than_any_page_gets_the_vietnamese_error_page() {
    let app = province().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let response = client.get(&format!("/?q={}", "a".repeat(10_000))).await;
    assert_eq!(response.status(), 414);
    let html = response.text().await.expect("body");
    assert!(html.contains("Địa chỉ trang quá dài"), "{html}");
    assert!(html.contains("<html lang=\"vi\""), "a whole page");
}
