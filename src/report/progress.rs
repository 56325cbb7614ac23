//! `ksb progress`: several sheets in date order, a column per date.

use super::{
    format_delta, format_mean, format_share, Block, Cell, Column, Report, SheetLabel, Table,
};
use crate::figures::grouping::Grouping;
use crate::figures::progress::Progress;
use crate::model::assessment;
use crate::model::date::format_dmy;
use crate::model::standard::Standard;

/// The progress over `sheets`, labelled in the order they were given; `progress.order` puts
/// them in date order.
pub fn report(standard: &Standard, sheets: &[SheetLabel], progress: &Progress) -> Report {
    let mut report = Report::default();
    for (n, &i) in progress.order.iter().enumerate() {
        report.push(Block::Line(sheets[i].line(&(n + 1).to_string())));
    }
    // Each column headed by the sheet's assessment type (its short name, as `--type` takes
    // it) and date: a self-assessment and a review of one day are told apart.
    let dates: Vec<String> = progress
        .order
        .iter()
        .zip(&progress.dates)
        .map(|(&i, d)| {
            let kind = &sheets[i].participant.assessment_type;
            format!("{} {}", assessment::short_name(kind), format_dmy(*d))
        })
        .collect();
    let columns = |first: &str, change: bool| {
        let mut columns = vec![Column::new(first)];
        columns.extend(Column::all(&dates));
        if change {
            columns.push(Column::new("Change"));
        }
        columns.push(Column::new("Travelled"));
        columns
    };

    report.push(Block::Table(Table {
        heading: "KSBs".to_string(),
        columns: columns("KSB", true),
        rows: progress
            .ksbs
            .iter()
            .zip(&standard.ksbs)
            .map(|(row, ksb)| {
                let mut cells = vec![Cell::Text(format!("{} {}", ksb.id, ksb.title))];
                cells.extend(row.scores.iter().map(|s| Cell::Score(*s)));
                let change = row.change.map(format_delta).unwrap_or_default();
                cells.push(match row.change {
                    Some(points) if points < 0 => Cell::Alert(change),
                    _ => Cell::Number(change),
                });
                cells.push(Cell::Number(format_share(row.travelled)));
                cells
            })
            .collect(),
        when_empty: None,
    }));
    if progress.dates.len() > 1 {
        report.push(Block::Line(
            "Change is the latest score − the first, blank where either is N/A or unscored. \
             Travelled is the share of the gap to 3 closed, or, where scores went down, the \
             share of the first sheet's points lost (negative)."
                .to_string(),
        ));
    }
    for grouping in Grouping::ALL {
        report.push(Block::Table(Table {
            heading: format!("Means by {}", grouping.heading().to_lowercase()),
            columns: columns(grouping.heading(), false),
            rows: progress
                .groups(grouping)
                .iter()
                .map(|group| {
                    let mut cells = vec![Cell::text_of(&group.name)];
                    cells.extend(group.means.iter().map(|m| Cell::Number(format_mean(*m))));
                    cells.push(Cell::Number(format_share(group.travelled)));
                    cells
                })
                .collect(),
            when_empty: None,
        }));
    }
    report.push(Block::Paragraph(match (progress.travelled, progress.dates.first()) {
        (Some(share), Some(first)) if share < 0.0 => format!(
            "Distance travelled: {}: the scores went down since {}, losing {} of the points the first sheet had (KSBs scored 0–3 on both the first and the latest sheet; N/A and unscored left out).",
            format_share(Some(share)),
            format_dmy(*first),
            format_share(Some(-share))
        ),
        (Some(share), Some(first)) => format!(
            "Distance travelled: {} of the gap to 3 closed since {} (KSBs scored 0–3 on both the first and the latest sheet; N/A and unscored left out).",
            format_share(Some(share)),
            format_dmy(*first)
        ),
        _ if progress.dates.len() < 2 => "Distance travelled: needs two sheets or more.".to_string(),
        _ => "Distance travelled: none to measure (no KSB scored 0–3 on both the first and the latest sheet, or each of them was 3 on both).".to_string(),
    }));
    report
}
