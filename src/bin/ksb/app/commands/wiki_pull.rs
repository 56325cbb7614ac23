//! `ksb wiki pull`: pages read into sheets, a whole cohort in a few batched requests. Each
//! sheet is written atomically as soon as its batch is in, so a pull cut short leaves complete
//! sheets only; a page that is no sheet is reported and the rest are pulled.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use ksb::wiki::client::{Page, TITLES_PER_REQUEST};
use ksb::wiki::{self, title, Client};
use ksb::{Standard, WikiRecord};

use super::Context;
use crate::app::settings::{self, Key};
use crate::app::sheet_io::{self, SheetFile};
use crate::app::wiki_conn::{self, Need};
use crate::app::{output, wiki_sheets};
use crate::cli::WikiPullArgs;

/// Where pulled sheets go.
enum Target {
    /// One title, into this file.
    File(PathBuf),
    /// Into this folder, each sheet named after its participant.
    Folder(PathBuf),
}

impl WikiPullArgs {
    /// Runs `ksb wiki pull` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn pull(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let client = wiki_conn::connect(ctx, url, Need::Read)?;
        let titles = self.titles_to_pull(&client)?;
        let target = self.target(ctx, &titles)?;
        let total = titles.len();
        let (mut pulled, mut failed) = (0, 0);
        for batch in titles.chunks(TITLES_PER_REQUEST) {
            let pages = match client.pages(batch) {
                Ok(pages) => pages,
                Err(err) if pulled + failed == 0 => return Err(err.into()),
                Err(err) => {
                    return Err(anyhow::Error::new(err).context(format!(
                    "pulled {pulled} of {total} pages ({failed} not pulled) before the wiki failed"
                )))
                }
            };
            for page in &pages {
                match self.pull_one(&standard, page, &target) {
                    Ok(_) => pulled += 1,
                    Err(err) => {
                        failed += 1;
                        eprintln!("{}", output::error_line(&err));
                    }
                }
            }
        }
        let into = match &target {
            Target::File(path) | Target::Folder(path) => path.display().to_string(),
        };
        output::emit(&output::printable(&format!(
            "Pulled {pulled} of {total} page{} into {into} ({} requests)\n",
            if total == 1 { "" } else { "s" },
            client.requests()
        )))?;
        if failed > 0 {
            bail!("{failed} of {total} pages not pulled (listed above)");
        }
        Ok(())
    }

    /// The titles named, or listed under the prefix or in the category.
    fn titles_to_pull(&self, client: &Client) -> Result<Vec<String>> {
        if let Some(prefix) = &self.prefix {
            let site = client
                .site_info()
                .context("reading the wiki's namespaces")?;
            let (namespace, rest) = title::split_prefix(prefix, &site);
            let titles = client
                .pages_with_prefix(namespace, &rest)
                .with_context(|| format!("listing the pages under '{prefix}'"))?;
            if titles.is_empty() {
                bail!("no page on the wiki starts with '{prefix}'");
            }
            return Ok(titles);
        }
        if let Some(category) = &self.category {
            let category = title::category_title(category);
            let titles = client
                .pages_in_category(&category)
                .with_context(|| format!("listing the pages in '{category}'"))?;
            if titles.is_empty() {
                bail!("no page on the wiki is in '{category}'");
            }
            return Ok(titles);
        }
        Ok(self.titles.iter().map(|t| t.trim().to_string()).collect())
    }

    /// One file for one title named with `-o` that is not a folder (nor ends in `/`); else a
    /// folder (created when missing): `-o`, else
    /// the sheets folder, else the current one.
    fn target(&self, ctx: &Context, titles: &[String]) -> Result<Target> {
        match &self.output {
            Some(path)
                if titles.len() == 1
                    && self.prefix.is_none()
                    && self.category.is_none()
                    && !path.is_dir()
                    && !path.as_os_str().to_string_lossy().ends_with('/') =>
            {
                sheet_io::refuse_stdin_for_writing(path, "wiki pull")?;
                Ok(Target::File(path.clone()))
            }
            Some(path) => {
                sheet_io::create_private_folder(Some(path))?;
                Ok(Target::Folder(path.clone()))
            }
            None => {
                let folder = ctx
                    .settings
                    .get(Key::SheetsDir)
                    .path()
                    .unwrap_or_else(|| PathBuf::from("."));
                sheet_io::create_private_folder(Some(&folder))?;
                Ok(Target::Folder(folder))
            }
        }
    }

    /// Reads one page into its sheet and writes it; the error names the page.
    fn pull_one(&self, standard: &Standard, page: &Page, target: &Target) -> Result<PathBuf> {
        let doing = || format!("pulling page '{}'", page.title);
        let Some(rev) = &page.latest else {
            bail!("{}: the page does not exist", doing());
        };
        let mut sheet = wiki_sheets::sheet_of_page(&rev.text, standard).with_context(doing)?;
        let text = wiki_sheets::wikitext(standard, &sheet)?;
        sheet.wiki = Some(WikiRecord {
            page: page.title.clone(),
            revision: rev.id,
            published: wiki::digest(&text),
        });
        let path = match target {
            Target::File(path) => path.clone(),
            Target::Folder(folder) => {
                let p = &sheet.participant;
                settings::default_sheet_path(folder, &p.username, &p.assessment_type, p.date)
            }
        };
        self.write(standard, &path, &page.title, &sheet)
            .with_context(doing)?;
        Ok(path)
    }

    /// Writes a pulled sheet: a new file, or over the sheet pulled from (or published to) the
    /// same page when it has no changes that were not published; anything else only with
    /// `--force`.
    fn write(
        &self,
        standard: &Standard,
        path: &Path,
        title: &str,
        sheet: &ksb::Sheet,
    ) -> Result<()> {
        if path.symlink_metadata().is_err() {
            return SheetFile::create(path).save(standard, sheet);
        }
        let (mut file, existing) = SheetFile::open(path, standard)?;
        if !self.force {
            let same_page = existing.wiki.as_ref().is_some_and(|w| w.page == title);
            if !same_page {
                bail!(
                    "sheet '{}' exists and is not from this page: give --force to replace it, or -o another file",
                    path.display()
                );
            }
            if wiki_sheets::changed_since_published(standard, &existing)? {
                bail!(
                    "sheet '{}' has changes that were not published: publish them first (`ksb wiki publish`), or give --force to replace them",
                    path.display()
                );
            }
        }
        file.save(standard, sheet)
    }
}
