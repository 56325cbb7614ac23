//! `ksb plan`: what to work on next, what is not scored yet, and the strengths.

use super::{Block, Cell, Column, Report, Table};
use crate::figures::plan::{Plan, PlanItem};
use crate::model::sheet::Participant;

/// The plan of `participant`: a title, a line saying what it covers, and three tables.
pub fn report(participant: &Participant, plan: &Plan) -> Report {
    let mut report = Report::default();
    report.push(Block::Title(format!(
        "Development plan for {}",
        participant.username
    )));
    report.push(Block::Line(format!(
        "Preferred role focus: {}. From the {} of {}. Covers the {} KSBs.",
        participant.role_focus,
        participant.assessment_type,
        participant.date_dmy(),
        plan.focus.join(" and ")
    )));
    let score = |item: &PlanItem| item.score.map(|s| s.to_string()).unwrap_or_default();
    let table = |heading: &str,
                 columns: &[&str],
                 items: &[PlanItem],
                 row: &dyn Fn(&PlanItem) -> Vec<String>,
                 when_empty: &'static str| {
        Block::Table(Table {
            heading: heading.to_string(),
            columns: Column::all(columns.iter().copied()),
            rows: items
                .iter()
                .map(|item| row(item).into_iter().map(Cell::Text).collect())
                .collect(),
            when_empty: Some(when_empty),
        })
    };
    report.push(table(
        "To develop (scored 0 or 1)",
        &["Id", "Title", "Stack Area", "Score", "Description"],
        &plan.develop,
        &|i| {
            vec![
                i.ksb.id.to_string(),
                i.ksb.title.clone(),
                i.ksb.stack_area.clone(),
                score(i),
                i.ksb.description.clone(),
            ]
        },
        "Nothing in focus is scored 0 or 1.",
    ));
    report.push(table(
        "Not yet scored",
        &["Id", "Title", "Stack Area", "Description"],
        &plan.unscored,
        &|i| {
            vec![
                i.ksb.id.to_string(),
                i.ksb.title.clone(),
                i.ksb.stack_area.clone(),
                i.ksb.description.clone(),
            ]
        },
        "Every KSB in focus is scored.",
    ));
    report.push(table(
        "Strengths (scored 3): could mentor others",
        &["Id", "Title", "Stack Area", "Role Focus"],
        &plan.strengths,
        &|i| {
            vec![
                i.ksb.id.to_string(),
                i.ksb.title.clone(),
                i.ksb.stack_area.clone(),
                i.ksb.role_focus.clone(),
            ]
        },
        "No KSB is scored 3 yet.",
    ));
    report
}
