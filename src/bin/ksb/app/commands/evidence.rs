//! `ksb evidence`: the evidence items of a sheet, apart from its scores: adding, listing and
//! removing them, and a mentor's verdict on one.

use std::path::Path;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use ksb::{Sheet, Standard};

use super::evidence_add::EvidenceAddArgs;
use super::evidence_check::EvidenceCheckArgs;
use super::evidence_list::EvidenceListArgs;
use super::evidence_remove::EvidenceRemoveArgs;
use crate::app::context::{Command, Globals};
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;

/// Arguments of `ksb evidence`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: EvidenceAction,
}

/// What `ksb evidence` does.
#[derive(Debug, Subcommand)]
pub enum EvidenceAction {
    /// Add an item: a line saying what it is, the KSBs it supports, optionally a link; prints its number.
    #[command(
        after_help = "Examples:\n  ksb evidence add me.toml --ksb K3,S2 --link T12345 \"Ran the Swift replication check\"\n  ksb evidence add me.toml --ksb b1 --link \"[[Tech:Swift]]\" \"Wrote the Swift page\"\n  ksb evidence add me.toml --ksb S4 --link miraheze/mw-config#123 \"Merged the cache change\"\n  ksb evidence add me.toml --ksb K1 --by MentorName \"Explained the licence at the meeting\"\n\nLinks: an https:// address, a Phorge task (T12345), a GitHub issue or pull request\n(owner/repo#123) or a page of the wiki ([[Page title]])."
    )]
    Add(EvidenceAddArgs),
    /// List the items of a sheet with their links, KSBs and verdicts.
    #[command(
        after_help = "Examples:\n  ksb evidence list me.toml\n  ksb evidence list me.toml --format json"
    )]
    List(EvidenceListArgs),
    /// Remove an item; the others keep their numbers.
    #[command(after_help = "Example:\n  ksb evidence remove me.toml 3")]
    Remove(EvidenceRemoveArgs),
    /// Record a mentor's verdict on an item: checked, or questioned with --questioned.
    #[command(
        after_help = "Examples:\n  ksb evidence check me.toml 3 --reviewer MentorName\n  ksb evidence check me.toml 4 --reviewer MentorName --questioned --comment \"The task is someone else's\"\n\nThe reviewer defaults to your configured username (KSB_USERNAME, then the config file).\nNobody checks their own evidence: the sheet's participant and the item's author are refused."
    )]
    Check(EvidenceCheckArgs),
}

impl Command for EvidenceArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        match self.action {
            EvidenceAction::Add(action) => action.add(ctx),
            EvidenceAction::List(action) => action.list(ctx),
            EvidenceAction::Remove(action) => action.remove(ctx),
            EvidenceAction::Check(action) => action.check(ctx),
        }
    }
}

/// Changes the sheet at `path` as it is now (locked, under its lock, refusing a locked sheet):
/// `change` works on the sheet read and its result is returned once the sheet is saved.
pub fn change_sheet<T>(
    path: &Path,
    standard: &Standard,
    what: &str,
    change: impl FnOnce(&mut Sheet) -> Result<T>,
) -> Result<T> {
    sheet_io::refuse_stdin_for_writing(path, what)?;
    let mut result = None;
    SheetFile::update(path, standard, |current| {
        let Some(mut sheet) = current else {
            bail!(
                "sheet '{}' does not exist: `ksb assess` or `ksb score` creates it",
                path.display()
            );
        };
        result = Some(change(&mut sheet)?);
        Ok(sheet)
    })?;
    result.ok_or_else(|| anyhow::anyhow!("the sheet was not changed"))
}
