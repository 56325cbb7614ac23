//! Unit tests of `standard`.

use super::*;

fn builtin() -> Standard {
    Standard::builtin()
}

#[test]
fn the_built_in_standard_is_exactly_what_its_yaml_parses_and_validates_to() {
    let parsed = Standard::from_yaml(BUILTIN_YAML).expect("the built-in YAML is valid");
    assert_eq!(builtin(), parsed);
}

#[test]
fn builtin_has_the_programmes_28_ksbs_in_order() {
    let standard = builtin();
    assert_eq!(standard.id, "miraheze-tech-mentoring");
    let ids: Vec<&str> = standard.ksbs.iter().map(|k| k.id.as_str()).collect();
    let mut expected: Vec<String> = (1..=11).map(|n| format!("K{n}")).collect();
    expected.extend((1..=9).map(|n| format!("S{n}")));
    expected.extend((1..=8).map(|n| format!("B{n}")));
    assert_eq!(ids, expected);
    assert_eq!(standard.ksbs_in(Category::Knowledge).count(), 11);
    assert_eq!(standard.ksbs_in(Category::Skill).count(), 9);
    assert_eq!(standard.ksbs_in(Category::Behaviour).count(), 8);
}

#[test]
fn builtin_maps_stack_area_labels_to_canonical_areas() {
    let standard = builtin();
    let areas_of = |label: &str| -> Vec<String> {
        let ksb = standard
            .ksbs
            .iter()
            .find(|k| k.stack_area == label)
            .unwrap();
        ksb.areas.clone()
    };
    assert_eq!(areas_of("Infra (Caching/CDN)"), ["Infra"]);
    assert_eq!(areas_of("Community/All"), ["Community"]);
    assert_eq!(
        areas_of("MediaWiki & Platform Security"),
        ["MediaWiki", "Platform Security"]
    );
    assert_eq!(areas_of("Infra & MediaWiki"), ["Infra", "MediaWiki"]);
    assert_eq!(areas_of("All Areas"), ["All Areas"]);
    assert!(standard.has_shared_areas());
}

#[test]
fn builtin_carries_the_key_and_the_lists() {
    let standard = builtin();
    assert_eq!(
        standard.meaning_of(Score::Two),
        "Confident performing independently"
    );
    assert_eq!(
        standard.meaning_of(Score::NotApplicable),
        "Not relevant to current role"
    );
    assert_eq!(
        standard.mentoring_types,
        ["Mentee", "Mentor", "Peer Support"]
    );
    assert_eq!(
        standard.assessment_types,
        ["Self-assessment", "Mentor review", "Final check"]
    );
    assert_eq!(
        standard.role_focus("infrastructure specialist"),
        Some("Infrastructure Specialist")
    );
    assert_eq!(standard.role_focus("Wizard"), None);
}

fn with_first_ksb(replace: &str, with: &str) -> Result<Standard, StandardError> {
    assert!(BUILTIN_YAML.contains(replace), "{replace}");
    Standard::from_yaml(&BUILTIN_YAML.replacen(replace, with, 1))
}

#[test]
fn names_the_ksb_and_line_of_a_bad_role_focus() {
    let err = with_first_ksb("role_focus: Generalist", "role_focus: Wizard").unwrap_err();
    assert_eq!(err.ksb.as_deref(), Some("K1"));
    let line = BUILTIN_YAML
        .lines()
        .position(|l| l.contains("role_focus: Generalist"))
        .unwrap()
        + 1;
    assert_eq!(err.position.map(|p| p.line), Some(line));
    assert!(
        err.to_string()
            .contains("role focus 'Wizard' is not one of role_focuses"),
        "{err}"
    );
}

#[test]
fn refuses_duplicate_ids_unknown_categories_empty_titles_and_no_areas() {
    let err = with_first_ksb("id: K2", "id: K1").unwrap_err();
    assert_eq!(
        (err.ksb.as_deref(), err.message.as_str()),
        (Some("K1"), "duplicate KSB id")
    );
    let err = with_first_ksb("category: knowledge", "category: wisdom").unwrap_err();
    assert!(err.message.contains("unknown category 'wisdom'"), "{err}");
    let err =
        with_first_ksb("title: \"Open Source Ecosystem Awareness\"", "title: \"\"").unwrap_err();
    assert_eq!(err.message, "title is empty");
    let err = with_first_ksb("areas: [Community]", "areas: []").unwrap_err();
    assert_eq!(err.message, "areas must name at least one area");
    let err = with_first_ksb("areas: [Community]", "areas: [Moon]").unwrap_err();
    assert!(err.message.contains("area 'Moon'"), "{err}");
}

#[test]
fn reads_since_and_refuses_one_newer_than_the_standard() {
    let standard = with_first_ksb(
        "role_focus: Generalist",
        "role_focus: Generalist\n    since: \"1.0\"",
    )
    .unwrap();
    assert_eq!(standard.ksbs[0].since.as_deref(), Some("1.0"));
    assert_eq!(standard.ksbs[1].since, None);
    let err = with_first_ksb(
        "role_focus: Generalist",
        "role_focus: Generalist\n    since: \"1.2\"",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "line {}, column 12: K1: since 1.2 is newer than the standard's version 1.0",
            1 + BUILTIN_YAML
                .lines()
                .position(|l| l.contains("role_focus: Generalist"))
                .unwrap()
                + 1
        )
    );
}

#[test]
fn list_entries_match_whatever_spaces_surround_them() {
    // Found by the property tests: a role focus declared as " Generalist" matched nothing.
    let standard = with_first_ksb("  - Generalist\n", "  - \" Generalist \"\n").unwrap();
    assert_eq!(standard.ksbs[0].role_focus, " Generalist ");
    assert_eq!(standard.role_focus("generalist"), Some(" Generalist "));
    let err = with_first_ksb("  - Mentee\n", "  - Mentee\n  - \" mentee\"\n").unwrap_err();
    assert_eq!(err.message, "mentoring_types lists ' mentee' twice");
}

#[test]
fn refuses_control_characters_a_terminal_would_act_on() {
    let err = with_first_ksb(
        "title: \"Open Source Ecosystem Awareness\"",
        "title: \"Open \\e[31mSource\"",
    )
    .unwrap_err();
    assert_eq!(
        err.message,
        "title contains the control character U+001B; remove it and keep it on one line"
    );
    let err = with_first_ksb("  - Mentee\n", "  - \"Men\\ttee\"\n").unwrap_err();
    assert!(
        err.message
            .starts_with("an entry of mentoring_types contains the control character U+0009"),
        "{err}"
    );
    let standard = with_first_ksb(
        "description: \"Understands",
        "description: \"Two lines,\\nunderstands",
    )
    .unwrap();
    assert!(standard.ksbs[0].description.contains('\n'));
}

#[test]
fn reports_yaml_syntax_errors_on_one_line_with_a_position() {
    let err = Standard::from_yaml("id: [unclosed\n").unwrap_err();
    assert!(err.position.is_some(), "{err}");
    assert_eq!(err.to_string().matches("line").count(), 1, "{err}");
    assert!(!err.to_string().contains('\n'), "{err}");
    let err = Standard::from_yaml("").unwrap_err();
    assert!(!err.to_string().is_empty());
}
