//! Loading sheets and standards never panics or hangs, whatever the bytes: arbitrary input and
//! near-valid mutations of real files (proptest, so it runs in `cargo test` on stable; the
//! cargo-fuzz targets in fuzz/ do the same with coverage guidance on nightly).

use std::time::{Duration, Instant};

use ksb::{Sheet, Standard};
use proptest::prelude::*;

const SHEET: &str = include_str!("fixtures/example.toml");
const SHEET_V1_0: &str = include_str!("fixtures/sheet-v1.0.toml");
const STANDARD_V1_1: &str = include_str!("fixtures/standard-v1.1.yaml");

/// Longest a single parse may take before it counts as a hang (debug build, busy machine).
const PATIENCE: Duration = Duration::from_secs(5);

/// 256 cases keep `cargo test` fast; `PROPTEST_CASES=100000` searches longer.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Loads `text` as a sheet (against two standards) and as a standard, as `ksb` does: any
/// outcome but a panic or a hang is fine, and an error is one line.
fn load_everything(text: &str) -> Result<(), TestCaseError> {
    let builtin = Standard::builtin();
    let v1_1 = Standard::from_yaml(STANDARD_V1_1).unwrap();
    let start = Instant::now();
    for standard in [&builtin, &v1_1] {
        if let Err(err) = Sheet::from_toml_with_warnings(text, standard) {
            prop_assert!(!err.to_string().contains('\n'), "{}", err);
        }
    }
    if let Err(err) = Standard::from_yaml(text) {
        prop_assert!(!err.to_string().contains('\n'), "{}", err);
    }
    prop_assert!(start.elapsed() < PATIENCE, "took {:?}", start.elapsed());
    Ok(())
}

/// Pieces of TOML and YAML syntax that parsers trip on.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "\"",
            "'",
            "'''",
            "\"\"\"",
            "\\",
            "\\u",
            "\\U0010FFFF",
            "[",
            "]",
            "[[",
            "]]",
            "{",
            "}",
            "=",
            ".",
            ",",
            "#",
            "\n",
            "\r\n",
            "\t",
            " ",
            ":",
            "- ",
            "? ",
            "|",
            ">",
            "&a ",
            "*a",
            "!!binary ",
            "!tag ",
            "---\n",
            "...\n",
            "%YAML 1.2\n",
            "<<: ",
            "\u{feff}",
            "\0",
            "1979-05-27T07:32:00Z",
            "2026-02-30",
            "inf",
            "nan",
            "0x7f",
            "1e999",
            "99999999999999999999",
            "-0",
            "n/a",
            "K1",
            "k1",
            "K1.2",
            "[scores]",
            "[notes]",
            "[retired_scores]",
            "[participant]",
            "format = 1",
            "standard_version = \"9\"",
            "ksbs:",
            "  - id: K1\n",
            "since: \"0.1\"",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

/// One edit of a file: delete a range, insert a token, or repeat or drop a line.
#[derive(Debug, Clone)]
enum Edit {
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, String),
    RepeatLine(prop::sample::Index, usize),
    DropLine(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<prop::sample::Index>(), token()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(at, n)| Edit::RepeatLine(at, n)),
        any::<prop::sample::Index>().prop_map(Edit::DropLine),
    ]
}

/// `text` after `edits`, on bytes (so edits may split a character, as real damage does).
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Delete(at, n) => {
                let start = at.index(len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Edit::Insert(at, token) => {
                let at = at.index(len + 1).min(bytes.len());
                bytes.splice(at..at, token.bytes());
            }
            Edit::RepeatLine(at, _) | Edit::DropLine(at) if bytes.contains(&b'\n') => {
                let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
                let pick = at.index(lines.len());
                let mut out: Vec<u8> = Vec::new();
                for (i, line) in lines.iter().enumerate() {
                    let times = match edit {
                        Edit::RepeatLine(_, n) if i == pick => 1 + *n,
                        Edit::DropLine(_) if i == pick => 0,
                        _ => 1,
                    };
                    for _ in 0..times {
                        out.extend_from_slice(line);
                        out.push(b'\n');
                    }
                }
                bytes = out;
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn seed() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        SHEET,
        SHEET_V1_0,
        STANDARD_V1_1,
        ksb::model::standard::BUILTIN_YAML,
        include_str!("fixtures/other-standard.yaml"),
    ])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_everything(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        load_everything(&text)?;
    }

    #[test]
    fn near_valid_files_never_panic(
        seed in seed(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        load_everything(&mutate(seed, &edits))?;
    }
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    for text in [
        format!("a = {}{}", "[".repeat(depth), "]".repeat(depth)),
        format!("a = {}{}", "{a=".repeat(depth), "}".repeat(depth)),
        format!("ksbs: {}{}", "[".repeat(depth), "]".repeat(depth)),
        format!(
            "ksbs:\n{}",
            (0..2000)
                .map(|i| format!("{}- \n", " ".repeat(i)))
                .collect::<String>()
        ),
    ] {
        load_everything(&text).unwrap();
    }
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly() {
    let mut text = String::from("role_focuses: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    text.push_str("areas: *a11\n");
    load_everything(&text).unwrap();
}
