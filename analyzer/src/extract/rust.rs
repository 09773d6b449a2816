//! Facts from Rust sources (`.rs`) with `syn`: the crates a file names, the file modules it
//! declares, and the names it defines and exports.
//!
//! Text in, facts out: nothing here knows of plugins, `Cargo.toml` or the file system. The
//! pipeline follows [`RustFacts::modules`] to build the module tree and decides, with
//! [`RustFacts::local_names`], which first segments really name crates.
//!
//! # Three ways to read a file
//!
//! 1. **`syn`** (the normal case): the file is parsed into a `syn::File`, walked once with
//!    [`syn::visit::Visit`], and dropped before [`extract`] returns. What syn keeps as
//!    tokens is read by the token scan below: the body of a macro invocation where items
//!    go (`cfg_if! { if #[cfg(unix)] { mod unix; } }`) and `Verbatim` items (`use {::a,
//!    ::b};`) for everything; other macro bodies (`println!`, `vec!`, `quote!`,
//!    `macro_rules!` templates) and attribute arguments (`#[derive(serde::Serialize)]`)
//!    for `a::b` paths only — a `use` inside `quote! { .. }` belongs to generated code.
//! 2. **Token scan** (syn rejects the file — a syntax error, or syntax newer than syn knows —
//!    but `proc_macro2` can lex it): the tokens are scanned for `use … ;` trees,
//!    `extern crate x`, `mod x;`, item names and `a::b` pairs, so that the edges of a file
//!    with one typo are not lost.
//! 3. **Raw scan** (the file cannot be lexed — an unterminated string, unbalanced
//!    delimiters — or is nested too deeply to hand to syn): the same token scan, fed by a
//!    small lexer of our own that never fails. It skips comments, strings, raw strings and
//!    character literals, so `// use fake::x;` and `r"use fake::x;"` do not count, and it
//!    knows its line and column, so positions stay exact. We chose a lexer over a
//!    line-by-line regular scan because it also gets multi-line `use` groups and comments
//!    right, and because the nesting estimate below needs the same lexer anyway.
//!
//! # Stack depth
//!
//! syn's parser, its `Drop` glue and the visitor recurse once or more per level of nesting
//! (and per link of some chains: `a + b + c`, `x.f().g()`, `!!x`, `Vec<Vec<T>>`), so a hostile
//! or generated file can overflow any stack. Before parsing, `too_deep` estimates the
//! stack syn will need — an iterative pass over our lexer's tokens that sums, over the open
//! delimiters and generic brackets, a measured cost per level plus the cost of the operators
//! that nest without delimiters — and above `STACK_BUDGET` the file is not handed to syn:
//! `syntax_error` points at the token where the estimate went over and the raw scan runs
//! instead. The costs were measured for some eighty constructs, one at a time, nested until
//! a 2 MiB thread overflowed in this workspace's debug build (dependencies at
//! `opt-level = 2`, this crate at 0), so that the deepest file the estimate admits parses
//! there with at least a third to spare (the `depth_bound_*` tests check a representative
//! set). That admits about 190 levels of parentheses, brackets or generics and 175 of
//! `fn` or `mod` bodies; the deepest of 5,600 real crate files reaches a sixth of the
//! budget. A build with every crate unoptimized needs more (about 10 MiB for the worst
//! construct at the bound), still well inside [`PARSE_STACK_SIZE`]. Everything else here — both scans, the token
//! flattening, the use-tree walk — is iterative, and `proc_macro2` drops token streams
//! iteratively.
//!
//! Nor does anything here grow faster than the text: the scans keep counters instead of
//! walking their stacks, `use` trees are walked with one path buffer, statement texts are
//! found in one pass, and the two facts whose size could grow with the square of the text
//! (the parents of deeply nested module declarations, glob exports under deep prefixes)
//! are capped far above real code.
//!
//! # Positions
//!
//! proc-macro2's `span-locations` gives 1-based lines and 0-based columns counted in
//! characters; we add one to the column. A byte order mark counts as a character (it is
//! replaced by a space before parsing, so that syn does not strip it and shift line 1),
//! which matches [`crate::location::LineIndex`] on the same text.
//!
//! proc-macro2 keeps a per-thread copy of every text it lexes, so that spans can be turned
//! into positions. [`extract`] clears that map (`invalidate_current_thread_spans`) before and
//! after each file: memory stays proportional to one file, and the 32-bit offsets never wrap.
//! A caller must not hold proc-macro2 spans of its own on the thread across a call.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

use proc_macro2::{Delimiter, LineColumn, Spacing, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Item, Meta, UseTree, Visibility};

use super::statement_text;
use crate::location::{LineIndex, Position, Span, to_u32};

/// Stack size the pipeline gives parser threads; syn recurses on nesting.
///
/// `too_deep` keeps every file handed to syn within what a 2 MiB stack holds in this
/// workspace's debug build (measured). With every crate unoptimized the same files need at
/// most about 10 MiB (measured: reference types), and in release builds well under 2 MiB;
/// 32 MiB covers the former with room for what a lexer-level estimate cannot see. Thread stacks are
/// reserved, not committed, so the margin costs address space only.
pub const PARSE_STACK_SIZE: usize = 32 * 1024 * 1024;

/// Extracts the facts of one Rust file.
///
/// Never panics and never overflows a [`PARSE_STACK_SIZE`] stack, whatever the text.
///
/// ```
/// use plugdep_analyzer::extract::rust::{self, ReferenceKind};
/// let facts = rust::extract("use serde::Deserialize;\nfn f() { other::g(); }\n");
/// assert_eq!(facts.references.len(), 2);
/// assert_eq!(facts.references[0].name, "serde");
/// assert_eq!(facts.references[1].kind, ReferenceKind::Path);
/// assert_eq!(facts.references[1].span.start.column, 10);
/// ```
pub fn extract(text: &str) -> RustFacts {
    proc_macro2::extra::invalidate_current_thread_spans();
    // Every span has been turned into a position and every tree dropped inside `facts_of`.
    let mut facts = facts_of(text);
    proc_macro2::extra::invalidate_current_thread_spans();
    facts.suppressions = super::suppress::suppressions(text);
    facts
}

/// Everything one Rust file tells plugdep.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RustFacts {
    /// Uses of paths whose first segment may name a crate, ordered by span.
    pub references: Vec<CrateReference>,
    /// `mod name;` declarations (file modules only, not inline `mod name { .. }`) — the
    /// pipeline follows them to build the module tree; inline modules are walked here.
    /// Also those inside item-level macros (`cfg_if! { .. }`). In source order. (A hostile
    /// file nesting declarations thousands of modules deep loses those past
    /// `MAX_MODULE_PARENTS` parents in total.)
    pub modules: Vec<ModuleDecl>,
    /// Names that are local to this file, so that `x::y()` with a local `x` is not a crate:
    /// every item name defined anywhere in the file (fn, struct, enum, union, trait, trait
    /// alias, type, const, static, mod, `macro_rules!`, and the fns, statics and types of
    /// `extern` blocks; not enum variants or associated items), every name brought in by
    /// `use` (the last segment, the parent for `self`, or the `as` rename; not for globs or
    /// `as _`), and every `extern crate x as y` rename. Raw identifiers without `r#`.
    /// Sorted, deduplicated.
    pub local_names: Vec<String>,
    /// Names this file exports, from its top level only (items of inline modules are
    /// reached through their `pub mod`): items with a plain `pub` (not `pub(crate)` or
    /// `pub(in ..)`), `pub mod` names, `pub use` bindings (last segment or rename; for
    /// `pub use a::*` the string `a::*`), `pub extern crate` bindings, and
    /// `#[macro_export]` macros (at any depth: they are exported from the crate root).
    /// Sorted, deduplicated.
    pub exports: Vec<String>,
    /// The first syntax error, if syn could not parse the file (then the facts come from
    /// the token-level fallback), or the token where the file got too deeply nested to
    /// parse safely (then from the raw scan). No message: the pipeline words it.
    pub syntax_error: Option<Span>,
    /// `// plugdep-ignore-next-line` comments, in source order.
    #[serde(default)]
    pub suppressions: Vec<super::Suppression>,
}

/// One use of a path whose first segment may name a crate.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CrateReference {
    /// The first segment as written, without `r#`, e.g. `serde` for `serde::Deserialize`
    /// and for `::serde::de`.
    pub name: String,
    /// The path as written, segments joined with `::` (no generics, no leading `::`, no
    /// `r#`), e.g. `serde::de::Error`. For a `use` item: the longest prefix shared by its
    /// imports under this first segment (`use a::{b, c::d}` → `a`, `use a::b::*` → `a::b`).
    /// For `<T as a::Trait>::f`: the trait path, `a::Trait`.
    pub path: String,
    /// How the crate is named: a `use`, an `extern crate`, a path, a macro path.
    pub kind: ReferenceKind,
    /// Written with a leading `::` (then it can only be a crate).
    pub leading_colon: bool,
    /// Inside `#[cfg(test)]` (an item, or an inline module with that attribute, at any depth).
    pub dev: bool,
    /// The span of the path, from its leading `::` or first segment to its last segment
    /// (1-based line, 1-based column in characters).
    pub span: Span,
    /// The first line of the `use` / `extern crate` item or of the statement/expression
    /// holding the path (the attribute, for a path in an attribute), trimmed, at most 120
    /// characters.
    pub text: String,
}

/// How a file refers to a crate.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ReferenceKind {
    /// A `use` item; one reference per distinct first segment per item.
    Use,
    /// `extern crate x;`
    ExternCrate,
    /// A path of two or more segments (or with a leading `::`) anywhere else, including
    /// attributes and the tokens inside macro invocations. Only the first occurrence per
    /// (name, dev) in a file is kept.
    Path,
    /// The path of a macro invocation, `other_crate::m!(..)` (also when written inside
    /// another macro's tokens). Shares the per-(name, dev) first-occurrence rule with
    /// [`ReferenceKind::Path`].
    Macro,
}

/// A `mod name;` declaration: a module whose body is another file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModuleDecl {
    /// The module's name.
    pub name: String,
    /// The `#[path = "..."]` attribute, if any.
    pub path_attr: Option<String>,
    /// Declared under `#[cfg(test)]` (the file is dev code).
    pub dev: bool,
    /// Nested inside these inline modules (outermost first), e.g. `mod a { mod b; }` → ["a"]:
    /// the pipeline needs it to find the file (`a/b.rs`).
    pub inline_parents: Vec<String>,
    /// From `mod` to the `;`.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------
// The three ways in
// ---------------------------------------------------------------------------------------

/// Files larger than this are not lexed by proc-macro2, whose source map counts characters
/// in a `u32` (it would overflow and panic); they get the raw scan. The pipeline's own file
/// size limit is far below.
const MAX_PARSE_BYTES: usize = (u32::MAX / 2) as usize;

fn facts_of(text: &str) -> RustFacts {
    let source = prepare(text);
    let mut builder = Builder::default();
    let syntax_error = if source.len() > MAX_PARSE_BYTES {
        raw_scan(&source, &mut builder);
        let start = Position { line: 1, column: 1 };
        Some(Span { start, end: start })
    } else if let Some((start, end)) = too_deep(&source) {
        raw_scan(&source, &mut builder);
        Some(LineIndex::new(&source).span(start, end))
    } else {
        match TokenStream::from_str(&source) {
            Err(error) => {
                let span = span_of(error.span());
                raw_scan(&source, &mut builder);
                Some(span)
            }
            // Cloning a token stream clones a reference-counted handle, not the tokens.
            Ok(tokens) => match syn::parse2::<syn::File>(tokens.clone()) {
                Ok(file) => {
                    Collector::new(&mut builder).visit_file(&file);
                    None
                }
                Err(error) => {
                    let span = error_span(&error, &source);
                    drop(error);
                    let mut scanner = Scanner::new(&mut builder);
                    flatten(tokens, |tok| scanner.push(tok));
                    scanner.finish();
                    Some(span)
                }
            },
        }
    };
    builder.finish(text, syntax_error)
}

/// The text as the parsers should see it, with the same characters in the same places: a
/// byte order mark becomes a space (syn and proc-macro2 would strip it and shift line 1 by
/// a column), and a shebang line becomes spaces (rustc ignores it; syn only skips it when
/// it is given the whole file, which the token fallback is not).
fn prepare(text: &str) -> Cow<'_, str> {
    let body = text.strip_prefix('\u{feff}');
    let bom = body.is_some();
    let body = body.unwrap_or(text);
    let shebang = shebang_len(body);
    if !bom && shebang == 0 {
        return Cow::Borrowed(text);
    }
    let mut prepared = String::with_capacity(text.len());
    if bom {
        prepared.push(' ');
    }
    let (line, rest) = body.split_at(shebang);
    prepared.extend(line.chars().map(|_| ' '));
    prepared.push_str(rest);
    Cow::Owned(prepared)
}

/// The length of a first line that starts with `#!` and is not an inner attribute (rustc's
/// rule: after `#!`, whitespace and comments, a `[` makes it an attribute).
fn shebang_len(text: &str) -> usize {
    let Some(mut rest) = text.strip_prefix("#!") else {
        return 0;
    };
    loop {
        rest = rest.trim_start();
        if let Some(comment) = rest.strip_prefix("//") {
            rest = comment.find('\n').map_or("", |i| &comment[i..]);
        } else if let Some(comment) = rest.strip_prefix("/*") {
            rest = comment.find("*/").map_or("", |i| &comment[i + 2..]);
        } else {
            break;
        }
    }
    if rest.starts_with('[') {
        0
    } else {
        text.find('\n').unwrap_or(text.len())
    }
}

fn position(at: LineColumn) -> Position {
    Position {
        line: to_u32(at.line),
        column: to_u32(at.column.saturating_add(1)),
    }
}

fn span_of(span: proc_macro2::Span) -> Span {
    Span {
        start: position(span.start()),
        end: position(span.end()),
    }
}

fn span_between(start: proc_macro2::Span, end: proc_macro2::Span) -> Span {
    Span {
        start: position(start.start()),
        end: position(end.end()),
    }
}

/// syn reports "unexpected end of input" at the top level with the call-site span, which
/// has no place in the file (it reads as 1:1, zero-width); point at the end of the text.
fn error_span(error: &syn::Error, source: &str) -> Span {
    let span = span_of(error.span());
    let call_site = Position { line: 1, column: 1 };
    if span.start == call_site && span.end == call_site {
        let end = LineIndex::new(source).position(source.len());
        return Span { start: end, end };
    }
    span
}

// ---------------------------------------------------------------------------------------
// Facts under construction, shared by the three readers
// ---------------------------------------------------------------------------------------

/// A path segment as read: the identifier as written (maybe `r#x`) and its span.
type Segment = (String, Span);

/// First segments that never name a crate.
fn never_a_crate(name: &str) -> bool {
    matches!(name, "crate" | "self" | "super" | "Self" | "")
}

fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

fn joined<'s>(segments: impl IntoIterator<Item = &'s str>) -> String {
    let mut path = String::new();
    for segment in segments {
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(unraw(segment));
    }
    path
}

#[derive(Default)]
struct Builder {
    /// Each reference with the position its `text` starts at (filled in by `finish`).
    references: Vec<(CrateReference, Position)>,
    /// Path and Macro references: index of the first occurrence so far per name, for
    /// non-dev (`[0]`) and dev (`[1]`) code.
    first: [HashMap<String, usize>; 2],
    modules: Vec<ModuleDecl>,
    /// Parents listed by `modules` so far (see [`MAX_MODULE_PARENTS`]).
    module_parents: usize,
    local_names: BTreeSet<String>,
    exports: BTreeSet<String>,
    /// Bytes of glob exports so far (see [`MAX_GLOB_EXPORT_BYTES`]).
    glob_bytes: usize,
}

impl Builder {
    /// A Path or Macro reference: kept only if it is the first for its (name, dev).
    #[allow(clippy::too_many_arguments)]
    fn path(
        &mut self,
        name: &str,
        kind: ReferenceKind,
        leading_colon: bool,
        dev: bool,
        span: Span,
        text_at: Position,
        path: impl FnOnce() -> String,
    ) {
        let name = unraw(name);
        if never_a_crate(name) {
            return;
        }
        let reference = |path: String| CrateReference {
            name: name.to_string(),
            path,
            kind,
            leading_colon,
            dev,
            span,
            text: String::new(),
        };
        let first = &mut self.first[usize::from(dev)];
        match first.get(name) {
            Some(&i) if self.references[i].0.span <= span => {}
            Some(&i) => self.references[i] = (reference(path()), text_at),
            None => {
                first.insert(name.to_string(), self.references.len());
                self.references.push((reference(path()), text_at));
            }
        }
    }

    /// A path found in a token stream.
    fn hit(&mut self, hit: &PathHit, dev: bool, text_at: Option<Position>) {
        let (Some(first), Some(last)) = (hit.segments.first(), hit.segments.last()) else {
            return;
        };
        let start = hit.leading.map_or(first.1.start, |s| s.start);
        let span = Span {
            start,
            end: last.1.end,
        };
        let kind = if hit.bang {
            ReferenceKind::Macro
        } else {
            ReferenceKind::Path
        };
        self.path(
            &first.0,
            kind,
            hit.leading.is_some(),
            dev,
            span,
            text_at.unwrap_or(start),
            || joined(hit.segments.iter().map(|s| s.0.as_str())),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn extern_crate(
        &mut self,
        name: &str,
        span: Span,
        alias: Option<&str>,
        exported: bool,
        dev: bool,
        text_at: Position,
    ) {
        let crate_name = unraw(name);
        if crate_name != "self" {
            self.references.push((
                CrateReference {
                    name: crate_name.to_string(),
                    path: crate_name.to_string(),
                    kind: ReferenceKind::ExternCrate,
                    leading_colon: false,
                    dev,
                    span,
                    text: String::new(),
                },
                text_at,
            ));
        }
        if let Some(alias) = alias {
            self.local(alias);
        }
        if exported {
            self.export(alias.unwrap_or(name));
        }
    }

    /// A `mod name;` declaration, unless the file has listed too many parents already.
    fn module(&mut self, module: ModuleDecl) {
        self.module_parents += module.inline_parents.len();
        if module.inline_parents.is_empty() || self.module_parents <= MAX_MODULE_PARENTS {
            self.modules.push(module);
        }
    }

    /// A name defined here, and exported too if `exported`.
    fn bind(&mut self, name: &str, exported: bool) {
        self.local(name);
        if exported {
            self.export(name);
        }
    }

    fn local(&mut self, name: &str) {
        let name = unraw(name);
        if name != "_" && !name.is_empty() {
            self.local_names.insert(name.to_string());
        }
    }

    fn export(&mut self, name: &str) {
        let name = unraw(name);
        if name != "_" && !name.is_empty() {
            self.exports.insert(name.to_string());
        }
    }

    fn finish(self, text: &str, syntax_error: Option<Span>) -> RustFacts {
        let mut pending = self.references;
        // In text order, so that finding each text costs only the characters since the
        // previous one (a one-line file can hold a hundred thousand statements).
        pending.sort_by_key(|(_, at)| *at);
        let mut cursor = TextCursor::new(text);
        let mut last: Option<(Position, String)> = None;
        let mut references: Vec<CrateReference> = Vec::with_capacity(pending.len());
        for (mut reference, at) in pending {
            reference.text = match &last {
                Some((previous, text)) if *previous == at => text.clone(),
                _ => {
                    let text = cursor.statement_at(at);
                    last = Some((at, text.clone()));
                    text
                }
            };
            references.push(reference);
        }
        references.sort_by(|a, b| {
            (a.span, a.kind, &a.name, &a.path, a.dev)
                .cmp(&(b.span, b.kind, &b.name, &b.path, b.dev))
        });
        let mut modules = self.modules;
        modules.sort_by_key(|m| m.span);
        RustFacts {
            references,
            modules,
            local_names: self.local_names.into_iter().collect(),
            exports: self.exports.into_iter().collect(),
            syntax_error,
            suppressions: Vec::new(),
        }
    }
}

/// Facts one file may not exceed, because their size grows faster than the text's: the
/// parents listed by module declarations, and the bytes of `pub use a::b::*` exports. A
/// hostile file could otherwise turn a few megabytes into gigabytes of facts; real files
/// stay thousands of times below.
const MAX_MODULE_PARENTS: usize = 1 << 20;
const MAX_GLOB_EXPORT_BYTES: usize = 16 << 20;

/// The imports of one `use` item, taken one by one from a walk that keeps the current path
/// in one buffer (never a copy per import): one reference per distinct first segment, with
/// the prefix all its imports share, and the names they bind.
struct Imports<'b> {
    out: &'b mut Builder,
    exported: bool,
    dev: bool,
    text_at: Position,
    /// Per distinct first segment, in order: its leading `::` and the shared prefix.
    firsts: Vec<(Option<Span>, Vec<Segment>)>,
    index: HashMap<String, usize>,
    /// The entry of the previous import.
    last: Option<usize>,
}

impl<'b> Imports<'b> {
    fn new(out: &'b mut Builder, exported: bool, dev: bool, text_at: Position) -> Self {
        Imports {
            out,
            exported,
            dev,
            text_at,
            firsts: Vec::new(),
            index: HashMap::new(),
            last: None,
        }
    }

    /// One import: its `path` (the parent for `self`, the prefix for a glob), its alias,
    /// its leading `::`; `unchanged`: how much of `path` the walk has not rewritten since
    /// the previous import (so comparing costs no more than reading the new segments).
    fn import(
        &mut self,
        path: &[Segment],
        glob: bool,
        alias: Option<&str>,
        leading: Option<Span>,
        unchanged: usize,
    ) {
        if let Some((first, _)) = path.first() {
            let name = unraw(first);
            if !never_a_crate(name) {
                match self.index.get(name) {
                    Some(&i) => {
                        let from = if self.last == Some(i) { unchanged } else { 0 };
                        let shared = &mut self.firsts[i].1;
                        let from = from.min(shared.len());
                        let common = from
                            + shared[from..]
                                .iter()
                                .zip(path.get(from..).unwrap_or(&[]))
                                .take_while(|(a, b)| unraw(&a.0) == unraw(&b.0))
                                .count();
                        shared.truncate(common.max(1));
                        self.last = Some(i);
                    }
                    None => {
                        self.index.insert(name.to_string(), self.firsts.len());
                        self.last = Some(self.firsts.len());
                        self.firsts.push((leading, path.to_vec()));
                    }
                }
            } else {
                self.last = None;
            }
        }
        if glob {
            let out = &mut *self.out;
            if self.exported && !path.is_empty() && out.glob_bytes < MAX_GLOB_EXPORT_BYTES {
                let colons = if leading.is_some() { "::" } else { "" };
                let path = joined(path.iter().map(|s| s.0.as_str()));
                let export = format!("{colons}{path}::*");
                out.glob_bytes += export.len();
                out.exports.insert(export);
            }
            return;
        }
        let binding = alias.or(path.last().map(|s| s.0.as_str()));
        if let Some(binding) = binding {
            self.out.bind(binding, self.exported);
        }
    }

    fn finish(self) {
        for (leading, prefix) in self.firsts {
            let (Some(first), Some(last)) = (prefix.first(), prefix.last()) else {
                continue;
            };
            let start = leading.map_or(first.1.start, |s| s.start);
            let span = Span {
                start,
                end: last.1.end,
            };
            self.out.references.push((
                CrateReference {
                    name: unraw(&first.0).to_string(),
                    path: joined(prefix.iter().map(|s| s.0.as_str())),
                    kind: ReferenceKind::Use,
                    leading_colon: leading.is_some(),
                    dev: self.dev,
                    span,
                    text: String::new(),
                },
                self.text_at,
            ));
        }
    }
}

/// Finds statement texts at increasing positions in one pass over the text.
struct TextCursor<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The last position found and its byte offset.
    at: Position,
    offset: usize,
}

impl<'a> TextCursor<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        TextCursor {
            text,
            line_starts,
            at: Position { line: 1, column: 1 },
            offset: 0,
        }
    }

    /// The first line of the text from `at`, trimmed, at most 120 characters (as
    /// [`statement_text`] makes it, which is given only as much of the line as decides it).
    fn statement_at(&mut self, at: Position) -> String {
        let Some(&line_start) = (at.line as usize)
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
        else {
            return String::new();
        };
        let (mut offset, mut column) = if at.line == self.at.line && at.column >= self.at.column {
            (self.offset, self.at.column)
        } else {
            (line_start, 1)
        };
        let rest = self.text.get(offset..).unwrap_or("");
        for (i, c) in rest.char_indices() {
            if column == at.column || c == '\n' {
                offset += i;
                break;
            }
            column += 1;
            if i + c.len_utf8() == rest.len() {
                offset += rest.len();
            }
        }
        self.at = Position {
            line: at.line,
            column,
        };
        self.offset = offset;
        let rest = self.text.get(offset..).unwrap_or("");
        // Up to the end of the line, or past its 120th character to the next one that
        // trimming keeps: the same text, ellipsis and all.
        let mut end = rest.len();
        for (count, (i, c)) in rest.char_indices().enumerate() {
            if c == '\n' || (count > 120 && !c.is_whitespace()) {
                end = i + if c == '\n' { 0 } else { c.len_utf8() };
                break;
            }
        }
        statement_text(&rest[..end])
    }
}

// ---------------------------------------------------------------------------------------
// 1. syn
// ---------------------------------------------------------------------------------------

struct Collector<'b> {
    out: &'b mut Builder,
    /// How many `#[cfg(test)]` scopes we are in.
    dev: usize,
    /// The inline modules we are in, outermost first.
    inline_modules: Vec<String>,
    /// Where the enclosing statements, items and attributes start, innermost last.
    context: Vec<Position>,
    /// How many items we are inside; 0 for the file's own items (the exported ones).
    nested: usize,
    /// The `QSelf::position` of the path about to be visited (`<T as a::Trait>::f`: 2).
    qself: Option<usize>,
}

impl<'b> Collector<'b> {
    fn new(out: &'b mut Builder) -> Self {
        Collector {
            out,
            dev: 0,
            inline_modules: Vec::new(),
            context: Vec::new(),
            nested: 0,
            qself: None,
        }
    }

    fn is_dev(&self) -> bool {
        self.dev > 0
    }

    fn text_at(&self, fallback: Position) -> Position {
        self.context.last().copied().unwrap_or(fallback)
    }

    /// Enters a scope with these attributes, starting at `start`; undone by `leave`.
    fn enter(&mut self, attrs: &[Attribute], start: Option<proc_macro2::Span>) -> Scope {
        let dev = attrs.iter().any(is_cfg_test);
        if dev {
            self.dev += 1;
        }
        if let Some(start) = start {
            self.context.push(position(start.start()));
        }
        Scope {
            dev,
            context: start.is_some(),
        }
    }

    fn leave(&mut self, scope: Scope) {
        if scope.dev {
            self.dev -= 1;
        }
        if scope.context {
            self.context.pop();
        }
    }

    /// Records the first `limit` segments of `path` if they may name a crate.
    fn path(&mut self, path: &syn::Path, limit: usize, kind: ReferenceKind) {
        let n = limit.min(path.segments.len());
        let leading = path.leading_colon.as_ref();
        if n == 0 || (n < 2 && leading.is_none()) {
            return;
        }
        let first = &path.segments[0].ident;
        let last = &path.segments[n - 1].ident;
        let start = leading.map_or_else(|| first.span(), |c| c.spans[0]);
        let span = span_between(start, last.span());
        let text_at = self.text_at(span.start);
        self.out.path(
            &first.to_string(),
            kind,
            leading.is_some(),
            self.is_dev(),
            span,
            text_at,
            || {
                let names: Vec<String> = path
                    .segments
                    .iter()
                    .take(n)
                    .map(|s| s.ident.to_string())
                    .collect();
                joined(names.iter().map(String::as_str))
            },
        );
    }

    /// A macro invocation where items go (`cfg_if! { .. }`, `cfg_rt! { .. }`): its path,
    /// then its body read by the token scan, which finds the `use`, `mod` and items that
    /// syn leaves in tokens. Other macro bodies (`quote! { use a::b; }`, `vec![..]`) are
    /// read for paths only: their items, if any, belong to generated code.
    fn item_macro(&mut self, mac: &syn::Macro) {
        self.path(&mac.path, usize::MAX, ReferenceKind::Macro);
        self.item_tokens(&mac.tokens);
    }

    /// Items syn keeps as tokens: an item macro's body, or an `Item::Verbatim` (syntax syn
    /// parses but cannot represent, like `use {::a, ::b};`).
    fn item_tokens(&mut self, tokens: &TokenStream) {
        let mut scanner = Scanner::in_macro(
            self.out,
            self.dev > 0,
            self.inline_modules.clone(),
            self.nested == 0,
            self.context.last().copied(),
        );
        flatten(tokens.clone(), |tok| scanner.push(tok));
        scanner.finish();
    }

    /// Paths in tokens syn did not parse.
    fn scan(&mut self, tokens: &TokenStream) {
        let mut detector = PathDetector::default();
        let mut hits = Vec::new();
        flatten(tokens.clone(), |tok| detector.push(&tok, &mut hits));
        detector.finish(&mut hits);
        let text_at = self.context.last().copied();
        for hit in &hits {
            self.out.hit(hit, self.is_dev(), text_at);
        }
    }

    /// Local names and exports of an item.
    fn names(&mut self, item: &Item) {
        let (ident, vis) = match item {
            Item::Const(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Enum(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Fn(i) => (Some(&i.sig.ident), Some(&i.vis)),
            Item::Macro(i) => (i.ident.as_ref(), None),
            Item::Mod(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Static(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Struct(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Trait(i) => (Some(&i.ident), Some(&i.vis)),
            Item::TraitAlias(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Type(i) => (Some(&i.ident), Some(&i.vis)),
            Item::Union(i) => (Some(&i.ident), Some(&i.vis)),
            _ => (None, None),
        };
        let Some(ident) = ident else {
            return;
        };
        let name = ident.to_string();
        let exported = (self.nested == 0 && matches!(vis, Some(Visibility::Public(_))))
            || matches!(item, Item::Macro(m) if m.attrs.iter().any(|a| a.path().is_ident("macro_export")));
        self.out.bind(&name, exported);
    }

    fn use_item(&mut self, item: &syn::ItemUse) {
        let leading = item
            .leading_colon
            .as_ref()
            .map(|c| span_between(c.spans[0], c.spans[1]));
        let exported = self.nested == 0 && matches!(item.vis, Visibility::Public(_));
        let text_at = self.text_at(position(item.use_token.span.start()));
        let mut imports = Imports::new(self.out, exported, self.is_dev(), text_at);
        use_tree_imports(&item.tree, leading, &mut imports);
        imports.finish();
    }

    fn extern_crate(&mut self, item: &syn::ItemExternCrate) {
        let name = item.ident.to_string();
        let alias = item.rename.as_ref().map(|(_, alias)| alias.to_string());
        let exported = self.nested == 0 && matches!(item.vis, Visibility::Public(_));
        let text_at = self.text_at(position(item.extern_token.span.start()));
        self.out.extern_crate(
            &name,
            span_of(item.ident.span()),
            alias.as_deref(),
            exported,
            self.is_dev(),
            text_at,
        );
    }

    fn module(&mut self, item: &syn::ItemMod) {
        let end = item
            .semi
            .as_ref()
            .map_or(item.ident.span(), |semi| semi.spans[0]);
        self.out.module(ModuleDecl {
            name: unraw(&item.ident.to_string()).to_string(),
            path_attr: item.attrs.iter().find_map(path_attribute),
            dev: self.is_dev(),
            inline_parents: self.inline_modules.clone(),
            span: span_between(item.mod_token.span, end),
        });
    }
}

#[must_use]
struct Scope {
    dev: bool,
    context: bool,
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_file(&mut self, file: &'ast syn::File) {
        let scope = self.enter(&file.attrs, None);
        visit::visit_file(self, file);
        self.leave(scope);
    }

    fn visit_item(&mut self, item: &'ast Item) {
        let scope = self.enter(item_attrs(item), item_start(item));
        match item {
            Item::Use(u) => {
                for attr in &u.attrs {
                    self.visit_attribute(attr);
                }
                self.use_item(u);
            }
            Item::ExternCrate(e) => {
                for attr in &e.attrs {
                    self.visit_attribute(attr);
                }
                self.extern_crate(e);
            }
            Item::Mod(m) => {
                self.names(item);
                for attr in &m.attrs {
                    self.visit_attribute(attr);
                }
                match &m.content {
                    None => self.module(m),
                    Some((_, items)) => {
                        self.inline_modules
                            .push(unraw(&m.ident.to_string()).to_string());
                        self.nested += 1;
                        for item in items {
                            self.visit_item(item);
                        }
                        self.nested -= 1;
                        self.inline_modules.pop();
                    }
                }
            }
            // Foreign items live in the enclosing module's namespace: same nesting level.
            Item::ForeignMod(_) => visit::visit_item(self, item),
            Item::Macro(m) if m.ident.is_none() => {
                for attr in &m.attrs {
                    self.visit_attribute(attr);
                }
                self.item_macro(&m.mac);
            }
            Item::Verbatim(tokens) => self.item_tokens(tokens),
            _ => {
                self.names(item);
                self.nested += 1;
                visit::visit_item(self, item);
                self.nested -= 1;
            }
        }
        self.leave(scope);
    }

    fn visit_foreign_item(&mut self, item: &'ast syn::ForeignItem) {
        use syn::ForeignItem as F;
        let (attrs, vis, ident): (&[Attribute], _, _) = match item {
            F::Fn(i) => (&i.attrs, Some(&i.vis), Some(&i.sig.ident)),
            F::Static(i) => (&i.attrs, Some(&i.vis), Some(&i.ident)),
            F::Type(i) => (&i.attrs, Some(&i.vis), Some(&i.ident)),
            F::Macro(i) => (&i.attrs, None, None),
            _ => (&[], None, None),
        };
        if let Some(ident) = ident {
            let exported = self.nested == 0 && matches!(vis, Some(Visibility::Public(_)));
            self.out.bind(&ident.to_string(), exported);
        }
        let start = match item {
            F::Fn(i) => vis_start(&i.vis).or(Some(sig_start(&i.sig))),
            F::Static(i) => vis_start(&i.vis).or(Some(i.static_token.span)),
            F::Type(i) => vis_start(&i.vis).or(Some(i.type_token.span)),
            F::Macro(i) => path_start(&i.mac.path),
            _ => None,
        };
        let scope = self.enter(attrs, start);
        self.nested += 1;
        match item {
            F::Verbatim(tokens) => self.scan(tokens),
            _ => visit::visit_foreign_item(self, item),
        }
        self.nested -= 1;
        self.leave(scope);
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        use syn::ImplItem as I;
        let (attrs, start): (&[Attribute], _) = match item {
            I::Const(i) => (
                &i.attrs,
                vis_start(&i.vis)
                    .or(i.defaultness.as_ref().map(|t| t.span))
                    .or(Some(i.const_token.span)),
            ),
            I::Fn(i) => (
                &i.attrs,
                vis_start(&i.vis)
                    .or(i.defaultness.as_ref().map(|t| t.span))
                    .or(Some(sig_start(&i.sig))),
            ),
            I::Type(i) => (
                &i.attrs,
                vis_start(&i.vis)
                    .or(i.defaultness.as_ref().map(|t| t.span))
                    .or(Some(i.type_token.span)),
            ),
            I::Macro(i) => (&i.attrs, path_start(&i.mac.path)),
            _ => (&[], None),
        };
        let scope = self.enter(attrs, start);
        match item {
            I::Verbatim(tokens) => self.scan(tokens),
            _ => visit::visit_impl_item(self, item),
        }
        self.leave(scope);
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        use syn::TraitItem as T;
        let (attrs, start): (&[Attribute], _) = match item {
            T::Const(i) => (&i.attrs, Some(i.const_token.span)),
            T::Fn(i) => (&i.attrs, Some(sig_start(&i.sig))),
            T::Type(i) => (&i.attrs, Some(i.type_token.span)),
            T::Macro(i) => (&i.attrs, path_start(&i.mac.path)),
            _ => (&[], None),
        };
        let scope = self.enter(attrs, start);
        match item {
            T::Verbatim(tokens) => self.scan(tokens),
            _ => visit::visit_trait_item(self, item),
        }
        self.leave(scope);
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        let (attrs, start): (&[Attribute], _) = match stmt {
            syn::Stmt::Local(local) => (&local.attrs, Some(local.let_token.span)),
            syn::Stmt::Expr(expr, _) => (&[], expr_start(expr)),
            syn::Stmt::Macro(m) => (&m.attrs, path_start(&m.mac.path)),
            // `visit_item` opens the item's own scope.
            syn::Stmt::Item(_) => (&[], None),
        };
        let scope = self.enter(attrs, start);
        visit::visit_stmt(self, stmt);
        self.leave(scope);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        let start = vis_start(&field.vis).or(field.ident.as_ref().map(|i| i.span()));
        let scope = self.enter(&field.attrs, start);
        visit::visit_field(self, field);
        self.leave(scope);
    }

    fn visit_variant(&mut self, variant: &'ast syn::Variant) {
        let scope = self.enter(&variant.attrs, Some(variant.ident.span()));
        visit::visit_variant(self, variant);
        self.leave(scope);
    }

    fn visit_attribute(&mut self, attr: &'ast Attribute) {
        self.context.push(position(attr.pound_token.span.start()));
        match &attr.meta {
            Meta::Path(path) => self.visit_path(path),
            Meta::List(list) => {
                self.visit_path(&list.path);
                self.scan(&list.tokens);
            }
            Meta::NameValue(nv) => {
                self.visit_path(&nv.path);
                self.visit_expr(&nv.value);
            }
        }
        self.context.pop();
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.path(&mac.path, usize::MAX, ReferenceKind::Macro);
        self.scan(&mac.tokens);
    }

    fn visit_qself(&mut self, qself: &'ast syn::QSelf) {
        visit::visit_qself(self, qself);
        // Every node with a `QSelf` visits its path right after it.
        self.qself = Some(qself.position);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let limit = self.qself.take().unwrap_or(usize::MAX);
        self.path(path, limit, ReferenceKind::Path);
        visit::visit_path(self, path);
    }

    /// `pub(in a::b)` names a module of this crate, never another crate.
    fn visit_visibility(&mut self, _: &'ast Visibility) {}

    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Verbatim(tokens) => self.scan(tokens),
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_type(&mut self, ty: &'ast syn::Type) {
        match ty {
            syn::Type::Verbatim(tokens) => self.scan(tokens),
            _ => visit::visit_type(self, ty),
        }
    }

    fn visit_pat(&mut self, pat: &'ast syn::Pat) {
        match pat {
            syn::Pat::Verbatim(tokens) => self.scan(tokens),
            _ => visit::visit_pat(self, pat),
        }
    }
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// The first token of an item after its attributes.
fn item_start(item: &Item) -> Option<proc_macro2::Span> {
    let (vis, keyword) = match item {
        Item::Const(i) => (Some(&i.vis), i.const_token.span),
        Item::Enum(i) => (Some(&i.vis), i.enum_token.span),
        Item::ExternCrate(i) => (Some(&i.vis), i.extern_token.span),
        Item::Fn(i) => (Some(&i.vis), sig_start(&i.sig)),
        Item::ForeignMod(i) => (
            None,
            i.unsafety
                .as_ref()
                .map_or(i.abi.extern_token.span, |t| t.span),
        ),
        Item::Impl(i) => (
            None,
            i.defaultness
                .as_ref()
                .map(|t| t.span)
                .or(i.unsafety.as_ref().map(|t| t.span))
                .unwrap_or(i.impl_token.span),
        ),
        Item::Macro(i) => return path_start(&i.mac.path),
        Item::Mod(i) => (
            Some(&i.vis),
            i.unsafety.as_ref().map_or(i.mod_token.span, |t| t.span),
        ),
        Item::Static(i) => (Some(&i.vis), i.static_token.span),
        Item::Struct(i) => (Some(&i.vis), i.struct_token.span),
        Item::Trait(i) => (
            Some(&i.vis),
            i.unsafety
                .as_ref()
                .map(|t| t.span)
                .or(i.auto_token.as_ref().map(|t| t.span))
                .unwrap_or(i.trait_token.span),
        ),
        Item::TraitAlias(i) => (Some(&i.vis), i.trait_token.span),
        Item::Type(i) => (Some(&i.vis), i.type_token.span),
        Item::Union(i) => (Some(&i.vis), i.union_token.span),
        Item::Use(i) => (Some(&i.vis), i.use_token.span),
        _ => return None,
    };
    Some(vis.and_then(vis_start).unwrap_or(keyword))
}

fn vis_start(vis: &Visibility) -> Option<proc_macro2::Span> {
    match vis {
        Visibility::Public(t) => Some(t.span),
        Visibility::Restricted(r) => Some(r.pub_token.span),
        Visibility::Inherited => None,
    }
}

fn sig_start(sig: &syn::Signature) -> proc_macro2::Span {
    sig.constness
        .as_ref()
        .map(|t| t.span)
        .or(sig.asyncness.as_ref().map(|t| t.span))
        .or(sig.unsafety.as_ref().map(|t| t.span))
        .or(sig.abi.as_ref().map(|a| a.extern_token.span))
        .unwrap_or(sig.fn_token.span)
}

fn path_start(path: &syn::Path) -> Option<proc_macro2::Span> {
    match &path.leading_colon {
        Some(colons) => Some(colons.spans[0]),
        None => path.segments.first().map(|s| s.ident.span()),
    }
}

/// The first token of an expression (not its attributes), walking down the left spine
/// iteratively: `a.b().c()` starts at `a`.
fn expr_start(mut expr: &Expr) -> Option<proc_macro2::Span> {
    loop {
        let span = match expr {
            Expr::Assign(e) => {
                expr = &e.left;
                continue;
            }
            Expr::Await(e) => {
                expr = &e.base;
                continue;
            }
            Expr::Binary(e) => {
                expr = &e.left;
                continue;
            }
            Expr::Call(e) => {
                expr = &e.func;
                continue;
            }
            Expr::Cast(e) => {
                expr = &e.expr;
                continue;
            }
            Expr::Field(e) => {
                expr = &e.base;
                continue;
            }
            Expr::Index(e) => {
                expr = &e.expr;
                continue;
            }
            Expr::MethodCall(e) => {
                expr = &e.receiver;
                continue;
            }
            Expr::Try(e) => {
                expr = &e.expr;
                continue;
            }
            Expr::Range(e) => match &e.start {
                Some(start) => {
                    expr = start;
                    continue;
                }
                None => match &e.limits {
                    syn::RangeLimits::HalfOpen(t) => t.spans[0],
                    syn::RangeLimits::Closed(t) => t.spans[0],
                },
            },
            Expr::Array(e) => e.bracket_token.span.open(),
            Expr::Async(e) => e.async_token.span,
            Expr::Block(e) => label_or(&e.label, e.block.brace_token.span.open()),
            Expr::Break(e) => e.break_token.span,
            Expr::Closure(e) => e
                .lifetimes
                .as_ref()
                .map(|l| l.for_token.span)
                .or(e.constness.as_ref().map(|t| t.span))
                .or(e.movability.as_ref().map(|t| t.span))
                .or(e.asyncness.as_ref().map(|t| t.span))
                .or(e.capture.as_ref().map(|t| t.span))
                .unwrap_or(e.or1_token.spans[0]),
            Expr::Const(e) => e.const_token.span,
            Expr::Continue(e) => e.continue_token.span,
            Expr::ForLoop(e) => label_or(&e.label, e.for_token.span),
            Expr::Group(e) => e.group_token.span,
            Expr::If(e) => e.if_token.span,
            Expr::Infer(e) => e.underscore_token.spans[0],
            Expr::Let(e) => e.let_token.span,
            Expr::Lit(e) => e.lit.span(),
            Expr::Loop(e) => label_or(&e.label, e.loop_token.span),
            Expr::Macro(e) => return path_start(&e.mac.path),
            Expr::Match(e) => e.match_token.span,
            Expr::Paren(e) => e.paren_token.span.open(),
            Expr::Path(e) => match &e.qself {
                Some(q) => q.lt_token.spans[0],
                None => return path_start(&e.path),
            },
            Expr::RawAddr(e) => e.and_token.spans[0],
            Expr::Reference(e) => e.and_token.spans[0],
            Expr::Repeat(e) => e.bracket_token.span.open(),
            Expr::Return(e) => e.return_token.span,
            Expr::Struct(e) => match &e.qself {
                Some(q) => q.lt_token.spans[0],
                None => return path_start(&e.path),
            },
            Expr::TryBlock(e) => e.try_token.span,
            Expr::Tuple(e) => e.paren_token.span.open(),
            Expr::Unary(e) => match &e.op {
                syn::UnOp::Deref(t) => t.spans[0],
                syn::UnOp::Not(t) => t.spans[0],
                syn::UnOp::Neg(t) => t.spans[0],
                _ => return None,
            },
            Expr::Unsafe(e) => e.unsafe_token.span,
            Expr::While(e) => label_or(&e.label, e.while_token.span),
            Expr::Yield(e) => e.yield_token.span,
            _ => return None,
        };
        return Some(span);
    }
}

fn label_or(label: &Option<syn::Label>, or: proc_macro2::Span) -> proc_macro2::Span {
    label.as_ref().map_or(or, |l| l.name.apostrophe)
}

/// Feeds the imports of a `use` tree to `imports` in source order, walking it with an
/// explicit stack and one path buffer.
fn use_tree_imports(tree: &UseTree, leading: Option<Span>, imports: &mut Imports<'_>) {
    let mut path: Vec<Segment> = Vec::new();
    // The least length `path` had since the previous import.
    let mut unchanged = 0;
    // Each tree with the length of the path above it.
    let mut stack: Vec<(&UseTree, usize)> = vec![(tree, 0)];
    while let Some((tree, depth)) = stack.pop() {
        path.truncate(depth);
        unchanged = unchanged.min(depth);
        let mut import =
            |path: &mut Vec<Segment>, ident: &proc_macro2::Ident, alias: Option<String>| {
                // `use a::{self}` imports `a` itself.
                let own = ident != "self";
                if own {
                    path.push((ident.to_string(), span_of(ident.span())));
                }
                imports.import(path, false, alias.as_deref(), leading, unchanged);
                if own {
                    path.pop();
                }
            };
        match tree {
            UseTree::Path(p) => {
                path.push((p.ident.to_string(), span_of(p.ident.span())));
                stack.push((&p.tree, path.len()));
                continue;
            }
            UseTree::Name(n) => import(&mut path, &n.ident, None),
            UseTree::Rename(r) => import(&mut path, &r.ident, Some(r.rename.to_string())),
            UseTree::Glob(_) => imports.import(&path, true, None, leading, unchanged),
            UseTree::Group(g) => {
                for item in g.items.iter().rev() {
                    stack.push((item, path.len()));
                }
                continue;
            }
        }
        unchanged = path.len();
    }
}

/// `#[cfg(test)]` or `#[cfg(all(test, ..))]` (outer or inner).
fn is_cfg_test(attr: &Attribute) -> bool {
    let Meta::List(list) = &attr.meta else {
        return false;
    };
    if !list.path.is_ident("cfg") {
        return false;
    }
    let mut tokens = Vec::new();
    flatten(list.tokens.clone(), |tok| tokens.push(tok));
    is_test_predicate(&tokens)
}

/// The value of `#[path = "..."]`.
fn path_attribute(attr: &Attribute) -> Option<String> {
    let Meta::NameValue(nv) = &attr.meta else {
        return None;
    };
    if !nv.path.is_ident("path") {
        return None;
    }
    match &nv.value {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Flat tokens: what both scans read
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind<'s> {
    /// An identifier or keyword as written (maybe `r#x`).
    Ident(Cow<'s, str>),
    Lifetime,
    /// A literal as written, quotes and all.
    Literal(Cow<'s, str>),
    /// One punctuation character; `true` when the next character is punctuation too.
    Punct(char, bool),
    Open(char),
    Close(char),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Tok<'s> {
    kind: Kind<'s>,
    span: Span,
}

impl Tok<'_> {
    fn ident(&self) -> Option<&str> {
        match &self.kind {
            Kind::Ident(word) => Some(word),
            _ => None,
        }
    }

    fn is_punct(&self, c: char) -> bool {
        matches!(self.kind, Kind::Punct(p, _) if p == c)
    }

    fn is_open(&self, c: char) -> bool {
        self.kind == Kind::Open(c)
    }

    fn is_close(&self, c: char) -> bool {
        self.kind == Kind::Close(c)
    }
}

/// Feeds a proc-macro2 token stream to `f` as flat tokens (groups become `Open` … `Close`),
/// with an explicit stack instead of recursion.
fn flatten(tokens: TokenStream, mut f: impl FnMut(Tok<'static>)) {
    type Frame = (proc_macro2::token_stream::IntoIter, Option<(char, Span)>);
    let mut stack: Vec<Frame> = vec![(tokens.into_iter(), None)];
    // A `'` waiting for its lifetime's identifier.
    let mut quote: Option<Span> = None;
    while let Some((iter, _)) = stack.last_mut() {
        let Some(tree) = iter.next() else {
            if let Some((_, Some((close, span)))) = stack.pop() {
                quote = None;
                f(Tok {
                    kind: Kind::Close(close),
                    span,
                });
            }
            continue;
        };
        if let Some(apostrophe) = quote.take() {
            if let TokenTree::Ident(ident) = &tree {
                f(Tok {
                    kind: Kind::Lifetime,
                    span: Span {
                        start: apostrophe.start,
                        end: position(ident.span().end()),
                    },
                });
                continue;
            }
            f(Tok {
                kind: Kind::Punct('\'', false),
                span: apostrophe,
            });
        }
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::Brace => ('{', '}'),
                    Delimiter::None => {
                        stack.push((group.stream().into_iter(), None));
                        continue;
                    }
                };
                f(Tok {
                    kind: Kind::Open(open),
                    span: span_of(group.span_open()),
                });
                let close_span = span_of(group.span_close());
                stack.push((group.stream().into_iter(), Some((close, close_span))));
            }
            TokenTree::Ident(ident) => f(Tok {
                kind: Kind::Ident(Cow::Owned(ident.to_string())),
                span: span_of(ident.span()),
            }),
            TokenTree::Punct(punct) if punct.as_char() == '\'' => {
                quote = Some(span_of(punct.span()));
            }
            TokenTree::Punct(punct) => f(Tok {
                kind: Kind::Punct(punct.as_char(), punct.spacing() == Spacing::Joint),
                span: span_of(punct.span()),
            }),
            TokenTree::Literal(literal) => f(Tok {
                kind: Kind::Literal(Cow::Owned(literal.to_string())),
                span: span_of(literal.span()),
            }),
        }
    }
    if let Some(apostrophe) = quote {
        f(Tok {
            kind: Kind::Punct('\'', false),
            span: apostrophe,
        });
    }
}

/// `test` or `all(.., test, ..)`: the arguments of a `cfg` that make code dev-only.
fn is_test_predicate(tokens: &[Tok<'_>]) -> bool {
    match tokens {
        [only] => only.ident() == Some("test"),
        [all, open, inner @ .., close]
            if all.ident() == Some("all") && open.is_open('(') && close.is_close(')') =>
        {
            let mut depth = 0usize;
            let mut element: Vec<&Tok<'_>> = Vec::new();
            for tok in inner.iter().chain(std::iter::once(close)) {
                match tok.kind {
                    Kind::Open(_) => depth += 1,
                    Kind::Close(_) if depth > 0 => depth -= 1,
                    _ => {}
                }
                let end = depth == 0 && (tok.is_punct(',') || std::ptr::eq(tok, close));
                if end {
                    if let [only] = element.as_slice()
                        && only.ident() == Some("test")
                    {
                        return true;
                    }
                    element.clear();
                } else {
                    element.push(tok);
                }
            }
            false
        }
        _ => false,
    }
}

/// Keywords (strict and reserved) other than the path roots `crate`, `self`, `super`,
/// `Self`: they never start a path (`use ::a::b`, `return ::a::f()`).
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "try"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
    )
}

/// A path found in tokens: `a::b::c`, `::a::b`, `a::m!`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PathHit {
    segments: Vec<Segment>,
    /// The span of a leading `::`.
    leading: Option<Span>,
    /// Followed by `!` (not `!=`): a macro invocation.
    bang: bool,
}

/// What the previous token means for an identifier that follows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Before {
    /// Anything after which an identifier may start a path (the start, `(`, `=`, `;`, …).
    #[default]
    Free,
    /// An identifier that did not start a path (a keyword, `$x`).
    Word,
    /// `::` not continuing a path (`>::f`, `$x::y`): what follows is no crate.
    Colons,
    /// `$`: a macro metavariable follows.
    Dollar,
    /// `>` or a closing delimiter: a `::` after it continues a type, not a root.
    Closer,
}

/// Finds `ident :: ident (:: ident)*` and `:: ident (:: ident)*` in flat tokens: the first
/// identifier must not itself follow `::` (`a::b::c` is one path, `a`) or `$` (`$x::y` is
/// a metavariable), and must not be a keyword.
#[derive(Default)]
struct PathDetector {
    segments: Vec<Segment>,
    leading: Option<Span>,
    /// A `::` was just read: an identifier continues the path.
    expecting: bool,
    /// The first `:` of a possible `::`.
    colon: Option<Span>,
    before: Before,
}

impl PathDetector {
    fn push(&mut self, tok: &Tok<'_>, hits: &mut Vec<PathHit>) {
        if let Kind::Punct(':', joint) = tok.kind {
            if let Some(first) = self.colon.take() {
                self.colons(
                    Span {
                        start: first.start,
                        end: tok.span.end,
                    },
                    hits,
                );
            } else if joint {
                self.colon = Some(tok.span);
            } else {
                self.finish(hits);
                self.before = Before::Free;
            }
            return;
        }
        if self.colon.take().is_some() {
            // A lone `:` (a type ascription, `x: a::B`).
            self.finish(hits);
            self.before = Before::Free;
        }
        match &tok.kind {
            Kind::Ident(word) => self.ident(word, tok.span, hits),
            Kind::Punct('!', false) if !self.expecting && !self.segments.is_empty() => {
                self.finish_as(true, hits);
                self.before = Before::Free;
            }
            Kind::Punct('$', _) => {
                self.finish(hits);
                self.before = Before::Dollar;
            }
            Kind::Punct('>', _) | Kind::Close(_) => {
                self.finish(hits);
                self.before = Before::Closer;
            }
            _ => {
                self.finish(hits);
                self.before = Before::Free;
            }
        }
    }

    fn colons(&mut self, span: Span, hits: &mut Vec<PathHit>) {
        if self.expecting {
            // `a:: ::`: not Rust; drop what we have.
            self.finish(hits);
            self.before = Before::Colons;
        } else if !self.segments.is_empty() {
            self.expecting = true;
        } else if self.before == Before::Free {
            self.leading = Some(span);
            self.expecting = true;
        } else {
            self.before = Before::Colons;
        }
    }

    fn ident(&mut self, word: &str, span: Span, hits: &mut Vec<PathHit>) {
        if self.expecting {
            self.segments.push((word.to_string(), span));
            self.expecting = false;
            return;
        }
        self.finish(hits);
        let starts = matches!(self.before, Before::Free | Before::Word | Before::Closer)
            && !is_keyword(unraw_keyword(word));
        if starts {
            self.segments.push((word.to_string(), span));
            self.before = Before::Free;
        } else {
            self.before = if is_keyword(word) {
                Before::Free
            } else {
                Before::Word
            };
        }
    }

    fn finish(&mut self, hits: &mut Vec<PathHit>) {
        self.finish_as(false, hits);
    }

    fn finish_as(&mut self, bang: bool, hits: &mut Vec<PathHit>) {
        self.expecting = false;
        let segments = std::mem::take(&mut self.segments);
        let leading = self.leading.take();
        if segments.len() >= 2 || (leading.is_some() && !segments.is_empty()) {
            hits.push(PathHit {
                segments,
                leading,
                bang,
            });
        } else if segments.len() == 1 {
            // A lone identifier: `x ::y` can no longer start a path after it.
            self.before = Before::Word;
        }
    }
}

/// A raw identifier is never a keyword: `r#type` may start a path.
fn unraw_keyword(word: &str) -> &str {
    if word.starts_with("r#") { "" } else { word }
}

// ---------------------------------------------------------------------------------------
// 2 and 3. The token scan
// ---------------------------------------------------------------------------------------

/// The token scan, for files syn could not parse and for the item-level macro bodies and
/// `Verbatim` items of files it could: `use … ;` trees, `extern crate x`, `mod x;` /
/// `mod x { … }`, item names after their keyword, `#[cfg(test)]`, `#[path = ".."]`,
/// `#[macro_export]`, and `a::b` paths (only these inside `macro_rules!` templates and
/// macro invocations that are not at item level). It keeps only flat state — stacks
/// indexed by group depth and counters over them — so it is safe and linear on any nesting.
struct Scanner<'s, 'b> {
    out: &'b mut Builder,
    paths: PathDetector,
    hits: Vec<PathHit>,
    /// The open groups, innermost last.
    groups: Vec<Group>,
    /// Where the current statement started, for the file and each open `{`.
    statements: Vec<Option<Position>>,
    /// The last three tokens, most recent first.
    recent: [Option<Tok<'s>>; 3],
    use_item: Option<UseItem<'s>>,
    attribute: Option<Attr<'s>>,
    /// `#[cfg(test)]` scopes that are open.
    dev: Vec<Region>,
    /// A `#[path = ".."]` waiting for its `mod`, at this depth.
    path_attr: Option<(usize, String)>,
    /// A `#[macro_export]` waiting for its `macro_rules!`, at this depth.
    macro_export: Option<usize>,
    /// A plain `pub` was read in the current item.
    public: bool,
    /// An `impl` or `trait` was read: the next `{` is its body, whose items are associated
    /// (not local names).
    impl_body_next: bool,
    /// `mod name` was read: its `;` or `{` follows.
    module: Option<(String, Span)>,
    extern_crate: ExternCrate,
    /// Scanning the body of a macro invocation found by syn: everything in it is dev code
    /// if the invocation is.
    base_dev: bool,
    /// The inline modules around the macro invocation.
    base_parents: Vec<String>,
    /// Whether `pub` items at this scan's top level are the file's exports.
    exports: bool,
    /// Scanning a macro body: a `{` right after `]` or `else` (`cfg_if! { if #[cfg(x)] {
    /// .. } else { .. } }`) does not nest its items.
    macro_body: bool,
    /// Where the statement holding the macro invocation starts: the text of the paths
    /// directly in its arguments (`println!("{}", a::b())`).
    base_text: Option<Position>,
    /// Counts over `groups`, kept as they open and close so that no token costs a walk
    /// over them: templates, groups that are not transparent, groups that are neither
    /// transparent nor an inline module's body, and inline modules.
    templates: usize,
    opaque: usize,
    not_items: usize,
    modules: usize,
}

struct Group {
    delimiter: char,
    /// An inline module's body.
    module: Option<String>,
    /// A branch of a `cfg_if!`-like macro: its items are at the level around it.
    transparent: bool,
    /// A `macro_rules!` body, or a macro invocation that is not where items go: read for
    /// paths only (as syn mode does).
    template: bool,
    /// The innermost group around here that is not transparent is an `impl` or `trait`
    /// body.
    in_impl: bool,
}

struct UseItem<'s> {
    tokens: Vec<Tok<'s>>,
    /// `{` nesting inside the tree.
    nesting: usize,
    exported: bool,
    dev: bool,
    text_at: Position,
}

struct Attr<'s> {
    /// The group depth of its `#`.
    depth: usize,
    inner: bool,
    tokens: Vec<Tok<'s>>,
}

/// A `#[cfg(test)]` scope: an outer one ends with its item (a `;`, `,` or `}` at its
/// depth), an inner one (`#![cfg(test)]`) with the enclosing group.
struct Region {
    depth: usize,
    inner: bool,
}

#[derive(Default)]
enum ExternCrate {
    #[default]
    None,
    /// `extern crate` read.
    Name { text_at: Position },
    /// `extern crate name` read.
    Named { name: String },
    /// `extern crate name as` read.
    Alias,
}

impl<'s, 'b> Scanner<'s, 'b> {
    fn new(out: &'b mut Builder) -> Self {
        Scanner {
            out,
            paths: PathDetector::default(),
            hits: Vec::new(),
            groups: Vec::new(),
            statements: vec![None],
            recent: [None, None, None],
            use_item: None,
            attribute: None,
            dev: Vec::new(),
            path_attr: None,
            macro_export: None,
            public: false,
            impl_body_next: false,
            module: None,
            extern_crate: ExternCrate::None,
            base_dev: false,
            base_parents: Vec::new(),
            exports: true,
            macro_body: false,
            base_text: None,
            templates: 0,
            opaque: 0,
            not_items: 0,
            modules: 0,
        }
    }

    /// A scanner for the body of an item macro (`cfg_if! { .. }`), whose `use`, `mod` and
    /// items syn does not see.
    fn in_macro(
        out: &'b mut Builder,
        dev: bool,
        parents: Vec<String>,
        exports: bool,
        text_at: Option<Position>,
    ) -> Self {
        Scanner {
            base_dev: dev,
            base_parents: parents,
            exports,
            macro_body: true,
            base_text: text_at,
            ..Scanner::new(out)
        }
    }

    fn is_dev(&self) -> bool {
        self.base_dev || !self.dev.is_empty()
    }

    fn depth(&self) -> usize {
        self.groups.len()
    }

    /// At the file level, outside any group: where exports are.
    fn top_level(&self) -> bool {
        self.exports && self.opaque == 0
    }

    fn in_template(&self) -> bool {
        self.templates > 0
    }

    /// The inline modules around, or `None` when listing them would pass
    /// [`MAX_MODULE_PARENTS`].
    fn inline_parents(&self) -> Option<Vec<String>> {
        let count = self.base_parents.len() + self.modules;
        if count > 0 && self.out.module_parents + count > MAX_MODULE_PARENTS {
            return None;
        }
        let mut parents = self.base_parents.clone();
        parents.extend(self.groups.iter().filter_map(|g| g.module.clone()));
        Some(parents)
    }

    fn statement_start(&self) -> Option<Position> {
        self.statements.last().copied().flatten()
    }

    fn recent_ident(&self, i: usize) -> Option<&str> {
        self.recent[i].as_ref().and_then(Tok::ident)
    }

    fn recent_punct(&self, i: usize, c: char) -> bool {
        self.recent[i].as_ref().is_some_and(|t| t.is_punct(c))
    }

    fn push(&mut self, tok: Tok<'s>) {
        if self.use_item.is_some() {
            if self.continues_use(&tok) {
                if let Some(item) = &mut self.use_item {
                    item.tokens.push(tok.clone());
                }
                self.remember(tok);
                return;
            }
            self.finish_use();
        }
        self.paths.push(&tok, &mut self.hits);
        self.record_hits();
        if let Some(attr) = &mut self.attribute
            && self.groups.len() > attr.depth
            && !(self.groups.len() == attr.depth + 1 && matches!(tok.kind, Kind::Close(_)))
        {
            attr.tokens.push(tok.clone());
        }
        if !matches!(tok.kind, Kind::Close(_) | Kind::Punct(';' | ',', _))
            && let Some(slot @ None) = self.statements.last_mut()
        {
            *slot = Some(tok.span.start);
        }
        match &tok.kind {
            Kind::Open(d) => self.open(*d),
            Kind::Close(d) => self.close(*d),
            Kind::Punct(';', _) => self.end_statement(true, &tok),
            Kind::Punct(',', _) => self.end_statement(false, &tok),
            Kind::Ident(word) => self.ident(word, &tok),
            _ => {
                self.module = None;
                self.extern_crate = ExternCrate::None;
            }
        }
        self.remember(tok);
    }

    fn remember(&mut self, tok: Tok<'s>) {
        self.recent.rotate_right(1);
        self.recent[0] = Some(tok);
    }

    fn finish(mut self) {
        if self.use_item.is_some() {
            self.finish_use();
        }
        self.paths.finish(&mut self.hits);
        self.record_hits();
    }

    fn record_hits(&mut self) {
        if self.hits.is_empty() {
            return;
        }
        let dev = self.is_dev();
        let text_at = match self.base_text {
            Some(base) if self.groups.is_empty() => Some(base),
            _ => self.statement_start(),
        };
        for hit in std::mem::take(&mut self.hits) {
            self.out.hit(&hit, dev, text_at);
        }
    }

    /// Whether `tok` still belongs to the `use` tree being read.
    fn continues_use(&mut self, tok: &Tok<'_>) -> bool {
        let Some(item) = &mut self.use_item else {
            return false;
        };
        match &tok.kind {
            Kind::Ident(word) => {
                let word = unraw_keyword(word);
                !is_keyword(word) || word == "as"
            }
            Kind::Punct(':' | ',' | '*', _) => true,
            Kind::Open('{') => {
                item.nesting += 1;
                true
            }
            Kind::Close('}') if item.nesting > 0 => {
                item.nesting -= 1;
                true
            }
            _ => false,
        }
    }

    fn finish_use(&mut self) {
        let Some(item) = self.use_item.take() else {
            return;
        };
        let mut imports = Imports::new(self.out, item.exported, item.dev, item.text_at);
        use_token_imports(&item.tokens, &mut imports);
        imports.finish();
    }

    fn open(&mut self, delimiter: char) {
        let after_pub = self.recent_ident(0) == Some("pub");
        if after_pub && delimiter == '(' {
            // `pub(crate)`, `pub(in a)`: not plain `pub`.
            self.public = false;
        }
        let attribute = delimiter == '['
            && (self.recent_punct(0, '#')
                || (self.recent_punct(0, '!') && self.recent_punct(1, '#')));
        if attribute {
            self.attribute = Some(Attr {
                depth: self.depth(),
                inner: self.recent_punct(0, '!'),
                tokens: Vec::new(),
            });
        }
        let brace = delimiter == '{';
        let module = if brace {
            self.module.take().map(|m| m.0)
        } else {
            None
        };
        let impl_body = brace && std::mem::take(&mut self.impl_body_next);
        // A macro invocation where items go is read like the items around it (`cfg_if! {
        // .. }`); elsewhere (`quote! { .. }`, `vec![..]`) only for paths.
        let invocation = self.recent_punct(0, '!')
            && self
                .recent_ident(1)
                .is_some_and(|w| !is_keyword(unraw_keyword(w)));
        let item_level = self.not_items == 0;
        // The branches of `cfg_if! { if #[cfg(x)] { .. } else { .. } }`.
        let branch = brace
            && module.is_none()
            && ((self.macro_body && self.groups.is_empty())
                || self.groups.last().is_some_and(|g| g.transparent))
            && (self.recent[0].as_ref().is_some_and(|t| t.is_close(']'))
                || self.recent_ident(0) == Some("else"));
        let transparent = branch || (invocation && item_level);
        let macro_rules_body =
            self.recent_punct(1, '!') && self.recent_ident(2) == Some("macro_rules");
        let template = macro_rules_body || (invocation && !item_level);
        self.module = None;
        self.extern_crate = ExternCrate::None;
        if brace {
            self.public = false;
            self.statements.push(None);
        }
        let in_impl = if transparent {
            self.groups.last().is_some_and(|g| g.in_impl)
        } else {
            impl_body
        };
        self.templates += usize::from(template);
        self.opaque += usize::from(!transparent);
        self.not_items += usize::from(!transparent && module.is_none());
        self.modules += usize::from(module.is_some());
        self.groups.push(Group {
            delimiter,
            module,
            transparent,
            template,
            in_impl,
        });
    }

    fn close(&mut self, _delimiter: char) {
        self.module = None;
        self.extern_crate = ExternCrate::None;
        // An unbalanced closer closes nothing; a mismatched one closes the innermost group.
        let Some(group) = self.groups.pop() else {
            return;
        };
        self.templates -= usize::from(group.template);
        self.opaque -= usize::from(!group.transparent);
        self.not_items -= usize::from(!group.transparent && group.module.is_none());
        self.modules -= usize::from(group.module.is_some());
        let depth = self.depth();
        let brace = group.delimiter == '{';
        if brace {
            self.statements.pop();
        }
        // Scopes inside the group end with it; an item's scope ends with its body. (The
        // scopes are stacked by depth: the ones that end are on top.)
        while self
            .dev
            .last()
            .is_some_and(|r| r.depth > depth || (brace && r.depth == depth && !r.inner))
        {
            self.dev.pop();
        }
        if self
            .path_attr
            .as_ref()
            .is_some_and(|(d, _)| *d > depth || (brace && *d == depth))
        {
            self.path_attr = None;
        }
        if self
            .macro_export
            .is_some_and(|d| d > depth || (brace && d == depth))
        {
            self.macro_export = None;
        }
        if brace {
            self.public = false;
            self.impl_body_next = false;
            if let Some(slot) = self.statements.last_mut() {
                *slot = None;
            }
        }
        if self.attribute.as_ref().is_some_and(|a| a.depth == depth)
            && let Some(attr) = self.attribute.take()
        {
            self.apply_attribute(attr);
            // The item starts after its attributes.
            if let Some(slot) = self.statements.last_mut() {
                *slot = None;
            }
        }
    }

    fn apply_attribute(&mut self, attr: Attr<'_>) {
        if self.in_template() {
            return;
        }
        let tokens = &attr.tokens;
        let depth = attr.depth;
        match tokens.first().and_then(Tok::ident) {
            Some("cfg")
                if tokens.len() >= 3
                    && tokens[1].is_open('(')
                    && tokens[tokens.len() - 1].is_close(')')
                    && is_test_predicate(&tokens[2..tokens.len() - 1]) =>
            {
                self.dev.push(Region {
                    depth,
                    inner: attr.inner,
                });
            }
            Some("path") if tokens.len() == 3 && tokens[1].is_punct('=') => {
                if let Kind::Literal(literal) = &tokens[2].kind
                    && let Ok(value) = syn::parse_str::<syn::LitStr>(literal)
                {
                    self.path_attr = Some((depth, value.value()));
                }
            }
            Some("macro_export") => self.macro_export = Some(depth),
            _ => {}
        }
    }

    /// A `;` (`semicolon`) or `,` at the current depth.
    fn end_statement(&mut self, semicolon: bool, tok: &Tok<'_>) {
        let depth = self.depth();
        if semicolon {
            if let Some((name, start)) = self.module.take()
                && let Some(inline_parents) = self.inline_parents()
            {
                let path_attr = match self.path_attr.take() {
                    Some((d, path)) if d == depth => Some(path),
                    _ => None,
                };
                self.out.module(ModuleDecl {
                    name: unraw(&name).to_string(),
                    path_attr,
                    dev: self.is_dev(),
                    inline_parents,
                    span: Span {
                        start: start.start,
                        end: tok.span.end,
                    },
                });
            }
            if let ExternCrate::Named { name } = std::mem::take(&mut self.extern_crate)
                && self.public
                && self.top_level()
            {
                self.out.export(&name);
            }
            self.impl_body_next = false;
        }
        self.module = None;
        self.extern_crate = ExternCrate::None;
        let statement_level = self.groups.last().is_none_or(|g| g.delimiter == '{');
        if statement_level {
            if let Some(slot) = self.statements.last_mut() {
                *slot = None;
            }
            self.public = false;
        }
        while self
            .dev
            .last()
            .is_some_and(|r| !r.inner && r.depth == depth)
        {
            self.dev.pop();
        }
        if self.path_attr.as_ref().is_some_and(|(d, _)| *d == depth) {
            self.path_attr = None;
        }
        if self.macro_export == Some(depth) {
            self.macro_export = None;
        }
    }

    fn ident(&mut self, word: &str, tok: &Tok<'_>) {
        if self.in_template() {
            return;
        }
        let previous = self.recent_ident(0).map(str::to_string);
        let previous = previous.as_deref();
        let exported_here = self.public && self.top_level();

        // extern crate name [as alias]
        match std::mem::take(&mut self.extern_crate) {
            ExternCrate::Name { text_at } => {
                self.out
                    .extern_crate(word, tok.span, None, false, self.is_dev(), text_at);
                self.extern_crate = ExternCrate::Named {
                    name: word.to_string(),
                };
                return;
            }
            ExternCrate::Named { .. } if word == "as" => {
                self.extern_crate = ExternCrate::Alias;
                return;
            }
            ExternCrate::Alias => {
                self.out.local(word);
                if exported_here {
                    self.out.export(word);
                }
                return;
            }
            _ => {}
        }
        if word == "crate" && previous == Some("extern") {
            let text_at = self.statement_start().unwrap_or(tok.span.start);
            self.extern_crate = ExternCrate::Name { text_at };
            return;
        }

        match word {
            "use" => {
                self.use_item = Some(UseItem {
                    tokens: Vec::new(),
                    nesting: 0,
                    exported: exported_here,
                    dev: self.is_dev(),
                    text_at: self.statement_start().unwrap_or(tok.span.start),
                });
                return;
            }
            "pub" => self.public = true,
            "impl" | "trait" => {
                let item_start = self.statement_start() == Some(tok.span.start)
                    || matches!(previous, Some("pub" | "unsafe" | "default" | "auto"))
                    || self.recent[0].as_ref().is_some_and(|t| t.is_close(')'));
                if item_start {
                    self.impl_body_next = true;
                }
            }
            _ => {}
        }

        // `mod name`, then `;` or `{`.
        self.module = None;
        let name_ok = !is_keyword(unraw_keyword(word)) && word != "_";
        if !name_ok {
            return;
        }
        let in_impl_body = self.groups.last().is_some_and(|g| g.in_impl);
        let item_keyword = match previous {
            Some(
                "fn" | "struct" | "enum" | "union" | "trait" | "type" | "const" | "static" | "mod",
            ) => previous,
            Some("mut") if self.recent_ident(1) == Some("static") => Some("static"),
            None if self.recent_punct(0, '!') && self.recent_ident(1) == Some("macro_rules") => {
                Some("macro_rules")
            }
            _ => None,
        };
        let Some(keyword) = item_keyword else {
            return;
        };
        if keyword == "mod" {
            self.module = Some((
                word.to_string(),
                self.recent[0].as_ref().map_or(tok.span, |t| t.span),
            ));
        }
        if in_impl_body && keyword != "mod" {
            return;
        }
        let exported = if keyword == "macro_rules" {
            self.macro_export == Some(self.depth())
        } else {
            exported_here
        };
        self.out.bind(word, exported);
    }
}

/// Feeds the imports of a `use` tree read from its tokens (after `use`, before `;`) to
/// `imports`.
fn use_token_imports(tokens: &[Tok<'_>], imports: &mut Imports<'_>) {
    let mut path: Vec<Segment> = Vec::new();
    // The least length `path` had since the previous import.
    let mut unchanged = 0;
    // `path.len()` at each open `{`.
    let mut bases: Vec<usize> = Vec::new();
    let mut pending = false;
    let mut alias: Option<String> = None;
    let mut alias_next = false;
    // A leading `::` and the group depth of the element it starts (`use ::{a, b}` puts it
    // on both, `use {::a, b}` on `a` only).
    let mut lead: Option<(usize, Span)> = None;
    let mut colon: Option<Span> = None;
    for tok in tokens {
        if tok.is_punct(':') {
            match colon.take() {
                Some(first) if path.len() == bases.last().copied().unwrap_or(0) => {
                    let span = Span {
                        start: first.start,
                        end: tok.span.end,
                    };
                    lead = Some((bases.len(), span));
                }
                Some(_) => {}
                None => colon = Some(tok.span),
            }
            continue;
        }
        colon = None;
        match &tok.kind {
            Kind::Ident(word) if word == "as" => alias_next = true,
            Kind::Ident(word) => {
                if alias_next {
                    alias = Some(word.to_string());
                    alias_next = false;
                } else {
                    path.push((word.to_string(), tok.span));
                    pending = true;
                }
            }
            Kind::Punct('*', _) => {
                imports.import(&path, true, None, lead.map(|l| l.1), unchanged);
                unchanged = path.len();
                pending = false;
            }
            Kind::Open('{') => {
                bases.push(path.len());
                pending = false;
            }
            Kind::Punct(',', _) | Kind::Close('}') => {
                if pending {
                    import_from_tokens(&mut path, alias.take(), lead, unchanged, imports);
                    unchanged = path.len();
                }
                pending = false;
                alias = None;
                alias_next = false;
                let base = if tok.is_close('}') {
                    bases.pop()
                } else {
                    bases.last().copied()
                };
                path.truncate(base.unwrap_or(0));
                unchanged = unchanged.min(path.len());
                // The element that `lead` starts ends with its `,`, or with its group.
                let ended = |(depth, _): (usize, Span)| {
                    if tok.is_punct(',') {
                        depth == bases.len()
                    } else {
                        depth > bases.len()
                    }
                };
                if lead.is_some_and(ended) {
                    lead = None;
                }
            }
            _ => {}
        }
    }
    if pending {
        import_from_tokens(&mut path, alias, lead, unchanged, imports);
    }
}

fn import_from_tokens(
    path: &mut Vec<Segment>,
    alias: Option<String>,
    lead: Option<(usize, Span)>,
    unchanged: usize,
    imports: &mut Imports<'_>,
) {
    // `use a::{self}` imports `a` itself.
    let own = path.last().is_some_and(|s| s.0 == "self");
    let popped = if own { path.pop() } else { None };
    imports.import(path, false, alias.as_deref(), lead.map(|l| l.1), unchanged);
    if let Some(segment) = popped {
        path.push(segment);
    }
}

// ---------------------------------------------------------------------------------------
// Our own lexer: for the nesting estimate and the raw scan
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lex {
    Ident,
    Lifetime,
    Literal,
    Punct(u8),
    Open(u8),
    Close(u8),
}

#[derive(Clone, Copy, Debug)]
struct RawTok {
    kind: Lex,
    start: usize,
    end: usize,
    /// Punctuation immediately followed by punctuation (`:` in `::`).
    joint: bool,
}

const PUNCTUATION: &[u8] = b"~!@#$%^&*-+=|:;,.<>/?";

/// A lexer for Rust that never fails and never recurses: comments, strings, raw strings,
/// byte and C strings, characters, lifetimes, numbers, identifiers (raw too), single
/// punctuation characters and delimiters. Anything unterminated runs to the end of the
/// text; characters that are not Rust (`\`, control characters) are skipped.
struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn ident_start(&self, i: usize) -> bool {
        let b = self.byte(i);
        b.is_ascii_alphabetic()
            || b == b'_'
            || (b >= 0x80 && self.char_at(i).is_some_and(|c| !c.is_whitespace()))
    }

    fn ident(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.at += 1;
            } else if b >= 0x80 {
                match self.char_at(self.at) {
                    Some(c) if !c.is_whitespace() => self.at += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    fn skip_quoted(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            if b == b'\\' {
                self.at += 1;
            } else if b == b'"' {
                return;
            }
        }
        self.at = self.at.min(self.bytes.len());
    }

    fn skip_raw(&mut self, hashes: usize) {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            if b == b'"' && (0..hashes).all(|k| self.byte(self.at + k) == b'#') {
                self.at += hashes;
                return;
            }
        }
    }

    fn skip_block_comment(&mut self) {
        self.at += 2;
        let mut depth = 1usize;
        while depth > 0 && self.at < self.bytes.len() {
            match (self.byte(self.at), self.byte(self.at + 1)) {
                (b'/', b'*') => {
                    depth += 1;
                    self.at += 2;
                }
                (b'*', b'/') => {
                    depth -= 1;
                    self.at += 2;
                }
                _ => self.at += 1,
            }
        }
        self.at = self.at.min(self.bytes.len());
    }

    fn number(&mut self) {
        let start = self.at;
        let hex = matches!(self.bytes.get(start..start + 2), Some(b"0x" | b"0X"));
        let mut dot = false;
        while let Some(&b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.at += 1;
            } else if b == b'.' && !dot && self.byte(self.at + 1).is_ascii_digit() {
                dot = true;
                self.at += 1;
            } else if (b == b'+' || b == b'-')
                && !hex
                && matches!(self.byte(self.at - 1), b'e' | b'E')
                && self.byte(self.at + 1).is_ascii_digit()
            {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    /// At a `'`: a character literal, a lifetime or label, or a lone quote.
    fn quote(&mut self) -> Lex {
        let start = self.at;
        if self.byte(start + 1) == b'\\' {
            // '\n', '\'', '\x7f', '\u{10FFFF}'
            let limit = (start + 16).min(self.bytes.len());
            let close = (start + 3..limit).find(|&i| self.bytes[i] == b'\'');
            self.at = close.map_or(start + 2, |i| i + 1);
            return Lex::Literal;
        }
        let Some(c) = self.char_at(start + 1) else {
            self.at += 1;
            return Lex::Punct(b'\'');
        };
        let after = start + 1 + c.len_utf8();
        if self.byte(after) == b'\'' {
            self.at = after + 1;
            return Lex::Literal;
        }
        if self.ident_start(start + 1) || (c == 'r' && self.byte(start + 2) == b'#') {
            self.at = start + 1;
            if c == 'r' && self.byte(start + 2) == b'#' {
                self.at += 2;
            }
            self.ident();
            return Lex::Lifetime;
        }
        self.at += 1;
        Lex::Punct(b'\'')
    }

    /// At `r`, `b` or `c`: a raw, byte or C string, or a byte character. False (and
    /// nothing consumed) for an identifier.
    fn prefixed_literal(&mut self) -> bool {
        let start = self.at;
        let first = self.bytes[start];
        if first == b'b' && self.byte(start + 1) == b'\'' {
            self.at = start + 1;
            self.quote();
            return true;
        }
        let mut i = start + 1;
        if first != b'r' && self.byte(i) == b'r' {
            i += 1;
        }
        if self.bytes[i - 1] == b'r' {
            let mut hashes = 0;
            while self.byte(i + hashes) == b'#' {
                hashes += 1;
            }
            if self.byte(i + hashes) != b'"' {
                return false;
            }
            self.at = i + hashes + 1;
            self.skip_raw(hashes);
            return true;
        }
        if self.byte(i) == b'"' {
            self.at = i + 1;
            self.skip_quoted();
            return true;
        }
        false
    }
}

impl Iterator for Lexer<'_> {
    type Item = RawTok;

    fn next(&mut self) -> Option<RawTok> {
        loop {
            let start = self.at;
            let b = *self.bytes.get(start)?;
            let kind = match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    self.at += 1;
                    continue;
                }
                b'/' if self.byte(start + 1) == b'/' => {
                    self.at = memchr_newline(self.bytes, start);
                    continue;
                }
                b'/' if self.byte(start + 1) == b'*' => {
                    self.skip_block_comment();
                    continue;
                }
                b'"' => {
                    self.at += 1;
                    self.skip_quoted();
                    Lex::Literal
                }
                b'\'' => self.quote(),
                b'0'..=b'9' => {
                    self.number();
                    Lex::Literal
                }
                b'(' | b'[' | b'{' => {
                    self.at += 1;
                    Lex::Open(b)
                }
                b')' | b']' | b'}' => {
                    self.at += 1;
                    Lex::Close(b)
                }
                b'r' | b'b' | b'c' if self.prefixed_literal() => Lex::Literal,
                b'r' if self.byte(start + 1) == b'#' && self.ident_start(start + 2) => {
                    self.at += 2;
                    self.ident();
                    Lex::Ident
                }
                _ if PUNCTUATION.contains(&b) => {
                    self.at += 1;
                    Lex::Punct(b)
                }
                _ if b.is_ascii_alphabetic() || b == b'_' => {
                    self.ident();
                    Lex::Ident
                }
                _ if b >= 0x80 => match self.char_at(start) {
                    Some(c) if c.is_whitespace() => {
                        self.at += c.len_utf8();
                        continue;
                    }
                    Some(_) => {
                        self.ident();
                        Lex::Ident
                    }
                    None => {
                        self.at += 1;
                        continue;
                    }
                },
                _ => {
                    self.at += 1;
                    continue;
                }
            };
            let joint = matches!(kind, Lex::Punct(_)) && PUNCTUATION.contains(&self.byte(self.at));
            return Some(RawTok {
                kind,
                start,
                end: self.at,
                joint,
            });
        }
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i)
}

/// Turns increasing byte offsets into positions in one pass over the text.
struct Positions<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u32,
    column: u32,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        Positions {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            column: 0,
        }
    }

    fn at(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        if offset < self.at {
            // Offsets only grow; start over if they ever do not.
            *self = Positions {
                bytes: self.bytes,
                at: 0,
                line: 1,
                column: 0,
            };
        }
        for &b in &self.bytes[self.at..offset] {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 0;
            } else if b & 0xC0 != 0x80 {
                self.column = self.column.saturating_add(1);
            }
        }
        self.at = offset;
        Position {
            line: self.line,
            column: self.column.saturating_add(1),
        }
    }
}

/// The raw scan: our lexer feeding the token scan.
fn raw_scan(source: &str, out: &mut Builder) {
    let mut positions = Positions::new(source);
    let mut scanner = Scanner::new(out);
    for raw in Lexer::new(source) {
        let span = Span {
            start: positions.at(raw.start),
            end: positions.at(raw.end),
        };
        let text = &source[raw.start..raw.end];
        let kind = match raw.kind {
            Lex::Ident => Kind::Ident(Cow::Borrowed(text)),
            Lex::Lifetime => Kind::Lifetime,
            Lex::Literal => Kind::Literal(Cow::Borrowed(text)),
            Lex::Punct(b) => Kind::Punct(char::from(b), raw.joint),
            Lex::Open(b) => Kind::Open(char::from(b)),
            Lex::Close(b) => Kind::Close(char::from(b)),
        };
        scanner.push(Tok { kind, span });
    }
    scanner.finish();
}

// ---------------------------------------------------------------------------------------
// The nesting estimate
// ---------------------------------------------------------------------------------------

/// The stack, in bytes, that a file may be estimated to need and still be handed to syn:
/// three quarters of a 2 MiB thread, the rest for the caller and the estimate's slack.
const STACK_BUDGET: u64 = 1536 * 1024;

/// Stack costs in bytes, measured per level of each construct in this workspace's debug
/// build (dependencies at `opt-level = 2`, this crate at 0: the parse, the visit and the
/// drop of a file nesting it hundreds of times on a 2 MiB thread) and rounded up by 10–50%.
/// Every token costs at least [`W_TOKEN`] in its group until its statement ends (`;`, `,`,
/// `=>`, or a new item after a `}`), which covers left-deep chains (`a + b + c`,
/// `x.f().g()`, `x??`, `else if`, `a::b::c` in `use`); the others are the delimiters and
/// the constructs that nest without delimiters. A build with every crate unoptimized needs
/// up to twelve times as much per level (about 10 MiB at the budget);
/// [`PARSE_STACK_SIZE`] covers that.
const W_TOKEN: u64 = 256;
/// A delimited group: `(`, `[`, `{` (a block or a `fn`/`mod`/`impl` body is the dearest).
const W_GROUP: u64 = 7 * 1024 + 512;
/// A group syn keeps as tokens: the body of a macro invocation or `macro_rules!`.
const W_MACRO_GROUP: u64 = 256;
/// A `<` (generics, qualified paths; a comparison or shift after an identifier is counted
/// until its statement ends).
const W_ANGLE: u64 = 7 * 1024 + 512;
/// A prefix `&` or `*` (a reference or pointer type is dearer than the expression).
const W_REF: u64 = 4 * 1024;
/// A prefix `!` or `-`.
const W_UNARY: u64 = 1536;
/// A prefix `|`: a closure.
const W_CLOSURE: u64 = 3 * 1024 + 512;
/// `..`
const W_RANGE: u64 = 3 * 1024;
/// `=` and compound assignment (right-associative).
const W_ASSIGN: u64 = 2 * 1024;
/// `->` (a function type returning a function type …).
const W_ARROW: u64 = 4 * 1024;
/// `@` in patterns.
const W_AT: u64 = 1024;
/// `return`, `break`, `yield`, `become`: prefix keywords.
const W_JUMP: u64 = 3 * 1024 + 512;

/// Keywords after which an expression starts (so a following `&`, `*`, `-`, `!` or `|` is a
/// prefix operator).
fn starts_expression(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "box"
            | "break"
            | "become"
            | "const"
            | "dyn"
            | "else"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "move"
            | "mut"
            | "ref"
            | "return"
            | "static"
            | "unsafe"
            | "where"
            | "while"
            | "yield"
    )
}

struct Frame {
    angle: bool,
    base: u64,
    acc: u64,
    /// A macro body: syn keeps it as tokens, nothing inside nests syn's stack but groups.
    tokens_only: bool,
    /// The last token in this frame closed a group.
    after_close: bool,
}

/// An iterative estimate of the stack syn needs for a file; see [`STACK_BUDGET`].
struct Estimate<'a> {
    text: &'a str,
    frames: Vec<Frame>,
    total: u64,
    /// The last three tokens, most recent first.
    recent: [Option<RawTok>; 3],
    /// Whether the last punctuation was a prefix operator (for `&&x`, `||`).
    prefix: bool,
    /// Whether the last `<` was an operator rather than an opening angle (for `<<`).
    operator_lt: bool,
}

/// The byte range of the token at which the estimated stack first exceeds the budget.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut estimate = Estimate {
        text,
        frames: vec![Frame {
            angle: false,
            base: 0,
            acc: 0,
            tokens_only: false,
            after_close: false,
        }],
        total: 0,
        recent: [None; 3],
        prefix: false,
        operator_lt: false,
    };
    Lexer::new(text)
        .find(|&tok| estimate.push(tok) > STACK_BUDGET)
        .map(|tok| (tok.start, tok.end))
}

impl Estimate<'_> {
    fn top(&mut self) -> &mut Frame {
        // The file's frame is never popped.
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn add(&mut self, weight: u64) {
        self.top().acc += weight;
        self.total += weight;
    }

    /// A statement ends in the innermost frame.
    fn reset(&mut self) {
        let acc = std::mem::take(&mut self.top().acc);
        self.total -= acc;
    }

    fn pop(&mut self) {
        if self.frames.len() > 1
            && let Some(frame) = self.frames.pop()
        {
            self.total -= frame.base + frame.acc;
        }
    }

    fn pop_angles(&mut self) {
        while self.frames.len() > 1 && self.top().angle {
            self.pop();
        }
    }

    fn push_frame(&mut self, angle: bool, base: u64, tokens_only: bool) {
        self.frames.push(Frame {
            angle,
            base,
            acc: 0,
            tokens_only,
            after_close: false,
        });
        self.total += base;
    }

    fn word(&self, tok: &RawTok) -> &str {
        self.text.get(tok.start..tok.end).unwrap_or("")
    }

    /// `name!(`, `name![`, `name! {`, `macro_rules! name {`.
    fn opens_macro(&self) -> bool {
        let [a, b, c] = self.recent;
        let is_name = |t: Option<RawTok>| {
            t.is_some_and(|t| {
                t.kind == Lex::Ident && {
                    let word = self.word(&t);
                    !is_keyword(unraw_keyword(word))
                }
            })
        };
        let bang = |t: Option<RawTok>| t.is_some_and(|t| t.kind == Lex::Punct(b'!'));
        (bang(a) && is_name(b))
            || (is_name(a) && bang(b) && c.is_some_and(|t| self.word(&t) == "macro_rules"))
    }

    /// Whether the last token ends an operand (so `&`, `*`, `-`, `!`, `|` is binary).
    fn after_operand(&self) -> bool {
        match self.recent[0] {
            Some(t) => match t.kind {
                Lex::Ident => !starts_expression(self.word(&t)),
                Lex::Literal | Lex::Lifetime | Lex::Close(_) | Lex::Punct(b'?') => true,
                _ => false,
            },
            None => false,
        }
    }

    /// Whether the last token is a value that cannot take generic arguments.
    fn after_value(&self) -> bool {
        self.recent[0].is_some_and(|t| {
            matches!(
                t.kind,
                Lex::Literal | Lex::Close(b')' | b']') | Lex::Punct(b'?')
            )
        })
    }

    /// The punctuation right before `tok`, if joint with it.
    fn joined_to(&self, tok: &RawTok) -> Option<u8> {
        match self.recent[0] {
            Some(RawTok {
                kind: Lex::Punct(p),
                joint: true,
                end,
                ..
            }) if end == tok.start => Some(p),
            _ => None,
        }
    }

    fn push(&mut self, tok: RawTok) -> u64 {
        let tokens_only = self.top().tokens_only;
        match tok.kind {
            Lex::Open(delimiter) => {
                let macro_body = tokens_only || self.opens_macro();
                if !tokens_only {
                    let const_argument = matches!(
                        self.recent[0],
                        Some(RawTok {
                            kind: Lex::Punct(b'<' | b','),
                            ..
                        })
                    );
                    if delimiter == b'{' && !const_argument {
                        // `if a < b {`: that `<` was a comparison (but `A<{ N }>` is not).
                        self.pop_angles();
                    }
                    self.add(W_TOKEN);
                    self.top().after_close = false;
                }
                let base = if macro_body { W_MACRO_GROUP } else { W_GROUP };
                self.push_frame(false, base, macro_body);
            }
            Lex::Close(_) => {
                self.pop_angles();
                self.pop();
                if !self.top().tokens_only {
                    self.add(W_TOKEN);
                }
                self.top().after_close = true;
            }
            _ if tokens_only => {}
            Lex::Punct(b';') => {
                self.pop_angles();
                self.reset();
            }
            Lex::Punct(b',') => self.reset(),
            Lex::Punct(p) => self.punct(p, tok),
            Lex::Ident | Lex::Lifetime => {
                let text = self.text;
                let word = text.get(tok.start..tok.end).unwrap_or("");
                let weight = if matches!(word, "return" | "break" | "yield" | "become") {
                    W_JUMP
                } else {
                    W_TOKEN
                };
                // A new item or statement after a block: `fn a() {} fn b() {}`.
                if self.top().after_close && word != "else" && word != "as" {
                    self.pop_angles();
                    self.reset();
                }
                self.add(weight);
            }
            Lex::Literal => self.add(W_TOKEN),
        }
        if !matches!(tok.kind, Lex::Close(_)) {
            self.top().after_close = false;
        }
        self.recent = [Some(tok), self.recent[0], self.recent[1]];
        self.total
    }

    fn punct(&mut self, p: u8, tok: RawTok) {
        let next = self.text.as_bytes().get(tok.end).copied().unwrap_or(0);
        let joined = self.joined_to(&tok);
        match p {
            b'<' => {
                // `<=`, and a shift or comparison after a literal, `)`, `]` or `?`, are
                // operators; the second `<` of `<<` is whatever the first was.
                let operator = if joined == Some(b'<') {
                    self.operator_lt
                } else {
                    next == b'=' || self.after_value()
                };
                self.operator_lt = operator;
                if operator {
                    self.add(W_TOKEN);
                } else {
                    self.push_frame(true, W_ANGLE, false);
                }
            }
            b'>' => match joined {
                Some(b'-') => self.add(W_ARROW),
                Some(b'=') => {} // `=>`, counted at its `=`
                _ if next == b'=' => self.add(W_TOKEN),
                _ if self.top().angle => {
                    self.pop();
                    self.add(W_TOKEN);
                }
                _ => self.add(W_TOKEN),
            },
            b'=' => {
                if next == b'>' {
                    // `=>`: a match arm's body is not nested in its pattern.
                    self.pop_angles();
                    self.reset();
                } else if next == b'=' || matches!(joined, Some(b'=' | b'<' | b'>' | b'!')) {
                    self.add(W_TOKEN);
                } else {
                    self.add(W_ASSIGN);
                }
            }
            b'.' => {
                if joined == Some(b'.') {
                    self.add(W_TOKEN);
                } else if next == b'.' {
                    self.add(W_RANGE);
                } else {
                    self.add(W_TOKEN);
                }
            }
            b'&' | b'*' | b'-' | b'!' | b'|' => {
                let prefix = if joined == Some(p) {
                    self.prefix
                } else {
                    !self.after_operand()
                };
                self.prefix = prefix;
                let weight = match p {
                    _ if !prefix || next == b'=' => W_TOKEN,
                    b'&' | b'*' => W_REF,
                    b'|' => W_CLOSURE,
                    _ => W_UNARY,
                };
                self.add(weight);
            }
            b'@' => self.add(W_AT),
            b'#' => {
                if self.top().after_close {
                    self.pop_angles();
                    self.reset();
                }
                self.add(W_TOKEN);
            }
            _ => self.add(W_TOKEN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReferenceKind::{ExternCrate, Macro, Path, Use};
    use super::*;

    /// (kind, name, path, leading colon, dev, line, column) of each reference.
    type Row = (ReferenceKind, String, String, bool, bool, u32, u32);

    fn rows(facts: &RustFacts) -> Vec<Row> {
        facts
            .references
            .iter()
            .map(|r| {
                (
                    r.kind,
                    r.name.clone(),
                    r.path.clone(),
                    r.leading_colon,
                    r.dev,
                    r.span.start.line,
                    r.span.start.column,
                )
            })
            .collect()
    }

    fn row(
        kind: ReferenceKind,
        name: &str,
        path: &str,
        leading: bool,
        dev: bool,
        line: u32,
        column: u32,
    ) -> Row {
        (kind, name.into(), path.into(), leading, dev, line, column)
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// The text with a syntax error appended (token fallback) and with an unterminated
    /// string appended (raw scan), for checking that all three readers agree.
    fn fallbacks(text: &str) -> [String; 2] {
        [
            format!("{text}\nfn broken() {{ let = ; }}\n"),
            format!("{text}\nconst BROKEN: &str = \"unterminated;\n"),
        ]
    }

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn every_use_form() {
        let text = "use a::b::C;\nuse b::{c, d::e};\nuse c::d as e2;\nuse d::*;\nuse ::e::f;\nuse {f::x, g::y};\nuse h::{self, i::{j, k::*}};\nuse crate::x1; use self::y1; use super::z1;\nuse i;\nuse {j::a1, j::b1};\nuse k::{l::m, l::n};\n";
        let expected = vec![
            row(Use, "a", "a::b::C", false, false, 1, 5),
            row(Use, "b", "b", false, false, 2, 5),
            row(Use, "c", "c::d", false, false, 3, 5),
            row(Use, "d", "d", false, false, 4, 5),
            row(Use, "e", "e::f", true, false, 5, 5),
            row(Use, "f", "f::x", false, false, 6, 6),
            row(Use, "g", "g::y", false, false, 6, 12),
            row(Use, "h", "h", false, false, 7, 5),
            row(Use, "i", "i", false, false, 9, 5),
            row(Use, "j", "j", false, false, 10, 6),
            row(Use, "k", "k::l", false, false, 11, 5),
        ];
        let names = strings(&[
            "C", "a1", "b1", "c", "e", "e2", "f", "h", "i", "j", "m", "n", "x", "x1", "y", "y1",
            "z1",
        ]);
        let facts = extract(text);
        assert_eq!(rows(&facts), expected);
        assert_eq!(facts.local_names, names);
        assert_eq!(facts.exports, Vec::<String>::new());
        assert_eq!(facts.syntax_error, None);
        let e = &facts.references[4];
        assert_eq!(
            e.span,
            Span {
                start: at(5, 5),
                end: at(5, 11)
            }
        );
        assert_eq!(e.text, "use ::e::f;");
        assert_eq!(facts.references[6].text, "use {f::x, g::y};");
        for text in fallbacks(text) {
            let facts = extract(&text);
            assert!(facts.syntax_error.is_some());
            assert_eq!(rows(&facts), expected, "{text}");
            assert_eq!(facts.references[4].span, e.span);
            assert!(names.iter().all(|n| facts.local_names.contains(n)));
        }
    }

    #[test]
    fn a_root_group_with_leading_colons() {
        // syn keeps this as `Item::Verbatim`; the item scan reads it.
        let text = "pub use {\n    ::core::{self, cell::Cell},\n    ::std::y,\n    z::w,\n};\nuse ::{a::b, c};\n";
        let expected = vec![
            row(Use, "core", "core", true, false, 2, 5),
            row(Use, "std", "std::y", true, false, 3, 5),
            row(Use, "z", "z::w", false, false, 4, 5),
            row(Use, "a", "a::b", true, false, 6, 5),
            row(Use, "c", "c", true, false, 6, 5),
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), expected, "{text}");
            assert_eq!(facts.exports, strings(&["Cell", "core", "w", "y"]));
            assert_eq!(facts.references[0].text, "pub use {");
        }
    }

    #[test]
    fn extern_crates() {
        let text = "extern crate a;\nextern crate b as c;\nextern crate self as d;\npub extern crate e;\npub extern crate f as g;\n";
        let expected = vec![
            row(ExternCrate, "a", "a", false, false, 1, 14),
            row(ExternCrate, "b", "b", false, false, 2, 14),
            row(ExternCrate, "e", "e", false, false, 4, 18),
            row(ExternCrate, "f", "f", false, false, 5, 18),
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), expected, "{text}");
            assert!(
                ["c", "d", "g"]
                    .iter()
                    .all(|n| facts.local_names.contains(&n.to_string()))
            );
            assert_eq!(facts.exports, strings(&["e", "g"]));
            assert_eq!(facts.references[1].text, "extern crate b as c;");
        }
    }

    #[test]
    fn paths_in_code_types_patterns_and_attributes() {
        let text = r#"#[derive(Debug, serde::Serialize)]
#[tracing::instrument(level = "debug")]
struct S { v: serde_json::Value }
fn f(x: impl ta::Trait) -> tb::Out where T: tc::Bound {
    let y = td::make();
    match y { te::Pat(z) => {} _ => {} }
    <X as tf::Tr>::g();
    ::th::i();
    let v: Vec<tk::T> = Vec::new();
    single();
    crate::a::b(); self::c(); super::d(); Self::e();
}
"#;
        let facts = extract(text);
        assert_eq!(facts.syntax_error, None);
        assert_eq!(
            rows(&facts),
            vec![
                row(Path, "serde", "serde::Serialize", false, false, 1, 17),
                row(Path, "tracing", "tracing::instrument", false, false, 2, 3),
                row(Path, "serde_json", "serde_json::Value", false, false, 3, 15),
                row(Path, "ta", "ta::Trait", false, false, 4, 14),
                row(Path, "tb", "tb::Out", false, false, 4, 28),
                row(Path, "tc", "tc::Bound", false, false, 4, 45),
                row(Path, "td", "td::make", false, false, 5, 13),
                row(Path, "te", "te::Pat", false, false, 6, 15),
                row(Path, "tf", "tf::Tr", false, false, 7, 11),
                row(Path, "th", "th::i", true, false, 8, 5),
                row(Path, "tk", "tk::T", false, false, 9, 16),
                row(Path, "Vec", "Vec::new", false, false, 9, 25),
            ]
        );
        let texts: Vec<&str> = facts.references.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts[0], "#[derive(Debug, serde::Serialize)]");
        assert_eq!(texts[2], "v: serde_json::Value }");
        assert_eq!(
            texts[3],
            "fn f(x: impl ta::Trait) -> tb::Out where T: tc::Bound {"
        );
        assert_eq!(texts[6], "let y = td::make();");
        assert_eq!(texts[7], "match y { te::Pat(z) => {} _ => {} }");
        let th = &facts.references[9];
        assert_eq!(
            th.span,
            Span {
                start: at(8, 5),
                end: at(8, 12)
            }
        );
    }

    #[test]
    fn macro_paths_and_paths_in_macro_tokens() {
        let text = r#"fn f() {
    other::m!(inner::b());
    println!("{} a::b", q::f());
    let v = vec![r::s()];
    nested::deep::m2!();
    tokio::select! {}
}
macro_rules! m { ($x:ident) => { $x::y(); $crate::z(); ::abs::p(); } }
"#;
        let expected = vec![
            row(Macro, "other", "other::m", false, false, 2, 5),
            row(Path, "inner", "inner::b", false, false, 2, 15),
            row(Path, "q", "q::f", false, false, 3, 25),
            row(Path, "r", "r::s", false, false, 4, 18),
            row(Macro, "nested", "nested::deep::m2", false, false, 5, 5),
            row(Macro, "tokio", "tokio::select", false, false, 6, 5),
            row(Path, "abs", "abs::p", true, false, 8, 56),
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), expected, "{text}");
            assert_eq!(facts.references[2].text, "println!(\"{} a::b\", q::f());");
            assert!(facts.local_names.contains(&"m".to_string()));
        }
    }

    #[test]
    fn paths_and_macros_keep_their_first_occurrence_per_name_and_dev() {
        let text = "fn a() { x::f(); x::g(); x::m!(); }\n#[cfg(test)]\nmod tests {\n    fn t() { x::h(); x::i(); }\n}\nuse x::y;\nuse x::z;\n";
        let expected = vec![
            row(Path, "x", "x::f", false, false, 1, 10),
            row(Path, "x", "x::h", false, true, 4, 14),
            row(Use, "x", "x::y", false, false, 6, 5),
            row(Use, "x", "x::z", false, false, 7, 5),
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            assert_eq!(rows(&extract(&text)), expected, "{text}");
        }
    }

    #[test]
    fn cfg_test_items_and_modules_are_dev() {
        let text = r#"#[cfg(test)] fn a() { ta::f(); }
#[cfg(all(test, feature = "x"))] fn b() { tb::f(); }
#[cfg(all(feature = "x", test))] fn c() { tc::f(); }
#[cfg(feature = "x")] fn d() { td::f(); }
#[cfg(not(test))] fn e() { te::f(); }
#[cfg(any(test, doc))] fn g() { tg::f(); }
#[cfg(test)]
mod outer { mod inner { fn h() { th::f(); } } }
struct S;
impl S { #[cfg(test)] fn i() { ti::f(); } fn j() { tj::f(); } }
fn k() { #[cfg(test)] use tk::x; tl::f(); }
mod m { #![cfg(test)] fn f() { tm::f(); } }
fn n() { tn::f(); }
"#;
        let dev: Vec<(String, bool)> = extract(text)
            .references
            .iter()
            .map(|r| (r.name.clone(), r.dev))
            .collect();
        let expected: Vec<(String, bool)> = [
            ("ta", true),
            ("tb", true),
            ("tc", true),
            ("td", false),
            ("te", false),
            ("tg", false),
            ("th", true),
            ("ti", true),
            ("tj", false),
            ("tk", true),
            ("tl", false),
            ("tm", true),
            ("tn", false),
        ]
        .iter()
        .map(|(n, d)| (n.to_string(), *d))
        .collect();
        assert_eq!(dev, expected);
        for text in fallbacks(text) {
            let dev: Vec<(String, bool)> = extract(&text)
                .references
                .iter()
                .map(|r| (r.name.clone(), r.dev))
                .collect();
            assert_eq!(dev, expected, "{text}");
        }
    }

    #[test]
    fn a_cfg_test_file_is_all_dev() {
        let facts = extract("#![cfg(test)]\nuse a::b;\nfn f() { c::d(); }\n");
        assert!(facts.references.iter().all(|r| r.dev));
        assert_eq!(facts.references.len(), 2);
    }

    #[test]
    fn module_declarations() {
        let text = r#"mod a;
#[path = "x/y.rs"] mod b;
#[cfg(test)]
mod tests;
pub mod c {
    mod d;
    pub mod e {
        #[cfg(test)] mod f;
    }
}
mod r#match;
mod inline { fn g() {} }
"#;
        let expected = vec![
            ModuleDecl {
                name: "a".into(),
                path_attr: None,
                dev: false,
                inline_parents: vec![],
                span: Span {
                    start: at(1, 1),
                    end: at(1, 7),
                },
            },
            ModuleDecl {
                name: "b".into(),
                path_attr: Some("x/y.rs".into()),
                dev: false,
                inline_parents: vec![],
                span: Span {
                    start: at(2, 20),
                    end: at(2, 26),
                },
            },
            ModuleDecl {
                name: "tests".into(),
                path_attr: None,
                dev: true,
                inline_parents: vec![],
                span: Span {
                    start: at(4, 1),
                    end: at(4, 11),
                },
            },
            ModuleDecl {
                name: "d".into(),
                path_attr: None,
                dev: false,
                inline_parents: strings(&["c"]),
                span: Span {
                    start: at(6, 5),
                    end: at(6, 11),
                },
            },
            ModuleDecl {
                name: "f".into(),
                path_attr: None,
                dev: true,
                inline_parents: strings(&["c", "e"]),
                span: Span {
                    start: at(8, 22),
                    end: at(8, 28),
                },
            },
            ModuleDecl {
                name: "match".into(),
                path_attr: None,
                dev: false,
                inline_parents: vec![],
                span: Span {
                    start: at(11, 1),
                    end: at(11, 13),
                },
            },
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(facts.modules, expected, "{text}");
            assert_eq!(facts.exports, strings(&["c"]));
            let names = strings(&[
                "a", "b", "c", "d", "e", "f", "g", "inline", "match", "tests",
            ]);
            assert!(
                names.iter().all(|n| facts.local_names.contains(n)),
                "{text}"
            );
        }
    }

    #[test]
    fn items_inside_item_macros_count() {
        let text = r#"cfg_if::cfg_if! {
    if #[cfg(unix)] {
        mod unix;
        pub use unix::*;
        use libc::c_int;
    } else if #[cfg(test)] {
        mod mock;
    } else {
        pub fn fallback() { other::f(); }
    }
}
mod outer {
    tokio_macros! { mod inner; pub use x::Y; }
}
fn body() { cfg_if! { if #[cfg(windows)] { use winapi::um; } } }
"#;
        let facts = extract(text);
        assert_eq!(facts.syntax_error, None);
        assert_eq!(
            rows(&facts),
            vec![
                row(Macro, "cfg_if", "cfg_if::cfg_if", false, false, 1, 1),
                row(Use, "unix", "unix", false, false, 4, 17),
                row(Use, "libc", "libc::c_int", false, false, 5, 13),
                row(Path, "other", "other::f", false, false, 9, 29),
                row(Use, "x", "x::Y", false, false, 13, 40),
                // In a function body a macro is read for paths only.
                row(Path, "winapi", "winapi::um", false, false, 15, 48),
            ]
        );
        let modules: Vec<(&str, bool, Vec<String>)> = facts
            .modules
            .iter()
            .map(|m| (m.name.as_str(), m.dev, m.inline_parents.clone()))
            .collect();
        assert_eq!(
            modules,
            vec![
                ("unix", false, vec![]),
                ("mock", true, vec![]),
                ("inner", false, strings(&["outer"])),
            ]
        );
        assert_eq!(facts.exports, strings(&["fallback", "unix::*"]));
        assert_eq!(facts.references[2].text, "use libc::c_int;");
        assert!(facts.local_names.contains(&"unix".to_string()));
    }

    #[test]
    fn local_names_shadow_crates_but_references_stay() {
        let text = r#"mod serde { pub fn f() {} }
use log as logger;
fn g() { serde::f(); logger::info(); fn helper() {} }
struct S; enum E { V } union U { a: u8 } trait T {} type A = u8;
const C: u8 = 0; static ST: u8 = 0; static mut SM: u8 = 0; const _: () = ();
macro_rules! mac { () => {} }
extern "C" { fn ext(); static EXT: u8; }
impl S { fn method() {} const ASSOC: u8 = 0; }
trait Tr { fn required(); }
fn r#match() {}
"#;
        let names = strings(&[
            "A", "C", "E", "EXT", "S", "SM", "ST", "T", "Tr", "U", "ext", "f", "g", "helper",
            "logger", "mac", "match", "serde",
        ]);
        let expected = vec![
            row(Use, "log", "log", false, false, 2, 5),
            row(Path, "serde", "serde::f", false, false, 3, 10),
            row(Path, "logger", "logger::info", false, false, 3, 22),
        ];
        let facts = extract(text);
        assert_eq!(facts.local_names, names);
        assert_eq!(rows(&facts), expected);
        for text in fallbacks(text) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), expected, "{text}");
            assert!(
                names.iter().all(|n| facts.local_names.contains(n)),
                "{text}"
            );
            for associated in ["V", "method", "ASSOC", "required", "_"] {
                assert!(
                    !facts.local_names.contains(&associated.to_string()),
                    "{associated}"
                );
            }
        }
    }

    #[test]
    fn exports_are_plain_pub_names_of_the_top_level() {
        let text = r#"pub fn a() {}
pub(crate) fn b() {}
pub(in crate::x) fn b2() {}
fn c() {}
pub struct D;
pub mod e { pub fn nested() {} }
pub use f::g;
pub use h::{i as j, k::*, l::{self}};
pub use m::*;
pub use n::o as _;
pub const _: () = ();
pub static P: u8 = 0;
pub trait Q {}
pub type R = u8;
pub enum S2 {}
#[macro_export]
macro_rules! t { () => {} }
macro_rules! u { () => {} }
pub extern crate v;
"#;
        let expected = strings(&[
            "D", "P", "Q", "R", "S2", "a", "e", "g", "h::k::*", "j", "l", "m::*", "t", "v",
        ]);
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            assert_eq!(extract(&text).exports, expected, "{text}");
        }
        // `crate::x` in `pub(in crate::x)` is no reference either.
        assert!(extract(text).references.iter().all(|r| r.name != "x"));
    }

    #[test]
    fn a_syntax_error_falls_back_to_the_token_scan() {
        let text = "fn broken() { let = ; }\nuse serde::Deserialize;\npub fn after() { other::call(); }\n#[cfg(test)] mod tests;\n";
        let facts = extract(text);
        assert_eq!(
            facts.syntax_error,
            Some(Span {
                start: at(1, 19),
                end: at(1, 20)
            })
        );
        assert_eq!(
            rows(&facts),
            vec![
                row(Use, "serde", "serde::Deserialize", false, false, 2, 5),
                row(Path, "other", "other::call", false, false, 3, 18),
            ]
        );
        assert_eq!(facts.references[0].text, "use serde::Deserialize;");
        assert_eq!(facts.modules.len(), 1);
        assert!(facts.modules[0].dev);
        assert_eq!(facts.exports, strings(&["after"]));
        for name in ["Deserialize", "after", "broken", "tests"] {
            assert!(facts.local_names.contains(&name.to_string()), "{name}");
        }
    }

    #[test]
    fn a_lexing_error_falls_back_to_the_raw_scan() {
        let text = "use serde::Deserialize;\n// use fake::a;\n/* use fake::b; /* nested */ use fake::c; */\nconst S: &str = r#\"use fake::d;\"#;\nfn f() { other::call('x', '\\'', b'\"'); }\nconst BAD: &str = \"unterminated;\nuse fake::e;\n";
        let facts = extract(text);
        assert_eq!(
            facts.syntax_error,
            Some(Span {
                start: at(6, 19),
                end: at(6, 19)
            })
        );
        assert_eq!(
            rows(&facts),
            vec![
                row(Use, "serde", "serde::Deserialize", false, false, 1, 5),
                row(Path, "other", "other::call", false, false, 5, 10),
            ]
        );
        // Unbalanced delimiters are a lexing error too.
        let facts = extract("fn f() { use a::b;\n");
        assert!(facts.syntax_error.is_some());
        assert_eq!(
            rows(&facts),
            vec![row(Use, "a", "a::b", false, false, 1, 14)]
        );
        let facts = extract("use a::b;\n} } ) fn g() { c::d(); }\n");
        assert!(facts.syntax_error.is_some());
        assert_eq!(
            rows(&facts),
            vec![
                row(Use, "a", "a::b", false, false, 1, 5),
                row(Path, "c", "c::d", false, false, 2, 16),
            ]
        );
    }

    #[test]
    fn an_error_at_the_end_points_at_the_end() {
        let facts = extract("use a::b;\nfn f()");
        assert_eq!(
            facts.syntax_error,
            Some(Span {
                start: at(2, 7),
                end: at(2, 7)
            })
        );
        assert_eq!(facts.references.len(), 1);
    }

    #[test]
    fn comments_doc_comments_and_strings_do_not_count() {
        let text = "//! use fake::a;\n// use fake::b;\n/// use fake::c;\n/** use fake::d; */\n/* use fake::e; */\nconst S: &str = r##\"use fake::f; \"# use fake::g;\"##;\nconst T: &str = \"use fake::h; \\\" use fake::i;\";\nconst C: char = '\"';\nconst B: &[u8] = br\"use fake::j;\";\nfn f<'a>(x: &'a str) {}\n";
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), vec![], "{text}");
        }
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        let text = "use r#async::x;\nfn f() { r#type::y(); }\nfn r#match() {}\n";
        let expected = vec![
            row(Use, "async", "async::x", false, false, 1, 5),
            row(Path, "type", "type::y", false, false, 2, 10),
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), expected, "{text}");
            assert!(facts.local_names.contains(&"match".to_string()));
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "fn é() { let ü = serde::x(); }\nuse ünï::cödé;\n";
        let expected = vec![
            row(Path, "serde", "serde::x", false, false, 1, 18),
            row(Use, "ünï", "ünï::cödé", false, false, 2, 5),
        ];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            let facts = extract(&text);
            assert_eq!(rows(&facts), expected, "{text}");
            assert_eq!(facts.references[0].span.end, at(1, 26));
            assert!(facts.local_names.contains(&"é".to_string()));
        }
    }

    #[test]
    fn empty_files_and_byte_order_marks() {
        assert_eq!(extract(""), RustFacts::default());
        assert_eq!(extract("\u{feff}"), RustFacts::default());
        assert_eq!(extract("\n\n"), RustFacts::default());
        // The mark counts as a character, as in `LineIndex`, in every reader.
        let text = "\u{feff}use a::b;\n";
        let expected = vec![row(Use, "a", "a::b", false, false, 1, 6)];
        for text in [text.to_string()].into_iter().chain(fallbacks(text)) {
            assert_eq!(rows(&extract(&text)), expected, "{text}");
        }
        assert_eq!(extract(text).references[0].text, "use a::b;");
    }

    #[test]
    fn shebang_lines_are_not_code() {
        let facts = extract("#!/usr/bin/env run-cargo-script 'x\nuse a::b;\n");
        assert_eq!(facts.syntax_error, None);
        assert_eq!(
            rows(&facts),
            vec![row(Use, "a", "a::b", false, false, 2, 5)]
        );
        let facts = extract("\u{feff}#!/bin/sh\nfn f() { let = ; }\nuse a::b;\n");
        assert_eq!(facts.syntax_error.map(|s| s.start), Some(at(2, 14)));
        assert_eq!(
            rows(&facts),
            vec![row(Use, "a", "a::b", false, false, 3, 5)]
        );
        // `#!` followed by `[` is an inner attribute.
        let facts = extract("#! [allow(unused)]\nuse a::b;\n");
        assert_eq!(facts.syntax_error, None);
        assert_eq!(facts.references.len(), 1);
    }

    #[test]
    fn statement_text_is_the_first_line_trimmed() {
        let long = "x".repeat(130);
        let text = format!(
            "fn f() {{\n    let y = g(\n        serde::h(),\n    );\n    let {long} = other::f();\n}}\n"
        );
        let facts = extract(&text);
        assert_eq!(facts.references[0].text, "let y = g(");
        assert_eq!(
            facts.references[1].text,
            format!("let {}…", "x".repeat(116))
        );
    }

    #[test]
    fn qualified_paths_name_their_trait() {
        let facts = extract("fn g() { <T as ::q::Tr>::f(); <T>::g(); <a::B>::h(); }\n");
        assert_eq!(
            rows(&facts),
            vec![
                row(Path, "q", "q::Tr", true, false, 1, 16),
                row(Path, "a", "a::B", false, false, 1, 42),
            ]
        );
    }

    #[test]
    fn a_megabyte_of_statements_completes() {
        let mut text = String::from("use a::b;\nfn f() {\n");
        while text.len() < 1 << 20 {
            text.push_str("    let x = c::d(1) + 2 * e[3] - f.g();\n");
        }
        text.push_str("}\n");
        let facts = extract(&text);
        assert_eq!(facts.syntax_error, None);
        assert_eq!(facts.references.len(), 2);
    }

    /// Shapes whose naive handling is quadratic in time or in memory. No timing: a
    /// regression shows as a test that does not finish.
    #[test]
    fn hostile_shapes_stay_linear() {
        let n = 50_000;
        // A hundred thousand statements on one line.
        let line = "use a::b;".repeat(n);
        let facts = extract(&line);
        assert_eq!(facts.references.len(), n);
        assert_eq!(facts.references[n - 1].text, "use a::b;");
        assert_eq!(facts.references[n - 1].span.start, at(1, 9 * n as u32 - 4));
        // One `use` with many distinct first segments, and one with many imports under a
        // deep prefix.
        let many: String = (0..n).map(|i| format!("a{i}::x, ")).collect();
        assert_eq!(extract(&format!("use {{{many}}};")).references.len(), n);
        let deep = format!(
            "pub use {}{}{};",
            "a::{".repeat(100),
            "x, y::*, ".repeat(n),
            "}".repeat(100)
        );
        let facts = extract(&deep);
        assert_eq!(facts.syntax_error, None);
        assert_eq!(facts.references.len(), 1);
        assert_eq!(facts.references[0].path, vec!["a"; 100].join("::"));
        assert_eq!(facts.local_names, strings(&["x"]));
        assert_eq!(facts.exports.len(), 2);
        // The raw scan on deep modules, declarations and test scopes.
        let raw = format!(
            "{}\"unterminated",
            "#[cfg(test)] mod a { mod b; const X: u8 = 1; ".repeat(n)
        );
        let facts = extract(&raw);
        assert!(facts.syntax_error.is_some());
        assert!(facts.modules.len() < n);
        assert!(facts.modules.iter().all(|m| m.dev));
        let parents: usize = facts.modules.iter().map(|m| m.inline_parents.len()).sum();
        assert!(parents <= MAX_MODULE_PARENTS);
        let templates = format!("{}\"unterminated", "m! { x::y(); ".repeat(n));
        assert_eq!(extract(&templates).references.len(), 1);
    }

    // -- Nesting ------------------------------------------------------------------------

    /// Runs `f` on a thread with exactly `stack` bytes of stack.
    fn on_stack<T: Send + 'static>(stack: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(f)
            .expect("spawn a thread")
            .join()
            .expect("no panic")
    }

    fn nested(open: &str, close: &str, depth: usize) -> String {
        format!(
            "use a::b;\nfn f() {{ let x = {}1{}; }}\n",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn a_hundred_thousand_nested_delimiters() {
        for stack in [PARSE_STACK_SIZE, 2 << 20] {
            for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
                for text in [
                    nested(open, close, 100_000),
                    nested(open, "", 100_000),
                    nested("", close, 100_000),
                ] {
                    let facts = on_stack(stack, move || extract(&text));
                    assert_eq!(rows(&facts)[0], row(Use, "a", "a::b", false, false, 1, 5));
                    assert!(facts.syntax_error.is_some());
                }
            }
        }
    }

    #[test]
    fn the_nesting_bound_points_at_the_delimiter_beyond_it() {
        let text = nested("(", ")", 100_000);
        let facts = extract(&text);
        let error = facts.syntax_error.expect("too deep");
        assert_eq!(error.start.line, 2);
        let column = error.start.column as usize;
        // `fn f() { let x = ` is 17 characters: the n-th `(` is at column 17 + n.
        let depth = column - 17;
        assert!((150..=400).contains(&depth), "{depth}");
        assert_eq!(error.end.column as usize, column + 1);
        // One level less is handed to syn.
        assert_eq!(extract(&nested("(", ")", depth - 1)).syntax_error, None);
    }

    /// Makes a file nesting one construct `n` times.
    type Generator = fn(usize) -> String;

    fn constructs() -> Vec<(&'static str, Generator)> {
        vec![
            ("paren", |n| {
                format!("fn f() {{ let x = {}1{}; }}", "(".repeat(n), ")".repeat(n))
            }),
            ("bracket", |n| {
                format!("fn f() {{ let x = {}1{}; }}", "[".repeat(n), "]".repeat(n))
            }),
            ("block", |n| {
                format!("fn f() {}{}", "{".repeat(n), "}".repeat(n))
            }),
            ("mod", |n| {
                format!("{}{}", "mod a { ".repeat(n), "}".repeat(n))
            }),
            ("fn", |n| {
                format!("{}{}", "fn a() { ".repeat(n), "}".repeat(n))
            }),
            ("impl", |n| {
                format!(
                    "fn f() {{ {}{} }}",
                    "impl A { fn f() { ".repeat(n),
                    "} }".repeat(n)
                )
            }),
            ("tuple type", |n| {
                format!("type T = {}u8,{};", "(".repeat(n), ")".repeat(n))
            }),
            ("generic", |n| {
                format!("type T = {}u8{};", "Vec<".repeat(n), ">".repeat(n))
            }),
            ("dyn", |n| {
                format!("type T = {}u8{};", "Box<dyn A<".repeat(n), ">>".repeat(n))
            }),
            ("reference type", |n| {
                format!("type T = {}u8;", "& ".repeat(n))
            }),
            ("fn type", |n| {
                format!("type T = {}u8;", "fn() -> ".repeat(n))
            }),
            ("qualified path", |n| {
                format!("type T = {}u8{};", "<".repeat(n), " as A>::B".repeat(n))
            }),
            ("closure", |n| {
                format!("fn f() {{ {}x; }}", "|x| ".repeat(n))
            }),
            ("closure block", |n| {
                format!("fn f() {{ {}x{} }}", "|| { ".repeat(n), " }".repeat(n))
            }),
            ("unary", |n| format!("fn f() {{ {}x; }}", "!".repeat(n))),
            ("return", |n| {
                format!("fn f() {{ loop {{ {}x; }} }}", "break ".repeat(n))
            }),
            ("assignment", |n| {
                format!("fn f() {{ {}1; }}", "a = ".repeat(n))
            }),
            ("range", |n| format!("fn f() {{ {}x; }}", ".. ".repeat(n))),
            ("binary chain", |n| {
                format!("fn f() {{ let x = 1{}; }}", " + 1".repeat(n))
            }),
            ("method chain", |n| {
                format!("fn f() {{ x{}; }}", ".f()".repeat(n))
            }),
            ("try chain", |n| format!("fn f() {{ x{}; }}", "?".repeat(n))),
            ("else if", |n| {
                format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(n))
            }),
            ("match", |n| {
                format!(
                    "fn f() {{ {}1{} }}",
                    "match x { _ => { ".repeat(n),
                    " } }".repeat(n)
                )
            }),
            ("struct literal", |n| {
                format!("fn f() {{ {}1{} }}", "A { a: ".repeat(n), " }".repeat(n))
            }),
            ("pattern", |n| {
                format!(
                    "fn f() {{ let {}x{} = 1; }}",
                    "A(&".repeat(n),
                    ")".repeat(n)
                )
            }),
            ("use path", |n| format!("use {}b;", "a::".repeat(n))),
            ("use group", |n| {
                format!("use {}b{};", "a::{".repeat(n), "}".repeat(n))
            }),
            ("macro", |n| {
                format!("fn f() {{ m!{}{}; }}", "(".repeat(n), ")".repeat(n))
            }),
        ]
    }

    /// The depth bound is measured for a 2 MiB stack in a debug build: everything the
    /// estimate lets through parses on one, construct by construct; a little deeper does
    /// not get through; and real code gets through by a wide margin.
    #[test]
    fn depth_bound_everything_admitted_parses_on_two_mebibytes() {
        on_stack(2 << 20, || {
            for (name, generate) in constructs() {
                // The deepest admitted nesting, by doubling then bisecting.
                let admitted = |n: usize| too_deep(&generate(n)).is_none();
                let mut low = 1;
                let mut high = 2;
                while admitted(high) {
                    low = high;
                    high *= 2;
                    assert!(high < 1 << 20, "{name}: no bound");
                }
                while high - low > 1 {
                    let mid = (low + high) / 2;
                    if admitted(mid) {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
                assert!(low >= 60, "{name}: only {low} levels admitted");
                let facts = extract(&generate(low));
                assert_eq!(facts.syntax_error, None, "{name} at {low}");
                assert!(extract(&generate(low * 2)).syntax_error.is_some(), "{name}");
            }
        });
    }

    #[test]
    fn depth_bound_leaves_room_for_real_code() {
        // Two hundred levels of parentheses, a hundred of generics and of `fn` bodies.
        assert!(too_deep(&nested("(", ")", 190)).is_none());
        assert!(
            too_deep(&format!(
                "type T = {}u8{};",
                "Vec<".repeat(190),
                ">".repeat(190)
            ))
            .is_none()
        );
        assert!(too_deep(&format!("{}{}", "fn a() { ".repeat(170), "}".repeat(170))).is_none());
        // Comparisons and shifts in long lists do not pile up.
        let table: String = (0..2000).map(|i| format!("A{i} = 1 << {i}, ")).collect();
        assert!(too_deep(&format!("enum E {{ {table} }}")).is_none());
        let calls: String = (0..2000)
            .map(|i| format!("f(a < {i}); x = b << 2; "))
            .collect();
        assert!(too_deep(&format!("fn f() {{ {calls} }}")).is_none());
        let items: String = (0..2000)
            .map(|i| format!("fn f{i}() -> Vec<u8> {{ g() }}\n"))
            .collect();
        assert!(too_deep(&items).is_none());
    }

    #[test]
    fn dropping_deep_token_streams_does_not_recurse() {
        // Over the bound nothing is handed to syn, but a macro body nests cheaply, and
        // proc-macro2 lexes and drops it iteratively.
        let depth = 5_000;
        let text = format!(
            "fn f() {{ m!{}{}; a::b(); }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let facts = on_stack(2 << 20, move || extract(&text));
        assert_eq!(facts.syntax_error, None);
        assert_eq!(
            rows(&facts),
            vec![row(Path, "a", "a::b", false, false, 1, 10014)]
        );
    }

    #[test]
    fn the_lexer_never_stalls_or_panics() {
        let inputs = [
            "'",
            "'\\",
            "'\\u{",
            "b'",
            "r#",
            "r#\"",
            "br##\"",
            "c\"",
            "\"\\",
            "/*",
            "/* /*",
            "1e+",
            "0x1e+5",
            "1.",
            "r",
            "b",
            "c",
            "'a",
            "'ab",
            "\u{85}",
            "é",
            "\\",
            "\u{0}",
            "#!",
            "#![",
            "'\u{10FFFF}",
            "x.0.1",
            "1..2",
        ];
        for text in inputs {
            let tokens: Vec<RawTok> = Lexer::new(text).collect();
            assert!(
                tokens
                    .iter()
                    .all(|t| t.start < t.end && t.end <= text.len()),
                "{text:?}"
            );
            let _ = extract(text);
            let _ = extract(&format!("use a::b; {text}"));
        }
    }
}
