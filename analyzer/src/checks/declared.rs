//! Declared versus used: `undeclared-dependency` (imported but not declared; a dev
//! dependency imported from runtime code is a warning; used without an import — an
//! `inferred` edge, an error, or a `dynamic` candidate, a warning — and declared nowhere)
//! and `unused-dependency` (declared at runtime but used by no file: an inferred or
//! dynamic use counts as a use). Plugins always; external npm packages when asked.

use std::collections::BTreeMap;

use super::Link;
use crate::finding::{Code, Finding, Severity};
use crate::graph::{DependencyGraph, EdgeKind, Evidence};
use crate::location::Location;
use crate::plugin::{Dependency, DependencyKind, ManifestKind, Plugin};

/// How a plugin uses one package (a plugin of the set or an external one).
#[derive(Clone, Debug, Default)]
pub(crate) struct Usage {
    /// The first import from a runtime file, with its specifier.
    pub runtime: Option<(Location, String)>,
    /// The first import from a dev file.
    pub dev: Option<(Location, String)>,
    /// The first type-only import (`type` edges, from any file): erased at run time, it
    /// is satisfied by any declaration, dev included.
    pub types: Option<(Location, String)>,
    /// The first use found without an import (`inferred` edges: a free name only that
    /// plugin exports, a host-API call naming it), with a description of it.
    pub inferred: Option<(Location, String)>,
    /// The first dynamic import that may load it (`dynamic` edges), with a description.
    pub dynamic: Option<(Location, String)>,
    /// The declarations in the manifest, in manifest order.
    pub declared: Vec<DependencyKind>,
    /// The first declaration's key location.
    pub declared_at: Option<Location>,
}

/// Per plugin, per package name: its usage.
pub(crate) type Usages = BTreeMap<String, Usage>;

/// Usage of the plugins of the set, from the graph's edges.
pub(crate) fn plugin_usages(graph: &DependencyGraph, from: usize) -> Usages {
    let mut usages = Usages::new();
    let name = &graph.names()[from];
    // Edges are sorted by (from, to) in name order: this plugin's are one range.
    let edges = graph.edges();
    let start = edges.partition_point(|e| e.from < *name);
    let end = start + edges[start..].partition_point(|e| e.from == *name);
    for edge in edges[start..end].iter().filter(|e| e.to != *name) {
        let usage = usages.entry(edge.to.clone()).or_default();
        for evidence in &edge.evidence {
            // A Go host loads its plugins at run time (`plugin.Open`): a plugin is never
            // linked into its host, so the host's go.mod has nothing to declare.
            if evidence.syntax == super::build::PLUGIN_OPEN_SYNTAX {
                continue;
            }
            let slot = match evidence.kind {
                EdgeKind::Import => &mut usage.runtime,
                EdgeKind::ImportDev => &mut usage.dev,
                EdgeKind::Type => &mut usage.types,
                EdgeKind::Inferred | EdgeKind::Dynamic => {
                    let slot = if evidence.kind == EdgeKind::Inferred {
                        &mut usage.inferred
                    } else {
                        &mut usage.dynamic
                    };
                    slot.get_or_insert_with(|| (evidence.location.clone(), inferred_use(evidence)));
                    continue;
                }
                declared => {
                    usage.declared.push(match declared {
                        EdgeKind::DeclaredPeer => DependencyKind::Peer,
                        EdgeKind::DeclaredOptional => DependencyKind::Optional,
                        EdgeKind::DeclaredDev => DependencyKind::Dev,
                        _ => DependencyKind::Runtime,
                    });
                    usage
                        .declared_at
                        .get_or_insert_with(|| evidence.location.clone());
                    continue;
                }
            };
            slot.get_or_insert_with(|| (evidence.location.clone(), evidence.specifier.clone()));
        }
    }
    usages
}

/// How an inferred or dynamic use reads in a message.
fn inferred_use(evidence: &Evidence) -> String {
    match (evidence.kind, evidence.syntax.as_str()) {
        (EdgeKind::Dynamic, syntax) => format!(
            "a {} of the template `{}` may load it",
            syntax.replace('-', " "),
            evidence.specifier
        ),
        (_, "free-name") => format!(
            "it uses `{}`, which only that plugin exports, without an import",
            evidence.specifier
        ),
        (_, callee) => format!("it calls `{callee}` with {:?}", evidence.specifier),
    }
}

/// Adds the declarations that name no plugin of the set (external packages).
pub(crate) fn add_external_declarations(usages: &mut Usages, plugin: &Plugin, links: &[Link]) {
    for link in links.iter().filter(|l| l.to.is_none()) {
        let dependency: &Dependency = &plugin.dependencies[link.dependency];
        let usage = usages.entry(dependency.package.clone()).or_default();
        usage.declared.push(dependency.kind);
        usage
            .declared_at
            .get_or_insert_with(|| Location::new(&plugin.manifest, dependency.key_span));
    }
}

/// The findings for one plugin. `has_sources`: a plugin without source files is not
/// judged unused — there is no code to look at.
pub(crate) fn check(
    plugin: &Plugin,
    usages: &Usages,
    has_sources: bool,
    external: bool,
) -> Vec<Finding> {
    let what = if external {
        "the package"
    } else {
        "the plugin"
    };
    let (runtime_section, dev_section) = sections(plugin.manifest_kind);
    let mut findings = Vec::new();
    for (package, usage) in usages {
        let runtime_declared = usage.declared.iter().any(|k| *k != DependencyKind::Dev);
        let dev_declared = usage.declared.contains(&DependencyKind::Dev);
        let edge = |f: Finding| {
            let f = f.subject(package.clone());
            if external {
                f
            } else {
                f.edge(plugin.name.clone(), package.clone())
            }
        };
        if let Some((at, specifier)) = &usage.runtime {
            if runtime_declared {
                continue;
            }
            let finding = if dev_declared {
                Finding::new(
                    Code::UndeclaredDependency,
                    format!("{} imports {what} {package} from runtime code, but declares it only in {dev_section}", plugin.name),
                )
                .severity(Severity::Warning)
                .help(format!("move {package} from {dev_section} to {runtime_section}: an install for production leaves it out"))
            } else {
                Finding::new(
                    Code::UndeclaredDependency,
                    format!("{} imports {what} {package} ({specifier:?}) but does not declare it", plugin.name),
                )
                .help(format!("add {package} to the {runtime_section} of {}: it works now only by accident of what is installed or loaded", plugin.manifest))
            };
            let mut finding = edge(finding.plugin(plugin.name.clone()).at(at.clone()));
            if let Some(declared_at) = &usage.declared_at {
                finding = finding.related(
                    declared_at.clone(),
                    format!("{package} is declared here as a dev dependency"),
                );
            }
            findings.push(finding);
        } else if let Some((at, specifier)) = &usage.dev {
            if usage.declared.is_empty() {
                findings.push(edge(
                    Finding::new(
                        Code::UndeclaredDependency,
                        format!("{} imports {what} {package} ({specifier:?}) from dev files but declares it nowhere", plugin.name),
                    )
                    .plugin(plugin.name.clone())
                    .at(at.clone())
                    .help(format!("add {package} to the {dev_section} of {}", plugin.manifest)),
                ));
            }
        } else if let Some((at, how)) = usage.inferred.as_ref().or(usage.dynamic.as_ref()) {
            // A use no import shows: any declaration will do. Undeclared, it is an error
            // when inferred (as for an import) and a warning for a dynamic-import candidate
            // (the template may never load it).
            if usage.declared.is_empty() {
                let severity = if usage.inferred.is_some() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                findings.push(edge(
                    Finding::new(
                        Code::UndeclaredDependency,
                        format!("{} uses {what} {package} but does not declare it: {how}", plugin.name),
                    )
                    .severity(severity)
                    .plugin(plugin.name.clone())
                    .at(at.clone())
                    .help(format!("add {package} to the {runtime_section} of {}, so that it is installed and loaded first", plugin.manifest)),
                ));
            }
        } else if let Some((at, specifier)) = &usage.types {
            // Type-only: nothing fails to load, but the types resolve only by accident of
            // what is installed (a warning, not an error).
            if usage.declared.is_empty() {
                findings.push(edge(
                    Finding::new(
                        Code::UndeclaredDependency,
                        format!("{} imports types from {what} {package} ({specifier:?}) but declares it nowhere", plugin.name),
                    )
                    .severity(Severity::Warning)
                    .plugin(plugin.name.clone())
                    .at(at.clone())
                    .help(format!("add {package} to the {dev_section} of {} (to {runtime_section} if its published types refer to it)", plugin.manifest)),
                ));
            }
        } else if usage.declared.contains(&DependencyKind::Runtime)
            && has_sources
            && !is_ignored(plugin, package)
            && let Some(declared_at) = &usage.declared_at
        {
            {
                findings.push(edge(
                    Finding::new(
                        Code::UnusedDependency,
                        format!(
                            "{} declares {what} {package} in {runtime_section}, but no file imports it",
                            plugin.name
                        ),
                    )
                    .plugin(plugin.name.clone())
                    .at(declared_at.clone())
                    .help(format!(
                        "remove {package} from {runtime_section}, or import it where it is used"
                    )),
                ));
            }
        }
    }
    findings
}

/// Where a manifest of this kind declares runtime and dev dependencies, as its users
/// call the sections.
fn sections(kind: ManifestKind) -> (&'static str, &'static str) {
    match kind {
        ManifestKind::PackageJson | ManifestKind::PluginJson => ("dependencies", "devDependencies"),
        ManifestKind::CargoToml => ("[dependencies]", "[dev-dependencies]"),
        // go.mod has one list: a test-only requirement sits in `require` too.
        ManifestKind::GoMod => ("require lines", "require lines"),
    }
}

/// Whether `[package.metadata.plugdep] ignored` names `package` (by package name, or by the
/// dependency key that names it; hyphens and underscores alike, as Cargo treats them).
fn is_ignored(plugin: &Plugin, package: &str) -> bool {
    let normal = |s: &str| s.replace('-', "_");
    // A go.mod `require … // indirect` is there for the build list, not for this module's
    // code: nothing imports it by design.
    let indirect = |d: &Dependency| d.field == crate::manifest::gomod::INDIRECT_FIELD;
    if plugin
        .dependencies
        .iter()
        .any(|d| d.package == package && indirect(d))
    {
        return true;
    }
    plugin.ignored.iter().any(|(ignored, _)| {
        normal(ignored) == normal(package)
            || plugin
                .dependencies
                .iter()
                .any(|d| d.package == package && normal(&d.key) == normal(ignored))
    })
}

/// An `ignored` entry that silences nothing: it names no declared dependency, or one that
/// code imports anyway (info, so that the list shrinks when the macro use goes away).
pub(crate) fn check_ignored(plugin: &Plugin, plugins: &Usages, externals: &Usages) -> Vec<Finding> {
    let normal = |s: &str| s.replace('-', "_");
    plugin
        .ignored
        .iter()
        .filter_map(|(ignored, span)| {
            let dependency = plugin.dependencies.iter().find(|d| {
                d.kind == DependencyKind::Runtime
                    && (normal(&d.key) == normal(ignored) || normal(&d.package) == normal(ignored))
            });
            let why = match dependency {
                None => format!("{ignored} is not a runtime dependency of {}", plugin.name),
                Some(d) => {
                    let usage = plugins
                        .get(&d.package)
                        .or_else(|| externals.get(&d.package));
                    if usage.is_some_and(|u| {
                        u.runtime.is_some()
                            || u.dev.is_some()
                            || u.types.is_some()
                            || u.inferred.is_some()
                            || u.dynamic.is_some()
                    }) {
                        format!("{} imports {ignored}, so it is not unused", plugin.name)
                    } else {
                        return None;
                    }
                }
            };
            Some(
                Finding::new(
                    Code::UnusedDependency,
                    format!("the `ignored` entry {ignored:?} silences nothing: {why}"),
                )
                .severity(Severity::Info)
                .plugin(plugin.name.clone())
                .at(Location::new(&plugin.manifest, *span))
                .help(format!(
                    "remove {ignored:?} from [package.metadata.plugdep] ignored"
                )),
            )
        })
        .collect()
}
