//! `ksb import`: sheets already on the wiki read into sheet files, through the real binary, from
//! the seed page of the programme (blank and filled in by hand), a hand-written wikitable,
//! `ksb export`'s own wikitext, and pages that are wrong or hostile.

use std::fs;

use crate::common::sheets::{self, assert_scores, unscored};
use crate::common::{fixture, Workspace};
use ksb::Score;

fn read_fixture(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

/// The sheet files in the workspace.
fn sheets_in(ws: &Workspace) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

fn with_scores(changes: &[(&str, Option<Score>)]) -> Vec<(String, Option<Score>)> {
    let mut expected = unscored();
    for (id, score) in changes {
        expected.iter_mut().find(|(i, _)| i == id).unwrap().1 = *score;
    }
    expected
}

const HEADER_FLAGS: [&str; 10] = [
    "--username",
    "Alice",
    "--role-focus",
    "generalist",
    "--mentoring-type",
    "Mentee",
    "--assessment-type",
    "Self-assessment",
    "--date",
    "01/12/2026",
];

#[test]
fn the_blank_seed_sheet_needs_its_header_from_flags_and_has_28_unscored_ksbs() {
    let ws = Workspace::new();
    let seed = fixture("mentoring-standard.txt");
    let seed = seed.to_str().unwrap();
    let err = ws.fails(1, &["import", seed]);
    assert_eq!(
        err,
        format!(
            "ksb: error: importing '{seed}': the page does not fill in Username, Preferred Role \
             Focus, Mentoring Type, Assessment Type, Date: give --username, --role-focus, \
             --mentoring-type, --assessment-type, --date\n"
        )
    );
    assert!(sheets_in(&ws).is_empty());

    let mut args = vec!["import", seed];
    args.extend(HEADER_FLAGS);
    let out = ws.ok(&args);
    assert_eq!(
        out,
        "Imported Alice (Generalist, Mentee, Self-assessment, 01/12/2026) into \
         ./Alice-Self-assessment-2026-12-01.toml\n28 KSBs: 0 scored, 0 N/A, 28 unscored\n"
    );
    let name = "Alice-Self-assessment-2026-12-01.toml";
    assert_eq!(sheets_in(&ws), [name]);
    let sheet = sheets::load(&ws, name);
    assert_scores(&sheet, &unscored());
    assert_eq!(sheet.participant.role_focus, "Generalist");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(ws.file(name)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn the_seed_sheet_filled_in_by_hand_in_its_own_flat_layout() {
    let ws = Workspace::new();
    let page = fixture("sheet-page-flat.txt");
    let out = ws.ok(&["import", page.to_str().unwrap()]);
    assert!(
        out.contains("28 KSBs: 6 scored, 3 N/A, 19 unscored"),
        "{out}"
    );
    let sheet = sheets::load(&ws, "Alice-Self-assessment-2026-11-25.toml");
    assert_eq!(sheet.participant.username, "Alice");
    assert_eq!(sheet.participant.role_focus, "Infrastructure Specialist");
    assert_eq!(sheet.participant.date.to_string(), "2026-11-25");
    assert_scores(
        &sheet,
        &with_scores(&[
            ("K1", Some(Score::Two)),
            ("K2", Some(Score::Three)),
            ("K3", Some(Score::NotApplicable)),
            ("K4", Some(Score::NotApplicable)),
            ("K5", Some(Score::NotApplicable)),
            ("K6", Some(Score::One)),
            ("K7", Some(Score::Zero)),
            ("S2", Some(Score::Three)),
            ("B8", Some(Score::One)),
        ]),
    );
}

#[test]
fn a_hand_written_wikitable_with_notes_sections_and_rows_in_another_order() {
    let ws = Workspace::new();
    let page = fixture("sheet-page-wikitable.wiki");
    ws.ok(&["import", page.to_str().unwrap(), "-o", "bob.toml"]);
    let sheet = sheets::load(&ws, "bob.toml");
    assert_eq!(sheet.participant.username, "Bob");
    assert_eq!(sheet.participant.role_focus, "MediaWiki Specialist");
    assert_eq!(sheet.participant.assessment_type, "Mentor review");
    assert_scores(
        &sheet,
        &with_scores(&[
            ("K1", Some(Score::NotApplicable)),
            ("K2", Some(Score::One)),
            ("K7", Some(Score::NotApplicable)),
            ("K10", Some(Score::NotApplicable)),
            ("S1", Some(Score::Two)),
            ("S2", Some(Score::Three)),
            ("B5", Some(Score::Two)),
            ("B6", Some(Score::Zero)),
        ]),
    );
    let note = |id: &str| sheet.note(&id.parse().unwrap()).map(str::to_string);
    assert_eq!(note("S1").as_deref(), Some("Wrote the onboarding guide"));
    assert_eq!(note("K2").as_deref(), Some("Hooks: read\nthe docs"));
    assert_eq!(
        note("K6").as_deref(),
        Some("Not yet: shadowing the\nnext rebalance")
    );
    assert_eq!(note("K1"), None);
}

#[test]
fn ksbs_own_wikitext_exports_read_back_as_the_same_sheet() {
    let ws = Workspace::new();
    let mut args = vec!["score", "me.toml"];
    args.extend(&HEADER_FLAGS[2..]);
    args.extend([
        "--username",
        "Ann ''x'' ~~ & !! __NOTOC__",
        "K1=2",
        "K2=na",
        "S9=3",
        "B8=0",
        "--note",
        "K1=Wrote || a FAQ: [[Main Page]] {{tpl|x}} &amp; <br /> ~~~~ __NOTOC__",
        "--note",
        "B8=* first line\n! second | line\n|}",
    ]);
    ws.ok(&args);
    let original = ws.read("me.toml");
    for (flags, with_notes) in [
        (&["--notes", "--summary"][..], true),
        (&["--notes"][..], true),
        (&["--summary"][..], false),
    ] {
        let mut export = vec!["export", "me.toml", "-o", "me.wiki", "--force"];
        export.extend(flags);
        ws.ok(&export);
        ws.ok(&["import", "me.wiki", "-o", "back.toml", "--force"]);
        let back = ws.read("back.toml");
        if with_notes {
            assert_eq!(back, original, "{flags:?}");
        } else {
            let without_notes = original.split("\n[notes]\n").next().unwrap();
            assert_eq!(back.trim_end(), without_notes.trim_end(), "{flags:?}");
        }
    }
}

#[test]
fn a_page_read_from_standard_input() {
    let ws = Workspace::new();
    let output = ws
        .ksb(&["import", "-", "-o", "x.toml"])
        .write_stdin(read_fixture("sheet-page-wikitable.wiki"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(sheets::load(&ws, "x.toml").participant.username, "Bob");
    let err = ws.fails(1, &["import", "x.wiki", "-o", "-"]);
    assert!(err.contains("needs a file name, not '-'"), "{err}");
}

/// The wikitable fixture with one piece of it replaced.
fn bob_with(ws: &Workspace, replace: &str, with: &str) -> String {
    let text = read_fixture("sheet-page-wikitable.wiki");
    assert!(text.contains(replace), "{replace}");
    ws.write("page.wiki", &text.replacen(replace, with, 1));
    "page.wiki".to_string()
}

/// The line of the wikitable fixture that holds `text`.
fn line_of(text: &str) -> usize {
    read_fixture("sheet-page-wikitable.wiki")
        .lines()
        .position(|l| l.contains(text))
        .unwrap()
        + 1
}

#[test]
fn each_bad_row_or_header_line_is_one_error_naming_it_and_nothing_is_written() {
    let caching = line_of("| Caching &amp; CDN Layers");
    let title_line = line_of("| Technical Communication ||");
    let cases = [
        (
            "| Caching &amp; CDN Layers ||",
            "| Caching & CDN Tiers ||",
            format!("line {caching}, row 5 'Caching & CDN Tiers': not the title of any KSB of the standard"),
        ),
        (
            "| Caching &amp; CDN Layers ||",
            "| technical  communication ||",
            format!("line {caching}, row 5 'technical  communication': S1 is already on row 1"),
        ),
        (
            "'''2'''",
            "4",
            format!("line {title_line}, row 1 'Technical Communication': score '4' is not 0–3 or N/A"),
        ),
        (
            "'''2'''",
            "two",
            format!("line {title_line}, row 1 'Technical Communication': score 'two' is not 0–3 or N/A"),
        ),
        (
            "'''2'''",
            "2.5",
            format!("line {title_line}, row 1 'Technical Communication': score '2.5' is not 0–3 or N/A"),
        ),
        (
            "mediawiki specialist",
            "Wizard",
            format!(
                "line {}: Preferred Role Focus 'Wizard' is not one of the standard's: Generalist, \
                 MediaWiki Specialist, Infrastructure Specialist",
                line_of("Preferred Role Focus")
            ),
        ),
        (
            "'''Date:''' 02/12/2026",
            "'''Date:''' 31/02/2026",
            format!(
                "line {}: Date '31/02/2026' is no date as DD/MM/YYYY, such as 25/11/2026",
                line_of("'''Date:'''")
            ),
        ),
    ];
    for (replace, with, problem) in cases {
        let ws = Workspace::new();
        let page = bob_with(&ws, replace, with);
        let err = ws.fails(1, &["import", &page, "-o", "bob.toml"]);
        assert_eq!(
            err,
            format!(
                "ksb: error: importing 'page.wiki': {problem}\nksb: error: importing \
                 'page.wiki': 1 problem (listed above); nothing written (--lenient imports the rest)\n"
            ),
            "{replace} → {with}"
        );
        assert!(sheets_in(&ws).is_empty(), "{replace} → {with}");
    }
}

#[test]
fn lenient_imports_what_it_can_and_lists_what_it_skipped() {
    let ws = Workspace::new();
    let page = bob_with(&ws, "'''2''' ||", "4 ||");
    let output = ws
        .ksb(&["import", &page, "-o", "bob.toml", "--lenient"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "ksb: warning: importing 'page.wiki': skipped line {}, row 1 'Technical Communication': \
             score '4' is not 0–3 or N/A\n",
            line_of("| Technical Communication ||")
        )
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("4 scored, 3 N/A, 21 unscored; 1 problem skipped"),
        "{stdout}"
    );
    let sheet = sheets::load(&ws, "bob.toml");
    assert_eq!(sheet.score(&"S1".parse().unwrap()), None);
    assert_eq!(sheet.score(&"S2".parse().unwrap()), Some(Score::Three));
}

#[test]
fn a_page_without_a_sheet_table_is_refused() {
    let ws = Workspace::new();
    ws.write(
        "notes.wiki",
        "== My notes ==\n* Username: Alice\n{| class=\"wikitable\"\n! A !! B\n|-\n| 1 || 2\n|}\n",
    );
    let err = ws.fails(1, &["import", "notes.wiki"]);
    assert_eq!(
        err,
        "ksb: error: importing 'notes.wiki': the page has no sheet table (a table whose heading \
         row has Title and Score columns)\n"
    );
    let two = format!(
        "{}\n{}",
        read_fixture("sheet-page-wikitable.wiki"),
        read_fixture("sheet-page-wikitable.wiki")
    );
    ws.write("two.wiki", &two);
    let err = ws.fails(1, &["import", "two.wiki"]);
    assert!(
        err.contains("the page has 2 sheet tables (on lines 18, 75): import one at a time"),
        "{err}"
    );
    let err = ws.fails(1, &["import", "missing.wiki"]);
    assert!(
        err.contains("reading page 'missing.wiki': no such file"),
        "{err}"
    );
}

#[test]
fn an_existing_sheet_is_replaced_only_with_force_and_never_when_locked() {
    let ws = Workspace::new();
    let page = fixture("sheet-page-wikitable.wiki");
    let page = page.to_str().unwrap();
    ws.write("other.toml", "not a sheet\n");
    let err = ws.fails(1, &["import", page, "-o", "other.toml"]);
    assert!(
        err.contains("sheet 'other.toml' already exists: give --force"),
        "{err}"
    );
    let err = ws.fails(1, &["import", page, "-o", "other.toml", "--force"]);
    assert!(
        err.contains("--force replaces only a sheet ksb can read"),
        "{err}"
    );
    assert_eq!(ws.read("other.toml"), "not a sheet\n");

    ws.ok(&["import", page, "-o", "bob.toml"]);
    ws.ok(&["score", "bob.toml", "K3=3"]);
    ws.ok(&["import", page, "-o", "bob.toml", "--force"]);
    assert_eq!(
        sheets::load(&ws, "bob.toml").score(&"K3".parse().unwrap()),
        None
    );

    ws.ok(&["lock", "bob.toml"]);
    let locked = ws.read("bob.toml");
    let err = ws.fails(1, &["import", page, "-o", "bob.toml", "--force"]);
    assert!(err.contains("is locked"), "{err}");
    assert_eq!(ws.read("bob.toml"), locked);

    let err = ws.fails(1, &["import", page, "-o", "nowhere/bob.toml"]);
    assert!(err.contains("folder 'nowhere' does not exist"), "{err}");
}

#[test]
fn header_flags_replace_the_page_and_are_checked_like_it() {
    let ws = Workspace::new();
    let page = fixture("sheet-page-wikitable.wiki");
    let page = page.to_str().unwrap();
    let out = ws.ok(&[
        "import",
        page,
        "-o",
        "b.toml",
        "--role-focus",
        "generalist",
        "--date",
        "03/12/2026",
    ]);
    assert!(
        out.starts_with("Imported Bob (Generalist, Mentee, Mentor review, 03/12/2026)"),
        "{out}"
    );
    let err = ws.fails(
        1,
        &["import", page, "-o", "c.toml", "--mentoring-type", "Boss"],
    );
    assert_eq!(
        err,
        "ksb: error: --mentoring-type 'Boss' is not one of the standard's: Mentee, Mentor, Peer Support\n"
    );
}

#[test]
fn a_first_column_of_ids_names_the_ksb_whatever_the_title_says() {
    let ws = Workspace::new();
    ws.write(
        "ids.wiki",
        "* Username: Dana\n* Preferred Role Focus: Generalist\n* Mentoring Type: Peer Support\n\
         * Assessment Type: Final check\n* Date: 05/12/2026\n\
         {| class=\"wikitable\"\n! ID !! Title !! Score\n|-\n| k3 || Infra deployment || 2\n\
         |-\n| B8 || || n/a\n|-\n| X9 || Open Source Ecosystem Awareness || 1\n|}\n",
    );
    ws.ok(&["import", "ids.wiki", "-o", "dana.toml"]);
    let sheet = sheets::load(&ws, "dana.toml");
    assert_scores(
        &sheet,
        &with_scores(&[
            ("K1", Some(Score::One)),
            ("K3", Some(Score::Two)),
            ("B8", Some(Score::NotApplicable)),
        ]),
    );
}

#[test]
fn a_misspelt_title_in_the_seeds_flat_layout_is_reported_as_in_a_wikitable() {
    let ws = Workspace::new();
    let flat = std::fs::read_to_string(fixture("sheet-page-flat.txt"))
        .unwrap()
        .replace(
            "MediaWiki Configuration Scope",
            "MediaWiki Configuraton Scope",
        );
    ws.write("flat.txt", &flat);
    let err = ws.fails(1, &["import", "flat.txt", "-o", "a.toml"]);
    assert_eq!(
        err,
        "ksb: error: importing 'flat.txt': line 21, row 8 'MediaWiki Configuraton Scope': not the \
         title of any KSB of the standard\nksb: error: importing 'flat.txt': 1 problem (listed \
         above); nothing written (--lenient imports the rest)\n"
    );
    let output = ws
        .ksb(&["import", "flat.txt", "-o", "a.toml", "--lenient"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("6 scored, 3 N/A, 19 unscored; 1 problem skipped"),
        "only the misspelt row is dropped: {stdout}"
    );
    let sheet = sheets::load(&ws, "a.toml");
    assert_eq!(sheet.score(&"K7".parse().unwrap()), Some(Score::Zero));

    // The same typo in a `{| |}` table says the same.
    let page = bob_with(&ws, "Caching &amp; CDN Layers", "Cachng &amp; CDN Layers");
    let err = ws.fails(1, &["import", &page, "-o", "bob.toml"]);
    assert!(
        err.contains("'Cachng & CDN Layers': not the title of any KSB of the standard"),
        "{err}"
    );
}

/// The text Chromium copies off the rendered sheet page (cells tab-separated, a `<br>` a line
/// break inside a cell) imports as the page's wikitext does.
#[test]
fn text_copied_off_the_rendered_page_imports_like_its_wikitext() {
    let ws = Workspace::new();
    let copied = fixture("sheet-page-copied.txt");
    let wikitext = fixture("sheet-page-wikitable.wiki");
    let out = ws.ok(&["import", copied.to_str().unwrap(), "-o", "copied.toml"]);
    assert!(
        out.contains("28 KSBs: 5 scored, 3 N/A, 20 unscored"),
        "{out}"
    );
    ws.ok(&["import", wikitext.to_str().unwrap(), "-o", "wiki.toml"]);
    let copied = sheets::load(&ws, "copied.toml");
    let wiki = sheets::load(&ws, "wiki.toml");
    assert_eq!(copied.participant, wiki.participant);
    let standard = ksb::Standard::builtin();
    for ksb in &standard.ksbs {
        assert_eq!(copied.score(&ksb.id), wiki.score(&ksb.id), "{}", ksb.id);
    }
    assert_eq!(
        copied.note(&"K2".parse().unwrap()),
        Some("Hooks: read\nthe docs")
    );
    assert_eq!(
        copied.note(&"S1".parse().unwrap()),
        Some("Wrote the onboarding guide")
    );
}
