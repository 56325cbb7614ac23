//! A sheet's wiki page is shared: `ksb` owns the sheet's part of it and nothing else. This
//! module finds that part again after people edited around it, reads the sheet out of it, and
//! puts a new sheet in its place, leaving every byte before and after it as it was.
//!
//! How the part is found:
//! - `ksb wiki publish` writes the sheet between two comment lines, [`BEGIN`] and [`END`],
//!   which MediaWiki does not show and which survive editing around them. A page with exactly
//!   one of each, in that order, has its part between them. Markers that do not pair up, or
//!   text inside them that is not the sheet, are refused: `ksb` never guesses which of
//!   someone's text is its own.
//! - A page without markers (published by an older `ksb`, pasted from `ksb export`, filled in
//!   by hand) has its part where the importer finds the sheet: from the participant header
//!   (with `ksb`'s heading just above it, when it is there) to the end of the sheet table.

use std::ops::Range;

use crate::import::sheet::{self, MissingFields};
use crate::import::PageError;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;
use crate::render::export::{ExportDoc, Exporter as _};
use crate::render::wikitext::Wikitext;

/// The line before the sheet's part of a page.
pub const BEGIN: &str = "<!-- ksb:begin · the participant sheet: `ksb wiki publish` rewrites what is between ksb:begin and ksb:end and keeps everything else on the page -->";
/// The line after the sheet's part of a page.
pub const END: &str = "<!-- ksb:end -->";
/// How the line before the sheet's chart and its figures (inside the sheet's part) starts;
/// the digest of the chart block's content follows it ([`super::stamp`]), so that a block
/// someone edited since is told apart from `ksb`'s own ([`PageSheet::picture_edited`]).
pub const PICTURE_BEGIN: &str = "<!-- ksb:picture · the sheet's chart and its figures: `ksb wiki publish --chart` rewrites them · sha256 ";
/// How every ksb:picture line starts, with a digest or without (as `ksb` wrote it before the
/// line carried one).
const PICTURE_BEGIN_START: &str = "<!-- ksb:picture ·";
/// The line after the sheet's chart and its figures.
pub const PICTURE_END: &str = "<!-- ksb:picture:end -->";

/// Where the sheet is on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The bytes of the page it takes, whole lines (marker lines included when marked).
    pub range: Range<usize>,
    /// Whether the part is between [`BEGIN`] and [`END`].
    pub marked: bool,
}

/// The sheet a page holds, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSheet {
    /// The sheet, read as `ksb import` reads a page (strictly).
    pub sheet: Sheet,
    /// Its part of the page.
    pub part: Part,
    /// Whether the page has text outside the part (someone else's: kept as it is).
    pub outside: bool,
    /// The sheet's chart and its figures in the part, marker lines included, when there.
    pub picture: Option<String>,
}

impl PageSheet {
    /// Whether someone edited inside the chart block since `ksb` wrote it: its ksb:picture
    /// line carries a digest the block's content no longer matches. A block without a digest
    /// (written before the line carried one) is taken as `ksb`'s own; no block, as unedited.
    pub fn picture_edited(&self) -> bool {
        self.picture.as_deref().is_some_and(picture_edited)
    }
}

/// Whether the chart block `block` (marker lines included, as [`PageSheet::picture`] holds
/// it) was edited since `ksb` wrote it.
fn picture_edited(block: &str) -> bool {
    let (begin, rest) = block.split_once('\n').unwrap_or((block, ""));
    let begin = begin.trim_end_matches('\r');
    let inner = rest.trim_end().strip_suffix(PICTURE_END).unwrap_or(rest);
    match super::stamp::read(begin, PICTURE_BEGIN) {
        Some(_) => !super::stamp::matches(begin, PICTURE_BEGIN, inner),
        None => false,
    }
}

/// Why the sheet of a page cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageSheetError {
    /// The ksb:begin and ksb:end lines do not pair up.
    #[error("line {line}: {problem}; on the wiki, leave one ksb:begin line and one ksb:end line around the sheet, or remove both")]
    Markers {
        /// The 1-based line of the marker at fault.
        line: usize,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Someone wrote inside ksb's part, outside the sheet.
    #[error("line {line}: text inside the ksb:begin … ksb:end part that is not the sheet ('{text}'); on the wiki, move it outside those lines so that publishing keeps it")]
    Foreign {
        /// The 1-based line.
        line: usize,
        /// The start of the text.
        text: String,
    },
    /// The page has no sheet, or more than one.
    #[error("{0}")]
    Page(#[from] PageError),
    /// The sheet has rows or header lines that cannot be read.
    #[error("it is not a sheet ksb can read: {first}{}", more_problems(*.more))]
    Problems {
        /// The first problem.
        first: String,
        /// How many more there are.
        more: usize,
    },
    /// The header leaves fields blank.
    #[error("{0}")]
    Missing(#[from] MissingFields),
}

fn more_problems(more: usize) -> String {
    match more {
        0 => String::new(),
        n => format!(" (and {n} more problems)"),
    }
}

/// The sheet's wikitext as `ksb export --format wikitext --notes` writes it: what a sheet's
/// [`crate::WikiRecord::published`] digest is taken of.
pub fn wikitext(standard: &Standard, sheet: &Sheet) -> String {
    let doc = ExportDoc {
        standard,
        sheet: Some(sheet),
        notes: true,
        summary: false,
    };
    let bytes = Wikitext
        .export(&doc)
        .expect("rendering wikitext into memory cannot fail");
    String::from_utf8(bytes).expect("wikitext is built from strings")
}

/// The part `ksb` writes on a page for `sheet`: the wikitext between [`BEGIN`] and [`END`].
pub fn part_text(standard: &Standard, sheet: &Sheet) -> String {
    part_with_picture(standard, sheet, None)
}

/// The part `ksb` writes on a page for `sheet`, with `picture` (a [`picture_part`]) after
/// the sheet's table.
pub fn part_with_picture(standard: &Standard, sheet: &Sheet, picture: Option<&str>) -> String {
    format!(
        "{BEGIN}\n{}\n{}{END}\n",
        wikitext(standard, sheet).trim_end(),
        picture.unwrap_or_default()
    )
}

/// The chart and its figures (`wikitext`) between a ksb:picture line carrying their digest
/// ([`PICTURE_BEGIN`]) and [`PICTURE_END`].
pub fn picture_part(wikitext: &str) -> String {
    let content = wikitext.trim_end();
    format!(
        "{}\n{content}\n{PICTURE_END}\n",
        super::stamp::line(PICTURE_BEGIN, content)
    )
}

/// The page with `new_part` in the place of `part`, every other byte as it was; with no part
/// (a page that holds no sheet yet), `new_part` goes after the page's text.
pub fn replace_part(page: &str, part: Option<&Part>, new_part: &str) -> String {
    match part {
        Some(part) => {
            let mut out = String::with_capacity(page.len() + new_part.len());
            out.push_str(&page[..part.range.start]);
            out.push_str(new_part);
            out.push_str(&page[part.range.end..]);
            out
        }
        None if page.trim().is_empty() => new_part.to_string(),
        None => format!("{}\n\n{new_part}", page.trim_end()),
    }
}

/// Reads the sheet out of a page that may hold other text too.
pub fn read(text: &str, standard: &Standard) -> Result<PageSheet, PageSheetError> {
    crate::import::check_size(text)?;
    let lines = lines(text);
    let marked = markers(&lines)?;
    let picture = match marked {
        Some((begin, end)) => picture_markers(&lines, begin, end)?,
        None => None,
    };
    let in_picture = |i: usize| picture.is_some_and(|(first, last)| i >= first && i <= last);
    let in_part =
        |i: usize| marked.is_none_or(|(begin, end)| i > begin && i < end) && !in_picture(i);
    let masked: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| if in_part(i) { line.text } else { "" })
        .collect::<Vec<_>>()
        .join("\n");
    let page = sheet::read(&masked, standard)?;
    if let Some(first) = page.problems.first() {
        return Err(PageSheetError::Problems {
            first: first.to_string(),
            more: page.problems.len() - 1,
        });
    }
    let sheet = page.to_sheet(standard)?;
    // The sheet's own lines, 0-based: from its header (or ksb's heading above it) to the end
    // of its table, or of its Evidence table after it.
    let mut first = page.header_line.unwrap_or(page.table_line) - 1;
    let heading = wikitext(standard, &sheet);
    let heading = heading.lines().next().unwrap_or_default().trim();
    if let Some(above) = (0..first).rev().find(|&i| !lines[i].text.trim().is_empty()) {
        if in_part(above) && heading.starts_with('=') && lines[above].text.trim() == heading {
            first = above;
        }
    }
    let last = page.last_line() - 1;
    let (from, to) = match marked {
        Some((begin, end)) => {
            let foreign = (begin + 1..end).find(|&i| {
                (i < first || i > last) && !in_picture(i) && !lines[i].text.trim().is_empty()
            });
            if let Some(i) = foreign {
                return Err(PageSheetError::Foreign {
                    line: i + 1,
                    text: crate::import::shown(lines[i].text),
                });
            }
            (begin, end)
        }
        None => (first, last),
    };
    let range = lines[from].start..lines[to].end;
    let outside = !text[..range.start].trim().is_empty() || !text[range.end..].trim().is_empty();
    Ok(PageSheet {
        sheet,
        part: Part {
            range,
            marked: marked.is_some(),
        },
        outside,
        picture: picture.map(|(first, last)| text[lines[first].start..lines[last].end].to_string()),
    })
}

/// One line of a page: its text (without the line break) and its bytes, line break included.
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let bare = piece.strip_suffix('\n').unwrap_or(piece);
        out.push(Line {
            text: bare.strip_suffix('\r').unwrap_or(bare),
            start,
            end,
        });
        start = end;
    }
    out
}

fn is_begin(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("<!-- ksb:begin") && line.ends_with("-->")
}

fn is_end(line: &str) -> bool {
    line.trim() == END
}

/// The 0-based lines of the one ksb:picture and the one ksb:picture:end after it, between
/// the part's markers `begin` and `end`, or `None` when the part has neither.
fn picture_markers(
    lines: &[Line],
    begin: usize,
    end: usize,
) -> Result<Option<(usize, usize)>, PageSheetError> {
    let find = |is: &dyn Fn(&str) -> bool| -> Vec<usize> {
        (begin + 1..end).filter(|&i| is(lines[i].text)).collect()
    };
    let is_begin = |line: &str| {
        let line = line.trim();
        line.starts_with(PICTURE_BEGIN_START) && line.ends_with("-->")
    };
    let is_end = |line: &str| line.trim() == PICTURE_END;
    let fail = |line: usize, problem| {
        Err(PageSheetError::Markers {
            line: line + 1,
            problem,
        })
    };
    match (find(&is_begin).as_slice(), find(&is_end).as_slice()) {
        ([], []) => Ok(None),
        ([first], [last]) if first < last => Ok(Some((*first, *last))),
        ([first, ..], _) => fail(
            *first,
            "the ksb:picture lines do not pair up (one ksb:picture, then one ksb:picture:end)",
        ),
        (_, [last, ..]) => fail(
            *last,
            "the ksb:picture lines do not pair up (one ksb:picture, then one ksb:picture:end)",
        ),
    }
}

/// The 0-based lines of the one ksb:begin and the one ksb:end after it, or `None` when the
/// page has neither.
fn markers(lines: &[Line]) -> Result<Option<(usize, usize)>, PageSheetError> {
    let begins: Vec<usize> = (0..lines.len())
        .filter(|&i| is_begin(lines[i].text))
        .collect();
    let ends: Vec<usize> = (0..lines.len())
        .filter(|&i| is_end(lines[i].text))
        .collect();
    let fail = |line: usize, problem| {
        Err(PageSheetError::Markers {
            line: line + 1,
            problem,
        })
    };
    match (begins.as_slice(), ends.as_slice()) {
        ([], []) => Ok(None),
        ([begin], [end]) if begin < end => Ok(Some((*begin, *end))),
        ([begin], [_]) => fail(*begin, "the ksb:begin line comes after the ksb:end line"),
        ([_, second, ..], _) => fail(*second, "a second ksb:begin line"),
        (_, [_, second, ..]) => fail(*second, "a second ksb:end line"),
        ([begin], []) => fail(*begin, "a ksb:begin line without a ksb:end line after it"),
        ([], [end]) => fail(*end, "a ksb:end line without a ksb:begin line before it"),
    }
}

#[cfg(test)]
mod tests;
