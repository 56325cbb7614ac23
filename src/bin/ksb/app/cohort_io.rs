//! Reading many sheets in parallel into a cohort's figures, keeping the sheets that do not load
//! apart so the rest are still counted.
//!
//! The pool's threads read and check the sheets; one thread gathers the figures as the sheets
//! come in. The readers' memory then only ever holds the sheets being read (it is reused from
//! sheet to sheet), and what the figures keep is allocated apart from it, so memory stays
//! flat whatever the cohort's size.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{bail, Context as _, Result};
use indicatif::ProgressBar;
use ksb::figures::selection::{key_of, Gather, People, Placed, Recency};
use ksb::model::sheet;
use ksb::{Sheet, Standard};
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
pub struct Reading<G> {
    /// The figures gathered from the sheets that loaded.
    pub gathered: G,
    /// Every participant with a sheet that loaded.
    pub people: People,
    /// How many sheets loaded.
    pub sheets: usize,
    /// Sheets that did not load, in the order of the list read.
    pub bad: Vec<BadSheet>,
    /// Warnings of the sheets that loaded, each with its sheet's position in the list and
    /// naming its file, in the order of the list read: the caller prints them once the
    /// progress bar is gone.
    pub warnings: Vec<(usize, String)>,
}

/// A sheet that did not load because it names another standard, and whose it is.
struct Foreign {
    index: usize,
    standard: String,
    key: String,
    username: String,
}

/// One sheet as a reader hands it to the gathering thread.
enum Read {
    /// The sheet loaded, with its warnings.
    Loaded {
        index: usize,
        sheet: Box<Sheet>,
        warnings: Vec<String>,
    },
    /// It did not; `foreign` when it names another standard.
    Bad {
        bad: BadSheet,
        foreign: Option<Foreign>,
    },
}

/// How many read sheets may wait for the gathering thread: none, so each reader thread holds
/// one sheet at a time (the one it reads, or hands over), and a cohort of big sheets takes the
/// memory of a few of them, not of the queue.
const WAITING: usize = 0;

/// Reads and checks the sheet at `path`, listed at `index`.
fn read_one(standard: &Standard, index: usize, path: &Path) -> Read {
    let bad = |error: anyhow::Error, foreign| Read::Bad {
        bad: BadSheet { index, error },
        foreign,
    };
    let text = match sheet_io::read_text(path)
        .with_context(|| format!("reading sheet {}", sheet_io::name(path)))
    {
        Ok(text) => text,
        Err(error) => return bad(error, None),
    };
    match sheet_io::parse_sheet(path, &text, standard) {
        Ok(loaded) => {
            let (sheet, warnings) = loaded.into_parts();
            Read::Loaded {
                index,
                sheet: Box::new(sheet),
                warnings,
            }
        }
        Err(error) => {
            let foreign = match sheet::standard_and_username(&text) {
                (Some(other), Some(username)) if other != standard.id => Some(Foreign {
                    index,
                    standard: other,
                    key: ksb::model::username::canonical(&username),
                    username,
                }),
                _ => None,
            };
            bad(error, foreign)
        }
    }
}

/// Reads `sheets` on every core of the pool while this thread gathers them into `gathered`
/// as they come in (so memory holds what the figures keep and one sheet per reader thread,
/// never the cohort's sheets).
///
/// With `strict`, sheets after the first bad one in the list are skipped; every sheet before it
/// is still read, so the bad sheet reported first is the first in the list, whatever the
/// threads' timing. A participant with a sheet of the standard in use and one of another
/// standard is an error naming both files: their sheets cannot be put in one order.
pub fn read<G: Gather>(
    standard: &Standard,
    sheets: &[PathBuf],
    strict: bool,
    progress: Option<&ProgressBar>,
    gathered: G,
) -> Result<Reading<G>> {
    let first_bad = AtomicUsize::new(usize::MAX);
    let mut reading = Reading {
        gathered,
        people: People::default(),
        sheets: 0,
        bad: Vec::new(),
        warnings: Vec::new(),
    };
    let mut foreign: Vec<Foreign> = Vec::new();
    let (sender, received) = mpsc::sync_channel::<Read>(WAITING);
    std::thread::scope(|scope| {
        let first_bad = &first_bad;
        scope.spawn(move || {
            sheets
                .par_iter()
                .enumerate()
                .for_each_with(sender, |sender, (index, path)| {
                    if strict && index > first_bad.load(Ordering::Relaxed) {
                        return;
                    }
                    let read = read_one(standard, index, path);
                    if matches!(read, Read::Bad { .. }) {
                        first_bad.fetch_min(index, Ordering::Relaxed);
                    }
                    // The receiver only goes when this thread's scope ends.
                    let _ = sender.send(read);
                });
        });
        for read in received {
            match read {
                Read::Loaded {
                    index,
                    sheet,
                    warnings,
                } => {
                    let key = key_of(&sheet.participant);
                    let placed = Placed {
                        key: &key,
                        recency: Recency::of(standard, &sheet.participant, index),
                    };
                    reading.people.add(standard, placed, &sheet);
                    reading.gathered.add(standard, placed, &sheet);
                    reading.sheets += 1;
                    reading
                        .warnings
                        .extend(warnings.into_iter().map(|w| (index, w)));
                }
                Read::Bad {
                    bad,
                    foreign: other,
                } => {
                    reading.bad.push(bad);
                    foreign.extend(other);
                }
            }
            if let Some(bar) = progress {
                bar.inc(1);
            }
        }
    });
    foreign.sort_by_key(|f| f.index);
    for other in &foreign {
        if let Some((recency, _)) = reading.people.names.get(&other.key) {
            bail!(
                "participant '{}' has sheets of two standards: '{}' is for standard '{}' and '{}' for standard '{}'; a participant's sheets must all be of one standard",
                other.username,
                sheets[recency.index].display(),
                standard.id,
                sheets[other.index].display(),
                other.standard
            );
        }
    }
    reading.bad.sort_by_key(|bad| bad.index);
    // A stable sort: one sheet's warnings keep their order.
    reading.warnings.sort_by_key(|(index, _)| *index);
    Ok(reading)
}
