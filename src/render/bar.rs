//! Text bars for means in terminal tables: a mean on the 0–3 scale at a glance.

use crate::model::score::MAX_POINTS;

/// Characters a bar of a mean 0–3 is long (four per point).
pub const BAR_WIDTH: usize = 12;

/// Unicode blocks from one eighth to a full character cell.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A bar `BAR_WIDTH` characters long for a full score of 3, in eighths of a character with
/// Unicode and whole `#`s in ASCII; empty when there is no mean.
pub fn mean_bar(mean: Option<f64>, unicode: bool) -> String {
    let Some(mean) = mean else {
        return String::new();
    };
    let fraction = (mean / f64::from(MAX_POINTS)).clamp(0.0, 1.0);
    let cells = fraction * BAR_WIDTH as f64;
    if !unicode {
        return "#".repeat(cells.round() as usize);
    }
    let eighths = (cells * 8.0).round() as usize;
    let mut bar = EIGHTHS[7].to_string().repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(EIGHTHS[eighths % 8 - 1]);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_full_score() {
        assert_eq!(mean_bar(None, true), "");
        assert_eq!(mean_bar(Some(0.0), true), "");
        assert_eq!(mean_bar(Some(3.0), true), "█".repeat(BAR_WIDTH));
        assert_eq!(mean_bar(Some(3.0), false), "#".repeat(BAR_WIDTH));
        assert_eq!(mean_bar(Some(1.5), false), "######");
        assert_eq!(mean_bar(Some(2.5), true), "█".repeat(10));
        assert_eq!(mean_bar(Some(1.1), true), "████▍");
        assert_eq!(mean_bar(Some(9.0), false).len(), BAR_WIDTH);
    }
}
