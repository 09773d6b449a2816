//! The per-file facts stage: what a source file says, independent of every other file.
//!
//! Extractors know nothing of plugins or the graph: they turn one file's text into
//! [`FileFacts`] (imports with their spans), and the syntax tree is dropped before the
//! function returns, so memory grows with facts, not with source bytes.

pub mod javascript;
mod js_exports;
pub mod rust;
mod scope;
mod suppress;

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

pub(crate) fn statement_text(source: &str) -> String {
    let first_line = source.lines().next().unwrap_or("").trim();
    if first_line.chars().count() > MAX_TEXT_CHARS {
        let cut: String = first_line.chars().take(MAX_TEXT_CHARS).collect();
        format!("{cut}…")
    } else {
        first_line.to_string()
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
