//! Reading a sheet's TOML: the raw shape serde fills in, and the checks that turn it into a
//! [`Sheet`] with errors that name the line and the KSB.

use super::*;
use crate::model::evidence::{check_text, EvidenceLink, VerdictState};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSheet {
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
    #[serde(default)]
    evidence: Vec<Spanned<RawEvidence>>,
    wiki: Option<Spanned<RawWiki>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvidence {
    number: Option<Spanned<toml::Value>>,
    text: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
    ksbs: Option<Spanned<Vec<Spanned<String>>>>,
    added: Option<Spanned<toml::Value>>,
    added_by: Option<Spanned<String>>,
    verdict: Option<Spanned<RawVerdict>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVerdict {
    state: Spanned<String>,
    by: Spanned<String>,
    date: Spanned<toml::Value>,
    comment: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWiki {
    page: String,
    revision: u64,
    published: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParticipant {
    username: Option<Spanned<String>>,
    role_focus: Option<Spanned<String>>,
    mentoring_type: Option<Spanned<String>>,
    assessment_type: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    reviewer: Option<Spanned<String>>,
}

pub(super) fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl RawSheet {
    /// Whether the text held nothing at all (or only comments and blank lines).
    pub(super) fn is_empty(&self) -> bool {
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
            && self.evidence.is_empty()
    }

    pub(super) fn validate(
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
        let mut evidence = Vec::with_capacity(self.evidence.len());
        for item in self.evidence {
            let span = item.span();
            let item = item
                .into_inner()
                .validate(text, span.clone(), &mut entries)?;
            if evidence
                .iter()
                .any(|old: &Evidence| old.number == item.number)
            {
                return Err(SheetError::at(
                    text,
                    span,
                    format!("two evidence items are numbered {}", item.number),
                ));
            }
            evidence.push(item);
        }
        evidence.sort_by_key(|item| item.number);
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
                evidence,
                wiki,
            },
            warnings,
        ))
    }
}

impl RawWiki {
    pub(super) fn validate(&self) -> Result<WikiRecord, String> {
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
pub(super) struct Entries<'a> {
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
pub(super) enum Slot {
    Current,
    Retired,
}

impl Entries<'_> {
    /// Where the entry at `key` belongs: a known id counts, an unknown one is retired when the
    /// sheet comes from another version (or was retired already) and a typo otherwise.
    pub(super) fn place(
        &mut self,
        key: &Spanned<String>,
        retired: bool,
    ) -> Result<(KsbId, Slot), SheetError> {
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

    pub(super) fn score(
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
                    "invalid score {} for {id}: {}",
                    value.get_ref(),
                    super::SCORE_HINT
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

    pub(super) fn note(
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

    pub(super) fn warnings(&self, sheet_version: &str) -> Vec<LoadWarning> {
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

impl RawEvidence {
    fn validate(
        self,
        text: &str,
        table: std::ops::Range<usize>,
        entries: &mut Entries<'_>,
    ) -> Result<Evidence, SheetError> {
        let missing = |field: &str| {
            SheetError::at(
                text,
                table.clone(),
                format!("missing evidence.{field} in an [[evidence]] item"),
            )
        };
        let number = self.number.ok_or_else(|| missing("number"))?;
        let number = number
            .get_ref()
            .as_integer()
            .and_then(|n| EvidenceNumber::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                SheetError::at(
                    text,
                    number.span(),
                    format!(
                        "invalid evidence number {}: expected a whole number from 1",
                        number.get_ref()
                    ),
                )
            })?;
        let at = |span: std::ops::Range<usize>, message: String| {
            SheetError::at(text, span, format!("evidence {number}: {message}"))
        };
        let description = self.text.ok_or_else(|| missing("text"))?;
        let description = check_text(description.get_ref())
            .map_err(|err| at(description.span(), err.to_string()))?;
        let link = match self.link {
            Some(link) if link.get_ref().trim().is_empty() => None,
            Some(link) => Some(EvidenceLink::parse(link.get_ref()).map_err(|err| {
                at(
                    link.span(),
                    format!("the link '{}' {err}", one_line(link.get_ref())),
                )
            })?),
            None => None,
        };
        let ksbs = self.ksbs.ok_or_else(|| missing("ksbs"))?;
        if ksbs.get_ref().is_empty() {
            return Err(at(
                ksbs.span(),
                "ksbs is empty: evidence supports at least one KSB".to_string(),
            ));
        }
        let mut ids: Vec<KsbId> = Vec::with_capacity(ksbs.get_ref().len());
        for key in ksbs.get_ref() {
            let (id, _) = entries.place(key, false)?;
            if ids.contains(&id) {
                return Err(at(key.span(), format!("names {id} twice")));
            }
            ids.push(id);
        }
        let added = self.added.ok_or_else(|| missing("added"))?;
        let added_day =
            read_day(added.get_ref()).ok_or_else(|| at(added.span(), bad_date(added.get_ref())))?;
        let added_by = self.added_by.ok_or_else(|| missing("added_by"))?;
        let added_by_name = valid_username(added_by.get_ref()).map_err(|err| {
            at(
                added_by.span(),
                format!("added_by '{}' {err}", one_line(added_by.get_ref())),
            )
        })?;
        let verdict = match self.verdict {
            Some(verdict) => Some(verdict.into_inner().validate(&at)?),
            None => None,
        };
        Ok(Evidence {
            number,
            text: description,
            link,
            ksbs: ids,
            added: added_day,
            added_by: added_by_name,
            verdict,
        })
    }
}

impl RawVerdict {
    fn validate(
        self,
        at: &impl Fn(std::ops::Range<usize>, String) -> SheetError,
    ) -> Result<Verdict, SheetError> {
        let state = VerdictState::parse(self.state.get_ref()).ok_or_else(|| {
            at(
                self.state.span(),
                format!(
                    "verdict state '{}' is not \"checked\" or \"questioned\"",
                    one_line(self.state.get_ref())
                ),
            )
        })?;
        let by = valid_username(self.by.get_ref()).map_err(|err| {
            at(
                self.by.span(),
                format!("verdict by '{}' {err}", one_line(self.by.get_ref())),
            )
        })?;
        let date = read_day(self.date.get_ref())
            .ok_or_else(|| at(self.date.span(), bad_date(self.date.get_ref())))?;
        let comment = match self.comment {
            Some(comment) if comment.get_ref().trim().is_empty() => None,
            Some(comment) => Some(check_text(comment.get_ref()).map_err(|_| {
                at(
                    comment.span(),
                    "the verdict's comment must be one line, without control characters"
                        .to_string(),
                )
            })?),
            None => None,
        };
        Ok(Verdict {
            state,
            by,
            date,
            comment,
        })
    }
}

/// A day as a sheet writes it: a TOML date (2026-11-25) or a string "25/11/2026".
fn read_day(value: &toml::Value) -> Option<NaiveDate> {
    match value {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
        toml::Value::String(s) => parse_dmy(s).ok(),
        _ => None,
    }
}

fn bad_date(value: &toml::Value) -> String {
    format!(
        "invalid date {}: expected a date such as 2026-11-25 or \"25/11/2026\"",
        describe(value)
    )
}

impl RawParticipant {
    pub(super) fn validate(
        self,
        text: &str,
        table: std::ops::Range<usize>,
        standard: &Standard,
    ) -> Result<Participant, SheetError> {
        let missing = |field: &str| {
            SheetError::at(text, table.clone(), format!("missing participant.{field}"))
        };
        let username = self.username.ok_or_else(|| missing("username"))?;
        let name = valid_username(username.get_ref()).map_err(|err| {
            SheetError::at(
                text,
                username.span(),
                format!("username '{}' {err}", one_line(username.get_ref())),
            )
        })?;
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
        let date = read_day(date.get_ref())
            .ok_or_else(|| SheetError::at(text, date.span(), bad_date(date.get_ref())))?;
        let reviewer = match self.reviewer {
            Some(reviewer) => match valid_username(reviewer.get_ref()) {
                Ok(name) => Some(name),
                Err(err) => {
                    return Err(SheetError::at(
                        text,
                        reviewer.span(),
                        format!("reviewer '{}' {err}", one_line(reviewer.get_ref())),
                    ))
                }
            },
            None => None,
        };
        Ok(Participant {
            username: name,
            role_focus,
            mentoring_type,
            assessment_type,
            date,
            reviewer,
        })
    }
}
