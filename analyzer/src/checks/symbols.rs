//! `unexported-symbol`, `unexported-subpath` and `path-escape`: what one plugin takes
//! from another that the other does not offer, and manifest paths that leave their plugin.
//!
//! The resolve stage collects every import of another plugin ([`SymbolUse`]); this check
//! asks the export tables ([`ExportTables`]) what the target offers at that sub-path under
//! the import's conditions, and reports:
//!
//! - a sub-path the target's exports map does not expose (`null` targets included), or —
//!   without an exports map — a path where no file is (only when plugdep can know: a
//!   source-file name in a folder the walk saw);
//! - each imported name the entry point does not export (`default` for a default import),
//!   through its re-exports. TypeScript importers may name type-only exports (the compiler
//!   erases them); JavaScript importers need runtime exports. A type-only import is checked
//!   against TypeScript sources or declarations only (types of a JavaScript package live
//!   elsewhere).
//!
//! Never when the entry is open, unknown, or has a syntax error: a finding here means the
//! import fails when the plugin loads (`SyntaxError: … does not provide an export named`,
//! `ERR_PACKAGE_PATH_NOT_EXPORTED`, `unresolved import`).
//!
//! Rust: each path into another plugin's crate (`use a::X`, `a::X::new()`, `a::m::Y`):
//! the segment after the crate name against the library root's exports (`pub mod`s and
//! globbed re-exports included), and deeper segments only through module files.

use std::collections::HashMap;

use crate::exports::{Entry, ExportTables, Names};
use crate::extract::ImportSyntax;
use crate::extract::rust::ReferenceKind;
use crate::finding::{Code, Finding};
use crate::location::{Location, Position, Span};
use crate::manifest::entry::{IMPORT_CONDITIONS, REQUIRE_CONDITIONS, TYPES_CONDITIONS};
use crate::plugin::Plugin;
use crate::resolve::Resolver;

/// One import of another plugin, as the resolve stage found it.
#[derive(Clone, Debug)]
pub(crate) enum SymbolUse {
    /// A JavaScript / TypeScript import, export-from or require.
    Js(JsUse),
    /// A Rust path whose first segment names another plugin's crate.
    Rust(RustUse),
}

/// A JavaScript / TypeScript import of another plugin.
#[derive(Clone, Debug)]
pub(crate) struct JsUse {
    pub from: usize,
    pub to: usize,
    /// The importing file.
    pub file: String,
    pub specifier: String,
    /// The rest of the bare specifier after the plugin name (`internal/x`).
    pub subpath: Option<String>,
    pub syntax: ImportSyntax,
    /// `default`, `*`, or exported names.
    pub names: Vec<String>,
    pub type_only: bool,
    /// The statement (or call) and its specifier.
    pub span: Span,
    pub specifier_span: Span,
    /// The statement's first line (to find where each name is).
    pub text: String,
}

/// A Rust path into another plugin's crate.
#[derive(Clone, Debug)]
pub(crate) struct RustUse {
    pub from: usize,
    pub to: usize,
    pub file: String,
    /// The path as written, `::`-joined, first segment the crate's extern name.
    pub path: String,
    pub kind: ReferenceKind,
    pub leading_colon: bool,
    pub span: Span,
    pub text: String,
}

/// The findings of every use.
pub(crate) fn check(
    uses: &[SymbolUse],
    plugins: &[Plugin],
    tables: &ExportTables,
    resolver: &Resolver<'_>,
) -> Vec<Finding> {
    let mut memo: HashMap<(usize, Option<String>, &'static [&'static str]), Entry> = HashMap::new();
    let mut rust_memo = HashMap::new();
    let mut findings = Vec::new();
    for symbol_use in uses {
        match symbol_use {
            SymbolUse::Js(u) => {
                if u.syntax == ImportSyntax::Reference {
                    continue;
                }
                let conditions: &'static [&'static str] = if u.type_only {
                    TYPES_CONDITIONS
                } else if matches!(
                    u.syntax,
                    ImportSyntax::Require | ImportSyntax::ImportRequire
                ) {
                    REQUIRE_CONDITIONS
                } else {
                    IMPORT_CONDITIONS
                };
                let entry = memo
                    .entry((u.to, u.subpath.clone(), conditions))
                    .or_insert_with(|| {
                        tables.entry(u.to, u.subpath.as_deref(), conditions, resolver)
                    });
                js_findings(
                    u,
                    entry,
                    conditions,
                    plugins,
                    tables,
                    resolver,
                    &mut findings,
                );
            }
            SymbolUse::Rust(u) => {
                rust_findings(u, plugins, tables, &mut rust_memo, &mut findings);
            }
        }
    }
    findings
}

fn js_findings(
    u: &JsUse,
    entry: &Entry,
    conditions: &[&str],
    plugins: &[Plugin],
    tables: &ExportTables,
    resolver: &Resolver<'_>,
    findings: &mut Vec<Finding>,
) {
    let (from, to) = (&plugins[u.from], &plugins[u.to]);
    let subpath = u
        .subpath
        .as_deref()
        .map_or_else(|| ".".to_string(), |s| format!("./{s}"));
    let subpath_finding = |message: String, related: Location, about: String, help: String| {
        Finding::new(Code::UnexportedSubpath, message)
            .plugin(from.name.clone())
            .edge(from.name.clone(), to.name.clone())
            .subject(u.specifier.clone())
            .at(Location::new(&u.file, u.specifier_span))
            .related(related, about)
            .help(help)
    };
    let (key, file, names) = match entry {
        Entry::Unknown => return,
        Entry::NotExposed { key, span, null } => {
            let exposed = exposed_keys(to);
            let why = match key {
                Some(key) if *null => format!("its exports map maps {key:?} to null"),
                Some(key) => format!(
                    "its exports map gives {key:?} no target for the conditions {}",
                    condition_list(conditions)
                ),
                None => format!("its exports map has no key for {subpath:?}"),
            };
            findings.push(subpath_finding(
                format!(
                    "{:?} is not exported by {}: {why} (Node: ERR_PACKAGE_PATH_NOT_EXPORTED)",
                    u.specifier, to.name
                ),
                Location::new(&to.manifest, *span),
                format!("{} exposes {exposed}", to.name),
                format!(
                    "import a sub-path {} exports, or expose {subpath:?} in its exports map",
                    to.name
                ),
            ));
            return;
        }
        Entry::Missing { path } => {
            findings.push(subpath_finding(
                format!(
                    "{:?} names no file of {}: nothing is at {path} (nor with an extension, nor a folder with an index file)",
                    u.specifier, to.name
                ),
                Location::new(&to.manifest, to.name_span),
                format!(
                    "{} has no exports map, so any of its files is reachable — but not this one",
                    to.name
                ),
                format!("import a file that {} has (check the path's spelling)", to.name),
            ));
            return;
        }
        Entry::File { key, file, names } => (key, file, names),
    };
    let (file, names) = if u.type_only {
        // Types come from TypeScript sources or declarations (`x.d.ts` beside `x.js`).
        match tables.types_file(file) {
            Some(types) if types == *file => (types, names.clone()),
            Some(types) => {
                let names = tables.js_names(&types, resolver);
                (types, names)
            }
            None => return,
        }
    } else {
        (file.clone(), names.clone())
    };
    if names.open {
        return;
    }
    let accept_types = u.type_only || is_typescript(&u.file);
    for name in &u.names {
        if name == "*" || names.runtime.contains(name) {
            continue;
        }
        if accept_types && names.types.contains(name) {
            continue;
        }
        let exported = export_list(&names, accept_types);
        let (message, help) = if names.types.contains(name) {
            (
                format!(
                    "`{name}` is only a type in {} ({:?} resolves to {file}): it does not exist at run time",
                    to.name, u.specifier
                ),
                format!(
                    "import it with `import type` from TypeScript, or import a runtime export ({exported})"
                ),
            )
        } else if name == "default" {
            (
                format!(
                    "{} has no default export ({:?} resolves to {file})",
                    to.name, u.specifier
                ),
                format!(
                    "import one of its named exports ({exported}) with `{{ … }}`, or add `export default` to {file}"
                ),
            )
        } else {
            (
                format!(
                    "`{name}` is not exported by {} ({:?} resolves to {file})",
                    to.name, u.specifier
                ),
                format!(
                    "import one of the names it exports ({exported}), or export `{name}` from {file}"
                ),
            )
        };
        findings.push(
            Finding::new(Code::UnexportedSymbol, message)
                .plugin(from.name.clone())
                .edge(from.name.clone(), to.name.clone())
                .subject(format!("{} {name}", u.specifier))
                .at(Location::new(&u.file, js_name_span(u, name)))
                .related(
                    Location::file_start(file.clone()),
                    format!("{}'s entry {key:?} exports {exported}", to.name),
                )
                .help(help),
        );
    }
}

fn rust_findings(
    u: &RustUse,
    plugins: &[Plugin],
    tables: &ExportTables,
    memo: &mut HashMap<String, Names>,
    findings: &mut Vec<Finding>,
) {
    if u.kind == ReferenceKind::ExternCrate {
        return;
    }
    let (from, to) = (&plugins[u.from], &plugins[u.to]);
    let segments: Vec<&str> = u.path.split("::").skip(1).collect();
    // Each path to check (after the crate name), with where each of its segments is.
    let mut paths: Vec<(Vec<&str>, Vec<Option<Position>>)> = Vec::new();
    let own: Vec<Option<Position>> = (1..=segments.len())
        .map(|i| segment_position(u, i))
        .collect();
    if !segments.is_empty() {
        paths.push((segments.clone(), own.clone()));
    }
    if u.kind == ReferenceKind::Use {
        for (item, start) in use_group(u) {
            let mut path = segments.clone();
            let mut positions = own.clone();
            // Item segments follow one another as `a::b` (the group item as written).
            let mut column = start.map(|p| p.column);
            for segment in &item {
                positions.push(column.map(|column| Position {
                    line: u.span.start.line,
                    column,
                }));
                column = column.map(|c| c + chars(segment) + 2);
            }
            path.extend(item);
            paths.push((path, positions));
        }
    }
    for (path, positions) in paths {
        let Some(missing) = tables.rust_missing(u.to, &path, memo) else {
            continue;
        };
        let name = path[missing.index];
        let position = positions.get(missing.index).copied().flatten();
        let span = match position {
            Some(start) => Span {
                start,
                end: Position {
                    line: start.line,
                    column: start.column + chars(name),
                },
            },
            None => u.span,
        };
        let written = std::iter::once(u.path.split("::").next().unwrap_or(""))
            .chain(path[..=missing.index].iter().copied())
            .collect::<Vec<_>>()
            .join("::");
        let exported = if missing.names.is_empty() {
            "nothing".to_string()
        } else {
            truncated(&missing.names)
        };
        let module = if missing.index == 0 {
            "crate root".to_string()
        } else {
            format!("module `{}`", path[..missing.index].join("::"))
        };
        findings.push(
            Finding::new(
                Code::UnexportedSymbol,
                format!(
                    "`{name}` is not exported by {} (`{written}` is not public in its {module}, {})",
                    to.name, missing.file
                ),
            )
            .plugin(from.name.clone())
            .edge(from.name.clone(), to.name.clone())
            .subject(written.clone())
            .at(Location::new(&u.file, span))
            .related(
                Location::file_start(missing.file.clone()),
                format!("{} exports {exported}", missing.file),
            )
            .help(format!(
                "use a public item of {} ({exported}), or make `{name}` `pub` (or `pub use` it) in {}",
                to.name, missing.file
            )),
        );
    }
}

/// `path-escape`: each manifest path that leaves its plugin's folder.
pub(crate) fn path_escapes(plugins: &[Plugin]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for plugin in plugins {
        for escape in &plugin.entry.escapes {
            findings.push(
                Finding::new(
                    Code::PathEscape,
                    format!(
                        "`{}` points outside the folder of {}: {:?}",
                        escape.field, plugin.name, escape.value
                    ),
                )
                .plugin(plugin.name.clone())
                .subject(escape.field.clone())
                .at(Location::new(&plugin.manifest, escape.span))
                .help(format!(
                    "point it at a file inside {} with a relative path (`./…`); plugdep never reads what it names, and Node refuses exports targets that leave the package",
                    plugin.dir
                )),
            );
        }
    }
    findings
}

/// Where `name` is in a JavaScript import: the name in the statement's first line when
/// it is there (not after `as`), else the statement (a default import, a `require` call
/// whose destructuring precedes it).
fn js_name_span(u: &JsUse, name: &str) -> Span {
    if name != "default"
        && let Some(offset) = u
            .text
            .find('{')
            .and_then(|brace| find_word(&u.text[brace..], name).map(|i| brace + i))
    {
        let column = u.span.start.column + chars(&u.text[..offset]);
        let start = Position {
            line: u.span.start.line,
            column,
        };
        let end = Position {
            line: start.line,
            column: column + chars(name),
        };
        return Span { start, end };
    }
    u.span
}

/// The byte offset of `word` in `text` as a whole identifier that does not follow `as`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut from = 0;
    while let Some(i) = text.get(from..)?.find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let after_as = text[..at].trim_end().ends_with(" as");
        if !before.is_some_and(is_ident) && !after.is_some_and(is_ident) && !after_as {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The position of the `index`-th segment of a Rust path, when the path is written on
/// one line without spaces (as its span's width says).
fn segment_position(u: &RustUse, index: usize) -> Option<Position> {
    let lead: u32 = if u.leading_colon { 2 } else { 0 };
    let span = u.span;
    if span.start.line != span.end.line
        || span.end.column.checked_sub(span.start.column)? != lead + chars(&u.path)
    {
        return None;
    }
    let before: u32 = u.path.split("::").take(index).map(|s| chars(s) + 2).sum();
    Some(Position {
        line: span.start.line,
        column: span.start.column + lead + before,
    })
}

/// The items of a `use` group that the extractor reports by their shared prefix only
/// (`use a::{X, m::Y};` → path `a`): read from the statement's first line when the whole
/// group is on it, each item's leading segments with where it starts. A group that spans
/// lines, and nested groups past their prefix, are not read.
fn use_group(u: &RustUse) -> Vec<(Vec<&str>, Option<Position>)> {
    let text = u.text.as_str();
    let head = format!("{}::{{", u.path);
    let Some(start) = find_path(text, &head) else {
        return Vec::new();
    };
    let body_start = start + head.len();
    // The matching `}` on this line, else the group continues on the next: not read.
    let mut depth = 1usize;
    let mut end = None;
    for (i, c) in text[body_start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = Some(body_start + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(end) = end else {
        return Vec::new();
    };
    // The path's column in the text ↔ its span's start.
    let lead = if u.leading_colon { 2 } else { 0 };
    let base_column = u.span.start.column.saturating_sub(lead);
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut item_start = body_start;
    let body = &text[body_start..end];
    let mut boundaries: Vec<(usize, usize)> = Vec::new();
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                boundaries.push((item_start, body_start + i));
                item_start = body_start + i + 1;
            }
            _ => {}
        }
    }
    boundaries.push((item_start, end));
    for (from, to) in boundaries {
        let raw = &text[from..to];
        let trimmed = raw.trim_start();
        let offset = from + (raw.len() - trimmed.len());
        let mut segments = Vec::new();
        for part in trimmed.split("::") {
            let part = part.trim();
            let part = part.strip_prefix("r#").unwrap_or(part);
            let plain = !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_');
            if plain && part != "self" {
                segments.push(part);
                continue;
            }
            // `X as Y` takes `X`; `{…}`, `*` and `self` end the item's path.
            let first = part.split_whitespace().next().unwrap_or("");
            let first = first.strip_prefix("r#").unwrap_or(first);
            if !plain
                && first != "self"
                && !first.is_empty()
                && first.chars().all(|c| c.is_alphanumeric() || c == '_')
            {
                segments.push(first);
            }
            break;
        }
        if segments.is_empty() {
            continue;
        }
        let column = Position {
            line: u.span.start.line,
            column: base_column + chars(&text[start..offset]),
        };
        items.push((segments, Some(column)));
    }
    items
}

/// The byte offset of `head` (`a::b::{`) in `text` where it starts a path (not the end
/// of a longer name or path).
fn find_path(text: &str, head: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text.get(from..)?.find(head) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            return Some(at);
        }
        from = at + head.len();
    }
    None
}

fn chars(text: &str) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(u32::MAX)
}

fn is_typescript(path: &str) -> bool {
    [".ts", ".tsx", ".mts", ".cts"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// What an entry exports, for messages: its runtime names (and its types for an importer
/// that may take them).
fn export_list(names: &Names, with_types: bool) -> String {
    let mut all: Vec<String> = names.runtime.iter().cloned().collect();
    if with_types {
        all.extend(names.types.iter().map(|t| format!("type {t}")));
    }
    if all.is_empty() {
        "nothing".to_string()
    } else {
        truncated(&all)
    }
}

/// At most ten names, then how many more.
fn truncated(names: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut list = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    list
}

fn condition_list(conditions: &[&str]) -> String {
    conditions
        .iter()
        .chain(std::iter::once(&"default"))
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sub-paths a plugin's exports map exposes (targets that are not `null`), for
/// messages.
fn exposed_keys(plugin: &Plugin) -> String {
    let keys: Vec<String> = plugin
        .entry
        .exports
        .iter()
        .flat_map(|m| m.entries.iter())
        .filter(|(_, _, target)| !matches!(target, crate::plugin::ExportsTarget::Null))
        .map(|(key, _, _)| format!("{key:?}"))
        .collect();
    if keys.is_empty() {
        "no sub-path".to_string()
    } else {
        keys.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    fn rust_use(path: &str, text: &str, column: u32) -> RustUse {
        let width = u32::try_from(path.len()).unwrap();
        RustUse {
            from: 0,
            to: 1,
            file: "a/src/lib.rs".into(),
            path: path.into(),
            kind: ReferenceKind::Use,
            leading_colon: false,
            span: Span {
                start: pos(3, column),
                end: pos(3, column + width),
            },
            text: text.into(),
        }
    }

    #[test]
    fn use_groups_on_one_line() {
        let u = rust_use("b", "use b::{Known, m::Deep, Other as O, self, r#Raw};", 5);
        let items = use_group(&u);
        assert_eq!(
            items,
            vec![
                (vec!["Known"], Some(pos(3, 9))),
                (vec!["m", "Deep"], Some(pos(3, 16))),
                (vec!["Other"], Some(pos(3, 25))),
                (vec!["Raw"], Some(pos(3, 43))),
            ]
        );
        let nested = rust_use("b::m", "pub use b::m::{x::{y, z}, w};", 9);
        assert_eq!(
            use_group(&nested),
            vec![(vec!["x"], Some(pos(3, 16))), (vec!["w"], Some(pos(3, 27)))]
        );
        // A group that continues on the next line is not read.
        assert!(use_group(&rust_use("b", "use b::{", 5)).is_empty());
        // A single import is reported whole by the extractor: nothing to add.
        assert!(use_group(&rust_use("b::X", "use b::{X};", 5)).is_empty());
    }

    #[test]
    fn rust_segment_positions() {
        let u = rust_use("b::m::X", "b::m::X::new()", 10);
        assert_eq!(segment_position(&u, 1), Some(pos(3, 13)));
        assert_eq!(segment_position(&u, 2), Some(pos(3, 16)));
        let mut spaced = rust_use("b::X", "b :: X", 10);
        spaced.span.end.column += 2;
        assert_eq!(segment_position(&spaced, 1), None);
    }

    #[test]
    fn js_names_are_found_in_the_statement() {
        let u = JsUse {
            from: 0,
            to: 1,
            file: "a/i.js".into(),
            specifier: "b".into(),
            subpath: None,
            syntax: ImportSyntax::Import,
            names: vec![],
            type_only: false,
            span: Span {
                start: pos(2, 3),
                end: pos(2, 40),
            },
            specifier_span: Span::default(),
            text: "import d, { a as b, b, ab } from 'b';".into(),
        };
        let at = |name: &str| js_name_span(&u, name).start;
        assert_eq!(at("a"), pos(2, 15));
        assert_eq!(at("b"), pos(2, 23));
        assert_eq!(at("ab"), pos(2, 26));
        assert_eq!(at("default"), pos(2, 3));
        assert_eq!(at("missing"), pos(2, 3));
    }
}
