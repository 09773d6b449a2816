//! The plugin-level dependency graph: one node per plugin, one edge per ordered pair of
//! plugins, carrying every kind and every piece of evidence that makes it.

use std::collections::BTreeSet;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::location::Location;

/// Why an edge exists. An edge carries every kind that applies to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// Declared in `dependencies`.
    DeclaredRuntime,
    /// Declared in `peerDependencies`.
    DeclaredPeer,
    /// Declared in `optionalDependencies`.
    DeclaredOptional,
    /// Declared in `devDependencies`.
    DeclaredDev,
    /// Imported from a runtime source file.
    Import,
    /// Imported from a dev file (tests, fixtures, examples).
    ImportDev,
    /// A type-only import (`import type`, `.d.ts`), erased at run time: never constrains
    /// load order and makes at most an info-level cycle (`--include-type-edges` turns it
    /// into `import`).
    Type,
    /// A use found without an import: a free name only that plugin exports, or a host-API
    /// call naming it (`[[infer.call]]`). Carries a confidence on its evidence.
    Inferred,
    /// A candidate of a dynamic import whose specifier is a template
    /// (`` import(`./plugins/${n}/index.js`) ``): may be loaded, does not constrain order.
    Dynamic,
}

impl EdgeKind {
    /// Every kind, in their order.
    pub const ALL: [EdgeKind; 9] = [
        EdgeKind::DeclaredRuntime,
        EdgeKind::DeclaredPeer,
        EdgeKind::DeclaredOptional,
        EdgeKind::DeclaredDev,
        EdgeKind::Import,
        EdgeKind::ImportDev,
        EdgeKind::Type,
        EdgeKind::Inferred,
        EdgeKind::Dynamic,
    ];

    /// Whether an edge of this kind must be loaded first: the declared runtime, peer and
    /// optional kinds and `import`. Only runtime kinds make error-level cycles and
    /// constrain the load order; `type`, `inferred` and `dynamic` never do.
    pub fn is_runtime(self) -> bool {
        matches!(
            self,
            EdgeKind::DeclaredRuntime
                | EdgeKind::DeclaredPeer
                | EdgeKind::DeclaredOptional
                | EdgeKind::Import
        )
    }

    /// Whether the kind comes from source code rather than from a manifest.
    pub fn is_code(self) -> bool {
        matches!(
            self,
            EdgeKind::Import
                | EdgeKind::ImportDev
                | EdgeKind::Type
                | EdgeKind::Inferred
                | EdgeKind::Dynamic
        )
    }

    /// Whether the kind comes from an explicit import statement or call in the code
    /// (not from inference and not from a dynamic-import pattern).
    pub fn is_explicit_import(self) -> bool {
        matches!(
            self,
            EdgeKind::Import | EdgeKind::ImportDev | EdgeKind::Type
        )
    }

    /// The kebab-case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::DeclaredRuntime => "declared-runtime",
            EdgeKind::DeclaredPeer => "declared-peer",
            EdgeKind::DeclaredOptional => "declared-optional",
            EdgeKind::DeclaredDev => "declared-dev",
            EdgeKind::Import => "import",
            EdgeKind::ImportDev => "import-dev",
            EdgeKind::Type => "type",
            EdgeKind::Inferred => "inferred",
            EdgeKind::Dynamic => "dynamic",
        }
    }
}

/// One place that makes an edge: an import in a source file, or a manifest entry.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    #[serde(flatten)]
    /// Where the evidence is.
    pub location: Location,
    /// The kind of edge it makes.
    pub kind: EdgeKind,
    /// The specifier as written (`@scope/name/sub/path`, `../b/x.js`), or the manifest key.
    pub specifier: String,
    /// The form: `import`, `side-effect`, `export-from`, `export-all`, `require`,
    /// `dynamic-import`; for Rust `use`, `extern-crate`, `path`, `macro`; or the manifest
    /// field (`dependencies`, `dev-dependencies`, `target.'cfg(unix)'.dependencies`, …).
    pub syntax: String,
    /// The statement's first line, or `"key": "range"` for a manifest entry.
    pub text: String,
    /// How sure plugdep is, for `inferred` and `dynamic` evidence only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// How sure an inferred or dynamic edge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// A literal plugin name in a host-API call (`host.getPlugin("auth")`,
    /// `require.resolve("auth")`).
    High,
    /// A free name that exactly one other plugin exports.
    Medium,
    /// One of several plugins a dynamic-import pattern could load.
    Low,
}

impl Confidence {
    /// The kebab-case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// An edge `from → to`: `from` needs `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The dependent plugin.
    pub from: String,
    /// The plugin it needs.
    pub to: String,
    /// The kinds, in a fixed order.
    pub kinds: BTreeSet<EdgeKind>,
    /// The range declared for `to` in `from`'s manifest, if declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub req: Option<String>,
    /// Sorted by file, line, column.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// Whether the edge constrains load order (has a runtime kind).
    pub fn is_runtime(&self) -> bool {
        self.kinds.iter().any(|k| k.is_runtime())
    }

    /// The evidence that best explains the edge for the kinds `accept` allows: an import
    /// from code first (the earliest), else a manifest declaration.
    pub fn best_evidence(&self, accept: impl Fn(EdgeKind) -> bool) -> Option<&Evidence> {
        let mut candidates = self.evidence.iter().filter(|e| accept(e.kind));
        let first = candidates.clone().next();
        candidates.find(|e| e.kind.is_code()).or(first)
    }
}

/// The plugin graph. Node `i` is the `i`-th plugin in name order; edges are sorted by
/// (from, to) in that order.
#[derive(Clone, Debug, Default)]
pub struct DependencyGraph {
    names: Vec<String>,
    edges: Vec<Edge>,
    /// Edge weights index into `edges`.
    graph: DiGraph<(), usize>,
}

impl DependencyGraph {
    /// Builds the graph from sorted names and edges given as `(from, to, edge)` node indices.
    pub(crate) fn new(names: Vec<String>, mut edges: Vec<(usize, usize, Edge)>) -> Self {
        edges.sort_by_key(|(from, to, _)| (*from, *to));
        let mut graph = DiGraph::with_capacity(names.len(), edges.len());
        for _ in &names {
            graph.add_node(());
        }
        for (i, (from, to, _)) in edges.iter().enumerate() {
            graph.add_edge(NodeIndex::new(*from), NodeIndex::new(*to), i);
        }
        DependencyGraph {
            names,
            edges: edges.into_iter().map(|(_, _, e)| e).collect(),
            graph,
        }
    }

    /// Plugin names, sorted; the position is the node index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Every edge, sorted by (from, to).
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The node index of a plugin.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.binary_search_by(|n| n.as_str().cmp(name)).ok()
    }

    /// The edge `from → to`, if any.
    pub fn edge(&self, from: usize, to: usize) -> Option<&Edge> {
        self.graph
            .find_edge(NodeIndex::new(from), NodeIndex::new(to))
            .map(|e| &self.edges[self.graph[e]])
    }

    /// Adjacency lists (sorted) over the edges that `keep` accepts.
    pub fn adjacency(&self, keep: impl Fn(&Edge) -> bool) -> Vec<Vec<usize>> {
        let mut adjacency = vec![Vec::new(); self.names.len()];
        for e in self.graph.edge_indices() {
            let edge = &self.edges[self.graph[e]];
            if keep(edge) {
                let (from, to) = self.graph.edge_endpoints(e).expect("edge of this graph");
                adjacency[from.index()].push(to.index());
            }
        }
        for list in &mut adjacency {
            list.sort_unstable();
            list.dedup();
        }
        adjacency
    }
}
