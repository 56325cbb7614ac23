//! `ksb wiki status`: whether a sheet and its page agree, and if not what each side changed
//! since they were last in step, KSB by KSB.

use anyhow::{Context as _, Result};
use ksb::wiki::merge::{self, Choices};
use ksb::wiki::{page, sync};

use crate::app::context::Context;
use crate::app::output;
use crate::app::sheet_io;
use crate::app::shell;
use crate::app::wiki_conn::{self, Need};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb wiki status`.
#[derive(Debug, Args)]
pub struct WikiStatusArgs {
    /// The sheet to check against its page.
    pub sheet: PathBuf,
}

impl WikiStatusArgs {
    /// Runs `ksb wiki status` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn status(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        let name = self.sheet.display().to_string();
        let Some(record) = &sheet.wiki else {
            return output::emit(&format!(
                "'{name}' was never published: `ksb wiki publish {}` publishes it\n",
                shell::shell_word(&name)
            ));
        };
        let client = wiki_conn::connect(&ctx.settings, &ctx.secrets, url, Need::Read)?;
        let now = client
            .page_now(&record.page)
            .with_context(|| format!("reading page '{}'", record.page))?;
        let title = &record.page;
        let Some(rev) = &now.page.latest else {
            return output::emit(&output::printable(&format!(
                "The page is gone\nPage '{title}' no longer exists on the wiki (ksb was in step with revision {}): `ksb wiki publish --force` creates it again\n",
                record.revision
            )));
        };
        let found = page::read(&rev.text, &standard)
            .map_err(|err| anyhow::anyhow!(output::printable(&err.to_string())))
            .with_context(|| {
                format!("reading the sheet on page '{title}' (revision {})", rev.id)
            })?;
        let standing = sync::standing(&standard, &sheet, title, rev.id);
        let fetched = if standing.needs_base() {
            ksb::wiki::publish::bases(&client, &standard, &[record.revision])?
                .remove(&record.revision)
        } else {
            None
        };
        let base = sync::base_of(standing, &sheet, &found.sheet, fetched.as_ref());
        let ours = base
            .as_ref()
            .map(|base| merge::changes(&standard, base, &sheet))
            .unwrap_or_default();
        let theirs = base
            .as_ref()
            .map(|base| merge::changes(&standard, base, &found.sheet))
            .unwrap_or_default();
        let mut lines = Vec::new();
        let verdict = match (standing.local, standing.wiki) {
            (false, false) => "Up to date",
            (true, false) => "The page is older than the sheet",
            (false, true) => "Edited on the wiki",
            (true, true) => "Both changed",
        };
        lines.push(verdict.to_string());
        if !standing.wiki {
            lines.push(format!(
                "Page '{title}' is revision {}, as ksb left it",
                rev.id
            ));
        } else if theirs.is_empty() && base.is_some() {
            lines.push(format!(
                "Page '{title}' was edited on the wiki since revision {} (last by {} at {}, revision {}), around the sheet only",
                record.revision, rev.user, rev.timestamp, rev.id
            ));
        } else {
            lines.push(format!(
                "Page '{title}' was edited on the wiki since revision {}: last by {} at {} (revision {})",
                record.revision, rev.user, rev.timestamp, rev.id
            ));
            if !theirs.is_empty() {
                lines.push(format!("Changed on the wiki: {}", merge::describe(&theirs)));
            }
        }
        if standing.needs_base() && base.is_none() {
            lines.push(format!(
                "Revision {} that ksb was in step with cannot be read back from the wiki: every difference counts as changed on both sides",
                record.revision
            ));
        } else if standing.local && ours.is_empty() {
            lines.push(format!("'{name}' changed in nothing the page shows"));
        } else if standing.local {
            lines.push(format!("Changed in '{name}': {}", merge::describe(&ours)));
        } else {
            lines.push(format!("'{name}' has no changes since"));
        }
        if standing.local || standing.wiki {
            match sync::reconcile(
                &standard,
                &sheet,
                &found.sheet,
                standing,
                fetched.as_ref(),
                &Choices::default(),
            ) {
                Ok(_) => lines.push(
                    "`ksb wiki publish` brings both sides in step (it merges); `ksb wiki pull` brings the page's changes into the sheet"
                        .to_string(),
                ),
                Err(conflicts) => lines.push(format!(
                    "Changed on both sides, differently: {conflicts}; settle each with --take-local or --take-wiki on `ksb wiki publish` or `ksb wiki pull`"
                )),
            }
        }
        output::emit(&output::printable(&format!("{}\n", lines.join("\n"))))
    }
}
