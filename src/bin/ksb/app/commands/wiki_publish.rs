//! `ksb wiki publish`: a sheet written to its part of its page, on top of the revision read,
//! so that nothing anyone wrote on the page is lost: the text around the sheet stays byte for
//! byte, and changes made to the sheet on the wiki since it was last in step are merged in.

use anyhow::{anyhow, Context as _, Result};
use ksb::wiki::chart::{self, Picture};
use ksb::wiki::client::{Edit, PageNow, Revision, UploadFile};
use ksb::wiki::merge::{self, Choices, Merged};
use ksb::wiki::picture::{self, Upload};
use ksb::wiki::publish::{self, Plan, Refusal};
use ksb::wiki::{summary, sync, title, WikiError};
use ksb::{Sheet, Standard};

use crate::app::context::Context;
use crate::app::output;
use crate::app::settings::Key;
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;
use crate::app::wiki_conn::{self, Need};
use crate::app::wiki_sheets::{self, TakeArgs};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb wiki publish`.
#[derive(Debug, Args)]
pub struct WikiPublishArgs {
    /// The sheet to publish.
    pub sheet: PathBuf,
    /// The page to write [default: the page the sheet was published to, else the `page` template under [wiki] (KSB_WIKI_PAGE), else "User:{username}/Tech Mentoring/{assessment_type} {date}"].
    #[arg(long, value_name = "TITLE")]
    pub page: Option<String>,
    /// The edit summary [default: what changed, such as "ksb: K3 2→3, 4 notes"].
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// Show the change as a diff against the page as it is, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Where the sheet and the page both changed the same KSB differently, keep the sheet's (the same as --take-local all); also create a page deleted since, or add the sheet to a page that holds none. The page's other text is always kept.
    #[arg(long)]
    pub force: bool,
    /// Also upload the sheet's radar chart (an SVG file named after the page) and show it, with its figures as tables, in the sheet's part of the page [default: `chart` under [wiki], KSB_WIKI_CHART]. A file someone else uploaded is never replaced; ksb's own gets a new version only when the picture changed.
    #[arg(long)]
    pub chart: bool,
    /// How conflicts are settled.
    #[command(flatten)]
    pub take: TakeArgs,
}

impl WikiPublishArgs {
    /// Runs `ksb wiki publish` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn publish(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let forced = self.force.then(Choices::local_everywhere);
        let choices = self.take.choices(&standard, forced)?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        let title = self.title(ctx, &sheet)?;
        let name = self.sheet.display().to_string();
        let doing = format!("publishing '{name}' to page '{title}'");
        wiki_sheets::check_owner(&ctx.settings, &title, &sheet).context(doing.clone())?;
        let need = if self.dry_run { Need::Read } else { Need::Edit };
        let with_chart = wiki_conn::chart(&ctx.settings, self.chart)?;
        let file = match with_chart {
            true => Some(picture::file_title("radar", &title).context(doing.clone())?),
            false => None,
        };
        let mut client = wiki_conn::connect(&ctx.settings, &ctx.secrets, url, need)?;
        let (now, file_now, user) = match &file {
            Some(file) => {
                let mut read = client
                    .page_and_files(&title, std::slice::from_ref(file))
                    .context(doing.clone())?;
                // The file is named after the page as the wiki spells it: when that is not how
                // the title was given (`user:alice_smith/…`), its file is read again.
                let named =
                    picture::file_title("radar", &read.now.page.title).context(doing.clone())?;
                if &named != file {
                    read.files = client
                        .page_and_files(&read.now.page.title, &[named])
                        .context(doing.clone())?
                        .files;
                }
                (read.now, read.files.pop(), read.user)
            }
            None => (client.page_now(&title).context(doing.clone())?, None, None),
        };
        let doing = format!("publishing '{name}' to page '{}'", now.page.title);
        let mut plan = self
            .plan(ctx, &client, &standard, &sheet, &now, &choices)
            .context(doing.clone())?;
        let latest = now.page.latest.as_ref();
        let summary = match &self.summary {
            Some(summary) => summary.clone(),
            None => summary::merge_summary(&standard, plan.on_page.as_ref(), &plan.merged),
        };
        // The chart: drawn from the sheet as published, its upload decided before anything is
        // written, so a file that is someone else's stops the page edit too.
        let mut upload = None;
        if let Some(file_now) = &file_now {
            let chart = chart::sheet_chart(&standard, &plan.merged.sheet, &now.page.title)
                .context(doing.clone())?;
            let step = picture::decide(file_now, chart.svg.as_bytes(), user.as_deref())
                .context(doing.clone())?;
            plan = publish::with_picture(&standard, plan, latest, &chart.wikitext, self.force)
                .map_err(refused)
                .context(doing.clone())?;
            upload = Some((file_now.title.clone(), chart, step));
        }
        if self.dry_run {
            let mut said = dry_run(&now, latest, &plan, &summary);
            if let Some((file, chart, step)) = &upload {
                said.push_str(&output::printable(&upload_line(file, chart, *step, true)));
            }
            return output::emit(&said);
        }
        let mut lines = String::new();
        if let Some((file, chart, step)) = &upload {
            if *step != Upload::Unchanged {
                client
                    .upload(&UploadFile {
                        title: file,
                        bytes: chart.svg.as_bytes(),
                        description: &chart.description,
                        comment: &summary,
                        new_version: *step == Upload::NewVersion,
                    })
                    .map_err(wiki_sheets::upload_refused)
                    .with_context(|| format!("uploading the chart of '{name}' as '{file}'"))?;
            }
            lines.push_str(&upload_line(file, chart, *step, false));
        }
        let Some(text) = &plan.text else {
            let revision = latest.map_or(0, |rev| rev.id);
            self.record(&standard, &sheet, &plan, &now.page.title, revision)?;
            return output::emit(&output::printable(&format!(
                "{lines}Page '{}' already holds this sheet (revision {revision}); nothing to publish\n{}",
                now.page.title,
                merged_lines(&plan.merged, &name)
            )));
        };
        let edit = Edit {
            title: &now.page.title,
            text,
            summary: &summary,
            base: latest.map(|rev| (rev.id, rev.timestamp.as_str())),
            started: &now.now,
            create: plan.create,
        };
        let saved = client
            .edit(&edit)
            .map_err(|err| explain(err, &now.page.title))
            .context(doing)?;
        let revision = match saved.revision {
            Some(revision) => revision,
            None => latest.map_or(0, |rev| rev.id),
        };
        self.record(&standard, &sheet, &plan, &now.page.title, revision)?;
        output::emit(&output::printable(&format!(
            "{lines}Published '{name}' to page '{}' (revision {revision}): {summary}\n{}",
            now.page.title,
            merged_lines(&plan.merged, &name)
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

    /// What to write: the sheet merged with the page's sheet, in the page's sheet part (the
    /// library's policy, [`publish::plan`]), its refusals worded with the flags that settle them.
    fn plan(
        &self,
        ctx: &Context,
        client: &ksb::wiki::Client,
        standard: &Standard,
        sheet: &Sheet,
        now: &PageNow,
        choices: &Choices,
    ) -> Result<Plan> {
        let template = ctx.settings.get(Key::WikiPage).value.clone();
        let page = publish::Page {
            title: &now.page.title,
            latest: now.page.latest.as_ref(),
            template: template.as_deref(),
        };
        let base = |revision| Ok(publish::bases(client, standard, &[revision])?.remove(&revision));
        publish::plan(standard, sheet, page, self.force, choices, base).map_err(|refusal| {
            match refusal {
                Refusal::Deleted(revision) => anyhow!(
                    "the page was deleted on the wiki since ksb was in step with revision {revision} of it; nothing written: give --force to create it again"
                ),
                Refusal::NoSheet(rev) => anyhow!(
                    "the page holds no sheet (last edited by {} at {}, revision {}); nothing written: give --force to add the sheet to it (its text is kept), or publish to another --page",
                    rev.user,
                    rev.timestamp,
                    rev.id
                ),
                Refusal::Unreadable {
                    revision,
                    user,
                    error,
                } => anyhow!(
                    "revision {revision} of the page (last edited by {user}): {}; nothing written: mend the page on the wiki",
                    output::printable(&error.to_string())
                ),
                Refusal::NotOwner(err) => err.into(),
                Refusal::Wiki(err) => err.into(),
                Refusal::Conflicts(conflicts) => anyhow!(wiki_sheets::conflict_message(
                    &conflicts,
                    &self.sheet.display().to_string(),
                    &now.page.title
                )),
                refusal @ Refusal::PictureEdited { .. } => refused(refusal),
            }
        })
    }

    /// Writes the merge into the sheet file with the page and revision it is now in step with.
    fn record(
        &self,
        standard: &Standard,
        sheet: &Sheet,
        plan: &Plan,
        page: &str,
        revision: u64,
    ) -> Result<()> {
        let mut updated = plan.merged.sheet.clone();
        updated.wiki = Some(sync::record(standard, page, revision, &plan.merged.sheet));
        if &updated == sheet {
            return Ok(());
        }
        SheetFile::record_wiki(&self.sheet, standard, sheet, &updated)
    }
}

/// A refusal of the chart block, with the ways out.
fn refused(refusal: Refusal) -> anyhow::Error {
    let way_out = match &refusal {
        Refusal::PictureEdited { .. } => "nothing written: move what was added outside ksb's lines on the wiki, or give --force to rewrite ksb's part (the rest of the page is kept)",
        _ => "nothing written",
    };
    anyhow!("{}; {way_out}", output::printable(&refusal.to_string()))
}

/// The line saying what became of the chart's file (or, in a dry run, what would).
fn upload_line(file: &str, chart: &Picture, step: Upload, dry_run: bool) -> String {
    let bytes = chart.svg.len();
    match (step, dry_run) {
        (Upload::Unchanged, _) => format!("File '{file}' already holds this chart; nothing to upload\n"),
        (Upload::New, true) => format!("Would upload the chart as the new file '{file}' ({bytes} bytes of SVG)\n"),
        (Upload::NewVersion, true) => format!("Would upload the chart as a new version of ksb's file '{file}' ({bytes} bytes of SVG)\n"),
        (Upload::New, false) => format!("Uploaded the chart as '{file}' ({bytes} bytes of SVG)\n"),
        (Upload::NewVersion, false) => format!("Uploaded a new version of the chart '{file}' ({bytes} bytes of SVG)\n"),
    }
}

/// The lines saying what the merge took from the page into the sheet file.
fn merged_lines(merged: &Merged, name: &str) -> String {
    let mut out = String::new();
    if !merged.from_wiki.is_empty() {
        out.push_str(&format!(
            "Merged the page's own changes into '{name}': {}\n",
            merge::describe(&merged.from_wiki)
        ));
    }
    if let Some(line) = merged.renumbered_line() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// What `--dry-run` prints: the edit summary and a unified diff from the page as it is.
fn dry_run(now: &PageNow, latest: Option<&Revision>, plan: &Plan, summary: &str) -> String {
    let Some(text) = &plan.text else {
        return output::printable(&format!(
            "Page '{}' already holds this sheet\n{}Dry run: nothing written to the wiki or the sheet\n",
            now.page.title,
            merged_lines(&plan.merged, "the sheet")
        ));
    };
    let old = latest.map(|rev| {
        let label = format!("{} (revision {})", now.page.title, rev.id);
        (label, rev.text.as_str())
    });
    let diff = wiki_sheets::page_diff(
        &now.page.title,
        old,
        text,
        "the sheet as it would be published",
    );
    output::printable(&format!(
        "{diff}Edit summary: {summary}\nDry run: nothing written to the wiki or the sheet\n"
    ))
}

/// MediaWiki's refusals, with what to do about the common ones.
fn explain(err: WikiError, title: &str) -> anyhow::Error {
    let hint = match err.api_code() {
        Some("editconflict") => format!(
            "; page '{title}' was edited on the wiki while publishing and is untouched: run the command again to merge that edit"
        ),
        Some("articleexists") => format!(
            "; page '{title}' was created by someone else while publishing and is untouched: run the command again to merge with it"
        ),
        Some("protectedpage" | "cascadeprotected" | "permissiondenied") => {
            "; ask a wiki administrator for edit rights on the page, or publish to another --page".to_string()
        }
        Some("badtoken" | "assertuserfailed" | "assertbotfailed") => {
            "; the login did not hold: run the command again".to_string()
        }
        _ => String::new(),
    };
    anyhow::anyhow!("{}{hint}", output::printable(&err.to_string()))
}
