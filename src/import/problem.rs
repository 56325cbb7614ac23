//! What can be wrong with a page being imported, each naming where, on one line.

use std::fmt;

use crate::model::id::KsbId;

/// Where a row of a table is, to name it in a message: its line, its place among the table's
/// KSB rows, and its title as the page writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    /// The 1-based line the row starts on.
    pub line: usize,
    /// The 1-based number of the row among the table's KSB rows.
    pub row: usize,
    /// The row's title (or id) as the page writes it; empty when it has none.
    pub title: String,
}

impl fmt::Display for RowRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, row {}", self.line, self.row)?;
        if !self.title.trim().is_empty() {
            write!(f, " '{}'", shown(&self.title))?;
        }
        Ok(())
    }
}

/// Page text as a message shows it: on one line ([`crate::render::terminal::one_line`]) and at
/// most 60 characters, so that a hostile cell cannot flood or break the message.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let cut: String = text.trim().chars().take(MAX).collect();
    let mut out = crate::render::terminal::one_line(&cut);
    if text.trim().chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// Why a page cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The page is larger than [`super::MAX_PAGE_BYTES`].
    #[error("the page is {0} bytes, over ksb's limit of 10 MiB")]
    TooLarge(usize),
    /// No table of the page has the columns the import needs.
    #[error("the page has no {what} table (a table whose heading row has {columns} columns)")]
    NoTable {
        /// "sheet" or "standard".
        what: &'static str,
        /// The columns looked for, as a message names them.
        columns: &'static str,
    },
    /// More than one table could be the one to import.
    #[error("the page has {} {what} tables (on lines {}): import one at a time", .lines.len(), join_lines(.lines))]
    SeveralTables {
        /// "sheet" or "standard".
        what: &'static str,
        /// The line each table starts on.
        lines: Vec<usize>,
    },
    /// The table lacks a column the import cannot do without.
    #[error("line {line}: the {what} table has no {column} column")]
    MissingColumn {
        /// Where the table starts.
        line: usize,
        /// "sheet" or "standard".
        what: &'static str,
        /// The column's heading.
        column: &'static str,
    },
}

fn join_lines(lines: &[usize]) -> String {
    let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
    lines.join(", ")
}

/// One thing on the page that could not be taken as it is: a row, a header line or a table
/// left open. A strict import refuses the page over any of them; a lenient one skips them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A row whose title (and id) names no KSB of the standard.
    #[error("{at}: not the title of any KSB of the standard")]
    UnknownKsb {
        /// The row.
        at: RowRef,
    },
    /// A row with neither a title nor an id.
    #[error("{at}: the row has no title")]
    NoTitle {
        /// The row.
        at: RowRef,
    },
    /// A second row for the same KSB.
    #[error("{at}: {id} is already on row {first}")]
    Duplicate {
        /// The second row.
        at: RowRef,
        /// The KSB.
        id: KsbId,
        /// The number of the first row with it.
        first: usize,
    },
    /// A second row with the same new title (standard import).
    #[error("{at}: the same title is already on row {first}")]
    DuplicateTitle {
        /// The second row.
        at: RowRef,
        /// The number of the first row with it.
        first: usize,
    },
    /// A score that is none of 0–3 or N/A.
    #[error("{at}: score '{}' is not 0–3 or N/A", shown(.text))]
    BadScore {
        /// The row.
        at: RowRef,
        /// The score cell's text.
        text: String,
    },
    /// A row with more cells than the table has columns.
    #[error("{at}: {cells} cells, but the table has {columns} columns")]
    TooManyCells {
        /// The row.
        at: RowRef,
        /// How many cells the row has.
        cells: usize,
        /// How many columns the heading row names.
        columns: usize,
    },
    /// A row without a cell the import needs (standard import).
    #[error("{at}: no {column}")]
    MissingCell {
        /// The row.
        at: RowRef,
        /// The column, as a message names it.
        column: &'static str,
    },
    /// A role focus that is not one of the standard's (standard import).
    #[error("{at}: role focus '{}' is not one of the standard's: {allowed}", shown(.value))]
    UnknownRoleFocus {
        /// The row.
        at: RowRef,
        /// What the row says.
        value: String,
        /// The standard's role focuses.
        allowed: String,
    },
    /// A stack-area label that names none of the standard's areas (standard import).
    #[error("{at}: stack area '{}' names none of the standard's areas ({allowed}): add the area to the base standard first", shown(.label))]
    NoArea {
        /// The row.
        at: RowRef,
        /// The label.
        label: String,
        /// The standard's areas.
        allowed: String,
    },
    /// A new KSB whose category the page does not make clear (standard import).
    #[error("{at}: a new KSB, and no section row (Knowledge, Skills or Behaviours) above it says which category")]
    NoCategory {
        /// The row.
        at: RowRef,
    },
    /// A header value that the standard does not allow, or that is no date or username.
    #[error("line {line}: {field} '{}' {reason}", shown(.value))]
    BadHeader {
        /// The line.
        line: usize,
        /// The header label, as the sheet writes it.
        field: &'static str,
        /// What the line says.
        value: String,
        /// Why it is refused.
        reason: String,
    },
    /// A header label given twice with different values.
    #[error("line {line}: {field} is given again, differently from line {first}")]
    HeaderTwice {
        /// The second line.
        line: usize,
        /// The header label.
        field: &'static str,
        /// The line that gave it first.
        first: usize,
    },
    /// An Evidence table out of place, or a second one.
    #[error("line {line}: {what}")]
    EvidenceTable {
        /// Where the table (or the text in its way) is.
        line: usize,
        /// What is wrong.
        what: &'static str,
    },
    /// A row of the Evidence table that is no evidence item ksb can read.
    #[error("line {line}: evidence {number}: {what}", number = shown(.number))]
    BadEvidence {
        /// The row's line.
        line: usize,
        /// Its No. cell as written.
        number: String,
        /// What is wrong.
        what: String,
    },
    /// A wikitable that the page never closes.
    #[error("line {line}: the table is never closed (no `|}}` before the end of the page)")]
    Unclosed {
        /// Where the table starts.
        line: usize,
    },
}
