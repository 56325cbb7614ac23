//! Talking to the programme's MediaWiki wiki through its Action API (`api.php`): reading pages
//! in batches, logging in with a bot password or an OAuth 2 token, and editing a page only on
//! top of the revision `ksb` last saw, so that nobody's edit is overwritten.
//!
//! The client is blocking (`ureq`): a command does one thing at a time, and a cohort pull is a
//! handful of batched requests. It never prints and never reads the environment: the binary
//! hands it the URL, the credentials and the retry policy.

pub mod api;
pub mod chart;
pub mod client;
pub mod cohort_page;
pub mod error;
pub mod merge;
pub mod page;
pub mod picture;
pub mod publish;
pub mod report_page;
pub mod retry;
pub mod stamp;
pub mod summary;
pub mod sync;
pub mod title;

pub use client::{Auth, Client, Connection, Secret};
pub use error::WikiError;
pub use retry::Retry;

/// The lowercase hex SHA-256 of `text`: what a sheet records of the wikitext it published, so
/// that a later command can tell whether the sheet changed since.
pub fn digest(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_digest_is_sha256_in_hex() {
        assert_eq!(
            super::digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
