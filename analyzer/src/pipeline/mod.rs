//! The pipeline, one way: discover → parse (parallel) → resolve → graph → analyses.
//!
//! Each stage is a function of the previous stage's data: [`manifests`] reads manifests,
//! [`crate::select`] chooses the plugins, [`sources`] parses the files that count,
//! [`edges`] resolves facts and declarations into edges ([`golang`] those of Go files),
//! then the graph is built and the checks run.

mod edges;
mod golang;
mod manifests;
mod sources;

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::cache::Cache;
use crate::checks::Link;
use crate::exports::ExportTables;
use crate::graph::{DependencyGraph, Edge};
use crate::resolve::Resolver;
use crate::{Analysis, Error, External, Options, analysis, checks, discover, select};

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
    let config = &options.config;
    let scope = Scope {
        plugins: glob_set(&config.plugins_pattern)?,
        externals: glob_set(&config.externals)?,
        include: glob_set(&config.include)?,
        exclude: glob_set(&config.exclude)?,
    };
    let threads = options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        // syn recurses on nesting; the extractor bounds the depth it hands to syn, and
        // this stack holds that depth in every build profile.
        .stack_size(crate::extract::rust::PARSE_STACK_SIZE)
        .build()
        .map_err(|e| Error::ThreadPool(e.to_string()))?;
    Ok(pool.install(|| run(root, threads, options, &scope)))
}

/// The configuration's globs, compiled once.
struct Scope {
    /// Package names that are plugins.
    plugins: GlobSet,
    /// Package names allowed outside the set.
    externals: GlobSet,
    /// Plugin folders that count (empty: all) and that never count.
    include: GlobSet,
    exclude: GlobSet,
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, Error> {
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

fn run(root: &Path, threads: usize, options: &Options, scope: &Scope) -> Analysis {
    let config = &options.config;
    // discover
    let max_file_size = config.max_file_size.unwrap_or(crate::DEFAULT_MAX_FILE_SIZE);
    let mut walked = discover::walk(root, threads, max_file_size);
    let mut findings = std::mem::take(&mut walked.skipped);
    // plugdep.toml's `manifests`, `include` and `exclude`: a folder left out is claimed by
    // no plugin, so its files are not given to an enclosing one either.
    let mut left_out = Vec::new();
    walked.manifests.retain(|path| {
        let name = path.rsplit('/').next().unwrap_or(path);
        let dir = discover::parent_dir(path);
        let counts = config.manifests.is_empty() || config.manifests.iter().any(|m| m == name);
        let in_scope = (scope.include.is_empty() || scope.include.is_match(dir))
            && !scope.exclude.is_match(dir);
        if counts && !in_scope {
            left_out.push(dir.to_string());
        }
        counts && in_scope
    });
    let (manifests, workspaces) = manifests::read_manifests(
        root,
        &walked.manifests,
        walked.pnpm_workspace,
        walked.go_work,
        &mut findings,
    );
    let mut selection = select::select(manifests, &workspaces);
    selection.claimed_without_plugin.extend(left_out);
    // A manifest the walk did not read (over the size limit, a link, unreadable) still
    // marks a plugin's folder: its files belong to no plugin rather than to an enclosing
    // one (unless another manifest there made a plugin).
    let unread_manifests: Vec<String> = findings
        .iter()
        .filter(|f| f.code == crate::finding::Code::FileSkipped)
        .filter_map(|f| f.location.as_ref().map(|l| l.file.as_str()))
        .filter(|file| {
            let name = file.rsplit('/').next().unwrap_or(file);
            ["package.json", "plugin.json", "Cargo.toml", "go.mod"].contains(&name)
                && (config.manifests.is_empty() || config.manifests.iter().any(|m| m == name))
        })
        .map(|file| discover::parent_dir(file).to_string())
        .filter(|dir| !selection.plugins.iter().any(|p| &p.dir == dir))
        .collect();
    selection.claimed_without_plugin.extend(unread_manifests);
    findings.extend(selection.findings);
    let plugins = selection.plugins;
    let duplicates = selection.duplicates;
    let resolver = Resolver::new(
        plugins
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.name.as_str(), p.dir.as_str())),
        &selection.claimed_without_plugin,
    )
    .with_files(&walked.sources);

    // parse (with the cache: only files whose bytes it has no facts for)
    let cache = config.cache.as_deref().map(|dir| Cache::open(dir, root));
    let sources::Parsed {
        files: parsed,
        parsed: files_parsed,
        cached: files_cached,
        used,
    } = sources::parse_sources(
        root,
        &walked.sources,
        &plugins,
        &resolver,
        cache.as_ref(),
        options.progress.as_ref(),
    );
    let cache_error = cache.and_then(|cache| cache.save(used).err());
    let files = parsed.len();

    // exports, then resolve (symbol checks and inferred references need every plugin's
    // exports)
    let tables = export_tables(&plugins, &parsed, &walked, &findings, &resolver);
    let mut edges = edges::EdgeSet::new(&plugins, &resolver, &tables)
        .with_type_edges(options.include_type_edges || config.include_type_edges)
        .with_infer_calls(&config.infer.calls);
    // `plugdep-ignore-next-line` comments, applied to every finding at the end.
    let mut suppressions = Vec::new();
    let mut suppressions_of = |source: &sources::SourceFile, found: &mut Vec<_>| {
        if !found.is_empty() {
            suppressions.push(checks::suppressed::FileSuppressions {
                file: source.path.clone(),
                plugin: plugins[source.plugin].name.clone(),
                suppressions: std::mem::take(found),
            });
        }
    };
    let mut files_per_plugin = vec![0usize; plugins.len()];
    // Go files resolve together: a package's constants and a plugin's `package main` span
    // files.
    let mut go_files = Vec::new();
    for (source, facts) in parsed {
        files_per_plugin[source.plugin] += 1;
        match facts {
            Ok(sources::Facts::Js(mut facts)) => {
                suppressions_of(&source, &mut facts.suppressions);
                edges.javascript(&source, facts, &mut findings);
            }
            Ok(sources::Facts::Rust(mut facts)) => {
                suppressions_of(&source, &mut facts.suppressions);
                edges.rust(&source, facts, &mut findings);
            }
            Ok(sources::Facts::Go(mut facts)) => {
                suppressions_of(&source, &mut facts.suppressions);
                go_files.push((source, facts));
            }
            Err(finding) => findings.push(finding.plugin(plugins[source.plugin].name.clone())),
        }
    }
    let go = golang::resolve(
        &plugins,
        &resolver,
        &config.go.plugins,
        &config.infer.calls,
        &go_files,
        &mut edges,
        &mut findings,
    );
    let links: Vec<Link> = (0..plugins.len()).flat_map(|i| edges.declared(i)).collect();
    for link in links.iter().filter(|l| l.to.is_none()) {
        let plugin = &plugins[link.from];
        if !scope
            .externals
            .is_match(&plugin.dependencies[link.dependency].package)
        {
            findings.extend(checks::missing::check(
                plugin,
                link.dependency,
                &scope.plugins,
            ));
        }
    }
    let external_usages: Vec<checks::declared::Usages> = (0..plugins.len())
        .map(|i| edges.external_usages(i))
        .collect();
    let symbol_uses = edges.take_uses();
    let (edge_list, externals) = edges.into_edges();
    findings.extend(checks::symbols::check(
        &symbol_uses,
        &plugins,
        &tables,
        &resolver,
    ));
    findings.extend(checks::symbols::path_escapes(&plugins));

    // graph
    let names: Vec<String> = plugins.iter().map(|p| p.name.clone()).collect();
    let graph = DependencyGraph::new(names.clone(), edge_list);

    // analyses and checks
    let (cycles, cycle_findings) = checks::cycles::check(&graph);
    findings.extend(cycle_findings);
    let (version_findings, choices) = checks::versions::check_all(&plugins, &duplicates, &links);
    findings.extend(version_findings);
    findings.extend(checks::duplicates::check(&plugins, &duplicates, &choices));
    findings.extend(checks::host::check_all(&plugins, config.host.as_ref()));
    findings.extend(checks::build::check(&plugins, &resolver, &go.opened));
    findings.extend(checks::build::module_versions(&plugins));
    findings.extend(checks::policy::check(&graph, &config.rules));
    for ((index, plugin), mut external) in plugins.iter().enumerate().zip(external_usages) {
        let has_sources = files_per_plugin[index] > 0;
        let usages = checks::declared::plugin_usages(&graph, index);
        // Links come in plugin order: this plugin's are one range.
        let start = links.partition_point(|l| l.from < index);
        let own_links = &links[start..start + links[start..].partition_point(|l| l.from == index)];
        checks::declared::add_external_declarations(&mut external, plugin, own_links);
        findings.extend(checks::declared::check(plugin, &usages, has_sources, false));
        if config.check_externals {
            findings.extend(checks::declared::check(
                plugin,
                &external,
                has_sources,
                true,
            ));
        }
        findings.extend(checks::declared::check_ignored(plugin, &usages, &external));
    }
    let order = analysis::order::load_order(&graph.adjacency(Edge::is_runtime));
    let named = |nodes: &[usize]| nodes.iter().map(|&i| names[i].clone()).collect::<Vec<_>>();

    // plugdep.toml's `[severity]`: a code turned off is dropped.
    // Suppression comments first: a comment that silences a finding `[severity]` then
    // turns off is still in use.
    let findings = checks::suppressed::apply(findings, &suppressions);
    let mut findings: Vec<_> = findings
        .into_iter()
        .filter_map(|mut f| {
            f.severity = config.severity_of(f.code, f.severity)?;
            Some(f)
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    let mut plugins = plugins;
    for (index, plugin) in plugins.iter_mut().enumerate() {
        plugin.exports = tables.of(index).clone();
    }
    for (index, exports) in go.exports {
        plugins[index].exports = exports;
    }
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
        files,
        files_parsed,
        files_cached,
        cache_error,
    }
}

/// The export tables, from every parsed file and the paths the walk found (sources,
/// manifests, and the files it did not read, which may still be imported).
fn export_tables(
    plugins: &[crate::plugin::Plugin],
    parsed: &[(
        sources::SourceFile,
        Result<sources::Facts, Box<crate::Finding>>,
    )],
    walked: &discover::Walked,
    findings: &[crate::Finding],
    resolver: &Resolver<'_>,
) -> ExportTables {
    use crate::exports::SourceFacts;
    let files = parsed.iter().map(|(source, facts)| {
        let facts = match facts {
            Ok(sources::Facts::Js(facts)) => SourceFacts::Js(facts),
            Ok(sources::Facts::Rust(facts)) => SourceFacts::Rust(facts),
            _ => SourceFacts::Unread,
        };
        (source.path.as_str(), source.plugin, facts)
    });
    let skipped = findings
        .iter()
        .filter(|f| f.code == crate::Code::FileSkipped)
        .filter_map(|f| f.location.as_ref().map(|l| l.file.clone()));
    let known = walked
        .sources
        .iter()
        .map(|s| s.path.clone())
        .chain(walked.manifests.iter().cloned())
        .chain(skipped);
    ExportTables::build(plugins, files, known, resolver)
}
