//! Generates a programme's cohort for the benchmark (bench/programme.sh): each participant
//! with a self-assessment, a mentor review (by one of 20 mentors, some lenient, some strict)
//! and a final check, as TOML
//! sheets in nested folders and the same scores as one CSV, from a fixed seed.
//!
//! Usage: `cargo run --release --example gen_programme -- DIR SHEETS SEED`
//! writes DIR/sheets/gNNN/pNNNNN-K.toml (sheet n is participant n / 3's self-assessment,
//! mentor review or final check, by n % 3) and DIR/scores.csv (one row per sheet and KSB:
//! `username,assessment_type,date,reviewer,preferred_role_focus,ksb,category,role_focus,score`,
//! the date as YYYY-MM-DD, the score `0`–`3`, `n/a` or empty when unscored).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Duration, NaiveDate};
use ksb::{store, Participant, Score, Sheet, Standard};

/// Participants per sub-folder (three sheets each).
const PEOPLE_PER_FOLDER: usize = 100;
/// How many mentors review the cohort.
const MENTORS: u64 = 20;

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

/// A score: 5% unscored, 10% N/A, otherwise 0–3. A reviewer's score is the participant's own
/// moved by up to two points (mostly none or one), leaning by `lean` (a lenient or strict
/// mentor) one time in four.
fn draw_score(rng: &mut SplitMix64, own: Option<Score>, lean: i64) -> Option<Score> {
    match (rng.below(20), own.and_then(Score::points)) {
        (0, _) => None,
        (1 | 2, _) => Some(Score::NotApplicable),
        (_, Some(points)) => {
            let moved = match rng.below(20) {
                0 => -2,
                1..=4 => -1,
                5..=14 => 0,
                15..=18 => 1,
                _ => 2,
            } + if rng.below(4) == 0 { lean } else { 0 };
            Score::from_points((i64::from(points) + moved).clamp(0, 3))
        }
        _ => Score::from_points(rng.below(4) as i64),
    }
}

fn generate(dir: &Path, sheets: usize, seed: u64) -> Result<(), String> {
    let standard = Standard::builtin();
    let kinds = &standard.assessment_types;
    let mut rng = SplitMix64(seed);
    let csv_path = dir.join("scores.csv");
    let file = std::fs::File::create(&csv_path)
        .map_err(|err| format!("creating '{}': {err}", csv_path.display()))?;
    let mut csv = std::io::BufWriter::new(file);
    let mut line = String::from(
        "username,assessment_type,date,reviewer,preferred_role_focus,ksb,category,role_focus,score\n",
    );
    let start = NaiveDate::from_ymd_opt(2026, 9, 1).ok_or("date")?;
    let mut own_scores: Vec<Option<Score>> = Vec::new();
    let mut date = start;
    let mut focus = String::new();
    for n in 0..sheets {
        let (person, kind) = (n / 3, n % 3);
        if kind == 0 {
            focus = standard.role_focuses[rng.below(standard.role_focuses.len() as u64) as usize]
                .clone();
            date = start + Duration::days(rng.below(60) as i64);
        } else {
            date += Duration::days(rng.below(30) as i64);
        }
        let mentor = rng.below(MENTORS);
        let lean = [0, 1, 0, -1][(mentor % 4) as usize];
        let reviewer = (kind > 0).then(|| format!("Mentor{mentor:02}"));
        let participant = Participant {
            username: format!("Participant{person:05}"),
            role_focus: focus.clone(),
            mentoring_type: "Mentee".into(),
            assessment_type: kinds[kind.min(kinds.len() - 1)].clone(),
            date,
            reviewer: reviewer.clone(),
        };
        let mut sheet = Sheet::new(&standard, participant);
        for (k, ksb) in standard.ksbs.iter().enumerate() {
            let own = if kind == 0 {
                None
            } else {
                own_scores.get(k).copied().flatten()
            };
            let score = draw_score(&mut rng, own, lean);
            if kind == 0 {
                own_scores.resize(standard.ksbs.len(), None);
                own_scores[k] = score;
            }
            sheet.set_score(ksb.id.clone(), score);
            let shown = match score {
                None => String::new(),
                Some(score) => score.points().map_or("n/a".into(), |p| p.to_string()),
            };
            writeln!(
                line,
                "Participant{person:05},{},{},{},{focus},{},{},{},{shown}",
                sheet.participant.assessment_type,
                date.format("%Y-%m-%d"),
                reviewer.as_deref().unwrap_or_default(),
                ksb.id,
                ksb.category.heading(),
                ksb.role_focus,
            )
            .map_err(|err| err.to_string())?;
        }
        csv.write_all(line.as_bytes())
            .map_err(|err| format!("writing '{}': {err}", csv_path.display()))?;
        line.clear();
        let folder = dir
            .join("sheets")
            .join(format!("g{:03}", person / PEOPLE_PER_FOLDER));
        std::fs::create_dir_all(&folder)
            .map_err(|err| format!("creating '{}': {err}", folder.display()))?;
        let path: PathBuf = folder.join(format!("p{person:05}-{kind}.toml"));
        store::write_private(&path, sheet.to_toml(&standard).as_bytes())
            .map_err(|err| format!("writing '{}': {err}", path.display()))?;
    }
    csv.flush()
        .map_err(|err| format!("writing '{}': {err}", csv_path.display()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [dir, sheets, seed] => sheets
            .parse()
            .ok()
            .zip(seed.parse().ok())
            .map(|(sheets, seed)| (PathBuf::from(dir), sheets, seed)),
        _ => None,
    };
    let Some((dir, sheets, seed)) = parsed else {
        eprintln!("usage: gen_programme DIR SHEETS SEED");
        return ExitCode::from(2);
    };
    match generate(&dir, sheets, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_programme: error: {message}");
            ExitCode::FAILURE
        }
    }
}
