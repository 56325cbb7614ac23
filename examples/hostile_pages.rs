//! Writes the hostile wiki pages the import benchmark (bench/import.sh) times `ksb import` on:
//! the limits issue 14 names (a 10 MiB page, 10,000 rows, tables nested 50 deep, a row of
//! 10,000 cells, tables and templates left open), each around a real `ksb export` of a sheet.
//!
//! Usage: `cargo run --release --example hostile_pages -- DIR` writes DIR/*.wiki.

use std::path::Path;
use std::process::ExitCode;

use ksb::render::export::{ExportDoc, Exporter};
use ksb::render::wikitext::Wikitext;
use ksb::{Participant, Score, Sheet, Standard};

/// ksb's limit for any file it reads.
const MAX: usize = 10 * 1024 * 1024;

fn exported(standard: &Standard) -> String {
    let participant = Participant {
        username: "Alice".into(),
        role_focus: "Generalist".into(),
        mentoring_type: "Mentee".into(),
        assessment_type: "Self-assessment".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        reviewer: None,
    };
    let mut sheet = Sheet::new(standard, participant);
    for (i, ksb) in standard.ksbs.iter().enumerate() {
        sheet.set_score(ksb.id.clone(), Some(Score::ALL[i % Score::ALL.len()]));
        sheet.set_note(ksb.id.clone(), "Evidence | with [[markup]] {{!}} ~~~~");
    }
    let doc = ExportDoc {
        standard,
        sheet: Some(&sheet),
        notes: true,
        summary: false,
    };
    String::from_utf8(Wikitext.export(&doc).expect("export")).expect("UTF-8")
}

fn pages(page: &str) -> Vec<(&'static str, String)> {
    let end = "|}\n";
    let table = page.find("{|").expect("a table");
    let (before, sheet_table) = page.split_at(table);
    let filler = "{{small|never closed [[nor this <span <!-- x\n";
    let row = "| Bogus Title | Infra | Generalist | 1 | ";
    vec![
        (
            "big-10mib",
            format!("{}{page}", filler.repeat((MAX - page.len()) / filler.len())),
        ),
        (
            "rows-10000",
            page.replacen(
                end,
                &format!(
                    "{}{end}",
                    "|-\n| Web Security\n| x\n| y\n| 1\n|\n".repeat(10_000)
                ),
                1,
            ),
        ),
        (
            "nested-50",
            format!(
                "{before}{}{sheet_table}{}",
                "{| class=\"layout\"\n|-\n| Column\n".repeat(50),
                end.repeat(50)
            ),
        ),
        ("open-tables-100000", "{|\n|-\n| a\n".repeat(100_000)),
        (
            "cells-10000",
            page.replacen(
                end,
                &format!("|-\n| Web Security{}\n{end}", " || 1".repeat(9_999)),
                1,
            ),
        ),
        ("unclosed-table", page.replacen(end, "", 1)),
        (
            "unclosed-templates",
            format!("{}{page}", "{{a|".repeat(MAX / 8)),
        ),
        (
            "flat-10mib",
            format!(
                "| Title | Stack Area | Role Focus | Score | | {}",
                row.repeat(MAX / row.len() - 1)
            ),
        ),
    ]
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: hostile_pages DIR");
        return ExitCode::from(2);
    };
    let standard = Standard::builtin();
    for (name, text) in pages(&exported(&standard)) {
        let path = Path::new(&dir).join(format!("{name}.wiki"));
        if let Err(err) = std::fs::write(&path, text) {
            eprintln!("writing {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
