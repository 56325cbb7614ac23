//! Usernames as MediaWiki has them: checked where they enter `ksb` (flags, prompts, the
//! config, the environment, imported pages, sheets read from disk) and normalised once, so
//! that the sheet, the page title and the edit summary all spell a participant one way, and
//! the sheets of one wiki account count as one participant however the name was typed.

/// The longest username MediaWiki accepts, in bytes (`$wgMaxNameChars`).
pub const MAX_BYTES: usize = 255;

/// Why a text is no MediaWiki username.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    /// Nothing but spaces (or a bare `User:`).
    #[error("is empty")]
    Empty,
    /// A character MediaWiki never allows in a user name.
    #[error("has {shown}, which MediaWiki never allows in a user name{why}")]
    Forbidden {
        /// The character as a person can read it: `'|'` or `U+0007`.
        shown: String,
        /// Why, where it is not obvious.
        why: &'static str,
    },
    /// Longer than [`MAX_BYTES`].
    #[error("is {0} bytes long; MediaWiki allows at most 255")]
    TooLong(usize),
}

/// The form MediaWiki gives a username: underscores are spaces, a run of spaces is one space,
/// surrounding spaces are dropped and the first letter is upper case (MediaWiki's default
/// `first-letter` case rule, as on Miraheze). Two names with the same form are the same
/// account (`alice_smith` and `Alice smith`); the rest of the name keeps its case (`Alice` and
/// `ALICE` are two accounts).
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

/// Checks `text` as a MediaWiki username and returns its one spelling: a `User:` prefix
/// dropped, then [`canonical`]. Refused, naming the character: the characters no page title
/// may hold (`# < > [ ] | { }`, control characters, `%` before two hex digits, `~~~`), a `/`
/// (it would make the user page a subpage), a `:` (MediaWiki would read a namespace), and the
/// invisible spaces and private-use characters MediaWiki's own check refuses.
pub fn check(text: &str) -> Result<String, UsernameError> {
    let trimmed = strip_user_prefix(text.trim_matches(|c: char| c.is_whitespace() || c == '_'));
    let chars: Vec<char> = trimmed.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let why = match c {
            '#' | '<' | '>' | '[' | ']' | '|' | '{' | '}' => "",
            '/' => " (it would make the user page a subpage)",
            ':' => " (MediaWiki would read what comes before it as a namespace)",
            '%' if chars
                .get(i + 1..i + 3)
                .is_some_and(|two| two.iter().all(char::is_ascii_hexdigit)) =>
            {
                " (before two hex digits it is a URL escape)"
            }
            '~' if chars.get(i..i + 3) == Some(&['~', '~', '~']) => " (three in a row sign a page)",
            c if c.is_control() || is_troublemaker(c) => "",
            _ => continue,
        };
        return Err(UsernameError::Forbidden {
            shown: shown(c),
            why,
        });
    }
    let name = canonical(trimmed);
    if name.is_empty() {
        return Err(UsernameError::Empty);
    }
    if name.len() > MAX_BYTES {
        return Err(UsernameError::TooLong(name.len()));
    }
    Ok(name)
}

/// `text` without a leading `User:` (any case, spaces or underscores around the colon).
fn strip_user_prefix(text: &str) -> &str {
    let Some((head, rest)) = text.split_once(':') else {
        return text;
    };
    if canonical(head) == "User" {
        rest.trim_matches(|c: char| c.is_whitespace() || c == '_')
    } else {
        text
    }
}

/// The characters MediaWiki's `UserNameUtils::isValid` refuses on top of the title rules:
/// C1 controls, no-break and other invisible spaces, line and paragraph separators, the
/// ideographic space and the private use area.
fn is_troublemaker(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{a0}'
        | '\u{2000}'..='\u{200f}'
        | '\u{2028}'..='\u{202f}'
        | '\u{3000}'
        | '\u{e000}'..='\u{f8ff}'
        | '\u{fffd}')
}

/// A character as an error line can show it: printable ones quoted, others by code point.
fn shown(c: char) -> String {
    if c.is_control() || is_troublemaker(c) || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
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

    #[test]
    fn a_username_is_normalised_once() {
        assert_eq!(check("exampleUser").unwrap(), "ExampleUser");
        assert_eq!(check("User:ExampleUser").unwrap(), "ExampleUser");
        assert_eq!(check(" user_: example_user ").unwrap(), "Example user");
        assert_eq!(check("Userbox").unwrap(), "Userbox");
        assert_eq!(check("Jean-Luc O'Neill @2").unwrap(), "Jean-Luc O'Neill @2");
        assert_eq!(check("100%").unwrap(), "100%");
    }

    #[test]
    fn characters_mediawiki_never_allows_are_refused_by_name() {
        for (text, shown) in [
            ("Bad|Name", "'|'"),
            ("a[b", "'['"),
            ("a]b", "']'"),
            ("a{b", "'{'"),
            ("a}b", "'}'"),
            ("a#b", "'#'"),
            ("a<b", "'<'"),
            ("a>b", "'>'"),
            ("a\u{7}b", "U+0007"),
            ("a\nb", "U+000A"),
            ("Tab\tName", "U+0009"),
            ("a\u{9b}b", "U+009B"),
            ("a\u{a0}b", "U+00A0"),
            ("a/b", "'/'"),
            ("Talk:Bob", "':'"),
            ("a%41b", "'%'"),
            ("a~~~b", "'~'"),
        ] {
            let err = check(text).unwrap_err();
            assert!(
                err.to_string().starts_with(&format!("has {shown}, which")),
                "{text:?}: {err}"
            );
        }
        assert_eq!(check("  "), Err(UsernameError::Empty));
        assert_eq!(check("User:"), Err(UsernameError::Empty));
        assert_eq!(check(&"x".repeat(256)), Err(UsernameError::TooLong(256)));
    }
}
