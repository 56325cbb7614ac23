//! Usernames compared as MediaWiki compares them, so that the sheets of one wiki account count
//! as one participant however the name was typed.

/// The form MediaWiki gives a username: underscores are spaces, a run of spaces is one space,
/// surrounding spaces are dropped and the first letter is upper case. Two names with the same
/// form are the same account (`alice_smith` and `Alice smith`); the rest of the name keeps its
/// case (`Alice` and `ALICE` are two accounts).
pub fn canonical(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut words = spaced.split_whitespace();
    let mut out = String::with_capacity(name.len());
    if let Some(first) = words.next() {
        let mut chars = first.chars();
        if let Some(letter) = chars.next() {
            out.extend(letter.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_as_mediawiki_compares_them() {
        assert_eq!(canonical("alice_smith"), canonical("Alice smith"));
        assert_eq!(canonical("  Alice__smith "), "Alice smith");
        assert_eq!(canonical("alice"), "Alice");
        assert_ne!(canonical("Alice"), canonical("ALICE"));
        assert_ne!(canonical("alice Smith"), canonical("alice smith"));
        assert_eq!(canonical("éva"), "Éva");
        assert_eq!(canonical("_"), "");
    }
}
