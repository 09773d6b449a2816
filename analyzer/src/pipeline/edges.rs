//! The resolve stage: turns each file's facts and each manifest's declarations into edges
//! between plugins (with their evidence), imports of packages outside the set, and the
//! findings that resolution itself reveals (`deep-import`, `unresolved-dynamic-import`,
//! `parse-error`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sources::SourceFile;
use crate::checks::Link;
use crate::checks::declared::{Usage, Usages};
use crate::exports::ExportTables;
use crate::extract::rust::{ReferenceKind, RustFacts};
use crate::extract::{FileFacts, ImportSyntax};
use crate::finding::{Code, Finding};
use crate::graph::{Edge, EdgeKind, Evidence};
use crate::location::{Location, Span};
use crate::plugin::{Dependency, DependencyKind, DependencySource, Language, Plugin};
use crate::resolve::{Resolution, Resolver};

/// Crates that come with Rust itself.
const RUST_BUILTINS: [&str; 5] = ["alloc", "core", "proc_macro", "std", "test"];

/// How one plugin imports one external package: the first runtime and dev imports.
#[derive(Default)]
pub(super) struct ExternalUse {
    pub builtin: bool,
    runtime: Option<(Location, String)>,
    dev: Option<(Location, String)>,
}

/// Imports of packages outside the set, per (plugin, package).
pub(super) type ExternalUses = BTreeMap<(usize, String), ExternalUse>;

/// Edges and external imports, built file by file.
pub(super) struct EdgeSet<'p> {
    plugins: &'p [Plugin],
    resolver: &'p Resolver<'p>,
    /// Every plugin's exports (symbol checks, inferred references).
    #[allow(dead_code)] // read by the symbol checks and inference being built (issue 5)
    tables: &'p ExportTables,
    /// Rust plugins by crate name (`my-plugin` → `my_plugin`).
    crates: HashMap<String, usize>,
    edges: BTreeMap<(usize, usize), Edge>,
    pub externals: ExternalUses,
}

impl<'p> EdgeSet<'p> {
    pub(super) fn new(
        plugins: &'p [Plugin],
        resolver: &'p Resolver<'p>,
        tables: &'p ExportTables,
    ) -> Self {
        let crates = plugins
            .iter()
            .enumerate()
            .filter(|(_, p)| p.language == Language::Rust)
            .map(|(i, p)| (p.name.replace('-', "_"), i))
            .collect();
        EdgeSet {
            plugins,
            resolver,
            tables,
            crates,
            edges: BTreeMap::new(),
            externals: BTreeMap::new(),
        }
    }

    /// The edges, each with its evidence sorted, as `(from, to, edge)`.
    pub(super) fn into_edges(self) -> (Vec<(usize, usize, Edge)>, ExternalUses) {
        let edges = self
            .edges
            .into_iter()
            .map(|((from, to), mut edge)| {
                edge.evidence.sort();
                edge.evidence.dedup();
                (from, to, edge)
            })
            .collect();
        (edges, self.externals)
    }

    fn add(&mut self, from: usize, to: usize, evidence: Evidence) {
        let plugins = self.plugins;
        let edge = self.edges.entry((from, to)).or_insert_with(|| Edge {
            from: plugins[from].name.clone(),
            to: plugins[to].name.clone(),
            kinds: BTreeSet::new(),
            req: None,
            evidence: Vec::new(),
        });
        edge.kinds.insert(evidence.kind);
        edge.evidence.push(evidence);
    }

    fn external(
        &mut self,
        from: usize,
        package: String,
        builtin: bool,
        dev: bool,
        at: Location,
        specifier: String,
    ) {
        let usage = self.externals.entry((from, package)).or_default();
        usage.builtin = builtin;
        let slot = if dev {
            &mut usage.dev
        } else {
            &mut usage.runtime
        };
        slot.get_or_insert((at, specifier));
    }

    /// The imports of one JavaScript file.
    pub(super) fn javascript(
        &mut self,
        source: &SourceFile,
        facts: FileFacts,
        findings: &mut Vec<Finding>,
    ) {
        let from = source.plugin;
        let plugins = self.plugins;
        let from_name = &plugins[from].name;
        if let Some(span) = facts.syntax_error {
            findings.push(parse_error(
                source,
                from_name,
                span,
                "syntax error: imports after it may be missed",
            ));
        }
        let kind = if source.dev {
            EdgeKind::ImportDev
        } else {
            EdgeKind::Import
        };
        for import in facts.imports {
            let Some(specifier) = import.specifier else {
                let call = if import.syntax == ImportSyntax::Require {
                    "require()"
                } else {
                    "import()"
                };
                findings.push(
                    Finding::new(
                        Code::UnresolvedDynamicImport,
                        format!("`{call}` of a computed specifier: plugdep cannot tell which plugin it loads"),
                    )
                    .plugin(from_name.clone())
                    .at(Location::new(&source.path, import.specifier_span))
                    .help("use a string literal, so that the dependency is visible to tools and bundlers"),
                );
                continue;
            };
            let at = Location::new(&source.path, import.span);
            let to = match self.resolver.resolve(from, &source.path, &specifier) {
                Resolution::Plugin { plugin, .. } => plugin,
                Resolution::DeepImport { plugin } => {
                    findings.push(deep_import(
                        source,
                        &plugins[from],
                        &plugins[plugin],
                        &specifier,
                        import.specifier_span,
                    ));
                    plugin
                }
                Resolution::External { package, builtin } => {
                    self.external(from, package, builtin, source.dev, at, specifier);
                    continue;
                }
                Resolution::Local => continue,
            };
            self.add(
                from,
                to,
                Evidence {
                    location: at,
                    kind,
                    specifier,
                    syntax: import.syntax.as_str().to_string(),
                    text: import.text,
                    confidence: None,
                },
            );
        }
    }

    /// The crate references of one Rust file: a first path segment names a dependency (by
    /// its extern name, renames included), another plugin's crate (undeclared), a crate
    /// that comes with Rust, an external crate — or, when the file defines or imports that
    /// name, nothing outside the crate.
    pub(super) fn rust(
        &mut self,
        source: &SourceFile,
        facts: RustFacts,
        findings: &mut Vec<Finding>,
    ) {
        let from = source.plugin;
        let plugins = self.plugins;
        let plugin = &plugins[from];
        if let Some(span) = facts.syntax_error {
            findings.push(parse_error(
                source,
                &plugin.name,
                span,
                "syn cannot parse this file: plugdep read its `use`, `extern crate` and paths token by token instead",
            ));
        }
        let own = plugin.name.replace('-', "_");
        for reference in facts.references {
            let name = &reference.name;
            // Crate names are snake_case; `Type::method` and `Enum::Variant` are not crates.
            let looks_like_crate = !name.chars().any(|c| c.is_ascii_uppercase());
            let local = !reference.leading_colon && facts.local_names.binary_search(name).is_ok();
            if *name == own || !looks_like_crate || local {
                continue;
            }
            let dev = source.dev || reference.dev;
            let at = Location::new(&source.path, reference.span);
            let dependency = plugin.dependencies.iter().find(|d| d.crate_name() == *name);
            let target = match dependency {
                Some(d) => target_of(d, self.resolver),
                None => self.crates.get(name).copied(),
            };
            match target {
                Some(to) => {
                    let kind = if dev {
                        EdgeKind::ImportDev
                    } else {
                        EdgeKind::Import
                    };
                    let syntax = match reference.kind {
                        ReferenceKind::Use => "use",
                        ReferenceKind::ExternCrate => "extern-crate",
                        ReferenceKind::Path => "path",
                        ReferenceKind::Macro => "macro",
                    };
                    self.add(
                        from,
                        to,
                        Evidence {
                            location: at,
                            kind,
                            specifier: reference.path,
                            syntax: syntax.to_string(),
                            text: reference.text,
                            confidence: None,
                        },
                    );
                }
                None => {
                    let package = dependency.map_or_else(|| name.clone(), |d| d.package.clone());
                    let builtin = dependency.is_none() && RUST_BUILTINS.contains(&name.as_str());
                    self.external(from, package, builtin, dev, at, reference.path);
                }
            }
        }
    }

    /// Adds the declared edges of plugin `from` and returns its links: each dependency
    /// and the plugin it names, if that plugin is in the set.
    pub(super) fn declared(&mut self, from: usize) -> Vec<Link> {
        let plugin = &self.plugins[from];
        let mut links = Vec::with_capacity(plugin.dependencies.len());
        for (index, dependency) in plugin.dependencies.iter().enumerate() {
            let target = target_of(dependency, self.resolver);
            links.push(Link {
                from,
                dependency: index,
                to: target,
            });
            let Some(to) = target else { continue };
            let kind = match dependency.kind {
                DependencyKind::Runtime | DependencyKind::Build => EdgeKind::DeclaredRuntime,
                DependencyKind::Peer => EdgeKind::DeclaredPeer,
                DependencyKind::Optional => EdgeKind::DeclaredOptional,
                DependencyKind::Dev => EdgeKind::DeclaredDev,
            };
            self.add(
                from,
                to,
                Evidence {
                    location: Location::new(&plugin.manifest, dependency.key_span),
                    kind,
                    specifier: dependency.key.clone(),
                    syntax: dependency.field.clone(),
                    text: dependency.text.clone(),
                    confidence: None,
                },
            );
            let edge = self.edges.get_mut(&(from, to)).expect("just added");
            if edge.req.is_none() {
                edge.req = Some(dependency.spec.clone());
            }
        }
        links
    }

    /// How plugin `from` uses external packages (built-ins left out), for the
    /// declared-versus-used check.
    pub(super) fn external_usages(&self, from: usize) -> Usages {
        self.externals
            .range((from, String::new())..)
            .take_while(|((p, _), _)| *p == from)
            .filter(|(_, usage)| !usage.builtin)
            .map(|((_, package), usage)| {
                let usage = Usage {
                    runtime: usage.runtime.clone(),
                    dev: usage.dev.clone(),
                    ..Default::default()
                };
                (package.clone(), usage)
            })
            .collect()
    }
}

/// The plugin a dependency names: by folder for a path dependency, else by package name.
fn target_of(dependency: &Dependency, resolver: &Resolver<'_>) -> Option<usize> {
    match &dependency.source {
        DependencySource::Path { dir, .. } => dir.as_deref().and_then(|d| resolver.plugin_at(d)),
        _ => resolver.plugin_named(&dependency.package),
    }
}

fn parse_error(source: &SourceFile, plugin: &str, span: Span, message: &str) -> Finding {
    Finding::new(Code::ParseError, message.to_string())
        .plugin(plugin.to_string())
        .at(Location::new(&source.path, span))
        .help("fix the syntax; plugdep kept the imports it could still read")
}

fn deep_import(
    source: &SourceFile,
    from: &Plugin,
    target: &Plugin,
    specifier: &str,
    span: Span,
) -> Finding {
    Finding::new(
        Code::DeepImport,
        format!(
            "{specifier:?} reaches into the folder of plugin {}",
            target.name
        ),
    )
    .plugin(from.name.clone())
    .subject(specifier.to_string())
    .edge(from.name.clone(), target.name.clone())
    .at(Location::new(&source.path, span))
    .related(
        Location::new(&target.manifest, target.name_span),
        format!("{} is the plugin of that folder", target.name),
    )
    .help(format!(
        "import it by name ({:?}, or a sub-path it exports) and declare the dependency",
        target.name
    ))
}
