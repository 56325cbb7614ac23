//! Evidence asked for in a walk: new items at a KSB just scored (with `--notes`), and a
//! mentor's verdict on each of the mentee's items. Every answer is saved at once, as scores are.

use std::collections::BTreeSet;

use anyhow::Result;
use chrono::Local;
use ksb::model::evidence::{check_text, Evidence, EvidenceNumber, Verdict, VerdictState};
use ksb::{Ksb, Sheet, Standard};

use super::evidence::{
    check_comment, check_evidence, evidence_meant, evidence_prompt, help, parse_evidence,
    parse_verdict, verdict_meant, verdict_prompt, EvidenceAnswer, VerdictAnswer, COMMENT_PROMPT,
    EVIDENCE_KEYS, LINK_PROMPT, VERDICT_KEYS,
};
use super::{AfterNote, Prompter};
use crate::app::commands::evidence_add::parse_link;
use crate::app::sheet_file::SheetFile;

/// Asks for evidence at `ksb` until Enter alone: each item a line, then its link (asked again,
/// with the reason, while it is not one), added by `by` and saved at once.
pub fn ask_new(
    prompter: &Prompter,
    standard: &Standard,
    sheet: &mut Sheet,
    file: &mut SheetFile,
    ksb: &Ksb,
    by: &str,
) -> Result<AfterNote> {
    let mut first = true;
    loop {
        let typed =
            prompter.text_meaning(evidence_prompt(first), None, evidence_meant, check_evidence)?;
        match parse_evidence(&typed) {
            EvidenceAnswer::Done => return Ok(AfterNote::Next),
            EvidenceAnswer::Back => return Ok(AfterNote::Again),
            EvidenceAnswer::Quit => return Ok(AfterNote::Quit),
            EvidenceAnswer::Help => {
                prompter.say(&help(
                    "Keys at the evidence",
                    EVIDENCE_KEYS,
                    prompter.width(),
                ))?;
            }
            EvidenceAnswer::Item => {
                let text = check_text(&typed)?;
                let link = prompter.text(LINK_PROMPT, None, |text| {
                    if text.trim().is_empty() {
                        return Ok(());
                    }
                    parse_link(text).map(drop).map_err(|err| err.to_string())
                })?;
                let link = match link.trim() {
                    "" => None,
                    link => Some(parse_link(link)?),
                };
                let item = Evidence {
                    number: 0,
                    text,
                    link,
                    ksbs: vec![ksb.id.clone()],
                    added: Local::now().date_naive(),
                    added_by: by.to_string(),
                    verdict: None,
                };
                let number = sheet.add_evidence(standard, item)?;
                prompter.save(file, standard, sheet)?;
                prompter.tell(&format!("Added evidence {number} ({}).\n", ksb.id))?;
                first = false;
            }
        }
    }
}

/// Asks `reviewer`'s verdict on each item of `numbers` (those on screen), adding each one
/// answered to `asked`; `record` saves a verdict at once.
pub fn ask_verdicts(
    prompter: &Prompter,
    numbers: &[EvidenceNumber],
    reviewer: &str,
    asked: &mut BTreeSet<EvidenceNumber>,
    record: &mut dyn FnMut(EvidenceNumber, Verdict) -> Result<()>,
) -> Result<AfterNote> {
    for &number in numbers {
        let state = loop {
            let typed =
                prompter.text_meaning(&verdict_prompt(number), None, verdict_meant, |text| {
                    parse_verdict(text).map(drop)
                })?;
            match parse_verdict(&typed) {
                Ok(VerdictAnswer::Leave) => break None,
                Ok(VerdictAnswer::Checked) => break Some(VerdictState::Checked),
                Ok(VerdictAnswer::Questioned) => break Some(VerdictState::Questioned),
                Ok(VerdictAnswer::Back) => return Ok(AfterNote::Again),
                Ok(VerdictAnswer::Quit) => return Ok(AfterNote::Quit),
                Ok(VerdictAnswer::Help) | Err(_) => {
                    prompter.say(&help("Keys at a verdict", VERDICT_KEYS, prompter.width()))?;
                }
            }
        };
        if let Some(state) = state {
            let comment = prompter.text(COMMENT_PROMPT, None, check_comment)?;
            let verdict = Verdict {
                state,
                by: reviewer.to_string(),
                date: Local::now().date_naive(),
                comment: check_text(&comment).ok(),
            };
            record(number, verdict)?;
        }
        asked.insert(number);
    }
    Ok(AfterNote::Next)
}
