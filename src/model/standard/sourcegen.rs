//! Writes [`Standard::builtin`]'s code (src/model/standard/builtin.rs) from the library's own
//! types, as rust-analyzer's sourcegen does: the test below makes the code from what
//! [`Standard::from_yaml`] reads in [`BUILTIN_YAML`], and fails when the file in the
//! repository differs, after writing the fresh one, so that running the tests once more and
//! committing the file is the fix. The standard's shape is declared once, in `standard.rs`;
//! the destructuring below stops compiling when a field is added there.

use std::fmt::Write as _;
use std::path::Path;

use super::{Category, HeaderText, KeyEntry, Ksb, Standard, BUILTIN_YAML};
use crate::model::score::Score;

/// Where the generated code lives, from the crate's root.
const GENERATED: &str = "src/model/standard/builtin.rs";

/// Rust code that builds `standard` without parsing it.
fn rust_code(standard: &Standard) -> String {
    let Standard {
        id,
        title,
        version,
        role_focuses,
        areas,
        scoring_key,
        mentoring_types,
        assessment_types,
        participant_header,
        ksbs,
    } = standard;
    let mut code = String::from(
        "//! The built-in standard as code, so that no command spends its start-up parsing YAML.\n\
         //! Generated from standards/miraheze-tech-mentoring.yaml by the test in\n\
         //! src/model/standard/sourcegen.rs: do not edit; change the YAML and run\n\
         //! `cargo test --lib sourcegen` (twice: the first run rewrites this file and fails).\n\
         \n\
         use super::{Category, HeaderText, KeyEntry, Ksb, Standard};\n\
         use crate::model::id::KsbId;\n\
         use crate::model::score::Score;\n\
         \n\
         /// The built-in standard, as [`Standard::from_yaml`] reads its YAML.\n\
         #[rustfmt::skip]\n\
         pub(super) fn standard() -> Standard {\n    Standard {\n",
    );
    for (name, value) in [("id", id), ("title", title), ("version", version)] {
        writeln!(code, "        {name}: {},", string(value)).unwrap();
    }
    writeln!(code, "        role_focuses: {},", strings(role_focuses)).unwrap();
    writeln!(code, "        areas: {},", strings(areas)).unwrap();
    code.push_str("        scoring_key: vec![\n");
    for KeyEntry {
        score,
        meaning,
        short,
    } in scoring_key
    {
        writeln!(
            code,
            "            KeyEntry {{ score: Score::{}, meaning: {}, short: {} }},",
            score_variant(*score),
            string(meaning),
            optional(short)
        )
        .unwrap();
    }
    code.push_str("        ],\n");
    writeln!(
        code,
        "        mentoring_types: {},",
        strings(mentoring_types)
    )
    .unwrap();
    writeln!(
        code,
        "        assessment_types: {},",
        strings(assessment_types)
    )
    .unwrap();
    let HeaderText {
        username,
        role_focus,
        mentoring_type,
        assessment_type,
        date,
        username_hint,
    } = participant_header;
    code.push_str("        participant_header: HeaderText {\n");
    for (name, value) in [
        ("username", username),
        ("role_focus", role_focus),
        ("mentoring_type", mentoring_type),
        ("assessment_type", assessment_type),
        ("date", date),
        ("username_hint", username_hint),
    ] {
        writeln!(code, "            {name}: {},", string(value)).unwrap();
    }
    code.push_str("        },\n        ksbs: vec![\n");
    for Ksb {
        id,
        category,
        title,
        description,
        stack_area,
        areas,
        role_focus,
        since,
    } in ksbs
    {
        writeln!(
            code,
            "            Ksb {{ id: KsbId::trusted({:?}), category: Category::{}, title: {}, \
             description: {}, stack_area: {}, areas: {}, role_focus: {}, since: {} }},",
            id.as_str(),
            category_variant(*category),
            string(title),
            string(description),
            string(stack_area),
            strings(areas),
            string(role_focus),
            optional(since)
        )
        .unwrap();
    }
    code.push_str("        ],\n    }\n}\n");
    code
}

fn string(text: &str) -> String {
    format!("{text:?}.to_string()")
}

fn strings(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|text| string(text)).collect();
    format!("vec![{}]", items.join(", "))
}

fn optional(text: &Option<String>) -> String {
    match text {
        Some(text) => format!("Some({})", string(text)),
        None => "None".to_string(),
    }
}

fn score_variant(score: Score) -> &'static str {
    match score {
        Score::Zero => "Zero",
        Score::One => "One",
        Score::Two => "Two",
        Score::Three => "Three",
        Score::NotApplicable => "NotApplicable",
    }
}

fn category_variant(category: Category) -> &'static str {
    match category {
        Category::Knowledge => "Knowledge",
        Category::Skill => "Skill",
        Category::Behaviour => "Behaviour",
    }
}

#[test]
fn the_generated_builtin_standard_is_up_to_date() {
    let parsed = Standard::from_yaml(BUILTIN_YAML).expect("the built-in YAML is valid");
    let fresh = rust_code(&parsed);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != fresh {
        std::fs::write(&path, &fresh).expect("writing the generated standard");
        panic!(
            "{GENERATED} was stale and has been written again: run the tests again and commit it"
        );
    }
}
