//! GitHub-flavoured Markdown: the participant sheet as a page for a Git forge or a README.

use super::markup::{
    colon_could_be_markup, could_start_reference, safe_url, Align, MarkupExporter,
};

/// Whitespace a GFM table cell or list item trims from its ends (but not line breaks, which
/// become `<br>`).
fn is_trimmed(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

/// The characters [`Markdown`] escapes.
const MARKUP: &str = "\\`*_[]<>!|~&:#@{}$";

/// Writes the export document as GitHub-flavoured Markdown (tables extension).
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl MarkupExporter for Markdown {
    /// Backslash-escapes every character that can open in-line markup (CommonMark lets any
    /// ASCII punctuation be escaped, and `\|` is GFM's literal pipe in a table): emphasis,
    /// code, links, images, HTML, cells, strikethrough, email autolinks (`@`), closing `#`s of
    /// a heading and math (`$`). Two only where they could mean something: `&` where it could
    /// start an entity (`&amp;`, not `T&S`), and `:` where it could be a link's scheme
    /// (`https://`) or open an emoji code (`:tada:`), that is before anything but a space.
    /// The rest of the punctuation only means something at the start of a line, and escaped
    /// text never starts one: a line break becomes `<br>`. Spaces and tabs at either end
    /// become character references, which a table cell or list item does not trim.
    fn escape(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        // A table cell or list item drops the whitespace at its ends: keep it as references.
        let inner = text.trim_matches(is_trimmed);
        let start = text.len() - text.trim_start_matches(is_trimmed).len();
        for c in text[..start].chars() {
            out.push_str(&format!("&#{};", u32::from(c)));
        }
        let chars: Vec<char> = inner.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match c {
                '\r' => {
                    if next == Some('\n') {
                        i += 1;
                    }
                    out.push_str("<br>");
                }
                '\n' => out.push_str("<br>"),
                '&' if !could_start_reference(&chars[i + 1..]) => out.push('&'),
                ':' if !colon_could_be_markup(next) => out.push(':'),
                c if MARKUP.contains(c) => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() && c != '\t' => out.push(char::REPLACEMENT_CHARACTER),
                c => out.push(c),
            }
            i += 1;
        }
        let end = start + inner.len();
        for c in text[end..].chars() {
            out.push_str(&format!("&#{};", u32::from(c)));
        }
        out
    }

    fn heading(&self, level: usize, markup: &str) -> String {
        format!("{} {markup}\n\n", "#".repeat(level))
    }

    fn paragraph(&self, markup: &str) -> String {
        format!("{markup}\n\n")
    }

    fn list(&self, items: &[String]) -> String {
        let mut out: String = items.iter().map(|item| format!("- {item}\n")).collect();
        out.push('\n');
        out
    }

    fn table_start(&self, columns: &[String]) -> String {
        let mut out = self.row(columns);
        out.push_str(&self.row(&vec!["---".to_string(); columns.len()]));
        out
    }

    /// Figures right-aligned (`---:`), scores centred (`:---:`), as the terminal shows them.
    fn table_start_aligned(&self, columns: &[String], align: &[Align]) -> String {
        let mut out = self.row(columns);
        let rule: Vec<String> = (0..columns.len())
            .map(|i| match align.get(i) {
                Some(Align::Right) => "---:",
                Some(Align::Center) => ":---:",
                _ => "---",
            })
            .map(str::to_string)
            .collect();
        out.push_str(&self.row(&rule));
        out
    }

    fn section_row(&self, markup: &str, width: usize) -> String {
        let mut cells = vec![format!("**{markup}**")];
        cells.resize(width, String::new());
        self.row(&cells)
    }

    fn row(&self, cells: &[String]) -> String {
        let mut out = String::from("|");
        for cell in cells {
            out.push(' ');
            out.push_str(cell);
            out.push_str(" |");
        }
        out.push('\n');
        out
    }

    fn table_end(&self) -> String {
        "\n".to_string()
    }

    /// `[label](<address>)`: between `<` and `>` the address needs no escape but of `<`, `>`,
    /// line breaks and `\\`; `|` (which would split the table cell), `` ` `` (a code span),
    /// `[`, `]` and any other character outside `- . / : ? # @ ! $ ( ) * + , ; = % ~ _ '` are
    /// percent-encoded, `&` written `&amp;`.
    fn external_link(&self, url: &str, label: &str) -> String {
        let url = safe_url(url, |c| "-./:?#@!$()*+,;=%~_'".contains(c));
        format!("[{label}](<{url}>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::export::tests::example;
    use crate::render::export::{ExportDoc, Exporter};

    #[test]
    fn escapes_markup_and_keeps_text_on_one_line() {
        assert_eq!(Markdown.escape("a | b"), r"a \| b");
        assert_eq!(Markdown.escape("*x* [y](z)"), r"\*x\* \[y\](z)");
        assert_eq!(
            Markdown.escape("Self-assessment 27/11/2026"),
            "Self-assessment 27/11/2026"
        );
        assert_eq!(Markdown.escape("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(Markdown.escape("&amp; <b> & x&"), r"\&amp; \<b\> & x&");
        assert_eq!(
            Markdown.escape("&#124; &#x7c; T&S"),
            r"\&\#124; \&\#x7c; T&S"
        );
        assert_eq!(
            Markdown.escape("focus: Generalist"),
            "focus: Generalist",
            "ksb's own text reads cleanly"
        );
        assert_eq!(
            Markdown.escape("https://x.org :tada: a:b end:"),
            r"https\://x.org \:tada: a\:b end\:"
        );
        assert_eq!(Markdown.escape("Zoë\u{7}"), "Zoë\u{fffd}");
    }

    #[test]
    fn link_addresses_stay_in_their_cell_and_their_link() {
        assert_eq!(
            Markdown.external_link("https://example.org/a|b`c[d]e<f>g\\h?x=1&y=2", "x"),
            "[x](<https://example.org/a%7Cb%60c%5Bd%5De%3Cf%3Eg%5Ch?x=1&amp;y=2>)"
        );
        assert_eq!(Markdown.page_link("Tech:Swift", "label"), "label");
    }

    #[test]
    fn sheet_snapshot() {
        let (standard, sheet) = example();
        let doc = ExportDoc {
            standard: &standard,
            sheet: Some(&sheet),
            notes: true,
            summary: true,
        };
        let text = String::from_utf8(Markdown.export(&doc).unwrap()).unwrap();
        insta::assert_snapshot!(text);
    }
}
