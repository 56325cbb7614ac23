//! A cohort report: who was counted, every KSB, the summary tables, then the group means side
//! by side for each preferred role focus.

use super::summary::{self, SUMMARY_COLUMNS};
use super::{format_mean, format_share, Block, Cell, Column, Report, Table};
use crate::figures::cohort::{Cohort, Counted};
use crate::figures::evidence::{Backed, Backing, BACKING_GROUPINGS};
use crate::figures::grouping::Grouping;
use crate::model::standard::Standard;

/// The report of a counted cohort over the given groupings.
pub fn report(standard: &Standard, counted: &Counted, groupings: &[Grouping]) -> Report {
    let cohort = &counted.cohort;
    let focus_counts: Vec<String> = cohort
        .by_preferred_role_focus
        .iter()
        .map(|focus| format!("{} {}", focus.name, focus.participants))
        .collect();
    let mut report = Report::default();
    report.push(Block::Line(header(counted)));
    if !counted.missing.is_empty() {
        report.push(Block::Line(format!(
            "Left out, without {}: {}",
            counted.selection.lacking(),
            counted.missing.join(", ")
        )));
    }
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
    report.extend(backing(&counted.backing, groupings));
    report
}

/// The share of the counted scores that evidence backs: a line over every KSB, then (when the
/// sheets have evidence) a table by role focus and by stack area, each as asked with `--by`.
fn backing(backing: &Backing, groupings: &[Grouping]) -> Report {
    let mut report = Report::default();
    let overall = backing.overall;
    if backing.items == 0 {
        report.push(Block::Paragraph(
            "Backed by evidence: none (no sheet read has evidence items).".to_string(),
        ));
        return report;
    }
    report.push(Block::Paragraph(format!(
        "Backed by evidence: {}{} of {} ({} read). A KSB scored 0–3 on a counted sheet is backed when an evidence item on any of its participant's sheets names it.",
        overall.backed,
        share_text(overall),
        plural(overall.scored, "scored KSB"),
        plural(backing.items, "evidence item"),
    )));
    for grouping in BACKING_GROUPINGS {
        if !groupings.contains(&grouping) {
            continue;
        }
        report.push(Block::Table(Table {
            heading: format!(
                "Backed by evidence, by {}",
                grouping.heading().to_lowercase()
            ),
            columns: Column::all([grouping.heading(), "Scored", "Backed", "Share"]),
            rows: backing
                .groups(grouping)
                .iter()
                .map(|group| {
                    vec![
                        Cell::text_of(&group.name),
                        Cell::number(group.backed.scored),
                        Cell::number(group.backed.backed),
                        Cell::Number(format_share(group.backed.share())),
                    ]
                })
                .collect(),
            when_empty: None,
        }));
    }
    report
}

/// ` (30%)`, or nothing when nothing is scored.
fn share_text(backed: Backed) -> String {
    match backed.share() {
        Some(share) => format!(" ({})", format_share(Some(share))),
        None => String::new(),
    }
}

/// What the cohort counted: `Cohort: 41 participants (97 sheets read; latest sheet of each)`,
/// or with every sheet counted `Cohort: 97 sheets of 41 participants (97 sheets read; every
/// sheet)`.
pub fn header(counted: &Counted) -> String {
    let people = plural(counted.participants, "participant");
    let counted_what = if counted.selection.all_sheets {
        format!(
            "{} of {people}",
            plural(counted.cohort.participants, "sheet")
        )
    } else {
        people
    };
    format!(
        "Cohort: {counted_what} ({} read; {})",
        plural(counted.sheets, "sheet"),
        counted.selection.describe()
    )
}

/// `1 sheet`, `2 sheets`.
pub fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// A row per group of `grouping`: the mean of the whole cohort, then the mean of the
/// participants preferring each role focus.
pub fn means_by_preferred_role_focus(cohort: &Cohort, grouping: Grouping) -> Table {
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
