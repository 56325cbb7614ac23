//! Unit tests of `sheet`.

use super::*;

fn standard() -> Standard {
    Standard::builtin()
}

const EXAMPLE: &str = r#"format = 1
standard = "miraheze-tech-mentoring"
standard_version = "1.0"

[participant]
username = "ExampleUser"
role_focus = "Infrastructure Specialist"
mentoring_type = "Mentee"
assessment_type = "Self-assessment"
date = 2026-11-25

[scores]
K1 = 2
K2 = "n/a"

[notes]
K1 = "Free text evidence"
"#;

fn id(text: &str) -> KsbId {
    text.parse().unwrap()
}

#[test]
fn reads_the_documented_format_1_example() {
    let sheet = Sheet::from_toml(EXAMPLE, &standard()).unwrap();
    assert_eq!(sheet.participant.username, "ExampleUser");
    assert_eq!(sheet.participant.date_dmy(), "25/11/2026");
    assert_eq!(sheet.score(&id("K1")), Some(Score::Two));
    assert_eq!(sheet.score(&id("K2")), Some(Score::NotApplicable));
    assert_eq!(sheet.score(&id("K3")), None);
    assert_eq!(sheet.note(&id("K1")), Some("Free text evidence"));
    assert_eq!(sheet.unscored_count(&standard()), 26);
}

#[test]
fn writes_what_it_reads() {
    let standard = standard();
    let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
    sheet.set_score(id("B8"), Some(Score::Three));
    sheet.set_score(id("K10"), Some(Score::Zero));
    sheet.set_note(id("S1"), "line one\nline \"two\" \\ end");
    let text = sheet.to_toml(&standard);
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    let k10 = text.find("K10 = 0").unwrap();
    assert!(text.find("K2 = \"n/a\"").unwrap() < k10 && k10 < text.find("B8 = 3").unwrap());
}

#[test]
fn a_wiki_record_round_trips_and_old_sheets_have_none() {
    let standard = Standard::builtin();
    let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
    assert_eq!(sheet.wiki, None);
    let record = WikiRecord {
        page: "User:Me/Tech Mentoring/Self-assessment 2026-11-25".into(),
        revision: 42,
        published: "ab".repeat(32),
    };
    sheet.wiki = Some(record.clone());
    let fresh = sheet.to_toml(&standard);
    assert!(fresh.contains("\n[wiki]\npage = \"User:Me/"), "{fresh}");
    assert_eq!(Sheet::from_toml(&fresh, &standard).unwrap(), sheet);
    let over = sheet.to_toml_over(&standard, EXAMPLE);
    assert!(over.starts_with(EXAMPLE.trim_end()), "{over}");
    assert!(
        over.trim_end()
            .ends_with(&format!("published = \"{}\"", "ab".repeat(32))),
        "{over}"
    );
    sheet.wiki.as_mut().unwrap().revision = 43;
    let again = sheet.to_toml_over(&standard, &over);
    assert_eq!(again, over.replace("revision = 42", "revision = 43"));
    sheet.wiki = None;
    assert_eq!(
        sheet.to_toml_over(&standard, &again).trim_end(),
        EXAMPLE.trim_end()
    );
    let bad = format!("{EXAMPLE}\n[wiki]\npage = \"P\"\nrevision = 1\npublished = \"xyz\"\n");
    let err = Sheet::from_toml(&bad, &standard).unwrap_err();
    assert!(err.to_string().contains("SHA-256"), "{err}");
    let unknown = format!(
        "{EXAMPLE}\n[wiki]\npage = \"P\"\nrevision = 1\npublished = \"{}\"\nuser = \"x\"\n",
        "ab".repeat(32)
    );
    assert!(Sheet::from_toml(&unknown, &standard).is_err());
}

#[test]
fn a_lock_round_trips_and_format_1_without_it_is_unlocked() {
    let standard = standard();
    let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
    assert!(!sheet.locked);
    assert!(!sheet.to_toml(&standard).contains("locked"));
    sheet.locked = true;
    let text = sheet.to_toml(&standard);
    assert!(text.contains("standard_version = \"1.0\"\nlocked = true\n\n[participant]"));
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    let unlocked = EXAMPLE.replace("format = 1\n", "format = 1\nlocked = false\n");
    assert!(!Sheet::from_toml(&unlocked, &standard).unwrap().locked);
}

#[test]
fn an_empty_file_a_duplicate_key_and_a_file_that_is_no_sheet_are_said_plainly() {
    let standard = standard();
    for empty in ["", "\n\n", "# just a comment\n"] {
        let err = Sheet::from_toml(empty, &standard).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file is empty: a ksb sheet starts with `format = 1`"
        );
    }
    let twice = EXAMPLE.replace("K2 = \"n/a\"\n", "K2 = \"n/a\"\nK1 = 3 # again\n");
    let err = Sheet::from_toml(&twice, &standard).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 15, column 1: duplicate key `K1`: each key is given once"
    );
    let quoted = EXAMPLE.replace("K2 = \"n/a\"\n", "K2 = \"n/a\"\n\"K2\" = 1\n");
    let err = Sheet::from_toml(&quoted, &standard).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("duplicate key `K2`: each key is given once"),
        "{err}"
    );
    let cargo = "[package]\nname = \"x\"\n\n[[bin]]\nname = \"y\"\n";
    let err = Sheet::from_toml(cargo, &standard).unwrap_err();
    assert_eq!(
        err.to_string(),
        "it is not a ksb sheet (a sheet has `format = 1`, `standard` and a [participant] table)"
    );
    // A sheet with a typo is still a sheet, and its error is the precise one.
    let typo = EXAMPLE.replace("[scores]", "[score]");
    let err = Sheet::from_toml(&typo, &standard).unwrap_err();
    assert!(err.to_string().contains("unknown field `score`"), "{err}");
}

#[test]
fn tells_a_sheet_even_a_damaged_one_from_other_files() {
    assert!(looks_like_sheet(EXAMPLE));
    assert!(looks_like_sheet(&EXAMPLE.replace("[scores]", "[scores")));
    assert!(looks_like_sheet("[scores]\nK1 = 2\n"));
    assert!(looks_like_sheet("format = 1\nstandard = \"x\"\n"));
    for other in [
        "",
        "== Heading ==\n{| class=\"wikitable\"\n",
        "[package]\nname = \"x\"\n",
        "format = \"json\"\n",
        "id,category,title\n",
    ] {
        assert!(!looks_like_sheet(other), "{other:?}");
    }
}

#[test]
fn a_reviewer_round_trips_and_a_sheet_without_one_has_none() {
    let standard = standard();
    let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
    assert_eq!(sheet.participant.reviewer, None);
    assert!(!sheet.to_toml(&standard).contains("reviewer"));
    sheet.participant.reviewer = Some("Mentor \"One\"".to_string());
    let text = sheet.to_toml(&standard);
    assert!(text.contains("date = 2026-11-25\nreviewer = "), "{text}");
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    let padded = EXAMPLE.replace(
        "date = 2026-11-25\n",
        "date = 2026-11-25\nreviewer = \" Ann \"\n",
    );
    let read = Sheet::from_toml(&padded, &standard).unwrap();
    assert_eq!(read.participant.reviewer.as_deref(), Some("Ann"));
    for bad in ["\"\"", "\"a\\nb\"", "3"] {
        let text = EXAMPLE.replace(
            "date = 2026-11-25\n",
            &format!("date = 2026-11-25\nreviewer = {bad}\n"),
        );
        let err = Sheet::from_toml(&text, &standard).unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(11), "{bad}: {err}");
    }
}

#[test]
fn names_the_standard_of_any_sheet_text() {
    assert_eq!(
        standard_named(EXAMPLE).as_deref(),
        Some("miraheze-tech-mentoring")
    );
    assert_eq!(
        standard_named("standard = \"other\"\n[x]\ny = 1"),
        Some("other".into())
    );
    assert_eq!(standard_named("not toml ["), None);
    assert_eq!(
        standard_and_username("standard = \"other\"\n[participant]\nusername = \"Ann\"\nx = 1"),
        (Some("other".into()), Some("Ann".into()))
    );
    assert_eq!(standard_and_username("[participant\n"), (None, None));
}

#[test]
fn a_mentor_review_names_the_sheet_it_reviews() {
    let standard = standard();
    assert_eq!(Sheet::from_toml(EXAMPLE, &standard).unwrap().reviews, None);
    let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
    sheet.reviews = Some("selves/me.toml".to_string());
    let text = sheet.to_toml(&standard);
    assert!(
        text.contains("standard_version = \"1.0\"\nreviews = \"selves/me.toml\"\n\n[participant]"),
        "{text}"
    );
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    sheet.reviews = Some("me \"self\" \\ 'x'.toml".to_string());
    let text = sheet.to_toml(&standard);
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    let hostile = EXAMPLE.replace("format = 1\n", "format = 1\nreviews = \"\\u001b[41mX\"\n");
    let err = Sheet::from_toml(&hostile, &standard).unwrap_err();
    assert!(err.message.contains("without control characters"), "{err}");
}

fn error_of(replace: &str, with: &str) -> SheetError {
    assert!(EXAMPLE.contains(replace), "{replace}");
    Sheet::from_toml(&EXAMPLE.replacen(replace, with, 1), &standard()).unwrap_err()
}

#[test]
fn names_line_id_and_value_of_an_invalid_score() {
    for bad in ["4", "-1", "2.5", "\"high\""] {
        let err = error_of("K2 = \"n/a\"", &format!("K2 = {bad}"));
        assert_eq!(err.position.map(|p| p.line), Some(14), "{err}");
        assert!(err.message.starts_with("invalid score"), "{err}");
        assert!(
            err.message
                .contains("for K2: expected 0–3, or \"n/a\" in quotes"),
            "{err}"
        );
    }
}

#[test]
fn refuses_unknown_ids_formats_standards_and_role_focuses() {
    let err = error_of("K2 = \"n/a\"", "K99 = 1");
    assert_eq!(
        err.to_string(),
        "line 14, column 1: unknown KSB id 'K99' in standard 'miraheze-tech-mentoring'"
    );
    let err = error_of("format = 1", "format = 2");
    assert!(
        err.to_string()
            .starts_with("line 1, column 10: unknown sheet format 2"),
        "{err}"
    );
    let err = error_of(
        "standard = \"miraheze-tech-mentoring\"",
        "standard = \"other\"",
    );
    assert!(err.message.contains("for standard 'other'"), "{err}");
    assert_eq!(err.other_standard.as_deref(), Some("other"));
    let err = error_of("\"Infrastructure Specialist\"", "\"Wizard\"");
    assert!(
        err.message
            .contains("role focus 'Wizard' is not one of the standard's"),
        "{err}"
    );
    let err = error_of("date = 2026-11-25", "date = \"31/02/2026\"");
    assert!(err.message.starts_with("invalid date 31/02/2026"), "{err}");
    let err = error_of("[scores]", "[score]");
    assert!(err.message.contains("unknown field"), "{err}");
    let err = Sheet::from_toml("not toml at all", &standard()).unwrap_err();
    assert!(
        err.position.is_some() && !err.message.contains('\n'),
        "{err}"
    );
}

const SHEET_V1_0: &str = include_str!("../../../tests/fixtures/sheet-v1.0.toml");

fn standard_v1_1() -> Standard {
    Standard::from_yaml(include_str!("../../../tests/fixtures/standard-v1.1.yaml")).unwrap()
}

#[test]
fn a_newer_standard_retires_removed_ksbs_and_names_added_ones() {
    let v1_1 = standard_v1_1();
    let (sheet, warnings) = Sheet::from_toml_with_warnings(SHEET_V1_0, &v1_1).unwrap();
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "it was scored against version 1.0 of standard 'miraheze-tech-mentoring', and \
                 version 1.1 no longer has K11: their scores and notes are kept in the file but \
                 left out of summaries",
            "version 1.1 of standard 'miraheze-tech-mentoring' added K12 since version 1.0 \
                 the sheet was scored against: unscored so far"
        ]
    );
    assert_eq!(sheet.score(&id("K11")), None);
    assert_eq!(sheet.score(&id("K1")), Some(Score::Two));
    assert_eq!(sheet.retired_scores().get(&id("K11")), Some(&Score::Three));
    assert_eq!(
        sheet.retired_notes().get(&id("K11")).map(String::as_str),
        Some("Reported the supplier outage")
    );
    assert_eq!(sheet.standard_version, "1.1");

    let saved = sheet.to_toml(&v1_1);
    assert!(saved.contains("standard_version = \"1.1\""), "{saved}");
    assert!(saved.contains("[retired_scores]\nK11 = 3\n"), "{saved}");
    let (again, warnings) = Sheet::from_toml_with_warnings(&saved, &v1_1).unwrap();
    assert_eq!((again, warnings), (sheet, vec![]));
}

#[test]
fn a_retired_ksb_that_comes_back_counts_again() {
    let v1_1 = standard_v1_1();
    let saved = Sheet::from_toml(SHEET_V1_0, &v1_1).unwrap().to_toml(&v1_1);
    let (sheet, warnings) = Sheet::from_toml_with_warnings(&saved, &standard()).unwrap();
    assert_eq!(sheet.score(&id("K11")), Some(Score::Three));
    assert_eq!(sheet.note(&id("K11")), Some("Reported the supplier outage"));
    assert!(sheet.retired_scores().is_empty() && sheet.retired_notes().is_empty());
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "version 1.0 of standard 'miraheze-tech-mentoring' has K11 again: their kept \
              scores and notes count again"
        ]
    );
}

#[test]
fn quotes_ids_with_a_dot_so_they_stay_keys() {
    // Found by the property tests: `K1.2 = 3` is a dotted key, a table in TOML.
    let yaml = crate::model::standard::BUILTIN_YAML.replacen("id: K1\n", "id: K1.2\n", 1);
    let standard = Standard::from_yaml(&yaml).unwrap();
    let mut sheet = Sheet::from_toml(&EXAMPLE.replace("K1 =", "\"K1.2\" ="), &standard).unwrap();
    sheet.set_score(id("K1.2"), Some(Score::Three));
    let text = sheet.to_toml(&standard);
    assert!(text.contains("\"K1.2\" = 3\n"), "{text}");
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
}

#[test]
fn refuses_a_ksb_both_scored_and_retired() {
    let text = format!("{EXAMPLE}\n[retired_scores]\nK1 = 3\n");
    let err = Sheet::from_toml(&text, &standard()).unwrap_err();
    assert_eq!(err.message, "K1 is scored twice");
}

#[test]
fn accepts_lower_case_ids_and_dmy_dates_written_by_hand() {
    let text = EXAMPLE
        .replace("K1 = 2", "k1 = 2")
        .replace("2026-11-25", "\"25/11/2026\"");
    let sheet = Sheet::from_toml(&text, &standard()).unwrap();
    assert_eq!(sheet.score(&id("K1")), Some(Score::Two));
    assert_eq!(
        sheet.participant.date,
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    );
}

mod evidence {
    use super::*;
    use crate::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn item(text: &str, link: Option<&str>, ksbs: &[&str]) -> Evidence {
        Evidence {
            number: 0,
            text: text.to_string(),
            link: link.map(|l| EvidenceLink::parse(l).unwrap()),
            ksbs: ksbs.iter().map(|k| id(k)).collect(),
            added: day(6),
            added_by: "ExampleUser".to_string(),
            verdict: None,
        }
    }

    #[test]
    fn items_are_numbered_kept_apart_and_round_trip() {
        let standard = standard();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        let one = item(
            "Ran the Swift replication check",
            Some("T12345"),
            &["K3", "S2"],
        );
        assert_eq!(sheet.add_evidence(&standard, one).unwrap(), 1);
        let two = item("Wrote \"the\" = page", Some("[[Tech:Swift]]"), &["B1"]);
        assert_eq!(sheet.add_evidence(&standard, two).unwrap(), 2);
        let verdict = Verdict {
            state: VerdictState::Questioned,
            by: "Mentor A".to_string(),
            date: day(7),
            comment: Some("Which task?".to_string()),
        };
        sheet.set_verdict(1, Some(verdict.clone())).unwrap();
        assert_eq!(
            sheet.evidence_item(1).unwrap().text,
            "Ran the Swift replication check"
        );
        assert_eq!(sheet.score(&id("K3")), None, "evidence scores nothing");

        let text = sheet.to_toml(&standard);
        assert!(text.contains("[[evidence]]\nnumber = 1\n"), "{text}");
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);

        sheet.remove_evidence(1).unwrap();
        let three = item("Handled an outage", None, &["S1"]);
        assert_eq!(sheet.add_evidence(&standard, three).unwrap(), 3);
        assert_eq!(
            sheet.remove_evidence(1).unwrap_err().to_string(),
            "the sheet has no evidence item 1 (it has 2, 3)"
        );
    }

    #[test]
    fn no_item_is_added_after_the_largest_number() {
        let standard = standard();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        let mut last = item("Numbered by hand", None, &["K1"]);
        last.number = EvidenceNumber::MAX;
        sheet.set_evidence(vec![last]).unwrap();
        let err = sheet
            .add_evidence(&standard, item("One more", None, &["K2"]))
            .unwrap_err();
        assert_eq!(err, EvidenceError::NoNumberLeft(EvidenceNumber::MAX));
        assert_eq!(sheet.evidence().len(), 1);
    }

    #[test]
    fn an_item_must_name_the_standards_ksbs_once() {
        let standard = standard();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        for (ksbs, want) in [
            (&[][..], "at least one KSB"),
            (&["K99"][..], "unknown KSB id 'K99'"),
            (&["K1", "K1"][..], "names K1 twice"),
        ] {
            let err = sheet
                .add_evidence(&standard, item("x", None, ksbs))
                .unwrap_err();
            assert!(err.to_string().contains(want), "{err}");
        }
        assert!(sheet.evidence().is_empty());
    }

    #[test]
    fn a_hand_edited_item_keeps_its_comments_when_a_verdict_is_added() {
        let standard = standard();
        let text = format!(
            "{EXAMPLE}\n[[evidence]] # the first\nnumber = 4\ntext = \"Ran it\"  # mine\nlink = \"https://example.org/x\"\nksbs = [\"k3\"]\nadded = \"06/12/2026\"\nadded_by = \"ExampleUser\"\n"
        );
        let mut sheet = Sheet::from_toml(&text, &standard).unwrap();
        assert_eq!(sheet.evidence()[0].ksbs, vec![id("K3")]);
        sheet
            .set_verdict(
                4,
                Some(Verdict {
                    state: VerdictState::Checked,
                    by: "Mentor A".to_string(),
                    date: day(7),
                    comment: None,
                }),
            )
            .unwrap();
        sheet
            .add_evidence(&standard, item("Another", None, &["S2"]))
            .unwrap();
        let saved = sheet.to_toml_over(&standard, &text);
        assert!(
            saved.starts_with(&text[..text.find("added_by").unwrap()]),
            "{saved}"
        );
        assert!(
            saved.contains(
                "verdict = { state = \"checked\", by = \"Mentor A\", date = 2026-12-07 }"
            ),
            "{saved}"
        );
        assert!(saved.contains("number = 5"), "{saved}");
        assert_eq!(Sheet::from_toml(&saved, &standard).unwrap(), sheet);
        sheet.remove_evidence(4).unwrap();
        sheet.remove_evidence(5).unwrap();
        let emptied = sheet.to_toml_over(&standard, &saved);
        assert!(!emptied.contains("[[evidence]]"), "{emptied}");
        assert!(emptied.starts_with(EXAMPLE.trim_end()), "{emptied}");
    }

    #[test]
    fn bad_items_are_refused_at_their_line() {
        let standard = standard();
        let base = "[[evidence]]\nnumber = 1\ntext = \"Ran it\"\nksbs = [\"K3\"]\nadded = 2026-12-06\nadded_by = \"ExampleUser\"\n";
        for (extra, want) in [
            (
                "link = \"javascript:alert(1)\"\n",
                "evidence 1: the link 'javascript:alert(1)' uses the scheme 'javascript:'",
            ),
            ("link = \"https://a b\"\n", "has spaces"),
            (
                "verdict = { state = \"maybe\", by = \"M\", date = 2026-12-07 }\n",
                "verdict state 'maybe'",
            ),
            ("colour = 1\n", "unknown field"),
        ] {
            let text = format!("{EXAMPLE}\n{base}{extra}");
            let err = Sheet::from_toml(&text, &standard).unwrap_err();
            assert!(err.to_string().contains(want), "{err}");
            assert!(err.position.is_some(), "{err}");
        }
        let twice = format!("{EXAMPLE}\n{base}\n{base}");
        let err = Sheet::from_toml(&twice, &standard).unwrap_err();
        assert!(
            err.to_string()
                .contains("two evidence items are numbered 1"),
            "{err}"
        );
        let unknown = format!("{EXAMPLE}\n{}", base.replace("K3", "K99"));
        let err = Sheet::from_toml(&unknown, &standard).unwrap_err();
        assert!(err.to_string().contains("unknown KSB id 'K99'"), "{err}");
    }
}
