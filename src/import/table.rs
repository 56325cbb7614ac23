//! The table reader both imports share: every table of a page with its column headings and
//! rows, in either of the layouts wiki pages hold them.
//!
//! - **Wikitables** (`{| … |}`), read line by line as MediaWiki reads them: `|-` rows, `|` and
//!   `!` cells, `||` and `!!` between cells on one line, `attributes | content` cells, cells
//!   that go on over several lines, captions, and tables nested in cells.
//! - **Pipe rows**: a Markdown-style table pasted into a page (`| Title | Stack Area | … |`,
//!   `| --- |` separator rows), one row per line or flattened onto one line where an empty cell
//!   (`| |`) joins two rows, with section rows such as `colspan="4" | Knowledge`.
//!
//! A `|` inside a `{{template|…}}` or a `[[link|…]]` that closes on the same line separates
//! nothing, as in MediaWiki. The reader goes over each line a fixed number of times and keeps no
//! recursion, so its time and memory grow with the page's length, however the tables nest or
//! fail to close.

use super::columns::{is_attributes, is_separator, section_of, Column};
use super::text::plain;
use crate::model::standard::Category;

/// How a table was written on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `{| … |}` wikitable markup.
    Wikitable,
    /// Pipe rows pasted as text (Markdown style, possibly flattened onto one line).
    PipeRows,
}

/// One table of a page, from its heading row on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// How it was written.
    pub layout: Layout,
    /// The 1-based line where it starts.
    pub first_line: usize,
    /// The 1-based line where it ends.
    pub last_line: usize,
    /// Whether a wikitable ends with `|}` (pipe rows always end).
    pub closed: bool,
    /// The columns its heading row names; empty when no row names a Title column.
    pub columns: Vec<Column>,
    /// The rows after the heading row: KSB rows and section rows (separator rows, empty rows
    /// and repeated heading rows left out).
    pub rows: Vec<Row>,
    /// Every row of a wikitable as written, whatever its headings: the line it starts on and
    /// each cell's markup (attributes left out); for an Evidence table copied off a rendered
    /// page, each cell's text. Empty for other pipe rows. Tables other than the sheet's, such
    /// as its Evidence table, are read from these.
    pub markup: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The position of the first column of this kind.
    pub fn column(&self, kind: Column) -> Option<usize> {
        self.columns.iter().position(|&c| c == kind)
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line it starts on.
    pub line: usize,
    /// A KSB row, or a section heading.
    pub kind: RowKind,
    /// The text of each cell (see [`plain`]); for a section row, its heading.
    pub cells: Vec<String>,
}

/// What a row of a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of cells, one per column.
    Data,
    /// A full-width row heading the KSBs of one category.
    Section(Category),
}

/// A page read into tables and the lines around them.
#[derive(Debug)]
pub struct Page<'a> {
    lines: Vec<&'a str>,
    in_table: Vec<bool>,
    /// Every table, in the order they start on the page.
    pub tables: Vec<Table>,
}

impl<'a> Page<'a> {
    /// Reads every table of `text`. `is_key` tells whether a cell's text is a title or id that
    /// starts a row: it splits rows that a flattened paste ran together.
    pub fn read(text: &'a str, is_key: &dyn Fn(&str) -> bool) -> Page<'a> {
        let lines: Vec<&str> = text
            .split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
            .collect();
        let mut reader = Reader {
            is_key,
            in_table: vec![false; lines.len()],
            tables: Vec::new(),
            open: Vec::new(),
            pipe: None,
        };
        for (index, line) in lines.iter().enumerate() {
            reader.line(index, line);
        }
        reader.finish(lines.len());
        let mut tables = reader.tables;
        tables.sort_by_key(|t| t.first_line);
        Page {
            lines,
            in_table: reader.in_table,
            tables,
        }
    }

    /// The lines outside every table before the 1-based line `before`, with their numbers.
    pub fn text_lines_before(&self, before: usize) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .take(before.saturating_sub(1))
            .filter(|(i, _)| !self.in_table[*i])
            .map(|(i, line)| (i + 1, *line))
    }
}

/// A wikitable being read.
struct OpenTable {
    first_line: usize,
    rows: Vec<RawRow>,
    new_row: bool,
}

/// A wikitable row as written: each cell's markup.
struct RawRow {
    line: usize,
    cells: Vec<String>,
}

/// A pipe-row table being read.
struct PipeTable {
    /// Cells separated by tabs, as a browser copies a rendered table, rather than by `|`.
    tabbed: bool,
    first_line: usize,
    last_line: usize,
    columns: Vec<Column>,
    rows: Vec<Row>,
    /// The rows of a table other than the sheet's, as their cells' text (see
    /// [`Table::markup`]); `None` for a sheet's table.
    other: Option<Vec<(usize, Vec<String>)>>,
}

struct Reader<'k> {
    is_key: &'k dyn Fn(&str) -> bool,
    in_table: Vec<bool>,
    tables: Vec<Table>,
    open: Vec<OpenTable>,
    pipe: Option<PipeTable>,
}

impl Reader<'_> {
    fn line(&mut self, index: usize, line: &str) {
        let number = index + 1;
        let trimmed = line.trim();
        let unindented = trimmed.trim_start_matches(':').trim_start();
        if unindented.starts_with("{|") {
            self.end_pipe_table();
            self.in_table[index] = true;
            self.open.push(OpenTable {
                first_line: number,
                rows: Vec::new(),
                new_row: true,
            });
            return;
        }
        if !self.open.is_empty() && trimmed.starts_with("|}") {
            self.in_table[index] = true;
            let table = self.open.pop().expect("an open table");
            self.tables.push(finish_wikitable(table, number, true));
            return;
        }
        if let Some(table) = self.open.last_mut() {
            self.in_table[index] = true;
            if trimmed.starts_with("|-") {
                table.new_row = true;
            } else if trimmed.starts_with("|+") {
                // A caption: no row.
            } else if let Some(rest) = trimmed.strip_prefix('|') {
                table.cells(number, rest, &["||"]);
            } else if let Some(rest) = trimmed.strip_prefix('!') {
                table.cells(number, rest, &["!!", "||"]);
            } else if let Some(cell) = table
                .rows
                .last_mut()
                .filter(|_| !table.new_row)
                .and_then(|row| row.cells.last_mut())
            {
                cell.push('\n');
                cell.push_str(line);
            }
            return;
        }
        self.pipe_line(index, line);
    }

    /// A line outside every wikitable: part of a pipe-row table, or text.
    fn pipe_line(&mut self, index: usize, line: &str) {
        let number = index + 1;
        let trimmed = line.trim();
        let markup = ["|}", "|-", "|+"].iter().any(|m| trimmed.starts_with(m));
        let tabbed = !trimmed.contains('|') && line.contains('\t');
        if markup || (!trimmed.contains('|') && !tabbed) {
            if !markup && self.tabbed_line(number, trimmed) {
                self.in_table[index] = true;
                return;
            }
            self.end_pipe_table();
            return;
        }
        if self
            .pipe
            .as_ref()
            .is_some_and(|table| table.tabbed != tabbed)
        {
            self.end_pipe_table();
        }
        if tabbed && self.other_table_line(index, line) {
            return;
        }
        // Only a line that names a Title column starts a table.
        if self.pipe.is_none() && !contains_ignoring_ascii_case(trimmed, "title") {
            return;
        }
        let cells = if tabbed {
            line.trim_end_matches(['\r', '\n'])
                .split('\t')
                .map(|cell| plain(cell.trim()))
                .collect()
        } else {
            pipe_cells(trimmed)
        };
        if cells.len() < 2 && self.pipe.is_none() {
            return;
        }
        match &mut self.pipe {
            Some(table) => {
                self.in_table[index] = true;
                table.last_line = number;
                let width = table.columns.len();
                if cells.len() <= width {
                    table
                        .rows
                        .extend(per_line_row(number, cells, table.title_cell()));
                } else {
                    flat_rows(number, &cells, width, self.is_key, &mut table.rows);
                }
            }
            None => {
                let Some(title) = cells
                    .iter()
                    .position(|c| Column::of_heading(c) == Column::Title)
                else {
                    return;
                };
                self.in_table[index] = true;
                let start = match title.checked_sub(1) {
                    Some(before) if Column::of_heading(&cells[before]) == Column::Id => before,
                    _ => title,
                };
                let heading = &cells[start..];
                let flat = heading.iter().any(|c| {
                    c.is_empty() || is_attributes(c) || is_separator(c) || section_of(c).is_some()
                });
                let width = if flat {
                    heading
                        .iter()
                        .take_while(|c| !c.is_empty() && Column::of_heading(c) != Column::Other)
                        .count()
                } else {
                    heading.len()
                };
                let mut table = PipeTable {
                    tabbed,
                    first_line: number,
                    last_line: number,
                    other: None,
                    columns: heading[..width]
                        .iter()
                        .map(|c| Column::of_heading(c))
                        .collect(),
                    rows: Vec::new(),
                };
                flat_rows(
                    number,
                    &heading[width..],
                    width,
                    self.is_key,
                    &mut table.rows,
                );
                self.pipe = Some(table);
            }
        }
    }

    /// A line copied off a rendered page that starts or goes on with a table other than the
    /// sheet's (its Evidence table, whose heading row [`super::evidence::is_heading_row`]
    /// knows): kept as the cells' text in [`Table::markup`]. Whether the line was taken.
    fn other_table_line(&mut self, index: usize, line: &str) -> bool {
        let number = index + 1;
        let cells: Vec<String> = line
            .trim_end_matches(['\r', '\n'])
            .split('\t')
            .map(|cell| cell.trim().to_string())
            .collect();
        if super::evidence::is_heading_row(&cells) {
            self.end_pipe_table();
            self.pipe = Some(PipeTable {
                tabbed: true,
                first_line: number,
                last_line: number,
                columns: Vec::new(),
                rows: Vec::new(),
                other: Some(vec![(number, cells)]),
            });
        } else if let Some(table) = self.pipe.as_mut() {
            let Some(other) = table.other.as_mut() else {
                return false;
            };
            other.push((number, cells));
            table.last_line = number;
        } else {
            return false;
        }
        self.in_table[index] = true;
        true
    }

    /// A line without a tab inside a table copied off a rendered page: a section row
    /// ("Knowledge"), or the rest of a cell that went on over several lines (a `<br>` in a
    /// note) when the row before ends in text, unless it is the heading of the Evidence table
    /// that follows. Whether the line was taken.
    fn tabbed_line(&mut self, number: usize, trimmed: &str) -> bool {
        let Some(table) = self
            .pipe
            .as_mut()
            .filter(|table| table.tabbed && table.other.is_none())
        else {
            return false;
        };
        if super::evidence::is_heading_line(trimmed) {
            return false;
        }
        if let Some(category) = section_of(trimmed) {
            table.rows.push(Row {
                line: number,
                kind: RowKind::Section(category),
                cells: vec![trimmed.to_string()],
            });
        } else if let Some(cell) = table
            .rows
            .last_mut()
            .filter(|row| row.kind == RowKind::Data)
            .and_then(|row| row.cells.last_mut())
            .filter(|cell| !cell.is_empty() && !trimmed.is_empty())
        {
            cell.push('\n');
            cell.push_str(&plain(trimmed));
        } else {
            return false;
        }
        table.last_line = number;
        true
    }

    fn end_pipe_table(&mut self) {
        if let Some(table) = self.pipe.take() {
            self.tables.push(Table {
                layout: Layout::PipeRows,
                first_line: table.first_line,
                last_line: table.last_line,
                closed: true,
                columns: table.columns,
                rows: table.rows,
                markup: table.other.unwrap_or_default(),
            });
        }
    }

    fn finish(&mut self, line_count: usize) {
        self.end_pipe_table();
        while let Some(table) = self.open.pop() {
            self.tables
                .push(finish_wikitable(table, line_count.max(1), false));
        }
    }
}

impl OpenTable {
    /// The cells of one `|` or `!` line (without its first character).
    fn cells(&mut self, line: usize, rest: &str, separators: &[&str]) {
        if self.new_row || self.rows.is_empty() {
            self.rows.push(RawRow {
                line,
                cells: Vec::new(),
            });
            self.new_row = false;
        }
        let row = self.rows.last_mut().expect("a row");
        for cell in split_outside(rest, separators) {
            let content = match first_outside(cell, b'|') {
                Some(bar) => &cell[bar + 1..],
                None => cell,
            };
            row.cells.push(content.to_string());
        }
    }
}

impl PipeTable {
    fn title_cell(&self) -> Option<usize> {
        self.columns.iter().position(|&c| c == Column::Title)
    }
}

/// A finished wikitable: the heading row found, each cell's text read, rows told apart.
fn finish_wikitable(table: OpenTable, last_line: usize, closed: bool) -> Table {
    let markup = table
        .rows
        .iter()
        .map(|row| (row.line, row.cells.clone()))
        .collect();
    let mut rows = table.rows.into_iter().map(|row| {
        let cells: Vec<String> = row.cells.iter().map(|c| plain(c.trim())).collect();
        (row.line, cells)
    });
    let mut columns = Vec::new();
    for (_, cells) in rows.by_ref() {
        if cells.iter().any(|c| Column::of_heading(c) == Column::Title) {
            columns = cells.iter().map(|c| Column::of_heading(c)).collect();
            break;
        }
    }
    let title = columns.iter().position(|&c| c == Column::Title);
    let rows = if columns.is_empty() {
        Vec::new()
    } else {
        rows.filter_map(|(line, cells)| classify(line, cells, title))
            .collect()
    };
    Table {
        layout: Layout::Wikitable,
        first_line: table.first_line,
        last_line,
        closed,
        columns,
        rows,
        markup,
    }
}

/// A row read from its cells: a section row, a KSB row, or nothing (empty, separator or a
/// repeated heading row).
fn classify(line: usize, cells: Vec<String>, title: Option<usize>) -> Option<Row> {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.iter().all(|c| is_separator(c)) {
        return None;
    }
    if let [only] = filled.as_slice() {
        if let Some(category) = section_of(only) {
            return Some(Row {
                line,
                kind: RowKind::Section(category),
                cells: vec![only.to_string()],
            });
        }
    }
    let heading_again = title
        .and_then(|t| cells.get(t))
        .is_some_and(|c| Column::of_heading(c) == Column::Title);
    (!heading_again).then_some(Row {
        line,
        kind: RowKind::Data,
        cells,
    })
}

/// One line of a pipe-row table holding one row.
fn per_line_row(line: usize, mut cells: Vec<String>, title: Option<usize>) -> Option<Row> {
    let attributes = cells.iter().take_while(|c| is_attributes(c)).count();
    cells.drain(..attributes);
    classify(line, cells, title)
}

/// The rows of a flattened line: an empty cell ends a row, a cell of attributes starts a
/// section row, a title or id starts a KSB row, and cells after an empty one join the row
/// before when they fit in its `width` (an empty score followed by a note).
fn flat_rows(
    line: usize,
    cells: &[String],
    width: usize,
    is_key: &dyn Fn(&str) -> bool,
    rows: &mut Vec<Row>,
) {
    let mut open: Option<usize> = None;
    for piece in pieces(cells, is_key) {
        if piece.iter().all(|c| is_separator(c)) {
            open = None;
            continue;
        }
        let attributes = piece.iter().take_while(|c| is_attributes(c)).count();
        let body = &piece[attributes..];
        let Some(first) = body.first() else {
            continue;
        };
        if let (Some(category), 1) = (section_of(first), body.len()) {
            rows.push(Row {
                line,
                kind: RowKind::Section(category),
                cells: vec![first.clone()],
            });
            open = None;
            continue;
        }
        if let Some(index) = open {
            let row: &mut Row = &mut rows[index];
            if attributes == 0 && !is_key(first) && row.cells.len() + 1 + body.len() <= width {
                row.cells.push(String::new());
                row.cells.extend(body.iter().cloned());
                continue;
            }
        }
        // A run longer than a row is rows whose boundary no empty cell or known title marks
        // (a misspelt title after a scored row): a row of `width` cells, then the next.
        for chunk in body.chunks(width.max(1)) {
            rows.push(Row {
                line,
                kind: RowKind::Data,
                cells: chunk.to_vec(),
            });
        }
        open = Some(rows.len() - 1);
    }
}

/// The runs of non-empty cells of a flattened line, also cut before a cell of attributes,
/// before a title or id, and where separator cells begin or end.
fn pieces<'c>(cells: &'c [String], is_key: &dyn Fn(&str) -> bool) -> Vec<&'c [String]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            if start < i {
                pieces.push(&cells[start..i]);
            }
            start = i + 1;
            continue;
        }
        let cut = i > start
            && (is_attributes(cell)
                || is_key(cell)
                || is_separator(cell) != is_separator(&cells[i - 1]));
        if cut {
            pieces.push(&cells[start..i]);
            start = i;
        }
    }
    if start < cells.len() {
        pieces.push(&cells[start..]);
    }
    pieces
}

/// The cells of a pipe-row line: split at each `|` outside templates and links, without the
/// empty piece before a leading `|` or after a trailing one, each read as text.
fn pipe_cells(line: &str) -> Vec<String> {
    let mut pieces = split_outside(line, &["|"]);
    if line.starts_with('|') && !pieces.is_empty() {
        pieces.remove(0);
    }
    if line.ends_with('|') && line.len() > 1 {
        pieces.pop();
    }
    pieces.into_iter().map(|p| plain(p.trim())).collect()
}

/// Whether `text` holds `word` (ASCII, lower case) in any case.
fn contains_ignoring_ascii_case(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|window| window.eq_ignore_ascii_case(word.as_bytes()))
}

/// The `{{…}}` and `[[…]]` of a line that close on it: byte ranges, outermost only, in order.
fn protected(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut pairs = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let pair = (bytes[i], bytes[i + 1]);
        let opener = match pair {
            (b'{', b'{') | (b'[', b'[') => {
                stack.push((bytes[i], i));
                i += 2;
                continue;
            }
            (b'}', b'}') => b'{',
            (b']', b']') => b'[',
            _ => {
                i += 1;
                continue;
            }
        };
        if stack.last().is_some_and(|&(kind, _)| kind == opener) {
            let (_, start) = stack.pop().expect("an opener");
            pairs.push((start, i + 2));
        }
        i += 2;
    }
    pairs.sort_unstable();
    let mut outermost: Vec<(usize, usize)> = Vec::new();
    for (start, end) in pairs {
        if outermost.last().is_none_or(|&(_, reach)| start >= reach) {
            outermost.push((start, end));
        }
    }
    outermost
}

/// `text` split at each of `separators` (tried in order) outside templates and links.
fn split_outside<'t>(text: &'t str, separators: &[&str]) -> Vec<&'t str> {
    let spans = protected(text);
    let mut spans = spans.iter().peekable();
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(&&(from, to)) = spans.peek() {
            if i == from {
                i = to;
                spans.next();
                continue;
            }
        }
        let first = bytes[i];
        let separator = separators
            .iter()
            .find(|s| s.as_bytes()[0] == first && bytes[i..].starts_with(s.as_bytes()));
        match separator {
            Some(separator) => {
                pieces.push(&text[start..i]);
                i += separator.len();
                start = i;
            }
            None => i += 1,
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// The first `byte` of `text` outside templates and links.
fn first_outside(text: &str, byte: u8) -> Option<usize> {
    let spans = protected(text);
    let mut spans = spans.iter().peekable();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&&(from, to)) = spans.peek() {
            if i == from {
                i = to;
                spans.next();
                continue;
            }
        }
        if bytes[i] == byte {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests;
