//! Hostile and broken input, end to end: what cannot be committed as a corpus case is
//! generated here at test time — link loops and links out of the root, names that are not
//! UTF-8, files over the size limit, a minified megabyte line, nesting fifty thousand deep,
//! tens of thousands of imports, 150 levels of folders, a ring of 3,000 plugins — and the
//! security promises are checked: nothing outside the root is read or quoted, nothing
//! inside it is written, no plugin code runs.
//!
//! Every run goes through [`run`]: it must exit 0 or 1 (2 only where the run cannot
//! happen, never 101), within a hang guard, under a memory ceiling, and every JSON report
//! must validate against the schema. Each test then asserts the exact findings, in the
//! notation of corpus/README.md. The broken manifests and sources that can be committed
//! are corpus cases (`corpus/bad-*`), checked by tests/corpus.rs.
//!
//! The large inputs are generated once per process ([`big`]) and scanned once; the tests
//! that look at them share that report.
//!
//! Unix only: links, FIFOs, names that are not UTF-8 and the child's peak memory
//! (`wait4`) are what it is about.

#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A run that takes longer than this is killed and fails its test: not a speed target
/// (benchmarks measure speed), only a guard against a hang.
const HANG_GUARD: Duration = Duration::from_secs(180);

/// The most memory any run may use (peak resident set, KiB). The largest input here is a
/// few megabytes; facts, not bytes, may grow memory.
const MEMORY_CEILING_KIB: u64 = 768 * 1024;

/// What a run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    peak_rss_kib: u64,
    elapsed: Duration,
}

/// Runs `plugdep ARGS` with colours off, under the hang guard, and measures its peak
/// memory. Panics when it is killed, dies of a signal, panics (101) or uses too much memory.
// The child is reaped by `wait4` in `wait_guarded` (which std's `Child::wait` cannot do:
// it does not report the peak memory).
#[allow(clippy::zombie_processes)]
fn run(args: &[&OsStr]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_plugdep"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the plugdep binary runs");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("a pipe reads");
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let (status, peak_rss_kib, hung) = wait_guarded(&child);
    let stdout = String::from_utf8(stdout.join().unwrap()).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&stderr.join().unwrap()).into_owned();
    let described = format!("plugdep {args:?}");
    assert!(
        !hung,
        "{described} did not finish within {HANG_GUARD:?}: {stderr}"
    );
    let code = status.unwrap_or_else(|signal| {
        panic!("{described} died of signal {signal}: {stderr}");
    });
    assert_ne!(code, 101, "{described} panicked: {stderr}");
    assert!(
        peak_rss_kib <= MEMORY_CEILING_KIB,
        "{described} used {peak_rss_kib} KiB at its peak (ceiling {MEMORY_CEILING_KIB} KiB)"
    );
    Run {
        code,
        stdout,
        stderr,
        peak_rss_kib,
        elapsed: started.elapsed(),
    }
}

/// Waits for `child` with `wait4`, which also reports its peak memory; kills it after
/// [`HANG_GUARD`]. Returns (exit code or the signal that ended it, peak RSS in KiB, hung).
fn wait_guarded(child: &std::process::Child) -> (Result<i32, i32>, u64, bool) {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        let timed_out = finished.recv_timeout(HANG_GUARD).is_err();
        if timed_out {
            // SAFETY: `pid` is our child, not yet reaped (the waiter has not returned).
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        timed_out
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child; `status` and `usage` are valid for writes.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    let _ = done.send(());
    let hung = guard.join().unwrap();
    let outcome = if libc::WIFEXITED(status) {
        Ok(libc::WEXITSTATUS(status))
    } else {
        Err(libc::WTERMSIG(status))
    };
    (outcome, u64::try_from(usage.ru_maxrss).unwrap_or(0), hung)
}

fn os(text: &str) -> &OsStr {
    OsStr::new(text)
}

/// The compiled JSON Schema of the report.
fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("../reports/schema/report.schema.json")).unwrap();
        jsonschema::validator_for(&schema).expect("the schema compiles")
    })
}

/// A JSON report: parsed, validated against the schema, with the run's exit code.
struct Scan {
    report: Value,
    code: i32,
    run: Run,
}

/// `plugdep scan ROOT --format json --jobs 2 EXTRA…`: exit 0 or 1, a report that
/// validates against the schema.
fn scan(root: &Path, extra: &[&str]) -> Scan {
    let mut args: Vec<&OsStr> = vec![
        os("scan"),
        root.as_os_str(),
        os("--format"),
        os("json"),
        os("--jobs"),
        os("2"),
    ];
    args.extend(extra.iter().map(|text| os(text)));
    let run = run(&args);
    assert!(
        matches!(run.code, 0 | 1),
        "{}: exit {} ({})",
        root.display(),
        run.code,
        run.stderr
    );
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", root.display(), run.stderr));
    let errors: Vec<String> = schema()
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", root.display());
    Scan {
        report,
        code: run.code,
        run,
    }
}

/// Every finding as `"<code> <severity> <plugin or -> <file>:<line>:<column>"` (the
/// notation of corpus/README.md), sorted.
fn findings(report: &Value) -> Vec<String> {
    let mut all: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let place = match f["file"].as_str() {
                Some(file) => format!("{file}:{}:{}", f["line"], f["column"]),
                None => "-".to_string(),
            };
            format!(
                "{} {} {} {place}",
                f["code"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["plugin"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    all.sort();
    all
}

/// The findings of one plugin, or those without a plugin whose file is under `dir`.
fn findings_under(report: &Value, plugin: &str, dir: &str) -> Vec<String> {
    findings(report)
        .into_iter()
        .filter(|f| {
            let mut parts = f.split(' ');
            let owner = parts.nth(2).unwrap();
            let place = parts.next().unwrap();
            owner == plugin || (owner == "-" && place.starts_with(&format!("{dir}/")))
        })
        .collect()
}

/// The message of the one finding with this code at this file.
fn message<'r>(report: &'r Value, code: &str, file: &str) -> &'r str {
    let matching: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code && f["file"] == file)
        .collect();
    assert_eq!(matching.len(), 1, "one {code} at {file}: {matching:#?}");
    matching[0]["message"].as_str().unwrap()
}

fn names(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap_or_else(|| p["name"].as_str().unwrap()))
        .map(str::to_string)
        .collect()
}

fn edge<'r>(report: &'r Value, from: &str, to: &str) -> &'r Value {
    report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == from && e["to"] == to)
        .unwrap_or_else(|| panic!("no edge {from} -> {to}: {:#}", report["edges"]))
}

fn write(root: &Path, path: &str, text: impl AsRef<[u8]>) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The column of the first dependency [`plugin`] writes for `name`.
fn declared_column(name: &str) -> usize {
    format!(r#"{{"name": "{name}", "version": "1.0.0", "dependencies": {{"#).len() + 1
}

/// A package.json plugin `name` in `dir` declaring `deps` (`"b": "^1"`, …).
fn plugin(root: &Path, dir: &str, name: &str, deps: &str) {
    write(
        root,
        &format!("{dir}/package.json"),
        format!(r#"{{"name": "{name}", "version": "1.0.0", "dependencies": {{{deps}}}}}"#),
    );
}

// ---------------------------------------------------------------------------------------
// Large inputs: generated once, scanned once, shared by the tests below.

/// `require("core")` calls on the one line of the minified bundle.
const MINIFIED_REQUIRES: usize = 20_000;
/// Import statements, one per line, in one file.
const IMPORT_LINES: usize = 30_000;
/// Levels of nesting in the deep files.
const NESTING: usize = 50_000;
/// Declared dependencies in the enormous manifest.
const MANIFEST_DEPENDENCIES: usize = 100_000;
/// plugdep's default `max-file-size`.
const LIMIT: usize = 4 * 1024 * 1024;

struct Big {
    /// Keeps the tree alive while the tests read the report.
    _dir: tempfile::TempDir,
    scan: Scan,
    /// The 1-based character column of each `require` on the minified line.
    minified_columns: Vec<u64>,
}

/// The large tree and its report:
///
/// - `core/`: the plugin everything depends on; `core/vendor/` holds a package.json over
///   the size limit (and a file that imports `minified`);
/// - `minified/`: one line of more than 3 MiB with 20,000 `require("core")` calls among
///   strings of two-byte characters;
/// - `imports/`: 30,000 import statements of `core`, one per line;
/// - `nested/`: JavaScript, TypeScript and TSX nested 50,000 deep (brackets, parentheses,
///   blocks, JSX elements), each followed by an import of `core`;
/// - `nested-rs/`: a Rust crate whose lib.rs nests 50,000 parentheses, then `use core_rs`;
/// - `go/`: a Go module with a 1.3 MiB line of 20,000 `plugin.Open` calls and files
///   nested 50,000 deep;
/// - `huge/`: a file one byte over the limit (skipped) and one exactly at it (read);
/// - `manifest/`: a one-line package.json declaring 100,001 dependencies.
fn big() -> &'static Big {
    static BIG: OnceLock<Big> = OnceLock::new();
    BIG.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        plugin(root, "core", "core", "");
        write(root, "core/index.js", "export const value = 1;\n");
        let mut vendor = String::from(r#"{"name": "vendor", "version": "1.0.0", "x": ""#);
        vendor.push_str(&"v".repeat(LIMIT));
        vendor.push_str("\"}");
        write(root, "core/vendor/package.json", vendor);
        write(root, "core/vendor/index.js", "require(\"minified\");\n");

        plugin(root, "minified", "minified", r#""core": "^1.0.0""#);
        let mut line = String::new();
        let mut minified_columns = Vec::new();
        let mut chars = 0usize;
        let padding = "é".repeat(60);
        for i in 0..MINIFIED_REQUIRES {
            let before = format!("var s{i}=\"{padding}\";var a{i}=");
            chars += before.chars().count();
            minified_columns.push(u64::try_from(chars + 1).unwrap());
            let after = format!("require(\"core\");function f{i}(x){{return x+{i}}};");
            chars += after.chars().count();
            line.push_str(&before);
            line.push_str(&after);
        }
        assert!(line.len() > 3 * 1024 * 1024 && line.len() < LIMIT);
        write(root, "minified/bundle.min.js", &line);

        plugin(root, "imports", "imports", r#""core": "^1.0.0""#);
        let imports: String = (0..IMPORT_LINES)
            .map(|i| format!("import * as ns{i} from \"core\";\n"))
            .collect();
        write(root, "imports/index.js", imports);

        plugin(root, "nested", "nested", r#""core": "^1.0.0""#);
        let deep = |open: &str, close: &str| {
            format!("{}1{}", open.repeat(NESTING), close.repeat(NESTING))
        };
        write(
            root,
            "nested/brackets.js",
            format!("x = {};\nrequire(\"core\");\n", deep("[", "]")),
        );
        write(
            root,
            "nested/blocks.js",
            format!("{}\nrequire(\"core\");\n", deep("{", "}")),
        );
        write(
            root,
            "nested/parens.ts",
            format!("let x: number = {};\nimport \"core\";\n", deep("(", ")")),
        );
        write(
            root,
            "nested/elements.tsx",
            format!(
                "const e = {};\nimport \"core\";\n",
                deep("<a>", "</a>").replace('1', "x")
            ),
        );

        write(
            root,
            "core-rs/Cargo.toml",
            "[package]\nname = \"core-rs\"\nversion = \"1.0.0\"\n",
        );
        write(root, "core-rs/src/lib.rs", "pub struct Deep;\n");
        write(
            root,
            "nested-rs/Cargo.toml",
            "[package]\nname = \"nested-rs\"\nversion = \"1.0.0\"\n\n[dependencies]\ncore-rs = { path = \"../core-rs\" }\n",
        );
        write(
            root,
            "nested-rs/src/lib.rs",
            format!(
                "pub fn f() -> i32 {{ {} }}\nuse core_rs::Deep;\n",
                deep("(", ")")
            ),
        );

        // Go: one line of 20,000 `plugin.Open` calls, and nesting 50,000 deep.
        write(root, "go/go.mod", "module example.com/deep\n\ngo 1.22\n");
        let opens: String = (0..MINIFIED_REQUIRES)
            .map(|i| format!("func f{i}() {{ p, _ := plugin.Open(\"x{i}.so\"); p.Lookup(\"S\") }}; "))
            .collect();
        write(root, "go/min.go", format!("package deep; import (\"plugin\"); {opens}\n"));
        write(root, "go/parens.go", format!("package deep\nvar x = {}\n", deep("(", ")")));
        write(root, "go/blocks.go", format!("package deep\nfunc f() {}\n", deep("{", "}").replace('1', "")));

        plugin(root, "huge", "huge", r#""core": "^1.0.0""#);
        let at_limit = format!("require(\"core\");\n//{}\n", "x".repeat(LIMIT - 20));
        assert_eq!(at_limit.len(), LIMIT);
        write(root, "huge/at-limit.js", at_limit);
        write(root, "huge/over-limit.js", "x".repeat(LIMIT + 1));

        let mut manifest = String::from(r#"{"name":"manifest","version":"1.0.0","dependencies":{"#);
        for i in 0..MANIFEST_DEPENDENCIES {
            manifest.push_str(&format!("\"dep-{i}\":\"^1.{i}.0\","));
        }
        manifest.push_str("\"core\":\"^1.0.0\"}}");
        assert!(manifest.len() < LIMIT);
        write(root, "manifest/package.json", manifest);

        let scan = scan(root, &[]);
        eprintln!(
            "the large tree: {:?}, peak {} MiB",
            scan.run.elapsed,
            scan.run.peak_rss_kib / 1024
        );
        Big {
            _dir: dir,
            scan,
            minified_columns,
        }
    })
}

/// The evidence of an edge as `"<kind> <file>:<line>:<column>"`, sorted as the report
/// sorts it (by file, then position).
fn evidence(report: &Value, from: &str, to: &str) -> Vec<String> {
    edge(report, from, to)["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}:{}:{}",
                e["kind"].as_str().unwrap(),
                e["file"].as_str().unwrap(),
                e["line"],
                e["column"]
            )
        })
        .collect()
}

#[test]
fn the_large_tree_is_analysed_whole() {
    let report = &big().scan.report;
    assert_eq!(
        names(report, "plugins"),
        [
            "core",
            "core-rs",
            "example.com/deep",
            "huge",
            "imports",
            "manifest",
            "minified",
            "nested",
            "nested-rs"
        ]
    );
    let edges: Vec<String> = report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} -> {} {}",
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
                e["kinds"]
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            r#"huge -> core ["declared-runtime","import"]"#,
            r#"imports -> core ["declared-runtime","import"]"#,
            r#"manifest -> core ["declared-runtime"]"#,
            r#"minified -> core ["declared-runtime","import"]"#,
            r#"nested -> core ["declared-runtime","import"]"#,
            r#"nested-rs -> core-rs ["declared-runtime","import"]"#,
        ]
    );
    // Only warnings and info: the run passes.
    assert_eq!(
        findings(report),
        [
            "file-skipped info - core/vendor/package.json:1:1",
            "file-skipped info - huge/over-limit.js:1:1",
            "parse-error warning nested-rs nested-rs/src/lib.rs:1:217",
        ]
    );
    assert_eq!(big().scan.code, 0);
    assert_eq!(report["cycles"], serde_json::json!([]));
}

#[test]
fn a_minified_megabyte_line_keeps_every_import_with_its_character_column() {
    let big = big();
    let want: Vec<String> = big
        .minified_columns
        .iter()
        .map(|column| format!("import minified/bundle.min.js:1:{column}"))
        .chain(["declared-runtime minified/package.json:1:59".to_string()])
        .collect();
    assert_eq!(evidence(&big.scan.report, "minified", "core"), want);
}

#[test]
fn tens_of_thousands_of_imports_in_one_file_are_all_evidence() {
    let got = evidence(&big().scan.report, "imports", "core");
    assert_eq!(got.len(), IMPORT_LINES + 1);
    assert_eq!(
        got[IMPORT_LINES],
        "declared-runtime imports/package.json:1:58"
    );
    for (i, item) in got[..IMPORT_LINES].iter().enumerate() {
        assert_eq!(item, &format!("import imports/index.js:{}:1", i + 1));
    }
}

#[test]
fn nesting_fifty_thousand_deep_neither_overflows_nor_hides_the_next_line() {
    let report = &big().scan.report;
    assert_eq!(
        evidence(report, "nested", "core"),
        [
            "import nested/blocks.js:2:1",
            "import nested/brackets.js:2:1",
            "import nested/elements.tsx:2:1",
            "declared-runtime nested/package.json:1:57",
            "import nested/parens.ts:2:1",
        ]
    );
    // syn never sees the deep file: the error sits where the stack estimate goes over its
    // budget (as in corpus/rust-syntax), and the `use` on the next line still counts.
    assert_eq!(
        evidence(report, "nested-rs", "core-rs"),
        [
            "declared-runtime nested-rs/Cargo.toml:6:1",
            "import nested-rs/src/lib.rs:2:5",
        ]
    );
    assert_eq!(
        findings_under(report, "nested", "nested"),
        Vec::<String>::new()
    );
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_finding_and_the_limit_itself_is_read() {
    let report = &big().scan.report;
    assert_eq!(
        message(report, "file-skipped", "huge/over-limit.js"),
        "huge/over-limit.js was not read: larger than the 4194304 byte limit (4194305 bytes)"
    );
    assert_eq!(
        evidence(report, "huge", "core"),
        [
            "import huge/at-limit.js:1:1",
            "declared-runtime huge/package.json:1:55",
        ]
    );
    // A manifest over the limit is skipped too, and its folder then belongs to no plugin:
    // core/vendor/index.js is not core's file (no edge core -> minified).
    assert!(message(report, "file-skipped", "core/vendor/package.json").contains("byte limit"));
    assert!(
        report["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["from"] != "core")
    );
}

#[test]
fn an_enormous_manifest_is_read_whole() {
    let report = &big().scan.report;
    let manifest = report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "manifest")
        .unwrap();
    assert_eq!(manifest["version"], "1.0.0");
    let declared = evidence(report, "manifest", "core");
    let column = r#"{"name":"manifest","version":"1.0.0","dependencies":{"#.len()
        + (0..MANIFEST_DEPENDENCIES)
            .map(|i| format!("\"dep-{i}\":\"^1.{i}.0\",").len())
            .sum::<usize>()
        + 1;
    assert_eq!(
        declared,
        [format!("declared-runtime manifest/package.json:1:{column}")]
    );
}

// ---------------------------------------------------------------------------------------
// The file system: links, special files, names, depth, the root itself.

fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn links_are_never_followed_and_each_is_passed_over_at_info() {
    let outside = tempfile::tempdir().unwrap();
    plugin(outside.path(), "sentinel", "sentinel", "");
    write(outside.path(), "sentinel/index.js", "require(\"a\");\n");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", "");
    write(root, "a/index.js", "require(\"sentinel\");\n");
    plugin(root, "c", "c", "");
    // Out of the root: a plugin folder, a manifest, a file, a device.
    symlink(outside.path().join("sentinel"), root.join("linked-plugin"));
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    symlink(
        outside.path().join("sentinel/package.json"),
        root.join("a/b/package.json"),
    );
    write(root, "a/b/index.js", "require(\"c\");\n");
    symlink("/etc/hostname", root.join("a/hostname.js"));
    symlink("/dev/zero", root.join("a/zero.js"));
    // Loops: to the root, to a parent, two links to each other, a dangling link.
    symlink(root, root.join("a/root-loop"));
    symlink("..", root.join("a/parent-loop"));
    symlink("ping", root.join("a/pong"));
    symlink("pong", root.join("a/ping"));
    symlink("/nonexistent/plugdep", root.join("a/dangling.js"));

    let scan = scan(root, &[]);
    let report = &scan.report;
    assert_eq!(
        names(report, "plugins"),
        ["a", "c"],
        "a plugin behind a link out of the root must not appear"
    );
    // a/b's manifest is a link, so a/b is a plugin folder that was passed over: its files
    // are not a's (no edge a -> c).
    assert_eq!(report["edges"], serde_json::json!([]));
    assert_eq!(
        findings(report),
        [
            "file-skipped info - a/b/package.json:1:1",
            "file-skipped info - a/dangling.js:1:1",
            "file-skipped info - a/hostname.js:1:1",
            "file-skipped info - a/parent-loop:1:1",
            "file-skipped info - a/ping:1:1",
            "file-skipped info - a/pong:1:1",
            "file-skipped info - a/root-loop:1:1",
            "file-skipped info - a/zero.js:1:1",
            "file-skipped info - linked-plugin:1:1",
        ]
    );
    assert_eq!(
        message(report, "file-skipped", "linked-plugin"),
        "linked-plugin was not read: a symbolic link, not followed"
    );
    assert_eq!(scan.code, 0);
    // Nothing from outside the root: no path of the outside folder anywhere in the report.
    let outside = outside.path().to_str().unwrap();
    assert!(!scan.run.stdout.contains(outside), "{}", scan.run.stdout);
}

#[test]
fn special_files_are_reported_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", "");
    write(root, "a/index.js", "export const a = 1;\n");
    for fifo in ["a/fifo.js", "b/package.json"] {
        std::fs::create_dir_all(root.join(fifo).parent().unwrap()).unwrap();
        let path =
            std::ffi::CString::new(root.join(fifo).into_os_string().into_encoded_bytes()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    }
    // Opening a FIFO for reading would block until a writer comes: the hang guard of
    // `run` catches it if the walk ever does.
    let scan = scan(root, &[]);
    assert_eq!(
        findings(&scan.report),
        [
            "file-skipped info - a/fifo.js:1:1",
            "file-skipped info - b/package.json:1:1",
        ]
    );
    assert_eq!(
        message(&scan.report, "file-skipped", "a/fifo.js"),
        "a/fifo.js was not read: not a regular file (a FIFO, socket or device)"
    );
}

#[test]
fn names_that_are_not_utf8_are_reported_escaped_and_the_rest_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", r#""b": "^1.0.0""#);
    write(root, "a/index.js", "require(\"b\");\n");
    plugin(root, "b", "b", "");
    let latin1 = |prefix: &str, name: &[u8]| {
        let mut path = root.join(prefix).into_os_string().into_encoded_bytes();
        path.extend_from_slice(name);
        std::path::PathBuf::from(OsStr::from_bytes(&path))
    };
    // A source file and a whole plugin folder with Latin-1 names, and an invalid UTF-8
    // sequence in the middle of a name.
    std::fs::write(latin1("a/", b"caf\xe9.js"), "require(\"b\");\n").unwrap();
    let folder = latin1("", b"plug\xff\xfein");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("package.json"),
        r#"{"name": "hidden", "version": "1.0.0"}"#,
    )
    .unwrap();
    std::fs::write(latin1("b/", b"x\xe2\x82.js"), "").unwrap();

    let scan = scan(root, &[]);
    assert_eq!(names(&scan.report, "plugins"), ["a", "b"]);
    assert_eq!(
        evidence(&scan.report, "a", "b"),
        [
            "import a/index.js:1:1".to_string(),
            format!("declared-runtime a/package.json:1:{}", declared_column("a")),
        ]
    );
    // A finding's `file` is a real path, so these have none: the message names them,
    // each byte that is not UTF-8 written `\xNN`.
    assert_eq!(findings(&scan.report), ["file-skipped info - -"; 3]);
    let why = "was not read: its name is not UTF-8 (shown with \\xNN escapes), so a report \
               could not name it; rename it to have it read";
    let mut messages: Vec<&str> = scan.report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    messages.sort_unstable();
    assert_eq!(
        messages,
        [
            format!(r"a/caf\xE9.js {why}"),
            format!(r"b/x\xE2\x82.js {why}"),
            format!(r"plug\xFF\xFEin {why}"),
        ]
    );
    // The human form says the same.
    let human = run(&[os("scan"), root.as_os_str()]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains(r"plug\xFF\xFEin was not read"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_tree_150_folders_deep_is_walked_to_the_bottom() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "top", "top", "");
    write(root, "top/index.js", "export const top = 1;\n");
    let deep: String = (0..150).map(|i| format!("level-{i:03}/")).collect();
    let deep = format!("top/{deep}bottom");
    plugin(root, &deep, "bottom", r#""top": "^1.0.0""#);
    write(
        root,
        &format!("{deep}/index.js"),
        "import { top } from \"top\";\n",
    );
    let scan = scan(root, &[]);
    assert_eq!(names(&scan.report, "plugins"), ["bottom", "top"]);
    assert_eq!(
        evidence(&scan.report, "bottom", "top"),
        [
            format!("import {deep}/index.js:1:1"),
            format!(
                "declared-runtime {deep}/package.json:1:{}",
                declared_column("bottom")
            ),
        ]
    );
    assert_eq!(findings(&scan.report), Vec::<String>::new());
    assert_eq!(names(&scan.report, "load_order"), ["top", "bottom"]);
}

#[test]
fn a_root_that_cannot_be_scanned_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "file.txt", "not a folder");
    let missing = dir.path().join("missing");
    let file = dir.path().join("file.txt");
    let cases = [
        (
            missing.as_os_str(),
            format!("the root {} does not exist", missing.display()),
        ),
        (
            file.as_os_str(),
            format!("the root {} is not a directory", file.display()),
        ),
        (os(""), "a value is required for '[ROOT]'".to_string()),
    ];
    for (root, says) in cases {
        for command in [&["scan", "--format", "json"][..], &["order"], &["baseline"]] {
            let mut args = vec![os(command[0]), root];
            args.extend(command[1..].iter().map(|a| os(a)));
            let run = run(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
            assert!(run.stderr.contains(&says), "{args:?}: {}", run.stderr);
        }
    }
}

#[test]
fn an_empty_root_is_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let scan = scan(dir.path(), &[]);
    assert_eq!(scan.code, 0);
    for key in [
        "plugins",
        "edges",
        "cycles",
        "load_order",
        "load_waves",
        "findings",
    ] {
        assert_eq!(scan.report[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(scan.report["summary"]["plugins"], 0);
}

#[test]
fn a_root_given_as_a_link_is_the_folder_it_names() {
    // The user named it: the root itself is followed (only links inside it are not).
    let dir = tempfile::tempdir().unwrap();
    plugin(dir.path(), "real/a", "a", "");
    symlink(dir.path().join("real"), dir.path().join("alias"));
    let scan = scan(&dir.path().join("alias"), &[]);
    assert_eq!(names(&scan.report, "plugins"), ["a"]);
    assert_eq!(findings(&scan.report), Vec::<String>::new());
}

#[test]
fn workspace_and_configuration_files_are_bounded_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "packages/a", "a", "");
    // A billion laughs: a dozen lines whose aliases would expand to 9^11 strings.
    let mut laughs = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\"]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        laughs.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    laughs.push_str("packages: *a11\n");
    write(root, "pnpm-workspace.yaml", &laughs);
    let laughed = scan(root, &[]);
    // No member globs came out of it: the workspace has no members, and packages/a is
    // passed over as not a member.
    assert_eq!(
        findings(&laughed.report),
        ["file-skipped info - packages/a/package.json:1:1"]
    );

    // Over the size limit: skipped like a manifest, so there is no workspace at all.
    write(
        root,
        "pnpm-workspace.yaml",
        format!("packages: [packages/*]\n#{}", "x".repeat(LIMIT)),
    );
    let oversized = scan(root, &[]);
    assert_eq!(
        findings(&oversized.report),
        ["file-skipped info - pnpm-workspace.yaml:1:1"]
    );
    assert_eq!(names(&oversized.report, "plugins"), ["a"]);

    // ROOT's plugdep.toml over the limit stops the run: it cannot be read as meant.
    write(root, "plugdep.toml", format!("#{}", "x".repeat(LIMIT)));
    let refused = run(&[os("scan"), root.as_os_str()]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("plugdep.toml is larger than 4194304 bytes"),
        "{}",
        refused.stderr
    );
}

// ---------------------------------------------------------------------------------------
// Graph extremes.

#[test]
fn a_ring_of_3000_plugins_is_one_cycle_reported_once() {
    const N: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let name = |i: usize| format!("p{:04}", i % N);
    for i in 0..N {
        plugin(
            root,
            &name(i),
            &name(i),
            &format!(r#""{}": "^1.0.0""#, name(i + 1)),
        );
        write(
            root,
            &format!("{}/index.js", name(i)),
            format!("require(\"{}\");\n", name(i + 1)),
        );
    }
    let scan = scan(root, &[]);
    let report = &scan.report;
    let all: Vec<String> = (0..N).map(name).collect();
    assert_eq!(report["cycles"], serde_json::json!([all]));
    assert_eq!(
        findings(report),
        ["dependency-cycle error p0000 p0000/index.js:1:1"]
    );
    let finding = &report["findings"][0];
    assert_eq!(finding["cycle"], serde_json::json!(all));
    // Every plugin still loads, the ring's members together, in one wave.
    assert_eq!(names(report, "load_order"), all);
    assert_eq!(report["load_waves"], serde_json::json!([all]));
    assert_eq!(scan.code, 1);
}

/// Thousands of findings on one minified line: the human form quotes no line longer than
/// it can show and reads each file once, so its size and time grow with the findings,
/// not with findings times the file.
#[test]
fn the_human_form_of_many_findings_on_a_megabyte_line_stays_small() {
    const IMPORTS: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "core", "core", "");
    write(root, "core/index.js", "export const value = 1;\n");
    plugin(root, "app", "app", r#""core": "^1.0.0""#);
    let padding = "/*".to_string() + &"x".repeat(300) + "*/";
    let line: String = (0..IMPORTS)
        .map(|i| format!("{padding}import{{missing{i}}}from\"core\";"))
        .collect();
    assert!(line.len() > 900_000);
    write(root, "app/bundle.min.js", format!("{line}\n"));
    let scan = scan(root, &[]);
    let found = findings(&scan.report);
    assert_eq!(found.len(), IMPORTS);
    assert!(
        found
            .iter()
            .all(|f| f.starts_with("unexported-symbol error app app/bundle.min.js:1:"))
    );
    let human = run(&[os("scan"), root.as_os_str()]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human.stdout.len() < 2_000_000,
        "{} bytes of human output",
        human.stdout.len()
    );
    assert!(
        !human.stdout.contains(&padding),
        "a megabyte line was quoted"
    );
}

#[test]
fn a_plugin_that_depends_on_itself_is_a_cycle_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Declared and imported, declared by path in Cargo.toml, and a peer of itself whose
    // range its own version misses.
    plugin(root, "a", "a", r#""a": "^1.0.0""#);
    write(root, "a/index.js", "import \"a\";\n");
    write(
        root,
        "b/Cargo.toml",
        "[package]\nname = \"b\"\nversion = \"1.0.0\"\n\n[dependencies]\nb = { path = \".\" }\n",
    );
    write(root, "b/src/lib.rs", "pub fn x() {}\n");
    write(
        root,
        "c/plugin.json",
        r#"{"name": "c", "version": "1.0.0", "peerDependencies": {"c": "^2.0.0"}}"#,
    );
    let scan = scan(root, &[]);
    let report = &scan.report;
    assert_eq!(report["cycles"], serde_json::json!([["a"], ["b"], ["c"]]));
    assert_eq!(
        findings(report),
        [
            "dependency-cycle error a a/index.js:1:1",
            "dependency-cycle error b b/Cargo.toml:6:1",
            "dependency-cycle error c c/plugin.json:1:56",
            "version-mismatch error c c/plugin.json:1:61",
        ]
    );
    assert_eq!(
        message(report, "dependency-cycle", "a/index.js"),
        "a depends on itself"
    );
    // Each still loads, once.
    assert_eq!(names(report, "load_order"), ["a", "b", "c"]);
    assert_eq!(report["load_waves"], serde_json::json!([["a", "b", "c"]]));
}

#[test]
fn thousands_of_findings_render_in_every_format() {
    const N: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let name = |i: usize| format!("f{i:04}");
    for i in 0..N {
        write(
            root,
            &format!("{}/plugin.json", name(i)),
            format!(
                r#"{{"name": "{}", "version": "1.0.0", "dependencies": {{"gone-{i}": "^1"}}}}"#,
                name(i)
            ),
        );
        if i + 1 < N {
            write(
                root,
                &format!("{}/index.js", name(i)),
                format!("require(\"{}\");\n", name(i + 1)),
            );
        }
    }
    let scan = scan(root, &[]);
    let mut want: Vec<String> = (0..N)
        .map(|i| {
            let column = r#"{"name": "f0000", "version": "1.0.0", "dependencies": {"#.len() + 1;
            format!(
                "missing-dependency error {0} {0}/plugin.json:1:{column}",
                name(i)
            )
        })
        .chain(
            (0..N - 1)
                .map(|i| format!("undeclared-dependency error {0} {0}/index.js:1:1", name(i))),
        )
        .collect();
    want.sort();
    assert_eq!(findings(&scan.report), want);
    assert_eq!(scan.code, 1);
    for format in ["human", "dot", "mermaid", "sarif"] {
        let run = run(&[os("scan"), root.as_os_str(), os("--format"), os(format)]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(!run.stdout.is_empty(), "{format}");
    }
}

// ---------------------------------------------------------------------------------------
// Security: reads stay inside the root, nothing is written there, nothing runs.

/// Every entry under `root`, links not followed: its kind, permissions, modification
/// time, and a hash of its content (or its link target).
fn snapshot(root: &Path) -> std::collections::BTreeMap<String, String> {
    use std::hash::{Hash, Hasher};
    let mut entries = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            let kind = if meta.file_type().is_symlink() {
                std::fs::read_link(&path).unwrap().hash(&mut hasher);
                "link"
            } else if meta.is_dir() {
                stack.push(path.clone());
                "dir"
            } else {
                std::fs::read(&path).unwrap().hash(&mut hasher);
                "file"
            };
            let key = path.strip_prefix(root).unwrap().display().to_string();
            let value = format!(
                "{kind} {:?} {:?} {:016x}",
                meta.permissions(),
                meta.modified().ok(),
                hasher.finish()
            );
            entries.insert(key, value);
        }
    }
    entries
}

/// Copies a folder (files and folders only).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn no_command_writes_inside_the_root_or_runs_plugin_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    for case in ["demo", "mixed-js-rust", "rust-workspace", "js-cycle-3"] {
        copy_tree(&common::corpus().join(case), &root.join(case));
    }
    // Code that would leave a mark outside the root if anything ran it: npm lifecycle
    // scripts, a build script, a module's top level, a proc-macro-free Rust test.
    let witness = tempfile::tempdir().unwrap();
    let mark = |what: &str| witness.path().join(what).display().to_string();
    write(
        &root,
        "runner/package.json",
        format!(
            r#"{{"name": "runner", "version": "1.0.0", "scripts": {{"preinstall": "touch {0}", "install": "touch {0}", "postinstall": "touch {0}", "prepare": "touch {0}"}}, "dependencies": {{"core": "^1"}}}}"#,
            mark("npm")
        ),
    );
    write(
        &root,
        "runner/index.js",
        format!(
            "require('fs').writeFileSync({:?}, 'ran');\nimport('core');\n",
            mark("node")
        ),
    );
    write(
        &root,
        "builder/Cargo.toml",
        "[package]\nname = \"builder\"\nversion = \"1.0.0\"\nbuild = \"build.rs\"\n",
    );
    write(
        &root,
        "builder/build.rs",
        format!(
            "fn main() {{ std::fs::write({:?}, \"ran\").unwrap(); }}\n",
            mark("cargo")
        ),
    );
    write(&root, "builder/src/lib.rs", "pub fn f() {}\n");

    let outside = tempfile::tempdir().unwrap();
    let cache = outside.path().join("cache");
    let baseline = outside.path().join("baseline.json");
    let output = outside.path().join("report.sarif");
    let before = snapshot(&root);
    let root_arg = root.to_str().unwrap();
    let mut runs: Vec<Vec<&str>> = ["human", "json", "dot", "mermaid", "sarif"]
        .iter()
        .map(|format| vec!["scan", root_arg, "--format", format])
        .collect();
    let (cache_arg, baseline_arg, output_arg) = (
        cache.to_str().unwrap(),
        baseline.to_str().unwrap(),
        output.to_str().unwrap(),
    );
    runs.extend([
        // Cold, then warm: the second run reads the cache it wrote.
        vec!["scan", root_arg, "--format", "json", "--cache", cache_arg],
        vec!["scan", root_arg, "--format", "json", "--cache", cache_arg],
        vec!["scan", root_arg, "--write-baseline", baseline_arg],
        vec![
            "scan",
            root_arg,
            "--baseline",
            baseline_arg,
            "--format",
            "sarif",
            "--output",
            output_arg,
        ],
        vec!["order", root_arg],
        vec!["order", root_arg, "--format", "json", "--cache", cache_arg],
        vec!["why", root_arg, "runner", "core"],
        vec!["baseline", root_arg],
    ]);
    for args in &runs {
        let args: Vec<&OsStr> = args.iter().map(|a| os(a)).collect();
        let run = run(&args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.stderr);
        assert_eq!(snapshot(&root), before, "{args:?} changed the root");
    }
    // What was written went where it was asked to, and nothing ran.
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    assert!(baseline.is_file() && output.is_file());
    let marks: Vec<_> = std::fs::read_dir(witness.path()).unwrap().collect();
    assert!(marks.is_empty(), "plugin code ran: {marks:?}");
}

#[test]
fn nothing_outside_the_root_is_quoted_through_a_link() {
    const SECRET: &str = "plugdep-must-never-print-this";
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "secret.js",
        format!("import x from 'a';\n// {SECRET}\n"),
    );
    write(
        outside.path(),
        "plugdep.toml",
        format!("# {SECRET}\nbroken ="),
    );
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", "");
    // Findings point at these links (file-skipped at 1:1): the human form must not open
    // them for a snippet, nor a device that never ends.
    symlink(outside.path().join("secret.js"), root.join("a/secret.js"));
    symlink("/dev/zero", root.join("a/zero.js"));
    for format in ["human", "json", "sarif"] {
        let run = run(&[os("scan"), root.as_os_str(), os("--format"), os(format)]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(!run.stdout.contains(SECRET), "{format}: {}", run.stdout);
    }
    // ROOT's own plugdep.toml as a link: refused (it could be quoted in an error), unless
    // named with --config.
    symlink(
        outside.path().join("plugdep.toml"),
        root.join("plugdep.toml"),
    );
    let refused = run(&[os("scan"), root.as_os_str()]);
    assert_eq!(refused.code, 2);
    assert!(!refused.stderr.contains(SECRET), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("plugdep.toml is a symbolic link"),
        "{}",
        refused.stderr
    );
}

/// The strongest proof that a path is never opened: a FIFO outside the root, which would
/// block the run until the hang guard kills it, and `/dev/zero`, which never ends.
#[test]
fn an_escaping_manifest_path_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("outside/pipe.js");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let c_path =
        std::ffi::CString::new(fifo.clone().into_os_string().into_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    let root = dir.path().join("root");
    write(
        &root,
        "a/package.json",
        r#"{"name": "a", "version": "1.0.0",
  "main": "../../outside/pipe.js",
  "exports": {".": "./../../outside/pipe.js", "./zero": "/dev/zero"}}"#,
    );
    write(
        &root,
        "b/package.json",
        r#"{"name": "b", "version": "1.0.0", "dependencies": {"a": "^1.0.0", "c": "^1.0.0"}}"#,
    );
    write(
        &root,
        "b/index.js",
        "import { x } from 'a';\nimport zero from 'a/zero';\nimport 'c';\n",
    );
    write(
        &root,
        "c/Cargo.toml",
        "[package]\nname = \"c\"\nversion = \"1.0.0\"\n\n[lib]\npath = \"../../outside/pipe.js\"\n",
    );
    let scan = scan(&root, &[]);
    assert_eq!(
        findings(&scan.report),
        [
            "path-escape error a a/package.json:2:11",
            "path-escape error a a/package.json:3:20",
            "path-escape error a a/package.json:3:57",
            "path-escape error c c/Cargo.toml:6:8",
        ]
    );
    assert_eq!(names(&scan.report, "plugins"), ["a", "b", "c"]);
}

#[test]
fn control_characters_from_the_input_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A name and a source line that would clear the screen, retitle the terminal and set
    // its clipboard (OSC 52) if printed raw.
    write(
        root,
        "a/package.json",
        r#"{"name": "evil\u001b]0;pwned\u0007\u001b[2J", "version": "1.0.0", "dependencies": {"b": "^1.0.0"}}"#,
    );
    write(
        root,
        "a/index.js",
        "import b from 'b';\nfunction (\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7} {\n",
    );
    plugin(
        root,
        "b",
        "b",
        r#""evil\u001b]0;pwned\u0007\u001b[2J": "^1.0.0""#,
    );
    write(
        root,
        "b/index.js",
        "import 'evil\u{1b}]0;pwned\u{7}\u{1b}[2J';\n",
    );
    let root_arg = root.as_os_str();
    for args in [
        vec![os("scan"), root_arg],
        vec![os("order"), root_arg],
        vec![
            os("why"),
            root_arg,
            os("b"),
            os("evil\u{1b}]0;pwned\u{7}\u{1b}[2J"),
        ],
    ] {
        let run = run(&args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {:?}",
            run.stdout
        );
        assert!(
            run.stdout.contains("evil␛]0;pwned␇␛[2J"),
            "{args:?}: {}",
            run.stdout
        );
    }
    // The JSON report keeps the name exactly (escaped as JSON does).
    let scan = scan(root, &[]);
    assert_eq!(
        names(&scan.report, "plugins"),
        ["b", "evil\u{1b}]0;pwned\u{7}\u{1b}[2J"]
    );
}

// ---------------------------------------------------------------------------------------
// What the fuzzers found: every reproducer in fuzz/regressions/<target>/ replayed through
// the same entry point its fuzz target calls (see RELIABILITY.md).

/// The analysis of a `write_tree` tree on `jobs` threads, rendered in every format; the
/// JSON report is returned.
fn pipeline_report(root: &Path, config: &plugdep_analyzer::config::Config, jobs: usize) -> String {
    let options = plugdep_analyzer::Options {
        jobs: Some(jobs),
        config: config.clone(),
        ..Default::default()
    };
    let analysis = plugdep_analyzer::analyze(root, &options).expect("a folder analyses");
    let report = analysis.report();
    let sources = |path: &str| std::fs::read_to_string(root.join(path)).ok();
    let style = plugdep_reports::Style::default();
    let _ = plugdep_reports::human::render(&report, &sources, style);
    let _ = plugdep_reports::dot::render(&report);
    let _ = plugdep_reports::mermaid::render(&report);
    let _ = plugdep_reports::sarif::render(&report);
    let _ = plugdep_reports::order::render_human(&report);
    let json = plugdep_reports::json::render(&report);
    let value: Value = serde_json::from_str(&json).expect("the report is JSON");
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    json
}

#[test]
fn every_fuzz_reproducer_runs_clean() {
    use plugdep_analyzer::fuzzing;
    let regressions = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&regressions).unwrap() {
        let target = target.unwrap().path();
        let name = target.file_name().unwrap().to_str().unwrap().to_string();
        for input in std::fs::read_dir(&target).unwrap() {
            let input = input.unwrap().path();
            let data = std::fs::read(&input).unwrap();
            let text = String::from_utf8_lossy(&data);
            eprintln!("{}", input.display());
            match name.as_str() {
                "json_manifest" => fuzzing::json_manifest(&text),
                "cargo_manifest" => fuzzing::cargo_manifest(&text),
                "versions" => {
                    let (range, version) = text.split_once('\n').unwrap_or((&text, "1.2.3"));
                    fuzzing::versions(range, version);
                }
                "extract_js" => fuzzing::javascript(&data),
                "extract_rust" => fuzzing::rust(&text),
                "pipeline" => {
                    let dir = tempfile::tempdir().unwrap();
                    let config = fuzzing::write_tree(dir.path(), &data);
                    let one = pipeline_report(dir.path(), &config, 1);
                    assert_eq!(one, pipeline_report(dir.path(), &config, 3));
                }
                other => panic!("fuzz/regressions/{other}: no such fuzz target"),
            }
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no reproducers under {}",
        regressions.display()
    );
}
