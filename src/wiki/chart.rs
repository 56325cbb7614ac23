//! A sheet's chart on its page: the radar of the sheet as an SVG file named after the page,
//! its description page, and what the sheet's part of the page shows of it (the picture with
//! its caption and alt text, and the figures it draws as tables).

use crate::figures::summary::Summary;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;
use crate::render::markup;
use crate::render::svg::{self, Series};
use crate::render::wikitext::{picture, Wikitext};

use super::page;
use super::picture::{file_title, BadFileName};

/// A picture to upload and show on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The file, `File:` included.
    pub file: String,
    /// The SVG.
    pub svg: String,
    /// The description page of the file when it is new.
    pub description: String,
    /// What the page shows: the picture, its caption and alt text, and its figures.
    pub wikitext: String,
}

/// The radar of `sheet`, published to the page `page`.
pub fn sheet_chart(standard: &Standard, sheet: &Sheet, page: &str) -> Result<Picture, BadFileName> {
    let file = file_title("radar", page)?;
    let summary = Summary::of_sheet(standard, sheet);
    let p = &sheet.participant;
    let svg = svg::radar_chart(
        &format!("KSB profile: {}", standard.title),
        &[Series {
            participant: p,
            summary: &summary,
        }],
    );
    let date = p.date.format("%Y-%m-%d");
    let label = format!("{} {date}", p.assessment_type);
    let axes = "Each spoke of the left radar is a stack area, of the right one a role focus; the distance from the centre is the mean score (0 at the centre, 3 at the outer ring) of the KSBs in that group, KSBs scored N/A or not scored left out.";
    let description = picture::description(&[
        format!(
            "The KSB radar of {}'s {} of {date}, against {}, drawn by ksb from the sheet on page '{page}'.",
            p.username, p.assessment_type, standard.title
        ),
        axes.to_string(),
    ]);
    let alt = format!(
        "Two radar charts of {}'s {label}: the mean score from 0 to 3 by stack area and by role focus; the same figures are in the tables below.",
        p.username
    );
    let caption = format!(
        "KSB radar of {}'s {label}: the mean score (0 to 3) of each stack area and role focus",
        p.username
    );
    let mut wikitext = picture::embed(&file, &alt, &caption);
    wikitext.push('\n');
    wikitext.push_str(&markup::report(
        &Wikitext,
        &crate::report::radar::figures(&[(label, &summary)]),
    ));
    Ok(Picture {
        file,
        svg,
        description,
        wikitext: page::picture_part(&wikitext),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::score::Score;
    use crate::test_support;

    #[test]
    fn the_chart_is_named_after_the_page_and_shown_with_its_figures_inside_ksbs_part() {
        let standard = Standard::builtin();
        let sheet = test_support::sheet(&standard, "Generalist", &[("K1", Score::Two)]);
        let page_title = "User:Tester/Tech Mentoring/Self-assessment 2026-12-06";
        let chart = sheet_chart(&standard, &sheet, page_title).unwrap();
        assert!(chart.file.starts_with("File:KSB radar – Tester – "));
        assert!(chart.svg.starts_with("<?xml"));
        assert!(chart.wikitext.starts_with(page::PICTURE_BEGIN));
        assert!(chart.wikitext.contains(&format!("[[{}|thumb|", chart.file)));
        assert!(chart.wikitext.contains("|alt=Two radar charts"));
        assert!(chart.wikitext.contains("{| class=\"wikitable\""));
        assert!(chart.description.contains("mean score"));
        insta::assert_snapshot!("sheet_chart_on_the_page", chart.wikitext);
        insta::assert_snapshot!("sheet_chart_description", chart.description);

        let text = page::part_with_picture(&standard, &sheet, Some(&chart.wikitext));
        let found = page::read(&format!("Intro\n\n{text}\nAfter\n"), &standard).unwrap();
        assert_eq!(found.sheet, sheet);
        assert_eq!(found.picture.as_deref(), Some(chart.wikitext.as_str()));
        // `ksb import` of the whole page still finds the one sheet.
        let imported = crate::import::sheet::read(&text, &standard).unwrap();
        assert!(imported.problems.is_empty());
        assert_eq!(imported.to_sheet(&standard).unwrap(), sheet);
    }
}
