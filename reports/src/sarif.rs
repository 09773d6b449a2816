//! SARIF 2.1.0, the static-analysis interchange format that code-scanning services
//! (GitHub code scanning, Azure DevOps, IDE viewers) read.
//!
//! One run whose `tool.driver.rules` lists every finding code ([`Code::ALL`], in that
//! order, so a rule's index never depends on the input) and one result per finding, in the
//! report's order. Paths are relative to the scanned root, named by the base id `ROOT`
//! (`run.originalUriBaseIds` describes it; it has no absolute `uri`, so that the log does
//! not depend on where the scan ran). Columns count Unicode scalar values, as everywhere in
//! plugdep: `run.columnKind` is `unicodeCodePoints`. Each result carries a
//! `partialFingerprints` entry (`plugdep/v1`, which ignores lines and columns) and, in its
//! `properties`, the finding's plugin, edge, cycle, subject and help; with a baseline that
//! matched, `baselineState` tells `new` from `unchanged` (known) results.
//!
//! The types are written here rather than taken from a SARIF crate: the log uses a small,
//! fixed part of the format, and hand-written structs keep its field order (hence its
//! bytes) under this crate's control without a code-generating build dependency. The
//! tests validate every corpus case's log against the official SARIF 2.1.0 schema and,
//! when it is installed, with Microsoft's SARIF multitool (`tests/sarif/README.md`).

use std::collections::BTreeMap;
use std::fmt::Write;

use plugdep_analyzer::finding::{EdgeRef, Related};
use plugdep_analyzer::location::Location;
use plugdep_analyzer::{Code, Finding, Report, Severity};
use serde::Serialize;

/// The `$schema` of the log: the OASIS standard's schema (SARIF 2.1.0, errata 01).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id every artifact location is relative to: the scanned root.
pub const ROOT_BASE_ID: &str = "ROOT";

/// The key of plugdep's fingerprint in `result.partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "plugdep/v1";

/// The report as a SARIF 2.1.0 log: pretty-printed JSON ending in a newline,
/// byte-identical for the same report.
///
/// ```
/// use std::path::Path;
/// let analysis =
///     plugdep_analyzer::analyze(Path::new("../corpus/js-cycle-2"), &Default::default()).unwrap();
/// let sarif = plugdep_reports::sarif::render(&analysis.report());
/// let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
/// assert_eq!(log["version"], "2.1.0");
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "dependency-cycle");
/// ```
pub fn render(report: &Report<'_>) -> String {
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: report.tool.name,
                    version: report.tool.version,
                    semantic_version: report.tool.version,
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: Code::ALL.iter().map(|&code| rule(code)).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                ROOT_BASE_ID,
                BaseId {
                    description: Message {
                        text: "The root folder that plugdep scanned: every path is relative to it."
                            .to_string(),
                    },
                },
            )]),
            column_kind: "unicodeCodePoints",
            results: {
                // `baselineState` on every result or on none: on all when a baseline matched
                // something (then the others are new), else unknown.
                let baseline = report.findings.iter().any(|f| f.known);
                // Findings alike but for their lines (two computed imports in one file) are
                // told apart by their rank among themselves, in the report's order.
                let mut seen: BTreeMap<String, usize> = BTreeMap::new();
                report
                    .findings
                    .iter()
                    .map(|f| {
                        let rank = seen.entry(identity(f)).or_default();
                        *rank += 1;
                        result(f, baseline, *rank)
                    })
                    .collect()
            },
        }],
    };
    let mut json = serde_json::to_string_pretty(&log).expect("a SARIF log always serialises");
    json.push('\n');
    json
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: BTreeMap<&'static str, BaseId>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct BaseId {
    description: Message,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: Properties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

/// What tools match results on, besides the fingerprint: the finding's own fields.
#[derive(Serialize)]
struct Properties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    plugin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edge: Option<&'a EdgeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    known: bool,
}

/// SARIF's level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_index(code: Code) -> usize {
    Code::ALL
        .iter()
        .position(|&c| c == code)
        .expect("Code::ALL lists every code")
}

fn result(finding: &Finding, baseline: bool, rank: usize) -> SarifResult<'_> {
    let mut text = sentence(&finding.message);
    if let Some(help) = &finding.help {
        text.push_str(" Help: ");
        text.push_str(&sentence(help));
    }
    SarifResult {
        rule_id: finding.code.as_str(),
        rule_index: rule_index(finding.code),
        level: level(finding.severity),
        message: Message { text },
        baseline_state: baseline.then_some(if finding.known { "unchanged" } else { "new" }),
        locations: finding
            .location
            .iter()
            .map(|l| SarifLocation {
                physical_location: physical(l),
            })
            .collect(),
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| related(id, r))
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint(finding, rank))]),
        properties: Properties {
            plugin: finding.plugin.as_deref(),
            edge: finding.edge.as_ref(),
            cycle: finding.cycle.as_deref(),
            subject: finding.subject.as_deref(),
            help: finding.help.as_deref(),
            known: finding.known,
        },
    }
}

fn related(id: usize, related: &Related) -> RelatedLocation {
    RelatedLocation {
        id,
        physical_location: physical(&related.location),
        message: Message {
            text: related.message.clone(),
        },
    }
}

fn physical(location: &Location) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&location.file),
            uri_base_id: ROOT_BASE_ID,
        },
        region: region(location),
    }
}

/// The region of a location. SARIF lines and columns start at 1 and its `endColumn` is
/// exclusive, as plugdep's are; an unknown (0) start leaves the region out, and an end that
/// is unknown or before the start is left out (the region is then the start's line).
fn region(l: &Location) -> Option<Region> {
    if l.line == 0 || l.column == 0 {
        return None;
    }
    let end_ok =
        l.end_line > 0 && l.end_column > 0 && (l.end_line, l.end_column) >= (l.line, l.column);
    Some(Region {
        start_line: l.line,
        start_column: l.column,
        end_line: end_ok.then_some(l.end_line),
        end_column: end_ok.then_some(l.end_column),
    })
}

/// A relative path as a URI reference: every byte but the unreserved characters, the
/// sub-delimiters, `@` and `/` is percent-encoded (`:` too, so that a first segment never
/// reads as a scheme; non-ASCII characters as their UTF-8 bytes).
///
/// ```
/// assert_eq!(plugdep_reports::sarif::uri("plugins/@a/b c/ü#1.js"), "plugins/@a/b%20c/%C3%BC%231.js");
/// ```
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A message as a sentence: ends with a period unless it ends with punctuation already.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// What makes a finding itself wherever its lines move: code, plugin, edge, cycle,
/// subject, file and message (not its line or column).
fn identity(finding: &Finding) -> String {
    let mut identity = String::new();
    let _ = write!(
        identity,
        "{}\u{0}{}\u{0}",
        finding.code,
        finding.plugin.as_deref().unwrap_or("")
    );
    if let Some(edge) = &finding.edge {
        let _ = write!(identity, "{}\u{1}{}", edge.from, edge.to);
    }
    identity.push('\u{0}');
    if let Some(cycle) = &finding.cycle {
        identity.push_str(&cycle.join("\u{1}"));
    }
    identity.push('\u{0}');
    identity.push_str(finding.subject.as_deref().unwrap_or(""));
    identity.push('\u{0}');
    if let Some(location) = &finding.location {
        identity.push_str(&location.file);
    }
    identity.push('\u{0}');
    identity.push_str(&finding.message);
    identity
}

/// A fingerprint that survives edits elsewhere in the file: the finding's [`identity`] and
/// its rank among the findings of the same identity (1 for the first), hashed with 64-bit
/// FNV-1a, as 16 hex digits.
fn fingerprint(finding: &Finding, rank: usize) -> String {
    let mut key = identity(finding);
    let _ = write!(key, "\u{0}{rank}");
    format!("{:016x}", fnv1a(key.as_bytes()))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `dependency-cycle` → `DependencyCycle`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule(code: Code) -> Rule {
    let (short, full, help) = describe(code);
    let id = code.as_str();
    Rule {
        id,
        name: pascal_case(id),
        short_description: Message {
            text: short.to_string(),
        },
        full_description: Message {
            text: full.to_string(),
        },
        help: Help {
            text: help.to_string(),
            markdown: format!("**{id}**: {help}"),
        },
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
    }
}

/// A rule's short description, full description and help (what to do), each a sentence.
fn describe(code: Code) -> (&'static str, &'static str, &'static str) {
    match code {
        Code::UnusedSuppression => (
            "A suppression comment silences nothing.",
            "A `plugdep-ignore-next-line` comment names a finding that does not occur on the next line, so it no longer does anything (the finding was fixed, or the code moved).",
            "Remove the comment, or move it to the line above the finding it is meant to silence.",
        ),
        Code::DependencyCycle => (
            "Plugins depend on each other in a cycle.",
            "Plugins depend on each other in a cycle, so no load order exists. The result shows one concrete shortest cycle with the evidence of every hop. A cycle that closes only through dev dependencies is a warning: it does not block loading.",
            "Move what the plugins share into a plugin they both depend on, or invert one of the dependencies so that the cycle opens.",
        ),
        Code::MissingDependency => (
            "A required plugin is not in the plugin set.",
            "A plugin declares or imports another plugin that is not in the set being scanned, so loading it fails.",
            "Add the missing plugin to the set, or remove the dependency from the manifest.",
        ),
        Code::VersionMismatch => (
            "The plugin found does not satisfy the declared version range.",
            "A plugin declares a version range for a dependency, and the plugin of that name in the set has a version outside it. Ranges follow the declaring manifest's semantics: npm for package.json and plugin.json, Cargo for Cargo.toml.",
            "Update the dependency to a version inside the range, or widen the range if the found version is known to work.",
        ),
        Code::InvalidVersion => (
            "A version or range in a manifest does not parse.",
            "A version or version range in a manifest is not valid in that manifest's dialect (npm or Cargo), so it cannot be checked.",
            "Write the version as MAJOR.MINOR.PATCH (with an optional -prerelease and +build) and the range in the syntax of the manifest's dialect.",
        ),
        Code::DuplicatePlugin => (
            "Two plugins have the same name.",
            "Two plugins in the set have the same name; a host loads only one plugin of a name, so which one wins is an accident.",
            "Rename one of the plugins, or remove the copy that should not be in the set.",
        ),
        Code::HostIncompatible => (
            "The plugin's host requirement excludes the host version.",
            "A plugin requires a host version range (plugin.json host, package.json engines or peerDependencies) that excludes the host version given with --host.",
            "Update the plugin to a release that supports this host version, or widen its host range if it is known to work.",
        ),
        Code::UndeclaredDependency => (
            "Code imports a plugin that the manifest does not declare.",
            "A plugin's code imports another plugin that its manifest does not declare; it works only by accident of what is installed or loaded first.",
            "Add the imported plugin to the dependencies of the importing plugin's manifest.",
        ),
        Code::UnusedDependency => (
            "The manifest declares a plugin that no code uses.",
            "A plugin's manifest declares a dependency on another plugin that none of its files imports, which forces a needless load-order constraint.",
            "Remove the dependency from the manifest, or list it in [package.metadata.plugdep] ignored if only generated code uses it.",
        ),
        Code::UnexportedSymbol => (
            "An imported name is not exported by the target plugin.",
            "Code imports a name that the target plugin does not export, so the import fails when the plugin loads.",
            "Import a name that the target plugin exports, or export the name from the target plugin.",
        ),
        Code::UnexportedSubpath => (
            "An imported sub-path is not exposed by the target's exports map.",
            "Code imports a sub-path of another plugin that the target's exports map does not expose (ERR_PACKAGE_PATH_NOT_EXPORTED).",
            "Import an exported entry point of the target plugin, or add the sub-path to its exports map.",
        ),
        Code::DeepImport => (
            "A relative import reaches into another plugin's folder.",
            "A relative path import lands in another plugin's folder, bypassing its manifest, its entry points and the dependency graph.",
            "Import the other plugin by its name and declare it as a dependency.",
        ),
        Code::InferredReference => (
            "A use of another plugin was found without an import.",
            "Code uses another plugin without importing it (a host-API call with a literal plugin name, or a name that only that plugin exports), so the dependency is invisible to the load order.",
            "Declare the dependency in the manifest so that the load order accounts for it.",
        ),
        Code::AmbiguousReference => (
            "A free name is exported by several plugins.",
            "Code uses a name without an import, and several plugins export that name, so which plugin it refers to is unclear.",
            "Import the name explicitly from the plugin it should come from.",
        ),
        Code::BuildMismatch => (
            "A host and a plugin are built incompatibly.",
            "A host and a plugin were built with incompatible toolchains or shared-module versions, so the plugin cannot be loaded into the host.",
            "Rebuild the plugin with the host's toolchain and shared-module versions.",
        ),
        Code::UnresolvedDynamicImport => (
            "A dynamic import's target is not a literal.",
            "A dynamic import or require call computes its specifier, so the dependency it creates cannot be seen statically.",
            "Use a string literal specifier, so that the dependency is visible to tools and bundlers.",
        ),
        Code::PolicyViolation => (
            "An edge is forbidden by the configuration's rules.",
            "A dependency between two plugins breaks a rule of the plugdep configuration.",
            "Remove the dependency, or change the rule in the configuration if the dependency is intended.",
        ),
        Code::ParseError => (
            "A source file has syntax errors.",
            "A source file could not be parsed completely; the imports that could still be read are kept and the analysis goes on.",
            "Fix the syntax error in the file.",
        ),
        Code::ManifestError => (
            "A manifest does not parse.",
            "A plugin manifest (package.json, plugin.json or Cargo.toml) is not valid, so the plugin is left out of the analysis.",
            "Fix the syntax of the manifest.",
        ),
        Code::PathEscape => (
            "A manifest path points outside the plugin's folder.",
            "A path in a manifest (an entry point, an exports target, a file: dependency) points outside the plugin's own folder.",
            "Point the path at a file inside the plugin's folder.",
        ),
        Code::FileSkipped => (
            "A file was not read.",
            "A file was not read: a symbolic link, a file that is too large or binary, or a manifest passed over. Its imports are not part of the analysis.",
            "Nothing to do unless the file matters: then make it a regular text file under the size limit inside the root.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a/b.js"), "a/b.js");
        assert_eq!(uri("@scope/x/y~z.js"), "@scope/x/y~z.js");
        assert_eq!(uri("a b/%/c:d?e#f"), "a%20b/%25/c%3Ad%3Fe%23f");
        assert_eq!(uri("é"), "%C3%A9");
    }

    #[test]
    fn sentences_end_with_one_period() {
        assert_eq!(sentence("a cycle"), "a cycle.");
        assert_eq!(sentence("done."), "done.");
        assert_eq!(sentence("why? "), "why?");
    }

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal_case("dependency-cycle"), "DependencyCycle");
        assert_eq!(
            pascal_case("unresolved-dynamic-import"),
            "UnresolvedDynamicImport"
        );
    }

    #[test]
    fn every_rule_is_described_in_sentences() {
        for code in Code::ALL {
            let (short, full, help) = describe(code);
            for text in [short, full, help] {
                assert!(text.ends_with('.'), "{code}: {text}");
            }
        }
    }

    #[test]
    fn regions_without_a_valid_end_keep_their_start() {
        let location = |line, column, end_line, end_column| Location {
            file: "a.js".into(),
            line,
            column,
            end_line,
            end_column,
        };
        let r = region(&location(2, 3, 1, 9)).unwrap();
        assert_eq!((r.start_line, r.start_column, r.end_line), (2, 3, None));
        let r = region(&location(2, 3, 2, 3)).unwrap();
        assert_eq!((r.end_line, r.end_column), (Some(2), Some(3)));
        assert!(region(&location(0, 0, 0, 0)).is_none());
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
