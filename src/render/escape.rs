//! Making user text (titles, descriptions, usernames, notes) safe inside markup.

/// Every character that means something somewhere in wikitext: entities and tags (`& < >`),
/// links and templates (`[ ] { }`), table cells (`| !`), bold and italics (`'`), signatures
/// (`~`), headings and template arguments (`=`), lists and indents (`* # : ;`), rules (`-`),
/// behaviour switches such as `__TOC__` (`_`), and line breaks, which end a cell or a line.
const WIKITEXT_SIGNIFICANT: &[char] = &[
    '&', '<', '>', '[', ']', '{', '}', '|', '!', '\'', '~', '=', '*', '#', ':', ';', '-', '_',
    '\n', '\r',
];

/// `text` with every markup-significant character written as a numeric character reference
/// (`|` becomes `&#124;`), so the wiki shows it as typed and it can never open a link, a
/// template or a table cell.
pub fn wikitext(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if WIKITEXT_SIGNIFICANT.contains(&c) {
            out.push_str(&format!("&#{};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that mean something inside a CommonMark line or a GitHub table cell (escapes,
/// code, emphasis, links, HTML and entities, headings, cells, strikethrough), escaped with a
/// backslash. Reports never start a line with user text, so list markers need no escape.
const MARKDOWN_SIGNIFICANT: &[char] =
    &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '#', '|', '~'];

/// `text` safe in a Markdown paragraph or table cell: significant characters backslash-escaped
/// and line breaks turned into spaces (a line break would end a table row).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' => out.push(' '),
            c if MARKDOWN_SIGNIFICANT.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikitext_markup_becomes_character_references() {
        assert_eq!(
            wikitext("[[Main Page]] {{tpl|x=1}} ''b'' ~~~~"),
            "&#91;&#91;Main Page&#93;&#93; &#123;&#123;tpl&#124;x&#61;1&#125;&#125; &#39;&#39;b&#39;&#39; &#126;&#126;&#126;&#126;"
        );
        assert_eq!(
            wikitext("<b>&amp;</b>\n* __TOC__ #1; -!"),
            "&#60;b&#62;&#38;amp&#59;&#60;/b&#62;&#10;&#42; &#95;&#95;TOC&#95;&#95; &#35;1&#59; &#45;&#33;"
        );
        assert_eq!(wikitext("Plain text, é (2026)."), "Plain text, é (2026).");
    }

    #[test]
    fn markdown_escapes_and_keeps_rows_on_one_line() {
        assert_eq!(
            markdown("a|b *c* [d](e) <i>&amp;"),
            r"a\|b \*c\* \[d\](e) \<i\>\&amp;"
        );
        assert_eq!(markdown("one\r\ntwo"), "one two");
        assert_eq!(markdown(r"back\slash"), r"back\\slash");
    }
}
