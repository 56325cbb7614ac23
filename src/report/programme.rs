//! The cohort's page on the wiki (`ksb wiki report`): the figures everyone in the programme
//! may read, which name nobody, and the heatmap's figures as a table for the page that shows
//! the heatmap (a picture's figures must be readable without seeing it).

use super::cohort::{header, means_by_preferred_role_focus, plural};
use super::{summary, Block, Cell, Column, Report, Table};
use crate::figures::cohort::{Cohort, Counted};
use crate::figures::grouping::Grouping;
use crate::figures::heatmap::HeatGroup;
use crate::model::standard::Standard;

/// The groupings of the cohort's page: by role focus and by stack area.
pub const GROUPINGS: [Grouping; 2] = [Grouping::RoleFocus, Grouping::Area];

/// The fewest participants whose means the page shows as a group of their own: the means of a
/// role focus one or two people prefer would be those people's scores, readable by anyone who
/// knows who prefers what, on a page that names nobody.
pub const SMALLEST_GROUP: usize = 3;

/// The cohort's figures, naming nobody: how many were counted (and how many left out, not
/// who), how many prefer each role focus, and the summary and the means by role focus and
/// stack area.
pub fn cohort_figures(standard: &Standard, counted: &Counted) -> Report {
    let cohort = &counted.cohort;
    let mut report = Report::default();
    report.push(Block::Line(header(counted)));
    if !counted.missing.is_empty() {
        report.push(Block::Line(format!(
            "{} left out, without {}",
            plural(counted.missing.len(), "participant"),
            counted.selection.lacking()
        )));
    }
    report.push(Block::Table(Table {
        heading: "Participants by preferred role focus".to_string(),
        columns: Column::all(["Preferred role focus", "Participants"]),
        rows: cohort
            .by_preferred_role_focus
            .iter()
            .map(|focus| vec![Cell::text_of(&focus.name), Cell::number(focus.participants)])
            .collect(),
        when_empty: Some("Nobody counted."),
    }));
    report.extend(summary::tables(standard, &cohort.summary, &GROUPINGS, "By"));
    let small = withheld(cohort);
    for grouping in GROUPINGS {
        let mut table = means_by_preferred_role_focus(cohort, grouping);
        for row in &mut table.rows {
            for index in &small {
                // The first two columns are the group and the whole cohort.
                if let Some(cell) = row.get_mut(index + 2) {
                    *cell = Cell::text_of("–");
                }
            }
        }
        report.push(Block::Table(table));
    }
    if !small.is_empty() {
        report.push(Block::Line(format!(
            "A role focus preferred by fewer than {SMALLEST_GROUP} participants shows no means of \
             its own (–), nor, when that would give them away, the next smallest: nobody's \
             scores can be read off this page."
        )));
    }
    report
}

/// The role focuses (by index) whose means the page withholds: those fewer than
/// [`SMALLEST_GROUP`] participants prefer, and, while the people withheld are fewer than that
/// (so the whole cohort's means less the groups shown would give theirs), the next smallest
/// groups with them.
fn withheld(cohort: &Cohort) -> Vec<usize> {
    let focuses = &cohort.by_preferred_role_focus;
    let mut by_size: Vec<usize> = (0..focuses.len())
        .filter(|&index| focuses[index].participants > 0)
        .collect();
    by_size.sort_by_key(|&index| focuses[index].participants);
    let mut withheld = Vec::new();
    let mut people = 0;
    for index in by_size {
        let participants = focuses[index].participants;
        if participants >= SMALLEST_GROUP && (people == 0 || people >= SMALLEST_GROUP) {
            break;
        }
        withheld.push(index);
        people += participants;
    }
    withheld.sort_unstable();
    withheld
}

/// What the heatmap draws, as a table: a row per participant (their row's label and preferred
/// role focus), a column per KSB holding the score.
pub fn heatmap_figures(standard: &Standard, groups: &[HeatGroup]) -> Report {
    let mut columns = Column::all(["Participant", "Preferred role focus"]);
    columns.extend(standard.ksbs.iter().map(|ksb| Column::new(ksb.id.as_str())));
    let rows = groups
        .iter()
        .flat_map(|group| {
            group.rows.iter().map(move |row| {
                let mut cells = vec![Cell::text_of(&row.label), Cell::text_of(&group.name)];
                cells.extend(row.scores.iter().map(|score| Cell::Score(*score)));
                cells
            })
        })
        .collect();
    let mut report = Report::default();
    report.push(Block::Table(Table {
        heading: "Heatmap figures: each participant's score per KSB".to_string(),
        columns,
        rows,
        when_empty: Some("No sheets to draw."),
    }));
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::cohort::CohortSheets;
    use crate::figures::selection::{key_of, Gather, People, Placed, Recency, Selection};
    use crate::model::score::Score;
    use crate::test_support;

    /// The cohort of one sheet each of `cohort`'s participants (username, role focus, K1's
    /// score), counted by `selection`.
    fn counted(
        standard: &Standard,
        selection: Selection,
        cohort: &[(&str, &str, Score)],
    ) -> Counted {
        let mut sheets = CohortSheets::new(standard, selection);
        let mut people = People::default();
        for (i, (name, focus, score)) in cohort.iter().enumerate() {
            let mut sheet = test_support::sheet(standard, focus, &[("K1", *score)]);
            sheet.participant.username = name.to_string();
            let key = key_of(&sheet.participant);
            let placed = Placed {
                key: &key,
                recency: Recency::of(standard, &sheet.participant, i),
            };
            people.add(standard, placed, &sheet);
            sheets.add(standard, placed, &sheet);
        }
        sheets.finish(standard, &people, cohort.len())
    }

    #[test]
    fn the_cohort_figures_name_nobody() {
        let standard = Standard::builtin();
        // Only final checks count: both participants are left out, and the page says how many.
        let selection = Selection {
            assessment_type: Some("Final check".to_string()),
            ..Selection::default()
        };
        let cohort = [
            ("Zebedee", "Generalist", Score::Two),
            ("Quentin", "Generalist", Score::Two),
        ];
        let counted = counted(&standard, selection, &cohort);
        let report = cohort_figures(&standard, &counted);
        let text = format!("{report:?}");
        assert!(
            !text.contains("Zebedee") && !text.contains("Quentin"),
            "{text}"
        );
        assert_eq!(counted.missing.len(), 2);
        assert!(
            text.contains("2 participants left out, without a Final check"),
            "{text}"
        );
    }

    #[test]
    fn a_role_focus_of_fewer_than_three_shows_no_means_and_neither_does_the_group_that_would_give_them_away(
    ) {
        let standard = Standard::builtin();
        // Di alone prefers MediaWiki: her means are withheld, and with them the Generalists'
        // (the next smallest group), or the whole cohort's means less the rest would give hers.
        let cohort = [
            ("Ann", "Generalist", Score::Three),
            ("Bob", "Generalist", Score::Two),
            ("Cy", "Generalist", Score::One),
            ("Di", "MediaWiki Specialist", Score::Zero),
            ("Ed", "Infrastructure Specialist", Score::Three),
            ("Flo", "Infrastructure Specialist", Score::Three),
            ("Gus", "Infrastructure Specialist", Score::Two),
            ("Hal", "Infrastructure Specialist", Score::Two),
        ];
        let counted = counted(&standard, Selection::default(), &cohort);
        let report = cohort_figures(&standard, &counted);
        let means: Vec<&Table> = report
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) if table.heading.starts_with("Means by") => Some(table),
                _ => None,
            })
            .collect();
        assert_eq!(means.len(), 2);
        for table in means {
            let heading = |i: usize| table.columns[i].name.as_str();
            assert_eq!(heading(2), "Generalist (3)");
            assert_eq!(heading(3), "MediaWiki Specialist (1)");
            assert_eq!(heading(4), "Infrastructure Specialist (4)");
            for row in &table.rows {
                assert_eq!(row[2].text(), "–", "{row:?}");
                assert_eq!(row[3].text(), "–", "{row:?}");
            }
            assert!(
                table.rows.iter().any(|row| row[4].text() == "2.50"),
                "{table:?}"
            );
        }
        assert!(format!("{report:?}").contains("fewer than 3 participants"));
    }
}
