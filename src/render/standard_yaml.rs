//! A standard written back as the YAML file `ksb` reads ([`Standard::from_yaml`]), laid out
//! like the built-in one: what `ksb standard import` writes.

use crate::model::score::Score;
use crate::model::standard::{Category, Standard};

/// The standard as YAML, every text double-quoted (so no value is ever read as another type),
/// each line of `comment` as a `#` line at the top.
pub fn standard_yaml(standard: &Standard, comment: &[String]) -> String {
    let mut out = String::new();
    for line in comment {
        for part in line.split('\n') {
            out.push_str(&format!("# {part}\n").replace("# \n", "#\n"));
        }
    }
    out.push_str(&format!("id: {}\n", quote(&standard.id)));
    out.push_str(&format!("title: {}\n", quote(&standard.title)));
    out.push_str(&format!("version: {}\n", quote(&standard.version)));
    list(&mut out, "role_focuses", &standard.role_focuses);
    list(&mut out, "areas", &standard.areas);
    out.push_str("scoring_key:\n");
    for entry in &standard.scoring_key {
        let score = match entry.score {
            Score::NotApplicable => "n/a".to_string(),
            score => score.to_string(),
        };
        out.push_str(&format!(
            "  - score: {score}\n    meaning: {}\n",
            quote(&entry.meaning)
        ));
        if let Some(short) = &entry.short {
            out.push_str(&format!("    short: {}\n", quote(short)));
        }
    }
    list(&mut out, "mentoring_types", &standard.mentoring_types);
    list(&mut out, "assessment_types", &standard.assessment_types);
    let header = &standard.participant_header;
    out.push_str("participant_header:\n");
    for (key, text) in [
        ("username", &header.username),
        ("role_focus", &header.role_focus),
        ("mentoring_type", &header.mentoring_type),
        ("assessment_type", &header.assessment_type),
        ("date", &header.date),
        ("username_hint", &header.username_hint),
    ] {
        out.push_str(&format!("  {key}: {}\n", quote(text)));
    }
    out.push_str("ksbs:\n");
    let mut category: Option<Category> = None;
    for ksb in &standard.ksbs {
        if category != Some(ksb.category) {
            category = Some(ksb.category);
            out.push_str(&format!("\n  # {}\n", ksb.category.heading()));
        }
        out.push_str(&format!("  - id: {}\n", quote(ksb.id.as_str())));
        out.push_str(&format!("    category: {}\n", ksb.category.key()));
        out.push_str(&format!("    title: {}\n", quote(&ksb.title)));
        out.push_str(&format!("    description: {}\n", quote(&ksb.description)));
        out.push_str(&format!("    stack_area: {}\n", quote(&ksb.stack_area)));
        let areas: Vec<String> = ksb.areas.iter().map(|a| quote(a)).collect();
        out.push_str(&format!("    areas: [{}]\n", areas.join(", ")));
        out.push_str(&format!("    role_focus: {}\n", quote(&ksb.role_focus)));
        if let Some(since) = &ksb.since {
            out.push_str(&format!("    since: {}\n", quote(since)));
        }
    }
    out
}

fn list(out: &mut String, key: &str, items: &[String]) {
    out.push_str(&format!("{key}:\n"));
    for item in items {
        out.push_str(&format!("  - {}\n", quote(item)));
    }
}

/// `text` as a YAML double-quoted scalar: backslash and quote escaped, and every character YAML
/// does not allow raw (controls, line and paragraph separators, the byte-order mark) escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_standard_reads_back_the_same() {
        let standard = Standard::builtin();
        let yaml = standard_yaml(&standard, &["Written by a test.".to_string()]);
        assert!(yaml.starts_with("# Written by a test.\nid: \"miraheze-tech-mentoring\"\n"));
        assert_eq!(Standard::from_yaml(&yaml).unwrap(), standard);
    }

    #[test]
    fn any_text_reads_back_as_written() {
        let mut standard = Standard::builtin();
        let hostile =
            "a \"quoted\" \\ back: slash\n# not a comment\t- x: y {[&*!|>'%@`]} \u{2028}\u{feff}é";
        standard.title = hostile.replace(['\n', '\t'], " ");
        standard.ksbs[0].description = hostile.replace('\t', " ");
        let yaml = standard_yaml(&standard, &[]);
        assert_eq!(Standard::from_yaml(&yaml).unwrap(), standard);
    }
}
