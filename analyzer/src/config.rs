//! `plugdep.toml`: what a project tells plugdep about itself — which plugins and manifests
//! count, which names are plugins or allowed externals, the host, the severity of each
//! finding code, and policy rules on edges. Every key is documented in `docs/config.md`.
//!
//! ```
//! use plugdep_analyzer::config::Config;
//! let config = Config::from_toml(r#"
//!     exclude = ["legacy/**"]
//!     host = "editor@3.2.0"
//!     [severity]
//!     unused-dependency = "off"
//!     [rules]
//!     layers = ["ui-*", "service-*", "core-*"]
//! "#).unwrap();
//! assert_eq!(config.exclude, ["legacy/**"]);
//! assert!(Config::from_toml("colour = 'red'").is_err()); // unknown keys are errors
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::finding::{Code, Severity};
use crate::graph::EdgeKind;

/// The file plugdep reads from the root when `--config` does not name another.
pub const FILE_NAME: &str = "plugdep.toml";

/// A validated plugdep.toml (or the defaults).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Globs on plugin folders (relative to the root): only these are plugins. Empty: all.
    pub include: Vec<String>,
    /// Globs on plugin folders that are never plugins (their files belong to no plugin).
    pub exclude: Vec<String>,
    /// Manifest file names that count (`package.json`, `plugin.json`, `Cargo.toml`).
    /// Empty: all of them.
    pub manifests: Vec<String>,
    /// Globs on package names that are plugins (`@acme/plugin-*`).
    pub plugins_pattern: Vec<String>,
    /// Globs on package names that are allowed outside the set: never `missing-dependency`.
    pub externals: Vec<String>,
    /// The host, as `NAME@VERSION`.
    pub host: Option<crate::Host>,
    /// Also check declared versus used for external packages.
    pub check_externals: bool,
    /// Count type-only imports as runtime `import` edges (`include-type-edges = true`, as
    /// `--include-type-edges`).
    pub include_type_edges: bool,
    /// Files larger than this many bytes are skipped (`file-skipped`).
    pub max_file_size: Option<u64>,
    /// The folder of the facts cache (see [`crate::cache`]); `None`: no cache. As written
    /// in the text given to [`Config::from_toml`]; [`Config::load`] makes a relative path
    /// relative to the file's folder.
    pub cache: Option<PathBuf>,
    /// Severity per finding code; `None` turns the code off.
    pub severity: BTreeMap<Code, Option<Severity>>,
    /// Policy rules.
    pub rules: Rules,
    /// `[infer]`: uses of plugins that no import shows.
    pub infer: Infer,
    /// `[go]`: Go plugins.
    pub go: GoSettings,
}

/// `[go]`: how Go hosts find their plugins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoSettings {
    /// `[[go.plugin]]`: which module builds a shared object that `plugin.Open` loads, in
    /// file order. Without one, `plugin.Open("…/x.so")` names the Go module whose folder,
    /// or whose module path's last element, is `x`.
    pub plugins: Vec<GoPlugin>,
}

/// `[[go.plugin]] so = "greeter.so", module = "example.com/greeter"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoPlugin {
    /// The shared object: a file name (`greeter.so`, matched against the last element of
    /// the path `plugin.Open` is given) or the path exactly as the host writes it.
    pub so: String,
    /// The module path of the plugin that builds it.
    pub module: String,
}

/// `[infer]`: how plugdep finds uses of plugins that no import statement shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Infer {
    /// `[[infer.call]]`: host-API calls whose argument names a plugin, in file order.
    /// `require.resolve` and `import.meta.resolve` (argument 0) are always included.
    pub calls: Vec<InferCall>,
}

/// A host-API call that names a plugin with a string literal: `host.getPlugin("auth")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InferCall {
    /// The callee as written, without whitespace: `host.getPlugin`, `registry.lookup`.
    pub callee: String,
    /// The index of the argument holding the plugin name (0 for the first).
    pub arg: usize,
}

/// The highest `arg` of an `[[infer.call]]`: the extractor keeps 16 arguments per call.
pub const MAX_INFER_ARG: usize = 15;

/// `[rules]`: edges the project forbids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// `[[rules.forbidden]]`
    pub forbidden: Vec<ForbiddenRule>,
    /// Globs on plugin names, outermost layer first: an edge may point only to the same or
    /// a later layer. A plugin matching no layer is not constrained.
    pub layers: Vec<String>,
}

/// An edge that must not exist: from a plugin matching `from` to one matching `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForbiddenRule {
    /// Glob on the names of the plugins the edge starts from.
    pub from: String,
    /// Glob on the names of the plugins the edge points to.
    pub to: String,
    /// Only edges with one of these kinds; empty: any edge.
    pub kinds: Vec<EdgeKind>,
    /// Why the rule exists, shown with every violation.
    pub comment: Option<String>,
}

/// Why a plugdep.toml cannot be used: the message and the byte range it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Byte range in the file's text, when the error has a place.
    pub span: Option<Range<usize>>,
    /// The file, when it was read from one.
    pub path: Option<std::path::PathBuf>,
    /// The file's text, for showing the place.
    pub text: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", path.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The file as written, with spans for validation errors.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    manifests: Vec<Spanned<String>>,
    #[serde(default)]
    plugins_pattern: Vec<Spanned<String>>,
    #[serde(default)]
    externals: Vec<Spanned<String>>,
    host: Option<Spanned<String>>,
    #[serde(default)]
    check_externals: bool,
    #[serde(default)]
    include_type_edges: bool,
    max_file_size: Option<u64>,
    cache: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    rules: FileRules,
    #[serde(default)]
    infer: FileInfer,
    #[serde(default)]
    go: FileGo,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileGo {
    #[serde(default)]
    plugin: Vec<FileGoPlugin>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileGoPlugin {
    so: Spanned<String>,
    module: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileInfer {
    #[serde(default)]
    call: Vec<FileInferCall>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileInferCall {
    callee: Spanned<String>,
    arg: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileRules {
    #[serde(default)]
    forbidden: Vec<FileForbidden>,
    #[serde(default)]
    layers: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileForbidden {
    from: Spanned<String>,
    to: Spanned<String>,
    #[serde(default)]
    kinds: Vec<Spanned<String>>,
    comment: Option<String>,
}

const MANIFESTS: [&str; 4] = ["package.json", "plugin.json", "Cargo.toml", "go.mod"];

impl Config {
    /// Reads and validates `path`. A relative `cache` folder is taken relative to the
    /// folder that holds `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            message: format!("cannot read it: {e}"),
            span: None,
            path: Some(path.to_path_buf()),
            text: String::new(),
        })?;
        let mut config = Config::from_toml(&text).map_err(|e| ConfigError {
            path: Some(path.to_path_buf()),
            ..e
        })?;
        if let (Some(cache), Some(dir)) = (&mut config.cache, path.parent()) {
            *cache = dir.join(&*cache);
        }
        Ok(config)
    }

    /// Parses and validates the text of a plugdep.toml. Unknown keys, wrong types, globs
    /// that do not parse, unknown codes, severities or kinds are errors with their span.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let error = |message: String, span: Option<Range<usize>>| ConfigError {
            message,
            span,
            path: None,
            text: text.to_string(),
        };
        let file: File =
            toml::from_str(text).map_err(|e| error(e.message().trim().to_string(), e.span()))?;
        let globs = |list: Vec<Spanned<String>>| -> Result<Vec<String>, ConfigError> {
            list.into_iter()
                .map(|g| match globset::Glob::new(g.get_ref()) {
                    Ok(_) => Ok(g.into_inner()),
                    Err(e) => Err(error(
                        format!("{:?} is not a valid glob: {}", g.get_ref(), e.kind()),
                        Some(g.span()),
                    )),
                })
                .collect()
        };
        let mut config = Config {
            include: globs(file.include)?,
            exclude: globs(file.exclude)?,
            plugins_pattern: globs(file.plugins_pattern)?,
            externals: globs(file.externals)?,
            check_externals: file.check_externals,
            include_type_edges: file.include_type_edges,
            max_file_size: file.max_file_size,
            ..Config::default()
        };
        for manifest in file.manifests {
            if !MANIFESTS.contains(&manifest.get_ref().as_str()) {
                let message = format!(
                    "{:?} is not a manifest plugdep reads ({})",
                    manifest.get_ref(),
                    MANIFESTS.join(", ")
                );
                return Err(error(message, Some(manifest.span())));
            }
            config.manifests.push(manifest.into_inner());
        }
        if let Some(cache) = file.cache {
            if cache.get_ref().trim().is_empty() {
                return Err(error(
                    "`cache` names a folder; leave the key out for no cache".to_string(),
                    Some(cache.span()),
                ));
            }
            config.cache = Some(PathBuf::from(cache.into_inner()));
        }
        if let Some(host) = file.host {
            let span = host.span();
            config.host = Some(
                host.get_ref()
                    .parse()
                    .map_err(|e: String| error(e, Some(span)))?,
            );
        }
        for (code, level) in file.severity {
            let parsed = Code::ALL
                .into_iter()
                .find(|c| c.as_str() == code.get_ref().as_str());
            let Some(parsed) = parsed else {
                return Err(error(
                    format!("{:?} is not a finding code", code.get_ref()),
                    Some(code.span()),
                ));
            };
            let severity = match level.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    let message =
                        format!("{other:?} is not a severity (error, warning, info or off)");
                    return Err(error(message, Some(level.span())));
                }
            };
            config.severity.insert(parsed, severity);
        }
        config.rules.layers = globs(file.rules.layers)?;
        for rule in file.rules.forbidden {
            let mut kinds = Vec::new();
            for kind in rule.kinds {
                let parsed = EdgeKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == kind.get_ref().as_str());
                match parsed {
                    Some(k) => kinds.push(k),
                    None => {
                        let names: Vec<&str> = EdgeKind::ALL.iter().map(|k| k.as_str()).collect();
                        let message = format!(
                            "{:?} is not an edge kind ({})",
                            kind.get_ref(),
                            names.join(", ")
                        );
                        return Err(error(message, Some(kind.span())));
                    }
                }
            }
            config.rules.forbidden.push(ForbiddenRule {
                from: globs(vec![rule.from])?.remove(0),
                to: globs(vec![rule.to])?.remove(0),
                kinds,
                comment: rule.comment,
            });
        }
        for call in file.infer.call {
            // A chain of identifiers, as the extractor writes a callee.
            let callee = call.callee.get_ref();
            let identifier = |s: &str| {
                !s.is_empty()
                    && !s.starts_with(|c: char| c.is_ascii_digit())
                    && s.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
            };
            if !callee.split('.').all(identifier) {
                let message = format!(
                    "{callee:?} is not a callee: write a name or a member chain, like \"host.getPlugin\""
                );
                return Err(error(message, Some(call.callee.span())));
            }
            let arg = match &call.arg {
                None => 0,
                Some(arg) => match usize::try_from(*arg.get_ref()) {
                    Ok(index) if index <= MAX_INFER_ARG => index,
                    _ => {
                        let message = format!(
                            "`arg` is the index of the argument that names the plugin, from 0 to {MAX_INFER_ARG}"
                        );
                        return Err(error(message, Some(arg.span())));
                    }
                },
            };
            config.infer.calls.push(InferCall {
                callee: call.callee.into_inner(),
                arg,
            });
        }
        for plugin in file.go.plugin {
            let so = plugin.so.get_ref();
            if so.trim().is_empty() || so.ends_with(['/', '\\']) {
                let message = format!(
                    "{so:?} is not a shared object: write its file name (\"greeter.so\") or the path plugin.Open is given"
                );
                return Err(error(message, Some(plugin.so.span())));
            }
            let module = plugin.module.get_ref();
            if module.is_empty() || module.contains(char::is_whitespace) {
                let message =
                    format!("{module:?} is not a Go module path (\"example.com/greeter\")");
                return Err(error(message, Some(plugin.module.span())));
            }
            config.go.plugins.push(GoPlugin {
                so: plugin.so.into_inner(),
                module: plugin.module.into_inner(),
            });
        }
        Ok(config)
    }

    /// The severity a finding of `code` gets: `Some(severity)` (the configured one, or
    /// `default`), or `None` when the code is off.
    pub fn severity_of(&self, code: Code, default: Severity) -> Option<Severity> {
        match self.severity.get(&code) {
            Some(configured) => *configured,
            None => Some(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key() {
        let config = Config::from_toml(
            r#"
include = ["plugins/**"]
exclude = ["plugins/legacy"]
manifests = ["package.json", "Cargo.toml"]
plugins-pattern = ["@acme/plugin-*"]
externals = ["lodash", "@types/*"]
host = "editor@3.2.0"
check-externals = true
max-file-size = 1000
cache = ".cache/plugdep"

[severity]
unused-dependency = "off"
parse-error = "error"

[[rules.forbidden]]
from = "ui-*"
to = "db-*"
kinds = ["import"]
comment = "UI reaches the database through services"

[rules]
layers = ["ui-*", "service-*"]
"#,
        )
        .unwrap();
        assert_eq!(config.include, ["plugins/**"]);
        assert_eq!(config.manifests, ["package.json", "Cargo.toml"]);
        assert_eq!(config.host.as_ref().unwrap().version, "3.2.0");
        assert_eq!(config.max_file_size, Some(1000));
        assert_eq!(config.cache.as_deref(), Some(Path::new(".cache/plugdep")));
        assert_eq!(
            config.severity_of(Code::UnusedDependency, Severity::Warning),
            None
        );
        assert_eq!(
            config.severity_of(Code::ParseError, Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            config.severity_of(Code::DeepImport, Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(config.rules.forbidden[0].kinds, [EdgeKind::Import]);
        assert_eq!(config.rules.layers, ["ui-*", "service-*"]);
    }

    fn error_at(text: &str) -> (String, String) {
        let e = Config::from_toml(text).unwrap_err();
        let span = e.span.clone().expect("a span");
        (e.message, text[span].to_string())
    }

    #[test]
    fn errors_point_at_what_is_wrong() {
        let (message, at) = error_at("colour = \"red\"\n");
        assert!(message.contains("unknown field `colour`"), "{message}");
        assert_eq!(at, "colour");
        let (message, at) = error_at("include = [\"a/[b\"]\n");
        assert!(message.contains("is not a valid glob"), "{message}");
        assert_eq!(at, "\"a/[b\"");
        let (message, at) = error_at("[severity]\nno-such-code = \"off\"\n");
        assert!(message.contains("is not a finding code"));
        assert_eq!(at, "no-such-code");
        let (message, at) = error_at("[severity]\nparse-error = \"loud\"\n");
        assert!(message.contains("is not a severity"));
        assert_eq!(at, "\"loud\"");
        let (message, _) = error_at("include = \"a\"\n");
        assert!(message.contains("invalid type"), "{message}");
        let (message, at) =
            error_at("[[rules.forbidden]]\nfrom = \"a\"\nto = \"b\"\nkinds = [\"imports\"]\n");
        assert!(message.contains("is not an edge kind"));
        assert_eq!(at, "\"imports\"");
        let (message, at) = error_at("cache = \"\"\n");
        assert!(message.contains("names a folder"), "{message}");
        assert_eq!(at, "\"\"");
        let (message, _) = error_at("cache = true\n");
        assert!(message.contains("invalid type"), "{message}");
        let (message, at) = error_at("host = \"editor\"\n");
        assert!(message.contains("NAME@VERSION"));
        assert_eq!(at, "\"editor\"");
    }

    #[test]
    fn go_plugins() {
        let config = Config::from_toml(
            "[[go.plugin]]\nso = \"greeter.so\"\nmodule = \"example.com/greeter\"\n[[go.plugin]]\nso = \"plugins/x.so\"\nmodule = \"example.com/x/v2\"\n",
        )
        .unwrap();
        let plugins: Vec<_> = config
            .go
            .plugins
            .iter()
            .map(|p| (p.so.as_str(), p.module.as_str()))
            .collect();
        assert_eq!(
            plugins,
            [
                ("greeter.so", "example.com/greeter"),
                ("plugins/x.so", "example.com/x/v2")
            ]
        );
        let (message, at) = error_at("[[go.plugin]]\nso = \"\"\nmodule = \"m\"\n");
        assert!(message.contains("is not a shared object"), "{message}");
        assert_eq!(at, "\"\"");
        let (message, at) = error_at("[[go.plugin]]\nso = \"x.so\"\nmodule = \"a b\"\n");
        assert!(message.contains("is not a Go module path"), "{message}");
        assert_eq!(at, "\"a b\"");
        let (message, _) = error_at("[[go.plugin]]\nso = \"x.so\"\n");
        assert!(message.contains("missing field `module`"), "{message}");
        let (message, _) = error_at("[go]\nplugins = []\n");
        assert!(message.contains("unknown field `plugins`"), "{message}");
    }

    #[test]
    fn infer_calls() {
        let config = Config::from_toml(
            "[[infer.call]]\ncallee = \"host.getPlugin\"\narg = 0\n[[infer.call]]\ncallee = \"registry.lookup\"\narg = 1\n[[infer.call]]\ncallee = \"use$Plugin\"\n",
        )
        .unwrap();
        let calls: Vec<_> = config
            .infer
            .calls
            .iter()
            .map(|c| (c.callee.as_str(), c.arg))
            .collect();
        assert_eq!(
            calls,
            [
                ("host.getPlugin", 0),
                ("registry.lookup", 1),
                ("use$Plugin", 0)
            ]
        );
        assert_eq!(Config::default().infer.calls, []);
        let (message, at) = error_at("[[infer.call]]\ncallee = \"host.get Plugin\"\n");
        assert!(message.contains("is not a callee"), "{message}");
        assert_eq!(at, "\"host.get Plugin\"");
        let (message, at) = error_at("[[infer.call]]\ncallee = \"host.\"\n");
        assert!(message.contains("is not a callee"), "{message}");
        assert_eq!(at, "\"host.\"");
        let (message, at) = error_at("[[infer.call]]\ncallee = \"h\"\narg = -1\n");
        assert!(message.contains("from 0 to 15"), "{message}");
        assert_eq!(at, "-1");
        let (message, at) = error_at("[[infer.call]]\ncallee = \"h\"\narg = 16\n");
        assert!(message.contains("from 0 to 15"), "{message}");
        assert_eq!(at, "16");
        let (message, at) = error_at("[[infer.call]]\ncallee = \"h\"\nargs = 1\n");
        assert!(message.contains("unknown field `args`"), "{message}");
        assert_eq!(at, "args");
        let (message, _) = error_at("[[infer.call]]\narg = 1\n");
        assert!(message.contains("missing field `callee`"), "{message}");
        let (message, at) = error_at("[infer]\ncalls = []\n");
        assert!(message.contains("unknown field `calls`"), "{message}");
        assert_eq!(at, "calls");
    }

    #[test]
    fn a_relative_cache_is_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, "cache = \".cache/plugdep\"\n").unwrap();
        let config = Config::load(&file).unwrap();
        assert_eq!(config.cache, Some(dir.path().join(".cache/plugdep")));
        let absolute = dir.path().join("elsewhere");
        let text = format!("cache = {:?}\n", absolute.to_str().unwrap());
        std::fs::write(&file, text).unwrap();
        assert_eq!(Config::load(&file).unwrap().cache, Some(absolute));
        assert_eq!(Config::default().cache, None);
    }

    #[test]
    fn include_type_edges() {
        assert!(!Config::default().include_type_edges);
        let config = Config::from_toml("include-type-edges = true").unwrap();
        assert!(config.include_type_edges);
        assert!(Config::from_toml("include-type-edges = 'yes'").is_err());
    }
}
