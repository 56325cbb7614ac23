//! The ways figures group KSBs (by role focus, stack area and category), the one rule of which
//! KSB belongs to which group, and [`Grouped`], figures held once per grouping.

use std::ops::{Index, IndexMut};

use crate::model::standard::{Category, Ksb, Standard};

/// The ways a summary groups KSBs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// By the role focus each KSB belongs to.
    RoleFocus,
    /// By canonical stack area; a KSB with two areas counts in both.
    Area,
    /// By Knowledge, Skills and Behaviours.
    Category,
}

impl Grouping {
    /// Every grouping, in the order summaries show them.
    pub const ALL: [Grouping; 3] = [Grouping::RoleFocus, Grouping::Area, Grouping::Category];

    /// The key used in JSON output: `role_focus`, `area` or `category`.
    pub fn key(self) -> &'static str {
        match self {
            Grouping::RoleFocus => "role_focus",
            Grouping::Area => "area",
            Grouping::Category => "category",
        }
    }

    /// The heading a table of this grouping carries.
    pub fn heading(self) -> &'static str {
        match self {
            Grouping::RoleFocus => "Role focus",
            Grouping::Area => "Stack area",
            Grouping::Category => "Category",
        }
    }

    /// The names of this grouping's groups, in the standard's order.
    pub fn names(self, standard: &Standard) -> Vec<String> {
        match self {
            Grouping::RoleFocus => standard.role_focuses.clone(),
            Grouping::Area => standard.areas.clone(),
            Grouping::Category => Category::ALL
                .iter()
                .map(|category| category.heading().to_string())
                .collect(),
        }
    }

    /// The names of the groups of this grouping that `ksb` counts in: the membership rule that
    /// every figure (summary, cohort, comparison, progress, chart) follows.
    pub fn groups_of(self, ksb: &Ksb) -> impl Iterator<Item = &str> {
        let names: &[String] = match self {
            Grouping::RoleFocus => std::slice::from_ref(&ksb.role_focus),
            Grouping::Area => &ksb.areas,
            Grouping::Category => &[],
        };
        let category = (self == Grouping::Category).then(|| ksb.category.heading());
        names.iter().map(String::as_str).chain(category)
    }

    /// Whether `ksb` counts in the group called `name` of this grouping.
    pub fn contains(self, ksb: &Ksb, name: &str) -> bool {
        self.groups_of(ksb).any(|group| group == name)
    }

    fn index(self) -> usize {
        match self {
            Grouping::RoleFocus => 0,
            Grouping::Area => 1,
            Grouping::Category => 2,
        }
    }
}

/// One list of figures per [`Grouping`], so a figures type holds its groups once and every
/// grouping is reached the same way: `figures.groups[Grouping::Area]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouped<T> {
    lists: [Vec<T>; 3],
}

impl<T> Grouped<T> {
    /// The lists made by `make`, called once per grouping.
    pub fn from_fn(mut make: impl FnMut(Grouping) -> Vec<T>) -> Grouped<T> {
        Grouped {
            lists: Grouping::ALL.map(&mut make),
        }
    }

    /// Each grouping with its list, in [`Grouping::ALL`]'s order.
    pub fn iter(&self) -> impl Iterator<Item = (Grouping, &[T])> {
        Grouping::ALL
            .into_iter()
            .map(|grouping| (grouping, self[grouping].as_slice()))
    }
}

impl<T> Index<Grouping> for Grouped<T> {
    type Output = Vec<T>;

    fn index(&self, grouping: Grouping) -> &Vec<T> {
        &self.lists[grouping.index()]
    }
}

impl<T> IndexMut<Grouping> for Grouped<T> {
    fn index_mut(&mut self, grouping: Grouping) -> &mut Vec<T> {
        &mut self.lists[grouping.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ksb_is_in_the_groups_the_standard_names() {
        let standard = Standard::builtin();
        for grouping in Grouping::ALL {
            let names = grouping.names(&standard);
            for ksb in &standard.ksbs {
                let groups: Vec<&str> = grouping.groups_of(ksb).collect();
                assert!(!groups.is_empty(), "{} has no {grouping:?}", ksb.id);
                for group in groups {
                    assert!(names.iter().any(|name| name == group), "{group}");
                    assert!(grouping.contains(ksb, group));
                }
            }
        }
        let k9 = standard
            .ksbs
            .iter()
            .find(|k| k.id.as_str() == "K9")
            .unwrap();
        assert_eq!(Grouping::Area.groups_of(k9).count(), 2);
        assert!(!Grouping::Category.contains(k9, "Skills"));
    }

    #[test]
    fn grouped_lists_are_reached_by_grouping() {
        let mut grouped = Grouped::from_fn(|grouping| vec![grouping.key()]);
        assert_eq!(grouped[Grouping::Area], ["area"]);
        grouped[Grouping::Category].push("more");
        let keys: Vec<_> = grouped.iter().map(|(g, list)| (g, list.len())).collect();
        assert_eq!(
            keys,
            [
                (Grouping::RoleFocus, 1),
                (Grouping::Area, 1),
                (Grouping::Category, 2)
            ]
        );
    }
}
