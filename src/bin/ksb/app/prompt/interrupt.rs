//! Ctrl-C during a session: restore the terminal, say where the answers are, exit 130.
//!
//! Ctrl-C reaches `ksb` two ways. Between prompts the terminal is in cooked mode and the kernel
//! sends SIGINT, which the handler installed here catches. While dialoguer reads a key the
//! terminal is raw: console sees the byte, raises SIGINT itself and dialoguer returns an
//! `Interrupted` error, which the prompts pass to [`exit`]. Both end in [`exit`], once.
//! A SIGINT sent from outside (`kill -INT`) can arrive while a prompt holds the terminal raw,
//! so [`exit`] also puts back the terminal mode saved when the session started.
//!
//! A SIGINT that arrives while a sheet is being saved waits for the save to finish (see
//! [`while_saving`]): the sheet then holds the answer, and no temporary file is left beside it.

use std::io::Write;
use std::sync::{Mutex, PoisonError};

use anyhow::Result;
use console::Term;

/// The exit status of a process ended by SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: i32 = 130;

/// What to tell the participant about their sheet if they stop now (the whole message).
static PROGRESS: Mutex<Option<String>> = Mutex::new(None);

/// Held by the one thread that is ending the process, so the message is printed once.
static EXITING: Mutex<()> = Mutex::new(());

/// Held while a sheet is saved, so that [`exit`] waits for the save to finish.
static SAVING: Mutex<()> = Mutex::new(());

/// Held while the terminal's mode changes, and by [`exit`] from putting the mode back to the
/// end, so that no prompt can make the terminal raw again after that.
static TERMINAL: Mutex<()> = Mutex::new(());

/// The terminal mode when the session started.
#[cfg(unix)]
static TERMINAL_MODE: Mutex<Option<nix::sys::termios::Termios>> = Mutex::new(None);

/// Saves the terminal mode and makes Ctrl-C (and SIGTERM, SIGHUP) end the session through
/// [`exit`] (the handler is `app::signals`); call once, before the first prompt.
pub fn install() -> Result<()> {
    #[cfg(unix)]
    {
        *TERMINAL_MODE.lock().unwrap_or_else(PoisonError::into_inner) =
            nix::sys::termios::tcgetattr(std::io::stdin()).ok();
    }
    crate::app::signals::during_session(exit);
    crate::app::signals::install()
}

/// Puts back the terminal mode saved by [`install`].
fn restore_terminal_mode() {
    #[cfg(unix)]
    {
        use nix::sys::termios::{tcsetattr, SetArg};
        let saved = TERMINAL_MODE.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(mode) = saved.as_ref() {
            let _ = tcsetattr(std::io::stdin(), SetArg::TCSADRAIN, mode);
        }
    }
}

/// The command that goes on with the sheet, said after Ctrl-C as after `q`.
static RESUME_COMMAND: Mutex<Option<String>> = Mutex::new(None);

/// Records the message Ctrl-C prints: where the answers are, ending in a newline.
pub fn record_progress(line: String) {
    *PROGRESS.lock().unwrap_or_else(PoisonError::into_inner) = Some(line);
}

/// Records the command that goes on with the sheet (`ksb assess me.toml`).
pub fn set_resume_command(command: String) {
    *RESUME_COMMAND
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(command);
}

/// The command recorded by [`set_resume_command`], if any.
pub fn resume_command() -> Option<String> {
    RESUME_COMMAND
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Runs `save` (a save of the sheet and the recording of its progress) so that Ctrl-C waits
/// for it: the process never ends between writing the temporary file and renaming it.
pub fn while_saving<T>(save: impl FnOnce() -> T) -> T {
    let _saving = SAVING.lock().unwrap_or_else(PoisonError::into_inner);
    save()
}

/// Runs `change`, a change of the terminal's mode, unless the process is ending: then it waits
/// for the end, so the mode [`exit`] put back stays.
pub fn changing_terminal_mode<T>(change: impl FnOnce() -> T) -> T {
    let _terminal = TERMINAL.lock().unwrap_or_else(PoisonError::into_inner);
    change()
}

/// Shows the cursor again, says where the sheet is, and exits with status 130, once any save
/// in progress has finished.
pub fn exit() -> ! {
    let _only_once = EXITING.lock().unwrap_or_else(PoisonError::into_inner);
    let _no_save_in_progress = SAVING.lock().unwrap_or_else(PoisonError::into_inner);
    let _no_write_in_progress = ksb::store::stop_writes();
    let _terminal_mode_stays = TERMINAL.lock().unwrap_or_else(PoisonError::into_inner);
    restore_terminal_mode();
    let term = Term::stdout();
    let _ = term.show_cursor();
    let progress = PROGRESS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .unwrap_or_else(|| "Interrupted. Nothing was saved.\n".to_string());
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "\n{progress}");
    let _ = out.flush();
    std::process::exit(EXIT_INTERRUPTED)
}
