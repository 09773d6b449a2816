//! The facts cache from the library: how many files a run parses and how many it takes
//! from the cache (`Analysis::files_parsed` / `files_cached`), and the progress hook.
//! What a user sees (byte-identical reports, damaged caches, atomic writes, the root left
//! alone) is tested through the binary in `tests/cache.rs`.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use plugdep_analyzer::{Analysis, Options, analyze, cache};

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Three JavaScript plugins (five files) and a Rust crate whose module tree has three
/// files (one more `.rs` file is outside it).
fn tree(root: &Path) {
    write(
        root,
        "core/package.json",
        r#"{"name": "core", "version": "1.0.0"}"#,
    );
    write(root, "core/index.js", "export const x = 1;\n");
    write(
        root,
        "auth/package.json",
        r#"{"name": "auth", "version": "1.0.0", "dependencies": {"core": "^1"}}"#,
    );
    write(root, "auth/index.js", "import { x } from 'core';\n");
    write(root, "auth/session.js", "import './index.js';\n");
    write(
        root,
        "ui/package.json",
        r#"{"name": "ui", "version": "1.0.0"}"#,
    );
    write(root, "ui/index.js", "export const x = 1;\n"); // the same bytes as core's
    write(root, "ui/test/ui.test.js", "import 'auth';\n");
    write(
        root,
        "engine/Cargo.toml",
        "[package]\nname = \"engine\"\nversion = \"1.0.0\"\n",
    );
    write(root, "engine/src/lib.rs", "mod a;\nmod b;\n");
    write(root, "engine/src/a.rs", "pub fn f() { serde::g(); }\n");
    write(root, "engine/src/b.rs", "use std::fmt;\n");
    write(root, "engine/src/orphan.rs", "use nothing::here;\n");
}

const FILES: usize = 8;

fn run(root: &Path, cache: &Path) -> Analysis {
    let mut options = Options::default();
    options.config.cache = Some(cache.to_path_buf());
    analyze(root, &options).unwrap()
}

fn counts(analysis: &Analysis) -> (usize, usize) {
    (analysis.files_parsed(), analysis.files_cached())
}

fn json(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&analysis.report()).unwrap()
}

#[test]
fn a_warm_run_parses_nothing_and_a_change_parses_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let (root, cache) = (dir.path().join("root"), dir.path().join("cache"));
    tree(&root);
    let plain = analyze(&root, &Options::default()).unwrap();
    assert_eq!(counts(&plain), (FILES, 0));
    assert_eq!(plain.files(), FILES);

    let cold = run(&root, &cache);
    assert_eq!(counts(&cold), (FILES, 0));
    let warm = run(&root, &cache);
    assert_eq!(counts(&warm), (0, FILES));
    assert_eq!(json(&plain), json(&cold));
    assert_eq!(json(&plain), json(&warm));

    // One JavaScript file changed: one parse.
    write(
        &root,
        "auth/session.js",
        "import './index.js';\nimport 'ui';\n",
    );
    let changed = run(&root, &cache);
    assert_eq!(counts(&changed), (1, FILES - 1));
    assert_eq!(
        json(&changed),
        json(&analyze(&root, &Options::default()).unwrap())
    );
    assert_ne!(json(&changed), json(&warm));
    assert_eq!(counts(&run(&root, &cache)), (0, FILES));

    // One Rust file changed; its module tree now takes in the orphan: two parses.
    write(&root, "engine/src/lib.rs", "mod a;\nmod b;\nmod orphan;\n");
    let changed = run(&root, &cache);
    assert_eq!(counts(&changed), (2, FILES - 1));
    assert_eq!(
        json(&changed),
        json(&analyze(&root, &Options::default()).unwrap())
    );
    assert_eq!(counts(&run(&root, &cache)), (0, FILES + 1));

    // A file removed: nothing to parse, and the cache holds one entry fewer.
    let size = std::fs::metadata(cache::file_for(&cache, &root))
        .unwrap()
        .len();
    std::fs::remove_file(root.join("auth/session.js")).unwrap();
    assert_eq!(counts(&run(&root, &cache)), (0, FILES));
    let smaller = std::fs::metadata(cache::file_for(&cache, &root))
        .unwrap()
        .len();
    assert!(smaller < size, "{smaller} < {size}");
}

#[test]
fn a_damaged_cache_parses_everything_once() {
    let dir = tempfile::tempdir().unwrap();
    let (root, cache) = (dir.path().join("root"), dir.path().join("cache"));
    tree(&root);
    run(&root, &cache);
    let file = cache::file_for(&cache, &root);
    let good = std::fs::read(&file).unwrap();
    for damaged in [
        Vec::new(),
        good[..good.len() - 1].to_vec(),
        b"not a cache".to_vec(),
        [&good[..], b"more"].concat(),
    ] {
        std::fs::write(&file, damaged).unwrap();
        assert_eq!(counts(&run(&root, &cache)), (FILES, 0));
        assert_eq!(counts(&run(&root, &cache)), (0, FILES));
    }
}

#[test]
fn the_progress_hook_counts_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (root, cache) = (dir.path().join("root"), dir.path().join("cache"));
    tree(&root);
    for cached in [false, true, true] {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&calls);
        let most = Arc::new(AtomicUsize::new(0));
        let max = Arc::clone(&most);
        let mut options = Options {
            jobs: Some(2),
            progress: Some(Arc::new(move |done, total| {
                max.fetch_max(done, Ordering::Relaxed);
                seen.lock().unwrap().push((done, total));
            })),
            ..Options::default()
        };
        if cached {
            options.config.cache = Some(cache.clone());
        }
        assert!(format!("{options:?}").contains("progress"));
        let _ = options.clone();
        analyze(&root, &options).unwrap();
        let calls = calls.lock().unwrap();
        // One call per file, then the end: every Rust file of the crate counted until the
        // module tree said the orphan is not part of it.
        assert_eq!(calls.len(), FILES + 1);
        assert!(calls[..FILES].iter().all(|&(_, total)| total == FILES + 1));
        assert_eq!(calls[FILES], (FILES, FILES));
        assert_eq!(most.load(Ordering::Relaxed), FILES);
    }
}
