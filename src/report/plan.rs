//! `ksb plan`: what to work on next, what is not scored yet, and the strengths.

use super::{support_cells, Block, Cell, Column, Report, Table, SUPPORT_COLUMNS};
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
    // The evidence columns go in a table where one of its KSBs has evidence, before the long
    // description (or last).
    let table = |heading: &str,
                 columns: &[&str],
                 items: &[PlanItem],
                 row: &dyn Fn(&PlanItem) -> Vec<String>,
                 when_empty: &'static str| {
        let evidence = items.iter().any(|item| item.support.items > 0);
        let before = columns
            .iter()
            .position(|name| *name == "Description")
            .unwrap_or(columns.len());
        let mut names: Vec<&str> = columns.to_vec();
        if evidence {
            names.splice(before..before, SUPPORT_COLUMNS);
        }
        Block::Table(Table {
            heading: heading.to_string(),
            columns: Column::all(names),
            rows: items
                .iter()
                .map(|item| {
                    let mut cells: Vec<Cell> = row(item).into_iter().map(Cell::Text).collect();
                    if evidence {
                        cells.splice(before..before, support_cells(item.support));
                    }
                    cells
                })
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
    if plan.has_evidence {
        report.push(Block::Line(
            "Evidence: the sheet's items naming the KSB (shown in a table where one of its KSBs has some); Checked: of those, items a mentor checked."
                .to_string(),
        ));
    }
    report
}
