//! Facts from JavaScript and TypeScript sources with tree-sitter: `.js .mjs .cjs .jsx` with
//! tree-sitter-javascript, `.ts .mts .cts` and `.d.ts` with tree-sitter-typescript, `.tsx`
//! with its TSX grammar ([`Dialect`], chosen by the file name).
//!
//! Each thread keeps one parser per grammar. Imports are read by one walk over the tree
//! with a [`tree_sitter::TreeCursor`] and an explicit stack of what the open ancestors are
//! (no recursion, no query): a tree-sitter query keeps an in-progress match for every open
//! ancestor that could still match, so `f(f(f(…)))` nested 50,000 deep costs it seconds
//! (quadratic), and past 32,766 in-progress matches it drops some silently. The walk is
//! linear in the nodes, whatever the nesting, and looks node kinds up by id. It enters
//! only the subtrees whose text holds `import`, `require` or `export` (every import's node
//! does), so on ordinary files it sees the top-level statements and the paths down to the
//! calls, not the function bodies around them.
//!
//! What is an import (each is the evidence span; the specifier is a string, or for a call
//! whatever its first argument is):
//!
//! - `import_statement` with a string `source`: `import x from "m"`, `import "m"`, …;
//! - `export_statement` with a string `source`: `export { a } from "m"`, `export * from "m"`;
//! - `call_expression` whose `function` is the identifier `require` or `import`, with the
//!   first named node of its `arguments` that is not a comment (nor an `ERROR` node):
//!   `require("m")`, `` import(`./x/${n}`) ``, `import(/* webpackChunkName: "x" */ "./x")`;
//!   a `const { X, Y: Z } = require("m")` declarator gives its names;
//! - TypeScript: `import x = require("m")` (an `import_require_clause`), and `export import
//!   x = require("m")`, which tree-sitter-typescript 0.23 reads as `export import x =
//!   require` followed by the statement `("m")` (outside an `ERROR` node only);
//! - TypeScript: `/// <reference types="m" />` and `/// <reference path="…" />` comments
//!   among the root's children, before its first statement.
//!
//! Type-only imports (`Import::type_only`): `import type …`, `export type … from`, an
//! import or re-export whose every specifier is inline `type`, `import type x =
//! require(…)`, a triple-slash reference, an `import()` in a type position (`typeof
//! import("m")`, `import("m").T`, the type of `x as T` / `x satisfies T`), any import inside
//! an ambient declaration (`declare module "x" { … }`), and every import of a declaration
//! file (`.d.ts`). A type position is a flag on the walk's stack, inherited by everything
//! below it. Nothing here touches the file system.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::{Language, Node, Parser, Point};

use super::tree::{node_text, position, span};
use super::{FileFacts, Import, ImportSyntax, statement_text};
use crate::location::{Position, Span};

/// How a source file is read, chosen by its name ([`Dialect::of_path`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// `.js .mjs .cjs .jsx`: tree-sitter-javascript (JSX included).
    JavaScript,
    /// `.ts .mts .cts`: tree-sitter-typescript.
    TypeScript,
    /// `.tsx`: the TSX grammar of tree-sitter-typescript.
    Tsx,
    /// A declaration file (`.d.ts .d.mts .d.cts`, and `.d.EXT.ts` for arbitrary
    /// extensions): the TypeScript grammar, and every import in it is type-only.
    Declaration,
}

impl Dialect {
    /// The dialect of a file (a path or a bare name), or `None` when neither extractor
    /// reads it.
    ///
    /// ```
    /// use plugdep_analyzer::extract::javascript::Dialect;
    /// assert_eq!(Dialect::of_path("src/a.mjs"), Some(Dialect::JavaScript));
    /// assert_eq!(Dialect::of_path("src/a.cts"), Some(Dialect::TypeScript));
    /// assert_eq!(Dialect::of_path("src/view.tsx"), Some(Dialect::Tsx));
    /// assert_eq!(Dialect::of_path("types/index.d.ts"), Some(Dialect::Declaration));
    /// assert_eq!(Dialect::of_path("styles.d.css.ts"), Some(Dialect::Declaration));
    /// assert_eq!(Dialect::of_path("lib.rs"), None);
    /// ```
    pub fn of_path(path: &str) -> Option<Dialect> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let (stem, extension) = name.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        // `x.d.ts`, `x.d.mts`, `x.d.cts`; and `x.d.css.ts` (TypeScript 5's declarations
        // for arbitrary extensions, `.ts` only).
        let declares = |stem: &str| stem.len() > 2 && stem.ends_with(".d");
        match extension {
            "js" | "mjs" | "cjs" | "jsx" => Some(Dialect::JavaScript),
            "tsx" => Some(Dialect::Tsx),
            "ts" | "mts" | "cts" => {
                let arbitrary = extension == "ts"
                    && stem
                        .rsplit_once('.')
                        .is_some_and(|(inner, _)| declares(inner));
                Some(if declares(stem) || arbitrary {
                    Dialect::Declaration
                } else {
                    Dialect::TypeScript
                })
            }
            _ => None,
        }
    }

    fn grammar(self) -> Grammar {
        match self {
            Dialect::JavaScript => Grammar::JavaScript,
            Dialect::TypeScript | Dialect::Declaration => Grammar::TypeScript,
            Dialect::Tsx => Grammar::Tsx,
        }
    }
}

/// A tree-sitter grammar: one table of node kinds per process and one parser per thread
/// each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grammar {
    JavaScript = 0,
    TypeScript = 1,
    Tsx = 2,
}

impl Grammar {
    fn language(self) -> Language {
        match self {
            Grammar::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Grammar::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }
}

/// What a node kind is to the import walk. Kinds are looked up by id in [`Kinds::roles`]:
/// comparing kind names at every node would cost more than the rest of the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Other,
    /// `import_statement`
    Import,
    /// `export_statement`
    Export,
    /// `call_expression`
    Call,
    /// `variable_declarator`
    Declarator,
    /// TypeScript `as_expression`, `satisfies_expression`: the last named child is a type.
    As,
    /// A TypeScript place erased at run time ([`ERASED`]).
    Erased,
    /// `ERROR` (its kind id is tree-sitter's built-in `u16::MAX`, past the table)
    Error,
    /// `identifier`
    Identifier,
    /// `import`, the callee of a dynamic import (named; the keyword token is not).
    ImportCallee,
    /// `arguments`
    Arguments,
    /// `string`
    String,
    /// `object_pattern`
    ObjectPattern,
    /// TypeScript `import_require_clause`
    ImportRequireClause,
    /// TypeScript `import_alias`
    ImportAlias,
    /// `expression_statement`
    ExpressionStatement,
    /// `parenthesized_expression`
    Parenthesized,
    /// `comment`
    Comment,
    /// `hash_bang_line`
    HashBang,
}

/// The named node kinds the walk knows in every grammar, with their roles.
const ROLES: [(&str, Role); 14] = [
    ("import_statement", Role::Import),
    ("export_statement", Role::Export),
    ("call_expression", Role::Call),
    ("variable_declarator", Role::Declarator),
    ("identifier", Role::Identifier),
    ("import", Role::ImportCallee),
    ("arguments", Role::Arguments),
    ("string", Role::String),
    ("object_pattern", Role::ObjectPattern),
    ("expression_statement", Role::ExpressionStatement),
    ("parenthesized_expression", Role::Parenthesized),
    ("comment", Role::Comment),
    ("hash_bang_line", Role::HashBang),
    // Listed with the others so that a test can check each name exists in each grammar.
    ("program", Role::Other),
];

/// The named node kinds only the TypeScript grammars have, with their roles.
const TYPESCRIPT_ROLES: [(&str, Role); 4] = [
    ("as_expression", Role::As),
    ("satisfies_expression", Role::As),
    ("import_require_clause", Role::ImportRequireClause),
    ("import_alias", Role::ImportAlias),
];

/// TypeScript places erased at run time: an `import()` inside one is a type (`let t: typeof
/// import("m")`, `type T = import("m").T`), and an import inside an ambient declaration
/// (`declare module "x" { import … }`) is type-only.
const ERASED: [&str; 14] = [
    "type_annotation",
    "opting_type_annotation",
    "omitting_type_annotation",
    "adding_type_annotation",
    "asserts_annotation",
    "type_predicate_annotation",
    "type_alias_declaration",
    "interface_declaration",
    "type_arguments",
    "type_parameters",
    "type_query",
    "implements_clause",
    "extends_type_clause",
    "ambient_declaration",
];

/// A grammar's node kinds and fields as the walk reads them.
struct Kinds {
    /// The role of each node kind id (anonymous kinds are [`Role::Other`]).
    roles: Vec<Role>,
    source: u16,
    function: u16,
    arguments: u16,
    name: u16,
    value: u16,
    /// TypeScript only (0, no field, in JavaScript).
    declaration: u16,
}

impl Kinds {
    fn role(&self, node: Node<'_>) -> Role {
        match self.roles.get(usize::from(node.kind_id())) {
            Some(role) => *role,
            None if node.is_error() => Role::Error,
            None => Role::Other,
        }
    }

    /// The child in field `field` when its role is `role`.
    fn field<'t>(&self, node: Node<'t>, field: u16, role: Role) -> Option<Node<'t>> {
        node.child_by_field_id(field)
            .filter(|child| self.role(*child) == role)
    }
}

fn kinds(grammar: Grammar) -> &'static Kinds {
    static KINDS: [OnceLock<Kinds>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    KINDS[grammar as usize].get_or_init(|| {
        let language = grammar.language();
        let typescript = grammar != Grammar::JavaScript;
        let count = u16::try_from(language.node_kind_count()).unwrap_or(u16::MAX);
        let roles = (0..count)
            .map(|id| match language.node_kind_for_id(id) {
                Some(name) if language.node_kind_is_named(id) => {
                    let typescript_role = TYPESCRIPT_ROLES
                        .iter()
                        .filter(|_| typescript)
                        .find(|(kind, _)| *kind == name)
                        .map(|(_, role)| *role);
                    ROLES
                        .iter()
                        .find(|(kind, _)| *kind == name)
                        .map(|(_, role)| *role)
                        .or(typescript_role)
                        .or((typescript && ERASED.contains(&name)).then_some(Role::Erased))
                        .unwrap_or(Role::Other)
                }
                _ => Role::Other,
            })
            .collect();
        let field = |name: &str| language.field_id_for_name(name).map_or(0, |id| id.get());
        Kinds {
            roles,
            source: field("source"),
            function: field("function"),
            arguments: field("arguments"),
            name: field("name"),
            value: field("value"),
            declaration: if typescript { field("declaration") } else { 0 },
        }
    })
}

thread_local! {
    /// One parser per grammar, indexed like [`Grammar`].
    static PARSERS: RefCell<[Option<Parser>; 3]> = const { RefCell::new([None, None, None]) };
}

/// Extracts the facts of one JavaScript file (see [`extract_as`] for the other dialects).
///
/// ```
/// use plugdep_analyzer::extract::{javascript, ImportSyntax};
/// let facts = javascript::extract("import a from 'plugin-a';\nconst b = require('b');\n");
/// assert_eq!(facts.imports.len(), 2);
/// assert_eq!(facts.imports[1].syntax, ImportSyntax::Require);
/// assert_eq!(facts.imports[1].span.start.column, 11);
/// ```
pub fn extract(text: &str) -> FileFacts {
    extract_as(text, Dialect::JavaScript)
}

/// Extracts the facts of one file read as `dialect`.
///
/// ```
/// use plugdep_analyzer::extract::javascript::{extract_as, Dialect};
/// let facts = extract_as("import type { A } from 'a';\nimport { type B, c } from 'b';\n", Dialect::TypeScript);
/// assert!(facts.imports[0].type_only);
/// assert!(!facts.imports[1].type_only);
/// assert_eq!(facts.imports[1].names, ["c"]);
/// ```
pub fn extract_as(text: &str, dialect: Dialect) -> FileFacts {
    let grammar = dialect.grammar();
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let parser = parsers[grammar as usize].get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&grammar.language())
                .expect("the tree-sitter grammars match the tree-sitter version");
            parser
        });
        // `parse` returns None only without a language or on cancellation; neither happens.
        match parser.parse(text, None) {
            // Columns count characters from the line start: with the index in place, a
            // fact on a megabyte-long minified line costs a few KiB of counting, not the line.
            Some(tree) => {
                crate::location::with_char_index(text, || facts_of(tree.root_node(), text, dialect))
            }
            None => FileFacts::default(),
        }
    })
}

/// The form of an import the walk found.
#[derive(Clone, Copy)]
enum Statement {
    Import,
    Reexport,
    Require,
    Dynamic,
    ImportRequire,
}

fn facts_of(root: Node<'_>, text: &str, dialect: Dialect) -> FileFacts {
    let imports = imports(root, text, dialect);
    let syntax_error = root
        .has_error()
        .then(|| first_error(root, text, dialect).map(|n| span(n, text)))
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

/// An open ancestor of the walk's node.
struct Frame<'t> {
    role: Role,
    /// It is erased at run time, or inside something that is (TypeScript).
    erased: bool,
    /// `x as T`, `x satisfies T`: the id of `T`, erased too.
    erased_child: Option<usize>,
    /// `const { X } = require("m")`: the id of the call and the pattern naming its exports.
    destructures: Option<(usize, Node<'t>)>,
}

/// The words every import's node holds in its text: `import` (statements, `import()`,
/// `import x = require`), `require` (the callee) and `export` (re-exports). A subtree
/// whose bytes hold none of them holds no import, so the walk steps over it.
const NEEDLES: [&str; 3] = ["import", "require", "export"];

/// Where the [`NEEDLES`] start in `text`, ascending (in comments and strings too: a
/// subtree is skipped only when it certainly holds no import).
fn needles(text: &str) -> Vec<usize> {
    let mut found: Vec<usize> = NEEDLES
        .iter()
        .flat_map(|needle| text.match_indices(needle).map(|(at, _)| at))
        .collect();
    found.sort_unstable();
    found
}

/// Every import of the tree, sorted by span, in one cursor walk (see the module docs for
/// what counts).
///
/// The walk enters only the nodes whose bytes hold one of the [`NEEDLES`]: in an ordinary
/// file that is the top-level statements and the few paths down to a `require` or an
/// `import()`, not the function bodies around them. The nodes come in document order, so
/// one index into the sorted needle positions, moving forward only, answers for every
/// node: linear in the nodes entered plus the needles, whatever the nesting.
fn imports(root: Node<'_>, text: &str, dialect: Dialect) -> Vec<Import> {
    let grammar = dialect.grammar();
    let typescript = grammar != Grammar::JavaScript;
    let kinds = kinds(grammar);
    let mut found = Vec::new();
    if typescript {
        references(root, text, kinds, &mut found);
    }
    let needles = needles(text);
    // The first needle at or after the start of the cursor's node.
    let mut next = 0;
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut cursor = root.walk();
    'walk: loop {
        let node = cursor.node();
        let start = node.start_byte();
        while needles.get(next).is_some_and(|&at| at < start) {
            next += 1;
        }
        let enter = needles.get(next).is_some_and(|&at| at < node.end_byte());
        if enter {
            let role = kinds.role(node);
            let parent = stack.last();
            let erased = role == Role::Erased
                || parent.is_some_and(|p| p.erased || p.erased_child == Some(node.id()));
            let mut keep = |mut import: Import| {
                import.type_only |= erased;
                found.push(import);
            };
            match role {
                Role::Import => {
                    if let Some(source) = kinds.field(node, kinds.source, Role::String) {
                        keep(import_of(Statement::Import, node, source, None, text));
                    }
                    if let Some(source) = import_require_source(node, kinds, typescript) {
                        keep(import_of(
                            Statement::ImportRequire,
                            node,
                            source,
                            None,
                            text,
                        ));
                    }
                }
                Role::Export => {
                    if let Some(source) = kinds.field(node, kinds.source, Role::String) {
                        keep(import_of(Statement::Reexport, node, source, None, text));
                    }
                    // The pair is two siblings: tree-sitter's queries do not start matching
                    // one directly inside an ERROR node, and neither does this.
                    if typescript
                        && parent.is_some_and(|p| p.role != Role::Error)
                        && let Some(import) = export_import(node, kinds, text)
                    {
                        keep(import);
                    }
                }
                Role::Call => {
                    if let Some((statement, argument)) = call(node, kinds, text) {
                        let bindings = parent
                            .and_then(|p| p.destructures)
                            .filter(|(call, _)| {
                                *call == node.id() && matches!(statement, Statement::Require)
                            })
                            .map(|(_, pattern)| pattern);
                        keep(import_of(statement, node, argument, bindings, text));
                    }
                }
                _ => {}
            }
            if cursor.goto_first_child() {
                stack.push(Frame {
                    role,
                    erased,
                    erased_child: (role == Role::As)
                        .then(|| asserted_type(node, kinds))
                        .flatten(),
                    destructures: (role == Role::Declarator)
                        .then(|| destructured_call(node, kinds))
                        .flatten(),
                });
                continue;
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
            stack.pop();
        }
    }
    if dialect == Dialect::Declaration {
        for import in &mut found {
            import.type_only = true;
        }
    }
    found.sort_by_key(|i| (i.span, i.specifier_span));
    found
}

/// `require(…)` or `import(…)`, with its first argument: the first named node of its
/// `arguments` that is not a comment (`import(/* webpackChunkName: "x" */ "./x")` imports
/// `./x`). An `ERROR` node there is no argument.
fn call<'t>(node: Node<'t>, kinds: &Kinds, text: &str) -> Option<(Statement, Node<'t>)> {
    let function = node.child_by_field_id(kinds.function)?;
    let statement = match kinds.role(function) {
        Role::Identifier if node_text(function, text) == "require" => Statement::Require,
        Role::ImportCallee => Statement::Dynamic,
        _ => return None,
    };
    let arguments = kinds.field(node, kinds.arguments, Role::Arguments)?;
    let mut cursor = arguments.walk();
    let argument = arguments
        .named_children(&mut cursor)
        .find(|a| kinds.role(*a) != Role::Comment)
        .filter(|a| kinds.role(*a) != Role::Error)?;
    Some((statement, argument))
}

/// The string of `import x = require("m")` (TypeScript).
fn import_require_source<'t>(node: Node<'t>, kinds: &Kinds, typescript: bool) -> Option<Node<'t>> {
    if !typescript {
        return None;
    }
    let mut cursor = node.walk();
    let clause = node
        .named_children(&mut cursor)
        .find(|c| kinds.role(*c) == Role::ImportRequireClause)?;
    kinds.field(clause, kinds.source, Role::String)
}

/// `export import x = require("m")`: tree-sitter-typescript 0.23 reads it as `export import
/// x = require` (an alias ending in the identifier `require`) followed by the statement
/// `("m")`; the two together are the import, from the `export` to the `)`.
fn export_import(node: Node<'_>, kinds: &Kinds, text: &str) -> Option<Import> {
    let alias = kinds.field(node, kinds.declaration, Role::ImportAlias)?;
    let last = last_named_child(alias)?;
    if kinds.role(last) != Role::Identifier || node_text(last, text) != "require" {
        return None;
    }
    let end = node
        .next_named_sibling()
        .filter(|s| kinds.role(*s) == Role::ExpressionStatement)?;
    let mut cursor = end.walk();
    let parenthesized = end
        .named_children(&mut cursor)
        .find(|c| kinds.role(*c) == Role::Parenthesized)?;
    let mut cursor = parenthesized.walk();
    let source = parenthesized
        .named_children(&mut cursor)
        .find(|c| kinds.role(*c) == Role::String)?;
    let mut import = import_of(Statement::ImportRequire, node, source, None, text);
    import.span.end = span(end, text).end;
    import.text = statement_text(text.get(node.start_byte()..end.end_byte()).unwrap_or(""));
    Some(import)
}

/// The id of the type in `x as T` / `x satisfies T`: the last named child, when it is not
/// an `ERROR` node and comes after one that is not (`x as const` has one named child).
fn asserted_type(node: Node<'_>, kinds: &Kinds) -> Option<usize> {
    let count = node.named_child_count();
    let last = last_named_child(node)?;
    if kinds.role(last) == Role::Error {
        return None;
    }
    let mut cursor = node.walk();
    let before = node
        .named_children(&mut cursor)
        .take(count - 1)
        .any(|c| kinds.role(c) != Role::Error);
    before.then(|| last.id())
}

/// `const { X, Y: Z } = require("m")`: the id of the call (the declarator's `value`) and
/// the object pattern (its `name`). Whether the call is a `require` is the call's to say.
fn destructured_call<'t>(node: Node<'t>, kinds: &Kinds) -> Option<(usize, Node<'t>)> {
    let pattern = kinds.field(node, kinds.name, Role::ObjectPattern)?;
    let call = kinds.field(node, kinds.value, Role::Call)?;
    Some((call.id(), pattern))
}

/// The triple-slash references among the root's children before its first statement (a
/// `#!` line may come first), as TypeScript reads directives.
fn references(root: Node<'_>, text: &str, kinds: &Kinds, found: &mut Vec<Import>) {
    if root.kind() != "program" {
        return;
    }
    let mut cursor = root.walk();
    for child in root.children(&mut cursor) {
        match kinds.role(child) {
            Role::Comment => {
                if is_reference(node_text(child, text))
                    && let Some(import) = reference_of(child, text)
                {
                    found.push(import);
                }
            }
            Role::HashBang => {}
            _ => return,
        }
    }
}

/// Whether a comment is a `/// <reference …` directive (`^///[ \t]*<reference[ \t]`).
fn is_reference(comment: &str) -> bool {
    comment
        .strip_prefix("///")
        .map(|rest| rest.trim_start_matches([' ', '\t']))
        .and_then(|rest| rest.strip_prefix("<reference"))
        .is_some_and(|rest| rest.starts_with([' ', '\t']))
}

fn import_of(
    statement: Statement,
    node: Node<'_>,
    target: Node<'_>,
    bindings: Option<Node<'_>>,
    text: &str,
) -> Import {
    let mut template = None;
    let (syntax, names, type_only) = match statement {
        Statement::Import => match child_of_kind(node, "import_clause") {
            Some(clause) => {
                let (names, all_type) = runtime_names(clause_entries(clause, text));
                (
                    ImportSyntax::Import,
                    names,
                    all_type || has_type_keyword(node, text),
                )
            }
            None => (ImportSyntax::SideEffect, Vec::new(), false),
        },
        Statement::Reexport => {
            let type_keyword = has_type_keyword(node, text);
            if let Some(clause) = child_of_kind(node, "export_clause") {
                let (names, all_type) = runtime_names(specifier_entries(clause, text));
                (ImportSyntax::ExportFrom, names, all_type || type_keyword)
            } else {
                (ImportSyntax::ExportAll, vec!["*".to_string()], type_keyword)
            }
        }
        Statement::ImportRequire => (
            ImportSyntax::ImportRequire,
            Vec::new(),
            has_type_keyword(node, text),
        ),
        Statement::Require | Statement::Dynamic => {
            template = template_pattern(target, text);
            let names = bindings.map_or_else(Vec::new, |b| binding_names(b, text));
            let syntax = if matches!(statement, Statement::Require) {
                ImportSyntax::Require
            } else {
                ImportSyntax::DynamicImport
            };
            (syntax, names, false)
        }
    };
    Import {
        syntax,
        specifier: literal(target, text),
        names,
        span: span(node, text),
        specifier_span: span(target, text),
        text: statement_text(node_text(node, text)),
        type_only,
        template,
    }
}

/// The names an import takes at run time, and whether it takes none because every
/// specifier is an inline `type` (`import { type A, type B }`). A type-only import keeps
/// all its names; a mixed one (`import { type A, b }`) only the runtime ones.
fn runtime_names(entries: Vec<(String, bool)>) -> (Vec<String>, bool) {
    let all_type = !entries.is_empty() && entries.iter().all(|(_, is_type)| *is_type);
    let names = entries
        .into_iter()
        .filter(|(_, is_type)| all_type || !is_type)
        .map(|(name, _)| name)
        .collect();
    (names, all_type)
}

/// `import type …`, `import type x = require(…)`, `export type … from`: the keyword is a
/// direct child of the statement. tree-sitter-typescript 0.23 does not know `export type *
/// from` (TypeScript 5.0) and wraps that `type` in an ERROR node: it counts too.
fn has_type_keyword(node: Node<'_>, text: &str) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .any(|c| (!c.is_named() && c.kind() == "type") || is_export_type_error(c, text))
}

/// The ERROR node tree-sitter-typescript 0.23 makes of the `type` in `export type * from`.
fn is_export_type_error(node: Node<'_>, text: &str) -> bool {
    node.is_error() && node_text(node, text) == "type"
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
    // What the string is, escapes decoded (as written when an escape is malformed).
    Some(super::js_string_value(inner).unwrap_or_else(|| inner.to_string()))
}

/// A template literal with substitutions as a pattern: the raw text between the backticks
/// with each `${…}` (a run of adjacent ones too) replaced by `*`.
fn template_pattern(node: Node<'_>, text: &str) -> Option<String> {
    if node.kind() != "template_string" {
        return None;
    }
    let mut pattern = String::new();
    let mut at = node.start_byte() + 1;
    let mut substituted = false;
    let mut last_substitution_end = None;
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if child.kind() != "template_substitution" {
            continue;
        }
        pattern.push_str(text.get(at..child.start_byte()).unwrap_or(""));
        if last_substitution_end != Some(child.start_byte()) {
            pattern.push('*');
        }
        substituted = true;
        last_substitution_end = Some(child.end_byte());
        at = child.end_byte();
    }
    if !substituted {
        return None;
    }
    let end = node.end_byte().saturating_sub(1).max(at);
    pattern.push_str(text.get(at..end).unwrap_or(""));
    Some(pattern)
}

/// The exported names a `const { X, Y: Z } = require("m")` takes: `X`, `Y`. A computed key
/// names nothing; a rest element takes the rest, which names nothing either.
fn binding_names(pattern: Node<'_>, text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor = pattern.walk();
    for child in pattern.named_children(&mut cursor) {
        let key = match child.kind() {
            "shorthand_property_identifier_pattern" => Some(child),
            "object_assignment_pattern" => child
                .child_by_field_name("left")
                .filter(|l| l.kind() == "shorthand_property_identifier_pattern"),
            "pair_pattern" => child
                .child_by_field_name("key")
                .filter(|k| matches!(k.kind(), "property_identifier" | "string")),
            _ => None,
        };
        if let Some(key) = key {
            names.push(node_text(key, text).trim_matches(['"', '\'']).to_string());
        }
    }
    names
}

/// (name, inline `type`) of each binding of an `import_clause`: `default`, `*`, or the
/// exported name.
fn clause_entries(clause: Node<'_>, text: &str) -> Vec<(String, bool)> {
    let mut entries = Vec::new();
    let mut cursor = clause.walk();
    for child in clause.named_children(&mut cursor) {
        match child.kind() {
            "identifier" => entries.push(("default".to_string(), false)),
            "namespace_import" => entries.push(("*".to_string(), false)),
            "named_imports" => entries.extend(specifier_entries(child, text)),
            _ => {}
        }
    }
    entries
}

/// The `name` fields of the `import_specifier`s / `export_specifier`s under `list`, each
/// with whether it is marked inline `type` (`{ type A }`; not `{ type }`, a binding named
/// `type`).
fn specifier_entries(list: Node<'_>, text: &str) -> Vec<(String, bool)> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter_map(|spec| {
            let name = spec.child_by_field_name("name")?;
            let mut inner = spec.walk();
            let is_type = spec
                .children(&mut inner)
                .any(|c| !c.is_named() && c.kind() == "type");
            let name = node_text(name, text).trim_matches(['"', '\'']).to_string();
            Some((name, is_type))
        })
        .collect()
}

/// A `/// <reference path="…" />` or `/// <reference types="…" />` directive as a
/// type-only import. `path` is relative to the file even without `./` (TypeScript's
/// rule), so the specifier gets the `./` it implies; `lib` and other directives name no
/// module and give nothing.
fn reference_of(comment: Node<'_>, text: &str) -> Option<Import> {
    let raw = node_text(comment, text);
    let tag = raw.find("<reference")? + "<reference".len();
    let (attribute, value) = attributes(raw, tag)
        .into_iter()
        .find(|(name, _)| matches!(*name, "path" | "types"))?;
    let written = raw.get(value.start + 1..value.end - 1)?;
    if written.is_empty() {
        return None;
    }
    let specifier = if attribute == "path" && !written.starts_with('.') && !written.starts_with('/')
    {
        format!("./{written}")
    } else {
        written.to_string()
    };
    let base = comment.start_byte();
    Some(Import {
        syntax: ImportSyntax::Reference,
        specifier: Some(specifier),
        names: Vec::new(),
        span: span(comment, text),
        specifier_span: Span {
            start: position_on_line(comment, text, base + value.start),
            end: position_on_line(comment, text, base + value.end),
        },
        text: statement_text(raw),
        type_only: true,
        template: None,
    })
}

/// The `name="value"` / `name='value'` attributes of a directive from byte `from` of
/// `raw`, each with the byte range of its quoted value in `raw`.
fn attributes(raw: &str, from: usize) -> Vec<(&str, Range<usize>)> {
    let bytes = raw.as_bytes();
    let mut found = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i == name_start || bytes.get(i) != Some(&b'=') {
            return found;
        }
        i += 1;
        let Some(&quote) = bytes.get(i).filter(|q| matches!(q, b'"' | b'\'')) else {
            return found;
        };
        let Some(length) = raw[i + 1..].find(quote as char) else {
            return found;
        };
        let end = i + 1 + length + 1;
        found.push((&raw[name_start..i - 1], i..end));
        i = end;
    }
}

fn last_named_child(node: Node<'_>) -> Option<Node<'_>> {
    let last = node.named_child_count().checked_sub(1)?;
    node.named_child(u32::try_from(last).ok()?)
}

fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).find(|c| c.kind() == kind)
}

/// The first ERROR or MISSING node in document order, leaving out what TypeScript accepts
/// but tree-sitter-typescript 0.23 does not: the `type` of `export type * from`, and the
/// `;` it wants after `export import x = require`.
fn first_error<'t>(root: Node<'t>, text: &str, dialect: Dialect) -> Option<Node<'t>> {
    let typescript = dialect != Dialect::JavaScript;
    let mut cursor = root.walk();
    // The kinds of the nodes above the cursor (a known false error is known by its parent).
    let mut parents: Vec<&'t str> = Vec::new();
    loop {
        let node = cursor.node();
        let known = typescript
            && match parents.last() {
                Some(&"export_statement") => is_export_type_error(node, text),
                // `export import x = require("m")`: the grammar ends the alias at `require`
                // with a missing `;` (the import is read all the same).
                Some(&"import_alias") => {
                    node.is_missing()
                        && text
                            .get(..node.start_byte())
                            .is_some_and(|before| before.trim_end().ends_with("require"))
                }
                _ => false,
            };
        if !known {
            if node.is_error() || node.is_missing() {
                return Some(node);
            }
            if node.has_error() && cursor.goto_first_child() {
                parents.push(node.kind());
                continue;
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
            parents.pop();
        }
    }
}

/// The position of byte `byte` on the first line of `node` (a one-line comment).
fn position_on_line(node: Node<'_>, text: &str, byte: usize) -> Position {
    let start = node.start_position();
    let line_start = node.start_byte().saturating_sub(start.column);
    position(
        text,
        byte,
        Point {
            row: start.row,
            column: byte.saturating_sub(line_start),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::to_u32;

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

    /// A comment before the specifier is not the argument: webpack's magic comments
    /// (`import(/* webpackChunkName: "x" */ "./x")`) are common in plugin loaders. (The
    /// query that read imports before took the comment, and lost the import.)
    #[test]
    fn comments_before_the_specifier_are_skipped() {
        let text = "require(/* c */ 'a');\nimport(/* webpackChunkName: \"b\" */ // more\n  './b');\nimport(/* c */ name);\n";
        assert_eq!(
            summary(text),
            vec![
                (ImportSyntax::Require, s("a"), vec![], 1, 1),
                (ImportSyntax::DynamicImport, s("./b"), vec![], 2, 1),
                (ImportSyntax::DynamicImport, None, vec![], 4, 1),
            ]
        );
        let facts = extract(text);
        let at = |i: usize| facts.imports[i].specifier_span;
        assert_eq!((at(0).start.column, at(0).end.column), (17, 20));
        assert_eq!((at(1).start.line, at(1).start.column), (3, 3));
        assert_eq!((at(2).start.column, at(2).end.column), (16, 20));
    }

    /// tree-sitter's query wildcard `(_)` never matched an ERROR node, so a call whose
    /// first argument tree-sitter could not read has no specifier to report; the walk
    /// keeps that.
    #[test]
    fn an_error_node_is_no_argument() {
        assert_eq!(summary("require(@ 'a');\nimport(@ 'b');\n"), vec![]);
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

    #[test]
    fn templates_become_patterns() {
        let text = "import(`./plugins/${n}/index.js`);\nrequire(`@acme/theme-${name}`);\nimport(`${a}${b}/x-${c}`);\nimport(`plain`);\nimport(name);\n";
        let templates: Vec<Option<String>> = extract(text)
            .imports
            .into_iter()
            .map(|i| i.template)
            .collect();
        assert_eq!(
            templates,
            [
                s("./plugins/*/index.js"),
                s("@acme/theme-*"),
                s("*/x-*"),
                None,
                None
            ]
        );
    }

    #[test]
    fn commonjs_destructuring_names_the_exports() {
        let text = "const { X, Y: Z } = require('a');\nconst b = require('b');\nlet { C = 1, 'd-e': f, [k]: g, ...rest } = require('c');\n";
        let facts = extract(text);
        let rows: Vec<(Option<String>, Vec<String>, u32, u32)> = facts
            .imports
            .into_iter()
            .map(|i| (i.specifier, i.names, i.span.start.line, i.span.start.column))
            .collect();
        assert_eq!(
            rows,
            vec![
                (s("a"), vec!["X".into(), "Y".into()], 1, 21),
                (s("b"), vec![], 2, 11),
                (s("c"), vec!["C".into(), "d-e".into()], 3, 44),
            ]
        );
    }

    /// Every import of a file read as `dialect`, in full.
    fn imports(text: &str, dialect: Dialect) -> Vec<Import> {
        let facts = extract_as(text, dialect);
        assert_eq!(facts.syntax_error, None, "{text}");
        facts.imports
    }

    /// (syntax, specifier, names, type_only, span as l:c-l:c, specifier span) of each
    /// import.
    type TsRow = (ImportSyntax, String, Vec<String>, bool, String, String);

    fn ts_rows(text: &str, dialect: Dialect) -> Vec<TsRow> {
        let at = |s: Span| {
            format!(
                "{}:{}-{}:{}",
                s.start.line, s.start.column, s.end.line, s.end.column
            )
        };
        imports(text, dialect)
            .into_iter()
            .map(|i| {
                (
                    i.syntax,
                    i.specifier.unwrap_or_default(),
                    i.names,
                    i.type_only,
                    at(i.span),
                    at(i.specifier_span),
                )
            })
            .collect()
    }

    fn row(
        syntax: ImportSyntax,
        specifier: &str,
        names: &[&str],
        type_only: bool,
        span: &str,
        specifier_span: &str,
    ) -> TsRow {
        (
            syntax,
            specifier.to_string(),
            names.iter().map(|n| n.to_string()).collect(),
            type_only,
            span.to_string(),
            specifier_span.to_string(),
        )
    }

    #[test]
    fn typescript_type_only_imports() {
        let text = "import type { A } from 'a';\nimport type D from 'd';\nimport type * as N from 'n';\nimport { type B, c } from 'b';\nimport { type E, type F as G } from 'e';\nimport H, { type I } from 'h';\nimport { type } from 't';\n";
        use ImportSyntax::Import;
        assert_eq!(
            ts_rows(text, Dialect::TypeScript),
            vec![
                row(Import, "a", &["A"], true, "1:1-1:28", "1:24-1:27"),
                row(Import, "d", &["default"], true, "2:1-2:24", "2:20-2:23"),
                row(Import, "n", &["*"], true, "3:1-3:29", "3:25-3:28"),
                row(Import, "b", &["c"], false, "4:1-4:31", "4:27-4:30"),
                row(Import, "e", &["E", "F"], true, "5:1-5:41", "5:37-5:40"),
                row(Import, "h", &["default"], false, "6:1-6:31", "6:27-6:30"),
                row(Import, "t", &["type"], false, "7:1-7:26", "7:22-7:25"),
            ]
        );
    }

    #[test]
    fn typescript_type_only_reexports() {
        let text = "export type { A } from 'a';\nexport { type B } from 'b';\nexport { type C, d } from 'c';\nexport type * from 'e';\nexport type * as ns from 'f';\nexport * from 'g';\n";
        use ImportSyntax::{ExportAll, ExportFrom};
        assert_eq!(
            ts_rows(text, Dialect::TypeScript),
            vec![
                row(ExportFrom, "a", &["A"], true, "1:1-1:28", "1:24-1:27"),
                row(ExportFrom, "b", &["B"], true, "2:1-2:28", "2:24-2:27"),
                row(ExportFrom, "c", &["d"], false, "3:1-3:31", "3:27-3:30"),
                row(ExportAll, "e", &["*"], true, "4:1-4:24", "4:20-4:23"),
                row(ExportAll, "f", &["*"], true, "5:1-5:30", "5:26-5:29"),
                row(ExportAll, "g", &["*"], false, "6:1-6:19", "6:15-6:18"),
            ]
        );
    }

    #[test]
    fn typescript_import_require() {
        let text = "import j = require('j');\nimport type k = require('k');\nconst { X } = require('x');\n";
        use ImportSyntax::{ImportRequire, Require};
        assert_eq!(
            ts_rows(text, Dialect::TypeScript),
            vec![
                row(ImportRequire, "j", &[], false, "1:1-1:25", "1:20-1:23"),
                row(ImportRequire, "k", &[], true, "2:1-2:30", "2:25-2:28"),
                row(Require, "x", &["X"], false, "3:15-3:27", "3:23-3:26"),
            ]
        );
    }

    #[test]
    fn export_import_require() {
        let text = "export import l = require('l');\nexport import m = N.M;\ndeclare module 'x' {\n  export import n = require('n');\n}\n";
        use ImportSyntax::ImportRequire;
        assert_eq!(
            ts_rows(text, Dialect::TypeScript),
            vec![
                row(ImportRequire, "l", &[], false, "1:1-1:32", "1:27-1:30"),
                row(ImportRequire, "n", &[], true, "4:3-4:34", "4:29-4:32"),
            ]
        );
        let facts = extract_as(text, Dialect::TypeScript);
        assert_eq!(facts.imports[0].text, "export import l = require('l');");
    }

    #[test]
    fn triple_slash_references_at_the_top_only() {
        let text = "#!/usr/bin/env node\n// a comment\n/// <reference types=\"node\" />\n///<reference path='lib/x.d.ts'/>\n/// <reference lib=\"es2020\" />\n/// <reference path=\"../y.d.ts\" />\nimport 'z';\n/// <reference types=\"late\" />\n";
        use ImportSyntax::{Reference, SideEffect};
        assert_eq!(
            ts_rows(text, Dialect::TypeScript),
            vec![
                row(Reference, "node", &[], true, "3:1-3:31", "3:22-3:28"),
                row(
                    Reference,
                    "./lib/x.d.ts",
                    &[],
                    true,
                    "4:1-4:34",
                    "4:20-4:32"
                ),
                row(Reference, "../y.d.ts", &[], true, "6:1-6:35", "6:21-6:32"),
                row(SideEffect, "z", &[], false, "7:1-7:12", "7:8-7:11"),
            ]
        );
    }

    #[test]
    fn type_positions_and_ambient_declarations_are_erased() {
        let text = "let t: typeof import('t');\ntype U = import('u').U;\nconst v = import('v');\nfunction f(a: import('w').W): void {}\nconst x = y as typeof import('x');\ndeclare module 'm' {\n  import { N } from 'n';\n  export * from 'o';\n}\ndeclare module '*.css';\nexport const p = await import('p');\n";
        use ImportSyntax::{DynamicImport, ExportAll, Import};
        assert_eq!(
            ts_rows(text, Dialect::TypeScript),
            vec![
                row(DynamicImport, "t", &[], true, "1:15-1:26", "1:22-1:25"),
                row(DynamicImport, "u", &[], true, "2:10-2:21", "2:17-2:20"),
                row(DynamicImport, "v", &[], false, "3:11-3:22", "3:18-3:21"),
                row(DynamicImport, "w", &[], true, "4:15-4:26", "4:22-4:25"),
                row(DynamicImport, "x", &[], true, "5:23-5:34", "5:30-5:33"),
                row(Import, "n", &["N"], true, "7:3-7:25", "7:21-7:24"),
                row(ExportAll, "o", &["*"], true, "8:3-8:21", "8:17-8:20"),
                row(DynamicImport, "p", &[], false, "11:24-11:35", "11:31-11:34"),
            ]
        );
    }

    #[test]
    fn declaration_files_are_type_only() {
        let text = "import { A } from 'a';\nexport * from 'b';\nexport declare function f(): import('c').C;\n";
        use ImportSyntax::{DynamicImport, ExportAll, Import};
        assert_eq!(
            ts_rows(text, Dialect::Declaration),
            vec![
                row(Import, "a", &["A"], true, "1:1-1:23", "1:19-1:22"),
                row(ExportAll, "b", &["*"], true, "2:1-2:19", "2:15-2:18"),
                row(DynamicImport, "c", &[], true, "3:30-3:41", "3:37-3:40"),
            ]
        );
    }

    #[test]
    fn tsx_parses_jsx_and_types() {
        let text = "import type { Props } from 'ui';\nimport { Button } from 'ui';\nexport const A = (p: Props) => <Button label=\"x\" />;\n";
        use ImportSyntax::Import;
        assert_eq!(
            ts_rows(text, Dialect::Tsx),
            vec![
                row(Import, "ui", &["Props"], true, "1:1-1:33", "1:28-1:32"),
                row(Import, "ui", &["Button"], false, "2:1-2:29", "2:24-2:28"),
            ]
        );
    }

    #[test]
    fn typescript_syntax_errors_are_still_found() {
        let facts = extract_as(
            "import type { A } from 'a';\nlet x: = 1;\n",
            Dialect::TypeScript,
        );
        assert_eq!(facts.imports.len(), 1);
        assert_eq!(facts.syntax_error.map(|s| s.start.line), Some(2));
        // The forms tree-sitter-typescript does not know are not errors; one after them is.
        let facts = extract_as(
            "export type * from 'e';\nexport import l = require('l');\nlet x: = 1;\n",
            Dialect::TypeScript,
        );
        assert_eq!(facts.imports.len(), 2);
        assert_eq!(facts.syntax_error.map(|s| s.start.line), Some(3));
    }

    /// `f(f(…f(1)…))`, `require(require(…require('a')…))` and `import(import(…))` nested
    /// 50,000 deep, in JavaScript and TypeScript. A query cursor took seconds on these
    /// (quadratic) and dropped matches past 32,766 in-progress ones — the innermost
    /// literal among them; the walk is linear and finds every call.
    #[test]
    fn fifty_thousand_nested_calls_are_read_in_full() {
        const DEPTH: usize = 50_000;
        let nested = |callee: &str, inner: &str| {
            format!(
                "x = {}{inner}{};\nrequire('after');\n",
                format!("{callee}(").repeat(DEPTH),
                ")".repeat(DEPTH)
            )
        };
        for dialect in [Dialect::JavaScript, Dialect::TypeScript] {
            let facts = extract_as(&nested("f", "1"), dialect);
            assert_eq!(facts.syntax_error, None);
            let specifiers: Vec<Option<String>> =
                facts.imports.into_iter().map(|i| i.specifier).collect();
            assert_eq!(specifiers, [s("after")], "{dialect:?}");
            for (callee, syntax) in [
                ("require", ImportSyntax::Require),
                ("import", ImportSyntax::DynamicImport),
            ] {
                let facts = extract_as(&nested(callee, "'a'"), dialect);
                assert_eq!(facts.syntax_error, None);
                let imports = facts.imports;
                // Sorted by span: the outermost call first, the innermost last on line 1.
                assert_eq!(imports.len(), DEPTH + 1, "{callee} in {dialect:?}");
                assert!(imports[..DEPTH].iter().all(|i| i.syntax == syntax));
                assert!(imports.iter().all(|i| !i.type_only && i.names.is_empty()));
                // Each call's argument is the next call in.
                for pair in imports[..DEPTH].windows(2) {
                    assert_eq!(pair[0].specifier, None);
                    assert_eq!(pair[0].specifier_span.start, pair[1].span.start);
                }
                let width = to_u32(callee.len() + 1);
                let depth = to_u32(DEPTH);
                let innermost = &imports[DEPTH - 1];
                assert_eq!(innermost.specifier, s("a"));
                assert_eq!(innermost.span.start.line, 1);
                assert_eq!(innermost.span.start.column, 5 + (depth - 1) * width);
                assert_eq!(innermost.specifier_span.start.column, 5 + depth * width);
                assert_eq!(innermost.specifier_span.end.column, 8 + depth * width);
                assert_eq!(imports[DEPTH].specifier, s("after"));
                assert_eq!(imports[DEPTH].span.start.line, 2);
            }
        }
    }

    /// Every node kind the walk looks up exists in its grammars: a misspelt or renamed kind
    /// would silently never match.
    #[test]
    fn every_kind_and_field_exists() {
        for grammar in [Grammar::JavaScript, Grammar::TypeScript, Grammar::Tsx] {
            let language = grammar.language();
            let typescript = grammar != Grammar::JavaScript;
            let typescript_kinds = TYPESCRIPT_ROLES.iter().map(|(kind, _)| *kind);
            let names: Vec<&str> = ROLES
                .iter()
                .map(|(kind, _)| *kind)
                .chain(typescript_kinds.filter(|_| typescript))
                .chain(ERASED.into_iter().filter(|_| typescript))
                .collect();
            for name in names {
                assert_ne!(
                    language.id_for_node_kind(name, true),
                    0,
                    "{name} in {grammar:?}"
                );
            }
            let kinds = kinds(grammar);
            let fields = [kinds.source, kinds.function, kinds.arguments, kinds.name];
            assert!(fields.into_iter().chain([kinds.value]).all(|f| f != 0));
            assert_eq!(kinds.declaration != 0, typescript);
            // tree-sitter gives ERROR nodes a kind id past the table.
            let mut parser = Parser::new();
            parser.set_language(&language).unwrap();
            let text = "require(@ 'a');";
            let tree = parser.parse(text, None).unwrap();
            let dialect = match grammar {
                Grammar::JavaScript => Dialect::JavaScript,
                Grammar::TypeScript => Dialect::TypeScript,
                Grammar::Tsx => Dialect::Tsx,
            };
            let error = first_error(tree.root_node(), text, dialect).unwrap();
            assert!(error.is_error());
            assert_eq!(kinds.role(error), Role::Error, "{grammar:?}");
        }
    }

    #[test]
    fn typescript_deep_nesting_does_not_overflow() {
        let text = format!(
            "let x: {}number{} = 1;\nimport('a');\n",
            "Array<".repeat(20_000),
            ">".repeat(20_000)
        );
        let facts = extract_as(&text, Dialect::TypeScript);
        assert_eq!(facts.imports.len(), 1);
        assert!(!facts.imports[0].type_only);
    }
}
