//! Export tables: what each plugin exposes to the others, per entry point (sub-path), with
//! re-exports followed inside the plugin and across plugins.
//!
//! (Being built: issue 5. The interface below is what the resolve stage uses.)

use serde::Serialize;

use crate::plugin::Plugin;

/// What one plugin exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PluginExports {
    /// One entry per exposed sub-path (`.` first), sorted by sub-path.
    pub entries: Vec<EntryExports>,
}

/// What one entry point (sub-path) of a plugin exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EntryExports {
    /// The sub-path as the exports map writes it: `.`, `./session`, `./features/*`.
    pub subpath: String,
    /// The file it resolves to, relative to the root, when there is one.
    pub file: Option<String>,
    /// The runtime names it exports (`default` included), sorted.
    pub names: Vec<String>,
    /// Whether the list cannot be complete (`module.exports = make()`, `export * from`
    /// an external package): no import from it is reported as unexported.
    pub open: bool,
}

/// Every plugin's exports, indexed like the plugins.
#[derive(Clone, Debug, Default)]
#[allow(dead_code)] // read by the symbol checks and inference being built (issue 5)
pub(crate) struct ExportTables {
    per_plugin: Vec<PluginExports>,
}

#[allow(dead_code)]
impl ExportTables {
    /// Builds the tables. (Stub: every plugin exports nothing.)
    pub(crate) fn build(plugins: &[Plugin]) -> Self {
        ExportTables {
            per_plugin: vec![PluginExports::default(); plugins.len()],
        }
    }

    /// One plugin's exports.
    pub(crate) fn of(&self, plugin: usize) -> &PluginExports {
        &self.per_plugin[plugin]
    }

    /// The plugins whose main entry (`.`) exports `name` at run time, sorted by index.
    pub(crate) fn exporters_of(&self, name: &str) -> Vec<usize> {
        self.per_plugin
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.entries
                    .first()
                    .is_some_and(|e| e.subpath == "." && e.names.iter().any(|n| n == name))
            })
            .map(|(i, _)| i)
            .collect()
    }
}
