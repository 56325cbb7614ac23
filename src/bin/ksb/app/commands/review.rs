//! `ksb review`: the mentor scores each KSB with the mentee's self-assessment in view.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use chrono::Local;
use ksb::model::assessment::{MENTOR_REVIEW, SELF_ASSESSMENT};
use ksb::model::evidence::{EvidenceNumber, Verdict};
use ksb::{store, Ksb, Score, Sheet, Standard};

use crate::app::context::{Command, Context, Globals};
use crate::app::header_flags::check_username;
use crate::app::output;
use crate::app::prompt::walk::Scope;
use crate::app::prompt::{
    self, evidence, evidence_ask, screen, AfterNote, Guide, Outcome, Prompter, WalkOptions,
};
use crate::app::settings::Key;
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;
use crate::app::shell;
use clap::Args;

/// Arguments of `ksb review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The mentee's self-assessment sheet: its scores and notes are only read; a verdict on its evidence is recorded in it, beside the item.
    pub self_sheet: PathBuf,
    /// The review sheet to write or resume [default: SELF_SHEET with -review before the extension].
    #[arg(short, long, value_name = "REVIEW_SHEET")]
    pub output: Option<PathBuf>,
    /// Ask as plain lines, for a screen reader, Emacs' shell or a serial console: no cursor
    /// movement, redraw, colour or escape sequence (also when TERM=dumb); choices by number.
    #[arg(long)]
    pub plain: bool,
    /// After each score, ask for an optional note (the mentor's evidence).
    #[arg(long)]
    pub notes: bool,
    /// The mentor's username, recorded on the review (default: your configured username, else it is asked once).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
}

impl Command for ReviewArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        prompt::require_terminal("review")?;
        if let Some(output) = &self.output {
            sheet_io::refuse_stdin_for_writing(output, "review")?;
        }
        let standard = ctx.standard()?;
        let self_path = &self.self_sheet;
        let mentee = sheet_io::load_sheet(self_path, &standard)?.warn();
        refuse_other_than_a_self_assessment(&standard, &mentee, self_path)?;
        let path = self
            .output
            .clone()
            .unwrap_or_else(|| review_path(self_path));
        let reviews = reviews_field(self_path, &path)?;
        let existing = if path.exists() {
            let (file, review) = SheetFile::open(&path, &standard)?;
            check_resumable(&review, self_path, &path)?;
            Some((file, review))
        } else {
            None
        };
        let word = |path: &Path| shell::shell_word(&path.display().to_string());
        let again = format!(
            "ksb review {}{}",
            word(self_path),
            self.output
                .as_ref()
                .map(|out| format!(" -o {}", word(out)))
                .unwrap_or_default()
        ) + if self.notes { " --notes" } else { "" };
        let prompter = Prompter::new(ctx.style.color, self.plain)?;
        prompter.set_resume_command(again.clone());
        if let Some((file, review)) = &existing {
            prompter.tell(&screen::resuming(&path, &standard, review))?;
            prompter.record(file, &standard, review);
        }
        // A new review sheet is written at the first answer, so quitting before one leaves
        // no empty sheet behind.
        let (mut file, mut review) = match existing {
            Some((mut file, mut review)) => {
                let named = review.participant.reviewer.clone();
                let reviewer = match (&self.reviewer, named) {
                    (None, Some(named)) => named,
                    _ => self.reviewer(ctx, &prompter)?,
                };
                if review.participant.reviewer.as_ref() != Some(&reviewer) {
                    review.participant.reviewer = Some(reviewer);
                    prompter.save(&mut file, &standard, &review)?;
                }
                (file, review)
            }
            None => {
                let mut review = new_review(&standard, &mentee, reviews)
                    .with_context(|| format!("creating review sheet '{}'", path.display()))?;
                review.participant.reviewer = Some(self.reviewer(ctx, &prompter)?);
                (SheetFile::create(&path), review)
            }
        };
        prompter.tell(&format!(
            "Mentor review of {}'s self-assessment {} ({}), into {}\n",
            mentee.participant.username,
            self_path.display(),
            mentee.participant.date_dmy(),
            path.display()
        ))?;
        prompter.tell("Enter alone agrees with the mentee's score.\n")?;
        if !mentee.evidence().is_empty() {
            prompter.tell(&format!(
                "The mentee's evidence is shown at each KSB it supports; your verdict on each item goes into {}, beside the item.\n",
                self_path.display()
            ))?;
        }

        let options = WalkOptions {
            scope: Scope::Unscored,
            notes: self.notes,
        };
        let reviewer = review.participant.reviewer.clone().unwrap_or_default();
        let judging = !mentee.evidence().is_empty();
        if judging && mentee.locked {
            prompter.tell(&format!(
                "{} is locked: its evidence is shown, but no verdict can be recorded on it until `ksb lock --undo {}`.\n",
                self_path.display(),
                word(self_path)
            ))?;
        }
        let guide = MenteeAnswers {
            standard: &standard,
            path: self_path,
            judging: judging && !mentee.locked,
            sheet: RefCell::new(mentee),
            reviewer,
            asked: RefCell::new(BTreeSet::new()),
        };
        let outcome = prompt::walk_sheet(
            &prompter,
            &standard,
            &mut review,
            &mut file,
            options,
            &guide,
        )?;
        if !file.is_there() {
            return prompter.tell(&format!(
                "Nothing answered, so no review sheet was written: `{again}` starts it.\n"
            ));
        }
        match outcome {
            Outcome::Quit => prompter.tell(&screen::quit(&path, &standard, &review, &again)),
            Outcome::Finished => prompter.say(&screen::finished(
                &path,
                &standard,
                &review,
                prompter.style_now(ctx.style),
                &again,
            )),
        }
    }
}

impl ReviewArgs {
    /// Who reviews: `--reviewer`, else the configured username (KSB_USERNAME, then the config
    /// file), else asked once at the terminal.
    fn reviewer(&self, ctx: &Context, prompter: &Prompter) -> Result<String> {
        if let Some(name) = &self.reviewer {
            return check_username(name).context("in --reviewer");
        }
        let setting = ctx.settings.get(Key::Username);
        if let Some(name) = &setting.value {
            return check_username(name).with_context(|| {
                format!(
                    "the reviewer: {} from {}",
                    setting.key.name(),
                    setting.source
                )
            });
        }
        let typed = prompter.text("Reviewer (your username)", None, |text| {
            check_username(text)
                .map(drop)
                .map_err(|err| err.to_string())
        })?;
        check_username(&typed)
    }
}

/// Shows the mentee's answer and evidence on each screen, offers their score for Enter alone,
/// and asks the mentor's verdict on their evidence, recorded in the mentee's sheet.
struct MenteeAnswers<'a> {
    standard: &'a Standard,
    /// The mentee's sheet: where the verdicts go.
    path: &'a Path,
    /// The mentee's sheet as last read or saved.
    sheet: RefCell<Sheet>,
    /// The mentor, who gives the verdicts and adds evidence of their own.
    reviewer: String,
    /// Whether verdicts can be recorded (the mentee's sheet has evidence and is not locked).
    judging: bool,
    /// Items asked about in this walk.
    asked: RefCell<BTreeSet<EvidenceNumber>>,
}

impl Guide for MenteeAnswers<'_> {
    fn extra_lines(&self, ksb: &Ksb) -> Vec<String> {
        let sheet = self.sheet.borrow();
        let score = sheet
            .score(&ksb.id)
            .map_or_else(|| "unscored".to_string(), |score| score.to_string());
        let mut lines = vec![format!("Mentee's score: {score}")];
        if let Some(note) = sheet.note(&ksb.id) {
            // Someone else's file: nothing in it may drive the mentor's terminal.
            lines.push(format!("Mentee's note: {}", output::printable(note)));
        }
        lines.extend(
            evidence::screen_lines(sheet.evidence(), &ksb.id, "Mentee's evidence")
                .iter()
                .map(|line| output::printable(line)),
        );
        lines
    }

    fn suggested(&self, ksb: &Ksb) -> Option<Score> {
        self.sheet.borrow().score(&ksb.id)
    }

    fn focus_mark(&self) -> &str {
        "the mentee's role focus"
    }

    fn evidence_author(&self, _sheet: &Sheet) -> String {
        self.reviewer.clone()
    }

    fn after_score(&self, prompter: &Prompter, ksb: &Ksb) -> Result<AfterNote> {
        if !self.judging {
            return Ok(AfterNote::Next);
        }
        let numbers: Vec<EvidenceNumber> = {
            let sheet = self.sheet.borrow();
            evidence::to_ask(sheet.evidence(), &ksb.id, &self.asked.borrow())
                .into_iter()
                .filter(|&number| sheet.may_judge(number, &self.reviewer).is_ok())
                .collect()
        };
        let mut record = |number: EvidenceNumber, verdict: Verdict| -> Result<()> {
            let shown = self.sheet.borrow().evidence_item(number).cloned();
            let updated = SheetFile::update(self.path, self.standard, |current| {
                let Some(mut sheet) = current else {
                    bail!(
                        "the self-assessment '{}' is gone: the verdict on evidence {number} was not recorded",
                        self.path.display()
                    );
                };
                match &shown {
                    Some(shown) => sheet.judge_shown_evidence(shown, verdict)?,
                    None => sheet.judge_evidence(number, verdict)?,
                }
                Ok(sheet)
            })
            .with_context(|| format!("recording a verdict in '{}'", self.path.display()))?;
            *self.sheet.borrow_mut() = updated.sheet;
            Ok(())
        };
        evidence_ask::ask_verdicts(
            prompter,
            &numbers,
            &self.reviewer,
            &mut self.asked.borrow_mut(),
            &mut record,
        )
    }
}

/// The default review sheet: beside the self sheet, `-review` before the extension.
pub fn review_path(self_path: &Path) -> PathBuf {
    let stem = self_path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match self_path.extension() {
        Some(ext) => format!("{stem}-review.{}", ext.to_string_lossy()),
        None => format!("{stem}-review"),
    };
    self_path.with_file_name(name)
}

/// What a review's `reviews` field says: the self sheet's file name when both sheets share a
/// folder (so the pair can be moved together), its absolute path otherwise.
fn reviews_field(self_path: &Path, review_path: &Path) -> Result<String> {
    let self_abs = fs::canonicalize(self_path)
        .with_context(|| format!("finding sheet '{}'", self_path.display()))?;
    let folder = store::folder_of(review_path);
    let review_folder = fs::canonicalize(folder).with_context(|| {
        format!(
            "finding the folder '{}' of review sheet '{}'",
            folder.display(),
            review_path.display()
        )
    })?;
    if review_folder.join(review_path.file_name().unwrap_or_default()) == self_abs {
        bail!(
            "the review sheet '{}' would overwrite the self-assessment: choose another with -o",
            review_path.display()
        );
    }
    let same_folder = self_abs.parent() == Some(review_folder.as_path());
    let shown = match self_abs.file_name() {
        Some(name) if same_folder => PathBuf::from(name),
        _ => self_abs,
    };
    Ok(shown.to_string_lossy().into_owned())
}

/// Refuses to review a sheet that is not a self-assessment (a mentor review, a final check),
/// saying what it is.
fn refuse_other_than_a_self_assessment(
    standard: &Standard,
    sheet: &Sheet,
    path: &Path,
) -> Result<()> {
    let kind = &sheet.participant.assessment_type;
    let review_type = standard.assessment_type(MENTOR_REVIEW);
    let is_review = sheet.reviews.is_some() || review_type == Some(kind.as_str());
    let is_self = standard
        .assessment_type(SELF_ASSESSMENT)
        .map_or(!is_review, |own| own == kind);
    if is_self && !is_review {
        return Ok(());
    }
    let what = match &sheet.reviews {
        Some(reviewed) => {
            let folder = path.parent().unwrap_or(Path::new(""));
            format!("a {kind} of '{}'", folder.join(reviewed).display())
        }
        None => format!("a {kind}"),
    };
    bail!(
        "'{}' is {what}, not a self-assessment: `ksb review` reviews a mentee's self-assessment",
        path.display()
    );
}

/// Refuses to resume a sheet that is not a review of this self-assessment.
fn check_resumable(review: &Sheet, self_path: &Path, review_path: &Path) -> Result<()> {
    let Some(reviews) = &review.reviews else {
        bail!(
            "'{}' exists and is not a mentor review (it has no `reviews` field): choose another file with -o",
            review_path.display()
        );
    };
    let named = store::folder_of(review_path).join(reviews);
    let same = match (fs::canonicalize(&named), fs::canonicalize(self_path)) {
        (Ok(named), Ok(this)) => named == this,
        _ => false,
    };
    if !same {
        bail!(
            "'{}' is a review of '{reviews}', not of '{}': choose another file with -o",
            review_path.display(),
            self_path.display()
        );
    }
    Ok(())
}

/// A new, empty review of `mentee`'s sheet, dated today.
fn new_review(standard: &Standard, mentee: &Sheet, reviews: String) -> Result<Sheet> {
    let Some(kind) = standard.assessment_type(MENTOR_REVIEW) else {
        bail!(
            "standard '{}' has no '{MENTOR_REVIEW}' assessment type (it has: {})",
            standard.id,
            standard.assessment_types.join(", ")
        );
    };
    let mut participant = mentee.participant.clone();
    participant.assessment_type = kind.to_string();
    participant.date = Local::now().date_naive();
    let mut review = Sheet::new(standard, participant);
    review.reviews = Some(reviews);
    Ok(review)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_review_sits_beside_the_self_sheet() {
        assert_eq!(
            review_path(Path::new("me.toml")),
            Path::new("me-review.toml")
        );
        assert_eq!(
            review_path(Path::new("cohort/ann.self.toml")),
            Path::new("cohort/ann.self-review.toml")
        );
        assert_eq!(
            review_path(Path::new("/tmp/ann")),
            Path::new("/tmp/ann-review")
        );
    }

    #[test]
    fn a_review_in_the_same_folder_names_the_self_sheet_by_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let me = dir.path().join("me.toml");
        fs::write(&me, "").unwrap();
        assert_eq!(
            reviews_field(&me, &dir.path().join("me-review.toml")).unwrap(),
            "me.toml"
        );
        let elsewhere = dir.path().join("reviews");
        fs::create_dir(&elsewhere).unwrap();
        let field = reviews_field(&me, &elsewhere.join("me.toml")).unwrap();
        assert_eq!(
            Path::new(&field),
            fs::canonicalize(&me).unwrap(),
            "an absolute path from another folder"
        );
        let err = reviews_field(&me, &me).unwrap_err();
        assert!(err.to_string().contains("would overwrite"), "{err}");
        let err = reviews_field(&me, &dir.path().join("nowhere/x.toml")).unwrap_err();
        assert!(err.to_string().contains("finding the folder"), "{err}");
    }
}
