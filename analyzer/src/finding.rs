//! Findings: what plugdep reports, each with a stable code, a severity and a location.

use serde::Serialize;

use crate::location::Location;

/// The stable, kebab-case identity of a kind of finding (see DESIGN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Plugins in a cycle; one concrete cycle with evidence per hop.
    DependencyCycle,
    /// A declared plugin that is not in the set.
    MissingDependency,
    /// The plugin found does not satisfy the declared range.
    VersionMismatch,
    /// A version or range in a manifest does not parse.
    InvalidVersion,
    /// Two plugins with the same name.
    DuplicatePlugin,
    /// The plugin's host requirement excludes the host version.
    HostIncompatible,
    /// Code imports a plugin that the manifest does not declare.
    UndeclaredDependency,
    /// The manifest declares a plugin that no code uses.
    UnusedDependency,
    /// An imported name that the target plugin does not export.
    UnexportedSymbol,
    /// A sub-path that the target's exports map does not expose.
    UnexportedSubpath,
    /// A relative path reaching into another plugin's folder.
    DeepImport,
    /// A use of another plugin found without an import.
    InferredReference,
    /// A free name that several plugins export.
    AmbiguousReference,
    /// A host and a plugin built incompatibly.
    BuildMismatch,
    /// A dynamic import whose target is not a literal.
    UnresolvedDynamicImport,
    /// An edge that plugdep.toml's rules forbid.
    PolicyViolation,
    /// A source file with syntax errors (analysis goes on).
    ParseError,
    /// A manifest that does not parse.
    ManifestError,
    /// A manifest path pointing outside the plugin's folder.
    PathEscape,
    /// A file not read (too large, binary, a link, a manifest passed over).
    FileSkipped,
    /// A `plugdep-ignore-next-line` comment that silences nothing.
    UnusedSuppression,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: [Code; 21] = [
        Code::DependencyCycle,
        Code::MissingDependency,
        Code::VersionMismatch,
        Code::InvalidVersion,
        Code::DuplicatePlugin,
        Code::HostIncompatible,
        Code::UndeclaredDependency,
        Code::UnusedDependency,
        Code::UnexportedSymbol,
        Code::UnexportedSubpath,
        Code::DeepImport,
        Code::InferredReference,
        Code::AmbiguousReference,
        Code::BuildMismatch,
        Code::UnresolvedDynamicImport,
        Code::PolicyViolation,
        Code::ParseError,
        Code::ManifestError,
        Code::PathEscape,
        Code::FileSkipped,
        Code::UnusedSuppression,
    ];

    /// The kebab-case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::DependencyCycle => "dependency-cycle",
            Code::MissingDependency => "missing-dependency",
            Code::VersionMismatch => "version-mismatch",
            Code::InvalidVersion => "invalid-version",
            Code::DuplicatePlugin => "duplicate-plugin",
            Code::HostIncompatible => "host-incompatible",
            Code::UndeclaredDependency => "undeclared-dependency",
            Code::UnusedDependency => "unused-dependency",
            Code::UnexportedSymbol => "unexported-symbol",
            Code::UnexportedSubpath => "unexported-subpath",
            Code::DeepImport => "deep-import",
            Code::InferredReference => "inferred-reference",
            Code::AmbiguousReference => "ambiguous-reference",
            Code::BuildMismatch => "build-mismatch",
            Code::UnresolvedDynamicImport => "unresolved-dynamic-import",
            Code::PolicyViolation => "policy-violation",
            Code::ParseError => "parse-error",
            Code::ManifestError => "manifest-error",
            Code::PathEscape => "path-escape",
            Code::FileSkipped => "file-skipped",
            Code::UnusedSuppression => "unused-suppression",
        }
    }

    /// The severity a finding of this code has unless something more specific applies.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnusedDependency
            | Code::AmbiguousReference
            | Code::UnresolvedDynamicImport
            | Code::ParseError => Severity::Warning,
            Code::InferredReference | Code::FileSkipped | Code::UnusedSuppression => Severity::Info,
            _ => Severity::Error,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on` asks.
    Info,
    /// Likely a problem; fails a run with `--fail-on warning`.
    Warning,
    /// A reason the set would fail to load; fails a run by default.
    Error,
}

impl Severity {
    /// The lowercase name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The ordered pair of plugins a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct EdgeRef {
    /// The dependent plugin.
    pub from: String,
    /// The plugin it depends on.
    pub to: String,
}

/// A second place that explains a finding: the other end of an edge, a hop of a cycle.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Related {
    #[serde(flatten)]
    /// Where it is.
    pub location: Location,
    /// What is there.
    pub message: String,
}

/// One thing plugdep reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind of finding it is.
    pub code: Code,
    /// How serious it is (after plugdep.toml's `[severity]`).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The plugin the finding belongs to (absent for files that belong to no plugin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugin: Option<String>,
    /// The edge the finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge: Option<EdgeRef>,
    /// Where the finding points.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// For `dependency-cycle`: one concrete cycle, starting at its smallest name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<Vec<String>>,
    /// Other places that explain the finding (the other end of an edge, each hop of a cycle).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// What the finding is about besides its plugin and edge — a dependency, a specifier, a
    /// rule — so that a baseline can recognise it without line numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Already in the baseline given with `--baseline`: shown, not counted for the exit code.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub known: bool,
}

impl Finding {
    /// A finding with the code's default severity and nothing else set.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            help: None,
            plugin: None,
            edge: None,
            location: None,
            cycle: None,
            related: Vec::new(),
            subject: None,
            known: false,
        }
    }

    /// Sets what the finding is about, for baselines.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the help: what to do about it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the plugin the finding belongs to.
    pub fn plugin(mut self, plugin: impl Into<String>) -> Self {
        self.plugin = Some(plugin.into());
        self
    }

    /// Sets the edge the finding is about.
    pub fn edge(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.edge = Some(EdgeRef {
            from: from.into(),
            to: to.into(),
        });
        self
    }

    /// Sets where the finding points.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a related place with its message.
    pub fn related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    /// The documented order of findings: by plugin, file, line, column, then code and message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        let (file, line, column) = match &self.location {
            Some(l) => (l.file.as_str(), l.line, l.column),
            None => ("", 0, 0),
        };
        (
            self.plugin.as_deref().unwrap_or(""),
            file,
            line,
            column,
            self.code,
            self.message.as_str(),
        )
    }
}
