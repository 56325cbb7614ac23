//! CSV: one row per KSB for a spreadsheet, quoted as RFC 4180 says (the csv crate).

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

/// Writes one row per KSB: id, category, title, stack area, role focus, score (`0`–`3`,
/// `N/A` or empty) and note. It always carries the notes and never the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

impl Exporter for Csv {
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(CSV_HEADER)?;
        for row in doc.rows() {
            writer.write_record([
                row.ksb.id.as_str(),
                row.ksb.category.key(),
                &row.ksb.title,
                &row.ksb.stack_area,
                &row.ksb.role_focus,
                &row.score_text(),
                row.note.unwrap_or_default(),
            ])?;
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
}
