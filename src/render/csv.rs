//! CSV: one row per KSB for a spreadsheet, quoted as RFC 4180 says (the csv crate), every
//! cell that a spreadsheet would run as a formula neutralised first.

use std::borrow::Cow;
use std::io;

use super::export::{ExportDoc, Exporter};

/// The header row of the CSV export.
pub const CSV_HEADER: [&str; 7] = [
    "id",
    "category",
    "title",
    "stack_area",
    "role_focus",
    "score",
    "note",
];

/// The characters that make a spreadsheet (Excel, LibreOffice Calc, Google Sheets) read a cell
/// that begins with them as a formula: OWASP's list for CSV injection.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a spreadsheet may open it safely: one that begins with a [`FORMULA_STARTS`]
/// character gets a `'` in front (OWASP's rule), so `=HYPERLINK(...)` in a note shows as the
/// text typed rather than running when the programme lead opens the file. Every other cell is
/// as it was.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes one row per KSB: id, category, title, stack area, role focus, score (`0`–`3`,
/// `N/A` or empty) and note, each cell [`neutralise`]d. It always carries the notes and never
/// the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

impl Exporter for Csv {
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(CSV_HEADER)?;
        for row in doc.rows() {
            let score = row.score_text();
            let cells = [
                row.ksb.id.as_str(),
                row.ksb.category.key(),
                &row.ksb.title,
                &row.ksb.stack_area,
                &row.ksb.role_focus,
                &score,
                row.note.unwrap_or_default(),
            ];
            writer.write_record(cells.map(neutralise).iter().map(|cell| cell.as_bytes()))?;
        }
        writer.into_inner().map_err(|err| err.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::export::tests::example;

    #[test]
    fn quotes_what_needs_quoting() {
        let (standard, sheet) = example();
        let doc = ExportDoc {
            standard: &standard,
            sheet: Some(&sheet),
            notes: false,
            summary: false,
        };
        let text = String::from_utf8(Csv.export(&doc).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "id,category,title,stack_area,role_focus,score,note"
        );
        assert_eq!(
            lines[1],
            "K1,knowledge,Open Source Ecosystem Awareness,Community & Governance,Generalist,2,Wrote a licence FAQ | with links"
        );
        assert_eq!(
            lines[2],
            "K2,knowledge,MediaWiki Architecture & Extension System,MediaWiki,MediaWiki Specialist,N/A,"
        );
        assert!(text.contains("3,\"Led the outage call\nand the write-up\"\n"));
    }

    #[test]
    fn cells_that_would_run_as_formulas_get_a_quote_first() {
        for (cell, safe) in [
            (
                "=HYPERLINK(\"http://evil\",\"x\")",
                "'=HYPERLINK(\"http://evil\",\"x\")",
            ),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(neutralise(cell), safe);
        }
        for cell in ["", "Ran the rebalance", " =1", "a=b", "'quoted", "N/A", "2"] {
            assert_eq!(neutralise(cell), cell);
        }
    }
}
