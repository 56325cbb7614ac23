//! The integration tests: one test binary, linked once, whose modules each test one area of
//! `ksb` through the real binary (or the library), all through the one harness in `common`.
//!
//! Cargo does not find test files on its own here (`autotests = false` in Cargo.toml): a file
//! under tests/ runs only when it is declared below, and [`every_test_file_is_declared`] fails
//! when one is not.

mod common;

mod assess;
mod badge;
mod big_inputs;
mod cohort;
mod concurrent_writers;
mod core_commands;
mod csv_everywhere;
mod ecosystem;
mod evidence;
mod evidence_reports;
mod evidence_wiki;
mod export;
mod export_properties;
mod faults;
mod first_use;
mod fuzz_inputs;
mod hand_edits;
mod import;
mod import_hostile;
mod import_properties;
mod interop;
mod messages;
mod odd_input;
mod programme;
mod programme_pictures;
mod properties;
mod readme;
mod review;
mod review_reports;
mod signals;
mod special_files;
mod standard_changes;
mod standard_import;
mod standard_text;
mod static_build;
mod terminal;
mod walk;
mod wiki;
mod wiki_faults;
mod wiki_pictures;
mod wiki_shared;

/// Every `tests/NAME.rs` is a module above, so none is silently left out of the run.
#[test]
fn every_test_file_is_declared() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("tests/main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/") {
        let name = entry.expect("an entry of tests/").file_name();
        let name = name.to_string_lossy();
        if let Some(module) = name.strip_suffix(".rs") {
            if module != "main" && !main.contains(&format!("\nmod {module};\n")) {
                missing.push(name.into_owned());
            }
        }
    }
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "test files not declared in tests/main.rs"
    );
}
