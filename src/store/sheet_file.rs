//! The save protocol of a sheet file: the one way a sheet is written. Under the sheet's write
//! lock, the file is checked to hold what was last read, the new text is written beside it and
//! renamed into place; a sheet locked as a finished assessment is refused.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::store::{self, LockError, ReadError, ReplaceError, Snapshot, WriteLock, MAX_FILE_BYTES};
use crate::{LoadWarning, Sheet, SheetError, Standard};

/// How long a save waits for another writer that is saving the same sheet: a save holds the
/// sheet's lock for milliseconds, so only a stuck writer makes anybody wait this long.
pub const WRITER_PATIENCE: Duration = Duration::from_secs(10);

/// Why a sheet file was not read or saved. In every case the file is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SheetFileError {
    /// The file could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file is not a sheet of the standard in use.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// The sheet is locked as a finished assessment: only [`SheetFile::set_locked`] changes it.
    #[error("sheet '{}' is locked as a finished assessment", .0.display())]
    Locked(PathBuf),
    /// The sheet's write lock could not be taken.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The sheet's text would be this many bytes, over [`MAX_FILE_BYTES`].
    #[error("the sheet would be {0} bytes, over the limit of {limit} MiB for sheets", limit = MAX_FILE_BYTES >> 20)]
    TooLarge(usize),
    /// The file was not replaced.
    #[error(transparent)]
    Replace(#[from] ReplaceError),
    /// The file no longer holds the sheet the caller read (apart from its wiki record).
    #[error("sheet '{}' changed since it was read", .0.display())]
    NotAsRead(PathBuf),
}

/// A sheet file being worked on, and the only way a sheet is written.
///
/// It remembers what the file held when it was last read or written, so that a save never
/// overwrites (or recreates) a file another program changed (or deleted) in the meantime: that
/// file is left exactly as it is, and the error says so. Every save holds the sheet's write lock
/// (see [`WriteLock`]) from that check until the new file is durably in place, so two writers
/// never both pass the check and one of them silently replace the other's answer. A locked
/// sheet is never opened for a change, and no save writes one: locking and unlocking go
/// through [`SheetFile::set_locked`] alone.
#[derive(Debug)]
pub struct SheetFile {
    /// Where the sheet is.
    path: PathBuf,
    /// What the file held when last read or written.
    snapshot: Snapshot,
    /// The file's text when last read or written (none for a new sheet): a save edits it, so
    /// that comments and layout written by hand survive.
    text: Option<String>,
}

/// A sheet file read: the file, the sheet it holds and the warnings reading it gave.
#[derive(Debug)]
pub struct Opened {
    /// The file, to save the sheet back to.
    pub file: SheetFile,
    /// The sheet the file holds.
    pub sheet: Sheet,
    /// What reading it noticed (such as KSBs a newer standard added or removed).
    pub warnings: Vec<LoadWarning>,
}

/// What [`SheetFile::update`] did.
#[derive(Debug)]
pub struct Updated {
    /// The sheet as saved.
    pub sheet: Sheet,
    /// Whether the file was there before (`false`: it was created).
    pub existed: bool,
}

impl SheetFile {
    /// The sheet `text` read from `path` (with the `snapshot` of its bytes), checked against
    /// the standard, locked or not.
    pub fn of_text(
        path: &Path,
        text: String,
        snapshot: Snapshot,
        standard: &Standard,
    ) -> Result<Opened, SheetFileError> {
        let (sheet, warnings) = Sheet::from_toml_with_warnings(&text, standard)?;
        let file = SheetFile {
            path: path.to_path_buf(),
            snapshot,
            text: Some(text),
        };
        Ok(Opened {
            file,
            sheet,
            warnings,
        })
    }

    /// Reads and checks the sheet at `path`, locked or not.
    pub fn open_even_locked(path: &Path, standard: &Standard) -> Result<Opened, SheetFileError> {
        let (text, snapshot) = store::read_text(path)?;
        SheetFile::of_text(path, text, snapshot, standard)
    }

    /// Reads and checks the sheet at `path` to change it; refuses a locked sheet before
    /// anything is changed.
    pub fn open(path: &Path, standard: &Standard) -> Result<Opened, SheetFileError> {
        let opened = SheetFile::open_even_locked(path, standard)?;
        refuse_locked(path, &opened.sheet)?;
        Ok(opened)
    }

    /// A sheet file to be created: its first save refuses if another program created the file
    /// first.
    pub fn create(path: &Path) -> SheetFile {
        SheetFile {
            path: path.to_path_buf(),
            snapshot: Snapshot::Absent,
            text: None,
        }
    }

    /// Where the sheet is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file is there as far as this knows: it was read, or written since
    /// [`SheetFile::create`].
    pub fn is_there(&self) -> bool {
        self.text.is_some()
    }

    /// Changes the sheet at `path` as it is now, for a caller that says what to set rather
    /// than what it saw: under the sheet's write lock (waiting for another writer to finish),
    /// the sheet is read (`None` when there is none yet), `change` makes the sheet to save from
    /// it (and its warnings), and it is saved before the lock is let go. So two such changes
    /// made at once both land, one after the other. A locked sheet is refused before `change`
    /// runs.
    pub fn update<E: From<SheetFileError>>(
        path: &Path,
        standard: &Standard,
        change: impl FnOnce(Option<(Sheet, Vec<LoadWarning>)>) -> Result<Sheet, E>,
    ) -> Result<Updated, E> {
        let lock = lock(path)?;
        let (mut file, current) = if path.exists() {
            let opened = SheetFile::open(path, standard)?;
            (opened.file, Some((opened.sheet, opened.warnings)))
        } else {
            (SheetFile::create(path), None)
        };
        let existed = current.is_some();
        let sheet = change(current)?;
        refuse_locked(path, &sheet)?;
        file.write(standard, &sheet, &lock)?;
        Ok(Updated { sheet, existed })
    }

    /// Locks or unlocks the sheet at `path`, under its write lock: the one way to write a
    /// locked sheet or over one. Returns whether the file changed (`false`: it was locked, or
    /// unlocked, already).
    pub fn set_locked(
        path: &Path,
        standard: &Standard,
        locked: bool,
    ) -> Result<bool, SheetFileError> {
        if !path.exists() {
            // Not there (or not reachable): reading says which, before any lock file is made.
            SheetFile::open_even_locked(path, standard)?;
        }
        let lock = lock(path)?;
        let Opened {
            mut file,
            mut sheet,
            ..
        } = SheetFile::open_even_locked(path, standard)?;
        if sheet.locked == locked {
            return Ok(false);
        }
        sheet.locked = locked;
        file.write(standard, &sheet, &lock)?;
        Ok(true)
    }

    /// Puts the sheet at `path` in step with its page: under its write lock, `updated` (the
    /// merge, with its new wiki record) is written, provided the file still holds `expected`
    /// (the sheet the caller read), apart from its record ([`SheetFileError::NotAsRead`]). A
    /// locked sheet takes a new record only: a merge that would change it is refused.
    pub fn record_wiki(
        path: &Path,
        standard: &Standard,
        expected: &Sheet,
        updated: &Sheet,
    ) -> Result<(), SheetFileError> {
        let lock = lock(path)?;
        let Opened {
            mut file, sheet, ..
        } = SheetFile::open_even_locked(path, standard)?;
        let bare = |s: &Sheet| {
            let mut s = s.clone();
            s.wiki = None;
            s
        };
        if bare(&sheet) != bare(expected) {
            return Err(SheetFileError::NotAsRead(path.to_path_buf()));
        }
        if sheet.locked && bare(updated) != bare(&sheet) {
            return Err(SheetFileError::Locked(path.to_path_buf()));
        }
        if &sheet == updated {
            return Ok(());
        }
        file.write(standard, updated, &lock)
    }

    /// Saves the sheet atomically, readable by its owner only, unless another program changed,
    /// deleted or created the file since it was last read or written. An existing file is
    /// edited in place: only the values that changed change, comments and layout stay. Waits
    /// (a bounded time) while another writer is saving the same sheet, then checks.
    pub fn save(&mut self, standard: &Standard, sheet: &Sheet) -> Result<(), SheetFileError> {
        refuse_locked(&self.path, sheet)?;
        let lock = lock(&self.path)?;
        self.write(standard, sheet, &lock)
    }

    /// Writes the sheet while its write lock is held: checks that the file still holds what
    /// was last read or written, writes the new file beside it, flushes it, renames it into
    /// place and flushes the folder, so the save is durable when this returns.
    fn write(
        &mut self,
        standard: &Standard,
        sheet: &Sheet,
        _held: &WriteLock,
    ) -> Result<(), SheetFileError> {
        let text = match self.text.as_deref() {
            Some(original) => sheet.to_toml_over(standard, original),
            None => sheet.to_toml(standard),
        };
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(SheetFileError::TooLarge(text.len()));
        }
        store::replace_private(&self.path, self.snapshot, text.as_bytes())?;
        self.snapshot = Snapshot::of(text.as_bytes());
        self.text = Some(text);
        Ok(())
    }
}

/// Refuses to save a sheet marked locked anywhere but in [`SheetFile::set_locked`].
fn refuse_locked(path: &Path, sheet: &Sheet) -> Result<(), SheetFileError> {
    if sheet.locked {
        return Err(SheetFileError::Locked(path.to_path_buf()));
    }
    Ok(())
}

/// Takes the write lock of the sheet at `path`, waiting up to [`WRITER_PATIENCE`] for another
/// writer to finish saving it.
fn lock(path: &Path) -> Result<WriteLock, SheetFileError> {
    Ok(WriteLock::acquire(path, WRITER_PATIENCE)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::score::Score;
    use crate::test_support;

    fn saved(dir: &Path) -> (PathBuf, Standard, Sheet) {
        let standard = Standard::builtin();
        let sheet = test_support::sheet(&standard, "Generalist", &[("K1", Score::Two)]);
        let path = dir.join("me.toml");
        SheetFile::create(&path).save(&standard, &sheet).unwrap();
        (path, standard, sheet)
    }

    #[test]
    fn a_save_over_a_file_changed_since_it_was_read_is_refused_and_the_file_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, sheet) = saved(dir.path());
        let mut opened = SheetFile::open(&path, &standard).unwrap();
        let theirs = format!("{}# theirs\n", std::fs::read_to_string(&path).unwrap());
        std::fs::write(&path, &theirs).unwrap();
        let refused = opened.file.save(&standard, &sheet);
        assert!(matches!(
            refused,
            Err(SheetFileError::Replace(ReplaceError::Changed))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }

    #[test]
    fn a_locked_sheet_is_changed_only_through_set_locked() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, sheet) = saved(dir.path());
        assert!(SheetFile::set_locked(&path, &standard, true).unwrap());
        assert!(matches!(
            SheetFile::open(&path, &standard),
            Err(SheetFileError::Locked(_))
        ));
        let update = SheetFile::update(&path, &standard, |_| -> Result<Sheet, SheetFileError> {
            panic!("changed a locked sheet")
        });
        assert!(matches!(update, Err(SheetFileError::Locked(_))));
        assert!(SheetFile::set_locked(&path, &standard, false).unwrap());
        let opened = SheetFile::open(&path, &standard).unwrap();
        assert_eq!(opened.sheet, sheet);
    }

    #[test]
    fn record_wiki_refuses_a_sheet_that_is_no_longer_the_one_read() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, sheet) = saved(dir.path());
        let mut other = sheet.clone();
        other.set_score("K2".parse().unwrap(), Some(Score::One));
        let refused = SheetFile::record_wiki(&path, &standard, &other, &other);
        assert!(matches!(refused, Err(SheetFileError::NotAsRead(_))));
    }
}
