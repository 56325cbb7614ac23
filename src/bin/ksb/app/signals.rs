//! SIGINT, SIGTERM and SIGHUP for every command: a write in progress is finished, the lock
//! files held are removed, and `ksb` exits with status 130, leaving neither temporary nor lock
//! files and each file as it was or as it is after the write ([`ksb::store::stop_writes`]).
//! During an interactive session the handler only raises the session's flag: the session reads
//! it after each save and before each prompt and ends as at Ctrl-C (`prompt::interrupt`), so
//! the save in progress finishes and the terminal is put back by the line editor's own code.
//!
//! The handler is installed by the first thing that writes (the lock of a sheet, an `-o` file,
//! a standard) or by an interactive session, so commands that only read start no handler
//! thread: a signal before that ends `ksb` the default way, before anything was written.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use anyhow::{anyhow, Result};

/// The exit status after a signal, as shells report SIGINT.
const EXIT_SIGNALLED: i32 = 130;

/// The flag of the interactive session, once one has started.
static SESSION: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Whether the handler is installed (or why it could not be).
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// Installs the handler of SIGINT, SIGTERM and SIGHUP, once; call before anything is written.
pub fn install() -> Result<()> {
    INSTALLED
        .get_or_init(|| ctrlc::set_handler(on_signal).map_err(|err| err.to_string()))
        .clone()
        .map_err(|err| anyhow!("installing the signal handler: {err}"))
}

/// Makes a signal raise `flag` from now on, instead of ending the process.
pub fn during_session(flag: Arc<AtomicBool>) {
    let _ = SESSION.set(flag);
}

fn on_signal() {
    if let Some(flag) = SESSION.get() {
        flag.store(true, Ordering::SeqCst);
        return;
    }
    let _no_more_writes = ksb::store::stop_writes();
    std::process::exit(EXIT_SIGNALLED);
}
