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
use ksb::figures::selection::{key_of, Gather, People, Placed, Recency, Selection};
use ksb::model::assessment;
use ksb::model::sheet;
use ksb::report::cohort::plural;
use ksb::{Sheet, Standard};
use rayon::prelude::*;

use crate::app::{output, sheet_io};
use crate::cli::SelectionArgs;

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

/// The sheets `paths` name (files, and folders searched recursively), each file once; no sheet
/// at all is an error.
pub fn list(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    sheet_io::refuse_repeated_stdin(paths)?;
    let sheets = ksb::store::find_sheets(paths)?;
    if sheets.is_empty() {
        let quoted: Vec<String> = paths
            .iter()
            .map(|path| format!("'{}'", path.display()))
            .collect();
        bail!("no sheets (*.toml files) found in {}", quoted.join(", "));
    }
    Ok(sheets)
}

/// A cohort read as every cohort command reads one: what loaded, and how many did not.
pub struct Gathered<G> {
    /// The figures gathered from the sheets that loaded.
    pub gathered: G,
    /// Every participant with a sheet that loaded.
    pub people: People,
    /// How many sheets loaded, were listed and did not load.
    pub count: SheetCount,
}

/// How many sheets a cohort command listed, and how many of them loaded.
#[derive(Debug, Clone, Copy)]
pub struct SheetCount {
    /// How many sheets loaded.
    pub read: usize,
    /// How many sheets were listed.
    pub listed: usize,
}

impl SheetCount {
    /// After the report: exit 1 when some sheets did not load (each already reported on
    /// stderr), saying how many.
    pub fn check(self) -> Result<()> {
        if self.read < self.listed {
            bail!(
                "{} of {} sheets could not be read; the report counts the other {}",
                self.listed - self.read,
                self.listed,
                self.read
            );
        }
        Ok(())
    }
}

/// The selection `--type`, `--as-of` and `--all-sheets` ask for, the type resolved to the
/// standard's spelling.
pub fn selection(args: &SelectionArgs, standard: &Standard) -> Result<Selection> {
    let assessment_type = match &args.assessment_type {
        Some(text) => Some(assessment_type(standard, text)?),
        None => None,
    };
    Ok(Selection {
        assessment_type,
        as_of: args.as_of,
        all_sheets: args.all_sheets,
    })
}

/// The assessment type `--type` names: one of the standard's, or its short name.
fn assessment_type(standard: &Standard, text: &str) -> Result<String> {
    match assessment::named(standard, text) {
        Some(kind) => Ok(kind.to_string()),
        None => {
            let short: Vec<&str> = assessment::SHORT_NAMES
                .iter()
                .filter(|(_, full)| standard.assessment_type(full).is_some())
                .map(|(short, _)| *short)
                .collect();
            bail!(
                "--type '{text}' is not an assessment type: one of {}{}",
                short.join(", "),
                standard
                    .assessment_types
                    .iter()
                    .map(|kind| format!(", {kind}"))
                    .collect::<String>()
            )
        }
    }
}

/// Reads `sheets` with a progress bar on a terminal, then prints the warnings and one line per
/// sheet that did not load on stderr, in the order listed; with `strict` the first sheet that
/// did not load is the error and nothing else is printed.
pub fn gather<G: Gather>(
    standard: &Standard,
    sheets: &[PathBuf],
    strict: bool,
    gathered: G,
) -> Result<Gathered<G>> {
    let progress = output::sheet_progress(sheets.len());
    let reading = read(standard, sheets, strict, progress.as_ref(), gathered);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let reading = reading?;
    for (_, warning) in &reading.warnings {
        output::warn(warning);
    }
    let mut bad: Vec<anyhow::Error> = reading.bad.into_iter().map(|bad| bad.error).collect();
    if strict && !bad.is_empty() {
        return Err(bad.swap_remove(0));
    }
    for error in &bad {
        eprintln!("{}", output::error_line(error));
    }
    if reading.sheets == 0 {
        bail!(
            "none of the {} could be read",
            plural(sheets.len(), "sheet")
        );
    }
    Ok(Gathered {
        gathered: reading.gathered,
        people: reading.people,
        count: SheetCount {
            read: reading.sheets,
            listed: sheets.len(),
        },
    })
}
