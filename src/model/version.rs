//! Versions of a standard, compared as people number them: `1.10` comes after `1.9`.

use std::cmp::Ordering;

/// Compares two versions part by part, splitting at dots: parts that are both numbers compare
/// as numbers, others as text, and a missing part counts as `0` (so `1.0` equals `1`).
pub fn compare(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| -> Vec<String> { v.trim().split('.').map(str::to_string).collect() };
    let (a, b) = (parts(a), parts(b));
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).map_or("0", String::as_str);
        let y = b.get(i).map_or("0", String::as_str);
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// Whether `a` and `b` name the same version (`1.0` and `1.0.0` do).
pub fn same(a: &str, b: &str) -> bool {
    compare(a, b) == Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_parts_as_numbers() {
        assert_eq!(compare("1.10", "1.9"), Ordering::Greater);
        assert_eq!(compare("1.0", "1.1"), Ordering::Less);
        assert_eq!(compare("2", "1.99"), Ordering::Greater);
        assert!(same("1.0", "1"));
        assert!(same(" 1.0.0 ", "1.0"));
        assert_eq!(compare("1.0-beta", "1.0-alpha"), Ordering::Greater);
        assert!(!same("1.1", "1.10"));
    }
}
