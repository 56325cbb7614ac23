//! CSV: the one writer every CSV of ksb goes through ([`CsvWriter`]: the sheet export, the
//! cohort export, and each report's tables), quoted as RFC 4180 says (the csv crate), every
//! text cell that a spreadsheet would run as a formula neutralised first; and the one-sheet
//! export ([`Csv`]), one row per KSB.

use std::borrow::Cow;
use std::io::{self, Write};

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

/// Whether `cell` is a figure as ksb writes one (`2`, `-0.50`, `+1`, `75%`): an optional sign,
/// digits with at most one decimal point, and an optional `%`. A spreadsheet reads it as the
/// number it is, so it is written as it is.
pub fn is_figure(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(body.contains('.') && fraction.is_empty())
}

/// One cell of a CSV record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvCell<'a> {
    /// Text (a name, a note, a heading): always [`neutralise`]d.
    Text(&'a str),
    /// A figure (a count, a mean, a change): written as it is when it [`is_figure`], and
    /// neutralised like text otherwise.
    Number(&'a str),
}

/// The one writer of CSV: records of [`CsvCell`]s, each text cell [`neutralise`]d, quoted as
/// RFC 4180 says. Every CSV ksb writes goes through it, so none can forget the formula rule.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer of records into `out`.
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::Writer::from_writer(out),
        }
    }

    /// Writes a record of cells.
    pub fn record<'c>(&mut self, cells: impl IntoIterator<Item = CsvCell<'c>>) -> io::Result<()> {
        let cells: Vec<Cow<'c, str>> = cells
            .into_iter()
            .map(|cell| match cell {
                CsvCell::Number(figure) if is_figure(figure) => Cow::Borrowed(figure),
                CsvCell::Text(text) | CsvCell::Number(text) => neutralise(text),
            })
            .collect();
        self.inner
            .write_record(cells.iter().map(|cell| cell.as_bytes()))
            .map_err(io::Error::from)
    }

    /// Writes a record of text cells (a header row, or a row of names and notes).
    pub fn texts<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> io::Result<()> {
        self.record(cells.into_iter().map(CsvCell::Text))
    }

    /// Flushes the records and gives back what they were written into.
    pub fn into_inner(self) -> io::Result<W> {
        self.inner.into_inner().map_err(|err| err.into_error())
    }
}

/// Records of text cells as CSV text, through [`CsvWriter`] (writing to memory cannot fail).
pub fn to_text<'c>(records: impl IntoIterator<Item = Vec<CsvCell<'c>>>) -> String {
    let mut writer = CsvWriter::new(Vec::new());
    for record in records {
        let _ = writer.record(record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes one row per KSB: id, category, title, stack area, role focus, score (`0`–`3`,
/// `N/A` or empty) and note, each cell [`neutralise`]d. It always carries the notes and never
/// the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

impl Exporter for Csv {
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>> {
        let mut writer = CsvWriter::new(Vec::new());
        writer.texts(CSV_HEADER)?;
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
            writer.texts(cells)?;
        }
        writer.into_inner()
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

    #[test]
    fn figures_stay_figures_and_text_is_neutralised() {
        for figure in ["2", "-0.50", "+1", "75%", "1.5"] {
            assert!(is_figure(figure), "{figure}");
        }
        for text in ["", "-", "+", "1.", ".5", "-1+2", "=1", "1e3", "N/A"] {
            assert!(!is_figure(text), "{text}");
        }
        let text = to_text([
            vec![CsvCell::Text("-0.50"), CsvCell::Number("-0.50")],
            vec![CsvCell::Text("+Beta"), CsvCell::Number("=SUM(A1)")],
        ]);
        assert_eq!(text, "'-0.50,-0.50\n'+Beta,'=SUM(A1)\n");
    }
}
