//! A radar (spider) chart of summary means as a standalone SVG, written by hand: one radar by
//! stack area and one by role focus, side by side, each sheet a coloured polygon over 0–3 rings
//! (any number of sheets: the canvas grows a legend line for each, and widens to hold every
//! label and value).
//!
//! The SVG is built in a `String`, which `write!` cannot fail on, so its `fmt::Result`s are
//! dropped with `let _`.

use std::f64::consts::PI;
use std::fmt::Write;

use super::xml::escape;
use crate::figures::grouping::Grouping;
use crate::figures::summary::Summary;
use crate::model::score::MAX_POINTS;
use crate::model::sheet::Participant;
use crate::report::format_mean;

/// Width of the SVG canvas, in pixels.
pub const WIDTH: u32 = 1000;
/// Height of the SVG canvas with up to two sheets; each further sheet adds a legend line.
pub const HEIGHT: u32 = 640;
/// Height of one legend line.
const LEGEND_LINE: f64 = 28.0;
/// Left edge of the legend's colour swatches.
const LEGEND_X: f64 = 330.0;
/// Width of a legend swatch and the gap after it.
const SWATCH: f64 = 28.0;
/// Radius of the outer (score 3) ring of each radar.
pub const RADIUS: f64 = 150.0;
/// Vertical centre of both radars.
const CENTRE_Y: f64 = 330.0;
/// The groupings drawn, left to right.
pub const PANELS: [Grouping; 2] = [Grouping::Area, Grouping::RoleFocus];
/// One colour per sheet, in order: blue and orange first, distinct for most colour vision
/// (then the rest of ColorBrewer's Dark2). More sheets than colours go round again, dashed,
/// then dotted (see `line_style`).
pub const PALETTE: [&str; 8] = [
    "#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
];
/// How many sheets' means an axis label lists on one line.
const MEANS_PER_LINE: usize = 4;
/// Axis labels longer than this are wrapped at a space.
const LABEL_WRAP: usize = 14;
const FONT: &str = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

/// One sheet to draw: who was assessed, how and when, and the sheet's summary figures.
pub struct Series<'a> {
    /// The legend names the participant, the assessment type and the date.
    pub participant: &'a Participant,
    /// The means plotted.
    pub summary: &'a Summary,
}

/// The whole chart: a title, one radar per grouping of [`PANELS`] with every series drawn over
/// the previous ones, and a legend.
pub fn radar_chart(title: &str, series: &[Series]) -> String {
    let height = canvas_height(series.len());
    let mut body = String::new();
    let mut bounds = Bounds {
        left: f64::INFINITY,
        right: f64::NEG_INFINITY,
        top: f64::INFINITY,
        bottom: f64::NEG_INFINITY,
    };
    bounds.text(f64::from(WIDTH) / 2.0, 40.0, 22.0, "middle", title);
    let panel_width = f64::from(WIDTH) / PANELS.len() as f64;
    for (i, grouping) in PANELS.into_iter().enumerate() {
        let cx = panel_width * (i as f64 + 0.5);
        radar(&mut body, &mut bounds, grouping, cx, series);
    }
    legend(&mut body, &mut bounds, series, height);
    // The canvas grows to hold every label: long names and many sheets' means go past the
    // 1000 × 640 picture, which is then widened (or heightened) to fit them, margin included.
    let left = (bounds.left - MARGIN).min(0.0).floor();
    let top = (bounds.top - MARGIN).min(0.0).floor();
    let width = (bounds.right + MARGIN).max(f64::from(WIDTH)).ceil() - left;
    let full_height = (bounds.bottom + MARGIN).max(height).ceil() - top;
    let mut svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{full_height:.0}\" \
         viewBox=\"{left:.0} {top:.0} {width:.0} {full_height:.0}\" {FONT}>\n\
         <rect x=\"{left:.0}\" y=\"{top:.0}\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"{:.1}\" y=\"40\" font-size=\"22\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>\n",
        left + width / 2.0,
        escape(title)
    );
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

/// Room left between the outermost text and the edge of the canvas.
const MARGIN: f64 = 12.0;
/// A character's width as a share of the font size: generous for DejaVu Sans, so that the
/// estimate errs on the wide side.
const CHAR_WIDTH: f64 = 0.62;

/// How far the text drawn so far reaches.
struct Bounds {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Bounds {
    /// Takes in one line of `text` at `(x, y)` (the baseline) in `size` pixels, anchored as
    /// `anchor` says.
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: &str, text: &str) {
        let width = text.chars().count() as f64 * size * CHAR_WIDTH;
        let (from, to) = match anchor {
            "end" => (x - width, x),
            "middle" => (x - width / 2.0, x + width / 2.0),
            _ => (x, x + width),
        };
        self.left = self.left.min(from);
        self.right = self.right.max(to);
        self.top = self.top.min(y - size);
        self.bottom = self.bottom.max(y + size * 0.3);
    }
}

/// The canvas height for `sheets` legend lines.
fn canvas_height(sheets: usize) -> f64 {
    f64::from(HEIGHT) + LEGEND_LINE * sheets.saturating_sub(2) as f64
}

/// The point `value` (0–3) along the axis at `angle`.
fn point(cx: f64, angle: f64, value: f64) -> (f64, f64) {
    let r = RADIUS * value / f64::from(MAX_POINTS);
    (cx + r * angle.cos(), CENTRE_Y + r * angle.sin())
}

/// The angle of axis `i` of `n`, clockwise from the top.
fn angle(i: usize, n: usize) -> f64 {
    -PI / 2.0 + 2.0 * PI * i as f64 / n as f64
}

fn radar(svg: &mut String, bounds: &mut Bounds, grouping: Grouping, cx: f64, series: &[Series]) {
    let Some(first) = series.first() else {
        return;
    };
    let names: Vec<&str> = first
        .summary
        .groups(grouping)
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    let n = names.len();
    let _ = writeln!(
        svg,
        "<g class=\"radar\" id=\"radar-{}\">\n<text x=\"{cx:.1}\" y=\"100\" font-size=\"17\" \
         font-weight=\"bold\" text-anchor=\"middle\">By {}</text>",
        grouping.key(),
        escape(&grouping.heading().to_lowercase())
    );
    for ring in 1..=MAX_POINTS {
        let _ = writeln!(
            svg,
            "<circle class=\"ring\" cx=\"{cx:.1}\" cy=\"{CENTRE_Y:.1}\" r=\"{:.1}\" fill=\"none\" \
             stroke=\"#c8c8c8\" stroke-width=\"1\"/>",
            ring_radius(ring)
        );
    }
    for (i, name) in names.iter().enumerate() {
        let a = angle(i, n);
        let (x, y) = point(cx, a, f64::from(MAX_POINTS));
        let _ = writeln!(
            svg,
            "<line class=\"axis\" x1=\"{cx:.1}\" y1=\"{CENTRE_Y:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" \
             stroke=\"#a0a0a0\" stroke-width=\"1\"/>"
        );
        axis_label(svg, bounds, cx, a, name, grouping, series);
    }
    for (s, sheet) in series.iter().enumerate() {
        let (colour, dash) = line_style(s);
        let points: Vec<String> = sheet
            .summary
            .groups(grouping)
            .iter()
            .enumerate()
            .map(|(i, group)| {
                let (x, y) = point(cx, angle(i, n), group.tally.mean().unwrap_or(0.0));
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = writeln!(
            svg,
            "<polygon class=\"series series-{}\" points=\"{}\" fill=\"{colour}\" \
             fill-opacity=\"0.25\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"{dash}/>",
            s + 1,
            points.join(" ")
        );
    }
    // The ring numbers go on top, so that no polygon hides them.
    for ring in 1..=MAX_POINTS {
        let _ = writeln!(
            svg,
            "<text class=\"ring-label\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#606060\" \
             stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{ring}</text>",
            cx + 4.0,
            CENTRE_Y - ring_radius(ring) + 13.0
        );
    }
    svg.push_str("</g>\n");
}

/// The colour and the outline of sheet `s` (0 first): each colour of [`PALETTE`] solid, then
/// each dashed, then each dotted, and round again.
fn line_style(s: usize) -> (&'static str, &'static str) {
    let dash = match (s / PALETTE.len()) % 3 {
        0 => "",
        1 => " stroke-dasharray=\"8 4\"",
        _ => " stroke-dasharray=\"2 3\"",
    };
    (PALETTE[s % PALETTE.len()], dash)
}

/// The radius of the ring of score `ring`.
fn ring_radius(ring: u8) -> f64 {
    RADIUS * f64::from(ring) / f64::from(MAX_POINTS)
}

/// The axis name (wrapped) and each sheet's mean on it, in the sheet's colour, placed outside
/// the outer ring and anchored away from the radar.
fn axis_label(
    svg: &mut String,
    bounds: &mut Bounds,
    cx: f64,
    angle: f64,
    name: &str,
    grouping: Grouping,
    series: &[Series],
) {
    let (x, y) = point(cx, angle, f64::from(MAX_POINTS));
    let (cos, sin) = (angle.cos(), angle.sin());
    let anchor = if cos > 0.3 {
        "start"
    } else if cos < -0.3 {
        "end"
    } else {
        "middle"
    };
    let lines = wrap(name);
    let line_height = 15.0;
    let mean_lines = series.len().div_ceil(MEANS_PER_LINE).max(1);
    let count = (lines.len() + mean_lines) as f64;
    let x = x + 10.0 * cos;
    let top = if sin < -0.3 {
        y - 10.0 - (count - 1.0) * line_height
    } else if sin > 0.3 {
        y + 20.0
    } else {
        y - (count - 1.0) * line_height / 2.0 + 4.0
    };
    let _ = write!(
        svg,
        "<text class=\"label\" x=\"{x:.1}\" y=\"{top:.1}\" font-size=\"13\" text-anchor=\"{anchor}\">"
    );
    let means: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(s, sheet)| {
            let mean = sheet
                .summary
                .groups(grouping)
                .iter()
                .find(|g| g.name == name)
                .and_then(|g| g.tally.mean());
            let separator = if s % MEANS_PER_LINE == 0 { "" } else { " · " };
            format!(
                "{separator}{}",
                mean.map_or_else(|| "–".to_string(), |m| format_mean(Some(m)))
            )
        })
        .collect();
    let mut baseline = top;
    for line in &lines {
        bounds.text(x, baseline, 13.0, anchor, line);
        baseline += line_height;
    }
    for chunk in means.chunks(MEANS_PER_LINE) {
        bounds.text(x, baseline, 12.0, anchor, &chunk.concat());
        baseline += line_height;
    }
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { line_height };
        let _ = write!(
            svg,
            "<tspan x=\"{x:.1}\" dy=\"{dy}\">{}</tspan>",
            escape(line)
        );
    }
    for (s, text) in means.iter().enumerate() {
        if s % MEANS_PER_LINE == 0 {
            if s > 0 {
                svg.push_str("</tspan>");
            }
            let _ = write!(
                svg,
                "<tspan x=\"{x:.1}\" dy=\"{line_height}\" font-size=\"12\">"
            );
        }
        let (separator, value) = match text.strip_prefix(" · ") {
            Some(value) => (" · ", value),
            None => ("", text.as_str()),
        };
        let _ = write!(
            svg,
            "{separator}<tspan fill=\"{}\" font-weight=\"bold\">{value}</tspan>",
            line_style(s).0
        );
    }
    if !series.is_empty() {
        svg.push_str("</tspan>");
    }
    svg.push_str("</text>\n");
}

/// Splits a long axis name at spaces into lines of about [`LABEL_WRAP`] characters.
fn wrap(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in name.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LABEL_WRAP => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// "5/28 scored": how many KSBs the sheet answers (0–3 or N/A) of all it has, so that a
/// polygon of few scores is not read as a whole profile.
fn scored(summary: &Summary) -> String {
    let overall = &summary.overall;
    format!("{}/{} scored", overall.scored + overall.na, overall.ksbs)
}

/// A swatch and "participant — assessment type — date — n/N scored" per sheet, and a note on reading it.
fn legend(svg: &mut String, bounds: &mut Bounds, series: &[Series], height: f64) {
    let top = CENTRE_Y + RADIUS + 85.0;
    svg.push_str("<g class=\"legend\">\n");
    for (s, sheet) in series.iter().enumerate() {
        let y = top + LEGEND_LINE * s as f64;
        let (colour, dash) = line_style(s);
        let p = sheet.participant;
        let text = format!(
            "{} — {} — {} — {}",
            p.username,
            p.assessment_type,
            p.date_dmy(),
            scored(sheet.summary)
        );
        bounds.text(LEGEND_X + SWATCH * 1.5, y, 14.0, "start", &text);
        let _ = writeln!(
            svg,
            "<rect x=\"{LEGEND_X:.1}\" y=\"{:.1}\" width=\"{SWATCH}\" height=\"14\" \
             fill=\"{colour}\" fill-opacity=\"0.25\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>\n\
             <text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"14\">{}</text>",
            y - 12.0,
            LEGEND_X + SWATCH * 1.5,
            escape(&text),
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#606060\" text-anchor=\"middle\">\
         Rings: mean score 0–{MAX_POINTS}, N/A left out. A dash: nothing scored there, drawn at the centre.</text>",
        f64::from(WIDTH) / 2.0,
        height - 14.0
    );
    svg.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::score::Score;
    use crate::model::sheet::Sheet;
    use crate::model::standard::Standard;

    #[test]
    fn wraps_long_names_at_spaces() {
        assert_eq!(
            wrap("Infrastructure Specialist"),
            ["Infrastructure", "Specialist"]
        );
        assert_eq!(wrap("All Areas"), ["All Areas"]);
    }

    #[test]
    fn one_polygon_per_sheet_and_panel_with_a_vertex_per_group() {
        let standard = Standard::builtin();
        let participant = Participant {
            username: "A<&>B".into(),
            role_focus: "Generalist".into(),
            mentoring_type: "Mentee".into(),
            assessment_type: "Self-assessment".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            reviewer: None,
        };
        let mut sheet = Sheet::new(&standard, participant.clone());
        sheet.set_score("K1".parse().unwrap(), Some(Score::Three));
        let summary = Summary::of_sheet(&standard, &sheet);
        let series = [
            Series {
                participant: &participant,
                summary: &summary,
            },
            Series {
                participant: &participant,
                summary: &summary,
            },
        ];
        let svg = radar_chart("KSB profile", &series);
        assert_eq!(svg.matches("<polygon").count(), 4);
        assert!(svg.contains("series-2"));
        assert!(svg.contains("A&lt;&amp;&gt;B — Self-assessment — 25/11/2026 — 1/28 scored"));
        assert!(!svg.contains("A<&>B"));
        assert!(svg.contains(&format!("height=\"{HEIGHT}\"")));
    }

    #[test]
    fn the_legend_says_how_many_ksbs_each_sheet_has_scored() {
        let standard = Standard::builtin();
        let participant = Participant {
            username: "Ann".into(),
            role_focus: "Generalist".into(),
            mentoring_type: "Mentee".into(),
            assessment_type: "Self-assessment".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            reviewer: None,
        };
        let mut sheet = Sheet::new(&standard, participant.clone());
        for (i, ksb) in standard.ksbs.iter().take(5).enumerate() {
            let score = if i == 4 {
                Score::NotApplicable
            } else {
                Score::Two
            };
            sheet.set_score(ksb.id.clone(), Some(score));
        }
        let summary = Summary::of_sheet(&standard, &sheet);
        let svg = radar_chart(
            "KSB profile",
            &[Series {
                participant: &participant,
                summary: &summary,
            }],
        );
        assert!(
            svg.contains("Ann — Self-assessment — 25/11/2026 — 5/28 scored"),
            "{svg}"
        );
    }

    #[test]
    fn every_sheet_of_many_gets_its_own_colour_and_outline() {
        let styles: Vec<_> = (0..3 * PALETTE.len()).map(line_style).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(line_style(3 * PALETTE.len()), line_style(0));
    }

    #[test]
    fn the_canvas_grows_for_a_third_legend_line() {
        assert_eq!(canvas_height(1), f64::from(HEIGHT));
        assert_eq!(canvas_height(2), f64::from(HEIGHT));
        assert_eq!(canvas_height(3), f64::from(HEIGHT) + LEGEND_LINE);
    }
}
