//! `ksb wiki status`: whether a sheet and its page agree, and if not which side moved.

use anyhow::{Context as _, Result};

use super::Context;
use crate::app::sheet_io;
use crate::app::wiki_conn::{self, Need};
use crate::app::{output, wiki_sheets};
use crate::cli::WikiStatusArgs;

impl WikiStatusArgs {
    /// Runs `ksb wiki status` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn status(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        let name = self.sheet.display();
        let Some(record) = &sheet.wiki else {
            return output::emit(&format!(
                "'{name}' was never published: `ksb wiki publish {}` publishes it\n",
                output::shell_word(&name.to_string())
            ));
        };
        let local = wiki_sheets::changed_since_published(&standard, &sheet)?;
        let client = wiki_conn::connect(ctx, url, Need::Read)?;
        let now = client
            .page_now(&record.page)
            .with_context(|| format!("reading page '{}'", record.page))?;
        let page = &record.page;
        let mut lines = Vec::new();
        match &now.page.latest {
            None => lines.push(format!(
                "Page '{page}' no longer exists on the wiki (ksb was in step with revision {})",
                record.revision
            )),
            Some(rev) if rev.id == record.revision => lines.push(format!(
                "Page '{page}' is revision {}, as ksb left it",
                rev.id
            )),
            Some(rev) => lines.push(format!(
                "Page '{page}' was edited on the wiki since revision {} that ksb left: last by {} at {} (revision {}); `ksb wiki pull` brings it in",
                record.revision, rev.user, rev.timestamp, rev.id
            )),
        }
        lines.push(if local {
            format!("'{name}' has changes not published: `ksb wiki publish` publishes them")
        } else {
            format!("'{name}' has no changes since")
        });
        let verdict = match (&now.page.latest, local) {
            (Some(rev), false) if rev.id == record.revision => "Up to date",
            (Some(rev), true) if rev.id == record.revision => "The page is older than the sheet",
            (None, _) => "The page is gone",
            _ => "Edited on the wiki",
        };
        output::emit(&output::printable(&format!(
            "{verdict}\n{}\n",
            lines.join("\n")
        )))
    }
}
