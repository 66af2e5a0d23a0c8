//! The reference data, listed one line per item, tab-separated, the code first: org units,
//! frameworks (and one framework's outline), rounds.

use super::{open_store, out_line, CliError, DbArgs, FrameworkCommand};
use crate::db::UnitFilter;
use crate::domain::round::PlanStatus;

pub(super) async fn units(db: &DbArgs, open: bool) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let filter = UnitFilter {
        include_closed: !open,
        ..UnitFilter::default()
    };
    let mut out = std::io::stdout().lock();
    for r in store.units(&filter).await? {
        let line = [
            r.unit.code.as_str(),
            &r.unit.name,
            r.unit.kind.code(),
            &r.unit.valid_from.to_string(),
            &r.unit.valid_to.map(|d| d.to_string()).unwrap_or_default(),
            r.parent_code.as_deref().unwrap_or_default(),
            r.merged_into_code.as_deref().unwrap_or_default(),
        ]
        .join("\t");
        out_line(&mut out, &line)?;
    }
    Ok(())
}

pub(super) async fn frameworks(db: &DbArgs, command: FrameworkCommand) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let mut out = std::io::stdout().lock();
    let (code, guidance) = match command {
        FrameworkCommand::List => {
            for f in store.frameworks().await? {
                let line = format!(
                    "{}\t{}\t{}\t{}\t{}",
                    f.code,
                    f.version,
                    f.period(),
                    f.title,
                    f.status.code()
                );
                out_line(&mut out, &line)?;
            }
            return Ok(());
        }
        FrameworkCommand::Show { code, guidance } => (code, guidance),
    };
    let framework = store
        .framework_by_code(&code)
        .await?
        .ok_or_else(|| CliError::say("cli.no_framework", &[&code]))?;
    let nodes = store.framework_nodes(framework.id).await?;
    let depths = crate::domain::framework::depths(&nodes);
    for (node, depth) in nodes.iter().zip(depths) {
        let kind = match &node.table {
            Some(table) => format!("{}+{table}", node.kind.code()),
            None => node.kind.code().to_string(),
        };
        let optional = if node.optional { "\toptional" } else { "" };
        let indent = "  ".repeat(depth);
        let line = format!(
            "{indent}{}\t{}\t{kind}{optional}",
            node.numbering, node.title
        );
        out_line(&mut out, &line)?;
        if guidance && !node.guidance.is_empty() {
            for text in node.guidance.lines() {
                out_line(&mut out, &format!("{indent}    {text}"))?;
            }
        }
    }
    Ok(())
}

pub(super) async fn rounds(db: &DbArgs) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let mut out = std::io::stdout().lock();
    for s in store.rounds().await? {
        let counts: Vec<String> = PlanStatus::ALL
            .iter()
            .map(|st| format!("{}={}", st.code(), s.count(st.code())))
            .collect();
        let line = format!(
            "{}\t{}@{}\t{}\t{}\t{}\t{}",
            s.round.code,
            s.framework_code,
            s.framework_version,
            s.round.kind.code(),
            s.round.period(),
            s.round.deadline,
            counts.join(" ")
        );
        out_line(&mut out, &line)?;
    }
    Ok(())
}
