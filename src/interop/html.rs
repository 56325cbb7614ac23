//! Text in and out of the HTML a Moodle description holds (description format 1).
//!
//! [`to_html`] writes text so that [`to_text`] gives it back exactly; [`to_text`] reads any
//! description as a browser shows it: tags dropped, `<br>` a line break, a new paragraph a blank
//! line, runs of white space one space, entities decoded.

/// `text` as HTML: `& < > "` escaped, line breaks as `<br>`, and every space a browser would
/// fold (leading, trailing, doubled, next to a line break) and every other control character as
/// a character reference.
pub fn to_html(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let folds = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            ' ' if !folds(i.checked_sub(1).and_then(|p| chars.get(p)))
                && !folds(chars.get(i + 1)) =>
            {
                out.push(' ')
            }
            c if c.is_whitespace() || c.is_control() => {
                out.push_str(&format!("&#{};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    if text.ends_with('\n') {
        // A browser shows no line break at the end of a paragraph: one more keeps the last.
        out.push_str("<br>");
    }
    out
}

/// Whether what follows a `<br>` ends its paragraph, so that a browser shows no line for it.
fn closes_block(rest: &str) -> bool {
    let rest = rest.trim_start().as_bytes();
    let head = rest[..rest.len().min(5)].to_ascii_lowercase();
    head.is_empty()
        || head.starts_with(b"</p")
        || head.starts_with(b"</div")
        || head.starts_with(b"</li")
}

/// The text a browser shows for `html`.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pending_space = false;
    // The end of what was text or `<br>`, not a paragraph's break: the text ends there.
    let mut content_end = 0;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let (tag, end) = match rest.find('>') {
                Some(close) => (&rest[1..close], close + 1),
                None => (&rest[1..], rest.len()),
            };
            let tag = tag.trim().to_ascii_lowercase();
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            match name.as_str() {
                "br" if closes_block(&rest[end..]) => {}
                "br" => {
                    out.push('\n');
                    content_end = out.len();
                    pending_space = false;
                }
                "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table"
                | "blockquote" => {
                    block_break(&mut out, 2);
                    pending_space = false;
                }
                "li" | "tr" | "dt" | "dd" if !tag.starts_with('/') => {
                    block_break(&mut out, 1);
                    pending_space = false;
                }
                _ => {}
            }
            rest = &rest[end..];
        } else if c.is_whitespace() {
            let end = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            pending_space = true;
            rest = &rest[end..];
        } else {
            if pending_space && !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            pending_space = false;
            if c == '&' {
                let (decoded, used) = entity(rest);
                out.push_str(&decoded);
                rest = &rest[used..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
            content_end = out.len();
        }
    }
    out.truncate(content_end);
    out
}

/// Ends the text so far with `lines` line breaks (none at the very start).
fn block_break(out: &mut String, lines: usize) {
    if out.is_empty() {
        return;
    }
    // Only the last `lines` bytes matter: however many breaks the text ends with, this looks
    // at no more of it.
    let have = out
        .bytes()
        .rev()
        .take(lines)
        .take_while(|&b| b == b'\n')
        .count();
    for _ in have..lines {
        out.push('\n');
    }
}

/// The character reference at the start of `text` (which begins with `&`): what it stands for
/// and how many bytes it takes; an `&` that starts none stands for itself.
fn entity(text: &str) -> (String, usize) {
    let end = text
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i);
    let Some(end) = end else {
        return ("&".to_string(), 1);
    };
    let name = &text[1..end];
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => None,
    };
    let numeric = || {
        let number = name.strip_prefix('#')?;
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value)
    };
    match named.or_else(numeric) {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".to_string(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_exactly() {
        for text in [
            "plain",
            "  two  spaces \n\n and <b>tags</b> & \"quotes\" ",
            "tab\there\r\n",
            "",
            " ",
            "a\n b",
            "&amp; literally",
        ] {
            assert_eq!(to_text(&to_html(text)), text, "{text:?}");
        }
    }

    #[test]
    fn moodle_descriptions_read_as_a_browser_shows_them() {
        assert_eq!(
            to_text("<p>Analytical Thinking is the ability to identify\npatterns across situations.<br></p>"),
            "Analytical Thinking is the ability to identify patterns across situations."
        );
        assert_eq!(
            to_text("<p>One</p><p>• Two <br>• Three&nbsp;&#8211; four</p>"),
            "One\n\n• Two\n• Three\u{a0}– four"
        );
        assert_eq!(to_text("a & b &bogus; <unclosed"), "a & b &bogus;");
    }

    #[test]
    fn hostile_markup_takes_time_in_proportion_to_its_length() {
        // Each of these looked at the rest of the text once per tag before; now each byte
        // is looked at a bounded number of times (a slow version would not finish here).
        let brs = "<br>".repeat(500_000);
        assert_eq!(to_text(&brs).len(), 500_000 - 1);
        let paragraphs = format!("a{}{}", "<br>".repeat(200_000), "<p>".repeat(200_000));
        assert_eq!(to_text(&paragraphs).len(), 1 + 200_000);
        let opens = "<".repeat(1_000_000);
        assert_eq!(to_text(&opens), "");
        let entities = "&".repeat(1_000_000);
        assert_eq!(to_text(&entities).len(), 1_000_000);
    }
}
