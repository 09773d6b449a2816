//! Positions in files: 1-based lines and 1-based columns counted in characters.
//!
//! Every fact and finding carries a [`Span`] (or a [`Location`], a span with its file),
//! so that a diagnostic can point at the exact text. Columns count Unicode scalar values,
//! not bytes, so that a column means the same in every editor that counts characters.

use serde::{Deserialize, Serialize};

/// A point in a text: 1-based line and 1-based column (in characters).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// A range of text between two positions (the end is exclusive).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// The first character.
    pub start: Position,
    /// Just past the last character.
    pub end: Position,
}

/// A span in a file. `file` is relative to the scanned root, with `/` separators.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file, relative to the root, with `/`.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based column of the end (exclusive), in characters.
    pub end_column: u32,
}

impl Location {
    /// A location covering `span` in `file`.
    pub fn new(file: impl Into<String>, span: Span) -> Self {
        Location {
            file: file.into(),
            line: span.start.line,
            column: span.start.column,
            end_line: span.end.line,
            end_column: span.end.column,
        }
    }

    /// The start of a file: used for findings about a file as a whole.
    pub fn file_start(file: impl Into<String>) -> Self {
        let start = Position { line: 1, column: 1 };
        Location::new(file, Span { start, end: start })
    }

    /// The span part of this location.
    pub fn span(&self) -> Span {
        Span {
            start: Position {
                line: self.line,
                column: self.column,
            },
            end: Position {
                line: self.end_line,
                column: self.end_column,
            },
        }
    }
}

/// Converts byte offsets of one text into [`Position`]s.
///
/// ```
/// use plugdep_analyzer::location::{LineIndex, Position};
/// let index = LineIndex::new("ab\nçd");
/// assert_eq!(index.position(4), Position { line: 2, column: 2 });
/// ```
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    chars: CharIndex,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            line_starts,
            chars: CharIndex::new(text),
        }
    }

    /// The position of byte `offset` (clamped to the text; never panics).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        Position {
            line: to_u32(line + 1),
            column: to_u32(self.chars.between(self.text, start, offset) + 1),
        }
    }

    /// The text of a 1-based line, without its line break (empty past the end).
    pub fn line_text(&self, line: u32) -> &'a str {
        let line = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(line) else {
            return "";
        };
        // The next line's start, not a search for the line break: a minified file is one
        // line of megabytes, and this is called once per fact.
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// The span between two byte offsets.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.position(start),
            end: self.position(end),
        }
    }
}

/// Characters between two byte offsets; counts bytes where the offsets are not on
/// character boundaries (they always are for text that came from a `&str` parser).
///
/// Inside [`with_char_index`] for the same `text`, a long range costs at most
/// [`CHAR_CHUNK`] bytes of counting instead of its whole length: a minified file is one
/// line of megabytes with thousands of facts on it, and counting each fact's column from
/// the line start would be quadratic.
pub(crate) fn char_count(text: &str, start: usize, end: usize) -> usize {
    let Some(slice) = text.get(start..end) else {
        return end.saturating_sub(start);
    };
    if slice.len() <= 2 * CHAR_CHUNK {
        return slice.chars().count();
    }
    let indexed = ACTIVE_CHAR_INDEX.with(|active| {
        let active = active.borrow();
        active
            .as_ref()
            .filter(|(ptr, len, _)| *ptr == text.as_ptr() as usize && *len == text.len())
            .map(|(_, _, index)| index.between(text, start, end))
    });
    indexed.unwrap_or_else(|| slice.chars().count())
}

/// Runs `f` with a character index of `text` in place, so that every [`char_count`] on
/// `text` (the same string, by address and length) inside `f` is fast on long lines.
///
/// The index is keyed by the address of a string that `f`'s caller keeps borrowed for the
/// whole call, so no other text can be at that address meanwhile. Calls nest; the previous
/// index is restored afterwards (also when `f` unwinds).
pub(crate) fn with_char_index<R>(text: &str, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<(usize, usize, CharIndex)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            ACTIVE_CHAR_INDEX.with(|active| *active.borrow_mut() = previous);
        }
    }
    let index = (text.as_ptr() as usize, text.len(), CharIndex::new(text));
    let _restore = Restore(ACTIVE_CHAR_INDEX.with(|active| active.replace(Some(index))));
    f()
}

thread_local! {
    /// The index [`with_char_index`] put in place: (address, length, index) of its text.
    static ACTIVE_CHAR_INDEX: std::cell::RefCell<Option<(usize, usize, CharIndex)>> =
        const { std::cell::RefCell::new(None) };
}

/// Bytes between two checkpoints of a [`CharIndex`].
const CHAR_CHUNK: usize = 256;

/// How many characters start before every [`CHAR_CHUNK`]-th byte of a text, so that the
/// characters between two offsets cost at most two chunks of counting.
struct CharIndex {
    before_chunk: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut before_chunk = Vec::with_capacity(text.len() / CHAR_CHUNK + 1);
        let mut total = 0;
        for chunk in text.as_bytes().chunks(CHAR_CHUNK) {
            before_chunk.push(total);
            total += char_starts(chunk);
        }
        // The end of a text whose length is a multiple of the chunk is a chunk start too.
        before_chunk.push(total);
        CharIndex { before_chunk }
    }

    /// Characters starting in `[0, offset)` of `text` (the text this index was built from).
    fn before(&self, text: &str, offset: usize) -> usize {
        let chunk = offset / CHAR_CHUNK;
        let from = chunk * CHAR_CHUNK;
        self.before_chunk.get(chunk).copied().unwrap_or(0)
            + char_starts(text.as_bytes().get(from..offset).unwrap_or(&[]))
    }

    /// Characters in `[start, end)`, both on character boundaries of `text`.
    fn between(&self, text: &str, start: usize, end: usize) -> usize {
        if end.saturating_sub(start) <= 2 * CHAR_CHUNK {
            return char_count(text, start, end);
        }
        self.before(text, end)
            .saturating_sub(self.before(text, start))
    }
}

/// Bytes that start a character (every byte but UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let index = LineIndex::new("é = 1;\nlet ü = \"x\";\n");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        // 'é' is two bytes: byte 2 is the second character.
        assert_eq!(index.position(2), Position { line: 1, column: 2 });
        // "é = 1;\n" is 8 bytes: line 2 starts at byte 8
        assert_eq!(index.position(8), Position { line: 2, column: 1 });
        // byte 14 is right after "let ü" (ü is two bytes) → column 6
        assert_eq!(index.position(14), Position { line: 2, column: 6 });
    }

    #[test]
    fn long_lines_count_characters_through_the_index() {
        // One line of 100,000 characters, a third of them two bytes long.
        let text: String = (0..100_000)
            .map(|i| if i % 3 == 0 { 'é' } else { 'a' })
            .collect();
        let index = LineIndex::new(&text);
        for chars in [0, 1, 4095, 4096, 8193, 50_000, 99_999, 100_000] {
            let offset: usize = text.chars().take(chars).map(char::len_utf8).sum();
            let want = Position {
                line: 1,
                column: to_u32(chars + 1),
            };
            assert_eq!(index.position(offset), want, "{chars} characters");
            let direct = char_count(&text, 0, offset);
            let through = with_char_index(&text, || char_count(&text, 0, offset));
            assert_eq!((direct, through), (chars, chars));
        }
        assert_eq!(index.line_text(1).len(), text.len());
        assert_eq!(index.line_text(2), "");
    }

    #[test]
    fn the_end_of_a_text_a_multiple_of_the_chunk_long_is_indexed() {
        // Found by fuzzing: the end offset of such a text fell past the last checkpoint.
        for len in [CHAR_CHUNK * 3, CHAR_CHUNK * 4 + 1] {
            let text = "é".repeat(len / 2) + &"a".repeat(len % 2);
            let index = LineIndex::new(&text);
            let chars = text.chars().count();
            assert_eq!(
                index.position(text.len()).column,
                to_u32(chars + 1),
                "{len}"
            );
            assert_eq!(index.position(2).column, 2);
        }
    }

    #[test]
    fn line_text_stops_at_the_line_break() {
        let index = LineIndex::new("a\r\nbc\n\nd");
        let lines: Vec<&str> = (1..=5).map(|l| index.line_text(l)).collect();
        assert_eq!(lines, ["a", "bc", "", "d", ""]);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let index = LineIndex::new("a\nb");
        assert_eq!(index.position(99), Position { line: 2, column: 2 });
    }
}
