//! A participant sheet read from a wiki page: the header list and the table of scores, as the
//! programme's hand-filled pages and `ksb export --format wikitext` write them.

use std::collections::{BTreeMap, HashMap};

use super::columns::Column;
use super::header::{self, Field, Header};
use super::problem::{PageError, Problem, RowRef};
use super::table::{Layout, Page, RowKind, Table};
use super::text::match_key;
use crate::model::evidence::Evidence;
use crate::model::id::KsbId;
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// What a sheet page holds, read against the standard in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPage {
    /// The participant header as the page fills it in; the caller may complete it (from
    /// flags) before [`SheetPage::to_sheet`].
    pub header: Header,
    /// The line the sheet table starts on.
    pub table_line: usize,
    /// The line the sheet table ends on (its `|}`, or its last pipe row).
    pub table_last_line: usize,
    /// The line the Evidence table after the sheet table ends on, when the page has one.
    pub evidence_last_line: Option<usize>,
    /// The first line of the participant header list above the table, when it has one.
    pub header_line: Option<usize>,
    /// How the table was written.
    pub layout: Layout,
    /// What could not be taken as it is, in page order; a strict import refuses the page
    /// when there is any.
    pub problems: Vec<Problem>,
    scores: BTreeMap<KsbId, Score>,
    notes: BTreeMap<KsbId, String>,
    evidence: Vec<Evidence>,
}

/// A sheet page whose header leaves fields blank that nobody filled in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the page does not fill in {}", labels(.0))]
pub struct MissingFields(pub Vec<Field>);

fn labels(fields: &[Field]) -> String {
    let labels: Vec<&str> = fields.iter().map(|f| f.label()).collect();
    labels.join(", ")
}

/// The KSBs of a standard by what a page may call them: title (compared by [`match_key`]) or
/// id.
pub(crate) struct Keys<'s> {
    standard: &'s Standard,
    titles: HashMap<String, &'s KsbId>,
}

impl<'s> Keys<'s> {
    pub(crate) fn new(standard: &'s Standard) -> Keys<'s> {
        Keys {
            standard,
            titles: standard
                .ksbs
                .iter()
                .map(|ksb| (match_key(&ksb.title), &ksb.id))
                .collect(),
        }
    }

    /// The KSB a title names.
    pub(crate) fn by_title(&self, title: &str) -> Option<&'s KsbId> {
        self.titles.get(&match_key(title)).copied()
    }

    /// The KSB an id names.
    pub(crate) fn by_id(&self, text: &str) -> Option<&'s KsbId> {
        let id: KsbId = text.parse().ok()?;
        self.standard.ksb(&id).map(|ksb| &ksb.id)
    }

    /// Whether a cell names a KSB, and so starts a row in a flattened table.
    pub(crate) fn is_key(&self, cell: &str) -> bool {
        self.by_title(cell).is_some() || self.by_id(cell).is_some()
    }
}

/// Reads a sheet page: finds the one table with Title and Score columns, the header above it,
/// and each row's KSB, score and note. Problems of single rows and header lines are collected;
/// only a page too large or without exactly one sheet table is an error.
pub fn read(text: &str, standard: &Standard) -> Result<SheetPage, PageError> {
    super::check_size(text)?;
    let keys = Keys::new(standard);
    let page = Page::read(text, &|cell| keys.is_key(cell));
    let candidates: Vec<&Table> = page
        .tables
        .iter()
        .filter(|t| t.column(Column::Title).is_some() && t.column(Column::Score).is_some())
        .collect();
    let table = match candidates.as_slice() {
        [] => {
            return Err(PageError::NoTable {
                what: "sheet",
                columns: "Title and Score",
            })
        }
        [table] => *table,
        several => {
            return Err(PageError::SeveralTables {
                what: "sheet",
                lines: several.iter().map(|t| t.first_line).collect(),
            })
        }
    };
    let header_line = page
        .text_lines_before(table.first_line)
        .find(|(_, line)| header::is_header_line(line))
        .map(|(number, _)| number);
    let (header, mut problems) = header::read(page.text_lines_before(table.first_line), standard);
    if !table.closed {
        problems.push(Problem::Unclosed {
            line: table.first_line,
        });
    }
    let mut sheet = SheetPage {
        header,
        table_line: table.first_line,
        table_last_line: table.last_line,
        evidence_last_line: None,
        header_line,
        layout: table.layout,
        problems,
        scores: BTreeMap::new(),
        notes: BTreeMap::new(),
        evidence: Vec::new(),
    };
    sheet.read_rows(table, &keys);
    let lines: Vec<&str> = text.split('\n').collect();
    if let Some(found) = super::evidence::read(&page, &lines, table, &keys, &mut sheet.problems) {
        sheet.evidence_last_line = Some(found.last_line);
        sheet.evidence = found.items;
    }
    Ok(sheet)
}

impl SheetPage {
    fn read_rows(&mut self, table: &Table, keys: &Keys) {
        fn cell<'c>(table: &Table, cells: &'c [String], column: Column) -> &'c str {
            table
                .column(column)
                .and_then(|i| cells.get(i))
                .map_or("", String::as_str)
        }
        let mut first_row: HashMap<KsbId, usize> = HashMap::new();
        let data = table.rows.iter().filter(|r| r.kind == RowKind::Data);
        for (number, row) in data.enumerate() {
            let (title, id_text) = (
                cell(table, &row.cells, Column::Title),
                cell(table, &row.cells, Column::Id),
            );
            let at = RowRef {
                line: row.line,
                row: number + 1,
                title: if title.trim().is_empty() {
                    id_text
                } else {
                    title
                }
                .to_string(),
            };
            if row.cells.len() > table.columns.len() {
                self.problems.push(Problem::TooManyCells {
                    at,
                    cells: row.cells.len(),
                    columns: table.columns.len(),
                });
                continue;
            }
            let Some(id) = keys.by_id(id_text).or_else(|| keys.by_title(title)) else {
                self.problems.push(if at.title.trim().is_empty() {
                    Problem::NoTitle { at }
                } else {
                    Problem::UnknownKsb { at }
                });
                continue;
            };
            if let Some(&first) = first_row.get(id) {
                self.problems.push(Problem::Duplicate {
                    at,
                    id: id.clone(),
                    first,
                });
                continue;
            }
            first_row.insert(id.clone(), at.row);
            let score_text = cell(table, &row.cells, Column::Score);
            let score = match read_score(score_text) {
                Ok(score) => score,
                Err(()) => {
                    self.problems.push(Problem::BadScore {
                        at,
                        text: score_text.to_string(),
                    });
                    continue;
                }
            };
            if let Some(score) = score {
                self.scores.insert(id.clone(), score);
            }
            let note = cell(table, &row.cells, Column::Notes);
            if !note.trim().is_empty() {
                self.notes.insert(id.clone(), note.to_string());
            }
        }
    }

    /// The evidence items the Evidence table holds (those that could be read), in page order.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// The last line of the sheet: its Evidence table's when it has one, else its table's.
    pub fn last_line(&self) -> usize {
        self.evidence_last_line.unwrap_or(self.table_last_line)
    }

    /// How many KSB rows the page scores, marks N/A and leaves unscored, of the standard's.
    pub fn counts(&self, standard: &Standard) -> (usize, usize, usize) {
        let na = self
            .scores
            .values()
            .filter(|s| **s == Score::NotApplicable)
            .count();
        let scored = self.scores.len() - na;
        (scored, na, standard.ksbs.len() - self.scores.len())
    }

    /// The sheet the page holds, once every header field has a value.
    pub fn to_sheet(&self, standard: &Standard) -> Result<Sheet, MissingFields> {
        let participant = self.header.participant().map_err(MissingFields)?;
        let mut sheet = Sheet::new(standard, participant);
        for (id, score) in &self.scores {
            sheet.set_score(id.clone(), Some(*score));
        }
        for (id, note) in &self.notes {
            sheet.set_note(id.clone(), note);
        }
        sheet
            .set_evidence(self.evidence.clone())
            .expect("the reader keeps one item per number");
        Ok(sheet)
    }
}

/// A score cell: empty for unscored, `0`–`3` or N/A (`N/A`, `n/a`, `NA`, spaced or bold: the
/// cell's markup is already gone); `Err` for anything else.
fn read_score(text: &str) -> Result<Option<Score>, ()> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Ok(None);
    }
    compact.parse().map(Some).map_err(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/mentoring-standard.txt");

    #[test]
    fn the_seed_page_is_the_blank_sheet_in_pipe_rows() {
        let standard = Standard::builtin();
        let page = read(SEED, &standard).unwrap();
        assert_eq!(page.problems, []);
        assert_eq!(page.layout, Layout::PipeRows);
        assert_eq!(page.header, Header::default());
        assert_eq!(page.counts(&standard), (0, 0, 28));
        assert_eq!(
            page.to_sheet(&standard).unwrap_err().to_string(),
            "the page does not fill in Username, Preferred Role Focus, Mentoring Type, Assessment Type, Date"
        );
    }

    #[test]
    fn reads_scores_written_by_hand() {
        for (text, score) in [
            ("", Ok(None)),
            (" 3 ", Ok(Some(Score::Three))),
            ("N/A", Ok(Some(Score::NotApplicable))),
            ("n / a", Ok(Some(Score::NotApplicable))),
            ("NA", Ok(Some(Score::NotApplicable))),
            ("4", Err(())),
            ("two", Err(())),
            ("2.5", Err(())),
        ] {
            assert_eq!(read_score(text), score, "{text:?}");
        }
    }
}
