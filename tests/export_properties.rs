//! Any note text, exported in every format, reads back as the text typed: JSON with serde_json,
//! CSV with the csv crate (a note a spreadsheet would run as a formula with a `'` in front),
//! Markdown with a GFM parser and wikitext with MediaWiki's own parser.

use std::path::Path;

use crate::common::mediawiki::{mediawiki, plain_text, render, select};
use ksb::render::csv::Csv;
use ksb::render::export::{ExportDoc, Exporter};
use ksb::render::json::Json;
use ksb::render::markdown::Markdown;
use ksb::render::wikitext::Wikitext;
use ksb::{Participant, Sheet, Standard};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text ksb itself puts into its Markdown and wikitext: every title, description, stack
/// area and role focus of the built-in standard, its scoring key, and the words of ksb's reports
/// (`Preferred role focus: …`, `T&S`, `(scored 3): …`). It is escaped by the same function as a
/// note, so it must read back exactly too, and it is mixed into the notes below.
fn own_text() -> Vec<String> {
    let standard = Standard::builtin();
    let mut texts: Vec<String> = standard
        .ksbs
        .iter()
        .flat_map(|k| [&k.title, &k.description, &k.stack_area, &k.role_focus])
        .cloned()
        .collect();
    texts.extend(
        standard
            .scoring_key
            .iter()
            .map(|entry| entry.meaning.clone()),
    );
    texts.extend(
        [
            "Preferred role focus: Infrastructure Specialist. From the Self-assessment of 01/11/2026.",
            "Strengths (scored 3): could mentor others",
            "To develop (scored 0 or 1)",
            "Covers the Infrastructure Specialist and Generalist KSBs.",
        ]
        .map(String::from),
    );
    texts
}

/// Note text a person can type: any printable character, tabs and line breaks, with the
/// markup of every format and ksb's own text ([`own_text`]) mixed in far more often than
/// chance would. Control characters other than tab and line breaks are left out: no format
/// can show them as typed (wikitext shows U+FFFD). Line breaks are `\n`; a typed `\r\n` is one
/// line break too.
fn note() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "\\PC",
        1 => Just("\n".to_string()),
        1 => Just("\t".to_string()),
        1 => Just(" ".to_string()),
        2 => prop::sample::select(vec![
            "|", "||", "!!", "{|", "|}", "|-", "{{", "}}", "{{!}}", "[[", "]]", "[", "]", "~~~~",
            "''", "'''", "__NOTOC__", "<", ">", "&", "&amp;", "&#124;", "<br />", "<script>",
            "*", "#", ";", ":", "=", "-", "----", "`", "\\", "_", "~", "$", "@", "https://x.org",
            "ISBN 1", "RFC 2", "PMID 3", "«", "»", " ?", " !", " %", "-{", "}-",
            // Pieces of character references, and `:` in and out of links and emoji codes.
            "amp", "#x7C", "lt", "nbsp", "124", "T&S", "&x", "mailto:", "tel:+1", "news:x",
            ":tada:", ": ", "//", "www.x.org",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(own_text()),
    ];
    prop::collection::vec(piece, 1..24)
        .prop_map(|pieces| pieces.concat())
        .prop_filter("a blank note is no note", |note| !note.trim().is_empty())
}

/// A sheet of the built-in standard with `notes` on its first KSBs.
fn sheet_with_notes(standard: &Standard, notes: &[String]) -> Sheet {
    let participant = Participant {
        username: "Tester".into(),
        role_focus: "Generalist".into(),
        mentoring_type: "Mentee".into(),
        assessment_type: "Self-assessment".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        reviewer: None,
    };
    let mut sheet = Sheet::new(standard, participant);
    for (ksb, note) in standard.ksbs.iter().zip(notes) {
        sheet.set_note(ksb.id.clone(), note);
    }
    sheet
}

fn export(exporter: &impl Exporter, standard: &Standard, sheet: &Sheet) -> String {
    let doc = ExportDoc {
        standard,
        sheet: Some(sheet),
        notes: true,
        summary: false,
    };
    String::from_utf8(exporter.export(&doc).expect("export")).expect("UTF-8")
}

/// The rows of the GFM tables as a reader sees them (`<br>` read as a line break), and every
/// piece of markup inside a table other than the section rows' bold and `<br>`.
fn markdown_rows(text: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let (mut rows, mut markup) = (Vec::new(), Vec::new());
    let mut row = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().expect("cell")),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.push(std::mem::take(&mut row)),
            Event::Text(t) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&t);
                }
            }
            Event::InlineHtml(html) if html.as_ref() == "<br>" => {
                if let Some(cell) = cell.as_mut() {
                    cell.push('\n');
                }
            }
            Event::Start(Tag::Strong) | Event::End(_) => {}
            other if cell.is_some() => markup.push(format!("{other:?}")),
            _ => {}
        }
    }
    (rows, markup)
}

/// The Notes column of the sheet table's KSB rows (not the header or the section rows).
fn markdown_notes(text: &str) -> (Vec<String>, Vec<String>) {
    let (rows, markup) = markdown_rows(text);
    let headings = ["Knowledge", "Skills", "Behaviours"];
    let notes = rows
        .into_iter()
        .skip(1)
        .take_while(|row| row.len() == 5)
        .filter(|row| {
            !(headings.contains(&row[0].as_str()) && row[1..].iter().all(String::is_empty))
        })
        .map(|row| row[4].clone())
        .collect();
    (notes, markup)
}

/// The notes a reader sees: every KSB's note, "" where there is none.
fn expected(standard: &Standard, notes: &[String]) -> Vec<String> {
    (0..standard.ksbs.len())
        .map(|i| notes.get(i).cloned().unwrap_or_default())
        .collect()
}

/// A note as the CSV export carries it: exactly as typed, but with a `'` in front when it
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return, which a spreadsheet would run as
/// a formula (OWASP's rule for CSV injection).
fn spreadsheet_safe(note: &str) -> String {
    if note.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{note}")
    } else {
        note.to_string()
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn json_csv_and_markdown_read_back_every_note(notes in prop::collection::vec(note(), 1..=28)) {
        let standard = Standard::builtin();
        let sheet = sheet_with_notes(&standard, &notes);
        let want = expected(&standard, &notes);

        let json: serde_json::Value = serde_json::from_str(&export(&Json, &standard, &sheet)).unwrap();
        let from_json: Vec<String> = json["ksbs"].as_array().unwrap().iter()
            .map(|k| k["note"].as_str().unwrap_or_default().to_string())
            .collect();
        prop_assert_eq!(&from_json, &want);

        let csv_text = export(&Csv, &standard, &sheet);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let from_csv: Vec<String> = reader.records().map(|r| r.unwrap()[6].to_string()).collect();
        prop_assert_eq!(&from_csv, &want.iter().map(|note| spreadsheet_safe(note)).collect::<Vec<_>>());

        let (from_markdown, markup) = markdown_notes(&export(&Markdown, &standard, &sheet));
        prop_assert!(markup.is_empty(), "markup in the Markdown: {:?}", markup);
        prop_assert_eq!(&from_markdown, &want);
    }
}

/// The Notes cells of the rendered sheet table, read as a reader sees them.
fn wikitext_notes(conf: &Path, dir: &Path, wikitext: &str) -> Vec<String> {
    let page = dir.join("page.wiki");
    std::fs::write(&page, wikitext).unwrap();
    let html = render(conf, &page);
    let tables = select(html.root_element(), "table.wikitable");
    let rows = select(tables[0], "tr");
    rows.iter()
        .filter_map(|row| {
            let cells: Vec<_> = row
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .collect();
            (cells.len() == 5 && cells[0].value().name() == "td").then(|| {
                assert!(
                    cells.iter().all(|c| c.value().attrs().next().is_none()),
                    "a cell gained attributes"
                );
                plain_text(cells[4]).unwrap_or_else(|err| panic!("markup in a note: {err}"))
            })
        })
        .collect()
}

proptest! {
    // Each case renders one page through parse.php (about 0.15 s).
    #![proptest_config(config(24))]

    #[test]
    fn wikitext_reads_back_every_note_through_mediawiki(notes in prop::collection::vec(note(), 28)) {
        let Some(conf) = mediawiki() else { return Ok(()) };
        let standard = Standard::builtin();
        let sheet = sheet_with_notes(&standard, &notes);
        let dir = tempfile::tempdir().unwrap();
        let wikitext = export(&Wikitext, &standard, &sheet);
        let html_notes = wikitext_notes(conf, dir.path(), &wikitext);
        prop_assert_eq!(html_notes, expected(&standard, &notes));
        prop_assert!(!wikitext.contains("~~~"), "a signature would expand on save");
    }
}
