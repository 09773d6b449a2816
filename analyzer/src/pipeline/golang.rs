//! The resolve stage for Go: imports to modules, `plugin.Open` to the plugin that builds
//! the shared object, `p.Lookup` against that plugin's `package main`.
//!
//! - An import path belongs to the module whose path is its longest prefix (at a `/`):
//!   one the importing module requires (through its `replace`, when one applies), another
//!   Go module of the set, its own module (no edge), or a module outside the set (the
//!   standard library when the first element has no dot).
//! - `plugin.Open(path)` names the plugin that builds the file `path` ends in: the one
//!   `[[go.plugin]]` in plugdep.toml gives for it, else the Go module whose folder, or whose
//!   module path's last element (a `/vN` suffix aside), is the file's name without `.so`
//!   (the name `go build -buildmode=plugin` gives it). That is an `inferred` edge, high
//!   confidence, from the host to the plugin: a plugin is not linked into its host, so the
//!   edge neither constrains the load order nor asks for a `require`.
//! - `p.Lookup(name)` on the value of that `Open` must find an exported function or
//!   variable of the plugin's `package main` (the package in the module's folder, else its
//!   only main package): else `unexported-symbol`, with both ends.
//! - `[[infer.call]]` patterns match Go calls as they match JavaScript ones: the argument
//!   names a plugin by module path, or by the last element of one.

use std::collections::{BTreeMap, HashMap};

use super::edges::{EdgeSet, target_of};
use super::sources::SourceFile;
use crate::checks::build::Opened;
use crate::config::{GoPlugin, InferCall};
use crate::discover::parent_dir;
use crate::exports::{EntryExports, PluginExports};
use crate::extract::go::{GoArg, GoExport, GoFacts, PluginLookup};
use crate::finding::{Code, Finding};
use crate::graph::{Confidence, EdgeKind, Evidence};
use crate::location::Location;
use crate::plugin::{Language, Plugin};
use crate::resolve::Resolver;

/// What the Go files of one analysis resolve to, beyond edges and findings.
#[derive(Default)]
pub(super) struct GoResolved {
    /// Every `plugin.Open` whose plugin is known, in file order.
    pub opened: Vec<Opened>,
    /// Per plugin, the exported names of its `package main` (sorted), when it has one.
    pub main_exports: BTreeMap<usize, Vec<GoExport>>,
    /// Per Go plugin, its export table: one entry per package folder (`.` for the
    /// module's folder, `./sub/pkg` for the others), functions, variables and constants as
    /// names, types as types.
    pub exports: BTreeMap<usize, PluginExports>,
}

/// The exports of one `package main` folder, each with its file.
type MainExports<'f> = Vec<(&'f str, &'f GoExport)>;

/// Where an import path or a plugin name leads.
enum Target {
    /// The importing module itself.
    Own,
    /// A plugin of the set.
    Plugin(usize),
    /// A module outside the set.
    External { package: String, builtin: bool },
}

/// What a `.so` name matches.
enum SoMatch {
    One(usize),
    Several(Vec<usize>),
    None,
}

/// The Go plugins' lookup tables.
struct Modules<'a> {
    plugins: &'a [Plugin],
    resolver: &'a Resolver<'a>,
    /// Go modules by path.
    by_path: HashMap<&'a str, usize>,
}

impl<'a> Modules<'a> {
    fn new(plugins: &'a [Plugin], resolver: &'a Resolver<'a>) -> Self {
        let by_path = plugins
            .iter()
            .enumerate()
            .filter(|(_, p)| p.language == Language::Go)
            .map(|(i, p)| (p.name.as_str(), i))
            .collect();
        Modules {
            plugins,
            resolver,
            by_path,
        }
    }

    /// The module an import path of plugin `from` belongs to.
    fn import_target(&self, from: usize, path: &str) -> Target {
        let plugin = &self.plugins[from];
        let mut prefix = path;
        loop {
            if prefix == plugin.name {
                return Target::Own;
            }
            if let Some(dependency) = plugin.dependencies.iter().find(|d| d.key == prefix) {
                return match target_of(dependency, self.resolver) {
                    Some(to) if to == from => Target::Own,
                    Some(to) => Target::Plugin(to),
                    None => Target::External {
                        package: dependency.package.clone(),
                        builtin: false,
                    },
                };
            }
            if let Some(&to) = self.by_path.get(prefix) {
                return Target::Plugin(to);
            }
            match prefix.rsplit_once('/') {
                Some((shorter, _)) => prefix = shorter,
                None => break,
            }
        }
        // The standard library's paths have no dot in their first element.
        let first = path.split('/').next().unwrap_or(path);
        Target::External {
            package: path.to_string(),
            builtin: !first.contains('.'),
        }
    }

    /// The Go plugins other than `host` that a short name (`greeter`) names: by folder name
    /// or by the last element of the module path (`/vN` aside).
    fn by_short_name(&self, name: &str, host: usize) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .by_path
            .values()
            .copied()
            .filter(|&i| i != host)
            .filter(|&i| {
                let plugin = &self.plugins[i];
                let folder = plugin.dir.rsplit('/').next().unwrap_or(&plugin.dir);
                folder == name || last_element(&plugin.name) == name
            })
            .collect();
        found.sort_unstable();
        found
    }

    /// The plugin that builds the shared object at `path`, as `host` names it.
    fn so_target(&self, path: &str, host: usize, configured: &[GoPlugin]) -> SoMatch {
        let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if let Some(entry) = configured.iter().find(|p| p.so == path || p.so == file) {
            return match self.by_path.get(entry.module.as_str()) {
                Some(&to) if to != host => SoMatch::One(to),
                _ => SoMatch::None,
            };
        }
        let stem = file.strip_suffix(".so").unwrap_or(file);
        let mut found = self.by_short_name(stem, host);
        match found.len() {
            0 => SoMatch::None,
            1 => SoMatch::One(found.remove(0)),
            _ => SoMatch::Several(found),
        }
    }
}

/// The last element of a module path, without a major-version suffix
/// (`example.com/greeter/v2` → `greeter`).
fn last_element(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let is_major =
        last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit());
    match (is_major, parts.next()) {
        (true, Some(before)) => before,
        _ => last,
    }
}

/// Resolves the facts of every Go file: adds edges and external uses to `edges`, findings
/// to `findings`, and returns what the build checks and the export tables need.
pub(super) fn resolve(
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
    configured: &[GoPlugin],
    infer_calls: &[InferCall],
    files: &[(SourceFile, GoFacts)],
    edges: &mut EdgeSet<'_>,
    findings: &mut Vec<Finding>,
) -> GoResolved {
    let modules = Modules::new(plugins, resolver);

    // Package-level string constants, per (plugin, folder, package): a `plugin.Open(name)`
    // may use one declared in another file of its package.
    let mut constants: HashMap<(usize, &str, &str), HashMap<&str, &str>> = HashMap::new();
    // The exports of each plugin's `package main` folders (not test files).
    let mut mains: BTreeMap<usize, BTreeMap<&str, MainExports<'_>>> = BTreeMap::new();
    // The exports of every package folder (not test files, not `_test` packages).
    let mut packages: BTreeMap<(usize, &str), Vec<&GoExport>> = BTreeMap::new();
    for (source, facts) in files {
        let dir = parent_dir(&source.path);
        let package = facts.package.as_deref().unwrap_or("");
        let table = constants.entry((source.plugin, dir, package)).or_default();
        for (name, value) in &facts.constants {
            table.entry(name.as_str()).or_insert(value.as_str());
        }
        if !source.dev && !package.ends_with("_test") {
            packages
                .entry((source.plugin, dir))
                .or_default()
                .extend(&facts.exports);
        }
        if package == "main" && !source.dev {
            let folder = mains
                .entry(source.plugin)
                .or_default()
                .entry(dir)
                .or_default();
            folder.extend(facts.exports.iter().map(|e| (source.path.as_str(), e)));
        }
    }
    let value_of = |source: &SourceFile, facts: &GoFacts, arg: &GoArg| -> Option<String> {
        match arg {
            GoArg::Value(value) => Some(value.clone()),
            GoArg::Name(name) => {
                let key = (
                    source.plugin,
                    parent_dir(&source.path),
                    facts.package.as_deref().unwrap_or(""),
                );
                constants
                    .get(&key)
                    .and_then(|t| t.get(name.as_str()))
                    .map(|v| v.to_string())
            }
            GoArg::Unknown => None,
        }
    };
    let mut resolved = GoResolved::default();
    for ((plugin, dir), exports) in packages {
        let plugin_dir = plugins[plugin].dir.as_str();
        let subpath = if dir == plugin_dir {
            ".".to_string()
        } else if plugin_dir == "." {
            format!("./{dir}")
        } else {
            format!(".{}", dir.strip_prefix(plugin_dir).unwrap_or(dir))
        };
        let mut entry = EntryExports {
            subpath,
            ..EntryExports::default()
        };
        for export in exports {
            let list = if export.kind == crate::extract::go::GoSymbolKind::Type {
                &mut entry.types
            } else {
                &mut entry.names
            };
            list.push(export.name.clone());
        }
        entry.names.sort();
        entry.names.dedup();
        entry.types.sort();
        entry.types.dedup();
        resolved
            .exports
            .entry(plugin)
            .or_default()
            .entries
            .push(entry);
    }
    for exports in resolved.exports.values_mut() {
        // `.` first, then by sub-path.
        exports
            .entries
            .sort_by(|a, b| (a.subpath != ".", &a.subpath).cmp(&(b.subpath != ".", &b.subpath)));
    }
    // Each plugin's main package: the one in its folder, else its only one.
    let mut main_files: BTreeMap<usize, &str> = BTreeMap::new();
    for (&plugin, folders) in &mains {
        let chosen = folders.get(plugins[plugin].dir.as_str()).or_else(|| {
            (folders.len() == 1)
                .then(|| folders.values().next())
                .flatten()
        });
        if let Some(exports) = chosen {
            let mut names: Vec<GoExport> = exports.iter().map(|(_, e)| (*e).clone()).collect();
            names.sort_by(|a, b| a.name.cmp(&b.name));
            names.dedup_by(|a, b| a.name == b.name);
            let first_file = exports.iter().map(|(f, _)| *f).min();
            resolved.main_exports.insert(plugin, names);
            if let Some(file) = first_file {
                main_files.insert(plugin, file);
            }
        }
    }

    for (source, facts) in files {
        let from = source.plugin;
        let host = &plugins[from];
        if let Some(span) = facts.syntax_error {
            findings.push(
                Finding::new(
                    Code::ParseError,
                    "syntax error: imports and plugin.Open calls after it may be missed",
                )
                .plugin(host.name.clone())
                .at(Location::new(&source.path, span))
                .help("fix the syntax; plugdep kept the imports it could still read"),
            );
        }
        for import in &facts.imports {
            let at = Location::new(&source.path, import.span);
            match modules.import_target(from, &import.path) {
                Target::Own => {}
                Target::Plugin(to) => edges.add(
                    from,
                    to,
                    Evidence {
                        location: at,
                        kind: if source.dev {
                            EdgeKind::ImportDev
                        } else {
                            EdgeKind::Import
                        },
                        specifier: import.path.clone(),
                        syntax: import.syntax().to_string(),
                        text: import.text.clone(),
                        confidence: None,
                    },
                ),
                Target::External { package, builtin } => {
                    edges.external(from, package, builtin, source.dev, at, import.path.clone());
                }
            }
        }

        // plugin.Open: the plugin each call loads, when it is known.
        let mut open_targets = vec![None; facts.opens.len()];
        for (index, open) in facts.opens.iter().enumerate() {
            let Some(path) = value_of(source, facts, &open.path) else {
                findings.push(
                    Finding::new(
                        Code::UnresolvedDynamicImport,
                        "plugin.Open of a path that is not a string constant: plugdep cannot tell which plugin it loads",
                    )
                    .plugin(host.name.clone())
                    .at(Location::new(&source.path, open.arg_span))
                    .help("pass a string literal or a constant (const greeterSo = \"plugins/greeter.so\"), so that the plugin it loads is visible to tools"),
                );
                continue;
            };
            match modules.so_target(&path, from, configured) {
                SoMatch::None => {}
                SoMatch::Several(candidates) => {
                    let names: Vec<&str> = candidates
                        .iter()
                        .map(|&i| plugins[i].name.as_str())
                        .collect();
                    let mut finding = Finding::new(
                        Code::AmbiguousReference,
                        format!(
                            "plugin.Open({path:?}) could load any of {}: plugdep cannot tell which module builds it",
                            names.join(", ")
                        ),
                    )
                    .plugin(host.name.clone())
                    .subject(path.clone())
                    .at(Location::new(&source.path, open.arg_span))
                    .help(format!(
                        "say which one in plugdep.toml: [[go.plugin]] so = {:?}, module = {:?}",
                        path.rsplit(['/', '\\']).next().unwrap_or(&path),
                        names[0]
                    ));
                    for &candidate in &candidates {
                        let plugin = &plugins[candidate];
                        finding = finding.related(
                            Location::new(&plugin.manifest, plugin.name_span),
                            format!("{} could build it", plugin.name),
                        );
                    }
                    findings.push(finding);
                }
                SoMatch::One(to) => {
                    let at = Location::new(&source.path, open.span);
                    edges.add(
                        from,
                        to,
                        Evidence {
                            location: at.clone(),
                            kind: EdgeKind::Inferred,
                            specifier: path,
                            syntax: crate::checks::build::PLUGIN_OPEN_SYNTAX.to_string(),
                            text: open.text.clone(),
                            confidence: Some(Confidence::High),
                        },
                    );
                    resolved.opened.push(Opened {
                        host: from,
                        plugin: to,
                        at,
                    });
                    open_targets[index] = Some(to);
                }
            }
        }

        for lookup in &facts.lookups {
            let Some(to) = open_targets.get(lookup.open).copied().flatten() else {
                continue;
            };
            let Some(symbol) = value_of(source, facts, &lookup.symbol) else {
                continue;
            };
            let Some(exports) = resolved.main_exports.get(&to) else {
                continue; // no package main to look in: nothing to say about its symbols
            };
            let main_file = main_files.get(&to).copied();
            findings.extend(check_lookup(
                host,
                &plugins[to],
                source,
                lookup,
                &symbol,
                exports,
                main_file,
            ));
        }

        // [[infer.call]]: a call whose argument names a plugin.
        for call in &facts.calls {
            for pattern in infer_calls.iter().filter(|p| p.callee == call.callee) {
                let Some(Some((name, span))) = call.args.get(pattern.arg) else {
                    continue;
                };
                let to = match resolver.plugin_named(name) {
                    Some(to) => Some(to),
                    None => {
                        let found = modules.by_short_name(name, from);
                        (found.len() == 1).then(|| found[0])
                    }
                };
                let Some(to) = to.filter(|&to| to != from) else {
                    continue;
                };
                edges.add(
                    from,
                    to,
                    Evidence {
                        location: Location::new(&source.path, *span),
                        kind: EdgeKind::Inferred,
                        specifier: name.clone(),
                        // As for JavaScript: the callee is the form.
                        syntax: call.callee.clone(),
                        text: call.text.clone(),
                        confidence: Some(Confidence::High),
                    },
                );
            }
        }
    }
    resolved
}

/// `unexported-symbol` for a `Lookup` whose name the plugin's `package main` does not
/// offer as a symbol.
fn check_lookup(
    host: &Plugin,
    target: &Plugin,
    source: &SourceFile,
    lookup: &PluginLookup,
    symbol: &str,
    exports: &[GoExport],
    main_file: Option<&str>,
) -> Option<Finding> {
    let declared = exports.iter().find(|e| e.name == symbol);
    if declared.is_some_and(|e| e.kind.is_symbol()) {
        return None;
    }
    let at = Location::new(&source.path, lookup.arg_span);
    let finding = Finding::new(Code::UnexportedSymbol, String::new())
        .plugin(host.name.clone())
        .edge(host.name.clone(), target.name.clone())
        .subject(symbol.to_string())
        .at(at);
    let finding = match declared {
        Some(export) => {
            let file = main_file.unwrap_or(&target.manifest);
            let mut finding = finding.related(
                Location::new(file, export.span),
                format!("{symbol} is a {} of {}", export.kind.as_str(), target.name),
            );
            finding.message = format!(
                "{} looks up {symbol:?} in plugin {}, where it is a {}: Lookup finds only functions and variables, so it fails with \"symbol {symbol} not found in plugin\"",
                host.name,
                target.name,
                export.kind.as_str()
            );
            finding.help(format!(
                "look up a function or variable instead (for a constant, export a variable that holds it: var {symbol}Value = {symbol})"
            ))
        }
        None => {
            let mut finding = match main_file {
                Some(file) => finding.related(
                    Location::file_start(file),
                    format!("package main of {} is built into the plugin", target.name),
                ),
                None => finding,
            };
            finding.message = format!(
                "{} looks up {symbol:?} in plugin {}, whose package main does not export it: Lookup fails with \"symbol {symbol} not found in plugin\"",
                host.name, target.name
            );
            let near = exports
                .iter()
                .find(|e| e.kind.is_symbol() && e.name.eq_ignore_ascii_case(symbol));
            let help = match near {
                Some(e) => format!(
                    "Lookup is case-sensitive: {} exports {}",
                    target.name, e.name
                ),
                None if symbol.chars().next().is_some_and(|c| !c.is_uppercase()) => format!(
                    "only exported (capitalised) package-level functions and variables are symbols of a plugin: look up {}",
                    capitalised(symbol)
                ),
                None => format!(
                    "add a package-level `func {symbol}` or `var {symbol}` to package main of {}, or look up a name it exports",
                    target.name
                ),
            };
            finding.help(help)
        }
    };
    Some(finding)
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_elements() {
        assert_eq!(last_element("example.com/greeter"), "greeter");
        assert_eq!(last_element("example.com/greeter/v2"), "greeter");
        assert_eq!(last_element("example.com/v2"), "example.com");
        assert_eq!(last_element("greeter"), "greeter");
        assert_eq!(last_element("example.com/x/vendor"), "vendor");
        assert_eq!(capitalised("greet"), "Greet");
    }
}
