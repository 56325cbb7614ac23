//! Interactive prompts: the terminal check, text prompts (rustyline), choices (dialoguer), and
//! the walk that scores a sheet one KSB at a time, saving after every answer.
//!
//! What an answer means ([`answer`]), which KSB comes next ([`walk`]), what a screen says
//! ([`screen`]) and where an answer sits on screen ([`echo`]) are plain functions; this module
//! only wires them to the terminal.

pub mod answer;
pub mod echo;
pub mod evidence;
pub mod evidence_ask;
pub mod interrupt;
pub mod screen;
pub mod walk;
pub mod wrap;

use std::cell::RefCell;
use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{bail, Context as _, Result};
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::Select;
use ksb::{Ksb, Score, Sheet, Standard};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

use self::answer::{Answer, NoteAnswer};
use self::interrupt::{Interrupted, Watch};
use self::walk::{Scope, Walk};
use crate::app::sheet_file::SheetFile;

/// Refuses to start a session unless both stdin and stdout are a terminal: dialoguer would
/// otherwise read keys from /dev/tty behind a pipe, or wait for keys that never come.
pub fn require_terminal(command: &str) -> Result<()> {
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        bail!(
            "`ksb {command}` needs an interactive terminal on stdin and stdout; \
             to set scores from a script use `ksb score SHEET ID=SCORE...`"
        );
    }
    Ok(())
}

/// Columns assumed when the terminal does not report its size.
const DEFAULT_WIDTH: usize = 80;

/// The terminal a session talks to, how its prompts look, and what Ctrl-C would say.
pub struct Prompter {
    term: Term,
    theme: Box<dyn Theme>,
    editor: RefCell<DefaultEditor>,
    ctrl_c: Watch,
    /// What to tell the participant about their sheet if they stop now.
    progress: RefCell<Option<Interrupted>>,
    /// The command that goes on with the sheet, said after Ctrl-C as after `q`.
    resume_command: RefCell<Option<String>>,
    /// Ask as plain lines: no line editor, no redraw, no escape sequence.
    plain: bool,
}

/// Whether a walk asks as plain lines: `--plain`, or a terminal that says it can do nothing
/// more (TERM=dumb).
pub fn plain_wanted(flag: bool) -> bool {
    flag || std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

impl Prompter {
    /// Prompts on stdout, in colour unless NO_COLOR is set or the terminal has no colours;
    /// as plain lines with `plain` (`--plain`) or TERM=dumb; installs the Ctrl-C handler (once
    /// per process).
    pub fn new(color: bool, plain: bool) -> Result<Prompter> {
        let plain = plain_wanted(plain);
        interrupt::PLAIN.store(plain, std::sync::atomic::Ordering::SeqCst);
        let theme: Box<dyn Theme> = if plain || !color || !console::colors_enabled() {
            Box::new(SimpleTheme)
        } else {
            Box::new(ColorfulTheme::default())
        };
        let config = rustyline::Config::builder()
            .auto_add_history(false)
            .edit_mode(rustyline::EditMode::Emacs)
            .build();
        let editor = DefaultEditor::with_config(config).context("starting the line editor")?;
        Ok(Prompter {
            term: Term::stdout(),
            theme,
            editor: RefCell::new(editor),
            ctrl_c: Watch::install()?,
            progress: RefCell::new(None),
            resume_command: RefCell::new(None),
            plain,
        })
    }

    /// Reads one line from stdin as typed, without its line end; `None` at the end of input.
    fn read_plain_line(&self) -> Result<Option<String>> {
        let mut line = String::new();
        let read = match io::stdin().read_line(&mut line) {
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => return Err(self.interrupted()),
            Err(err) => return Err(anyhow::Error::new(err).context("reading an answer")),
        };
        if read == 0 {
            return Ok(None);
        }
        let len = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(len);
        Ok(Some(line))
    }

    /// A question as a plain line: the prompt (and the text Enter alone keeps, when there is
    /// some), then the line typed; each refusal said on a line of its own and asked again.
    fn ask_plain(
        &self,
        styled: &str,
        initial: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        loop {
            self.check_ctrl_c()?;
            if let Some(initial) = initial.filter(|text| !text.is_empty()) {
                self.tell(&format!("Now: {initial} (Enter keeps it)\n"))?;
            }
            self.say(styled)?;
            let Some(typed) = self.read_plain_line()? else {
                return Err(self.interrupted());
            };
            self.check_ctrl_c()?;
            let typed = match initial {
                Some(initial) if typed.is_empty() => initial.to_string(),
                _ => typed,
            };
            match check(&typed) {
                Ok(()) => return Ok(typed),
                Err(reason) => self.tell(&format!("{reason}\n"))?,
            }
        }
    }

    /// A choice as plain lines: the items numbered, then the number typed (Enter alone: 1).
    fn choose_plain(&self, prompt: &str, items: &[String]) -> Result<usize> {
        let mut list = format!("{prompt}:\n");
        for (number, item) in items.iter().enumerate() {
            list.push_str(&format!("  {}. {item}\n", number + 1));
        }
        self.say(&list)?;
        loop {
            self.check_ctrl_c()?;
            self.say(&format!("{prompt} (1-{}, Enter for 1): ", items.len()))?;
            let Some(typed) = self.read_plain_line()? else {
                return Err(self.interrupted());
            };
            self.check_ctrl_c()?;
            match answer::parse_choice(&typed, items.len()) {
                Ok(index) => return Ok(index),
                Err(reason) => self.tell(&format!("{reason}\n"))?,
            }
        }
    }

    /// The error that ends the session at Ctrl-C, with what to say about the sheet.
    fn interrupted(&self) -> anyhow::Error {
        let progress = self.progress.borrow().clone();
        anyhow::Error::new(progress.unwrap_or_else(Interrupted::nothing_saved))
    }

    /// Ends the session if Ctrl-C came while no prompt was reading.
    fn check_ctrl_c(&self) -> Result<()> {
        if self.ctrl_c.raised() {
            return Err(self.interrupted());
        }
        Ok(())
    }

    /// Records the command that goes on with the sheet (`ksb assess me.toml`).
    pub fn set_resume_command(&self, command: String) {
        *self.resume_command.borrow_mut() = Some(command);
    }

    /// Saves the sheet (refusing to overwrite a change another program made to its file) and
    /// remembers where it is for the Ctrl-C message. Ctrl-C during the save lets it finish,
    /// then ends the session.
    pub fn save(&self, file: &mut SheetFile, standard: &Standard, sheet: &Sheet) -> Result<()> {
        file.save(standard, sheet)?;
        self.record(file, standard, sheet);
        self.check_ctrl_c()
    }

    /// Remembers where the sheet is and how far it got, and the command that goes on with it,
    /// for the message after Ctrl-C (fitted to the terminal's width now).
    pub fn record(&self, file: &SheetFile, standard: &Standard, sheet: &Sheet) {
        let message = screen::interrupted(
            file.path(),
            standard,
            sheet,
            self.resume_command.borrow().as_deref(),
            self.width(),
        );
        *self.progress.borrow_mut() = Some(Interrupted { message });
    }

    /// Writes a message to the terminal, each line broken between words to fit its width.
    pub fn tell(&self, text: &str) -> Result<()> {
        self.say(&wrap::wrap_prose(text, self.width()))
    }

    /// Writes text to the terminal as it is.
    pub fn say(&self, text: &str) -> Result<()> {
        self.term.write_str(text)?;
        self.term.flush()?;
        Ok(())
    }

    /// Columns of the terminal (80 when it does not say).
    pub fn width(&self) -> usize {
        match self.term.size_checked() {
            Some((_, columns)) if columns > 0 => usize::from(columns),
            _ => DEFAULT_WIDTH,
        }
    }

    /// `style` fitted to the terminal's width now (it may have changed since the walk began);
    /// as it was when the terminal does not say. Never in colour when asking as plain lines.
    pub fn style_now(&self, style: ksb::render::Style) -> ksb::render::Style {
        let style = ksb::render::Style {
            color: style.color && !self.plain,
            ..style
        };
        match self.term.size_checked() {
            Some((_, columns)) if columns > 0 => ksb::render::Style {
                width: Some(columns),
                ..style
            },
            _ => style,
        }
    }

    /// Asks for a line of text; `check` refuses an entry with a reason and the question is
    /// asked again. `initial` is text already typed in, which the person can edit.
    pub fn text(
        &self,
        prompt: &str,
        initial: Option<&str>,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        self.ask(prompt, initial, &|typed: &str| typed.to_string(), check)
    }

    /// Like [`Prompter::text`] for a prompt of keys: the answered line then shows what the
    /// answer meant (`meant`), never the keys typed.
    pub fn text_meaning(
        &self,
        prompt: &str,
        initial: Option<&str>,
        meant: impl Fn(&str) -> String,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        self.ask(prompt, initial, &meant, check)
    }

    /// Reads a line with the line editor until `check` takes it, showing each refusal on the
    /// line above the prompt; then leaves `prompt: meaning` on screen in place of both, the
    /// meaning of what was typed as `meant` says it.
    fn ask(
        &self,
        prompt: &str,
        initial: Option<&str>,
        meant: &dyn Fn(&str) -> String,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        let mut styled = String::new();
        self.theme.format_input_prompt(&mut styled, prompt, None)?;
        if self.plain {
            return self.ask_plain(&styled, initial, &check);
        }
        let mut refusal_rows = 0;
        loop {
            self.check_ctrl_c()?;
            let read = self
                .editor
                .borrow_mut()
                .readline_with_initial(&styled, (initial.unwrap_or(""), ""));
            let typed = match read {
                Ok(typed) => typed,
                Err(ReadlineError::Interrupted) => return Err(self.interrupted()),
                // Ctrl-D: nothing to take; the prompt is asked again in its place.
                Err(ReadlineError::Eof) => {
                    let rows = echo::rows_to_answer(&styled, "", self.width());
                    self.say(&echo::back_over(rows))?;
                    continue;
                }
                Err(err) => return Err(anyhow::Error::new(err).context("reading an answer")),
            };
            // Back to the first row of the refusal above the prompt, if any, or of the prompt.
            let rows = echo::rows_to_answer(&styled, &typed, self.width()) + refusal_rows;
            let mut out = echo::back_over(rows);
            match check(&typed) {
                Ok(()) => {
                    self.theme
                        .format_input_prompt_selection(&mut out, prompt, &meant(&typed))?;
                    out.push('\n');
                    self.say(&out)?;
                    return Ok(typed);
                }
                Err(reason) => {
                    let mut line = String::new();
                    self.theme.format_error(&mut line, &reason)?;
                    let width = self.width();
                    let line = wrap::wrap_prose(&line, width);
                    refusal_rows = line.split('\n').map(|l| echo::rows_of(l, width)).sum();
                    out.push_str(&line);
                    out.push('\n');
                    self.say(&out)?;
                }
            }
        }
    }

    /// Asks to choose one of `items` with the arrow keys and Enter; returns its index.
    pub fn choose(&self, prompt: &str, items: &[String]) -> Result<usize> {
        self.check_ctrl_c()?;
        if self.plain {
            return self.choose_plain(prompt, items);
        }
        let chosen = Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact_on(&self.term);
        match chosen {
            Ok(index) => Ok(index),
            Err(dialoguer::Error::IO(err)) if err.kind() == io::ErrorKind::Interrupted => {
                Err(self.interrupted())
            }
            Err(dialoguer::Error::IO(err)) => {
                Err(anyhow::Error::new(err).context("reading an answer"))
            }
        }
    }
}

/// What a walk shows and offers beyond the sheet itself. A self-assessment needs nothing
/// more; a mentor review shows the mentee's answer and offers it for Enter alone.
pub trait Guide {
    /// Lines shown on a KSB's screen under its description.
    fn extra_lines(&self, _ksb: &Ksb) -> Vec<String> {
        Vec::new()
    }

    /// The score Enter alone takes when the sheet has none yet for this KSB.
    fn suggested(&self, _ksb: &Ksb) -> Option<Score> {
        None
    }

    /// How a KSB of the participant's own role focus is marked on its screen.
    fn focus_mark(&self) -> &str {
        "your role focus"
    }

    /// Who adds the evidence typed in this walk: the sheet's participant, or in a review the
    /// mentor.
    fn evidence_author(&self, sheet: &Sheet) -> String {
        sheet.participant.username.clone()
    }

    /// What is asked after a KSB's score and note: in a review, the mentor's verdict on each
    /// of the mentee's evidence items at that KSB.
    fn after_score(&self, _prompter: &Prompter, _ksb: &Ksb) -> Result<AfterNote> {
        Ok(AfterNote::Next)
    }
}

/// A walk with nothing beyond the sheet: the self-assessment.
pub struct NoGuide;

impl Guide for NoGuide {}

/// How a walk runs.
#[derive(Debug, Clone, Copy)]
pub struct WalkOptions {
    /// Which KSBs moving on visits.
    pub scope: Scope,
    /// Ask for an optional note after each score.
    pub notes: bool,
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every KSB in scope was answered or skipped.
    Finished,
    /// The person typed `q`.
    Quit,
}

/// Whether each KSB of the standard has a score on the sheet, in the standard's order.
fn scored(standard: &Standard, sheet: &Sheet) -> Vec<bool> {
    standard
        .ksbs
        .iter()
        .map(|ksb| sheet.score(&ksb.id).is_some())
        .collect()
}

/// Creates a new sheet file as soon as its header is complete, so that nothing typed is lost.
pub fn create_sheet(
    prompter: &Prompter,
    path: &Path,
    standard: &Standard,
    sheet: &Sheet,
) -> Result<SheetFile> {
    let mut file = SheetFile::create(path);
    prompter.save(&mut file, standard, sheet)?;
    prompter.tell(&format!("Created {}\n", path.display()))?;
    Ok(file)
}

/// What the questions after a score (the note, evidence, verdicts) led to.
pub enum AfterNote {
    /// Everything asked was answered: move on.
    Next,
    /// `b`: ask this KSB's score again.
    Again,
    /// `q`: stop.
    Quit,
}

/// Walks the sheet's KSBs one screen at a time, saving it to `file` after every answer.
pub fn walk_sheet(
    prompter: &Prompter,
    standard: &Standard,
    sheet: &mut Sheet,
    file: &mut SheetFile,
    options: WalkOptions,
    guide: &dyn Guide,
) -> Result<Outcome> {
    let mut walk = Walk::start(options.scope, &scored(standard, sheet));
    let all = options.scope == Scope::All;
    let ids: Vec<&str> = standard.ksbs.iter().map(|ksb| ksb.id.as_str()).collect();
    // The first screen fits 24 rows: the start line, a pointer to the key, then the KSB with
    // the key in brief; the key in full and every key are behind `?`.
    prompter.tell(&format!(
        "\n{}",
        screen::start(standard, sheet, walk.current(), all)
    ))?;
    if walk.current().is_some() {
        prompter.tell(screen::KEY_HINT)?;
    }
    while let Some(index) = walk.current() {
        let ksb = &standard.ksbs[index];
        let offered = sheet.score(&ksb.id).or_else(|| guide.suggested(ksb));
        let mut extra = guide.extra_lines(ksb);
        extra.extend(
            evidence::screen_lines(sheet.evidence(), &ksb.id, "Evidence")
                .iter()
                .map(|line| crate::app::output::printable(line)),
        );
        let frame = screen::Frame {
            own_role_focus: &sheet.participant.role_focus,
            focus_mark: guide.focus_mark(),
            extra: &extra,
            width: prompter.width(),
        };
        prompter.say(&screen::ksb(standard, index, &frame))?;
        let prompt = screen::score_prompt(offered);
        let meant = |text: &str| match answer::parse(text, offered, &ids) {
            Ok(answer) => screen::meant(standard, answer),
            Err(_) => text.trim().to_string(),
        };
        let typed = prompter.text_meaning(&prompt, None, meant, |text| {
            answer::parse(text, offered, &ids).map(drop)
        })?;
        match answer::parse(&typed, offered, &ids) {
            Ok(Answer::Score(score) | Answer::Keep(score)) => {
                sheet.set_score(ksb.id.clone(), Some(score));
                prompter.save(file, standard, sheet)?;
                let mut after = if options.notes {
                    ask_note(prompter, standard, sheet, file, ksb)?
                } else {
                    AfterNote::Next
                };
                if matches!(after, AfterNote::Next) {
                    after = guide.after_score(prompter, ksb)?;
                }
                if matches!(after, AfterNote::Next) && options.notes {
                    let by = guide.evidence_author(sheet);
                    after = evidence_ask::ask_new(prompter, standard, sheet, file, ksb, &by)?;
                }
                match after {
                    AfterNote::Next => walk.next(&scored(standard, sheet)),
                    AfterNote::Again => {}
                    AfterNote::Quit => return Ok(Outcome::Quit),
                }
            }
            Ok(Answer::Skip) => walk.next(&scored(standard, sheet)),
            Ok(Answer::Back) => {
                if !walk.back() {
                    prompter.tell(&format!("{} is the first KSB.\n", ksb.id))?;
                }
            }
            Ok(Answer::Go(target)) => {
                walk.go(target);
            }
            Ok(Answer::Quit) => return Ok(Outcome::Quit),
            Ok(Answer::Help) => prompter.say(&screen::help(standard, prompter.width()))?,
            Err(reason) => prompter.tell(&format!("{reason}\n"))?,
        }
    }
    Ok(Outcome::Finished)
}

/// Asks for the optional note on a KSB just scored, its current note ready to edit, and saves
/// it when it changed. `q`, `b` and `?` alone are keys, never stored as the note.
fn ask_note(
    prompter: &Prompter,
    standard: &Standard,
    sheet: &mut Sheet,
    file: &mut SheetFile,
    ksb: &Ksb,
) -> Result<AfterNote> {
    loop {
        let before = sheet.note(&ksb.id).map(str::to_string);
        // The note is shown made printable; taken back unchanged, it is the note as stored.
        let shown = before.as_deref().map(crate::app::output::printable);
        let typed = prompter.text_meaning(
            "Note (Enter for none)",
            shown.as_deref(),
            screen::note_meant,
            |_| Ok(()),
        )?;
        let typed = match (&before, &shown) {
            (Some(before), Some(shown)) if typed == *shown => before.clone(),
            _ => typed,
        };
        match answer::parse_note(&typed) {
            NoteAnswer::Note => {
                sheet.set_note(ksb.id.clone(), &typed);
                if sheet.note(&ksb.id).map(str::to_string) != before {
                    prompter.save(file, standard, sheet)?;
                }
                return Ok(AfterNote::Next);
            }
            NoteAnswer::Back => return Ok(AfterNote::Again),
            NoteAnswer::Quit => return Ok(AfterNote::Quit),
            NoteAnswer::Help => prompter.say(&screen::note_help(prompter.width()))?,
        }
    }
}
