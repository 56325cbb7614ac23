//! Page titles: the default title of a sheet's page from a template, and a title prefix split
//! into its namespace and the rest, as `list=allpages` wants them.

use crate::model::sheet::Participant;

use super::api::SiteInfo;

/// The page a sheet is published to when neither `--page` nor the sheet names one.
pub const DEFAULT_TEMPLATE: &str = "User:{username}/Tech Mentoring/{assessment_type} {date}";

/// A template naming a placeholder `ksb` does not know, or left open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page template '{template}': {problem} (placeholders: {{username}}, {{role_focus}}, {{mentoring_type}}, {{assessment_type}}, {{date}})")]
pub struct TemplateError {
    /// The template.
    pub template: String,
    /// What is wrong with it.
    pub problem: String,
}

/// The title `template` gives the participant's sheet; `{date}` is YYYY-MM-DD.
pub fn from_template(template: &str, participant: &Participant) -> Result<String, TemplateError> {
    let fail = |problem: String| TemplateError {
        template: template.to_string(),
        problem,
    };
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| fail("a '{' is not closed".into()))?;
        let value = match &after[..close] {
            "username" => participant.username.clone(),
            "role_focus" => participant.role_focus.clone(),
            "mentoring_type" => participant.mentoring_type.clone(),
            "assessment_type" => participant.assessment_type.clone(),
            "date" => participant.date.format("%Y-%m-%d").to_string(),
            other => return Err(fail(format!("unknown placeholder {{{other}}}"))),
        };
        out.push_str(&value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    let title = out.trim().to_string();
    if title.is_empty() {
        return Err(fail("it gives an empty title".into()));
    }
    Ok(title)
}

/// Whose sheet a page is, when its title says so: the user of a `User:NAME/…` page, or the
/// `{username}` of `template` (the configured title pattern) when the title fits it. The name
/// is in its one spelling ([`crate::model::username::canonical`]). A page whose title names
/// nobody can hold anyone's sheet.
pub fn owner(title: &str, template: Option<&str>) -> Option<String> {
    let title = title.trim();
    if let Some((head, rest)) = title.split_once(':') {
        if crate::model::username::canonical(head) == "User" {
            let name = rest.split('/').next().unwrap_or_default();
            let name = crate::model::username::canonical(name);
            return (!name.is_empty()).then_some(name);
        }
    }
    let template = template?;
    if !template.contains("{username}") {
        return None;
    }
    let name = fit(&pieces(template), &title.replace('_', " "), None)?;
    let name = crate::model::username::canonical(&name);
    (!name.is_empty()).then_some(name)
}

/// A template split into literal text and placeholders.
enum Piece<'t> {
    Text(&'t str),
    Placeholder(&'t str),
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template.trim();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Placeholder(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Matches `title` against the pieces, each placeholder taking at least one character and
/// none taking a `/`; returns what `{username}` took.
fn fit(pieces: &[Piece], title: &str, username: Option<&str>) -> Option<String> {
    let Some((first, rest)) = pieces.split_first() else {
        return title
            .is_empty()
            .then(|| username.unwrap_or_default().to_string());
    };
    match first {
        Piece::Text(text) => {
            let text = text.replace('_', " ");
            let head = title.get(..text.len())?;
            let same = if text.contains(':') {
                head.eq_ignore_ascii_case(&text)
            } else {
                head == text
            };
            same.then(|| fit(rest, &title[text.len()..], username))?
        }
        Piece::Placeholder(name) => {
            let ends = title
                .char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .chain([title.len()])
                .take_while(|&end| !title[..end].contains('/'));
            for end in ends {
                let taken = &title[..end];
                let found = if *name == "username" {
                    fit(rest, &title[end..], Some(taken))
                } else {
                    fit(rest, &title[end..], username)
                };
                if found.is_some() {
                    return found;
                }
            }
            None
        }
    }
}

/// `prefix` as a namespace number and the title prefix within it: `User:Alice/Tech
/// Mentoring/` is namespace 2 and `Alice/Tech Mentoring/`; a colon that names no namespace
/// of the wiki belongs to the title (namespace 0).
pub fn split_prefix(prefix: &str, site: &SiteInfo) -> (i64, String) {
    let key = |text: &str| text.trim().replace('_', " ").to_lowercase();
    if let Some((head, rest)) = prefix.split_once(':') {
        let wanted = key(head);
        let by_name = site.namespaces.values().find(|ns| {
            ns.id != 0
                && (key(&ns.name) == wanted
                    || ns.canonical.as_deref().is_some_and(|c| key(c) == wanted))
        });
        let id = by_name.map(|ns| ns.id).or_else(|| {
            site.namespacealiases
                .iter()
                .find(|alias| key(&alias.alias) == wanted)
                .map(|alias| alias.id)
        });
        if let Some(id) = id {
            return (id, rest.trim_start().to_string());
        }
    }
    (0, prefix.to_string())
}

/// A category's title: `NAME` with `Category:` in front unless it is there already.
pub fn category_title(name: &str) -> String {
    let name = name.trim();
    if name.to_lowercase().starts_with("category:") {
        name.to_string()
    } else {
        format!("Category:{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn alice() -> Participant {
        Participant {
            username: "Alice".into(),
            role_focus: "Generalist".into(),
            mentoring_type: "Mentee".into(),
            assessment_type: "Self-assessment".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            reviewer: None,
        }
    }

    #[test]
    fn the_template_fills_in_the_participant() {
        assert_eq!(
            from_template(DEFAULT_TEMPLATE, &alice()).unwrap(),
            "User:Alice/Tech Mentoring/Self-assessment 2026-11-25"
        );
        assert_eq!(
            from_template("Cohort/{role_focus}/{username}", &alice()).unwrap(),
            "Cohort/Generalist/Alice"
        );
        let err = from_template("User:{name}", &alice()).unwrap_err();
        assert!(
            err.to_string().contains("unknown placeholder {name}"),
            "{err}"
        );
        assert!(from_template("User:{username", &alice()).is_err());
        assert!(from_template("  ", &alice()).is_err());
    }

    #[test]
    fn a_title_says_whose_sheet_it_is() {
        assert_eq!(
            owner(
                "User:exampleUser/Tech Mentoring/Self-assessment 2026-11-25",
                None
            )
            .as_deref(),
            Some("ExampleUser")
        );
        assert_eq!(owner("user:Bob_Smith", None).as_deref(), Some("Bob Smith"));
        assert_eq!(owner("Tech Mentoring/Alice", None), None);
        let template = Some("Tech Mentoring/{role_focus}/{username} {date}");
        assert_eq!(
            owner("Tech Mentoring/Generalist/alice 2026-11-25", template).as_deref(),
            Some("Alice")
        );
        assert_eq!(owner("Tech Mentoring/Generalist", template), None);
        assert_eq!(owner("Elsewhere/Alice", template), None);
        assert_eq!(owner("Cohort/Alice", Some("Cohort/{role_focus}")), None);
    }

    #[test]
    fn a_prefix_splits_at_a_known_namespace_only() {
        let site: SiteInfo = serde_json::from_str(
            r#"{"namespaces": {"0": {"id": 0, "name": ""}, "2": {"id": 2, "name": "User", "canonical": "User"},
                "4": {"id": 4, "name": "Meta", "canonical": "Project"}},
                "namespacealiases": [{"id": 4, "alias": "MH"}]}"#,
        )
        .unwrap();
        assert_eq!(
            split_prefix("User:Alice/Tech Mentoring/", &site),
            (2, "Alice/Tech Mentoring/".into())
        );
        assert_eq!(split_prefix("user:Bob", &site), (2, "Bob".into()));
        assert_eq!(split_prefix("Project:Cohort", &site), (4, "Cohort".into()));
        assert_eq!(split_prefix("MH:Cohort", &site), (4, "Cohort".into()));
        assert_eq!(
            split_prefix("Tech: notes", &site),
            (0, "Tech: notes".into())
        );
        assert_eq!(category_title("Cohort 2026"), "Category:Cohort 2026");
        assert_eq!(category_title("category:X"), "category:X");
    }
}
