//! `go.mod` and `go.work`, read by a small line-based parser that follows the documented
//! grammar (<https://go.dev/ref/mod#go-mod-file>) and the go command's own lexer
//! (`golang.org/x/mod/modfile`): `//` comments only, identifiers are runs of printable
//! characters other than `( ) [ ] { } ,`, strings are `"interpreted"` or `` `raw` ``,
//! newlines end directives, and `verb (` … `)` opens a block of one spec per line.
//!
//! Like the go command reading the main module, the parser is strict: an unknown directive,
//! a wrong number of arguments, an unterminated string or block, or a `/* */` comment make
//! the whole file a `manifest-error` (with the span of what is wrong), because `go build`
//! refuses such a file too. A version that is not valid Go semver is not a parse error
//! here: it becomes an `invalid-version` finding on that line, and the rest of the file
//! still counts. `retract`, `godebug`, `tool` and `ignore` are checked for shape and
//! otherwise left alone: they change nothing plugdep reports.

use crate::finding::{Code, Finding};
use crate::location::{LineIndex, Location, Span};
use crate::plugin::{Dependency, DependencyKind, DependencySource};

use super::ManifestData;

/// What a `go.mod` says, with the span of everything a finding can point at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoModule {
    /// The module path (`module example.com/x`) and its span.
    pub path: (String, Span),
    /// The `go` line's version (`1.22`, `1.22.3`, `1.23rc1`) and its span.
    pub go: Option<(String, Span)>,
    /// The `toolchain` line's name (`go1.22.5`, `default`) and its span.
    pub toolchain: Option<(String, Span)>,
    /// `require` lines, in file order.
    pub requires: Vec<GoRequire>,
    /// `replace` lines, in file order.
    pub replaces: Vec<GoReplace>,
    /// `exclude` lines, in file order (the same shape as a requirement).
    pub excludes: Vec<GoRequire>,
}

/// One `require` (or `exclude`) line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoRequire {
    /// The module path.
    pub path: String,
    /// The version, verbatim (checked by the `invalid-version` check, not here).
    pub version: String,
    /// Marked `// indirect`: needed by a dependency, not imported by this module.
    pub indirect: bool,
    /// The module path's span.
    pub path_span: Span,
    /// The version's span.
    pub version_span: Span,
    /// The line, trimmed (evidence text).
    pub text: String,
}

/// One `replace` line: `old [version] => new`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoReplace {
    /// The module path replaced.
    pub path: String,
    /// Only this version of it is replaced, when given.
    pub version: Option<String>,
    /// What replaces it.
    pub target: GoReplacement,
    /// The replaced path's span.
    pub path_span: Span,
    /// The replacement's span (the folder, or the module path).
    pub target_span: Span,
    /// The line, trimmed (evidence text).
    pub text: String,
}

/// The right-hand side of a `replace`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoReplacement {
    /// A folder (`./x`, `../x`, `/abs/x`): the module's source is there.
    Dir {
        /// The folder as written.
        written: String,
        /// The folder relative to the root, with `/`; `None` when it is absolute or
        /// climbs above the root.
        dir: Option<String>,
    },
    /// Another module at a version (`example.com/fork v1.4.0`).
    Module {
        /// The module path.
        path: String,
        /// Its version.
        version: String,
    },
}

/// What a `go.work` says: the workspace's member folders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoWork {
    /// `use` folders relative to the root (`.` for the root), with their spans; a folder
    /// above the root or absolute is left out.
    pub uses: Vec<(String, Span)>,
}

/// A token of the go.mod lexer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ident,
    String,
    /// One of `( ) [ ] { } ,`
    Punct(u8),
    Newline,
    /// A `//` comment that follows something on its line (it ends that line).
    SuffixComment,
    /// A `//` comment alone on its line.
    LineComment,
    Eof,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

impl Token {
    fn is_eol(self) -> bool {
        matches!(self.kind, Kind::Newline | Kind::SuffixComment | Kind::Eof)
    }
}

/// A parse error: the message and the byte range it is about.
struct Error {
    message: String,
    start: usize,
    end: usize,
}

fn error<T>(message: impl Into<String>, start: usize, end: usize) -> Result<T, Error> {
    Err(Error {
        message: message.into(),
        start,
        end,
    })
}

/// Splits the text into tokens, as `modfile`'s lexer does.
fn lex(text: &str) -> Result<Vec<Token>, Error> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    // Whether something other than blanks precedes `i` on its line.
    let mut line_has_content = false;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or('\0');
        match c {
            ' ' | '\t' | '\r' => i += 1,
            '\n' => {
                tokens.push(Token {
                    kind: Kind::Newline,
                    start: i,
                    end: i + 1,
                });
                i += 1;
                line_has_content = false;
            }
            '/' if text[i..].starts_with("//") => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let kind = if line_has_content {
                    Kind::SuffixComment
                } else {
                    Kind::LineComment
                };
                tokens.push(Token {
                    kind,
                    start: i,
                    end,
                });
                // A comment ends its line: the newline is part of it, as in modfile.
                i = (end + 1).min(text.len());
                line_has_content = false;
            }
            '/' if text[i..].starts_with("/*") => {
                return error("go.mod files use // comments, not /* */ comments", i, i + 2);
            }
            '(' | ')' | '[' | ']' | '{' | '}' | ',' => {
                tokens.push(Token {
                    kind: Kind::Punct(bytes[i]),
                    start: i,
                    end: i + 1,
                });
                i += 1;
                line_has_content = true;
            }
            '"' | '`' => {
                let start = i;
                i += 1;
                loop {
                    let Some(next) = text[i..].chars().next() else {
                        return error("unexpected end of file in a string", start, i);
                    };
                    if next == '\n' {
                        return error("unexpected newline in a string", start, i);
                    }
                    i += next.len_utf8();
                    if next == c {
                        break;
                    }
                    if next == '\\' && c == '"' {
                        match text[i..].chars().next() {
                            Some('\n') | None => {
                                return error("unexpected end of a string", start, i);
                            }
                            Some(escaped) => i += escaped.len_utf8(),
                        }
                    }
                }
                tokens.push(Token {
                    kind: Kind::String,
                    start,
                    end: i,
                });
                line_has_content = true;
            }
            c if is_ident(c) => {
                let start = i;
                while let Some(next) = text[i..].chars().next() {
                    if !is_ident(next) || text[i..].starts_with("//") {
                        break;
                    }
                    if text[i..].starts_with("/*") {
                        return error("go.mod files use // comments, not /* */ comments", i, i + 2);
                    }
                    i += next.len_utf8();
                }
                tokens.push(Token {
                    kind: Kind::Ident,
                    start,
                    end: i,
                });
                line_has_content = true;
            }
            other => {
                return error(
                    format!("unexpected character {other:?}"),
                    i,
                    i + other.len_utf8(),
                );
            }
        }
    }
    tokens.push(Token {
        kind: Kind::Eof,
        start: text.len(),
        end: text.len(),
    });
    Ok(tokens)
}

/// modfile's `isIdent`: printable and not a space or one of `( ) [ ] { } ,`.
fn is_ident(c: char) -> bool {
    !matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ',')
        && !c.is_whitespace()
        && !c.is_control()
        // Unicode format characters (a byte-order mark, zero-width joiners) are not
        // printable for Go either.
        && !matches!(c, '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}')
}

/// One directive line: its tokens (verb first for a top-level line; for a line in a
/// block, the block's verb is given separately) and its suffix comment.
#[derive(Debug)]
struct Line {
    tokens: Vec<Token>,
    comment: Option<Token>,
}

/// A top-level statement: a line, or `verb (` lines `)`.
#[derive(Debug)]
enum Statement {
    Line(Line),
    Block { verb: Vec<Token>, lines: Vec<Line> },
}

/// Groups tokens into statements, as `modfile`'s `parseFile` does.
fn statements(tokens: &[Token]) -> Result<Vec<Statement>, Error> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let token = tokens[i];
        match token.kind {
            Kind::Eof => return Ok(out),
            Kind::Newline | Kind::LineComment | Kind::SuffixComment => i += 1,
            _ => {
                let mut line = Vec::new();
                loop {
                    let t = tokens[i];
                    if t.is_eol() {
                        if t.kind != Kind::Eof {
                            i += 1;
                        }
                        let comment = (t.kind == Kind::SuffixComment).then_some(t);
                        out.push(Statement::Line(Line {
                            tokens: line,
                            comment,
                        }));
                        break;
                    }
                    if t.kind == Kind::Punct(b'(') && !line.is_empty() {
                        let next = tokens[i + 1];
                        if next.is_eol() {
                            // `verb (` then one spec per line.
                            i += 1;
                            let (lines, after) = block(tokens, i, t)?;
                            out.push(Statement::Block { verb: line, lines });
                            i = after;
                            break;
                        }
                        if next.kind == Kind::Punct(b')') && tokens[i + 2].is_eol() {
                            // `verb ( )`: an empty block.
                            i += 2;
                            if tokens[i].kind != Kind::Eof {
                                i += 1;
                            }
                            out.push(Statement::Block {
                                verb: line,
                                lines: Vec::new(),
                            });
                            break;
                        }
                    }
                    line.push(t);
                    i += 1;
                }
            }
        }
    }
}

/// The lines of a block whose `(` is `open`, starting at token `i` (the end of the `(`
/// line); returns them and the index after the closing line.
fn block(tokens: &[Token], mut i: usize, open: Token) -> Result<(Vec<Line>, usize), Error> {
    let mut lines = Vec::new();
    loop {
        let token = tokens[i];
        match token.kind {
            Kind::Newline | Kind::LineComment | Kind::SuffixComment => i += 1,
            Kind::Eof => return error("unterminated block: `(` without `)`", open.start, open.end),
            Kind::Punct(b')') => {
                let after = tokens[i + 1];
                if !after.is_eol() {
                    return error("expected a newline after `)`", after.start, after.end);
                }
                let next = if after.kind == Kind::Eof {
                    i + 1
                } else {
                    i + 2
                };
                return Ok((lines, next));
            }
            _ => {
                let mut line = Vec::new();
                while !tokens[i].is_eol() {
                    line.push(tokens[i]);
                    i += 1;
                }
                let end = tokens[i];
                if end.kind != Kind::Eof {
                    i += 1;
                }
                lines.push(Line {
                    tokens: line,
                    comment: (end.kind == Kind::SuffixComment).then_some(end),
                });
            }
        }
    }
}

/// The value of a token: an identifier as is, a string unquoted.
fn value(text: &str, token: Token) -> Result<String, Error> {
    let raw = &text[token.start..token.end];
    if token.kind != Kind::String {
        return Ok(raw.to_string());
    }
    let inner = &raw[1..raw.len() - 1];
    if raw.starts_with('`') {
        return Ok(inner.to_string());
    }
    crate::extract::go::unquote(inner).ok_or_else(|| Error {
        message: format!("invalid quoted string {raw}"),
        start: token.start,
        end: token.end,
    })
}

/// `modfile.IsDirectoryPath`: relative and rooted paths, Unix or Windows.
fn is_directory_path(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with("./")
        || path.starts_with("../")
        || path.starts_with('/')
        || path.starts_with(".\\")
        || path.starts_with("..\\")
        || path.starts_with('\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// `modfile.isIndirect`: the suffix comment is `// indirect` or starts `// indirect;`.
fn is_indirect(text: &str, comment: Option<Token>) -> bool {
    let Some(comment) = comment else {
        return false;
    };
    let body = text[comment.start..comment.end].trim_start_matches("//");
    let mut fields = body.split_whitespace();
    matches!(
        (fields.next(), fields.next()),
        (Some("indirect"), None) | (Some("indirect;"), Some(_))
    )
}

/// A folder in a go.mod or go.work, relative to the root: `dir` is the folder of the
/// file that writes it. `None` for an absolute folder or one above the root.
fn root_relative(dir: &str, written: &str) -> Option<String> {
    let written = written.replace('\\', "/");
    if written.starts_with('/') || written.as_bytes().get(1) == Some(&b':') {
        return None;
    }
    crate::resolve::join(dir, &written)
}

/// The go.mod directives plugdep knows; any other is an error, as for the go command.
const DIRECTIVES: [&str; 10] = [
    "module",
    "go",
    "toolchain",
    "godebug",
    "require",
    "exclude",
    "replace",
    "retract",
    "tool",
    "ignore",
];

/// The directives that may open a block.
const BLOCK_DIRECTIVES: [&str; 8] = [
    "module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore",
];

struct Reader<'t> {
    text: &'t str,
    index: LineIndex<'t>,
    /// The folder of the file, relative to the root.
    dir: &'t str,
}

impl Reader<'_> {
    fn span(&self, token: Token) -> Span {
        self.index.span(token.start, token.end)
    }

    /// The text of a line, trimmed: from its first token to its last (and its comment).
    fn line_text(&self, verb: Option<Token>, line: &Line) -> String {
        let first = verb.or_else(|| line.tokens.first().copied());
        let last = line.comment.or_else(|| line.tokens.last().copied());
        match (first, last) {
            (Some(first), Some(last)) if first.start <= last.end => {
                crate::extract::statement_text(&self.text[first.start..last.end])
            }
            _ => String::new(),
        }
    }

    fn go_version(&self, args: &[Token], at: Token) -> Result<(String, Span), Error> {
        let [arg] = args else {
            return error("`go` takes exactly one version: go 1.22", at.start, at.end);
        };
        let version = value(self.text, *arg)?;
        let valid =
            crate::versions::go::GoVersion::parse(&version).is_some() && version.contains('.');
        if !valid {
            return error(
                format!("invalid go version {version:?}: it must look like 1.22 or 1.22.3"),
                arg.start,
                arg.end,
            );
        }
        Ok((version, self.span(*arg)))
    }

    fn toolchain(&self, args: &[Token], at: Token) -> Result<(String, Span), Error> {
        let [arg] = args else {
            return error(
                "`toolchain` takes exactly one name: toolchain go1.22.3",
                at.start,
                at.end,
            );
        };
        let name = value(self.text, *arg)?;
        let valid = name == "default" || name == "go1" || name.starts_with("go1.");
        if !valid {
            return error(
                format!("invalid toolchain name {name:?}: it must look like go1.22.3"),
                arg.start,
                arg.end,
            );
        }
        Ok((name, self.span(*arg)))
    }

    fn require(
        &self,
        verb: &str,
        line: &Line,
        args: &[Token],
        at: Token,
    ) -> Result<GoRequire, Error> {
        let [path, version] = args else {
            return error(
                format!("usage: {verb} module/path v1.2.3"),
                at.start,
                line.tokens.last().map_or(at.end, |t| t.end),
            );
        };
        Ok(GoRequire {
            path: value(self.text, *path)?,
            version: value(self.text, *version)?,
            indirect: is_indirect(self.text, line.comment),
            path_span: self.span(*path),
            version_span: self.span(*version),
            text: String::new(),
        })
    }

    fn replace(&self, line: &Line, args: &[Token], at: Token) -> Result<GoReplace, Error> {
        let usage = || {
            error(
                "usage: replace module/path [v1.2.3] => other/module v1.4.0, or replace module/path [v1.2.3] => ../local/folder",
                at.start,
                line.tokens.last().map_or(at.end, |t| t.end),
            )
        };
        let is_arrow = |t: &Token| t.kind == Kind::Ident && &self.text[t.start..t.end] == "=>";
        let arrow = if args.get(1).is_some_and(is_arrow) {
            1
        } else {
            2
        };
        if args.len() < arrow + 2 || args.len() > arrow + 3 || !is_arrow(&args[arrow]) {
            return usage();
        }
        let path = value(self.text, args[0])?;
        let version = if arrow == 2 {
            Some(value(self.text, args[1])?)
        } else {
            None
        };
        let new = args[arrow + 1];
        let new_path = value(self.text, new)?;
        let target = if args.len() == arrow + 2 {
            if !is_directory_path(&new_path) {
                let message = if new_path.contains('@') {
                    "a replacement module is written `path version`, not `path@version`"
                } else {
                    "a replacement without a version must be a folder (starting with ./, ../ or /)"
                };
                return error(message, new.start, new.end);
            }
            GoReplacement::Dir {
                dir: root_relative(self.dir, &new_path),
                written: new_path,
            }
        } else {
            if is_directory_path(&new_path) {
                return error(
                    format!("the replacement folder {new_path:?} cannot have a version"),
                    args[arrow + 2].start,
                    args[arrow + 2].end,
                );
            }
            GoReplacement::Module {
                path: new_path,
                version: value(self.text, args[arrow + 2])?,
            }
        };
        Ok(GoReplace {
            path,
            version,
            target,
            path_span: self.span(args[0]),
            target_span: self.span(new),
            text: String::new(),
        })
    }
}

/// The file's statements as (verb token, the line, whether it is in a block), blocks
/// flattened; errors for a block with more than a verb, or a verb that cannot open one.
fn flatten<'s>(
    text: &str,
    statements: &'s [Statement],
    block_verbs: &[&str],
) -> Result<Vec<(Token, &'s Line, bool)>, Error> {
    let mut out = Vec::new();
    for statement in statements {
        match statement {
            Statement::Line(line) => {
                if let Some(&verb) = line.tokens.first() {
                    out.push((verb, line, false));
                }
            }
            Statement::Block { verb, lines } => {
                let first = verb[0];
                let name = &text[first.start..first.end];
                if verb.len() > 1 || first.kind != Kind::Ident || !block_verbs.contains(&name) {
                    let last = verb[verb.len() - 1];
                    return error(
                        format!("unknown block type: {}", &text[first.start..last.end]),
                        first.start,
                        last.end,
                    );
                }
                out.extend(lines.iter().map(|line| (first, line, true)));
            }
        }
    }
    Ok(out)
}

/// Reads one go.mod. A file that the go command would refuse gives a `manifest-error`.
pub(crate) fn parse_go_mod(path: &str, text: &str) -> Result<GoModule, Box<Finding>> {
    let index = LineIndex::new(text);
    let reader = Reader {
        text,
        index,
        dir: crate::discover::parent_dir(path),
    };
    parse_module(&reader).map_err(|e| manifest_error(path, &reader.index, "go.mod", e))
}

fn parse_module(reader: &Reader<'_>) -> Result<GoModule, Error> {
    let text = reader.text;
    let tokens = lex(text)?;
    let statements = statements(&tokens)?;
    let mut module = GoModule::default();
    let mut module_seen = false;
    for (verb, line, in_block) in flatten(text, &statements, &BLOCK_DIRECTIVES)? {
        let name = &text[verb.start..verb.end];
        // In a block, the line holds only the arguments.
        let args = if in_block {
            &line.tokens[..]
        } else {
            &line.tokens[1..]
        };
        let at = if in_block {
            line.tokens.first().copied().unwrap_or(verb)
        } else {
            verb
        };
        if verb.kind != Kind::Ident || !DIRECTIVES.contains(&name) {
            return error(format!("unknown directive: {name}"), verb.start, verb.end);
        }
        match name {
            "module" => {
                if module_seen {
                    return error("repeated module statement", at.start, at.end);
                }
                let [arg] = args else {
                    return error("usage: module module/path", at.start, at.end);
                };
                let path = value(text, *arg)?;
                if path.is_empty() {
                    return error("the module path is empty", arg.start, arg.end);
                }
                module.path = (path, reader.span(*arg));
                module_seen = true;
            }
            "go" => {
                if module.go.is_some() {
                    return error("repeated go statement", at.start, at.end);
                }
                module.go = Some(reader.go_version(args, at)?);
            }
            "toolchain" => {
                if module.toolchain.is_some() {
                    return error("repeated toolchain statement", at.start, at.end);
                }
                module.toolchain = Some(reader.toolchain(args, at)?);
            }
            "require" | "exclude" => {
                let mut require = reader.require(name, line, args, at)?;
                require.text = reader.line_text((!in_block).then_some(verb), line);
                if name == "require" {
                    module.requires.push(require);
                } else {
                    module.excludes.push(require);
                }
            }
            "replace" => {
                let mut replace = reader.replace(line, args, at)?;
                replace.text = reader.line_text((!in_block).then_some(verb), line);
                module.replaces.push(replace);
            }
            // retract, godebug, tool, ignore: nothing plugdep reports depends on them.
            _ => {
                if args.is_empty() {
                    return error(format!("`{name}` needs an argument"), at.start, at.end);
                }
            }
        }
    }
    if !module_seen {
        return error(
            "go.mod has no module directive (`module example.com/name`)",
            0,
            0,
        );
    }
    Ok(module)
}

/// Reads the root's go.work: the `use` folders. A file the go command would refuse gives
/// a `manifest-error`.
pub(crate) fn parse_go_work(path: &str, text: &str) -> Result<GoWork, Box<Finding>> {
    let index = LineIndex::new(text);
    let reader = Reader {
        text,
        index,
        dir: crate::discover::parent_dir(path),
    };
    parse_work(&reader).map_err(|e| manifest_error(path, &reader.index, "go.work", e))
}

fn parse_work(reader: &Reader<'_>) -> Result<GoWork, Error> {
    let text = reader.text;
    let tokens = lex(text)?;
    let statements = statements(&tokens)?;
    let mut work = GoWork::default();
    let mut go_seen = false;
    let mut toolchain_seen = false;
    for (verb, line, in_block) in flatten(text, &statements, &["use", "replace", "godebug"])? {
        let name = &text[verb.start..verb.end];
        let args = if in_block {
            &line.tokens[..]
        } else {
            &line.tokens[1..]
        };
        let at = if in_block {
            line.tokens.first().copied().unwrap_or(verb)
        } else {
            verb
        };
        match name {
            "go" if verb.kind == Kind::Ident => {
                if go_seen {
                    return error("repeated go statement", at.start, at.end);
                }
                reader.go_version(args, at)?;
                go_seen = true;
            }
            "toolchain" if verb.kind == Kind::Ident => {
                if toolchain_seen {
                    return error("repeated toolchain statement", at.start, at.end);
                }
                reader.toolchain(args, at)?;
                toolchain_seen = true;
            }
            "use" if verb.kind == Kind::Ident => {
                let [arg] = args else {
                    return error("usage: use local/folder", at.start, at.end);
                };
                let written = value(text, *arg)?;
                if let Some(dir) = root_relative(reader.dir, &written) {
                    work.uses.push((dir, reader.span(*arg)));
                }
            }
            "replace" if verb.kind == Kind::Ident => {
                reader.replace(line, args, at)?;
            }
            "godebug" if verb.kind == Kind::Ident => {}
            _ => return error(format!("unknown directive: {name}"), verb.start, verb.end),
        }
    }
    Ok(work)
}

fn manifest_error(path: &str, index: &LineIndex<'_>, what: &str, e: Error) -> Box<Finding> {
    Box::new(
        Finding::new(
            Code::ManifestError,
            format!("{what} does not parse: {}", e.message),
        )
        .at(Location::new(path, index.span(e.start, e.end)))
        .help(format!(
            "fix {what}: the go command refuses it as well; plugdep leaves this module out until then"
        )),
    )
}

/// The manifest data of a go.mod: the module path is the plugin's name (a Go module has no
/// version of its own: tags live in version control); each `require` is a runtime
/// dependency whose spec is its version, pointed at the replacement when a `replace`
/// applies; a `replace` with a folder that no `require` names is a dependency of its own.
pub(crate) fn into_manifest_data(module: GoModule) -> ManifestData {
    let mut dependencies = Vec::new();
    for require in &module.requires {
        let replaced = replacement(&module.replaces, &require.path, &require.version);
        let source = match replaced.map(|r| &r.target) {
            Some(GoReplacement::Dir { dir, .. }) => DependencySource::Path {
                dir: dir.clone(),
                range: Some(require.version.clone()),
            },
            Some(GoReplacement::Module { path, version }) => DependencySource::Alias {
                package: path.clone(),
                range: version.clone(),
            },
            None => DependencySource::Range {
                range: require.version.clone(),
            },
        };
        let package = match &source {
            DependencySource::Alias { package, .. } => package.clone(),
            _ => require.path.clone(),
        };
        dependencies.push(Dependency {
            key: require.path.clone(),
            package,
            kind: DependencyKind::Runtime,
            field: if require.indirect {
                INDIRECT_FIELD.to_string()
            } else {
                "require".to_string()
            },
            spec: require.version.clone(),
            source,
            key_span: require.path_span,
            spec_span: require.version_span,
            inherited: false,
            text: require.text.clone(),
        });
    }
    for replace in &module.replaces {
        let GoReplacement::Dir { written, dir } = &replace.target else {
            continue;
        };
        if module.requires.iter().any(|r| r.path == replace.path) {
            continue;
        }
        dependencies.push(Dependency {
            key: replace.path.clone(),
            package: replace.path.clone(),
            kind: DependencyKind::Runtime,
            field: "replace".to_string(),
            spec: written.clone(),
            source: DependencySource::Path {
                dir: dir.clone(),
                range: None,
            },
            key_span: replace.path_span,
            spec_span: replace.target_span,
            inherited: false,
            text: replace.text.clone(),
        });
    }
    ManifestData {
        name: Some(module.path.clone()),
        dependencies,
        go: Some(Box::new(module)),
        ..ManifestData::default()
    }
}

/// The manifest field of a `require` marked `// indirect`: needed for the build list, not
/// imported by the module's code, so never reported as unused.
pub(crate) const INDIRECT_FIELD: &str = "require // indirect";

/// The `replace` that applies to `path` at `version`: one naming that version wins over
/// one for every version, as in the go command.
pub(crate) fn replacement<'m>(
    replaces: &'m [GoReplace],
    path: &str,
    version: &str,
) -> Option<&'m GoReplace> {
    let same = |v: &str| {
        let parse = crate::versions::go::Version::parse;
        match (parse(v), parse(version)) {
            (Some(a), Some(b)) => a.canonical() == b.canonical(),
            _ => v == version,
        }
    };
    replaces
        .iter()
        .filter(|r| r.path == path)
        .find(|r| r.version.as_deref().is_some_and(same))
        .or_else(|| {
            replaces
                .iter()
                .rev()
                .find(|r| r.path == path && r.version.is_none())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> GoModule {
        parse_go_mod("plugins/x/go.mod", text).unwrap_or_else(|e| panic!("{}", e.message))
    }

    /// The error's message and (line, column) of its start.
    fn fails(text: &str) -> (String, u32, u32) {
        let f = parse_go_mod("go.mod", text).expect_err("must not parse");
        let at = f.location.expect("a location");
        (f.message, at.line, at.column)
    }

    #[test]
    fn every_directive() {
        let text = r#"// the host
module example.com/host // trailing comment

go 1.22.1
toolchain go1.22.5

require example.com/one v1.2.3
require (
	example.com/two v0.0.0-20240102150405-abcdef123456 // indirect
	"example.com/three" `v2.0.0+incompatible`
	example.com/four v1.0.0 // indirect; used by tests
	example.com/five v1.0.0 // not indirect
)

exclude example.com/one v1.2.2
replace example.com/two => ../two
replace (
	example.com/three v2.0.0+incompatible => example.com/fork v1.0.0
	example.com/six => /abs/six
)
retract [v1.0.0, v1.0.5] // broken
retract v0.9.0
godebug default=go1.21
tool example.com/tool/cmd
"#;
        let m = parse(text);
        assert_eq!(m.path.0, "example.com/host");
        assert_eq!((m.path.1.start.line, m.path.1.start.column), (2, 8));
        assert_eq!(m.go.as_ref().unwrap().0, "1.22.1");
        assert_eq!(m.toolchain.as_ref().unwrap().0, "go1.22.5");
        let requires: Vec<(&str, &str, bool, u32, u32)> = m
            .requires
            .iter()
            .map(|r| {
                (
                    r.path.as_str(),
                    r.version.as_str(),
                    r.indirect,
                    r.path_span.start.line,
                    r.version_span.start.column,
                )
            })
            .collect();
        assert_eq!(
            requires,
            [
                ("example.com/one", "v1.2.3", false, 7, 25),
                (
                    "example.com/two",
                    "v0.0.0-20240102150405-abcdef123456",
                    true,
                    9,
                    18
                ),
                ("example.com/three", "v2.0.0+incompatible", false, 10, 22),
                ("example.com/four", "v1.0.0", true, 11, 19),
                ("example.com/five", "v1.0.0", false, 12, 19),
            ]
        );
        assert_eq!(
            m.requires[1].text,
            "example.com/two v0.0.0-20240102150405-abcdef123456 // indirect"
        );
        assert_eq!(m.requires[0].text, "require example.com/one v1.2.3");
        assert_eq!(m.excludes.len(), 1);
        assert_eq!(
            m.replaces[0].target,
            GoReplacement::Dir {
                written: "../two".into(),
                dir: Some("plugins/two".into())
            }
        );
        assert_eq!(
            m.replaces[1].version.as_deref(),
            Some("v2.0.0+incompatible")
        );
        assert_eq!(
            m.replaces[1].target,
            GoReplacement::Module {
                path: "example.com/fork".into(),
                version: "v1.0.0".into()
            }
        );
        assert_eq!(
            m.replaces[2].target,
            GoReplacement::Dir {
                written: "/abs/six".into(),
                dir: None
            }
        );

        let data = into_manifest_data(m);
        let deps: Vec<(&str, &str, &str)> = data
            .dependencies
            .iter()
            .map(|d| (d.key.as_str(), d.package.as_str(), d.field.as_str()))
            .collect();
        assert_eq!(
            deps,
            [
                ("example.com/one", "example.com/one", "require"),
                ("example.com/two", "example.com/two", INDIRECT_FIELD),
                ("example.com/three", "example.com/fork", "require"),
                ("example.com/four", "example.com/four", INDIRECT_FIELD),
                ("example.com/five", "example.com/five", "require"),
                ("example.com/six", "example.com/six", "replace"),
            ]
        );
        assert_eq!(
            data.dependencies[1].source,
            DependencySource::Path {
                dir: Some("plugins/two".into()),
                range: Some("v0.0.0-20240102150405-abcdef123456".into())
            }
        );
        assert_eq!(data.name.as_ref().unwrap().0, "example.com/host");
        assert!(data.version.is_none());
    }

    #[test]
    fn malformed_files_are_errors_with_their_place() {
        let cases: [(&str, &str, u32, u32); 14] = [
            ("module a\nrequire b\n", "usage: require", 2, 1),
            (
                "module a\nrequire (\n\tb v1.0.0\n",
                "unterminated block",
                2,
                9,
            ),
            ("module a\nfoo bar\n", "unknown directive: foo", 2, 1),
            ("module a\ngo (\n)\n", "unknown block type: go", 2, 1),
            ("module a\n/* no */\n", "// comments", 2, 1),
            ("module \"a\n", "newline in a string", 1, 8),
            ("module a\ngo 1.2x\n", "invalid go version", 2, 4),
            ("module a\ngo 1.21\ngo 1.22\n", "repeated go", 3, 1),
            ("module a\nmodule b\n", "repeated module", 2, 1),
            ("go 1.21\n", "no module directive", 1, 1),
            ("module a\nreplace b => c\n", "must be a folder", 2, 14),
            (
                "module a\nreplace b => ./c v1.0.0\n",
                "cannot have a version",
                2,
                18,
            ),
            ("module a\nrequire (\n) x\n", "newline after `)`", 3, 3),
            ("module \"a\\q\"\n", "invalid quoted string", 1, 8),
        ];
        for (text, message, line, column) in cases {
            let (got, l, c) = fails(text);
            assert!(got.contains(message), "{text:?}: {got}");
            assert_eq!((l, c), (line, column), "{text:?}: {got}");
        }
        // a toolchain that is not a Go toolchain name
        assert!(
            fails("module a\ntoolchain 1.22\n")
                .0
                .contains("toolchain name")
        );
    }

    #[test]
    fn lexing_details() {
        // `=>` may touch neither side; strings with escapes; an empty block; CRLF.
        let m = parse(
            "module \"example.com/\\x61\"\r\nrequire ()\r\nreplace a v1.0.0 => ./a // local\r\ngo 1.21\r\n",
        );
        assert_eq!(m.path.0, "example.com/a");
        assert_eq!(m.replaces[0].version.as_deref(), Some("v1.0.0"));
        assert_eq!(m.go.unwrap().0, "1.21");
        // no final newline; a comment at the end of a block's opening line
        let m = parse("module a\nrequire ( // deps\n\tb v1.0.0\n)");
        assert_eq!(m.requires.len(), 1);
        // an invalid version is kept for the invalid-version check
        let m = parse("module a\nrequire b master\n");
        assert_eq!(m.requires[0].version, "master");
    }

    #[test]
    fn replacement_prefers_the_exact_version() {
        let m = parse(
            "module a\nreplace b => ./any\nreplace b v1.2 => ./exact\nreplace b v1.3.0 => ./other\n",
        );
        let dir = |v| match replacement(&m.replaces, "b", v).map(|r| &r.target) {
            Some(GoReplacement::Dir { written, .. }) => written.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(dir("v1.2.0"), "./exact");
        assert_eq!(dir("v1.4.0"), "./any");
        assert!(replacement(&m.replaces, "c", "v1.0.0").is_none());
    }

    #[test]
    fn go_work_uses() {
        let w = parse_go_work(
            "go.work",
            "go 1.22\n\nuse (\n\t./host\n\t./plugins/a // the first\n\t../outside\n)\nuse .\nreplace x => ./y\n",
        )
        .unwrap_or_else(|e| panic!("{}", e.message));
        let uses: Vec<&str> = w.uses.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(uses, ["host", "plugins/a", "."]);
        assert_eq!(w.uses[1].1.start.line, 5);
        let e = parse_go_work("go.work", "go 1.22\nrequire x v1.0.0\n").unwrap_err();
        assert!(e.message.contains("unknown directive: require"));
    }

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "",
            "(",
            ")",
            "module (",
            "module (\n",
            "module ( )",
            "\"",
            "`",
            "module a\nreplace",
            "module a\nreplace =>",
            "module a\nreplace a => ",
            "module a\nrequire (\n)\n)",
            "module \u{feff}a",
            "module a\n\u{feff}",
            "module a b c",
            "module a\nrequire a \"v1\\",
            "module a\nrequire (\n(\n)\n",
            "module a\n[",
            ",",
            "module a\ngo\n",
            "module a//x",
        ] {
            let _ = parse_go_mod("go.mod", text);
            let _ = parse_go_work("go.work", text);
        }
        let deep = format!("module a\nrequire {}\n", "(".repeat(100_000));
        assert!(parse_go_mod("go.mod", &deep).is_err());
    }
}
