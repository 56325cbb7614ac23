//! A path or word written as a POSIX shell reads it back, for the commands `ksb` suggests.

/// `text` as one word a POSIX shell reads back unchanged (quoted only when it must be).
pub fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_they_must_be() {
        assert_eq!(shell_word("sheets/me.toml"), "sheets/me.toml");
        assert_eq!(shell_word("my sheet.toml"), "'my sheet.toml'");
        assert_eq!(shell_word("it's.toml"), r"'it'\''s.toml'");
    }
}
