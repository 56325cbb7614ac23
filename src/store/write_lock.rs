//! One writer at a time for each sheet: an exclusive lock, held through the operating system,
//! on a lock file beside the sheet, taken around read–check–write the way git holds
//! `index.lock`. Unlike git's lock file, the lock is the kernel's (`flock` on Unix, through
//! std's `File::lock`), so it ends when the process does, however it ends: a `ksb` killed while
//! saving never leaves a stale lock that blocks the next one.
//!
//! The lock file is `.NAME.lock` beside the sheet `NAME` (beside the file a symbolic link points
//! to, so two links to one sheet share one lock), readable by its owner only, and it is removed
//! when the lock is released. Removing a lock file that others may be waiting on is a classic
//! race (the waiter then locks a file nobody else can see, while a newcomer creates and locks
//! a new one); it is closed here by removing the file only while still holding its lock, and by
//! counting a lock as taken only when the file locked is still the one at the path: a waiter
//! that finds the file it locked removed tries again with the file now there.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The lock files this process holds, for [`remove_held`].
static HELD: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    HELD.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes every lock file this process holds (still holding their locks), for a process
/// ending on a signal: see [`super::stop_writes`].
pub(super) fn remove_held() {
    for path in held().iter() {
        let _ = fs::remove_file(path);
    }
}

/// The longest pause between two tries to take a lock another process holds.
const MAX_PAUSE: Duration = Duration::from_millis(20);

/// The right to change one sheet, held until dropped: then the lock file is removed and the
/// lock released (and the kernel releases it anyway if the process dies first).
#[derive(Debug)]
pub struct WriteLock {
    /// The open lock file; closing it releases the lock.
    file: File,
    /// Where the lock file is.
    path: PathBuf,
}

/// Why a sheet's lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process held the lock for the whole time `ksb` was willing to wait.
    #[error("another ksb has held its lock file '{}' for over {} s", path.display(), waited.as_secs())]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// How long `ksb` waited.
        waited: Duration,
    },
    /// The lock file could not be created or opened (a read-only folder, a missing one, a
    /// folder that is a file): no file can be saved there either.
    #[error("cannot create a file in folder '{}': {source}", folder.display())]
    Create {
        /// The folder the lock file goes in.
        folder: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// The lock file's path is a symbolic link, which ksb never follows: in a folder others
    /// can write, a planted link would make ksb create or lock a file where it points.
    #[error("the lock file '{}' is a symbolic link (to '{}'), which ksb does not follow: remove it if nobody is using it on purpose", path.display(), target.display())]
    Link {
        /// The lock file.
        path: PathBuf,
        /// Where the link points.
        target: PathBuf,
    },
    /// The file system does not lock files.
    #[error("cannot lock the file '{}': {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
}

/// The lock file of the sheet at `sheet`: `.NAME.lock` beside the file it names (or points to).
pub fn lock_path(sheet: &Path) -> PathBuf {
    let target = super::target_of(sheet);
    let mut name = OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".lock");
    target.with_file_name(name)
}

impl WriteLock {
    /// Takes the lock of the sheet at `sheet`, waiting up to `patience` while another process
    /// holds it.
    pub fn acquire(sheet: &Path, patience: Duration) -> Result<WriteLock, LockError> {
        let path = lock_path(sheet);
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        let mut waiting_on: Option<File> = None;
        loop {
            {
                // Creating the lock file, locking it and recording it as held happen under the
                // registry's lock, so a signal's clean-up ([`remove_held`]) sees a lock file
                // this process made and holds, and never one another process holds.
                let mut held = held();
                let file = match waiting_on.take() {
                    Some(file) => file,
                    None => open(&path)?,
                };
                match file.try_lock() {
                    Ok(()) if still_at(&file, &path) => {
                        held.push(path.clone());
                        return Ok(WriteLock { file, path });
                    }
                    // Locked after its holder removed it: lock the file at the path now.
                    Ok(()) => continue,
                    Err(TryLockError::WouldBlock) => waiting_on = Some(file),
                    Err(TryLockError::Error(source)) => {
                        return Err(LockError::Lock { path, source });
                    }
                }
            }
            let waited = started.elapsed();
            if waited >= patience {
                return Err(LockError::Busy { path, waited });
            }
            std::thread::sleep(pause.min(patience - waited));
            pause = (pause * 2).min(MAX_PAUSE);
        }
    }

    /// The lock file held.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        // Removed and forgotten together, so a signal's clean-up never misses it.
        let mut held = held();
        if let Some(at) = held.iter().position(|p| *p == self.path) {
            held.swap_remove(at);
        }
        // Removed while still locked, so that a process waiting on it finds it gone and locks
        // the file at the path instead (where a waiter can tell files apart, to see that). A
        // lock file that cannot be removed (a folder made read-only meanwhile) stays, and works
        // as well next time.
        if crate::platform::files::TELLS_FILES_APART {
            let _ = fs::remove_file(&self.path);
        }
        // Closing the file would release the lock too; an error here leaves it to the close.
        let _ = self.file.unlock();
    }
}

/// Opens (creating it when missing) the lock file at `path`, readable by its owner only, and
/// never through a symbolic link (`O_NOFOLLOW`): a link at the path is refused.
fn open(path: &Path) -> Result<File, LockError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    crate::platform::permissions::private_files(&mut options);
    crate::platform::files::never_follow_links(&mut options);
    options
        .open(path)
        .map_err(|source| match fs::read_link(path) {
            Ok(target) => LockError::Link {
                path: path.to_path_buf(),
                target,
            },
            Err(_) => LockError::Create {
                folder: super::folder_of(path).to_path_buf(),
                source,
            },
        })
}

/// Whether `file` is still the file at `path`: each holder removes it before releasing it.
/// Where the system cannot tell, the lock file is never removed (see [`WriteLock`]'s drop), so
/// the file locked is the one at the path.
fn still_at(file: &File, path: &Path) -> bool {
    crate::platform::files::is_at(file, path).unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_is_hidden_beside_the_sheet_private_and_gone_after() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("me.toml");
        assert_eq!(lock_path(&sheet), dir.path().join(".me.toml.lock"));
        assert_eq!(lock_path(Path::new("me.toml")), Path::new(".me.toml.lock"));
        let lock = WriteLock::acquire(&sheet, Duration::ZERO).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(lock.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(lock);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_second_writer_waits_and_gives_up_after_its_patience() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("me.toml");
        let held = WriteLock::acquire(&sheet, Duration::ZERO).unwrap();
        let err = WriteLock::acquire(&sheet, Duration::from_millis(30)).unwrap_err();
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
        drop(held);
        WriteLock::acquire(&sheet, Duration::ZERO).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn two_links_to_one_sheet_share_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("me.toml");
        fs::write(&sheet, "").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("me.toml", &link).unwrap();
        assert_eq!(lock_path(&link), lock_path(&sheet));
        let _held = WriteLock::acquire(&sheet, Duration::ZERO).unwrap();
        assert!(WriteLock::acquire(&link, Duration::ZERO).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_waiter_on_a_removed_lock_file_locks_the_one_there_now() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("me.toml");
        let first = WriteLock::acquire(&sheet, Duration::ZERO).unwrap();
        // A waiter that opened the first lock file before it was removed.
        let stale = open(first.path()).unwrap();
        drop(first);
        stale.try_lock().unwrap();
        assert!(!still_at(&stale, &lock_path(&sheet)));
        // It must not count as holding the lock: the newcomer takes it, then the waiter waits.
        let newcomer = WriteLock::acquire(&sheet, Duration::ZERO).unwrap();
        assert!(still_at(&newcomer.file, newcomer.path()));
        assert!(matches!(
            WriteLock::acquire(&sheet, Duration::from_millis(10)),
            Err(LockError::Busy { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_refused_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("me.toml");
        let elsewhere = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, lock_path(&sheet)).unwrap();
        let err = WriteLock::acquire(&sheet, Duration::ZERO).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the lock file '{}' is a symbolic link (to '{}'), which ksb does not follow: remove it if nobody is using it on purpose",
                lock_path(&sheet).display(),
                elsewhere.display()
            )
        );
        assert!(
            !elsewhere.exists(),
            "a file was created where the link points"
        );
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = WriteLock::acquire(&dir.path().join("nope/me.toml"), Duration::ZERO).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot create a file in folder '{}': No such file or directory (os error 2)",
                dir.path().join("nope").display()
            )
        );
    }
}
