//! Pictures in wikitext: a file shown on a page with its caption and alt text, and the
//! description page of an uploaded picture. Every piece of text goes through [`escape`].

use super::escape;

/// Text safe as one parameter of a `[[File:…]]` link: escaped as everywhere, and `=` as a
/// character reference too, so that a caption is never read as a named option (`link=`).
fn parameter(text: &str) -> String {
    escape(text).replace('=', "&#61;")
}

/// A picture as a thumbnail on its own line, `file` (a title with `File:`, which
/// [`crate::wiki::picture::file_title`] made safe) shown with `alt` for a screen reader and
/// `caption` under it.
pub fn embed(file: &str, alt: &str, caption: &str) -> String {
    format!(
        "[[{file}|thumb|none|upright=2|alt={}|{}]]\n",
        parameter(alt),
        parameter(caption)
    )
}

/// The description page of an uploaded picture: a summary heading and a paragraph a line.
pub fn description(lines: &[String]) -> String {
    let mut out = String::from("== Summary ==\n");
    for line in lines {
        out.push_str(&escape(line));
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_and_alt_text_cannot_break_out_of_the_link() {
        let shown = embed("File:KSB radar – A.svg", "a|b]]", "link=x [[y]]");
        assert_eq!(
            shown,
            "[[File:KSB radar – A.svg|thumb|none|upright=2|alt=a&#124;b&#93;&#93;|link&#61;x &#91;&#91;y&#93;&#93;]]\n"
        );
    }

    #[test]
    fn a_description_is_escaped_line_by_line() {
        assert_eq!(
            description(&["<b>x</b>".to_string(), "y".to_string()]),
            "== Summary ==\n&lt;b&gt;x&lt;/b&gt;\n\ny\n\n"
        );
    }
}
