//! `ksb lock`: keep a finished assessment as it is, and the check every command that changes
//! a sheet makes first.

use std::path::Path;

use anyhow::{bail, Result};
use ksb::Sheet;

use super::{Command, Context};
use crate::app::output;
use crate::app::sheet_io::{self, SheetFile};
use crate::cli::LockArgs;

/// Refuses to go on when `sheet` (read from `path`) is locked, saying how to unlock it. Every
/// command that changes an existing sheet calls this before changing anything.
pub fn ensure_unlocked(sheet: &Sheet, path: &Path) -> Result<()> {
    if sheet.locked {
        bail!(
            "sheet '{}' is locked as a finished assessment; unlock it first with `ksb lock --undo {}`",
            path.display(),
            output::shell_word(&path.display().to_string())
        );
    }
    Ok(())
}

impl Command for LockArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let path = &self.sheet;
        sheet_io::refuse_stdin_for_writing(path, "lock")?;
        let standard = ctx.standard()?;
        let (mut file, mut sheet) = SheetFile::open(path, &standard)?;
        let lock = !self.undo;
        let message = match (sheet.locked, lock) {
            (true, true) => format!("{} is already locked\n", path.display()),
            (false, false) => format!("{} is not locked\n", path.display()),
            _ => {
                sheet.locked = lock;
                file.save(&standard, &sheet)?;
                if lock {
                    format!(
                        "Locked {}: ksb will not change it (unlock with `ksb lock --undo {}`)\n",
                        path.display(),
                        output::shell_word(&path.display().to_string())
                    )
                } else {
                    format!("Unlocked {}: it can be changed again\n", path.display())
                }
            }
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
            output::shell_word("sheets/me-2026.toml"),
            "sheets/me-2026.toml"
        );
        assert_eq!(output::shell_word("my sheet.toml"), "'my sheet.toml'");
        assert_eq!(output::shell_word("it's.toml"), r"'it'\''s.toml'");
    }
}
