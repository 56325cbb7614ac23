//! `ksb export`: a sheet, or the blank sheet, as wikitext, Markdown, CSV or JSON (or a locked
//! review as an Open Badge); a folder or several sheets as one long CSV or JSON, a row per
//! sheet and KSB, or with `--evidence` a row per evidence item.

use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use ksb::figures::selection::{Gather, Placed};
use ksb::interop::badge::{self, Issuer};
use ksb::render::csv::Csv;
use ksb::render::export::{ExportDoc, Exporter};
use ksb::render::json::Json;
use ksb::render::long;
use ksb::render::markdown::Markdown;
use ksb::render::wikitext::Wikitext;
use ksb::{Sheet, Standard};

use crate::app::context::{Command, Context, Globals};
use crate::app::settings::Key;
use crate::app::{cohort, output, output_file, sheet_io};
use crate::cli::{format_of, formats, Format};
use clap::Args;

/// Arguments of `ksb export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The sheet to export; a folder or several sheets give one long CSV or JSON of them all, a row per sheet and KSB.
    #[arg(required_unless_present = "blank", value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Export the standard's empty participant sheet instead, as the programme hands it out.
    #[arg(long, conflicts_with_all = ["sheets", "summary"])]
    pub blank: bool,
    /// Output format (CSV always has the notes and never the summary; JSON always has both).
    #[arg(long, default_value = "wikitext", value_parser = format_of(formats::EXPORT))]
    pub format: Format,
    /// Add a Notes column with each KSB's note.
    #[arg(long)]
    pub notes: bool,
    /// Add the summary tables by role focus, stack area and category.
    #[arg(long)]
    pub summary: bool,
    /// Write to this file (atomically) instead of stdout; `-` is stdout. Never over a ksb
    /// sheet, and over another existing file only with --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file when it is already there (never a ksb sheet).
    #[arg(long)]
    pub force: bool,
    /// With several sheets, stop at the first that does not load instead of reporting it and exporting the rest.
    #[arg(long)]
    pub strict: bool,
    /// The long export's evidence table instead of its scores: one row per evidence item (its sheet's header, then number, text, link, url, ksbs, added, added_by and the verdict), of one sheet or many, as CSV or JSON.
    #[arg(long, conflicts_with_all = ["blank", "summary", "notes"])]
    pub evidence: bool,
}

/// The exporter of each format.
fn exporter(format: Format) -> Result<Box<dyn Exporter>> {
    Ok(match format {
        Format::Wikitext => Box::new(Wikitext),
        Format::Markdown => Box::new(Markdown),
        Format::Csv => Box::new(Csv),
        Format::Json => Box::new(Json),
        Format::Table => bail!("`ksb export` writes a file format: use `ksb show` for tables"),
        Format::Openbadge => unreachable!("an Open Badge is written by ExportArgs::badge"),
        Format::MoodleCsv | Format::Case => {
            bail!("a Moodle framework or CASE package is the standard's: use `ksb standard`")
        }
    })
}

impl Command for ExportArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let many =
            self.evidence || self.sheets.len() > 1 || self.sheets.iter().any(|path| path.is_dir());
        if self.format == Format::Openbadge {
            return self.badge(ctx, many);
        }
        if many {
            return self.many(ctx);
        }
        if self.summary && self.format == Format::Csv {
            bail!(
                "--summary does not fit CSV's one row per KSB: use --format json for the figures"
            );
        }
        let standard = ctx.standard()?;
        let sheet = match self.sheets.first() {
            Some(path) => Some(sheet_io::load_sheet(path, &standard)?.warn()),
            None => None,
        };
        let doc = ExportDoc {
            standard: &standard,
            sheet: sheet.as_ref(),
            notes: self.notes,
            summary: self.summary,
        };
        let bytes = exporter(self.format)?
            .export(&doc)
            .context("rendering the export")?;
        self.write(&bytes)
    }
}

impl ExportArgs {
    /// The Open Badge of one locked mentor review or final check, its issuer from the settings.
    fn badge(&self, ctx: &Context, many: bool) -> Result<()> {
        let (Some(path), false, false) = (self.sheets.first(), many, self.blank) else {
            bail!("an Open Badge is of one sheet: give one locked mentor review or final check");
        };
        if self.summary || self.notes {
            bail!("an Open Badge carries the scores only: leave out --summary and --notes");
        }
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(path, &standard)?.warn();
        let doing = || format!("exporting '{}' as an Open Badge", path.display());
        badge::eligible(&sheet).with_context(doing)?;
        let setting = |key: Key| {
            let value = ctx.settings.get(key).value.clone();
            value.ok_or_else(|| {
                anyhow::anyhow!(
                    "an Open Badge needs its issuer: set {} under [badge] in the config file, or {}",
                    key.name().trim_start_matches("badge."),
                    key.env()
                )
            })
        };
        let issuer = Issuer {
            id: setting(Key::BadgeIssuerId)?,
            name: setting(Key::BadgeIssuerName)?,
        };
        let text = badge::write(&standard, &sheet, &issuer).with_context(doing)?;
        self.write(text.as_bytes())
    }

    /// Writes the export to `-o FILE` (never over one of its sheets) or stdout.
    fn write(&self, bytes: &[u8]) -> Result<()> {
        match &self.output {
            Some(path) => {
                output_file::write_output(path, bytes, &self.sheets, "export", self.force).map(drop)
            }
            None => output::emit_bytes(bytes),
        }
    }

    /// The long export of many sheets, in the order they are listed: sheets that do not load
    /// are reported on stderr and the rest exported (exit 1 afterwards), or with `--strict`
    /// the first stops everything.
    fn many(&self, ctx: &Context) -> Result<()> {
        let json = match self.format {
            Format::Csv => false,
            Format::Json => true,
            other => bail!(
                "{}: use --format csv or --format json, not {}",
                if self.evidence {
                    "the evidence table is a long table"
                } else {
                    "several sheets export as one long table"
                },
                format!("{other:?}").to_lowercase()
            ),
        };
        if self.summary {
            bail!("--summary is for one sheet: `ksb summary` gives a cohort's figures");
        }
        let standard = ctx.standard()?;
        let sheets = cohort::list(&self.sheets)?;
        let rows = LongRows {
            files: &sheets,
            json,
            evidence: self.evidence,
            parts: Vec::new(),
        };
        let gathered = cohort::gather(&standard, &sheets, self.strict, rows)?;
        let mut parts = gathered.gathered.parts;
        parts.sort_by_key(|(index, _)| *index);
        let text = if json {
            let rows: Vec<String> = parts.into_iter().flat_map(|(_, rows)| rows).collect();
            long::json_array(&rows)
        } else {
            let mut text = if self.evidence {
                long::evidence_csv_header()
            } else {
                long::csv_header()
            };
            for (_, rows) in parts {
                text.extend(rows);
            }
            text
        };
        self.write(text.as_bytes())?;
        gathered.count.check()
    }
}

/// The rows of each sheet read, by its place in the list: CSV text, or one JSON object each;
/// with `evidence`, of the evidence table.
struct LongRows<'a> {
    files: &'a [PathBuf],
    json: bool,
    evidence: bool,
    parts: Vec<(usize, Vec<String>)>,
}

impl Gather for LongRows<'_> {
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet) {
        let index = placed.recency.index;
        let file = self.files[index].display().to_string();
        let rows = match (self.json, self.evidence) {
            (true, false) => long::json_rows(standard, &file, sheet),
            (false, false) => vec![long::csv_rows(standard, &file, sheet)],
            (true, true) => long::evidence_json_rows(&file, sheet),
            (false, true) => vec![long::evidence_csv_rows(&file, sheet)],
        };
        self.parts.push((index, rows));
    }
}
