//! Hostile text: every place a page writes markup it did not make (`|safe` in the templates)
//! shows it cleaned, whether the text came through a save, was sent and refused, or was
//! written into the database around the product.

use crate::helpers::{open_round, plan_of, province, raw_sql, texts, Client, PASSWORD};
use crate::planning::{first_section, htmx_save};
use kehoachso::domain::framework::PlanKind;
use kehoachso::domain::ids::PlanId;

/// Payloads that try to run script or load from elsewhere through the rich text.
const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">bấm</a>",
    "<p onclick=\"alert(1)\" style=\"background:url(javascript:alert(1))\">chữ</p>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<td colspan=\"2\" onmouseover=\"alert(1)\">ô</td>",
    "\"><script>alert(1)</script>",
    "<object data=\"x.swf\"></object><embed src=\"x\">",
    "<form action=\"https://evil.example\"><input name=x></form>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
];

fn has_active_content(html: &str) -> bool {
    let doc = scraper::Html::parse_fragment(html);
    doc.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .any(|e| {
            matches!(
                e.value().name(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "svg"
                    | "math"
                    | "img"
                    | "a"
                    | "form"
                    | "input"
                    | "style"
                    | "base"
                    | "meta"
            ) || e.value().attrs().any(|(name, value)| {
                name.starts_with("on")
                    || name == "style"
                    || name == "href"
                    || name == "src"
                    || value.contains("javascript:")
            })
        })
}

#[tokio::test]
async fn script_in_rich_text_is_neutralized_where_stored_and_wherever_shown() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let reviewer = app.login("thamdinh", PASSWORD).await;
    // The check itself sees the payloads as active (all but the one that is only text, and the
    // lone <td>, which a parser drops outside a table).
    assert_eq!(
        XSS.iter().filter(|p| has_active_content(p)).count(),
        XSS.len() - 2
    );
    for (version, payload) in (0..).zip(XSS) {
        let body = format!("<p>Trước</p>{payload}<p>Sau</p>");
        let response = htmx_save(&editor, plan, &key, &body, version).await;
        assert_eq!(response.status(), 200, "{payload}");
        let stored = app
            .store
            .plan_section(kehoachso::domain::ids::PlanId(plan), &key)
            .await
            .expect("q")
            .expect("s");
        assert!(
            !has_active_content(&stored.body_html),
            "stored: {payload} → {}",
            stored.body_html
        );
        // Text after an unclosed <style> is style text by the HTML rules, and goes with it.
        assert!(
            stored.body_html.contains("Trước"),
            "the text before stays: {payload}"
        );
        for (who, client) in [("editor", &editor), ("reviewer", &reviewer)] {
            let page = client
                .get(&format!("/plans/{plan}?section={key}"))
                .await
                .text()
                .await
                .expect("body");
            let doc = scraper::Html::parse_document(&page);
            for selector in ["#rich-editor", ".section-view"] {
                let sel = scraper::Selector::parse(selector).expect("selector");
                for shown in doc.select(&sel) {
                    assert!(
                        !has_active_content(&shown.inner_html()),
                        "{who} page {selector}: {payload}"
                    );
                }
            }
            let scripts = scraper::Selector::parse("script:not([src])").expect("selector");
            assert_eq!(
                doc.select(&scripts).count(),
                0,
                "{who}: no inline script for {payload}"
            );
        }
    }
    // A conflict shows the other version: neutralized there too.
    let response = htmx_save(&editor, plan, &key, "<p>cũ</p>", 0).await;
    let fragment = response.text().await.expect("body");
    assert!(!has_active_content(
        &fragment
            .replace("<button", "<span")
            .replace("</button>", "</span>")
    ));
}

/// No element of `selector` on `html` carries active content.
fn clean_where(html: &str, selector: &str) -> bool {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .all(|e| !has_active_content(&e.inner_html()))
}

/// How many elements of `selector` the page has: a check that finds none checks nothing.
fn count(html: &str, selector: &str) -> usize {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel).count()
}

async fn page(client: &Client, path: &str) -> (u16, String) {
    let response = client.get(path).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn text_written_around_the_product_and_text_sent_back_are_shown_cleaned_everywhere() {
    let (app, plan, editor, leader, reviewer) = crate::review::demo().await;
    // The demo plan was returned with comments: a section still open to its editor.
    let open = app
        .store
        .plan(PlanId(plan))
        .await
        .expect("q")
        .expect("plan")
        .open_sections;
    let sections = app.store.plan_sections(PlanId(plan)).await.expect("q");
    let key = sections
        .iter()
        .find(|s| !s.not_applicable && (open.is_empty() || open.contains(&s.node_key)))
        .expect("an open written section")
        .node_key
        .clone();
    let hostile = XSS.concat().replace('\'', "''");
    raw_sql(
        &app,
        &format!(
            "update plan_section set body_html = '<p>Trước</p>{hostile}<p>Sau</p>' \
             where plan_id = {plan} and node_key = '{key}'"
        ),
    )
    .await
    .expect("written around the product");
    let section = format!("/plans/{plan}?section={key}");

    // The editor's rich editor and the reviewer's read-only view.
    let (_, html) = page(&editor, &section).await;
    assert_eq!(count(&html, "#rich-editor"), 1);
    assert!(clean_where(&html, "#rich-editor"), "editor");
    let (_, html) = page(&reviewer, &section).await;
    assert_eq!(count(&html, ".section-view"), 1, "{html}");
    assert!(clean_where(&html, ".section-view"), "reviewer");

    // A stale save with script: the other version in the fragment, cleaned.
    let response = htmx_save(&editor, plan, &key, "<p>cũ</p>", 0).await;
    assert_eq!(response.status(), 409);
    let fragment = response.text().await.expect("body");
    assert_eq!(count(&fragment, "#their-text"), 1);
    assert!(clean_where(&fragment, "#their-text"), "conflict fragment");

    // The same without script: the page with both texts, the sent one cleaned too.
    let sent = format!("<p>Của tôi</p>{}", XSS.concat());
    let response = editor
        .post(
            &format!("/plans/{plan}/sections/{key}"),
            &[("body", sent.as_str()), ("base_version", "0")],
        )
        .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.expect("body");
    assert_eq!(count(&html, "#their-text"), 1);
    assert!(clean_where(&html, "#their-text"), "conflict page: theirs");
    assert!(clean_where(&html, "#rich-editor"), "conflict page: mine");
    assert!(html.contains("Của tôi"), "what was typed is kept");

    // Refused for a missing reason: what was sent comes back cleaned.
    let version = app
        .store
        .plan_section(PlanId(plan), &key)
        .await
        .expect("q")
        .expect("s")
        .version
        .to_string();
    let response = editor
        .post(
            &format!("/plans/{plan}/sections/{key}"),
            &[
                ("body", sent.as_str()),
                ("base_version", version.as_str()),
                ("not_applicable", "1"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(clean_where(&html, "#rich-editor"), "refused page");
    assert!(html.contains("Của tôi"));

    // A revision taken from that text, compared with the one before it.
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        303
    );
    let revisions = app.store.plan_revisions(PlanId(plan)).await.expect("q");
    let last = revisions.iter().map(|r| r.number).max().expect("revisions");
    let (status, html) = page(
        &reviewer,
        &format!("/plans/{plan}/compare?from={}&to={last}", last - 1),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        count(&html, ".section-view") > 0,
        "the changed section is shown"
    );
    assert!(clean_where(&html, ".section-view"), "compare");
    assert!(html.contains("Trước"));
}

#[tokio::test]
async fn hostile_text_in_every_plain_field_of_a_section_comes_back_as_text() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let reason = "<img src=x onerror=alert(1)>";
    let response = editor
        .post(
            &format!("/plans/{plan}/sections/{key}"),
            &[
                ("body", ""),
                ("base_version", "0"),
                ("not_applicable", "1"),
                ("reason", reason),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, html) = page(&editor, &format!("/plans/{plan}?section={key}")).await;
    assert!(!html.contains(reason), "the reason is escaped");
    assert_eq!(
        texts(&html, "textarea[name=reason]"),
        reason,
        "and kept as text"
    );
}
