//! The parse stage: which source files count, reading them, and extracting their facts in
//! parallel (one parser per worker thread; no syntax tree outlives its file).
//!
//! JavaScript: every `.js .mjs .cjs .jsx` file belongs to the deepest plugin folder that
//! holds it. Rust: the files reachable from the crate roots through `mod` declarations
//! (see [`crate::crates`]), found level by level, each level parsed in parallel.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::crates::{crate_roots, module_candidates};
use crate::discover::{SourceEntry, skipped_finding};
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
}

/// Every source file that counts, sorted by path, with its facts (or why it was not read).
pub(super) fn parse_sources(
    root: &Path,
    walked: &[SourceEntry],
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
) -> Vec<(SourceFile, Result<Facts, Box<Finding>>)> {
    let is_rust = |path: &str| path.ends_with(".rs");
    let javascript: Vec<SourceFile> = walked
        .iter()
        .filter(|s| !is_rust(&s.path))
        .filter_map(|s| attribute_javascript(&s.path, plugins, resolver))
        .collect();
    let mut parsed: Vec<(SourceFile, Result<Facts, Box<Finding>>)> = javascript
        .into_par_iter()
        .map(|source| {
            let facts =
                read_text(root, &source.path).map(|t| Facts::Js(extract::javascript::extract(&t)));
            (source, facts)
        })
        .collect();

    let rust_files: BTreeSet<String> = walked
        .iter()
        .filter(|s| is_rust(&s.path))
        .map(|s| s.path.clone())
        .collect();
    parsed.extend(parse_rust(root, &rust_files, plugins, resolver));
    parsed.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    parsed
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
    root: &Path,
    rust_files: &BTreeSet<String>,
    plugins: &[Plugin],
    resolver: &Resolver<'_>,
) -> Vec<(SourceFile, Result<Facts, Box<Finding>>)> {
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
        let facts: Vec<Result<Facts, Box<Finding>>> = level
            .par_iter()
            .map(|s| read_text(root, &s.path).map(|t| Facts::Rust(extract::rust::extract(&t))))
            .collect();
        let mut next = Vec::new();
        for (source, facts) in level.iter().zip(&facts) {
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
