//! `version-mismatch` and `invalid-version`: every version and range in a manifest parses
//! in its manifest's dialect, and every declared edge is satisfied by the plugin found.

use super::Link;
use crate::finding::{Code, Finding, Severity};
use crate::location::Location;
use crate::plugin::{Dependency, DependencyKind, DependencySource, Plugin};
use crate::versions::{Dialect, Verdict, check};

/// Which of several plugins of one name a dependent resolved to.
#[derive(Clone, Debug)]
pub(crate) struct Choice {
    pub link: Link,
    /// The folder of the plugin chosen.
    pub dir: String,
}

/// The findings, and for links into a duplicated name the plugin each one chose.
pub(crate) fn check_all(
    plugins: &[Plugin],
    duplicates: &[Plugin],
    links: &[Link],
) -> (Vec<Finding>, Vec<Choice>) {
    let mut findings = Vec::new();
    for plugin in plugins.iter().chain(duplicates) {
        findings.extend(invalid_own_version(plugin));
        for dependency in &plugin.dependencies {
            findings.extend(invalid_range(plugin, dependency));
        }
    }
    let mut choices = Vec::new();
    for &link in links {
        let Some(to) = link.to else { continue };
        let from = &plugins[link.from];
        let dependency = &from.dependencies[link.dependency];
        // The plugin of that name, then its duplicates (by folder): the first that
        // satisfies the range is the one the dependent gets.
        let candidates: Vec<&Plugin> = std::iter::once(&plugins[to])
            .chain(duplicates.iter().filter(|d| d.name == plugins[to].name))
            .collect();
        let mut chosen = candidates[0];
        let mut mismatch = None;
        if let Some(range) = requested_range(dependency, candidates[0]) {
            let mut verdicts = candidates.iter().map(|c| {
                let version = c.version.as_deref().unwrap_or("");
                (c, check(from.dialect(), &range, version))
            });
            let first = verdicts.clone().next();
            match verdicts.find(|(_, v)| *v == Verdict::Satisfied) {
                Some((c, _)) => chosen = c,
                None => {
                    if let Some((c, Verdict::Unsatisfied { prerelease_only })) = first {
                        mismatch = Some(version_mismatch(
                            from,
                            dependency,
                            c,
                            &range,
                            prerelease_only,
                        ));
                    }
                }
            }
        }
        findings.extend(mismatch);
        if candidates.len() > 1 {
            choices.push(Choice {
                link,
                dir: chosen.dir.clone(),
            });
        }
    }
    (findings, choices)
}

/// The range a dependency asks of `found`, or `None` when nothing is to be checked
/// (a path, `workspace:*`, a dist-tag, a URL, a plugin without a version).
pub(crate) fn requested_range(dependency: &Dependency, found: &Plugin) -> Option<String> {
    let version = found.version.as_deref()?;
    match &dependency.source {
        DependencySource::Range { range } | DependencySource::Alias { range, .. } => {
            is_range_like(range).then(|| range.clone())
        }
        DependencySource::Workspace { range } => match range.trim() {
            "" | "*" => None,
            // yarn and pnpm publish `workspace:^` as `^<found version>`.
            "^" | "~" => Some(format!("{}{version}", range.trim())),
            other => Some(other.to_string()),
        },
        DependencySource::Path { range, .. } => range.clone(),
        DependencySource::Unversioned => None,
    }
}

/// Whether a dependency value is meant as a version range, rather than a dist-tag
/// (`latest`), a URL, a git or GitHub spec, which name no version to check.
fn is_range_like(spec: &str) -> bool {
    let spec = spec.trim();
    let mut chars = spec.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_ascii_digit() || "^~<>=*".contains(c) => true,
        Some('v' | 'V') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some('x' | 'X') => chars.next().is_none_or(|c| c == '.' || c == ' '),
        _ => false,
    }
}

fn severity_of(kind: DependencyKind) -> Severity {
    match kind {
        DependencyKind::Runtime | DependencyKind::Peer | DependencyKind::Build => Severity::Error,
        DependencyKind::Optional | DependencyKind::Dev => Severity::Warning,
    }
}

fn version_mismatch(
    from: &Plugin,
    dependency: &Dependency,
    found: &Plugin,
    range: &str,
    prerelease_only: bool,
) -> Finding {
    let version = found.version.as_deref().unwrap_or("");
    let mut help = format!(
        "change the range in {} to one that includes {version}, or bring {} to a version that satisfies {range}",
        from.manifest, found.name
    );
    if prerelease_only {
        help.push_str(&format!(
            "; note: {version} is a prerelease, which satisfies {range} only when prereleases are included"
        ));
    }
    let mut finding = Finding::new(
        Code::VersionMismatch,
        format!(
            "{} requires {} {range} ({}); found {version}",
            from.name, found.name, dependency.field
        ),
    )
    .severity(severity_of(dependency.kind))
    .subject(dependency.key.clone())
    .plugin(from.name.clone())
    .edge(from.name.clone(), found.name.clone())
    .at(Location::new(&from.manifest, dependency.spec_span))
    .help(help);
    if let Some(at) = &found.version_at {
        finding = finding.related(at.clone(), format!("{} is {version}", found.name));
    }
    finding
}

fn invalid_own_version(plugin: &Plugin) -> Option<Finding> {
    let version = plugin.version.as_deref()?;
    let dialect = plugin.dialect();
    if dialect.is_valid_version(version) {
        return None;
    }
    let at = plugin.version_at.clone()?;
    Some(
        Finding::new(
            Code::InvalidVersion,
            format!("{} has version {version:?}, which is not a valid {} version", plugin.name, dialect.name()),
        )
        .plugin(plugin.name.clone())
        .at(at)
        .help("a version is MAJOR.MINOR.PATCH, with an optional -prerelease and +build: 1.4.0, 2.0.0-beta.1"),
    )
}

fn invalid_range(plugin: &Plugin, dependency: &Dependency) -> Option<Finding> {
    let range = match &dependency.source {
        DependencySource::Range { range } | DependencySource::Alias { range, .. } => range,
        DependencySource::Workspace { range } if !matches!(range.trim(), "" | "*" | "^" | "~") => {
            range
        }
        DependencySource::Path {
            range: Some(range), ..
        } => range,
        _ => return None,
    };
    // go.mod has no dist-tags or URLs: every `require` names a version.
    if plugin.dialect() != Dialect::Go && !is_range_like(range) {
        return None;
    }
    let dialect = plugin.dialect();
    let Verdict::InvalidRange { valid_in_other } = check(dialect, range, "0.0.0") else {
        return None;
    };
    Some(invalid_range_finding(
        plugin,
        range,
        dependency.spec_span,
        valid_in_other,
        &dependency.key,
    ))
}

/// `invalid-version` for a range, with help that names the other dialect when it fits.
pub(crate) fn invalid_range_finding(
    plugin: &Plugin,
    range: &str,
    span: crate::location::Span,
    valid_in_other: bool,
    what: &str,
) -> Finding {
    let dialect = plugin.dialect();
    let help = match (valid_in_other, dialect) {
        (_, Dialect::Go) => "a go.mod version is semver with a `v`: v1.4.0, v2.0.0+incompatible, or a pseudo-version such as v0.0.0-20240102150405-abcdef123456 (`go get MODULE@VERSION` writes one)".to_string(),
        (true, Dialect::Npm) => format!(
            "{range:?} is Cargo syntax; {} ranges follow npm: join comparators with a space (>=1.0.0 <2.0.0), not a comma",
            plugin.manifest_kind.file_name()
        ),
        (true, Dialect::Cargo) => format!(
            "{range:?} is npm syntax; Cargo.toml requirements join comparators with a comma (>=1.0, <2) and have no `||` or hyphen ranges"
        ),
        (false, _) => format!(
            "write a {} range such as ^1.2.0, ~1.2, >=1.0.0 <2.0.0 or 1.x",
            dialect.name()
        ),
    };
    // A go.mod line names a version (a minimum), not a range.
    let noun = if dialect == Dialect::Go {
        "version"
    } else {
        "range"
    };
    Finding::new(
        Code::InvalidVersion,
        format!(
            "the {noun} {range:?} for {what} is not a valid {} {noun}",
            dialect.name()
        ),
    )
    .subject(what.to_string())
    .plugin(plugin.name.clone())
    .at(Location::new(&plugin.manifest, span))
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::is_range_like;

    #[test]
    fn ranges_versus_tags_and_urls() {
        for range in [
            "",
            "1.2.3",
            "^1",
            "~1.2",
            ">=1 <2",
            "*",
            "x",
            "x.1",
            "v1.2.3",
            "=1.0.0",
            "1.0.0, <2",
        ] {
            assert!(is_range_like(range), "{range:?}");
        }
        for other in [
            "latest",
            "next",
            "github:a/b",
            "git+https://x/y.git",
            "https://x/y.tgz",
            "a/b",
            "xyz",
            "vendor",
        ] {
            assert!(!is_range_like(other), "{other:?}");
        }
    }
}
