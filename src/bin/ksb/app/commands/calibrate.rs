//! `ksb calibrate`: where mentors and mentees disagree, over a cohort.

use anyhow::{bail, Result};
use ksb::figures::calibration::CalibrationSheets;
use ksb::model::assessment::{MENTOR_REVIEW, SELF_ASSESSMENT};
use ksb::render::json;
use ksb::{report, Standard};

use super::{Command, Context};
use crate::app::{cohort_io, output};
use crate::cli::CalibrateArgs;

impl Command for CalibrateArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let own = assessment_type(&standard, SELF_ASSESSMENT)?;
        let review = assessment_type(&standard, MENTOR_REVIEW)?;
        let sheets = cohort_io::list(&self.paths)?;
        let gathering = CalibrationSheets::new(own, review, self.as_of);
        let gathered = cohort_io::gather(&standard, &sheets, self.strict, gathering)?;
        let calibration = gathered.gathered.finish(&standard);
        output::emit_report(
            self.format,
            ctx.style,
            || report::calibration::report(&standard, &calibration),
            || Some(json::calibration(&calibration)),
        )?;
        gathered.count.check()
    }
}

/// The standard's spelling of an assessment type calibration pairs.
fn assessment_type<'a>(standard: &'a Standard, name: &str) -> Result<&'a str> {
    match standard.assessment_type(name) {
        Some(kind) => Ok(kind),
        None => bail!(
            "standard '{}' has no '{name}' assessment type (it has: {}), so there is nothing to calibrate",
            standard.id,
            standard.assessment_types.join(", ")
        ),
    }
}
