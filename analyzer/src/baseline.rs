//! Baselines: the findings a team already knows about, so that CI fails only on new ones
//! while the old ones are paid down.
//!
//! An entry never records a line number: it is the finding's code, plugin, edge, cycle (in
//! canonical rotation, so a cycle matches however it is found or written) and subject (the
//! dependency, specifier or rule; else the file). Matching is one entry per finding, so two
//! identical findings need two entries. An entry that matches nothing is reported (info),
//! so that baselines shrink.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # let write = |p: &str, s: &str| {
//! #     let p = dir.path().join(p);
//! #     std::fs::create_dir_all(p.parent().unwrap()).unwrap();
//! #     std::fs::write(p, s).unwrap();
//! # };
//! write("a/plugin.json", r#"{"name": "a", "version": "1.0.0", "dependencies": {"gone": "^1"}}"#);
//! let mut analysis = plugdep_analyzer::analyze(dir.path(), &Default::default()).unwrap();
//! let baseline = plugdep_analyzer::baseline::Baseline::of(analysis.findings());
//! analysis.apply_baseline(&baseline);
//! assert!(analysis.findings().iter().all(|f| f.known));
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::{Code, EdgeRef, Finding, Severity};

/// The version of the baseline file's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The version of this file's shape ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Sorted.
    pub findings: Vec<Entry>,
}

/// One known finding, without its place in the file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding code (`dependency-cycle`, …).
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The plugin the finding belongs to.
    pub plugin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The edge the finding is about.
    pub edge: Option<EdgeRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The cycle, in canonical rotation once read.
    pub cycle: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The dependency, specifier, rule or file the finding is about.
    pub subject: Option<String>,
}

impl Entry {
    /// The entry that records `finding`.
    pub fn of(finding: &Finding) -> Entry {
        Entry {
            code: finding.code.as_str().to_string(),
            plugin: finding.plugin.clone(),
            edge: finding.edge.clone(),
            cycle: finding.cycle.clone(),
            // A finding about an edge or a cycle is recognised by it; others by their file.
            subject: finding.subject.clone().or_else(|| {
                let about_graph = finding.edge.is_some() || finding.cycle.is_some();
                (!about_graph)
                    .then(|| finding.location.as_ref().map(|l| l.file.clone()))
                    .flatten()
            }),
        }
        .canonical()
    }

    /// The same entry with its cycle rotated to start at its smallest name, which is also
    /// the plugin a cycle finding belongs to.
    fn canonical(mut self) -> Entry {
        if let Some(cycle) = &mut self.cycle
            && let Some(min_at) = cycle
                .iter()
                .enumerate()
                .min_by_key(|(_, n)| *n)
                .map(|(i, _)| i)
        {
            cycle.rotate_left(min_at);
            self.plugin = cycle.first().cloned();
        }
        self
    }

    fn describe(&self) -> String {
        let mut parts = vec![self.code.clone()];
        parts.extend(self.plugin.clone());
        if let Some(edge) = &self.edge {
            parts.push(format!("{} → {}", edge.from, edge.to));
        }
        if let Some(cycle) = &self.cycle {
            parts.push(cycle.join(" → "));
        }
        parts.extend(self.subject.clone());
        parts.join(" ")
    }
}

impl Baseline {
    /// The baseline of `findings`: every error and warning (info findings never fail a run).
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| f.severity > Severity::Info)
            .map(Entry::of)
            .collect();
        entries.sort();
        Baseline {
            schema_version: SCHEMA_VERSION,
            findings: entries,
        }
    }

    /// Reads a baseline file's text.
    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.schema_version != SCHEMA_VERSION {
            return Err(format!(
                "baseline schema version {} is not {SCHEMA_VERSION}, the one this plugdep reads",
                baseline.schema_version
            ));
        }
        Ok(baseline)
    }

    /// Pretty JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a baseline always serialises");
        json.push('\n');
        json
    }
}

/// Marks the findings `baseline` knows and returns info findings for the entries that
/// match nothing.
pub(crate) fn apply(findings: &mut [Finding], baseline: &Baseline) -> Vec<Finding> {
    let mut remaining: BTreeMap<Entry, usize> = BTreeMap::new();
    for entry in &baseline.findings {
        *remaining.entry(entry.clone().canonical()).or_default() += 1;
    }
    for finding in findings.iter_mut() {
        if let Some(count) = remaining.get_mut(&Entry::of(finding))
            && *count > 0
        {
            *count -= 1;
            finding.known = true;
        }
    }
    remaining
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .flat_map(|(entry, count)| std::iter::repeat_n(entry, count))
        .map(|entry| {
            let code = Code::ALL
                .into_iter()
                .find(|c| c.as_str() == entry.code)
                .unwrap_or(Code::FileSkipped);
            let mut finding = Finding::new(
                code,
                format!(
                    "baseline entry matches no finding any more: {}",
                    entry.describe()
                ),
            )
            .severity(Severity::Info)
            .help("it was fixed: remove the entry from the baseline file");
            finding.plugin = entry.plugin;
            finding.edge = entry.edge;
            finding.cycle = entry.cycle;
            finding.subject = entry.subject;
            finding
        })
        .collect()
}

impl crate::Analysis {
    /// Marks the findings already in `baseline` as known (shown, but not failing a run) and
    /// adds an info finding for each entry that no longer matches.
    pub fn apply_baseline(&mut self, baseline: &Baseline) {
        let stale = apply(&mut self.findings, baseline);
        self.findings.extend(stale);
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle(names: &[&str]) -> Finding {
        let mut f = Finding::new(Code::DependencyCycle, "cycle").plugin(names[0]);
        f.cycle = Some(names.iter().map(|s| s.to_string()).collect());
        f
    }

    #[test]
    fn a_rotated_cycle_matches() {
        let mut findings = vec![cycle(&["a", "b", "c"])];
        let baseline = Baseline {
            schema_version: 1,
            findings: vec![Entry::of(&cycle(&["b", "c", "a"]))],
        };
        let stale = apply(&mut findings, &baseline);
        assert!(findings[0].known);
        assert!(stale.is_empty());
    }

    #[test]
    fn entries_match_once_and_stale_ones_are_reported() {
        let missing = |p: &str| {
            Finding::new(Code::MissingDependency, "m")
                .plugin("a")
                .subject(p)
        };
        let mut findings = vec![missing("x"), missing("x")];
        let baseline = Baseline::of(&[missing("x"), missing("gone")]);
        let stale = apply(&mut findings, &baseline);
        assert_eq!(findings.iter().filter(|f| f.known).count(), 1);
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].severity, Severity::Info);
        assert_eq!(stale[0].subject.as_deref(), Some("gone"));
    }

    #[test]
    fn another_schema_version_is_refused() {
        assert!(Baseline::from_json(r#"{"schema_version": 2, "findings": []}"#).is_err());
        assert!(
            Baseline::from_json(r#"{"schema_version": 1, "findings": [{"code": "x", "line": 3}]}"#)
                .is_err()
        );
    }
}
