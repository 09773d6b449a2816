//! The parse stage: which source files count, reading them, and extracting their facts in
//! parallel (one parser per worker thread; no syntax tree outlives its file).
//!
//! JavaScript and TypeScript: every `.js .mjs .cjs .jsx .ts .mts .cts .tsx` file (`.d.ts`
//! included) belongs to the deepest plugin folder that holds it, and is read in the dialect
//! its name says ([`Dialect::of_path`]). Rust: the files reachable from the crate roots
//! through `mod` declarations (see [`crate::crates`]), found level by level, each level
//! parsed in parallel. Go: every `.go` file belongs to the deepest module folder (go.mod)
//! that holds it; `_test.go` files are dev files.
//!
//! With a cache ([`crate::cache`]) every file is still read — its bytes are its key — but
//! an extractor runs only on bytes the cache has no facts for. Facts from the cache are the
//! facts the extractor would return, so everything downstream is the same either way.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Progress;
use crate::cache::{self, Cache, Extractor, Key, Used};
use crate::crates::{crate_roots, module_candidates};
use crate::discover::{SourceEntry, skipped_finding};
use crate::extract::javascript::Dialect;
use crate::extract::rust::RustFacts;
use crate::extract::{self, FileFacts};
use crate::finding::Finding;
use crate::plugin::{Language, Plugin};
use crate::resolve::Resolver;

/// Folder names that make the JavaScript files under them dev files.
pub const DEV_DIRS: [&str; 5] = ["test", "tests", "__tests__", "fixtures", "examples"];

/// A source file attributed to a plugin.
pub(super) struct SourceFile {
    pub path: String,
    pub plugin: usize,
    pub dev: bool,
    /// A Rust crate root (it owns its folder for `mod` declarations).
    crate_root: bool,
}

/// What a file says, by language.
pub(super) enum Facts {
    Js(FileFacts),
    Rust(RustFacts),
    Go(crate::extract::go::GoFacts),
}

/// The parse stage's result.
pub(super) struct Parsed {
    /// Every source file that counts, sorted by path, with its facts (or why it was not
    /// read).
    pub files: Vec<(SourceFile, Result<Facts, Box<Finding>>)>,
    /// Files an extractor read.
    pub parsed: usize,
    /// Files whose facts came from the cache.
    pub cached: usize,
    /// The cache entries this run used, for writing the cache back.
    pub used: Vec<Used>,
}

/// What the parse of every file shares: where to read, the cache, the progress count.
struct Context<'a> {
    root: &'a Path,
    cache: Option<&'a Cache>,
    progress: Option<&'a Progress>,
    done: AtomicUsize,
    /// Files to parse, as far as known before they are read.
    total: usize,
}

/// How one file's facts were had.
enum Origin {
    Parsed,
    Cached,
    /// Not read (a `file-skipped` finding).
    Unread,
}

/// One file's facts, how they were had, and the cache entry they used.
type Outcome<T> = (Result<T, Box<Finding>>, Origin, Option<Used>);

impl Context<'_> {
    /// Reads the file at `path` and returns its facts: the cached ones for its bytes if
    /// there are any, else those of `extract`.
    fn facts<T: Serialize + DeserializeOwned>(
        &self,
        path: &str,
        extractor: Extractor,
        extract: impl Fn(&str) -> T,
    ) -> Outcome<T> {
        let outcome = match read_bytes(self.root, path) {
            Err(finding) => (Err(finding), Origin::Unread, None),
            Ok(bytes) => match self.cache {
                None => (Ok(extract(&text_of(bytes))), Origin::Parsed, None),
                Some(cache) => {
                    let key = Key::new(&bytes, extractor);
                    match cache.get::<T>(&key) {
                        Some(facts) => (Ok(facts), Origin::Cached, Some(Used { key, fresh: None })),
                        None => {
                            let facts = extract(&text_of(bytes));
                            let fresh = cache::encode(&facts);
                            let used = fresh.map(|fresh| Used {
                                key,
                                fresh: Some(fresh),
                            });
                            (Ok(facts), Origin::Parsed, used)
                        }
                    }
                }
            },
        };
        if let Some(progress) = self.progress {
            let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(done, self.total);
        }
        outcome
    }
}

/// Reads and extracts every source file that counts, from `cache` where it has the facts.
pub(super) fn parse_sources(
    root: &Path,
    walked: &[SourceEntry],
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
    cache: Option<&Cache>,
    progress: Option<&Progress>,
) -> Parsed {
    let is_rust = |path: &str| path.ends_with(".rs");
    let is_go = |path: &str| path.ends_with(".go");
    let javascript: Vec<SourceFile> = walked
        .iter()
        .filter(|s| !is_rust(&s.path) && !is_go(&s.path))
        .filter_map(|s| attribute_javascript(&s.path, plugins, resolver))
        .collect();
    let go: Vec<SourceFile> = walked
        .iter()
        .filter(|s| is_go(&s.path))
        .filter_map(|s| attribute_go(&s.path, plugins, resolver))
        .collect();
    let rust_files: BTreeSet<String> = walked
        .iter()
        .filter(|s| is_rust(&s.path))
        .map(|s| s.path.clone())
        .collect();
    // Every Rust file of a Rust plugin, until the module trees say which ones count.
    let rust_candidates = rust_files
        .iter()
        .filter(|path| {
            resolver
                .owner(path)
                .flatten()
                .is_some_and(|i| plugins[i].language == Language::Rust)
        })
        .count();
    let context = Context {
        root,
        cache,
        progress,
        done: AtomicUsize::new(0),
        total: javascript.len() + go.len() + rust_candidates,
    };
    let mut outcomes: Vec<(SourceFile, Outcome<Facts>)> = javascript
        .into_par_iter()
        .map(|source| {
            // TypeScript goes through the same extractor with its own grammar (and its own
            // cache key: the same bytes read as another dialect give other facts).
            let dialect = Dialect::of_path(&source.path).unwrap_or(Dialect::JavaScript);
            let extractor = match dialect {
                Dialect::JavaScript => Extractor::JavaScript,
                Dialect::TypeScript => Extractor::TypeScript,
                Dialect::Tsx => Extractor::Tsx,
                Dialect::Declaration => Extractor::TypeScriptDeclaration,
            };
            let (facts, origin, used) = context.facts(&source.path, extractor, |text| {
                extract::javascript::extract_as(text, dialect)
            });
            (source, (facts.map(Facts::Js), origin, used))
        })
        .collect();
    outcomes.par_extend(go.into_par_iter().map(|source| {
        let (facts, origin, used) =
            context.facts(&source.path, Extractor::Go, extract::go::extract);
        (source, (facts.map(Facts::Go), origin, used))
    }));
    outcomes.extend(parse_rust(&context, &rust_files, plugins, resolver));

    let mut parsed = Parsed {
        files: Vec::with_capacity(outcomes.len()),
        parsed: 0,
        cached: 0,
        used: Vec::new(),
    };
    for (source, (facts, origin, used)) in outcomes {
        match origin {
            Origin::Parsed => parsed.parsed += 1,
            Origin::Cached => parsed.cached += 1,
            Origin::Unread => {}
        }
        parsed.used.extend(used);
        parsed.files.push((source, facts));
    }
    parsed.files.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    if let Some(progress) = progress {
        let done = parsed.files.len();
        progress(done, done);
    }
    parsed
}

/// A `.go` file of the Go module whose folder is the deepest that holds it; `_test.go`
/// files are dev files (the go command builds them only for tests).
fn attribute_go(path: &str, plugins: &[Plugin], resolver: &Resolver<'_>) -> Option<SourceFile> {
    let plugin = resolver.owner(path)??;
    if plugins[plugin].language != Language::Go {
        return None;
    }
    Some(SourceFile {
        path: path.to_string(),
        plugin,
        dev: path.ends_with("_test.go"),
        crate_root: false,
    })
}

fn attribute_javascript(
    path: &str,
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
) -> Option<SourceFile> {
    let plugin = resolver.owner(path)??;
    if plugins[plugin].language != Language::Javascript {
        return None;
    }
    let dir = &plugins[plugin].dir;
    let inside = if dir == "." {
        path
    } else {
        &path[dir.len() + 1..]
    };
    Some(SourceFile {
        path: path.to_string(),
        plugin,
        dev: is_dev_file(inside),
        crate_root: false,
    })
}

/// Parses the module trees of the Rust plugins, level by level from the crate roots.
fn parse_rust(
    context: &Context<'_>,
    rust_files: &BTreeSet<String>,
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
) -> Vec<(SourceFile, Outcome<Facts>)> {
    let mut level: Vec<SourceFile> = Vec::new();
    for (index, plugin) in plugins.iter().enumerate() {
        if plugin.language != Language::Rust {
            continue;
        }
        for crate_root in crate_roots(&plugin.dir, &plugin.targets, rust_files) {
            // A root inside a nested plugin belongs to that plugin, not this one.
            if resolver.owner(&crate_root.path) == Some(Some(index)) {
                level.push(SourceFile {
                    path: crate_root.path,
                    plugin: index,
                    dev: crate_root.dev,
                    crate_root: true,
                });
            }
        }
    }
    let mut seen: HashSet<String> = level.iter().map(|s| s.path.clone()).collect();
    let mut out = Vec::new();
    while !level.is_empty() {
        let facts: Vec<Outcome<Facts>> = level
            .par_iter()
            .map(|s| {
                let (facts, origin, used) =
                    context.facts(&s.path, Extractor::Rust, extract::rust::extract);
                (facts.map(Facts::Rust), origin, used)
            })
            .collect();
        let mut next = Vec::new();
        for (source, (facts, _, _)) in level.iter().zip(&facts) {
            let Ok(Facts::Rust(facts)) = facts else {
                continue;
            };
            for module in &facts.modules {
                let file = module_candidates(
                    &source.path,
                    source.crate_root,
                    &module.name,
                    &module.inline_parents,
                    module.path_attr.as_deref(),
                )
                .into_iter()
                .find(|candidate| rust_files.contains(candidate));
                let Some(file) = file else { continue };
                if resolver.owner(&file) == Some(Some(source.plugin)) && seen.insert(file.clone()) {
                    next.push(SourceFile {
                        path: file,
                        plugin: source.plugin,
                        dev: source.dev || module.dev,
                        crate_root: false,
                    });
                }
            }
        }
        out.extend(level.into_iter().zip(facts));
        next.sort_by(|a, b| a.path.cmp(&b.path));
        level = next;
    }
    out
}

/// Whether a path inside a JavaScript plugin is a dev file: under a test, fixture or
/// example folder, or named `*.test.*` / `*.spec.*`.
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
pub(super) fn read_text(root: &Path, path: &str) -> Result<String, Box<Finding>> {
    read_bytes(root, path).map(text_of)
}

/// Reads a file of the root that is not binary (a NUL byte in its first 8 KiB).
fn read_bytes(root: &Path, path: &str) -> Result<Vec<u8>, Box<Finding>> {
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
    Ok(bytes)
}

/// The text of a file's bytes, with what is not UTF-8 replaced.
fn text_of(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
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
