//! `ksb lock`: keep a finished assessment as it is. The rule that nothing changes a locked
//! sheet is kept by `SheetFile`, which also offers the one way to lock and unlock.

use anyhow::Result;

use crate::app::context::{Command, Globals};
use crate::app::output;
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;
use crate::app::shell;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb lock`.
#[derive(Debug, Args)]
pub struct LockArgs {
    /// The sheet to lock or unlock.
    pub sheet: PathBuf,
    /// Unlock the sheet instead, so that it can be changed again.
    #[arg(long)]
    pub undo: bool,
}

impl Command for LockArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let path = &self.sheet;
        sheet_io::refuse_stdin_for_writing(path, "lock")?;
        let standard = ctx.standard()?;
        let lock = !self.undo;
        let changed = SheetFile::set_locked(path, &standard, lock)?;
        let message = match (changed, lock) {
            (false, true) => format!("{} is already locked\n", path.display()),
            (false, false) => format!("{} is not locked\n", path.display()),
            (true, true) => format!(
                "Locked {}: ksb will not change it (unlock with `ksb lock --undo {}`)\n",
                path.display(),
                shell::shell_word(&path.display().to_string())
            ),
            (true, false) => format!("Unlocked {}: it can be changed again\n", path.display()),
        };
        output::emit(&message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_paths_a_shell_would_split() {
        assert_eq!(
            shell::shell_word("sheets/me-2026.toml"),
            "sheets/me-2026.toml"
        );
        assert_eq!(shell::shell_word("my sheet.toml"), "'my sheet.toml'");
        assert_eq!(shell::shell_word("it's.toml"), r"'it'\''s.toml'");
    }
}
