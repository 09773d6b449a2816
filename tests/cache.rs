//! The facts cache through the binary (`--cache DIR`, `cache = "DIR"`): the output is the
//! same byte for byte with and without it, cold and warm; a damaged cache is ignored and
//! replaced; the cache file is replaced atomically; the scanned root is never written.
//!
//! How many files a run parses is asserted by the library's tests
//! (`analyzer/tests/cache.rs`, through `Analysis::files_parsed`); these check what a user
//! sees.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

use common::{case_args, cases, corpus, name, plugdep, stderr, stdout};
use plugdep_analyzer::cache::{FORMAT_VERSION, MAGIC};

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Copies a folder, recursively (the corpus has no links).
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of a corpus case in a fresh temporary folder: `(guard, root)`.
fn copy_of(case: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    copy_tree(&corpus().join(case), &root);
    (dir, root)
}

/// `plugdep scan ROOT --format json ARGS…`
fn scan(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["scan", root.to_str().unwrap(), "--format", "json"];
    all.extend(args);
    plugdep(&all)
}

fn scan_cached(root: &Path, cache: &Path) -> Output {
    scan(root, &["--cache", cache.to_str().unwrap()])
}

/// The one file in the cache folder (there is nothing else: no temporary file left).
fn cache_file(dir: &Path) -> PathBuf {
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        entries.len(),
        1,
        "one cache file and nothing else: {entries:?}"
    );
    entries.into_iter().next().unwrap()
}

/// Every file and folder under `root` with its bytes and modification time.
fn listing(root: &Path) -> BTreeMap<PathBuf, (Option<Vec<u8>>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            let bytes = if meta.is_dir() {
                stack.push(entry.path());
                None
            } else {
                Some(fs::read(entry.path()).unwrap())
            };
            out.insert(entry.path(), (bytes, meta.modified().unwrap()));
        }
    }
    out
}

fn assert_same(a: &Output, b: &Output, what: &str) {
    assert_eq!(a.status.code(), b.status.code(), "{what}: exit code");
    assert_eq!(stdout(a), stdout(b), "{what}: output");
}

#[test]
fn every_case_gives_the_same_bytes_without_cache_cold_and_warm() {
    let caches = tempfile::tempdir().unwrap();
    for case in cases() {
        let name = name(&case);
        let extra = case_args(&case);
        let mut args: Vec<&str> = extra.iter().map(String::as_str).collect();
        let plain = scan(&case, &args);
        args.extend(["--cache", caches.path().to_str().unwrap()]);
        let cold = scan(&case, &args);
        let warm = scan(&case, &args);
        assert_same(&plain, &cold, &format!("{name}, cold"));
        assert_same(&plain, &warm, &format!("{name}, warm"));
        // Standard error is not a terminal here: no progress bar, nothing at all.
        assert_eq!(stderr(&cold), "", "{name}");
        assert_eq!(stderr(&warm), "", "{name}");
    }
    // One file per root, and nothing else.
    let files = fs::read_dir(caches.path()).unwrap().count();
    assert_eq!(files, cases().len());
}

#[test]
fn every_format_and_command_is_the_same_warm() {
    let (_dir, root) = copy_of("mixed-js-rust");
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path().to_str().unwrap();
    let root = root.to_str().unwrap();
    for args in [
        vec!["scan", root, "--format", "human"],
        vec!["scan", root, "--format", "sarif"],
        vec!["scan", root, "--format", "dot"],
        vec!["order", root, "--format", "json"],
        vec!["why", root, "web", "core"],
    ] {
        let plain = plugdep(&args);
        let mut cached = args.clone();
        cached.extend(["--cache", cache]);
        assert_same(&plain, &plugdep(&cached), &format!("{args:?}, cold"));
        assert_same(&plain, &plugdep(&cached), &format!("{args:?}, warm"));
    }
}

#[test]
fn a_changed_file_changes_the_output() {
    let (dir, root) = copy_of("demo");
    let cache = dir.path().join("cache");
    let before = scan_cached(&root, &cache);
    assert_same(&scan(&root, &[]), &before, "cold");
    // telemetry now imports core (an undeclared dependency).
    let file = root.join("plugins/telemetry/index.js");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("import {{ x }} from 'core';\n{text}")).unwrap();
    let after = scan_cached(&root, &cache);
    assert_ne!(stdout(&before), stdout(&after));
    assert!(
        stdout(&after).contains(r#""from": "telemetry""#),
        "{}",
        stdout(&after)
    );
    assert_same(&scan(&root, &[]), &after, "after the change");
    // And back: the old facts are gone from the cache, the file is parsed again.
    fs::write(&file, text).unwrap();
    assert_same(&before, &scan_cached(&root, &cache), "changed back");
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced_by_a_good_one() {
    let (dir, root) = copy_of("mixed-js-rust");
    let plain = scan(&root, &[]);
    let cache = dir.path().join("cache");
    assert_same(&plain, &scan_cached(&root, &cache), "cold");
    let path = cache_file(&cache);
    let good = fs::read(&path).unwrap();
    assert!(good.starts_with(MAGIC));

    // Bytes from a small deterministic generator.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let random: Vec<u8> = (0..good.len() * 2)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let mut random_after_magic = good[..MAGIC.len()].to_vec();
    random_after_magic.extend_from_slice(&random[..good.len() - MAGIC.len()]);
    let version_at = MAGIC.len() + 4 + 1;
    let mut other_version = good.clone();
    let version_len = usize::from(good[MAGIC.len() + 4]);
    assert_eq!(
        &good[version_at..version_at + version_len],
        env!("CARGO_PKG_VERSION").as_bytes()
    );
    other_version[version_at + version_len - 1] ^= 1;
    let mut other_format = good.clone();
    other_format[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    let mut appended = good.clone();
    appended.extend_from_slice(&good[good.len() / 2..]);
    let damages: [(&str, Vec<u8>); 8] = [
        ("random bytes", random),
        ("random bytes after the magic", random_after_magic),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("written by another version", other_version),
        ("another format", other_format),
        ("one byte changed", flipped),
        ("appended to", appended),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damages {
        fs::write(&path, &bytes).unwrap();
        let run = scan_cached(&root, &cache);
        assert_same(&plain, &run, what);
        assert_eq!(stderr(&run), "", "{what}");
        assert_eq!(
            fs::read(cache_file(&cache)).unwrap(),
            good,
            "{what}: rewritten"
        );
    }

    // An empty folder where the file goes gives way to the file.
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    assert_same(&plain, &scan_cached(&root, &cache), "an empty folder");
    assert_eq!(fs::read(&path).unwrap(), good, "an empty folder: replaced");

    // A folder with something in it is the user's: it stays, the run still succeeds.
    fs::remove_file(&path).unwrap();
    write(&path, "keep.txt", "mine");
    let run = scan_cached(&root, &cache);
    assert_same(&plain, &run, "a folder in the way");
    assert!(
        stderr(&run).contains("cannot write the cache"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "mine");
    assert_eq!(
        fs::read_dir(&cache).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_cache_folder_that_cannot_be_made_only_warns() {
    let (dir, root) = copy_of("demo");
    let plain = scan(&root, &[]);
    let not_a_folder = dir.path().join("file");
    fs::write(&not_a_folder, "x").unwrap();
    let run = scan_cached(&root, &not_a_folder.join("cache"));
    assert_same(&plain, &run, "unwritable");
    let err = stderr(&run);
    assert!(err.starts_with("warning: cannot write the cache"), "{err}");
    assert_eq!(fs::read_to_string(&not_a_folder).unwrap(), "x");
}

#[test]
fn the_cache_file_is_replaced_not_rewritten_in_place() {
    let (dir, root) = copy_of("demo");
    let cache = dir.path().join("cache");
    scan_cached(&root, &cache);
    let path = cache_file(&cache);
    let first = fs::metadata(&path).unwrap();
    write(&root, "plugins/core/extra.js", "import 'lodash';\n");
    scan_cached(&root, &cache);
    assert_eq!(cache_file(&cache), path);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let second = fs::metadata(&path).unwrap();
        assert_ne!(first.ino(), second.ino(), "a new file renamed into place");
    }
    #[cfg(not(unix))]
    let _ = first;
    // The same bytes as a cache written from nothing for the tree as it now is: entries
    // were neither appended nor kept for files that are gone.
    let updated = fs::read(&path).unwrap();
    fs::remove_file(root.join("plugins/core/extra.js")).unwrap();
    scan_cached(&root, &cache);
    let shrunk = fs::read(&path).unwrap();
    assert!(shrunk.len() < updated.len());
    let fresh = dir.path().join("fresh");
    scan_cached(&root, &fresh);
    assert_eq!(fs::read(cache_file(&fresh)).unwrap(), shrunk);
}

#[test]
fn the_scanned_root_is_never_written() {
    let (dir, root) = copy_of("mixed-js-rust");
    let cache = dir.path().join("cache");
    let before = listing(&root);
    scan(&root, &[]);
    scan_cached(&root, &cache);
    scan_cached(&root, &cache);
    fs::write(cache_file(&cache), "damaged").unwrap();
    scan_cached(&root, &cache);
    assert_eq!(listing(&root), before);
}

#[test]
fn plugdep_toml_names_the_cache_relative_to_itself() {
    let (dir, root) = copy_of("demo");
    let config = dir.path().join("conf/plugdep.toml");
    write(dir.path(), "conf/plugdep.toml", "cache = \"facts\"\n");
    let config = config.to_str().unwrap();
    let plain = scan(&root, &[]);
    let run = scan(&root, &["--config", config]);
    assert_same(&plain, &run, "cache from plugdep.toml");
    let made = dir.path().join("conf/facts");
    cache_file(&made);
    // --no-cache turns it off, --cache overrides it.
    fs::remove_dir_all(&made).unwrap();
    assert_same(
        &plain,
        &scan(&root, &["--config", config, "--no-cache"]),
        "off",
    );
    assert!(!made.exists());
    let other = dir.path().join("other");
    let run = scan(
        &root,
        &["--config", config, "--cache", other.to_str().unwrap()],
    );
    assert_same(&plain, &run, "overridden");
    assert!(!made.exists());
    cache_file(&other);
    let both = plugdep(&["scan", root.to_str().unwrap(), "--cache", "x", "--no-cache"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn a_cache_inside_the_root_is_the_users_choice_and_changes_nothing() {
    let (_dir, root) = copy_of("demo");
    let plain = scan(&root, &[]);
    write(&root, "plugdep.toml", "cache = \".plugdep-cache\"\n");
    let cold = scan(&root, &[]);
    let warm = scan(&root, &[]);
    assert_same(&plain, &cold, "cold");
    assert_same(&plain, &warm, "warm");
    cache_file(&root.join(".plugdep-cache"));
}
