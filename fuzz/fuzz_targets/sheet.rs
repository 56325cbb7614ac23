//! Any bytes read as a sheet, against the built-in standard and a newer version of it: an error
//! is fine, a panic or a hang is a bug.
#![no_main]

use std::sync::OnceLock;

use ksb::{Sheet, Standard};
use libfuzzer_sys::fuzz_target;

fn standards() -> &'static [Standard; 2] {
    static STANDARDS: OnceLock<[Standard; 2]> = OnceLock::new();
    STANDARDS.get_or_init(|| {
        [
            Standard::builtin(),
            Standard::from_yaml(include_str!("../../tests/fixtures/standard-v1.1.yaml"))
                .expect("version 1.1 fixture"),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for standard in standards() {
        if let Ok((sheet, _)) = Sheet::from_toml_with_warnings(text, standard) {
            // What loads must save and load back the same.
            let saved = sheet.to_toml(standard);
            let again = Sheet::from_toml(&saved, standard).expect("a saved sheet loads");
            assert_eq!(again, sheet);
        }
    }
});
