//! The one escaper for text in XML (the SVG charts): markup characters as entities, and the
//! control characters XML 1.0 forbids dropped. Every SVG writer goes through [`escape`].

/// `text` safe inside an XML element or attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a & 'b'> \"c\"\u{7}"),
            "&lt;a &amp; &apos;b&apos;&gt; &quot;c&quot;"
        );
    }
}
