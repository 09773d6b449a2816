//! Which manifests are plugins: workspace membership, `plugin.json` versus settings files,
//! duplicate names. Everything passed over is reported, never silently dropped.

use std::collections::BTreeMap;

use globset::{GlobSet, GlobSetBuilder};

use crate::discover::{parent_dir, skipped_finding};
use crate::finding::{Code, Finding};
use crate::location::Location;
use crate::manifest::ManifestData;
use crate::plugin::{Language, ManifestKind, Plugin};

/// A manifest as read from disk: parsed, or the finding that says why not.
pub(crate) struct ReadManifest {
    pub path: String,
    pub kind: ManifestKind,
    /// `Ok(None)`: a Cargo.toml without `[package]` (a virtual manifest).
    pub parsed: Result<Option<ManifestData>, Box<Finding>>,
}

/// The outcome of selection.
#[derive(Default)]
pub(crate) struct Selection {
    /// Sorted by name; names are unique.
    pub plugins: Vec<Plugin>,
    /// Plugins whose name an earlier plugin (by folder) already has; sorted by
    /// (name, folder). They are not graph nodes, but a dependent may resolve to one.
    pub duplicates: Vec<Plugin>,
    /// Folders whose files belong to no plugin of the graph (a broken or duplicate
    /// manifest): their files are not attributed to an enclosing plugin.
    pub claimed_without_plugin: Vec<String>,
    pub findings: Vec<Finding>,
}

/// Workspace member globs (`packages/*`, `!packages/skip`), matched against folders.
pub(crate) struct Workspace {
    include: GlobSet,
    exclude: GlobSet,
    /// The file that declares the workspace.
    pub declared_in: String,
}

impl Workspace {
    /// Builds the matcher; globs that do not compile are reported and left out.
    pub(crate) fn new(declared_in: &str, globs: &[String], findings: &mut Vec<Finding>) -> Self {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        for raw in globs {
            let (negated, pattern) = match raw.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, raw.as_str()),
            };
            let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
            match globset::GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
            {
                Ok(glob) => {
                    let target = if negated { &mut exclude } else { &mut include };
                    target.add(glob);
                }
                Err(error) => findings.push(
                    Finding::new(
                        Code::ManifestError,
                        format!("workspace glob {raw:?} does not parse: {error}"),
                    )
                    .at(Location::file_start(declared_in)),
                ),
            }
        }
        let build = |b: GlobSetBuilder| {
            b.build()
                .unwrap_or_else(|_| GlobSetBuilder::new().build().expect("empty set"))
        };
        Workspace {
            include: build(include),
            exclude: build(exclude),
            declared_in: declared_in.to_string(),
        }
    }

    pub(crate) fn is_member(&self, dir: &str) -> bool {
        self.include.is_match(dir) && !self.exclude.is_match(dir)
    }
}

/// The workspaces declared at the root: npm / pnpm (for package.json and plugin.json),
/// Cargo (for Cargo.toml) and go.work (for go.mod).
#[derive(Default)]
pub(crate) struct Workspaces {
    pub js: Option<Workspace>,
    pub cargo: Option<Workspace>,
    pub go: Option<Workspace>,
}

/// Chooses the plugins among the manifests (sorted by path). In one folder, plugin.json
/// wins over package.json, which wins over Cargo.toml, which wins over go.mod; the others
/// are passed over.
pub(crate) fn select(manifests: Vec<ReadManifest>, workspaces: &Workspaces) -> Selection {
    let mut selection = Selection::default();
    let mut by_dir: BTreeMap<String, Vec<ReadManifest>> = BTreeMap::new();
    for manifest in manifests {
        by_dir
            .entry(parent_dir(&manifest.path).to_string())
            .or_default()
            .push(manifest);
    }
    let mut candidates = Vec::new();
    for (dir, mut in_dir) in by_dir {
        in_dir.sort_by_key(|m| preference(m.kind));
        let mut chosen = false;
        for m in in_dir {
            let workspace = match m.kind {
                ManifestKind::CargoToml => workspaces.cargo.as_ref(),
                ManifestKind::PackageJson | ManifestKind::PluginJson => workspaces.js.as_ref(),
                ManifestKind::GoMod => workspaces.go.as_ref(),
            };
            let at_root = dir == ".";
            if let Some(w) = workspace.filter(|w| !w.is_member(&dir)) {
                // The root package.json declares an npm workspace and is no plugin; a root
                // Cargo package is a member of its own workspace.
                match m.kind {
                    ManifestKind::CargoToml if at_root => {}
                    ManifestKind::PackageJson if at_root => continue,
                    _ => {
                        let why = format!(
                            "not a member of the workspace declared in {}",
                            w.declared_in
                        );
                        selection.findings.push(skipped_finding(m.path, &why));
                        continue;
                    }
                }
            }
            if chosen {
                let why = "another manifest in this folder is the plugin's manifest";
                selection.findings.push(skipped_finding(m.path, why));
                continue;
            }
            let parsed = match m.parsed {
                Err(finding) => {
                    selection.findings.push(*finding);
                    selection.claimed_without_plugin.push(dir.clone());
                    chosen = true;
                    continue;
                }
                Ok(None) => {
                    if !(at_root && workspace.is_some()) {
                        let why =
                            "a Cargo.toml without [package] (a virtual manifest) is not a plugin";
                        selection.findings.push(skipped_finding(m.path, why));
                    }
                    continue;
                }
                Ok(Some(parsed)) => parsed,
            };
            let why = match (&parsed.name, &parsed.version, m.kind) {
                (Some(_), Some(_), _)
                | (
                    Some(_),
                    None,
                    ManifestKind::PackageJson | ManifestKind::CargoToml | ManifestKind::GoMod,
                ) => {
                    let mut parsed = parsed;
                    let name = parsed.name.as_ref().map_or("", |(n, _)| n.as_str());
                    let problems = std::mem::take(&mut parsed.problems);
                    selection
                        .findings
                        .extend(problems.into_iter().map(|f| f.plugin(name)));
                    candidates.push(plugin_of(&dir, m.path, m.kind, parsed));
                    chosen = true;
                    continue;
                }
                (_, _, ManifestKind::PluginJson) => {
                    "a plugin.json without a string `name` and `version` is not a plugin manifest"
                }
                (None, _, ManifestKind::PackageJson) if at_root && parsed.workspaces.is_some() => {
                    continue;
                }
                (None, _, ManifestKind::PackageJson) => {
                    "a package.json without a `name` is not a plugin"
                }
                (None, _, ManifestKind::CargoToml) => {
                    "a [package] without a `name` is not a plugin"
                }
                (None, _, ManifestKind::GoMod) => "a go.mod without a module path is not a plugin",
            };
            selection.findings.push(skipped_finding(m.path, why));
        }
    }
    // Duplicate names: the first by folder keeps the name.
    candidates.sort_by(|a, b| (&a.name, &a.dir).cmp(&(&b.name, &b.dir)));
    let mut plugins: Vec<Plugin> = Vec::with_capacity(candidates.len());
    for plugin in candidates {
        match plugins.last() {
            Some(first) if first.name == plugin.name => {
                selection.claimed_without_plugin.push(plugin.dir.clone());
                selection.duplicates.push(plugin);
            }
            _ => plugins.push(plugin),
        }
    }
    selection.plugins = plugins;
    selection
}

fn preference(kind: ManifestKind) -> u8 {
    match kind {
        ManifestKind::PluginJson => 0,
        ManifestKind::PackageJson => 1,
        ManifestKind::CargoToml => 2,
        ManifestKind::GoMod => 3,
    }
}

fn plugin_of(dir: &str, manifest: String, kind: ManifestKind, parsed: ManifestData) -> Plugin {
    let (name, name_span) = parsed.name.expect("checked by the caller");
    let (version, version_at) = parsed.version.unzip();
    Plugin {
        name,
        version,
        version_at,
        dir: dir.to_string(),
        manifest,
        manifest_kind: kind,
        language: match kind {
            ManifestKind::CargoToml => Language::Rust,
            ManifestKind::PackageJson | ManifestKind::PluginJson => Language::Javascript,
            ManifestKind::GoMod => Language::Go,
        },
        name_span,
        dependencies: parsed.dependencies,
        host_requirements: parsed.host_requirements,
        ignored: parsed.ignored,
        targets: parsed.targets,
        go: parsed.go,
        entry: parsed.entry,
        exports: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_globs_match_folders_one_level_deep() {
        let mut findings = Vec::new();
        let ws = Workspace::new(
            "package.json",
            &[
                "packages/*".into(),
                "./tools/**".into(),
                "!packages/skip".into(),
            ],
            &mut findings,
        );
        assert!(findings.is_empty());
        assert!(ws.is_member("packages/a"));
        assert!(!ws.is_member("packages/a/test/fixtures/x"));
        assert!(!ws.is_member("packages/skip"));
        assert!(ws.is_member("tools/x/y"));
        assert!(!ws.is_member("examples/demo"));
        assert!(!ws.is_member("."));
    }
}
