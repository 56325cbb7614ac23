//! Saving a sheet through the library's locked [`store::SheetFile`], its errors worded for the
//! person at the terminal (with the command that mends each) and its warnings printed.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use ksb::store::{self, LockError, ReplaceError, SheetFileError, MAX_FILE_BYTES};
use ksb::{LoadWarning, Sheet, Standard};

use crate::app::sheet_io::{is_stdin, name, read_text_and_snapshot};
use crate::app::shell;
use crate::app::stderr;
use crate::app::{signals, standard_choice};

pub use store::Updated;

/// A sheet that is locked as a finished assessment: no command changes it, and only
/// [`SheetFile::set_locked`] (`ksb lock --undo`) unlocks it.
#[derive(Debug, thiserror::Error)]
#[error(
    "sheet '{}' is locked as a finished assessment; unlock it first with `ksb lock --undo {}`",
    .path.display(),
    shell::shell_word(&.path.display().to_string())
)]
pub struct SheetLocked {
    /// The sheet, as the user named it.
    pub path: PathBuf,
}

/// A sheet file being worked on, and the only way `ksb` writes a sheet: the library's
/// [`store::SheetFile`] (lock, check, write, rename, refuse a locked sheet), with errors that
/// name the file and say what to do.
pub struct SheetFile(store::SheetFile);

impl SheetFile {
    /// Reads and checks the sheet at `path` to change it; refuses a locked sheet
    /// ([`SheetLocked`]) before anything is asked or changed. A command that changes a sheet
    /// works on that one sheet, so its warnings are printed here, before anything else.
    pub fn open(path: &Path, standard: &Standard) -> Result<(SheetFile, Sheet)> {
        let (file, sheet) = SheetFile::open_even_locked(path, standard)?;
        if sheet.locked {
            return Err(SheetLocked {
                path: path.to_path_buf(),
            }
            .into());
        }
        Ok((file, sheet))
    }

    /// Reads and checks the sheet at `path` (or standard input for `-`), locked or not.
    fn open_even_locked(path: &Path, standard: &Standard) -> Result<(SheetFile, Sheet)> {
        let (text, snapshot) = read_text_and_snapshot(path)
            .map_err(|err| err.context(format!("reading sheet {}", name(path))))?;
        let opened = store::SheetFile::of_text(path, text, snapshot, standard)
            .map_err(|err| explain(path, err))?;
        warn(path, &opened.warnings);
        Ok((SheetFile(opened.file), opened.sheet))
    }

    /// A sheet file to be created: its first save refuses if another program created the file
    /// first.
    pub fn create(path: &Path) -> SheetFile {
        SheetFile(store::SheetFile::create(path))
    }

    /// Where the sheet is.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Whether the file is there as far as `ksb` knows: it was read, or written since
    /// [`SheetFile::create`].
    pub fn is_there(&self) -> bool {
        self.0.is_there()
    }

    /// Changes the sheet at `path` as it is now, for a command that says what to set rather
    /// than what it saw (`ksb score`): see [`store::SheetFile::update`]. The sheet's warnings
    /// are printed before `change` runs.
    pub fn update(
        path: &Path,
        standard: &Standard,
        change: impl FnOnce(Option<Sheet>) -> Result<Sheet>,
    ) -> Result<Updated> {
        signals::install()?;
        store::SheetFile::update(path, standard, |current| {
            let current = current.map(|(sheet, warnings)| {
                warn(path, &warnings);
                sheet
            });
            change(current)
        })
        .map_err(|err| match err.downcast::<SheetFileError>() {
            Ok(err) => explain(path, err),
            Err(err) => err,
        })
    }

    /// Locks (`ksb lock`) or unlocks (`ksb lock --undo`) the sheet at `path`: the one way to
    /// write a locked sheet or over one. Returns whether the file changed.
    pub fn set_locked(path: &Path, standard: &Standard, locked: bool) -> Result<bool> {
        signals::install()?;
        store::SheetFile::set_locked(path, standard, locked).map_err(|err| explain(path, err))
    }

    /// Puts the sheet at `path` in step with its page (`ksb wiki publish`): `updated` is
    /// written provided the file still holds `expected`, apart from its wiki record; see
    /// [`store::SheetFile::record_wiki`].
    pub fn record_wiki(
        path: &Path,
        standard: &Standard,
        expected: &Sheet,
        updated: &Sheet,
    ) -> Result<()> {
        signals::install()?;
        match store::SheetFile::record_wiki(path, standard, expected, updated) {
            Ok(()) => Ok(()),
            Err(SheetFileError::NotAsRead(_)) => {
                let record = updated.wiki.as_ref();
                bail!(
                    "sheet '{}' changed while it was being published: revision {} of page '{}' holds the sheet as it was; run `ksb wiki publish` again",
                    path.display(),
                    record.map_or(0, |r| r.revision),
                    record.map_or("", |r| r.page.as_str())
                )
            }
            Err(err) => Err(explain(path, err)),
        }
    }

    /// Saves the sheet atomically, readable by its owner only, unless another program changed,
    /// deleted or created the file since `ksb` last read or wrote it; see
    /// [`store::SheetFile::save`].
    pub fn save(&mut self, standard: &Standard, sheet: &Sheet) -> Result<()> {
        let path = self.0.path().to_path_buf();
        if is_stdin(&path) {
            bail!("a sheet read from standard input cannot be saved: name its file instead");
        }
        signals::install()?;
        self.0
            .save(standard, sheet)
            .map_err(|err| explain(&path, err))
    }
}

/// Prints the warnings reading the sheet at `path` gave, each naming the file.
fn warn(path: &Path, warnings: &[LoadWarning]) {
    for warning in warnings {
        stderr::warn(&format!("reading sheet {}: {warning}", name(path)));
    }
}

/// The library's refusal, worded for the person at the terminal: the file, and what to do.
fn explain(path: &Path, err: SheetFileError) -> anyhow::Error {
    let saving = || format!("saving sheet '{}'", path.display());
    let shown = path.display();
    match err {
        SheetFileError::Read(err) => {
            anyhow::Error::new(err).context(format!("reading sheet {}", name(path)))
        }
        SheetFileError::Sheet(err) => {
            standard_choice::advised(err).context(format!("reading sheet {}", name(path)))
        }
        SheetFileError::Locked(path) => SheetLocked { path }.into(),
        SheetFileError::Lock(LockError::Busy { path: lock, waited }) => anyhow!(
            "sheet '{shown}' is being saved by another ksb, which has held its lock file '{}' for over {} s; \
             not changing it: run the command again when that one is done",
            lock.display(),
            waited.as_secs()
        ),
        SheetFileError::Lock(err) => anyhow::Error::new(err).context(saving()),
        SheetFileError::TooLarge(bytes) => anyhow!(
            "the sheet would be {bytes} bytes, over ksb's limit of {} MiB for sheets; shorten its notes",
            MAX_FILE_BYTES >> 20
        )
        .context(saving()),
        SheetFileError::Replace(ReplaceError::Io(err)) => anyhow::Error::new(err).context(saving()),
        SheetFileError::Replace(err @ ReplaceError::Changed) => anyhow!(
            "sheet '{shown}' {err}; not overwriting it: run the command again to work on its new contents"
        ),
        SheetFileError::Replace(err @ ReplaceError::Deleted) => anyhow!(
            "sheet '{shown}' {err}; not recreating it: run the command again if it should exist"
        ),
        SheetFileError::Replace(err @ ReplaceError::Created) => anyhow!(
            "sheet '{shown}' {err}; not overwriting it: run the command again to update it"
        ),
        SheetFileError::NotAsRead(_) => anyhow::Error::new(err),
    }
}

#[cfg(test)]
mod tests;
