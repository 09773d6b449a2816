//! Facts from JavaScript sources (`.js .mjs .cjs .jsx`) with tree-sitter-javascript.
//!
//! The query lives in `grammars/javascript/imports.scm` and is compiled once per process;
//! each thread keeps one parser. Nothing here touches the file system.

use std::cell::RefCell;
use std::sync::OnceLock;

use tree_sitter::{Node, Parser, Query, QueryCursor, StreamingIterator};

use super::{FileFacts, Import, ImportSyntax, statement_text};
use crate::location::{Position, Span, char_count, to_u32};

const IMPORTS_QUERY: &str = include_str!("../../../grammars/javascript/imports.scm");

struct Compiled {
    query: Query,
    import: u32,
    reexport: u32,
    require: u32,
    dynamic: u32,
    source: u32,
    argument: u32,
}

fn compiled() -> &'static Compiled {
    static QUERY: OnceLock<Compiled> = OnceLock::new();
    QUERY.get_or_init(|| {
        let language = tree_sitter_javascript::LANGUAGE.into();
        // The query is part of this crate; a test compiles it, so failing here is a bug.
        let query = Query::new(&language, IMPORTS_QUERY)
            .expect("grammars/javascript/imports.scm must compile");
        let index = |name: &str| {
            query
                .capture_index_for_name(name)
                .unwrap_or_else(|| panic!("imports.scm must capture @{name}"))
        };
        Compiled {
            import: index("import"),
            reexport: index("reexport"),
            require: index("require"),
            dynamic: index("dynamic"),
            source: index("source"),
            argument: index("argument"),
            query,
        }
    })
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Extracts the facts of one JavaScript file.
///
/// ```
/// use plugdep_analyzer::extract::{javascript, ImportSyntax};
/// let facts = javascript::extract("import a from 'plugin-a';\nconst b = require('b');\n");
/// assert_eq!(facts.imports.len(), 2);
/// assert_eq!(facts.imports[1].syntax, ImportSyntax::Require);
/// assert_eq!(facts.imports[1].span.start.column, 11);
/// ```
pub fn extract(text: &str) -> FileFacts {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_javascript::LANGUAGE.into())
                .expect("tree-sitter-javascript matches the tree-sitter version");
            parser
        });
        // `parse` returns None only without a language or on cancellation; neither happens.
        match parser.parse(text, None) {
            Some(tree) => facts_of(tree.root_node(), text),
            None => FileFacts::default(),
        }
    })
}

fn facts_of(root: Node<'_>, text: &str) -> FileFacts {
    let q = compiled();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&q.query, root, text.as_bytes());
    let mut imports = Vec::new();
    while let Some(m) = matches.next() {
        let mut statement = None;
        let mut target = None;
        for capture in m.captures() {
            let i = capture.index;
            if i == q.import {
                statement = Some((ImportSyntax::Import, capture.node));
            } else if i == q.reexport {
                statement = Some((ImportSyntax::ExportFrom, capture.node));
            } else if i == q.require {
                statement = Some((ImportSyntax::Require, capture.node));
            } else if i == q.dynamic {
                statement = Some((ImportSyntax::DynamicImport, capture.node));
            } else if i == q.source || i == q.argument {
                target = Some(capture.node);
            }
        }
        if let (Some((syntax, node)), Some(target)) = (statement, target) {
            imports.push(import_of(syntax, node, target, text));
        }
    }
    imports.sort_by_key(|i| (i.span, i.specifier_span));
    imports.dedup();
    let syntax_error = root
        .has_error()
        .then(|| first_error(root).map(|n| span(n, text)))
        .flatten();
    let (exports, exports_open) = super::js_exports::exports(root, text);
    let (free_names, calls) = super::scope::scan(root, text);
    FileFacts {
        imports,
        syntax_error,
        exports,
        exports_open,
        free_names,
        calls,
        suppressions: super::suppress::suppressions(text),
    }
}

fn import_of(syntax: ImportSyntax, node: Node<'_>, target: Node<'_>, text: &str) -> Import {
    let (syntax, names) = match syntax {
        ImportSyntax::Import => match child_of_kind(node, "import_clause") {
            Some(clause) => (ImportSyntax::Import, import_clause_names(clause, text)),
            None => (ImportSyntax::SideEffect, Vec::new()),
        },
        ImportSyntax::ExportFrom => {
            if let Some(clause) = child_of_kind(node, "export_clause") {
                (ImportSyntax::ExportFrom, specifier_names(clause, text))
            } else {
                (ImportSyntax::ExportAll, vec!["*".to_string()])
            }
        }
        other => (other, Vec::new()),
    };
    Import {
        syntax,
        specifier: literal(target, text),
        names,
        span: span(node, text),
        specifier_span: span(target, text),
        text: statement_text(node_text(node, text)),
        type_only: false,
        template: None,
    }
}

/// The value of a string literal, or of a template literal without substitutions.
fn literal(node: Node<'_>, text: &str) -> Option<String> {
    let is_plain = match node.kind() {
        "string" => true,
        "template_string" => child_of_kind(node, "template_substitution").is_none(),
        _ => false,
    };
    if !is_plain {
        return None;
    }
    let raw = node_text(node, text);
    // Strip the quotes; a literal is at least its two quote characters.
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    Some(inner.to_string())
}

fn import_clause_names(clause: Node<'_>, text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor = clause.walk();
    for child in clause.named_children(&mut cursor) {
        match child.kind() {
            "identifier" => names.push("default".to_string()),
            "namespace_import" => names.push("*".to_string()),
            "named_imports" => names.extend(specifier_names(child, text)),
            _ => {}
        }
    }
    names
}

/// The `name` fields of `import_specifier`s / `export_specifier`s under `list`.
fn specifier_names(list: Node<'_>, text: &str) -> Vec<String> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter_map(|spec| spec.child_by_field_name("name"))
        .map(|name| node_text(name, text).trim_matches(['"', '\'']).to_string())
        .collect()
}

fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).find(|c| c.kind() == kind)
}

/// The first ERROR or MISSING node in document order.
fn first_error(root: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

fn node_text<'s>(node: Node<'_>, text: &'s str) -> &'s str {
    text.get(node.byte_range()).unwrap_or("")
}

fn span(node: Node<'_>, text: &str) -> Span {
    Span {
        start: position(text, node.start_byte(), node.start_position()),
        end: position(text, node.end_byte(), node.end_position()),
    }
}

/// tree-sitter counts columns in bytes; plugdep counts characters.
fn position(text: &str, byte: usize, point: tree_sitter::Point) -> Position {
    let line_start = byte.saturating_sub(point.column);
    Position {
        line: to_u32(point.row + 1),
        column: to_u32(char_count(text, line_start, byte) + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (syntax, specifier, names, line, column) of each import.
    type Row = (ImportSyntax, Option<String>, Vec<String>, u32, u32);

    fn summary(text: &str) -> Vec<Row> {
        extract(text)
            .imports
            .into_iter()
            .map(|i| {
                (
                    i.syntax,
                    i.specifier,
                    i.names,
                    i.span.start.line,
                    i.span.start.column,
                )
            })
            .collect()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn every_static_form() {
        let text = "import d from 'a';\nimport { x, y as z } from \"b\";\nimport * as ns from 'c';\nimport 'd';\nexport { e } from 'e';\nexport * from 'f';\nexport * as g from 'g';\n";
        assert_eq!(
            summary(text),
            vec![
                (ImportSyntax::Import, s("a"), vec!["default".into()], 1, 1),
                (
                    ImportSyntax::Import,
                    s("b"),
                    vec!["x".into(), "y".into()],
                    2,
                    1
                ),
                (ImportSyntax::Import, s("c"), vec!["*".into()], 3, 1),
                (ImportSyntax::SideEffect, s("d"), vec![], 4, 1),
                (ImportSyntax::ExportFrom, s("e"), vec!["e".into()], 5, 1),
                (ImportSyntax::ExportAll, s("f"), vec!["*".into()], 6, 1),
                (ImportSyntax::ExportAll, s("g"), vec!["*".into()], 7, 1),
            ]
        );
    }

    #[test]
    fn calls_literal_and_not() {
        let text = "const a = require('a');\nconst b = await import(`b`);\nimport(`./p/${n}.js`);\nrequire(name);\n";
        assert_eq!(
            summary(text),
            vec![
                (ImportSyntax::Require, s("a"), vec![], 1, 11),
                (ImportSyntax::DynamicImport, s("b"), vec![], 2, 17),
                (ImportSyntax::DynamicImport, None, vec![], 3, 1),
                (ImportSyntax::Require, None, vec![], 4, 1),
            ]
        );
    }

    #[test]
    fn comments_and_strings_are_not_imports() {
        let text = "// import a from 'a'\n/* require('b') */\nconst s = \"import c from 'c'\";\nconst t = `require('d')`;\nobj.require('e');\n";
        assert_eq!(summary(text), vec![]);
    }

    #[test]
    fn columns_count_characters() {
        let text = "const ü = require('a');\n";
        assert_eq!(summary(text)[0].4, 11);
    }

    #[test]
    fn syntax_errors_keep_earlier_imports() {
        let facts = extract("import a from 'a';\nfunction (\n");
        assert_eq!(facts.imports.len(), 1);
        let error = facts.syntax_error.expect("a syntax error");
        assert_eq!(error.start.line, 2);
    }

    #[test]
    fn jsx_parses_without_errors() {
        let facts = extract(
            "import React from 'react';\nexport const A = () => <div className=\"x\">{1}</div>;\n",
        );
        assert_eq!(facts.syntax_error, None);
        assert_eq!(facts.imports.len(), 1);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = format!(
            "x = {}1{};\nrequire('a');\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        let facts = extract(&text);
        assert_eq!(facts.imports.len(), 1);
    }
}
