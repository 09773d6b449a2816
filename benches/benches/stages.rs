//! Criterion benches of plugdep's stages, on generated inputs (`plugdep_benches::Corpus`),
//! through the public API only:
//!
//! - `pipeline`: `plugdep_analyzer::analyze` on a generated corpus written to disk —
//!   discover, manifests, parse, resolve, graph, checks. The walk (`discover::walk`) is
//!   crate-private, so discovery is measured only as part of the whole pipeline;
//! - `extract`: `extract::javascript::extract` (tree-sitter parse + the extractor's walks) on
//!   generated `.js`/`.cjs`/`.mjs` and `.jsx` texts, and `extract::rust::extract` (syn) on
//!   generated Rust modules, with byte throughput; `javascript/*/parse-only` is the same
//!   tree-sitter parse without the extractor's walks, the floor under the JavaScript extractor;
//! - `graph`: `analysis::cycles::cyclic_components` and `analysis::order::load_order` on
//!   generated adjacency lists of 1,000 and 10,000 plugins;
//! - `render`: `plugdep_reports::{json, human, sarif}` on the report of an analysis (the
//!   human renderer quotes sources from memory, so no file is read while it is timed).
//!
//! `cargo bench -p plugdep-benches -- --test` runs each once (CI keeps them compiling
//! that way); `cargo bench -p plugdep-benches` measures.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use plugdep_analyzer::analysis::{cycles, order};
use plugdep_analyzer::extract::{javascript, rust};
use plugdep_analyzer::{Analysis, Options};
use plugdep_benches::{Corpus, Lang, Spec, fresh_dir, random_graph, sample_files};

const SEED: u64 = 42;

/// A corpus written under Cargo's per-target temporary folder.
fn corpus(name: &str, plugins: usize, files_per_plugin: usize, lang: Lang) -> PathBuf {
    let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plugdep-benches");
    let dir = fresh_dir(&parent, name).expect("a folder for the corpus");
    Corpus::plan(&Spec {
        seed: SEED,
        plugins,
        files_per_plugin,
        lang,
        node_modules: false,
    })
    .write(&dir)
    .expect("the corpus is written");
    dir
}

fn analyze(root: &Path, jobs: usize) -> Analysis {
    let options = Options {
        jobs: Some(jobs),
        ..Options::default()
    };
    plugdep_analyzer::analyze(root, &options).expect("the corpus is analysed")
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, plugins, files, lang) in [
        ("js-40x12", 40, 12, Lang::Js),
        ("mix-40x12", 40, 12, Lang::Mix),
    ] {
        let root = corpus(name, plugins, files, lang);
        let count = analyze(&root, 1).files() as u64;
        group.throughput(Throughput::Elements(count));
        for jobs in [1, 2] {
            group.bench_with_input(
                BenchmarkId::new(format!("analyze/{name}"), format!("jobs={jobs}")),
                &root,
                |b, root| b.iter(|| black_box(analyze(root, jobs))),
            );
        }
    }
    group.finish();
}

fn extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let inputs = [
        (
            "javascript/js",
            sample_files(SEED, Lang::Js, &[".js", ".cjs", ".mjs"], 48),
        ),
        (
            "javascript/jsx",
            sample_files(SEED, Lang::Js, &[".jsx"], 24),
        ),
        ("rust/rs", sample_files(SEED, Lang::Rust, &[".rs"], 48)),
    ];
    for (name, files) in &inputs {
        assert!(!files.is_empty(), "no generated input for {name}");
        // The generator writes valid code: a syntax error here is a generator bug.
        for (path, text) in files {
            let error = if name.starts_with("rust") {
                rust::extract(text).syntax_error
            } else {
                javascript::extract(text).syntax_error
            };
            assert!(
                error.is_none(),
                "generated {path} has a syntax error at {error:?}"
            );
        }
        let texts: Vec<&str> = files.iter().map(|(_, text)| text.as_str()).collect();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        let id = BenchmarkId::new(*name, format!("{}-files", texts.len()));
        if name.starts_with("javascript") {
            // The floor under `javascript::extract`: the same tree-sitter parse, no query.
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&tree_sitter_javascript::LANGUAGE.into())
                .expect("tree-sitter-javascript matches tree-sitter");
            group.bench_with_input(
                BenchmarkId::new(
                    format!("{name}/parse-only"),
                    format!("{}-files", texts.len()),
                ),
                &texts,
                |b, texts| {
                    b.iter(|| {
                        for text in texts {
                            black_box(parser.parse(text, None));
                        }
                    })
                },
            );
        }
        if name.starts_with("rust") {
            group.bench_with_input(id, &texts, |b, texts| {
                b.iter(|| {
                    for text in texts {
                        black_box(rust::extract(text));
                    }
                })
            });
        } else {
            group.bench_with_input(id, &texts, |b, texts| {
                b.iter(|| {
                    for text in texts {
                        black_box(javascript::extract(text));
                    }
                })
            });
        }
    }
    group.finish();
}

fn graph(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for nodes in [1_000, 10_000] {
        let adjacency = random_graph(SEED, nodes, 3, nodes / 100);
        let edges: usize = adjacency.iter().map(Vec::len).sum();
        group.throughput(Throughput::Elements((nodes + edges) as u64));
        group.bench_with_input(
            BenchmarkId::new("cyclic_components", nodes),
            &adjacency,
            |b, adjacency| b.iter(|| black_box(cycles::cyclic_components(adjacency))),
        );
        group.bench_with_input(
            BenchmarkId::new("load_order", nodes),
            &adjacency,
            |b, adjacency| b.iter(|| black_box(order::load_order(adjacency))),
        );
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let root = corpus("render-js-60x10", 60, 10, Lang::Js);
    let analysis = analyze(&root, 2);
    let report = analysis.report();
    // Every file a finding can quote, read before timing.
    let sources: HashMap<String, String> = plugdep_benches::walk(&root, None)
        .expect("the corpus is listed")
        .into_iter()
        .filter_map(|path| {
            let relative = path
                .strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .into_owned();
            Some((relative, std::fs::read_to_string(&path).ok()?))
        })
        .collect();
    let provider = |path: &str| sources.get(path).cloned();
    let findings = analysis.findings().len();
    group.bench_function(BenchmarkId::new("json", findings), |b| {
        b.iter(|| black_box(plugdep_reports::json::render(&report)))
    });
    group.bench_function(BenchmarkId::new("sarif", findings), |b| {
        b.iter(|| black_box(plugdep_reports::sarif::render(&report)))
    });
    group.bench_function(BenchmarkId::new("human", findings), |b| {
        b.iter(|| {
            black_box(plugdep_reports::human::render(
                &report,
                &provider,
                plugdep_reports::Style::default(),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline, extract, graph, render);
criterion_main!(benches);
