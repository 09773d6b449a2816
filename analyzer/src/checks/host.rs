//! `host-incompatible`: a plugin's host requirement (plugin.json `host`, package.json
//! `engines.NAME` or `peerDependencies[NAME]`) excludes the host version given with
//! `--host NAME@VERSION`; and `invalid-version` for a host range that does not parse.

use crate::finding::{Code, Finding};
use crate::location::{Location, Span};
use crate::plugin::{DependencyKind, Plugin};
use crate::versions::{Verdict, check};
use crate::{Host, checks::versions::invalid_range_finding};

pub(crate) fn check_all(plugins: &[Plugin], host: Option<&Host>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for plugin in plugins {
        // (range, span, field); peerDependencies ranges are validated with the others.
        let mut requirements: Vec<(&str, Span, &str)> = Vec::new();
        for requirement in &plugin.host_requirements {
            if let Verdict::InvalidRange { valid_in_other } =
                check(plugin.dialect(), &requirement.range, "0.0.0")
            {
                let what = match &requirement.host {
                    Some(name) => format!("engines.{name}"),
                    None => "the host".to_string(),
                };
                findings.push(invalid_range_finding(
                    plugin,
                    &requirement.range,
                    requirement.span,
                    valid_in_other,
                    &what,
                ));
                continue;
            }
            let applies = match (&requirement.host, host) {
                (None, Some(_)) => true,
                (Some(name), Some(host)) => *name == host.name,
                (_, None) => false,
            };
            if applies {
                requirements.push((&requirement.range, requirement.span, requirement.field));
            }
        }
        let Some(host) = host else { continue };
        for dependency in &plugin.dependencies {
            if dependency.kind == DependencyKind::Peer && dependency.package == host.name {
                requirements.push((&dependency.spec, dependency.spec_span, "peerDependencies"));
            }
        }
        for (range, span, field) in requirements {
            if let Verdict::Unsatisfied { .. } = check(plugin.dialect(), range, &host.version) {
                findings.push(
                    Finding::new(
                        Code::HostIncompatible,
                        format!(
                            "{} needs {} {range} ({field}); the host is {}",
                            plugin.name, host.name, host.version
                        ),
                    )
                    .plugin(plugin.name.clone())
                    .at(Location::new(&plugin.manifest, span))
                    .help(format!(
                        "the host will refuse or break this plugin: widen the range to include {}, or ship a version of {} built for it",
                        host.version, plugin.name
                    )),
                );
            }
        }
    }
    findings
}
