//! A plugin loader driven by a load plan: it reads the plan that `plugdep order --format
//! json` wrote (or, with no argument, analyses `corpus/demo` and builds its plan), "loads"
//! the plugins wave by wave, then simulates a hot reload of one plugin.
//!
//! ```text
//! cargo run -p plugdep-analyzer --example loader                # analyse corpus/demo
//! plugdep order corpus/demo --format json > plan.json
//! cargo run -p plugdep-analyzer --example loader -- plan.json storage
//! ```
//!
//! The second argument names the plugin that changes; by default, the first member of the
//! first cycle, else the first plugin to load. `cargo test` runs the tests at the end
//! (`test = true` in `analyzer/Cargo.toml`).

use std::error::Error;
use std::path::Path;
use std::process::ExitCode;

use plugdep_analyzer::LoadPlan;
use plugdep_analyzer::plan::PlanError;

/// The example ecosystem, next to this crate.
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/demo");

/// A pretend plugin host: what is loaded, and everything it did, in order.
#[derive(Debug, Default)]
struct Host {
    /// The loaded plugins, in the order they were loaded.
    loaded: Vec<String>,
    /// `wave N`, `load NAME`, `unload NAME`.
    events: Vec<String>,
}

impl Host {
    fn load(&mut self, plan: &LoadPlan, name: &str) {
        let plugin = plan.plugin(name).expect("the plan names its own plugins");
        // A real host would import the plugin's entry point from `plugin.dir` here.
        println!(
            "  load   {name} {} from {}",
            plugin.version.as_deref().unwrap_or("(no version)"),
            plugin.dir
        );
        self.loaded.push(name.to_string());
        self.events.push(format!("load {name}"));
    }

    fn unload(&mut self, name: &str) {
        println!("  unload {name}");
        self.loaded.retain(|n| n != name);
        self.events.push(format!("unload {name}"));
    }

    fn wave(&mut self, number: usize, wave: &[String]) {
        println!("wave {number}: {}", wave.join(", "));
        self.events.push(format!("wave {number}"));
    }
}

/// Loads every plugin of the plan, wave by wave (the plugins of a wave could load in
/// parallel; here they load one after the other, in the wave's order).
fn load_all(plan: &LoadPlan, host: &mut Host) {
    for (i, wave) in plan.load_waves().iter().enumerate() {
        host.wave(i + 1, wave);
        for name in wave {
            host.load(plan, name);
        }
    }
}

/// `changed` changed on disk: unload it and everything that needs it (dependents first),
/// then load them again (in load order).
fn hot_reload(plan: &LoadPlan, host: &mut Host, changed: &str) -> Result<(), PlanError> {
    let reload = plan.reload_order(changed)?;
    println!(
        "{changed} changed: reloading {} plugin(s)",
        reload.reload.len()
    );
    for name in &reload.unload {
        host.unload(name);
    }
    for name in &reload.reload {
        host.load(plan, name);
    }
    Ok(())
}

/// The plan of `corpus/demo`, built by analysing it.
fn demo_plan() -> Result<LoadPlan, plugdep_analyzer::Error> {
    Ok(plugdep_analyzer::analyze(Path::new(DEMO), &Default::default())?.load_plan())
}

/// The plugin to reload when none is named: the first member of the first cycle (the most
/// interesting case), else the first plugin to load.
fn default_change(plan: &LoadPlan) -> Option<String> {
    plan.cycles()
        .first()
        .and_then(|cycle| cycle.first())
        .or(plan.load_order().first())
        .cloned()
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let plan = match args.next() {
        Some(path) => {
            let json = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            LoadPlan::from_json(&json).map_err(|e| format!("{path}: {e}"))?
        }
        None => demo_plan()?,
    };
    println!(
        "plan of {} plugin(s), written by {} {}",
        plan.plugins().len(),
        plan.tool().name,
        plan.tool().version
    );
    let mut host = Host::default();
    load_all(&plan, &mut host);
    if let Some(changed) = args.next().or_else(|| default_change(&plan)) {
        println!();
        hot_reload(&plan, &mut host, &changed)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("loader: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    //! The expected sequences are written by hand from corpus/demo (expected.json holds
    //! its load order and waves): runtime edges auth ⇄ storage, auth/storage/ui/search/
    //! telemetry → core, theme-dark → ui, search → storage, ui, telemetry.

    use super::*;

    fn loaded_demo() -> (LoadPlan, Host) {
        let plan = demo_plan().expect("corpus/demo analyses");
        let mut host = Host::default();
        load_all(&plan, &mut host);
        (plan, host)
    }

    #[test]
    fn loads_the_demo_wave_by_wave() {
        let (plan, host) = loaded_demo();
        assert_eq!(
            host.events,
            [
                "wave 1",
                "load core",
                "wave 2",
                "load auth",
                "load storage",
                "load telemetry",
                "load ui",
                "wave 3",
                "load search",
                "load theme-dark",
            ]
        );
        assert_eq!(host.loaded, plan.load_order());
    }

    #[test]
    fn a_change_in_a_cycle_reloads_the_cycle_and_its_dependents() {
        let (plan, mut host) = loaded_demo();
        assert_eq!(default_change(&plan).as_deref(), Some("auth"));
        host.events.clear();
        hot_reload(&plan, &mut host, "auth").unwrap();
        let expected = [
            "unload search",
            "unload storage",
            "unload auth",
            "load auth",
            "load storage",
            "load search",
        ];
        assert_eq!(host.events, expected);
        // storage is in the same cycle: the same plugins, in the same order
        host.events.clear();
        hot_reload(&plan, &mut host, "storage").unwrap();
        assert_eq!(host.events, expected);
        assert_eq!(
            host.loaded,
            [
                "core",
                "telemetry",
                "ui",
                "theme-dark",
                "auth",
                "storage",
                "search"
            ]
        );
    }

    #[test]
    fn a_change_in_core_reloads_everything_and_a_leaf_only_itself() {
        let (plan, mut host) = loaded_demo();
        host.events.clear();
        hot_reload(&plan, &mut host, "core").unwrap();
        assert_eq!(
            host.events,
            [
                "unload theme-dark",
                "unload search",
                "unload ui",
                "unload telemetry",
                "unload storage",
                "unload auth",
                "unload core",
                "load core",
                "load auth",
                "load storage",
                "load telemetry",
                "load ui",
                "load search",
                "load theme-dark",
            ]
        );
        host.events.clear();
        hot_reload(&plan, &mut host, "telemetry").unwrap();
        assert_eq!(
            host.events,
            [
                "unload search",
                "unload telemetry",
                "load telemetry",
                "load search"
            ]
        );
        host.events.clear();
        hot_reload(&plan, &mut host, "theme-dark").unwrap();
        assert_eq!(host.events, ["unload theme-dark", "load theme-dark"]);
    }

    #[test]
    fn a_plan_read_back_from_json_loads_the_same_way() {
        let (plan, host) = loaded_demo();
        let read = LoadPlan::from_json(&plan.to_json()).unwrap();
        let mut again = Host::default();
        load_all(&read, &mut again);
        assert_eq!(again.events, host.events);
    }

    #[test]
    fn an_unknown_plugin_changes_nothing() {
        let (plan, mut host) = loaded_demo();
        let before = host.events.len();
        let error = hot_reload(&plan, &mut host, "nope").unwrap_err();
        assert!(matches!(error, PlanError::UnknownPlugin(ref name) if name == "nope"));
        assert_eq!(host.events.len(), before);
    }
}
