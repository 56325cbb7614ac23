//! MediaWiki wikitext: the participant sheet as the programme's wiki page writes it, ready to
//! paste into a page.

use super::markup::{colon_could_be_markup, could_start_reference, safe_url, MarkupExporter};

pub mod picture;

/// Writes the export document as wikitext: `== headings ==`, `*` lists and one
/// `{| class="wikitable"` table with a full-width header row before each category.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wikitext;

impl MarkupExporter for Wikitext {
    fn escape(&self, text: &str) -> String {
        escape(text)
    }

    fn heading(&self, level: usize, markup: &str) -> String {
        let marks = "=".repeat(level);
        format!("{marks} {markup} {marks}\n\n")
    }

    fn paragraph(&self, markup: &str) -> String {
        format!("{markup}\n\n")
    }

    fn list(&self, items: &[String]) -> String {
        let mut out: String = items.iter().map(|item| format!("* {item}\n")).collect();
        out.push('\n');
        out
    }

    fn table_start(&self, columns: &[String]) -> String {
        format!("{{| class=\"wikitable\"\n! {}\n", columns.join(" !! "))
    }

    fn no_contents(&self) -> String {
        "__NOTOC__\n".to_string()
    }

    fn section_row(&self, markup: &str, width: usize) -> String {
        format!("|-\n! colspan=\"{width}\" | {markup}\n")
    }

    fn row(&self, cells: &[String]) -> String {
        let mut out = String::from("|-\n");
        for cell in cells {
            if cell.is_empty() {
                out.push_str("|\n");
            } else {
                out.push_str(&format!("| {cell}\n"));
            }
        }
        out
    }

    fn table_end(&self) -> String {
        "|}\n\n".to_string()
    }

    /// `[address label]`, the address with every character that MediaWiki could read as markup
    /// (or as the end of the address) percent-encoded: see [`link_address`].
    fn external_link(&self, url: &str, label: &str) -> String {
        format!("[{} {label}]", link_address(url))
    }

    /// `[[:Title|label]]`: the leading colon links a `Category:` or `File:` page rather than
    /// putting the page in the category or showing the file.
    fn page_link(&self, title: &str, label: &str) -> String {
        format!("[[:{}|{label}]]", link_target(title))
    }
}

/// An address as the first part of an external link `[address label]`: letters, digits and
/// `- . / : ? # @ ! $ ( ) * + , ; = %` as they are; `&` as `&amp;`; everything else
/// percent-encoded, among it what would end the address (`]`, `[`, `<`, `>`, `"`, spaces),
/// split a table cell (`|`), open a template (`{{`), sign (`~~~`), make bold or italics (`''`)
/// or a behaviour switch (`__NOTOC__`). MediaWiki's own normalisation of the address decodes
/// the ones that need no encoding again.
pub fn link_address(url: &str) -> String {
    safe_url(url, |c| "-./:?#@!$()*+,;=%".contains(c))
}

/// A page title as the target of an internal link: letters, digits, spaces, non-ASCII and
/// `: / - . , ( )` as they are, every other character as a character reference, which
/// MediaWiki decodes in a link's target (so `''`, `__NOTOC__`, `%41` or `&amp;` in a title
/// stay what they are).
pub fn link_target(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric()
            || c == ' '
            || (!c.is_ascii() && !c.is_control())
            || ":/-.,()".contains(c)
        {
            out.push(c);
        } else {
            out.push_str(&format!("&#{};", u32::from(c)));
        }
    }
    out
}

/// Escapes text so that MediaWiki shows exactly the characters typed, wherever the result
/// sits on one line: a table cell, a header cell, a list item or a heading.
///
/// Markup-significant characters become character references (`&#124;`, `&lt;`, …), which the
/// parser never reads as markup and the browser shows as the character. `{{!}}` is no escape:
/// it is a magic word that becomes a real cell separator. The output never holds:
/// - a raw `< > [ ] { } | ~` (tags, links, templates, `{|` tables, cell separators and
///   attributes, signatures);
/// - a raw `&` that could start a character reference (`&amp;`, `&#124;`: a name or number
///   closed by `;`), or a raw `:` before anything but a space or a line break (every
///   free-link protocol such as `https:` or `mailto:` is followed by its address), so ksb's
///   own `T&S` and `focus: …` stay as they are;
/// - a raw doubled `''`, `__` or `!!` (bold and italics, behaviour switches like
///   `__NOTOC__`, header-cell separators);
/// - a raw line break: `\n`, `\r\n` and `\r` become `<br />`, so a note keeps its row;
/// - markup-significant punctuation or whitespace as the first or last character (line-start
///   markup such as `*`, `#`, `=`, `-`, a leading space, text a cell would trim, or text that
///   could join the wikitext around it), except the harmless `( ) . , " /`;
/// - a space that MediaWiki's French spacing would turn into a no-break space (before
///   `? : ; ! % » ›` or after `« ‹`), or `ISBN`, `RFC`, `PMID` followed by a space (magic
///   links).
///
/// Characters HTML cannot carry (C0 controls other than tab and line breaks, DELETE and the
/// C1 controls) become U+FFFD.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = normalise_line_breaks(text).chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            out.push_str("<br />");
        } else if is_unrepresentable(c) {
            out.push(char::REPLACEMENT_CHARACTER);
        } else if must_escape(&chars, i) {
            push_reference(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

fn normalise_line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn is_unrepresentable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Whether the character at `i` must become a character reference.
fn must_escape(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    if c == '&' {
        return could_start_reference(&chars[i + 1..]);
    }
    if c == ':' && i > 0 && i + 1 < chars.len() {
        // A free link's protocol (`https:`, `mailto:`) is always followed by its address, which
        // may begin with a character reference: a space after the `:` keeps it raw only when
        // the space itself is written raw.
        return colon_could_be_markup(next) || (next == Some(' ') && must_escape(chars, i + 1));
    }
    if matches!(c, '<' | '>' | '[' | ']' | '{' | '}' | '|' | '~' | ':') {
        return true;
    }
    if matches!(c, '\'' | '_' | '!') && (prev == Some(c) || next == Some(c)) {
        return true;
    }
    let at_edge = i == 0 || i + 1 == chars.len();
    let harmless_at_edge = matches!(c, '(' | ')' | '.' | ',' | '"' | '/');
    if at_edge
        && !harmless_at_edge
        && (c.is_ascii_punctuation() || c.is_whitespace() || matches!(c, '«' | '»' | '‹' | '›'))
    {
        return true;
    }
    if c.is_whitespace()
        && (matches!(next, Some('?' | ':' | ';' | '!' | '%' | '»' | '›'))
            || matches!(prev, Some('«' | '‹')))
    {
        return true;
    }
    ends_magic_link_keyword(&chars[..i], c) && next.is_none_or(char::is_whitespace)
}

/// Whether `c` completes `ISBN`, `RFC` or `PMID` after `before`.
fn ends_magic_link_keyword(before: &[char], c: char) -> bool {
    match c {
        'N' => before.ends_with(&['I', 'S', 'B']),
        'C' => before.ends_with(&['R', 'F']),
        'D' => before.ends_with(&['P', 'M', 'I']),
        _ => false,
    }
}

fn push_reference(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        _ => out.push_str(&format!("&#{};", u32::from(c))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::export::tests::example;
    use crate::render::export::{ExportDoc, Exporter};

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_eq!(escape("Alice Smith 42"), "Alice Smith 42");
        assert_eq!(escape("Infra (Caching/CDN)"), "Infra (Caching/CDN)");
        assert_eq!(escape("don't, it's fine."), "don't, it's fine.");
        assert_eq!(escape("مرحبا 👋 e\u{301}"), "مرحبا 👋 e\u{301}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a || b"), "a &#124;&#124; b");
        assert_eq!(escape("{{!}}"), "&#123;&#123;!&#125;&#125;");
        assert_eq!(escape("[[Main Page]]"), "&#91;&#91;Main Page&#93;&#93;");
        assert_eq!(escape("https://example.org"), "https&#58;//example.org");
        assert_eq!(escape("~~~~"), "&#126;&#126;&#126;&#126;");
        assert_eq!(escape("a &amp; b & c&"), "a &amp;amp; b & c&");
        assert_eq!(escape("&#124;x &#x7C;x"), "&amp;#124;x &amp;#x7C;x");
        assert_eq!(escape("RfCs, T&S, Stewards"), "RfCs, T&S, Stewards");
        assert_eq!(escape("focus: Generalist"), "focus: Generalist");
        assert_eq!(
            escape("mailto:a tel:1 a:b"),
            "mailto&#58;a tel&#58;1 a&#58;b"
        );
        assert_eq!(escape("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;");
        assert_eq!(escape("''x''"), "&#39;&#39;x&#39;&#39;");
        assert_eq!(escape("__NOTOC__"), "&#95;&#95;NOTOC&#95;&#95;");
        assert_eq!(escape("a_b Hi! Bye!!"), "a_b Hi! Bye&#33;&#33;");
        assert_eq!(escape("* x"), "&#42; x");
        assert_eq!(escape(" lead "), "&#32;lead&#32;");
        assert_eq!(escape("ISBN 1234567890"), "ISB&#78; 1234567890");
        assert_eq!(escape("a ! b"), "a&#32;! b");
    }

    #[test]
    fn line_breaks_become_br_and_controls_go() {
        assert_eq!(escape("a\r\nb\rc\nd"), "a<br />b<br />c<br />d");
        assert_eq!(escape("a\u{1}b\u{7f}c\td"), "a\u{fffd}b\u{fffd}c\td");
    }

    #[test]
    fn link_addresses_and_targets_hold_no_markup() {
        assert_eq!(
            link_address("https://example.org/a]b[c?q='''x'''&amp;y=__A__~~~~|z\"<>"),
            "https://example.org/a%5Db%5Bc?q=%27%27%27x%27%27%27&amp;amp;y=%5F%5FA%5F%5F%7E%7E%7E%7E%7Cz%22%3C%3E"
        );
        assert_eq!(
            link_address("https://example.org/wiki/Tech:Swift?a=1&b=2#top"),
            "https://example.org/wiki/Tech:Swift?a=1&amp;b=2#top"
        );
        assert_eq!(
            link_address("https://example.org/Zoë"),
            "https://example.org/Zo%C3%AB"
        );
        assert_eq!(
            link_target("Category:A''b'' __NOTOC__ &amp; %41"),
            "Category:A&#39;&#39;b&#39;&#39; &#95;&#95;NOTOC&#95;&#95; &#38;amp&#59; &#37;41"
        );
        assert_eq!(
            link_target("Tech:Runbooks/Swift (old)"),
            "Tech:Runbooks/Swift (old)"
        );
    }

    #[test]
    fn evidence_snapshot() {
        use crate::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
        let (standard, mut sheet) = example();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let links = [
            Some("T12345"),
            Some("miraheze/mw-config#12"),
            Some("[[Tech:Swift]]"),
            Some("https://example.org/a]b"),
            None,
        ];
        for (i, link) in links.into_iter().enumerate() {
            let item = Evidence {
                number: 0,
                text: format!("Item {i} | ''x''"),
                link: link.map(|l| EvidenceLink::parse(l).unwrap()),
                ksbs: vec!["K1".parse().unwrap(), "S2".parse().unwrap()],
                added: day,
                added_by: "ExampleUser".into(),
                verdict: None,
            };
            sheet.add_evidence(&standard, item).unwrap();
        }
        let verdict = Verdict {
            state: VerdictState::Questioned,
            by: "Mentor A".into(),
            date: day,
            comment: Some("which part? ~~~~".into()),
        };
        sheet.set_verdict(2, Some(verdict)).unwrap();
        let doc = ExportDoc {
            standard: &standard,
            sheet: Some(&sheet),
            notes: false,
            summary: false,
        };
        let text = String::from_utf8(Wikitext.export(&doc).unwrap()).unwrap();
        let evidence = &text[text.find("=== Evidence").unwrap()..];
        insta::assert_snapshot!(evidence);
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
        let text = String::from_utf8(Wikitext.export(&doc).unwrap()).unwrap();
        insta::assert_snapshot!(text);
    }

    #[test]
    fn blank_sheet_snapshot() {
        let (standard, _) = example();
        let doc = ExportDoc {
            standard: &standard,
            sheet: None,
            notes: false,
            summary: false,
        };
        let text = String::from_utf8(Wikitext.export(&doc).unwrap()).unwrap();
        insta::assert_snapshot!(text);
    }
}
