//! Every CSV ksb writes (the sheet export, the cohort export, and the summary, roster and
//! calibrate tables) goes through one writer that neutralises cells a spreadsheet would run as
//! formulas: hostile text in every field a user controls reads back, with the csv crate, as the
//! text typed with a `'` in front, and no cell but a figure starts a formula.

use crate::common::Workspace;
use ksb::render::csv::{is_figure, neutralise, FORMULA_STARTS};
use proptest::prelude::*;

/// Text a spreadsheet would run as a formula: one of `starts`, then formula-like text (not
/// ending in a space, which a header field drops).
fn hostile(starts: &[char], max: usize) -> impl Strategy<Value = String> {
    (
        prop::sample::select(starts.to_vec()),
        prop::string::string_regex(&format!("[A-Za-z0-9(),\"=+@ ]{{0,{max}}}[A-Z1)]")).unwrap(),
    )
        .prop_map(|(start, rest)| format!("{start}{rest}"))
}

/// Every record of a CSV text of one or more blocks, as the csv crate reads them.
fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// Every cell of `text` that starts a formula is a figure.
fn assert_no_formula(what: &str, text: &str) {
    for record in records(text) {
        for cell in record {
            assert!(
                !cell.starts_with(FORMULA_STARTS) || is_figure(&cell),
                "{what}: {cell:?} in\n{text}"
            );
        }
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

use ksb::model::username::canonical;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_csv_neutralises_every_field_a_user_controls(
        username in "[+=@-][A-Za-z]{1,8}",
        reviewer in hostile(&['=', '+', '-', '@'], 12),
        self_note in hostile(&FORMULA_STARTS, 20),
        review_note in hostile(&FORMULA_STARTS, 20),
    ) {
        let ws = Workspace::new();
        std::fs::create_dir(ws.file("cohort")).unwrap();
        let header = |file: &str, kind: &str, date: &str, note: &str| {
            vec![
                "score".to_string(), format!("cohort/{file}"),
                format!("--username={username}"), "--role-focus=Generalist".into(),
                "--mentoring-type=Mentee".into(), format!("--assessment-type={kind}"),
                format!("--date={date}"), format!("--reviewer={reviewer}"),
                format!("--note=K1={note}"), "K1=2".into(), "K2=na".into(),
            ]
        };
        for args in [
            header("self.toml", "Self-assessment", "01/11/2026", &self_note),
            header("review.toml", "Mentor review", "02/11/2026", &review_note),
        ] {
            ws.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
        }
        let outputs = [
            ("export sheet", ws.ok(&["export", "cohort/self.toml", "--format", "csv"])),
            ("export cohort", ws.ok(&["export", "cohort", "--format", "csv"])),
            ("summary", ws.ok(&["summary", "cohort", "--format", "csv"])),
            ("roster", ws.ok(&["roster", "cohort", "--format", "csv"])),
            ("calibrate", ws.ok(&["calibrate", "cohort", "--format", "csv"])),
        ];
        for (what, text) in &outputs {
            assert_no_formula(what, text);
        }
        // What was typed reads back with a `'` in front, where each output carries it.
        let sheet = records(&outputs[0].1);
        prop_assert_eq!(&sheet[1][6], &neutralise(&self_note));
        let cohort = records(&outputs[1].1);
        let notes: Vec<&str> = cohort.iter().map(|r| r[11].as_str()).collect();
        prop_assert!(notes.contains(&neutralise(&self_note).as_ref()));
        prop_assert!(notes.contains(&neutralise(&review_note).as_ref()));
        // Names read back in their one spelling (MediaWiki's), neutralised.
        let (username, reviewer) = (canonical(&username), canonical(&reviewer));
        for row in &cohort[1..] {
            prop_assert_eq!(&row[0], &neutralise(&username));
            prop_assert_eq!(&row[4], &neutralise(&reviewer));
        }
        let roster = records(&outputs[3].1);
        prop_assert!(roster.iter().any(|r| r.get(1).map(String::as_str) == Some(&neutralise(&username))));
    }
}

/// Every Rust file under `dir`.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The one writer stays the only one: no other file of ksb makes a csv crate writer, so a CSV
/// added later goes through `render::csv::CsvWriter` and its formula rule.
#[test]
fn no_csv_is_written_around_the_one_writer() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let one = root.join("src/render/csv.rs");
    for file in files.iter().filter(|file| **file != one) {
        let text = std::fs::read_to_string(file).unwrap();
        for writer in ["csv::Writer", "csv::WriterBuilder"] {
            assert!(
                !text.contains(writer),
                "{} makes its own {writer}: write CSV through render::csv::CsvWriter",
                file.display()
            );
        }
    }
}
