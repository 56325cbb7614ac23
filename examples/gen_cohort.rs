//! Generates a cohort of scored sheets for the benchmark (bench/cohort.sh): the same scores as
//! TOML sheets in nested folders and as one CSV, from a fixed seed, so every run measures the
//! same data.
//!
//! Usage: `cargo run --release --example gen_cohort -- DIR SHEETS SEED [ITEMS]`
//! writes DIR/sheets/gNN/pNNNNN.toml and DIR/scores.csv (one row per participant and KSB:
//! `username,preferred_role_focus,ksb,category,role_focus,areas,score`, areas joined by `;`,
//! score `0`–`3`, `n/a` or empty when unscored). With ITEMS, each sheet also gets that many
//! evidence items (bench/evidence-cohort.sh), drawn from their own generator, so the scores
//! are the same as without them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ksb::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
use ksb::{store, Participant, Score, Sheet, Standard};

/// Sheets per sub-folder, so the sheets are spread over nested folders as a real archive is.
const SHEETS_PER_FOLDER: usize = 100;

/// SplitMix64: a tiny, well-known generator; the same seed gives the same cohort everywhere.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A score for one KSB: 10% unscored, 10% N/A, otherwise 0–3, higher on the participant's own
/// role focus.
fn draw_score(rng: &mut SplitMix64, own_focus: bool) -> Option<Score> {
    match rng.below(10) {
        0 => None,
        1 => Some(Score::NotApplicable),
        _ => {
            let points = rng.below(4) + u64::from(own_focus && rng.below(2) == 0);
            Score::from_points(points.min(3) as i64)
        }
    }
}

/// `count` evidence items on 1–3 KSBs each, a Phorge task link on most, a mentor's verdict on
/// some.
fn add_evidence(
    standard: &Standard,
    rng: &mut SplitMix64,
    sheet: &mut Sheet,
    count: usize,
) -> Result<(), String> {
    let date = sheet.participant.date;
    for n in 0..count {
        let mut ksbs = Vec::new();
        for _ in 0..=rng.below(3) {
            let id = &standard.ksbs[rng.below(standard.ksbs.len() as u64) as usize].id;
            if !ksbs.contains(id) {
                ksbs.push(id.clone());
            }
        }
        let verdict = match rng.below(3) {
            0 => None,
            pick => Some(Verdict {
                state: if pick == 1 {
                    VerdictState::Checked
                } else {
                    VerdictState::Questioned
                },
                by: "Mentor".into(),
                date,
                comment: None,
            }),
        };
        let item = Evidence {
            number: 0,
            text: format!("Evidence {n} of {}", sheet.participant.username),
            link: (rng.below(4) != 0).then(|| EvidenceLink::Task(10_000 + rng.below(90_000))),
            ksbs,
            added: date,
            added_by: sheet.participant.username.clone(),
            verdict,
        };
        sheet
            .add_evidence(standard, item)
            .map_err(|err| err.to_string())?;
    }
    Ok(())
}

fn generate(dir: &Path, sheets: usize, seed: u64, items: usize) -> Result<(), String> {
    let standard = Standard::builtin();
    let mut rng = SplitMix64(seed);
    let mut evidence_rng = SplitMix64(seed ^ 0x5EED_E71D_E11C_E000);
    let mut csv =
        String::from("username,preferred_role_focus,ksb,category,role_focus,areas,score\n");
    for n in 0..sheets {
        let focus = &standard.role_focuses[rng.below(standard.role_focuses.len() as u64) as usize];
        let participant = Participant {
            username: format!("Participant{n:05}"),
            role_focus: focus.clone(),
            mentoring_type: "Mentee".into(),
            assessment_type: "Self-assessment".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?,
            reviewer: None,
        };
        let mut sheet = Sheet::new(&standard, participant);
        for ksb in &standard.ksbs {
            let score = draw_score(&mut rng, &ksb.role_focus == focus);
            sheet.set_score(ksb.id.clone(), score);
            let shown = match score {
                None => String::new(),
                Some(score) => score.points().map_or("n/a".into(), |p| p.to_string()),
            };
            writeln!(
                csv,
                "Participant{n:05},{focus},{},{},{},{},{shown}",
                ksb.id,
                ksb.category.heading(),
                ksb.role_focus,
                ksb.areas.join(";")
            )
            .map_err(|err| err.to_string())?;
        }
        add_evidence(&standard, &mut evidence_rng, &mut sheet, items)?;
        let folder = dir
            .join("sheets")
            .join(format!("g{:02}", n / SHEETS_PER_FOLDER));
        std::fs::create_dir_all(&folder)
            .map_err(|err| format!("creating '{}': {err}", folder.display()))?;
        let path: PathBuf = folder.join(format!("p{n:05}.toml"));
        store::write_private(&path, sheet.to_toml(&standard).as_bytes())
            .map_err(|err| format!("writing '{}': {err}", path.display()))?;
    }
    let path = dir.join("scores.csv");
    std::fs::write(&path, csv).map_err(|err| format!("writing '{}': {err}", path.display()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (fixed, items) = match args.as_slice() {
        [fixed @ .., items] if args.len() == 4 => (fixed, items.parse().ok()),
        fixed => (fixed, Some(0)),
    };
    let parsed = match fixed {
        [dir, sheets, seed] => sheets
            .parse()
            .ok()
            .zip(seed.parse().ok())
            .zip(items)
            .map(|((sheets, seed), items)| (PathBuf::from(dir), sheets, seed, items)),
        _ => None,
    };
    let Some((dir, sheets, seed, items)) = parsed else {
        eprintln!("usage: gen_cohort DIR SHEETS SEED [ITEMS]");
        return ExitCode::from(2);
    };
    match generate(&dir, sheets, seed, items) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_cohort: error: {message}");
            ExitCode::FAILURE
        }
    }
}
