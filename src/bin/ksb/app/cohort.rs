//! A cohort read for a report: the sheets its paths name, read in parallel ([`cohort_io`]),
//! the warnings and the sheets that did not load told on stderr, and the exit status they give.

use std::path::PathBuf;

use anyhow::{bail, Result};
use ksb::figures::selection::{Gather, People};
use ksb::report::cohort::plural;
use ksb::Standard;

use crate::app::cohort_io::read;
use crate::app::{sheet_io, stderr};

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

/// Reads `sheets` with a progress bar on a terminal, then prints the warnings and one line per
/// sheet that did not load on stderr, in the order listed; with `strict` the first sheet that
/// did not load is the error and nothing else is printed.
pub fn gather<G: Gather>(
    standard: &Standard,
    sheets: &[PathBuf],
    strict: bool,
    gathered: G,
) -> Result<Gathered<G>> {
    let progress = stderr::sheet_progress(sheets.len());
    let reading = read(standard, sheets, strict, progress.as_ref(), gathered);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let reading = reading?;
    for (_, warning) in &reading.warnings {
        stderr::warn(warning);
    }
    let mut bad: Vec<anyhow::Error> = reading.bad.into_iter().map(|bad| bad.error).collect();
    if strict && !bad.is_empty() {
        return Err(bad.swap_remove(0));
    }
    for error in &bad {
        eprintln!("{}", stderr::error_line(error));
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
