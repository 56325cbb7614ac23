//! Reports laid out once, whatever the format: a [`Report`] is a list of lines, paragraphs and
//! headed tables whose cells say what they hold (text, a count, a score, a mean's bar), built
//! from the figures by one module per report and drawn by each format in `render` (the
//! terminal table, Markdown, wikitext). A new report is one file here; a new format draws
//! every report.

pub mod calibration;
pub mod cohort;
pub mod compare;
pub mod evidence_list;
pub mod plan;
pub mod programme;
pub mod progress;
pub mod radar;
pub mod roster;
pub mod sheet;
pub mod summary;

mod format;

pub use format::{format_delta, format_mean, format_mean_delta, format_share};

use crate::model::evidence::Support;
use crate::model::score::Score;
use crate::model::sheet::Participant;

/// A report: its blocks in the order they are shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// What the report shows, top to bottom.
    pub blocks: Vec<Block>,
}

impl Report {
    /// Adds a block at the end.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Adds every block of `other` at the end.
    pub fn extend(&mut self, other: Report) {
        self.blocks.extend(other.blocks);
    }
}

/// One part of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The report's title: a heading in markup, a plain line on the terminal.
    Title(String),
    /// A line that belongs to what comes just before it (a header line, a table's note).
    Line(String),
    /// A paragraph set apart from what comes before it.
    Paragraph(String),
    /// A headed table.
    Table(Table),
}

/// A table with its heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The heading shown above the table.
    pub heading: String,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// What to say instead of a table without rows; `None` draws the empty table.
    pub when_empty: Option<&'static str>,
}

/// A column's heading, and whether a format may leave it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The column heading.
    pub name: String,
    /// A picture of figures shown elsewhere in the row (the bar of a mean): markup formats
    /// leave it out, the terminal when it would make the table wrap.
    pub optional: bool,
    /// Whether a narrow terminal may leave the column out rather than split a word, and when:
    /// columns of rank 1 go first, then rank 2, and so on; `None` stays.
    pub narrows: Option<u8>,
}

impl Column {
    /// A column every format shows.
    pub fn new(name: impl Into<String>) -> Column {
        Column {
            name: name.into(),
            optional: false,
            narrows: None,
        }
    }

    /// This column, left out on a narrow terminal at `rank` (1 first).
    pub fn narrowing(self, rank: u8) -> Column {
        Column {
            narrows: Some(rank),
            ..self
        }
    }

    /// Columns every format shows, one per name.
    pub fn all<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Vec<Column> {
        names.into_iter().map(Column::new).collect()
    }
}

/// One cell: what it holds decides how a format aligns and colours it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, aligned left.
    Text(String),
    /// A row heading that stands out, such as "Overall".
    Strong(String),
    /// A figure (a count, a mean, a change), aligned right.
    Number(String),
    /// A figure that calls for attention (a disagreement), aligned right.
    Alert(String),
    /// A score, centred; blank when unscored.
    Score(Option<Score>),
    /// A mean drawn as a bar.
    Bar(Option<f64>),
}

impl Cell {
    /// The cell as plain text, for formats without alignment or colour.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) | Cell::Strong(text) | Cell::Number(text) | Cell::Alert(text) => {
                text.clone()
            }
            Cell::Score(score) => score.map(|s| s.to_string()).unwrap_or_default(),
            Cell::Bar(mean) => format_mean(*mean),
        }
    }

    /// A text cell.
    pub fn text_of(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// A figure cell.
    pub fn number(figure: impl ToString) -> Cell {
        Cell::Number(figure.to_string())
    }
}

/// A sheet as a report that shows several names it: the file it was read from and its header.
#[derive(Debug, Clone, Copy)]
pub struct SheetLabel<'a> {
    /// The file name as the user gave it.
    pub file: &'a str,
    /// The sheet's participant header.
    pub participant: &'a Participant,
}

impl SheetLabel<'_> {
    /// One line naming the sheet in a report about several: file, who, what kind, when, and
    /// the reviewer when the sheet names one.
    pub fn line(&self, tag: &str) -> String {
        let p = self.participant;
        let by = p
            .reviewer
            .as_deref()
            .map(|reviewer| format!(", by {reviewer}"))
            .unwrap_or_default();
        format!(
            "{tag}: {} ({}, {}, {}, {}{by})",
            self.file,
            p.username,
            p.role_focus,
            p.assessment_type,
            p.date_dmy()
        )
    }
}

/// The headings of the evidence columns `compare` and `plan` add beside a score, when there
/// is evidence: items naming the KSB, and how many of them a mentor checked.
pub const SUPPORT_COLUMNS: [&str; 2] = ["Evidence", "Checked"];

/// The cells under [`SUPPORT_COLUMNS`]: both blank for a KSB no item names, so the KSBs with
/// evidence stand out.
pub fn support_cells(support: Support) -> [Cell; 2] {
    if support.items == 0 {
        return [Cell::number(""), Cell::number("")];
    }
    [Cell::number(support.items), Cell::number(support.checked)]
}
