//! Entry points in manifests: package.json / plugin.json `main` and `exports`, and the
//! exports map's resolution in Node's semantics — pure functions of manifest data.
//!
//! Resolution follows Node's `PACKAGE_EXPORTS_RESOLVE` (the ESM resolution algorithm in
//! Node's documentation), which `require` uses too:
//!
//! - `"exports": "./i.js"`, an array, or an object whose keys are all conditions is
//!   shorthand for `{ ".": … }`; an object mixing sub-path keys with condition keys is
//!   refused whole;
//! - a sub-path matches its key exactly, else the pattern key (one `*`) with the longest
//!   prefix before the `*` (Node's `PATTERN_KEY_COMPARE`), and every `*` of the target is
//!   replaced by what the `*` matched;
//! - a conditions object is read in manifest order, and the first key that is `default` or
//!   one of the caller's conditions whose target resolves wins (nested objects likewise);
//! - an array is a list of fallbacks: the first that resolves (an invalid target or `null`
//!   falls through to the next);
//! - `null`, or conditions where none applies, mean the sub-path is not exported;
//! - a target must start with `./` and hold no `.`, `..`, empty or `node_modules` segment,
//!   else Node refuses it.
//!
//! Paths that leave the plugin's folder (`"main": "../../x.js"`, `"./a/../../x"`, an
//! absolute `/etc/hostname`) are collected as escapes at parse time and never kept as a
//! target: nothing downstream can look at what they name.

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged;

use crate::location::{LineIndex, Span};
use crate::plugin::{EntryPoints, ExportsMap, ExportsTarget, ManifestPath};

/// Deeper nesting of conditions than this is refused as an invalid target (Node has no
/// limit; no real manifest comes near it).
const MAX_TARGET_DEPTH: usize = 32;

/// The conditions plugdep assumes for an ESM import (`import`, `export … from`,
/// `import()`): Node's own set. `default` always applies.
pub(crate) const IMPORT_CONDITIONS: &[&str] = &["node", "import"];
/// The conditions of `require()` (and TypeScript's `import x = require()`).
pub(crate) const REQUIRE_CONDITIONS: &[&str] = &["node", "require"];
/// The conditions of a type-only import: TypeScript's, `types` first.
pub(crate) const TYPES_CONDITIONS: &[&str] = &["types", "node", "import"];

/// Reads `main` and `exports` of a package.json / plugin.json at `manifest` (relative to
/// the root). Paths that leave the manifest's folder become escapes, not entries.
pub(crate) fn read_json_entry(
    root: &Object<'_>,
    manifest: &str,
    index: &LineIndex<'_>,
) -> EntryPoints {
    let dir = crate::discover::parent_dir(manifest);
    let mut entry = EntryPoints::default();
    if let Some(main) = root.get_string("main") {
        let path = ManifestPath {
            field: "main".to_string(),
            value: main.value.to_string(),
            span: index.span(main.range().start, main.range().end),
        };
        if inside(dir, &path.value).is_some() {
            entry.main = Some(path);
        } else {
            entry.escapes.push(path);
        }
    }
    if let Some(exports) = root.get("exports") {
        let value = &exports.value;
        let span = index.span(value.range().start, value.range().end);
        let mut reader = TargetReader {
            dir,
            index,
            escapes: &mut entry.escapes,
        };
        let mut map = ExportsMap {
            entries: Vec::new(),
            invalid: false,
            span,
        };
        match value {
            Value::Object(object) if !object.properties.is_empty() => {
                let dotted = object
                    .properties
                    .iter()
                    .filter(|p| p.name.as_str().starts_with('.'))
                    .count();
                if dotted == object.properties.len() {
                    for prop in &object.properties {
                        let key = prop.name.as_str().to_string();
                        let field = format!("exports[{key:?}]");
                        let key_span = index.span(prop.name.range().start, prop.name.range().end);
                        let target = reader.target(&prop.value, &field, 0);
                        map.entries.push((key, key_span, target));
                    }
                } else if dotted == 0 {
                    let target = reader.target(value, "exports", 0);
                    map.entries.push((".".to_string(), span, target));
                } else {
                    map.invalid = true;
                }
            }
            _ => {
                let target = reader.target(value, "exports", 0);
                map.entries.push((".".to_string(), span, target));
            }
        }
        entry.exports = Some(map);
    }
    entry
}

struct TargetReader<'a, 'i> {
    dir: &'a str,
    index: &'a LineIndex<'i>,
    escapes: &'a mut Vec<ManifestPath>,
}

impl TargetReader<'_, '_> {
    fn target(&mut self, value: &Value<'_>, field: &str, depth: usize) -> ExportsTarget {
        if depth > MAX_TARGET_DEPTH {
            return ExportsTarget::Invalid;
        }
        match value {
            Value::NullKeyword(_) => ExportsTarget::Null,
            Value::StringLit(s) => {
                let span = self.index.span(s.range().start, s.range().end);
                let value = s.value.to_string();
                if inside(self.dir, &value).is_none() {
                    self.escapes.push(ManifestPath {
                        field: field.to_string(),
                        value,
                        span,
                    });
                    // Never a target: what it names is not looked at.
                    return ExportsTarget::Invalid;
                }
                ExportsTarget::Path { value, span }
            }
            Value::Array(array) => ExportsTarget::Fallbacks(
                array
                    .elements
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.target(v, &format!("{field}[{i}]"), depth + 1))
                    .collect(),
            ),
            Value::Object(object) => {
                // Node refuses conditions objects with array-index keys.
                if object
                    .properties
                    .iter()
                    .any(|p| is_array_index(p.name.as_str()))
                {
                    return ExportsTarget::Invalid;
                }
                ExportsTarget::Conditions(
                    object
                        .properties
                        .iter()
                        .map(|p| {
                            let key = p.name.as_str().to_string();
                            let field = format!("{field}.{key}");
                            let target = self.target(&p.value, &field, depth + 1);
                            (key, target)
                        })
                        .collect(),
                )
            }
            _ => ExportsTarget::Invalid,
        }
    }
}

/// `0`, `1`, … (a canonical array index).
fn is_array_index(key: &str) -> bool {
    !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'))
        && key.parse::<u32>().is_ok_and(|n| n < u32::MAX)
}

/// `path` (as a manifest in `dir` writes it) joined to `dir`, when it stays inside `dir`
/// (the folder itself included); `None` for an absolute path or one that leaves it.
///
/// ```text
/// inside("p/a", "./lib/x.js")   → Some("p/a/lib/x.js")
/// inside("p/a", "../../x.js")   → None
/// inside("p/a", "/etc/hostname") → None
/// ```
pub(crate) fn inside(dir: &str, path: &str) -> Option<String> {
    // Windows reads `\` as a separator: `..\..\x` leaves the folder there.
    let path = path.replace('\\', "/");
    let first = path.split('/').next().unwrap_or("");
    if path.starts_with('/') || first.contains(':') {
        // `/etc/hostname`, `C:/x`, `file:///x`, `//server/x`: never relative to the plugin.
        return None;
    }
    let joined = crate::resolve::join(dir, &path)?;
    let within = dir == "." || joined == dir || joined.starts_with(&format!("{dir}/"));
    within.then_some(joined)
}

/// What an exports map says of one sub-path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SubpathTarget<'m> {
    /// The key it matched and the target path (`./lib/x.js`, every `*` replaced), with
    /// the span of the target in the manifest.
    Path {
        key: &'m str,
        path: String,
        span: Span,
    },
    /// A key matches, but its target is `null` (`null: true`) or no condition applies:
    /// not exported.
    Excluded {
        key: &'m str,
        span: Span,
        null: bool,
    },
    /// No key matches: not exported.
    NotExported,
    /// Node refuses the map or the target (`ERR_INVALID_PACKAGE_CONFIG`,
    /// `ERR_INVALID_PACKAGE_TARGET`, an invalid pattern match).
    Invalid,
}

/// The outcome of resolving one target.
enum Resolved {
    Path(String, Span),
    /// `null`
    Null,
    /// No condition applies.
    Undefined,
    Invalid,
}

impl ExportsMap {
    /// Resolves `subpath` (`.` or `./x`) with `conditions` (plus `default`).
    pub(crate) fn resolve(&self, subpath: &str, conditions: &[&str]) -> SubpathTarget<'_> {
        if self.invalid {
            return SubpathTarget::Invalid;
        }
        let mut found: Option<(&str, Span, Resolved)> = None;
        if let Some((key, span, target)) = self
            .entries
            .iter()
            .find(|(key, _, _)| key == subpath && !key.contains('*'))
        {
            found = Some((key, *span, resolve_target(target, None, conditions)));
        } else {
            let mut best: Option<(&(String, Span, ExportsTarget), &str)> = None;
            for entry in &self.entries {
                let key = entry.0.as_str();
                let Some((base, trailer)) = key.split_once('*') else {
                    continue;
                };
                if trailer.contains('*')
                    || !subpath.starts_with(base)
                    || subpath == base
                    || !(trailer.is_empty()
                        || (subpath.ends_with(trailer) && subpath.len() >= key.len()))
                {
                    continue;
                }
                let matched = &subpath[base.len()..subpath.len() - trailer.len()];
                if best.is_none_or(|(b, _)| pattern_key_order(key, &b.0).is_lt()) {
                    best = Some((entry, matched));
                }
            }
            if let Some(((key, span, target), matched)) = best {
                found = Some((
                    key,
                    *span,
                    resolve_target(target, Some(matched), conditions),
                ));
            }
        }
        let Some((key, key_span, resolved)) = found else {
            return SubpathTarget::NotExported;
        };
        match resolved {
            Resolved::Path(path, span) => SubpathTarget::Path { key, path, span },
            Resolved::Null => SubpathTarget::Excluded {
                key,
                span: key_span,
                null: true,
            },
            Resolved::Undefined => SubpathTarget::Excluded {
                key,
                span: key_span,
                null: false,
            },
            Resolved::Invalid => SubpathTarget::Invalid,
        }
    }
}

impl ExportsMap {
    /// The target of the `index`-th key under `conditions`, as written (a pattern keeps
    /// its `*`); `None` when it is `null`, no condition applies, or Node refuses it.
    pub(crate) fn key_target(&self, index: usize, conditions: &[&str]) -> Option<String> {
        let (key, _, target) = self.entries.get(index)?;
        let star = key.contains('*').then_some("*");
        match resolve_target(target, star, conditions) {
            Resolved::Path(path, _) => Some(path),
            _ => None,
        }
    }
}

/// Node's `PATTERN_KEY_COMPARE`: `Less` when `a` is the more specific pattern key.
fn pattern_key_order(a: &str, b: &str) -> std::cmp::Ordering {
    let base = |k: &str| k.find('*').map_or(k.len(), |i| i + 1);
    base(b).cmp(&base(a)).then_with(|| b.len().cmp(&a.len()))
}

/// Node's `PACKAGE_TARGET_RESOLVE` for exports (not imports).
fn resolve_target(target: &ExportsTarget, star: Option<&str>, conditions: &[&str]) -> Resolved {
    // Nested conditions and fallbacks, resolved with an explicit stack would need the
    // "first that resolves" bookkeeping per level; the nesting is bounded by
    // MAX_TARGET_DEPTH at parse time, so plain recursion is safe here.
    match target {
        ExportsTarget::Null => Resolved::Null,
        ExportsTarget::Invalid => Resolved::Invalid,
        ExportsTarget::Path { value, span } => {
            let Some(rest) = value.strip_prefix("./") else {
                return Resolved::Invalid;
            };
            if rest.split(['/', '\\']).any(invalid_segment) {
                return Resolved::Invalid;
            }
            match star {
                None => Resolved::Path(value.clone(), *span),
                Some(matched) => {
                    if matched
                        .split(['/', '\\'])
                        .any(|s| s.is_empty() || invalid_segment(s))
                    {
                        return Resolved::Invalid;
                    }
                    Resolved::Path(value.replace('*', matched), *span)
                }
            }
        }
        ExportsTarget::Conditions(list) => {
            for (condition, inner) in list {
                if condition == "default" || conditions.contains(&condition.as_str()) {
                    match resolve_target(inner, star, conditions) {
                        Resolved::Undefined => continue,
                        other => return other,
                    }
                }
            }
            Resolved::Undefined
        }
        ExportsTarget::Fallbacks(list) => {
            if list.is_empty() {
                return Resolved::Null;
            }
            let mut last = Resolved::Undefined;
            for inner in list {
                match resolve_target(inner, star, conditions) {
                    Resolved::Invalid => last = Resolved::Invalid,
                    Resolved::Undefined => {}
                    Resolved::Null => last = Resolved::Null,
                    path @ Resolved::Path(..) => return path,
                }
            }
            last
        }
    }
}

/// A segment Node refuses in a target: `.`, `..`, or `node_modules` (also
/// percent-encoded, in any case). Empty segments are refused too, except that a target
/// may end with the file name (`./a/` is a folder, which Node no longer supports).
fn invalid_segment(segment: &str) -> bool {
    let decoded = segment
        .to_ascii_lowercase()
        .replace("%2e", ".")
        .replace("%6e", "n")
        .replace("%6f", "o")
        .replace("%64", "d")
        .replace("%65", "e")
        .replace("%5f", "_")
        .replace("%6d", "m")
        .replace("%75", "u")
        .replace("%6c", "l")
        .replace("%73", "s");
    segment.is_empty() || decoded == "." || decoded == ".." || decoded == "node_modules"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plugin::ManifestKind;

    fn entry(json: &str) -> EntryPoints {
        crate::manifest::parse_json_manifest("p/a/package.json", ManifestKind::PackageJson, json)
            .unwrap()
            .entry
    }

    fn map(exports: &str) -> ExportsMap {
        entry(&format!("{{\"name\": \"a\", \"exports\": {exports}}}"))
            .exports
            .unwrap()
    }

    /// What `subpath` resolves to: the path, `excluded`, `not exported`, or `invalid`.
    fn resolve(map: &ExportsMap, subpath: &str, conditions: &[&str]) -> String {
        match map.resolve(subpath, conditions) {
            SubpathTarget::Path { key, path, .. } => format!("{key} -> {path}"),
            SubpathTarget::Excluded { key, .. } => format!("{key} excluded"),
            SubpathTarget::NotExported => "not exported".to_string(),
            SubpathTarget::Invalid => "invalid".to_string(),
        }
    }

    #[test]
    fn string_shorthand_and_sugar() {
        let m = map("\"./i.js\"");
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), ". -> ./i.js");
        assert_eq!(resolve(&m, "./i.js", IMPORT_CONDITIONS), "not exported");
        let m = map("{\"import\": \"./i.mjs\", \"require\": \"./i.cjs\"}");
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), ". -> ./i.mjs");
        assert_eq!(resolve(&m, ".", REQUIRE_CONDITIONS), ". -> ./i.cjs");
        let m = map("[\"./a.js\", \"./b.js\"]");
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), ". -> ./a.js");
    }

    #[test]
    fn conditions_in_manifest_order_nested_and_default() {
        let m = map(
            r#"{".": {"node": {"import": "./node.mjs", "default": "./node.cjs"}, "default": "./other.js"},
                "./browser": {"browser": "./b.js"},
                "./req": {"require": "./r.cjs", "import": "./r.mjs"}}"#,
        );
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), ". -> ./node.mjs");
        assert_eq!(resolve(&m, ".", REQUIRE_CONDITIONS), ". -> ./node.cjs");
        assert_eq!(resolve(&m, ".", &[]), ". -> ./other.js");
        assert_eq!(
            resolve(&m, "./browser", IMPORT_CONDITIONS),
            "./browser excluded"
        );
        // The first matching key in manifest order wins, not the caller's order.
        assert_eq!(
            resolve(&m, "./req", &["import", "require"]),
            "./req -> ./r.cjs"
        );
        assert_eq!(
            resolve(&m, ".", TYPES_CONDITIONS),
            ". -> ./node.mjs",
            "no `types` key: the runtime one"
        );
    }

    #[test]
    fn patterns_longest_prefix_and_null_targets() {
        let m = map(r#"{".": "./index.js",
                "./features/*": "./src/features/*.js",
                "./features/internal/*": null,
                "./features/*.css": "./css/*.css",
                "./*": "./*",
                "./two/*/x/*": "./never.js"}"#);
        assert_eq!(
            resolve(&m, "./features/a", IMPORT_CONDITIONS),
            "./features/* -> ./src/features/a.js"
        );
        assert_eq!(
            resolve(&m, "./features/internal/x", IMPORT_CONDITIONS),
            "./features/internal/* excluded"
        );
        // `./features/*.css` and `./features/*` have the same prefix; the longer key wins.
        assert_eq!(
            resolve(&m, "./features/a.css", IMPORT_CONDITIONS),
            "./features/*.css -> ./css/a.css"
        );
        assert_eq!(
            resolve(&m, "./lib/x.js", IMPORT_CONDITIONS),
            "./* -> ./lib/x.js"
        );
        // `*` never matches `..` or empty segments.
        assert_eq!(resolve(&m, "./features/", IMPORT_CONDITIONS), "invalid");
        assert_eq!(resolve(&m, "./features/../x", IMPORT_CONDITIONS), "invalid");
        // Keys with two `*` are no patterns.
        assert_eq!(
            resolve(&m, "./two/a/x/b", IMPORT_CONDITIONS),
            "./* -> ./two/a/x/b"
        );
    }

    #[test]
    fn exact_keys_win_over_patterns() {
        let m = map(r#"{"./a/*": "./p/*.js", "./a/b": "./exact.js", "./a/c": null}"#);
        assert_eq!(
            resolve(&m, "./a/b", IMPORT_CONDITIONS),
            "./a/b -> ./exact.js"
        );
        assert_eq!(resolve(&m, "./a/c", IMPORT_CONDITIONS), "./a/c excluded");
        assert_eq!(resolve(&m, "./a/d", IMPORT_CONDITIONS), "./a/* -> ./p/d.js");
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), "not exported");
    }

    #[test]
    fn fallback_arrays_skip_invalid_and_null_targets() {
        let m = map(
            r#"{".": ["x.js", null, {"browser": "./b.js"}, "./c.js"], "./n": [null], "./e": []}"#,
        );
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), ". -> ./c.js");
        assert_eq!(resolve(&m, "./n", IMPORT_CONDITIONS), "./n excluded");
        assert_eq!(resolve(&m, "./e", IMPORT_CONDITIONS), "./e excluded");
    }

    #[test]
    fn invalid_targets_and_maps() {
        let m = map(
            r#"{"./a": "a.js", "./b": "./x/../b.js", "./c": "./node_modules/c.js", "./d": 3, "./e": {"0": "./e.js"}, "./f": "./%2E%2e/f.js"}"#,
        );
        for sub in ["./a", "./b", "./c", "./d", "./e", "./f"] {
            assert_eq!(resolve(&m, sub, IMPORT_CONDITIONS), "invalid", "{sub}");
        }
        let mixed = map(r#"{".": "./i.js", "import": "./i.mjs"}"#);
        assert!(mixed.invalid);
        assert_eq!(resolve(&mixed, ".", IMPORT_CONDITIONS), "invalid");
        let empty = map("{}");
        assert_eq!(resolve(&empty, ".", IMPORT_CONDITIONS), ". excluded");
    }

    #[test]
    fn escaping_paths_are_collected_and_never_targets() {
        let e = entry(
            r#"{"name": "a", "main": "../../x.js", "exports": {".": {"import": "/etc/hostname", "default": "./ok.js"}, "./up": "./a/../../up.js", "./win": "C:\\x.js"}}"#,
        );
        assert_eq!(e.main, None);
        let escapes: Vec<(&str, &str, u32, u32)> = e
            .escapes
            .iter()
            .map(|p| {
                (
                    p.field.as_str(),
                    p.value.as_str(),
                    p.span.start.line,
                    p.span.start.column,
                )
            })
            .collect();
        assert_eq!(
            escapes,
            vec![
                ("main", "../../x.js", 1, 23),
                ("exports[\".\"].import", "/etc/hostname", 1, 65),
                ("exports[\"./up\"]", "./a/../../up.js", 1, 113),
                ("exports[\"./win\"]", "C:\\x.js", 1, 141),
            ]
        );
        let m = e.exports.unwrap();
        // The escaping condition is refused; Node's fallback to `default` does not apply
        // to an invalid target inside conditions, so the entry is invalid.
        assert_eq!(resolve(&m, ".", IMPORT_CONDITIONS), "invalid");
        assert_eq!(resolve(&m, ".", REQUIRE_CONDITIONS), ". -> ./ok.js");
        assert_eq!(resolve(&m, "./up", IMPORT_CONDITIONS), "invalid");
    }

    #[test]
    fn main_inside_the_plugin() {
        let e = entry(r#"{"name": "a", "main": "./lib/../index.js"}"#);
        assert_eq!(e.main.unwrap().value, "./lib/../index.js");
        assert_eq!(inside("p/a", "./lib/x.js").as_deref(), Some("p/a/lib/x.js"));
        assert_eq!(inside("p/a", ".").as_deref(), Some("p/a"));
        assert_eq!(inside("p/a", "../ab/x.js"), None);
        assert_eq!(inside("p/a", "../a/x.js").as_deref(), Some("p/a/x.js"));
        assert_eq!(inside(".", "x.js").as_deref(), Some("x.js"));
        assert_eq!(inside(".", "../x.js"), None);
        assert_eq!(inside(".", "file:///etc/hostname"), None);
    }

    #[test]
    fn pattern_key_order_is_nodes() {
        let mut keys = vec!["./*", "./a/*", "./a/*.js", "./a/*/c", "./abc*"];
        keys.sort_by(|a, b| pattern_key_order(a, b));
        assert_eq!(keys, vec!["./abc*", "./a/*.js", "./a/*/c", "./a/*", "./*"]);
    }
}
