//! The pipeline, one way: discover → parse (parallel) → resolve → graph → analyses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::checks::Link;
use crate::discover::{self, SourceEntry, skipped_finding};
use crate::extract::{self, FileFacts, ImportSyntax};
use crate::finding::{Code, Finding, Severity};
use crate::graph::{DependencyGraph, Edge, EdgeKind, Evidence};
use crate::location::Location;
use crate::manifest;
use crate::plugin::{DependencyKind, DependencySource, ManifestKind, Plugin};
use crate::resolve::{self, Resolution, Resolver};
use crate::select::{self, ReadManifest, Workspace};
use crate::{Analysis, Error, External, Options, analysis, checks};
use globset::{Glob, GlobSet, GlobSetBuilder};

/// Folder names that make the files under them dev files.
pub const DEV_DIRS: [&str; 5] = ["test", "tests", "__tests__", "fixtures", "examples"];

/// A source file attributed to a plugin.
struct SourceFile {
    path: String,
    plugin: usize,
    dev: bool,
}

pub(crate) fn analyze(root: &Path, options: &Options) -> Result<Analysis, Error> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(Error::RootNotADirectory(root.to_path_buf())),
        Err(source) if source.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::RootNotFound(root.to_path_buf()));
        }
        Err(source) => {
            return Err(Error::RootUnreadable {
                root: root.to_path_buf(),
                source,
            });
        }
    }
    if let Err(source) = std::fs::read_dir(root) {
        return Err(Error::RootUnreadable {
            root: root.to_path_buf(),
            source,
        });
    }
    let patterns = plugin_patterns(&options.plugin_patterns)?;
    let threads = options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::ThreadPool(e.to_string()))?;
    Ok(pool.install(|| run(root, threads, options, &patterns)))
}

fn plugin_patterns(patterns: &[String]) -> Result<GlobSet, Error> {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| Error::InvalidPattern {
            pattern: pattern.clone(),
            message: e.kind().to_string(),
        })?;
        set.add(glob);
    }
    set.build().map_err(|e| Error::InvalidPattern {
        pattern: patterns.join(" "),
        message: e.to_string(),
    })
}

/// How one plugin imports one external package: the first runtime and dev imports.
#[derive(Default)]
struct ExternalUse {
    builtin: bool,
    runtime: Option<(Location, String)>,
    dev: Option<(Location, String)>,
}

type ExternalUses = BTreeMap<(usize, String), ExternalUse>;

fn run(root: &Path, threads: usize, options: &Options, patterns: &GlobSet) -> Analysis {
    // discover
    let walked = discover::walk(root, threads, options.max_file_size);
    let mut findings = walked.skipped;
    let manifests: Vec<ReadManifest> = walked
        .manifests
        .par_iter()
        .map(|path| read_manifest(root, path))
        .collect();
    let workspace = workspace_of(root, &manifests, walked.pnpm_workspace, &mut findings);
    let selection = select::select(manifests, workspace.as_ref());
    findings.extend(selection.findings);
    let plugins = selection.plugins;
    let duplicates = selection.duplicates;
    let resolver = Resolver::new(
        plugins
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.name.as_str(), p.dir.as_str())),
        &selection.claimed_without_plugin,
    );
    let sources = attribute(&walked.sources, &plugins, &resolver);

    // parse (parallel, per file; the order of the results is the order of `sources`)
    let facts: Vec<Result<FileFacts, Box<Finding>>> = sources
        .par_iter()
        .map(|source| read_text(root, &source.path).map(|text| extract::javascript::extract(&text)))
        .collect();

    // resolve
    let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    let mut externals = ExternalUses::new();
    for (source, facts) in sources.iter().zip(facts) {
        let facts = match facts {
            Ok(facts) => facts,
            Err(finding) => {
                findings.push(finding.plugin(plugins[source.plugin].name.clone()));
                continue;
            }
        };
        resolve_file(
            source,
            facts,
            &plugins,
            &resolver,
            &mut edges,
            &mut externals,
            &mut findings,
        );
    }
    let mut links = Vec::new();
    for (index, plugin) in plugins.iter().enumerate() {
        links.extend(resolve_declared(
            index, plugin, &plugins, &resolver, &mut edges,
        ));
    }
    for link in links.iter().filter(|l| l.to.is_none()) {
        findings.extend(missing(&plugins[link.from], link.dependency, patterns));
    }
    let mut files_per_plugin = vec![0usize; plugins.len()];
    for source in &sources {
        files_per_plugin[source.plugin] += 1;
    }

    // graph
    let names: Vec<String> = plugins.iter().map(|p| p.name.clone()).collect();
    let graph = DependencyGraph::new(
        names.clone(),
        edges
            .into_iter()
            .map(|((from, to), mut edge)| {
                edge.evidence.sort();
                edge.evidence.dedup();
                (from, to, edge)
            })
            .collect(),
    );

    // analyses and checks
    let (cycles, cycle_findings) = checks::cycles::check(&graph);
    findings.extend(cycle_findings);
    let (version_findings, choices) = checks::versions::check_all(&plugins, &duplicates, &links);
    findings.extend(version_findings);
    findings.extend(checks::duplicates::check(&plugins, &duplicates, &choices));
    findings.extend(checks::host::check_all(&plugins, options.host.as_ref()));
    for (index, plugin) in plugins.iter().enumerate() {
        let has_sources = files_per_plugin[index] > 0;
        let usages = checks::declared::plugin_usages(&graph, index);
        findings.extend(checks::declared::check(plugin, &usages, has_sources, false));
        if options.check_externals {
            let own_links: Vec<Link> = links.iter().copied().filter(|l| l.from == index).collect();
            let mut usages = external_usages(&externals, index);
            checks::declared::add_external_declarations(&mut usages, plugin, &own_links);
            findings.extend(checks::declared::check(plugin, &usages, has_sources, true));
        }
    }
    let order = analysis::order::load_order(&graph.adjacency(Edge::is_runtime));
    let named = |nodes: &[usize]| nodes.iter().map(|&i| names[i].clone()).collect::<Vec<_>>();

    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    Analysis {
        load_order: named(&order.order),
        load_waves: order.waves.iter().map(|w| named(w)).collect(),
        plugins,
        graph,
        externals: externals
            .into_iter()
            .map(|((plugin, package), usage)| External {
                plugin: names[plugin].clone(),
                package,
                builtin: usage.builtin,
            })
            .collect(),
        cycles,
        findings,
        files: sources.len(),
    }
}

fn read_manifest(root: &Path, path: &str) -> ReadManifest {
    let kind = if path.ends_with("plugin.json") {
        ManifestKind::PluginJson
    } else {
        ManifestKind::PackageJson
    };
    let parsed =
        read_text(root, path).and_then(|text| manifest::parse_json_manifest(path, kind, &text));
    ReadManifest {
        path: path.to_string(),
        kind,
        parsed,
    }
}

/// The workspace declared at the root: package.json `workspaces`, else pnpm-workspace.yaml.
fn workspace_of(
    root: &Path,
    manifests: &[ReadManifest],
    pnpm: bool,
    findings: &mut Vec<Finding>,
) -> Option<Workspace> {
    let declared = manifests
        .iter()
        .find(|m| m.path == "package.json")
        .and_then(|m| m.parsed.as_ref().ok())
        .and_then(|m| m.workspaces.as_ref());
    if let Some(globs) = declared {
        return Some(Workspace::new("package.json", globs, findings));
    }
    if !pnpm {
        return None;
    }
    const PNPM: &str = "pnpm-workspace.yaml";
    match read_text(root, PNPM).and_then(|text| manifest::parse_pnpm_workspace(PNPM, &text)) {
        Ok(globs) => Some(Workspace::new(PNPM, &globs, findings)),
        Err(finding) => {
            findings.push(*finding);
            None
        }
    }
}

/// Gives each source file to the deepest plugin folder that holds it.
fn attribute(
    sources: &[SourceEntry],
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
) -> Vec<SourceFile> {
    sources
        .iter()
        .filter_map(|source| {
            let plugin = resolver.owner(&source.path)??;
            let dir = &plugins[plugin].dir;
            let inside = if dir == "." {
                source.path.as_str()
            } else {
                &source.path[dir.len() + 1..]
            };
            Some(SourceFile {
                path: source.path.clone(),
                plugin,
                dev: is_dev_file(inside),
            })
        })
        .collect()
}

/// Whether a path inside a plugin is a dev file: under a test, fixture or example folder,
/// or named `*.test.*` / `*.spec.*`.
pub(crate) fn is_dev_file(path_in_plugin: &str) -> bool {
    let (dirs, name) = path_in_plugin
        .rsplit_once('/')
        .unwrap_or(("", path_in_plugin));
    dirs.split('/').any(|d| DEV_DIRS.contains(&d))
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// Reads a text file of the root; bytes that are not UTF-8 are replaced, a binary file
/// (a NUL byte in its first 8 KiB) is skipped.
fn read_text(root: &Path, path: &str) -> Result<String, Box<Finding>> {
    let bytes = std::fs::read(root.join(path)).map_err(|e| {
        Box::new(skipped_finding(
            path.to_string(),
            &format!("unreadable: {e}"),
        ))
    })?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Box::new(skipped_finding(
            path.to_string(),
            "a binary file (it holds NUL bytes)",
        )));
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn edge_mut<'e>(
    edges: &'e mut BTreeMap<(usize, usize), Edge>,
    plugins: &[Plugin],
    from: usize,
    to: usize,
) -> &'e mut Edge {
    edges.entry((from, to)).or_insert_with(|| Edge {
        from: plugins[from].name.clone(),
        to: plugins[to].name.clone(),
        kinds: BTreeSet::new(),
        req: None,
        evidence: Vec::new(),
    })
}

#[allow(clippy::too_many_arguments)]
fn resolve_file(
    source: &SourceFile,
    facts: FileFacts,
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
    edges: &mut BTreeMap<(usize, usize), Edge>,
    externals: &mut ExternalUses,
    findings: &mut Vec<Finding>,
) {
    let from = source.plugin;
    let from_name = &plugins[from].name;
    if let Some(span) = facts.syntax_error {
        findings.push(
            Finding::new(
                Code::ParseError,
                "syntax error: imports after it may be missed".to_string(),
            )
            .plugin(from_name.clone())
            .at(Location::new(&source.path, span))
            .help("fix the syntax; plugdep kept the imports the parser could still read"),
        );
    }
    let kind = if source.dev {
        EdgeKind::ImportDev
    } else {
        EdgeKind::Import
    };
    for import in facts.imports {
        let Some(specifier) = import.specifier else {
            findings.push(
                Finding::new(
                    Code::UnresolvedDynamicImport,
                    format!(
                        "`{}` of a computed specifier: plugdep cannot tell which plugin it loads",
                        if import.syntax == ImportSyntax::Require {
                            "require()"
                        } else {
                            "import()"
                        }
                    ),
                )
                .plugin(from_name.clone())
                .at(Location::new(&source.path, import.specifier_span))
                .help(
                    "use a string literal, so that the dependency is visible to tools and bundlers",
                ),
            );
            continue;
        };
        let to = match resolver.resolve(from, &source.path, &specifier) {
            Resolution::Plugin { plugin, .. } => plugin,
            Resolution::DeepImport { plugin } => {
                let target = &plugins[plugin].name;
                findings.push(
                    Finding::new(
                        Code::DeepImport,
                        format!("{specifier:?} reaches into the folder of plugin {target}"),
                    )
                    .plugin(from_name.clone())
                    .edge(from_name.clone(), target.clone())
                    .at(Location::new(&source.path, import.specifier_span))
                    .related(
                        Location::new(&plugins[plugin].manifest, plugins[plugin].name_span),
                        format!("{target} is the plugin of that folder"),
                    )
                    .help(format!(
                        "import it by name ({target:?}, or a sub-path it exports) and declare the dependency"
                    )),
                );
                plugin
            }
            Resolution::External { package, builtin } => {
                let usage = externals.entry((from, package)).or_default();
                usage.builtin = builtin;
                let slot = if source.dev {
                    &mut usage.dev
                } else {
                    &mut usage.runtime
                };
                slot.get_or_insert_with(|| (Location::new(&source.path, import.span), specifier));
                continue;
            }
            Resolution::Local => continue,
        };
        let edge = edge_mut(edges, plugins, from, to);
        edge.kinds.insert(kind);
        edge.evidence.push(Evidence {
            location: Location::new(&source.path, import.span),
            kind,
            specifier,
            syntax: import.syntax.as_str(),
            text: import.text,
        });
    }
}

/// Adds the declared edges of `plugin` and returns its links: each dependency and the
/// plugin it names, if that plugin is in the set.
fn resolve_declared(
    from: usize,
    plugin: &Plugin,
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
    edges: &mut BTreeMap<(usize, usize), Edge>,
) -> Vec<Link> {
    let mut links = Vec::with_capacity(plugin.dependencies.len());
    for (index, dependency) in plugin.dependencies.iter().enumerate() {
        let target = match &dependency.source {
            DependencySource::Path { path } => {
                resolve::join(&plugin.dir, path).and_then(|dir| resolver.plugin_at(&dir))
            }
            _ => resolver.plugin_named(&dependency.package),
        };
        let kind = match dependency.kind {
            DependencyKind::Runtime => EdgeKind::DeclaredRuntime,
            DependencyKind::Peer => EdgeKind::DeclaredPeer,
            DependencyKind::Optional => EdgeKind::DeclaredOptional,
            DependencyKind::Dev => EdgeKind::DeclaredDev,
        };
        links.push(Link {
            from,
            dependency: index,
            to: target,
        });
        let Some(to) = target else { continue };
        let location = Location::new(&plugin.manifest, dependency.key_span);
        let edge = edge_mut(edges, plugins, from, to);
        edge.kinds.insert(kind);
        if edge.req.is_none() {
            edge.req = Some(dependency.spec.clone());
        }
        edge.evidence.push(Evidence {
            location,
            kind,
            specifier: dependency.key.clone(),
            syntax: dependency.kind.field(),
            text: format!("{:?}: {:?}", dependency.key, dependency.spec),
        });
    }
    links
}

fn external_usages(externals: &ExternalUses, plugin: usize) -> checks::declared::Usages {
    externals
        .range((plugin, String::new())..)
        .take_while(|((p, _), _)| *p == plugin)
        .filter(|(_, usage)| !usage.builtin)
        .map(|((_, package), usage)| {
            let usage = checks::declared::Usage {
                runtime: usage.runtime.clone(),
                dev: usage.dev.clone(),
                ..Default::default()
            };
            (package.clone(), usage)
        })
        .collect()
}

/// `missing-dependency` for a dependency that names no plugin of the set: always in a
/// plugin.json (it names plugins); in a package.json only when the name matches a plugin
/// pattern (otherwise it is an npm package).
fn missing(plugin: &Plugin, dependency: usize, patterns: &GlobSet) -> Option<Finding> {
    let dependency = &plugin.dependencies[dependency];
    let is_plugin_json = plugin.manifest_kind == ManifestKind::PluginJson;
    let severity = match dependency.kind {
        DependencyKind::Runtime | DependencyKind::Peer => Severity::Error,
        DependencyKind::Optional => Severity::Info,
        DependencyKind::Dev if is_plugin_json => Severity::Warning,
        DependencyKind::Dev => return None,
    };
    let is_path = matches!(dependency.source, DependencySource::Path { .. });
    if !is_plugin_json && (is_path || !patterns.is_match(&dependency.package)) {
        return None;
    }
    let location = Location::new(&plugin.manifest, dependency.key_span);
    Some(
        Finding::new(
            Code::MissingDependency,
            format!(
                "{} needs {} ({} {:?}), which is not in the plugin set",
                plugin.name,
                dependency.package,
                dependency.kind.field(),
                dependency.spec
            ),
        )
        .severity(severity)
        .plugin(plugin.name.clone())
        .at(location)
        .help(format!(
            "add the plugin {} to the set, or remove it from {}",
            dependency.package,
            dependency.kind.field()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::is_dev_file;

    #[test]
    fn dev_files() {
        for dev in [
            "test/a.js",
            "src/__tests__/a.js",
            "a.test.js",
            "x/a.spec.mjs",
            "examples/demo/i.js",
            "fixtures/f.js",
        ] {
            assert!(is_dev_file(dev), "{dev}");
        }
        for runtime in [
            "index.js",
            "src/testing.js",
            "src/latest/a.js",
            "contest.js",
        ] {
            assert!(!is_dev_file(runtime), "{runtime}");
        }
    }
}
