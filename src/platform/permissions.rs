//! Who may read the files ksb writes. Sheets, their lock files and the sheets folder are their
//! owner's only (assessments are personal data), and a wiki password or token file that others
//! may read is refused, as ssh refuses such a private key. On Unix these are file modes; other
//! systems have no modes, and a file there has the access its folder gives (on Windows a
//! user's profile is theirs alone).

use std::fs::{DirBuilder, File, Metadata, OpenOptions};
use std::io;

/// Makes an open file readable and writable by its owner only.
pub fn make_private(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Makes the files `options` creates readable and writable by their owner only.
pub fn private_files(options: &mut OpenOptions) {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    #[cfg(not(unix))]
    let _ = options;
}

/// Makes the folders `builder` creates their owner's only.
pub fn private_folders(builder: &mut DirBuilder) {
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(builder, 0o700);
    #[cfg(not(unix))]
    let _ = builder;
}

/// The mode of a file that others than its owner may read or write (such as `0o644`), where
/// files have modes; `None` when only its owner may, or the system has no modes.
pub fn open_to_others(metadata: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = metadata.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn private_files_and_folders_are_their_owners_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let mut options = OpenOptions::new();
        options.write(true).create(true);
        private_files(&mut options);
        let file = options.open(&path).unwrap();
        assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(open_to_others(&file.metadata().unwrap()), None);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(
            open_to_others(&std::fs::metadata(&path).unwrap()),
            Some(0o644)
        );
        make_private(&file).unwrap();
        assert_eq!(open_to_others(&std::fs::metadata(&path).unwrap()), None);
        let mut builder = DirBuilder::new();
        private_folders(&mut builder);
        builder.create(dir.path().join("d")).unwrap();
        let mode = std::fs::metadata(dir.path().join("d"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
