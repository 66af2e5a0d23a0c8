//! A plan's narrative sections: saved by the plan's agency while the plan takes changes, each
//! save naming the version it started from so that nobody's text is overwritten silently.

use super::access::{writable, Touches};
use super::{Conflict, Refusal, Who};
use crate::db::{SaveError, Store};
use crate::domain::ids::PlanId;
use crate::domain::round::{SectionContent, SectionForm, SectionInput};
use chrono::{DateTime, Utc};

/// Saves the section `key` of a plan as sent; gives it as saved.
pub async fn save_section(
    store: &Store,
    who: &Who,
    plan: PlanId,
    key: &str,
    form: &SectionForm,
    now: DateTime<Utc>,
) -> Result<SectionContent, Refusal> {
    let at = writable(store, who, plan, Touches::Section(key)).await?;
    // Only nodes where the agency writes text are saved here (tables have their own rows).
    let outline = store.framework_nodes(at.round.framework_id).await?;
    let node = outline
        .iter()
        .find(|n| n.key == key && n.applies(at.round.kind) && n.takes_text())
        .ok_or(Refusal::NotFound)?;
    let input = SectionInput::try_from(form).map_err(Refusal::Invalid)?;
    let saved = store
        .save_section(
            at.plan.id,
            &node.key,
            form.base_version,
            &input,
            &who.audit(now),
        )
        .await;
    match saved {
        Ok(section) => Ok(section),
        Err(SaveError::Conflict { current, .. }) => {
            Err(Refusal::Conflict(Conflict::Section(current)))
        }
        Err(SaveError::Db(e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    fn form(body: &str, base: i32) -> SectionForm {
        SectionForm {
            body: body.into(),
            base_version: base,
            ..SectionForm::default()
        }
    }

    #[tokio::test]
    async fn the_agency_saves_a_section_and_each_save_names_its_version() {
        let p = province().await;
        let key = p.text_section().await;
        let first = save_section(
            &p.store,
            &p.editor,
            p.plan,
            &key,
            &form("<p>Một</p>", 0),
            p.now,
        )
        .await
        .expect("first save");
        assert_eq!((first.version, first.body_html.as_str()), (1, "<p>Một</p>"));
        let second = save_section(
            &p.store,
            &p.leader,
            p.plan,
            &key,
            &form("<p>Hai</p>", 1),
            p.now,
        )
        .await
        .expect("second save");
        assert_eq!(second.version, 2);
        assert_eq!(second.updated_by.as_deref(), Some("Tên lanhdao.syt"));
    }

    #[tokio::test]
    async fn a_stale_save_is_refused_with_what_is_there_now() {
        let p = province().await;
        let key = p.text_section().await;
        save_section(
            &p.store,
            &p.editor,
            p.plan,
            &key,
            &form("<p>Của lãnh đạo</p>", 0),
            p.now,
        )
        .await
        .expect("first save");
        let refused = save_section(
            &p.store,
            &p.leader,
            p.plan,
            &key,
            &form("<p>Cũ</p>", 0),
            p.now,
        )
        .await;
        match refused {
            Err(Refusal::Conflict(Conflict::Section(theirs))) => {
                assert_eq!(
                    (theirs.version, theirs.body_html.as_str()),
                    (1, "<p>Của lãnh đạo</p>")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn only_the_plans_own_agency_writes_it() {
        let p = province().await;
        let key = p.text_section().await;
        for who in [&p.reviewer, &p.admin, &p.viewer, &p.other_editor] {
            let refused =
                save_section(&p.store, who, p.plan, &key, &form("<p>x</p>", 0), p.now).await;
            assert!(
                matches!(refused, Err(Refusal::Forbidden)),
                "{}: {refused:?}",
                who.login
            );
        }
        assert!(p
            .store
            .plan_section(p.plan, &key)
            .await
            .expect("q")
            .is_none());
    }

    #[tokio::test]
    async fn a_submitted_plan_takes_no_text() {
        let p = province().await;
        p.submitted().await;
        let key = p.text_section().await;
        let refused = save_section(
            &p.store,
            &p.editor,
            p.plan,
            &key,
            &form("<p>Sau khi nộp</p>", 1),
            p.now,
        )
        .await;
        assert!(matches!(refused, Err(Refusal::Locked)), "{refused:?}");
    }

    #[tokio::test]
    async fn not_applicable_needs_a_reason_and_unknown_sections_are_not_found() {
        let p = province().await;
        let key = p.text_section().await;
        let no_reason = SectionForm {
            not_applicable: "1".into(),
            ..form("", 0)
        };
        let refused = save_section(&p.store, &p.editor, p.plan, &key, &no_reason, p.now).await;
        match refused {
            Err(Refusal::Invalid(errors)) => assert!(errors.get("reason").is_some()),
            other => panic!("{other:?}"),
        }
        let unknown = save_section(
            &p.store,
            &p.editor,
            p.plan,
            "NO.SUCH",
            &form("<p>x</p>", 0),
            p.now,
        )
        .await;
        assert!(matches!(unknown, Err(Refusal::NotFound)), "{unknown:?}");
    }
}
