//! `ksb calibrate`: where mentors and mentees disagree, over a cohort.

use anyhow::{bail, Result};
use ksb::figures::calibration::CalibrationSheets;
use ksb::model::assessment::{MENTOR_REVIEW, SELF_ASSESSMENT};
use ksb::render::json;
use ksb::{report, Standard};

use crate::app::context::{Command, Globals};
use crate::app::{cohort, output};
use crate::cli::CohortArgs;
use clap::Args;

/// Arguments of `ksb calibrate`: a cohort's sheets.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The sheets and the format.
    #[command(flatten)]
    pub cohort: CohortArgs,
}

impl Command for CalibrateArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let args = self.cohort;
        let standard = ctx.standard()?;
        let own = assessment_type(&standard, SELF_ASSESSMENT)?;
        let review = assessment_type(&standard, MENTOR_REVIEW)?;
        let sheets = cohort::list(&args.paths)?;
        let gathering = CalibrationSheets::new(own, review, args.as_of);
        let gathered = cohort::gather(&standard, &sheets, args.strict, gathering)?;
        let calibration = gathered.gathered.finish(&standard);
        output::emit_report(
            args.format,
            ctx.style,
            || report::calibration::report(&standard, &calibration),
            || Some(json::calibration(&calibration)),
        )?;
        gathered.count.check()
    }
}

/// The standard's spelling of an assessment type calibration pairs.
pub fn assessment_type<'a>(standard: &'a Standard, name: &str) -> Result<&'a str> {
    match standard.assessment_type(name) {
        Some(kind) => Ok(kind),
        None => bail!(
            "standard '{}' has no '{name}' assessment type (it has: {}), so there is nothing to calibrate",
            standard.id,
            standard.assessment_types.join(", ")
        ),
    }
}
