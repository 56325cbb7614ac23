//! Figures as reports write them: means, changes and shares.

/// A mean as tables show it: two decimals, or blank when nothing is scored.
pub fn format_mean(mean: Option<f64>) -> String {
    mean.map(|m| format!("{m:.2}")).unwrap_or_default()
}

/// A change in points with its sign: `+2`, `-1`, `0`.
pub fn format_delta(delta: i8) -> String {
    if delta > 0 {
        format!("+{delta}")
    } else {
        delta.to_string()
    }
}

/// A change of means with its sign and two decimals (`+0.50`), or blank when there is none.
pub fn format_mean_delta(delta: Option<f64>) -> String {
    delta.map(|d| format!("{d:+.2}")).unwrap_or_default()
}

/// A distance travelled as a whole percentage (`80%`), or blank when there is none.
pub fn format_share(share: Option<f64>) -> String {
    share
        .map(|s| format!("{:.0}%", s * 100.0))
        .unwrap_or_default()
}
