//! The text a person sees in a piece of wikitext: markup taken out, character references
//! decoded. It reverses [`crate::render::wikitext::escape`] exactly, and reads the markup people
//! put in hand-filled cells (bold scores, links, `<br>`, comments).
//!
//! Every step is one pass over the text: no search runs twice over the same bytes, so hostile
//! input (thousands of unclosed `<`, `[[` or `<!--`) costs time in proportion to its length.

/// The text of one cell or header value: comments removed, `<br>` as a line break, bold and
/// italic quotes removed, `[[target|label]]` as its label, `[url label]` as its label, other
/// HTML tags removed (their content kept), `<nowiki>` content literal, and character
/// references (`&amp;`, `&#124;`, `&#x7C;`, `&ndash;`, …) decoded.
pub fn plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut finder = Finder::new(raw);
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        match bytes[i] {
            b'<' => {
                if let Some(next) = tag(rest, i, &mut finder, &mut out) {
                    i = next;
                    continue;
                }
            }
            b'&' => {
                if let Some((c, len)) = reference(rest) {
                    out.push(c);
                    i += len;
                    continue;
                }
            }
            b'\'' if rest.starts_with("''") => {
                i += rest.bytes().take_while(|&b| b == b'\'').count();
                continue;
            }
            b'[' => {
                if let Some(next) = link(rest, i, &mut finder, &mut out) {
                    i = next;
                    continue;
                }
            }
            _ => {}
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Finds the next occurrence of a closing marker after a position, remembering the answer so
/// that many openers before one closer (or before none) search the text only once.
struct Finder<'a> {
    text: &'a str,
    cache: Vec<(&'static str, usize, Option<usize>)>,
}

impl<'a> Finder<'a> {
    fn new(text: &'a str) -> Self {
        Finder {
            text,
            cache: Vec::new(),
        }
    }

    /// The offset of the first `needle` at or after `from`.
    fn next(&mut self, needle: &'static str, from: usize) -> Option<usize> {
        if let Some(entry) = self.cache.iter_mut().find(|(n, _, _)| *n == needle) {
            let (_, searched_from, found) = *entry;
            match found {
                None if searched_from <= from => return None,
                Some(at) if searched_from <= from && at >= from => return Some(at),
                _ => {}
            }
            let found = self.text[from..].find(needle).map(|at| at + from);
            *entry = (needle, from, found);
            return found;
        }
        let found = self.text[from..].find(needle).map(|at| at + from);
        self.cache.push((needle, from, found));
        found
    }
}

/// The HTML tags MediaWiki lets through, which a reader sees the content of; any other `<…>`
/// is shown as typed.
const TAGS: [&str; 27] = [
    "abbr", "b", "big", "center", "cite", "code", "del", "div", "em", "font", "i", "ins", "kbd",
    "mark", "p", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u",
    "var",
];

/// Reads markup starting with `<` at offset `at`: a comment, a line break, `<nowiki>`, or one
/// of [`TAGS`] (removed). Returns where reading goes on, or `None` when the `<` is plain text.
fn tag(rest: &str, at: usize, finder: &mut Finder, out: &mut String) -> Option<usize> {
    if rest.starts_with("<!--") {
        // An unclosed comment hides the rest, as MediaWiki hides it.
        return Some(
            finder
                .next("-->", at + 4)
                .map_or(finder.text.len(), |end| end + 3),
        );
    }
    let end = finder.next(">", at)?;
    // A tag is on one line and holds no other `<`.
    if finder.next("<", at + 1).is_some_and(|next| next < end)
        || finder.next("\n", at).is_some_and(|line_end| line_end < end)
    {
        return None;
    }
    let inner = &rest[1..end - at];
    let closing = inner.starts_with('/');
    let after_slash = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = after_slash
        .bytes()
        .take(8)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = after_slash[..name_len].to_ascii_lowercase();
    let tail = &after_slash[name_len..];
    if !(tail.is_empty() || tail == "/" || tail.starts_with(char::is_whitespace)) {
        return None;
    }
    let self_closing = tail.ends_with('/');
    match name.as_str() {
        "br" => out.push('\n'),
        "nowiki" if !closing && !self_closing => {
            let content_start = end + 1;
            let close = finder.next("</nowiki>", content_start)?;
            out.push_str(&decode_references(&finder.text[content_start..close]));
            return Some(close + "</nowiki>".len());
        }
        "nowiki" => {}
        name if TAGS.contains(&name) => {}
        _ => return None,
    }
    Some(end + 1)
}

/// Reads `[[target|label]]` or `[url label]` at offset `at`, writing what the reader sees.
fn link(rest: &str, at: usize, finder: &mut Finder, out: &mut String) -> Option<usize> {
    let on_one_line = |finder: &mut Finder, close: usize| {
        finder
            .next("\n", at)
            .is_none_or(|line_end| line_end > close)
    };
    if rest.starts_with("[[") {
        let close = finder.next("]]", at + 2)?;
        if !on_one_line(finder, close) || finder.next("[[", at + 2).is_some_and(|n| n < close) {
            return None;
        }
        let inner = &finder.text[at + 2..close];
        let shown = match inner.split_once('|') {
            Some((_, label)) => label,
            None => inner.trim_start_matches(':'),
        };
        out.push_str(&plain(shown));
        return Some(close + 2);
    }
    let is_url = ["[http://", "[https://", "[//", "[mailto:"]
        .iter()
        .any(|scheme| {
            rest.len() >= scheme.len()
                && rest.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
        });
    if !is_url {
        return None;
    }
    let close = finder.next("]", at + 1)?;
    if !on_one_line(finder, close) {
        return None;
    }
    let inner = &finder.text[at + 1..close];
    let shown = inner.split_once(' ').map_or(inner, |(_, label)| label);
    out.push_str(&plain(shown));
    Some(close + 1)
}

/// Only the character references of `text` decoded: what `<nowiki>` leaves of markup.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some((c, len)) = rest.starts_with('&').then(|| reference(rest)).flatten() {
            out.push(c);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The character a reference at the start of `text` stands for, and the reference's length.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(34).position(|b| b == b';')?;
    let body = &text[1..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            _ if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            _ => return None,
        };
        char::from_u32(code)?
    } else {
        named(body)?
    };
    Some((c, end + 1))
}

/// The named references people type on wiki pages.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "rarr" => '→',
        "larr" => '←',
        "copy" => '©',
        "eacute" => 'é',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

/// What two texts that mean the same title have in common: letters in lower case, any run of
/// spaces as one space, typographic quotes and dashes as straight ones. Titles on wiki pages
/// are typed by hand, so `Caching &amp; CDN  layers` and `Caching & CDN Layers` are one title
/// (references are decoded by [`plain`] before this).
pub fn match_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => out.push('\''),
                '“' | '”' | '„' | '‟' | '″' => out.push('"'),
                '‐' | '‑' | '‒' | '–' | '—' | '−' => out.push('-'),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::wikitext::escape;

    #[test]
    fn reverses_the_export_escaping() {
        for text in [
            "a || b",
            "{{!}}",
            "[[Main Page]]",
            "https://example.org",
            "~~~~",
            "a &amp; b & c&",
            "<b>x</b>",
            "''x''",
            "__NOTOC__",
            "* x",
            " lead ",
            "ISBN 1234567890",
            "a ! b",
            "two\nlines",
            "don't, it's fine.",
            "<br />",
            "&#124;",
        ] {
            assert_eq!(plain(&escape(text)), text, "{text:?}");
        }
    }

    #[test]
    fn reads_hand_written_markup() {
        assert_eq!(plain("'''2'''"), "2");
        assert_eq!(plain("''N/A''"), "N/A");
        assert_eq!(plain("a<br>b<BR/>c<br />d"), "a\nb\nc\nd");
        assert_eq!(plain("x<!-- hidden -->y"), "xy");
        assert_eq!(plain("x<!-- never closed"), "x");
        assert_eq!(plain("[[User:Alice|Alice]]"), "Alice");
        assert_eq!(
            plain("[[Phorge]] and [[:Category:X]]"),
            "Phorge and Category:X"
        );
        assert_eq!(plain("[https://example.org the site]"), "the site");
        assert_eq!(plain("<span style=\"color:red\">3</span>"), "3");
        assert_eq!(plain("<nowiki>''x''</nowiki>"), "''x''");
        assert_eq!(
            plain("Caching &amp; CDN &ndash; &#x41;&#65;"),
            "Caching & CDN – AA"
        );
        assert_eq!(plain("a < b > c"), "a < b > c");
        assert_eq!(plain("&unknown; &#xZZ; &#;"), "&unknown; &#xZZ; &#;");
        assert_eq!(plain("[[unclosed"), "[[unclosed");
        assert_eq!(plain("<nowiki>unclosed"), "<nowiki>unclosed");
        assert_eq!(plain("<foo>x</foo> <a <b>"), "<foo>x</foo> <a ");
    }

    #[test]
    fn hostile_markup_is_read_in_one_pass() {
        for piece in [
            "<",
            "<a",
            "[[",
            "[http://",
            "<!-- x -->",
            "&#",
            "<nowiki>",
            "''",
        ] {
            let text = piece.repeat(200_000);
            let read = plain(&text);
            // Reading markup only takes away (tags, comments, brackets) or shortens
            // (entities): it never adds text.
            assert!(read.len() <= text.len(), "{piece:?}: grew");
        }
        assert_eq!(
            plain(&"<!-- x -->".repeat(200_000)),
            "",
            "comments are dropped"
        );
        assert_eq!(
            plain(&"[[".repeat(200_000)),
            "[[".repeat(200_000),
            "unclosed links stay"
        );
    }

    #[test]
    fn titles_match_ignoring_case_spacing_quotes_and_dashes() {
        assert_eq!(
            match_key("  Miraheze’s  “Consensus–First”\tWAY "),
            match_key("miraheze's \"consensus-first\" way")
        );
        assert_ne!(match_key("Web Security"), match_key("Web Securities"));
    }
}
