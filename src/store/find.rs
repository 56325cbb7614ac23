//! Walking folders for sheets: which files a list of paths names, each once, in an order that
//! is the same every time.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::platform::files::{entry_id, file_id};

/// A folder that could not be searched for sheets.
#[derive(Debug, thiserror::Error)]
#[error("searching folder '{}' for sheets", folder.display())]
pub struct FindError {
    /// The folder.
    pub folder: PathBuf,
    /// What the file system said.
    #[source]
    pub source: io::Error,
}

/// The sheets `paths` name: files as given, folders searched recursively for `*.toml` files (in
/// name order, so reports list them in the same order every time). A file named twice (directly
/// and through its folder, through two paths, or a link) is listed once, where it first comes:
/// files are told apart by device and inode, which a folder's listing gives without a call per
/// file. A path that is neither a folder nor a file (a missing one, whose error comes when it
/// is read) is listed as named.
pub fn find_sheets(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FindError> {
    let mut sheets = Sheets::default();
    for path in paths {
        if path.is_dir() {
            let device = file_id(path).map_or(0, |(device, _)| device);
            collect_sheets(path, device, &mut sheets)?;
        } else {
            let id = file_id(path);
            sheets.push(path.clone(), id);
        }
    }
    Ok(sheets.list)
}

/// Sheets listed so far, and the device and inode of each.
#[derive(Default)]
struct Sheets {
    list: Vec<PathBuf>,
    seen: HashSet<(u64, u64)>,
}

impl Sheets {
    /// Lists `path` unless a file with the same id is listed; a file whose id cannot be read
    /// is listed as named.
    fn push(&mut self, path: PathBuf, id: Option<(u64, u64)>) {
        if id.is_none_or(|id| self.seen.insert(id)) {
            self.list.push(path);
        }
    }
}

/// Lists the `*.toml` files under `folder` (on `device`), recursively, in name order.
fn collect_sheets(folder: &Path, device: u64, sheets: &mut Sheets) -> Result<(), FindError> {
    let error = |source| FindError {
        folder: folder.to_path_buf(),
        source,
    };
    let mut entries = fs::read_dir(folder)
        .and_then(|entries| entries.collect::<io::Result<Vec<_>>>())
        .map_err(error)?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(error)?;
        if kind.is_dir() {
            // A folder on another device (a mount point) has its own device number.
            let inner = file_id(&path).map_or(device, |(device, _)| device);
            collect_sheets(&path, inner, sheets)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let id = entry_id(&entry, kind, device);
            sheets.push(path, id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_twice_is_listed_once_and_folders_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "notes.txt"] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        let a = dir.path().join("a.toml");
        let found = find_sheets(&[a.clone(), dir.path().to_path_buf()]).unwrap();
        assert_eq!(found, vec![a, dir.path().join("b.toml")]);
    }
}
