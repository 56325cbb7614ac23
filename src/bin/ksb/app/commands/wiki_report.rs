//! `ksb wiki report`: the cohort's own page on the wiki. The figures everyone may read (by
//! role focus and stack area, each participant counted once) name nobody; the sections that
//! name people (the roster, the heatmap, calibration by reviewer) are added only when asked
//! for. The page follows the page rules: `ksb` rewrites its own part and keeps the rest, never
//! over an edit someone made to its part, and its pictures never over someone else's file.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _, Result};
use clap::{Args, ValueEnum};
use ksb::figures::calibration::CalibrationSheets;
use ksb::figures::cohort::CohortSheets;
use ksb::figures::heatmap::HeatmapSheets;
use ksb::figures::roster::{Roster, RosterSheets};
use ksb::figures::selection::{key_of, Gather, People, Placed, Recency};
use ksb::model::assessment::{MENTOR_REVIEW, SELF_ASSESSMENT};
use ksb::report::cohort::plural;
use ksb::wiki::client::{Edit, UploadFile, TITLES_PER_REQUEST};
use ksb::wiki::cohort_page::{self, CohortPage, Section};
use ksb::wiki::picture::{self, Upload};
use ksb::wiki::report_page::{self, ReportRefusal};
use ksb::wiki::{page, Client};
use ksb::{Sheet, Standard};

use super::calibrate::assessment_type;
use crate::app::cohort::{self, SheetCount};
use crate::app::context::Context;
use crate::app::wiki_conn::{self, Need};
use crate::app::{output, stderr, wiki_sheets};
use crate::cli::SelectionArgs;

/// Arguments of `ksb wiki report`.
#[derive(Debug, Args)]
pub struct WikiReportArgs {
    /// The cohort's sheets, or folders searched recursively for *.toml sheets (as `ksb summary` reads them).
    #[arg(value_name = "PATH", required_unless_present_any = ["prefix", "category"], conflicts_with_all = ["prefix", "category"])]
    pub paths: Vec<PathBuf>,
    /// The programme page to write, such as "Tech Mentoring/Cohort 2026".
    #[arg(long, value_name = "TITLE", required = true)]
    pub page: String,
    /// Read the cohort from the wiki: every page whose title starts with this, namespace included.
    #[arg(long, value_name = "PREFIX", conflicts_with = "category")]
    pub prefix: Option<String>,
    /// Read the cohort from the wiki: every page in this category (with or without "Category:").
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Add sections that name people, comma-separated: roster, heatmap (uploaded as a picture, its figures also as a table), calibration (by reviewer). Without it the page names nobody.
    #[arg(
        long = "with",
        value_enum,
        value_delimiter = ',',
        value_name = "SECTION"
    )]
    pub with: Vec<SectionArg>,
    /// The edit summary [default: what the page counts, such as "ksb: cohort report, 30 participants"].
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// Show the change as a diff against the page as it is and the pictures that would be uploaded, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rewrite ksb's part of the page even though someone edited it since ksb wrote it, or add the report to a page that holds none. The page's other text is always kept.
    #[arg(long)]
    pub force: bool,
    /// Stop at the first sheet that does not load, instead of reporting it and counting the rest.
    #[arg(long)]
    pub strict: bool,
    /// Which sheets the cohort counts.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// A section of the page that names people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SectionArg {
    /// Each participant's assessments and what they need next.
    Roster,
    /// Each participant's score per KSB, as a picture and a table.
    Heatmap,
    /// How far mentor reviews are from self-assessments, by reviewer.
    Calibration,
}

impl SectionArg {
    fn section(self) -> Section {
        match self {
            SectionArg::Roster => Section::Roster,
            SectionArg::Heatmap => Section::Heatmap,
            SectionArg::Calibration => Section::Calibration,
        }
    }
}

/// Everything the page needs, gathered in one reading of the sheets.
struct Gathering {
    cohort: CohortSheets,
    heatmap: Option<HeatmapSheets>,
    roster: Option<RosterSheets>,
    calibration: Option<CalibrationSheets>,
}

impl Gather for Gathering {
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet) {
        self.cohort.add(standard, placed, sheet);
        if let Some(heatmap) = &mut self.heatmap {
            heatmap.add(standard, placed, sheet);
        }
        if let Some(roster) = &mut self.roster {
            roster.add(standard, placed, sheet);
        }
        if let Some(calibration) = &mut self.calibration {
            calibration.add(standard, placed, sheet);
        }
    }
}

impl WikiReportArgs {
    /// Runs `ksb wiki report` against the wiki `url` (`--wiki`) or the settings' wiki.
    pub fn report(self, ctx: &Context, url: Option<&str>) -> Result<()> {
        let standard = ctx.standard()?;
        let selection = self.selection.selection(&standard)?;
        let mut sections: Vec<Section> = self.with.iter().map(|s| s.section()).collect();
        sections.sort();
        sections.dedup();
        let wants = |section| sections.contains(&section);
        let calibration = match wants(Section::Calibration) {
            true => Some(CalibrationSheets::new(
                assessment_type(&standard, SELF_ASSESSMENT)?,
                assessment_type(&standard, MENTOR_REVIEW)?,
                selection.as_of,
            )),
            false => None,
        };
        let gathering = Gathering {
            cohort: CohortSheets::new(&standard, selection.clone()),
            heatmap: wants(Section::Heatmap).then(|| HeatmapSheets::new(selection.clone())),
            roster: wants(Section::Roster).then(|| RosterSheets::new(selection.as_of)),
            calibration,
        };
        let title = self.page.trim().to_string();
        let doing = format!("publishing the cohort report to page '{title}'");
        let need = if self.dry_run { Need::Read } else { Need::Edit };
        let mut client = wiki_conn::connect(&ctx.settings, &ctx.secrets, url, need)?;
        let (gathering, people, count) = match self.paths.is_empty() {
            false => {
                let sheets = cohort::list(&self.paths)?;
                let read = cohort::gather(&standard, &sheets, self.strict, gathering)?;
                (read.gathered, read.people, read.count)
            }
            true => self.read_wiki(&client, &standard, gathering)?,
        };
        let counted = gathering.cohort.finish(&standard, &people, count.read);
        let groups = gathering.heatmap.map(|h| h.finish(&standard));
        let roster = gathering.roster.map(|r| Roster::new(&standard, r));
        let calibration = gathering.calibration.map(|c| c.finish(&standard));
        let build = |page: &str| {
            cohort_page::build(
                &standard,
                CohortPage {
                    page,
                    counted: &counted,
                    roster: roster.as_ref().map(|r| (r, count.read)),
                    heatmap: groups.as_deref(),
                    calibration: calibration.as_ref(),
                },
            )
            .context(doing.clone())
        };
        let files = |built: &cohort_page::Built| -> Vec<String> {
            built.pictures.iter().map(|p| p.file.clone()).collect()
        };
        let mut built = build(&title)?;
        let mut read = client
            .page_and_files(&title, &files(&built))
            .context(doing.clone())?;
        // The pictures are named after the page as the wiki spells it: when that is not how
        // the title was given, they are named again and their files read again.
        if read.now.page.title != title && !built.pictures.is_empty() {
            built = build(&read.now.page.title)?;
            read.files = client
                .page_and_files(&read.now.page.title, &files(&built))
                .context(doing.clone())?
                .files;
        }
        let title = read.now.page.title.clone();
        let doing = format!("publishing the cohort report to page '{title}'");
        let mut uploads = Vec::new();
        for (picture, now) in built.pictures.iter().zip(&read.files) {
            let step = picture::decide(now, picture.svg.as_bytes(), read.user.as_deref())
                .context(doing.clone())?;
            uploads.push((picture, now.title.clone(), step));
        }
        let latest = read.now.page.latest.as_ref();
        let plan = report_page::plan(latest, &built.content, self.force)
            .map_err(|refusal| refused(refusal, &title))
            .context(doing.clone())?;
        let summary = match &self.summary {
            Some(summary) => summary.clone(),
            None => default_summary(counted.participants, &sections),
        };
        let mut lines = String::new();
        if self.dry_run {
            for (picture, file, step) in &uploads {
                lines.push_str(&upload_line(file, picture.svg.len(), *step, true));
            }
            lines.push_str(&diff(
                &title,
                latest.map(|rev| rev.text.as_str()),
                plan.text.as_deref(),
            ));
            lines.push_str(&format!(
                "Edit summary: {summary}\nDry run: nothing written to the wiki\n"
            ));
            output::emit(&output::printable(&lines))?;
            return count.check();
        }
        for (picture, file, step) in &uploads {
            if *step != Upload::Unchanged {
                client
                    .upload(&UploadFile {
                        title: file,
                        bytes: picture.svg.as_bytes(),
                        description: &picture.description,
                        comment: &summary,
                        new_version: *step == Upload::NewVersion,
                    })
                    .map_err(wiki_sheets::upload_refused)
                    .with_context(|| format!("uploading the heatmap as '{file}'"))?;
            }
            lines.push_str(&upload_line(file, picture.svg.len(), *step, false));
        }
        let bytes = plan.text.as_ref().map_or(0, String::len);
        match &plan.text {
            None => lines.push_str(&format!(
                "Page '{title}' already holds this report; nothing to publish\n"
            )),
            Some(text) => {
                let saved = client
                    .edit(&Edit {
                        title: &title,
                        text,
                        summary: &summary,
                        base: latest.map(|rev| (rev.id, rev.timestamp.as_str())),
                        started: &read.now.now,
                        create: plan.create,
                    })
                    .context(doing)?;
                let revision = saved
                    .revision
                    .or(latest.map(|rev| rev.id))
                    .unwrap_or_default();
                lines.push_str(&format!(
                    "Published the cohort report to page '{title}' (revision {revision}, {bytes} bytes): {summary}\n"
                ));
            }
        }
        if sections.is_empty() {
            lines.push_str("The page names nobody: add sections that do with --with roster,heatmap,calibration\n");
        }
        lines.push_str(&format!("({} requests)\n", client.requests()));
        output::emit(&output::printable(&lines))?;
        count.check()
    }

    /// The cohort read from the wiki's pages (`--prefix`, `--category`): a page that holds no
    /// sheet ksb can read is reported and left out, as a sheet file that does not load is; a
    /// cohort's page (this report's own, listed with the cohort when the prefix or category
    /// takes it in too) is left out unsaid.
    fn read_wiki(
        &self,
        client: &Client,
        standard: &Standard,
        mut gathering: Gathering,
    ) -> Result<(Gathering, People, SheetCount)> {
        let titles =
            wiki_sheets::list_titles(client, self.prefix.as_deref(), self.category.as_deref())?
                .unwrap_or_default();
        let mut people = People::default();
        let mut read = 0;
        let mut reports = 0;
        let mut index = 0;
        for batch in titles.chunks(TITLES_PER_REQUEST) {
            let pages = client
                .pages(batch)
                .with_context(|| format!("reading {} pages of the cohort", titles.len()))?;
            for one in pages {
                let text = one.latest.as_ref().map(|rev| rev.text.as_str());
                if text.is_some_and(report_page::holds_report) {
                    reports += 1;
                    continue;
                }
                index += 1;
                let found = match &one.latest {
                    Some(rev) => page::read(&rev.text, standard)
                        .map_err(|err| anyhow!("page '{}': {err}", one.title)),
                    None => Err(anyhow!("page '{}' does not exist", one.title)),
                };
                let sheet = match found {
                    Ok(found) => found.sheet,
                    Err(err) if self.strict => return Err(err),
                    Err(err) => {
                        eprintln!("{}", stderr::error_line(&err));
                        continue;
                    }
                };
                let key = key_of(&sheet.participant);
                let placed = Placed {
                    key: &key,
                    recency: Recency::of(standard, &sheet.participant, index),
                };
                people.add(standard, placed, &sheet);
                gathering.add(standard, placed, &sheet);
                read += 1;
            }
        }
        if read == 0 {
            bail!(
                "none of the {} holds a sheet ksb can read",
                plural(titles.len(), "page")
            );
        }
        Ok((
            gathering,
            people,
            SheetCount {
                read,
                listed: titles.len() - reports,
            },
        ))
    }
}

/// The edit summary: what the page counts and the sections that name people.
fn default_summary(participants: usize, sections: &[Section]) -> String {
    let mut text = format!(
        "ksb: cohort report, {}",
        plural(participants, "participant")
    );
    if !sections.is_empty() {
        let names: Vec<&str> = sections
            .iter()
            .map(|section| match section {
                Section::Roster => "roster",
                Section::Heatmap => "heatmap",
                Section::Calibration => "calibration",
            })
            .collect();
        text.push_str(&format!(", with {}", names.join(", ")));
    }
    text
}

/// What became of a picture's file (or, in a dry run, what would).
fn upload_line(file: &str, bytes: usize, step: Upload, dry_run: bool) -> String {
    match (step, dry_run) {
        (Upload::Unchanged, _) => {
            format!("File '{file}' already holds this picture; nothing to upload\n")
        }
        (Upload::New, true) => {
            format!("Would upload the new file '{file}' ({bytes} bytes of SVG)\n")
        }
        (Upload::NewVersion, true) => {
            format!("Would upload a new version of ksb's file '{file}' ({bytes} bytes of SVG)\n")
        }
        (Upload::New, false) => format!("Uploaded '{file}' ({bytes} bytes of SVG)\n"),
        (Upload::NewVersion, false) => {
            format!("Uploaded a new version of '{file}' ({bytes} bytes of SVG)\n")
        }
    }
}

/// The change to the page as a unified diff, or the whole new page.
fn diff(title: &str, old: Option<&str>, new: Option<&str>) -> String {
    let Some(new) = new else {
        return format!("Page '{title}' already holds this report\n");
    };
    let old = old.map(|old| (title.to_string(), old));
    wiki_sheets::page_diff(title, old, new, "the report as it would be published")
}

/// A refused page, with the ways out.
fn refused(refusal: ReportRefusal, title: &str) -> anyhow::Error {
    let way_out = match &refusal {
        ReportRefusal::NotKsbs { .. } => format!(
            "nothing written: give --force to add the report to it (its text is kept), or publish to another --page than '{title}'"
        ),
        ReportRefusal::Edited { .. } => "nothing written: move what was added into the page outside the ksb:report lines, or give --force to rewrite ksb's part (the rest of the page is kept)".to_string(),
        ReportRefusal::Markers { .. } => "nothing written: mend the page on the wiki".to_string(),
    };
    anyhow!("{}; {way_out}", output::printable(&refusal.to_string()))
}
