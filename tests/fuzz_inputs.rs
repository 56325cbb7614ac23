//! Loading sheets and standards never panics or hangs, whatever the bytes: arbitrary input and
//! near-valid mutations of real files (proptest, so it runs in `cargo test` on stable; the
//! cargo-fuzz targets in fuzz/ do the same with coverage guidance on nightly).
//!
//! No parse is timed: the tests that load run in a child process of the test binary
//! ([`loading_never_panics_or_hangs`]), killed when it has not finished by a deadline far
//! beyond what they take, so a hang fails the run instead of holding it up.

use std::process::Stdio;
use std::time::{Duration, Instant};

use ksb::{Sheet, Standard};
use proptest::prelude::*;

const SHEET: &str = include_str!("fixtures/example.toml");
const SHEET_V1_0: &str = include_str!("fixtures/sheet-v1.0.toml");
const STANDARD_V1_1: &str = include_str!("fixtures/standard-v1.1.yaml");

/// The number of tests below that [`loading_never_panics_or_hangs`] runs in its child.
const IN_THE_CHILD: usize = 5;

/// How long the child may run per 256 cases before it counts as hung and is killed: far
/// beyond the few seconds it takes in a debug build on a busy machine.
const DEADLINE_PER_256_CASES: Duration = Duration::from_secs(600);

/// 256 cases keep `cargo test` fast; `PROPTEST_CASES=100000` searches longer.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs the ignored tests of this module in a child process of this test binary, and kills it
/// if it has not ended by the deadline: loading never panics, and never hangs.
#[test]
fn loading_never_panics_or_hangs() {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let log = tempfile::tempfile().expect("a log file");
    let mut child = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args([&format!("{module}::"), "--ignored"])
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("the log file"))
        .stderr(log.try_clone().expect("the log file"))
        .spawn()
        .expect("run the test binary");
    let deadline = Instant::now() + DEADLINE_PER_256_CASES * cases().div_ceil(256).max(1);
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let said = {
        use std::io::{Read as _, Seek as _};
        let mut log = log;
        let mut said = String::new();
        log.rewind().expect("rewind the log");
        log.read_to_string(&mut said).expect("read the log");
        said
    };
    let status = status.unwrap_or_else(|| panic!("killed: still loading at the deadline\n{said}"));
    assert!(status.success(), "{said}");
    let passed = format!("test result: ok. {IN_THE_CHILD} passed");
    assert!(said.contains(&passed), "{said}");
}

/// Loads `text` as a sheet (against two standards) and as a standard, as `ksb` does: any
/// outcome but a panic (or a hang, which [`loading_never_panics_or_hangs`] catches) is fine,
/// and an error is one line.
fn load_everything(text: &str) -> Result<(), TestCaseError> {
    let builtin = Standard::builtin();
    let v1_1 = Standard::from_yaml(STANDARD_V1_1).unwrap();
    for standard in [&builtin, &v1_1] {
        if let Err(err) = Sheet::from_toml_with_warnings(text, standard) {
            prop_assert!(!err.to_string().contains('\n'), "{}", err);
        }
    }
    if let Err(err) = Standard::from_yaml(text) {
        prop_assert!(!err.to_string().contains('\n'), "{}", err);
    }
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
    #[ignore = "run in a child process by loading_never_panics_or_hangs"]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_everything(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    #[ignore = "run in a child process by loading_never_panics_or_hangs"]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        load_everything(&text)?;
    }

    #[test]
    #[ignore = "run in a child process by loading_never_panics_or_hangs"]
    fn near_valid_files_never_panic(
        seed in seed(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        load_everything(&mutate(seed, &edits))?;
    }
}

#[test]
#[ignore = "run in a child process by loading_never_panics_or_hangs"]
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
#[ignore = "run in a child process by loading_never_panics_or_hangs"]
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
