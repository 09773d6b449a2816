//! `duplicate-plugin`: two plugins with one name — both places, and which one each
//! dependent resolves to.

use super::versions::Choice;
use crate::finding::{Code, Finding};
use crate::location::Location;
use crate::plugin::Plugin;

pub(crate) fn check(plugins: &[Plugin], duplicates: &[Plugin], choices: &[Choice]) -> Vec<Finding> {
    duplicates
        .iter()
        .filter_map(|duplicate| {
            let first = plugins.iter().find(|p| p.name == duplicate.name)?;
            let mut finding = Finding::new(
                Code::DuplicatePlugin,
                format!(
                    "two plugins are named {:?}: {} and {}",
                    duplicate.name, first.manifest, duplicate.manifest
                ),
            )
            .plugin(duplicate.name.clone())
            .at(Location::new(&duplicate.manifest, duplicate.name_span))
            .related(
                Location::new(&first.manifest, first.name_span),
                format!("{} is also named here (the first by folder)", first.name),
            )
            .help("rename one of them: a host loads only one plugin of a name");
            for choice in choices {
                let from = &plugins[choice.link.from];
                let dependency = &from.dependencies[choice.link.dependency];
                if dependency.package != duplicate.name {
                    continue;
                }
                let manifest = if choice.dir == duplicate.dir {
                    &duplicate.manifest
                } else {
                    &first.manifest
                };
                finding = finding.related(
                    Location::new(&from.manifest, dependency.key_span),
                    format!(
                        "{} ({:?}) resolves to {manifest}",
                        from.name, dependency.spec
                    ),
                );
            }
            Some(finding)
        })
        .collect()
}
