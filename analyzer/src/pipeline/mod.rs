//! The pipeline, one way: discover → parse (parallel) → resolve → graph → analyses.
//!
//! Each stage is a function of the previous stage's data: [`manifests`] reads manifests,
//! [`crate::select`] chooses the plugins, [`sources`] parses the files that count,
//! [`edges`] resolves facts and declarations into edges, then the graph is built and the
//! checks run.

mod edges;
mod manifests;
mod sources;

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::checks::Link;
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
    let patterns = plugin_patterns(&options.plugin_patterns)?;
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

fn run(root: &Path, threads: usize, options: &Options, patterns: &GlobSet) -> Analysis {
    // discover
    let walked = discover::walk(root, threads, options.max_file_size);
    let mut findings = walked.skipped;
    let (manifests, workspaces) = manifests::read_manifests(
        root,
        &walked.manifests,
        walked.pnpm_workspace,
        &mut findings,
    );
    let selection = select::select(manifests, &workspaces);
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

    // parse
    let parsed = sources::parse_sources(root, &walked.sources, &plugins, &resolver);
    let files = parsed.len();

    // resolve
    let mut edges = edges::EdgeSet::new(&plugins, &resolver);
    let mut files_per_plugin = vec![0usize; plugins.len()];
    for (source, facts) in parsed {
        files_per_plugin[source.plugin] += 1;
        match facts {
            Ok(sources::Facts::Js(facts)) => edges.javascript(&source, facts, &mut findings),
            Ok(sources::Facts::Rust(facts)) => edges.rust(&source, facts, &mut findings),
            Err(finding) => findings.push(finding.plugin(plugins[source.plugin].name.clone())),
        }
    }
    let links: Vec<Link> = (0..plugins.len()).flat_map(|i| edges.declared(i)).collect();
    for link in links.iter().filter(|l| l.to.is_none()) {
        findings.extend(checks::missing::check(
            &plugins[link.from],
            link.dependency,
            patterns,
        ));
    }
    let external_usages: Vec<checks::declared::Usages> = (0..plugins.len())
        .map(|i| edges.external_usages(i))
        .collect();
    let (edge_list, externals) = edges.into_edges();

    // graph
    let names: Vec<String> = plugins.iter().map(|p| p.name.clone()).collect();
    let graph = DependencyGraph::new(names.clone(), edge_list);

    // analyses and checks
    let (cycles, cycle_findings) = checks::cycles::check(&graph);
    findings.extend(cycle_findings);
    let (version_findings, choices) = checks::versions::check_all(&plugins, &duplicates, &links);
    findings.extend(version_findings);
    findings.extend(checks::duplicates::check(&plugins, &duplicates, &choices));
    findings.extend(checks::host::check_all(&plugins, options.host.as_ref()));
    for ((index, plugin), mut external) in plugins.iter().enumerate().zip(external_usages) {
        let has_sources = files_per_plugin[index] > 0;
        let usages = checks::declared::plugin_usages(&graph, index);
        let own_links: Vec<Link> = links.iter().copied().filter(|l| l.from == index).collect();
        checks::declared::add_external_declarations(&mut external, plugin, &own_links);
        findings.extend(checks::declared::check(plugin, &usages, has_sources, false));
        if options.check_externals {
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
        files,
    }
}
