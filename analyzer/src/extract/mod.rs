//! The per-file facts stage: what a source file says, independent of every other file.
//!
//! Extractors know nothing of plugins or the graph: they turn one file's text into
//! [`FileFacts`] (imports with their spans), and the syntax tree is dropped before the
//! function returns, so memory grows with facts, not with source bytes.

pub mod go;
pub mod javascript;
mod js_exports;
pub mod rust;
mod scope;
mod suppress;
mod tree;

use serde::{Deserialize, Serialize};

use crate::location::Span;

/// The syntactic form of an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportSyntax {
    /// `import x from "m"`, `import { a } from "m"`, `import * as ns from "m"`
    Import,
    /// `import "m"`
    SideEffect,
    /// `export { a } from "m"`
    ExportFrom,
    /// `export * from "m"`, `export * as ns from "m"`
    ExportAll,
    /// `require("m")`
    Require,
    /// `import("m")`
    DynamicImport,
    /// TypeScript `import x = require("m")`
    ImportRequire,
    /// A triple-slash `/// <reference types="m" />` or `/// <reference path="m" />`
    Reference,
}

/// One explicit import in a source file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    /// The form of the import.
    pub syntax: ImportSyntax,
    /// The module specifier, or `None` when it is not a literal (`import(name)`,
    /// `` require(`x-${y}`) ``).
    pub specifier: Option<String>,
    /// The imported names: `default`, `*` for a namespace, or the exported name.
    pub names: Vec<String>,
    /// The whole statement or call.
    pub span: Span,
    /// The specifier string, or the argument when it is not a literal.
    pub specifier_span: Span,
    /// The statement's first line, trimmed (for `why` and diagnostics).
    pub text: String,
    /// Erased at run time: `import type`, `export type … from`, an import whose every
    /// specifier is inline `type`, a triple-slash reference, any import of a `.d.ts` file.
    #[serde(default)]
    pub type_only: bool,
    /// For a dynamic import or require whose specifier is a template literal with
    /// substitutions: the template with each `${…}` replaced by `*`
    /// (`` `./plugins/${n}/index.js` `` → `./plugins/*/index.js`).
    #[serde(default)]
    pub template: Option<String>,
}

/// One name a JavaScript / TypeScript file exports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// The exported name: `default`, or the name others import; `*` for `export * from`.
    pub name: String,
    /// For a re-export (`export { a as b } from "m"`, `export * from "m"`): the specifier.
    pub from: Option<String>,
    /// For a re-export: the name in the source module (`a` above; `*` for a namespace).
    pub imported: Option<String>,
    /// Where the name is exported.
    pub span: Span,
    /// `export type`, `export interface`, `export { type A }`: erased at run time.
    pub type_only: bool,
}

/// An identifier used in a file but declared nowhere in its scopes, not imported, and not
/// a known global: a candidate reference to a name another plugin exports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeName {
    /// The identifier.
    pub name: String,
    /// Its first use in the file.
    pub span: Span,
    /// The first use's line, trimmed (evidence text).
    pub text: String,
}

/// A call with at least one string-literal argument and a callee that is a plain
/// identifier or member chain (`host.getPlugin("auth")`, `require.resolve("x")`): the raw
/// material for `[[infer.call]]` patterns, which the resolve stage matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// The callee as written without whitespace: `host.getPlugin`, `import.meta.resolve`.
    pub callee: String,
    /// The arguments in order: a literal string's value and span, or `None`.
    pub args: Vec<Option<(String, Span)>>,
    /// The whole call.
    pub span: Span,
    /// The call's first line, trimmed.
    pub text: String,
}

/// A `// plugdep-ignore-next-line CODE [CODE …]` comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// The codes it names (all findings on the next line when empty).
    pub codes: Vec<String>,
    /// The comment itself; the silenced line is `span.start.line + 1`.
    pub span: Span,
}

/// Everything one source file tells plugdep.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    /// Imports in source order.
    pub imports: Vec<Import>,
    /// The first syntax error, if the file has any (the imports that the tree still
    /// holds are kept).
    pub syntax_error: Option<Span>,
    /// Named exports, in source order (ESM and CommonJS).
    #[serde(default)]
    pub exports: Vec<Export>,
    /// The file's exports cannot be listed (`module.exports = makeApi()`): a name imported
    /// from it is never reported as unexported.
    #[serde(default)]
    pub exports_open: bool,
    /// Free identifiers, each once, in source order of first use.
    #[serde(default)]
    pub free_names: Vec<FreeName>,
    /// Calls with literal string arguments, in source order.
    #[serde(default)]
    pub calls: Vec<Call>,
    /// `plugdep-ignore-next-line` comments, in source order.
    #[serde(default)]
    pub suppressions: Vec<Suppression>,
}

/// The longest statement text kept on a fact.
const MAX_TEXT_CHARS: usize = 120;

/// The first line of `source`, trimmed, cut to [`MAX_TEXT_CHARS`] characters (then ending
/// in `…`).
///
/// It reads only as far as it keeps: `source` may run to the end of a minified file, one
/// line of megabytes, and this is called once per fact.
pub(crate) fn statement_text(source: &str) -> String {
    let mut line = source
        .chars()
        .skip_while(|&c| c != '\n' && c.is_whitespace())
        .take_while(|&c| c != '\n');
    let kept: String = line.by_ref().take(MAX_TEXT_CHARS).collect();
    if line.any(|c| !c.is_whitespace()) {
        format!("{kept}…")
    } else {
        kept.trim_end().to_string()
    }
}

impl ImportSyntax {
    /// The kebab-case name, as evidence shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportSyntax::Import => "import",
            ImportSyntax::SideEffect => "side-effect",
            ImportSyntax::ExportFrom => "export-from",
            ImportSyntax::ExportAll => "export-all",
            ImportSyntax::Require => "require",
            ImportSyntax::DynamicImport => "dynamic-import",
            ImportSyntax::ImportRequire => "import-require",
            ImportSyntax::Reference => "reference",
        }
    }
}

/// The value of a JavaScript string or template literal's text between its quotes, escapes
/// decoded (`\x6c`, `\u006c`, `\u{6c}`, `\n`, `\"`, line continuations, legacy octal);
/// `None` when an escape is malformed.
///
/// An import's specifier is what the string *is*, not how it is written: reading
/// `require("\x6c\x6f\x64\x61\x73\x68")` as anything but `lodash` would let a file hide
/// an import from the analysis.
pub(crate) fn js_string_value(raw: &str) -> Option<String> {
    if !raw.contains('\\') {
        return Some(raw.to_string());
    }
    let hex = |digits: &str| u32::from_str_radix(digits, 16).ok();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    // A high surrogate from `\uD83D`, waiting for its low half.
    let mut high: Option<u32> = None;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            if high.take().is_some() {
                out.push('\u{fffd}');
            }
            out.push(c);
            continue;
        }
        let (_, escape) = chars.next()?;
        let unit = match escape {
            'u' => {
                let rest = &raw[i + 2..];
                let (value, len) = if let Some(braced) = rest.strip_prefix('{') {
                    let end = braced.find('}')?;
                    (hex(&braced[..end]).filter(|_| end > 0)?, end + 2)
                } else {
                    (hex(rest.get(..4)?)?, 4)
                };
                for _ in 0..len {
                    chars.next();
                }
                value
            }
            'x' => {
                let value = hex(raw.get(i + 2..i + 4)?)?;
                chars.next();
                chars.next();
                value
            }
            '0'..='7' => {
                // Legacy octal (sloppy mode): up to three digits, at most 0o377.
                let mut value = escape.to_digit(8)?;
                while let Some(&(_, d)) = chars.peek() {
                    match d.to_digit(8) {
                        Some(digit) if value * 8 + digit <= 0o377 => {
                            value = value * 8 + digit;
                            chars.next();
                        }
                        _ => break,
                    }
                }
                value
            }
            'n' => 0x0a,
            't' => 0x09,
            'r' => 0x0d,
            'b' => 0x08,
            'f' => 0x0c,
            'v' => 0x0b,
            '\r' => {
                if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                    chars.next();
                }
                continue;
            }
            '\n' | '\u{2028}' | '\u{2029}' => continue,
            other => u32::from(other),
        };
        match (high.take(), unit) {
            (Some(h), 0xdc00..=0xdfff) => {
                let code = 0x10000 + ((h - 0xd800) << 10) + (unit - 0xdc00);
                out.push(char::from_u32(code)?);
            }
            (previous, _) => {
                if previous.is_some() {
                    out.push('\u{fffd}');
                }
                match unit {
                    0xd800..=0xdbff => high = Some(unit),
                    0xdc00..=0xdfff => out.push('\u{fffd}'),
                    _ => out.push(char::from_u32(unit)?),
                }
            }
        }
    }
    if high.is_some() {
        out.push('\u{fffd}');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_strings_are_read_with_their_escapes_decoded() {
        for (raw, value) in [
            ("lodash", "lodash"),
            ("\\x6c\\x6f\\x64\\x61\\x73\\x68", "lodash"),
            ("\\u006codash", "lodash"),
            ("\\u{6C}odash", "lodash"),
            ("quote\\\"name", "quote\"name"),
            ("back\\\\slash", "back\\slash"),
            ("a\\\nb", "ab"),
            ("\\101", "A"),
            ("\\uD83D\\uDE00", "\u{1f600}"),
            ("\\uDE00x", "\u{fffd}x"),
            ("\\d", "d"),
        ] {
            assert_eq!(js_string_value(raw).as_deref(), Some(value), "{raw}");
        }
        for malformed in ["\\x6", "\\u12", "\\u{}", "\\u{110000}", "end\\"] {
            assert_eq!(js_string_value(malformed), None, "{malformed}");
        }
    }

    #[test]
    fn statement_text_is_the_trimmed_first_line_cut_short() {
        assert_eq!(
            statement_text("  import a from 'a';  \r\nnext"),
            "import a from 'a';"
        );
        assert_eq!(statement_text("\nsecond"), "");
        let long = format!("{}{}", "x".repeat(MAX_TEXT_CHARS), "   \n");
        assert_eq!(statement_text(&long), "x".repeat(MAX_TEXT_CHARS));
        let longer = format!(" {}y z\n", "x".repeat(MAX_TEXT_CHARS));
        assert_eq!(
            statement_text(&longer),
            format!("{}…", "x".repeat(MAX_TEXT_CHARS))
        );
    }
}
