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
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text; never panics).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        Position {
            line: to_u32(line + 1),
            column: to_u32(char_count(self.text, start, offset) + 1),
        }
    }

    /// The text of a 1-based line, without its line break (empty past the end).
    pub fn line_text(&self, line: u32) -> &'a str {
        let Some(&start) = self.line_starts.get((line as usize).saturating_sub(1)) else {
            return "";
        };
        let rest = self.text.get(start..).unwrap_or("");
        rest.split('\n').next().unwrap_or("").trim_end_matches('\r')
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
pub(crate) fn char_count(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end)
        .map_or(end.saturating_sub(start), |s| s.chars().count())
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
    fn offsets_past_the_end_are_clamped() {
        let index = LineIndex::new("a\nb");
        assert_eq!(index.position(99), Position { line: 2, column: 2 });
    }
}
