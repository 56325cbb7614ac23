//! What differs between operating systems, one module per concern, so that the rest of ksb
//! reads the same everywhere: who may read the files ksb writes ([`permissions`]), and how
//! files are told apart and a folder's changes made durable ([`files`]). The other concerns
//! have their own one module: file locks are std's `File::lock` on every system, and
//! [`crate::store::write_lock`] says what else differs; signals (Ctrl-C) are the ctrlc crate's
//! and the terminal is rustyline's, console's and crossterm's, each portable, wired up in the
//! binary's `app/prompt/`.

pub mod files;
pub mod permissions;
