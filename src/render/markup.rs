//! The export document laid out once for every markup language (wikitext, Markdown): a
//! format only says how to write a heading, a list, a table row and how to escape text.

use std::io;

use super::evidence_table::{
    added_text, ksbs_text, verdict_text, EVIDENCE_COLUMNS, EVIDENCE_HEADING,
};
use super::export::{ExportDoc, Exporter, HeaderValue, Hint, KEY_LABEL};
use crate::figures::grouping::Grouping;
use crate::model::evidence::{Evidence, EvidenceLink};
use crate::report::{summary, Block, Cell, Report, Table};

/// A markup language the export document can be written in.
///
/// Methods taking `markup` (and `table_start`'s column headings) receive text that is already
/// safe: the layout below passes every piece of text through [`MarkupExporter::escape`],
/// ksb's own words as well as a sheet's and a standard's (labels, column headings, names of
/// role focuses, areas and assessment types), so a format's safety rests on that one function.
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
    /// The start of a table with its column headings (escaped).
    fn table_start(&self, columns: &[String]) -> String;
    /// The start of a table whose columns are aligned as `align` says, one per column: a
    /// format that cannot align a column by its heading writes [`MarkupExporter::table_start`].
    fn table_start_aligned(&self, columns: &[String], align: &[Align]) -> String {
        let _ = align;
        self.table_start(columns)
    }
    /// A row spanning all `width` columns that heads a section (Knowledge, Skills, …).
    fn section_row(&self, markup: &str, width: usize) -> String;
    /// A row of cells.
    fn row(&self, cells: &[String]) -> String;
    /// The end of a table.
    fn table_end(&self) -> String;
    /// A link to an address outside the wiki (an evidence item's `https://` address, Phorge
    /// task or GitHub issue) showing `label` (escaped). The format makes the address safe in
    /// its markup itself: `url` is an address [`url::Url`] normalised, nothing more.
    fn external_link(&self, url: &str, label: &str) -> String;
    /// A link to a page of the wiki itself (an evidence item's `[[Page]]`) showing `label`
    /// (escaped); `title` is a title [`EvidenceLink::parse`] accepted. A format that is not on
    /// the wiki has no address for it and shows the label alone.
    fn page_link(&self, title: &str, label: &str) -> String {
        let _ = title;
        label.to_string()
    }
    /// What keeps a page of several headings from growing a table of contents, which the
    /// programme's sheet does not have (MediaWiki adds one from four headings on); nothing in
    /// a format that has none.
    fn no_contents(&self) -> String {
        String::new()
    }
}

/// How a report's column is aligned: figures to the right, scores centred, as the terminal
/// shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Figures: counts, means, changes.
    Right,
    /// Scores.
    Center,
}

impl Align {
    /// How a column of these cells is aligned: right when every one is a figure, centred when
    /// every one is a score, else left.
    fn of<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> Align {
        let mut cells = cells.into_iter().peekable();
        if cells.peek().is_none() {
            return Align::Left;
        }
        let mut figures = true;
        let mut scores = true;
        for cell in cells {
            figures &= matches!(cell, Cell::Number(_) | Cell::Alert(_) | Cell::Bar(_));
            scores &= matches!(cell, Cell::Score(_));
        }
        if figures {
            Align::Right
        } else if scores {
            Align::Center
        } else {
            Align::Left
        }
    }
}

/// Whether `&` followed by `rest` could start a character reference (`&amp;`, `&#124;`,
/// `&#x7C;`): a name or number of letters and digits closed by `;`. Anywhere else both
/// Markdown and wikitext show a raw `&` as it is (`T&S`, `R & D`), so it needs no escape.
pub(crate) fn could_start_reference(rest: &[char]) -> bool {
    let mut rest = rest;
    if let ['#', more @ ..] = rest {
        rest = more;
        if let ['x' | 'X', more @ ..] = rest {
            rest = more;
        }
    }
    let name = rest.iter().take_while(|c| c.is_alphanumeric()).count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Whether a `:` followed by `next` (`None` at the end of the text) could be part of markup:
/// the `:` of a link's scheme (`https://…`, `mailto:…`) or of an emoji code (`:tada:`) is
/// always followed by something other than a space, while a `:` before a space or a line
/// break, as in ksb's own `Preferred role focus: …`, starts neither. Before anything else
/// (even a tab, which MediaWiki takes into a `mailto:` link) or at the end of the text, whose
/// next character is not known here, it could.
pub(crate) fn colon_could_be_markup(next: Option<char>) -> bool {
    !matches!(next, Some(' ' | '\n' | '\r'))
}

/// An address as a format's markup may hold it: the characters `keep` allows as they are, `&`
/// as `&amp;` (both formats decode character references in an address, so it stays the same
/// address while a following `name;` cannot become a reference), every other character
/// percent-encoded as its UTF-8 bytes, which a browser treats as the character.
pub(crate) fn safe_url(url: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(url.len() + url.len() / 4);
    for c in url.chars() {
        if c == '&' {
            out.push_str("&amp;");
        } else if c.is_ascii_alphanumeric() || keep(c) {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
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
        .map(|(label, value)| format!("{}: {}", m.escape(label), header_value(m, &value)))
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
    if !doc.evidence().is_empty() {
        out.push_str(&evidence_table(m, doc.evidence()));
    }
    if doc.summary {
        // The summary's headings would give the page a table of contents.
        out.insert_str(0, &m.no_contents());
        let summary = doc.figures();
        let tables = summary::tables(doc.standard, &summary, &Grouping::ALL, "Summary by");
        out.push_str(&report(m, &tables));
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
    let columns: Vec<String> = doc.columns().iter().map(|c| m.escape(c)).collect();
    // Title, stack area, role focus, the score (centred, as the terminal shows it), notes.
    let align: Vec<Align> = (0..columns.len())
        .map(|i| if i == 3 { Align::Center } else { Align::Left })
        .collect();
    let mut out = m.table_start_aligned(&columns, &align);
    for section in doc.sections() {
        out.push_str(&m.section_row(&m.escape(section.category.heading()), columns.len()));
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

/// The Evidence table under its heading: one row per item, each link a real link showing the
/// link as the sheet writes it (see [`super::evidence_table`]).
fn evidence_table(m: &impl MarkupExporter, items: &[Evidence]) -> String {
    let mut out = m.heading(3, &m.escape(EVIDENCE_HEADING));
    let columns: Vec<String> = EVIDENCE_COLUMNS.iter().map(|c| m.escape(c)).collect();
    out.push_str(&m.table_start(&columns));
    for item in items {
        out.push_str(
            &m.row(&[
                m.escape(&item.number.to_string()),
                m.escape(&item.text),
                item.link
                    .as_ref()
                    .map(|link| link_cell(m, link))
                    .unwrap_or_default(),
                m.escape(&ksbs_text(&item.ksbs)),
                m.escape(&added_text(&item.added_by, item.added)),
                m.escape(&verdict_text(item.verdict.as_ref())),
            ]),
        );
    }
    out.push_str(&m.table_end());
    out
}

/// An evidence link: the link as written, linked to where it leads.
fn link_cell(m: &impl MarkupExporter, link: &EvidenceLink) -> String {
    let label = m.escape(&link.as_written());
    match (link, link.url()) {
        (_, Some(url)) => m.external_link(&url, &label),
        (EvidenceLink::WikiPage(title), None) => m.page_link(title, &label),
        (_, None) => label,
    }
}

/// A report in this markup: the title a level-2 heading, each table under a level-3 heading
/// (or the sentence it has when empty), lines and paragraphs as paragraphs. Optional columns
/// (pictures of figures shown beside them) are left out.
pub fn report(m: &impl MarkupExporter, report: &Report) -> String {
    let mut out = String::new();
    for block in &report.blocks {
        match block {
            Block::Title(text) => out.push_str(&m.heading(2, &m.escape(text))),
            Block::Line(text) | Block::Paragraph(text) => {
                out.push_str(&m.paragraph(&m.escape(text)))
            }
            Block::Table(table) => out.push_str(&self::table(m, table)),
        }
    }
    out
}

/// One headed table of a report, or its sentence when it has no rows.
fn table(m: &impl MarkupExporter, table: &Table) -> String {
    let mut out = m.heading(3, &m.escape(&table.heading));
    if let (Some(when_empty), true) = (table.when_empty, table.rows.is_empty()) {
        out.push_str(&m.paragraph(&m.escape(when_empty)));
        return out;
    }
    let shown: Vec<bool> = table.columns.iter().map(|c| !c.optional).collect();
    let columns: Vec<String> = table
        .columns
        .iter()
        .filter(|column| !column.optional)
        .map(|column| m.escape(&column.name))
        .collect();
    let align: Vec<Align> = (0..table.columns.len())
        .filter(|&i| shown[i])
        .map(|i| Align::of(table.rows.iter().filter_map(|row| row.get(i))))
        .collect();
    out.push_str(&m.table_start_aligned(&columns, &align));
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&shown)
            .filter(|(_, shown)| **shown)
            .map(|(cell, _)| m.escape(&cell.text()))
            .collect();
        out.push_str(&m.row(&cells));
    }
    out.push_str(&m.table_end());
    out
}
