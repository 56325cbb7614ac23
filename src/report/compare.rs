//! `ksb compare`: two sheets side by side, per KSB and per group.

use super::{
    format_delta, format_mean, format_mean_delta, support_cells, Block, Cell, Column, Report,
    SheetLabel, Table, SUPPORT_COLUMNS,
};
use crate::figures::compare::{Comparison, Mark, DISAGREEMENT_POINTS};
use crate::figures::grouping::Grouping;
use crate::model::standard::Standard;

/// The comparison of sheets A and B. With `only_different`, only the KSBs the sheets say
/// something different about are listed.
pub fn report(
    standard: &Standard,
    sheets: [SheetLabel; 2],
    comparison: &Comparison,
    only_different: bool,
) -> Report {
    let [a, b] = sheets;
    let mut report = Report::default();
    report.push(Block::Line(a.line("A")));
    report.push(Block::Line(b.line("B")));
    if !a.participant.same_username(b.participant) {
        report.push(Block::Line(format!(
            "Note: these are sheets of two participants, {} (A) and {} (B).",
            a.participant.username, b.participant.username
        )));
    }
    let rows: Vec<Vec<Cell>> = comparison
        .ksbs
        .iter()
        .zip(&standard.ksbs)
        .filter(|(change, _)| !only_different || change.differs())
        .map(|(change, ksb)| {
            let delta = change.delta().map(format_delta).unwrap_or_default();
            let mut row = vec![
                Cell::text_of(ksb.id.as_str()),
                Cell::text_of(&ksb.title),
                Cell::Score(change.a),
                Cell::Score(change.b),
                match change.mark() {
                    Some(Mark::Disagreement) => Cell::Alert(format!("{delta} !")),
                    Some(Mark::NaAgainstScore) => Cell::Alert("?".to_string()),
                    None => Cell::Number(delta),
                },
            ];
            if comparison.has_evidence {
                row.extend(support_cells(change.support));
            }
            row
        })
        .collect();
    if rows.is_empty() {
        report.push(Block::Paragraph(
            "The two sheets score every KSB the same.".to_string(),
        ));
    } else {
        let mut columns = Column::all(["Id", "Title", "A", "B", "Change"]);
        if comparison.has_evidence {
            columns.extend(Column::all(SUPPORT_COLUMNS));
        }
        report.push(Block::Table(Table {
            heading: "KSBs".to_string(),
            columns,
            rows,
            when_empty: None,
        }));
        report.push(Block::Line(format!(
            "Change is B − A, blank where either is N/A or unscored; ! marks scores {DISAGREEMENT_POINTS} or more points apart, ? N/A on one sheet against a score on the other (one finds the KSB not relevant, the other scores it)."
        )));
        if comparison.has_evidence {
            report.push(Block::Line(
                "Evidence: items of either sheet naming the KSB (an item both sheets carry, same number and description, counts once); Checked: of those, items a mentor checked.".to_string(),
            ));
        }
    }
    for grouping in Grouping::ALL {
        report.push(Block::Table(Table {
            heading: format!("By {}", grouping.heading().to_lowercase()),
            columns: Column::all([grouping.heading(), "A mean", "B mean", "Change"]),
            rows: comparison
                .groups(grouping)
                .iter()
                .map(|group| {
                    vec![
                        Cell::text_of(&group.name),
                        Cell::Number(format_mean(group.a_mean)),
                        Cell::Number(format_mean(group.b_mean)),
                        Cell::Number(format_mean_delta(group.delta())),
                    ]
                })
                .collect(),
            when_empty: None,
        }));
    }
    report
}
