//! Differential test: plugdep's npm semantics (`versions::npm`) against node-semver 7.
//!
//! `tests/npm-semver/verdicts.json` holds node-semver's own verdicts on a few thousand
//! awkward (version, range) pairs; see `tests/npm-semver/README.md` for how it is made.
//!
//! * `agrees_with_node_semver_verdicts` (always): every row must agree with
//!   `Version::parse`, `Range::parse`, `satisfies` and `satisfies_including_prerelease`.
//! * `verdicts_match_live_node_semver` (when `PLUGDEP_NODE_SEMVER` names an installed
//!   `semver` package folder): node recomputes the verdicts on the same pairs, and the
//!   documented command regenerates the same pairs, so the fixture cannot drift from node.
//!
//! `PLUGDEP_NPM_SEMVER_FIXTURE=FILE` checks another fixture instead (a larger fuzz run).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use plugdep_analyzer::versions::npm::{Range, Version};

/// One fixture row: `[version, range, valid_version, valid_range, satisfies, satisfies_pre]`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    version: String,
    range: String,
    valid_version: bool,
    valid_range: bool,
    satisfies: bool,
    satisfies_pre: bool,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/npm-semver")
}

fn committed_fixture() -> PathBuf {
    fixture_dir().join("verdicts.json")
}

fn load(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let rows = json["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{} has no \"rows\" array", path.display()));
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            parse_row(row)
                .unwrap_or_else(|| panic!("{} row {i} is malformed: {row}", path.display()))
        })
        .collect()
}

fn parse_row(row: &serde_json::Value) -> Option<Row> {
    let [version, range, flags @ ..] = row.as_array()?.as_slice() else {
        return None;
    };
    let flags: Vec<bool> = flags
        .iter()
        .map(|f| match f.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let [valid_version, valid_range, satisfies, satisfies_pre] = flags[..] else {
        return None;
    };
    Some(Row {
        version: version.as_str()?.to_owned(),
        range: range.as_str()?.to_owned(),
        valid_version,
        valid_range,
        satisfies,
        satisfies_pre,
    })
}

/// Our verdicts on `row`'s pair, in the fixture's shape. Where either side does not parse,
/// the satisfies columns are copied from `row`: they are not ours to compare.
fn ours(row: &Row) -> Row {
    let version = Version::parse(&row.version);
    let range = Range::parse(&row.range);
    let (satisfies, satisfies_pre) = match (&version, &range) {
        (Some(v), Some(r)) => (r.satisfies(v), r.satisfies_including_prerelease(v)),
        _ => (row.satisfies, row.satisfies_pre),
    };
    Row {
        version: row.version.clone(),
        range: row.range.clone(),
        valid_version: version.is_some(),
        valid_range: range.is_some(),
        satisfies,
        satisfies_pre,
    }
}

fn describe(row: &Row) -> String {
    format!(
        "valid_version={} valid_range={} satisfies={} satisfies_pre={}",
        row.valid_version, row.valid_range, row.satisfies, row.satisfies_pre
    )
}

#[test]
fn agrees_with_node_semver_verdicts() {
    let path = std::env::var_os("PLUGDEP_NPM_SEMVER_FIXTURE")
        .map(PathBuf::from)
        .unwrap_or_else(committed_fixture);
    let rows = load(&path);
    assert!(!rows.is_empty(), "{} has no rows", path.display());
    let mut report = String::new();
    let mut differing = 0;
    for (i, node) in rows.iter().enumerate() {
        let ours = ours(node);
        if &ours != node {
            differing += 1;
            let _ = writeln!(
                report,
                "row {i}: version {:?} range {:?}\n  node-semver: {}\n  plugdep:     {}",
                node.version,
                node.range,
                describe(node),
                describe(&ours)
            );
        }
    }
    assert!(
        differing == 0,
        "{differing} of {} rows of {} differ from node-semver:\n{report}",
        rows.len(),
        path.display()
    );
    eprintln!(
        "{} rows of {} agree with node-semver",
        rows.len(),
        path.display()
    );
}

/// Runs `generate.mjs` with `args` (after the package folder) and loads what it wrote.
fn run_generator(package: &Path, out: &Path, args: &[&str]) -> Vec<Row> {
    let status = Command::new("node")
        .arg(fixture_dir().join("generate.mjs"))
        .arg(package)
        .args(args)
        .arg("--out")
        .arg(out)
        .status()
        .unwrap_or_else(|e| panic!("PLUGDEP_NODE_SEMVER is set but `node` cannot run: {e}"));
    assert!(status.success(), "generate.mjs failed: {status}");
    load(out)
}

#[test]
fn verdicts_match_live_node_semver() {
    let Some(package) = std::env::var_os("PLUGDEP_NODE_SEMVER") else {
        eprintln!(
            "skipped: set PLUGDEP_NODE_SEMVER to a `semver` package folder (tests/npm-semver/setup.sh prints one) to check the fixture against live node-semver"
        );
        return;
    };
    let package = PathBuf::from(package);
    assert!(
        package.join("package.json").is_file(),
        "PLUGDEP_NODE_SEMVER={} is not a package folder",
        package.display()
    );
    let committed = load(&committed_fixture());
    let temp = tempfile::tempdir().expect("temp dir");

    // 1. node's verdicts on the committed pairs.
    let pairs: Vec<[&str; 2]> = committed
        .iter()
        .map(|row| [row.version.as_str(), row.range.as_str()])
        .collect();
    let pairs_file = temp.path().join("pairs.json");
    std::fs::write(
        &pairs_file,
        serde_json::to_string(&pairs).expect("pairs to JSON"),
    )
    .expect("write pairs");
    let pairs_arg = pairs_file.to_str().expect("temp path is UTF-8");
    let live = run_generator(
        &package,
        &temp.path().join("live.json"),
        &["--pairs", pairs_arg],
    );
    assert_eq!(live.len(), committed.len(), "generate.mjs dropped pairs");
    let mut report = String::new();
    let mut differing = 0;
    for (i, (node, fixture)) in live.iter().zip(&committed).enumerate() {
        if node != fixture {
            differing += 1;
            let _ = writeln!(
                report,
                "row {i}: version {:?} range {:?}\n  live node-semver: {}\n  verdicts.json:    {}",
                fixture.version,
                fixture.range,
                describe(node),
                describe(fixture)
            );
        }
    }
    assert!(
        differing == 0,
        "{differing} rows of verdicts.json differ from live node-semver at {}; regenerate it (tests/npm-semver/README.md) and check the npm semantics:\n{report}",
        package.display()
    );

    // 2. The documented command regenerates the same pairs.
    let regenerated = run_generator(&package, &temp.path().join("regenerated.json"), &[]);
    let first_difference = regenerated
        .iter()
        .zip(&committed)
        .position(|(a, b)| (&a.version, &a.range) != (&b.version, &b.range));
    assert!(
        regenerated.len() == committed.len() && first_difference.is_none(),
        "generate.mjs no longer reproduces the pairs of verdicts.json (lengths {} and {}, first difference at row {:?}); regenerate it",
        regenerated.len(),
        committed.len(),
        first_difference
    );
    eprintln!(
        "verdicts.json matches live node-semver at {}",
        package.display()
    );
}
