//! The figures a radar chart draws, as tables: what a picture shows must also be readable
//! without seeing it (a screen reader, a text browser), so a page that shows the radar shows
//! these too.

use super::{format_mean, Block, Cell, Column, Report, Table};
use crate::figures::grouping::Grouping;
use crate::figures::summary::Summary;
use crate::render::svg::PANELS;

/// One table per panel of the radar (stack area, role focus): a row per group, a column per
/// polygon (`series`: its legend's label and its summary) holding the mean score drawn.
pub fn figures(series: &[(String, &Summary)]) -> Report {
    let mut report = Report::default();
    report.push(Block::Line(
        "The chart's figures: the mean score (0 to 3) of each group's KSBs, N/A and unscored left out."
            .to_string(),
    ));
    for grouping in PANELS {
        let mut columns = vec![Column::new(grouping.heading())];
        columns.extend(series.iter().map(|(label, _)| Column::new(label.clone())));
        let rows = names(grouping, series)
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let mut row = vec![Cell::text_of(name)];
                row.extend(series.iter().map(|(_, summary)| {
                    Cell::Number(format_mean(summary.groups(grouping)[i].tally.mean()))
                }));
                row
            })
            .collect();
        report.push(Block::Table(Table {
            heading: format!("Radar figures by {}", grouping.heading().to_lowercase()),
            columns,
            rows,
            when_empty: None,
        }));
    }
    report
}

/// The groups' names, as the first summary has them (every summary has the standard's).
fn names(grouping: Grouping, series: &[(String, &Summary)]) -> Vec<String> {
    series.first().map_or_else(Vec::new, |(_, summary)| {
        summary
            .groups(grouping)
            .iter()
            .map(|group| group.name.clone())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::score::Score;
    use crate::model::standard::Standard;
    use crate::test_support;

    #[test]
    fn every_group_of_each_panel_has_its_mean_per_polygon() {
        let standard = Standard::builtin();
        let sheet = test_support::sheet(&standard, "Generalist", &[("K1", Score::Two)]);
        let summary = Summary::of_sheet(&standard, &sheet);
        let report = figures(&[("Self-assessment 2026-12-06".to_string(), &summary)]);
        let tables: Vec<&Table> = report
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) => Some(table),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].columns[0].name, "Stack area");
        assert_eq!(tables[1].columns[0].name, "Role focus");
        assert_eq!(tables[0].columns[1].name, "Self-assessment 2026-12-06");
        let group = &summary.groups(Grouping::Area)[0];
        assert_eq!(tables[0].rows[0][0], Cell::text_of(group.name.clone()));
        assert!(tables.iter().all(|t| t.rows.iter().all(|r| r.len() == 2)));
        assert!(tables[0]
            .rows
            .iter()
            .any(|row| row[1] == Cell::Number("2.00".to_string())));
    }
}
