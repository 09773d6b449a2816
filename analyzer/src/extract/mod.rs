//! The per-file facts stage: what a source file says, independent of every other file.
//!
//! Extractors know nothing of plugins or the graph: they turn one file's text into
//! [`FileFacts`] (imports with their spans), and the syntax tree is dropped before the
//! function returns, so memory grows with facts, not with source bytes.

pub mod javascript;
pub mod rust;

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
}

/// Everything one source file tells plugdep.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    /// Imports in source order.
    pub imports: Vec<Import>,
    /// The first syntax error, if the file has any (the imports that the tree still
    /// holds are kept).
    pub syntax_error: Option<Span>,
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
        }
    }
}
