//! The load plan and its queries on small hand-built ecosystems: a diamond, a cycle with
//! dependents, dev edges that must not count, a self import; the JSON round trip, a plan of
//! another schema version, inconsistent plans and unknown names.

use std::fs;
use std::path::Path;

use plugdep_analyzer::plan::{Depth, PlanError};
use plugdep_analyzer::{Analysis, LoadPlan, Reload};

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A plugin `name` in the folder `name`, version 1.0.0, with extra manifest `fields`
/// (`"dependencies": {…}`, `"devDependencies": {…}`).
fn plugin(root: &Path, name: &str, fields: &str) {
    let comma = if fields.is_empty() { "" } else { ", " };
    write(
        root,
        &format!("{name}/package.json"),
        &format!(r#"{{"name": "{name}", "version": "1.0.0"{comma}{fields}}}"#),
    );
}

fn analyze(root: &Path) -> Analysis {
    plugdep_analyzer::analyze(root, &Default::default()).unwrap()
}

fn reload(unload: &[&str], reload: &[&str]) -> Reload {
    let owned = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
    Reload {
        unload: owned(unload),
        reload: owned(reload),
    }
}

/// Every query answers the same on the analysis, its plan, and the plan read back.
fn assert_queries_agree(analysis: &Analysis) {
    let plan = analysis.load_plan();
    let read = LoadPlan::from_json(&plan.to_json()).unwrap();
    for name in analysis.load_order() {
        for depth in [Depth::Direct, Depth::Transitive] {
            let dependencies = analysis.dependencies_of(name, depth).unwrap();
            assert_eq!(plan.dependencies_of(name, depth).unwrap(), dependencies);
            assert_eq!(read.dependencies_of(name, depth).unwrap(), dependencies);
            let dependents = analysis.dependents_of(name, depth).unwrap();
            assert_eq!(plan.dependents_of(name, depth).unwrap(), dependents);
            assert_eq!(read.dependents_of(name, depth).unwrap(), dependents);
        }
        let reload = analysis.reload_order(name).unwrap();
        assert_eq!(plan.reload_order(name).unwrap(), reload);
        assert_eq!(read.reload_order(name).unwrap(), reload);
        let closure = analysis.load_order_for(&[name]).unwrap();
        assert_eq!(plan.load_order_for(&[name]).unwrap(), closure);
        assert_eq!(read.load_order_for(&[name]).unwrap(), closure);
    }
}

/// app → left, right → core; tools needs app only as a dev dependency (declared and
/// imported from a test file).
fn diamond(root: &Path) -> Analysis {
    plugin(root, "core", "");
    plugin(root, "left", r#""dependencies": {"core": "^1"}"#);
    plugin(root, "right", r#""dependencies": {"core": "^1"}"#);
    plugin(
        root,
        "app",
        r#""dependencies": {"left": "^1", "right": "^1"}"#,
    );
    plugin(root, "tools", r#""devDependencies": {"app": "^1"}"#);
    write(root, "tools/test/app.test.js", "import 'app';\n");
    analyze(root)
}

#[test]
fn a_diamond() {
    let dir = tempfile::tempdir().unwrap();
    let analysis = diamond(dir.path());
    let plan = analysis.load_plan();

    assert_eq!(plan.load_order(), ["core", "left", "right", "app", "tools"]);
    assert_eq!(
        plan.load_waves(),
        [vec!["core", "tools"], vec!["left", "right"], vec!["app"]]
    );
    assert!(plan.cycles().is_empty());
    let app = plan.plugin("app").unwrap();
    assert_eq!(
        (app.version.as_deref(), app.dir.as_str()),
        (Some("1.0.0"), "app")
    );
    assert_eq!(app.dependencies, ["left", "right"]);

    assert_eq!(
        plan.load_order_for(&["app"]).unwrap(),
        ["core", "left", "right", "app"]
    );
    assert_eq!(
        plan.load_order_for(&["right", "left"]).unwrap(),
        ["core", "left", "right"]
    );
    assert_eq!(plan.load_order_for(&["core"]).unwrap(), ["core"]);
    assert!(plan.load_order_for::<&str>(&[]).unwrap().is_empty());

    assert_eq!(
        plan.reload_order("core").unwrap(),
        reload(
            &["app", "right", "left", "core"],
            &["core", "left", "right", "app"]
        )
    );
    assert_eq!(
        plan.reload_order("left").unwrap(),
        reload(&["app", "left"], &["left", "app"])
    );

    assert_eq!(
        plan.dependencies_of("app", Depth::Direct).unwrap(),
        ["left", "right"]
    );
    assert_eq!(
        plan.dependencies_of("app", Depth::Transitive).unwrap(),
        ["core", "left", "right"]
    );
    assert!(
        plan.dependencies_of("core", Depth::Transitive)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        plan.dependents_of("core", Depth::Direct).unwrap(),
        ["left", "right"]
    );
    assert_eq!(
        plan.dependents_of("core", Depth::Transitive).unwrap(),
        ["left", "right", "app"]
    );
    assert_queries_agree(&analysis);
}

#[test]
fn a_cycle_with_dependents_loads_and_reloads_together() {
    // a ⇄ b, both → core; c → b; d → c
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "core", "");
    plugin(root, "a", r#""dependencies": {"b": "^1", "core": "^1"}"#);
    plugin(root, "b", r#""dependencies": {"a": "^1", "core": "^1"}"#);
    plugin(root, "c", r#""dependencies": {"b": "^1"}"#);
    plugin(root, "d", r#""dependencies": {"c": "^1"}"#);
    let analysis = analyze(root);
    let plan = analysis.load_plan();

    assert_eq!(plan.load_order(), ["core", "a", "b", "c", "d"]);
    assert_eq!(
        plan.load_waves(),
        [vec!["core"], vec!["a", "b"], vec!["c"], vec!["d"]]
    );
    assert_eq!(plan.cycles(), [vec!["a", "b"]]);

    // needing one member needs the whole cycle
    assert_eq!(plan.load_order_for(&["a"]).unwrap(), ["core", "a", "b"]);
    assert_eq!(
        plan.load_order_for(&["c"]).unwrap(),
        ["core", "a", "b", "c"]
    );

    // a change in either member reloads both and everything that needs them
    let both = reload(&["d", "c", "b", "a"], &["a", "b", "c", "d"]);
    assert_eq!(plan.reload_order("a").unwrap(), both);
    assert_eq!(plan.reload_order("b").unwrap(), both);
    assert_eq!(
        plan.reload_order("c").unwrap(),
        reload(&["d", "c"], &["c", "d"])
    );
    assert_eq!(
        plan.reload_order("core").unwrap().reload,
        ["core", "a", "b", "c", "d"]
    );

    // never the plugin itself, even though it reaches itself through the cycle
    assert_eq!(
        plan.dependencies_of("a", Depth::Direct).unwrap(),
        ["core", "b"]
    );
    assert_eq!(
        plan.dependencies_of("a", Depth::Transitive).unwrap(),
        ["core", "b"]
    );
    assert_eq!(plan.dependents_of("a", Depth::Direct).unwrap(), ["b"]);
    assert_eq!(
        plan.dependents_of("a", Depth::Transitive).unwrap(),
        ["b", "c", "d"]
    );
    assert_eq!(
        plan.dependencies_of("d", Depth::Transitive).unwrap(),
        ["core", "a", "b", "c"]
    );
    assert_queries_agree(&analysis);
}

#[test]
fn dev_edges_never_count() {
    // x → y at runtime; y → x only as a dev dependency and from a test file (a dev cycle)
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "x", r#""dependencies": {"y": "^1"}"#);
    plugin(root, "y", r#""devDependencies": {"x": "^1"}"#);
    write(root, "y/test/x.test.js", "import 'x';\n");
    let analysis = analyze(root);
    assert_eq!(analysis.edges().len(), 2, "both edges exist in the graph");
    let plan = analysis.load_plan();

    assert!(plan.cycles().is_empty());
    assert_eq!(plan.load_order(), ["y", "x"]);
    assert_eq!(plan.plugin("x").unwrap().dependencies, ["y"]);
    assert!(plan.plugin("y").unwrap().dependencies.is_empty());
    assert_eq!(plan.load_order_for(&["y"]).unwrap(), ["y"]);
    assert_eq!(plan.load_order_for(&["x"]).unwrap(), ["y", "x"]);
    assert_eq!(plan.reload_order("x").unwrap(), reload(&["x"], &["x"]));
    assert_eq!(
        plan.reload_order("y").unwrap(),
        reload(&["x", "y"], &["y", "x"])
    );
    assert!(
        plan.dependents_of("x", Depth::Transitive)
            .unwrap()
            .is_empty()
    );
    assert!(
        plan.dependencies_of("y", Depth::Transitive)
            .unwrap()
            .is_empty()
    );
    assert_queries_agree(&analysis);
}

#[test]
fn a_plugin_importing_itself_is_never_its_own_dependency() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "core", "");
    write(root, "core/index.js", "import meta from 'core/meta.js';\n");
    write(root, "core/meta.js", "export default 1;\n");
    plugin(root, "ui", r#""dependencies": {"core": "^1"}"#);
    let analysis = analyze(root);
    let plan = analysis.load_plan();

    assert_eq!(plan.cycles(), [vec!["core"]]);
    assert_eq!(plan.plugin("core").unwrap().dependencies, ["core"]);
    assert!(
        plan.dependencies_of("core", Depth::Direct)
            .unwrap()
            .is_empty()
    );
    assert!(plan.dependents_of("core", Depth::Direct).unwrap() == ["ui"]);
    assert_eq!(
        plan.reload_order("core").unwrap(),
        reload(&["ui", "core"], &["core", "ui"])
    );
    assert_queries_agree(&analysis);
}

#[test]
fn the_json_round_trip_keeps_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = diamond(dir.path()).load_plan();
    let json = plan.to_json();
    assert!(json.ends_with("}\n"));
    let read = LoadPlan::from_json(&json).unwrap();
    assert_eq!(read, plan);
    assert_eq!(read.to_json(), json);
    // plain serde reads it too
    assert_eq!(serde_json::from_str::<LoadPlan>(&json).unwrap(), plan);

    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["tool"]["name"], "plugdep");
    assert_eq!(value["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        value["plugins"][0],
        serde_json::json!({
            "name": "app",
            "version": "1.0.0",
            "dir": "app",
            "dependencies": ["left", "right"]
        })
    );
    assert_eq!(
        value["load_order"],
        serde_json::json!(["core", "left", "right", "app", "tools"])
    );
    assert_eq!(plan.schema_version(), LoadPlan::SCHEMA_VERSION);
}

#[test]
fn a_plan_of_another_schema_version_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let json = diamond(dir.path()).load_plan().to_json();
    let newer = json.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1);
    assert_ne!(newer, json);
    let error = LoadPlan::from_json(&newer).unwrap_err();
    assert!(
        matches!(
            error,
            PlanError::SchemaVersion {
                found: 2,
                expected: 1
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("schema version 2"), "{message}");
    assert!(message.contains("version 1 only"), "{message}");

    // the version is checked before the shape: a future plan may look different
    let error = LoadPlan::from_json(r#"{"schema_version": 7, "waves": "later"}"#).unwrap_err();
    assert!(
        matches!(error, PlanError::SchemaVersion { found: 7, .. }),
        "{error:?}"
    );
    // plain serde refuses it too
    assert!(serde_json::from_str::<LoadPlan>(&newer).is_err());

    // not a plan at all
    for text in [
        "",
        "[]",
        r#"{"load_order": []}"#,
        r#"{"schema_version": 1}"#,
    ] {
        assert!(
            matches!(LoadPlan::from_json(text), Err(PlanError::Json(_))),
            "{text:?}"
        );
    }
}

#[test]
fn an_inconsistent_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let json = diamond(dir.path()).load_plan().to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit); 6] = [
        ("unknown dependency", |v| {
            v["plugins"][0]["dependencies"] = serde_json::json!(["ghost"])
        }),
        ("dependency loading later", |v| {
            v["plugins"][1]["dependencies"] = serde_json::json!(["app"])
        }),
        ("order missing a plugin", |v| {
            v["load_order"].as_array_mut().unwrap().pop();
        }),
        ("order repeating a plugin", |v| {
            v["load_order"][4] = serde_json::json!("core")
        }),
        ("waves missing a plugin", |v| {
            v["load_waves"][2] = serde_json::json!([])
        }),
        ("plugins out of order", |v| {
            v["plugins"].as_array_mut().unwrap().swap(0, 1)
        }),
    ];
    for (what, edit) in cases {
        let mut broken = value.clone();
        edit(&mut broken);
        let error = LoadPlan::from_json(&broken.to_string()).unwrap_err();
        assert!(
            matches!(error, PlanError::Inconsistent(_)),
            "{what}: {error:?}"
        );
    }
}

#[test]
fn unknown_names_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let analysis = diamond(dir.path());
    let plan = analysis.load_plan();
    let unknown = |result: Result<_, PlanError>| -> String {
        match result {
            Err(PlanError::UnknownPlugin(name)) => name,
            other => panic!("expected an unknown plugin, got {other:?}"),
        }
    };
    assert_eq!(unknown(plan.load_order_for(&["app", "ghost"])), "ghost");
    assert_eq!(
        unknown(plan.reload_order("ghost").map(|r| r.reload)),
        "ghost"
    );
    assert_eq!(
        unknown(plan.dependencies_of("ghost", Depth::Direct)),
        "ghost"
    );
    assert_eq!(
        unknown(plan.dependents_of("ghost", Depth::Transitive)),
        "ghost"
    );
    assert_eq!(unknown(analysis.load_order_for(&["ghost"])), "ghost");
    assert_eq!(
        unknown(analysis.reload_order("ghost").map(|r| r.reload)),
        "ghost"
    );
    assert_eq!(
        unknown(analysis.dependencies_of("ghost", Depth::Transitive)),
        "ghost"
    );
    assert_eq!(
        unknown(analysis.dependents_of("ghost", Depth::Direct)),
        "ghost"
    );
    assert!(plan.plugin("ghost").is_none());
    assert_eq!(
        PlanError::UnknownPlugin("ghost".into()).to_string(),
        "no plugin named \"ghost\" in the load plan"
    );
}
