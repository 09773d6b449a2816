//! What every tree-sitter extractor reads off a node: its text and its span in plugdep's
//! coordinates (1-based lines, columns in characters).

use tree_sitter::{Node, Point};

use crate::location::{Position, Span, char_count, to_u32};

/// The source text of `node` (empty if the range is not on a character boundary, which a
/// tree over valid UTF-8 never produces).
pub(crate) fn node_text<'s>(node: Node<'_>, text: &'s str) -> &'s str {
    text.get(node.byte_range()).unwrap_or("")
}

/// The span of `node`.
pub(crate) fn span(node: Node<'_>, text: &str) -> Span {
    Span {
        start: position(text, node.start_byte(), node.start_position()),
        end: position(text, node.end_byte(), node.end_position()),
    }
}

/// The position of `byte`, whose tree-sitter point is `point`: tree-sitter counts columns
/// in bytes, plugdep in characters.
pub(crate) fn position(text: &str, byte: usize, point: Point) -> Position {
    let line_start = byte.saturating_sub(point.column);
    Position {
        line: to_u32(point.row + 1),
        column: to_u32(char_count(text, line_start, byte) + 1),
    }
}
