//! Terminal tables (comfy-table): the standard, a sheet and summary figures.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::{format_mean, Style};
use crate::score::Score;
use crate::sheet::{Participant, Sheet};
use crate::standard::{Category, Standard};
use crate::summary::{Grouping, Summary, Tally};

fn new_table(style: Style, header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(if style.unicode {
        UTF8_FULL_CONDENSED
    } else {
        ASCII_FULL_CONDENSED
    });
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = style.width {
        table.set_width(width);
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }
    table.set_header(header.iter().map(|h| header_cell(h, style)));
    table
}

fn header_cell(text: &str, style: Style) -> Cell {
    let cell = Cell::new(text);
    if style.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn right(text: impl ToString) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// The cell of a score: the score as the sheet writes it, coloured when colour is on.
pub fn score_cell(score: Option<Score>, style: Style) -> Cell {
    let text = score.map(|s| s.to_string()).unwrap_or_default();
    let cell = Cell::new(text).set_alignment(CellAlignment::Center);
    if !style.color {
        return cell;
    }
    match score {
        Some(Score::Zero) => cell.fg(Color::Red),
        Some(Score::One) => cell.fg(Color::Yellow),
        Some(Score::Two) => cell.fg(Color::Cyan),
        Some(Score::Three) => cell.fg(Color::Green),
        _ => cell,
    }
}

/// Every KSB of the standard with its description: `ksb standard`.
pub fn standard(standard: &Standard, style: Style) -> String {
    let mut out = format!(
        "{} (standard {}, version {}): {} KSBs\n",
        standard.title,
        standard.id,
        standard.version,
        standard.ksbs.len()
    );
    for category in Category::ALL {
        let mut table = new_table(
            style,
            &["Id", "Title", "Description", "Stack Area", "Role Focus"],
        );
        let mut any = false;
        for ksb in standard.ksbs_in(category) {
            any = true;
            table.add_row(vec![
                Cell::new(&ksb.id),
                Cell::new(&ksb.title),
                Cell::new(&ksb.description),
                Cell::new(&ksb.stack_area),
                Cell::new(&ksb.role_focus),
            ]);
        }
        if any {
            out.push_str(&format!("\n{}\n{table}\n", category.heading()));
        }
    }
    out
}

/// The participant header as the programme's sheet lists it.
pub fn participant(participant: &Participant) -> String {
    format!(
        "Username: {}\nPreferred Role Focus: {}\nMentoring Type: {}\nAssessment Type: {}\nDate: {}\n",
        participant.username,
        participant.role_focus,
        participant.mentoring_type,
        participant.assessment_type,
        participant.date_dmy()
    )
}

/// The scoring key, one line per score.
pub fn key(standard: &Standard) -> String {
    let mut out = String::from("Key:\n");
    for entry in &standard.scoring_key {
        out.push_str(&format!("  {} – {}\n", entry.score, entry.meaning));
    }
    out
}

/// The scored sheet in sections Knowledge, Skills and Behaviours: `ksb show`.
pub fn sheet(standard: &Standard, sheet: &Sheet, style: Style) -> String {
    let mut out = participant(&sheet.participant);
    if let Some(reviews) = &sheet.reviews {
        out.push_str(&format!("Reviews: {reviews}\n"));
    }
    for category in Category::ALL {
        let mut table = new_table(style, &["Id", "Title", "Stack Area", "Role Focus", "Score"]);
        let mut any = false;
        for ksb in standard.ksbs_in(category) {
            any = true;
            table.add_row(vec![
                Cell::new(&ksb.id),
                Cell::new(&ksb.title),
                Cell::new(&ksb.stack_area),
                Cell::new(&ksb.role_focus),
                score_cell(sheet.score(&ksb.id), style),
            ]);
        }
        if any {
            out.push_str(&format!("\n{}\n{table}\n", category.heading()));
        }
    }
    out
}

/// The header cells of a summary table whose first column is `first`.
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "KSBs", "Scored", "N/A", "Unscored", "Mean", "0", "1", "2", "3",
];

fn tally_cells(tally: &Tally) -> Vec<Cell> {
    let mut cells = vec![
        right(tally.ksbs),
        right(tally.scored),
        right(tally.na),
        right(tally.unscored),
        right(format_mean(tally.mean())),
    ];
    cells.extend(tally.counts.iter().map(right));
    cells
}

/// One table per grouping, and the overall figures: `ksb summary`.
pub fn summary(
    standard: &Standard,
    summary: &Summary,
    groupings: &[Grouping],
    style: Style,
) -> String {
    let mut out = String::new();
    for &grouping in groupings {
        let mut header = vec![grouping.heading()];
        header.extend(SUMMARY_COLUMNS);
        let mut table = new_table(style, &header);
        for group in summary.groups(grouping) {
            let mut row = vec![Cell::new(&group.name)];
            row.extend(tally_cells(&group.tally));
            table.add_row(row);
        }
        if grouping == Grouping::Category {
            let mut row = vec![header_cell("Overall", style)];
            row.extend(tally_cells(&summary.overall));
            table.add_row(row);
        }
        out.push_str(&format!(
            "\nBy {}\n{table}\n",
            grouping.heading().to_lowercase()
        ));
        if grouping == Grouping::Area && standard.has_shared_areas() {
            out.push_str("A KSB with two stack areas counts in both.\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (Standard, Sheet) {
        let standard = Standard::builtin().unwrap();
        let participant = Participant {
            username: "ExampleUser".into(),
            role_focus: "Infrastructure Specialist".into(),
            mentoring_type: "Mentee".into(),
            assessment_type: "Self-assessment".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        };
        let mut sheet = Sheet::new(&standard, participant);
        for (id, score) in [
            ("K1", Score::Two),
            ("K2", Score::NotApplicable),
            ("S2", Score::Three),
        ] {
            sheet.set_score(id.parse().unwrap(), Some(score));
        }
        (standard, sheet)
    }

    #[test]
    fn summary_tables_snapshot() {
        let (standard, sheet) = example();
        let summary = Summary::of_sheet(&standard, &sheet);
        insta::assert_snapshot!(super::summary(
            &standard,
            &summary,
            &Grouping::ALL,
            Style::PLAIN
        ));
    }

    #[test]
    fn sheet_snapshot() {
        let (standard, sheet) = example();
        insta::assert_snapshot!(super::sheet(&standard, &sheet, Style::PLAIN));
    }

    #[test]
    fn plain_style_has_no_escape_codes_and_colour_does() {
        let (standard, sheet) = example();
        assert!(!super::sheet(&standard, &sheet, Style::PLAIN).contains('\u{1b}'));
        let coloured = Style {
            unicode: true,
            color: true,
            width: Some(100),
        };
        assert!(super::sheet(&standard, &sheet, coloured).contains('\u{1b}'));
    }
}
