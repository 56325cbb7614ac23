//! A framework's tree of competencies flattened into ksb's list of KSBs.
//!
//! The leaves (competencies no other competency names as its parent) become KSBs, in the file's
//! order; the competencies above them become groupings:
//!
//! - a top-level competency named Knowledge, Skills or Behaviours gives its leaves that
//!   category (otherwise the item's own type, its id's letter or the default decides);
//! - the top-level competency below any such category is the leaf's area (`areas`);
//! - the leaf's own parent is its stack area (`stack_area`), the label a sheet shows.
//!
//! A leaf at the top of the tree takes the framework's name for both. Parents are found
//! without recursion, so however deep the tree, time grows with its size; a competency whose
//! parents go round in a circle, or name one that is not there, is refused.

use std::collections::HashMap;

use super::{category_named, InteropError};
use crate::model::standard::Category;

/// One competency or item as the file gives it.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its key in the file (Moodle's id number, CASE's identifier).
    pub key: String,
    /// Its parent's key; `None` at the top.
    pub parent: Option<String>,
    /// Its name (shortname, abbreviated statement).
    pub name: String,
    /// Where it is, for a message (`row 5`, `CFItems[3]`).
    pub place: String,
}

/// Where a leaf sits in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The index of the leaf among the nodes.
    pub index: usize,
    /// The category its top-level competency names, if it names one.
    pub category: Option<Category>,
    /// Its area: the top-level group (below a category), or `top` for a top-level leaf.
    pub area: String,
    /// Its stack area: its parent's name (or its area).
    pub stack_area: String,
}

/// The leaves of `nodes`, placed; `top` names the framework.
pub fn flatten(nodes: &[Node], top: &str) -> Result<Vec<Placed>, InteropError> {
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.key.as_str(), i))
        .collect();
    let mut parent = Vec::with_capacity(nodes.len());
    for node in nodes {
        parent.push(match &node.parent {
            None => None,
            Some(key) => match index.get(key.as_str()) {
                Some(&i) => Some(i),
                None => {
                    return Err(InteropError::new(
                        &node.place,
                        format!(
                            "its parent '{}' is not in the file",
                            crate::import::shown(key)
                        ),
                    ))
                }
            },
        });
    }
    let mut has_children = vec![false; nodes.len()];
    for p in parent.iter().flatten() {
        has_children[*p] = true;
    }
    // Each node's path from the top, resolved once: (top-level ancestor, the ancestor just
    // below it). Walked iteratively; a node seen twice on one walk is in a circle.
    let mut root: Vec<Option<(usize, Option<usize>)>> = vec![None; nodes.len()];
    let mut on_walk = vec![false; nodes.len()];
    for start in 0..nodes.len() {
        let mut walk = Vec::new();
        let mut at = start;
        while root[at].is_none() {
            if on_walk[at] {
                return Err(InteropError::new(
                    &nodes[at].place,
                    "its parents go round in a circle back to it",
                ));
            }
            on_walk[at] = true;
            walk.push(at);
            match parent[at] {
                Some(p) => at = p,
                None => {
                    root[at] = Some((at, None));
                    walk.pop();
                    break;
                }
            }
        }
        for &node in walk.iter().rev() {
            let p = parent[node].expect("only the top has no parent");
            let (top, below) = root[p].expect("resolved before its children");
            root[node] = Some((top, below.or(Some(node))));
        }
        for node in walk {
            on_walk[node] = false;
        }
        on_walk[at] = false;
    }
    let mut placed = Vec::new();
    for i in 0..nodes.len() {
        if has_children[i] {
            continue;
        }
        let (top_node, below) = root[i].expect("every node resolved");
        let Some(p) = parent[i] else {
            placed.push(Placed {
                index: i,
                category: None,
                area: top.to_string(),
                stack_area: top.to_string(),
            });
            continue;
        };
        let category =
            category_named(&nodes[top_node].name).or_else(|| category_named(&nodes[top_node].key));
        let area_node = match category {
            Some(_) => below.filter(|&b| b != i),
            None => Some(top_node),
        };
        let area = match area_node {
            Some(a) => nodes[a].name.clone(),
            None => nodes[top_node].name.clone(),
        };
        placed.push(Placed {
            index: i,
            category,
            area,
            stack_area: nodes[p].name.clone(),
        });
    }
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(key: &str, parent: &str, name: &str) -> Node {
        Node {
            key: key.into(),
            parent: (!parent.is_empty()).then(|| parent.into()),
            name: name.into(),
            place: format!("row {key}"),
        }
    }

    #[test]
    fn leaves_take_their_groups() {
        let nodes = [
            node("skills", "", "Skills"),
            node("infra", "skills", "Infra"),
            node("cdn", "infra", "Caching/CDN"),
            node("S1", "cdn", "Run a cache"),
            node("S2", "skills", "Plain skill"),
            node("levels", "", "Levels"),
            node("L1", "levels", "Level 1"),
            node("X", "", "Loose"),
        ];
        let placed = flatten(&nodes, "Framework").unwrap();
        let got: Vec<(&str, Option<Category>, &str, &str)> = placed
            .iter()
            .map(|p| {
                (
                    nodes[p.index].key.as_str(),
                    p.category,
                    p.area.as_str(),
                    p.stack_area.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("S1", Some(Category::Skill), "Infra", "Caching/CDN"),
                ("S2", Some(Category::Skill), "Skills", "Skills"),
                ("L1", None, "Levels", "Levels"),
                ("X", None, "Framework", "Framework"),
            ]
        );
    }

    #[test]
    fn circles_and_missing_parents_are_refused() {
        let err = flatten(&[node("a", "b", "A"), node("b", "a", "B")], "F").unwrap_err();
        assert!(err.message.contains("circle"), "{err}");
        let err = flatten(&[node("a", "zz", "A")], "F").unwrap_err();
        assert_eq!(err.to_string(), "row a: its parent 'zz' is not in the file");
    }

    #[test]
    fn a_deep_chain_is_no_recursion() {
        let nodes: Vec<Node> = (0..100_000)
            .map(|i| {
                let parent = if i == 0 {
                    String::new()
                } else {
                    (i - 1).to_string()
                };
                node(&i.to_string(), &parent, "n")
            })
            .collect();
        assert_eq!(flatten(&nodes, "F").unwrap().len(), 1);
    }
}
