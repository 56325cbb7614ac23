//! The text being typed at a prompt and the editing keys that change it, apart from any
//! terminal so every edit can be tested. [`super::editor`] draws it.

use console::Key;

/// One change a key makes to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A printable character typed at the cursor.
    Insert(char),
    /// Backspace: the character before the cursor.
    DeleteBack,
    /// Delete: the character under the cursor.
    DeleteForward,
    /// Ctrl-W: the word before the cursor, with the spaces after it.
    DeleteWordBack,
    /// Ctrl-U: everything before the cursor.
    DeleteToStart,
    /// Ctrl-K: everything from the cursor on.
    DeleteToEnd,
    /// Left arrow.
    Left,
    /// Right arrow.
    Right,
    /// Alt-B or Ctrl-Left: to the start of the word before the cursor.
    WordLeft,
    /// Alt-F or Ctrl-Right: past the end of the word after the cursor.
    WordRight,
    /// Home or Ctrl-A.
    Home,
    /// End or Ctrl-E.
    End,
}

/// What a key does at a text prompt: an edit, Enter, or nothing (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Change the line.
    Edit(Edit),
    /// Take the line as it is.
    Enter,
}

/// The action of a key as console reads it; keys that mean nothing here give `None`.
pub fn action(key: &Key) -> Option<Action> {
    let edit = match key {
        Key::Enter => return Some(Action::Enter),
        Key::Char('\u{15}') => Edit::DeleteToStart,
        Key::Char('\u{17}') => Edit::DeleteWordBack,
        Key::Char('\u{0b}') => Edit::DeleteToEnd,
        Key::Char('\u{02}') => Edit::Left,
        Key::Char('\u{06}') => Edit::Right,
        Key::Char(c) if !c.is_control() => Edit::Insert(*c),
        Key::Backspace => Edit::DeleteBack,
        Key::Del => Edit::DeleteForward,
        Key::ArrowLeft => Edit::Left,
        Key::ArrowRight => Edit::Right,
        Key::Home => Edit::Home,
        Key::End => Edit::End,
        Key::UnknownEscSeq(seq) if seq == &['b'] => Edit::WordLeft,
        Key::UnknownEscSeq(seq) if seq == &['f'] => Edit::WordRight,
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// The action of a modified key such as Ctrl-Left, which terminals send as `ESC [ 1 ; m x`:
/// console reads `ESC [ 1 ;` as one unknown sequence and leaves `m` and `x` to be read next.
pub fn modified_action(final_byte: char) -> Option<Action> {
    let edit = match final_byte {
        'C' => Edit::WordRight,
        'D' => Edit::WordLeft,
        'H' => Edit::Home,
        'F' => Edit::End,
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// The sequence console gives for the start of a modified key (see [`modified_action`]).
pub fn starts_modified_key(key: &Key) -> bool {
    matches!(key, Key::UnknownEscSeq(seq) if seq == &['[', '1', ';'])
}

/// A line of text and the cursor in it (an index in characters, `0..=len`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    chars: Vec<char>,
    cursor: usize,
}

impl Line {
    /// A line holding `text`, the cursor at its end (ready to type more or to clear it).
    pub fn new(text: &str) -> Line {
        let chars: Vec<char> = text.chars().collect();
        let cursor = chars.len();
        Line { chars, cursor }
    }

    /// The characters of the line.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The line as text.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Where the cursor is, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Applies one edit.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Insert(c) => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            Edit::DeleteBack if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Edit::DeleteForward if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Edit::DeleteWordBack => {
                let start = self.word_start();
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Edit::DeleteToStart => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            Edit::DeleteToEnd => self.chars.truncate(self.cursor),
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Edit::WordLeft => self.cursor = self.word_start(),
            Edit::WordRight => self.cursor = self.word_end(),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.chars.len(),
            Edit::DeleteBack | Edit::DeleteForward => {}
        }
    }

    /// Where the word before the cursor starts: back over spaces, then over the word.
    fn word_start(&self) -> usize {
        let before = &self.chars[..self.cursor];
        let spaces = before
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        let word = before[..before.len() - spaces]
            .iter()
            .rev()
            .take_while(|c| !c.is_whitespace())
            .count();
        self.cursor - spaces - word
    }

    /// Where the word after the cursor ends: on over spaces, then over the word.
    fn word_end(&self) -> usize {
        let after = &self.chars[self.cursor..];
        let spaces = after.iter().take_while(|c| c.is_whitespace()).count();
        let word = after[spaces..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .count();
        self.cursor + spaces + word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, edits: &[Edit]) -> (String, usize) {
        let mut line = Line::new(text);
        for &edit in edits {
            line.apply(edit);
        }
        (line.text(), line.cursor())
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        assert_eq!(
            edited("ac", &[Edit::Left, Edit::Insert('b')]),
            ("abc".into(), 2)
        );
        assert_eq!(
            edited("world", &[Edit::Home, Edit::Insert('a'), Edit::Insert(' ')]),
            ("a world".into(), 2)
        );
    }

    #[test]
    fn ctrl_u_clears_a_prefilled_line_at_once() {
        assert_eq!(
            edited("Ran the Swift rebalance", &[Edit::DeleteToStart]),
            (String::new(), 0)
        );
        assert_eq!(
            edited("keep this", &[Edit::WordLeft, Edit::DeleteToStart]),
            ("this".into(), 0)
        );
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor_and_its_spaces() {
        assert_eq!(
            edited("one two  ", &[Edit::DeleteWordBack]),
            ("one ".into(), 4)
        );
        assert_eq!(
            edited("one two", &[Edit::DeleteWordBack, Edit::DeleteWordBack]),
            (String::new(), 0)
        );
        assert_eq!(
            edited("one two", &[Edit::Left, Edit::Left, Edit::DeleteWordBack]),
            ("one wo".into(), 4)
        );
        assert_eq!(edited("", &[Edit::DeleteWordBack]), (String::new(), 0));
    }

    #[test]
    fn home_end_and_word_moves() {
        assert_eq!(edited("abc", &[Edit::Home]), ("abc".into(), 0));
        assert_eq!(edited("abc", &[Edit::Home, Edit::End]), ("abc".into(), 3));
        assert_eq!(edited("one two", &[Edit::WordLeft]), ("one two".into(), 4));
        assert_eq!(
            edited("one two", &[Edit::Home, Edit::WordRight]),
            ("one two".into(), 3)
        );
        assert_eq!(
            edited("one two", &[Edit::Home, Edit::WordRight, Edit::WordRight]),
            ("one two".into(), 7)
        );
    }

    #[test]
    fn deleting_and_moving_stop_at_the_ends() {
        assert_eq!(
            edited("ab", &[Edit::Home, Edit::DeleteBack, Edit::Left]),
            ("ab".into(), 0)
        );
        assert_eq!(
            edited("ab", &[Edit::DeleteForward, Edit::Right]),
            ("ab".into(), 2)
        );
        assert_eq!(
            edited("abc", &[Edit::Home, Edit::Right, Edit::DeleteToEnd]),
            ("a".into(), 1)
        );
        assert_eq!(
            edited("abc", &[Edit::Home, Edit::DeleteForward]),
            ("bc".into(), 0)
        );
        assert_eq!(edited("zoë", &[Edit::DeleteBack]), ("zo".into(), 2));
    }

    #[test]
    fn keys_map_to_edits() {
        let edit = |key: Key| action(&key);
        assert_eq!(
            edit(Key::Char('\u{15}')),
            Some(Action::Edit(Edit::DeleteToStart))
        );
        assert_eq!(
            edit(Key::Char('\u{17}')),
            Some(Action::Edit(Edit::DeleteWordBack))
        );
        assert_eq!(edit(Key::Home), Some(Action::Edit(Edit::Home)));
        assert_eq!(edit(Key::End), Some(Action::Edit(Edit::End)));
        assert_eq!(edit(Key::Char('ë')), Some(Action::Edit(Edit::Insert('ë'))));
        assert_eq!(edit(Key::Enter), Some(Action::Enter));
        assert_eq!(edit(Key::Char('\u{07}')), None);
        assert_eq!(edit(Key::Tab), None);
        assert_eq!(edit(Key::ArrowUp), None);
        assert!(starts_modified_key(&Key::UnknownEscSeq(vec![
            '[', '1', ';'
        ])));
        assert_eq!(modified_action('D'), Some(Action::Edit(Edit::WordLeft)));
        assert_eq!(modified_action('A'), None);
    }
}
