//! Reading manifests (`package.json`, `plugin.json`, `pnpm-workspace.yaml`) into plugin data.
//!
//! JSON is parsed strictly (no comments, no trailing commas) with `jsonc-parser`, which keeps
//! the byte range of every key and value, so that findings can point into the manifest.

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

use super::ManifestData;
use crate::finding::{Code, Finding};
use crate::location::{LineIndex, Location};
use crate::plugin::{Dependency, DependencyKind, DependencySource, HostRequirement, ManifestKind};

/// Deeper nesting than this is not a manifest anyone writes; refusing it keeps the recursive
/// JSON parser far from the stack limit.
const MAX_JSON_DEPTH: usize = 128;

/// Parses a `package.json` or `plugin.json`. A text that is not strict JSON, or whose top
/// level is not an object, gives a `manifest-error` finding.
pub(crate) fn parse_json_manifest(
    path: &str,
    kind: ManifestKind,
    text: &str,
) -> Result<ManifestData, Box<Finding>> {
    // A byte order mark is not JSON: read it as a space, so that it still counts as the
    // one character it is in line 1's columns (as in the source extractors).
    let spaced;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            spaced = format!(" {rest}");
            spaced.as_str()
        }
        None => text,
    };
    let index = LineIndex::new(text);
    let error = |start: usize, end: usize, message: String| {
        Box::new(
            Finding::new(
                Code::ManifestError,
                format!("{} is not valid JSON: {message}", kind.file_name()),
            )
            .at(Location::new(path, index.span(start, end)))
            .help("fix the JSON syntax; plugdep leaves this plugin out until then"),
        )
    };
    if let Some(offset) = too_deep(text) {
        return Err(error(
            offset,
            offset + 1,
            format!("nested deeper than {MAX_JSON_DEPTH} levels"),
        ));
    }
    let parsed = jsonc_parser::parse_to_ast(text, &COLLECT, &strict_json())
        .map_err(|e| error(e.range().start, e.range().end, e.kind().to_string()))?;
    let Some(Value::Object(mut root)) = parsed.value else {
        let what = if text.trim().is_empty() {
            "the file is empty"
        } else {
            "the top level is not an object"
        };
        return Err(error(0, 0, what.to_string()));
    };
    // A key written twice: the last one counts, as in JSON.parse (npm and Node read
    // manifests with it); the earlier ones are dropped here, before anything reads them.
    let mut problems = Vec::new();
    drop_duplicate_keys(&mut root, path, &index, &mut problems, 0);
    wrong_types(&root, path, &index, &mut problems);

    let mut manifest = ManifestData {
        problems,
        name: root
            .get_string("name")
            .map(|s| (s.value.to_string(), span_of(&index, s.range()))),
        version: root.get_string("version").map(|s| {
            let span = span_of(&index, s.range());
            (s.value.to_string(), Location::new(path, span))
        }),
        ..ManifestData::default()
    };
    if let Some(host) = root.get_string("host") {
        manifest.host_requirements.push(HostRequirement {
            host: None,
            range: host.value.to_string(),
            span: span_of(&index, host.range()),
            field: "host",
        });
    }
    if let Some(engines) = root.get_object("engines") {
        for prop in &engines.properties {
            if let Value::StringLit(range) = &prop.value {
                manifest.host_requirements.push(HostRequirement {
                    host: Some(prop.name.as_str().to_string()),
                    range: range.value.to_string(),
                    span: span_of(&index, range.range()),
                    field: "engines",
                });
            }
        }
    }
    for kind in [
        DependencyKind::Runtime,
        DependencyKind::Peer,
        DependencyKind::Optional,
        DependencyKind::Dev,
    ] {
        if let Some(deps) = root.get_object(kind.json_field()) {
            let dir = crate::discover::parent_dir(path);
            read_dependencies(deps, kind, dir, &index, &mut manifest.dependencies);
        }
    }
    manifest.workspaces = workspaces(&root);
    manifest.entry = super::entry::read_json_entry(&root, path, &index);
    Ok(manifest)
}

const COLLECT: CollectOptions = CollectOptions {
    comments: CommentCollectionStrategy::Off,
    tokens: false,
};

fn strict_json() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn span_of(index: &LineIndex<'_>, range: jsonc_parser::common::Range) -> crate::location::Span {
    index.span(range.start, range.end)
}

fn read_dependencies(
    deps: &Object<'_>,
    kind: DependencyKind,
    dir: &str,
    index: &LineIndex<'_>,
    out: &mut Vec<Dependency>,
) {
    for prop in &deps.properties {
        let Value::StringLit(spec) = &prop.value else {
            continue;
        };
        let key = prop.name.as_str().to_string();
        let spec_text = spec.value.to_string();
        let source = classify_spec(&spec_text, dir);
        let package = match &source {
            DependencySource::Alias { package, .. } => package.clone(),
            _ => key.clone(),
        };
        out.push(Dependency {
            key,
            package,
            kind,
            field: kind.json_field().to_string(),
            spec: spec_text,
            source,
            key_span: span_of(index, prop.name.range()),
            spec_span: span_of(index, spec.range()),
            inherited: false,
            text: declaration_text(index, prop.name.range().start),
        });
    }
}

/// The trimmed manifest line at byte `offset`, without a trailing comma.
pub(crate) fn declaration_text(index: &LineIndex<'_>, offset: usize) -> String {
    let line = index.line_text(index.position(offset).line);
    crate::extract::statement_text(line.trim().trim_end_matches(','))
}

/// Reads the protocol of a dependency value (`workspace:`, `file:`, `link:`, `npm:`);
/// `dir` is the manifest's folder, which a `file:` path is relative to.
///
/// ```text
/// "npm:@scope/real@^1.2" → Alias { package: "@scope/real", range: "^1.2" }
/// ```
pub(crate) fn classify_spec(spec: &str, dir: &str) -> DependencySource {
    let spec = spec.trim();
    if let Some(range) = spec.strip_prefix("workspace:") {
        DependencySource::Workspace {
            range: range.to_string(),
        }
    } else if let Some(path) = spec
        .strip_prefix("file:")
        .or_else(|| spec.strip_prefix("link:"))
    {
        DependencySource::Path {
            dir: crate::resolve::join(dir, path),
            range: None,
        }
    } else if let Some(aliased) = spec.strip_prefix("npm:") {
        // The version separator is the last `@` that is not the scope's leading one (the
        // first character may be any character, of any length in bytes).
        let first = aliased.chars().next().map_or(0, char::len_utf8);
        let (package, range) = match aliased[first..].rfind('@') {
            Some(at) => (&aliased[..first + at], &aliased[first + at + 1..]),
            None => (aliased, ""),
        };
        DependencySource::Alias {
            package: package.to_string(),
            range: range.to_string(),
        }
    } else {
        DependencySource::Range {
            range: spec.to_string(),
        }
    }
}

fn workspaces(root: &Object<'_>) -> Option<Vec<String>> {
    let value = &root.get("workspaces")?.value;
    let list = match value {
        Value::Array(array) => array,
        Value::Object(object) => object.get_array("packages")?,
        _ => return None,
    };
    Some(
        list.elements
            .iter()
            .filter_map(|v| v.as_string_lit().map(|s| s.value.to_string()))
            .collect(),
    )
}

/// The `packages` globs of a `pnpm-workspace.yaml`.
///
/// Read from the parser's events, never as a document: the loader would expand aliases,
/// and a dozen lines of nested aliases expand to billions of nodes. An alias where a glob
/// is expected is not a glob; a repeated `packages` key counts as the last one.
pub(crate) fn parse_pnpm_workspace(path: &str, text: &str) -> Result<Vec<String>, Box<Finding>> {
    let mut packages = PnpmPackages::default();
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    parser.load(&mut packages, false).map_err(|e| {
        let marker = e.marker();
        let line = crate::location::to_u32(marker.line());
        let column = crate::location::to_u32(marker.col() + 1);
        let start = crate::location::Position { line, column };
        Box::new(
            Finding::new(
                Code::ManifestError,
                format!("pnpm-workspace.yaml is not valid YAML: {}", e.info()),
            )
            .at(Location::new(
                path,
                crate::location::Span { start, end: start },
            )),
        )
    })?;
    Ok(packages.globs)
}

/// The string items of the first document's top-level `packages` sequence, collected
/// from parser events.
#[derive(Default)]
struct PnpmPackages {
    /// Open mappings and sequences.
    depth: usize,
    /// The document is a mapping (not a sequence or a scalar).
    top_is_mapping: bool,
    /// At depth 1 (the top-level mapping): whether the next node is a key.
    expect_key: bool,
    /// The key just read at depth 1 was `packages`.
    packages_next: bool,
    /// Inside the `packages` sequence (depth 2).
    in_packages: bool,
    documents: usize,
    globs: Vec<String>,
}

impl yaml_rust2::parser::EventReceiver for PnpmPackages {
    fn on_event(&mut self, event: yaml_rust2::parser::Event) {
        use yaml_rust2::parser::Event;
        if self.documents > 1 {
            return;
        }
        // A node at depth 1 ends: the mapping expects a key or a value next.
        let ended_at_top = |this: &mut Self| {
            if this.depth == 1 {
                this.expect_key = !this.expect_key;
            }
        };
        match event {
            Event::DocumentStart => self.documents += 1,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_sequence = matches!(event, Event::SequenceStart(..));
                if self.depth == 0 {
                    self.top_is_mapping = !is_sequence;
                }
                if self.depth == 1 && !self.expect_key && self.packages_next {
                    self.in_packages = is_sequence;
                    if is_sequence {
                        self.globs.clear();
                    }
                }
                self.depth += 1;
                if self.depth == 1 {
                    self.expect_key = true;
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 1 {
                    self.in_packages = false;
                    self.packages_next = false;
                }
                ended_at_top(self);
            }
            Event::Scalar(value, ..) => {
                if self.depth == 1 && self.top_is_mapping {
                    if self.expect_key {
                        self.packages_next = value == "packages";
                    } else {
                        self.packages_next = false;
                    }
                } else if self.depth == 2 && self.in_packages {
                    self.globs.push(value);
                }
                ended_at_top(self);
            }
            Event::Alias(_) => {
                if self.depth == 1 && !self.expect_key {
                    self.packages_next = false;
                }
                ended_at_top(self);
            }
            _ => {}
        }
    }
}

/// Removes every property of `object` (and of the objects inside it) whose key a later
/// property repeats, with a `manifest-error` warning at each one removed. `depth` is
/// bounded by [`MAX_JSON_DEPTH`] (checked before parsing).
fn drop_duplicate_keys(
    object: &mut Object<'_>,
    path: &str,
    index: &LineIndex<'_>,
    problems: &mut Vec<Finding>,
    depth: usize,
) {
    let mut seen = std::collections::HashSet::new();
    let mut keep = vec![true; object.properties.len()];
    for (i, prop) in object.properties.iter().enumerate().rev() {
        if !seen.insert(prop.name.as_str()) {
            keep[i] = false;
            let key = prop.name.as_str();
            problems.push(
                Finding::new(
                    Code::ManifestError,
                    format!(
                        "the key {key:?} is written again later in this object: the last one \
                         counts (as in JSON.parse, which npm and Node use) and this one is ignored"
                    ),
                )
                .severity(crate::finding::Severity::Warning)
                .at(Location::new(path, span_of(index, prop.name.range())))
                .help(format!("keep one {key:?}")),
            );
        }
    }
    let mut keep = keep.into_iter();
    object.properties.retain(|_| keep.next().unwrap_or(true));
    if depth >= MAX_JSON_DEPTH {
        return;
    }
    for prop in &mut object.properties {
        let mut stack = vec![&mut prop.value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(inner) => {
                    drop_duplicate_keys(inner, path, index, problems, depth + 1);
                }
                Value::Array(array) => stack.extend(array.elements.iter_mut()),
                _ => {}
            }
        }
    }
}

/// What a JSON value is, for messages.
fn kind_of(value: &Value<'_>) -> &'static str {
    match value {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::NullKeyword(_) => "null",
    }
}

/// A `manifest-error` for each field plugdep reads whose value has the wrong type (the
/// manifest is then read as if the field were absent): `"version": 3`,
/// `"dependencies": []`, `"main": {}`, a dependency whose range is not a string.
fn wrong_types(root: &Object<'_>, path: &str, index: &LineIndex<'_>, problems: &mut Vec<Finding>) {
    let mut wrong = |value: &Value<'_>, what: String, expected: &str, effect: &str| {
        problems.push(
            Finding::new(
                Code::ManifestError,
                format!("{what} is {}, not {expected}: {effect}", kind_of(value)),
            )
            .at(Location::new(path, span_of(index, value.range())))
            .help(format!("write {expected} there")),
        );
    };
    for prop in &root.properties {
        let field = prop.name.as_str();
        let value = &prop.value;
        let ignored = format!("plugdep reads the manifest as if it had no `{field}`");
        match field {
            "name" | "version" | "main" | "host" if !matches!(value, Value::StringLit(_)) => {
                wrong(value, format!("`{field}`"), "a string", &ignored);
            }
            "dependencies"
            | "devDependencies"
            | "peerDependencies"
            | "optionalDependencies"
            | "engines" => {
                let Value::Object(object) = value else {
                    wrong(value, format!("`{field}`"), "an object", &ignored);
                    continue;
                };
                for entry in &object.properties {
                    if !matches!(entry.value, Value::StringLit(_)) {
                        let key = entry.name.as_str();
                        wrong(
                            &entry.value,
                            format!("`{field}.{key}`"),
                            "a string",
                            &format!("plugdep ignores this entry of `{field}`"),
                        );
                    }
                }
            }
            "workspaces" if !matches!(value, Value::Array(_) | Value::Object(_)) => {
                wrong(value, format!("`{field}`"), "an array", &ignored);
            }
            _ => {}
        }
    }
}

/// The offset of the first bracket nested deeper than [`MAX_JSON_DEPTH`], if any.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Position;

    #[test]
    fn dependencies_keep_kind_spec_and_key_span() {
        let text = "{\n  \"name\": \"a\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": { \"b\": \"^2.0.0\" },\n  \"devDependencies\": { \"t\": \"npm:@x/real@1.2\" }\n}\n";
        let m = parse_json_manifest("a/package.json", ManifestKind::PackageJson, text).unwrap();
        assert_eq!(m.name.as_ref().unwrap().0, "a");
        assert_eq!(m.version.as_ref().unwrap().0, "1.0.0");
        assert_eq!(m.version.as_ref().unwrap().1.line, 3);
        let b = &m.dependencies[0];
        assert_eq!(
            (b.key.as_str(), b.kind, b.spec.as_str()),
            ("b", DependencyKind::Runtime, "^2.0.0")
        );
        assert_eq!(
            b.key_span.start,
            Position {
                line: 4,
                column: 21
            }
        );
        let t = &m.dependencies[1];
        assert_eq!(t.package, "@x/real");
        assert_eq!(t.kind, DependencyKind::Dev);
    }

    #[test]
    fn invalid_json_is_a_manifest_error_with_its_position() {
        let text = "{\n  \"name\": \"a\"\n  \"version\": \"1.0.0\"\n}\n";
        let f = parse_json_manifest("a/package.json", ManifestKind::PackageJson, text).unwrap_err();
        assert_eq!(f.code, Code::ManifestError);
        // The parser points where the comma is missing: right after `"a"`.
        let l = f.location.unwrap();
        assert_eq!((l.line, l.column), (2, 14));
        assert!(f.message.contains("comma"), "{}", f.message);
    }

    #[test]
    fn comments_and_trailing_commas_are_not_json() {
        for text in ["{ // c\n}", "{\"a\": 1,}", "{'a': 1}", "[1]", ""] {
            assert!(
                parse_json_manifest("p.json", ManifestKind::PluginJson, text).is_err(),
                "{text:?} should not parse"
            );
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let f = parse_json_manifest("p.json", ManifestKind::PluginJson, &text).unwrap_err();
        assert!(f.message.contains("nested deeper"));
    }

    #[test]
    fn spec_protocols() {
        let alias = |package: &str, range: &str| DependencySource::Alias {
            package: package.into(),
            range: range.into(),
        };
        assert_eq!(classify_spec("npm:real@^1.2", "a"), alias("real", "^1.2"));
        assert_eq!(classify_spec("npm:@s/real", "a"), alias("@s/real", ""));
        // Found by fuzzing: the first character may be longer than a byte.
        assert_eq!(classify_spec("npm:é@1", "a"), alias("é", "1"));
        assert_eq!(classify_spec("npm:é", "a"), alias("é", ""));
        assert_eq!(
            classify_spec("workspace:^", "a"),
            DependencySource::Workspace { range: "^".into() }
        );
        assert_eq!(
            classify_spec("link:../x", "p/a"),
            DependencySource::Path {
                dir: Some("p/x".into()),
                range: None
            }
        );
        assert_eq!(
            classify_spec("file:../../..", "a"),
            DependencySource::Path {
                dir: None,
                range: None
            }
        );
        assert_eq!(
            classify_spec(">=1 <3", "a"),
            DependencySource::Range {
                range: ">=1 <3".into()
            }
        );
    }

    #[test]
    fn workspaces_in_both_forms() {
        let a = parse_json_manifest(
            "package.json",
            ManifestKind::PackageJson,
            r#"{"workspaces": ["p/*"]}"#,
        )
        .unwrap();
        assert_eq!(a.workspaces, Some(vec!["p/*".to_string()]));
        let b = parse_json_manifest(
            "package.json",
            ManifestKind::PackageJson,
            r#"{"workspaces": {"packages": ["q/*"]}}"#,
        )
        .unwrap();
        assert_eq!(b.workspaces, Some(vec!["q/*".to_string()]));
    }

    #[test]
    fn pnpm_workspace_aliases_are_never_expanded() {
        // A billion laughs: expanded, `packages` would be 9^11 strings.
        let mut text = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\"]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text.push_str("packages: *a11\n");
        assert_eq!(
            parse_pnpm_workspace("p.yaml", &text).unwrap(),
            Vec::<String>::new()
        );
        let mixed = "x: &x \"a/*\"\npackages:\n  - *x\n  - b/*\n  - { c: d }\nother: [e]\n";
        assert_eq!(parse_pnpm_workspace("p.yaml", mixed).unwrap(), ["b/*"]);
        let twice = "packages: [a/*]\npackages:\n  - b/*\n";
        assert_eq!(parse_pnpm_workspace("p.yaml", twice).unwrap(), ["b/*"]);
        let listed = "- packages\n- [a/*]\n";
        assert_eq!(
            parse_pnpm_workspace("p.yaml", listed).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn pnpm_workspace_packages() {
        let globs = parse_pnpm_workspace(
            "pnpm-workspace.yaml",
            "packages:\n  - 'plugins/*'\n  - \"!plugins/skip\"\n",
        )
        .unwrap();
        assert_eq!(globs, vec!["plugins/*", "!plugins/skip"]);
    }
}
