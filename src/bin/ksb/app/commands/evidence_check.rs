//! `ksb evidence check`: a mentor's verdict on an evidence item, recorded beside it with their
//! username and the date; the item itself is never rewritten.

use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use chrono::Local;
use clap::Args;
use ksb::model::evidence::{check_text, EvidenceNumber, TextError, Verdict, VerdictState};
use ksb::render::evidence_table::verdict_text;

use super::evidence::change_sheet;
use crate::app::context::Context;
use crate::app::header_flags::check_username;
use crate::app::output;
use crate::app::settings::Key;

/// Arguments of `ksb evidence check`.
#[derive(Debug, Args)]
pub struct EvidenceCheckArgs {
    /// The sheet holding the item.
    pub sheet: PathBuf,
    /// The item's number (`ksb evidence list` shows them).
    #[arg(value_name = "N")]
    pub number: EvidenceNumber,
    /// The mentor's username (default: your configured username, KSB_USERNAME then the config file).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Mark it questioned (it does not show what it claims, or could not be followed) rather than checked.
    #[arg(long)]
    pub questioned: bool,
    /// What the mentor says about it, in a line.
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
}

impl EvidenceCheckArgs {
    /// Runs `ksb evidence check`.
    pub fn check(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let by = self.reviewer(ctx)?;
        let comment = match self.comment.as_deref().map(check_text) {
            None | Some(Err(TextError::Empty)) => None,
            Some(Ok(comment)) => Some(comment),
            Some(Err(TextError::Control)) => {
                bail!("in --comment: a comment is one line, without control characters")
            }
        };
        let verdict = Verdict {
            state: if self.questioned {
                VerdictState::Questioned
            } else {
                VerdictState::Checked
            },
            by,
            date: Local::now().date_naive(),
            comment,
        };
        let shown = verdict_text(Some(&verdict));
        let path = &self.sheet;
        change_sheet(path, &standard, "evidence check", |sheet| {
            sheet
                .judge_evidence(self.number, verdict)
                .with_context(|| format!("checking evidence in sheet '{}'", path.display()))
        })?;
        output::emit(&output::printable(&format!(
            "Evidence {} of {}: {shown}\n",
            self.number,
            path.display()
        )))
    }

    /// Who gives the verdict: `--reviewer`, else the configured username.
    fn reviewer(&self, ctx: &Context) -> Result<String> {
        if let Some(name) = &self.reviewer {
            return check_username(name).context("in --reviewer");
        }
        let setting = ctx.settings.get(Key::Username);
        match &setting.value {
            Some(name) => check_username(name).with_context(|| {
                format!(
                    "the reviewer: {} from {}",
                    setting.key.name(),
                    setting.source
                )
            }),
            None => bail!(
                "who checks it? give --reviewer NAME (or set your username: KSB_USERNAME or `username` in the config file)"
            ),
        }
    }
}
