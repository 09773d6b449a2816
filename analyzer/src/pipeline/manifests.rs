//! Reading every manifest (in parallel), applying Cargo workspace inheritance, and the
//! workspaces declared at the root (npm / pnpm, Cargo, go.work).

use std::path::Path;

use rayon::prelude::*;

use super::sources::read_text;
use crate::discover::parent_dir;
use crate::finding::Finding;
use crate::manifest::{self, cargo, gomod};
use crate::plugin::ManifestKind;
use crate::select::{ReadManifest, Workspace, Workspaces};

enum Raw {
    Ready(ReadManifest),
    Cargo {
        path: String,
        parsed: Result<cargo::CargoManifest, Box<Finding>>,
    },
}

/// Reads the manifests and the root's workspace declarations.
pub(super) fn read_manifests(
    root: &Path,
    paths: &[String],
    pnpm_workspace: bool,
    go_work: bool,
    findings: &mut Vec<Finding>,
) -> (Vec<ReadManifest>, Workspaces) {
    let raw: Vec<Raw> = paths.par_iter().map(|path| read(root, path)).collect();

    // Cargo members inherit from the root's `[workspace]` (cloned: it is small).
    let cargo_root: Option<cargo::CargoWorkspace> = raw.iter().find_map(|r| match r {
        Raw::Cargo {
            path,
            parsed: Ok(m),
        } if path == "Cargo.toml" => m.workspace.clone(),
        _ => None,
    });
    let mut workspaces = Workspaces {
        cargo: cargo_root.as_ref().map(|ws| {
            let mut globs = ws.members.clone();
            globs.extend(ws.exclude.iter().map(|e| format!("!{e}")));
            Workspace::new("Cargo.toml", &globs, findings)
        }),
        js: None,
        go: None,
    };
    let inherit_from = cargo_root.as_ref().map(|ws| ("Cargo.toml", ws));
    let manifests: Vec<ReadManifest> = raw
        .into_iter()
        .map(|r| match r {
            Raw::Ready(m) => m,
            Raw::Cargo { path, parsed } => ReadManifest {
                kind: ManifestKind::CargoToml,
                parsed: parsed.map(|m| {
                    m.package.map(|package| {
                        cargo::into_manifest_data(&path, parent_dir(&path), package, inherit_from)
                    })
                }),
                path,
            },
        })
        .collect();
    workspaces.js = js_workspace(root, &manifests, pnpm_workspace, findings);
    workspaces.go = go_workspace(root, go_work, findings);
    (manifests, workspaces)
}

fn read(root: &Path, path: &str) -> Raw {
    let text = read_text(root, path);
    if path == "Cargo.toml" || path.ends_with("/Cargo.toml") {
        return Raw::Cargo {
            path: path.to_string(),
            parsed: text.and_then(|t| cargo::parse_cargo_manifest(path, &t)),
        };
    }
    if path == "go.mod" || path.ends_with("/go.mod") {
        return Raw::Ready(ReadManifest {
            path: path.to_string(),
            kind: ManifestKind::GoMod,
            parsed: text
                .and_then(|t| gomod::parse_go_mod(path, &t))
                .map(|m| Some(gomod::into_manifest_data(m))),
        });
    }
    let kind = if path.ends_with("plugin.json") {
        ManifestKind::PluginJson
    } else {
        ManifestKind::PackageJson
    };
    Raw::Ready(ReadManifest {
        path: path.to_string(),
        kind,
        parsed: text
            .and_then(|t| manifest::parse_json_manifest(path, kind, &t))
            .map(Some),
    })
}

/// The npm workspace declared at the root: package.json `workspaces`, else
/// pnpm-workspace.yaml.
fn js_workspace(
    root: &Path,
    manifests: &[ReadManifest],
    pnpm: bool,
    findings: &mut Vec<Finding>,
) -> Option<Workspace> {
    let declared = manifests
        .iter()
        .find(|m| m.path == "package.json")
        .and_then(|m| m.parsed.as_ref().ok())
        .and_then(Option::as_ref)
        .and_then(|m| m.workspaces.as_ref());
    if let Some(globs) = declared {
        return Some(Workspace::new("package.json", globs, findings));
    }
    if !pnpm {
        return None;
    }
    const PNPM: &str = "pnpm-workspace.yaml";
    match read_text(root, PNPM).and_then(|text| manifest::parse_pnpm_workspace(PNPM, &text)) {
        Ok(globs) => Some(Workspace::new(PNPM, &globs, findings)),
        Err(finding) => {
            findings.push(*finding);
            None
        }
    }
}

/// The Go workspace declared at the root: go.work's `use` folders (each exactly, never as
/// a pattern), when the root has a go.work.
fn go_workspace(root: &Path, go_work: bool, findings: &mut Vec<Finding>) -> Option<Workspace> {
    if !go_work {
        return None;
    }
    const GO_WORK: &str = "go.work";
    match read_text(root, GO_WORK).and_then(|text| gomod::parse_go_work(GO_WORK, &text)) {
        Ok(work) => {
            let folders: Vec<String> = work
                .uses
                .iter()
                .map(|(dir, _)| globset::escape(dir))
                .collect();
            Some(Workspace::new(GO_WORK, &folders, findings))
        }
        Err(finding) => {
            findings.push(*finding);
            None
        }
    }
}
