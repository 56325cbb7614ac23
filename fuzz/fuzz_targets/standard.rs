//! Any bytes read as a standard: an error is fine, a panic or a hang is a bug.
#![no_main]

use ksb::Standard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Standard::from_yaml(text);
    }
});
