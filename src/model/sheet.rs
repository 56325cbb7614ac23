//! A participant's scored sheet: the TOML file a person can read, diff and edit by hand.

mod edit;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::model::date::{format_dmy, parse_dmy};
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    format: Option<Spanned<toml::Value>>,
    standard: Option<Spanned<String>>,
    standard_version: Option<String>,
    locked: Option<bool>,
    reviews: Option<Spanned<String>>,
    participant: Option<Spanned<RawParticipant>>,
    #[serde(default)]
    scores: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    notes: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    retired_scores: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    retired_notes: BTreeMap<Spanned<String>, Spanned<String>>,
    wiki: Option<Spanned<RawWiki>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWiki {
    page: String,
    revision: u64,
    published: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    username: Option<Spanned<String>>,
    role_focus: Option<Spanned<String>>,
    mentoring_type: Option<Spanned<String>>,
    assessment_type: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    reviewer: Option<Spanned<String>>,
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
            wiki: None,
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
        let raw: RawSheet = toml::from_str(text).map_err(|err| toml_error(text, &err))?;
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
    toml::from_str::<Head>(text).ok()?.standard
}

/// Whether `text` is a ksb sheet, or one damaged by hand: TOML with a `[participant]` or
/// `[scores]` table, or with `format` and `standard` at the top; text that is not TOML at all
/// counts when a line opens one of those tables or sets `format`. Used where telling a sheet
/// from another file matters: no export is written over a sheet, and a TOML file that is no
/// sheet (a `Cargo.toml` in a folder of sheets) is called that rather than a bad sheet.
pub fn looks_like_sheet(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
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
    let is_toml = toml::from_str::<toml::Table>(text).is_ok();
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
    SheetError {
        position: err.span().map(|span| Position::at_offset(text, span.start)),
        message,
        other_standard: None,
    }
}

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
    match toml::from_str::<Head>(text) {
        Ok(head) => (head.standard, head.participant.and_then(|who| who.username)),
        Err(_) => (None, None),
    }
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

/// A username as a sheet keeps it: trimmed, non-empty, on one line and free of control
/// characters; `None` when `text` is no username.
pub fn valid_username(text: &str) -> Option<&str> {
    let name = text.trim();
    (!name.is_empty() && !name.chars().any(char::is_control)).then_some(name)
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl RawSheet {
    /// Whether the text held nothing at all (or only comments and blank lines).
    fn is_empty(&self) -> bool {
        self.format.is_none()
            && self.standard.is_none()
            && self.standard_version.is_none()
            && self.locked.is_none()
            && self.reviews.is_none()
            && self.participant.is_none()
            && self.scores.is_empty()
            && self.notes.is_empty()
            && self.retired_scores.is_empty()
            && self.retired_notes.is_empty()
    }

    fn validate(
        self,
        text: &str,
        standard: &Standard,
    ) -> Result<(Sheet, Vec<LoadWarning>), SheetError> {
        let format = self.format.ok_or_else(|| {
            SheetError::plain(format!(
                "missing `format = {SHEET_FORMAT}` at the top of the sheet"
            ))
        })?;
        if format.get_ref().as_integer() != Some(SHEET_FORMAT) {
            return Err(SheetError::at(
                text,
                format.span(),
                format!(
                    "unknown sheet format {}: this version of ksb reads format {SHEET_FORMAT}",
                    format.get_ref()
                ),
            ));
        }
        let standard_id = self
            .standard
            .ok_or_else(|| SheetError::plain("missing `standard = \"…\"`".to_string()))?;
        if standard_id.get_ref() != &standard.id {
            return Err(SheetError {
                other_standard: Some(standard_id.get_ref().clone()),
                ..SheetError::at(
                    text,
                    standard_id.span(),
                    format!(
                        "the sheet is for standard '{}', but the standard in use is '{}'",
                        standard_id.get_ref(),
                        standard.id
                    ),
                )
            });
        }
        let participant = self
            .participant
            .ok_or_else(|| SheetError::plain("missing [participant] table".to_string()))?;
        let participant_span = participant.span();
        let participant = participant
            .into_inner()
            .validate(text, participant_span, standard)?;

        let sheet_version = self
            .standard_version
            .unwrap_or_else(|| standard.version.clone());
        let mut entries = Entries {
            text,
            standard,
            known: standard.ksbs.iter().map(|ksb| &ksb.id).collect(),
            migrating: !version::same(&sheet_version, &standard.version),
            scores: BTreeMap::new(),
            notes: BTreeMap::new(),
            retired_scores: BTreeMap::new(),
            retired_notes: BTreeMap::new(),
            removed: BTreeSet::new(),
            restored: BTreeSet::new(),
        };
        for (key, value) in &self.scores {
            entries.score(key, value, false)?;
        }
        for (key, value) in &self.notes {
            entries.note(key, value, false)?;
        }
        for (key, value) in &self.retired_scores {
            entries.score(key, value, true)?;
        }
        for (key, value) in &self.retired_notes {
            entries.note(key, value, true)?;
        }
        let warnings = entries.warnings(&sheet_version);
        let reviews = match self.reviews {
            Some(path) if path.get_ref().chars().any(char::is_control) => {
                return Err(SheetError::at(
                    text,
                    path.span(),
                    "reviews must name a file on one line, without control characters".to_string(),
                ))
            }
            path => path.map(Spanned::into_inner),
        };
        let wiki = match self.wiki {
            Some(raw) => Some(
                raw.get_ref()
                    .validate()
                    .map_err(|message| SheetError::at(text, raw.span(), message))?,
            ),
            None => None,
        };
        Ok((
            Sheet {
                standard: standard_id.into_inner(),
                standard_version: standard.version.clone(),
                reviews,
                participant,
                locked: self.locked.unwrap_or(false),
                scores: entries.scores,
                notes: entries.notes,
                retired_scores: entries.retired_scores,
                retired_notes: entries.retired_notes,
                wiki,
            },
            warnings,
        ))
    }
}

impl RawWiki {
    fn validate(&self) -> Result<WikiRecord, String> {
        let page = self.page.trim();
        if page.is_empty() || page.chars().any(char::is_control) {
            return Err("[wiki] page must be a page title on one line".to_string());
        }
        let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
        if self.published.len() != 64 || !self.published.chars().all(hex) {
            return Err(
                "[wiki] published must be a SHA-256 in lowercase hex, as ksb writes it".to_string(),
            );
        }
        Ok(WikiRecord {
            page: page.to_string(),
            revision: self.revision,
            published: self.published.clone(),
        })
    }
}

/// The scores and notes of a sheet being read, sorted into those of the standard in use and
/// those retired, with what the warnings need to say.
struct Entries<'a> {
    text: &'a str,
    standard: &'a Standard,
    known: HashSet<&'a KsbId>,
    /// Whether the sheet was scored against another version of the standard.
    migrating: bool,
    scores: BTreeMap<KsbId, Score>,
    notes: BTreeMap<KsbId, String>,
    retired_scores: BTreeMap<KsbId, Score>,
    retired_notes: BTreeMap<KsbId, String>,
    removed: BTreeSet<KsbId>,
    restored: BTreeSet<KsbId>,
}

/// Which of the four tables an entry goes to.
enum Slot {
    Current,
    Retired,
}

impl Entries<'_> {
    /// Where the entry at `key` belongs: a known id counts, an unknown one is retired when the
    /// sheet comes from another version (or was retired already) and a typo otherwise.
    fn place(&mut self, key: &Spanned<String>, retired: bool) -> Result<(KsbId, Slot), SheetError> {
        let id: KsbId = key
            .get_ref()
            .parse()
            .map_err(|err| SheetError::at(self.text, key.span(), format!("{err}")))?;
        if self.known.contains(&id) {
            if retired {
                self.restored.insert(id.clone());
            }
            Ok((id, Slot::Current))
        } else if retired {
            Ok((id, Slot::Retired))
        } else if self.migrating {
            self.removed.insert(id.clone());
            Ok((id, Slot::Retired))
        } else {
            Err(SheetError::at(
                self.text,
                key.span(),
                format!(
                    "unknown KSB id '{}' in standard '{}'",
                    key.get_ref(),
                    self.standard.id
                ),
            ))
        }
    }

    fn score(
        &mut self,
        key: &Spanned<String>,
        value: &Spanned<toml::Value>,
        retired: bool,
    ) -> Result<(), SheetError> {
        let (id, slot) = self.place(key, retired)?;
        let score = match value.get_ref() {
            toml::Value::Integer(points) => Score::from_points(*points),
            toml::Value::String(s) => s.parse().ok(),
            _ => None,
        }
        .ok_or_else(|| {
            SheetError::at(
                self.text,
                value.span(),
                format!(
                    "invalid score {} for {id}: expected 0–3 or n/a",
                    value.get_ref()
                ),
            )
        })?;
        let table = match slot {
            Slot::Current => &mut self.scores,
            Slot::Retired => &mut self.retired_scores,
        };
        if table.insert(id.clone(), score).is_some() {
            return Err(SheetError::at(
                self.text,
                key.span(),
                format!("{id} is scored twice"),
            ));
        }
        Ok(())
    }

    fn note(
        &mut self,
        key: &Spanned<String>,
        value: &Spanned<String>,
        retired: bool,
    ) -> Result<(), SheetError> {
        let (id, slot) = self.place(key, retired)?;
        if value.get_ref().trim().is_empty() {
            return Ok(());
        }
        let table = match slot {
            Slot::Current => &mut self.notes,
            Slot::Retired => &mut self.retired_notes,
        };
        if table.insert(id.clone(), value.get_ref().clone()).is_some() {
            return Err(SheetError::at(
                self.text,
                key.span(),
                format!("{id} has two notes"),
            ));
        }
        Ok(())
    }

    fn warnings(&self, sheet_version: &str) -> Vec<LoadWarning> {
        let standard = self.standard;
        let mut warnings = Vec::new();
        if !self.removed.is_empty() {
            warnings.push(LoadWarning::Removed {
                standard: standard.id.clone(),
                sheet_version: sheet_version.to_string(),
                standard_version: standard.version.clone(),
                ids: self.removed.iter().cloned().collect(),
            });
        }
        let added: Vec<KsbId> = standard
            .ksbs
            .iter()
            .filter(|ksb| {
                self.migrating
                    && !self.scores.contains_key(&ksb.id)
                    && ksb
                        .since
                        .as_deref()
                        .is_some_and(|since| version::compare(since, sheet_version).is_gt())
            })
            .map(|ksb| ksb.id.clone())
            .collect();
        if !added.is_empty() {
            warnings.push(LoadWarning::Added {
                standard: standard.id.clone(),
                sheet_version: sheet_version.to_string(),
                standard_version: standard.version.clone(),
                ids: added,
            });
        }
        if !self.restored.is_empty() {
            warnings.push(LoadWarning::Restored {
                standard: standard.id.clone(),
                standard_version: standard.version.clone(),
                ids: self.restored.iter().cloned().collect(),
            });
        }
        warnings
    }
}

impl RawParticipant {
    fn validate(
        self,
        text: &str,
        table: std::ops::Range<usize>,
        standard: &Standard,
    ) -> Result<Participant, SheetError> {
        let missing = |field: &str| {
            SheetError::at(text, table.clone(), format!("missing participant.{field}"))
        };
        let username = self.username.ok_or_else(|| missing("username"))?;
        let Some(name) = valid_username(username.get_ref()) else {
            return Err(SheetError::at(
                text,
                username.span(),
                "username must be non-empty text on one line".to_string(),
            ));
        };
        let pick = |field: &str,
                    value: Option<Spanned<String>>,
                    list: &[String]|
         -> Result<String, SheetError> {
            let value = value.ok_or_else(|| missing(field))?;
            find_ignoring_case(list, value.get_ref())
                .map(str::to_string)
                .ok_or_else(|| {
                    SheetError::at(
                        text,
                        value.span(),
                        format!(
                            "{} '{}' is not one of the standard's: {}",
                            field.replace('_', " "),
                            value.get_ref(),
                            list.join(", ")
                        ),
                    )
                })
        };
        let role_focus = pick("role_focus", self.role_focus, &standard.role_focuses)?;
        let mentoring_type = pick(
            "mentoring_type",
            self.mentoring_type,
            &standard.mentoring_types,
        )?;
        let assessment_type = pick(
            "assessment_type",
            self.assessment_type,
            &standard.assessment_types,
        )?;
        let date = self.date.ok_or_else(|| missing("date"))?;
        let parsed = match date.get_ref() {
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            toml::Value::String(s) => parse_dmy(s).ok(),
            _ => None,
        };
        let date = parsed.ok_or_else(|| {
            SheetError::at(
                text,
                date.span(),
                format!(
                    "invalid date {}: expected a date such as 2026-11-25 or \"25/11/2026\"",
                    describe(date.get_ref())
                ),
            )
        })?;
        let reviewer = match self.reviewer {
            Some(reviewer) => match valid_username(reviewer.get_ref()) {
                Some(name) => Some(name.to_string()),
                None => {
                    return Err(SheetError::at(
                        text,
                        reviewer.span(),
                        "reviewer must be a username: non-empty text on one line".to_string(),
                    ))
                }
            },
            None => None,
        };
        Ok(Participant {
            username: name.to_string(),
            role_focus,
            mentoring_type,
            assessment_type,
            date,
            reviewer,
        })
    }
}

impl Participant {
    /// Whether two sheets are of the same person: usernames equal ignoring case, so that
    /// `alice` typed on one sheet and `Alice` on another are one participant.
    pub fn same_username(&self, other: &Participant) -> bool {
        self.username.to_lowercase() == other.username.to_lowercase()
    }

    /// The date as the programme writes it, DD/MM/YYYY.
    pub fn date_dmy(&self) -> String {
        format_dmy(self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standard() -> Standard {
        Standard::builtin()
    }

    const EXAMPLE: &str = r#"format = 1
standard = "miraheze-tech-mentoring"
standard_version = "1.0"

[participant]
username = "ExampleUser"
role_focus = "Infrastructure Specialist"
mentoring_type = "Mentee"
assessment_type = "Self-assessment"
date = 2026-11-25

[scores]
K1 = 2
K2 = "n/a"

[notes]
K1 = "Free text evidence"
"#;

    fn id(text: &str) -> KsbId {
        text.parse().unwrap()
    }

    #[test]
    fn reads_the_documented_format_1_example() {
        let sheet = Sheet::from_toml(EXAMPLE, &standard()).unwrap();
        assert_eq!(sheet.participant.username, "ExampleUser");
        assert_eq!(sheet.participant.date_dmy(), "25/11/2026");
        assert_eq!(sheet.score(&id("K1")), Some(Score::Two));
        assert_eq!(sheet.score(&id("K2")), Some(Score::NotApplicable));
        assert_eq!(sheet.score(&id("K3")), None);
        assert_eq!(sheet.note(&id("K1")), Some("Free text evidence"));
        assert_eq!(sheet.unscored_count(&standard()), 26);
    }

    #[test]
    fn writes_what_it_reads() {
        let standard = standard();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        sheet.set_score(id("B8"), Some(Score::Three));
        sheet.set_score(id("K10"), Some(Score::Zero));
        sheet.set_note(id("S1"), "line one\nline \"two\" \\ end");
        let text = sheet.to_toml(&standard);
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
        let k10 = text.find("K10 = 0").unwrap();
        assert!(text.find("K2 = \"n/a\"").unwrap() < k10 && k10 < text.find("B8 = 3").unwrap());
    }

    #[test]
    fn a_wiki_record_round_trips_and_old_sheets_have_none() {
        let standard = Standard::builtin();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        assert_eq!(sheet.wiki, None);
        let record = WikiRecord {
            page: "User:Me/Tech Mentoring/Self-assessment 2026-11-25".into(),
            revision: 42,
            published: "ab".repeat(32),
        };
        sheet.wiki = Some(record.clone());
        let fresh = sheet.to_toml(&standard);
        assert!(fresh.contains("\n[wiki]\npage = \"User:Me/"), "{fresh}");
        assert_eq!(Sheet::from_toml(&fresh, &standard).unwrap(), sheet);
        let over = sheet.to_toml_over(&standard, EXAMPLE);
        assert!(over.starts_with(EXAMPLE.trim_end()), "{over}");
        assert!(
            over.trim_end()
                .ends_with(&format!("published = \"{}\"", "ab".repeat(32))),
            "{over}"
        );
        sheet.wiki.as_mut().unwrap().revision = 43;
        let again = sheet.to_toml_over(&standard, &over);
        assert_eq!(again, over.replace("revision = 42", "revision = 43"));
        sheet.wiki = None;
        assert_eq!(
            sheet.to_toml_over(&standard, &again).trim_end(),
            EXAMPLE.trim_end()
        );
        let bad = format!("{EXAMPLE}\n[wiki]\npage = \"P\"\nrevision = 1\npublished = \"xyz\"\n");
        let err = Sheet::from_toml(&bad, &standard).unwrap_err();
        assert!(err.to_string().contains("SHA-256"), "{err}");
        let unknown = format!(
            "{EXAMPLE}\n[wiki]\npage = \"P\"\nrevision = 1\npublished = \"{}\"\nuser = \"x\"\n",
            "ab".repeat(32)
        );
        assert!(Sheet::from_toml(&unknown, &standard).is_err());
    }

    #[test]
    fn a_lock_round_trips_and_format_1_without_it_is_unlocked() {
        let standard = standard();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        assert!(!sheet.locked);
        assert!(!sheet.to_toml(&standard).contains("locked"));
        sheet.locked = true;
        let text = sheet.to_toml(&standard);
        assert!(text.contains("standard_version = \"1.0\"\nlocked = true\n\n[participant]"));
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
        let unlocked = EXAMPLE.replace("format = 1\n", "format = 1\nlocked = false\n");
        assert!(!Sheet::from_toml(&unlocked, &standard).unwrap().locked);
    }

    #[test]
    fn an_empty_file_a_duplicate_key_and_a_file_that_is_no_sheet_are_said_plainly() {
        let standard = standard();
        for empty in ["", "\n\n", "# just a comment\n"] {
            let err = Sheet::from_toml(empty, &standard).unwrap_err();
            assert_eq!(
                err.to_string(),
                "the file is empty: a ksb sheet starts with `format = 1`"
            );
        }
        let twice = EXAMPLE.replace("K2 = \"n/a\"\n", "K2 = \"n/a\"\nK1 = 3 # again\n");
        let err = Sheet::from_toml(&twice, &standard).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 15, column 1: duplicate key `K1`: each key is given once"
        );
        let quoted = EXAMPLE.replace("K2 = \"n/a\"\n", "K2 = \"n/a\"\n\"K2\" = 1\n");
        let err = Sheet::from_toml(&quoted, &standard).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("duplicate key `K2`: each key is given once"),
            "{err}"
        );
        let cargo = "[package]\nname = \"x\"\n\n[[bin]]\nname = \"y\"\n";
        let err = Sheet::from_toml(cargo, &standard).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is not a ksb sheet (a sheet has `format = 1`, `standard` and a [participant] table)"
        );
        // A sheet with a typo is still a sheet, and its error is the precise one.
        let typo = EXAMPLE.replace("[scores]", "[score]");
        let err = Sheet::from_toml(&typo, &standard).unwrap_err();
        assert!(err.to_string().contains("unknown field `score`"), "{err}");
    }

    #[test]
    fn tells_a_sheet_even_a_damaged_one_from_other_files() {
        assert!(looks_like_sheet(EXAMPLE));
        assert!(looks_like_sheet(&EXAMPLE.replace("[scores]", "[scores")));
        assert!(looks_like_sheet("[scores]\nK1 = 2\n"));
        assert!(looks_like_sheet("format = 1\nstandard = \"x\"\n"));
        for other in [
            "",
            "== Heading ==\n{| class=\"wikitable\"\n",
            "[package]\nname = \"x\"\n",
            "format = \"json\"\n",
            "id,category,title\n",
        ] {
            assert!(!looks_like_sheet(other), "{other:?}");
        }
    }

    #[test]
    fn a_reviewer_round_trips_and_a_sheet_without_one_has_none() {
        let standard = standard();
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        assert_eq!(sheet.participant.reviewer, None);
        assert!(!sheet.to_toml(&standard).contains("reviewer"));
        sheet.participant.reviewer = Some("Mentor \"One\"".to_string());
        let text = sheet.to_toml(&standard);
        assert!(text.contains("date = 2026-11-25\nreviewer = "), "{text}");
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
        let padded = EXAMPLE.replace(
            "date = 2026-11-25\n",
            "date = 2026-11-25\nreviewer = \" Ann \"\n",
        );
        let read = Sheet::from_toml(&padded, &standard).unwrap();
        assert_eq!(read.participant.reviewer.as_deref(), Some("Ann"));
        for bad in ["\"\"", "\"a\\nb\"", "3"] {
            let text = EXAMPLE.replace(
                "date = 2026-11-25\n",
                &format!("date = 2026-11-25\nreviewer = {bad}\n"),
            );
            let err = Sheet::from_toml(&text, &standard).unwrap_err();
            assert_eq!(err.position.map(|p| p.line), Some(11), "{bad}: {err}");
        }
    }

    #[test]
    fn names_the_standard_of_any_sheet_text() {
        assert_eq!(
            standard_named(EXAMPLE).as_deref(),
            Some("miraheze-tech-mentoring")
        );
        assert_eq!(
            standard_named("standard = \"other\"\n[x]\ny = 1"),
            Some("other".into())
        );
        assert_eq!(standard_named("not toml ["), None);
        assert_eq!(
            standard_and_username("standard = \"other\"\n[participant]\nusername = \"Ann\"\nx = 1"),
            (Some("other".into()), Some("Ann".into()))
        );
        assert_eq!(standard_and_username("[participant\n"), (None, None));
    }

    #[test]
    fn a_mentor_review_names_the_sheet_it_reviews() {
        let standard = standard();
        assert_eq!(Sheet::from_toml(EXAMPLE, &standard).unwrap().reviews, None);
        let mut sheet = Sheet::from_toml(EXAMPLE, &standard).unwrap();
        sheet.reviews = Some("selves/me.toml".to_string());
        let text = sheet.to_toml(&standard);
        assert!(
            text.contains(
                "standard_version = \"1.0\"\nreviews = \"selves/me.toml\"\n\n[participant]"
            ),
            "{text}"
        );
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
        sheet.reviews = Some("me \"self\" \\ 'x'.toml".to_string());
        let text = sheet.to_toml(&standard);
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
        let hostile = EXAMPLE.replace("format = 1\n", "format = 1\nreviews = \"\\u001b[41mX\"\n");
        let err = Sheet::from_toml(&hostile, &standard).unwrap_err();
        assert!(err.message.contains("without control characters"), "{err}");
    }

    fn error_of(replace: &str, with: &str) -> SheetError {
        assert!(EXAMPLE.contains(replace), "{replace}");
        Sheet::from_toml(&EXAMPLE.replacen(replace, with, 1), &standard()).unwrap_err()
    }

    #[test]
    fn names_line_id_and_value_of_an_invalid_score() {
        for bad in ["4", "-1", "2.5", "\"high\""] {
            let err = error_of("K2 = \"n/a\"", &format!("K2 = {bad}"));
            assert_eq!(err.position.map(|p| p.line), Some(14), "{err}");
            assert!(err.message.starts_with("invalid score"), "{err}");
            assert!(err.message.contains("for K2: expected 0–3 or n/a"), "{err}");
        }
    }

    #[test]
    fn refuses_unknown_ids_formats_standards_and_role_focuses() {
        let err = error_of("K2 = \"n/a\"", "K99 = 1");
        assert_eq!(
            err.to_string(),
            "line 14, column 1: unknown KSB id 'K99' in standard 'miraheze-tech-mentoring'"
        );
        let err = error_of("format = 1", "format = 2");
        assert!(
            err.to_string()
                .starts_with("line 1, column 10: unknown sheet format 2"),
            "{err}"
        );
        let err = error_of(
            "standard = \"miraheze-tech-mentoring\"",
            "standard = \"other\"",
        );
        assert!(err.message.contains("for standard 'other'"), "{err}");
        assert_eq!(err.other_standard.as_deref(), Some("other"));
        let err = error_of("\"Infrastructure Specialist\"", "\"Wizard\"");
        assert!(
            err.message
                .contains("role focus 'Wizard' is not one of the standard's"),
            "{err}"
        );
        let err = error_of("date = 2026-11-25", "date = \"31/02/2026\"");
        assert!(err.message.starts_with("invalid date 31/02/2026"), "{err}");
        let err = error_of("[scores]", "[score]");
        assert!(err.message.contains("unknown field"), "{err}");
        let err = Sheet::from_toml("not toml at all", &standard()).unwrap_err();
        assert!(
            err.position.is_some() && !err.message.contains('\n'),
            "{err}"
        );
    }

    const SHEET_V1_0: &str = include_str!("../../tests/fixtures/sheet-v1.0.toml");

    fn standard_v1_1() -> Standard {
        Standard::from_yaml(include_str!("../../tests/fixtures/standard-v1.1.yaml")).unwrap()
    }

    #[test]
    fn a_newer_standard_retires_removed_ksbs_and_names_added_ones() {
        let v1_1 = standard_v1_1();
        let (sheet, warnings) = Sheet::from_toml_with_warnings(SHEET_V1_0, &v1_1).unwrap();
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "it was scored against version 1.0 of standard 'miraheze-tech-mentoring', and \
                 version 1.1 no longer has K11: their scores and notes are kept in the file but \
                 left out of summaries",
                "version 1.1 of standard 'miraheze-tech-mentoring' added K12 since version 1.0 \
                 the sheet was scored against: unscored so far"
            ]
        );
        assert_eq!(sheet.score(&id("K11")), None);
        assert_eq!(sheet.score(&id("K1")), Some(Score::Two));
        assert_eq!(sheet.retired_scores().get(&id("K11")), Some(&Score::Three));
        assert_eq!(
            sheet.retired_notes().get(&id("K11")).map(String::as_str),
            Some("Reported the supplier outage")
        );
        assert_eq!(sheet.standard_version, "1.1");

        let saved = sheet.to_toml(&v1_1);
        assert!(saved.contains("standard_version = \"1.1\""), "{saved}");
        assert!(saved.contains("[retired_scores]\nK11 = 3\n"), "{saved}");
        let (again, warnings) = Sheet::from_toml_with_warnings(&saved, &v1_1).unwrap();
        assert_eq!((again, warnings), (sheet, vec![]));
    }

    #[test]
    fn a_retired_ksb_that_comes_back_counts_again() {
        let v1_1 = standard_v1_1();
        let saved = Sheet::from_toml(SHEET_V1_0, &v1_1).unwrap().to_toml(&v1_1);
        let (sheet, warnings) = Sheet::from_toml_with_warnings(&saved, &standard()).unwrap();
        assert_eq!(sheet.score(&id("K11")), Some(Score::Three));
        assert_eq!(sheet.note(&id("K11")), Some("Reported the supplier outage"));
        assert!(sheet.retired_scores().is_empty() && sheet.retired_notes().is_empty());
        assert_eq!(
            warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "version 1.0 of standard 'miraheze-tech-mentoring' has K11 again: their kept \
              scores and notes count again"
            ]
        );
    }

    #[test]
    fn quotes_ids_with_a_dot_so_they_stay_keys() {
        // Found by the property tests: `K1.2 = 3` is a dotted key, a table in TOML.
        let yaml = crate::model::standard::BUILTIN_YAML.replacen("id: K1\n", "id: K1.2\n", 1);
        let standard = Standard::from_yaml(&yaml).unwrap();
        let mut sheet =
            Sheet::from_toml(&EXAMPLE.replace("K1 =", "\"K1.2\" ="), &standard).unwrap();
        sheet.set_score(id("K1.2"), Some(Score::Three));
        let text = sheet.to_toml(&standard);
        assert!(text.contains("\"K1.2\" = 3\n"), "{text}");
        assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    }

    #[test]
    fn refuses_a_ksb_both_scored_and_retired() {
        let text = format!("{EXAMPLE}\n[retired_scores]\nK1 = 3\n");
        let err = Sheet::from_toml(&text, &standard()).unwrap_err();
        assert_eq!(err.message, "K1 is scored twice");
    }

    #[test]
    fn accepts_lower_case_ids_and_dmy_dates_written_by_hand() {
        let text = EXAMPLE
            .replace("K1 = 2", "k1 = 2")
            .replace("2026-11-25", "\"25/11/2026\"");
        let sheet = Sheet::from_toml(&text, &standard()).unwrap();
        assert_eq!(sheet.score(&id("K1")), Some(Score::Two));
        assert_eq!(
            sheet.participant.date,
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
    }
}
