//! Reading and writing files so that a crash, a full disk, a killed process, a huge file or
//! another program editing the same sheet never leaves a damaged file behind.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::Hasher;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

pub mod find;
pub mod sheet_file;
pub mod write_lock;

pub use find::{find_sheets, FindError};
pub use sheet_file::{Opened, SheetFile, SheetFileError, Updated, WRITER_PATIENCE};
pub use write_lock::{LockError, WriteLock};

/// Largest sheet or standard `ksb` reads (and so writes): 10 MiB. The programme's sheets are a
/// few kilobytes; the limit keeps a wrong path (a video, `/dev/zero`) from eating the memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What a file held when `ksb` read it, or that it was not there: compared again just before
/// saving, so that a change made by another program in the meantime is never overwritten.
///
/// The comparison is by length and a hash of the whole contents, not by modification time:
/// some file systems keep times to the second (or two), so an edit made within the same second
/// would go unnoticed; a content hash notices every change that matters and ignores a mere `touch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snapshot {
    /// The file did not exist.
    Absent,
    /// The file held bytes of this length and hash.
    Contents {
        /// Length in bytes.
        len: u64,
        /// Hash of the bytes (stable within one run of `ksb`, which is all it is compared in).
        hash: u64,
    },
}

impl Snapshot {
    /// The snapshot of a file holding `contents`.
    pub fn of(contents: &[u8]) -> Snapshot {
        let mut hasher = DefaultHasher::new();
        hasher.write(contents);
        Snapshot::Contents {
            len: contents.len() as u64,
            hash: hasher.finish(),
        }
    }

    /// What `path` holds now.
    pub fn take(path: &Path) -> Result<Snapshot, ReadError> {
        match read_capped(path) {
            Ok(bytes) => Ok(Snapshot::of(&bytes)),
            Err(ReadError::Missing | ReadError::DanglingLink(_)) => Ok(Snapshot::Absent),
            Err(err) => Err(err),
        }
    }
}

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing is at the path.
    #[error("no such file")]
    Missing,
    /// The path is a folder.
    #[error("it is a directory, not a file")]
    Directory,
    /// The path names something other than a regular file or a folder: what it is (a named
    /// pipe, a socket, a device), said before it is opened, which could hang or change it.
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    /// The path is a symbolic link to nothing; where it points.
    #[error("it is a dangling symbolic link (to '{}', which does not exist)", .0.display())]
    DanglingLink(PathBuf),
    /// The file is larger than [`MAX_FILE_BYTES`]; its size when the file system knows it.
    #[error(
        "{} ksb's limit of {} MiB for sheets and standards",
        .0.map_or("it holds more than".to_string(), |n| format!("it is {n} bytes, over")),
        MAX_FILE_BYTES >> 20
    )]
    TooLarge(Option<u64>),
    /// The bytes are not UTF-8; the offset of the first bad byte.
    #[error("not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Any other failure of the file system.
    #[error(transparent)]
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(err: io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::NotFound => ReadError::Missing,
            io::ErrorKind::IsADirectory => ReadError::Directory,
            _ => ReadError::Io(err),
        }
    }
}

/// Reads a whole text file of at most [`MAX_FILE_BYTES`], and the snapshot of what it held.
///
/// The size is checked before reading, and the reading itself stops one byte past the limit,
/// so memory stays bounded even for files that grow or never end.
pub fn read_text(path: &Path) -> Result<(String, Snapshot), ReadError> {
    let bytes = read_capped(path)?;
    let snapshot = Snapshot::of(&bytes);
    let text = String::from_utf8(bytes)
        .map_err(|err| ReadError::NotUtf8(err.utf8_error().valid_up_to()))?;
    Ok((text, snapshot))
}

/// What a file that is not a regular file is, in words ("a named pipe (FIFO)", "a
/// character device"), or `None` for a regular file.
pub fn special_kind(metadata: &fs::Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// The regular file at `path` (following symbolic links), or why there is none: refused by
/// what it is before it is opened, since opening a named pipe waits for a writer forever and
/// opening a device can change it.
pub fn regular_file(path: &Path) -> Result<fs::Metadata, ReadError> {
    let metadata = match fs::metadata(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Err(match fs::read_link(path) {
                Ok(target) => ReadError::DanglingLink(target),
                Err(_) => ReadError::Missing,
            })
        }
        other => other?,
    };
    match special_kind(&metadata) {
        None => Ok(metadata),
        Some("a directory") => Err(ReadError::Directory),
        Some(kind) => Err(ReadError::NotRegular(kind)),
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, ReadError> {
    regular_file(path)?;
    let file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    // Swapped for something else between the look and the open.
    match special_kind(&metadata) {
        None => {}
        Some("a directory") => return Err(ReadError::Directory),
        Some(kind) => return Err(ReadError::NotRegular(kind)),
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(Some(metadata.len())));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

/// Why a file was not replaced. In every case the file at the path is as it was.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// Another program changed the file after `ksb` read it.
    #[error("was changed by another program since ksb read it")]
    Changed,
    /// Another program deleted the file after `ksb` read it.
    #[error("was deleted by another program since ksb read it")]
    Deleted,
    /// Another program created the file after `ksb` found it missing.
    #[error("was created by another program while ksb was working")]
    Created,
    /// Writing failed (full disk, read-only folder, …).
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Held through every write (from its temporary file to the rename), so that a process being
/// stopped by a signal can wait for the write in progress: see [`stop_writes`].
static WRITING: Mutex<()> = Mutex::new(());

fn writing() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// For a process about to end on a signal (SIGINT, SIGTERM, SIGHUP): waits for the write in
/// progress to finish (so the file is as it was or as it is after the write, and its temporary
/// file is gone), removes the lock files this process holds, and returns a guard that keeps
/// any other write from starting. The caller ends the process while holding it.
pub fn stop_writes() -> MutexGuard<'static, ()> {
    let guard = writing();
    write_lock::remove_held();
    guard
}

/// Replaces `path` with `contents` atomically: the bytes go to a temporary file in the same
/// folder, are flushed to disk, and the temporary file is renamed over `path`. Either the old
/// file or the whole new one is there afterwards, never a truncated mix.
///
/// The file is readable and writable by its owner only (0600 on Unix): sheets hold personal
/// assessments.
pub fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    refuse_dangling(path)?;
    let path = &target_of(path);
    let _writing = writing();
    let temp = write_temp(path, |file| file.write_all(contents))?;
    persist(path, temp)
}

/// The file a save replaces: for a symbolic link, the file it points to (the new contents go
/// beside that file, and the link stays a link), so a sheet kept behind a link, in a synced
/// folder or a dotfiles repository, is updated where it lives.
fn target_of(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Refuses a symbolic link to nothing, saying so: a save never creates the file a dangling
/// link points to (wherever that is), nor replaces the link.
fn refuse_dangling(path: &Path) -> io::Result<()> {
    match regular_file(path) {
        Err(err @ ReadError::DanglingLink(_)) => Err(io::Error::new(io::ErrorKind::NotFound, err)),
        _ => Ok(()),
    }
}

/// Like [`write_private`], but only if `path` still holds what `expected` describes (or is
/// still absent): a file another program changed, deleted or created in the meantime is left
/// exactly as that program left it.
///
/// The check happens after the new contents are safely on disk, just before the rename, so the
/// window in which a change can slip through is as short as the file system allows; a new file
/// is linked into place only if nothing has appeared at the path.
pub fn replace_private(
    path: &Path,
    expected: Snapshot,
    contents: &[u8],
) -> Result<(), ReplaceError> {
    refuse_dangling(path)?;
    let path = &target_of(path);
    let _writing = writing();
    let temp = write_temp(path, |file| file.write_all(contents))?;
    let now = Snapshot::take(path).map_err(|err| match err {
        ReadError::Io(err) => ReplaceError::Io(err),
        ReadError::TooLarge(_) => ReplaceError::Changed,
        other => ReplaceError::Io(io::Error::other(other)),
    })?;
    match (expected, now) {
        (Snapshot::Absent, Snapshot::Absent) => match temp.persist_noclobber(path) {
            Ok(_) => Ok(sync_folder(path)?),
            Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => {
                Err(ReplaceError::Created)
            }
            // A file system with neither an exclusive rename nor hard links (FAT): the path was
            // absent a moment ago, which is as close as such a file system lets us check.
            Err(err) => Ok(persist(path, err.file)?),
        },
        (Snapshot::Absent, Snapshot::Contents { .. }) => Err(ReplaceError::Created),
        (Snapshot::Contents { .. }, Snapshot::Absent) => Err(ReplaceError::Deleted),
        (expected, now) if expected != now => Err(ReplaceError::Changed),
        _ => Ok(persist(path, temp)?),
    }
}

/// The start and end of the name of a temporary file of the file named `name`:
/// `.NAME.XXXXXX.tmp`, hidden, beside it, and never read as a sheet (it does not end in
/// `.toml`).
fn temp_affixes(name: &std::ffi::OsStr) -> (String, &'static str) {
    (format!(".{}.", name.to_string_lossy()), ".tmp")
}

/// Removes the temporary files of `path` that a process killed outright (SIGKILL, a power
/// cut) left behind. A live write holds an exclusive lock on its temporary file, which the
/// kernel releases when the process ends however it ends, so a temporary file nobody holds is
/// a leftover.
fn remove_stale_temps(path: &Path) {
    let (Some(name), folder) = (path.file_name(), folder_of(path)) else {
        return;
    };
    let (prefix, suffix) = temp_affixes(name);
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(middle) = file_name
            .strip_prefix(prefix.as_str())
            .and_then(|rest| rest.strip_suffix(suffix))
        else {
            continue;
        };
        if middle.len() != TEMP_RANDOM_CHARS || !middle.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        let stale =
            is_file && fs::File::open(entry.path()).is_ok_and(|file| file.try_lock().is_ok());
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// How many random characters the name of a temporary file holds.
const TEMP_RANDOM_CHARS: usize = 6;

/// A private temporary file beside `path`, `.NAME.XXXXXX.tmp`, locked while it lives, filled
/// by `fill` and flushed to disk. Dropping it (on any error) removes it. Leftovers of killed
/// processes are removed first.
fn write_temp(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<NamedTempFile> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory, not a file",
        ));
    }
    remove_stale_temps(path);
    let folder = folder_of(path);
    let (prefix, suffix) = temp_affixes(path.file_name().unwrap_or_default());
    // tempfile ends its error with the temporary file's path, which the user never asked for:
    // name the folder instead.
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .rand_bytes(TEMP_RANDOM_CHARS)
        .tempfile_in(folder)
        .map_err(|err| {
            let message = err.to_string();
            let cause = message
                .rsplit_once(" at path \"")
                .map_or(message.as_str(), |(cause, _)| cause);
            io::Error::new(
                err.kind(),
                format!(
                    "cannot create a file in folder '{}': {cause}",
                    folder.display()
                ),
            )
        })?;
    // Held until the file is renamed or removed: a temporary file nobody holds is a leftover
    // (a file system without locks just leaves leftovers to be removed by hand).
    let _ = temp.as_file().try_lock();
    crate::platform::permissions::make_private(temp.as_file())?;
    fill(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Renames the temporary file onto `path`, then makes the rename durable.
fn persist(path: &Path, temp: NamedTempFile) -> io::Result<()> {
    temp.persist(path).map_err(|err| err.error)?;
    sync_folder(path)
}

/// Makes a rename into the folder of `path` durable (the file's own bytes were flushed before
/// the rename), so that a save reported done survives a power cut. A file system that cannot
/// flush a folder (it says so with "invalid argument" or "unsupported"), or a folder `ksb` may
/// not open for reading, makes no such promise to anybody and is not an error; a flush that
/// fails is, although the new file is in place by then.
fn sync_folder(path: &Path) -> io::Result<()> {
    if let Some(dir) = crate::platform::files::folder_to_flush(folder_of(path)) {
        match dir.sync_all() {
            Err(err)
                if !matches!(
                    err.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) =>
            {
                return Err(io::Error::new(
                    err.kind(),
                    format!(
                        "the new sheet is in place, but flushing folder '{}' to disk failed: {err}",
                        folder_of(path).display()
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The folder `path` is in (`.` for a bare file name): where its temporary file goes.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_sheet_behind_a_link_is_updated_where_it_lives() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/sheet.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real/sheet.toml", &link).unwrap();
        write_private(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let snapshot = Snapshot::take(&link).unwrap();
        replace_private(&link, snapshot, b"newer").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "newer");
    }

    #[test]
    fn replaces_the_file_and_keeps_it_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.toml");
        fs::write(&path, "old").unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn refuses_a_directory_and_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_private(dir.path(), b"x").is_err());
        let err = write_private(&dir.path().join("nope/sheet.toml"), b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot create a file in folder '{}': No such file or directory (os error 2)",
                dir.path().join("nope").display()
            )
        );
    }

    #[test]
    fn refuses_a_path_whose_folder_is_a_file_and_leaves_that_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.txt");
        fs::write(&file, "mine").unwrap();
        assert!(write_private(&file.join("sheet.toml"), b"x").is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    }

    /// A writer that takes `room` bytes and then fails as a full disk does.
    struct FullDisk<'a> {
        inner: &'a mut fs::File,
        room: usize,
    }

    impl Write for FullDisk<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device",
                ));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.inner.write(&buf[..n])
        }

        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    #[test]
    fn a_full_disk_leaves_the_old_file_whole_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.toml");
        fs::write(&path, "old contents").unwrap();
        let err = write_temp(&path, |file| {
            FullDisk {
                inner: file,
                room: 5,
            }
            .write_all(b"new contents, longer than the room left")
        })
        .map(|temp| persist(&path, temp))
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old contents");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn leftovers_of_a_killed_write_go_with_the_next_write_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("me.toml");
        fs::write(&path, "old").unwrap();
        let stale = dir.path().join(".me.toml.a1B2c3.tmp");
        fs::write(&stale, "half a sheet").unwrap();
        let live = dir.path().join(".me.toml.x9Y8z7.tmp");
        let held = fs::File::create(&live).unwrap();
        held.lock().unwrap();
        let other = dir.path().join(".you.toml.a1B2c3.tmp");
        fs::write(&other, "another sheet's").unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(!stale.exists(), "the leftover is removed");
        assert!(live.exists(), "a write in progress keeps its file");
        assert!(other.exists(), "another sheet's file is left alone");
    }

    #[test]
    fn replaces_only_what_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.toml");
        fs::write(&path, "read by ksb").unwrap();
        let (_, snapshot) = read_text(&path).unwrap();
        replace_private(&path, snapshot, b"saved by ksb").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved by ksb");
        let (_, snapshot) = read_text(&path).unwrap();

        fs::write(&path, "saved by an editor").unwrap();
        let err = replace_private(&path, snapshot, b"saved by ksb again").unwrap_err();
        assert!(matches!(err, ReplaceError::Changed), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved by an editor");

        fs::remove_file(&path).unwrap();
        let err = replace_private(&path, snapshot, b"saved by ksb again").unwrap_err();
        assert!(matches!(err, ReplaceError::Deleted), "{err}");
        assert!(!path.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_same_length_edit_is_a_change_and_a_touch_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.toml");
        fs::write(&path, "K1 = 2").unwrap();
        let (_, snapshot) = read_text(&path).unwrap();
        fs::write(&path, "K1 = 3").unwrap();
        assert!(matches!(
            replace_private(&path, snapshot, b"K1 = 1"),
            Err(ReplaceError::Changed)
        ));
        fs::write(&path, "K1 = 2").unwrap();
        replace_private(&path, snapshot, b"K1 = 1").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "K1 = 1");
    }

    #[test]
    fn creates_a_new_file_only_if_nothing_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        replace_private(&path, Snapshot::Absent, b"first").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        let err = replace_private(&path, Snapshot::Absent, b"second").unwrap_err();
        assert!(matches!(err, ReplaceError::Created), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
    }

    #[test]
    fn reads_at_most_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let file = fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let err = read_text(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "it is {} bytes, over ksb's limit of 10 MiB for sheets and standards",
                MAX_FILE_BYTES + 1
            )
        );
        file.set_len(MAX_FILE_BYTES).unwrap();
        assert_eq!(read_text(&path).unwrap().0.len() as u64, MAX_FILE_BYTES);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_what_is_not_a_regular_file_before_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        nix_free_mkfifo(&fifo);
        // Opening the pipe would wait for a writer for ever; it is refused first.
        assert_eq!(
            read_text(&fifo).unwrap_err().to_string(),
            "it is a named pipe (FIFO), not a regular file"
        );
        assert_eq!(
            read_text(Path::new("/dev/zero")).unwrap_err().to_string(),
            "it is a character device, not a regular file"
        );
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("gone.toml", &link).unwrap();
        assert_eq!(
            read_text(&link).unwrap_err().to_string(),
            "it is a dangling symbolic link (to 'gone.toml', which does not exist)"
        );
        let err = replace_private(&link, Snapshot::Absent, b"new").unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a dangling symbolic link (to 'gone.toml', which does not exist)"
        );
        assert!(!dir.path().join("gone.toml").exists());
    }

    /// Makes a named pipe with mkfifo(1).
    #[cfg(unix)]
    fn nix_free_mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn names_missing_files_folders_and_bad_bytes() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_text(&dir.path().join("none")),
            Err(ReadError::Missing)
        ));
        assert_eq!(
            read_text(dir.path()).unwrap_err().to_string(),
            "it is a directory, not a file"
        );
        let path = dir.path().join("latin1.toml");
        fs::write(&path, b"ok \xe9").unwrap();
        assert_eq!(
            read_text(&path).unwrap_err().to_string(),
            "not UTF-8 text (invalid byte at offset 3)"
        );
    }
}
