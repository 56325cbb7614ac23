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

/// Whether a row of cells is the heading row of an Evidence table.
pub(crate) fn is_heading_row(cells: &[String]) -> bool {
    heading_columns(cells).is_some()
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
        !line.is_empty() && !is_heading_line(line)
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
        // A cell's markup, and its text as the page shows it.
        let raw = |col: Col| {
            columns
                .iter()
                .position(|&c| c == Some(col))
                .and_then(|i| cells.get(i))
                .map_or(String::new(), |raw| raw.trim().to_string())
        };
        let cell = |col: Col| plain(&raw(col));
        if cells.iter().all(|c| plain(c.trim()).trim().is_empty()) {
            continue;
        }
        if cells.len() > columns.len() {
            problems.push(Problem::BadEvidence {
                line: *line,
                number: shown(&plain(cells[0].trim())),
                what: format!(
                    "{} cells, but the Evidence table has {} columns",
                    cells.len(),
                    columns.len()
                ),
            });
            continue;
        }
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

/// Whether a line is the table's heading: `=== Evidence ===` at any level in wikitext, or
/// `Evidence` (`Evidence[edit]`) as a browser copies it off the rendered page.
pub(crate) fn is_heading_line(line: &str) -> bool {
    let line = line.trim();
    let inner = match line.strip_prefix('=') {
        Some(_) if line.ends_with('=') => line.trim_matches('='),
        Some(_) => return false,
        None => line.strip_suffix("[edit]").unwrap_or(line),
    };
    match_key(inner) == match_key(EVIDENCE_HEADING)
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

#[cfg(test)]
mod tests {
    use crate::import::sheet;
    use crate::model::standard::Standard;

    const SHEET: &str = "* Username: Tester\n* Preferred Role Focus: Generalist\n* Mentoring Type: Mentee\n* Assessment Type: Self-assessment\n* Date: 25/11/2026\n{| class=\"wikitable\"\n! Title !! Stack Area !! Role Focus !! Score (0–3 or N/A)\n|-\n| Open Source Ecosystem Awareness || Community || Generalist || 2\n|}\n";
    const EVIDENCE: &str = "== Evidence ==\n{| class=\"wikitable\"\n! No. !! Description !! Link !! KSBs !! Added !! Checked by\n|-\n| 1 || Ran the check || T12345 || K1, S2 || Tester, 06/12/2026 || checked by Mentor, 07/12/2026\n|-\n| 2 || Wrote it up || [[Tech:Swift|the page]] || b1 || Tester, 06/12/2026 ||\n|}\n";

    fn problems(text: &str) -> Vec<String> {
        let page = sheet::read(text, &Standard::builtin()).unwrap();
        page.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_table_written_by_hand_reads_in_one_line_rows_too() {
        let standard = Standard::builtin();
        let page = sheet::read(&format!("{SHEET}\n{EVIDENCE}"), &standard).unwrap();
        assert_eq!(page.problems, []);
        assert_eq!(page.last_line(), 19);
        let items = page.evidence();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].verdict.as_ref().unwrap().by, "Mentor");
        assert_eq!(
            items[1].link.as_ref().unwrap().as_written(),
            "[[Tech:Swift]]"
        );
        assert_eq!(items[1].ksbs[0].as_str(), "B1");
    }

    #[test]
    fn rows_and_tables_that_do_not_read_are_problems_at_their_line() {
        let bad = EVIDENCE.replace("K1, S2", "K1, Z9");
        assert_eq!(
            problems(&format!("{SHEET}{bad}")),
            ["line 15: evidence 1: Z9 is not a KSB of the standard"]
        );
        let twice = EVIDENCE.replace("| 2 ||", "| 1 ||");
        assert_eq!(
            problems(&format!("{SHEET}{twice}")),
            ["line 17: evidence 1: the number is already on line 15"]
        );
        assert_eq!(
            problems(&format!("{EVIDENCE}{SHEET}")),
            ["line 2: the Evidence table comes before the sheet's table: move it after"]
        );
        assert_eq!(
            problems(&format!("{SHEET}{EVIDENCE}{EVIDENCE}")),
            ["line 20: a second Evidence table: a sheet has one"]
        );
        assert_eq!(
            problems(&format!("{SHEET}Some words\n{EVIDENCE}")),
            ["line 11: text between the sheet's table and the Evidence table: move it after the Evidence table"]
        );
        let bad_verdict = EVIDENCE.replace("checked by Mentor, 07/12/2026", "approved");
        assert!(problems(&format!("{SHEET}{bad_verdict}"))[0]
            .starts_with("line 15: evidence 1: the Checked by cell is not 'checked by"));
    }
}
