//! `missing-dependency`: a declared dependency that names no plugin of the set — always
//! in a plugin.json (it names plugins); in a package.json or Cargo.toml only when the name
//! matches a `--plugins-pattern` (otherwise it is an npm package or a crate from a registry).

use globset::GlobSet;

use crate::finding::{Code, Finding, Severity};
use crate::location::Location;
use crate::plugin::{DependencyKind, DependencySource, ManifestKind, Plugin};

pub(crate) fn check(plugin: &Plugin, dependency: usize, patterns: &GlobSet) -> Option<Finding> {
    let dependency = &plugin.dependencies[dependency];
    let is_plugin_json = plugin.manifest_kind == ManifestKind::PluginJson;
    let severity = match dependency.kind {
        DependencyKind::Runtime | DependencyKind::Peer | DependencyKind::Build => Severity::Error,
        DependencyKind::Optional => Severity::Info,
        DependencyKind::Dev if is_plugin_json => Severity::Warning,
        DependencyKind::Dev => return None,
    };
    let is_path = matches!(dependency.source, DependencySource::Path { .. });
    if !is_plugin_json && (is_path || !patterns.is_match(&dependency.package)) {
        return None;
    }
    Some(
        Finding::new(
            Code::MissingDependency,
            format!(
                "{} needs {} ({} {:?}), which is not in the plugin set",
                plugin.name, dependency.package, dependency.field, dependency.spec
            ),
        )
        .severity(severity)
        .subject(dependency.package.clone())
        .plugin(plugin.name.clone())
        .at(Location::new(&plugin.manifest, dependency.key_span))
        .help(format!(
            "add the plugin {} to the set, or remove it from {}",
            dependency.package, dependency.field
        )),
    )
}
