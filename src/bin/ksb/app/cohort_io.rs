//! Reading many sheets in parallel into one cohort's figures, keeping the sheets that do not load
//! apart so the rest are still counted.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::ProgressBar;
use ksb::{Cohort, Standard};
use rayon::prelude::*;

use crate::app::sheet_io;

/// A sheet that did not load: its place in the list read, and why (the error names the file).
pub struct BadSheet {
    /// Position of the sheet in the list given to [`read`].
    pub index: usize,
    /// What went wrong, with the sheet's path in its context.
    pub error: anyhow::Error,
}

/// What reading a cohort gave: the figures of every sheet that loaded, and those that did not.
pub struct Reading {
    /// Figures of the sheets that loaded.
    pub cohort: Cohort,
    /// Sheets that did not load, in the order of the list read.
    pub bad: Vec<BadSheet>,
    /// Warnings of the sheets that loaded, each with its sheet's position in the list and
    /// naming its file, in the order of the list read: the caller prints them once the
    /// progress bar is gone.
    pub warnings: Vec<(usize, String)>,
}

impl Reading {
    fn empty(standard: &Standard) -> Reading {
        Reading {
            cohort: Cohort::empty(standard),
            bad: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn merge(mut self, other: Reading) -> Reading {
        self.cohort.merge(&other.cohort);
        self.bad.extend(other.bad);
        self.warnings.extend(other.warnings);
        self
    }
}

/// Reads `sheets` on every core, each thread counting its share into its own [`Cohort`] (so
/// memory holds figures, never the sheets), then adds the shares up.
///
/// With `strict`, sheets after the first bad one in the list are skipped; every sheet before it
/// is still read, so the bad sheet reported first is the first in the list, whatever the
/// threads' timing.
pub fn read(
    standard: &Standard,
    sheets: &[PathBuf],
    strict: bool,
    progress: Option<&ProgressBar>,
) -> Reading {
    let first_bad = AtomicUsize::new(usize::MAX);
    let mut reading = sheets
        .par_iter()
        .enumerate()
        .fold(
            || Reading::empty(standard),
            |mut share, (index, path)| {
                if strict && index > first_bad.load(Ordering::Relaxed) {
                    return share;
                }
                match sheet_io::load_sheet(path, standard) {
                    Ok(loaded) => {
                        let (sheet, warnings) = loaded.into_parts();
                        share.cohort.add_sheet(standard, &sheet);
                        share
                            .warnings
                            .extend(warnings.into_iter().map(|w| (index, w)));
                    }
                    Err(error) => {
                        first_bad.fetch_min(index, Ordering::Relaxed);
                        share.bad.push(BadSheet { index, error });
                    }
                }
                if let Some(bar) = progress {
                    bar.inc(1);
                }
                share
            },
        )
        .reduce(|| Reading::empty(standard), Reading::merge);
    reading.bad.sort_by_key(|bad| bad.index);
    // A stable sort: one sheet's warnings keep their order.
    reading.warnings.sort_by_key(|(index, _)| *index);
    reading
}
