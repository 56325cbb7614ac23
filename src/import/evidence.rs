//! A sheet page's Evidence table read back (see [`crate::render::evidence_table`] for what
//! each cell says): the wikitable after the sheet's table whose heading row names the No.,
//! Description, KSBs and Added columns (Link and Checked by too, when it has them).
//!
//! The table must follow the sheet's table with nothing between them but blank lines and its
//! heading, so that the sheet's part of a page (see [`crate::wiki::page`]) holds the two
//! tables and no one else's text. Each row that cannot be read (a bad link, an unknown KSB, a
//! number given twice) is a [`Problem`] naming its line, as the sheet's rows are.

use std::collections::HashMap;

use super::problem::{shown, Problem};
use super::sheet::Keys;
use super::table::{Page, Table};
use super::text::{match_key, plain};
use crate::model::evidence::{check_text, Evidence, EvidenceLink, EvidenceNumber};
use crate::render::evidence_table::{read_added, read_ksbs, read_verdict, EVIDENCE_HEADING};

/// A column of the Evidence table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Number,
    Description,
    Link,
    Ksbs,
    Added,
    Verdict,
}

impl Col {
    fn of_heading(heading: &str) -> Option<Col> {
        Some(
            match match_key(&plain(heading.trim())).trim_end_matches(':') {
                "no." | "no" | "number" | "#" => Col::Number,
                "description" | "evidence" => Col::Description,
                "link" => Col::Link,
                "ksbs" | "ksb" => Col::Ksbs,
                "added" => Col::Added,
                "checked by" | "verdict" => Col::Verdict,
                _ => return None,
            },
        )
    }
}

/// The Evidence table of a page, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EvidenceTable {
    /// The 1-based line its table ends on.
    pub last_line: usize,
    /// The items read, in page order.
    pub items: Vec<Evidence>,
}

/// The columns of an Evidence table, from a row of headings: `None` unless it names at least
/// the No., Description, KSBs and Added columns, each once.
fn heading_columns(cells: &[String]) -> Option<Vec<Option<Col>>> {
    let columns: Vec<Option<Col>> = cells.iter().map(|c| Col::of_heading(c)).collect();
    let count = |col: Col| columns.iter().filter(|&&c| c == Some(col)).count();
    let needed = [Col::Number, Col::Description, Col::Ksbs, Col::Added];
    let once = [Col::Link, Col::Verdict];
    (needed.iter().all(|&c| count(c) == 1) && once.iter().all(|&c| count(c) <= 1))
        .then_some(columns)
}

/// Reads the Evidence table of `page`, if it has one, after the sheet table `sheet`; what
/// cannot be read goes to `problems`.
pub(crate) fn read(
    page: &Page,
    lines: &[&str],
    sheet: &Table,
    keys: &Keys,
    problems: &mut Vec<Problem>,
) -> Option<EvidenceTable> {
    let tables: Vec<(&Table, usize, Vec<Option<Col>>)> =
        page.tables
            .iter()
            .filter(|t| !std::ptr::eq(*t, sheet))
            .filter_map(|t| {
                t.markup.iter().enumerate().find_map(|(i, (_, cells))| {
                    heading_columns(cells).map(|columns| (t, i, columns))
                })
            })
            .collect();
    let (table, heading, columns) = match tables.as_slice() {
        [] => return None,
        [one] => one,
        [_, second, ..] => {
            problems.push(Problem::EvidenceTable {
                line: second.0.first_line,
                what: "a second Evidence table: a sheet has one",
            });
            return None;
        }
    };
    if table.first_line < sheet.first_line {
        problems.push(Problem::EvidenceTable {
            line: table.first_line,
            what: "the Evidence table comes before the sheet's table: move it after",
        });
        return None;
    }
    let between = (sheet.last_line + 1..table.first_line).find(|&number| {
        let line = lines.get(number - 1).map_or("", |l| l.trim());
        !line.is_empty() && !is_heading(line)
    });
    if let Some(line) = between {
        problems.push(Problem::EvidenceTable {
            line,
            what: "text between the sheet's table and the Evidence table: move it after the Evidence table",
        });
        return None;
    }
    if !table.closed {
        problems.push(Problem::Unclosed {
            line: table.first_line,
        });
    }
    let mut items = Vec::new();
    let mut first_row: HashMap<EvidenceNumber, usize> = HashMap::new();
    for (line, cells) in &table.markup[heading + 1..] {
        let cell = |col: Col| {
            columns
                .iter()
                .position(|&c| c == Some(col))
                .and_then(|i| cells.get(i))
                .map_or(String::new(), |raw| plain(raw.trim()))
        };
        if cells.iter().all(|c| plain(c.trim()).trim().is_empty()) {
            continue;
        }
        let raw = |col: Col| {
            columns
                .iter()
                .position(|&c| c == Some(col))
                .and_then(|i| cells.get(i))
                .map_or(String::new(), |raw| raw.trim().to_string())
        };
        match read_row(&cell, &raw(Col::Link), keys) {
            Ok(item) => {
                if let Some(first) = first_row.insert(item.number, *line) {
                    problems.push(Problem::BadEvidence {
                        line: *line,
                        number: item.number.to_string(),
                        what: format!("the number is already on line {first}"),
                    });
                } else {
                    items.push(item);
                }
            }
            Err(what) => problems.push(Problem::BadEvidence {
                line: *line,
                number: shown(&cell(Col::Number)),
                what,
            }),
        }
    }
    Some(EvidenceTable {
        last_line: table.last_line,
        items,
    })
}

/// The link of a cell that holds one link written by hand and showing other text: `[[Page]]`
/// or `[[Page|label]]` (its title), `[https://… label]` (its address).
fn linked(markup: &str) -> Option<EvidenceLink> {
    if let Some(inner) = markup.strip_prefix("[[").and_then(|m| m.strip_suffix("]]")) {
        let target = inner.split_once('|').map_or(inner, |(target, _)| target);
        let title = plain(target.trim().trim_start_matches(':'));
        return EvidenceLink::parse(&format!("[[{title}]]")).ok();
    }
    let inner = markup.strip_prefix('[')?.strip_suffix(']')?;
    let address = inner.split_once(' ').map_or(inner, |(address, _)| address);
    let address = address.replace("&amp;", "&");
    EvidenceLink::parse(&address)
        .ok()
        .filter(|link| matches!(link, EvidenceLink::Url(_)))
}

/// Whether a line is the table's heading (`=== Evidence ===`, at any level).
fn is_heading(line: &str) -> bool {
    let inner = line.trim_matches('=');
    line.starts_with('=') && line.ends_with('=') && match_key(inner) == match_key(EVIDENCE_HEADING)
}

/// One row of the table: an item, or why it is not one.
fn read_row(
    cell: &dyn Fn(Col) -> String,
    link_markup: &str,
    keys: &Keys,
) -> Result<Evidence, String> {
    let number_text = cell(Col::Number);
    let number: EvidenceNumber = number_text
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "No. is not a whole number from 1".to_string())?;
    let text = check_text(&cell(Col::Description)).map_err(|err| err.to_string())?;
    let link_text = cell(Col::Link);
    let link = match link_text.trim() {
        "" => None,
        written => Some(
            EvidenceLink::parse(written)
                .or_else(|err| linked(link_markup).ok_or(err))
                .map_err(|err| {
                    format!(
                        "the link '{}' {err}; write it as ksb shows it: an address, T12345, owner/repo#123 or [[Page title]]",
                        shown(written)
                    )
                })?,
        ),
    };
    let mut ksbs = Vec::new();
    for id in read_ksbs(&cell(Col::Ksbs))? {
        let known = keys
            .by_id(id.as_str())
            .ok_or_else(|| format!("{} is not a KSB of the standard", id.as_str()))?;
        if ksbs.contains(known) {
            return Err(format!("names {} twice", known.as_str()));
        }
        ksbs.push(known.clone());
    }
    let (added_by, added) = read_added(&cell(Col::Added))?;
    let verdict = read_verdict(&cell(Col::Verdict))?;
    Ok(Evidence {
        number,
        text,
        link,
        ksbs,
        added,
        added_by,
        verdict,
    })
}
