//! Reports laid out as headed tables once, whatever the format: the terminal table and each
//! markup format render the same [`Section`]s.

use crate::figures::plan::{Plan, PlanItem};
use crate::model::sheet::Participant;

/// A headed table of a report (or a line saying it is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section's heading.
    pub heading: String,
    /// The column headings.
    pub columns: Vec<&'static str>,
    /// The rows, one text per column; user text unescaped (each format escapes it).
    pub rows: Vec<Vec<String>>,
    /// What to say instead of an empty table.
    pub when_empty: &'static str,
}

/// The title of a plan: whose plan, from which assessment.
pub fn plan_title(participant: &Participant) -> String {
    format!("Development plan for {}", participant.username)
}

/// The line under a plan's title: role focus, assessment and date.
pub fn plan_intro(participant: &Participant, plan: &Plan) -> String {
    format!(
        "Preferred role focus: {}. From the {} of {}. Covers the {} KSBs.",
        participant.role_focus,
        participant.assessment_type,
        participant.date_dmy(),
        plan.focus.join(" and ")
    )
}

/// The three sections of a plan: to develop, not yet scored, strengths.
pub fn plan(plan: &Plan) -> Vec<Section> {
    let score = |item: &PlanItem| item.score.map(|s| s.to_string()).unwrap_or_default();
    vec![
        Section {
            heading: "To develop (scored 0 or 1)".to_string(),
            columns: vec!["Id", "Title", "Stack Area", "Score", "Description"],
            rows: plan
                .develop
                .iter()
                .map(|i| {
                    vec![
                        i.ksb.id.to_string(),
                        i.ksb.title.clone(),
                        i.ksb.stack_area.clone(),
                        score(i),
                        i.ksb.description.clone(),
                    ]
                })
                .collect(),
            when_empty: "Nothing in focus is scored 0 or 1.",
        },
        Section {
            heading: "Not yet scored".to_string(),
            columns: vec!["Id", "Title", "Stack Area", "Description"],
            rows: plan
                .unscored
                .iter()
                .map(|i| {
                    vec![
                        i.ksb.id.to_string(),
                        i.ksb.title.clone(),
                        i.ksb.stack_area.clone(),
                        i.ksb.description.clone(),
                    ]
                })
                .collect(),
            when_empty: "Every KSB in focus is scored.",
        },
        Section {
            heading: "Strengths (scored 3): could mentor others".to_string(),
            columns: vec!["Id", "Title", "Stack Area", "Role Focus"],
            rows: plan
                .strengths
                .iter()
                .map(|i| {
                    vec![
                        i.ksb.id.to_string(),
                        i.ksb.title.clone(),
                        i.ksb.stack_area.clone(),
                        i.ksb.role_focus.clone(),
                    ]
                })
                .collect(),
            when_empty: "No KSB is scored 3 yet.",
        },
    ]
}
