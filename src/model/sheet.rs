//! A participant's scored sheet: the TOML file a person can read, diff and edit by hand.

mod edit;
mod light;
mod read;
mod verdict;

use read::RawSheet;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::model::date::{format_dmy, parse_dmy};
use crate::model::evidence::{Evidence, EvidenceNumber, Verdict};
use crate::model::id::KsbId;
use crate::model::position::{located, one_line, Position};
use crate::model::score::Score;
use crate::model::standard::{find_ignoring_case, Standard};
use crate::model::version;

/// The sheet format this version of `ksb` reads and writes.
pub const SHEET_FORMAT: i64 = 1;

/// How headers and exports label [`Participant::reviewer`]: the programme's own sheet has no such
/// line, so this is ksb's word rather than the standard's.
pub const REVIEWER_LABEL: &str = "Reviewer";

/// Who was assessed, how and when: the header of the programme's sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The participant's Miraheze username.
    pub username: String,
    /// Preferred role focus, one of the standard's role focuses.
    pub role_focus: String,
    /// Mentee, Mentor or Peer Support (one of the standard's mentoring types).
    pub mentoring_type: String,
    /// Self-assessment, Mentor review or Final check (one of the standard's assessment types).
    pub assessment_type: String,
    /// The day of the assessment.
    pub date: NaiveDate,
    /// Who reviewed: the mentor's username on a mentor review or a final check, so a cohort's
    /// reviews can be told apart by mentor. Optional: a self-assessment and older sheets have
    /// none.
    pub reviewer: Option<String>,
}

/// One participant's scores and notes against one standard.
///
/// A sheet read against another version of its standard is mapped onto the version in use:
/// scores and notes are matched by KSB id, and those of KSBs the standard no longer has are
/// *retired*: kept, written back under `[retired_scores]` and `[retired_notes]`, and left out
/// of every summary (which only ever counts the standard's own KSBs). The sheet then records
/// the version in use, so saving it never drops a score and reading it again warns no more.
/// A retired KSB that a later version brings back counts again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Id of the standard the sheet was scored against.
    pub standard: String,
    /// Version of that standard.
    pub standard_version: String,
    /// For a mentor review: the path of the self-assessment it reviews, as the reviewer gave it
    /// relative to the review's folder (absolute when the two are in different folders).
    pub reviews: Option<String>,
    /// The participant header.
    pub participant: Participant,
    /// A finished assessment (a baseline, a final check): commands that change sheets refuse
    /// to change a locked one. Written as `locked = true`; absent means unlocked.
    pub locked: bool,
    scores: BTreeMap<KsbId, Score>,
    notes: BTreeMap<KsbId, String>,
    retired_scores: BTreeMap<KsbId, Score>,
    retired_notes: BTreeMap<KsbId, String>,
    /// Evidence items, in number order: apart from scores and notes (see
    /// [`crate::model::evidence`]).
    evidence: Vec<Evidence>,
    /// Where the sheet is on the wiki, once `ksb wiki publish` or `ksb wiki pull` put it in
    /// step with a page; absent for a sheet that never was (every sheet before the wiki
    /// commands).
    pub wiki: Option<WikiRecord>,
}

/// The page a sheet was last in step with: the revision `ksb` published (or pulled) and what
/// the sheet's wikitext was then, so that a later command can tell who changed what since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiRecord {
    /// The page's title.
    pub page: String,
    /// The revision `ksb` wrote (or read).
    pub revision: u64,
    /// The SHA-256 (hex) of the sheet's wikitext export at that revision.
    pub published: String,
}

/// Why a change to a sheet's evidence was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    /// No item has that number.
    #[error("the sheet has no evidence item {number}{}", item_numbers(.numbers))]
    NoSuchItem {
        /// The number asked for.
        number: EvidenceNumber,
        /// The numbers the sheet has.
        numbers: Vec<EvidenceNumber>,
    },
    /// An item names a KSB the standard does not have.
    #[error("unknown KSB id '{id}' in standard '{standard}'")]
    UnknownKsb {
        /// The id as given.
        id: KsbId,
        /// The standard's id.
        standard: String,
    },
    /// An item names no KSB.
    #[error("evidence supports at least one KSB: name them with --ksb, e.g. --ksb K3,S2")]
    NoKsb,
    /// An item names a KSB twice.
    #[error("evidence names {0} twice")]
    KsbTwice(KsbId),
    /// Two items share a number.
    #[error("two evidence items are numbered {0}")]
    NumberTwice(EvidenceNumber),
    /// The highest number is taken: no number is left after it for a new item.
    #[error("the sheet's evidence is numbered up to {0}: no number is left for a new item")]
    NoNumberLeft(EvidenceNumber),
    /// A verdict by the person whose evidence it is (see [`Sheet::judge_evidence`]).
    #[error(
        "{by} cannot check evidence {number}: it is {by}'s own (the sheet's participant, or the \
         one who added it); a mentor checks it"
    )]
    OwnEvidence {
        /// The item.
        number: EvidenceNumber,
        /// The would-be reviewer, as given.
        by: String,
    },
    /// The item a verdict was given on is no longer what the reviewer was shown: its author
    /// changed it (or removed it and added another under its number) meanwhile.
    #[error(
        "evidence {number} changed since it was shown (it now reads \"{now}\"): the verdict was \
         not recorded; look at it again"
    )]
    ChangedSinceShown {
        /// The item.
        number: EvidenceNumber,
        /// Its description now.
        now: String,
    },
}

fn item_numbers(numbers: &[EvidenceNumber]) -> String {
    if numbers.is_empty() {
        return " (it has none)".to_string();
    }
    let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
    format!(" (it has {})", list.join(", "))
}

/// Checks the KSBs an evidence item names: at least one, each the standard's, each once.
pub fn check_ksbs(standard: &Standard, ids: &[KsbId]) -> Result<(), EvidenceError> {
    if ids.is_empty() {
        return Err(EvidenceError::NoKsb);
    }
    for (index, id) in ids.iter().enumerate() {
        if standard.ksb(id).is_none() {
            return Err(EvidenceError::UnknownKsb {
                id: id.clone(),
                standard: standard.id.clone(),
            });
        }
        if ids[..index].contains(id) {
            return Err(EvidenceError::KsbTwice(id.clone()));
        }
    }
    Ok(())
}

/// Something worth telling about a sheet that was nevertheless read: the standard changed
/// since it was scored. Returned as data; the binary prints each on one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadWarning {
    /// The sheet scores or notes KSBs that this version of the standard no longer has.
    #[error(
        "it was scored against version {sheet_version} of standard '{standard}', and version \
         {standard_version} no longer has {}: their scores and notes are kept in the file but \
         left out of summaries",
        join(.ids)
    )]
    Removed {
        /// The standard's id.
        standard: String,
        /// The version the sheet was scored against.
        sheet_version: String,
        /// The version in use.
        standard_version: String,
        /// The KSBs that are gone, in id order.
        ids: Vec<KsbId>,
    },
    /// This version of the standard added KSBs (their `since` is newer than the sheet's version).
    #[error(
        "version {standard_version} of standard '{standard}' added {} since version \
         {sheet_version} the sheet was scored against: unscored so far",
        join(.ids)
    )]
    Added {
        /// The standard's id.
        standard: String,
        /// The version the sheet was scored against.
        sheet_version: String,
        /// The version in use.
        standard_version: String,
        /// The new KSBs, in the standard's order.
        ids: Vec<KsbId>,
    },
    /// KSBs retired by an earlier version are in this version again; their kept scores count.
    #[error(
        "version {standard_version} of standard '{standard}' has {} again: their kept scores \
         and notes count again",
        join(.ids)
    )]
    Restored {
        /// The standard's id.
        standard: String,
        /// The version in use.
        standard_version: String,
        /// The KSBs that are back, in id order.
        ids: Vec<KsbId>,
    },
}

fn join(ids: &[KsbId]) -> String {
    ids.iter().map(KsbId::as_str).collect::<Vec<_>>().join(", ")
}

/// Why a sheet could not be read: TOML syntax, an unknown field, or a value the standard refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", located(.position, .message))]
pub struct SheetError {
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, on one line.
    pub message: String,
    /// The standard the sheet names, when the error is that it is not the standard in use: the
    /// caller knows how that standard was chosen, and so how to choose the sheet's.
    pub other_standard: Option<String>,
}

impl SheetError {
    fn at(text: &str, span: std::ops::Range<usize>, message: String) -> Self {
        SheetError {
            position: Some(Position::at_offset(text, span.start)),
            message,
            other_standard: None,
        }
    }

    fn plain(message: String) -> Self {
        SheetError {
            position: None,
            message,
            other_standard: None,
        }
    }
}

impl Sheet {
    /// A new sheet with nothing scored yet.
    pub fn new(standard: &Standard, participant: Participant) -> Sheet {
        Sheet {
            standard: standard.id.clone(),
            standard_version: standard.version.clone(),
            reviews: None,
            participant,
            locked: false,
            scores: BTreeMap::new(),
            notes: BTreeMap::new(),
            retired_scores: BTreeMap::new(),
            retired_notes: BTreeMap::new(),
            evidence: Vec::new(),
            wiki: None,
        }
    }

    /// The sheet's evidence items, in number order.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// The evidence item numbered `number`, if the sheet has it.
    pub fn evidence_item(&self, number: EvidenceNumber) -> Option<&Evidence> {
        self.evidence.iter().find(|item| item.number == number)
    }

    /// Adds an evidence item under the next free number (one more than the highest) and
    /// returns that number. The KSBs must be the standard's, each named once.
    pub fn add_evidence(
        &mut self,
        standard: &Standard,
        mut item: Evidence,
    ) -> Result<EvidenceNumber, EvidenceError> {
        check_ksbs(standard, &item.ksbs)?;
        item.number = match self.evidence.last() {
            None => 1,
            Some(last) => last
                .number
                .checked_add(1)
                .ok_or(EvidenceError::NoNumberLeft(last.number))?,
        };
        let number = item.number;
        self.evidence.push(item);
        Ok(number)
    }

    /// Removes the evidence item numbered `number` and returns it; the others keep their
    /// numbers.
    pub fn remove_evidence(&mut self, number: EvidenceNumber) -> Result<Evidence, EvidenceError> {
        let index = self
            .evidence
            .iter()
            .position(|item| item.number == number)
            .ok_or_else(|| self.no_such_item(number))?;
        Ok(self.evidence.remove(index))
    }

    /// Records (or with `None` clears) a mentor's verdict on an item: only the verdict
    /// changes, never what the item's author wrote.
    pub fn set_verdict(
        &mut self,
        number: EvidenceNumber,
        verdict: Option<Verdict>,
    ) -> Result<(), EvidenceError> {
        match self.evidence.iter_mut().find(|item| item.number == number) {
            Some(item) => {
                item.verdict = verdict;
                Ok(())
            }
            None => Err(self.no_such_item(number)),
        }
    }

    /// Puts `items` in place of the sheet's evidence: what a merge or an import decided.
    /// Numbers must be distinct; the items are kept in number order.
    pub fn set_evidence(&mut self, mut items: Vec<Evidence>) -> Result<(), EvidenceError> {
        items.sort_by_key(|item| item.number);
        if let Some(pair) = items
            .windows(2)
            .find(|pair| pair[0].number == pair[1].number)
        {
            return Err(EvidenceError::NumberTwice(pair[0].number));
        }
        self.evidence = items;
        Ok(())
    }

    fn no_such_item(&self, number: EvidenceNumber) -> EvidenceError {
        EvidenceError::NoSuchItem {
            number,
            numbers: self.evidence.iter().map(|item| item.number).collect(),
        }
    }

    /// Scores of KSBs that the standard in use no longer has, kept so that no score is lost.
    pub fn retired_scores(&self) -> &BTreeMap<KsbId, Score> {
        &self.retired_scores
    }

    /// Notes on KSBs that the standard in use no longer has, kept so that no note is lost.
    pub fn retired_notes(&self) -> &BTreeMap<KsbId, String> {
        &self.retired_notes
    }

    /// The score of a KSB, or `None` when it is unscored.
    pub fn score(&self, id: &KsbId) -> Option<Score> {
        self.scores.get(id).copied()
    }

    /// Sets (or with `None` clears) the score of a KSB.
    pub fn set_score(&mut self, id: KsbId, score: Option<Score>) {
        match score {
            Some(score) => self.scores.insert(id, score),
            None => self.scores.remove(&id),
        };
    }

    /// The note on a KSB, if it has one.
    pub fn note(&self, id: &KsbId) -> Option<&str> {
        self.notes.get(id).map(String::as_str)
    }

    /// Sets the note on a KSB; an empty or blank note removes it.
    pub fn set_note(&mut self, id: KsbId, note: &str) {
        if note.trim().is_empty() {
            self.notes.remove(&id);
        } else {
            self.notes.insert(id, note.to_string());
        }
    }

    /// How many KSBs of the standard have no score yet.
    pub fn unscored_count(&self, standard: &Standard) -> usize {
        standard
            .ksbs
            .iter()
            .filter(|k| self.score(&k.id).is_none())
            .count()
    }

    /// Reads a sheet and checks it against the standard it must have been scored against,
    /// leaving out any [`LoadWarning`]s (see [`Sheet::from_toml_with_warnings`]).
    pub fn from_toml(text: &str, standard: &Standard) -> Result<Sheet, SheetError> {
        Sheet::from_toml_with_warnings(text, standard).map(|(sheet, _)| sheet)
    }

    /// Reads a sheet and checks it against the standard in use.
    ///
    /// When the sheet records the same version as the standard in use (or none), an id the
    /// standard does not know is an error: it catches typos. When the versions differ, the
    /// sheet is mapped onto the version in use (see [`Sheet`]) and the warnings say which KSBs
    /// were removed, added (a KSB whose `since` is newer than the sheet's version) or restored.
    pub fn from_toml_with_warnings(
        text: &str,
        standard: &Standard,
    ) -> Result<(Sheet, Vec<LoadWarning>), SheetError> {
        let raw: RawSheet =
            toml::from_str(&light::light(text)).map_err(|err| toml_error(text, &err))?;
        if raw.is_empty() {
            return Err(SheetError::plain(
                "the file is empty: a ksb sheet starts with `format = 1`".to_string(),
            ));
        }
        raw.validate(text, standard)
    }

    /// Writes the sheet as TOML, scores and notes in the standard's order.
    pub fn to_toml(&self, standard: &Standard) -> String {
        let quote = |text: &str| toml::Value::String(text.to_string()).to_string();
        let mut out = format!(
            "format = {SHEET_FORMAT}\nstandard = {}\nstandard_version = {}\n",
            quote(&self.standard),
            quote(&self.standard_version)
        );
        if self.locked {
            out.push_str("locked = true\n");
        }
        if let Some(reviews) = &self.reviews {
            out.push_str(&format!("reviews = {}\n", quote(reviews)));
        }
        out.push_str("\n[participant]\n");
        let p = &self.participant;
        for (key, value) in [
            ("username", &p.username),
            ("role_focus", &p.role_focus),
            ("mentoring_type", &p.mentoring_type),
            ("assessment_type", &p.assessment_type),
        ] {
            out.push_str(&format!("{key} = {}\n", quote(value)));
        }
        out.push_str(&format!("date = {}\n", p.date.format("%Y-%m-%d")));
        if let Some(reviewer) = &p.reviewer {
            out.push_str(&format!("reviewer = {}\n", quote(reviewer)));
        }

        out.push_str("\n[scores]\n");
        for id in ordered_ids(standard, self.scores.keys()) {
            out.push_str(&format!(
                "{} = {}\n",
                toml_key(id),
                score_value(self.scores[id])
            ));
        }
        if !self.notes.is_empty() {
            out.push_str("\n[notes]\n");
            for id in ordered_ids(standard, self.notes.keys()) {
                out.push_str(&format!("{} = {}\n", toml_key(id), quote(&self.notes[id])));
            }
        }
        if !self.retired_scores.is_empty() {
            out.push_str(&format!("\n{RETIRED_COMMENT}[retired_scores]\n"));
            for (id, score) in &self.retired_scores {
                out.push_str(&format!("{} = {}\n", toml_key(id), score_value(*score)));
            }
        }
        if !self.retired_notes.is_empty() {
            out.push_str(&format!("\n{RETIRED_COMMENT}[retired_notes]\n"));
            for (id, note) in &self.retired_notes {
                out.push_str(&format!("{} = {}\n", toml_key(id), quote(note)));
            }
        }
        for item in &self.evidence {
            out.push_str(&evidence_toml(item));
        }
        if let Some(wiki) = &self.wiki {
            out.push_str(&format!(
                "\n[wiki]\npage = {}\nrevision = {}\npublished = {}\n",
                quote(&wiki.page),
                wiki.revision,
                quote(&wiki.published)
            ));
        }
        out
    }
}

/// The standard id a sheet's text names, read without checking anything else: a command that
/// takes several sheets can then say which file names which standard before loading any.
pub fn standard_named(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Head {
        standard: Option<String>,
    }
    toml::from_str::<Head>(&light::light(text)).ok()?.standard
}

/// Whether `text` is a ksb sheet, or one damaged by hand: TOML with a `[participant]` or
/// `[scores]` table, or with `format` and `standard` at the top; text that is not TOML at all
/// counts when a line opens one of those tables or sets `format`. Used where telling a sheet
/// from another file matters: no export is written over a sheet, and a TOML file that is no
/// sheet (a `Cargo.toml` in a folder of sheets) is called that rather than a bad sheet.
pub fn looks_like_sheet(text: &str) -> bool {
    match toml::from_str::<toml::Table>(&light::light(text)) {
        Ok(table) => {
            let is_table = |key: &str| table.get(key).is_some_and(toml::Value::is_table);
            is_table("participant")
                || is_table("scores")
                || (table.contains_key("format") && table.contains_key("standard"))
        }
        Err(_) => text.lines().map(str::trim).any(|line| {
            line == "[participant]"
                || line == "[scores]"
                || line
                    .strip_prefix("format")
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
        }),
    }
}

/// A TOML error of a sheet's text as ksb says it: a duplicate key is named, and a TOML file
/// that is no sheet at all is called that (text that is not even TOML keeps the line and
/// column of its syntax error).
fn toml_error(text: &str, err: &toml::de::Error) -> SheetError {
    let message = one_line(err.message());
    let is_toml = toml::from_str::<toml::Table>(&light::light(text)).is_ok();
    if is_toml && !looks_like_sheet(text) {
        return SheetError::plain(
            "it is not a ksb sheet (a sheet has `format = 1`, `standard` and a [participant] table)"
                .to_string(),
        );
    }
    let key = err
        .span()
        .and_then(|span| text.get(span))
        .map(|key| key.trim().trim_matches(['"', '\'']))
        .filter(|key| !key.is_empty() && !key.contains('\n'));
    let message = match key {
        Some(key) if message == "duplicate key" => {
            format!("duplicate key `{key}`: each key is given once")
        }
        _ => message,
    };
    if let Some((offset, message)) = err.span().and_then(|span| bad_score_line(text, span.start)) {
        return SheetError {
            position: Some(Position::at_offset(text, offset)),
            message,
            other_standard: None,
        };
    }
    SheetError {
        position: err.span().map(|span| Position::at_offset(text, span.start)),
        message,
        other_standard: None,
    }
}

/// A score TOML cannot read (`K4 = n/a` unquoted, `K4 = two`): where its value starts and
/// a message naming the KSB and how a score is written, when the error at `offset` is on a
/// `KEY = value` line of the [scores] or [retired_scores] table.
fn bad_score_line(text: &str, offset: usize) -> Option<(usize, String)> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))?;
    let table = table.split('#').next()?.trim();
    let table = table.trim_start_matches('[').trim_end_matches(']').trim();
    if table != "scores" && table != "retired_scores" {
        return None;
    }
    let (key, value) = line.split_once('=')?;
    let id = key.trim().trim_matches(['"', '\'']);
    let value_text = value.split('#').next()?.trim();
    if id.is_empty() || value_text.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    let value_at = line_start + key.len() + 1 + (value.len() - value.trim_start().len());
    if offset < value_at {
        return None;
    }
    Some((
        value_at,
        format!("invalid score {value_text} for {id}: {SCORE_HINT}"),
    ))
}

/// How a sheet writes a score, said after an invalid one.
pub(crate) const SCORE_HINT: &str = "expected 0–3, or \"n/a\" in quotes";

/// The standard id and the username a sheet's text names, read without checking anything
/// else: a cohort can then tell that a sheet it could not read belongs to one of its
/// participants.
pub fn standard_and_username(text: &str) -> (Option<String>, Option<String>) {
    #[derive(Deserialize)]
    struct Head {
        standard: Option<String>,
        participant: Option<Who>,
    }
    #[derive(Deserialize)]
    struct Who {
        username: Option<String>,
    }
    match toml::from_str::<Head>(&light::light(text)) {
        Ok(head) => (head.standard, head.participant.and_then(|who| who.username)),
        Err(_) => (None, None),
    }
}

/// One evidence item as `ksb` writes it: an `[[evidence]]` table, the verdict an inline table.
fn evidence_toml(item: &Evidence) -> String {
    let quote = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut out = format!(
        "\n[[evidence]]\nnumber = {}\ntext = {}\n",
        item.number,
        quote(&item.text)
    );
    if let Some(link) = &item.link {
        out.push_str(&format!("link = {}\n", quote(&link.as_written())));
    }
    let ksbs: Vec<String> = item.ksbs.iter().map(|id| quote(id.as_str())).collect();
    out.push_str(&format!(
        "ksbs = [{}]\nadded = {}\nadded_by = {}\n",
        ksbs.join(", "),
        item.added.format("%Y-%m-%d"),
        quote(&item.added_by)
    ));
    if let Some(verdict) = &item.verdict {
        out.push_str(&format!(
            "verdict = {{ state = {}, by = {}, date = {}",
            quote(verdict.state.as_str()),
            quote(&verdict.by),
            verdict.date.format("%Y-%m-%d")
        ));
        if let Some(comment) = &verdict.comment {
            out.push_str(&format!(", comment = {}", quote(comment)));
        }
        out.push_str(" }\n");
    }
    out
}

/// Said above the retired tables, for whoever edits a sheet by hand.
const RETIRED_COMMENT: &str =
    "# KSBs that the standard no longer has: kept so nothing is lost, left out of summaries.\n";

/// An id as a TOML key: bare when it can be (`K1`), quoted when it holds a dot (`"K1.2"`),
/// which a bare key would turn into a nested table.
fn toml_key(id: &KsbId) -> String {
    let text = id.as_str();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        text.to_string()
    } else {
        format!("\"{text}\"")
    }
}

/// A score as a sheet stores it: an integer 0–3 or the string "n/a".
fn score_value(score: Score) -> String {
    match score.points() {
        Some(points) => points.to_string(),
        None => "\"n/a\"".to_string(),
    }
}

/// `ids` in the standard's order, any the standard does not know at the end.
fn ordered_ids<'a>(standard: &Standard, ids: impl Iterator<Item = &'a KsbId>) -> Vec<&'a KsbId> {
    let index: HashMap<&KsbId, usize> = standard
        .ksbs
        .iter()
        .enumerate()
        .map(|(i, ksb)| (&ksb.id, i))
        .collect();
    let mut ids: Vec<&KsbId> = ids.collect();
    ids.sort_by_key(|id| (index.get(id).copied().unwrap_or(usize::MAX), *id));
    ids
}

/// A username as a sheet keeps it: a MediaWiki username in its one spelling
/// ([`crate::model::username::check`]); the error says which character is refused.
pub fn valid_username(text: &str) -> Result<String, crate::model::username::UsernameError> {
    crate::model::username::check(text)
}

impl Participant {
    /// Whether two sheets are of the same person: usernames equal by MediaWiki's rule
    /// ([`crate::model::username::canonical`]), as cohorts count them.
    pub fn same_username(&self, other: &Participant) -> bool {
        crate::model::username::canonical(&self.username)
            == crate::model::username::canonical(&other.username)
    }

    /// The date as the programme writes it, DD/MM/YYYY.
    pub fn date_dmy(&self) -> String {
        format_dmy(self.date)
    }
}

#[cfg(test)]
mod tests;
