//! Reading what is already on the wiki: a participant sheet filled in on a wiki page (or
//! exported by `ksb export`), and the standard's own page, from their wikitext or from the text
//! a browser copies off the rendered page.
//!
//! - [`table`] finds the tables of a page, in wikitable markup or as pasted pipe rows;
//! - [`text`] turns a cell's markup into the text a reader sees (reversing `ksb`'s own escaping);
//! - [`header`] reads the participant header list (`Username:`, `Date:`, …);
//! - [`sheet`] and [`standard`] turn the tables into a [`crate::Sheet`] or a
//!   [`crate::Standard`], matching rows to KSBs by title.
//!
//! Nothing here prints: every problem is a [`Problem`] naming its line and row, for the caller
//! to report or to refuse the page over.

pub mod columns;
mod evidence;
pub mod header;
mod problem;
pub mod sheet;
pub mod standard;
pub mod table;
pub mod text;

pub(crate) use problem::shown;
pub use problem::{PageError, Problem, RowRef};

/// Largest page `ksb` reads: 10 MiB, the limit of every file it reads.
pub const MAX_PAGE_BYTES: usize = crate::store::MAX_FILE_BYTES as usize;

/// Refuses a page over [`MAX_PAGE_BYTES`] before any work is done on it.
pub(crate) fn check_size(text: &str) -> Result<(), PageError> {
    if text.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge(text.len()));
    }
    Ok(())
}
