//! `ksb wiki pull`: pages read into sheets, a whole cohort in a few batched requests.
//!
//! Every page is read and checked before any sheet is written: a page whose title names
//! someone else than its sheet does, two pages that would go to one file, a page that is no
//! sheet are reported and not written, and nothing written earlier in a run is replaced later
//! in it. A pull into an existing sheet merges: it changes only what the page carries (header,
//! scores, notes), through the same format-preserving edit as `ksb score`, and keeps the rest
//! of the file (retired scores and notes, `reviews`, comments).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use ksb::wiki::client::{Page, TITLES_PER_REQUEST};
use ksb::wiki::merge::{self, Choices};
use ksb::wiki::page::{self, PageSheet};
use ksb::wiki::report_page;
use ksb::wiki::{sync, Client};
use ksb::{Sheet, Standard};

use crate::app::context::Context;
use crate::app::settings;
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;
use crate::app::shell;
use crate::app::stderr;
use crate::app::wiki_conn::{self, Need};
use crate::app::wiki_sheets::{check_owner, TakeArgs};
use crate::app::{output, wiki_sheets};
use clap::Args;

/// Arguments of `ksb wiki pull`.
#[derive(Debug, Args)]
pub struct WikiPullArgs {
    /// Page titles, such as "User:Alice/Tech Mentoring/Self-assessment 2026-11-25".
    #[arg(value_name = "TITLE", required_unless_present_any = ["prefix", "category"], conflicts_with_all = ["prefix", "category"])]
    pub titles: Vec<String>,
    /// Every page whose title starts with this, namespace included, such as "User:Alice/Tech Mentoring/".
    #[arg(long, value_name = "PREFIX", conflicts_with = "category")]
    pub prefix: Option<String>,
    /// Every page in this category (with or without "Category:").
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// The sheet to write for one title, or the folder for many [default: the sheets folder; each sheet named <username>-<assessment type>-<date>.toml].
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Where the sheet and the page both changed the same KSB differently, take the page's (the same as --take-wiki all); also pull into a sheet that is not from this page. What the page does not carry (retired scores, `reviews`, comments) is always kept.
    #[arg(long)]
    pub force: bool,
    /// How conflicts are settled.
    #[command(flatten)]
    pub take: TakeArgs,
}

/// Where pulled sheets go.
enum Target {
    /// One title, into this file.
    File(PathBuf),
    /// Into this folder, each sheet named after its participant.
    Folder(PathBuf),
}

/// A page read and checked, ready to be written to its file.
struct Pulled {
    title: String,
    revision: u64,
    found: PageSheet,
    path: PathBuf,
}

/// A sheet file a pulled page goes into, read before the merge.
struct Existing {
    file: SheetFile,
    sheet: Sheet,
    /// Which sides changed since the sheet was last in step with the page.
    standing: sync::Standing,
}

impl WikiPullArgs {
    /// Runs `ksb wiki pull` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn pull(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let forced = self.force.then(Choices::wiki_everywhere);
        let choices = self.take.choices(&standard, forced)?;
        let client = wiki_conn::connect(&ctx.settings, &ctx.secrets, url, Need::Read)?;
        let titles = self.titles_to_pull(&client)?;
        let listed = self.prefix.is_some() || self.category.is_some();
        let mut reports: Vec<String> = Vec::new();
        let target = self.target(ctx, &titles)?;
        let total = titles.len();
        let mut failed = 0;
        let mut report = |err: anyhow::Error| {
            failed += 1;
            eprintln!("{}", stderr::error_line(&err));
        };

        // Read every page first, keeping only its sheet.
        let mut pulled = Vec::new();
        for batch in titles.chunks(TITLES_PER_REQUEST) {
            let pages = match client.pages(batch) {
                Ok(pages) => pages,
                Err(err) if pulled.is_empty() && failed == 0 => return Err(err.into()),
                Err(err) => {
                    return Err(anyhow::Error::new(err).context(format!(
                        "read {} of {total} pages before the wiki failed; no sheet written",
                        pulled.len() + failed
                    )))
                }
            };
            for page in pages {
                // A cohort's page (`ksb wiki report`) under the same prefix or in the same
                // category is no participant's sheet: a listing leaves it out.
                let text = page.latest.as_ref().map(|rev| rev.text.as_str());
                if listed && text.is_some_and(report_page::holds_report) {
                    reports.push(page.title);
                    continue;
                }
                match self.read_one(ctx, &standard, page, &target) {
                    Ok(one) => pulled.push(one),
                    Err(err) => report(err),
                }
            }
        }

        // Two pages for one file: neither is written. What is left goes to a file of its own, so
        // nothing written in this run is replaced later in it (and a file that appears under
        // another spelling of the same name is refused by its save as created meanwhile).
        let mut by_path: BTreeMap<PathBuf, Vec<&Pulled>> = BTreeMap::new();
        for one in &pulled {
            by_path.entry(one.path.clone()).or_default().push(one);
        }
        let mut clashing = HashSet::new();
        for (path, pages) in by_path.iter().filter(|(_, pages)| pages.len() > 1) {
            let titles: Vec<String> = pages.iter().map(|p| format!("'{}'", p.title)).collect();
            for one in pages {
                clashing.insert(one.title.clone());
                report(anyhow::anyhow!(
                    "pulling page '{}': {} would {} be written to '{}'; {} written: pull each on its own with -o FILE",
                    one.title,
                    titles.join(" and "),
                    if pages.len() == 2 { "both" } else { "all" },
                    path.display(),
                    if pages.len() == 2 { "neither is" } else { "none of them is" }
                ));
            }
        }
        pulled.retain(|one| !clashing.contains(&one.title));

        // Open the sheets already there, and read back the bases of the merges they need.
        let mut ready = Vec::new();
        let mut base_ids = Vec::new();
        for one in pulled {
            match self.existing(&standard, &one) {
                Ok(existing) => {
                    if let Some(existing) = &existing {
                        let record = sync::record_for(&existing.sheet, &one.title);
                        if let (true, Some(record)) = (existing.standing.needs_base(), record) {
                            base_ids.push(record.revision);
                        }
                    }
                    ready.push((one, existing));
                }
                Err(err) => report(err.context(format!("pulling page '{}'", one.title))),
            }
        }
        let bases = ksb::wiki::publish::bases(&client, &standard, &base_ids)
            .context("reading back the revisions the sheets were last in step with")?;

        let mut count = 0;
        let mut lines = Vec::new();
        let outside: Vec<&Pulled> = ready
            .iter()
            .map(|(one, _)| one)
            .filter(|one| one.found.outside)
            .collect();
        match outside.as_slice() {
            [] => {}
            [one] => lines.push(format!(
                "Page '{}' has text outside the sheet: it stays on the wiki and is not in '{}'",
                one.title,
                one.path.display()
            )),
            several => lines.push(format!(
                "{} of the pages have text outside their sheet (such as '{}'): it stays on the wiki and is not in the sheets",
                several.len(),
                several[0].title
            )),
        }
        for (one, existing) in ready {
            let doing = || format!("pulling page '{}'", one.title);
            match self.write(&standard, &one, existing, &bases, &choices) {
                Ok(said) => {
                    count += 1;
                    lines.extend(said);
                }
                Err(err) => report(err.context(doing())),
            }
        }
        let into = match &target {
            Target::File(path) | Target::Folder(path) => path.display().to_string(),
        };
        match reports.as_slice() {
            [] => {}
            [one] => lines.push(format!(
                "Left out '{one}': a cohort's page (ksb wiki report), no participant's sheet"
            )),
            several => lines.push(format!(
                "Left out {} cohort pages (ksb wiki report), no participant's sheets, such as '{}'",
                several.len(),
                several[0]
            )),
        }
        let total = total - reports.len();
        lines.push(format!(
            "Pulled {count} of {total} page{} into {into} ({} requests)",
            if total == 1 { "" } else { "s" },
            client.requests()
        ));
        output::emit(&output::printable(&format!("{}\n", lines.join("\n"))))?;
        if failed > 0 {
            bail!("{failed} of {total} pages not pulled (listed above)");
        }
        Ok(())
    }

    /// The titles named, or listed under the prefix or in the category.
    fn titles_to_pull(&self, client: &Client) -> Result<Vec<String>> {
        let listed =
            wiki_sheets::list_titles(client, self.prefix.as_deref(), self.category.as_deref())?;
        if let Some(titles) = listed {
            return Ok(titles);
        }
        Ok(self.titles.iter().map(|t| t.trim().to_string()).collect())
    }

    /// One file for one title named with `-o` that is not a folder (nor ends in `/`); else a
    /// folder (created when missing): `-o`, else the sheets folder, else the current one.
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
                let folder = ctx.sheets_folder();
                sheet_io::create_private_folder(Some(&folder))?;
                Ok(Target::Folder(folder))
            }
        }
    }

    /// Reads one page's sheet and checks that it may speak for its participant; the error
    /// names the page.
    fn read_one(
        &self,
        ctx: &Context,
        standard: &Standard,
        page: Page,
        target: &Target,
    ) -> Result<Pulled> {
        let doing = || format!("pulling page '{}'", page.title);
        let Some(rev) = &page.latest else {
            bail!("{}: the page does not exist", doing());
        };
        let found = page::read(&rev.text, standard)
            .map_err(|err| anyhow::anyhow!(output::printable(&err.to_string())))
            .with_context(doing)?;
        check_owner(&ctx.settings, &page.title, &found.sheet).with_context(doing)?;
        let path = match target {
            Target::File(path) => path.clone(),
            Target::Folder(folder) => {
                let p = &found.sheet.participant;
                settings::default_sheet_path(folder, &p.username, &p.assessment_type, p.date)
            }
        };
        Ok(Pulled {
            title: page.title.clone(),
            revision: rev.id,
            found,
            path,
        })
    }

    /// The sheet already at the page's file, if any: one from this page, or any with `--force`
    /// (locked sheets are refused).
    fn existing(&self, standard: &Standard, one: &Pulled) -> Result<Option<Existing>> {
        if one.path.symlink_metadata().is_err() {
            return Ok(None);
        }
        let (file, sheet) = SheetFile::open(&one.path, standard)?;
        let standing = sync::standing(standard, &sheet, &one.title, one.revision);
        if !self.force && sync::record_for(&sheet, &one.title).is_none() {
            bail!(
                "sheet '{}' exists and is not from this page: give --force to merge the page into it (the page's values win), or -o another file",
                one.path.display()
            );
        }
        Ok(Some(Existing {
            file,
            sheet,
            standing,
        }))
    }

    /// Writes a pulled sheet: a new file, or the merge of the page into the sheet there; says
    /// what a person should know of it.
    fn write(
        &self,
        standard: &Standard,
        one: &Pulled,
        existing: Option<Existing>,
        bases: &HashMap<u64, Sheet>,
        choices: &Choices,
    ) -> Result<Vec<String>> {
        let on_page = &one.found.sheet;
        let record = sync::record(standard, &one.title, one.revision, on_page);
        let name = one.path.display().to_string();
        let mut said = Vec::new();
        let Some(Existing {
            mut file,
            sheet,
            standing,
        }) = existing
        else {
            let mut new = on_page.clone();
            new.wiki = Some(record);
            SheetFile::create(&one.path).save(standard, &new)?;
            return Ok(said);
        };
        let base = sync::record_for(&sheet, &one.title).and_then(|r| bases.get(&r.revision));
        let merged = sync::reconcile(standard, &sheet, on_page, standing, base, choices).map_err(
            |conflicts| {
                anyhow::anyhow!(wiki_sheets::conflict_message(&conflicts, &name, &one.title))
            },
        )?;
        let mut updated = merged.sheet.clone();
        updated.wiki = Some(record);
        if updated != sheet {
            file.save(standard, &updated)?;
        }
        if !merged.from_wiki.is_empty() && standing.local {
            said.push(format!(
                "Merged page '{}' into '{name}': {}",
                one.title,
                merge::describe(&merged.from_wiki)
            ));
        }
        if let Some(line) = merged.renumbered_line() {
            said.push(line);
        }
        if !merged.from_local.is_empty() {
            said.push(format!(
                "'{name}' keeps changes the page does not have ({}): `ksb wiki publish {}` publishes them",
                merge::describe(&merged.from_local),
                shell::shell_word(&name)
            ));
        }
        Ok(said)
    }
}
