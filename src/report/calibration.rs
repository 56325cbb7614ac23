//! The calibration report: how many pairs were compared, then the gaps per KSB, per reviewer
//! and per role focus and stack area.

use super::cohort::plural;
use super::{format_mean_delta, format_share, Block, Cell, Column, Report, Table};
use crate::figures::calibration::{Calibration, Gaps, GROUPINGS};
use crate::model::date::format_dmy;
use crate::model::standard::Standard;

/// The columns of the gap figures, after a row's name.
const GAP_COLUMNS: [&str; 4] = ["Pairs", "Mean gap", "Gaps of 2+", "N/A vs score"];

/// What a reviewer's row says for reviews that name nobody.
pub const NO_REVIEWER: &str = "(not recorded)";

/// The calibration report.
pub fn report(standard: &Standard, calibration: &Calibration) -> Report {
    let mut report = Report::default();
    let as_of = calibration
        .as_of
        .map(|day| format!("; sheets on or before {}", format_dmy(day)))
        .unwrap_or_default();
    report.push(Block::Line(format!(
        "Calibration: {} of a self-assessment and the latest mentor review on or after it ({}; {} without a self-assessment, {} without a mentor review after it{as_of})",
        plural(calibration.pairs, "pair"),
        plural(calibration.participants, "participant"),
        calibration.without_self_assessment,
        calibration.without_review,
    )));
    report.push(Block::Line(
        "Gap = mentor's score − participant's own, over KSBs scored 0–3 on both; Pairs counts those KSBs; Gaps of 2+ is the share 2 or more points apart; N/A vs score counts KSBs one side scored N/A and the other 0–3.".to_string(),
    ));

    let mut columns = Column::all(["Id", "Title"]);
    columns.extend(Column::all(GAP_COLUMNS));
    let mut rows: Vec<Vec<Cell>> = standard
        .ksbs
        .iter()
        .zip(&calibration.ksbs)
        .map(|(ksb, figures)| {
            let mut row = vec![Cell::text_of(ksb.id.as_str()), Cell::text_of(&ksb.title)];
            row.extend(gap_cells(&figures.gaps));
            row
        })
        .collect();
    let mut overall = vec![Cell::Strong("Overall".to_string()), Cell::text_of("")];
    overall.extend(gap_cells(&calibration.overall));
    rows.push(overall);
    report.push(Block::Table(Table {
        heading: "By KSB".to_string(),
        columns,
        rows,
        when_empty: None,
    }));

    let mut columns = Column::all(["Reviewer", "Reviews"]);
    columns.extend(Column::all(GAP_COLUMNS));
    report.push(Block::Table(Table {
        heading: "By reviewer".to_string(),
        columns,
        rows: calibration
            .reviewers
            .iter()
            .map(|reviewer| {
                let mut row = vec![
                    Cell::text_of(reviewer.reviewer.as_deref().unwrap_or(NO_REVIEWER)),
                    Cell::number(reviewer.reviews),
                ];
                row.extend(gap_cells(&reviewer.gaps));
                row
            })
            .collect(),
        when_empty: Some(
            "No pairs: no participant has a mentor review after their self-assessment.",
        ),
    }));

    for grouping in GROUPINGS {
        let mut columns = vec![Column::new(grouping.heading())];
        columns.extend(Column::all(GAP_COLUMNS));
        report.push(Block::Table(Table {
            heading: format!("By {}", grouping.heading().to_lowercase()),
            columns,
            rows: calibration.groups[grouping]
                .iter()
                .map(|group| {
                    let mut row = vec![Cell::text_of(&group.name)];
                    row.extend(gap_cells(&group.gaps));
                    row
                })
                .collect(),
            when_empty: None,
        }));
    }
    report
}

/// Pairs, mean gap (signed, 2 decimals), share of large gaps and relevance disagreements.
fn gap_cells(gaps: &Gaps) -> Vec<Cell> {
    vec![
        Cell::number(gaps.pairs),
        Cell::Number(format_mean_delta(gaps.mean())),
        Cell::Number(format_share(gaps.large_share())),
        Cell::number(gaps.relevance),
    ]
}
