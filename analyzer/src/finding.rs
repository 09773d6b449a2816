//! Findings: what plugdep reports, each with a stable code, a severity and a location.

use serde::Serialize;

use crate::location::Location;

/// The stable, kebab-case identity of a kind of finding (see DESIGN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    DependencyCycle,
    MissingDependency,
    VersionMismatch,
    InvalidVersion,
    DuplicatePlugin,
    HostIncompatible,
    UndeclaredDependency,
    UnusedDependency,
    UnexportedSymbol,
    UnexportedSubpath,
    DeepImport,
    InferredReference,
    AmbiguousReference,
    BuildMismatch,
    UnresolvedDynamicImport,
    PolicyViolation,
    ParseError,
    ManifestError,
    PathEscape,
    FileSkipped,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: [Code; 20] = [
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
        }
    }

    /// The severity a finding of this code has unless something more specific applies.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnusedDependency
            | Code::AmbiguousReference
            | Code::UnresolvedDynamicImport
            | Code::ParseError => Severity::Warning,
            Code::InferredReference | Code::FileSkipped => Severity::Info,
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
    Info,
    Warning,
    Error,
}

impl Severity {
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
    pub from: String,
    pub to: String,
}

/// A second place that explains a finding: the other end of an edge, a hop of a cycle.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

/// One thing plugdep reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
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

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn plugin(mut self, plugin: impl Into<String>) -> Self {
        self.plugin = Some(plugin.into());
        self
    }

    pub fn edge(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.edge = Some(EdgeRef {
            from: from.into(),
            to: to.into(),
        });
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

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
