//! The programme's cohort reports as a reader sees them: the cohort summary, the roster and
//! the calibration rendered as wikitext through MediaWiki's own parser (a participant whose
//! username is markup of every kind shows as typed), and the cohort heatmap rendered to PNG.

use crate::common::cohort::{
    canonical, two_places, write_cohort, Cohort, Count, SheetSpec, Written, KINDS, ROLE_FOCUSES,
};
use crate::common::mediawiki::{mediawiki, plain_text, render, select};
use crate::common::raster::render_svg;
use crate::common::Workspace;
use scraper::ElementRef;
use serde_json::Value;

/// A username that is wikitext markup of every kind.
const HOSTILE: &str = "«a» ''x'' !! ~~ &amp; Zoë ISBN 1234567890 * = @ ? ;";

/// The texts of a rendered row's cells; a cell holding markup fails the test.
fn texts(row: ElementRef) -> Vec<String> {
    row.children()
        .filter_map(ElementRef::wrap)
        .map(|cell| plain_text(cell).unwrap_or_else(|err| panic!("markup in a cell: {err}")))
        .collect()
}

/// The rows of a rendered table, its header row first.
fn rows(table: ElementRef) -> Vec<Vec<String>> {
    select(table, "tr").into_iter().map(texts).collect()
}

/// The rendered page has no element or link the wikitext's text could have made.
fn assert_nothing_injected(root: ElementRef) {
    for tag in ["script", "b", "i", "pre", "hr", "dl", "ol", "nowiki"] {
        assert!(select(root, tag).is_empty(), "a <{tag}> appeared");
    }
    let links: Vec<String> = select(root, "a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|href| !href.starts_with('#') && !href.contains("action=edit"))
        .collect();
    assert!(links.is_empty(), "links appeared: {links:?}");
}

/// The paragraphs of the rendered page, as text.
fn paragraphs(root: ElementRef) -> Vec<String> {
    select(root, "p")
        .into_iter()
        .map(|p| plain_text(p).unwrap_or_else(|err| panic!("markup in a paragraph: {err}")))
        .map(|text| text.trim_end().to_string())
        .collect()
}

#[test]
fn the_cohort_summary_renders_through_mediawiki_as_its_figures() {
    let Some(conf) = mediawiki() else { return };
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, Some(HOSTILE));
    let wikitext = ws.ok(&[
        "summary", "cohort", "--type", "final", "--format", "wikitext",
    ]);
    ws.write("summary.wiki", &wikitext);
    for markup in ["~~~", "{{", "[[", "__", "<script", "''"] {
        assert!(!wikitext.contains(markup), "raw {markup:?} in the wikitext");
    }
    let json: Value =
        serde_json::from_str(&ws.ok(&["summary", "cohort", "--type", "final", "--format", "json"]))
            .unwrap();
    let document = render(conf, &ws.file("summary.wiki"));
    let root = document.root_element();
    assert_nothing_injected(root);

    let finals = cohort.latest(|s| s.kind == 2);
    let texts = paragraphs(root);
    assert_eq!(
        texts[0],
        format!(
            "Cohort: {} participants ({} sheets read; latest Final check of each)",
            finals.len(),
            cohort.sheets.len()
        )
    );
    let missing: Vec<String> = json["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| name.as_str().unwrap().to_string())
        .collect();
    assert!(missing.iter().any(|name| name == HOSTILE), "{missing:?}");
    assert_eq!(
        texts[1],
        format!("Left out, without a Final check: {}", missing.join(", ")),
        "the hostile username shows as typed"
    );

    let tables = select(root, "table.wikitable");
    assert_eq!(
        tables.len(),
        1 + 3 + 3,
        "by KSB, three summaries, three splits"
    );
    let by_ksb = rows(tables[0]);
    assert_eq!(
        by_ksb[0],
        ["Id", "Title", "Scored", "N/A", "Unscored", "Mean", "0", "1", "2", "3"]
    );
    assert_eq!(by_ksb.len(), 1 + cohort.ksbs.len());
    for (k, (ksb, row)) in cohort.ksbs.iter().zip(&by_ksb[1..]).enumerate() {
        let mut count = Count::default();
        let mut points = [0usize; 4];
        for sheet in finals.values() {
            count.add(sheet.scores[k]);
            if let Written::Points(p) = sheet.scores[k] {
                points[p as usize] += 1;
            }
        }
        let mut want = vec![
            ksb.id.clone(),
            ksb.title.clone(),
            count.scored.to_string(),
            count.na.to_string(),
            count.unscored.to_string(),
            two_places(count.mean()),
        ];
        want.extend(points.iter().map(ToString::to_string));
        assert_eq!(row, &want, "{}", ksb.id);
    }
    let split = rows(tables[6]);
    assert_eq!(split[0][0], "Category");
    assert_eq!(split[0][1], format!("All ({})", finals.len()));
    for (i, focus) in ROLE_FOCUSES.iter().enumerate() {
        let theirs = finals.values().filter(|s| s.role_focus == *focus).count();
        assert_eq!(split[0][2 + i], format!("{focus} ({theirs})"));
    }
}

#[test]
fn the_roster_and_the_calibration_render_through_mediawiki() {
    let Some(conf) = mediawiki() else { return };
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, Some(HOSTILE));
    let wikitext = ws.ok(&["roster", "cohort", "--format", "wikitext"]);
    ws.write("roster.wiki", &wikitext);
    let document = render(conf, &ws.file("roster.wiki"));
    let root = document.root_element();
    assert_nothing_injected(root);
    let tables = select(root, "table.wikitable");
    assert_eq!(tables.len(), 1);
    let table = rows(tables[0]);
    assert_eq!(
        table[0],
        [
            "Username",
            "Role focus",
            "Self-assessment",
            "Mentor review",
            "Final check",
            "Needs"
        ]
    );
    let people = cohort.people();
    assert_eq!(table.len(), 1 + people.len());
    for ((key, sheets), row) in people.iter().zip(&table[1..]) {
        let newest = sheets.last().unwrap();
        assert_eq!(row[0], canonical(&newest.username), "{key}");
        for (kind, cell) in row[2..5].iter().enumerate() {
            let want = sheets
                .iter()
                .rev()
                .find(|s| s.kind == kind)
                .map(|s| {
                    let mut text = format!("{}, {}/28", s.date(), s.scored());
                    if s.locked {
                        text.push_str(", locked");
                    }
                    if let Some(reviewer) = s.reviewer {
                        text.push_str(&format!(", by {}", canonical(reviewer)));
                    }
                    text
                })
                .unwrap_or_default();
            assert_eq!(cell, &want, "{key} {}", KINDS[kind]);
        }
    }
    assert_eq!(
        table.last().unwrap()[0],
        HOSTILE,
        "shown as typed, sorted last"
    );

    let wikitext = ws.ok(&["calibrate", "cohort", "--format", "wikitext"]);
    ws.write("calibrate.wiki", &wikitext);
    let json: Value =
        serde_json::from_str(&ws.ok(&["calibrate", "cohort", "--format", "json"])).unwrap();
    let document = render(conf, &ws.file("calibrate.wiki"));
    let root = document.root_element();
    assert_nothing_injected(root);
    let tables = select(root, "table.wikitable");
    assert_eq!(
        tables.len(),
        4,
        "by KSB, by reviewer, by role focus, by stack area"
    );
    let reviewers = rows(tables[1]);
    assert_eq!(
        reviewers[0],
        [
            "Reviewer",
            "Reviews",
            "Pairs",
            "Mean gap",
            "Gaps of 2+",
            "N/A vs score"
        ]
    );
    for (row, figures) in reviewers[1..]
        .iter()
        .zip(json["reviewers"].as_array().unwrap())
    {
        let name = figures["reviewer"].as_str().unwrap_or("(not recorded)");
        let mean = figures["mean_gap"]
            .as_f64()
            .map(|m| format!("{m:+.2}"))
            .unwrap_or_default();
        let share = figures["large_gap_share"]
            .as_f64()
            .map(|s| format!("{:.0}%", s * 100.0))
            .unwrap_or_default();
        let want = [
            name.to_string(),
            figures["reviews"].to_string(),
            figures["pairs"].to_string(),
            mean,
            share,
            figures["na_disagreements"].to_string(),
        ];
        assert_eq!(row, &want);
    }
    assert_eq!(
        reviewers.len(),
        1 + json["reviewers"].as_array().unwrap().len()
    );
}

// ---------------------------------------------------------------- the heatmap

/// A cell of the heatmap as the SVG places it.
struct Cell {
    class: String,
    x: f64,
    y: f64,
}

/// A row of the heatmap: its label and cells.
struct Row {
    label: String,
    cells: Vec<Cell>,
}

/// The groups of the heatmap: each heading and its rows.
fn heat_groups(svg: &str) -> (f64, f64, Vec<(String, Vec<Row>)>) {
    let doc = roxmltree::Document::parse(svg).expect("the heatmap is well-formed XML");
    let root = doc.root_element();
    let size = |name| root.attribute(name).unwrap().parse::<f64>().unwrap();
    let has = |n: &roxmltree::Node, c: &str| {
        n.attribute("class")
            .is_some_and(|v| v.split_whitespace().any(|x| x == c))
    };
    let text = |n: roxmltree::Node| {
        n.descendants()
            .filter(|t| t.is_text())
            .filter_map(|t| t.text())
            .collect::<String>()
    };
    let groups = root
        .children()
        .filter(|n| has(n, "group"))
        .map(|g| {
            let heading = g
                .children()
                .find(|n| has(n, "group-heading"))
                .map(text)
                .unwrap();
            let rows = g
                .children()
                .filter(|n| has(n, "row"))
                .map(|r| Row {
                    label: r
                        .children()
                        .find(|n| has(n, "row-label"))
                        .map(text)
                        .unwrap(),
                    cells: r
                        .children()
                        .filter(|n| has(n, "cell"))
                        .map(|c| Cell {
                            class: c.attribute("class").unwrap().replace("cell ", ""),
                            x: c.attribute("x").unwrap().parse().unwrap(),
                            y: c.attribute("y").unwrap().parse().unwrap(),
                        })
                        .collect(),
                })
                .collect();
            (heading, rows)
        })
        .collect();
    (size("width"), size("height"), groups)
}

/// The class and fill the heatmap gives a score.
fn look(score: Written) -> (&'static str, (u8, u8, u8)) {
    match score {
        Written::Points(0) => ("s0", (0xd7, 0x19, 0x1c)),
        Written::Points(1) => ("s1", (0xfd, 0xae, 0x61)),
        Written::Points(2) => ("s2", (0xab, 0xd9, 0xe9)),
        Written::Points(_) => ("s3", (0x2c, 0x7b, 0xb6)),
        Written::NotApplicable => ("na", (0x96, 0x96, 0x96)),
        Written::Unscored => ("unscored", (0xff, 0xff, 0xff)),
    }
}

/// The label the heatmap gives a username: cut to 30 characters.
fn label(name: &str) -> String {
    if name.chars().count() <= 30 {
        return name.to_string();
    }
    name.chars().take(29).chain(['…']).collect()
}

#[test]
fn the_heatmap_draws_each_participants_latest_scores_and_renders_to_png() {
    let ws = Workspace::new();
    let cohort: Cohort = write_cohort(&ws, Some(HOSTILE));
    let out = ws.ok(&["chart", "cohort", "-o", "cohort.svg"]);
    let latest = cohort.latest(|_| true);
    assert_eq!(
        out,
        format!(
            "Wrote cohort.svg: a heatmap of {} participants\n",
            latest.len()
        )
    );
    let svg = ws.read("cohort.svg");
    assert!(!svg.contains("<script"), "the username is escaped");
    let (width, height, groups) = heat_groups(&svg);

    let mut expected: Vec<(String, Vec<&SheetSpec>)> = Vec::new();
    for focus in ROLE_FOCUSES {
        let mut rows: Vec<&SheetSpec> = latest
            .values()
            .copied()
            .filter(|s| s.role_focus == focus)
            .collect();
        rows.sort_by_key(|s| canonical(&s.username));
        if !rows.is_empty() {
            expected.push((format!("{focus} ({})", rows.len()), rows));
        }
    }
    assert_eq!(groups.len(), expected.len());
    let Some(image) = render_svg(&ws.file("cohort.svg")) else {
        return;
    };
    assert_eq!((f64::from(image.0), f64::from(image.1)), (width, height));
    let pixel = |x: f64, y: f64| {
        let i = 3 * (y.round() as usize * image.0 as usize + x.round() as usize);
        (image.2[i], image.2[i + 1], image.2[i + 2])
    };
    let mut checked = 0;
    for ((heading, rows), (want_heading, sheets)) in groups.iter().zip(&expected) {
        assert_eq!(heading, want_heading);
        assert_eq!(rows.len(), sheets.len());
        for (row, sheet) in rows.iter().zip(sheets) {
            assert_eq!(row.label, label(&canonical(&sheet.username)));
            assert_eq!(row.cells.len(), cohort.ksbs.len());
            for (cell, score) in row.cells.iter().zip(&sheet.scores) {
                let (class, fill) = look(*score);
                assert_eq!(cell.class, class, "{}", sheet.name);
                assert_eq!(
                    pixel(cell.x + 3.0, cell.y + 3.0),
                    fill,
                    "{} {class}",
                    sheet.name
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, latest.len() * cohort.ksbs.len());
    // Columns are grouped by category: a wider step from K11 to S1 than from K1 to K2.
    let cells = &groups[0].1[0].cells;
    assert!(cells[11].x - cells[10].x > cells[1].x - cells[0].x);

    // --type and --all-sheets choose the rows as they choose a summary's sheets.
    let out = ws.ok(&["chart", "cohort", "--type", "mentor", "-o", "mentor.svg"]);
    let reviews = cohort.latest(|s| s.kind == 1).len();
    assert_eq!(
        out,
        format!("Wrote mentor.svg: a heatmap of {reviews} participants\n")
    );
    let out = ws.ok(&["chart", "cohort", "--all-sheets", "-o", "every.svg"]);
    assert_eq!(
        out,
        format!(
            "Wrote every.svg: a heatmap of {} sheets\n",
            cohort.sheets.len()
        )
    );
    let (_, _, every) = heat_groups(&ws.read("every.svg"));
    let rows: usize = every.iter().map(|(_, rows)| rows.len()).sum();
    assert_eq!(rows, cohort.sheets.len());
    let out = ws.ok(&[
        "chart",
        "cohort/p000-d-self.toml",
        "--heatmap",
        "-o",
        "one.svg",
    ]);
    assert_eq!(out, "Wrote one.svg: a heatmap of 1 participant\n");
}
