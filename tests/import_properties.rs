//! import(export(sheet)) == sheet: any sheet of the built-in standard, exported as wikitext by
//! `ksb export` (with notes, with or without the summary tables), reads back as the same sheet:
//! every score, note and header field, whatever markup the text holds. And no page, however
//! broken, makes either import panic or report a problem on more than one line.

use ksb::import::{sheet, standard};
use ksb::model::sheet::valid_username;
use ksb::render::export::{ExportDoc, Exporter};
use ksb::render::wikitext::Wikitext;
use ksb::{Participant, Score, Sheet, Standard};
use proptest::prelude::*;

/// Markup of wikitext, HTML and Markdown that an import could mistake for structure.
const MARKUP: [&str; 52] = [
    "|",
    "||",
    "!!",
    "{|",
    "|}",
    "|-",
    "|+",
    "{{",
    "}}",
    "{{!}}",
    "{{{",
    "[[",
    "]]",
    "[",
    "]",
    "~~~~",
    "''",
    "'''",
    "__NOTOC__",
    "<",
    ">",
    "&",
    "&amp;",
    "&#124;",
    "&#",
    ";",
    "<br />",
    "<br>",
    "<!--",
    "-->",
    "<nowiki>",
    "<script>",
    "*",
    "#",
    ":",
    "=",
    "-",
    "—",
    "----",
    "`",
    "\\",
    "_",
    "colspan=\"4\"",
    "colspan=“4”",
    "N/A",
    "https://x.org",
    "ISBN 1",
    "«",
    " ?",
    "\u{2028}",
    "Username:",
    "Open Source Ecosystem Awareness",
];

/// Text a person can type: printable characters, tabs, spaces and (where `lines`) line breaks,
/// with markup mixed in far more often than chance would. Control characters are left out:
/// no format shows them as typed (wikitext shows U+FFFD), and `\r\n` is one line break.
fn text(lines: bool) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "\\PC",
        1 => Just(if lines { "\n" } else { " " }.to_string()),
        1 => Just("\t".to_string()),
        1 => Just(" ".to_string()),
        2 => prop::sample::select(MARKUP.to_vec()).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 1..16).prop_map(|pieces| pieces.concat())
}

fn note() -> impl Strategy<Value = String> {
    text(true).prop_filter("a blank note is no note", |n| !n.trim().is_empty())
}

fn username() -> impl Strategy<Value = String> {
    text(false).prop_filter_map("a username is one MediaWiki allows", |name| {
        valid_username(&name.replace('\t', " ")).ok()
    })
}

fn sheet() -> impl Strategy<Value = Sheet> {
    let standard = Standard::builtin();
    let n = standard.ksbs.len();
    (
        (username(), prop::option::of(username())),
        prop::sample::select(standard.role_focuses.clone()),
        prop::sample::select(standard.mentoring_types.clone()),
        prop::sample::select(standard.assessment_types.clone()),
        (2000i32..2100, 1u32..=12, 1u32..=28),
        prop::collection::vec(
            prop::option::of(prop::sample::select(Score::ALL.to_vec())),
            n,
        ),
        prop::collection::vec(prop::option::weighted(0.4, note()), n),
    )
        .prop_map(
            move |(
                (username, reviewer),
                role_focus,
                mentoring_type,
                assessment_type,
                (y, m, d),
                scores,
                notes,
            )| {
                let participant = Participant {
                    username,
                    role_focus,
                    mentoring_type,
                    assessment_type,
                    date: chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                    reviewer,
                };
                let mut sheet = Sheet::new(&standard, participant);
                for ((ksb, score), note) in standard.ksbs.iter().zip(scores).zip(notes) {
                    sheet.set_score(ksb.id.clone(), score);
                    if let Some(note) = note {
                        sheet.set_note(ksb.id.clone(), &note);
                    }
                }
                sheet
            },
        )
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

fn export(standard: &Standard, sheet: &Sheet, notes: bool, summary: bool) -> String {
    let doc = ExportDoc {
        standard,
        sheet: Some(sheet),
        notes,
        summary,
    };
    String::from_utf8(Wikitext.export(&doc).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn an_exported_sheet_imports_as_the_same_sheet(sheet in sheet(), summary in any::<bool>()) {
        let standard = Standard::builtin();
        let wikitext = export(&standard, &sheet, true, summary);
        let page = sheet::read(&wikitext, &standard).unwrap();
        prop_assert_eq!(&page.problems, &vec![]);
        prop_assert_eq!(page.to_sheet(&standard).unwrap(), sheet.clone());

        // Without the Notes column, everything but the notes comes back.
        let wikitext = export(&standard, &sheet, false, summary);
        let back = sheet::read(&wikitext, &standard).unwrap().to_sheet(&standard).unwrap();
        let mut without_notes = sheet.clone();
        for ksb in &standard.ksbs {
            without_notes.set_note(ksb.id.clone(), "");
        }
        prop_assert_eq!(back, without_notes);
    }

    #[test]
    fn no_page_makes_an_import_panic_or_report_on_two_lines(
        pieces in prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(MARKUP.to_vec()).prop_map(str::to_string),
                2 => text(true),
                1 => Just("\n".to_string()),
                1 => Just("| Title | Score | Description | Stack Area | Role Focus |".to_string()),
                1 => Just("\n! Title !! Score !! Notes\n|-\n".to_string()),
            ],
            0..60,
        )
    ) {
        let standard = Standard::builtin();
        let text = pieces.concat();
        match sheet::read(&text, &standard) {
            Ok(page) => {
                for problem in &page.problems {
                    prop_assert!(!problem.to_string().contains('\n'), "{}", problem);
                }
                if let Err(missing) = page.to_sheet(&standard) {
                    prop_assert!(!missing.to_string().contains('\n'));
                }
            }
            Err(err) => prop_assert!(!err.to_string().contains('\n'), "{}", err),
        }
        if let Err(err) = standard::read(&text, &standard, &standard::Options::default()) {
            prop_assert!(!err.to_string().contains('\n'), "{}", err);
        }
    }
}
