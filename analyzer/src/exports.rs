//! Export tables: what each plugin exposes to the others, per entry point (sub-path), with
//! re-exports followed inside the plugin and across plugins.
//!
//! JavaScript / TypeScript: the entry points come from the manifest's `exports` map (in
//! Node's semantics, `manifest/entry.rs`), else `main`, else `index.js`. A file's
//! names are its own exports plus, for each `export * from`, the names of the module it
//! names (never its `default`, as in ESM), followed through relative paths and other
//! plugins' entry points; an `export *` of a package outside the set, of a file plugdep
//! does not have, a chain deeper than [`MAX_DEPTH`], or a file with a syntax error make
//! the list open. A `.js` / `.cjs` / `.jsx` file without any module syntax is CommonJS:
//! it exports `default` (its `module.exports`). (plugdep does not read package.json
//! `type`: under `"type": "module"` such a file has no default, and a default import of it
//! goes unreported — a missed finding, never a false one.)
//!
//! Rust: the names the crate root (`[lib] path`, else `src/lib.rs`) exports — `pub` items,
//! `pub mod`, `pub use` bindings, `#[macro_export]` macros — with `pub use m::*` globs
//! followed through the module tree (`self::`, `crate::`, declared `mod`s) and into other
//! plugins' crates; a glob of anything else (an external crate, an enum) makes it open.
//!
//! Files are found only among the files the walk discovered: nothing here reads the file
//! system, and a manifest path that leaves its plugin was dropped when the manifest was read.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::crates::module_candidates;
use crate::discover::parent_dir;
use crate::extract::rust::RustFacts;
use crate::extract::{Export, FileFacts, ImportSyntax};
use crate::location::Span;
use crate::manifest::entry::{IMPORT_CONDITIONS, REQUIRE_CONDITIONS, SubpathTarget, inside};
use crate::plugin::{DependencySource, EntryPoints, Language, Plugin};
use crate::resolve::{Resolution, Resolver, join};

/// How many `export *` hops a name is followed through.
pub const MAX_DEPTH: usize = 64;
/// How many files one entry point's names may come from.
const MAX_FILES: usize = 4096;

/// Extensions tried after a path without one (`./lib/x` → `./lib/x.js`), and after
/// `index` in a folder, in this order.
const EXTENSIONS: [&str; 8] = ["js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"];

/// What one plugin exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PluginExports {
    /// One entry per exposed sub-path (`.` first), sorted by sub-path.
    pub entries: Vec<EntryExports>,
}

/// What one entry point (sub-path) of a plugin exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EntryExports {
    /// The sub-path as the exports map writes it: `.`, `./session`, `./features/*`.
    pub subpath: String,
    /// The path the manifest gives for it (`main`, the exports target under the
    /// conditions `node`, `import`, `default` — or `node`, `require`, `default` when those
    /// match nothing; a pattern keeps its `*`), absent when it is implicit (`index.js`,
    /// `src/lib.rs`) or Node would refuse it.
    pub target: Option<String>,
    /// The file it resolves to, relative to the root, when there is one.
    pub file: Option<String>,
    /// The runtime names it exports (`default` included), sorted.
    pub names: Vec<String>,
    /// The names it exports only as types (TypeScript `export type`, `export interface`,
    /// declaration files), sorted.
    pub types: Vec<String>,
    /// Whether the list cannot be complete (`module.exports = make()`, `export * from`
    /// an external package, a pattern, a file plugdep does not have or cannot parse): no
    /// import from it is reported as unexported.
    pub open: bool,
}

/// The names one module exports, with its `export *` chains followed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Names {
    /// Runtime names.
    pub runtime: BTreeSet<String>,
    /// Type-only names (not also runtime).
    pub types: BTreeSet<String>,
    /// The list cannot be complete.
    pub open: bool,
}

/// What a plugin's entry point for one sub-path is, for the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A file of the plugin, with the exports-map key that led to it (`.` without a map).
    File {
        key: String,
        file: String,
        names: Names,
    },
    /// The exports map does not expose the sub-path: the key whose target is `null`
    /// (`null`) or has no matching condition, or none (and the span of the key, or of the
    /// whole map).
    NotExposed {
        key: Option<String>,
        span: Span,
        null: bool,
    },
    /// Without an exports map: no file the walk found is at that path (nor with an
    /// extension, nor an `index` file in that folder).
    Missing { path: String },
    /// Nothing can be said (a file plugdep does not have, a target Node refuses).
    Unknown,
}

/// The facts of one source file, as the tables read them.
pub(crate) enum SourceFacts<'a> {
    /// A JavaScript / TypeScript file.
    Js(&'a FileFacts),
    /// A Rust file of a crate's module tree.
    Rust(&'a RustFacts),
    /// Not read (a `file-skipped` finding says why).
    Unread,
}

/// The part of a JavaScript file's facts the tables keep.
#[derive(Debug)]
struct JsFile {
    plugin: usize,
    exports: Vec<Export>,
    open: bool,
    /// A syntax error, or not read: what it exports may be missing.
    broken: bool,
    /// ESM or CommonJS syntax was found.
    module_syntax: bool,
}

/// The part of a Rust file's facts the tables keep.
#[derive(Debug)]
struct RustFile {
    plugin: usize,
    exports: Vec<String>,
    /// `mod name;` at the file's top level: name and `#[path]`.
    modules: Vec<(String, Option<String>)>,
    broken: bool,
}

/// What the tables keep of a plugin.
#[derive(Debug)]
struct PluginInfo {
    dir: String,
    language: Language,
    entry: EntryPoints,
    /// Rust: the library's crate root, when the walk found it.
    lib_root: Option<String>,
    /// Rust: extern crate names of its dependencies (keys, renames included) → plugin.
    crates: HashMap<String, usize>,
}

/// Every plugin's exports, indexed like the plugins, and what is needed to answer for a
/// sub-path the tables do not list (a pattern, a file path without an exports map).
#[derive(Debug, Default)]
pub(crate) struct ExportTables {
    per_plugin: Vec<PluginExports>,
    plugins: Vec<PluginInfo>,
    js: BTreeMap<String, JsFile>,
    rust: BTreeMap<String, RustFile>,
    /// Every path the walk found (sources, manifests, files it skipped).
    known: BTreeSet<String>,
    /// Rust plugins by crate name (`my-plugin` → `my_plugin`), for a crate used without
    /// being declared.
    crate_names: HashMap<String, usize>,
    /// Runtime name → the plugins whose `.` entry exports it (sorted): free names are
    /// looked up once per file, so this is an index rather than a scan of every table.
    exporters: HashMap<String, Vec<usize>>,
}

impl ExportTables {
    /// Builds the tables from every parsed source file (`(path, plugin, facts)`) and the
    /// paths the walk found (`known`: sources, manifests, and files it did not read).
    pub(crate) fn build<'a>(
        plugins: &[Plugin],
        files: impl IntoIterator<Item = (&'a str, usize, SourceFacts<'a>)>,
        known: impl IntoIterator<Item = String>,
        resolver: &Resolver<'_>,
    ) -> Self {
        let mut tables = ExportTables {
            known: known.into_iter().collect(),
            ..ExportTables::default()
        };
        for (path, plugin, facts) in files {
            tables.known.insert(path.to_string());
            match facts {
                SourceFacts::Js(facts) => {
                    let module_syntax = !facts.exports.is_empty()
                        || facts.exports_open
                        || facts.imports.iter().any(|i| {
                            matches!(
                                i.syntax,
                                ImportSyntax::Import
                                    | ImportSyntax::SideEffect
                                    | ImportSyntax::ExportFrom
                                    | ImportSyntax::ExportAll
                            )
                        });
                    tables.js.insert(
                        path.to_string(),
                        JsFile {
                            plugin,
                            exports: facts.exports.clone(),
                            open: facts.exports_open,
                            broken: facts.syntax_error.is_some(),
                            module_syntax,
                        },
                    );
                }
                SourceFacts::Rust(facts) => {
                    tables.rust.insert(
                        path.to_string(),
                        RustFile {
                            plugin,
                            exports: facts.exports.clone(),
                            modules: facts
                                .modules
                                .iter()
                                .filter(|m| m.inline_parents.is_empty())
                                .map(|m| (m.name.clone(), m.path_attr.clone()))
                                .collect(),
                            broken: facts.syntax_error.is_some(),
                        },
                    );
                }
                SourceFacts::Unread => {
                    if is_script(path) {
                        tables.js.insert(
                            path.to_string(),
                            JsFile {
                                plugin,
                                exports: Vec::new(),
                                open: true,
                                broken: true,
                                module_syntax: true,
                            },
                        );
                    }
                }
            }
        }
        tables.crate_names = plugins
            .iter()
            .enumerate()
            .filter(|(_, p)| p.language == Language::Rust)
            .map(|(i, p)| (p.name.replace('-', "_"), i))
            .collect();
        tables.plugins = plugins
            .iter()
            .map(|p| {
                let lib_root = (p.language == Language::Rust)
                    .then(|| {
                        let declared = p.entry.main.as_ref().and_then(|m| inside(&p.dir, &m.value));
                        declared.unwrap_or_else(|| join_dir(&p.dir, "src/lib.rs"))
                    })
                    .filter(|root| tables.rust.contains_key(root));
                let mut crates = HashMap::new();
                let rust_dependencies = p
                    .dependencies
                    .iter()
                    .filter(|_| p.language == Language::Rust);
                for dependency in rust_dependencies {
                    let target = match &dependency.source {
                        DependencySource::Path { dir, .. } => {
                            dir.as_deref().and_then(|d| resolver.plugin_at(d))
                        }
                        _ => resolver.plugin_named(&dependency.package),
                    };
                    if let Some(target) = target {
                        crates.insert(dependency.crate_name(), target);
                    }
                }
                PluginInfo {
                    dir: p.dir.clone(),
                    language: p.language,
                    entry: p.entry.clone(),
                    lib_root,
                    crates,
                }
            })
            .collect();
        tables.per_plugin = (0..plugins.len())
            .map(|i| tables.plugin_table(i, resolver))
            .collect();
        for (plugin, table) in tables.per_plugin.iter().enumerate() {
            let main = table.entries.first().filter(|e| e.subpath == ".");
            for name in main.into_iter().flat_map(|e| &e.names) {
                tables
                    .exporters
                    .entry(name.clone())
                    .or_default()
                    .push(plugin);
            }
        }
        tables
    }

    /// One plugin's exports.
    pub(crate) fn of(&self, plugin: usize) -> &PluginExports {
        &self.per_plugin[plugin]
    }

    /// The plugins whose main entry (`.`) exports `name` at run time, sorted by index.
    pub(crate) fn exporters_of(&self, name: &str) -> Vec<usize> {
        self.exporters.get(name).cloned().unwrap_or_default()
    }

    /// The table of one plugin, for the report.
    fn plugin_table(&self, plugin: usize, resolver: &Resolver<'_>) -> PluginExports {
        let info = &self.plugins[plugin];
        let mut entries = Vec::new();
        match info.language {
            Language::Javascript => match &info.entry.exports {
                Some(map) if map.invalid => entries.push(EntryExports {
                    subpath: ".".to_string(),
                    open: true,
                    ..EntryExports::default()
                }),
                Some(map) => {
                    let mut seen = HashSet::new();
                    for (index, (key, _, _)) in map.entries.iter().enumerate() {
                        if !seen.insert(key.as_str()) {
                            continue;
                        }
                        if key.contains('*') {
                            // A pattern: the files it reaches are only known per import.
                            let target = [IMPORT_CONDITIONS, REQUIRE_CONDITIONS]
                                .iter()
                                .find_map(|c| map.key_target(index, c));
                            if let Some(target) = target {
                                entries.push(EntryExports {
                                    subpath: key.clone(),
                                    target: Some(target),
                                    open: true,
                                    ..EntryExports::default()
                                });
                            }
                            continue;
                        }
                        let resolved = [IMPORT_CONDITIONS, REQUIRE_CONDITIONS]
                            .iter()
                            .map(|c| map.resolve(key, c))
                            .find(|r| !matches!(r, SubpathTarget::Excluded { .. }));
                        match resolved {
                            Some(SubpathTarget::Path { path, .. }) => {
                                let file =
                                    inside(&info.dir, &path).and_then(|p| self.find_target(&p));
                                entries.push(self.entry_of(key, Some(path), file, resolver));
                            }
                            Some(SubpathTarget::Invalid) => entries.push(EntryExports {
                                subpath: key.clone(),
                                open: true,
                                ..EntryExports::default()
                            }),
                            // `null`, or conditions plugdep does not assume: not exposed.
                            _ => {}
                        }
                    }
                }
                None => {
                    let (target, file) = self.main_file(plugin);
                    entries.push(self.entry_of(".", target, file, resolver));
                }
            },
            Language::Rust => {
                if let Some(root) = &info.lib_root {
                    let names = self.rust_names(root);
                    entries.push(EntryExports {
                        subpath: ".".to_string(),
                        target: info.entry.main.as_ref().map(|m| m.value.clone()),
                        file: Some(root.clone()),
                        names: names.runtime.into_iter().collect(),
                        types: Vec::new(),
                        open: names.open,
                    });
                }
            }
            _ => {}
        }
        entries.sort_by(|a, b| a.subpath.cmp(&b.subpath));
        PluginExports { entries }
    }

    fn entry_of(
        &self,
        subpath: &str,
        target: Option<String>,
        file: Option<String>,
        resolver: &Resolver<'_>,
    ) -> EntryExports {
        let names = match &file {
            Some(file) => self.js_names(file, resolver),
            None => Names {
                open: true,
                ..Names::default()
            },
        };
        EntryExports {
            subpath: subpath.to_string(),
            target,
            file,
            names: names.runtime.into_iter().collect(),
            types: names.types.into_iter().collect(),
            open: names.open,
        }
    }

    /// The `main` of a plugin without an exports map, and the file it (else `index`)
    /// resolves to.
    fn main_file(&self, plugin: usize) -> (Option<String>, Option<String>) {
        let info = &self.plugins[plugin];
        let target = info.entry.main.as_ref().map(|m| m.value.clone());
        let file = target
            .as_deref()
            .and_then(|m| inside(&info.dir, m))
            .and_then(|p| self.find_loose(&p))
            .or_else(|| self.find_loose(&join_dir(&info.dir, "index")));
        (target, file)
    }

    /// What plugin `plugin` offers at `subpath` (`None` for the plugin itself) to an
    /// import with `conditions`.
    pub(crate) fn entry(
        &self,
        plugin: usize,
        subpath: Option<&str>,
        conditions: &[&str],
        resolver: &Resolver<'_>,
    ) -> Entry {
        let info = &self.plugins[plugin];
        if info.language != Language::Javascript {
            return Entry::Unknown;
        }
        let key = subpath.map_or_else(|| ".".to_string(), |s| format!("./{s}"));
        let found = |key: &str, file: Option<String>| match file {
            Some(file) => Entry::File {
                key: key.to_string(),
                names: self.js_names(&file, resolver),
                file,
            },
            None => Entry::Unknown,
        };
        match &info.entry.exports {
            Some(map) => match map.resolve(&key, conditions) {
                SubpathTarget::Path { key, path, .. } => {
                    let file = inside(&info.dir, &path).and_then(|p| self.find_target(&p));
                    found(key, file)
                }
                SubpathTarget::Excluded { key, span, null } => Entry::NotExposed {
                    key: Some(key.to_string()),
                    span,
                    null,
                },
                SubpathTarget::NotExported => Entry::NotExposed {
                    key: None,
                    span: map.span,
                    null: false,
                },
                SubpathTarget::Invalid => Entry::Unknown,
            },
            None => match subpath {
                None => found(".", self.main_file(plugin).1),
                Some(subpath) => {
                    let Some(path) = inside(&info.dir, subpath) else {
                        return Entry::Unknown;
                    };
                    match self.find_loose(&path) {
                        Some(file) => found(&key, Some(file)),
                        None if self.knowably_missing(&path) => Entry::Missing { path },
                        None => Entry::Unknown,
                    }
                }
            },
        }
    }

    /// Whether plugdep can tell that nothing is at `path`: it names a source file (no
    /// extension, or a JavaScript / TypeScript one), no package.json is in a folder of
    /// that name, and its folder holds files the walk found — a folder the walk never
    /// saw (build output, usually ignored) may hold it.
    fn knowably_missing(&self, path: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        let source_like = match name.rsplit_once('.') {
            None => true,
            Some((_, ext)) => EXTENSIONS.contains(&ext),
        };
        let folder = parent_dir(path);
        let prefix = format!("{folder}/");
        let folder_seen = self
            .known
            .range(prefix.clone()..)
            .next()
            .is_some_and(|p| p.starts_with(&prefix));
        source_like && folder_seen && !self.known.contains(&format!("{path}/package.json"))
    }

    /// A target of an exports map: the path itself, or (for TypeScript sources that the
    /// build turns into the named file) its `.ts` sibling; a path without an extension as
    /// [`Self::find_loose`] does.
    fn find_target(&self, path: &str) -> Option<String> {
        if self.js.contains_key(path) {
            return Some(path.to_string());
        }
        const SIBLINGS: [(&str, &[&str]); 4] = [
            (".js", &["ts", "tsx"]),
            (".jsx", &["tsx"]),
            (".mjs", &["mts"]),
            (".cjs", &["cts"]),
        ];
        for (extension, alternatives) in SIBLINGS {
            if let Some(stem) = path.strip_suffix(extension) {
                return alternatives
                    .iter()
                    .map(|a| format!("{stem}.{a}"))
                    .find(|p| self.js.contains_key(p));
            }
        }
        self.find_loose(path)
    }

    /// A path as `require` finds it: the file, the file with an extension, or an `index`
    /// file in the folder of that name.
    fn find_loose(&self, path: &str) -> Option<String> {
        if self.js.contains_key(path) {
            return Some(path.to_string());
        }
        EXTENSIONS
            .iter()
            .map(|e| format!("{path}.{e}"))
            .chain(
                EXTENSIONS
                    .iter()
                    .map(|e| join_dir(path, &format!("index.{e}"))),
            )
            .chain(std::iter::once(format!("{path}.d.ts")))
            .find(|p| self.js.contains_key(p))
    }

    /// The file TypeScript reads the types of `file` from: the file itself when it is
    /// TypeScript (a source or a declaration), else a declaration beside it (`x.d.ts`
    /// for `x.js`) when the walk found one.
    pub(crate) fn types_file(&self, file: &str) -> Option<String> {
        if [".ts", ".tsx", ".mts", ".cts"]
            .iter()
            .any(|e| file.ends_with(e))
        {
            return Some(file.to_string());
        }
        let declaration = [
            (".js", ".d.ts"),
            (".jsx", ".d.ts"),
            (".mjs", ".d.mts"),
            (".cjs", ".d.cts"),
        ]
        .iter()
        .find_map(|(js, d)| file.strip_suffix(js).map(|stem| format!("{stem}{d}")))?;
        self.js.contains_key(&declaration).then_some(declaration)
    }

    /// The names a JavaScript / TypeScript file exports, `export *` chains followed.
    pub(crate) fn js_names(&self, start: &str, resolver: &Resolver<'_>) -> Names {
        let mut names = Names::default();
        let mut visited: HashSet<&str> = HashSet::new();
        // (file, depth, reached through `export *`, through `export type *`)
        let mut stack: Vec<(String, usize, bool, bool)> =
            vec![(start.to_string(), 0, false, false)];
        while let Some((path, depth, starred, typed)) = stack.pop() {
            if depth > MAX_DEPTH || visited.len() >= MAX_FILES {
                names.open = true;
                continue;
            }
            let Some((path, file)) = self.js.get_key_value(path.as_str()) else {
                names.open = true;
                continue;
            };
            if !visited.insert(path) {
                continue;
            }
            names.open |= file.open || file.broken;
            let declaration = is_declaration(path);
            let mut add = |name: &str, type_only: bool| {
                if starred && name == "default" {
                    return;
                }
                if type_only || typed || declaration {
                    names.types.insert(name.to_string());
                } else {
                    names.runtime.insert(name.to_string());
                }
            };
            if !file.module_syntax && is_commonjs_capable(path) {
                add("default", false);
            }
            for export in &file.exports {
                if export.name != "*" {
                    add(&export.name, export.type_only);
                    continue;
                }
                let next = export
                    .from
                    .as_deref()
                    .and_then(|from| self.module_file(file.plugin, path, from, resolver));
                match next {
                    Some(next) => stack.push((next, depth + 1, true, typed || export.type_only)),
                    None => names.open = true,
                }
            }
        }
        let runtime = &names.runtime;
        names.types.retain(|t| !runtime.contains(t));
        names
    }

    /// The file a module specifier in `path` (of plugin `plugin`) names: a relative path
    /// among the files the walk found, or another plugin's entry point for an ESM import.
    fn module_file(
        &self,
        plugin: usize,
        path: &str,
        specifier: &str,
        resolver: &Resolver<'_>,
    ) -> Option<String> {
        if specifier.starts_with("./") || specifier.starts_with("../") {
            let joined = join(parent_dir(path), specifier)?;
            return self.find_target(&joined);
        }
        match resolver.resolve(plugin, path, specifier) {
            Resolution::Plugin { plugin, subpath } => {
                let info = &self.plugins[plugin];
                if info.language != Language::Javascript {
                    return None;
                }
                let key = subpath
                    .as_deref()
                    .map_or_else(|| ".".to_string(), |s| format!("./{s}"));
                match &info.entry.exports {
                    Some(map) => match map.resolve(&key, IMPORT_CONDITIONS) {
                        SubpathTarget::Path { path, .. } => {
                            inside(&info.dir, &path).and_then(|p| self.find_target(&p))
                        }
                        _ => None,
                    },
                    None => match subpath {
                        None => self.main_file(plugin).1,
                        Some(s) => inside(&info.dir, &s).and_then(|p| self.find_loose(&p)),
                    },
                }
            }
            _ => None,
        }
    }

    /// The names a Rust module file exports, `pub use …::*` globs followed.
    fn rust_names(&self, start: &str) -> Names {
        let mut names = Names::default();
        let mut visited: HashSet<String> = HashSet::new();
        let mut stack = vec![(start.to_string(), 0usize)];
        while let Some((path, depth)) = stack.pop() {
            if depth > MAX_DEPTH || visited.len() >= MAX_FILES {
                names.open = true;
                continue;
            }
            let Some(file) = self.rust.get(&path) else {
                names.open = true;
                continue;
            };
            if !visited.insert(path.clone()) {
                continue;
            }
            names.open |= file.broken;
            for export in &file.exports {
                match export.strip_suffix("::*") {
                    Some(glob) => match self.rust_module(file.plugin, &path, glob) {
                        Some(next) => stack.push((next, depth + 1)),
                        None => names.open = true,
                    },
                    None => {
                        names.runtime.insert(export.clone());
                    }
                }
            }
        }
        names
    }

    /// The file of the module that `path` (`self::a::b`, `crate::m`, `m`, `::other`,
    /// `other_plugin::m`) names from the module file `from` of plugin `plugin`, when it
    /// is a file plugdep has.
    fn rust_module(&self, plugin: usize, from: &str, path: &str) -> Option<String> {
        let info = &self.plugins[plugin];
        let extern_only = path.starts_with("::");
        let mut segments = path.trim_start_matches("::").split("::");
        let first = segments.next()?;
        let mut current = match first {
            "crate" if !extern_only => info.lib_root.clone()?,
            "self" if !extern_only => from.to_string(),
            _ => {
                let local = (!extern_only)
                    .then(|| self.rust_child(from, info.lib_root.as_deref(), first))
                    .flatten();
                match local {
                    Some(file) => file,
                    None => {
                        let other = info
                            .crates
                            .get(first)
                            .or_else(|| self.crate_names.get(first))?;
                        self.plugins[*other].lib_root.clone()?
                    }
                }
            }
        };
        for segment in segments {
            let owner = self.rust.get(&current)?.plugin;
            current =
                self.rust_child(&current, self.plugins[owner].lib_root.as_deref(), segment)?;
        }
        Some(current)
    }

    /// The file of module `name` declared (`mod name;`) at the top level of `file`.
    fn rust_child(&self, file: &str, crate_root: Option<&str>, name: &str) -> Option<String> {
        let (_, path_attr) = self
            .rust
            .get(file)?
            .modules
            .iter()
            .find(|(m, _)| m == name)?;
        module_candidates(
            file,
            crate_root == Some(file),
            name,
            &[],
            path_attr.as_deref(),
        )
        .into_iter()
        .find(|candidate| self.rust.contains_key(candidate))
    }

    /// What a Rust path into plugin `plugin`'s crate (`segments` after the crate name)
    /// names: the file that should export the first segment that is not exported, and
    /// that segment's index — or `None` when every segment plugdep can follow is exported
    /// or nothing can be said (no library, a proc-macro crate, an open list).
    ///
    /// `memo` keeps each module file's names between calls.
    pub(crate) fn rust_missing(
        &self,
        plugin: usize,
        segments: &[&str],
        memo: &mut HashMap<String, Names>,
    ) -> Option<RustMissing> {
        let info = &self.plugins[plugin];
        if info.language != Language::Rust || info.entry.proc_macro {
            return None;
        }
        let mut file = info.lib_root.clone()?;
        for (index, segment) in segments.iter().enumerate() {
            let names = memo
                .entry(file.clone())
                .or_insert_with(|| self.rust_names(&file))
                .clone();
            if names.open {
                return None;
            }
            if !names.runtime.contains(*segment) {
                return Some(RustMissing {
                    index,
                    file,
                    names: names.runtime.into_iter().collect(),
                });
            }
            // Deeper only through a module declared in this file (a type, an enum, an
            // inline module or a re-export cannot be followed).
            let root = self.plugins[self.rust.get(&file)?.plugin].lib_root.clone();
            file = self.rust_child(&file, root.as_deref(), segment)?;
        }
        None
    }
}

/// A segment of a Rust path that the crate does not export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RustMissing {
    /// Which segment (0: the one after the crate name).
    pub index: usize,
    /// The module file that would export it.
    pub file: String,
    /// What that file exports.
    pub names: Vec<String>,
}

/// A JavaScript / TypeScript source name.
fn is_script(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
}

/// `.js`, `.cjs`, `.jsx`: without module syntax such a file is a CommonJS module (its
/// `module.exports`, `{}`, is its `default`). An `.mjs` file is ESM whatever it holds, and
/// a TypeScript file without `import` / `export` is a script, not a module.
fn is_commonjs_capable(path: &str) -> bool {
    path.ends_with(".js") || path.ends_with(".cjs") || path.ends_with(".jsx")
}

/// A TypeScript declaration file: everything it exports is a type-level description.
fn is_declaration(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    // `x.d.ts`, `x.d.mts`, `x.d.cts`, and `styles.d.css.ts` (arbitrary extensions).
    name.contains(".d.") && name.ends_with("ts")
}

fn join_dir(dir: &str, name: &str) -> String {
    if dir == "." {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}
