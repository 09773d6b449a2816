//! The layout of a Rust crate: which files are crate roots, and which file a `mod name;`
//! declaration loads. plugdep follows `mod` declarations from the crate roots, so a file
//! outside the module tree (dead code, a stray script) does not count.
//!
//! Roots, as Cargo discovers them: `src/lib.rs`, `src/main.rs`, `src/bin/*.rs`,
//! `src/bin/*/main.rs` and `build.rs` (runtime; a build script's needs must exist before the
//! crate builds), and `tests/`, `benches/`, `examples/` (`*.rs` and `*/main.rs`; dev), plus
//! the paths declared in Cargo.toml (`[lib]`, `[[bin]]`, `[[test]]`, …).

use std::collections::BTreeSet;

/// A crate root of a plugin: its path (relative to the root) and whether it is dev code.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct CrateRoot {
    pub path: String,
    pub dev: bool,
}

/// The crate roots of the plugin in `dir` among the `.rs` files found by the walk.
/// `declared` are the targets its Cargo.toml names (relative to the root).
pub(crate) fn crate_roots(
    dir: &str,
    declared: &[(String, bool)],
    rs_files: &BTreeSet<String>,
) -> Vec<CrateRoot> {
    let under = |p: &str| {
        if dir == "." {
            p.to_string()
        } else {
            format!("{dir}/{p}")
        }
    };
    let mut roots: BTreeSet<CrateRoot> = BTreeSet::new();
    let mut add = |path: String, dev: bool| {
        if rs_files.contains(&path) {
            roots.insert(CrateRoot { path, dev });
        }
    };
    for (path, dev) in declared {
        add(path.clone(), *dev);
    }
    for file in ["src/lib.rs", "src/main.rs", "build.rs"] {
        add(under(file), false);
    }
    for (folder, dev) in [
        ("src/bin", false),
        ("tests", true),
        ("benches", true),
        ("examples", true),
    ] {
        let prefix = format!("{}/", under(folder));
        for file in rs_files
            .range(prefix.clone()..)
            .take_while(|f| f.starts_with(&prefix))
        {
            let rest = &file[prefix.len()..];
            // `folder/x.rs` or `folder/x/main.rs`
            let is_root =
                !rest.contains('/') || rest.split('/').count() == 2 && rest.ends_with("/main.rs");
            if is_root {
                add(file.clone(), dev);
            }
        }
    }
    roots.into_iter().collect()
}

/// The files `mod name;` may load, in Cargo's order of preference. `file` declares it;
/// `is_crate_root` says whether `file` is a crate root (which, like `mod.rs`, owns its
/// folder); `inline_parents` are the inline modules the declaration sits in; `path_attr`
/// is a `#[path = "…"]` attribute.
///
/// ```text
/// src/lib.rs:  mod net;        → src/net.rs, src/net/mod.rs
/// src/net.rs:  mod tcp;        → src/net/tcp.rs, src/net/tcp/mod.rs
/// src/lib.rs:  mod a { mod b; } → src/a/b.rs, src/a/b/mod.rs
/// ```
pub(crate) fn module_candidates(
    file: &str,
    is_crate_root: bool,
    name: &str,
    inline_parents: &[String],
    path_attr: Option<&str>,
) -> Vec<String> {
    let dir = crate::discover::parent_dir(file);
    let owns_folder = is_crate_root || file.ends_with("/mod.rs") || file == "mod.rs";
    let mut base = if owns_folder {
        dir.to_string()
    } else {
        let stem = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".rs");
        join_dir(dir, stem)
    };
    if let Some(path) = path_attr {
        // `#[path]` is relative to the declaring file's folder (inside inline modules, to
        // the folder they would own — rare enough to approximate by the file's folder).
        return crate::resolve::join(dir, path).into_iter().collect();
    }
    for parent in inline_parents {
        base = join_dir(&base, parent);
    }
    vec![
        join_dir(&base, &format!("{name}.rs")),
        join_dir(&base, &format!("{name}/mod.rs")),
    ]
}

fn join_dir(dir: &str, name: &str) -> String {
    if dir == "." {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roots_as_cargo_finds_them() {
        let rs = files(&[
            "c/build.rs",
            "c/src/lib.rs",
            "c/src/util.rs",
            "c/src/bin/tool.rs",
            "c/src/bin/big/main.rs",
            "c/src/bin/big/helper.rs",
            "c/tests/it.rs",
            "c/tests/common/mod.rs",
            "c/examples/demo.rs",
            "c/custom/entry.rs",
        ]);
        let roots = crate_roots("c", &[("c/custom/entry.rs".to_string(), false)], &rs);
        let got: Vec<(&str, bool)> = roots.iter().map(|r| (r.path.as_str(), r.dev)).collect();
        assert_eq!(
            got,
            [
                ("c/build.rs", false),
                ("c/custom/entry.rs", false),
                ("c/examples/demo.rs", true),
                ("c/src/bin/big/main.rs", false),
                ("c/src/bin/tool.rs", false),
                ("c/src/lib.rs", false),
                ("c/tests/it.rs", true),
            ]
        );
    }

    #[test]
    fn module_files() {
        assert_eq!(
            module_candidates("src/lib.rs", true, "net", &[], None),
            ["src/net.rs", "src/net/mod.rs"]
        );
        assert_eq!(
            module_candidates("src/net.rs", false, "tcp", &[], None),
            ["src/net/tcp.rs", "src/net/tcp/mod.rs"]
        );
        assert_eq!(
            module_candidates("src/net/mod.rs", false, "tcp", &[], None),
            ["src/net/tcp.rs", "src/net/tcp/mod.rs"]
        );
        assert_eq!(
            module_candidates("src/lib.rs", true, "b", &["a".to_string()], None),
            ["src/a/b.rs", "src/a/b/mod.rs"]
        );
        assert_eq!(
            module_candidates("tests/it.rs", true, "common", &[], None),
            ["tests/common.rs", "tests/common/mod.rs"]
        );
        assert_eq!(
            module_candidates("src/lib.rs", true, "x", &[], Some("gen/x_impl.rs")),
            ["src/gen/x_impl.rs"]
        );
        assert_eq!(
            module_candidates("src/lib.rs", true, "x", &[], Some("../../../etc/x.rs")),
            Vec::<String>::new()
        );
    }
}
