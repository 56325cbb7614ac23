//! The summary tables of a sheet or a cohort: one table per grouping, the overall figures
//! after the categories, and a note where a KSB counts in two stack areas.

use super::{format_mean, Block, Cell, Column, Report, Table};
use crate::figures::grouping::Grouping;
use crate::figures::summary::{Summary, Tally};
use crate::model::standard::Standard;

/// The figures columns of a summary table, after the group's name.
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "KSBs", "Scored", "N/A", "Unscored", "Mean", "0", "1", "2", "3",
];

/// When a narrow terminal leaves each of [`SUMMARY_COLUMNS`] out rather than split a word:
/// first the count of each score, then KSBs, N/A and Scored; Unscored and Mean stay.
const NARROWING: [Option<u8>; 9] = [
    Some(2),
    Some(4),
    Some(3),
    None,
    None,
    Some(1),
    Some(1),
    Some(1),
    Some(1),
];

/// The heading of the last column, which draws each mean as a bar.
pub const BAR_COLUMN: &str = "Mean 0–3";

/// One table per grouping, each headed `"{prefix} {grouping}"` (such as "By stack area").
pub fn tables(
    standard: &Standard,
    summary: &Summary,
    groupings: &[Grouping],
    prefix: &str,
) -> Report {
    let mut report = Report::default();
    for &grouping in groupings {
        let mut columns = vec![Column::new(grouping.heading())];
        columns.extend(
            SUMMARY_COLUMNS
                .iter()
                .zip(NARROWING)
                .map(|(name, rank)| match rank {
                    Some(rank) => Column::new(*name).narrowing(rank),
                    None => Column::new(*name),
                }),
        );
        columns.push(Column {
            optional: true,
            ..Column::new(BAR_COLUMN)
        });
        let mut rows: Vec<Vec<Cell>> = summary
            .groups(grouping)
            .iter()
            .map(|group| tally_row(Cell::Text(group.name.clone()), &group.tally))
            .collect();
        if grouping == Grouping::Category {
            rows.push(tally_row(
                Cell::Strong("Overall".to_string()),
                &summary.overall,
            ));
        }
        report.push(Block::Table(Table {
            heading: format!("{prefix} {}", grouping.heading().to_lowercase()),
            columns,
            rows,
            when_empty: None,
        }));
        if grouping == Grouping::Area && standard.has_shared_areas() {
            report.push(Block::Line(
                "A KSB with two stack areas counts in both.".to_string(),
            ));
        }
    }
    report
}

/// A summary row: the group's name, its figures, and the bar of its mean.
fn tally_row(name: Cell, tally: &Tally) -> Vec<Cell> {
    let mut cells = vec![name];
    cells.extend(tally_cells(tally));
    cells.push(Cell::Bar(tally.mean()));
    cells
}

/// A tally's figures: KSBs, scored, N/A, unscored, mean, and how many scored 0 to 3.
pub fn tally_cells(tally: &Tally) -> Vec<Cell> {
    let mut cells = vec![
        Cell::number(tally.ksbs),
        Cell::number(tally.scored),
        Cell::number(tally.na),
        Cell::number(tally.unscored),
        Cell::Number(format_mean(tally.mean())),
    ];
    cells.extend(tally.counts.iter().map(Cell::number));
    cells
}
