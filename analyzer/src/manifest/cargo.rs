//! `Cargo.toml`, read with the `toml` crate's spanned parser (bounded nesting, never runs
//! cargo or a build script). Reading happens in two steps, because members inherit from
//! the root: [`parse_cargo_manifest`] reads one file on its own (in parallel with the
//! others), and [`into_manifest_data`] applies `version.workspace = true` and
//! `dep = { workspace = true }` from the root's `[workspace]` tables.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::{Code, Finding};
use crate::location::{LineIndex, Location, Span};
use crate::plugin::{Dependency, DependencyKind, DependencySource, EntryPoints, ManifestPath};

use super::ManifestData;

/// One Cargo.toml as written.
#[derive(Debug, Default)]
pub(crate) struct CargoManifest {
    pub package: Option<CargoPackage>,
    pub workspace: Option<CargoWorkspace>,
}

/// `[package]` and what hangs off it.
#[derive(Debug, Default)]
pub(crate) struct CargoPackage {
    pub name: Option<(String, Span)>,
    pub version: CargoVersion,
    pub dependencies: Vec<CargoDependency>,
    /// `[package.metadata.plugdep] ignored`
    pub ignored: Vec<(String, Span)>,
    /// Explicit target paths (relative to the package folder) and whether they are dev.
    pub targets: Vec<(String, bool)>,
    /// Each explicit target path as a manifest path (`lib.path`, `bin[0].path`), for the
    /// entry point and `path-escape`.
    pub target_paths: Vec<ManifestPath>,
    /// `[lib] proc-macro = true`
    pub proc_macro: bool,
    /// Fields of the wrong type (see `wrong_types`).
    pub problems: Vec<Finding>,
}

#[derive(Debug, Default)]
pub(crate) enum CargoVersion {
    /// No `version` (Cargo then uses 0.0.0 and forbids publishing).
    #[default]
    Missing,
    Literal(String, Span),
    /// `version.workspace = true`
    Inherited,
}

/// One entry of a dependency table, before inheritance.
#[derive(Clone, Debug)]
pub(crate) struct CargoDependency {
    pub key: String,
    pub key_span: Span,
    pub kind: DependencyKind,
    pub field: String,
    /// `package = "real-name"`
    pub package: Option<String>,
    pub version: Option<(String, Span)>,
    /// `path`, relative to the folder of the manifest that wrote it.
    pub path: Option<String>,
    pub inherit: bool,
    /// The span of the whole value (`"1.0"`, `{ path = ".." }`).
    pub value_span: Span,
    /// The manifest line that declares it, trimmed.
    pub text: String,
}

/// `[workspace]`: members and what members may inherit.
#[derive(Clone, Debug, Default)]
pub(crate) struct CargoWorkspace {
    pub members: Vec<String>,
    pub exclude: Vec<String>,
    /// `[workspace.package] version`
    pub version: Option<(String, Span)>,
    /// `[workspace.dependencies]`
    pub dependencies: Vec<CargoDependency>,
}

/// Reads one Cargo.toml. A text that is not TOML gives a `manifest-error` finding.
pub(crate) fn parse_cargo_manifest(path: &str, text: &str) -> Result<CargoManifest, Box<Finding>> {
    let index = LineIndex::new(text);
    let root = DeTable::parse(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        Box::new(
            Finding::new(
                Code::ManifestError,
                format!("Cargo.toml is not valid TOML: {}", e.message().trim()),
            )
            .at(Location::new(path, index.span(range.start, range.end)))
            .help("fix the TOML syntax; plugdep leaves this crate out until then"),
        )
    })?;
    let root = root.get_ref();
    let reader = Reader { index: &index };
    Ok(CargoManifest {
        package: table(root, "package").map(|package| CargoPackage {
            problems: wrong_types(root, package, path, &index),
            ..reader.package(root, package)
        }),
        workspace: table(root, "workspace").map(|ws| reader.workspace(ws)),
    })
}

/// A `manifest-error` for each value of the wrong type that the package's reading passes
/// over as absent (Cargo itself refuses the manifest): `version = 3`, `name = 5`,
/// `dependencies = []` at the top level, `x = 3` or `x = { version = 4 }` in a
/// dependency table.
fn wrong_types(
    root: &DeTable<'_>,
    package: &DeTable<'_>,
    path: &str,
    index: &LineIndex<'_>,
) -> Vec<Finding> {
    let mut problems = Vec::new();
    let mut wrong = |value: &Spanned<DeValue<'_>>, what: String, expected: &str| {
        let range = value.span();
        problems.push(
            Finding::new(
                Code::ManifestError,
                format!(
                    "{what} is {}, not {expected}: plugdep reads the manifest as if that value \
                     were absent (and Cargo refuses it)",
                    match value.get_ref() {
                        DeValue::String(_) => "a string",
                        DeValue::Integer(_) => "an integer",
                        DeValue::Float(_) => "a float",
                        DeValue::Boolean(_) => "a boolean",
                        DeValue::Datetime(_) => "a date-time",
                        DeValue::Array(_) => "an array",
                        DeValue::Table(_) => "a table",
                    }
                ),
            )
            .at(Location::new(path, index.span(range.start, range.end)))
            .help(format!("write {expected} there")),
        );
    };
    for key in ["name", "version"] {
        match get(package, key) {
            Some(v) if matches!(v.get_ref(), DeValue::String(_)) => {}
            Some(v) if key == "version" && matches!(v.get_ref(), DeValue::Table(_)) => {}
            Some(v) => wrong(v, format!("`package.{key}`"), "a string"),
            None => {}
        }
    }
    let mut tables: Vec<(String, &Spanned<DeValue<'_>>)> = Vec::new();
    for (field, _) in DEPENDENCY_TABLES {
        tables.extend(get(root, field).map(|v| (field.to_string(), v)));
    }
    if let Some(targets) = table(root, "target") {
        for (cfg, value) in targets.iter() {
            if let DeValue::Table(platform) = value.get_ref() {
                for (field, _) in DEPENDENCY_TABLES {
                    let name = format!("target.'{}'.{field}", cfg.get_ref());
                    tables.extend(get(platform, field).map(|v| (name, v)));
                }
            }
        }
    }
    for (field, value) in tables {
        let DeValue::Table(deps) = value.get_ref() else {
            wrong(value, format!("`{field}`"), "a table");
            continue;
        };
        for (key, dep) in deps.iter() {
            let key = key.get_ref();
            match dep.get_ref() {
                DeValue::String(_) => {}
                DeValue::Table(t) => {
                    for (inner, expected) in [("version", "a string"), ("path", "a string")] {
                        if let Some(v) = get(t, inner)
                            && !matches!(v.get_ref(), DeValue::String(_))
                        {
                            wrong(v, format!("`{field}.{key}.{inner}`"), expected);
                        }
                    }
                }
                _ => wrong(
                    dep,
                    format!("`{field}.{key}`"),
                    "a version string or a table",
                ),
            }
        }
    }
    problems
}

/// Turns a `[package]` into manifest data, inheriting from the workspace root where asked.
/// `dir` is the package's folder; `workspace` is the root's workspace and its manifest path.
pub(crate) fn into_manifest_data(
    manifest: &str,
    dir: &str,
    package: CargoPackage,
    workspace: Option<(&str, &CargoWorkspace)>,
) -> ManifestData {
    let version = match package.version {
        CargoVersion::Literal(version, span) => Some((version, Location::new(manifest, span))),
        CargoVersion::Inherited => workspace.and_then(|(root_manifest, ws)| {
            ws.version
                .as_ref()
                .map(|(v, span)| (v.clone(), Location::new(root_manifest, *span)))
        }),
        CargoVersion::Missing => None,
    };
    let root_dir = workspace.map_or(".", |(root_manifest, _)| {
        crate::discover::parent_dir(root_manifest)
    });
    let dependencies = package
        .dependencies
        .into_iter()
        .map(|dep| {
            let inherited = dep
                .inherit
                .then(|| {
                    workspace.and_then(|(_, ws)| ws.dependencies.iter().find(|d| d.key == dep.key))
                })
                .flatten();
            let (version, path, package_name, base) = match inherited {
                Some(from) => (
                    from.version.clone(),
                    from.path.clone(),
                    from.package.clone(),
                    root_dir,
                ),
                None => (
                    dep.version.clone(),
                    dep.path.clone(),
                    dep.package.clone(),
                    dir,
                ),
            };
            dependency(dep, version, path, package_name, base)
        })
        .collect();
    // A target path that leaves the package's folder is an escape, never a target.
    let mut entry = EntryPoints {
        proc_macro: package.proc_macro,
        ..EntryPoints::default()
    };
    for path in package.target_paths {
        if super::entry::inside(dir, &path.value).is_none() {
            entry.escapes.push(path);
        } else if path.field == "lib.path" {
            entry.main = Some(path);
        }
    }
    ManifestData {
        name: package.name,
        version,
        dependencies,
        ignored: package.ignored,
        targets: package
            .targets
            .into_iter()
            .filter_map(|(path, dev)| super::entry::inside(dir, &path).map(|p| (p, dev)))
            .collect(),
        entry,
        problems: package.problems,
        ..ManifestData::default()
    }
}

fn dependency(
    dep: CargoDependency,
    version: Option<(String, Span)>,
    path: Option<String>,
    package: Option<String>,
    base: &str,
) -> Dependency {
    // Inherited versions are written in the root manifest: point at the member's line.
    let (spec, spec_span) = match (&version, &path) {
        (Some((v, span)), _) if !dep.inherit => (v.clone(), *span),
        (Some((v, _)), _) => (v.clone(), dep.value_span),
        (None, Some(p)) => (format!("path = {p:?}"), dep.value_span),
        (None, None) => ("*".to_string(), dep.value_span),
    };
    let range = version.map(|(v, _)| v);
    let source = match (path, range) {
        // A path dependency without a version accepts any version, prereleases included.
        (Some(path), range) => DependencySource::Path {
            dir: crate::resolve::join(base, &path),
            range,
        },
        (None, Some(range)) => DependencySource::Range { range },
        (None, None) => DependencySource::Unversioned,
    };
    Dependency {
        package: package.unwrap_or_else(|| dep.key.clone()),
        key: dep.key,
        kind: dep.kind,
        field: dep.field,
        spec,
        source,
        key_span: dep.key_span,
        spec_span,
        inherited: dep.inherit,
        text: dep.text,
    }
}

struct Reader<'a> {
    index: &'a LineIndex<'a>,
}

impl Reader<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        self.index.span(range.start, range.end)
    }

    fn package(&self, root: &DeTable<'_>, package: &DeTable<'_>) -> CargoPackage {
        let mut out = CargoPackage {
            name: string(package, "name").map(|(s, r)| (s, self.span(r))),
            ..CargoPackage::default()
        };
        out.version = match get(package, "version").map(|v| (v.get_ref(), v.span())) {
            Some((DeValue::String(v), range)) => {
                CargoVersion::Literal(v.to_string(), self.span(range))
            }
            Some((DeValue::Table(t), _)) if boolean(t, "workspace") => CargoVersion::Inherited,
            _ => CargoVersion::Missing,
        };
        for (field, kind) in DEPENDENCY_TABLES {
            if let Some(deps) = table(root, field) {
                self.dependencies(deps, kind, field, &mut out.dependencies);
            }
        }
        if let Some(targets) = table(root, "target") {
            for (cfg, value) in targets.iter() {
                let DeValue::Table(platform) = value.get_ref() else {
                    continue;
                };
                for (field, kind) in DEPENDENCY_TABLES {
                    if let Some(deps) = table(platform, field) {
                        let field = format!("target.'{}'.{field}", cfg.get_ref());
                        self.dependencies(deps, kind, &field, &mut out.dependencies);
                    }
                }
            }
        }
        let plugdep = table(package, "metadata").and_then(|m| table(m, "plugdep"));
        if let Some(DeValue::Array(ignored)) = plugdep
            .and_then(|p| get(p, "ignored"))
            .map(Spanned::get_ref)
        {
            out.ignored = ignored
                .iter()
                .filter_map(|v| match v.get_ref() {
                    DeValue::String(s) => Some((s.to_string(), self.span(v.span()))),
                    _ => None,
                })
                .collect();
        }
        (out.targets, out.target_paths) = self.targets(root);
        out.proc_macro = table(root, "lib")
            .is_some_and(|lib| boolean(lib, "proc-macro") || boolean(lib, "proc_macro"));
        out
    }

    fn workspace(&self, ws: &DeTable<'_>) -> CargoWorkspace {
        let mut out = CargoWorkspace {
            members: strings(ws, "members"),
            exclude: strings(ws, "exclude"),
            version: table(ws, "package")
                .and_then(|p| string(p, "version"))
                .map(|(v, r)| (v, self.span(r))),
            ..CargoWorkspace::default()
        };
        if let Some(deps) = table(ws, "dependencies") {
            self.dependencies(
                deps,
                DependencyKind::Runtime,
                "workspace.dependencies",
                &mut out.dependencies,
            );
        }
        out
    }

    fn dependencies(
        &self,
        deps: &DeTable<'_>,
        kind: DependencyKind,
        field: &str,
        out: &mut Vec<CargoDependency>,
    ) {
        for (key, value) in deps.iter() {
            let mut dep = CargoDependency {
                key: key.get_ref().to_string(),
                key_span: self.span(key.span()),
                kind,
                field: field.to_string(),
                package: None,
                version: None,
                path: None,
                inherit: false,
                value_span: self.span(value.span()),
                text: super::json::declaration_text(self.index, key.span().start),
            };
            match value.get_ref() {
                DeValue::String(version) => {
                    dep.version = Some((version.to_string(), self.span(value.span())))
                }
                DeValue::Table(t) => {
                    dep.version = string(t, "version").map(|(v, r)| (v, self.span(r)));
                    dep.path = string(t, "path").map(|(p, _)| p);
                    dep.package = string(t, "package").map(|(p, _)| p);
                    dep.inherit = boolean(t, "workspace");
                    if boolean(t, "optional") && kind == DependencyKind::Runtime {
                        dep.kind = DependencyKind::Optional;
                    }
                }
                // A value of another type is not a dependency Cargo accepts.
                _ => continue,
            }
            out.push(dep);
        }
    }
}

/// Each dependency table and the kind it declares.
const DEPENDENCY_TABLES: [(&str, DependencyKind); 3] = [
    ("dependencies", DependencyKind::Runtime),
    ("build-dependencies", DependencyKind::Build),
    ("dev-dependencies", DependencyKind::Dev),
];

impl Reader<'_> {
    /// `[lib] path`, `[[bin]] path` (runtime), `[[test]]`, `[[bench]]`, `[[example]]`
    /// (dev): each path and whether it is dev, and each as a manifest path with its span.
    fn targets(&self, root: &DeTable<'_>) -> (Vec<(String, bool)>, Vec<ManifestPath>) {
        let mut out = Vec::new();
        let mut paths = Vec::new();
        if let Some((path, range)) = table(root, "lib").and_then(|lib| string(lib, "path")) {
            paths.push(ManifestPath {
                field: "lib.path".to_string(),
                value: path.clone(),
                span: self.span(range),
            });
            out.push((path, false));
        }
        for (key, dev) in [
            ("bin", false),
            ("test", true),
            ("bench", true),
            ("example", true),
        ] {
            if let Some(DeValue::Array(list)) = get(root, key).map(Spanned::get_ref) {
                for (i, target) in list.iter().enumerate() {
                    if let DeValue::Table(t) = target.get_ref()
                        && let Some((path, range)) = string(t, "path")
                    {
                        paths.push(ManifestPath {
                            field: format!("{key}[{i}].path"),
                            value: path.clone(),
                            span: self.span(range),
                        });
                        out.push((path, dev));
                    }
                }
            }
        }
        (out, paths)
    }
}

fn get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn table<'t, 'i>(parent: &'t DeTable<'i>, key: &str) -> Option<&'t DeTable<'i>> {
    match get(parent, key)?.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

fn string(table: &DeTable<'_>, key: &str) -> Option<(String, Range<usize>)> {
    let value = get(table, key)?;
    match value.get_ref() {
        DeValue::String(s) => Some((Cow::to_string(s), value.span())),
        _ => None,
    }
}

fn boolean(table: &DeTable<'_>, key: &str) -> bool {
    matches!(
        get(table, key).map(Spanned::get_ref),
        Some(DeValue::Boolean(true))
    )
}

fn strings(table: &DeTable<'_>, key: &str) -> Vec<String> {
    match get(table, key).map(Spanned::get_ref) {
        Some(DeValue::Array(list)) => list
            .iter()
            .filter_map(|v| match v.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Position;

    const MEMBER: &str = r#"[package]
name = "ui-plugin"
version.workspace = true

[dependencies]
core-plugin = { workspace = true }
theme = { package = "theme-plugin", path = "../theme" }
serde = "1.0"
metrics = { version = "0.3", optional = true }

[target.'cfg(unix)'.dependencies]
net-plugin = { path = "../net", version = "0.1" }

[build-dependencies]
codegen = { path = "../codegen" }

[dev-dependencies]
testkit = "0.1"

[package.metadata.plugdep]
ignored = ["metrics"]

[[bin]]
name = "tool"
path = "src/tool/main.rs"
"#;

    const ROOT: &str = r#"[workspace]
members = ["crates/*"]
exclude = ["crates/skip"]

[workspace.package]
version = "0.3.0"

[workspace.dependencies]
core-plugin = { path = "crates/core", version = "0.3" }
"#;

    #[test]
    fn a_member_inherits_from_the_workspace() {
        let root = parse_cargo_manifest("Cargo.toml", ROOT).unwrap();
        let ws = root.workspace.as_ref().unwrap();
        assert_eq!(ws.members, ["crates/*"]);
        assert_eq!(ws.exclude, ["crates/skip"]);
        assert!(root.package.is_none(), "a virtual manifest has no package");

        let member = parse_cargo_manifest("crates/ui/Cargo.toml", MEMBER).unwrap();
        let data = into_manifest_data(
            "crates/ui/Cargo.toml",
            "crates/ui",
            member.package.unwrap(),
            Some(("Cargo.toml", ws)),
        );
        assert_eq!(data.name.as_ref().unwrap().0, "ui-plugin");
        let (version, at) = data.version.unwrap();
        assert_eq!(
            (version.as_str(), at.file.as_str(), at.line),
            ("0.3.0", "Cargo.toml", 6)
        );
        let deps: Vec<(&str, &str, DependencyKind, &str, &DependencySource)> = data
            .dependencies
            .iter()
            .map(|d| {
                (
                    d.key.as_str(),
                    d.package.as_str(),
                    d.kind,
                    d.field.as_str(),
                    &d.source,
                )
            })
            .collect();
        let path = |dir: &str, range: Option<&str>| DependencySource::Path {
            dir: Some(dir.to_string()),
            range: range.map(str::to_string),
        };
        let range = |r: &str| DependencySource::Range {
            range: r.to_string(),
        };
        assert_eq!(
            deps,
            vec![
                (
                    "core-plugin",
                    "core-plugin",
                    DependencyKind::Runtime,
                    "dependencies",
                    &path("crates/core", Some("0.3"))
                ),
                (
                    "metrics",
                    "metrics",
                    DependencyKind::Optional,
                    "dependencies",
                    &range("0.3")
                ),
                (
                    "serde",
                    "serde",
                    DependencyKind::Runtime,
                    "dependencies",
                    &range("1.0")
                ),
                (
                    "theme",
                    "theme-plugin",
                    DependencyKind::Runtime,
                    "dependencies",
                    &path("crates/theme", None)
                ),
                (
                    "codegen",
                    "codegen",
                    DependencyKind::Build,
                    "build-dependencies",
                    &path("crates/codegen", None)
                ),
                (
                    "testkit",
                    "testkit",
                    DependencyKind::Dev,
                    "dev-dependencies",
                    &range("0.1")
                ),
                (
                    "net-plugin",
                    "net-plugin",
                    DependencyKind::Runtime,
                    "target.'cfg(unix)'.dependencies",
                    &path("crates/net", Some("0.1"))
                ),
            ]
        );
        // Spans point into the member: the key, and the version string (or the whole value
        // when the version is inherited).
        let core = &data.dependencies[0];
        assert_eq!(core.key_span.start, Position { line: 6, column: 1 });
        assert_eq!(
            core.spec_span.start,
            Position {
                line: 6,
                column: 15
            }
        );
        let serde = &data.dependencies[2];
        assert_eq!(serde.spec_span.start, Position { line: 8, column: 9 });
        assert_eq!(data.ignored.len(), 1);
        assert_eq!(data.ignored[0].0, "metrics");
        assert_eq!(
            data.targets,
            [("crates/ui/src/tool/main.rs".to_string(), false)]
        );
    }

    #[test]
    fn lib_path_proc_macro_and_escaping_targets() {
        let text = "[package]\nname = \"d\"\n\n[lib]\npath = \"src/core.rs\"\nproc-macro = true\n\n[[bin]]\nname = \"x\"\npath = \"../../x.rs\"\n";
        let manifest = parse_cargo_manifest("p/d/Cargo.toml", text).unwrap();
        let data = into_manifest_data("p/d/Cargo.toml", "p/d", manifest.package.unwrap(), None);
        let main = data.entry.main.unwrap();
        assert_eq!(
            (main.field.as_str(), main.value.as_str()),
            ("lib.path", "src/core.rs")
        );
        assert!(data.entry.proc_macro);
        let escapes: Vec<(&str, &str, u32, u32)> = data
            .entry
            .escapes
            .iter()
            .map(|e| {
                (
                    e.field.as_str(),
                    e.value.as_str(),
                    e.span.start.line,
                    e.span.start.column,
                )
            })
            .collect();
        assert_eq!(escapes, [("bin[0].path", "../../x.rs", 10, 8)]);
        // An escaping target is never a target.
        assert_eq!(data.targets, [("p/d/src/core.rs".to_string(), false)]);
    }

    #[test]
    fn invalid_toml_is_a_manifest_error() {
        let f = parse_cargo_manifest("a/Cargo.toml", "[package]\nname = \"a\nversion = 1\n")
            .unwrap_err();
        assert_eq!(f.code, Code::ManifestError);
        assert_eq!(f.location.unwrap().line, 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("a = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse_cargo_manifest("Cargo.toml", &text).is_err());
    }
}
