//! `ksb standard import`: the standard's wiki page read into a standard YAML file, as a change
//! to a base standard that keeps its ids; or another system's framework (Moodle CSV, CASE
//! package) read as it is.

use std::fs;

use anyhow::{bail, Context as _, Result};
use ksb::import::standard::{self, Change, ImportError, Imported, Options};
use ksb::interop::{self, Kind};
use ksb::render::standard_yaml::standard_yaml;
use ksb::{store, Category, Standard};

use super::import::report_problems;
use crate::app::context::{Command, Context, Globals};
use crate::app::wiki_conn::{self, Need};
use crate::app::{output, sheet_io};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `ksb standard import`.
#[derive(Debug, Args)]
pub struct StandardImportArgs {
    /// The standard's page (its wikitext, or the text copied off the page), or a Moodle framework CSV (.csv), or a CASE CFPackage (.json); `-` reads standard input.
    #[arg(required_unless_present = "wiki", conflicts_with = "wiki")]
    pub page: Option<PathBuf>,
    /// Read the page with this title from the wiki instead of a file.
    #[arg(long, value_name = "TITLE")]
    pub wiki: Option<String>,
    /// The wiki's api.php for --wiki (default: KSB_WIKI_URL, then `url` under [wiki] in the config file).
    #[arg(long, value_name = "URL", requires = "wiki")]
    pub wiki_url: Option<String>,
    /// The standard the page changes: KSBs matched by title keep its ids and categories [default: the standard in use].
    #[arg(long, value_name = "STANDARD.yaml")]
    pub base: Option<PathBuf>,
    /// Write the YAML to this file (atomically; an existing file only with --force) instead of stdout; `-` is stdout.
    #[arg(short, long, value_name = "STANDARD.yaml")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The category of new KSBs that no section row of the page (Knowledge, Skills, Behaviours), or no group, item type or id of a framework, places [default for a framework: skill].
    #[arg(long, value_enum)]
    pub category: Option<CategoryArg>,
    /// The version of the changed standard [default: the base's, its last number one higher].
    #[arg(long, value_name = "VERSION")]
    pub new_version: Option<String>,
}

/// A category of KSBs, as a flag names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CategoryArg {
    /// Knowledge (K ids).
    Knowledge,
    /// Skills (S ids).
    Skill,
    /// Behaviours (B ids).
    Behaviour,
}

impl Command for StandardImportArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let (source, text) = self.page_text(ctx)?;
        let extension = self.page.as_deref().and_then(|p| p.extension()?.to_str());
        let kind = match self.wiki {
            Some(_) => Kind::WikiPage,
            None => interop::detect(extension, &text),
        };
        let (yaml, report) = match kind {
            Kind::WikiPage => self.read_page(ctx, &source, &text)?,
            kind => self.read_framework(kind, &source, &text)?,
        };
        self.write(&yaml, &report)
    }
}

impl StandardImportArgs {
    /// The standard's wiki page read as a change to the base standard: its YAML and the report
    /// of what changed.
    fn read_page(&self, ctx: &Context, source: &str, text: &str) -> Result<(String, String)> {
        let base = match &self.base {
            Some(path) => sheet_io::load_standard(Some(path))?,
            None => ctx.standard()?,
        };
        let doing = format!("importing the standard from {source}");
        let options = Options {
            category: self.category.map(category),
            version: self.new_version.clone(),
        };
        let imported = match standard::read(text, &base, &options) {
            Ok(imported) => imported,
            Err(ImportError::Rows(problems)) => {
                report_problems(&problems, &doing, false, "")?;
                bail!("{doing}: the page's rows cannot be read")
            }
            Err(err) => return Err(anyhow::Error::new(err).context(doing)),
        };
        let yaml = standard_yaml(&imported.standard, &comment(&base, &imported));
        Ok((yaml, report(&base, &imported)))
    }

    /// A Moodle framework or CASE package read into a standard: its YAML, and a line saying
    /// what it holds and each decision the reader made.
    fn read_framework(&self, kind: Kind, source: &str, text: &str) -> Result<(String, String)> {
        if self.base.is_some() {
            bail!(
                "--base is for a wiki page: a {} is read as it is",
                kind_name(kind)
            );
        }
        let options = interop::Options {
            category: self.category.map(category),
        };
        let doing = format!("importing the standard from {source}");
        let mut imported = match kind {
            Kind::MoodleCsv => interop::moodle::read(text, options),
            Kind::Case => interop::case::read(text, options),
            Kind::WikiPage => unreachable!("a wiki page is read by read_page"),
        }
        .with_context(|| doing.clone())?;
        if let Some(version) = &self.new_version {
            imported.standard.version = version.clone();
        }
        let standard = &imported.standard;
        let mut comment = vec![format!(
            "{}: read by `ksb standard import` from {} {source}.",
            standard.title,
            kind_name(kind)
        )];
        comment.extend(imported.notes.iter().cloned());
        comment.push(
            "Check it with `ksb standard --check FILE`; use it with `ksb --standard FILE ...`."
                .to_string(),
        );
        let yaml = standard_yaml(standard, &comment);
        let mut report = format!(
            "Standard '{}' version {} from {} {source}: {} KSBs\n",
            standard.id,
            standard.version,
            kind_name(kind),
            standard.ksbs.len()
        );
        for note in &imported.notes {
            report.push_str(&format!("  {note}\n"));
        }
        Ok((yaml, report))
    }

    /// Writes the YAML to `-o` (atomically, never over a link, a special file or the page
    /// itself, over a file only with --force) or stdout; the report goes to stderr with stdout
    /// and before `Wrote FILE` with `-o`.
    fn write(&self, yaml: &str, report: &str) -> Result<()> {
        let report = output::printable(report);
        match self.output.as_deref().filter(|p| !sheet_io::is_stdin(p)) {
            None => {
                eprint!("{report}");
                output::emit(yaml)
            }
            Some(path) => {
                crate::app::output_file::refuse_link_or_special(path, "standard")?;
                crate::app::signals::install()?;
                if path.symlink_metadata().is_ok() && !self.force {
                    bail!(
                        "'{}' already exists: give --force to replace it, or -o another file",
                        path.display()
                    );
                }
                let same = |other: &std::path::Path| {
                    fs::canonicalize(other).ok().is_some()
                        && fs::canonicalize(other).ok() == fs::canonicalize(path).ok()
                };
                if self.page.as_deref().is_some_and(same) {
                    bail!(
                        "refusing to write the standard over its page '{}': choose another -o file",
                        path.display()
                    );
                }
                store::write_private(path, yaml.as_bytes())
                    .with_context(|| format!("writing standard '{}'", path.display()))?;
                output::emit(&format!("{report}Wrote {}\n", path.display()))
            }
        }
    }

    /// The page's name in messages, and its text: from the file, or with `--wiki` from the
    /// wiki.
    fn page_text(&self, ctx: &Context) -> Result<(String, String)> {
        if let Some(title) = &self.wiki {
            let source = format!("page '{title}'");
            let client = wiki_conn::connect(
                &ctx.settings,
                &ctx.secrets,
                self.wiki_url.as_deref(),
                Need::Read,
            )?;
            let page = client
                .pages(std::slice::from_ref(title))
                .with_context(|| format!("reading {source}"))?
                .pop();
            let Some(rev) = page.and_then(|page| page.latest) else {
                bail!("reading {source}: the page does not exist");
            };
            return Ok((source, rev.text));
        }
        let path = self
            .page
            .as_deref()
            .unwrap_or(std::path::Path::new(sheet_io::STDIN));
        let source = sheet_io::name(path);
        let text = sheet_io::read_text(path).with_context(|| format!("reading page {source}"))?;
        Ok((source, text))
    }
}

/// A format's name in messages.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::MoodleCsv => "Moodle framework",
        Kind::Case => "CASE package",
        Kind::WikiPage => "wiki page",
    }
}

fn category(arg: CategoryArg) -> Category {
    match arg {
        CategoryArg::Knowledge => Category::Knowledge,
        CategoryArg::Skill => Category::Skill,
        CategoryArg::Behaviour => Category::Behaviour,
    }
}

/// What changed, one line each, for the person who runs the import.
fn report(base: &Standard, imported: &Imported) -> String {
    let new = &imported.standard;
    if imported.changes.is_empty() {
        return format!(
            "No change: the page lists the {} KSBs of version {} of standard '{}' as it has them\n",
            new.ksbs.len(),
            new.version,
            new.id
        );
    }
    let mut out = format!(
        "Version {} → {} of standard '{}': {} change{}, {} KSBs\n",
        base.version,
        new.version,
        new.id,
        imported.changes.len(),
        if imported.changes.len() == 1 { "" } else { "s" },
        new.ksbs.len()
    );
    for change in &imported.changes {
        out.push_str(&format!("  {change}\n"));
    }
    out
}

/// The comment at the top of the YAML: where it came from, and what was removed.
fn comment(base: &Standard, imported: &Imported) -> Vec<String> {
    let new = &imported.standard;
    let mut lines = vec![format!(
        "{}: read by `ksb standard import` from the table of its wiki page.",
        new.title
    )];
    if !imported.changes.is_empty() {
        lines.push(format!(
            "Version {} changes version {} in {} place{}.",
            new.version,
            base.version,
            imported.changes.len(),
            if imported.changes.len() == 1 { "" } else { "s" }
        ));
    }
    let removed: Vec<String> = imported
        .changes
        .iter()
        .filter_map(|change| match change {
            Change::Removed { id, title } => Some(format!("{id} ({title})")),
            _ => None,
        })
        .collect();
    if !removed.is_empty() {
        lines.push(format!(
            "Removed in version {}, kept under [retired_scores] by sheets scored before: {}.",
            new.version,
            removed.join(", ")
        ));
    }
    lines.push(
        "Check it with `ksb standard --check FILE`; use it with `ksb --standard FILE ...`."
            .to_string(),
    );
    lines
}
