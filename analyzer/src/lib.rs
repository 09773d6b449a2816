//! plugdep's analyzer: reads a folder of plugins without running them and answers what a
//! plugin host needs to know before it loads them — the dependency graph, its cycles, a
//! deterministic load order, and every finding with its file, line and column.
//!
#![warn(missing_docs)]

//! The pipeline runs one way: [discover](crate::discover) → parse (parallel, per file,
//! [`extract`]) → resolve → [graph] → [analyses](analysis) → [`Report`](report::Report).
//! This crate never depends on the CLI or on the renderers.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # let write = |p: &str, s: &str| {
//! #     let p = dir.path().join(p);
//! #     std::fs::create_dir_all(p.parent().unwrap()).unwrap();
//! #     std::fs::write(p, s).unwrap();
//! # };
//! write("core/package.json", r#"{"name": "core", "version": "1.0.0"}"#);
//! write("auth/package.json", r#"{"name": "auth", "version": "1.0.0", "dependencies": {"core": "^1"}}"#);
//! write("auth/index.js", "import { session } from 'core';\n");
//! let analysis = plugdep_analyzer::analyze(dir.path(), &Default::default()).unwrap();
//! assert_eq!(analysis.load_order(), ["core", "auth"]);
//! assert!(analysis.cycles().is_empty());
//! ```

pub mod analysis;
pub mod baseline;
pub mod cache;
mod checks;
pub mod config;
mod crates;
pub mod discover;
pub mod exports;
pub mod extract;
pub mod finding;
#[doc(hidden)]
pub mod fuzzing;
pub mod graph;
pub mod location;
mod manifest;
mod pipeline;
pub mod plan;
pub mod plugin;
pub mod report;
mod resolve;
mod select;
pub mod versions;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use finding::{Code, Finding, Severity};
pub use graph::{DependencyGraph, Edge, EdgeKind, Evidence};
pub use plan::{Depth, LoadPlan, PlanError, Reload};
pub use plugin::Plugin;
pub use report::Report;

/// How to run an analysis: the project's configuration (a parsed `plugdep.toml`, or the
/// defaults), the number of threads, and who to tell about progress.
#[derive(Clone, Default)]
pub struct Options {
    /// Worker threads; `None` uses every available core. The result never depends on it.
    pub jobs: Option<usize>,
    /// The project's configuration (a parsed plugdep.toml, or the defaults).
    pub config: config::Config,
    /// Called from the worker threads as the parse stage finishes each source file.
    pub progress: Option<Progress>,
    /// Count type-only imports (`import type`, `.d.ts`) as runtime `import` edges
    /// (`--include-type-edges`); by default they are `type` edges that never constrain
    /// the load order.
    pub include_type_edges: bool,
}

/// A progress hook: `(done, total)` source files of the parse stage.
///
/// It is called once per file, from any worker thread, in no particular order (a call may
/// carry a smaller `done` than the one before it), and once more at the end of the stage
/// with `done == total`. `total` is known before the first file is read, except that Rust
/// files outside every crate's module tree count until the tree is known: it can shrink at
/// the end. Keep it cheap (an atomic store), it runs on the parser threads.
///
/// ```
/// use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
/// let done = Arc::new(AtomicUsize::new(0));
/// let seen = Arc::clone(&done);
/// let options = plugdep_analyzer::Options {
///     progress: Some(Arc::new(move |n, _total| { seen.fetch_max(n, Ordering::Relaxed); })),
///     ..Default::default()
/// };
/// # let dir = tempfile::tempdir().unwrap();
/// # std::fs::write(dir.path().join("package.json"), r#"{"name": "a", "version": "1.0.0"}"#).unwrap();
/// # std::fs::write(dir.path().join("index.js"), "import 'b';\n").unwrap();
/// plugdep_analyzer::analyze(dir.path(), &options).unwrap();
/// assert_eq!(done.load(Ordering::Relaxed), 1);
/// ```
pub type Progress = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("jobs", &self.jobs)
            .field("config", &self.config)
            .field(
                "progress",
                &self.progress.as_ref().map(|_| "Fn(done, total)"),
            )
            .field("include_type_edges", &self.include_type_edges)
            .finish()
    }
}

/// Files larger than this are not read unless `max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;

/// A host and its version, as in `--host editor@3.2.0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// The host's name (`editor`, `@acme/host`).
    pub name: String,
    /// The host's version, valid in npm's dialect.
    pub version: String,
}

impl std::str::FromStr for Host {
    type Err = String;

    /// Parses `NAME@VERSION` (the name may be scoped: `@acme/host@1.0.0`).
    ///
    /// ```
    /// let host: plugdep_analyzer::Host = "@acme/editor@3.2.0".parse().unwrap();
    /// assert_eq!((host.name.as_str(), host.version.as_str()), ("@acme/editor", "3.2.0"));
    /// assert!("editor".parse::<plugdep_analyzer::Host>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Host, String> {
        let at = text
            .get(1..)
            .and_then(|rest| rest.rfind('@'))
            .map(|i| i + 1)
            .ok_or_else(|| format!("{text:?} is not NAME@VERSION"))?;
        let (name, version) = (&text[..at], &text[at + 1..]);
        if name.is_empty() || !versions::Dialect::Npm.is_valid_version(version) {
            return Err(format!(
                "{text:?} is not NAME@VERSION with a valid version (such as editor@3.2.0)"
            ));
        }
        Ok(Host {
            name: name.to_string(),
            version: version.to_string(),
        })
    }
}

/// Why an analysis could not run at all. Problems with the plugins themselves are
/// findings, never errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the root {0} does not exist")]
    /// The root does not exist.
    RootNotFound(PathBuf),
    #[error("the root {0} is not a directory")]
    /// The root is a file, not a folder.
    RootNotADirectory(PathBuf),
    #[error("the root {root} cannot be read: {source}")]
    /// The root exists but cannot be listed.
    RootUnreadable {
        /// The root as given.
        root: PathBuf,
        /// Why it cannot be read.
        source: std::io::Error,
    },
    #[error("cannot start worker threads: {0}")]
    /// The worker threads could not start.
    ThreadPool(String),
    #[error("the glob {pattern:?} is not valid: {message}")]
    /// A glob in the configuration does not parse.
    InvalidPattern {
        /// The glob as given.
        pattern: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A package that a plugin imports but that is not in the plugin set.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct External {
    /// The importing plugin.
    pub plugin: String,
    /// The package name (`lodash`, `@scope/x`, `node:fs`).
    pub package: String,
    /// Whether it is a Node built-in module.
    pub builtin: bool,
}

/// Analyses the plugins under `root`.
///
/// Fails only when the analysis cannot run (the root is missing or unreadable); anything
/// wrong with the plugins is a [`Finding`].
pub fn analyze(root: &Path, options: &Options) -> Result<Analysis, Error> {
    pipeline::analyze(root, options)
}

/// The result of an analysis: plugins, graph, cycles, load order and findings.
#[derive(Clone, Debug)]
pub struct Analysis {
    plugins: Vec<Plugin>,
    graph: DependencyGraph,
    externals: Vec<External>,
    cycles: Vec<Vec<String>>,
    load_order: Vec<String>,
    load_waves: Vec<Vec<String>>,
    findings: Vec<Finding>,
    files: usize,
    files_parsed: usize,
    files_cached: usize,
    cache_error: Option<String>,
}

impl Analysis {
    /// The plugins, sorted by name.
    pub fn plugins(&self) -> &[Plugin] {
        &self.plugins
    }

    /// The plugin named `name`.
    pub fn plugin(&self, name: &str) -> Option<&Plugin> {
        self.graph.index_of(name).map(|i| &self.plugins[i])
    }

    /// The dependency graph.
    pub fn graph(&self) -> &DependencyGraph {
        &self.graph
    }

    /// Every edge, sorted by (from, to).
    pub fn edges(&self) -> &[Edge] {
        self.graph.edges()
    }

    /// Imported packages that are not plugins of the set.
    pub fn externals(&self) -> &[External] {
        &self.externals
    }

    /// The strongly connected components of runtime edges that hold a cycle (members
    /// sorted, components sorted by first member).
    pub fn cycles(&self) -> &[Vec<String>] {
        &self.cycles
    }

    /// Every plugin, dependencies first; the members of a cycle together.
    pub fn load_order(&self) -> &[String] {
        &self.load_order
    }

    /// Groups of plugins that can load in parallel, in order.
    pub fn load_waves(&self) -> &[Vec<String>] {
        &self.load_waves
    }

    /// The findings, sorted by plugin, file, line, column, code and message.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// How many source files count: parsed, taken from the cache, or not readable.
    pub fn files(&self) -> usize {
        self.files
    }

    /// How many source files an extractor read in this run: all of them without a cache,
    /// only the new and changed ones with one.
    pub fn files_parsed(&self) -> usize {
        self.files_parsed
    }

    /// How many source files had their facts taken from the cache.
    pub fn files_cached(&self) -> usize {
        self.files_cached
    }

    /// Why the cache could not be written, when it could not (the analysis itself is
    /// complete: it only means the next run parses again).
    pub fn cache_error(&self) -> Option<&str> {
        self.cache_error.as_deref()
    }

    /// Up to `limit` simple paths `from → … → to` over every edge, shortest first, as
    /// plugin names. Empty when either name is unknown or no path exists.
    pub fn paths(&self, from: &str, to: &str, limit: usize) -> Vec<Vec<&str>> {
        let (Some(a), Some(b)) = (self.graph.index_of(from), self.graph.index_of(to)) else {
            return Vec::new();
        };
        let adjacency = self.graph.adjacency(|_| true);
        analysis::paths::paths(&adjacency, a, b, limit)
            .into_iter()
            .map(|p| {
                p.into_iter()
                    .map(|i| self.graph.names()[i].as_str())
                    .collect()
            })
            .collect()
    }

    /// The serialisable report of this analysis.
    pub fn report(&self) -> Report<'_> {
        Report::new(self)
    }
}
