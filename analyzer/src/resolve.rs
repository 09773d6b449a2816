//! Resolution: what a specifier in a plugin's file names — another plugin (with a
//! sub-path), a file of the same plugin, a file inside another plugin's folder (a deep
//! import), or something outside the set (a Node built-in, an npm package).

use std::collections::HashMap;

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
        Resolver { by_name, by_dir }
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
}
