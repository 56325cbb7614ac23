//! A report as CSV: each table of the report in turn, for a spreadsheet or a script.
//!
//! Each table is a block of records: a header row (`table` and the table's columns), then a
//! row per table row whose first field is the table's heading, so a line names the table it
//! belongs to. Blocks are separated by an empty line, the layout Miller reads as one file of
//! several tables (`mlr --icsvlite`), and a report of one table is plain CSV. Lines and
//! paragraphs are left out (JSON has every figure), and so are optional columns (pictures of
//! figures shown beside them). Every record goes through the one [`CsvWriter`]: figures stay
//! figures, text cells are neutralised.

use super::csv::{CsvCell, CsvWriter};
use crate::report::{Block, Cell, Report};

/// The heading of the first column, which names each row's table.
pub const TABLE_COLUMN: &str = "table";

/// The report's tables as CSV.
pub fn report(report: &Report) -> String {
    let mut out: Vec<u8> = Vec::new();
    for block in &report.blocks {
        let Block::Table(table) = block else {
            continue;
        };
        if !out.is_empty() {
            out.push(b'\n');
        }
        let mut writer = CsvWriter::new(&mut out);
        let shown: Vec<bool> = table.columns.iter().map(|c| !c.optional).collect();
        let header = table
            .columns
            .iter()
            .filter(|column| !column.optional)
            .map(|column| column.name.as_str());
        // Writing to memory cannot fail.
        let _ = writer.texts(std::iter::once(TABLE_COLUMN).chain(header));
        for row in &table.rows {
            let texts: Vec<(bool, String)> = row
                .iter()
                .zip(&shown)
                .filter(|(_, shown)| **shown)
                .map(|(cell, _)| (is_figure_cell(cell), cell.text()))
                .collect();
            let cells = texts.iter().map(|(figure, text)| {
                if *figure {
                    CsvCell::Number(text)
                } else {
                    CsvCell::Text(text)
                }
            });
            let _ = writer.record(std::iter::once(CsvCell::Text(&table.heading)).chain(cells));
        }
        let _ = writer.into_inner();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Whether a report cell holds a figure rather than text.
fn is_figure_cell(cell: &Cell) -> bool {
    matches!(
        cell,
        Cell::Number(_) | Cell::Alert(_) | Cell::Score(_) | Cell::Bar(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, Column, Table};

    #[test]
    fn each_table_under_its_header_with_its_heading_first() {
        let mut report = Report::default();
        report.push(Block::Line("Not in the CSV".into()));
        let mut columns = Column::all(["Name", "Mean"]);
        columns.push(Column {
            optional: true,
            ..Column::new("Bar")
        });
        report.push(Block::Table(Table {
            heading: "By KSB".into(),
            columns,
            rows: vec![vec![
                Cell::text_of("a, \"b\"\nc"),
                Cell::number("1.50"),
                Cell::Bar(Some(1.5)),
            ]],
            when_empty: None,
        }));
        report.push(Block::Table(Table {
            heading: "Empty".into(),
            columns: Column::all(["X"]),
            rows: vec![],
            when_empty: Some("Nothing."),
        }));
        assert_eq!(
            super::report(&report),
            "table,Name,Mean\nBy KSB,\"a, \"\"b\"\"\nc\",1.50\n\ntable,X\n"
        );
    }
}
