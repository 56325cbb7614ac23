//! Any bytes read as a wiki page, by both imports: an error or a list of problems is fine, a
//! panic or a hang is a bug.
#![no_main]

use ksb::import::{sheet, standard};
use ksb::Standard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let builtin = Standard::builtin();
        if let Ok(page) = sheet::read(text, &builtin) {
            let _ = page.to_sheet(&builtin);
        }
        let _ = standard::read(text, &builtin, &standard::Options::default());
    }
});
