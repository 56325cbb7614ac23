//! `ksb wiki publish`: a sheet's wikitext written to its page, on top of the revision `ksb`
//! published last, so that an edit made on the wiki in between is never overwritten.

use anyhow::{bail, Context as _, Result};
use ksb::wiki::client::{Create, Edit, PageNow, Revision};
use ksb::wiki::{self, summary, title, WikiError};
use ksb::{Sheet, Standard, WikiRecord};
use similar::TextDiff;

use super::Context;
use crate::app::output;
use crate::app::settings::Key;
use crate::app::sheet_io::{self, SheetFile};
use crate::app::wiki_conn::{self, Need};
use crate::app::wiki_sheets;
use crate::cli::WikiPublishArgs;

impl WikiPublishArgs {
    /// Runs `ksb wiki publish` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn publish(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        let text = wiki_sheets::wikitext(&standard, &sheet)?;
        let title = self.title(ctx, &sheet)?;
        let need = if self.dry_run { Need::Read } else { Need::Edit };
        let mut client = wiki_conn::connect(ctx, url, need)?;
        let doing = format!("publishing '{}' to page '{title}'", self.sheet.display());
        let now = client.page_now(&title).context(doing.clone())?;
        let create = self.check(&sheet, &now).context(doing.clone())?;
        let latest = now.page.latest.as_ref();
        if latest.is_some_and(|rev| rev.text.trim_end() == text.trim_end()) {
            let rev = latest.map_or(0, |rev| rev.id);
            if !self.dry_run {
                self.record(&standard, &sheet, &now.page.title, rev, &text)?;
            }
            return output::emit(&format!(
                "Page '{}' already holds this sheet (revision {rev}); nothing to publish\n",
                now.page.title
            ));
        }
        let old = latest.and_then(|rev| wiki_sheets::sheet_of_page(&rev.text, &standard).ok());
        let summary = match &self.summary {
            Some(summary) => summary.clone(),
            None => summary::edit_summary(&standard, old.as_ref(), &sheet),
        };
        if self.dry_run {
            return output::emit(&dry_run(&now, latest, &text, &summary));
        }
        let edit = Edit {
            title: &now.page.title,
            text: &text,
            summary: &summary,
            base: latest.map(|rev| (rev.id, rev.timestamp.as_str())),
            started: &now.now,
            create,
        };
        let saved = client
            .edit(&edit)
            .map_err(|err| explain(err, &now.page.title))
            .context(doing)?;
        let revision = match saved.revision {
            Some(revision) => revision,
            None => latest.map_or(0, |rev| rev.id),
        };
        self.record(&standard, &sheet, &now.page.title, revision, &text)?;
        output::emit(&output::printable(&format!(
            "Published '{}' to page '{}' (revision {revision}): {summary}\n",
            self.sheet.display(),
            now.page.title
        )))
    }

    /// The page: `--page`, else the one the sheet was published to, else the template.
    fn title(&self, ctx: &Context, sheet: &Sheet) -> Result<String> {
        if let Some(page) = &self.page {
            return Ok(page.trim().to_string());
        }
        if let Some(record) = &sheet.wiki {
            return Ok(record.page.clone());
        }
        let setting = ctx.settings.get(Key::WikiPage);
        let template = setting.value.as_deref().unwrap_or(title::DEFAULT_TEMPLATE);
        title::from_template(template, &sheet.participant)
            .with_context(|| format!("the page template from {}", setting.source))
    }

    /// Whether the edit may go ahead, and how: a new page is created only if nobody created
    /// it in between; an existing one is replaced only when it is as `ksb` published it (or
    /// with `--force`).
    fn check(&self, sheet: &Sheet, now: &PageNow) -> Result<Create> {
        let recorded = sheet
            .wiki
            .as_ref()
            .filter(|record| record.page == now.page.title);
        match (&now.page.latest, recorded) {
            (None, Some(record)) if !self.force => bail!(
                "the page was deleted on the wiki since ksb published revision {} of it; give --force to create it again",
                record.revision
            ),
            (None, _) => Ok(Create::Only),
            (Some(rev), None) if !self.force => bail!(
                "the page exists and was not published from this sheet by ksb (last edited by {} at {}, revision {}); nothing written: pull it with `ksb wiki pull`, or give --force to replace it",
                rev.user,
                rev.timestamp,
                rev.id
            ),
            (Some(rev), Some(record)) if rev.id != record.revision && !self.force => bail!(
                "the page was edited on the wiki since ksb published revision {}: last by {} at {} (revision {}); nothing written: pull it with `ksb wiki pull`, or give --force to replace it",
                record.revision,
                rev.user,
                rev.timestamp,
                rev.id
            ),
            (Some(_), _) => Ok(Create::Never),
        }
    }

    /// Records the page and revision in the sheet.
    fn record(
        &self,
        standard: &Standard,
        sheet: &Sheet,
        page: &str,
        revision: u64,
        text: &str,
    ) -> Result<()> {
        let record = WikiRecord {
            page: page.to_string(),
            revision,
            published: wiki::digest(text),
        };
        if sheet.wiki.as_ref() == Some(&record) {
            return Ok(());
        }
        SheetFile::record_wiki(&self.sheet, standard, sheet, record)
    }
}

/// What `--dry-run` prints: the edit summary and a unified diff from the page as it is.
fn dry_run(now: &PageNow, latest: Option<&Revision>, text: &str, summary: &str) -> String {
    let (old, label) = match latest {
        Some(rev) => (
            rev.text.clone(),
            format!("{} (revision {})", now.page.title, rev.id),
        ),
        None => (String::new(), format!("{} (new page)", now.page.title)),
    };
    let old = format!("{}\n", old.trim_end());
    let diff = TextDiff::from_lines(old.as_str(), text)
        .unified_diff()
        .context_radius(2)
        .header(&label, "the sheet as it would be published")
        .to_string();
    output::printable(&format!(
        "{diff}Edit summary: {summary}\nDry run: nothing written to the wiki or the sheet\n"
    ))
}

/// MediaWiki's refusals, with what to do about the common ones.
fn explain(err: WikiError, title: &str) -> anyhow::Error {
    let hint = match err.api_code() {
        Some("editconflict") => format!(
            "; page '{title}' was edited on the wiki while publishing and is untouched: pull it with `ksb wiki pull`, or give --force"
        ),
        Some("articleexists") => format!(
            "; page '{title}' was created by someone else while publishing and is untouched: pull it with `ksb wiki pull`, or give --force"
        ),
        Some("protectedpage" | "cascadeprotected" | "permissiondenied") => {
            "; ask a wiki administrator for edit rights on the page, or publish to another --page".to_string()
        }
        Some("badtoken" | "assertuserfailed" | "assertbotfailed") => {
            "; the login did not hold: run the command again".to_string()
        }
        _ => String::new(),
    };
    anyhow::anyhow!("{err}{hint}")
}
