//! `build-mismatch`: a Go host and a plugin it opens (`plugin.Open`) built incompatibly;
//! and `invalid-version` for the go.mod versions the go command refuses that the generic
//! range check does not see ([`module_versions`]).
//!
//! The Go runtime refuses a plugin unless every package the host and the plugin share was
//! built from the same source by the same toolchain: `plugin.Open` fails with "plugin was
//! built with a different version of package …". Both are visible in the go.mod files:
//!
//! - **The toolchain.** Each module asks for at least the Go of its `go` line and of its
//!   `toolchain` line (whichever is later: with `GOTOOLCHAIN=auto` the go command switches
//!   to it). When the host's and the plugin's differ, building each in its own folder can
//!   use two toolchains, and then every standard package differs. Two modules whose `go`
//!   lines differ but whose `toolchain` lines make them ask for the same Go are consistent.
//! - **Module versions.** Each side's build list is computed as minimal version selection
//!   does — the highest version any requirement names — over the go.mod files present in
//!   ROOT: the main module's, then those of the modules it requires that are in ROOT (by a
//!   `replace` to a folder, or by module path), and so on. A module in both build lists
//!   must come from the same place: the same version, the same replacement, or the same
//!   folder. The host's own module, required by a plugin from a registry version while the
//!   host builds it from its folder, is the classic case.
//!
//! Only the main module's `replace` lines apply, as in the go command. A module found in
//! ROOT by its path stands for every version of it (its tags are not visible statically),
//! so its go.mod is taken as the one of the version required: true for folders replaced
//! locally and for monorepos that tag from the same tree. `exclude` lines are not applied
//! (what the go command selects then depends on the registry).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::finding::{Code, Finding};
use crate::location::Location;
use crate::manifest::gomod::{GoModule, GoReplacement, replacement};
use crate::plugin::Plugin;
use crate::resolve::Resolver;
use crate::versions::go::{GoVersion, Version, from_toolchain, path_major_allows};

/// The evidence syntax of a `plugin.Open` edge (an `inferred` edge that needs no
/// declaration: a plugin is loaded, not linked).
pub(crate) const PLUGIN_OPEN_SYNTAX: &str = "plugin-open";

/// A host that opens a plugin with `plugin.Open`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Opened {
    /// The host (the module whose code calls `plugin.Open`).
    pub host: usize,
    /// The plugin it opens.
    pub plugin: usize,
    /// The `plugin.Open` call.
    pub at: Location,
}

/// Where a module's packages come from in one build.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    /// A version from the registry (canonical).
    Version(String),
    /// A folder: the main module's own, or a `replace` to one (relative to the root when
    /// inside it, else as written).
    Folder(String),
    /// Another module at a version (`replace m => fork v1.0.0`).
    Module(String, String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Version(v) => f.write_str(v),
            Source::Folder(dir) => write!(f, "from the folder {dir}"),
            Source::Module(path, version) => write!(f, "replaced by {path} {version}"),
        }
    }
}

/// One module of a build list: where it comes from, and the go.mod line that decides it.
#[derive(Clone, Debug)]
struct Selected {
    source: Source,
    at: Location,
    /// The module whose go.mod holds that line, when it is not the main module.
    through: Option<String>,
}

/// The `build-mismatch` findings of every (host, plugin) pair, in pair order.
pub(crate) fn check(
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
    opened: &[Opened],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen = HashSet::new();
    for open in opened {
        if open.host == open.plugin || !seen.insert((open.host, open.plugin)) {
            continue;
        }
        let (host, plugin) = (&plugins[open.host], &plugins[open.plugin]);
        let (Some(host_mod), Some(plugin_mod)) = (host.go.as_deref(), plugin.go.as_deref()) else {
            continue;
        };
        findings.extend(toolchain(host, host_mod, plugin, plugin_mod, &open.at));
        let host_list = build_list(open.host, plugins, resolver);
        let plugin_list = build_list(open.plugin, plugins, resolver);
        for (module, theirs) in &plugin_list {
            let Some(ours) = host_list.get(module) else {
                continue;
            };
            if ours.source != theirs.source {
                findings.push(version_mismatch(
                    host, plugin, module, ours, theirs, &open.at,
                ));
            }
        }
    }
    findings
}

/// `invalid-version` for go.mod versions the generic range check does not see: a valid
/// version whose major version the module path refuses (`example.com/m/v2 v1.0.0`,
/// `example.com/m v2.0.0` without `+incompatible`), and the versions of `exclude` lines
/// and of the left-hand side of `replace` lines. The go command refuses such a file.
pub(crate) fn module_versions(plugins: &[Plugin]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for plugin in plugins {
        let Some(module) = plugin.go.as_deref() else {
            continue;
        };
        let requires = module.requires.iter().map(|r| (r, true));
        let excludes = module.excludes.iter().map(|r| (r, false));
        for (line, is_require) in requires.chain(excludes) {
            let at = Location::new(&plugin.manifest, line.version_span);
            match Version::parse(&line.version) {
                // An invalid `require` version is the generic check's.
                None if is_require => {}
                None => findings.push(invalid(plugin, &line.path, &line.version, at, None)),
                Some(v) if !path_major_allows(&line.path, &v) => {
                    findings.push(invalid(plugin, &line.path, &line.version, at, Some(&v)));
                }
                Some(_) => {}
            }
        }
        for replace in &module.replaces {
            let Some(version) = &replace.version else {
                continue;
            };
            let at = Location::new(&plugin.manifest, replace.path_span);
            match Version::parse(version) {
                None => findings.push(invalid(plugin, &replace.path, version, at, None)),
                Some(v) if !path_major_allows(&replace.path, &v) => {
                    findings.push(invalid(plugin, &replace.path, version, at, Some(&v)));
                }
                Some(_) => {}
            }
        }
    }
    findings
}

fn invalid(
    plugin: &Plugin,
    path: &str,
    version: &str,
    at: Location,
    parsed: Option<&Version>,
) -> Finding {
    let (message, help) = match parsed {
        None => (
            format!("the version {version:?} for {path} is not a valid Go version"),
            "a go.mod version is semver with a `v`: v1.4.0, v2.0.0+incompatible, or a pseudo-version".to_string(),
        ),
        Some(v) => (
            format!(
                "{path} {version}: the module path does not allow major version v{}",
                v.major()
            ),
            "a module's major version 2 or above is part of its path (example.com/m/v2 v2.1.0); v0 and v1 go without a suffix; a v2+ module without go.mod takes +incompatible (example.com/m v2.0.0+incompatible)".to_string(),
        ),
    };
    Finding::new(Code::InvalidVersion, message)
        .plugin(plugin.name.clone())
        .subject(path.to_string())
        .at(at)
        .help(help)
}

/// The later of a module's `go` and `toolchain` lines: the Go it asks for, with the line.
fn wanted_go(plugin: &Plugin, module: &GoModule) -> Option<(GoVersion, Location, &'static str)> {
    let go = module.go.as_ref().and_then(|(v, span)| {
        GoVersion::parse(v).map(|v| (v, Location::new(&plugin.manifest, *span), "go"))
    });
    let toolchain = module.toolchain.as_ref().and_then(|(name, span)| {
        from_toolchain(name).map(|v| (v, Location::new(&plugin.manifest, *span), "toolchain"))
    });
    match (go, toolchain) {
        (Some(go), Some(toolchain)) if toolchain.0 > go.0 => Some(toolchain),
        (Some(go), _) => Some(go),
        (None, toolchain) => toolchain,
    }
}

fn toolchain(
    host: &Plugin,
    host_mod: &GoModule,
    plugin: &Plugin,
    plugin_mod: &GoModule,
    open_at: &Location,
) -> Option<Finding> {
    let (ours, our_at, our_line) = wanted_go(host, host_mod)?;
    let (theirs, their_at, their_line) = wanted_go(plugin, plugin_mod)?;
    if ours == theirs {
        return None;
    }
    Some(
        Finding::new(
            Code::BuildMismatch,
            format!(
                "plugin {} asks for Go {theirs} ({their_line} line) and its host {} for Go {ours} ({our_line} line): built with different toolchains, plugin.Open fails with \"plugin was built with a different version of package runtime/…\"",
                plugin.name, host.name
            ),
        )
        .plugin(plugin.name.clone())
        .edge(host.name.clone(), plugin.name.clone())
        .subject("go".to_string())
        .at(their_at)
        .related(our_at, format!("{} asks for Go {ours} here", host.name))
        .related(open_at.clone(), format!("{} opens {} here", host.name, plugin.name))
        .help(format!(
            "give both go.mod files the same `go` and `toolchain` lines (go {ours} or go {theirs}), and build the host and its plugins with the same Go installation"
        )),
    )
}

fn version_mismatch(
    host: &Plugin,
    plugin: &Plugin,
    module: &str,
    ours: &Selected,
    theirs: &Selected,
    open_at: &Location,
) -> Finding {
    let through = |s: &Selected| match &s.through {
        Some(m) => format!(" (required by {m})"),
        None => String::new(),
    };
    Finding::new(
        Code::BuildMismatch,
        format!(
            "plugin {} uses {module} {}{}, its host {} uses it {}{}: plugin.Open fails with \"plugin was built with a different version of package {module}…\"",
            plugin.name,
            theirs.source,
            through(theirs),
            host.name,
            ours.source,
            through(ours),
        ),
    )
    .plugin(plugin.name.clone())
    .edge(host.name.clone(), plugin.name.clone())
    .subject(module.to_string())
    .at(theirs.at.clone())
    .related(
        ours.at.clone(),
        format!("{} uses {module} {}", host.name, ours.source),
    )
    .related(open_at.clone(), format!("{} opens {} here", host.name, plugin.name))
    .help(format!(
        "make {module} come from the same place on both sides: require the same version in both go.mod files (`go get {module}@VERSION`), with the same `replace`, then rebuild the host and the plugin"
    ))
}

/// The build list of the Go module `main` over the go.mod files present in ROOT: each
/// module path with where its packages come from.
fn build_list(
    main: usize,
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
) -> BTreeMap<String, Selected> {
    let Some(main_mod) = plugins[main].go.as_deref() else {
        return BTreeMap::new();
    };
    let replaces = &main_mod.replaces;
    // path → (highest version, its line, the module whose go.mod has the line)
    let mut highest: BTreeMap<String, (Version, Location, Option<String>)> = BTreeMap::new();
    let mut visited = BTreeSet::from([main]);
    let mut queue = vec![main];
    while let Some(current) = queue.pop() {
        let plugin = &plugins[current];
        let Some(module) = plugin.go.as_deref() else {
            continue;
        };
        let through = (current != main).then(|| plugin.name.clone());
        for require in &module.requires {
            let Some(version) = Version::parse(&require.version) else {
                continue; // an invalid-version finding says why
            };
            let at = Location::new(&plugin.manifest, require.version_span);
            let higher = highest
                .get(&require.path)
                .is_none_or(|(known, _, _)| version > *known);
            if higher {
                highest.insert(require.path.clone(), (version, at, through.clone()));
            }
            // Its go.mod, when it is in ROOT: the replacement's folder, or by path.
            let replaced = replacement(replaces, &require.path, &require.version);
            let local = match replaced.map(|r| &r.target) {
                Some(GoReplacement::Dir { dir, .. }) => {
                    dir.as_deref().and_then(|d| resolver.plugin_at(d))
                }
                Some(GoReplacement::Module { path, .. }) => resolver.plugin_named(path),
                None => resolver.plugin_named(&require.path),
            };
            if let Some(local) = local
                && plugins[local].go.is_some()
                && visited.insert(local)
            {
                queue.push(local);
            }
        }
    }
    let mut list: BTreeMap<String, Selected> = highest
        .into_iter()
        .filter(|(path, _)| *path != main_mod.path.0)
        .map(|(path, (version, at, through))| {
            let replaced = replacement(replaces, &path, &version.canonical());
            let source = match replaced.map(|r| &r.target) {
                Some(GoReplacement::Dir { dir, written }) => {
                    Source::Folder(dir.clone().unwrap_or_else(|| written.clone()))
                }
                Some(GoReplacement::Module { path, version }) => Source::Module(
                    path.clone(),
                    Version::parse(version).map_or_else(|| version.clone(), |v| v.canonical()),
                ),
                None => Source::Version(version.canonical()),
            };
            // A replacement is decided by the main module's `replace` line.
            let (at, through) = match replaced {
                Some(r) => (Location::new(&plugins[main].manifest, r.target_span), None),
                None => (at, through),
            };
            (
                path,
                Selected {
                    source,
                    at,
                    through,
                },
            )
        })
        .collect();
    // The main module itself: built from its own folder.
    list.insert(
        main_mod.path.0.clone(),
        Selected {
            source: Source::Folder(plugins[main].dir.clone()),
            at: Location::new(&plugins[main].manifest, main_mod.path.1),
            through: None,
        },
    );
    list
}

#[cfg(test)]
mod tests {
    use crate::finding::Code;

    const HOST_MAIN: &str = "package main\n\nimport \"plugin\"\n\nfunc main() {\n\tp, _ := plugin.Open(\"p.so\")\n\t_ = p\n}\n";
    const PLUGIN_MAIN: &str = "package main\n\n// Run is a symbol.\nfunc Run() {}\n";

    /// The build-mismatch and invalid-version findings of a host and a plugin `p` with
    /// these go.mod files: (code, file:line:column, subject).
    fn scan(host_mod: &str, plugin_mod: &str) -> Vec<(Code, String, String)> {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("host/go.mod", host_mod);
        write("host/main.go", HOST_MAIN);
        write("plugins/p/go.mod", plugin_mod);
        write("plugins/p/main.go", PLUGIN_MAIN);
        let analysis = crate::analyze(dir.path(), &Default::default()).unwrap();
        analysis
            .findings()
            .iter()
            .filter(|f| matches!(f.code, Code::BuildMismatch | Code::InvalidVersion))
            .map(|f| {
                let at = f.location.as_ref().unwrap();
                (
                    f.code,
                    format!("{}:{}:{}", at.file, at.line, at.column),
                    f.subject.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    fn mismatch(at: &str, subject: &str) -> (Code, String, String) {
        (Code::BuildMismatch, at.to_string(), subject.to_string())
    }

    #[test]
    fn module_replacements_compare_by_what_replaces() {
        let host = "module example.com/host\n\ngo 1.22\n\nrequire example.com/api v1.0.0\n\nreplace example.com/api => example.com/fork v1.1.0\n";
        let same = "module example.com/p\n\ngo 1.22\n\nrequire example.com/api v1.0.0\n\nreplace example.com/api v1.0.0 => example.com/fork v1.1\n";
        assert_eq!(scan(host, same), []);
        let other = "module example.com/p\n\ngo 1.22\n\nrequire example.com/api v1.0.0\n\nreplace example.com/api => example.com/fork v1.2.0\n";
        assert_eq!(
            scan(host, other),
            [mismatch("plugins/p/go.mod:7:28", "example.com/api")]
        );
        let unreplaced = "module example.com/p\n\ngo 1.22\n\nrequire example.com/api v1.0.0\n";
        assert_eq!(
            scan(host, unreplaced),
            [mismatch("plugins/p/go.mod:5:25", "example.com/api")]
        );
    }

    #[test]
    fn a_plugin_requiring_its_host_must_build_it_from_the_host_folder() {
        let host = "module example.com/host\n\ngo 1.22\n";
        let registry = "module example.com/p\n\ngo 1.22\n\nrequire example.com/host v1.0.0\n";
        assert_eq!(
            scan(host, registry),
            [mismatch("plugins/p/go.mod:5:26", "example.com/host")]
        );
        let local = "module example.com/p\n\ngo 1.22\n\nrequire example.com/host v1.0.0\n\nreplace example.com/host => ../../host\n";
        assert_eq!(scan(host, local), []);
    }

    #[test]
    fn toolchains_compare_by_the_go_each_module_asks_for() {
        let host = "module example.com/host\n\ngo 1.22.0\n\ntoolchain default\n";
        assert_eq!(scan(host, "module example.com/p\n\ngo 1.22.0\n"), []);
        let newer = "module example.com/p\n\ngo 1.22.0\n\ntoolchain go1.22.3\n";
        assert_eq!(scan(host, newer), [mismatch("plugins/p/go.mod:5:11", "go")]);
    }

    #[test]
    fn versions_the_module_path_refuses() {
        let host = "module example.com/host\n\ngo 1.22\n\nrequire example.com/m/v2 v1.0.0\n\nexclude example.com/x v1.0\n\nreplace example.com/y 1.0.0 => ./y\n";
        let found = scan(host, "module example.com/p\n\ngo 1.22\n");
        let invalid =
            |at: &str, subject: &str| (Code::InvalidVersion, at.to_string(), subject.to_string());
        assert_eq!(
            found,
            [
                invalid("host/go.mod:5:26", "example.com/m/v2"),
                invalid("host/go.mod:9:9", "example.com/y"),
            ]
        );
    }
}
