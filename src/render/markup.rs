//! The export document laid out once for every markup language (wikitext, Markdown): a
//! format only says how to write a heading, a list, a table row and how to escape text.

use std::io;

use super::export::{ExportDoc, Exporter, HeaderValue, Hint, KEY_LABEL};
use super::format_mean;
use super::sections::{self, Section};
use super::table::SUMMARY_COLUMNS;
use crate::figures::grouping::Grouping;
use crate::figures::plan::Plan;
use crate::figures::summary::Tally;
use crate::model::sheet::Participant;

/// A markup language the export document can be written in.
///
/// Methods taking `markup` receive text that is already safe: ksb's own words, or text
/// passed through [`MarkupExporter::escape`] by the layout below. Only `escape` sees text
/// from a sheet or a standard, so a format's safety rests on that one function.
pub trait MarkupExporter {
    /// Escapes text so that it shows as the characters typed, on one line, in any cell,
    /// list item or paragraph; line breaks become the format's in-line break.
    fn escape(&self, text: &str) -> String;
    /// A heading: level 2 for the page heading, 3 for the summary tables'.
    fn heading(&self, level: usize, markup: &str) -> String;
    /// A paragraph.
    fn paragraph(&self, markup: &str) -> String;
    /// A bulleted list.
    fn list(&self, items: &[String]) -> String;
    /// The start of a table with its column headings.
    fn table_start(&self, columns: &[&str]) -> String;
    /// A row spanning all `width` columns that heads a section (Knowledge, Skills, …).
    fn section_row(&self, markup: &str, width: usize) -> String;
    /// A row of cells.
    fn row(&self, cells: &[String]) -> String;
    /// The end of a table.
    fn table_end(&self) -> String;
}

impl<T: MarkupExporter> Exporter for T {
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>> {
        Ok(document(self, doc).into_bytes())
    }
}

/// The whole export: heading, participant header, key, sheet table and optional summary.
fn document(m: &impl MarkupExporter, doc: &ExportDoc) -> String {
    let mut out = m.heading(2, &m.escape(&doc.title()));
    let header: Vec<String> = doc
        .header()
        .into_iter()
        .map(|(label, value)| format!("{label}: {}", header_value(m, &value)))
        .collect();
    out.push_str(&m.list(&header));
    out.push_str(&m.paragraph(KEY_LABEL));
    let key: Vec<String> = doc
        .key()
        .into_iter()
        .map(|(score, meaning)| format!("{} – {}", m.escape(&score), m.escape(meaning)))
        .collect();
    out.push_str(&m.list(&key));
    out.push_str(&sheet_table(m, doc));
    if doc.summary {
        out.push_str(&summary_tables(m, doc));
    }
    out
}

/// A header value: the sheet's text escaped, or the blank sheet's hint in parentheses.
fn header_value(m: &impl MarkupExporter, value: &HeaderValue) -> String {
    match value {
        HeaderValue::Filled(text) => m.escape(text),
        HeaderValue::Hint(Hint::Sentence(sentence)) => format!("({})", m.escape(sentence)),
        HeaderValue::Hint(Hint::Examples(examples)) => {
            let examples: Vec<String> = examples.iter().map(|e| m.escape(e)).collect();
            format!("(e.g. {})", examples.join(", "))
        }
    }
}

/// The sheet: one table, a full-width row before each category, one row per KSB.
fn sheet_table(m: &impl MarkupExporter, doc: &ExportDoc) -> String {
    let columns = doc.columns();
    let mut out = m.table_start(columns);
    for section in doc.sections() {
        out.push_str(&m.section_row(section.category.heading(), columns.len()));
        for row in &section.rows {
            let mut cells = vec![
                m.escape(&row.ksb.title),
                m.escape(&row.ksb.stack_area),
                m.escape(&row.ksb.role_focus),
                m.escape(&row.score_text()),
            ];
            if doc.notes {
                cells.push(m.escape(row.note.unwrap_or_default()));
            }
            out.push_str(&m.row(&cells));
        }
    }
    out.push_str(&m.table_end());
    out
}

/// One table per grouping, as `ksb summary` prints them.
fn summary_tables(m: &impl MarkupExporter, doc: &ExportDoc) -> String {
    let summary = doc.figures();
    let mut out = String::new();
    for grouping in Grouping::ALL {
        out.push_str(&m.heading(
            3,
            &format!("Summary by {}", grouping.heading().to_lowercase()),
        ));
        let mut columns = vec![grouping.heading()];
        columns.extend(SUMMARY_COLUMNS);
        out.push_str(&m.table_start(&columns));
        for group in summary.groups(grouping) {
            out.push_str(&m.row(&tally_cells(m.escape(&group.name), &group.tally)));
        }
        if grouping == Grouping::Category {
            out.push_str(&m.row(&tally_cells("Overall".to_string(), &summary.overall)));
        }
        out.push_str(&m.table_end());
        if grouping == Grouping::Area && doc.standard.has_shared_areas() {
            out.push_str(&m.paragraph("A KSB with two stack areas counts in both."));
        }
    }
    out
}

/// A development plan: `ksb plan --format markdown|wikitext`.
pub fn plan(m: &impl MarkupExporter, participant: &Participant, plan: &Plan) -> String {
    let mut out = m.heading(2, &m.escape(&sections::plan_title(participant)));
    out.push_str(&m.paragraph(&m.escape(&sections::plan_intro(participant, plan))));
    for part in sections::plan(plan) {
        out.push_str(&section(m, &part));
    }
    out
}

/// One headed section of a report: a table, or a sentence when it has no rows.
fn section(m: &impl MarkupExporter, section: &Section) -> String {
    let mut out = m.heading(3, &m.escape(&section.heading));
    if section.rows.is_empty() {
        out.push_str(&m.paragraph(&m.escape(section.when_empty)));
        return out;
    }
    out.push_str(&m.table_start(&section.columns));
    for row in &section.rows {
        let cells: Vec<String> = row.iter().map(|cell| m.escape(cell)).collect();
        out.push_str(&m.row(&cells));
    }
    out.push_str(&m.table_end());
    out
}

/// A summary row: the group's name, then its figures.
fn tally_cells(name: String, tally: &Tally) -> Vec<String> {
    let mut cells = vec![
        name,
        tally.ksbs.to_string(),
        tally.scored.to_string(),
        tally.na.to_string(),
        tally.unscored.to_string(),
        format_mean(tally.mean()),
    ];
    cells.extend(tally.counts.iter().map(usize::to_string));
    cells
}
