//! `// plugdep-ignore-next-line CODE …` comments, in any language with `//` comments
//! (JavaScript, TypeScript, Rust).
//!
//! A suppression is a line comment on a line of its own:
//!
//! ```text
//! // plugdep-ignore-next-line undeclared-dependency
//! // plugdep-ignore-next-line inferred-reference, ambiguous-reference -- hosts install these
//! // plugdep-ignore-next-line
//! ```
//!
//! Codes are separated by spaces or commas; `--` starts a free-text reason; no code at all
//! means every finding on the next line. Whether a code exists is for the pipeline to say
//! (an unknown one is reported there), so that this stays a function of the text alone.
//!
//! Only a comment that starts its line counts: text after code on the same line may be
//! inside a string literal, and telling would need the language's tokenizer. `///` and
//! `//!` (Rust doc comments) do not count either: they document, they do not direct.

use super::Suppression;
use crate::location::{Position, Span, to_u32};

/// The marker that follows `//`.
const MARKER: &str = "plugdep-ignore-next-line";

/// The suppression comments of a file, in source order.
pub(crate) fn suppressions(text: &str) -> Vec<Suppression> {
    // Cheap rejection: most files have none.
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let Some(rest) = line[indent..].strip_prefix("//") else {
            continue;
        };
        let Some(after) = rest.trim_start().strip_prefix(MARKER) else {
            continue;
        };
        // `// plugdep-ignore-next-linex` is not the marker.
        if after
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != ',')
        {
            continue;
        }
        let directive = after.split("--").next().unwrap_or("");
        let codes = directive
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|code| !code.is_empty())
            .map(str::to_string)
            .collect();
        let line_number = to_u32(index + 1);
        let start_column = to_u32(line[..indent].chars().count() + 1);
        let end_column = to_u32(line.trim_end().chars().count() + 1);
        found.push(Suppression {
            codes,
            span: Span {
                start: Position {
                    line: line_number,
                    column: start_column,
                },
                end: Position {
                    line: line_number,
                    column: end_column,
                },
            },
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (codes, line, start column, end column) of each suppression.
    fn summary(text: &str) -> Vec<(Vec<&'static str>, u32, u32, u32)> {
        suppressions(text)
            .into_iter()
            .map(|s| {
                let codes = s
                    .codes
                    .into_iter()
                    .map(|c| &*Box::leak(c.into_boxed_str()))
                    .collect();
                (
                    codes,
                    s.span.start.line,
                    s.span.start.column,
                    s.span.end.column,
                )
            })
            .collect()
    }

    #[test]
    fn codes_reasons_and_blanket_suppressions() {
        let text = "import a from 'a';\n  // plugdep-ignore-next-line undeclared-dependency\nimport b from 'b';\n//plugdep-ignore-next-line a-code,other  third -- because: reasons, more\n\t// plugdep-ignore-next-line\r\nx();\n";
        assert_eq!(
            summary(text),
            vec![
                (vec!["undeclared-dependency"], 2, 3, 52),
                (vec!["a-code", "other", "third"], 4, 1, 73),
                (vec![], 5, 2, 29),
            ]
        );
    }

    #[test]
    fn only_line_comments_that_start_their_line() {
        let text = "f(); // plugdep-ignore-next-line x\nconst s = '// plugdep-ignore-next-line y';\n/// plugdep-ignore-next-line z\n//! plugdep-ignore-next-line z\n/* plugdep-ignore-next-line z */\n// plugdep-ignore-next-lines z\n// see plugdep-ignore-next-line z\n";
        assert_eq!(summary(text), vec![]);
    }

    #[test]
    fn columns_count_characters() {
        let text = "fn ü() {}\n\u{a0}é // no\n  // plugdep-ignore-next-line über-code\n";
        assert_eq!(summary(text), vec![(vec!["über-code"], 3, 3, 40)]);
    }
}
