//! Unit tests of `standard`.

use super::*;

const SEED: &str = include_str!("../../../tests/fixtures/mentoring-standard.txt");

#[test]
fn the_seed_page_is_the_builtin_standard() {
    let base = Standard::builtin();
    let imported = read(SEED, &base, &Options::default()).unwrap();
    assert_eq!(imported.changes, []);
    assert_eq!(imported.standard, base);
}

#[test]
fn stack_area_labels_name_the_builtin_areas() {
    let base = Standard::builtin();
    for ksb in &base.ksbs {
        assert_eq!(
            areas_of(&ksb.stack_area, &base.areas),
            ksb.areas,
            "{}",
            ksb.id
        );
    }
    assert_eq!(
        areas_of("Moon and Stars", &base.areas),
        Vec::<String>::new()
    );
}

#[test]
fn versions_go_up_by_one_in_the_last_part() {
    assert_eq!(next_version("1.0", None).unwrap(), "1.1");
    assert_eq!(next_version("1.9", None).unwrap(), "1.10");
    assert_eq!(next_version("2", None).unwrap(), "3");
    assert_eq!(next_version("1.0", Some("2.0")).unwrap(), "2.0");
    assert!(next_version("1.0", Some("1.0")).is_err());
    assert!(next_version("1.0-beta", None).is_err());
}

#[test]
fn new_ids_follow_the_highest_of_their_letter() {
    let base = Standard::builtin();
    let mut numbers = IdNumbers::of(&base);
    assert_eq!(numbers.next(Category::Knowledge).as_str(), "K12");
    assert_eq!(numbers.next(Category::Knowledge).as_str(), "K13");
    assert_eq!(numbers.next(Category::Behaviour).as_str(), "B9");
    assert_eq!(split_id("K11"), ("K", Some(11)));
    assert_eq!(split_id("X"), ("X", None));
}
