//! Writing files so that a crash, a full disk or a killed process never leaves half a file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// Replaces `path` with `contents` atomically: the bytes go to a temporary file in the same
/// folder, are flushed to disk, and the temporary file is renamed over `path`. Either the old
/// file or the whole new one is there afterwards, never a truncated mix.
///
/// The file is readable and writable by its owner only (0600 on Unix): sheets hold personal
/// assessments.
pub fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory, not a file",
        ));
    }
    let mut temp = NamedTempFile::new_in(folder)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    temp.persist(path).map_err(|err| err.error)?;
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        // Makes the rename itself durable; a failure here loses nothing already written.
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(write_private(&dir.path().join("nope/sheet.toml"), b"x").is_err());
    }
}
