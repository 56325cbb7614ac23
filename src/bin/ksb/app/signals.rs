//! SIGINT, SIGTERM and SIGHUP for every command: a write in progress is finished, the lock
//! files held are removed, and `ksb` exits with status 130, leaving neither temporary nor lock
//! files and each file as it was or as it is after the write ([`ksb::store::stop_writes`]).
//! During an interactive session, the session's own ending runs instead (it does the same,
//! and restores the terminal and says where the answers are).

use std::sync::OnceLock;

use anyhow::{Context, Result};

/// The exit status after a signal, as shells report SIGINT.
const EXIT_SIGNALLED: i32 = 130;

/// How the interactive session ends, once one has started.
static SESSION_EXIT: OnceLock<fn() -> !> = OnceLock::new();

/// Installs the handler of SIGINT, SIGTERM and SIGHUP; call once, before any file is written.
pub fn install() -> Result<()> {
    ctrlc::set_handler(on_signal).context("installing the signal handler")
}

/// Makes `exit` the way the process ends on a signal from now on.
pub fn during_session(exit: fn() -> !) {
    let _ = SESSION_EXIT.set(exit);
}

fn on_signal() {
    if let Some(exit) = SESSION_EXIT.get() {
        exit();
    }
    let _no_more_writes = ksb::store::stop_writes();
    std::process::exit(EXIT_SIGNALLED);
}
