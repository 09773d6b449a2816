//! Walking the root: which files are manifests, which are sources (JavaScript, TypeScript,
//! Rust, Go), and what is passed over.
//!
//! The walk honours `.gitignore` and `.ignore` files inside the root (never those of its
//! parents, nor the user's global git excludes: plugdep reads nothing outside the root),
//! skips hidden entries and `node_modules`, `target` and `.git`, and never follows a
//! symbolic link — a link is reported as `file-skipped`, so a link loop cannot hang the
//! walk and a link cannot lead outside the root.

use std::path::Path;
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::finding::{Code, Finding};
use crate::location::Location;

/// Folders that are never walked.
pub const SKIPPED_DIRS: [&str; 3] = ["node_modules", ".git", "target"];

/// Source file extensions read by the JavaScript extractor (`.rs` goes to the Rust one).
pub const JAVASCRIPT_EXTENSIONS: [&str; 4] = ["js", "mjs", "cjs", "jsx"];

/// Source file extensions read by the same extractor with a TypeScript grammar
/// (declaration files, `.d.ts`, included).
pub const TYPESCRIPT_EXTENSIONS: [&str; 4] = ["ts", "mts", "cts", "tsx"];

/// A source file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SourceEntry {
    /// Relative to the root, with `/`.
    pub path: String,
}

/// What the walk found, each list sorted by path.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// `package.json` and `plugin.json` files.
    pub manifests: Vec<String>,
    /// Whether the root holds a `pnpm-workspace.yaml`.
    pub pnpm_workspace: bool,
    /// Whether the root holds a `go.work`.
    pub go_work: bool,
    pub sources: Vec<SourceEntry>,
    pub skipped: Vec<Finding>,
}

enum Entry {
    Manifest(String),
    PnpmWorkspace,
    GoWork,
    Source(SourceEntry),
    Skipped(Box<Finding>),
}

/// Walks `root` with `threads` threads. The result does not depend on the thread count.
pub(crate) fn walk(root: &Path, threads: usize, max_file_size: u64) -> Walked {
    let found = Mutex::new(Vec::new());
    WalkBuilder::new(root)
        .hidden(true)
        .parents(false)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.depth() > 0
                && SKIPPED_DIRS.iter().any(|d| e.file_name() == *d))
        })
        .build_parallel()
        .run(|| {
            let found = &found;
            Box::new(move |result| {
                if let Some(entry) = classify(root, result, max_file_size) {
                    found.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
                }
                WalkState::Continue
            })
        });

    let mut walked = Walked::default();
    for entry in found.into_inner().unwrap_or_else(|e| e.into_inner()) {
        match entry {
            Entry::Manifest(path) => walked.manifests.push(path),
            Entry::PnpmWorkspace => walked.pnpm_workspace = true,
            Entry::GoWork => walked.go_work = true,
            Entry::Source(source) => walked.sources.push(source),
            Entry::Skipped(finding) => walked.skipped.push(*finding),
        }
    }
    walked.manifests.sort();
    walked.sources.sort();
    walked
        .skipped
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    walked
}

fn classify(
    root: &Path,
    result: Result<ignore::DirEntry, ignore::Error>,
    max_file_size: u64,
) -> Option<Entry> {
    let entry = match result {
        Ok(entry) => entry,
        Err(error) => return walk_error(root, &error),
    };
    let file_type = entry.file_type()?;
    let path = relative(root, entry.path())?;
    if entry.path().strip_prefix(root).ok()?.to_str().is_none() {
        // A report names files in UTF-8: a name that is not is passed over (with all it
        // holds), reported once, at the outermost such name — escaped, in the message only,
        // since a finding's `file` is a real path.
        let parent_is_text = entry
            .path()
            .parent()
            .and_then(|p| p.strip_prefix(root).ok())
            .is_some_and(|p| p.to_str().is_some());
        let finding = Finding::new(
            Code::FileSkipped,
            format!(
                "{path} was not read: its name is not UTF-8 (shown with \\xNN escapes), so a \
                 report could not name it; rename it to have it read"
            ),
        )
        .subject(path);
        return parent_is_text.then(|| Entry::Skipped(Box::new(finding)));
    }
    if file_type.is_symlink() {
        return Some(skipped(path, "a symbolic link, not followed"));
    }
    if file_type.is_dir() {
        return None;
    }
    if !file_type.is_file() {
        return Some(skipped(
            path,
            "not a regular file (a FIFO, socket or device)",
        ));
    }
    let name = entry.file_name().to_string_lossy();
    // Go leaves out `vendor` (copies of dependencies) and `testdata` folders, and files
    // whose names start with `_` or `.`: so does plugdep, for go.mod and `.go` files.
    let go_ignored = || {
        name.starts_with('_')
            || path
                .split('/')
                .rev()
                .skip(1)
                .any(|d| d == "vendor" || d == "testdata")
    };
    let kind = if name == "package.json" || name == "plugin.json" || name == "Cargo.toml" {
        Entry::Manifest(path.clone())
    } else if name == "go.mod" {
        if go_ignored() {
            return None;
        }
        Entry::Manifest(path.clone())
    } else if name == "pnpm-workspace.yaml" && entry.depth() == 1 {
        // Read whole like a manifest, so within the size limit like one.
        Entry::PnpmWorkspace
    } else if name == "go.work" && entry.depth() == 1 {
        Entry::GoWork
    } else if is_go(&name) {
        if go_ignored() {
            return None;
        }
        Entry::Source(SourceEntry { path: path.clone() })
    } else if is_javascript(&name) || is_rust(&name) {
        Entry::Source(SourceEntry { path: path.clone() })
    } else {
        return None;
    };
    match entry.metadata() {
        Ok(meta) if meta.len() > max_file_size => Some(skipped(
            path,
            &format!(
                "larger than the {} byte limit ({} bytes)",
                max_file_size,
                meta.len()
            ),
        )),
        Ok(_) => Some(kind),
        Err(error) => Some(skipped(path, &format!("unreadable: {error}"))),
    }
}

fn walk_error(root: &Path, error: &ignore::Error) -> Option<Entry> {
    // A path that is not UTF-8 has no place in a finding's `file` (see `classify`).
    let path = error_path(error)
        .filter(|p| p.to_str().is_some())
        .and_then(|p| relative(root, p));
    let message = error.to_string();
    Some(Entry::Skipped(Box::new(match path {
        Some(path) => skipped_finding(path, &message),
        None => Finding::new(Code::FileSkipped, format!("not read: {message}")),
    })))
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

fn skipped(path: String, why: &str) -> Entry {
    Entry::Skipped(Box::new(skipped_finding(path, why)))
}

pub(crate) fn skipped_finding(path: String, why: &str) -> Finding {
    Finding::new(Code::FileSkipped, format!("{path} was not read: {why}"))
        .at(Location::file_start(path))
}

pub(crate) fn is_rust(name: &str) -> bool {
    name.len() > 3 && name.ends_with(".rs")
}

/// Whether the Go extractor reads a file of this name.
pub(crate) fn is_go(name: &str) -> bool {
    name.len() > 3 && name.ends_with(".go")
}

/// Whether the JavaScript / TypeScript extractor reads a file of this name.
pub(crate) fn is_javascript(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (JAVASCRIPT_EXTENSIONS.contains(&ext) || TYPESCRIPT_EXTENSIONS.contains(&ext))
    })
}

/// `path` relative to `root`, with `/` separators (`.` for the root itself).
pub(crate) fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| escaped(c.as_os_str())).collect();
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// A file name as text: itself when it is UTF-8, else each byte that is not shown as
/// `\xNN` (a name that is not UTF-8 is only ever reported, never read by this text).
fn escaped(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// The folder part of a relative path (`.` for a file at the root).
pub(crate) fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or(".", |(dir, _)| dir)
}
