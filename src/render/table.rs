//! Terminal tables (comfy-table): the standard, a sheet, summary and cohort figures.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::bar::mean_bar;
use super::narrow;
use super::sections::{self, Section};
use super::{format_delta, format_mean, format_mean_delta, format_share, SheetLabel, Style};
use crate::figures::cohort::Cohort;
use crate::figures::compare::{Comparison, DISAGREEMENT_POINTS};
use crate::figures::plan::Plan;
use crate::figures::progress::Progress;
use crate::figures::summary::{Grouping, Summary, Tally};
use crate::model::date::format_dmy;
use crate::model::score::Score;
use crate::model::sheet::{Participant, Sheet};
use crate::model::standard::{Category, Ksb, Standard};

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
    match score.and_then(score_color) {
        Some(color) if style.color => cell.fg(color),
        _ => cell,
    }
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

/// Every KSB of the standard with its description: `ksb standard`.
pub fn standard(standard: &Standard, style: Style) -> String {
    let mut out = format!(
        "{} (standard {}, version {}): {} KSBs\n",
        standard.title,
        standard.id,
        standard.version,
        standard.ksbs.len()
    );
    out.push_str(&sections(
        standard,
        style,
        &["Id", "Title", "Description", "Stack Area", "Role Focus"],
        |ksb| {
            vec![
                Cell::new(&ksb.id),
                Cell::new(&ksb.title),
                Cell::new(&ksb.description),
                Cell::new(&ksb.stack_area),
                Cell::new(&ksb.role_focus),
            ]
        },
    ));
    out
}

/// One table per category with a row per KSB, each under its heading (Knowledge, Skills,
/// Behaviours); a category without KSBs is left out.
fn sections(
    standard: &Standard,
    style: Style,
    header: &[&str],
    row: impl Fn(&Ksb) -> Vec<Cell>,
) -> String {
    let mut out = String::new();
    for category in Category::ALL {
        let mut table = new_table(style, header);
        for ksb in standard.ksbs_in(category) {
            table.add_row(row(ksb));
        }
        if !table.is_empty() {
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
    out.push_str(&sections(
        standard,
        style,
        &["Id", "Title", "Stack Area", "Role Focus", "Score"],
        |ksb| {
            vec![
                Cell::new(&ksb.id),
                Cell::new(&ksb.title),
                Cell::new(&ksb.stack_area),
                Cell::new(&ksb.role_focus),
                score_cell(sheet.score(&ksb.id), style),
            ]
        },
    ));
    out
}

/// The header cells of a summary table whose first column is `first`.
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "KSBs", "Scored", "N/A", "Unscored", "Mean", "0", "1", "2", "3",
];

/// The heading of the last column, which draws each mean as a bar.
const BAR_COLUMN: &str = "Mean 0–3";

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

/// A mean drawn as a bar, coloured like the score it is nearest to when colour is on.
fn bar_cell(mean: Option<f64>, style: Style) -> Cell {
    let cell = Cell::new(mean_bar(mean, style.unicode));
    let nearest = mean.and_then(|mean| Score::from_points(mean.round() as i64));
    match nearest.and_then(score_color) {
        Some(color) if style.color => cell.fg(color),
        _ => cell,
    }
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
        // The bars are a picture of the means beside them: they go when they would make the
        // table wrap. Measured without colour, whose escape codes take no room on screen.
        let unlimited = Style {
            width: None,
            color: false,
            ..style
        };
        let fits = |table: &Table| match style.width {
            Some(width) => table
                .lines()
                .all(|l| l.chars().count() <= usize::from(width)),
            None => true,
        };
        let mut table = summary_table(summary, grouping, ALL_SUMMARY_COLUMNS, true, style);
        if !fits(&summary_table(
            summary,
            grouping,
            ALL_SUMMARY_COLUMNS,
            true,
            unlimited,
        )) {
            table = narrowed_summary_table(summary, grouping, style);
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

/// One line naming a sheet in a report about several: file, who, what kind and when.
fn sheet_line(tag: &str, label: &SheetLabel) -> String {
    let p = label.participant;
    format!(
        "{tag}: {} ({}, {}, {}, {})\n",
        label.file,
        p.username,
        p.role_focus,
        p.assessment_type,
        p.date_dmy()
    )
}

/// Two sheets side by side, per KSB and per group: `ksb compare`. With `only_different`,
/// only the KSBs the sheets say something different about are listed.
pub fn compare(
    standard: &Standard,
    sheets: [SheetLabel; 2],
    comparison: &Comparison,
    only_different: bool,
    style: Style,
) -> String {
    let [a, b] = sheets;
    let mut out = sheet_line("A", &a) + &sheet_line("B", &b);
    if !a.participant.same_username(b.participant) {
        out.push_str(&format!(
            "Note: these are sheets of two participants, {} (A) and {} (B).\n",
            a.participant.username, b.participant.username
        ));
    }
    let mut table = new_table(style, &["Id", "Title", "A", "B", "Change"]);
    let mut rows = 0;
    for (change, ksb) in comparison.ksbs.iter().zip(&standard.ksbs) {
        if only_different && !change.differs() {
            continue;
        }
        rows += 1;
        let mut delta = change.delta().map(format_delta).unwrap_or_default();
        if change.disagreement() {
            delta.push_str(" !");
        }
        let mut delta = right(delta);
        if style.color && change.disagreement() {
            delta = delta.fg(Color::Red).add_attribute(Attribute::Bold);
        }
        table.add_row(vec![
            Cell::new(&ksb.id),
            Cell::new(&ksb.title),
            score_cell(change.a, style),
            score_cell(change.b, style),
            delta,
        ]);
    }
    if rows == 0 {
        out.push_str("\nThe two sheets score every KSB the same.\n");
    } else {
        out.push_str(&format!(
            "\nKSBs\n{table}\nChange is B − A, blank where either is N/A or unscored; ! marks scores {DISAGREEMENT_POINTS} or more points apart.\n"
        ));
    }
    for grouping in Grouping::ALL {
        let mut table = new_table(style, &[grouping.heading(), "A mean", "B mean", "Change"]);
        for group in comparison.groups(grouping) {
            table.add_row(vec![
                Cell::new(&group.name),
                right(format_mean(group.a_mean)),
                right(format_mean(group.b_mean)),
                right(format_mean_delta(group.delta())),
            ]);
        }
        out.push_str(&format!(
            "\nBy {}\n{table}\n",
            grouping.heading().to_lowercase()
        ));
    }
    out
}

/// Several sheets in date order, a column per date: `ksb progress`. `sheets` are labelled in
/// the order they were given; `progress.order` puts them in date order.
pub fn progress(
    standard: &Standard,
    sheets: &[SheetLabel],
    progress: &Progress,
    style: Style,
) -> String {
    let sorted: Vec<&SheetLabel> = progress.order.iter().map(|&i| &sheets[i]).collect();
    let mut out = String::new();
    for (n, label) in sorted.iter().enumerate() {
        out.push_str(&sheet_line(&(n + 1).to_string(), label));
    }
    let dates: Vec<String> = progress.dates.iter().map(|d| format_dmy(*d)).collect();
    let header = |first: &'static str| {
        let mut header = vec![first];
        header.extend(dates.iter().map(String::as_str));
        header.push("Travelled");
        header
    };

    let mut table = new_table(style, &header("KSB"));
    for (row, ksb) in progress.ksbs.iter().zip(&standard.ksbs) {
        let mut cells = vec![Cell::new(format!("{} {}", ksb.id, ksb.title))];
        cells.extend(row.scores.iter().map(|s| score_cell(*s, style)));
        cells.push(right(format_share(row.travelled)));
        table.add_row(cells);
    }
    out.push_str(&format!("\nKSBs\n{table}\n"));
    for grouping in Grouping::ALL {
        let mut table = new_table(style, &header(grouping.heading()));
        for group in progress.groups(grouping) {
            let mut cells = vec![Cell::new(&group.name)];
            cells.extend(group.means.iter().map(|m| right(format_mean(*m))));
            cells.push(right(format_share(group.travelled)));
            table.add_row(cells);
        }
        out.push_str(&format!(
            "\nMeans by {}\n{table}\n",
            grouping.heading().to_lowercase()
        ));
    }
    out.push_str(&match (progress.travelled, progress.dates.first()) {
        (Some(share), Some(first)) => format!(
            "\nDistance travelled: {} of the gap to 3 closed since {} (KSBs scored 0–3 on both the first and the latest sheet; N/A and unscored left out).\n",
            format_share(Some(share)),
            format_dmy(*first)
        ),
        _ if progress.dates.len() < 2 => {
            "\nDistance travelled: needs two sheets or more.\n".to_string()
        }
        _ => "\nDistance travelled: none to measure (no KSB scored 0–2 on the first sheet and 0–3 on the latest).\n".to_string(),
    });
    out
}

fn section(section: &Section, style: Style) -> String {
    if section.rows.is_empty() {
        return format!("\n{}\n{}\n", section.heading, section.when_empty);
    }
    let mut table = new_table(style, &section.columns);
    for row in &section.rows {
        table.add_row(row);
    }
    format!("\n{}\n{table}\n", section.heading)
}

/// A development plan: `ksb plan`.
pub fn plan(participant: &Participant, plan: &Plan, style: Style) -> String {
    let mut out = format!(
        "{}\n{}\n",
        sections::plan_title(participant),
        sections::plan_intro(participant, plan)
    );
    for part in sections::plan(plan) {
        out.push_str(&section(&part, style));
    }
    out
}

/// The header cells of the per-KSB table of a cohort, after the id and title.
const KSB_COLUMNS: [&str; 8] = ["Scored", "N/A", "Unscored", "Mean", "0", "1", "2", "3"];

/// A cohort report: who was counted, every KSB, the summary tables, then the group means side by
/// side for each preferred role focus: `ksb summary` over many sheets.
pub fn cohort(
    standard: &Standard,
    cohort: &Cohort,
    groupings: &[Grouping],
    style: Style,
) -> String {
    let focus_counts: Vec<String> = cohort
        .by_preferred_role_focus
        .iter()
        .map(|focus| format!("{} {}", focus.name, focus.participants))
        .collect();
    let mut out = format!(
        "Cohort: {} participant{}\nPreferred role focus: {}\n",
        cohort.participants,
        if cohort.participants == 1 { "" } else { "s" },
        focus_counts.join(", ")
    );

    let mut header = vec!["Id", "Title"];
    header.extend(KSB_COLUMNS);
    let mut table = new_table(style, &header);
    for (ksb, figures) in standard.ksbs.iter().zip(&cohort.ksbs) {
        let tally = &figures.tally;
        let mut row = vec![
            Cell::new(&figures.id),
            Cell::new(&ksb.title),
            right(tally.scored),
            right(tally.na),
            right(tally.unscored),
            right(format_mean(tally.mean())),
        ];
        row.extend(tally.counts.iter().map(right));
        table.add_row(row);
    }
    out.push_str(&format!("\nBy KSB\n{table}\n"));
    out.push_str(&summary(standard, &cohort.summary, groupings, style));
    out.push_str(&means_by_preferred_role_focus(cohort, groupings, style));
    out
}

/// One table per grouping: a row per group, the mean of the whole cohort, then the mean of the
/// participants preferring each role focus.
fn means_by_preferred_role_focus(cohort: &Cohort, groupings: &[Grouping], style: Style) -> String {
    let mut out = String::new();
    for &grouping in groupings {
        let mut header = vec![
            grouping.heading().to_string(),
            format!("All ({})", cohort.participants),
        ];
        header.extend(
            cohort
                .by_preferred_role_focus
                .iter()
                .map(|focus| format!("{} ({})", focus.name, focus.participants)),
        );
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = new_table(style, &header);
        for (index, group) in cohort.summary.groups(grouping).iter().enumerate() {
            let mut row = vec![
                Cell::new(&group.name),
                right(format_mean(group.tally.mean())),
            ];
            row.extend(cohort.by_preferred_role_focus.iter().map(|focus| {
                right(format_mean(
                    focus.summary.groups(grouping)[index].tally.mean(),
                ))
            }));
            table.add_row(row);
        }
        if grouping == Grouping::Category {
            let mut row = vec![
                header_cell("Overall", style),
                right(format_mean(cohort.summary.overall.mean())),
            ];
            row.extend(
                cohort
                    .by_preferred_role_focus
                    .iter()
                    .map(|focus| right(format_mean(focus.summary.overall.mean()))),
            );
            table.add_row(row);
        }
        out.push_str(&format!(
            "\nMeans by {}, per preferred role focus\n{table}\n",
            grouping.heading().to_lowercase()
        ));
    }
    out
}

/// Every column of [`SUMMARY_COLUMNS`].
const ALL_SUMMARY_COLUMNS: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8];

/// The columns of [`SUMMARY_COLUMNS`] a summary table keeps as the terminal narrows: first the
/// count of each score goes, then KSBs, N/A and Scored; Unscored and Mean stay.
const SUMMARY_NARROWING: [&[usize]; 5] = [
    ALL_SUMMARY_COLUMNS,
    &[0, 1, 2, 3, 4],
    &[1, 2, 3, 4],
    &[1, 3, 4],
    &[3, 4],
];

/// The summary table of one grouping without bars, with the most columns that fit the width
/// without splitting a word (the fewest when none do), each word kept whole.
fn narrowed_summary_table(summary: &Summary, grouping: Grouping, style: Style) -> Table {
    let width = style.width.unwrap_or(u16::MAX);
    let mut table = SUMMARY_NARROWING
        .iter()
        .map(|kept| summary_table(summary, grouping, kept, false, style))
        .find(|table| narrow::fits_whole_words(table, width))
        .unwrap_or_else(|| summary_table(summary, grouping, &[3, 4], false, style));
    narrow::keep_words_whole(&mut table);
    table
}

/// The summary table of one grouping with the `kept` columns of [`SUMMARY_COLUMNS`], with or
/// without the bar column.
fn summary_table(
    summary: &Summary,
    grouping: Grouping,
    kept: &[usize],
    bars: bool,
    style: Style,
) -> Table {
    let mut header = vec![grouping.heading()];
    header.extend(kept.iter().map(|&i| SUMMARY_COLUMNS[i]));
    if bars {
        header.push(BAR_COLUMN);
    }
    let mut table = new_table(style, &header);
    let cells = |tally: &Tally| {
        let all = tally_cells(tally);
        let mut cells: Vec<Cell> = kept.iter().map(|&i| all[i].clone()).collect();
        if bars {
            cells.push(bar_cell(tally.mean(), style));
        }
        cells
    };
    for group in summary.groups(grouping) {
        let mut row = vec![Cell::new(&group.name)];
        row.extend(cells(&group.tally));
        table.add_row(row);
    }
    if grouping == Grouping::Category {
        let mut row = vec![header_cell("Overall", style)];
        row.extend(cells(&summary.overall));
        table.add_row(row);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;

    fn example() -> (Standard, Sheet) {
        let standard = Standard::builtin().unwrap();
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
        insta::assert_snapshot!(super::summary(
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
        insta::assert_snapshot!(super::cohort(
            &standard,
            &cohort,
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

    #[test]
    fn summary_bars_use_blocks_on_a_terminal_and_hashes_in_ascii() {
        let (standard, sheet) = example();
        let summary = Summary::of_sheet(&standard, &sheet);
        let fancy = Style {
            unicode: true,
            color: false,
            width: None,
        };
        let unicode = super::summary(&standard, &summary, &[Grouping::Category], fancy);
        assert!(unicode.contains(&"█".repeat(10)), "{unicode}");
        assert!(!unicode.contains('#'));
        let ascii = super::summary(&standard, &summary, &[Grouping::Category], Style::PLAIN);
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
        let wide = super::summary(&standard, &summary, &[Grouping::Category], width(120));
        assert!(wide.contains(BAR_COLUMN), "{wide}");
        let narrow = super::summary(&standard, &summary, &[Grouping::Category], width(80));
        assert!(!narrow.contains(BAR_COLUMN), "{narrow}");
        assert!(!narrow.contains('#'), "{narrow}");
        assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
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
            let text = super::summary(&standard, &summary, &Grouping::ALL, style);
            assert!(
                text.lines()
                    .filter(|l| l.starts_with(['+', '|']))
                    .all(|l| l.chars().count() <= usize::from(width)),
                "{text}"
            );
            for word in words.iter().map(String::as_str).chain(["Unscored", "Mean"]) {
                assert!(text.contains(word), "{word} whole at {width}: {text}");
            }
        }
        let sixty = super::summary(
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
}
