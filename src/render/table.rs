//! Terminal tables: every report drawn for the terminal, and the scoring key, all drawn by
//! comfy-table: at their natural width when they fit, narrowed (cells wrapped between words,
//! columns dropped) when they must fit a terminal.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::bar::mean_bar;
use super::terminal::printable;
use super::width::columns;
use super::{narrow, Style};
use crate::model::score::Score;
use crate::model::standard::Standard;
use crate::report::{self, Block, Report};

/// A header cell, or a report's strong cell: bold when colour is on.
fn strong(text: &str) -> Cell {
    Cell::new(printable(text)).add_attribute(Attribute::Bold)
}

fn right(text: &str) -> Cell {
    Cell::new(printable(text)).set_alignment(CellAlignment::Right)
}

/// `cell` in `color`, if any (drawn only when colour is on).
fn tinted(cell: Cell, color: Option<Color>) -> Cell {
    match color {
        Some(color) => cell.fg(color),
        None => cell,
    }
}

/// The cell of a score: the score as the sheet writes it, coloured when colour is on.
fn score_cell(score: Option<Score>) -> Cell {
    let cell = Cell::new(score.map(|s| s.to_string()).unwrap_or_default())
        .set_alignment(CellAlignment::Center);
    tinted(cell, score.and_then(score_color))
}

/// The colour of a score: red for 0 through green for 3; N/A stays plain.
fn score_color(score: Score) -> Option<Color> {
    match score {
        Score::Zero => Some(Color::Red),
        Score::One => Some(Color::Yellow),
        Score::Two => Some(Color::Cyan),
        Score::Three => Some(Color::Green),
        Score::NotApplicable => None,
    }
}

/// The scoring key, one line per score.
pub fn key(standard: &Standard) -> String {
    let mut out = String::from("Key:\n");
    for entry in &standard.scoring_key {
        out.push_str(&format!("  {} – {}\n", entry.score, entry.meaning));
    }
    out
}

/// A report drawn as terminal tables: each table under its heading, lines as they are.
/// Optional columns (the bars of the means) are left out when they would make a table wrap.
pub fn report(report: &Report, style: Style) -> String {
    let mut out = String::new();
    for block in &report.blocks {
        match block {
            Block::Title(text) | Block::Line(text) => {
                out.push_str(&format!("{}\n", printable(text)))
            }
            Block::Paragraph(text) => out.push_str(&format!("\n{}\n", printable(text))),
            Block::Table(table) => match table.when_empty {
                Some(when_empty) if table.rows.is_empty() => {
                    out.push_str(&format!("\n{}\n{when_empty}\n", printable(&table.heading)))
                }
                _ => out.push_str(&format!(
                    "\n{}\n{}\n",
                    printable(&table.heading),
                    fitted(table, style)
                )),
            },
        }
    }
    out
}

/// The table as wide as the terminal allows. A table that does not fit at its natural width
/// first loses its empty columns (a heading over no figure) and its optional columns (the bars
/// of the means); colour's escape codes take no room on screen. A table that still does not
/// fit without splitting a word drops its columns that may narrow, in their order; every
/// column is then kept as wide as its widest word, so that cells wrap between words, and only
/// a table that cannot fit at all splits them.
fn fitted(table: &report::Table, style: Style) -> String {
    let Some(width) = style.width else {
        return drawn(table, |_| true, style, None).to_string();
    };
    let empty: Vec<bool> = (0..table.columns.len())
        .map(|index| {
            !table.rows.is_empty()
                && table.rows.iter().all(|row| {
                    row.get(index)
                        .is_none_or(|cell| cell.text().trim().is_empty())
                })
        })
        .collect();
    let is_empty = |column: &report::Column| {
        table
            .columns
            .iter()
            .position(|c| std::ptr::eq(c, column))
            .is_some_and(|index| empty[index])
    };
    let narrows = table
        .columns
        .iter()
        .any(|column| column.optional || column.narrows.is_some());
    if !narrows {
        // Drawn for the width at once: a cell of thousands of characters is too wide to draw
        // at its natural width first.
        let mut all = drawn(table, |_| true, style, Some(width));
        if narrow::fits_whole_words(&all, width) {
            narrow::keep_words_whole(&mut all);
            return all.to_string();
        }
        if !empty.contains(&true) {
            return all.to_string();
        }
        let mut fewer = drawn(table, |column| !is_empty(column), style, Some(width));
        if narrow::fits_whole_words(&fewer, width) {
            narrow::keep_words_whole(&mut fewer);
        }
        return fewer.to_string();
    }
    let whole = drawn(table, |_| true, style, None).to_string();
    let natural = whole.lines().next().map_or(0, columns);
    if natural <= usize::from(width) {
        return whole;
    }
    let mut ranks: Vec<u8> = table.columns.iter().filter_map(|c| c.narrows).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let levels = std::iter::once(0).chain(ranks);
    let mut narrowest = None;
    for level in levels {
        let kept = |column: &report::Column| {
            !column.optional && !is_empty(column) && column.narrows.is_none_or(|rank| rank > level)
        };
        let candidate = drawn(table, kept, style, Some(width));
        let fits = narrow::fits_whole_words(&candidate, width);
        narrowest = Some(candidate);
        if fits {
            break;
        }
    }
    let mut table = narrowest.unwrap_or_else(|| drawn(table, |_| true, style, Some(width)));
    narrow::keep_words_whole(&mut table);
    table.to_string()
}

/// The table with the columns `kept` says to keep, laid out by comfy-table: at its natural
/// width, or as wide as `width` allows when it is given.
fn drawn(
    table: &report::Table,
    kept: impl Fn(&report::Column) -> bool,
    style: Style,
    width: Option<u16>,
) -> Table {
    let shown: Vec<bool> = table.columns.iter().map(kept).collect();
    let mut out = Table::new();
    out.load_preset(if style.unicode {
        UTF8_FULL_CONDENSED
    } else {
        ASCII_FULL_CONDENSED
    });
    if style.color {
        out.enforce_styling();
    } else {
        out.force_no_tty();
    }
    if let Some(width) = width {
        out.set_width(width);
        out.set_content_arrangement(ContentArrangement::Dynamic);
    }
    out.set_header(
        table
            .columns
            .iter()
            .zip(&shown)
            .filter(|(_, shown)| **shown)
            .map(|(column, _)| strong(&column.name)),
    );
    for row in &table.rows {
        out.add_row(
            row.iter()
                .zip(&shown)
                .filter(|(_, shown)| **shown)
                .map(|(cell, _)| report_cell(cell, style)),
        );
    }
    out
}

/// The longest run of characters without a space that a cell hands comfy-table whole.
/// comfy-table splits an over-long word one line at a time, going over the rest of the word
/// each time, which takes time growing with the square of the word's length (a 100 KB note
/// without spaces took seconds, 1 MB over a minute); a longer run is handed over in pieces of
/// [`WORD_PIECE`] characters, so drawing stays linear in the text. Words of a real note (a URL,
/// a path) are far shorter and are wrapped at the column's width as before.
const LONGEST_WORD: usize = 4096;

/// The length of the pieces a run longer than [`LONGEST_WORD`] is handed over in: short, since
/// splitting a piece costs its length for each line of it.
const WORD_PIECE: usize = 512;

/// `text` with a line break after every [`WORD_PIECE`] characters of each run without
/// whitespace longer than [`LONGEST_WORD`].
fn break_long_words(text: &str) -> std::borrow::Cow<'_, str> {
    let mut run = 0;
    let needed = text.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > LONGEST_WORD
    });
    if !needed {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / WORD_PIECE);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() > LONGEST_WORD {
            for (i, c) in word.chars().enumerate() {
                if i > 0 && i % WORD_PIECE == 0 {
                    out.push('\n');
                }
                out.push(c);
            }
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    std::borrow::Cow::Owned(out)
}

/// A report's cell as the terminal shows it: figures to the right, scores centred and
/// coloured, alerts in bold red (colour is drawn only when it is on).
fn report_cell(cell: &report::Cell, style: Style) -> Cell {
    match cell {
        report::Cell::Text(text) => Cell::new(break_long_words(&printable(text))),
        report::Cell::Strong(text) => strong(text),
        report::Cell::Number(text) => right(text),
        report::Cell::Alert(text) => right(text).fg(Color::Red).add_attribute(Attribute::Bold),
        report::Cell::Score(score) => score_cell(*score),
        report::Cell::Bar(mean) => bar_cell(*mean, style),
    }
}

/// A mean drawn as a bar, coloured like the score it is nearest to when colour is on.
fn bar_cell(mean: Option<f64>, style: Style) -> Cell {
    let nearest = mean.and_then(|mean| Score::from_points(mean.round() as i64));
    tinted(
        Cell::new(mean_bar(mean, style.unicode)),
        nearest.and_then(score_color),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_word_longer_than_comfy_table_splits_quickly_is_handed_over_in_pieces() {
        let word = "x".repeat(3 * WORD_PIECE + 5 + LONGEST_WORD);
        let text = format!("a {word} b");
        let broken = break_long_words(&text);
        let pieces: Vec<usize> = broken.split(['\n', ' ']).map(str::len).collect();
        let mut want = vec![1];
        want.extend(std::iter::repeat_n(
            WORD_PIECE,
            3 + LONGEST_WORD / WORD_PIECE,
        ));
        want.extend([5, 1]);
        assert_eq!(pieces, want);
        let short = format!("{} {}", "y".repeat(LONGEST_WORD), "z".repeat(10));
        assert!(matches!(
            break_long_words(&short),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    use super::*;
    use crate::figures::cohort::{Cohort, Counted};
    use crate::figures::grouping::Grouping;
    use crate::figures::selection::Selection;
    use crate::figures::summary::Summary;
    use crate::model::sheet::Sheet;
    use crate::report::summary::BAR_COLUMN;
    use crate::test_support;

    fn summary_text(
        standard: &Standard,
        summary: &Summary,
        groupings: &[Grouping],
        style: Style,
    ) -> String {
        report(
            &report::summary::tables(standard, summary, groupings, "By"),
            style,
        )
    }

    fn sheet_text(standard: &Standard, sheet: &Sheet, style: Style) -> String {
        report(&report::sheet::sheet(standard, sheet), style)
    }

    fn cohort_text(
        standard: &Standard,
        cohort: &Cohort,
        groupings: &[Grouping],
        style: Style,
    ) -> String {
        let counted = Counted {
            cohort: cohort.clone(),
            participants: cohort.participants,
            sheets: cohort.participants + 1,
            selection: Selection {
                assessment_type: Some("Self-assessment".to_string()),
                ..Selection::default()
            },
            missing: vec!["Later".to_string()],
            backing: crate::figures::evidence::Backing::empty(standard),
        };
        report(
            &report::cohort::report(standard, &counted, groupings),
            style,
        )
    }

    fn example() -> (Standard, Sheet) {
        let standard = Standard::builtin();
        let scores = [
            ("K1", Score::Two),
            ("K2", Score::NotApplicable),
            ("S2", Score::Three),
        ];
        let mut sheet = test_support::sheet(&standard, "Infrastructure Specialist", &scores);
        sheet.participant.username = "ExampleUser".into();
        (standard, sheet)
    }

    #[test]
    fn summary_tables_snapshot() {
        let (standard, sheet) = example();
        let summary = Summary::of_sheet(&standard, &sheet);
        insta::assert_snapshot!(summary_text(
            &standard,
            &summary,
            &Grouping::ALL,
            Style::PLAIN
        ));
    }

    #[test]
    fn cohort_snapshot() {
        let (standard, sheet) = example();
        let mut other = sheet.clone();
        other.participant.role_focus = "Generalist".into();
        other.set_score("K1".parse().unwrap(), Some(Score::Three));
        other.set_score("B1".parse().unwrap(), Some(Score::Zero));
        let mut cohort = Cohort::empty(&standard);
        cohort.add_sheet(&standard, &sheet);
        cohort.add_sheet(&standard, &other);
        insta::assert_snapshot!(cohort_text(
            &standard,
            &cohort,
            &Grouping::ALL,
            Style::PLAIN
        ));
    }

    #[test]
    fn sheet_snapshot() {
        let (standard, sheet) = example();
        insta::assert_snapshot!(sheet_text(&standard, &sheet, Style::PLAIN));
    }

    #[test]
    fn plain_style_has_no_escape_codes_and_colour_does() {
        let (standard, sheet) = example();
        assert!(!sheet_text(&standard, &sheet, Style::PLAIN).contains('\u{1b}'));
        let coloured = Style {
            unicode: true,
            color: true,
            width: Some(100),
        };
        assert!(sheet_text(&standard, &sheet, coloured).contains('\u{1b}'));
    }

    #[test]
    fn summary_bars_use_blocks_on_a_terminal_and_hashes_in_ascii() {
        let (standard, sheet) = example();
        let summary = Summary::of_sheet(&standard, &sheet);
        let fancy = Style {
            unicode: true,
            color: false,
            width: None,
        };
        let unicode = summary_text(&standard, &summary, &[Grouping::Category], fancy);
        assert!(unicode.contains(&"█".repeat(10)), "{unicode}");
        assert!(!unicode.contains('#'));
        let ascii = summary_text(&standard, &summary, &[Grouping::Category], Style::PLAIN);
        assert!(ascii.contains("| ########## "), "{ascii}");
        assert!(!ascii.contains('█'));
    }

    #[test]
    fn summary_bars_go_when_the_table_would_wrap() {
        let (standard, sheet) = example();
        let summary = Summary::of_sheet(&standard, &sheet);
        let width = |width| Style {
            width: Some(width),
            ..Style::PLAIN
        };
        let wide = summary_text(&standard, &summary, &[Grouping::Category], width(120));
        assert!(wide.contains(BAR_COLUMN), "{wide}");
        let narrow = summary_text(&standard, &summary, &[Grouping::Category], width(80));
        assert!(!narrow.contains(BAR_COLUMN), "{narrow}");
        assert!(!narrow.contains('#'), "{narrow}");
        assert!(narrow.lines().all(|l| columns(l) <= 80), "{narrow}");
    }

    #[test]
    fn a_narrow_summary_drops_columns_before_it_splits_a_word() {
        let (standard, sheet) = example();
        let summary = Summary::of_sheet(&standard, &sheet);
        let words: Vec<String> = standard
            .role_focuses
            .iter()
            .chain(&standard.areas)
            .flat_map(|name| name.split_whitespace().map(str::to_string))
            .collect();
        for width in [60, 40] {
            let style = Style {
                width: Some(width),
                ..Style::PLAIN
            };
            let text = summary_text(&standard, &summary, &Grouping::ALL, style);
            assert!(
                text.lines()
                    .filter(|l| l.starts_with(['+', '|']))
                    .all(|l| columns(l) <= usize::from(width)),
                "{text}"
            );
            for word in words.iter().map(String::as_str).chain(["Unscored", "Mean"]) {
                assert!(text.contains(word), "{word} whole at {width}: {text}");
            }
        }
        let sixty = summary_text(
            &standard,
            &summary,
            &Grouping::ALL,
            Style {
                width: Some(60),
                ..Style::PLAIN
            },
        );
        assert!(
            sixty.contains("| KSBs | Scored | N/A | Unscored | Mean |"),
            "{sixty}"
        );
    }

    #[test]
    fn cells_wrap_between_words_and_an_empty_column_gives_up_its_room() {
        let text = |t: &str| report::Cell::Text(t.to_string());
        let table = report::Table {
            heading: "Participants".into(),
            columns: [
                "Username",
                "Role focus",
                "Self-assessment",
                "Final check",
                "Needs",
            ]
            .into_iter()
            .map(report::Column::new)
            .collect(),
            rows: vec![vec![
                text("Alexandra-Featherstonehaugh"),
                text("Infrastructure Specialist"),
                text("01/11/2026, 1/28"),
                text(""),
                text("mentor review; finish Self-assessment (27 unscored)"),
            ]],
            when_empty: None,
        };
        let drawn = fitted(
            &table,
            Style {
                unicode: false,
                color: false,
                width: Some(90),
            },
        );
        assert!(!drawn.contains("Final check"), "{drawn}");
        for word in [
            "Alexandra-Featherstonehaugh",
            "Infrastructure",
            "Specialist",
            "Self-assessment",
            "unscored)",
        ] {
            assert!(drawn.contains(word), "{word} split:\n{drawn}");
        }
        assert!(drawn.lines().all(|line| columns(line) <= 90), "{drawn}");
    }
}
