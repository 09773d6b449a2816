//! The resolve stage: turns each file's facts and each manifest's declarations into edges
//! between plugins (with their evidence), imports of packages outside the set, and the
//! findings that resolution itself reveals (`deep-import`, `unresolved-dynamic-import`,
//! `parse-error`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sources::SourceFile;
use crate::checks::Link;
use crate::checks::declared::{Usage, Usages};
use crate::checks::inferred::{self, BUILTIN_CALLS, Referent};
use crate::checks::symbols::{JsUse, RustUse, SymbolUse};
use crate::exports::ExportTables;
use crate::extract::rust::{ReferenceKind, RustFacts};
use crate::extract::{Call, FileFacts, FreeName, Import, ImportSyntax};
use crate::finding::{Code, Finding};
use crate::graph::{Confidence, Edge, EdgeKind, Evidence};
use crate::location::{Location, Span};
use crate::plugin::{Dependency, DependencyKind, DependencySource, Language, Plugin};
use crate::resolve::{Resolution, Resolver};

/// Crates that come with Rust itself.
const RUST_BUILTINS: [&str; 5] = ["alloc", "core", "proc_macro", "std", "test"];

/// How one plugin imports one external package: the first runtime, dev and type-only
/// imports.
#[derive(Default)]
pub(super) struct ExternalUse {
    pub builtin: bool,
    runtime: Option<(Location, String)>,
    dev: Option<(Location, String)>,
    types: Option<(Location, String)>,
}

/// Imports of packages outside the set, per (plugin, package).
pub(super) type ExternalUses = BTreeMap<(usize, String), ExternalUse>;

/// Edges and external imports, built file by file.
pub(super) struct EdgeSet<'p> {
    plugins: &'p [Plugin],
    resolver: &'p Resolver<'p>,
    /// Every plugin's exports (symbol checks, inferred references).
    tables: &'p ExportTables,
    /// Rust plugins by crate name (`my-plugin` → `my_plugin`).
    crates: HashMap<String, usize>,
    edges: BTreeMap<(usize, usize), Edge>,
    pub externals: ExternalUses,
    /// `--include-type-edges`: type-only imports make `import` / `import-dev` edges.
    include_type_edges: bool,
    /// Imports of other plugins, for the symbol and sub-path checks.
    uses: Vec<SymbolUse>,
    /// Host-API calls whose argument names a plugin: (callee, argument index), sorted.
    infer_calls: Vec<(String, usize)>,
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
            include_type_edges: false,
            uses: Vec::new(),
            infer_calls: BUILTIN_CALLS
                .iter()
                .map(|&(callee, arg)| (callee.to_string(), arg))
                .collect(),
        }
    }

    /// Adds plugdep.toml's `[[infer.call]]` patterns to the built-in ones.
    pub(super) fn with_infer_calls(mut self, calls: &[crate::config::InferCall]) -> Self {
        let configured = calls.iter().map(|c| (c.callee.clone(), c.arg));
        self.infer_calls.extend(configured);
        self.infer_calls.sort();
        self.infer_calls.dedup();
        self
    }

    /// The imports of other plugins seen so far, for [`crate::checks::symbols`].
    pub(super) fn take_uses(&mut self) -> Vec<SymbolUse> {
        std::mem::take(&mut self.uses)
    }

    /// Counts type-only imports as runtime (`import`, `import-dev`) rather than `type`.
    pub(super) fn with_type_edges(mut self, include: bool) -> Self {
        self.include_type_edges = include;
        self
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

    /// Adds one piece of evidence to the edge `from → to` (also used by [`super::golang`]).
    pub(super) fn add(&mut self, from: usize, to: usize, evidence: Evidence) {
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

    /// Records a use of a package outside the set (also used by [`super::golang`]).
    pub(super) fn external(
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

    /// A type-only import of an external package. It is recorded under `@types/NAME` when
    /// the plugin declares that and not NAME (DefinitelyTyped's convention, `@types/s__n`
    /// for `@s/n`), so that `/// <reference types="node" />` uses `@types/node`.
    fn external_type(
        &mut self,
        from: usize,
        package: String,
        builtin: bool,
        at: Location,
        specifier: String,
    ) {
        let dependencies = &self.plugins[from].dependencies;
        let declares = |name: &str| dependencies.iter().any(|d| d.package == name);
        let types = format!(
            "@types/{}",
            package.trim_start_matches('@').replace('/', "__")
        );
        let package = if !declares(&package) && declares(&types) {
            types
        } else {
            package
        };
        let usage = self.externals.entry((from, package)).or_default();
        usage.builtin = builtin;
        usage.types.get_or_insert((at, specifier));
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
            // Erased at run time (`import type`, `.d.ts`): a `type` edge, from dev files
            // too, unless the run counts types as runtime.
            let kind = if import.type_only && !self.include_type_edges {
                EdgeKind::Type
            } else {
                kind
            };
            let Some(specifier) = import.specifier else {
                self.unresolved_dynamic(source, &import, findings);
                continue;
            };
            let at = Location::new(&source.path, import.span);
            let to = match self.resolver.resolve(from, &source.path, &specifier) {
                Resolution::Plugin { plugin, subpath } => {
                    self.uses.push(SymbolUse::Js(JsUse {
                        from,
                        to: plugin,
                        file: source.path.clone(),
                        specifier: specifier.clone(),
                        subpath,
                        syntax: import.syntax,
                        names: import.names.clone(),
                        type_only: import.type_only,
                        span: import.span,
                        specifier_span: import.specifier_span,
                        text: import.text.clone(),
                    }));
                    plugin
                }
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
                    if kind == EdgeKind::Type {
                        self.external_type(from, package, builtin, at, specifier);
                    } else {
                        self.external(from, package, builtin, source.dev, at, specifier);
                    }
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
        self.inferred(source, facts.free_names, facts.calls, findings);
    }

    /// An `import()` / `require()` whose specifier is not a literal:
    /// `unresolved-dynamic-import`, and for a template a `dynamic` edge (confidence low) to
    /// each plugin it may load ([`inferred::template_candidates`]), listed on the finding.
    fn unresolved_dynamic(
        &mut self,
        source: &SourceFile,
        import: &Import,
        findings: &mut Vec<Finding>,
    ) {
        let from = source.plugin;
        let plugins = self.plugins;
        let call = if import.syntax == ImportSyntax::Require {
            "require()"
        } else {
            "import()"
        };
        let mut candidates = Vec::new();
        if let Some(template) = &import.template {
            let names = plugins.iter().map(|p| (p.name.as_str(), p.dir.as_str()));
            candidates =
                inferred::template_candidates(template, &source.path, from, names, self.resolver);
            for &to in &candidates {
                let evidence = Evidence {
                    location: Location::new(&source.path, import.span),
                    kind: EdgeKind::Dynamic,
                    specifier: template.clone(),
                    syntax: import.syntax.as_str().to_string(),
                    text: import.text.clone(),
                    confidence: Some(Confidence::Low),
                };
                self.add(from, to, evidence);
            }
        }
        let candidates: Vec<&Plugin> = candidates.iter().map(|&i| &plugins[i]).collect();
        findings.push(inferred::unresolved_dynamic_import(
            &plugins[from],
            call,
            import.template.as_deref(),
            &candidates,
            Location::new(&source.path, import.specifier_span),
        ));
    }

    /// The uses of other plugins in one JavaScript / TypeScript file that no import shows:
    /// free names that other plugins export (confidence medium), and host-API calls whose
    /// literal argument names a plugin (confidence high). See [`crate::checks::inferred`].
    fn inferred(
        &mut self,
        source: &SourceFile,
        free_names: Vec<FreeName>,
        calls: Vec<Call>,
        findings: &mut Vec<Finding>,
    ) {
        let from = source.plugin;
        let plugins = self.plugins;
        let is_javascript = |i: usize| plugins[i].language == Language::Javascript;
        for free in free_names {
            let at = Location::new(&source.path, free.span);
            match inferred::referent(from, self.tables.exporters_of(&free.name), is_javascript) {
                Referent::Nothing => {}
                Referent::One(to) => {
                    findings.push(inferred::free_name_reference(
                        &plugins[from],
                        &plugins[to],
                        &free.name,
                        at.clone(),
                    ));
                    let evidence = Evidence {
                        location: at,
                        kind: EdgeKind::Inferred,
                        specifier: free.name,
                        syntax: "free-name".to_string(),
                        text: free.text,
                        confidence: Some(Confidence::Medium),
                    };
                    self.add(from, to, evidence);
                }
                Referent::Several(exporters) => {
                    let exporters: Vec<&Plugin> = exporters.iter().map(|&i| &plugins[i]).collect();
                    findings.push(inferred::ambiguous_reference(
                        &plugins[from],
                        &exporters,
                        &free.name,
                        at,
                    ));
                }
            }
        }
        for call in calls {
            let indices: Vec<usize> = (self.infer_calls.iter())
                .filter(|(callee, _)| *callee == call.callee)
                .map(|&(_, index)| index)
                .collect();
            for index in indices {
                let Some(Some((literal, span))) = call.args.get(index) else {
                    continue;
                };
                // A plugin's name as it is (plugin.json names need not be package names),
                // else a specifier as an import would resolve it.
                let to = self.resolver.plugin_named(literal).or_else(|| {
                    match self.resolver.resolve(from, &source.path, literal) {
                        Resolution::Plugin { plugin, .. } | Resolution::DeepImport { plugin } => {
                            Some(plugin)
                        }
                        Resolution::External { .. } | Resolution::Local => None,
                    }
                });
                let Some(to) = to.filter(|&to| to != from) else {
                    continue;
                };
                findings.push(inferred::call_reference(
                    &plugins[from],
                    &plugins[to],
                    &call.callee,
                    literal,
                    Location::new(&source.path, *span),
                ));
                let evidence = Evidence {
                    location: Location::new(&source.path, call.span),
                    kind: EdgeKind::Inferred,
                    specifier: literal.clone(),
                    syntax: call.callee.clone(),
                    text: call.text.clone(),
                    confidence: Some(Confidence::High),
                };
                self.add(from, to, evidence);
            }
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
                    self.uses.push(SymbolUse::Rust(RustUse {
                        from,
                        to,
                        file: source.path.clone(),
                        path: reference.path.clone(),
                        kind: reference.kind,
                        leading_colon: reference.leading_colon,
                        span: reference.span,
                        text: reference.text.clone(),
                    }));
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
                    types: usage.types.clone(),
                    ..Default::default()
                };
                (package.clone(), usage)
            })
            .collect()
    }
}

/// The plugin a dependency names: by folder for a path dependency, else by package name.
pub(super) fn target_of(dependency: &Dependency, resolver: &Resolver<'_>) -> Option<usize> {
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
