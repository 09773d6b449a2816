//! Inferred references: uses of another plugin that no import statement shows.
//!
//! - A free name (used in a file, declared nowhere in it, not imported, not a known
//!   global: see `extract::scope`) that the main entry of exactly one other plugin exports
//!   is an `inferred` edge (confidence medium) and an `inferred-reference` (info); several
//!   exporters make an `ambiguous-reference` (warning) and no edge. A name the file's own
//!   plugin exports refers to that plugin.
//! - A host-API call naming a plugin with a string literal (`[[infer.call]]` in
//!   plugdep.toml, and always `require.resolve` / `import.meta.resolve`) is an `inferred`
//!   edge (confidence high) and an `inferred-reference` (info). A literal that names no
//!   plugin gives nothing: `require.resolve("lodash")` is an ordinary package, and a host
//!   API may well ask for a plugin that is optional.
//! - A dynamic import or require of a template (`` import(`@acme/theme-${n}`) ``,
//!   `` import(`./plugins/${n}/index.js`) ``) lists the plugins it may load on its
//!   `unresolved-dynamic-import` finding, each a `dynamic` edge (confidence low).
//!
//! None of these kinds constrain the load order. The pipeline's resolve stage
//! (`pipeline/edges.rs`) calls these functions; `checks::declared` turns an inferred or
//! dynamic edge to a plugin the manifest does not declare into `undeclared-dependency`.

use crate::discover::parent_dir;
use crate::finding::{Code, Finding};
use crate::location::Location;
use crate::plugin::Plugin;
use crate::resolve::{Resolver, join, split_package};

/// Host-API calls always read, with the index of the argument that names a module.
pub(crate) const BUILTIN_CALLS: [(&str, usize); 2] =
    [("require.resolve", 0), ("import.meta.resolve", 0)];

/// Extensions of the files the walk lists: a template's file part with one of these must
/// exist in a candidate plugin.
const SOURCE_EXTENSIONS: [&str; 8] = ["js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"];

/// What a free name refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Referent {
    /// No other plugin, or the file's own plugin, exports it.
    Nothing,
    /// Exactly one other plugin exports it.
    One(usize),
    /// Several plugins export it (sorted).
    Several(Vec<usize>),
}

/// What a free name used in plugin `from` refers to, given the plugins whose main entry
/// exports it (sorted). Only JavaScript / TypeScript plugins count (`is_javascript`): a
/// Rust crate's `pub` items are not a JavaScript global.
pub(crate) fn referent(
    from: usize,
    exporters: Vec<usize>,
    is_javascript: impl Fn(usize) -> bool,
) -> Referent {
    if exporters.contains(&from) {
        return Referent::Nothing;
    }
    let mut exporters: Vec<usize> = exporters
        .into_iter()
        .filter(|&i| is_javascript(i))
        .collect();
    match exporters.len() {
        0 => Referent::Nothing,
        1 => Referent::One(exporters.remove(0)),
        _ => Referent::Several(exporters),
    }
}

/// The plugins (other than `from`) a template specifier written in `file` may load.
///
/// A bare template (`@acme/theme-*`, `plugin-*/setup`) matches plugin names with its
/// package part; one that starts with `*` matches nothing (it could be anything). A
/// relative template (`./plugins/*/index.js`) is joined onto the file's folder; its
/// segments up to the first one with a `*` must match a plugin's folder, and when the rest
/// is a source file path without `*` (`index.js`), that file must exist in the plugin
/// (as an import of it would resolve). A `*` never matches across `/`.
/// `plugins` gives each plugin's name and folder, in plugin order.
pub(crate) fn template_candidates<'a>(
    template: &str,
    file: &str,
    from: usize,
    plugins: impl IntoIterator<Item = (&'a str, &'a str)>,
    resolver: &Resolver<'_>,
) -> Vec<usize> {
    let plugins = plugins.into_iter().enumerate();
    let relative = template.starts_with("./") || template.starts_with("../");
    let mut candidates: Vec<usize> = if relative {
        let Some(target) = join(parent_dir(file), template) else {
            return Vec::new();
        };
        let segments: Vec<&str> = target.split('/').collect();
        let Some(star) = segments.iter().position(|s| s.contains('*')) else {
            return Vec::new();
        };
        let folder = segments[..=star].join("/");
        let rest = segments[star + 1..].join("/");
        let check_file = !rest.is_empty()
            && !rest.contains('*')
            && rest
                .rsplit_once('.')
                .is_some_and(|(_, extension)| SOURCE_EXTENSIONS.contains(&extension));
        plugins
            .filter(|(_, (_, dir))| segment_match(&folder, dir))
            .filter(|(_, (_, dir))| {
                // As written in a file of that folder.
                !check_file
                    || resolver
                        .resolve_file(&format!("{dir}/_"), &format!("./{rest}"))
                        .is_some()
            })
            .map(|(i, _)| i)
            .collect()
    } else {
        if template.starts_with(['*', '/', '#']) || template.contains(':') {
            return Vec::new();
        }
        let (package, _) = split_package(template);
        plugins
            .filter(|(_, (name, _))| segment_match(package, name))
            .map(|(i, _)| i)
            .collect()
    };
    candidates.retain(|&i| i != from);
    candidates
}

/// Whether `text` matches `pattern`, segment by segment (`/`-separated, the same number of
/// segments), where `*` in a segment matches any run of characters.
pub(crate) fn segment_match(pattern: &str, text: &str) -> bool {
    let mut patterns = pattern.split('/');
    let mut texts = text.split('/');
    loop {
        match (patterns.next(), texts.next()) {
            (None, None) => return true,
            (Some(p), Some(t)) if wildcard(p, t) => {}
            _ => return false,
        }
    }
}

/// `*` matches any run of characters; everything else matches itself. Iterative, with one
/// backtracking point (the last `*`): linear in practice, quadratic at worst.
fn wildcard(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if i < p.len() && p[i] == t[j] {
            i += 1;
            j += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

/// The place that names a plugin: its manifest's `name`.
fn manifest_of(plugin: &Plugin) -> Location {
    Location::new(&plugin.manifest, plugin.name_span)
}

/// `inferred-reference` for a free name that only `target` exports.
pub(crate) fn free_name_reference(
    from: &Plugin,
    target: &Plugin,
    name: &str,
    at: Location,
) -> Finding {
    Finding::new(
        Code::InferredReference,
        format!(
            "`{name}` is declared nowhere in this file and not imported, and only {} exports it: {} uses {} without an import",
            target.name, from.name, target.name
        ),
    )
    .plugin(from.name.clone())
    .edge(from.name.clone(), target.name.clone())
    .subject(name.to_string())
    .at(at)
    .related(
        manifest_of(target),
        format!("{} exports `{name}` from its main entry", target.name),
    )
    .help(format!(
        "import it (`import {{ {name} }} from {:?}`), so that the dependency is explicit and {} is loaded first",
        target.name, target.name
    ))
}

/// `ambiguous-reference` for a free name that several plugins export.
pub(crate) fn ambiguous_reference(
    from: &Plugin,
    exporters: &[&Plugin],
    name: &str,
    at: Location,
) -> Finding {
    let names: Vec<&str> = exporters.iter().map(|p| p.name.as_str()).collect();
    let mut finding = Finding::new(
        Code::AmbiguousReference,
        format!(
            "`{name}` is declared nowhere in this file and not imported, and {} plugins export it ({}): plugdep cannot tell which one {} uses",
            names.len(),
            names.join(", "),
            from.name
        ),
    )
    .plugin(from.name.clone())
    .subject(name.to_string())
    .at(at)
    .help(format!(
        "import `{name}` from the plugin it comes from, so that the dependency is explicit"
    ));
    for plugin in exporters {
        finding = finding.related(
            manifest_of(plugin),
            format!("{} exports `{name}` from its main entry", plugin.name),
        );
    }
    finding
}

/// `inferred-reference` for a host-API call whose literal argument names `target`.
pub(crate) fn call_reference(
    from: &Plugin,
    target: &Plugin,
    callee: &str,
    literal: &str,
    at: Location,
) -> Finding {
    Finding::new(
        Code::InferredReference,
        format!(
            "`{callee}` is called with {literal:?}, which names the plugin {}: {} uses it without an import",
            target.name, from.name
        ),
    )
    .plugin(from.name.clone())
    .edge(from.name.clone(), target.name.clone())
    .subject(literal.to_string())
    .at(at)
    .related(manifest_of(target), format!("{} is this plugin", target.name))
    .help(format!(
        "declare {} in the dependencies of {}, so that it is installed and loaded first",
        target.name, from.manifest
    ))
}

/// `unresolved-dynamic-import` for an `import()` / `require()` of a computed specifier;
/// for a template, with the plugins it may load.
pub(crate) fn unresolved_dynamic_import(
    from: &Plugin,
    call: &str,
    template: Option<&str>,
    candidates: &[&Plugin],
    at: Location,
) -> Finding {
    let message = match (template, candidates) {
        (Some(template), []) => format!(
            "`{call}` of the template `{template}`: no plugin matches it, and plugdep cannot tell what it loads"
        ),
        (Some(template), _) => {
            let names: Vec<&str> = candidates.iter().map(|p| p.name.as_str()).collect();
            format!(
                "`{call}` of the template `{template}`: plugdep cannot tell which plugin it loads; it may load {}",
                names.join(", ")
            )
        }
        (None, _) => {
            format!("`{call}` of a computed specifier: plugdep cannot tell which plugin it loads")
        }
    };
    let mut finding = Finding::new(Code::UnresolvedDynamicImport, message)
        .plugin(from.name.clone())
        .at(at)
        .help("use a string literal, so that the dependency is visible to tools and bundlers");
    if let Some(template) = template {
        finding = finding.subject(template.to_string());
    }
    for plugin in candidates {
        finding = finding.related(
            manifest_of(plugin),
            format!("{} matches the template", plugin.name),
        );
    }
    finding
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::SourceEntry;

    #[test]
    fn wildcards_stay_inside_a_segment() {
        assert!(segment_match("@acme/theme-*", "@acme/theme-dark"));
        assert!(segment_match("@acme/theme-*", "@acme/theme-"));
        assert!(!segment_match("@acme/theme-*", "@acme/icons"));
        assert!(!segment_match("@acme/*", "@acme"));
        assert!(!segment_match("plugin-*", "plugin-a/b"));
        assert!(segment_match("p/*/x", "p/a/x"));
        assert!(!segment_match("p/*", "p/a/x"));
        assert!(segment_match("a*b*c", "aXXbYbZc"));
        assert!(!segment_match("a*b*c", "aXXbYbZ"));
        assert!(segment_match("*", "anything"));
        assert!(segment_match("ü*ß", "üxyß"));
        assert!(!segment_match("abc", "abd"));
    }

    #[test]
    fn referents() {
        let javascript = |i: usize| i != 3;
        assert_eq!(referent(0, vec![], javascript), Referent::Nothing);
        assert_eq!(referent(0, vec![1], javascript), Referent::One(1));
        assert_eq!(referent(0, vec![1, 3], javascript), Referent::One(1));
        assert_eq!(referent(0, vec![3], javascript), Referent::Nothing);
        assert_eq!(referent(0, vec![0, 1], javascript), Referent::Nothing);
        assert_eq!(
            referent(0, vec![1, 2], javascript),
            Referent::Several(vec![1, 2])
        );
    }

    #[test]
    fn template_candidates_by_name_and_by_folder() {
        let plugins = [
            ("@acme/icons", "plugins/icons"),
            ("@acme/theme-dark", "plugins/dark"),
            ("@acme/theme-light", "plugins/light"),
            ("host", "plugins/host"),
            ("nested-a", "plugins/host/plugins/a"),
            ("nested-b", "plugins/host/plugins/b"),
        ];
        let files: Vec<SourceEntry> = [
            "plugins/dark/index.js",
            "plugins/host/index.js",
            "plugins/host/plugins/a/index.ts",
            "plugins/icons/main.js",
            "plugins/light/index.js",
        ]
        .iter()
        .map(|p| SourceEntry {
            path: p.to_string(),
        })
        .collect();
        let claimed = Vec::new();
        let resolver = Resolver::new(
            plugins.iter().enumerate().map(|(i, (n, d))| (i, *n, *d)),
            &claimed,
        )
        .with_files(&files);
        let file = "plugins/host/index.js";
        let candidates =
            |template: &str| template_candidates(template, file, 3, plugins, &resolver);
        assert_eq!(candidates("@acme/theme-*"), [1, 2]);
        assert_eq!(candidates("@acme/theme-*/setup.js"), [1, 2]);
        assert_eq!(candidates("@acme/*"), [0, 1, 2]);
        assert_eq!(candidates("*"), Vec::<usize>::new());
        assert_eq!(candidates("*/x"), Vec::<usize>::new());
        assert_eq!(candidates("node:*"), Vec::<usize>::new());
        assert_eq!(candidates("h*"), Vec::<usize>::new(), "never itself");
        // Folders: the segments up to the first `*` name the plugin's folder.
        assert_eq!(candidates("./plugins/*"), [4, 5]);
        assert_eq!(candidates("./plugins/*/index.js"), [4], "b has no index");
        assert_eq!(candidates("./plugins/*/data.json"), [4, 5]);
        assert_eq!(candidates("./plugins/*/*.js"), [4, 5]);
        assert_eq!(candidates("../*/index.js"), [1, 2]);
        assert_eq!(candidates("../*"), [0, 1, 2]);
        assert_eq!(candidates("./plugins/x-*"), Vec::<usize>::new());
        assert_eq!(candidates("../../../*"), Vec::<usize>::new());
    }
}
