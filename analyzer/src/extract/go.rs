//! Facts from Go sources (`.go`) with tree-sitter-go.
//!
//! The queries live in `grammars/go/` (imports, package-level declarations) and are
//! compiled once per process; each thread keeps one parser. Calls, assignments, constants
//! and scopes come from one cursor walk instead: a query over deeply nested matches
//! (`f(f(f(…)))`) is quadratic in tree-sitter, a walk is linear. Besides imports and exported
//! names, the extractor reads how a host loads plugins with the standard `plugin` package:
//! `p, err := plugin.Open("x.so")` and `p.Lookup("Sym")` on the variable that `Open`
//! assigned, with a string literal or a constant (`const so = "plugins/" + "x.so"`,
//! resolved inside the file; a bare name declared in another file of the package is left
//! for the resolve stage). Nothing here touches the file system, and nothing recurses on
//! the tree without a bound.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use tree_sitter::{Node, Parser, Query, QueryCursor, StreamingIterator};

use super::{Call, Suppression, statement_text};
use crate::location::Span;

const IMPORTS_QUERY: &str = include_str!("../../../grammars/go/imports.scm");
const DECLARATIONS_QUERY: &str = include_str!("../../../grammars/go/declarations.scm");

/// How deep a constant expression is followed (`a + (b + c)`, a constant naming another).
const MAX_EVAL_DEPTH: usize = 16;
/// How many enclosing scopes a `Lookup` looks through for the `Open` it belongs to.
const MAX_SCOPE_DEPTH: usize = 64;
/// How many earlier `Open`s of the same variable a `Lookup` considers (the latest first):
/// bounds the work on a file with thousands of them.
const MAX_OPEN_CANDIDATES: usize = 256;
/// How many arguments of a call are kept (`[[infer.call]]` indexes go up to 15).
const MAX_CALL_ARGS: usize = 16;
/// The longest callee chain kept (`a.b.c.d`).
const MAX_CALLEE_SEGMENTS: usize = 8;

/// Everything one Go file tells plugdep.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoFacts {
    /// The package clause's name (`main`, `greeter`, `greeter_test`), when there is one.
    pub package: Option<String>,
    /// Import specs, in source order.
    pub imports: Vec<GoImport>,
    /// Capitalised package-level names (functions, variables, constants, types), in
    /// source order.
    pub exports: Vec<GoExport>,
    /// Package-level string constants whose value the file alone determines, in source
    /// order: another file of the package may name them in `plugin.Open(name)`.
    pub constants: Vec<(String, String)>,
    /// `plugin.Open(…)` calls, in source order.
    pub opens: Vec<PluginOpen>,
    /// `p.Lookup(…)` calls on a variable assigned from one of [`GoFacts::opens`], in source
    /// order.
    pub lookups: Vec<PluginLookup>,
    /// Calls with at least one string argument (a literal or a constant), in source order:
    /// the raw material for `[[infer.call]]` patterns.
    pub calls: Vec<Call>,
    /// The first syntax error, if the file has any (what the tree still holds is kept).
    pub syntax_error: Option<Span>,
    /// `plugdep-ignore-next-line` comments, in source order.
    pub suppressions: Vec<Suppression>,
}

/// How an import names the package in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoImportName {
    /// `import "x/y"`: by the package's own name.
    Default,
    /// `import alias "x/y"`
    Alias(String),
    /// `import . "x/y"`: its exported names are the file's own.
    Dot,
    /// `import _ "x/y"`: for its side effects (its `init`) only.
    Blank,
}

/// One import spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoImport {
    /// The import path.
    pub path: String,
    /// How the file names it.
    pub name: GoImportName,
    /// The import spec (`alias "x/y"`).
    pub span: Span,
    /// The path string.
    pub path_span: Span,
    /// The spec's text (with `import` for a single, ungrouped import), trimmed.
    pub text: String,
}

impl GoImport {
    /// The form, as evidence shows it: `import`, `import-alias`, `import-dot`,
    /// `import-blank`.
    pub fn syntax(&self) -> &'static str {
        match self.name {
            GoImportName::Default => "import",
            GoImportName::Alias(_) => "import-alias",
            GoImportName::Dot => "import-dot",
            GoImportName::Blank => "import-blank",
        }
    }
}

/// What kind of package-level name an export is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoSymbolKind {
    /// `func Name(…)`
    Func,
    /// `var Name …`
    Var,
    /// `const Name …`
    Const,
    /// `type Name …`
    Type,
}

impl GoSymbolKind {
    /// Whether `plugin.Lookup` can find a symbol of this kind: only functions and variables
    /// are symbols of a built plugin.
    pub fn is_symbol(self) -> bool {
        matches!(self, GoSymbolKind::Func | GoSymbolKind::Var)
    }

    /// The word for it in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            GoSymbolKind::Func => "function",
            GoSymbolKind::Var => "variable",
            GoSymbolKind::Const => "constant",
            GoSymbolKind::Type => "type",
        }
    }
}

/// One capitalised package-level name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoExport {
    /// The name.
    pub name: String,
    /// What it declares.
    pub kind: GoSymbolKind,
    /// The name's span.
    pub span: Span,
}

/// A string argument as far as one file can tell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoArg {
    /// Its value: a literal, or constants and literals joined with `+`.
    Value(String),
    /// A name that no constant of the file declares: perhaps a constant of another file
    /// of the package.
    Name(String),
    /// Anything else (a variable, a call, a parameter): not known statically.
    Unknown,
}

/// A `plugin.Open(path)` call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginOpen {
    /// The path argument.
    pub path: GoArg,
    /// The call.
    pub span: Span,
    /// The argument (the call itself when there is none).
    pub arg_span: Span,
    /// The call's line, trimmed.
    pub text: String,
}

/// A `p.Lookup(name)` call where `p` holds the result of a `plugin.Open`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginLookup {
    /// Index into [`GoFacts::opens`]: the `Open` whose plugin it looks in.
    pub open: usize,
    /// The symbol's name.
    pub symbol: GoArg,
    /// The call.
    pub span: Span,
    /// The argument (the call itself when there is none).
    pub arg_span: Span,
    /// The call's line, trimmed.
    pub text: String,
}

struct Compiled {
    imports: Query,
    import: u32,
    package: u32,
    declarations: Query,
    func: u32,
    var: u32,
    constant: u32,
    type_name: u32,
}

fn compiled() -> &'static Compiled {
    static QUERIES: OnceLock<Compiled> = OnceLock::new();
    QUERIES.get_or_init(|| {
        let language = tree_sitter_go::LANGUAGE.into();
        // The queries are part of this crate; a test compiles them, so failing here is a bug.
        let query = |source: &str, file: &str| {
            Query::new(&language, source).unwrap_or_else(|e| panic!("{file} must compile: {e}"))
        };
        let imports = query(IMPORTS_QUERY, "grammars/go/imports.scm");
        let declarations = query(DECLARATIONS_QUERY, "grammars/go/declarations.scm");
        let index = |query: &Query, name: &str| {
            query
                .capture_index_for_name(name)
                .unwrap_or_else(|| panic!("the Go queries must capture @{name}"))
        };
        Compiled {
            import: index(&imports, "import"),
            package: index(&imports, "package"),
            func: index(&declarations, "func"),
            var: index(&declarations, "var"),
            constant: index(&declarations, "const"),
            type_name: index(&declarations, "type"),
            imports,
            declarations,
        }
    })
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Extracts the facts of one Go file.
///
/// ```
/// use plugdep_analyzer::extract::go::{self, GoArg};
/// let facts = go::extract(
///     "package main\n\nimport \"plugin\"\n\nfunc main() {\n\tp, _ := plugin.Open(\"greeter.so\")\n\tp.Lookup(\"Greet\")\n}\n",
/// );
/// assert_eq!(facts.package.as_deref(), Some("main"));
/// assert_eq!(facts.opens[0].path, GoArg::Value("greeter.so".into()));
/// assert_eq!(facts.lookups[0].symbol, GoArg::Value("Greet".into()));
/// ```
pub fn extract(text: &str) -> GoFacts {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_go::LANGUAGE.into())
                .expect("tree-sitter-go matches the tree-sitter version");
            parser
        });
        // `parse` returns None only without a language or on cancellation; neither happens.
        match parser.parse(text, None) {
            // Columns count characters from the line start: with the index in place, a
            // fact on a megabyte-long line costs a few hundred bytes of counting.
            Some(tree) => crate::location::with_char_index(text, || {
                Extraction::new(tree.root_node(), text).facts()
            }),
            None => GoFacts::default(),
        }
    })
}

/// A constant declared in the file.
struct Constant<'t> {
    name: String,
    /// The innermost scope that holds the declaration (0: the file).
    scope: usize,
    value: Option<Node<'t>>,
}

/// A call found by the calls query.
struct FoundCall<'t> {
    call: Node<'t>,
    callee: Node<'t>,
    arguments: Node<'t>,
}

/// The state of one file's extraction: its tree, and the scopes and constants in it.
struct Extraction<'t> {
    root: Node<'t>,
    text: &'t str,
    /// Line starts, for evidence text.
    line_starts: Vec<usize>,
    /// For each scope (0: the file, then each block), its enclosing scope.
    parents: Vec<usize>,
    /// Block byte ranges, index `i` is scope `i + 1`.
    blocks: Vec<(usize, usize)>,
    constants: Vec<Constant<'t>>,
    /// (scope, name) → index into `constants`.
    constant_index: HashMap<(usize, String), usize>,
}

impl<'t> Extraction<'t> {
    fn new(root: Node<'t>, text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Extraction {
            root,
            text,
            line_starts,
            parents: vec![0],
            blocks: Vec::new(),
            constants: Vec::new(),
            constant_index: HashMap::new(),
        }
    }

    fn facts(mut self) -> GoFacts {
        let q = compiled();
        let (package, imports) = self.imports(q);
        let exports = self.declarations(q);
        let Walked {
            calls,
            assignments,
            const_specs,
            scopes,
        } = walk(self.root, self.text);
        self.blocks = scopes;
        let plugin_names = plugin_package_names(&imports);

        // Scopes for the constants and the calls, in one sweep over the blocks.
        let mut positions: Vec<usize> = const_specs.iter().map(|n| n.start_byte()).collect();
        positions.extend(calls.iter().map(|c| c.call.start_byte()));
        let scopes = self.scopes(&positions);
        let (const_scopes, call_scopes) = scopes.split_at(const_specs.len());
        for (spec, &scope) in const_specs.iter().zip(const_scopes) {
            self.add_constants(*spec, scope);
        }
        let constants = self.package_constants();

        let mut opens = Vec::new();
        // (open index, variable, scope, start byte) of each `Open` assigned to a variable.
        // Per variable, the `Open`s assigned to it: (open index, scope, start byte), in
        // source order (calls are sorted by position).
        let mut assigned: HashMap<String, Vec<(usize, usize, usize)>> = HashMap::new();
        let mut lookup_calls = Vec::new();
        let mut found_calls = Vec::new();
        for (found, &scope) in calls.iter().zip(call_scopes) {
            let callee = callee_path(found.callee, self.text);
            let args: Vec<Node<'t>> = {
                let mut cursor = found.arguments.walk();
                found.arguments.named_children(&mut cursor).collect()
            };
            let first = args.first().copied();
            let (arg, arg_span) = match first {
                Some(node) => (self.eval(node, scope, 0), self.span(node)),
                None => (GoArg::Unknown, self.span(found.call)),
            };
            if let Some(callee) = &callee {
                let is_open = match callee.split_once('.') {
                    Some((package, "Open")) => plugin_names.iter().any(|n| n == package),
                    None => callee == "Open" && plugin_names.iter().any(String::is_empty),
                    _ => false,
                };
                if is_open {
                    let key = (found.call.start_byte(), found.call.end_byte());
                    if let Some(variable) = assignments.get(&key) {
                        assigned.entry(variable.clone()).or_default().push((
                            opens.len(),
                            scope,
                            key.0,
                        ));
                    }
                    opens.push(PluginOpen {
                        path: arg.clone(),
                        span: self.span(found.call),
                        arg_span,
                        text: self.line_text(found.call),
                    });
                } else if let Some((receiver, "Lookup")) = callee.split_once('.')
                    && !receiver.contains('.')
                {
                    lookup_calls.push((receiver.to_string(), scope, found, arg.clone(), arg_span));
                }
                let string_args: Vec<Option<(String, Span)>> = args
                    .iter()
                    .take(MAX_CALL_ARGS)
                    .map(|&node| match self.eval(node, scope, 0) {
                        GoArg::Value(value) => Some((value, self.span(node))),
                        _ => None,
                    })
                    .collect();
                if string_args.iter().any(Option::is_some) {
                    found_calls.push(Call {
                        callee: callee.clone(),
                        args: string_args,
                        span: self.span(found.call),
                        text: self.line_text(found.call),
                    });
                }
            }
        }
        let mut lookups = Vec::new();
        for (receiver, scope, found, symbol, arg_span) in lookup_calls {
            let start = found.call.start_byte();
            let visible = self.ancestors(scope);
            // The latest visible `Open` before the call, among the most recent ones.
            let candidates = assigned.get(&receiver).map_or(&[][..], Vec::as_slice);
            let before = candidates.partition_point(|&(_, _, open_start)| open_start < start);
            let open = candidates[..before]
                .iter()
                .rev()
                .take(MAX_OPEN_CANDIDATES)
                .find(|(_, open_scope, _)| visible.contains(open_scope))
                .map(|&(index, ..)| index);
            if let Some(open) = open {
                lookups.push(PluginLookup {
                    open,
                    symbol,
                    span: self.span(found.call),
                    arg_span,
                    text: self.line_text(found.call),
                });
            }
        }
        let syntax_error = self
            .root
            .has_error()
            .then(|| first_error(self.root).map(|n| self.span(n)))
            .flatten();
        GoFacts {
            package,
            imports,
            exports,
            constants,
            opens,
            lookups,
            calls: found_calls,
            syntax_error,
            suppressions: super::suppress::suppressions(self.text),
        }
    }

    /// The package name and the import specs.
    fn imports(&self, q: &Compiled) -> (Option<String>, Vec<GoImport>) {
        let mut cursor = QueryCursor::new();
        // The package clause and import specs sit at most three levels down
        // (source_file > import_declaration > import_spec_list > import_spec).
        cursor.set_max_start_depth(Some(3));
        let mut matches = cursor.matches(&q.imports, self.root, self.text.as_bytes());
        let mut package = None;
        let mut imports = Vec::new();
        while let Some(m) = matches.next() {
            for capture in m.captures() {
                if capture.index == q.package {
                    package.get_or_insert_with(|| self.node_text(capture.node).to_string());
                } else if capture.index == q.import {
                    imports.extend(self.import(capture.node));
                }
            }
        }
        imports.sort_by_key(|i| i.span);
        imports.dedup();
        (package, imports)
    }

    fn import(&self, spec: Node<'t>) -> Option<GoImport> {
        let path_node = spec.child_by_field_name("path")?;
        let path = self.string_value(path_node)?;
        let name = match spec.child_by_field_name("name") {
            None => GoImportName::Default,
            Some(n) => match n.kind() {
                "dot" => GoImportName::Dot,
                "blank_identifier" => GoImportName::Blank,
                _ => GoImportName::Alias(self.node_text(n).to_string()),
            },
        };
        // A single import reads best with its keyword: `import alias "x/y"`.
        let shown = match spec.parent() {
            Some(parent) if parent.kind() == "import_declaration" => parent,
            _ => spec,
        };
        Some(GoImport {
            path,
            name,
            span: self.span(spec),
            path_span: self.span(path_node),
            text: statement_text(self.node_text(shown)),
        })
    }

    /// The exported package-level names.
    fn declarations(&self, q: &Compiled) -> Vec<GoExport> {
        let mut cursor = QueryCursor::new();
        // Every pattern starts at the file's root: no need to look deeper (a query that
        // does is quadratic on deeply nested code).
        cursor.set_max_start_depth(Some(0));
        let mut matches = cursor.matches(&q.declarations, self.root, self.text.as_bytes());
        let mut exports = Vec::new();
        while let Some(m) = matches.next() {
            for capture in m.captures() {
                let i = capture.index;
                let kind = if i == q.func {
                    GoSymbolKind::Func
                } else if i == q.var {
                    GoSymbolKind::Var
                } else if i == q.constant {
                    GoSymbolKind::Const
                } else if i == q.type_name {
                    GoSymbolKind::Type
                } else {
                    continue;
                };
                let name = self.node_text(capture.node);
                if name.chars().next().is_some_and(char::is_uppercase) {
                    exports.push(GoExport {
                        name: name.to_string(),
                        kind,
                        span: self.span(capture.node),
                    });
                }
            }
        }
        exports.sort_by_key(|e| e.span);
        exports.dedup();
        exports
    }

    /// The innermost scope of each byte position, and the scopes' parents: one sweep over
    /// the blocks (which nest, as in any tree) with a stack.
    fn scopes(&mut self, positions: &[usize]) -> Vec<usize> {
        self.parents = vec![0; self.blocks.len() + 1];
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_by_key(|&i| positions[i]);
        let mut out = vec![0; positions.len()];
        let mut stack: Vec<usize> = Vec::new(); // scopes (block index + 1)
        let mut next_block = 0;
        let blocks = &self.blocks;
        let end_of = |scope: usize| blocks[scope - 1].1;
        for i in order {
            let at = positions[i];
            while next_block < blocks.len() && blocks[next_block].0 <= at {
                let (start, _) = blocks[next_block];
                while stack.last().is_some_and(|&s| end_of(s) <= start) {
                    stack.pop();
                }
                self.parents[next_block + 1] = stack.last().copied().unwrap_or(0);
                stack.push(next_block + 1);
                next_block += 1;
            }
            while stack.last().is_some_and(|&s| end_of(s) <= at) {
                stack.pop();
            }
            out[i] = stack.last().copied().unwrap_or(0);
        }
        // Blocks after the last position: their parents are never asked for.
        out
    }

    /// `scope` and the scopes that enclose it, innermost first (at most
    /// [`MAX_SCOPE_DEPTH`]), ending with the file (0).
    fn ancestors(&self, mut scope: usize) -> Vec<usize> {
        let mut out = vec![scope];
        while scope != 0 && out.len() < MAX_SCOPE_DEPTH {
            scope = self.parents.get(scope).copied().unwrap_or(0);
            out.push(scope);
        }
        if out.last() != Some(&0) {
            out.push(0);
        }
        out
    }

    fn add_constants(&mut self, spec: Node<'t>, scope: usize) {
        let mut cursor = spec.walk();
        let names: Vec<Node<'t>> = spec.children_by_field_name("name", &mut cursor).collect();
        let values: Vec<Node<'t>> = match spec.child_by_field_name("value") {
            Some(list) => {
                let mut cursor = list.walk();
                list.named_children(&mut cursor).collect()
            }
            None => Vec::new(),
        };
        for (i, name) in names.into_iter().enumerate() {
            let name = self.node_text(name).to_string();
            if name == "_" {
                continue;
            }
            let index = self.constants.len();
            self.constant_index
                .entry((scope, name.clone()))
                .or_insert(index);
            self.constants.push(Constant {
                name,
                scope,
                value: values.get(i).copied(),
            });
        }
    }

    /// The package-level constants whose string value this file determines.
    fn package_constants(&self) -> Vec<(String, String)> {
        self.constants
            .iter()
            .filter(|c| c.scope == 0)
            .filter_map(|c| match self.eval(c.value?, 0, 1) {
                GoArg::Value(value) => Some((c.name.clone(), value)),
                _ => None,
            })
            .collect()
    }

    /// The string value of an expression as far as this file can tell.
    fn eval(&self, node: Node<'t>, scope: usize, depth: usize) -> GoArg {
        if depth > MAX_EVAL_DEPTH {
            return GoArg::Unknown;
        }
        match node.kind() {
            "interpreted_string_literal" | "raw_string_literal" => {
                self.string_value(node).map_or(GoArg::Unknown, GoArg::Value)
            }
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.eval(inner, scope, depth + 1),
                None => GoArg::Unknown,
            },
            "binary_expression" => {
                let operator = node.child_by_field_name("operator");
                if operator.is_none_or(|o| self.node_text(o) != "+") {
                    return GoArg::Unknown;
                }
                let side = |field| {
                    node.child_by_field_name(field)
                        .map_or(GoArg::Unknown, |n| self.eval(n, scope, depth + 1))
                };
                match (side("left"), side("right")) {
                    (GoArg::Value(a), GoArg::Value(b)) => GoArg::Value(a + &b),
                    _ => GoArg::Unknown,
                }
            }
            "identifier" => {
                let name = self.node_text(node);
                let found = self
                    .ancestors(scope)
                    .into_iter()
                    .find_map(|s| self.constant_index.get(&(s, name.to_string())));
                match found {
                    Some(&index) => {
                        let constant = &self.constants[index];
                        match constant.value {
                            Some(value) => match self.eval(value, constant.scope, depth + 1) {
                                GoArg::Value(v) => GoArg::Value(v),
                                _ => GoArg::Unknown,
                            },
                            None => GoArg::Unknown,
                        }
                    }
                    None => GoArg::Name(name.to_string()),
                }
            }
            _ => GoArg::Unknown,
        }
    }

    /// The value of a string literal node.
    fn string_value(&self, node: Node<'t>) -> Option<String> {
        let raw = self.node_text(node);
        match node.kind() {
            // Go drops carriage returns from raw strings.
            "raw_string_literal" => {
                Some(raw.strip_prefix('`')?.strip_suffix('`')?.replace('\r', ""))
            }
            "interpreted_string_literal" => unquote(raw.strip_prefix('"')?.strip_suffix('"')?),
            _ => None,
        }
    }

    fn node_text(&self, node: Node<'_>) -> &'t str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    /// The line that holds the start of `node`, trimmed (evidence text).
    fn line_text(&self, node: Node<'_>) -> String {
        let start = node.start_byte();
        let line = self.line_starts.partition_point(|&s| s <= start) - 1;
        let from = self.line_starts[line];
        let to = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next);
        statement_text(self.text.get(from..to).unwrap_or(""))
    }

    fn span(&self, node: Node<'_>) -> Span {
        super::tree::span(node, self.text)
    }
}

/// Node kinds that hold names of their own: blocks, and the statements and clauses whose
/// header or body declares names (`if p, err := plugin.Open(…); err == nil { … }`).
const SCOPE_KINDS: [&str; 10] = [
    "block",
    "if_statement",
    "for_statement",
    "expression_switch_statement",
    "type_switch_statement",
    "select_statement",
    "expression_case",
    "type_case",
    "default_case",
    "communication_case",
];

/// What one walk over the tree finds.
struct Walked<'t> {
    /// Every call, sorted by position.
    calls: Vec<FoundCall<'t>>,
    /// The variable each call's result is assigned to, by the call's byte range: the first
    /// name on the left of an assignment whose first value is the call
    /// (`p, err := plugin.Open("x.so")`).
    assignments: HashMap<(usize, usize), String>,
    /// Every constant declaration, at any level, in source order.
    const_specs: Vec<Node<'t>>,
    /// The byte ranges of the scope nodes, sorted by start (outer first on a tie).
    scopes: Vec<(usize, usize)>,
}

/// One cursor walk over the tree (iterative: no recursion, whatever the nesting). Queries
/// would do the same job, but a query over deeply nested matches is quadratic.
fn walk<'t>(root: Node<'t>, text: &str) -> Walked<'t> {
    let mut walked = Walked {
        calls: Vec::new(),
        assignments: HashMap::new(),
        const_specs: Vec::new(),
        scopes: Vec::new(),
    };
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind();
        if SCOPE_KINDS.contains(&kind) {
            walked.scopes.push((node.start_byte(), node.end_byte()));
        }
        match kind {
            "call_expression" => {
                if let (Some(callee), Some(arguments)) = (
                    node.child_by_field_name("function"),
                    node.child_by_field_name("arguments"),
                ) {
                    walked.calls.push(FoundCall {
                        call: node,
                        callee,
                        arguments,
                    });
                }
            }
            "const_spec" => walked.const_specs.push(node),
            "short_var_declaration" | "assignment_statement" | "var_spec" => {
                let (left, right) = if kind == "var_spec" {
                    (
                        node.child_by_field_name("name"),
                        node.child_by_field_name("value"),
                    )
                } else {
                    let first = |field| {
                        node.child_by_field_name(field)
                            .and_then(|list| list.named_child(0))
                    };
                    (first("left"), node.child_by_field_name("right"))
                };
                let call = right.and_then(|list| list.named_child(0));
                if let (Some(left), Some(call)) = (left, call)
                    && left.kind() == "identifier"
                    && call.kind() == "call_expression"
                {
                    let name = text.get(left.byte_range()).unwrap_or("");
                    if name != "_" {
                        walked
                            .assignments
                            .entry((call.start_byte(), call.end_byte()))
                            .or_insert_with(|| name.to_string());
                    }
                }
            }
            _ => {}
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                walked
                    .scopes
                    .sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
                walked.scopes.dedup();
                return walked;
            }
        }
    }
}

/// The names under which a file reaches the standard `plugin` package: `plugin`, its
/// alias, or `""` when it is dot-imported.
fn plugin_package_names(imports: &[GoImport]) -> Vec<String> {
    imports
        .iter()
        .filter(|i| i.path == "plugin")
        .filter_map(|i| match &i.name {
            GoImportName::Default => Some("plugin".to_string()),
            GoImportName::Alias(alias) => Some(alias.clone()),
            GoImportName::Dot => Some(String::new()),
            GoImportName::Blank => None,
        })
        .collect()
}

/// `a.b.c` for a callee that is an identifier or a chain of selectors on one; `None` for
/// anything else (`f()()`, `x[i].m`).
fn callee_path(node: Node<'_>, text: &str) -> Option<String> {
    let mut segments = Vec::new();
    let mut current = node;
    loop {
        if segments.len() >= MAX_CALLEE_SEGMENTS {
            return None;
        }
        match current.kind() {
            "identifier" => {
                segments.push(text.get(current.byte_range())?);
                break;
            }
            "selector_expression" => {
                let field = current.child_by_field_name("field")?;
                segments.push(text.get(field.byte_range())?);
                current = current.child_by_field_name("operand")?;
            }
            _ => return None,
        }
    }
    segments.reverse();
    Some(segments.join("."))
}

/// Go's interpreted-string escapes (`strconv.Unquote` of a `"…"` string, without its
/// quotes); `None` for an escape Go refuses.
///
/// ```
/// use plugdep_analyzer::extract::go::unquote;
/// assert_eq!(unquote(r"a\tb\x41\u00e9\101").as_deref(), Some("a\tbAéA"));
/// assert_eq!(unquote(r"\q"), None);
/// ```
pub fn unquote(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = chars.next()?;
        let digits = |chars: &mut std::str::Chars<'_>, n: usize, radix: u32| -> Option<u32> {
            let digits: String = chars.by_ref().take(n).collect();
            if digits.chars().count() != n {
                return None;
            }
            u32::from_str_radix(&digits, radix).ok()
        };
        match escaped {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            'x' => out.push(char::from_u32(digits(&mut chars, 2, 16)?)?),
            'u' => out.push(char::from_u32(digits(&mut chars, 4, 16)?)?),
            'U' => out.push(char::from_u32(digits(&mut chars, 8, 16)?)?),
            '0'..='7' => {
                let rest = digits(&mut chars, 2, 8)?;
                let value = (escaped as u32 - '0' as u32) * 64 + rest;
                if value > 255 || rest >= 64 {
                    return None;
                }
                out.push(char::from_u32(value)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The first ERROR or MISSING node in document order (an explicit cursor walk).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> GoArg {
        GoArg::Value(s.to_string())
    }

    #[test]
    fn queries_compile() {
        let _ = compiled();
    }

    #[test]
    fn every_import_form() {
        let text = "package host\n\nimport \"fmt\"\nimport alias \"example.com/a/pkg\"\n\nimport (\n\t\"example.com/b\"\n\tb2 \"example.com/b/v2\"\n\t. \"example.com/dot\"\n\t_ \"example.com/blank\" // for init\n\t`example.com/raw`\n)\n";
        let facts = extract(text);
        assert_eq!(facts.package.as_deref(), Some("host"));
        let rows: Vec<(&str, &str, u32, u32, &str)> = facts
            .imports
            .iter()
            .map(|i| {
                (
                    i.path.as_str(),
                    i.syntax(),
                    i.span.start.line,
                    i.path_span.start.column,
                    i.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("fmt", "import", 3, 8, "import \"fmt\""),
                (
                    "example.com/a/pkg",
                    "import-alias",
                    4,
                    14,
                    "import alias \"example.com/a/pkg\""
                ),
                ("example.com/b", "import", 7, 2, "\"example.com/b\""),
                (
                    "example.com/b/v2",
                    "import-alias",
                    8,
                    5,
                    "b2 \"example.com/b/v2\""
                ),
                (
                    "example.com/dot",
                    "import-dot",
                    9,
                    4,
                    ". \"example.com/dot\""
                ),
                (
                    "example.com/blank",
                    "import-blank",
                    10,
                    4,
                    "_ \"example.com/blank\""
                ),
                ("example.com/raw", "import", 11, 2, "`example.com/raw`"),
            ]
        );
        assert_eq!(
            facts.imports[1].name,
            GoImportName::Alias("alias".to_string())
        );
        assert_eq!(facts.syntax_error, None);
    }

    #[test]
    fn exports_are_capitalised_package_level_names() {
        let text = "package main\n\nfunc Greet() {}\nfunc greet() {}\nfunc (t T) Method() {}\nvar Count, hidden = 1, 2\nvar (\n\tLevel int\n)\nconst Version = \"1\"\ntype Greeter interface{}\ntype Alias = Greeter\nfunc main() {\n\tvar Local = 1\n\t_ = Local\n}\nvar Ünicode = 1\n";
        let facts = extract(text);
        let names: Vec<(&str, GoSymbolKind, u32)> = facts
            .exports
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.span.start.line))
            .collect();
        assert_eq!(
            names,
            [
                ("Greet", GoSymbolKind::Func, 3),
                ("Count", GoSymbolKind::Var, 6),
                ("Level", GoSymbolKind::Var, 8),
                ("Version", GoSymbolKind::Const, 10),
                ("Greeter", GoSymbolKind::Type, 11),
                ("Alias", GoSymbolKind::Type, 12),
                ("Ünicode", GoSymbolKind::Var, 17),
            ]
        );
        assert_eq!(facts.constants, [("Version".to_string(), "1".to_string())]);
    }

    #[test]
    fn open_and_lookup_with_literals_and_constants() {
        let text = r#"package main

import (
	goplugin "plugin"
)

const dir = "plugins/"
const greeterSo = dir + ("greeter" + ".so")

func main() {
	const sym = "Greet"
	p, err := goplugin.Open(greeterSo)
	if err != nil {
		panic(err)
	}
	g, _ := p.Lookup(sym)
	_ = g
	q, _ := goplugin.Open(otherPath)
	q.Lookup(`Raw`)
	r, _ := goplugin.Open(computePath())
	r.Lookup("X" + suffix)
	other.Lookup("NotAPlugin")
}

func elsewhere() {
	p.Lookup("OutOfScope")
}
"#;
        let facts = extract(text);
        let opens: Vec<(&GoArg, u32, u32)> = facts
            .opens
            .iter()
            .map(|o| (&o.path, o.span.start.line, o.arg_span.start.column))
            .collect();
        assert_eq!(
            opens,
            [
                (&v("plugins/greeter.so"), 12, 26),
                (&GoArg::Name("otherPath".into()), 18, 24),
                (&GoArg::Unknown, 20, 24),
            ]
        );
        assert_eq!(facts.opens[0].text, "p, err := goplugin.Open(greeterSo)");
        let lookups: Vec<(usize, &GoArg, u32)> = facts
            .lookups
            .iter()
            .map(|l| (l.open, &l.symbol, l.span.start.line))
            .collect();
        assert_eq!(
            lookups,
            [
                (0, &v("Greet"), 16),
                (1, &v("Raw"), 19),
                (2, &GoArg::Unknown, 21),
            ]
        );
        assert_eq!(
            facts.constants,
            [
                ("dir".to_string(), "plugins/".to_string()),
                ("greeterSo".to_string(), "plugins/greeter.so".to_string()),
            ]
        );
    }

    #[test]
    fn lookups_follow_scopes_and_the_latest_open() {
        let text = r#"package main

import . "plugin"

var global, _ = Open("global.so")

func main() {
	p, _ := Open("a.so")
	if p, err := Open("b.so"); err == nil {
		p.Lookup("InB")
	}
	p.Lookup("InA")
	p, _ = Open("c.so")
	p.Lookup("InC")
	func() {
		p.Lookup("Closure")
		global.Lookup("Global")
	}()
}
"#;
        let facts = extract(text);
        let paths: Vec<&GoArg> = facts.opens.iter().map(|o| &o.path).collect();
        assert_eq!(paths, [&v("global.so"), &v("a.so"), &v("b.so"), &v("c.so")]);
        let lookups: Vec<(usize, &GoArg)> =
            facts.lookups.iter().map(|l| (l.open, &l.symbol)).collect();
        assert_eq!(
            lookups,
            [
                (2, &v("InB")),
                (1, &v("InA")),
                (3, &v("InC")),
                (3, &v("Closure")),
                (0, &v("Global")),
            ]
        );
    }

    #[test]
    fn without_the_plugin_import_open_is_not_plugin_open() {
        let facts = extract(
            "package main\n\nfunc main() {\n\tp, _ := plugin.Open(\"x.so\")\n\tp.Lookup(\"X\")\n}\n",
        );
        assert!(facts.opens.is_empty());
        assert!(facts.lookups.is_empty());
    }

    #[test]
    fn calls_with_string_arguments() {
        let text = "package main\n\nconst name = \"auth\"\n\nfunc main() {\n\thost.Register(name, impl)\n\tfmt.Println(x)\n\tregistry.Plugins.Get(\"a\", `b`)\n}\n";
        let facts = extract(text);
        let calls: Vec<(&str, Vec<Option<&str>>)> = facts
            .calls
            .iter()
            .map(|c| {
                (
                    c.callee.as_str(),
                    c.args
                        .iter()
                        .map(|a| a.as_ref().map(|(s, _)| s.as_str()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            calls,
            [
                ("host.Register", vec![Some("auth"), None]),
                ("registry.Plugins.Get", vec![Some("a"), Some("b")]),
            ]
        );
    }

    #[test]
    fn syntax_errors_keep_what_the_tree_holds() {
        let facts = extract("package main\n\nimport \"fmt\"\n\nfunc main( {\n");
        assert_eq!(facts.imports.len(), 1);
        assert_eq!(facts.syntax_error.map(|s| s.start.line), Some(5));
    }

    #[test]
    fn columns_count_characters() {
        let facts = extract("package main\n\nimport ü \"x/y\"\n");
        assert_eq!(facts.imports[0].path_span.start.column, 10);
    }

    #[test]
    fn hostile_nesting_does_not_overflow() {
        let deep = format!(
            "package main\nimport \"plugin\"\nconst c = {}\"x\"{}\nfunc main() {{ p, _ := plugin.Open(c); p.Lookup({}\"S\"{}) }}\n",
            "(".repeat(50_000),
            ")".repeat(50_000),
            "(".repeat(50_000),
            ")".repeat(50_000),
        );
        let facts = extract(&deep);
        assert_eq!(facts.opens.len(), 1);
        assert_eq!(facts.opens[0].path, GoArg::Unknown);
        let blocks = format!(
            "package main\nfunc main() {}{}\n",
            "{".repeat(50_000),
            "}".repeat(50_000)
        );
        let _ = extract(&blocks);
        let calls = format!(
            "package main\nimport \"plugin\"\nvar x = {}0{}\n",
            "f(".repeat(50_000),
            ")".repeat(50_000)
        );
        let _ = extract(&calls);
        let closures = format!(
            "package main\nimport \"plugin\"\nvar x = {}p.Lookup(\"S\"){}\n",
            "func() { ".repeat(20_000),
            " }".repeat(20_000)
        );
        let _ = extract(&closures);
        let chain = format!("package main\nvar x = a{}\n", ".b".repeat(50_000));
        let _ = extract(&chain);
        let sum = format!(
            "package main\nconst s = \"a\"{}\n",
            " + \"a\"".repeat(50_000)
        );
        assert!(extract(&sum).constants.is_empty());
    }
}
