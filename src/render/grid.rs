//! Terminal tables at their natural width (each column as wide as its widest line), drawn
//! directly. A one-sheet command is mostly start-up and this drawing: through comfy-table it
//! took more than half of `ksb summary SHEET`'s instructions (bench/one-sheet.sh). The output
//! is comfy-table's byte for byte, which the property test below holds it to; comfy-table still
//! draws every table that must be narrowed to fit a terminal ([`super::table`]).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr as _;

/// Where a cell's text sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// The colours ksb paints cells in: scores from red (0) to green (3), alerts in red.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tint {
    Red,
    Yellow,
    Cyan,
    Green,
}

impl Tint {
    /// The 256-colour code comfy-table (through crossterm) writes for this colour.
    fn code(self) -> u8 {
        match self {
            Tint::Red => 9,
            Tint::Green => 10,
            Tint::Yellow => 11,
            Tint::Cyan => 14,
        }
    }

    /// The same colour for comfy-table.
    pub fn comfy(self) -> comfy_table::Color {
        match self {
            Tint::Red => comfy_table::Color::Red,
            Tint::Yellow => comfy_table::Color::Yellow,
            Tint::Cyan => comfy_table::Color::Cyan,
            Tint::Green => comfy_table::Color::Green,
        }
    }
}

/// One cell as the terminal shows it, whichever drawer draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// The text, a line of the cell per `\n`.
    pub text: String,
    /// Where the text sits in the column.
    pub align: Align,
    /// The colour of the text, drawn only when colour is on.
    pub tint: Option<Tint>,
    /// Bold text (headers, alerts), drawn only when colour is on.
    pub bold: bool,
}

impl Look {
    /// Left-aligned text without colour.
    pub fn plain(text: impl Into<String>) -> Look {
        Look {
            text: text.into(),
            align: Align::Left,
            tint: None,
            bold: false,
        }
    }

    /// The same cell for comfy-table.
    pub fn comfy(&self) -> comfy_table::Cell {
        let mut cell = comfy_table::Cell::new(&self.text).set_alignment(match self.align {
            Align::Left => comfy_table::CellAlignment::Left,
            Align::Center => comfy_table::CellAlignment::Center,
            Align::Right => comfy_table::CellAlignment::Right,
        });
        if let Some(tint) = self.tint {
            cell = cell.fg(tint.comfy());
        }
        if self.bold {
            cell = cell.add_attribute(comfy_table::Attribute::Bold);
        }
        cell
    }
}

/// The characters of a table's frame, as comfy-table's `*_FULL_CONDENSED` presets have them:
/// borders all round, a rule under the header, no rules between rows.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The comfy-table preset that draws the same frame.
    pub preset: &'static str,
    side: char,
    between: char,
    top: [char; 4],
    rule: [char; 4],
    bottom: [char; 4],
}

/// `+`, `-`, `=` and `|`: for pipes, files and terminals without Unicode.
pub const ASCII: Frame = Frame {
    preset: comfy_table::presets::ASCII_FULL_CONDENSED,
    side: '|',
    between: '|',
    top: ['+', '-', '+', '+'],
    rule: ['+', '=', '=', '+'],
    bottom: ['+', '-', '+', '+'],
};

/// Box-drawing characters.
pub const UNICODE: Frame = Frame {
    preset: comfy_table::presets::UTF8_FULL_CONDENSED,
    side: '│',
    between: '┆',
    top: ['┌', '─', '┬', '┐'],
    rule: ['╞', '═', '╪', '╡'],
    bottom: ['└', '─', '┴', '┘'],
};

/// The widest a column may be here: comfy-table counts widths in `u16` and wraps wider
/// content, which only it can draw.
const WIDEST: usize = u16::MAX as usize;

/// The table at its natural width, or `None` when it is wider than `limit` columns (or has a
/// line over 65,535 columns, which comfy-table wraps). `color` paints tinted and bold cells;
/// escape codes take no room on screen, so they do not count against `limit`.
pub fn draw(
    frame: &Frame,
    header: &[Look],
    rows: &[Vec<Look>],
    color: bool,
    limit: Option<u16>,
) -> Option<String> {
    let columns = rows.iter().map(Vec::len).fold(header.len(), usize::max);
    let mut widths = vec![1; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (width, look) in widths.iter_mut().zip(row) {
            for line in look.text.split('\n') {
                *width = (*width).max(line.width());
            }
        }
    }
    if widths.iter().any(|width| *width > WIDEST) {
        return None;
    }
    let total = widths.iter().map(|width| width + 3).sum::<usize>() + 1;
    if limit.is_some_and(|limit| total > usize::from(limit)) {
        return None;
    }
    let mut out = String::new();
    border(&mut out, &widths, frame.top);
    row_lines(&mut out, frame, &widths, header, color);
    border(&mut out, &widths, frame.rule);
    for row in rows {
        row_lines(&mut out, frame, &widths, row, color);
    }
    border(&mut out, &widths, frame.bottom);
    out.pop();
    Some(out)
}

/// The same table laid out by comfy-table, as wide as `width` allows when it is given: the
/// drawer of tables that must be narrowed, and the reference [`draw`] is tested against.
pub fn comfy_table(
    frame: &Frame,
    header: &[Look],
    rows: &[Vec<Look>],
    color: bool,
    width: Option<u16>,
) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(frame.preset);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = width {
        table.set_width(width);
        table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    }
    table.set_header(header.iter().map(Look::comfy));
    for row in rows {
        table.add_row(row.iter().map(Look::comfy));
    }
    table
}

/// A rule across the table: `left`, `line` over each column with `middle` between, `right`.
fn border(out: &mut String, widths: &[usize], [left, line, middle, right]: [char; 4]) {
    out.push(left);
    for (index, width) in widths.iter().enumerate() {
        if index > 0 {
            out.push(middle);
        }
        out.extend(std::iter::repeat_n(line, width + 2));
    }
    out.push(right);
    out.push('\n');
}

/// One row: as many lines as its tallest cell, shorter cells filled with blank lines.
fn row_lines(out: &mut String, frame: &Frame, widths: &[usize], row: &[Look], color: bool) {
    let lines: Vec<Vec<&str>> = row
        .iter()
        .map(|look| look.text.split('\n').collect())
        .collect();
    let height = lines.iter().map(Vec::len).max().unwrap_or(1);
    for index in 0..height {
        out.push(frame.side);
        for (column, width) in widths.iter().enumerate() {
            if column > 0 {
                out.push(frame.between);
            }
            match (
                row.get(column),
                lines.get(column).and_then(|l| l.get(index)),
            ) {
                (Some(look), Some(line)) => cell_line(out, look, line, *width, color),
                _ => out.extend(std::iter::repeat_n(' ', width + 2)),
            }
        }
        out.push(frame.side);
        out.push('\n');
    }
}

/// One line of a cell, aligned in `width` columns with a space either side, painted when
/// `color` is on and the cell has a tint or is bold.
fn cell_line(out: &mut String, look: &Look, line: &str, width: usize, color: bool) {
    let styled = color && (look.tint.is_some() || look.bold);
    if styled {
        if let Some(tint) = look.tint {
            let _ = write!(out, "\u{1b}[38;5;{}m", tint.code());
        }
        if look.bold {
            out.push_str("\u{1b}[1m");
        }
    }
    let remaining = width - line.width();
    let (before, after) = match look.align {
        Align::Left => (0, remaining),
        Align::Right => (remaining, 0),
        Align::Center => (remaining.div_ceil(2), remaining / 2),
    };
    out.extend(std::iter::repeat_n(' ', before + 1));
    out.push_str(line);
    out.extend(std::iter::repeat_n(' ', after + 1));
    if styled {
        out.push_str(if look.bold { "\u{1b}[0m" } else { "\u{1b}[39m" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn comfy(
        frame: &Frame,
        header: &[Look],
        rows: &[Vec<Look>],
        color: bool,
        width: Option<u16>,
    ) -> String {
        comfy_table(frame, header, rows, color, width).to_string()
    }

    fn look() -> impl Strategy<Value = Look> {
        let text = prop::collection::vec(
            prop_oneof![
                Just("a".to_string()),
                Just(" ".to_string()),
                Just("\n".to_string()),
                Just("Generalist".to_string()),
                Just("–".to_string()),
                Just("█".to_string()),
                Just("漢字".to_string()),
                Just("e\u{301}".to_string()),
                Just("👩‍💻".to_string()),
                Just("\u{200b}".to_string()),
                Just("\t".to_string()),
                "[a-zé ]{0,12}",
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat());
        let align = prop_oneof![Just(Align::Left), Just(Align::Center), Just(Align::Right)];
        let tint = prop_oneof![
            Just(None),
            Just(Some(Tint::Red)),
            Just(Some(Tint::Yellow)),
            Just(Some(Tint::Cyan)),
            Just(Some(Tint::Green)),
        ];
        (text, align, tint, any::<bool>()).prop_map(|(text, align, tint, bold)| Look {
            text,
            align,
            tint,
            bold,
        })
    }

    fn table() -> impl Strategy<Value = (Vec<Look>, Vec<Vec<Look>>)> {
        (1usize..6).prop_flat_map(|columns| {
            (
                prop::collection::vec(look(), columns),
                prop::collection::vec(prop::collection::vec(look(), columns), 0..5),
            )
        })
    }

    proptest! {
        #[test]
        fn natural_tables_are_comfy_tables_byte_for_byte_with_or_without_a_width_that_fits(
            (header, rows) in table(),
            unicode in any::<bool>(),
            color in any::<bool>(),
        ) {
            let frame = if unicode { &UNICODE } else { &ASCII };
            let ours = draw(frame, &header, &rows, color, None).expect("narrow enough");
            prop_assert_eq!(&ours, &comfy(frame, &header, &rows, color, None));
            let width = ours.lines().next().unwrap().chars().count();
            let width = u16::try_from(width).unwrap();
            prop_assert_eq!(draw(frame, &header, &rows, color, Some(width)), Some(ours.clone()));
            prop_assert_eq!(&ours, &comfy(frame, &header, &rows, color, Some(width)));
            prop_assert_eq!(draw(frame, &header, &rows, color, Some(width - 1)), None);
        }
    }

    #[test]
    fn a_line_wider_than_comfy_tables_widest_column_is_left_to_it() {
        let wide = vec![Look::plain("x".repeat(WIDEST + 1))];
        assert_eq!(
            draw(&ASCII, &[Look::plain("Note")], &[wide], false, None),
            None
        );
    }
}
