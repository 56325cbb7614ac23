//! `ksb evidence add`: a new evidence item on a sheet; its number on stdout.

use std::path::PathBuf;

use anyhow::{anyhow, Context as _, Result};
use chrono::Local;
use clap::Args;
use ksb::model::evidence::{check_text, Evidence, EvidenceLink};
use ksb::render::evidence_table::ksbs_text;
use ksb::{KsbId, Standard};

use super::evidence::change_sheet;
use super::score::known_id;
use crate::app::context::Context;
use crate::app::header_flags::check_username;
use crate::app::output;

/// Arguments of `ksb evidence add`.
#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
    /// The sheet to add it to.
    pub sheet: PathBuf,
    /// The KSBs it supports, such as K3,S2 (ids in any case; the flag may be given again).
    #[arg(
        long = "ksb",
        value_name = "IDS",
        required = true,
        value_delimiter = ','
    )]
    pub ksbs: Vec<String>,
    /// Where a mentor can see it: an https:// address, a Phorge task (T12345), a GitHub issue (owner/repo#123) or a wiki page ([[Page title]]).
    #[arg(long, value_name = "LINK")]
    pub link: Option<String>,
    /// Who adds it, when not the sheet's participant (a username).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// What the evidence is, in a line.
    #[arg(value_name = "TEXT")]
    pub text: String,
}

impl EvidenceAddArgs {
    /// Runs `ksb evidence add`: everything given is checked before the sheet is touched.
    pub fn add(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let ids = ksb_ids(&standard, &self.ksbs)?;
        let link = self.link.as_deref().map(parse_link).transpose()?;
        let text = check_text(&self.text)?;
        let by = self
            .by
            .as_deref()
            .map(|name| check_username(name).context("in --by"))
            .transpose()?;
        let today = Local::now().date_naive();
        let path = &self.sheet;
        let shown = ksbs_text(&ids);
        let number = change_sheet(path, &standard, "evidence add", |sheet| {
            let item = Evidence {
                number: 0,
                text,
                link,
                ksbs: ids,
                added: today,
                added_by: by.unwrap_or_else(|| sheet.participant.username.clone()),
                verdict: None,
            };
            sheet
                .add_evidence(&standard, item)
                .with_context(|| format!("adding evidence to sheet '{}'", path.display()))
        })?;
        eprintln!(
            "{}",
            output::printable(&format!(
                "Added evidence {number} to {} ({shown})",
                path.display()
            ))
        );
        output::emit(&format!("{number}\n"))
    }
}

/// The KSBs `--ksb` names, each the standard's (in any case), in the order given.
pub fn ksb_ids(standard: &Standard, texts: &[String]) -> Result<Vec<KsbId>> {
    texts
        .iter()
        .filter(|text| !text.trim().is_empty())
        .map(|text| known_id(standard, text).context("in --ksb"))
        .collect()
}

/// A link as `--link` or a prompt gives it; the error names the link and says why it is refused.
pub fn parse_link(text: &str) -> Result<EvidenceLink> {
    EvidenceLink::parse(text).map_err(|err| {
        anyhow!(
            "the link '{}' {err}",
            ksb::render::terminal::one_line(text.trim())
        )
    })
}
