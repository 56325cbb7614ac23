//! A cohort report: who was counted, every KSB, the summary tables, then the group means side
//! by side for each preferred role focus.

use super::summary::{self, SUMMARY_COLUMNS};
use super::{format_mean, Block, Cell, Column, Report, Table};
use crate::figures::cohort::Cohort;
use crate::figures::grouping::Grouping;
use crate::model::standard::Standard;

/// The report of `cohort` over the given groupings.
pub fn report(standard: &Standard, cohort: &Cohort, groupings: &[Grouping]) -> Report {
    let focus_counts: Vec<String> = cohort
        .by_preferred_role_focus
        .iter()
        .map(|focus| format!("{} {}", focus.name, focus.participants))
        .collect();
    let mut report = Report::default();
    report.push(Block::Line(format!(
        "Cohort: {} participant{}",
        cohort.participants,
        if cohort.participants == 1 { "" } else { "s" },
    )));
    report.push(Block::Line(format!(
        "Preferred role focus: {}",
        focus_counts.join(", ")
    )));

    let mut columns = Column::all(["Id", "Title"]);
    // The per-KSB table counts entries, not KSBs: every figure but the first.
    columns.extend(Column::all(SUMMARY_COLUMNS[1..].iter().copied()));
    report.push(Block::Table(Table {
        heading: "By KSB".to_string(),
        columns,
        rows: standard
            .ksbs
            .iter()
            .zip(&cohort.ksbs)
            .map(|(ksb, figures)| {
                let mut row = vec![
                    Cell::text_of(figures.id.as_str()),
                    Cell::text_of(&ksb.title),
                ];
                row.extend(summary::tally_cells(&figures.tally).into_iter().skip(1));
                row
            })
            .collect(),
        when_empty: None,
    }));
    report.extend(summary::tables(standard, &cohort.summary, groupings, "By"));
    for &grouping in groupings {
        report.push(Block::Table(means_by_preferred_role_focus(
            cohort, grouping,
        )));
    }
    report
}

/// A row per group of `grouping`: the mean of the whole cohort, then the mean of the
/// participants preferring each role focus.
fn means_by_preferred_role_focus(cohort: &Cohort, grouping: Grouping) -> Table {
    let mut columns = vec![
        Column::new(grouping.heading()),
        Column::new(format!("All ({})", cohort.participants)),
    ];
    columns.extend(
        cohort
            .by_preferred_role_focus
            .iter()
            .map(|focus| Column::new(format!("{} ({})", focus.name, focus.participants))),
    );
    let mut rows: Vec<Vec<Cell>> = cohort
        .summary
        .groups(grouping)
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let mut row = vec![
                Cell::text_of(&group.name),
                Cell::Number(format_mean(group.tally.mean())),
            ];
            row.extend(cohort.by_preferred_role_focus.iter().map(|focus| {
                Cell::Number(format_mean(
                    focus.summary.groups(grouping)[index].tally.mean(),
                ))
            }));
            row
        })
        .collect();
    if grouping == Grouping::Category {
        let mut row = vec![
            Cell::Strong("Overall".to_string()),
            Cell::Number(format_mean(cohort.summary.overall.mean())),
        ];
        row.extend(
            cohort
                .by_preferred_role_focus
                .iter()
                .map(|focus| Cell::Number(format_mean(focus.summary.overall.mean()))),
        );
        rows.push(row);
    }
    Table {
        heading: format!(
            "Means by {}, per preferred role focus",
            grouping.heading().to_lowercase()
        ),
        columns,
        rows,
        when_empty: None,
    }
}
