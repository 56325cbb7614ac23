//! What the cohort's page shows (`ksb wiki report`): the cohort's figures, which name nobody,
//! then only the sections asked for that name people (the roster, the heatmap, calibration by
//! reviewer), the heatmap as a picture with its caption, alt text and figures as a table.

use crate::figures::calibration::Calibration;
use crate::figures::cohort::Counted;
use crate::figures::heatmap::HeatGroup;
use crate::figures::roster::Roster;
use crate::model::standard::Standard;
use crate::render::heatmap;
use crate::render::markup;
use crate::render::wikitext::{picture, Wikitext};
use crate::report::{self, Block, Report};

use super::chart::Picture;
use super::picture::{file_title, BadFileName};

/// A section of the cohort's page that names people, shown only when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Each participant's assessments and what they need next.
    Roster,
    /// Each participant's score per KSB, as a picture and a table.
    Heatmap,
    /// How far mentor reviews are from self-assessments, by reviewer.
    Calibration,
}

/// What the page is made from: the cohort's figures, and the figures of each section asked for.
#[derive(Debug, Clone, Copy)]
pub struct CohortPage<'a> {
    /// The page's title, which the heatmap's file is named after.
    pub page: &'a str,
    /// The cohort's figures.
    pub counted: &'a Counted,
    /// The roster and how many sheets were read, when asked for.
    pub roster: Option<(&'a Roster, usize)>,
    /// The heatmap's rows, when asked for.
    pub heatmap: Option<&'a [HeatGroup]>,
    /// The calibration, when asked for.
    pub calibration: Option<&'a Calibration>,
}

/// The page's part and the pictures it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The wikitext of `ksb`'s part of the page.
    pub content: String,
    /// The pictures to upload before the page is saved.
    pub pictures: Vec<Picture>,
}

/// The cohort's page.
pub fn build(standard: &Standard, page: CohortPage<'_>) -> Result<Built, BadFileName> {
    let titled = |title: &str| {
        let mut report = Report::default();
        report.push(Block::Title(title.to_string()));
        markup::report(&Wikitext, &report)
    };
    let mut content = titled("Cohort figures");
    content.push_str(&markup::report(
        &Wikitext,
        &report::programme::cohort_figures(standard, page.counted),
    ));
    let mut pictures = Vec::new();
    if let Some(groups) = page.heatmap {
        let file = file_title("heatmap", page.page)?;
        let rows: usize = groups.iter().map(|group| group.rows.len()).sum();
        let subtitle = format!(
            "{} by preferred role focus ({})",
            report::cohort::plural(rows, "row"),
            page.counted.selection.describe()
        );
        let svg = heatmap::heatmap(
            standard,
            &format!("KSB heatmap: {}", standard.title),
            &subtitle,
            groups,
        );
        let description = picture::description(&[
            format!(
                "The KSB heatmap of the cohort on page '{}', against {}, drawn by ksb: {subtitle}.",
                page.page, standard.title
            ),
            "A row per participant, grouped by preferred role focus; a column per KSB; each cell holds the score, coloured from red (0) to blue (3), grey for N/A and white when unscored.".to_string(),
        ]);
        let shown = picture::embed(
            &file,
            &format!(
                "A heatmap of {}: each participant's score per KSB; the same figures are in the table below.",
                report::cohort::plural(rows, "row")
            ),
            "KSB heatmap of the cohort: a row per participant, a column per KSB, each cell's score coloured from red (0) to blue (3)",
        );
        content.push_str(&titled("Heatmap"));
        content.push_str(&shown);
        content.push('\n');
        content.push_str(&markup::report(
            &Wikitext,
            &report::programme::heatmap_figures(standard, groups),
        ));
        pictures.push(Picture {
            file,
            svg,
            description,
            wikitext: shown,
        });
    }
    if let Some((roster, read)) = page.roster {
        content.push_str(&titled("Roster"));
        content.push_str(&markup::report(
            &Wikitext,
            &report::roster::report(roster, read),
        ));
    }
    if let Some(calibration) = page.calibration {
        content.push_str(&titled("Calibration"));
        content.push_str(&markup::report(
            &Wikitext,
            &report::calibration::report(standard, calibration),
        ));
    }
    Ok(Built { content, pictures })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::cohort::CohortSheets;
    use crate::figures::heatmap::HeatmapSheets;
    use crate::figures::selection::{key_of, Gather, People, Placed, Recency, Selection};
    use crate::model::score::Score;
    use crate::test_support;

    #[test]
    fn the_page_names_nobody_unless_the_heatmap_is_asked_for_and_then_shows_it_with_its_figures() {
        let standard = Standard::builtin();
        let mut cohort = CohortSheets::new(&standard, Selection::default());
        let mut heat = HeatmapSheets::new(Selection::default());
        let mut people = People::default();
        for (i, name) in ["Zebedee", "Quentin"].iter().enumerate() {
            let mut sheet = test_support::sheet(&standard, "Generalist", &[("K1", Score::Two)]);
            sheet.participant.username = name.to_string();
            let key = key_of(&sheet.participant);
            let placed = Placed {
                key: &key,
                recency: Recency::of(&standard, &sheet.participant, i),
            };
            people.add(&standard, placed, &sheet);
            cohort.add(&standard, placed, &sheet);
            heat.add(&standard, placed, &sheet);
        }
        let counted = cohort.finish(&standard, &people, 2);
        let groups = heat.finish(&standard);
        let page = CohortPage {
            page: "Tech Mentoring/Cohort",
            counted: &counted,
            roster: None,
            heatmap: None,
            calibration: None,
        };
        let plain = build(&standard, page).unwrap();
        assert!(plain.pictures.is_empty());
        assert!(plain.content.starts_with("== Cohort figures ==\n"));
        assert!(!plain.content.contains("Zebedee") && !plain.content.contains("Quentin"));

        let named = build(
            &standard,
            CohortPage {
                heatmap: Some(&groups),
                ..page
            },
        )
        .unwrap();
        let file = "File:KSB heatmap – Tech Mentoring – Cohort.svg";
        assert_eq!(named.pictures.len(), 1);
        assert_eq!(named.pictures[0].file, file);
        assert!(named.pictures[0].svg.contains("Zebedee"));
        assert!(named.content.contains(&format!(
            "[[{file}|thumb|none|upright=2|alt=A heatmap of 2 rows"
        )));
        assert!(named
            .content
            .contains("=== Heatmap figures: each participant"));
        assert!(named.content.contains("| Zebedee\n"));
    }
}
