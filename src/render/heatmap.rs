//! A cohort heatmap as a standalone SVG, written by hand: a row per participant, a column per
//! KSB, each cell coloured by its score. Rows are grouped by preferred role focus and columns by
//! Knowledge, Skills and Behaviours, each group under its heading; N/A and unscored cells are
//! told apart from every score, and each cell also carries its score as text, so the picture
//! reads without colour too (and on the wiki, where MediaWiki shows an SVG as a PNG).
//!
//! The SVG is built in a `String`, which `write!` cannot fail on, so its `fmt::Result`s are
//! dropped with `let _`.

use std::fmt::Write;

use super::xml::escape;
use crate::figures::heatmap::HeatGroup;
use crate::model::score::Score;
use crate::model::standard::{Category, Standard};

/// Width of the label column on the left, in pixels.
pub const LABEL_WIDTH: f64 = 230.0;
/// Width of a KSB column.
pub const CELL_WIDTH: f64 = 28.0;
/// Height of a participant row.
pub const CELL_HEIGHT: f64 = 20.0;
/// The gap between two categories' columns.
pub const CATEGORY_GAP: f64 = 10.0;
/// Height of a role focus heading above its rows.
pub const GROUP_HEADING: f64 = 26.0;
/// Where the first role focus heading starts: below the title and the column headings.
pub const TOP: f64 = 118.0;
/// Room on the right and below the legend.
const MARGIN: f64 = 24.0;
/// Height of the legend under the rows.
const LEGEND: f64 = 70.0;
/// Labels longer than this many characters are cut, with an ellipsis.
const LABEL_CHARS: usize = 30;
const FONT: &str = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

/// The fill of a cell: red through blue for 0–3 (ColorBrewer's RdYlBu, distinct for the common
/// colour-vision deficiencies), mid grey for N/A, white for unscored.
pub fn fill(score: Option<Score>) -> &'static str {
    match score {
        Some(Score::Zero) => "#d7191c",
        Some(Score::One) => "#fdae61",
        Some(Score::Two) => "#abd9e9",
        Some(Score::Three) => "#2c7bb6",
        Some(Score::NotApplicable) => "#969696",
        None => "#ffffff",
    }
}

/// The class of a cell: `s0`–`s3`, `na` or `unscored`.
pub fn class(score: Option<Score>) -> &'static str {
    match score {
        Some(Score::Zero) => "s0",
        Some(Score::One) => "s1",
        Some(Score::Two) => "s2",
        Some(Score::Three) => "s3",
        Some(Score::NotApplicable) => "na",
        None => "unscored",
    }
}

/// The x of each KSB column of the standard, in its order: categories side by side, a gap
/// between them.
pub fn column_x(standard: &Standard) -> Vec<f64> {
    let mut xs = Vec::with_capacity(standard.ksbs.len());
    let mut x = LABEL_WIDTH;
    let mut previous: Option<Category> = None;
    for ksb in &standard.ksbs {
        if previous.is_some_and(|category| category != ksb.category) {
            x += CATEGORY_GAP;
        }
        xs.push(x);
        x += CELL_WIDTH;
        previous = Some(ksb.category);
    }
    xs
}

/// The whole heatmap: `title`, a line saying what was counted, the column headings, a block
/// of rows per role focus group, and the legend.
pub fn heatmap(standard: &Standard, title: &str, subtitle: &str, groups: &[HeatGroup]) -> String {
    let xs = column_x(standard);
    let right = xs.last().map_or(LABEL_WIDTH, |x| x + CELL_WIDTH);
    let width = right + MARGIN;
    let rows: usize = groups.iter().map(|group| group.rows.len()).sum();
    let body = GROUP_HEADING * groups.len() as f64 + CELL_HEIGHT * rows as f64;
    let height = TOP + body + LEGEND + MARGIN;
    let mut svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" {FONT}>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"16\" y=\"32\" font-size=\"20\" font-weight=\"bold\">{}</text>\n\
         <text x=\"16\" y=\"54\" font-size=\"13\" fill=\"#404040\">{}</text>\n",
        escape(title),
        escape(subtitle)
    );
    column_headings(&mut svg, standard, &xs);
    let mut y = TOP;
    for group in groups {
        let _ = writeln!(
            svg,
            "<g class=\"group\">\n<text class=\"group-heading\" x=\"16\" y=\"{:.1}\" font-size=\"14\" \
             font-weight=\"bold\">{} ({})</text>",
            y + GROUP_HEADING - 8.0,
            escape(&group.name),
            group.rows.len()
        );
        y += GROUP_HEADING;
        for row in &group.rows {
            let _ = writeln!(
                svg,
                "<g class=\"row\">\n<text class=\"row-label\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" \
                 text-anchor=\"end\">{}</text>",
                LABEL_WIDTH - 8.0,
                y + CELL_HEIGHT - 6.0,
                escape(&cut(&row.label))
            );
            for (x, score) in xs.iter().zip(row.scores.iter()) {
                cell(&mut svg, *x, y, *score);
            }
            svg.push_str("</g>\n");
            y += CELL_HEIGHT;
        }
        svg.push_str("</g>\n");
    }
    legend(&mut svg, y + 24.0);
    svg.push_str("</svg>\n");
    svg
}

/// The category bands and the KSB ids above the columns.
fn column_headings(svg: &mut String, standard: &Standard, xs: &[f64]) {
    svg.push_str("<g class=\"columns\">\n");
    for category in Category::ALL {
        let columns: Vec<f64> = standard
            .ksbs
            .iter()
            .zip(xs)
            .filter(|(ksb, _)| ksb.category == category)
            .map(|(_, x)| *x)
            .collect();
        let (Some(first), Some(last)) = (columns.first(), columns.last()) else {
            continue;
        };
        let span = last + CELL_WIDTH - first;
        let _ = writeln!(
            svg,
            "<rect x=\"{first:.1}\" y=\"70\" width=\"{span:.1}\" height=\"20\" fill=\"#e8e8e8\"/>\n\
             <text class=\"category\" x=\"{:.1}\" y=\"85\" font-size=\"13\" font-weight=\"bold\" \
             text-anchor=\"middle\">{}</text>",
            first + span / 2.0,
            escape(category.heading())
        );
    }
    for (ksb, x) in standard.ksbs.iter().zip(xs) {
        let _ = writeln!(
            svg,
            "<text class=\"ksb\" x=\"{:.1}\" y=\"108\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x + CELL_WIDTH / 2.0,
            escape(ksb.id.as_str())
        );
    }
    svg.push_str("</g>\n");
}

/// One cell: its fill, a thin border, and its score as text.
fn cell(svg: &mut String, x: f64, y: f64, score: Option<Score>) {
    let _ = write!(
        svg,
        "<rect class=\"cell {}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL_WIDTH:.1}\" \
         height=\"{CELL_HEIGHT:.1}\" fill=\"{}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>",
        class(score),
        fill(score)
    );
    let (text, colour) = match score {
        Some(Score::Zero | Score::Three) => (score_text(score), "#ffffff"),
        Some(Score::NotApplicable) => ("n/a".to_string(), "#ffffff"),
        Some(_) => (score_text(score), "#000000"),
        None => (String::new(), "#000000"),
    };
    if !text.is_empty() {
        let size = if text.len() > 1 { 9 } else { 11 };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\" text-anchor=\"middle\" fill=\"{colour}\">{text}</text>",
            x + CELL_WIDTH / 2.0,
            y + CELL_HEIGHT - 6.0
        );
    }
    svg.push('\n');
}

fn score_text(score: Option<Score>) -> String {
    score.map(|s| s.to_string()).unwrap_or_default()
}

/// A swatch and a word for each kind of cell.
fn legend(svg: &mut String, top: f64) {
    svg.push_str("<g class=\"legend\">\n");
    let entries = [
        (Some(Score::Zero), "0"),
        (Some(Score::One), "1"),
        (Some(Score::Two), "2"),
        (Some(Score::Three), "3"),
        (Some(Score::NotApplicable), "N/A"),
        (None, "unscored"),
    ];
    let _ = writeln!(
        svg,
        "<text x=\"16\" y=\"{:.1}\" font-size=\"13\">Score:</text>",
        top + 14.0
    );
    let mut x = 70.0;
    for (score, word) in entries {
        let _ = writeln!(
            svg,
            "<rect class=\"swatch {}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{CELL_WIDTH:.1}\" \
             height=\"{CELL_HEIGHT:.1}\" fill=\"{}\" stroke=\"#909090\" stroke-width=\"1\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\">{word}</text>",
            class(score),
            fill(score),
            x + CELL_WIDTH + 6.0,
            top + 14.0
        );
        x += CELL_WIDTH + 16.0 + 9.0 * word.len() as f64;
    }
    let _ = writeln!(
        svg,
        "<text x=\"16\" y=\"{:.1}\" font-size=\"12\" fill=\"#606060\">N/A: not relevant to the \
         participant's role; unscored: not answered yet. Rows grouped by preferred role focus, \
         columns by category.</text>",
        top + 44.0
    );
    svg.push_str("</g>\n");
}

/// A label cut to [`LABEL_CHARS`] characters, with an ellipsis when it was longer.
fn cut(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut short: String = label.chars().take(LABEL_CHARS - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::heatmap::HeatRow;

    #[test]
    fn columns_leave_a_gap_between_categories() {
        let standard = Standard::builtin();
        let xs = column_x(&standard);
        assert_eq!(xs.len(), 28);
        assert_eq!(xs[0], LABEL_WIDTH);
        assert_eq!(xs[11] - xs[10], CELL_WIDTH + CATEGORY_GAP, "K11 to S1");
        assert_eq!(xs[12] - xs[11], CELL_WIDTH);
    }

    #[test]
    fn every_cell_has_its_class_and_labels_are_escaped_and_cut() {
        let standard = Standard::builtin();
        let mut scores = vec![None; 28];
        scores[0] = Some(Score::Three);
        scores[1] = Some(Score::NotApplicable);
        let groups = [HeatGroup {
            name: "Generalist".into(),
            rows: vec![HeatRow {
                label: "<A & B> with a name far too long to fit".into(),
                role_focus: 0,
                scores: scores.into_boxed_slice(),
            }],
        }];
        let svg = heatmap(&standard, "Title", "1 participant", &groups);
        assert_eq!(svg.matches("class=\"cell ").count(), 28);
        assert_eq!(svg.matches("class=\"cell unscored\"").count(), 26);
        assert!(svg.contains("class=\"cell s3\""));
        assert!(
            svg.contains("&lt;A &amp; B&gt; with a name far too l…"),
            "{svg}"
        );
        assert!(svg.contains("Generalist (1)"));
    }
}
