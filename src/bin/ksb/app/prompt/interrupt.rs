//! Ctrl-C during a session, as a value the main thread returns: the save in progress
//! finishes, destructors run, and `main` says where the answers are and exits 130.
//!
//! Ctrl-C reaches `ksb` two ways. While the line editor reads a line, the terminal is raw and
//! rustyline turns Ctrl-C (the key, or a SIGINT sent from outside) into
//! `ReadlineError::Interrupted`; dialoguer's choices give an `Interrupted` I/O error. Anywhere
//! else (between prompts, during a save) the terminal sends SIGINT, and the handler installed
//! by [`Watch::install`] only raises a flag that the session reads after each save and before
//! each prompt. Each way ends in an [`Interrupted`] error carrying the message to show.

use std::fmt;
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the session asks as plain lines (`--plain`, TERM=dumb): then nothing but text is
/// written, not even the escape that shows the cursor.
pub static PLAIN: AtomicBool = AtomicBool::new(false);
use std::sync::Arc;

use anyhow::Result;

/// The exit status of a process ended by SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// The end of a session at Ctrl-C: what to tell the participant about their sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interrupted {
    /// The whole message (where the sheet is, how far it got, the command that goes on),
    /// ending in a newline.
    pub message: String,
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

impl Interrupted {
    /// The message when nothing was saved yet.
    pub fn nothing_saved() -> Interrupted {
        Interrupted {
            message: "Interrupted. Nothing was saved.\n".to_string(),
        }
    }

    /// Shows the cursor again (a choice hides it) and writes the message on a line of its own.
    pub fn tell(&self) {
        if !PLAIN.load(Ordering::SeqCst) {
            let _ = console::Term::stdout().show_cursor();
        }
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "\n{}", self.message);
        let _ = out.flush();
    }
}

/// Whether SIGINT (Ctrl-C) arrived while no prompt was reading: raised by the handler.
#[derive(Debug, Clone)]
pub struct Watch(Arc<AtomicBool>);

impl Watch {
    /// Makes the one signal handler (`app::signals`: SIGINT, SIGTERM and SIGHUP on Unix, the
    /// console's Ctrl-C on Windows) only raise this flag from now on; call once per process,
    /// before the first prompt.
    pub fn install() -> Result<Watch> {
        let flag = Arc::new(AtomicBool::new(false));
        crate::app::signals::during_session(Arc::clone(&flag));
        crate::app::signals::install()?;
        Ok(Watch(flag))
    }

    /// Whether Ctrl-C came since the handler was installed.
    pub fn raised(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
