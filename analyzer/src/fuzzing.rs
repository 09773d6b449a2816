//! Entry points for the fuzz targets (`fuzz/`) and the regression tests of what they found
//! (`fuzz/regressions/`, run by tests/hostile.rs).
//!
//! Not part of the library's API (hidden from the documentation, no stability promise):
//! the manifest parsers are private to the pipeline, and a fuzz target needs to call them
//! one at a time, on any text, without a file system. Each function runs the parser the
//! pipeline runs on a file's text and checks what every caller downstream relies on;
//! a broken invariant panics, which is what a fuzzer reports. The fuzz targets are one
//! call each into this module, so that a reproducer replayed by the test suite runs
//! exactly what the fuzzer ran.

use std::path::Path;

use crate::config::Config;
use crate::extract::javascript::{self, extract_as};
use crate::location::{Location, Span};
use crate::manifest::{self, ManifestData, cargo};
use crate::plugin::ManifestKind;
use crate::versions::{self, Dialect};

/// Lines in `text` as [`crate::location::LineIndex`] counts them (a final line without a
/// break counts; so does the empty line after a final break).
fn line_count(text: &str) -> u32 {
    crate::location::to_u32(text.matches('\n').count() + 1)
}

fn check_span(text: &str, span: Span, what: &str) {
    let lines = line_count(text);
    assert!(
        span.start.line >= 1 && span.start.column >= 1 && span.start <= span.end,
        "{what}: a malformed span {span:?}"
    );
    assert!(
        span.end.line <= lines,
        "{what}: {span:?} ends past the text's {lines} lines"
    );
}

fn check_location(text: &str, location: Option<&Location>, what: &str) {
    if let Some(location) = location {
        check_span(text, location.span(), what);
    }
}

fn check_manifest(text: &str, path: &str, data: &ManifestData) {
    if let Some((_, span)) = &data.name {
        check_span(text, *span, "name");
    }
    if let Some((version, at)) = &data.version {
        if at.file == path {
            check_span(text, at.span(), "version");
        }
        // Whatever the version says, checking it never panics.
        let _ = versions::check(Dialect::Npm, "*", version);
    }
    for dependency in &data.dependencies {
        check_span(text, dependency.key_span, "dependency key");
        check_span(text, dependency.spec_span, "dependency value");
        for dialect in [Dialect::Npm, Dialect::Cargo] {
            let _ = versions::check(dialect, &dependency.spec, "1.0.0");
        }
    }
    for requirement in &data.host_requirements {
        check_span(text, requirement.span, "host requirement");
    }
}

/// Parses `text` as a `package.json` and as a `plugin.json` at `a/`, and as the root's
/// `pnpm-workspace.yaml`.
pub fn json_manifest(text: &str) {
    for (path, kind) in [
        ("a/package.json", ManifestKind::PackageJson),
        ("a/plugin.json", ManifestKind::PluginJson),
    ] {
        match manifest::parse_json_manifest(path, kind, text) {
            Ok(data) => check_manifest(text, path, &data),
            Err(finding) => check_location(text, finding.location.as_ref(), "manifest-error"),
        }
    }
    let _ = manifest::parse_pnpm_workspace("pnpm-workspace.yaml", text);
}

/// Parses `text` as a member's `Cargo.toml` at `a/`, inheriting from its own
/// `[workspace]` (if it has one) as if that were the root's.
pub fn cargo_manifest(text: &str) {
    const PATH: &str = "a/Cargo.toml";
    match cargo::parse_cargo_manifest(PATH, text) {
        Ok(parsed) => {
            let workspace = parsed.workspace;
            if let Some(package) = parsed.package {
                let data = cargo::into_manifest_data(
                    PATH,
                    "a",
                    package,
                    workspace.as_ref().map(|ws| (PATH, ws)),
                );
                check_manifest(text, PATH, &data);
            }
        }
        Err(finding) => check_location(text, finding.location.as_ref(), "manifest-error"),
    }
}

/// Checks `version` against `range` in both dialects, and each text on its own as a range
/// and as a version.
pub fn versions(range: &str, version: &str) {
    for dialect in [Dialect::Npm, Dialect::Cargo] {
        let _ = versions::check(dialect, range, version);
        let _ = versions::check(dialect, version, range);
        for text in [range, version] {
            let _ = dialect.is_valid_range(text);
            let _ = dialect.is_valid_version(text);
        }
    }
}

/// The JavaScript / TypeScript extractor: the first byte picks the dialect (JavaScript,
/// TypeScript, TSX, declaration file), the rest is the file, read as the pipeline reads it.
/// Every span must lie inside the text, and extracting twice on the same thread (the
/// parser is reused) must give the same facts.
pub fn javascript(data: &[u8]) {
    const DIALECTS: [javascript::Dialect; 4] = [
        javascript::Dialect::JavaScript,
        javascript::Dialect::TypeScript,
        javascript::Dialect::Tsx,
        javascript::Dialect::Declaration,
    ];
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let dialect = DIALECTS[usize::from(first) % DIALECTS.len()];
    let text = String::from_utf8_lossy(rest);
    let facts = extract_as(&text, dialect);
    let spans = facts
        .imports
        .iter()
        .flat_map(|i| [i.span, i.specifier_span])
        .chain(facts.exports.iter().map(|e| e.span))
        .chain(facts.free_names.iter().map(|n| n.span))
        .chain(facts.calls.iter().map(|c| c.span))
        .chain(facts.suppressions.iter().map(|s| s.span))
        .chain(facts.syntax_error);
    for span in spans {
        check_span(&text, span, "a JavaScript fact");
    }
    assert_eq!(
        facts,
        extract_as(&text, dialect),
        "a second extraction differs"
    );
}

/// The Rust extractor on any text, on a thread with the stack the pipeline gives its
/// parser threads. Every span must run forwards and end inside the text.
///
/// Under `cfg(fuzzing)` proc-macro2 tracks no span locations (every syn span is line 0,
/// column 0), so the fuzz target can only check the raw scan's positions for real; the
/// test suite replays its finds with positions tracked.
pub fn rust(text: &str) {
    let text = text.to_string();
    let worker = std::thread::Builder::new()
        .stack_size(crate::extract::rust::PARSE_STACK_SIZE)
        .spawn(move || {
            let lines = line_count(&text);
            let facts = crate::extract::rust::extract(&text);
            let spans = facts
                .references
                .iter()
                .map(|r| r.span)
                .chain(facts.modules.iter().map(|m| m.span))
                .chain(facts.syntax_error);
            for span in spans {
                assert!(span.start <= span.end, "a backwards span {span:?}");
                assert!(span.end.line <= lines, "{span:?} past line {lines}");
            }
        })
        .expect("a parser thread starts");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
}

/// Where [`write_tree`] puts files: manifests of every kind at several depths, sources of
/// every language, a workspace, ignore files and the configuration.
pub const TREE_PATHS: [&str; 32] = [
    "package.json",
    "pnpm-workspace.yaml",
    "Cargo.toml",
    "plugdep.toml",
    "a/package.json",
    "a/plugin.json",
    "a/index.js",
    "a/lib/x.mjs",
    "a/index.ts",
    "a/view.tsx",
    "a/types.d.ts",
    "a/test/t.js",
    "a/nested/package.json",
    "a/nested/index.cjs",
    "b/package.json",
    "b/index.js",
    "b/node_modules/c/package.json",
    "c/Cargo.toml",
    "c/src/lib.rs",
    "c/src/m.rs",
    "c/src/m/n.rs",
    "c/build.rs",
    "c/tests/t.rs",
    "d/Cargo.toml",
    "d/src/main.rs",
    "d/src/bin/tool.rs",
    "e/plugin.json",
    "e/index.js",
    "e/package.json",
    ".gitignore",
    "a/.gitignore",
    "packages/f/package.json",
];

/// Writes the tree `data` describes under `root` and returns its configuration.
///
/// `data` is a list of files separated by NUL bytes (at most 16); each file's first byte
/// picks its path from [`TREE_PATHS`] (so that the fuzzer builds trees of plugins that
/// refer to each other) and the rest is its content. `plugdep.toml` is read as the
/// project's configuration when it is valid, with its `cache` dropped: nothing is ever
/// written outside `root`.
pub fn write_tree(root: &Path, data: &[u8]) -> Config {
    let mut config = Config::default();
    for file in data.split(|&b| b == 0).take(16) {
        let Some((&slot, content)) = file.split_first() else {
            continue;
        };
        let relative = TREE_PATHS[usize::from(slot) % TREE_PATHS.len()];
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a temporary folder is writable");
        }
        std::fs::write(&path, content).expect("a temporary file is writable");
        if relative == "plugdep.toml"
            && let Ok(parsed) = Config::from_toml(&String::from_utf8_lossy(content))
        {
            config = parsed;
        }
    }
    config.cache = None;
    config
}
