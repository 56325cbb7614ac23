//! A mentor's verdict on an evidence item, and the rule of who may give one: evidence is checked
//! by someone else than the person it speaks for, or the check means nothing.

use super::{EvidenceError, Sheet};
use crate::model::evidence::{Evidence, EvidenceNumber, Verdict};
use crate::model::username::canonical;

impl Sheet {
    /// Whether `reviewer` may give a verdict on item `number`: not when they are the sheet's
    /// participant (a participant cannot check their own evidence) nor the one who added the
    /// item (a mentor who added evidence in a review does not check it either). Usernames are
    /// compared by MediaWiki's rule (`alice_smith` is `Alice smith`).
    pub fn may_judge(&self, number: EvidenceNumber, reviewer: &str) -> Result<(), EvidenceError> {
        let item = self
            .evidence_item(number)
            .ok_or_else(|| self.no_such_item(number))?;
        let reviewer_form = canonical(reviewer);
        if reviewer_form == canonical(&self.participant.username)
            || reviewer_form == canonical(&item.added_by)
        {
            return Err(EvidenceError::OwnEvidence {
                number,
                by: reviewer.to_string(),
            });
        }
        Ok(())
    }

    /// Records `verdict` on item `number` when its reviewer may give one ([`Sheet::may_judge`]):
    /// only the verdict changes, never what the item's author wrote.
    pub fn judge_evidence(
        &mut self,
        number: EvidenceNumber,
        verdict: Verdict,
    ) -> Result<(), EvidenceError> {
        self.may_judge(number, &verdict.by)?;
        self.set_verdict(number, Some(verdict))
    }

    /// [`Sheet::judge_evidence`] of an item as the reviewer was shown it (`shown`): refused
    /// when the item changed since (its description, link, KSBs, or who added it when), so a
    /// verdict never lands on evidence its mentor did not see.
    pub fn judge_shown_evidence(
        &mut self,
        shown: &Evidence,
        verdict: Verdict,
    ) -> Result<(), EvidenceError> {
        let number = shown.number;
        let item = self
            .evidence_item(number)
            .ok_or_else(|| self.no_such_item(number))?;
        let same = Evidence {
            verdict: None,
            ..item.clone()
        } == Evidence {
            verdict: None,
            ..shown.clone()
        };
        if !same {
            return Err(EvidenceError::ChangedSinceShown {
                number,
                now: item.text.clone(),
            });
        }
        self.judge_evidence(number, verdict)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::evidence::{Evidence, EvidenceLink, VerdictState};
    use crate::model::sheet::Participant;
    use crate::model::standard::Standard;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    /// A sheet of `Alice smith` with item 1 added by her and item 2 added by `Mentor B`.
    fn sheet(standard: &Standard) -> Sheet {
        let participant = Participant {
            username: "Alice smith".into(),
            role_focus: "Generalist".into(),
            mentoring_type: "Mentee".into(),
            assessment_type: "Self-assessment".into(),
            date: day(),
            reviewer: None,
        };
        let mut sheet = Sheet::new(standard, participant);
        for by in ["Alice smith", "Mentor B"] {
            let item = Evidence {
                number: 0,
                text: format!("Added by {by}"),
                link: Some(EvidenceLink::parse("T12345").unwrap()),
                ksbs: vec!["K3".parse().unwrap(), "S2".parse().unwrap()],
                added: day(),
                added_by: by.into(),
                verdict: None,
            };
            sheet.add_evidence(standard, item).unwrap();
        }
        sheet
    }

    fn verdict(by: &str, state: VerdictState) -> Verdict {
        Verdict {
            state,
            by: by.into(),
            date: day(),
            comment: Some("Looked at the task".into()),
        }
    }

    #[test]
    fn a_participant_cannot_check_their_own_evidence() {
        let standard = Standard::builtin();
        let mut sheet = sheet(&standard);
        for by in ["Alice smith", "alice_smith", "Alice_smith"] {
            let err = sheet
                .judge_evidence(1, verdict(by, VerdictState::Checked))
                .unwrap_err();
            assert_eq!(
                err,
                EvidenceError::OwnEvidence {
                    number: 1,
                    by: by.into()
                }
            );
            assert!(err.to_string().contains("a mentor checks it"), "{err}");
        }
        let err = sheet
            .judge_evidence(2, verdict("Alice smith", VerdictState::Questioned))
            .unwrap_err();
        assert!(
            matches!(err, EvidenceError::OwnEvidence { .. }),
            "not even another's item on her own sheet: {err}"
        );
        let err = sheet
            .judge_evidence(2, verdict("Mentor_B", VerdictState::Checked))
            .unwrap_err();
        assert!(
            matches!(err, EvidenceError::OwnEvidence { .. }),
            "nor the item's own author: {err}"
        );
        assert!(sheet.evidence().iter().all(|item| item.verdict.is_none()));
    }

    #[test]
    fn a_verdict_changes_only_the_verdict() {
        let standard = Standard::builtin();
        let mut sheet = sheet(&standard);
        let before = sheet.clone();
        sheet
            .judge_evidence(1, verdict("Mentor B", VerdictState::Questioned))
            .unwrap();
        let judged = sheet.evidence_item(1).unwrap();
        let was = before.evidence_item(1).unwrap();
        assert_eq!(
            judged.verdict,
            Some(verdict("Mentor B", VerdictState::Questioned))
        );
        assert_eq!(
            Evidence {
                verdict: None,
                ..judged.clone()
            },
            *was,
            "text, link, KSBs, date and author as they were"
        );
        assert_eq!(sheet.evidence_item(2), before.evidence_item(2));
        sheet
            .judge_evidence(1, verdict("Mentor C", VerdictState::Checked))
            .unwrap();
        assert_eq!(
            sheet.evidence_item(1).unwrap().verdict.as_ref().unwrap().by,
            "Mentor C",
            "a later verdict replaces the earlier"
        );
    }

    #[test]
    fn a_verdict_on_an_item_changed_since_it_was_shown_is_refused() {
        let standard = Standard::builtin();
        let mut sheet = sheet(&standard);
        let shown = sheet.evidence_item(1).unwrap().clone();
        // Its author rewords it meanwhile.
        let mut items = sheet.evidence().to_vec();
        items[0].text = "Something else".into();
        sheet.set_evidence(items).unwrap();
        let err = sheet
            .judge_shown_evidence(&shown, verdict("Mentor C", VerdictState::Checked))
            .unwrap_err();
        assert_eq!(
            err,
            EvidenceError::ChangedSinceShown {
                number: 1,
                now: "Something else".into()
            }
        );
        assert_eq!(sheet.evidence_item(1).unwrap().verdict, None);
        // As shown, with another verdict already given meanwhile: recorded.
        let shown = sheet.evidence_item(1).unwrap().clone();
        sheet
            .set_verdict(1, Some(verdict("Mentor B", VerdictState::Questioned)))
            .unwrap();
        sheet
            .judge_shown_evidence(&shown, verdict("Mentor C", VerdictState::Checked))
            .unwrap();
        assert_eq!(
            sheet.evidence_item(1).unwrap().verdict.as_ref().unwrap().by,
            "Mentor C"
        );
    }

    #[test]
    fn a_verdict_on_an_item_that_is_not_there_names_those_that_are() {
        let standard = Standard::builtin();
        let mut sheet = sheet(&standard);
        let err = sheet
            .judge_evidence(7, verdict("Mentor B", VerdictState::Checked))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the sheet has no evidence item 7 (it has 1, 2)"
        );
    }
}
