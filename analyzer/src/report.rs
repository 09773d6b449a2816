//! The report: the serialisable view of an analysis that every renderer reads, and whose
//! JSON form is the contract in `reports/schema/report.schema.json`.

use serde::Serialize;

use crate::exports::EntryExports;
use crate::finding::{Finding, Severity};
use crate::graph::Edge;
use crate::plugin::{Language, ManifestKind};
use crate::{Analysis, External};

/// The version of the JSON report's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The tool that wrote a report.
#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    /// Always `plugdep`.
    pub name: &'static str,
    /// The tool's version.
    pub version: &'static str,
}

impl Tool {
    /// This build of plugdep.
    pub const CURRENT: Tool = Tool {
        name: "plugdep",
        version: env!("CARGO_PKG_VERSION"),
    };
}

/// A plugin as the report shows it.
#[derive(Clone, Debug, Serialize)]
pub struct PluginEntry<'a> {
    /// The plugin's name.
    pub name: &'a str,
    /// Its version, when its manifest has one.
    pub version: Option<&'a str>,
    /// Its folder, relative to the root.
    pub dir: &'a str,
    /// Its manifest, relative to the root.
    pub manifest: &'a str,
    /// The manifest's format.
    pub manifest_kind: ManifestKind,
    /// The language of its sources.
    pub language: Language,
    /// What it exports, one entry per entry point (sub-path), sorted by sub-path.
    pub exports: &'a [EntryExports],
}

/// Counts.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Plugins in the set.
    pub plugins: usize,
    /// Source files read.
    pub files: usize,
    /// Edges in the graph.
    pub edges: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
    /// Findings already in the baseline (counted above too, but never failing a run).
    pub known: usize,
}

/// Everything an analysis found, in the documented, deterministic order.
#[derive(Clone, Debug, Serialize)]
pub struct Report<'a> {
    /// The version of the report's shape ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The tool that wrote it.
    pub tool: Tool,
    /// Always `.`: every path in the report is relative to the scanned root.
    pub root: &'static str,
    /// Sorted by name.
    pub plugins: Vec<PluginEntry<'a>>,
    /// Sorted by (from, to).
    pub edges: &'a [Edge],
    /// Sorted by (plugin, package).
    pub externals: &'a [External],
    /// Components of runtime edges that hold a cycle, members sorted, sorted by first member.
    pub cycles: &'a [Vec<String>],
    /// Every plugin, dependencies first; a cycle's members together.
    pub load_order: &'a [String],
    /// Groups of plugins that can load in parallel, in order.
    pub load_waves: &'a [Vec<String>],
    /// Sorted by plugin, file, line, column, code, message.
    pub findings: &'a [Finding],
    /// Counts.
    pub summary: Summary,
}

impl<'a> Report<'a> {
    /// The report of `analysis`.
    pub fn new(analysis: &'a Analysis) -> Self {
        let count = |s: Severity| {
            analysis
                .findings()
                .iter()
                .filter(|f| f.severity == s)
                .count()
        };
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::CURRENT,
            root: ".",
            plugins: analysis
                .plugins()
                .iter()
                .map(|p| PluginEntry {
                    name: &p.name,
                    version: p.version.as_deref(),
                    dir: &p.dir,
                    manifest: &p.manifest,
                    manifest_kind: p.manifest_kind,
                    language: p.language,
                    exports: &p.exports.entries,
                })
                .collect(),
            edges: analysis.edges(),
            externals: analysis.externals(),
            cycles: analysis.cycles(),
            load_order: analysis.load_order(),
            load_waves: analysis.load_waves(),
            findings: analysis.findings(),
            summary: Summary {
                plugins: analysis.plugins().len(),
                files: analysis.files(),
                edges: analysis.edges().len(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
                known: analysis.findings().iter().filter(|f| f.known).count(),
            },
        }
    }

    /// The report as pretty-printed JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a report always serialises");
        json.push('\n');
        json
    }
}
