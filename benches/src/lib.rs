//! plugdep's benchmark kit: a deterministic, seeded generator of plugin ecosystems (the
//! corpus the benches, the floors and `compare.sh` run on), and helpers the criterion
//! benches share.
//!
//! The same `(seed, plugins, files per plugin, language)` always gives the same bytes: the
//! generator draws from its own small PRNG ([`Rng`], SplitMix64), one stream per plugin and
//! one per file, so that changing one plugin's plan never shifts another plugin's text.
//!
//! A corpus looks like a monorepo of plugins: a root `package.json` declaring the npm
//! workspace `packages/*` (and a root `Cargo.toml` declaring `crates/*` when Rust crates
//! are generated), one folder per plugin with its manifest and 80–300-line source files —
//! functions, classes, object literals, JSX components — whose imports take every form
//! plugdep reads (static, named, namespace, side-effect, re-export, `require`, dynamic
//! `import()`), cross-plugin sub-path imports through each plugin's `exports` map, a few
//! plugin cycles and file cycles, and a few realistic mistakes (an undeclared import, a
//! range the found version does not satisfy, a computed dynamic import).

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/// SplitMix64: tiny, fast, and fixed forever, so that a seed means the same corpus in
/// every version of this crate.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed ^ 0x6A09_E667_F3BC_C908);
        rng.next_u64();
        rng
    }

    /// An independent stream for `(seed, a, b)`.
    pub fn stream(seed: u64, a: u64, b: u64) -> Rng {
        let mut mix = Rng::new(seed);
        let x = mix.next_u64() ^ a.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut mix = Rng::new(x);
        Rng::new(mix.next_u64() ^ b.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with `percent` per cent probability.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A word of a list.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------

const NOUNS: &[&str] = &[
    "session",
    "token",
    "cache",
    "store",
    "theme",
    "panel",
    "router",
    "route",
    "query",
    "index",
    "schema",
    "record",
    "channel",
    "message",
    "queue",
    "worker",
    "task",
    "job",
    "layout",
    "widget",
    "editor",
    "buffer",
    "cursor",
    "selection",
    "command",
    "keymap",
    "palette",
    "search",
    "result",
    "filter",
    "metric",
    "trace",
    "span",
    "event",
    "hook",
    "plugin",
    "registry",
    "loader",
    "manifest",
    "asset",
    "image",
    "font",
    "locale",
    "bundle",
    "chunk",
    "module",
    "graph",
    "node",
    "edge",
    "path",
    "file",
    "folder",
    "stream",
    "socket",
    "client",
    "server",
    "request",
    "response",
    "header",
    "cookie",
    "account",
    "profile",
    "user",
    "group",
    "role",
    "policy",
    "audit",
    "report",
    "chart",
    "table",
    "column",
    "row",
    "cell",
    "form",
    "field",
    "input",
    "button",
    "menu",
    "toast",
    "dialog",
    "tooltip",
    "sidebar",
    "toolbar",
    "status",
    "config",
    "option",
    "setting",
    "secret",
    "vault",
    "key",
    "lock",
    "signal",
    "timer",
    "clock",
    "version",
    "release",
];

const VERBS: &[&str] = &[
    "get",
    "set",
    "load",
    "save",
    "read",
    "write",
    "parse",
    "format",
    "render",
    "create",
    "update",
    "delete",
    "find",
    "match",
    "build",
    "resolve",
    "register",
    "dispose",
    "open",
    "close",
    "start",
    "stop",
    "sync",
    "fetch",
    "emit",
    "track",
    "merge",
    "split",
    "sort",
    "group",
    "map",
    "reduce",
    "validate",
    "normalize",
    "serialize",
    "restore",
    "apply",
    "compute",
    "measure",
    "schedule",
    "cancel",
    "retry",
    "flush",
    "encode",
    "decode",
    "select",
    "toggle",
    "mount",
    "unmount",
    "attach",
    "detach",
    "watch",
];

const ADJECTIVES: &[&str] = &[
    "active", "current", "default", "pending", "cached", "local", "remote", "shared", "primary",
    "visible", "hidden", "dirty", "stale", "fresh", "raw", "safe", "strict", "lazy", "eager",
    "inline", "nested", "global", "scoped", "recent", "next", "last",
];

const PROPS: &[&str] = &[
    "id",
    "name",
    "label",
    "title",
    "value",
    "kind",
    "type",
    "enabled",
    "priority",
    "timeout",
    "retries",
    "limit",
    "offset",
    "createdAt",
    "updatedAt",
    "owner",
    "tags",
    "items",
    "children",
    "parent",
    "meta",
    "options",
    "level",
    "size",
    "width",
    "height",
];

const NPM_EXTERNALS: &[(&str, &str)] = &[
    ("lodash-es", "^4.17.21"),
    ("zod", "^3.23.8"),
    ("chalk", "^5.3.0"),
    ("date-fns", "^3.6.0"),
    ("immer", "^10.1.1"),
    ("rxjs", "^7.8.1"),
    ("uuid", "^10.0.0"),
    ("eventemitter3", "^5.0.1"),
    ("nanoid", "^5.0.7"),
    ("semver", "^7.6.3"),
];

const NODE_BUILTINS: &[&str] = &[
    "node:path",
    "node:fs/promises",
    "node:events",
    "node:url",
    "node:crypto",
    "node:util",
];

const CRATE_EXTERNALS: &[(&str, &str)] = &[
    ("serde", "{ version = \"1\", features = [\"derive\"] }"),
    ("thiserror", "\"2\""),
    ("tracing", "\"0.1\""),
    ("anyhow", "\"1\""),
    ("parking_lot", "\"0.12\""),
    ("once_cell", "\"1\""),
    ("smallvec", "\"1\""),
];

fn cap(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn camel<S: AsRef<str>>(words: &[S]) -> String {
    let mut out = words[0].as_ref().to_string();
    for w in &words[1..] {
        out.push_str(&cap(w.as_ref()));
    }
    out
}

fn pascal<S: AsRef<str>>(words: &[S]) -> String {
    words.iter().map(|w| cap(w.as_ref())).collect()
}

fn snake<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| {
            let w = w.as_ref();
            // camelCase props become snake_case
            let mut s = String::new();
            for c in w.chars() {
                if c.is_ascii_uppercase() {
                    s.push('_');
                    s.push(c.to_ascii_lowercase());
                } else {
                    s.push(c);
                }
            }
            s
        })
        .collect::<Vec<_>>()
        .join("_")
}

fn upper<S: AsRef<str>>(words: &[S]) -> String {
    snake(words).to_ascii_uppercase()
}

/// Unique names within one file or plugin.
#[derive(Default)]
struct Names(HashSet<String>);

impl Names {
    /// A fresh name built by `make` from random words; a numeric suffix on collision.
    fn fresh(&mut self, rng: &mut Rng, make: impl Fn(&mut Rng) -> String) -> String {
        for _ in 0..8 {
            let name = make(rng);
            if self.0.insert(name.clone()) {
                return name;
            }
        }
        let base = make(rng);
        let mut n = 2;
        loop {
            let name = format!("{base}{n}");
            if self.0.insert(name.clone()) {
                return name;
            }
            n += 1;
        }
    }

    fn reserve(&mut self, name: &str) {
        self.0.insert(name.to_string());
    }
}

fn verb_noun(rng: &mut Rng) -> String {
    camel(&[rng.word(VERBS), rng.word(NOUNS)])
}

fn verb_adj_noun(rng: &mut Rng) -> String {
    camel(&[rng.word(VERBS), rng.word(ADJECTIVES), rng.word(NOUNS)])
}

fn noun_pascal(rng: &mut Rng) -> String {
    pascal(&[rng.word(NOUNS), rng.word(NOUNS)])
}

fn local_var(rng: &mut Rng) -> String {
    if rng.chance(50) {
        camel(&[rng.word(ADJECTIVES), rng.word(NOUNS)])
    } else {
        rng.word(NOUNS).to_string()
    }
}

// ---------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------

/// Which languages a corpus holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// JavaScript only (`.js`, `.jsx`, `.cjs`, `.mjs`): what plugdep reads today.
    Js,
    /// TypeScript only (`.ts`, `.tsx`): for the peers; plugdep does not read it yet.
    Ts,
    /// Rust crates (a Cargo workspace).
    Rust,
    /// 70 % JavaScript, 15 % TypeScript, 15 % Rust plugins.
    Mix,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "js" => Ok(Lang::Js),
            "ts" => Ok(Lang::Ts),
            "rust" => Ok(Lang::Rust),
            "mix" => Ok(Lang::Mix),
            _ => Err(format!("unknown language {s:?} (js, ts, rust or mix)")),
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    pub seed: u64,
    pub plugins: usize,
    /// Source files per plugin (manifests not counted).
    pub files_per_plugin: usize,
    pub lang: Lang,
    /// Also write `node_modules/<name>` links to each JavaScript / TypeScript plugin, as
    /// an npm workspace install does, so that tools which resolve bare specifiers through
    /// `node_modules` (madge, dependency-cruiser, skott) see cross-plugin edges.
    pub node_modules: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Js,
    Ts,
    Rust,
}

impl Kind {
    fn family(self) -> usize {
        match self {
            Kind::Js | Kind::Ts => 0,
            Kind::Rust => 1,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// `src/index.js`, `src/lib.rs`
    Index,
    /// `src/lib/*.js`, `src/*.rs`
    Lib,
    /// `src/components/*.jsx`
    Component,
    /// `src/legacy-*.cjs` in an ESM plugin, `src/*.mjs` in a CommonJS one
    Other,
    /// `test/*.test.js`, `tests/*.rs`
    Test,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExportKind {
    Function,
    Class,
    Const,
    Component,
    Hook,
}

#[derive(Clone, Debug)]
struct Export {
    name: String,
    kind: ExportKind,
}

#[derive(Clone, Debug)]
struct FilePlan {
    /// Relative to the plugin folder.
    path: String,
    /// The sub-path another plugin imports it by (`lib/cache-store`), if any.
    subpath: Option<String>,
    role: Role,
    exports: Vec<Export>,
    /// Files of the same plugin it imports.
    local: Vec<usize>,
    /// Plugins it imports (declared or not).
    cross: Vec<usize>,
    /// Rust: the module name (`session`), for `mod` declarations and paths.
    module: String,
}

#[derive(Clone, Debug)]
struct PluginPlan {
    kind: Kind,
    /// The package or crate name.
    name: String,
    /// Relative to the corpus root.
    dir: String,
    version: (usize, usize, usize),
    /// `"type": "module"`.
    esm: bool,
    /// Declared runtime dependencies (`dependencies`), with a flag for a range that the
    /// found version does not satisfy.
    deps: Vec<(usize, bool)>,
    peer: Vec<usize>,
    dev: Vec<usize>,
    /// Imported but not declared.
    undeclared: Vec<usize>,
    externals: Vec<usize>,
    files: Vec<FilePlan>,
}

impl PluginPlan {
    fn extern_name(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// What a written corpus holds.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub plugins: usize,
    pub files: usize,
    pub bytes: u64,
    pub lines: u64,
    /// Source files by extension, sorted.
    pub by_extension: Vec<(String, usize)>,
    pub declared_edges: usize,
    pub planted_plugin_cycles: usize,
    pub planted_file_cycles: usize,
}

/// A planned corpus: every plugin's manifest and files are decided, their text is rendered
/// on demand.
pub struct Corpus {
    spec: Spec,
    plugins: Vec<PluginPlan>,
    plugin_cycles: usize,
    file_cycles: usize,
}

impl Corpus {
    pub fn plan(spec: &Spec) -> Corpus {
        let mut plugins = Vec::with_capacity(spec.plugins);
        let mut names = Names::default();
        for i in 0..spec.plugins {
            let mut rng = Rng::stream(spec.seed, 1, i as u64);
            let kind = match spec.lang {
                Lang::Js => Kind::Js,
                Lang::Ts => Kind::Ts,
                Lang::Rust => Kind::Rust,
                Lang::Mix => match rng.below(100) {
                    0..70 => Kind::Js,
                    70..85 => Kind::Ts,
                    _ => Kind::Rust,
                },
            };
            let base = names.fresh(&mut rng, |r| {
                format!("{}-{}", r.word(NOUNS), {
                    let list = if r.chance(50) { VERBS } else { NOUNS };
                    r.word(list)
                })
            });
            let base = format!("{base}-{i}");
            let (name, dir) = match kind {
                Kind::Rust => (format!("acme-{base}"), format!("crates/{base}")),
                _ => {
                    let name = match rng.below(10) {
                        0..6 => format!("@acme/{base}"),
                        6..8 => format!("@studio/{base}"),
                        _ => format!("acme-{base}"),
                    };
                    (name, format!("packages/{base}"))
                }
            };
            plugins.push(PluginPlan {
                kind,
                name,
                dir,
                version: (rng.range(1, 4), rng.below(12), rng.below(20)),
                esm: kind != Kind::Js || rng.chance(75),
                deps: Vec::new(),
                peer: Vec::new(),
                dev: Vec::new(),
                undeclared: Vec::new(),
                externals: Vec::new(),
                files: Vec::new(),
            });
        }

        // Dependencies: mostly on recent plugins of the same family (a layered DAG).
        let mut family: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for (i, plugin) in plugins.iter_mut().enumerate() {
            let mut rng = Rng::stream(spec.seed, 2, i as u64);
            let fam = plugin.kind.family();
            let earlier = &family[fam];
            if !earlier.is_empty() {
                let count = (*rng.pick(&[1, 1, 2, 2, 3, 3, 4, 5, 6])).min(earlier.len());
                let mut chosen = BTreeSet::new();
                for _ in 0..count * 3 {
                    if chosen.len() == count {
                        break;
                    }
                    let j = if rng.chance(80) {
                        earlier[earlier.len() - 1 - rng.below(earlier.len().min(60))]
                    } else {
                        *rng.pick(earlier)
                    };
                    chosen.insert(j);
                }
                plugin.deps = chosen.into_iter().map(|j| (j, rng.chance(2))).collect();
                // a peer dependency on the family's first plugin (the "host API")
                let first = earlier[0];
                if rng.chance(10) && plugin.deps.iter().all(|&(d, _)| d != first) {
                    plugin.peer.push(first);
                }
                // a dev dependency (a test kit) used only from tests
                if rng.chance(30) {
                    let j = *rng.pick(earlier);
                    if plugin.deps.iter().all(|&(d, _)| d != j) && !plugin.peer.contains(&j) {
                        plugin.dev.push(j);
                    }
                }
                // an import without a declaration: a real finding
                if rng.chance(1) {
                    let j = *rng.pick(earlier);
                    if plugin.deps.iter().all(|&(d, _)| d != j)
                        && !plugin.peer.contains(&j)
                        && !plugin.dev.contains(&j)
                    {
                        plugin.undeclared.push(j);
                    }
                }
            }
            let externals = match plugin.kind {
                Kind::Rust => CRATE_EXTERNALS.len(),
                _ => NPM_EXTERNALS.len(),
            };
            let mut ext = BTreeSet::new();
            for _ in 0..rng.range(1, 3) {
                ext.insert(rng.below(externals));
            }
            plugin.externals = ext.into_iter().collect();
            family[fam].push(i);
        }

        // A few plugin cycles: a plugin a chain of one or two dependencies away declares
        // (and imports) the plugin that started the chain.
        let mut plugin_cycles = 0;
        if plugins.len() >= 10 {
            let wanted = (plugins.len() / 150).max(1);
            let mut rng = Rng::stream(spec.seed, 3, 0);
            for _ in 0..wanted * 20 {
                if plugin_cycles == wanted {
                    break;
                }
                let k = rng.below(plugins.len());
                let Some(&(j, _)) = plugins[k].deps.first() else {
                    continue;
                };
                let m = match plugins[j].deps.first() {
                    Some(&(m, _)) if rng.chance(50) && m != k => m,
                    _ => j,
                };
                if plugins[m].deps.iter().any(|&(d, _)| d == k) {
                    continue;
                }
                plugins[m].deps.push((k, false));
                plugin_cycles += 1;
            }
        }

        let mut file_cycles = 0;
        for (i, plugin) in plugins.iter_mut().enumerate() {
            let mut rng = Rng::stream(spec.seed, 4, i as u64);
            plugin.files = match plugin.kind {
                Kind::Rust => plan_rust_files(&mut rng, plugin, spec.files_per_plugin),
                _ => plan_js_files(&mut rng, plugin, spec.files_per_plugin),
            };
            if plant_file_cycle(&mut rng, plugin) {
                file_cycles += 1;
            }
        }
        Corpus {
            spec: spec.clone(),
            plugins,
            plugin_cycles,
            file_cycles,
        }
    }

    /// `(plugin, file)` of every source file, in plan order.
    pub fn files(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.plugins
            .iter()
            .enumerate()
            .flat_map(|(p, plugin)| (0..plugin.files.len()).map(move |f| (p, f)))
    }

    /// The path of a source file relative to the corpus root.
    pub fn path(&self, plugin: usize, file: usize) -> String {
        let p = &self.plugins[plugin];
        format!("{}/{}", p.dir, p.files[file].path)
    }

    /// The text of a source file.
    pub fn render(&self, plugin: usize, file: usize) -> String {
        let mut rng = Rng::stream(self.spec.seed, 5 + plugin as u64, file as u64);
        match self.plugins[plugin].kind {
            Kind::Rust => render_rust(&mut rng, self, plugin, file),
            Kind::Js | Kind::Ts => render_js(&mut rng, self, plugin, file),
        }
    }

    /// Every manifest: `(path, text)`, the root's first.
    pub fn manifests(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.plugins.iter().any(|p| p.kind != Kind::Rust) {
            out.push((
                "package.json".to_string(),
                "{\n  \"name\": \"acme-plugins\",\n  \"private\": true,\n  \"workspaces\": [\n    \"packages/*\"\n  ]\n}\n"
                    .to_string(),
            ));
        }
        if self.plugins.iter().any(|p| p.kind == Kind::Rust) {
            out.push((
                "Cargo.toml".to_string(),
                "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"3\"\n\n[workspace.package]\nedition = \"2024\"\nlicense = \"MIT\"\n"
                    .to_string(),
            ));
        }
        for (i, plugin) in self.plugins.iter().enumerate() {
            out.push(match plugin.kind {
                Kind::Rust => (format!("{}/Cargo.toml", plugin.dir), self.cargo_toml(i)),
                _ => (format!("{}/package.json", plugin.dir), self.package_json(i)),
            });
        }
        out
    }

    fn range_for(&self, target: usize, mismatch: bool) -> String {
        let (major, minor, _) = self.plugins[target].version;
        if mismatch {
            format!("^{}.0.0", major + 1)
        } else {
            let mut rng = Rng::stream(self.spec.seed, 6, target as u64);
            match rng.below(4) {
                0 => format!("~{major}.{minor}.0"),
                1 => format!(">={major}.0.0 <{}.0.0", major + 1),
                _ => format!("^{major}.{minor}.0"),
            }
        }
    }

    fn package_json(&self, i: usize) -> String {
        let p = &self.plugins[i];
        let ts = p.kind == Kind::Ts;
        let ext = if ts { "ts" } else { "js" };
        let mut out = String::new();
        let _ = writeln!(out, "{{");
        let _ = writeln!(out, "  \"name\": \"{}\",", p.name);
        let (a, b, c) = p.version;
        let _ = writeln!(out, "  \"version\": \"{a}.{b}.{c}\",");
        let _ = writeln!(
            out,
            "  \"description\": \"The {} plugin of the acme editor.\",",
            p.name.rsplit('/').next().unwrap_or(&p.name)
        );
        let _ = writeln!(out, "  \"license\": \"MIT\",");
        if p.esm {
            let _ = writeln!(out, "  \"type\": \"module\",");
        }
        let _ = writeln!(out, "  \"main\": \"./src/index.{ext}\",");
        if ts {
            let _ = writeln!(out, "  \"types\": \"./src/index.ts\",");
        }
        let _ = writeln!(out, "  \"exports\": {{");
        let _ = writeln!(out, "    \".\": \"./src/index.{ext}\",");
        let _ = writeln!(out, "    \"./lib/*\": \"./src/lib/*.{ext}\",");
        if p.files.iter().any(|f| f.role == Role::Component) {
            let _ = writeln!(
                out,
                "    \"./components/*\": \"./src/components/*.{ext}x\","
            );
        }
        let _ = writeln!(out, "    \"./package.json\": \"./package.json\"");
        let _ = writeln!(out, "  }},");
        let _ = writeln!(out, "  \"files\": [\"src\"],");
        let _ = writeln!(out, "  \"scripts\": {{");
        let _ = writeln!(out, "    \"test\": \"node --test test/\"");
        let _ = write!(out, "  }}");
        let section = |out: &mut String, key: &str, entries: Vec<(String, String)>| {
            if entries.is_empty() {
                return;
            }
            let _ = write!(out, ",\n  \"{key}\": {{\n");
            let body: Vec<String> = entries
                .iter()
                .map(|(n, r)| format!("    \"{n}\": \"{r}\""))
                .collect();
            let _ = write!(out, "{}\n  }}", body.join(",\n"));
        };
        let mut deps: Vec<(String, String)> = p
            .deps
            .iter()
            .map(|&(d, bad)| {
                let range = if self.plugins[d].name.starts_with("@acme/") && !bad && d % 5 == 0 {
                    "workspace:^".to_string()
                } else {
                    self.range_for(d, bad)
                };
                (self.plugins[d].name.clone(), range)
            })
            .collect();
        for &e in &p.externals {
            let (n, r) = NPM_EXTERNALS[e];
            deps.push((n.to_string(), r.to_string()));
        }
        deps.sort();
        section(&mut out, "dependencies", deps);
        let mut peers: Vec<(String, String)> = p
            .peer
            .iter()
            .map(|&d| (self.plugins[d].name.clone(), self.range_for(d, false)))
            .collect();
        if p.files.iter().any(|f| f.role == Role::Component) {
            peers.push(("react".to_string(), "^18.2.0".to_string()));
        }
        peers.sort();
        section(&mut out, "peerDependencies", peers);
        let mut dev: Vec<(String, String)> = p
            .dev
            .iter()
            .map(|&d| (self.plugins[d].name.clone(), self.range_for(d, false)))
            .collect();
        if ts {
            dev.push(("typescript".to_string(), "^5.5.4".to_string()));
        }
        dev.sort();
        section(&mut out, "devDependencies", dev);
        let _ = writeln!(out, "\n}}");
        out
    }

    fn cargo_toml(&self, i: usize) -> String {
        let p = &self.plugins[i];
        let (a, b, c) = p.version;
        let mut out = String::new();
        let _ = writeln!(out, "[package]");
        let _ = writeln!(out, "name = \"{}\"", p.name);
        let _ = writeln!(out, "version = \"{a}.{b}.{c}\"");
        let _ = writeln!(out, "edition.workspace = true");
        let _ = writeln!(out, "license.workspace = true");
        let _ = writeln!(
            out,
            "description = \"The {} plugin of the acme engine.\"",
            p.name
        );
        let _ = writeln!(out, "\n[dependencies]");
        let mut deps: Vec<String> = p
            .deps
            .iter()
            .chain(
                p.peer
                    .iter()
                    .map(|d| (*d, false))
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .map(|&(d, bad)| {
                let t = &self.plugins[d];
                let (ma, mi, _) = t.version;
                let req = if bad {
                    format!("{}", ma + 1)
                } else {
                    format!("{ma}.{mi}")
                };
                format!(
                    "{} = {{ path = \"../{}\", version = \"{req}\" }}",
                    t.name,
                    t.dir.rsplit('/').next().unwrap_or(&t.dir)
                )
            })
            .collect();
        for &e in &p.externals {
            let (n, r) = CRATE_EXTERNALS[e];
            deps.push(format!("{n} = {r}"));
        }
        deps.sort();
        for d in deps {
            let _ = writeln!(out, "{d}");
        }
        if !p.dev.is_empty() {
            let _ = writeln!(out, "\n[dev-dependencies]");
            for &d in &p.dev {
                let t = &self.plugins[d];
                let _ = writeln!(
                    out,
                    "{} = {{ path = \"../{}\" }}",
                    t.name,
                    t.dir.rsplit('/').next().unwrap_or(&t.dir)
                );
            }
        }
        out
    }

    /// Writes the corpus under `out` (which must not exist, or be empty).
    pub fn write(&self, out: &Path) -> io::Result<Stats> {
        if out.exists() && std::fs::read_dir(out)?.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not empty", out.display()),
            ));
        }
        std::fs::create_dir_all(out)?;
        let mut stats = Stats {
            plugins: self.plugins.len(),
            planted_plugin_cycles: self.plugin_cycles,
            planted_file_cycles: self.file_cycles,
            ..Stats::default()
        };
        let mut by_ext = std::collections::BTreeMap::<String, usize>::new();
        for (path, text) in self.manifests() {
            write_file(&out.join(&path), &text)?;
        }
        for (p, f) in self.files() {
            let path = self.path(p, f);
            let text = self.render(p, f);
            stats.files += 1;
            stats.bytes += text.len() as u64;
            stats.lines += text.lines().count() as u64;
            let ext = path.rsplit('.').next().unwrap_or("").to_string();
            *by_ext.entry(ext).or_default() += 1;
            write_file(&out.join(&path), &text)?;
        }
        stats.by_extension = by_ext.into_iter().collect();
        stats.declared_edges = self
            .plugins
            .iter()
            .map(|p| p.deps.len() + p.peer.len() + p.dev.len())
            .sum();
        if self.spec.node_modules {
            self.link_node_modules(out)?;
        }
        Ok(stats)
    }

    #[cfg(unix)]
    fn link_node_modules(&self, out: &Path) -> io::Result<()> {
        for p in self.plugins.iter().filter(|p| p.kind != Kind::Rust) {
            let link = out.join("node_modules").join(&p.name);
            let parent = link.parent().unwrap_or(out);
            std::fs::create_dir_all(parent)?;
            let up = if p.name.starts_with('@') {
                "../.."
            } else {
                ".."
            };
            std::os::unix::fs::symlink(format!("{up}/{}", p.dir), &link)?;
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn link_node_modules(&self, _out: &Path) -> io::Result<()> {
        Err(io::Error::other(
            "--node-modules needs symbolic links (unix)",
        ))
    }
}

fn write_file(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

fn plan_js_files(rng: &mut Rng, plugin: &PluginPlan, count: usize) -> Vec<FilePlan> {
    let ts = plugin.kind == Kind::Ts;
    let ext = if ts { "ts" } else { "js" };
    let count = count.max(1);
    let tests = if count >= 4 { (count / 8).max(1) } else { 0 };
    let components = if count >= 5 && rng.chance(60) {
        count / 5
    } else {
        0
    };
    let other = usize::from(count >= 6);
    let libs = count - 1 - tests - components - other;
    let mut names = Names::default();
    let mut files = vec![FilePlan {
        path: format!("src/index.{ext}"),
        subpath: None,
        role: Role::Index,
        exports: Vec::new(),
        local: Vec::new(),
        cross: Vec::new(),
        module: String::new(),
    }];
    let mut file_names = Names::default();
    let mut plugin_names = Names::default();
    for _ in 0..libs {
        let stem = file_names.fresh(rng, |r| format!("{}-{}", r.word(NOUNS), r.word(NOUNS)));
        let exports = (0..rng.range(3, 6))
            .map(|_| match rng.below(10) {
                0..6 => Export {
                    name: plugin_names.fresh(rng, verb_adj_noun),
                    kind: ExportKind::Function,
                },
                6..8 => Export {
                    name: plugin_names.fresh(rng, noun_pascal),
                    kind: ExportKind::Class,
                },
                _ => Export {
                    name: plugin_names.fresh(rng, |r| upper(&[r.word(ADJECTIVES), r.word(NOUNS)])),
                    kind: ExportKind::Const,
                },
            })
            .collect();
        files.push(FilePlan {
            path: format!("src/lib/{stem}.{ext}"),
            subpath: Some(format!("lib/{stem}")),
            role: Role::Lib,
            exports,
            local: Vec::new(),
            cross: Vec::new(),
            module: stem,
        });
    }
    for _ in 0..components {
        let stem = names.fresh(rng, |r| {
            pascal(&[
                r.word(NOUNS),
                r.word(&[
                    "Panel", "View", "List", "Card", "Badge", "Item", "Form", "Toolbar",
                ]),
            ])
        });
        plugin_names.reserve(&stem);
        let mut exports = vec![Export {
            name: stem.clone(),
            kind: ExportKind::Component,
        }];
        if rng.chance(50) {
            exports.push(Export {
                name: plugin_names.fresh(rng, |r| camel(&["use", r.word(NOUNS), r.word(NOUNS)])),
                kind: ExportKind::Hook,
            });
        }
        files.push(FilePlan {
            path: format!("src/components/{stem}.{ext}x"),
            subpath: Some(format!("components/{stem}")),
            role: Role::Component,
            exports,
            local: Vec::new(),
            cross: Vec::new(),
            module: stem,
        });
    }
    for _ in 0..other {
        let (stem, ext) = if ts {
            ("legacy-bridge".to_string(), "cts")
        } else if plugin.esm {
            (
                file_names.fresh(rng, |r| format!("legacy-{}", r.word(NOUNS))),
                "cjs",
            )
        } else {
            (
                file_names.fresh(rng, |r| format!("{}-worker", r.word(NOUNS))),
                "mjs",
            )
        };
        let exports = (0..rng.range(2, 4))
            .map(|_| Export {
                name: plugin_names.fresh(rng, verb_noun),
                kind: ExportKind::Function,
            })
            .collect();
        files.push(FilePlan {
            path: format!("src/{stem}.{ext}"),
            subpath: None,
            role: Role::Other,
            exports,
            local: Vec::new(),
            cross: Vec::new(),
            module: stem,
        });
    }
    let lib_ids: Vec<usize> = (1..=libs).collect();
    for _ in 0..tests {
        let stem = if libs > 0 {
            let target = *rng.pick(&lib_ids);
            file_names.fresh(rng, |r| {
                if r.chance(70) {
                    files[target].module.clone()
                } else {
                    format!("{}-{}", r.word(NOUNS), r.word(VERBS))
                }
            })
        } else {
            file_names.fresh(rng, |r| r.word(NOUNS).to_string())
        };
        let ext = if ts { "ts" } else { "js" };
        files.push(FilePlan {
            path: format!("test/{stem}.test.{ext}"),
            subpath: None,
            role: Role::Test,
            exports: Vec::new(),
            local: Vec::new(),
            cross: Vec::new(),
            module: stem,
        });
    }
    // Local imports: lib k imports a few earlier libs; components and others import libs
    // and earlier components; the index re-exports every lib; tests import what they test.
    let component_ids: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.role == Role::Component)
        .map(|(i, _)| i)
        .collect();
    for (k, file) in files.iter_mut().enumerate().skip(1) {
        let mut local = BTreeSet::new();
        match file.role {
            Role::Lib => {
                if k > 1 {
                    for _ in 0..rng.range(0, 3) {
                        local.insert(rng.range(1, k - 1));
                    }
                }
            }
            Role::Component => {
                for _ in 0..rng.range(1, 2) {
                    if libs > 0 {
                        local.insert(*rng.pick(&lib_ids));
                    }
                }
                if let Some(pos) = component_ids.iter().position(|&c| c == k)
                    && pos > 0
                    && rng.chance(60)
                {
                    local.insert(component_ids[rng.below(pos)]);
                }
            }
            Role::Other | Role::Test => {
                for _ in 0..rng.range(1, 3) {
                    if libs > 0 {
                        local.insert(*rng.pick(&lib_ids));
                    }
                }
            }
            Role::Index => {}
        }
        file.local = local.into_iter().collect();
    }
    files[0].local = lib_ids.clone();
    files[0].local.extend(component_ids.iter().take(3));
    // Cross-plugin imports: every runtime dependency from one to three source files (not
    // tests); dev dependencies from tests.
    let sources: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.role != Role::Test)
        .map(|(i, _)| i)
        .collect();
    let runtime: Vec<usize> = plugin
        .deps
        .iter()
        .map(|&(d, _)| d)
        .chain(plugin.peer.iter().copied())
        .chain(plugin.undeclared.iter().copied())
        .collect();
    for d in runtime {
        for _ in 0..rng.range(1, 3) {
            let f = *rng.pick(&sources);
            if !files[f].cross.contains(&d) {
                files[f].cross.push(d);
            }
        }
    }
    let test_ids: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.role == Role::Test)
        .map(|(i, _)| i)
        .collect();
    for &d in &plugin.dev {
        let f = if test_ids.is_empty() {
            *rng.pick(&sources)
        } else {
            *rng.pick(&test_ids)
        };
        files[f].cross.push(d);
    }
    files
}

fn plan_rust_files(rng: &mut Rng, plugin: &PluginPlan, count: usize) -> Vec<FilePlan> {
    let count = count.max(1);
    let tests = usize::from(count >= 4);
    let modules = count - 1 - tests;
    let mut files = vec![FilePlan {
        path: "src/lib.rs".to_string(),
        subpath: None,
        role: Role::Index,
        exports: Vec::new(),
        local: Vec::new(),
        cross: Vec::new(),
        module: String::new(),
    }];
    let mut module_names = Names::default();
    for w in [
        "crate", "self", "super", "mod", "type", "use", "impl", "fn", "match", "ref",
    ] {
        module_names.reserve(w);
    }
    let mut item_names = Names::default();
    for _ in 0..modules {
        let module = module_names.fresh(rng, |r| {
            if r.chance(60) {
                r.word(NOUNS).to_string()
            } else {
                format!("{}_{}", r.word(NOUNS), r.word(NOUNS))
            }
        });
        let exports = (0..rng.range(3, 6))
            .map(|_| match rng.below(10) {
                0..5 => Export {
                    name: item_names.fresh(rng, |r| {
                        snake(&[r.word(VERBS), r.word(ADJECTIVES), r.word(NOUNS)])
                    }),
                    kind: ExportKind::Function,
                },
                5..9 => Export {
                    name: item_names.fresh(rng, noun_pascal),
                    kind: ExportKind::Class,
                },
                _ => Export {
                    name: item_names.fresh(rng, |r| upper(&[r.word(ADJECTIVES), r.word(NOUNS)])),
                    kind: ExportKind::Const,
                },
            })
            .collect();
        files.push(FilePlan {
            path: format!("src/{module}.rs"),
            subpath: Some(module.clone()),
            role: Role::Lib,
            exports,
            local: Vec::new(),
            cross: Vec::new(),
            module,
        });
    }
    if tests == 1 {
        files.push(FilePlan {
            path: "tests/integration.rs".to_string(),
            subpath: None,
            role: Role::Test,
            exports: Vec::new(),
            local: Vec::new(),
            cross: Vec::new(),
            module: "integration".to_string(),
        });
    }
    let lib_ids: Vec<usize> = (1..=modules).collect();
    for (k, file) in files.iter_mut().enumerate().skip(1) {
        let mut local = BTreeSet::new();
        if file.role == Role::Lib && k > 1 {
            for _ in 0..rng.range(0, 2) {
                local.insert(rng.range(1, k - 1));
            }
        } else if file.role == Role::Test && !lib_ids.is_empty() {
            local.insert(*rng.pick(&lib_ids));
        }
        file.local = local.into_iter().collect();
    }
    files[0].local = lib_ids.clone();
    let sources: Vec<usize> = if lib_ids.is_empty() { vec![0] } else { lib_ids };
    let runtime: Vec<usize> = plugin
        .deps
        .iter()
        .map(|&(d, _)| d)
        .chain(plugin.peer.iter().copied())
        .chain(plugin.undeclared.iter().copied())
        .collect();
    for d in runtime {
        for _ in 0..rng.range(1, 2) {
            let f = *rng.pick(&sources);
            if !files[f].cross.contains(&d) {
                files[f].cross.push(d);
            }
        }
    }
    let last = files.len() - 1;
    for &d in &plugin.dev {
        files[last].cross.push(d);
    }
    files
}

/// In about one plugin in twenty, an early lib file imports the last one, which already
/// (transitively or directly) imports it: a file-level cycle inside the plugin.
fn plant_file_cycle(rng: &mut Rng, plugin: &mut PluginPlan) -> bool {
    let libs: Vec<usize> = plugin
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.role == Role::Lib)
        .map(|(i, _)| i)
        .collect();
    if libs.len() < 3 || !rng.chance(5) {
        return false;
    }
    let (first, last) = (libs[0], libs[libs.len() - 1]);
    if !plugin.files[last].local.contains(&first) {
        plugin.files[last].local.push(first);
    }
    if !plugin.files[first].local.contains(&last) {
        plugin.files[first].local.push(last);
    }
    true
}

// ---------------------------------------------------------------------------------------
// JavaScript and TypeScript
// ---------------------------------------------------------------------------------------

/// What a file's body can use: names in scope by what they are.
#[derive(Default)]
struct Scope {
    functions: Vec<String>,
    classes: Vec<String>,
    consts: Vec<String>,
    namespaces: Vec<String>,
    components: Vec<String>,
    names: Names,
}

impl Scope {
    fn add(&mut self, export: &Export, alias: &str) {
        self.names.reserve(alias);
        let list = match export.kind {
            ExportKind::Function | ExportKind::Hook => &mut self.functions,
            ExportKind::Class => &mut self.classes,
            ExportKind::Const => &mut self.consts,
            ExportKind::Component => &mut self.components,
        };
        list.push(alias.to_string());
    }
}

struct JsStyle {
    ts: bool,
    jsx: bool,
    esm: bool,
}

fn relative(from_file: &str, to_file: &str) -> String {
    let from_dir: Vec<&str> = from_file.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to: Vec<&str> = to_file.split('/').collect();
    let common = from_dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = from_dir.len() - common;
    let mut out = if ups == 0 {
        "./".to_string()
    } else {
        "../".repeat(ups)
    };
    out.push_str(&to[common..].join("/"));
    out
}

/// The specifier of a local file as written in an import: ESM keeps the extension (a `.ts`
/// file is imported as `.js`, as TypeScript's node16 resolution wants).
fn local_specifier(from: &str, to: &str, ts: bool) -> String {
    let rel = relative(from, to);
    if ts {
        rel.replace(".tsx", ".js").replace(".ts", ".js")
    } else {
        rel
    }
}

fn render_js(rng: &mut Rng, corpus: &Corpus, p: usize, f: usize) -> String {
    let plugin = &corpus.plugins[p];
    let file = &plugin.files[f];
    let ext = file.path.rsplit('.').next().unwrap_or("js");
    let style = JsStyle {
        ts: plugin.kind == Kind::Ts,
        jsx: ext.ends_with('x'),
        esm: match ext {
            "cjs" | "cts" => false,
            "mjs" | "mts" | "jsx" | "tsx" | "ts" => true,
            _ => plugin.esm,
        },
    };
    let mut out = Vec::<String>::new();
    let mut scope = Scope::default();
    for w in [
        "require", "module", "exports", "options", "input", "result", "error", "value",
    ] {
        scope.names.reserve(w);
    }
    // header
    let short = plugin.name.rsplit('/').next().unwrap_or(&plugin.name);
    out.push("/**".to_string());
    out.push(format!(" * {} — {}.", file.path, sentence(rng)));
    out.push(" *".to_string());
    out.push(format!(" * Part of {short}. {}", sentence(rng)));
    out.push(" * @license MIT".to_string());
    out.push(" */".to_string());
    if !style.esm {
        out.push("'use strict';".to_string());
    }
    out.push(String::new());

    let mut lazy = Vec::<String>::new(); // async loader chunks with dynamic imports
    let mut tail = Vec::<String>::new(); // CJS exports, default export

    // externals
    if style.jsx {
        let mut hooks = vec!["useState", "useEffect", "useMemo", "useCallback"];
        hooks.truncate(rng.range(3, 4));
        out.push(format!(
            "import React, {{ {} }} from 'react';",
            hooks.join(", ")
        ));
        for h in hooks {
            scope.names.reserve(h);
        }
    }
    if file.role != Role::Index {
        let builtin = rng.word(NODE_BUILTINS);
        let binding = builtin
            .trim_start_matches("node:")
            .split('/')
            .next()
            .unwrap_or("util")
            .to_string();
        let binding = if binding == "url" || binding == "util" {
            format!("{binding}s")
        } else {
            binding
        };
        scope.names.reserve(&binding);
        scope.namespaces.push(binding.clone());
        if style.esm {
            if rng.chance(50) {
                out.push(format!("import * as {binding} from '{builtin}';"));
            } else {
                out.push(format!("import {binding} from '{builtin}';"));
            }
        } else {
            out.push(format!("const {binding} = require('{builtin}');"));
        }
        if !plugin.externals.is_empty() && file.role != Role::Test && rng.chance(60) {
            let (package, _) = NPM_EXTERNALS[*rng.pick(&plugin.externals)];
            let binding = camel(
                &package
                    .split(['-', '/'])
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
            );
            let binding = if binding == "uuid" || binding == "semver" || binding == "zod" {
                format!("{binding}Lib")
            } else {
                binding
            };
            if !scope.names.0.contains(&binding) {
                scope.names.reserve(&binding);
                scope.namespaces.push(binding.clone());
                if style.esm {
                    out.push(format!("import * as {binding} from '{package}';"));
                } else {
                    out.push(format!("const {binding} = require('{package}');"));
                }
            }
        }
    }
    if file.role == Role::Test {
        if style.esm {
            out.push("import test from 'node:test';".to_string());
            out.push("import assert from 'node:assert/strict';".to_string());
        } else {
            out.push("const test = require('node:test');".to_string());
            out.push("const assert = require('node:assert/strict');".to_string());
        }
    }

    // cross-plugin imports
    let mut needs_create_require = false;
    let mut required = Vec::<String>::new(); // `require` through createRequire, after it
    if file.role == Role::Index {
        for e in plugin.files.iter().flat_map(|f| &f.exports) {
            scope.names.reserve(&e.name);
        }
    }
    for &d in &file.cross {
        let target = &corpus.plugins[d];
        let libs: Vec<&FilePlan> = target
            .files
            .iter()
            .filter(|t| t.role == Role::Lib || (style.jsx && t.role == Role::Component))
            .collect();
        let root_spec = target.name.clone();
        let alias_base = camel(
            &target
                .name
                .rsplit('/')
                .next()
                .unwrap_or(&target.name)
                .split('-')
                .filter(|s| s.parse::<usize>().is_err() && *s != "acme")
                .collect::<Vec<_>>(),
        );
        let pick_names = |rng: &mut Rng, t: &FilePlan, n: usize| -> Vec<Export> {
            let mut picked: Vec<Export> = Vec::new();
            for _ in 0..n {
                if t.exports.is_empty() {
                    break;
                }
                let e = rng.pick(&t.exports).clone();
                if !picked.iter().any(|x| x.name == e.name) {
                    picked.push(e);
                }
            }
            picked
        };
        let Some(t) = (!libs.is_empty()).then(|| *rng.pick(&libs)) else {
            // a plugin without libs: a plain import of its root
            let alias = scope.names.fresh(rng, |_| alias_base.clone());
            scope.namespaces.push(alias.clone());
            if style.esm {
                out.push(format!("import {alias} from '{root_spec}';"));
            } else {
                out.push(format!("const {alias} = require('{root_spec}');"));
            }
            continue;
        };
        let sub = format!("{root_spec}/{}", t.subpath.as_deref().unwrap_or(""));
        let imported = |scope: &mut Scope, rng: &mut Rng, names: &[Export]| -> Vec<String> {
            names
                .iter()
                .map(|e| {
                    if scope.names.0.contains(&e.name) {
                        let alias = scope
                            .names
                            .fresh(rng, |r| format!("{}{}", e.name, cap(r.word(ADJECTIVES))));
                        scope.add(e, &alias);
                        format!("{} as {alias}", e.name)
                    } else {
                        scope.add(e, &e.name);
                        e.name.clone()
                    }
                })
                .collect()
        };
        if file.role == Role::Index && style.esm {
            // re-exports from the index
            if rng.chance(50) {
                let alias = scope
                    .names
                    .fresh(rng, |r| format!("{alias_base}{}", cap(r.word(NOUNS))));
                out.push(format!("export * as {alias} from '{sub}';"));
            } else {
                let n = rng.range(1, 2);
                let names = pick_names(rng, t, n);
                let list: Vec<String> = names
                    .iter()
                    .map(|e| {
                        let alias = scope
                            .names
                            .fresh(rng, |r| format!("{}{}", e.name, cap(r.word(ADJECTIVES))));
                        format!("{} as {alias}", e.name)
                    })
                    .collect();
                out.push(format!(
                    "export {{ {} }} from '{root_spec}';",
                    list.join(", ")
                ));
            }
            continue;
        }
        let form = rng.below(100);
        if style.esm {
            match form {
                0..30 => {
                    let n = rng.range(1, 3);
                    let names = pick_names(rng, t, n);
                    let list = imported(&mut scope, rng, &names);
                    if style.ts && rng.chance(30) {
                        let ty = scope.names.fresh(rng, noun_pascal);
                        out.push(format!("import type {{ {ty} }} from '{root_spec}';"));
                    }
                    out.push(format!(
                        "import {{ {} }} from '{root_spec}';",
                        list.join(", ")
                    ));
                }
                30..40 => {
                    let alias = scope.names.fresh(rng, |_| alias_base.clone());
                    scope.namespaces.push(alias.clone());
                    out.push(format!("import {alias} from '{root_spec}';"));
                }
                40..58 => {
                    let alias = scope
                        .names
                        .fresh(rng, |r| format!("{alias_base}{}", cap(r.word(NOUNS))));
                    scope.namespaces.push(alias.clone());
                    out.push(format!("import * as {alias} from '{sub}';"));
                }
                58..76 => {
                    let n = rng.range(1, 2);
                    let names = pick_names(rng, t, n);
                    let list = imported(&mut scope, rng, &names);
                    out.push(format!("import {{ {} }} from '{sub}';", list.join(", ")));
                }
                76..82 => out.push(format!("import '{sub}';")),
                82..94 => {
                    let names = pick_names(rng, t, 1);
                    lazy.extend(lazy_loader(
                        rng,
                        &mut scope,
                        &format!("'{sub}'"),
                        &names,
                        &style,
                    ));
                }
                _ => {
                    needs_create_require = true;
                    let alias = scope.names.fresh(rng, |_| alias_base.clone());
                    scope.namespaces.push(alias.clone());
                    required.push(format!("const {alias} = require('{root_spec}');"));
                }
            }
        } else {
            match form {
                0..40 => {
                    let n = rng.range(1, 3);
                    let names = pick_names(rng, t, n);
                    let list = imported(&mut scope, rng, &names);
                    out.push(format!(
                        "const {{ {} }} = require('{root_spec}');",
                        list.join(", ").replace(" as ", ": ")
                    ));
                }
                40..70 => {
                    let alias = scope
                        .names
                        .fresh(rng, |r| format!("{alias_base}{}", cap(r.word(NOUNS))));
                    scope.namespaces.push(alias.clone());
                    out.push(format!("const {alias} = require('{sub}');"));
                }
                70..80 => out.push(format!("require('{sub}');")),
                _ => {
                    let names = pick_names(rng, t, 1);
                    lazy.extend(lazy_loader(
                        rng,
                        &mut scope,
                        &format!("'{sub}'"),
                        &names,
                        &style,
                    ));
                }
            }
        }
    }
    if needs_create_require {
        out.push("import { createRequire } from 'node:module';".to_string());
        out.push(String::new());
        out.push("const require = createRequire(import.meta.url);".to_string());
        out.extend(required);
    }

    // local imports
    for &l in &file.local {
        let target = &plugin.files[l];
        let spec = local_specifier(&file.path, &target.path, style.ts);
        if file.role == Role::Index {
            if style.esm {
                if target.role == Role::Component {
                    let list: Vec<String> = target.exports.iter().map(|e| e.name.clone()).collect();
                    out.push(format!("export {{ {} }} from '{spec}';", list.join(", ")));
                } else {
                    out.push(format!("export * from '{spec}';"));
                }
            } else {
                let alias = scope.names.fresh(rng, |_| {
                    camel(&target.module.split('-').collect::<Vec<_>>())
                });
                out.push(format!("const {alias} = require('{spec}');"));
                scope.namespaces.push(alias);
            }
            continue;
        }
        let names: Vec<Export> = {
            let mut v = Vec::new();
            for _ in 0..rng.range(1, 3) {
                if let Some(e) =
                    (!target.exports.is_empty()).then(|| rng.pick(&target.exports).clone())
                    && !v.iter().any(|x: &Export| x.name == e.name)
                {
                    v.push(e);
                }
            }
            v
        };
        if names.is_empty() {
            out.push(if style.esm {
                format!("import '{spec}';")
            } else {
                format!("require('{spec}');")
            });
            continue;
        }
        // a cycle back-edge or a rarely used helper: load it lazily
        if style.esm && rng.chance(8) {
            lazy.extend(lazy_loader(
                rng,
                &mut scope,
                &format!("'{spec}'"),
                &names,
                &style,
            ));
            continue;
        }
        let mut list = Vec::new();
        for e in &names {
            if scope.names.0.contains(&e.name) {
                let alias = scope
                    .names
                    .fresh(rng, |r| format!("{}{}", e.name, cap(r.word(NOUNS))));
                scope.add(e, &alias);
                list.push(if style.esm {
                    format!("{} as {alias}", e.name)
                } else {
                    format!("{}: {alias}", e.name)
                });
            } else {
                scope.add(e, &e.name);
                list.push(e.name.clone());
            }
        }
        if style.esm {
            if target.role == Role::Component && names.len() == 1 && rng.chance(50) {
                out.push(format!("import {} from '{spec}';", list[0]));
            } else {
                out.push(format!("import {{ {} }} from '{spec}';", list.join(", ")));
            }
        } else {
            out.push(format!(
                "const {{ {} }} = require('{spec}');",
                list.join(", ")
            ));
        }
    }
    out.push(String::new());

    // body
    let target_lines = rng.range(80, 300);
    let mut chunks: Vec<Vec<String>> = Vec::new();
    for e in &file.exports {
        scope.names.reserve(&e.name);
    }
    match file.role {
        Role::Index => {
            chunks.push(index_default(rng, plugin, &scope, &style));
        }
        Role::Test => {}
        _ => {
            for e in &file.exports {
                let export = style.esm;
                chunks.push(match e.kind {
                    ExportKind::Function => js_function(rng, &mut scope, &e.name, export, &style),
                    ExportKind::Class => js_class(rng, &mut scope, &e.name, export, &style),
                    ExportKind::Const => js_object(rng, &mut scope, &e.name, export, &style),
                    ExportKind::Component => jsx_component(rng, &mut scope, &e.name, &style),
                    ExportKind::Hook => jsx_hook(rng, &mut scope, &e.name, &style),
                });
            }
        }
    }
    if !lazy.is_empty() {
        chunks.push(lazy);
    }
    if style.ts && file.role != Role::Test {
        chunks.insert(0, ts_types(rng, &mut scope));
    }
    let mut lines = out.len() + chunks.iter().map(|c| c.len() + 1).sum::<usize>();
    if !style.esm && file.role != Role::Test {
        let mut names: Vec<String> = file.exports.iter().map(|e| e.name.clone()).collect();
        if file.role == Role::Index {
            names = scope.namespaces.iter().map(|n| format!("...{n}")).collect();
            names.push("plugin".to_string());
        }
        tail.push(format!("module.exports = {{ {} }};", names.join(", ")));
    }
    if style.jsx
        && rng.chance(50)
        && let Some(c) = file
            .exports
            .iter()
            .find(|e| e.kind == ExportKind::Component)
    {
        tail.push(format!("export default {};", c.name));
    }
    lines += tail.len();
    let mut fillers = 0;
    while lines < target_lines && fillers < 40 {
        fillers += 1;
        let chunk = if file.role == Role::Test {
            js_test(rng, &mut scope)
        } else {
            match rng.below(12) {
                0..4 => {
                    let name = scope.names.fresh(rng, verb_noun);
                    js_function(rng, &mut scope, &name, false, &style)
                }
                4..6 => {
                    let name = scope.names.fresh(rng, noun_pascal);
                    js_class(rng, &mut scope, &name, false, &style)
                }
                6..8 => {
                    let name = scope
                        .names
                        .fresh(rng, |r| upper(&[r.word(ADJECTIVES), r.word(NOUNS)]));
                    js_object(rng, &mut scope, &name, false, &style)
                }
                8 => js_reducer(rng, &mut scope, &style),
                9 => js_arrows(rng, &mut scope, &style),
                10 if style.jsx => {
                    let name = scope.names.fresh(rng, |r| {
                        pascal(&[r.word(NOUNS), r.word(&["Row", "Item", "Header", "Empty"])])
                    });
                    jsx_component(rng, &mut scope, &name, &style)
                }
                _ => js_decoys(rng, &mut scope, &style),
            }
        };
        if lines >= 80 && lines + chunk.len() + 1 > 300 {
            break;
        }
        lines += chunk.len() + 1;
        chunks.push(chunk);
    }
    // rare: a computed dynamic import, which plugdep reports as unresolved
    if file.role == Role::Lib && style.esm && rng.chance(2) {
        chunks.push(vec![
            "export async function loadLocale(locale) {".to_string(),
            "  const messages = await import(`./locales/${locale}.js`);".to_string(),
            "  return messages.default ?? messages;".to_string(),
            "}".to_string(),
        ]);
    }
    if file.role != Role::Index && file.role != Role::Test {
        let (head, rest) = chunks.split_at_mut(usize::from(style.ts).min(1));
        let _ = head;
        rng.shuffle(rest);
    }
    for chunk in chunks {
        out.extend(chunk);
        out.push(String::new());
    }
    out.extend(tail);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Three different property names, for one object literal.
fn distinct_props(rng: &mut Rng) -> [&'static str; 3] {
    let a = rng.word(PROPS);
    let mut b = rng.word(PROPS);
    while b == a {
        b = rng.word(PROPS);
    }
    let mut c = rng.word(PROPS);
    while c == a || c == b {
        c = rng.word(PROPS);
    }
    [a, b, c]
}

fn sentence(rng: &mut Rng) -> String {
    let templates: &[&dyn Fn(&mut Rng) -> String] = &[
        &|r| {
            format!(
                "{} the {} {} before the {} is {}",
                cap(r.word(VERBS)),
                r.word(ADJECTIVES),
                r.word(NOUNS),
                r.word(NOUNS),
                r.word(&["ready", "closed", "loaded", "flushed"])
            )
        },
        &|r| {
            format!(
                "Keeps the {} and its {} in sync",
                r.word(NOUNS),
                r.word(NOUNS)
            )
        },
        &|r| {
            format!(
                "Helpers to {} and {} {}s",
                r.word(VERBS),
                r.word(VERBS),
                r.word(NOUNS)
            )
        },
        &|r| {
            format!(
                "See the {} docs for how {}s are {}d",
                r.word(NOUNS),
                r.word(NOUNS),
                r.word(&["resolve", "merge", "cache", "validate"])
            )
        },
    ];
    let t = rng.pick(templates);
    t(rng)
}

fn arg(rng: &mut Rng, scope: &Scope, locals: &[String]) -> String {
    match rng.below(10) {
        0..4 if !locals.is_empty() => rng.pick(locals).clone(),
        4 if !scope.consts.is_empty() => rng.pick(&scope.consts).clone(),
        5 => format!("'{}'", rng.word(NOUNS)),
        6 => rng.range(1, 500).to_string(),
        7 => format!(
            "{{ {}: {} }}",
            rng.word(PROPS),
            if rng.chance(50) { "true" } else { "null" }
        ),
        _ => format!("options.{}", rng.word(PROPS)),
    }
}

fn expr(rng: &mut Rng, scope: &Scope, locals: &[String], is_async: bool) -> String {
    let a = |rng: &mut Rng| arg(rng, scope, locals);
    match rng.below(14) {
        0..3 if !scope.functions.is_empty() => {
            let f = rng.pick(&scope.functions).clone();
            let args: Vec<String> = (0..rng.range(1, 3)).map(|_| a(rng)).collect();
            let call = format!("{f}({})", args.join(", "));
            if is_async && rng.chance(30) {
                format!("await {call}")
            } else {
                call
            }
        }
        3 if !scope.classes.is_empty() => {
            let c = rng.pick(&scope.classes).clone();
            format!("new {c}({})", a(rng))
        }
        4 if !scope.namespaces.is_empty() => {
            let n = rng.pick(&scope.namespaces).clone();
            format!("{n}.{}({})", verb_noun(rng), a(rng))
        }
        5 => {
            let x = a(rng);
            format!("`${{{x}}}/{}`", rng.word(NOUNS))
        }
        6 => {
            let x = a(rng);
            format!("Object.keys({x} ?? {{}}).length")
        }
        7 => {
            let k = distinct_props(rng);
            format!(
                "{{ {}: {}, {}: '{}', {}: [{}, {}] }}",
                k[0],
                a(rng),
                k[1],
                rng.word(ADJECTIVES),
                k[2],
                rng.range(0, 9),
                rng.range(10, 99)
            )
        }
        8 => {
            let x = a(rng);
            format!(
                "Array.from({x} ?? []).filter((item) => item.{} !== undefined).map((item) => item.{})",
                rng.word(PROPS),
                rng.word(PROPS)
            )
        }
        9 => {
            let x = a(rng);
            let y = a(rng);
            format!("{x} ? {y} : null")
        }
        10 => {
            let x = a(rng);
            format!("Math.max(Number({x}) || 0, {})", rng.range(1, 64))
        }
        11 => format!("{} ?? {}", a(rng), a(rng)),
        _ => {
            let x = a(rng);
            format!("String({x}).trim().toLowerCase()")
        }
    }
}

fn statements(
    rng: &mut Rng,
    scope: &Scope,
    locals: &mut Vec<String>,
    indent: usize,
    count: usize,
    depth: usize,
    is_async: bool,
) -> Vec<String> {
    let pad = "  ".repeat(indent);
    let mut out = Vec::new();
    let mut used = Names::default();
    for l in locals.iter() {
        used.reserve(l);
    }
    for _ in 0..count {
        match rng.below(10) {
            0..4 => {
                let v = used.fresh(rng, local_var);
                let e = expr(rng, scope, locals, is_async);
                out.push(format!("{pad}const {v} = {e};"));
                locals.push(v);
            }
            4 if depth < 2 => {
                let cond = format!(
                    "{}.{} {} {}",
                    rng.pick(&locals.clone()),
                    rng.word(PROPS),
                    rng.word(&["===", "!==", ">", "<="]),
                    arg(rng, scope, locals)
                );
                out.push(format!("{pad}if ({cond}) {{"));
                let mut inner = locals.clone();
                let n = rng.range(1, 3);
                out.extend(statements(
                    rng,
                    scope,
                    &mut inner,
                    indent + 1,
                    n,
                    depth + 1,
                    is_async,
                ));
                if rng.chance(40) {
                    out.push(format!("{pad}}} else {{"));
                    let mut inner = locals.clone();
                    out.extend(statements(
                        rng,
                        scope,
                        &mut inner,
                        indent + 1,
                        1,
                        depth + 1,
                        is_async,
                    ));
                }
                out.push(format!("{pad}}}"));
            }
            5 if depth < 2 => {
                let coll = rng.pick(&locals.clone()).clone();
                let item = used.fresh(rng, |r| r.word(NOUNS).to_string());
                out.push(format!(
                    "{pad}for (const {item} of {coll}.{} ?? []) {{",
                    rng.word(PROPS)
                ));
                let mut inner = locals.clone();
                inner.push(item.clone());
                out.push(format!("{pad}  if (!{item}) continue;"));
                let n = rng.range(1, 2);
                out.extend(statements(
                    rng,
                    scope,
                    &mut inner,
                    indent + 1,
                    n,
                    depth + 1,
                    is_async,
                ));
                out.push(format!("{pad}}}"));
            }
            6 if depth < 2 => {
                out.push(format!("{pad}try {{"));
                let mut inner = locals.clone();
                out.extend(statements(
                    rng,
                    scope,
                    &mut inner,
                    indent + 1,
                    2,
                    depth + 1,
                    is_async,
                ));
                out.push(format!("{pad}}} catch (error) {{"));
                out.push(format!(
                    "{pad}  throw new Error(`{} failed: ${{error.message}}`, {{ cause: error }});",
                    verb_noun(rng)
                ));
                out.push(format!("{pad}}}"));
            }
            7 => {
                let target = rng.pick(&locals.clone()).clone();
                let e = expr(rng, scope, locals, is_async);
                out.push(format!("{pad}{target}.{} = {e};", rng.word(PROPS)));
            }
            8 => {
                out.push(format!("{pad}// {}", sentence(rng)));
                let v = used.fresh(rng, local_var);
                let e = expr(rng, scope, locals, is_async);
                out.push(format!("{pad}let {v} = {e};"));
                locals.push(v);
            }
            _ => {
                let e = expr(rng, scope, locals, is_async);
                out.push(format!("{pad}void ({e});"));
            }
        }
    }
    out
}

fn ts_type(rng: &mut Rng) -> String {
    rng.pick(&[
        "string",
        "number",
        "boolean",
        "unknown",
        "Record<string, unknown>",
        "string[]",
        "Map<string, number>",
        "Promise<void>",
    ])
    .to_string()
}

fn params(rng: &mut Rng, style: &JsStyle) -> (String, Vec<String>) {
    let mut names = vec!["input".to_string()];
    let mut text = if style.ts {
        format!("input: {}", ts_type(rng))
    } else {
        "input".to_string()
    };
    if rng.chance(70) {
        text.push_str(if style.ts {
            ", options: Record<string, any> = {}"
        } else {
            ", options = {}"
        });
    } else {
        text.push_str(", options");
    }
    names.push("options".to_string());
    (text, names)
}

fn js_function(
    rng: &mut Rng,
    scope: &mut Scope,
    name: &str,
    export: bool,
    style: &JsStyle,
) -> Vec<String> {
    let is_async = rng.chance(25);
    let (params, mut locals) = params(rng, style);
    let mut out = vec![
        "/**".to_string(),
        format!(" * {}.", sentence(rng)),
        " * @param {object} input".to_string(),
        " * @param {object} [options]".to_string(),
        format!(
            " * @returns {{{}}}",
            if is_async {
                "Promise<object>"
            } else {
                "object"
            }
        ),
        " */".to_string(),
    ];
    let ret = if style.ts {
        if is_async {
            ": Promise<unknown>"
        } else {
            ": unknown"
        }
    } else {
        ""
    };
    out.push(format!(
        "{}{}function {name}({params}){ret} {{",
        if export { "export " } else { "" },
        if is_async { "async " } else { "" }
    ));
    out.push("  if (input == null) {".to_string());
    out.push(format!(
        "    throw new TypeError(`{name}: expected an input, got ${{input}}`);"
    ));
    out.push("  }".to_string());
    let n = rng.range(3, 7);
    out.extend(statements(rng, scope, &mut locals, 1, n, 0, is_async));
    let last = locals
        .last()
        .cloned()
        .unwrap_or_else(|| "input".to_string());
    out.push(format!("  return {last};"));
    out.push("}".to_string());
    scope.functions.push(name.to_string());
    out
}

fn js_class(
    rng: &mut Rng,
    scope: &mut Scope,
    name: &str,
    export: bool,
    style: &JsStyle,
) -> Vec<String> {
    let base = if !scope.classes.is_empty() && rng.chance(30) {
        Some(rng.pick(&scope.classes).clone())
    } else {
        None
    };
    let mut out = vec![format!("/** {}. */", sentence(rng))];
    out.push(format!(
        "{}class {name}{} {{",
        if export { "export " } else { "" },
        base.as_ref()
            .map(|b| format!(" extends {b}"))
            .unwrap_or_default()
    ));
    let fields: Vec<&str> = (0..rng.range(2, 4))
        .map(|_| rng.word(PROPS))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if rng.chance(50) {
        out.push(if style.ts {
            "  #cache: Map<string, unknown> = new Map();".to_string()
        } else {
            "  #cache = new Map();".to_string()
        });
        out.push(String::new());
    }
    if style.ts {
        for f in &fields {
            out.push(format!("  {f}: {};", ts_type(rng)));
        }
        out.push(String::new());
    }
    out.push(format!(
        "  constructor({}) {{",
        if style.ts {
            "options: Record<string, any> = {}"
        } else {
            "options = {}"
        }
    ));
    if base.is_some() {
        out.push("    super(options);".to_string());
    }
    for f in &fields {
        out.push(format!(
            "    this.{f} = options.{f} ?? {};",
            arg(rng, scope, &[])
        ));
    }
    out.push("  }".to_string());
    for _ in 0..rng.range(1, 3) {
        out.push(String::new());
        let method = verb_noun(rng);
        let is_async = rng.chance(20);
        out.push(
            format!(
                "  {}{method}(input, options = {{}}) {{",
                if is_async { "async " } else { "" }
            )
            .replace(
                "(input, options = {})",
                if style.ts {
                    "(input: unknown, options: Record<string, any> = {})"
                } else {
                    "(input, options = {})"
                },
            ),
        );
        let mut locals = vec![
            "input".to_string(),
            "options".to_string(),
            "this".to_string(),
        ];
        let n = rng.range(2, 4);
        out.extend(statements(rng, scope, &mut locals, 2, n, 1, is_async));
        out.push(format!(
            "    return {};",
            locals.last().cloned().unwrap_or_default()
        ));
        out.push("  }".to_string());
    }
    out.push(String::new());
    let f = fields[0];
    out.push(format!(
        "  get {}{}() {{",
        verb_noun(rng).replace(|c: char| c.is_ascii_uppercase(), ""),
        cap(f)
    ));
    out.push(format!("    return this.{f};"));
    out.push("  }".to_string());
    if rng.chance(40) {
        out.push(String::new());
        out.push("  static from(value) {".replace(
            "value",
            if style.ts {
                "value: Record<string, any>"
            } else {
                "value"
            },
        ));
        out.push(format!("    return new {name}({{ ...value }});"));
        out.push("  }".to_string());
    }
    out.push("}".to_string());
    scope.classes.push(name.to_string());
    out
}

fn js_value(rng: &mut Rng, scope: &Scope, depth: usize) -> String {
    match rng.below(8) {
        0 => format!("'{}'", rng.word(NOUNS)),
        1 => rng.range(0, 10_000).to_string(),
        2 => {
            if rng.chance(50) {
                "true".into()
            } else {
                "false".into()
            }
        }
        3 => format!(
            "[{}]",
            (0..rng.range(1, 4))
                .map(|_| format!("'{}'", rng.word(ADJECTIVES)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        4 if !scope.consts.is_empty() => rng.pick(&scope.consts).clone(),
        5 => format!("{} * 1000", rng.range(1, 90)),
        6 if depth == 0 => "null".into(),
        _ => format!("`{}-${{Date.now()}}`", rng.word(NOUNS)),
    }
}

fn js_object(
    rng: &mut Rng,
    scope: &mut Scope,
    name: &str,
    export: bool,
    style: &JsStyle,
) -> Vec<String> {
    let mut out = vec![format!("/** {}. */", sentence(rng))];
    out.push(format!(
        "{}const {name}{} = Object.freeze({{",
        if export { "export " } else { "" },
        if style.ts {
            ": Readonly<Record<string, unknown>>"
        } else {
            ""
        }
    ));
    let mut keys = Names::default();
    for _ in 0..rng.range(3, 7) {
        let key = keys.fresh(rng, |r| r.word(PROPS).to_string());
        if rng.chance(30) {
            out.push(format!("  {key}: {{"));
            let mut inner = Names::default();
            for _ in 0..rng.range(2, 4) {
                let k = inner.fresh(rng, |r| r.word(PROPS).to_string());
                out.push(format!("    {k}: {},", js_value(rng, scope, 1)));
            }
            out.push("  },".to_string());
        } else if rng.chance(20) {
            out.push(format!("  {key}(value) {{").replace(
                "(value)",
                if style.ts {
                    "(value: unknown)"
                } else {
                    "(value)"
                },
            ));
            out.push(format!("    return value ?? {};", js_value(rng, scope, 1)));
            out.push("  },".to_string());
        } else {
            out.push(format!("  {key}: {},", js_value(rng, scope, 0)));
        }
    }
    out.push("});".to_string());
    scope.consts.push(name.to_string());
    out
}

fn js_reducer(rng: &mut Rng, scope: &mut Scope, style: &JsStyle) -> Vec<String> {
    let name = scope
        .names
        .fresh(rng, |r| camel(&[r.word(NOUNS), "reducer"]));
    let mut out = vec![format!(
        "function {name}(state{}, action{}) {{",
        if style.ts { ": any" } else { " = {}" },
        if style.ts {
            ": { type: string; payload?: any }"
        } else {
            ""
        }
    )];
    out.push("  switch (action.type) {".to_string());
    let mut cases = Names::default();
    for _ in 0..rng.range(2, 5) {
        let case = cases.fresh(rng, |r| format!("{}/{}", r.word(NOUNS), r.word(VERBS)));
        out.push(format!("    case '{case}':"));
        let k = distinct_props(rng);
        out.push(format!(
            "      return {{ ...state, {}: action.payload, {}: {} }};",
            k[0],
            k[1],
            js_value(rng, scope, 1)
        ));
    }
    out.push("    default:".to_string());
    out.push("      return state;".to_string());
    out.push("  }".to_string());
    out.push("}".to_string());
    scope.functions.push(name);
    out
}

fn js_arrows(rng: &mut Rng, scope: &mut Scope, style: &JsStyle) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..rng.range(2, 4) {
        let name = scope
            .names
            .fresh(rng, |r| camel(&["to", r.word(NOUNS), r.word(PROPS)]));
        let (a, b) = if style.ts {
            ("(a: string, b: string)", "(items: any[])")
        } else {
            ("(a, b)", "(items)")
        };
        if rng.chance(50) {
            out.push(format!(
                "const {name} = {a} => `${{a}}:${{b}}`.toLowerCase();"
            ));
        } else {
            out.push(format!(
                "const {name} = {b} =>\n  items\n    .filter(Boolean)\n    .map((item) => item.{})\n    .sort();",
                rng.word(PROPS)
            ));
        }
        scope.functions.push(name);
    }
    // the `\n`s above are part of one chunk entry; split for line counting
    out.join("\n").split('\n').map(str::to_string).collect()
}

fn js_decoys(rng: &mut Rng, scope: &mut Scope, _style: &JsStyle) -> Vec<String> {
    // import-looking text in comments and strings: a parser never counts it
    let name = scope.names.fresh(rng, |r| upper(&[r.word(NOUNS), "hint"]));
    vec![
        "// Migration note: older plugins wrote".to_string(),
        format!(
            "//   import {{ {} }} from '@acme/legacy-{}';",
            verb_noun(rng),
            rng.word(NOUNS)
        ),
        format!(
            "//   const {} = require('legacy-{}');",
            rng.word(NOUNS),
            rng.word(NOUNS)
        ),
        "// which no longer resolves; use the registry instead.".to_string(),
        format!(
            "const {name} = \"Call import('{}') lazily; never require('{}') at start-up.\";",
            rng.word(NOUNS),
            rng.word(NOUNS)
        ),
    ]
}

fn js_test(rng: &mut Rng, scope: &mut Scope) -> Vec<String> {
    let mut out = vec![format!(
        "test('{} {}', async () => {{",
        rng.word(VERBS),
        sentence(rng).to_lowercase().replace('\'', "")
    )];
    let mut locals = vec!["fixture".to_string()];
    let k = distinct_props(rng);
    out.push(format!(
        "  const fixture = {{ {}: '{}', {}: {} }};",
        k[0],
        rng.word(NOUNS),
        k[1],
        rng.range(1, 99)
    ));
    let n = rng.range(2, 4);
    out.extend(statements(rng, scope, &mut locals, 1, n, 1, true));
    let last = locals.last().cloned().unwrap_or_default();
    out.push(format!("  assert.ok({last} !== undefined);"));
    out.push("  assert.deepEqual(fixture, { ...fixture });".to_string());
    out.push("});".to_string());
    out
}

fn lazy_loader(
    rng: &mut Rng,
    scope: &mut Scope,
    spec: &str,
    names: &[Export],
    style: &JsStyle,
) -> Vec<String> {
    let fname = scope.names.fresh(rng, |r| camel(&["load", r.word(NOUNS)]));
    let mut out = vec![format!(
        "{}async function {fname}(options{}) {{",
        if style.esm && rng.chance(50) {
            "export "
        } else {
            ""
        },
        if style.ts {
            ": Record<string, any> = {}"
        } else {
            " = {}"
        }
    )];
    if let Some(e) = names.first() {
        out.push(format!("  const {{ {} }} = await import({spec});", e.name));
        match e.kind {
            ExportKind::Class => out.push(format!("  return new {}(options);", e.name)),
            ExportKind::Const | ExportKind::Component => {
                out.push(format!("  return {{ ...options, value: {} }};", e.name))
            }
            _ => out.push(format!("  return {}(options);", e.name)),
        }
    } else {
        out.push(format!("  const module = await import({spec});"));
        out.push("  return module.default ?? module;".to_string());
    }
    out.push("}".to_string());
    scope.functions.push(fname);
    out
}

fn index_default(
    rng: &mut Rng,
    plugin: &PluginPlan,
    scope: &Scope,
    style: &JsStyle,
) -> Vec<String> {
    let short = plugin.name.rsplit('/').next().unwrap_or(&plugin.name);
    let (a, b, c) = plugin.version;
    let mut out = vec![
        "const plugin = {".to_string(),
        format!("  name: '{}',", plugin.name),
        format!("  version: '{a}.{b}.{c}',"),
        format!("  activate(host{}) {{", if style.ts { ": any" } else { "" }),
        format!("    host.log(`activating {short}`);"),
        format!(
            "    host.registerCommand('{short}.{}', () => host.notify('{}'));",
            verb_noun(rng),
            sentence(rng).replace('\'', "")
        ),
        "  },".to_string(),
        "  deactivate() {".to_string(),
        "    return Promise.resolve();".to_string(),
        "  },".to_string(),
        "};".to_string(),
    ];
    let _ = scope;
    if style.esm {
        out.push(String::new());
        out.push("export default plugin;".to_string());
    }
    out
}

fn ts_types(rng: &mut Rng, scope: &mut Scope) -> Vec<String> {
    let name = scope.names.fresh(rng, noun_pascal);
    let mut out = vec![format!("export interface {name} {{")];
    let mut keys = Names::default();
    for _ in 0..rng.range(3, 6) {
        let k = keys.fresh(rng, |r| r.word(PROPS).to_string());
        out.push(format!(
            "  {k}{}: {};",
            if rng.chance(30) { "?" } else { "" },
            ts_type(rng)
        ));
    }
    out.push("}".to_string());
    out.push(String::new());
    let alias = scope.names.fresh(rng, noun_pascal);
    out.push(format!(
        "export type {alias} = '{}' | '{}' | '{}';",
        rng.word(ADJECTIVES),
        rng.word(ADJECTIVES),
        rng.word(ADJECTIVES)
    ));
    out
}

fn jsx_component(rng: &mut Rng, scope: &mut Scope, name: &str, style: &JsStyle) -> Vec<String> {
    let (title, items) = (
        rng.word(PROPS),
        rng.word(&["items", "entries", "rows", "children"]),
    );
    let props = if style.ts {
        format!(
            "{{ {title}, {items} = [], onSelect }}: {{ {title}?: string; {items}?: any[]; onSelect?: (item: any) => void }}"
        )
    } else {
        format!("{{ {title}, {items} = [], onSelect }}")
    };
    let class = name
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            if c.is_ascii_uppercase() && i > 0 {
                vec!['-', c.to_ascii_lowercase()]
            } else {
                vec![c.to_ascii_lowercase()]
            }
        })
        .collect::<String>();
    let mut out = vec![format!("export function {name}({props}) {{")];
    out.push("  const [selected, setSelected] = useState(null);".to_string());
    out.push(if rng.chance(50) {
        format!("  const visible = useMemo(() => {items}.filter((item) => item.enabled !== false), [{items}]);")
    } else {
        format!("  const visible = {items}.filter((item) => item.enabled !== false);")
    });
    out.push("  useEffect(() => {".to_string());
    out.push("    if (selected && onSelect) onSelect(selected);".to_string());
    out.push("  }, [selected, onSelect]);".to_string());
    out.push(String::new());
    out.push("  return (".to_string());
    out.push(format!(
        "    <section className=\"{class}\" aria-label={{{title}}}>"
    ));
    out.push("      <header>".to_string());
    out.push(format!(
        "        <h2>{{{title} ?? '{}'}}</h2>",
        cap(rng.word(NOUNS))
    ));
    let child = scope
        .components
        .iter()
        .find(|c| c.as_str() != name)
        .cloned();
    if let Some(c) = &child {
        out.push(format!(
            "        <{c} {}={{visible.length}} />",
            rng.word(PROPS)
        ));
    } else {
        out.push("        <span className=\"count\">{visible.length}</span>".to_string());
    }
    out.push("      </header>".to_string());
    out.push("      {visible.length === 0 ? (".to_string());
    out.push(format!(
        "        <p className=\"empty\">No {}s yet.</p>",
        rng.word(NOUNS)
    ));
    out.push("      ) : (".to_string());
    out.push("        <ul>".to_string());
    out.push("          {visible.map((item) => (".to_string());
    out.push("            <li key={item.id} className={item === selected ? 'selected' : undefined} onClick={() => setSelected(item)}>".to_string());
    out.push(format!("              {{item.{}}}", rng.word(PROPS)));
    out.push("            </li>".to_string());
    out.push("          ))}".to_string());
    out.push("        </ul>".to_string());
    out.push("      )}".to_string());
    out.push("    </section>".to_string());
    out.push("  );".to_string());
    out.push("}".to_string());
    scope.components.push(name.to_string());
    out
}

fn jsx_hook(rng: &mut Rng, scope: &mut Scope, name: &str, style: &JsStyle) -> Vec<String> {
    let noun = rng.word(NOUNS);
    let mut out = vec![format!(
        "export function {name}(initial{}) {{",
        if style.ts { ": any = null" } else { " = null" }
    )];
    out.push(format!(
        "  const [{noun}, set{}] = useState(initial);",
        cap(noun)
    ));
    out.push("  useEffect(() => {".to_string());
    out.push("    let cancelled = false;".to_string());
    out.push(format!(
        "    Promise.resolve(initial).then((value) => {{ if (!cancelled) set{}(value); }});",
        cap(noun)
    ));
    out.push("    return () => {".to_string());
    out.push("      cancelled = true;".to_string());
    out.push("    };".to_string());
    out.push("  }, [initial]);".to_string());
    out.push(format!("  return [{noun}, set{}];", cap(noun)));
    out.push("}".to_string());
    scope.functions.push(name.to_string());
    out
}

// ---------------------------------------------------------------------------------------
// Rust
// ---------------------------------------------------------------------------------------

/// A word that is a Rust keyword (`type`, `match`, …) made into an identifier.
fn rust_ident(word: String) -> String {
    match word.as_str() {
        "type" => "kind_of".to_string(),
        "match" => "matches".to_string(),
        "as" | "break" | "const" | "continue" | "crate" | "else" | "enum" | "extern" | "false"
        | "fn" | "for" | "if" | "impl" | "in" | "let" | "loop" | "mod" | "move" | "mut" | "pub"
        | "ref" | "return" | "self" | "static" | "struct" | "super" | "trait" | "true"
        | "unsafe" | "use" | "where" | "while" | "async" | "await" | "dyn" | "gen" | "try" => {
            format!("{word}_")
        }
        _ => word,
    }
}

fn render_rust(rng: &mut Rng, corpus: &Corpus, p: usize, f: usize) -> String {
    let plugin = &corpus.plugins[p];
    let file = &plugin.files[f];
    let own = plugin.extern_name();
    let mut out = Vec::<String>::new();
    let mut fns: Vec<String> = Vec::new();
    let mut types: Vec<String> = Vec::new();
    let mut names = Names::default();
    match file.role {
        Role::Index => {
            out.push(format!("//! {}: {}.", plugin.name, sentence(rng)));
            out.push("//!".to_string());
            out.push(format!("//! {}.", sentence(rng)));
            out.push(String::new());
            out.push("#![forbid(unsafe_code)]".to_string());
            out.push(String::new());
            for &l in &file.local {
                let m = &plugin.files[l];
                out.push(format!(
                    "{}mod {};",
                    if rng.chance(80) { "pub " } else { "" },
                    m.module
                ));
            }
            out.push(String::new());
            for &l in file.local.iter().take(4) {
                let m = &plugin.files[l];
                if let Some(e) = m.exports.first() {
                    out.push(format!("pub use {}::{};", m.module, e.name));
                    names.reserve(&e.name);
                }
            }
        }
        Role::Test => {
            out.push(format!("//! Integration tests of {}.", plugin.name));
            out.push(String::new());
        }
        _ => {
            out.push(format!("//! {}.", sentence(rng)));
            out.push(String::new());
            out.push("use std::collections::HashMap;".to_string());
            out.push("use std::fmt;".to_string());
            names.reserve("HashMap");
            names.reserve("fmt");
        }
    }
    for &e in &plugin.externals {
        if file.role != Role::Lib || !rng.chance(50) {
            continue;
        }
        match CRATE_EXTERNALS[e].0 {
            "serde" => out.push("use serde::{Deserialize, Serialize};".to_string()),
            "thiserror" => out.push("use thiserror::Error;".to_string()),
            "parking_lot" => {
                out.push("use parking_lot::RwLock;".to_string());
                types.push("RwLock<u32>".to_string());
            }
            _ => {}
        }
    }
    // crate imports: `use dep::module::{Item, item};`, a bare path later
    let mut paths = Vec::new();
    for &d in &file.cross {
        let target = &corpus.plugins[d];
        let ext = target.extern_name();
        let libs: Vec<&FilePlan> = target
            .files
            .iter()
            .filter(|t| t.role == Role::Lib)
            .collect();
        let Some(t) = (!libs.is_empty()).then(|| *rng.pick(&libs)) else {
            paths.push(format!("{ext}::VERSION"));
            continue;
        };
        let mut items = Vec::new();
        for _ in 0..rng.range(1, 2) {
            let e = rng.pick(&t.exports);
            if !items.iter().any(|x: &&Export| x.name == e.name) && !names.0.contains(&e.name) {
                items.push(e);
            }
        }
        if rng.chance(70) && !items.is_empty() {
            let list: Vec<&str> = items.iter().map(|e| e.name.as_str()).collect();
            if list.len() == 1 {
                out.push(format!("use {ext}::{}::{};", t.module, list[0]));
            } else {
                out.push(format!("use {ext}::{}::{{{}}};", t.module, list.join(", ")));
            }
            for e in items {
                names.reserve(&e.name);
                match e.kind {
                    ExportKind::Class => types.push(e.name.clone()),
                    ExportKind::Const => {}
                    _ => fns.push(e.name.clone()),
                }
            }
        } else if let Some(e) = t.exports.iter().find(|e| e.kind == ExportKind::Function) {
            paths.push(format!("{ext}::{}::{}", t.module, e.name));
        } else {
            paths.push(format!("{ext}::{}::{}", t.module, t.exports[0].name));
        }
    }
    for &l in &file.local {
        if file.role == Role::Index {
            break;
        }
        let m = &plugin.files[l];
        if let Some(e) = m.exports.iter().find(|e| !names.0.contains(&e.name)) {
            let root = if file.role == Role::Test {
                own.as_str()
            } else {
                "crate"
            };
            out.push(format!("use {root}::{}::{};", m.module, e.name));
            names.reserve(&e.name);
            match e.kind {
                ExportKind::Class => types.push(e.name.clone()),
                ExportKind::Const => {}
                _ => fns.push(e.name.clone()),
            }
        }
    }
    out.push(String::new());

    let target_lines = rng.range(80, 300);
    let mut chunks: Vec<Vec<String>> = Vec::new();
    if file.role == Role::Index {
        chunks.push(vec![
            "/// The crate's version, as Cargo.toml says.".to_string(),
            "pub const VERSION: &str = env!(\"CARGO_PKG_VERSION\");".to_string(),
        ]);
    }
    for e in &file.exports {
        names.reserve(&e.name);
        chunks.push(match e.kind {
            ExportKind::Function => rs_function(rng, &e.name, true, &fns, &types, &mut paths),
            ExportKind::Class => rs_struct(rng, &e.name, &fns, &mut paths),
            _ => vec![
                format!("/// {}.", sentence(rng)),
                format!("pub const {}: usize = {};", e.name, rng.range(1, 4096)),
            ],
        });
        match e.kind {
            ExportKind::Function => fns.push(e.name.clone()),
            ExportKind::Class => types.push(e.name.clone()),
            _ => {}
        }
    }
    let mut lines = out.len() + chunks.iter().map(|c| c.len() + 1).sum::<usize>();
    let mut guard = 0;
    while lines < target_lines && guard < 40 {
        guard += 1;
        let chunk = if file.role == Role::Test {
            let name = names.fresh(rng, |r| {
                snake(&[
                    r.word(VERBS),
                    r.word(NOUNS),
                    r.word(&["works", "round_trips", "is_stable", "rejects_bad_input"]),
                ])
            });
            rs_test(rng, &name, &fns, &types, &mut paths)
        } else {
            match rng.below(6) {
                0..2 => {
                    let name = names.fresh(rng, |r| snake(&[r.word(VERBS), r.word(NOUNS)]));
                    let c = rs_function(rng, &name, false, &fns, &types, &mut paths);
                    fns.push(name);
                    c
                }
                2 => {
                    let name = names.fresh(rng, noun_pascal);
                    let c = rs_struct(rng, &name, &fns, &mut paths);
                    types.push(name);
                    c
                }
                3 => {
                    let name = names.fresh(rng, |r| pascal(&[r.word(NOUNS), "Kind"]));
                    rs_enum(rng, &name)
                }
                4 => {
                    let name = names.fresh(rng, |r| {
                        pascal(&[r.word(VERBS), "able"]).replace("eable", "able")
                    });
                    rs_trait(rng, &name, &types)
                }
                _ => {
                    let name = names.fresh(rng, |r| upper(&[r.word(ADJECTIVES), r.word(NOUNS)]));
                    vec![
                        format!("/// {}.", sentence(rng)),
                        format!(
                            "const {name}: &[&str] = &[\"{}\", \"{}\", \"{}\"];",
                            rng.word(NOUNS),
                            rng.word(NOUNS),
                            rng.word(NOUNS)
                        ),
                    ]
                }
            }
        };
        if lines >= 80 && lines + chunk.len() + 1 > 300 {
            break;
        }
        lines += chunk.len() + 1;
        chunks.push(chunk);
    }
    // paths nobody used yet go into one function
    if !paths.is_empty() {
        let mut c = vec![
            "/// Touches the crates this module builds on.".to_string(),
            "pub fn link_dependencies() -> usize {".to_string(),
            "    let mut used = 0;".to_string(),
        ];
        for path in paths.drain(..) {
            c.push(format!("    used += std::mem::size_of_val(&{path});"));
        }
        c.push("    used".to_string());
        c.push("}".to_string());
        chunks.push(c);
    }
    if file.role == Role::Lib && rng.chance(60) {
        let mut c = vec![
            "#[cfg(test)]".to_string(),
            "mod tests {".to_string(),
            "    use super::*;".to_string(),
            String::new(),
        ];
        for line in rs_test(rng, "defaults_hold", &fns, &types, &mut Vec::new()) {
            c.push(if line.is_empty() {
                line
            } else {
                format!("    {line}")
            });
        }
        c.push("}".to_string());
        chunks.push(c);
    }
    for chunk in chunks {
        out.extend(chunk);
        out.push(String::new());
    }
    let mut text = out.join("\n");
    while text.ends_with("\n\n") {
        text.pop();
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn rs_expr(
    rng: &mut Rng,
    fns: &[String],
    types: &[String],
    locals: &[String],
    paths: &mut Vec<String>,
) -> String {
    match rng.below(9) {
        0..2 if !fns.is_empty() => {
            let f = rng.pick(fns).clone();
            format!("{f}(&{})", rng.pick(locals))
        }
        2 if !types.is_empty() && rng.chance(50) => {
            let t = rng.pick(types).clone();
            format!("std::mem::size_of::<{t}>()")
        }
        3 if !paths.is_empty() => {
            let p = paths.swap_remove(rng.below(paths.len()));
            format!("std::mem::size_of_val(&{p})")
        }
        4 => format!("{}.len()", rng.pick(locals)),
        5 => format!(
            "format!(\"{{}}/{}\", {}.len())",
            rng.word(NOUNS),
            rng.pick(locals)
        ),
        6 => format!(
            "{}.iter().filter(|c| c.is_ascii_alphanumeric()).count()",
            rng.pick(locals)
        ),
        7 => format!("{}.to_string()", rng.pick(locals)),
        _ => rng.range(0, 1000).to_string(),
    }
}

fn rs_function(
    rng: &mut Rng,
    name: &str,
    public: bool,
    fns: &[String],
    types: &[String],
    paths: &mut Vec<String>,
) -> Vec<String> {
    let mut out = vec![format!("/// {}.", sentence(rng))];
    if rng.chance(30) {
        out.push("///".to_string());
        out.push(format!(
            "/// Returns `None` when the {} is empty.",
            rng.word(NOUNS)
        ));
    }
    out.push(format!(
        "{}fn {name}(input: &str) -> Option<String> {{",
        if public { "pub " } else { "" }
    ));
    out.push("    if input.is_empty() {".to_string());
    out.push("        return None;".to_string());
    out.push("    }".to_string());
    let mut locals = vec!["input".to_string()];
    let mut used = Names::default();
    used.reserve("input");
    for _ in 0..rng.range(3, 7) {
        match rng.below(6) {
            0..3 => {
                let v = used.fresh(rng, |r| snake(&[r.word(ADJECTIVES), r.word(NOUNS)]));
                let e = rs_expr(rng, fns, types, &locals, paths);
                out.push(format!("    let {v} = {e};"));
                out.push(format!("    let {v} = {v}.to_string();"));
                locals.push(v);
            }
            3 => {
                let v = rng.pick(&locals).clone();
                out.push(format!("    match {v}.len() {{"));
                out.push("        0 => return None,".to_string());
                out.push(format!("        1..={} => {{}}", rng.range(2, 64)));
                out.push(format!("        n => drop((n, \"{}\")),", rng.word(NOUNS)));
                out.push("    }".to_string());
            }
            4 => {
                let v = rng.pick(&locals).clone();
                let m = used.fresh(rng, |r| snake(&[r.word(NOUNS), "counts"]));
                out.push(
                    format!("    let mut {m}: HashMap<char, usize> = HashMap::new();")
                        .replace("HashMap<", "std::collections::HashMap<")
                        .replace("= HashMap::new", "= std::collections::HashMap::new"),
                );
                out.push(format!("    for c in {v}.chars() {{"));
                out.push(format!("        *{m}.entry(c).or_default() += 1;"));
                out.push("    }".to_string());
            }
            _ => {
                out.push(format!("    // {}", sentence(rng)));
            }
        }
    }
    out.push(format!(
        "    Some({}.to_string())",
        locals.last().cloned().unwrap_or_default()
    ));
    out.push("}".to_string());
    out
}

fn rs_struct(rng: &mut Rng, name: &str, fns: &[String], paths: &mut Vec<String>) -> Vec<String> {
    let mut out = vec![format!("/// {}.", sentence(rng))];
    out.push("#[derive(Clone, Debug, Default, PartialEq)]".to_string());
    out.push(format!("pub struct {name} {{"));
    let mut fields = Names::default();
    let mut list = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let f = fields.fresh(rng, |r| rust_ident(snake(&[r.word(PROPS)])));
        let ty = rng.word(&["String", "u32", "bool", "Vec<String>", "Option<u64>"]);
        out.push(format!("    pub {f}: {ty},"));
        list.push((f, ty));
    }
    out.push("}".to_string());
    out.push(String::new());
    out.push(format!("impl {name} {{"));
    out.push("    pub fn new() -> Self {".to_string());
    out.push("        Self::default()".to_string());
    out.push("    }".to_string());
    for (f, ty) in list.iter().take(2) {
        out.push(String::new());
        out.push(format!(
            "    pub fn with_{f}(mut self, {f}: {ty}) -> Self {{"
        ));
        out.push(format!("        self.{f} = {f};"));
        out.push("        self".to_string());
        out.push("    }".to_string());
    }
    if !fns.is_empty() || !paths.is_empty() {
        out.push(String::new());
        out.push("    pub fn describe(&self) -> String {".to_string());
        let call = if !paths.is_empty() && rng.chance(50) {
            format!(
                "std::mem::size_of_val(&{})",
                paths.swap_remove(rng.below(paths.len()))
            )
        } else if let Some(f) = fns.first() {
            format!("{f}(\"{}\").map_or(0, |s| s.len())", rng.word(NOUNS))
        } else {
            "0".to_string()
        };
        out.push(format!("        format!(\"{{:?}} ({{}})\", self, {call})"));
        out.push("    }".to_string());
    }
    out.push("}".to_string());
    out.push(String::new());
    out.push(format!("impl fmt::Display for {name} {{").replace("fmt::", "std::fmt::"));
    out.push(
        "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {".to_string(),
    );
    out.push(format!(
        "        write!(f, \"{name}({{:?}})\", self.{})",
        list[0].0
    ));
    out.push("    }".to_string());
    out.push("}".to_string());
    out
}

fn rs_enum(rng: &mut Rng, name: &str) -> Vec<String> {
    let mut out = vec![
        format!("/// {}.", sentence(rng)),
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]".to_string(),
        format!("pub enum {name} {{"),
    ];
    let mut variants = Names::default();
    let vs: Vec<String> = (0..rng.range(2, 5))
        .map(|_| variants.fresh(rng, |r| cap(r.word(ADJECTIVES))))
        .collect();
    for v in &vs {
        out.push(format!("    {v},"));
    }
    out.push("}".to_string());
    out.push(String::new());
    out.push(format!("impl {name} {{"));
    out.push("    pub fn as_str(self) -> &'static str {".to_string());
    out.push("        match self {".to_string());
    for v in &vs {
        out.push(format!(
            "            {name}::{v} => \"{}\",",
            v.to_lowercase()
        ));
    }
    out.push("        }".to_string());
    out.push("    }".to_string());
    out.push("}".to_string());
    out
}

fn rs_trait(rng: &mut Rng, name: &str, types: &[String]) -> Vec<String> {
    let m = rust_ident(snake(&[rng.word(VERBS)]));
    let mut out = vec![
        format!("/// {}.", sentence(rng)),
        format!("pub trait {name} {{"),
        format!("    fn {m}(&self, input: &str) -> usize;"),
        String::new(),
        format!("    fn {m}_all(&self, inputs: &[&str]) -> usize {{"),
        format!("        inputs.iter().map(|i| self.{m}(i)).sum()"),
        "    }".to_string(),
        "}".to_string(),
    ];
    if let Some(t) = types.iter().find(|t| !t.contains('<')) {
        out.push(String::new());
        out.push(format!("impl {name} for {t} {{"));
        out.push(format!("    fn {m}(&self, input: &str) -> usize {{"));
        out.push("        input.len() + format!(\"{self:?}\").len()".to_string());
        out.push("    }".to_string());
        out.push("}".to_string());
    }
    out
}

fn rs_test(
    rng: &mut Rng,
    name: &str,
    fns: &[String],
    types: &[String],
    paths: &mut Vec<String>,
) -> Vec<String> {
    let mut out = vec!["#[test]".to_string(), format!("fn {name}() {{")];
    out.push(format!(
        "    let input = \"{}-{}\";",
        rng.word(NOUNS),
        rng.range(1, 99)
    ));
    let locals = vec!["input".to_string()];
    for _ in 0..rng.range(1, 3) {
        let e = rs_expr(rng, fns, types, &locals, paths);
        out.push(format!("    let _ = {e};"));
    }
    out.push("    assert!(!input.is_empty());".to_string());
    out.push("}".to_string());
    out
}

// ---------------------------------------------------------------------------------------
// Helpers for the benches
// ---------------------------------------------------------------------------------------

/// The texts of up to `count` generated source files whose path ends in one of `exts`
/// (from a corpus of 60 plugins × 12 files in `lang`), with their paths.
pub fn sample_files(seed: u64, lang: Lang, exts: &[&str], count: usize) -> Vec<(String, String)> {
    let corpus = Corpus::plan(&Spec {
        seed,
        plugins: 60,
        files_per_plugin: 12,
        lang,
        node_modules: false,
    });
    corpus
        .files()
        .map(|(p, f)| (p, f, corpus.path(p, f)))
        .filter(|(_, _, path)| exts.iter().any(|e| path.ends_with(e)))
        .take(count)
        .map(|(p, f, path)| (path, corpus.render(p, f)))
        .collect()
}

/// A random plugin graph as adjacency lists (an edge `a → b`: a needs b): a layered DAG of
/// `nodes` nodes with about `degree` edges each, mostly to recent nodes, plus `cycles` back
/// edges that close cycles.
pub fn random_graph(seed: u64, nodes: usize, degree: usize, cycles: usize) -> Vec<Vec<usize>> {
    let mut rng = Rng::new(seed);
    let mut adjacency = vec![Vec::new(); nodes];
    for (i, targets) in adjacency.iter_mut().enumerate().skip(1) {
        let mut set = BTreeSet::new();
        for _ in 0..rng.range(1, degree * 2 - 1) {
            let j = if rng.chance(80) {
                i - 1 - rng.below(i.min(60))
            } else {
                rng.below(i)
            };
            set.insert(j);
        }
        *targets = set.into_iter().collect();
    }
    for _ in 0..cycles {
        let k = rng.below(nodes);
        if let Some(&j) = adjacency[k].first()
            && !adjacency[j].contains(&k)
        {
            adjacency[j].push(k);
        }
    }
    adjacency
}

/// A fresh, empty folder under `parent` named `name` (removed first if present).
pub fn fresh_dir(parent: &Path, name: &str) -> io::Result<PathBuf> {
    let dir = parent.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Source files under `root` with one of `exts`, the way plugdep walks: hidden entries,
/// `node_modules`, `target` and `.git` skipped, symbolic links not followed. Sorted.
pub fn walk(root: &Path, exts: Option<&[&str]>) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "node_modules" || name == "target" {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file()
                && exts.is_none_or(|exts| {
                    name.rsplit_once('.')
                        .is_some_and(|(_, e)| exts.contains(&e))
                })
            {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `--jobs N` from a floor's arguments: `(DIR, N)`.
pub fn floor_args(tool: &str) -> Result<(PathBuf, usize), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || format!("usage: {tool} DIR [--jobs N]");
    let mut dir = None;
    let mut jobs = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--jobs" | "-j" => {
                jobs = args
                    .get(i + 1)
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or_else(usage)?;
                i += 2;
            }
            a if a.starts_with("--jobs=") => {
                jobs = a["--jobs=".len()..].parse().map_err(|_| usage())?;
                i += 1;
            }
            a if dir.is_none() && !a.starts_with('-') => {
                dir = Some(PathBuf::from(a));
                i += 1;
            }
            _ => return Err(usage()),
        }
    }
    Ok((dir.ok_or_else(usage)?, jobs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(lang: Lang) -> Spec {
        Spec {
            seed: 7,
            plugins: 40,
            files_per_plugin: 16,
            lang,
            node_modules: false,
        }
    }

    #[test]
    fn same_seed_same_text() {
        let a = Corpus::plan(&spec(Lang::Mix));
        let b = Corpus::plan(&spec(Lang::Mix));
        for (p, f) in a.files() {
            assert_eq!(a.render(p, f), b.render(p, f));
        }
        assert_eq!(a.manifests(), b.manifests());
    }

    #[test]
    fn javascript_parses_without_errors_and_sizes_are_realistic() {
        let corpus = Corpus::plan(&spec(Lang::Js));
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_javascript::LANGUAGE.into())
            .unwrap();
        let mut lines = Vec::new();
        for (p, f) in corpus.files() {
            let text = corpus.render(p, f);
            let tree = parser.parse(&text, None).unwrap();
            assert!(
                !tree.root_node().has_error(),
                "{} does not parse:\n{text}",
                corpus.path(p, f)
            );
            lines.push(text.lines().count());
        }
        assert_eq!(lines.len(), 40 * 16);
        let (min, max) = (lines.iter().min().unwrap(), lines.iter().max().unwrap());
        assert!(*min >= 80 && *max <= 320, "lines {min}..{max}");
    }

    #[test]
    fn rust_files_use_no_keyword_as_a_name() {
        let corpus = Corpus::plan(&spec(Lang::Rust));
        for (p, f) in corpus.files() {
            let text = corpus.render(p, f);
            for bad in ["pub type:", "fn match(", "let type ", "let match "] {
                assert!(!text.contains(bad), "{}: {bad}", corpus.path(p, f));
            }
        }
    }

    #[test]
    fn every_import_form_appears() {
        let corpus = Corpus::plan(&spec(Lang::Js));
        let all: String = corpus.files().map(|(p, f)| corpus.render(p, f)).collect();
        for needle in [
            "import {",
            "import * as",
            "export * from",
            "export * as",
            "} from '@",
            "require('",
            "await import('",
            "import '",
            "<section",
            "/lib/",
        ] {
            assert!(all.contains(needle), "no {needle:?}");
        }
    }
}
