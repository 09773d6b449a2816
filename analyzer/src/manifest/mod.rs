//! Reading manifests into plugin data: `package.json` / `plugin.json` / `pnpm-workspace.yaml`
//! ([`json`]), `Cargo.toml` ([`cargo`]), `go.mod` and `go.work` ([`gomod`]). Each keeps the span of every key and value a
//! finding can point at, and each produces the same [`ManifestData`].

pub(crate) mod cargo;
pub(crate) mod entry;
pub(crate) mod gomod;
pub(crate) mod json;

pub(crate) use json::{parse_json_manifest, parse_pnpm_workspace};

use crate::location::{Location, Span};
use crate::plugin::{Dependency, EntryPoints, HostRequirement};

/// What a manifest says that plugdep uses, whatever its format.
#[derive(Debug, Default)]
pub(crate) struct ManifestData {
    /// `name`, when it is a string, with its span.
    pub name: Option<(String, Span)>,
    /// The version and where it is written (for an inherited Cargo version, the root).
    pub version: Option<(String, Location)>,
    pub dependencies: Vec<Dependency>,
    /// Host requirements: plugin.json `host`, package.json `engines.*`.
    pub host_requirements: Vec<HostRequirement>,
    /// package.json `workspaces` (array, or `{ "packages": [...] }`), when present.
    pub workspaces: Option<Vec<String>>,
    /// Cargo.toml `[package.metadata.plugdep] ignored`.
    pub ignored: Vec<(String, Span)>,
    /// Cargo.toml explicit targets, relative to the root, and whether each is dev.
    pub targets: Vec<(String, bool)>,
    /// `main` / `exports` (package.json, plugin.json), `[lib]` (Cargo.toml), and the
    /// paths among them that leave the plugin's folder.
    pub entry: EntryPoints,
    /// go.mod: the module's directives (the plugin keeps them for the build checks).
    pub go: Option<Box<gomod::GoModule>>,
    /// What is wrong in a manifest that still reads (a key written twice, a field of the
    /// wrong type): reported when the manifest makes a plugin.
    pub problems: Vec<crate::finding::Finding>,
}
