//! Plugins and the dependencies their manifests declare.

use serde::Serialize;

use crate::location::Span;

/// Which manifest format a plugin was read from; it decides version-range semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManifestKind {
    /// `package.json` (npm semantics).
    PackageJson,
    /// `plugin.json`, plugdep's generic manifest (npm semantics).
    PluginJson,
}

impl ManifestKind {
    pub fn file_name(self) -> &'static str {
        match self {
            ManifestKind::PackageJson => "package.json",
            ManifestKind::PluginJson => "plugin.json",
        }
    }
}

/// The language a plugin's sources are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Javascript,
}

/// The field a dependency is declared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DependencyKind {
    /// `dependencies`
    Runtime,
    /// `peerDependencies`
    Peer,
    /// `optionalDependencies`
    Optional,
    /// `devDependencies`
    Dev,
}

impl DependencyKind {
    /// The manifest field that declares this kind.
    pub fn field(self) -> &'static str {
        match self {
            DependencyKind::Runtime => "dependencies",
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
    Range { range: String },
    /// `workspace:RANGE` (`workspace:^`, `workspace:*`, `workspace:1.2.3`).
    Workspace { range: String },
    /// `file:PATH` or `link:PATH`: the package in that folder.
    Path { path: String },
    /// `npm:real-name@RANGE`: the key is an alias for `package`.
    Alias { package: String, range: String },
}

/// One entry of a manifest's dependency fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    /// The key in the manifest.
    pub key: String,
    /// The package the dependency names: the key, or the aliased package of an `npm:` alias.
    pub package: String,
    pub kind: DependencyKind,
    /// The value, verbatim.
    pub spec: String,
    pub source: DependencySource,
    /// The key's span in the manifest (opening quote to closing quote).
    pub key_span: Span,
    /// The value's span in the manifest.
    pub spec_span: Span,
}

/// A requirement on the host's version: plugin.json `host` (any host), or package.json
/// `engines.NAME` (the host called NAME).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostRequirement {
    /// The host it names; `None` for plugin.json `host`, which names the plugin's host.
    pub host: Option<String>,
    pub range: String,
    /// The range's span in the manifest.
    pub span: Span,
    /// `host` or `engines`.
    pub field: &'static str,
}

/// A plugin: a folder with a manifest.
#[derive(Clone, Debug)]
pub struct Plugin {
    pub name: String,
    pub version: Option<String>,
    /// The span of the `version` value in the manifest.
    pub version_span: Option<Span>,
    /// The plugin's folder relative to the root (`.` for the root itself).
    pub dir: String,
    /// The manifest's path relative to the root.
    pub manifest: String,
    pub manifest_kind: ManifestKind,
    pub language: Language,
    /// The span of the `name` value in the manifest.
    pub name_span: Span,
    pub dependencies: Vec<Dependency>,
    pub host_requirements: Vec<HostRequirement>,
}

impl Plugin {
    /// The semantics of the version ranges in this plugin's manifest.
    pub fn dialect(&self) -> crate::versions::Dialect {
        match self.manifest_kind {
            ManifestKind::PackageJson | ManifestKind::PluginJson => crate::versions::Dialect::Npm,
        }
    }
}
