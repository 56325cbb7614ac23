//! Telling files apart, and making a rename in a folder durable, as each system allows.

use std::fs::{self, File};
use std::path::Path;

/// What tells a file apart from every other: its device and inode on Unix; elsewhere its real
/// path, hashed (device 0).
pub type FileId = (u64, u64);

/// The id of the file at `path`, following links; `None` when it cannot be read.
pub fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        use std::hash::{Hash, Hasher};
        let real = fs::canonicalize(path).ok()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        real.hash(&mut hasher);
        Some((0, hasher.finish()))
    }
}

/// The id of a folder's entry of type `kind`, in a folder on `device`: on Unix its inode from
/// the listing (no call per file) unless it is a link; otherwise the id of what it names.
pub fn entry_id(entry: &fs::DirEntry, kind: fs::FileType, device: u64) -> Option<FileId> {
    #[cfg(unix)]
    if !kind.is_symlink() {
        use std::os::unix::fs::DirEntryExt as _;
        return Some((device, entry.ino()));
    }
    let _ = (kind, device);
    file_id(&entry.path())
}

/// Whether [`is_at`] can tell an open file from the file now at its path (Unix).
pub const TELLS_FILES_APART: bool = cfg!(unix);

/// Whether the open `file` is the file now at `path`; `None` where the system cannot tell.
pub fn is_at(file: &File, path: &Path) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some(match (file.metadata(), fs::metadata(path)) {
            (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
            _ => false,
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        None
    }
}

/// The folder opened so that its entries (a rename into it) can be flushed to disk, where a
/// folder can be opened so; `None` where it cannot, or elsewhere (Windows flushes a rename's
/// metadata itself).
pub fn folder_to_flush(folder: &Path) -> Option<File> {
    #[cfg(unix)]
    {
        File::open(folder).ok()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        None
    }
}

/// Makes `options` refuse to open a symbolic link at the path's last component (`O_NOFOLLOW`),
/// where the system can: a lock file planted as a link is then an error, never followed. On
/// systems without it, the caller's check of the path after opening is all there is.
pub fn never_follow_links(options: &mut std::fs::OpenOptions) {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW);
    #[cfg(not(unix))]
    let _ = options;
}
