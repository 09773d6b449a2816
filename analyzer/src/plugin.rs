//! Plugins and the dependencies their manifests declare.

use serde::Serialize;

use crate::exports::PluginExports;
use crate::location::Span;
pub use crate::manifest::gomod::{GoModule, GoReplace, GoReplacement, GoRequire};

/// Which manifest format a plugin was read from; it decides version-range semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManifestKind {
    /// `package.json` (npm semantics).
    PackageJson,
    /// `plugin.json`, plugdep's generic manifest (npm semantics).
    PluginJson,
    /// `Cargo.toml` with a `[package]` table (Cargo semantics).
    CargoToml,
    /// `go.mod` (Go semantics: `require` names a minimum version).
    GoMod,
}

impl ManifestKind {
    /// The manifest's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            ManifestKind::PackageJson => "package.json",
            ManifestKind::PluginJson => "plugin.json",
            ManifestKind::CargoToml => "Cargo.toml",
            ManifestKind::GoMod => "go.mod",
        }
    }
}

/// The language a plugin's sources are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// JavaScript (`.js .mjs .cjs .jsx`).
    Javascript,
    /// Rust (a Cargo crate).
    Rust,
    /// Go (a module: a folder with a go.mod).
    Go,
}

/// The kind of a declared dependency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DependencyKind {
    /// `dependencies`, `[dependencies]`
    Runtime,
    /// `peerDependencies`
    Peer,
    /// `optionalDependencies`, `optional = true`
    Optional,
    /// `devDependencies`, `[dev-dependencies]`
    Dev,
    /// `[build-dependencies]` (needed before the crate builds, so a runtime kind)
    Build,
}

impl DependencyKind {
    /// The package.json field that declares this kind.
    pub fn json_field(self) -> &'static str {
        match self {
            DependencyKind::Runtime | DependencyKind::Build => "dependencies",
            DependencyKind::Peer => "peerDependencies",
            DependencyKind::Optional => "optionalDependencies",
            DependencyKind::Dev => "devDependencies",
        }
    }
}

/// How a dependency's value names what it wants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum DependencySource {
    /// A version range from the registry (`^1.2.0`, `>=1 <3`, `*`).
    Range {
        /// The range, verbatim.
        range: String,
    },
    /// `workspace:RANGE` (`workspace:^`, `workspace:*`, `workspace:1.2.3`).
    Workspace {
        /// What follows `workspace:` (`^`, `~`, `*`, or a range).
        range: String,
    },
    /// `file:PATH`, `link:PATH`, or Cargo's `path = "…"`: the package in that folder.
    /// `dir` is the folder relative to the root (`None` when the path leaves the root);
    /// `range` is a version that Cargo also requires (`{ path = "..", version = "1" }`).
    Path {
        /// The folder, relative to the root; `None` when the path leaves the root.
        dir: Option<String>,
        /// A version Cargo requires as well (`{ path = "..", version = "1" }`).
        range: Option<String>,
    },
    /// `npm:real-name@RANGE`: the key is an alias for `package`.
    Alias {
        /// The package the alias names.
        package: String,
        /// The range after its `@` (empty when there is none).
        range: String,
    },
    /// No version and no path (a git dependency): nothing to check.
    Unversioned,
}

/// One entry of a manifest's dependency fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    /// The key in the manifest.
    pub key: String,
    /// The package the dependency names: the key, or the aliased package of an `npm:` alias.
    pub package: String,
    /// The kind of dependency (runtime, peer, optional, dev, build).
    pub kind: DependencyKind,
    /// The manifest field it is declared in (`devDependencies`, `build-dependencies`,
    /// `target.'cfg(unix)'.dependencies`).
    pub field: String,
    /// The value, verbatim (for Cargo, the version requirement, or the `path`).
    pub spec: String,
    /// What the value names: a range, a workspace member, a path, an alias.
    pub source: DependencySource,
    /// The key's span in the manifest (opening quote to closing quote).
    pub key_span: Span,
    /// The value's span in the manifest (for Cargo, the `version` string when there is one).
    pub spec_span: Span,
    /// Inherited from the workspace root (`dep = { workspace = true }`); the spans still
    /// point at the member's line.
    pub inherited: bool,
    /// The manifest line that declares it, trimmed (for evidence and `why`).
    pub text: String,
}

impl Dependency {
    /// The name code uses for it: Cargo's extern crate name (hyphens become underscores).
    pub fn crate_name(&self) -> String {
        self.key.replace('-', "_")
    }
}

/// A requirement on the host's version: plugin.json `host` (any host), or package.json
/// `engines.NAME` (the host called NAME).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostRequirement {
    /// The host it names; `None` for plugin.json `host`, which names the plugin's host.
    pub host: Option<String>,
    /// The range, verbatim.
    pub range: String,
    /// The range's span in the manifest.
    pub span: Span,
    /// `host` or `engines`.
    pub field: &'static str,
}

/// A plugin: a folder with a manifest.
#[derive(Clone, Debug)]
pub struct Plugin {
    /// The plugin's name (the package or crate name).
    pub name: String,
    /// The plugin's version, when its manifest has one.
    pub version: Option<String>,
    /// Where the version is written (for `version.workspace = true`, in the root manifest).
    pub version_at: Option<crate::location::Location>,
    /// The plugin's folder relative to the root (`.` for the root itself).
    pub dir: String,
    /// The manifest's path relative to the root.
    pub manifest: String,
    /// The manifest's format.
    pub manifest_kind: ManifestKind,
    /// The language of its sources.
    pub language: Language,
    /// The span of the `name` value in the manifest.
    pub name_span: Span,
    /// Every declared dependency, in manifest order.
    pub dependencies: Vec<Dependency>,
    /// Its requirements on the host's version.
    pub host_requirements: Vec<HostRequirement>,
    /// `[package.metadata.plugdep] ignored = [..]`: crates whose use code cannot show (they
    /// are used by generated code), so `unused-dependency` stays silent for them.
    pub ignored: Vec<(String, Span)>,
    /// Crate targets declared in Cargo.toml (`[lib] path`, `[[bin]] path`, …), relative to
    /// the root, with whether they are dev targets (tests, benches, examples).
    pub targets: Vec<(String, bool)>,
    /// For a Go module: what its go.mod says beyond its dependencies (the `go` and
    /// `toolchain` lines, every `require`, `replace` and `exclude` with its span), for the
    /// build checks.
    pub go: Option<Box<GoModule>>,
    /// Where other plugins enter it, as its manifest says: `main`, the `exports` map,
    /// Cargo's `[lib] path`.
    pub entry: EntryPoints,
    /// What it exports, per entry point (filled in by the pipeline once every source file
    /// is parsed; empty until then).
    pub exports: PluginExports,
}

/// Where a plugin is entered, as its manifest says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryPoints {
    /// package.json / plugin.json `main`, or Cargo.toml `[lib] path`, when it is a string
    /// inside the plugin's folder.
    pub main: Option<ManifestPath>,
    /// package.json / plugin.json `exports`, when present.
    pub exports: Option<ExportsMap>,
    /// Paths the manifest gives (`main`, exports targets, Cargo target paths) that leave
    /// the plugin's folder or are absolute: each is a `path-escape` finding, and plugdep
    /// never looks at what they point to.
    pub escapes: Vec<ManifestPath>,
    /// Cargo.toml `[lib] proc-macro = true`: the crate exports macros under names its
    /// functions do not have (`#[proc_macro_derive(Name)] fn derive_name`).
    pub proc_macro: bool,
}

/// A path a manifest gives, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestPath {
    /// Where it is written: `main`, `exports["./x"].import`, `lib.path`.
    pub field: String,
    /// The path as written.
    pub value: String,
    /// The value's span in the manifest.
    pub span: Span,
}

/// A package.json / plugin.json `exports` field, in Node's semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportsMap {
    /// Each sub-path key (`.`, `./session`, `./features/*`) in manifest order, with its
    /// span and target. The shorthand forms (`"exports": "./i.js"`, an array, an object of
    /// conditions) are one `.` entry whose span is the whole value.
    pub entries: Vec<(String, Span, ExportsTarget)>,
    /// Node refuses the whole map (`ERR_INVALID_PACKAGE_CONFIG`): an object that mixes
    /// sub-path keys with condition keys. Nothing can be said about what it exports.
    pub invalid: bool,
    /// The span of the `exports` value.
    pub span: Span,
}

/// The target of an exports-map key, or of one of its conditions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportsTarget {
    /// `null`: the sub-path is not exported.
    Null,
    /// A path (`./lib/x.js`, `./features/*.js`) as written, with its span.
    Path {
        /// The path as written.
        value: String,
        /// Its span in the manifest.
        span: Span,
    },
    /// `{ "import": …, "require": …, "default": … }`, in manifest order.
    Conditions(Vec<(String, ExportsTarget)>),
    /// `[a, b]`: the first valid target.
    Fallbacks(Vec<ExportsTarget>),
    /// Anything else (a number, a boolean, an object with numeric keys): Node refuses it
    /// (`ERR_INVALID_PACKAGE_TARGET`).
    Invalid,
}

impl Plugin {
    /// The semantics of the version ranges in this plugin's manifest.
    pub fn dialect(&self) -> crate::versions::Dialect {
        match self.manifest_kind {
            ManifestKind::PackageJson | ManifestKind::PluginJson => crate::versions::Dialect::Npm,
            ManifestKind::CargoToml => crate::versions::Dialect::Cargo,
            ManifestKind::GoMod => crate::versions::Dialect::Go,
        }
    }
}
