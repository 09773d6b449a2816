//! Resolution: what a specifier in a plugin's file names — another plugin (with a
//! sub-path), a file of the same plugin, a file inside another plugin's folder (a deep
//! import), or something outside the set (a Node built-in, an npm package).
//!
//! A relative specifier names a file the way Node and TypeScript find one
//! ([`file_candidates`]): as written, with an extension (`./x` → `x.ts`, `x.js`, …), as a
//! folder's index (`./x` → `x/index.ts`, …), and a JavaScript extension also names the
//! TypeScript source it is compiled from (`./x.js` → `x.ts`, ESM TypeScript's convention).
//! When the source files of the root are known ([`Resolver::with_files`]), the file that
//! exists decides which folder, and so which plugin, a specifier lands in.

use std::collections::HashMap;

use crate::discover::SourceEntry;

/// What a specifier resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A plugin of the set, by name; `subpath` is the rest of a bare specifier.
    Plugin {
        plugin: usize,
        subpath: Option<String>,
    },
    /// A relative path that lands inside another plugin's folder.
    DeepImport { plugin: usize },
    /// A file of the importing plugin, or a path outside the root.
    Local,
    /// Not in the set: a built-in module, or an external package.
    External { package: String, builtin: bool },
}

/// Lookup tables over the plugins of one analysis.
pub(crate) struct Resolver<'a> {
    by_name: HashMap<&'a str, usize>,
    /// Plugin folders (and folders claimed by a broken manifest, mapped to `None`).
    by_dir: HashMap<&'a str, Option<usize>>,
    /// The source files of the root, sorted by path (empty: not known).
    files: &'a [SourceEntry],
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(
        plugins: impl Iterator<Item = (usize, &'a str, &'a str)>,
        claimed_without_plugin: &'a [String],
    ) -> Self {
        let mut by_name = HashMap::new();
        let mut by_dir = HashMap::new();
        for (index, name, dir) in plugins {
            by_name.insert(name, index);
            by_dir.insert(dir, Some(index));
        }
        for dir in claimed_without_plugin {
            by_dir.entry(dir.as_str()).or_insert(None);
        }
        Resolver {
            by_name,
            by_dir,
            files: &[],
        }
    }

    /// Lets relative specifiers resolve to the source files that exist (`files` sorted by
    /// path, as the walk returns them).
    pub(crate) fn with_files(mut self, files: &'a [SourceEntry]) -> Self {
        self.files = files;
        self
    }

    /// Whether `path` is a known source file.
    fn is_file(&self, path: &str) -> bool {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .is_ok()
    }

    /// The source file a relative `specifier` written in `file` names: the first of
    /// [`file_candidates`] that exists. `None` when the specifier is not relative, climbs
    /// above the root, or names no known source file.
    pub(crate) fn resolve_file(&self, file: &str, specifier: &str) -> Option<String> {
        if !is_relative(specifier) {
            return None;
        }
        let target = join(crate::discover::parent_dir(file), specifier)?;
        file_candidates(&target)
            .into_iter()
            .find(|candidate| self.is_file(candidate))
    }

    pub(crate) fn plugin_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The deepest plugin folder holding `path` (a file or a folder, relative to the
    /// root): `Some(Some(i))` for plugin `i`, `Some(None)` for a folder without a usable
    /// manifest, `None` outside every plugin.
    pub(crate) fn owner(&self, path: &str) -> Option<Option<usize>> {
        let mut candidate = path;
        loop {
            if let Some(owner) = self.by_dir.get(candidate) {
                return Some(*owner);
            }
            if candidate == "." {
                return None;
            }
            candidate = crate::discover::parent_dir(candidate);
        }
    }

    /// The plugin whose folder is exactly `dir`.
    pub(crate) fn plugin_at(&self, dir: &str) -> Option<usize> {
        self.by_dir.get(dir).copied().flatten()
    }

    /// Resolves `specifier` written in `file` (relative to the root) of plugin `from`.
    pub(crate) fn resolve(&self, from: usize, file: &str, specifier: &str) -> Resolution {
        if is_relative(specifier) {
            let Some(target) = join(crate::discover::parent_dir(file), specifier) else {
                return Resolution::Local;
            };
            // The file it names decides where it lands when the path is a plugin's folder
            // (`./nested` may be `nested.ts` beside the plugin folder `nested/`). Any
            // other candidate file lies in the folder the path already lies in.
            let target = if self.by_dir.contains_key(target.as_str()) {
                self.resolve_file(file, specifier).unwrap_or(target)
            } else {
                target
            };
            return match self.owner(&target) {
                Some(Some(owner)) if owner != from => Resolution::DeepImport { plugin: owner },
                _ => Resolution::Local,
            };
        }
        if specifier.starts_with('#') || specifier.starts_with('/') || specifier.is_empty() {
            // Package-internal `imports` map, absolute paths: not another plugin.
            return Resolution::Local;
        }
        let (package, subpath) = split_package(specifier);
        if let Some(plugin) = self.plugin_named(package) {
            return Resolution::Plugin {
                plugin,
                subpath: subpath.map(str::to_string),
            };
        }
        let builtin = specifier.starts_with("node:") || is_node_builtin(package);
        Resolution::External {
            package: package.to_string(),
            builtin,
        }
    }
}

/// JavaScript extensions and the TypeScript sources (then declarations) that a specifier
/// with that extension names first: `./x.js` is `x.ts` when written in ESM TypeScript.
const COMPILED_FROM: [(&str, &[&str]); 4] = [
    ("js", &["ts", "tsx", "d.ts"]),
    ("jsx", &["tsx", "ts", "d.ts"]),
    ("mjs", &["mts", "d.mts"]),
    ("cjs", &["cts", "d.cts"]),
];

/// What an extensionless path may be, in order: TypeScript first, as TypeScript resolves.
const EXTENSIONS: [&str; 10] = [
    "ts", "tsx", "d.ts", "mts", "cts", "js", "jsx", "mjs", "cjs", "json",
];

/// The files a relative path (already joined onto the importing file's folder) may name,
/// in the order they are tried: for a JavaScript extension, the TypeScript sources it is
/// compiled from and then the path itself; for another extension, the path itself; then
/// the path with each of [`EXTENSIONS`], then the folder's `index` with each.
///
/// ```text
/// p/x.js → p/x.ts, p/x.tsx, p/x.d.ts, p/x.js, p/x.js.ts, …, p/x.js/index.ts, …
/// p/x    → p/x, p/x.ts, p/x.tsx, p/x.d.ts, p/x.mts, …, p/x/index.ts, …
/// ```
pub(crate) fn file_candidates(path: &str) -> Vec<String> {
    let mut candidates = Vec::with_capacity(2 + 2 * EXTENSIONS.len());
    let name = path.rsplit('/').next().unwrap_or(path);
    if let Some((stem, extension)) = name.rsplit_once('.').filter(|(s, _)| !s.is_empty()) {
        let base = &path[..path.len() - name.len() + stem.len()];
        if let Some((_, sources)) = COMPILED_FROM.iter().find(|(js, _)| *js == extension) {
            candidates.extend(sources.iter().map(|ext| format!("{base}.{ext}")));
        }
    }
    candidates.push(path.to_string());
    // `.` is the root folder: it has an index, not extensions.
    let folder = if path == "." {
        String::new()
    } else {
        candidates.extend(EXTENSIONS.iter().map(|ext| format!("{path}.{ext}")));
        format!("{path}/")
    };
    candidates.extend(EXTENSIONS.iter().map(|ext| format!("{folder}index.{ext}")));
    candidates
}

fn is_relative(specifier: &str) -> bool {
    specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
}

/// Splits a bare specifier into its package name and sub-path.
///
/// `@scope/name/sub/path` → (`@scope/name`, `sub/path`); `name` → (`name`, none).
pub(crate) fn split_package(specifier: &str) -> (&str, Option<&str>) {
    let name_segments = if specifier.starts_with('@') { 2 } else { 1 };
    let mut end = 0;
    for (i, segment) in specifier.split('/').enumerate() {
        if i == name_segments {
            return (
                &specifier[..end],
                Some(&specifier[end + 1..]).filter(|s| !s.is_empty()),
            );
        }
        end += segment.len() + usize::from(i > 0);
    }
    (specifier, None)
}

/// Joins a relative path onto a folder, resolving `.` and `..` lexically. `None` when it
/// climbs above the root.
pub(crate) fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = if dir == "." {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// Node's built-in modules (those importable without the `node:` prefix).
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string_decoder",
    "sys",
    "timers",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

fn is_node_builtin(package: &str) -> bool {
    NODE_BUILTINS.binary_search(&package).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_sorted_for_binary_search() {
        assert!(NODE_BUILTINS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn package_names_and_subpaths() {
        assert_eq!(split_package("a"), ("a", None));
        assert_eq!(split_package("a/b/c"), ("a", Some("b/c")));
        assert_eq!(split_package("@s/a"), ("@s/a", None));
        assert_eq!(split_package("@s/a/b"), ("@s/a", Some("b")));
        assert_eq!(split_package("@s"), ("@s", None));
        assert_eq!(split_package("a/"), ("a", None));
    }

    #[test]
    fn joins_stay_lexical_and_inside_the_root() {
        assert_eq!(join("p/a/src", "../../b/x.js").as_deref(), Some("p/b/x.js"));
        assert_eq!(join(".", "./x").as_deref(), Some("x"));
        assert_eq!(join("a", "../..").as_deref(), None);
        assert_eq!(join("a", "..").as_deref(), Some("."));
    }

    #[test]
    fn resolution() {
        let claimed = vec!["broken".to_string()];
        let plugins = [
            (0, "a", "p/a"),
            (1, "@s/b", "p/b"),
            (2, "nested", "p/a/nested"),
        ];
        let r = Resolver::new(plugins.into_iter(), &claimed);
        assert_eq!(
            r.resolve(0, "p/a/i.js", "@s/b/x"),
            Resolution::Plugin {
                plugin: 1,
                subpath: Some("x".into())
            }
        );
        assert_eq!(
            r.resolve(0, "p/a/i.js", "./nested/x.js"),
            Resolution::DeepImport { plugin: 2 }
        );
        assert_eq!(
            r.resolve(2, "p/a/nested/i.js", "../i.js"),
            Resolution::DeepImport { plugin: 0 }
        );
        assert_eq!(r.resolve(0, "p/a/i.js", "./lib/x.js"), Resolution::Local);
        assert_eq!(
            r.resolve(0, "p/a/i.js", "node:fs"),
            Resolution::External {
                package: "node:fs".into(),
                builtin: true
            }
        );
        assert_eq!(
            r.resolve(0, "p/a/i.js", "fs/promises"),
            Resolution::External {
                package: "fs".into(),
                builtin: true
            }
        );
        assert_eq!(
            r.resolve(0, "p/a/i.js", "lodash"),
            Resolution::External {
                package: "lodash".into(),
                builtin: false
            }
        );
        assert_eq!(r.owner("broken/x.js"), Some(None));
        assert_eq!(r.owner("elsewhere/x.js"), None);
    }

    fn entries(paths: &[&str]) -> Vec<SourceEntry> {
        let mut files: Vec<SourceEntry> = paths
            .iter()
            .map(|p| SourceEntry {
                path: p.to_string(),
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn candidates_follow_typescript() {
        let c = file_candidates("p/x.js");
        assert_eq!(
            c[..5],
            ["p/x.ts", "p/x.tsx", "p/x.d.ts", "p/x.js", "p/x.js.ts"]
        );
        let c = file_candidates("p/x.mjs");
        assert_eq!(c[..3], ["p/x.mts", "p/x.d.mts", "p/x.mjs"]);
        let c = file_candidates("p/x.cjs");
        assert_eq!(c[..3], ["p/x.cts", "p/x.d.cts", "p/x.cjs"]);
        let c = file_candidates("p/x");
        assert_eq!(
            c[..6],
            ["p/x", "p/x.ts", "p/x.tsx", "p/x.d.ts", "p/x.mts", "p/x.cts"]
        );
        assert_eq!(
            c[11..14],
            ["p/x/index.ts", "p/x/index.tsx", "p/x/index.d.ts"]
        );
        assert_eq!(c.len(), 21);
        assert_eq!(file_candidates(".")[..2], [".", "index.ts"]);
        // A dot in a folder name is not an extension.
        assert_eq!(file_candidates("p.js/x")[0], "p.js/x");
    }

    #[test]
    fn typescript_files_resolve() {
        let files = entries(&[
            "p/a/src/index.ts",
            "p/a/src/util.ts",
            "p/a/src/view.tsx",
            "p/a/src/legacy.cts",
            "p/a/types/global.d.ts",
            "p/a/lib/index.mts",
            "p/a/nested.ts",
            "p/a/nested/index.ts",
            "p/b/src/internal.ts",
        ]);
        let plugins = [
            (0, "a", "p/a"),
            (1, "b", "p/b"),
            (2, "nested", "p/a/nested"),
        ];
        let r = Resolver::new(plugins.into_iter(), &[]).with_files(&files);
        let from = "p/a/src/index.ts";
        let file = |s: &str| r.resolve_file(from, s);
        assert_eq!(file("./util.js").as_deref(), Some("p/a/src/util.ts"));
        assert_eq!(file("./util").as_deref(), Some("p/a/src/util.ts"));
        assert_eq!(file("./view.js").as_deref(), Some("p/a/src/view.tsx"));
        assert_eq!(file("./legacy.cjs").as_deref(), Some("p/a/src/legacy.cts"));
        assert_eq!(
            file("../types/global").as_deref(),
            Some("p/a/types/global.d.ts")
        );
        assert_eq!(file("../lib").as_deref(), Some("p/a/lib/index.mts"));
        assert_eq!(
            file("../lib/index.mjs").as_deref(),
            Some("p/a/lib/index.mts")
        );
        assert_eq!(file("./missing.js"), None);
        assert_eq!(file("b"), None);
        // `../nested` is the file nested.ts (files before folders), not the nested plugin.
        assert_eq!(file("../nested").as_deref(), Some("p/a/nested.ts"));
        assert_eq!(r.resolve(0, from, "../nested"), Resolution::Local);
        assert_eq!(
            r.resolve(0, from, "../nested/index.js"),
            Resolution::DeepImport { plugin: 2 }
        );
        // Deep imports of TypeScript files, by the name they compile to or not at all.
        for deep in [
            "../../b/src/internal.js",
            "../../b/src/internal",
            "../../b/src/gone.js",
        ] {
            assert_eq!(
                r.resolve(0, from, deep),
                Resolution::DeepImport { plugin: 1 },
                "{deep}"
            );
        }
    }
}
