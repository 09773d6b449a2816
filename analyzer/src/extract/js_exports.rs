//! The export list of a JavaScript / TypeScript file: ESM `export` forms and CommonJS
//! `module.exports` / `exports.x` assignments.
//!
//! ESM exports are statements of the file's top level, so only the root's children are
//! read. A file with no ESM syntax (no `import` / `export` statement) is searched for
//! CommonJS forms with one iterative walk of its tree:
//!
//! - `module.exports = { a, b: 1, c() {}, ...require("./x") }` → `a`, `b`, `c`, and a
//!   re-export of everything `./x` exports;
//! - `module.exports = require("./x")` → a re-export of `./x`;
//! - `module.exports = <anything else>` → the list is open;
//! - `exports.x = …`, `module.exports.x = …`, `exports["x"] = …`,
//!   `Object.defineProperty(exports, "x", …)` → `x`;
//! - `__exportStar(require("./x"), exports)` (TypeScript's CommonJS output) → a re-export;
//! - any other use of `exports` / `module.exports` that could change the list
//!   (`Object.assign(exports, …)`, `exports[key] = …`, passing it along) → open.
//!
//! A CommonJS module always has `default` (its `module.exports`), so a file where any of
//! these forms is found exports `default` too. A file with neither ESM nor CommonJS syntax
//! exports nothing here; the export tables decide what such a file means from its name.
//!
//! TypeScript's forms (tree-sitter-typescript's node kinds are mostly a superset of
//! JavaScript's): `export type`, `export interface`, `export declare …`, `export const enum`
//! and the `type` modifier on a specifier are type-only; `export enum`, `export namespace`,
//! `export import A = B.C` and function overload signatures are runtime names; `export =`
//! makes `default` and an open list.

use std::collections::HashSet;

use tree_sitter::Node;

use super::Export;
use super::tree::{node_text, span};

/// The file's exports in source order, and whether the list cannot be complete.
pub(crate) fn exports(root: Node<'_>, text: &str) -> (Vec<Export>, bool) {
    let mut out = Collector {
        text,
        exports: Vec::new(),
        locals: Vec::new(),
        open: false,
    };
    let mut esm = false;
    // Names of top-level type declarations: `export { T }` of a local interface is
    // type-only.
    let mut local_types: HashSet<&str> = HashSet::new();
    let mut cursor = root.walk();
    for statement in root.named_children(&mut cursor) {
        match statement.kind() {
            "export_statement" => {
                esm = true;
                out.export_statement(statement);
            }
            "import_statement" => esm = true,
            "type_alias_declaration" | "interface_declaration" => {
                if let Some(name) = statement.child_by_field_name("name") {
                    local_types.insert(node_text(name, text));
                }
            }
            _ => {}
        }
    }
    if esm {
        for (index, local) in &out.locals {
            if local_types.contains(local.as_str()) {
                out.exports[*index].type_only = true;
            }
        }
    } else if text.contains("exports") {
        out.commonjs(root);
    }
    let Collector {
        mut exports, open, ..
    } = out;
    exports.sort_by_key(|e| e.span);
    let mut seen = HashSet::new();
    exports.retain(|e| seen.insert((e.name.clone(), e.from.clone(), e.type_only)));
    (exports, open)
}

struct Collector<'t> {
    text: &'t str,
    exports: Vec<Export>,
    /// Local `export { a as b }`: the index of the export and its local name `a`.
    locals: Vec<(usize, String)>,
    open: bool,
}

impl<'t> Collector<'t> {
    fn push(&mut self, name: &str, node: Node<'_>, type_only: bool) {
        self.exports.push(Export {
            name: name.to_string(),
            from: None,
            imported: None,
            span: span(node, self.text),
            type_only,
        });
    }

    /// One top-level `export …` statement.
    fn export_statement(&mut self, statement: Node<'_>) {
        let text = self.text;
        let mut is_default = false;
        let mut is_assign = false;
        let mut is_star = false;
        let mut type_keyword = false;
        let mut clause = None;
        let mut namespace = None;
        let mut cursor = statement.walk();
        for child in statement.children(&mut cursor) {
            match child.kind() {
                "default" => is_default = true,
                "=" => is_assign = true,
                "*" => is_star = true,
                "type" => type_keyword = true,
                "export_clause" => clause = Some(child),
                "namespace_export" => namespace = Some(child),
                // `export type * from "m"` parses with the `type` inside an ERROR node.
                "ERROR" if node_text(child, text).trim() == "type" => type_keyword = true,
                // `export as namespace G;` (a UMD global in a declaration file): no export.
                "as" => return,
                _ => {}
            }
        }
        let source = statement
            .child_by_field_name("source")
            .and_then(|s| string_value(s, text));
        if is_assign {
            // TypeScript `export = value`: the module is that value.
            self.push("default", statement, false);
            self.open = true;
            return;
        }
        if is_default {
            let type_only = statement
                .child_by_field_name("declaration")
                .is_some_and(|d| d.kind() == "interface_declaration");
            self.push("default", statement, type_only);
            return;
        }
        if let Some(clause) = clause {
            let mut cursor = clause.walk();
            for specifier in clause.named_children(&mut cursor) {
                if specifier.kind() != "export_specifier" {
                    continue;
                }
                let Some(name) = specifier.child_by_field_name("name") else {
                    continue;
                };
                let alias = specifier.child_by_field_name("alias");
                let exported = alias.unwrap_or(name);
                let inline_type = {
                    let mut c = specifier.walk();
                    specifier.children(&mut c).any(|c| c.kind() == "type")
                };
                if source.is_none() {
                    self.locals
                        .push((self.exports.len(), name_value(name, text)));
                }
                self.exports.push(Export {
                    name: name_value(exported, text),
                    from: source.clone(),
                    imported: source.as_ref().map(|_| name_value(name, text)),
                    span: span(exported, text),
                    type_only: type_keyword || inline_type,
                });
            }
            return;
        }
        if let Some(namespace) = namespace {
            // `export * as ns from "m"`
            let mut c = namespace.walk();
            let name = namespace
                .named_children(&mut c)
                .find(|n| matches!(n.kind(), "identifier" | "string"));
            if let (Some(name), Some(from)) = (name, source) {
                self.exports.push(Export {
                    name: name_value(name, text),
                    from: Some(from),
                    imported: Some("*".to_string()),
                    span: span(name, text),
                    type_only: type_keyword,
                });
            }
            return;
        }
        if is_star {
            if let Some(from) = source {
                self.exports.push(Export {
                    name: "*".to_string(),
                    from: Some(from),
                    imported: Some("*".to_string()),
                    span: span(statement, text),
                    type_only: type_keyword,
                });
            }
            return;
        }
        if let Some(declaration) = statement.child_by_field_name("declaration") {
            self.declaration(declaration, false);
        }
    }

    /// The names an exported declaration binds.
    fn declaration(&mut self, declaration: Node<'_>, ambient: bool) {
        let text = self.text;
        match declaration.kind() {
            "lexical_declaration" | "variable_declaration" => {
                let mut cursor = declaration.walk();
                for declarator in declaration.named_children(&mut cursor) {
                    if let Some(pattern) = declarator.child_by_field_name("name") {
                        for name in pattern_names(pattern) {
                            self.push(node_text(name, text), name, ambient);
                        }
                    }
                }
            }
            "function_declaration"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration"
            | "function_signature"
            | "import_alias" => {
                let name = declaration.child_by_field_name("name").or_else(|| {
                    // `export import A = B.C`: the first identifier is the alias.
                    let mut c = declaration.walk();
                    declaration
                        .named_children(&mut c)
                        .find(|n| n.kind() == "identifier")
                });
                if let Some(name) = name {
                    self.push(node_text(name, text), name, ambient);
                }
            }
            "type_alias_declaration" | "interface_declaration" => {
                if let Some(name) = declaration.child_by_field_name("name") {
                    self.push(node_text(name, text), name, true);
                }
            }
            "enum_declaration" => {
                let is_const = {
                    let mut c = declaration.walk();
                    declaration.children(&mut c).any(|c| c.kind() == "const")
                };
                if let Some(name) = declaration.child_by_field_name("name") {
                    // A `const enum` is inlined where it is used: nothing exists at run time.
                    self.push(node_text(name, text), name, ambient || is_const);
                }
            }
            "internal_module" | "module" => {
                if let Some(name) = declaration.child_by_field_name("name") {
                    // `namespace A.B {}` binds `A`.
                    let first = if name.kind() == "nested_identifier" {
                        first_identifier(name).unwrap_or(name)
                    } else {
                        name
                    };
                    if matches!(first.kind(), "identifier" | "nested_identifier") {
                        self.push(node_text(first, text), first, ambient);
                    }
                }
            }
            // `export declare …`: a description of something that exists elsewhere;
            // nothing of this file exists at run time. (One level: `declare declare` is no
            // TypeScript, and the recursion stays bounded whatever the tree.)
            "ambient_declaration" if !ambient => {
                let mut cursor = declaration.walk();
                let inner: Vec<Node<'_>> = declaration.named_children(&mut cursor).collect();
                for inner in inner {
                    self.declaration(inner, true);
                }
            }
            _ => {}
        }
    }

    /// The CommonJS forms (see the module documentation), found with one iterative walk.
    fn commonjs(&mut self, root: Node<'_>) {
        let text = self.text;
        let mut first: Option<Node<'_>> = None;
        let mut cursor = root.walk();
        // The nodes above the cursor, innermost last: `Node::parent` searches down from the
        // root, which would make a deeply nested file quadratic.
        let mut ancestors: Vec<Node<'_>> = Vec::new();
        loop {
            let node = cursor.node();
            let base = match node.kind() {
                "identifier" if node_text(node, text) == "exports" => Some(node),
                "member_expression" if is_module_exports(node, text) => Some(node),
                _ => None,
            };
            if let Some(base) = base
                && let Some(&parent) = ancestors.last()
            {
                let grandparent = ancestors.len().checked_sub(2).map(|i| ancestors[i]);
                if self.exports_use(base, parent, grandparent) && first.is_none() {
                    first = Some(base);
                }
            }
            // `module.exports` is handled whole: its children are `module` and `exports`
            // (a property, never an identifier), so descending is harmless.
            if cursor.goto_first_child() {
                ancestors.push(node);
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    if let Some(first) = first {
                        self.push("default", first, false);
                    }
                    return;
                }
                ancestors.pop();
            }
        }
    }

    /// One use of `exports` / `module.exports` (`base`, under `parent` and `grandparent`);
    /// returns whether it is a CommonJS form (the file is then a CommonJS module).
    fn exports_use(
        &mut self,
        base: Node<'_>,
        parent: Node<'_>,
        grandparent: Option<Node<'_>>,
    ) -> bool {
        let text = self.text;
        let module_exports = base.kind() == "member_expression";
        match parent.kind() {
            "assignment_expression" if is_field(parent, "left", base) => {
                if module_exports && let Some(right) = parent.child_by_field_name("right") {
                    self.module_exports_value(right);
                }
                // `exports = …` rebinds the local name only (`exports = module.exports = x`).
                true
            }
            "member_expression" if is_field(parent, "object", base) => {
                if let Some(assignment) = grandparent
                    && assignment.kind() == "assignment_expression"
                    && is_field(assignment, "left", parent)
                    && let Some(property) = parent.child_by_field_name("property")
                {
                    self.push(node_text(property, text), property, false);
                }
                // A read (`exports.x()`) changes nothing.
                true
            }
            "subscript_expression" if is_field(parent, "object", base) => {
                if let Some(assignment) = grandparent
                    && assignment.kind() == "assignment_expression"
                    && is_field(assignment, "left", parent)
                {
                    match parent
                        .child_by_field_name("index")
                        .and_then(|i| string_value(i, text).map(|v| (v, i)))
                    {
                        Some((name, index)) => self.push(&name, index, false),
                        None => self.open = true,
                    }
                }
                true
            }
            "arguments" => {
                let call = grandparent.filter(|c| c.kind() == "call_expression");
                let callee = call
                    .and_then(|c| c.child_by_field_name("function"))
                    .map(|f| node_text(f, text));
                let mut c = parent.walk();
                let args: Vec<Node<'_>> = parent.named_children(&mut c).collect();
                let position = args.iter().position(|a| a.id() == base.id());
                match (callee, position) {
                    (Some("Object.defineProperty"), Some(0)) => {
                        match args.get(1).and_then(|a| string_value(*a, text)) {
                            Some(name) if name == "__esModule" => {}
                            Some(name) => self.push(&name, args[1], false),
                            None => self.open = true,
                        }
                        true
                    }
                    (Some(callee), Some(1))
                        if callee == "__exportStar" || callee.ends_with(".__exportStar") =>
                    {
                        match args.first().and_then(|a| required(*a, text)) {
                            Some(from) => self.star(from, args[0]),
                            None => self.open = true,
                        }
                        true
                    }
                    _ => {
                        // Handed to a function that may add to it (`Object.assign`).
                        self.open = true;
                        true
                    }
                }
            }
            "unary_expression" => false, // `typeof exports`
            "shorthand_property_identifier" | "formal_parameters" => false,
            _ => {
                // Read as a whole (`const e = module.exports`, `return exports`): whatever
                // holds it may change it.
                self.open = true;
                true
            }
        }
    }

    /// The value assigned to `module.exports`.
    fn module_exports_value(&mut self, value: Node<'_>) {
        let text = self.text;
        if let Some(from) = required(value, text) {
            self.star(from, value);
            return;
        }
        if value.kind() != "object" {
            self.open = true;
            return;
        }
        let mut cursor = value.walk();
        for member in value.named_children(&mut cursor) {
            match member.kind() {
                "shorthand_property_identifier" => {
                    self.push(node_text(member, text), member, false);
                }
                "pair" | "method_definition" => {
                    let key = member
                        .child_by_field_name("key")
                        .or_else(|| member.child_by_field_name("name"));
                    match key.and_then(|k| property_name(k, text).map(|n| (n, k))) {
                        Some((name, key)) => self.push(&name, key, false),
                        None => self.open = true,
                    }
                }
                "spread_element" => {
                    let mut c = member.walk();
                    let inner = member.named_children(&mut c).next();
                    match inner.and_then(|i| required(i, text)) {
                        Some(from) => self.star(from, member),
                        None => self.open = true,
                    }
                }
                "comment" => {}
                _ => self.open = true,
            }
        }
    }

    fn star(&mut self, from: String, node: Node<'_>) {
        self.exports.push(Export {
            name: "*".to_string(),
            from: Some(from),
            imported: Some("*".to_string()),
            span: span(node, self.text),
            type_only: false,
        });
    }
}

/// `module.exports`
fn is_module_exports(node: Node<'_>, text: &str) -> bool {
    node.child_by_field_name("object")
        .is_some_and(|o| o.kind() == "identifier" && node_text(o, text) == "module")
        && node
            .child_by_field_name("property")
            .is_some_and(|p| node_text(p, text) == "exports")
}

fn is_field(parent: Node<'_>, field: &str, child: Node<'_>) -> bool {
    parent
        .child_by_field_name(field)
        .is_some_and(|f| f.id() == child.id())
}

/// The specifier of `require("x")`.
fn required(node: Node<'_>, text: &str) -> Option<String> {
    if node.kind() != "call_expression" {
        return None;
    }
    let callee = node.child_by_field_name("function")?;
    if callee.kind() != "identifier" || node_text(callee, text) != "require" {
        return None;
    }
    let arguments = node.child_by_field_name("arguments")?;
    let mut cursor = arguments.walk();
    let first = arguments.named_children(&mut cursor).next()?;
    string_value(first, text)
}

/// The name of an object key: an identifier, a string, or a number; `None` for a computed
/// key (`[k]`) or a private name.
fn property_name(key: Node<'_>, text: &str) -> Option<String> {
    match key.kind() {
        "property_identifier" | "number" => Some(node_text(key, text).to_string()),
        "string" => string_value(key, text),
        _ => None,
    }
}

/// The value of a string literal (or of a template without substitutions).
fn string_value(node: Node<'_>, text: &str) -> Option<String> {
    let plain = match node.kind() {
        "string" => true,
        "template_string" => {
            let mut c = node.walk();
            !node
                .named_children(&mut c)
                .any(|n| n.kind() == "template_substitution")
        }
        _ => false,
    };
    if !plain {
        return None;
    }
    let raw = node_text(node, text);
    Some(
        raw.get(1..raw.len().saturating_sub(1))
            .unwrap_or("")
            .to_string(),
    )
}

/// An export specifier's name: an identifier, `default`, or a string (`"a b"`).
fn name_value(node: Node<'_>, text: &str) -> String {
    if node.kind() == "string" {
        string_value(node, text).unwrap_or_default()
    } else {
        node_text(node, text).to_string()
    }
}

fn first_identifier(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node;
    // `A.B.C` nests to the left; bounded by the text's length.
    while current.kind() == "nested_identifier" {
        current = current.named_child(0)?;
    }
    Some(current)
}

/// The identifiers a binding pattern declares (`{ a, b: [c, ...d], e = 1 }` → a, c, d, e),
/// with an explicit stack.
fn pattern_names(pattern: Node<'_>) -> Vec<Node<'_>> {
    let mut names = Vec::new();
    let mut stack = vec![pattern];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => names.push(node),
            "pair_pattern" => stack.extend(node.child_by_field_name("value")),
            "assignment_pattern" | "object_assignment_pattern" => {
                stack.extend(node.child_by_field_name("left"));
            }
            "object_pattern" | "array_pattern" | "rest_pattern" => {
                let mut cursor = node.walk();
                let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                // Reversed, so that names come out in source order.
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, from, imported, line, column, type_only) of each export, and `open`.
    type Row = (String, Option<String>, Option<String>, u32, u32, bool);

    fn parse(text: &str, typescript: bool) -> (Vec<Row>, bool) {
        let mut parser = tree_sitter::Parser::new();
        let language: tree_sitter::Language = if typescript {
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
        } else {
            tree_sitter_javascript::LANGUAGE.into()
        };
        parser.set_language(&language).unwrap();
        let tree = parser.parse(text, None).unwrap();
        let (exports, open) = exports(tree.root_node(), text);
        let rows = exports
            .into_iter()
            .map(|e| {
                (
                    e.name,
                    e.from,
                    e.imported,
                    e.span.start.line,
                    e.span.start.column,
                    e.type_only,
                )
            })
            .collect();
        (rows, open)
    }

    fn js(text: &str) -> (Vec<Row>, bool) {
        parse(text, false)
    }

    fn row(name: &str, line: u32, column: u32) -> Row {
        (name.to_string(), None, None, line, column, false)
    }

    fn re(name: &str, from: &str, imported: &str, line: u32, column: u32) -> Row {
        (
            name.to_string(),
            Some(from.to_string()),
            Some(imported.to_string()),
            line,
            column,
            false,
        )
    }

    fn typed(mut r: Row) -> Row {
        r.5 = true;
        r
    }

    #[test]
    fn esm_declarations_and_lists() {
        let text = "export const a = 1, { b, c: [d, ...e], f = 2 } = o;\nexport function g() {}\nexport function* h() {}\nexport class I {}\nlet j, k;\nexport { j, k as l, j as \"m n\" };\nexport default function () {}\nexport var p;\n";
        assert_eq!(
            js(text),
            (
                vec![
                    row("a", 1, 14),
                    row("b", 1, 23),
                    row("d", 1, 30),
                    row("e", 1, 36),
                    row("f", 1, 40),
                    row("g", 2, 17),
                    row("h", 3, 18),
                    row("I", 4, 14),
                    row("j", 6, 10),
                    row("l", 6, 18),
                    row("m n", 6, 26),
                    row("default", 7, 1),
                    row("p", 8, 12),
                ],
                false
            )
        );
    }

    #[test]
    fn esm_re_exports() {
        let text = "export { a, b as c, default, default as d } from './x.js';\nexport * from 'y';\nexport * as ns from \"z\";\nexport default class {}\n";
        assert_eq!(
            js(text),
            (
                vec![
                    re("a", "./x.js", "a", 1, 10),
                    re("c", "./x.js", "b", 1, 18),
                    re("default", "./x.js", "default", 1, 21),
                    re("d", "./x.js", "default", 1, 41),
                    re("*", "y", "*", 2, 1),
                    re("ns", "z", "*", 3, 13),
                    row("default", 4, 1),
                ],
                false
            )
        );
    }

    #[test]
    fn an_esm_file_ignores_commonjs_lookalikes() {
        let text = "import x from 'x';\nexports.a = 1;\nmodule.exports = x;\n";
        assert_eq!(js(text), (vec![], false));
    }

    #[test]
    fn commonjs_object_literal_names_and_default() {
        let text = "const a = 1;\nmodule.exports = {\n  a,\n  b: 1,\n  c() {},\n  'd': 2,\n  get e() { return 1; },\n};\n";
        assert_eq!(
            js(text),
            (
                vec![
                    row("default", 2, 1),
                    row("a", 3, 3),
                    row("b", 4, 3),
                    row("c", 5, 3),
                    row("d", 6, 3),
                    row("e", 7, 7),
                ],
                false
            )
        );
    }

    #[test]
    fn commonjs_property_assignments() {
        let text = "exports.a = 1;\nmodule.exports.b = function () {};\nexports['c-d'] = 2;\nObject.defineProperty(exports, '__esModule', { value: true });\nObject.defineProperty(exports, 'e', { get() {} });\nexports.a.nested = 3;\nif (exports.a) { exports.f = 4; }\n";
        assert_eq!(
            js(text),
            (
                vec![
                    row("default", 1, 1),
                    row("a", 1, 9),
                    row("b", 2, 16),
                    row("c-d", 3, 9),
                    row("e", 5, 32),
                    row("f", 7, 26),
                ],
                false
            )
        );
    }

    #[test]
    fn commonjs_re_exports() {
        let (rows, open) = js(
            "module.exports = require('./impl');\n__exportStar(require(\"./more\"), exports);\n",
        );
        assert_eq!(
            rows,
            vec![
                row("default", 1, 1),
                re("*", "./impl", "*", 1, 18),
                re("*", "./more", "*", 2, 14),
            ]
        );
        assert!(!open);
        let (rows, open) = js("module.exports = { ...require('./a'), b };\n");
        assert_eq!(
            rows,
            vec![
                row("default", 1, 1),
                re("*", "./a", "*", 1, 20),
                row("b", 1, 39)
            ]
        );
        assert!(!open);
    }

    #[test]
    fn commonjs_lists_that_cannot_be_complete_are_open() {
        for text in [
            "module.exports = makeApi();\n",
            "module.exports = api;\n",
            "exports[key] = 1;\n",
            "Object.assign(module.exports, extra);\n",
            "module.exports = { ...extra };\n",
            "module.exports = { [key]: 1 };\n",
            "const e = module.exports;\n",
            "Object.defineProperty(exports, name, {});\n",
        ] {
            let (rows, open) = js(text);
            assert!(open, "{text}");
            assert_eq!(rows[0].0, "default", "{text}");
        }
    }

    #[test]
    fn a_file_without_module_syntax_exports_nothing() {
        assert_eq!(js("console.log('side effect');\n"), (vec![], false));
        assert_eq!(js("const x = require('x');\nx.run();\n"), (vec![], false));
        // `typeof exports` alone is no CommonJS form.
        assert_eq!(js("if (typeof exports === 'object') {}\n"), (vec![], false));
    }

    #[test]
    fn typescript_forms() {
        let text = "export type A = 1;\nexport interface B {}\nexport enum C { X }\nexport const enum D {}\nexport declare const e: number;\nexport namespace F {}\nexport declare namespace G {}\nexport import H = F.H;\nexport abstract class I {}\nexport function j(): void;\nexport function j() {}\nexport type { K } from './k';\nexport { type L, m } from './l';\ninterface N {}\nconst o = 1;\nexport { N, o };\nexport as namespace Global;\n";
        let (rows, open) = parse(text, true);
        assert_eq!(
            rows,
            vec![
                typed(row("A", 1, 13)),
                typed(row("B", 2, 18)),
                row("C", 3, 13),
                typed(row("D", 4, 19)),
                typed(row("e", 5, 22)),
                row("F", 6, 18),
                typed(row("G", 7, 26)),
                row("H", 8, 15),
                row("I", 9, 23),
                row("j", 10, 17),
                typed(re("K", "./k", "K", 12, 15)),
                typed(re("L", "./l", "L", 13, 15)),
                re("m", "./l", "m", 13, 18),
                typed(row("N", 16, 10)),
                row("o", 16, 13),
            ]
        );
        assert!(!open);
    }

    #[test]
    fn typescript_export_assignment_and_default_interface() {
        assert_eq!(
            parse("const api = {};\nexport = api;\n", true),
            (vec![row("default", 2, 1)], true)
        );
        assert_eq!(
            parse("export default interface Options {}\n", true),
            (vec![typed(row("default", 1, 1))], false)
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = format!(
            "module.exports = {};\nexports.a = 1;\n",
            "[".repeat(50_000) + &"]".repeat(50_000)
        );
        let (rows, open) = js(&text);
        assert!(open);
        assert!(rows.iter().any(|r| r.0 == "a"));
        let text = format!(
            "export const {{ a }} = {}1{};\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        assert_eq!(js(&text).0, vec![row("a", 1, 16)]);
    }
}
