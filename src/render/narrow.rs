//! Tables on a narrow terminal: which columns fit without splitting a word, and keeping every
//! word whole when comfy-table shares out the width (it would otherwise break `Generalist`
//! into `Gener` and `alist` to give every column an equal share).

use comfy_table::{ColumnConstraint, Table, Width};

use super::width::columns;

/// The widest word of each column (header included), in terminal columns.
fn longest_words(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (index, cell) in row.cell_iter().enumerate() {
            let longest = cell
                .content()
                .split_whitespace()
                .map(columns)
                .max()
                .unwrap_or(0);
            if widths.len() <= index {
                widths.resize(index + 1, 0);
            }
            widths[index] = widths[index].max(longest);
        }
    }
    widths
}

/// The longest line of each column (header included), in terminal columns.
fn longest_lines(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (index, cell) in row.cell_iter().enumerate() {
            let longest = cell.content().lines().map(columns).max().unwrap_or(0);
            if widths.len() <= index {
                widths.resize(index + 1, 0);
            }
            widths[index] = widths[index].max(longest);
        }
    }
    widths
}

/// Whether the table fits in `width` columns with each cell wrapped at spaces only: every
/// column as wide as its widest word, plus a space either side and a border between columns.
pub fn fits_whole_words(table: &Table, width: u16) -> bool {
    let words = longest_words(table);
    let needed = words.iter().sum::<usize>() + 3 * words.len() + 1;
    needed <= usize::from(width)
}

/// Keeps each column at least as wide as its widest word, so that wrapping a cell to fit the
/// table's width breaks it between words, never inside one.
pub fn keep_words_whole(table: &mut Table) {
    let words = longest_words(table);
    let lines = longest_lines(table);
    for (index, width) in words.into_iter().enumerate() {
        let width = u16::try_from(width).unwrap_or(u16::MAX);
        // comfy-table adds the padding to a column's longest line in a u16 when the column
        // has a lower boundary: a line near 64 K columns long (a pasted note) would overflow.
        if lines
            .get(index)
            .is_some_and(|&l| l >= usize::from(u16::MAX) - 16)
        {
            continue;
        }
        if let Some(column) = table.column_mut(index) {
            // comfy-table's fixed widths include the cell's padding.
            let width = width.saturating_add(column.padding_width());
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use comfy_table::presets::ASCII_FULL_CONDENSED;
    use comfy_table::ContentArrangement;

    fn table(width: u16) -> Table {
        let mut table = Table::new();
        table
            .load_preset(ASCII_FULL_CONDENSED)
            .force_no_tty()
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(["Role focus", "Unscored", "Mean"])
            .add_row(["Infrastructure Specialist", "7", "2.00"])
            .add_row(["Generalist", "13", ""]);
        table
    }

    #[test]
    fn a_table_fits_when_its_longest_words_do() {
        // Longest words 14 + 8 + 4, and 3 × 3 + 1 for borders and padding.
        assert!(fits_whole_words(&table(36), 36));
        assert!(!fits_whole_words(&table(35), 35));
    }

    #[test]
    fn wide_characters_count_as_the_columns_they_take() {
        let mut table = Table::new();
        table
            .load_preset(ASCII_FULL_CONDENSED)
            .force_no_tty()
            .set_header(["名前"])
            .add_row(["漢字漢字漢字"]);
        // 12 columns of text, a space either side and two borders.
        assert!(fits_whole_words(&table, 16));
        assert!(!fits_whole_words(&table, 15));
    }

    #[test]
    fn words_stay_whole_when_the_table_wraps() {
        let mut narrow = table(36);
        keep_words_whole(&mut narrow);
        let text = narrow.to_string();
        assert!(text.lines().all(|l| columns(l) <= 36), "{text}");
        for word in ["Infrastructure", "Specialist", "Generalist", "Unscored"] {
            assert!(text.contains(word), "{word} is whole: {text}");
        }
    }
}
