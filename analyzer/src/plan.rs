//! The load plan: what a plugin loader needs from an analysis, without the sources.
//!
//! A [`LoadPlan`] holds every plugin (name, version, folder and direct runtime
//! dependencies), the load order, the load waves and the cycles. It serialises to JSON
//! (`plugdep order --format json` prints one), so CI can analyse once and a loader can read
//! the plan back ([`LoadPlan::from_json`]) and ask it what to load, and what to reload when
//! a plugin changes, without scanning anything again.
//!
//! Only runtime edges ([`Edge::is_runtime`](crate::Edge::is_runtime)) are in a plan: a dev
//! dependency never constrains loading. The members of a cycle load together and reload
//! together. Every list a query returns is in load order.
//!
//! The queries on [`Analysis`] (`load_order_for`, `reload_order`, `dependencies_of`,
//! `dependents_of`) build the analysis's plan and ask it, so the two always agree.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::Analysis;
use crate::report::Report;

/// A plugin in a [`LoadPlan`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPlugin {
    /// The package name.
    pub name: String,
    /// The version its manifest declares, if any.
    pub version: Option<String>,
    /// Its folder, relative to the scanned root (`.` for the root itself).
    pub dir: String,
    /// The plugins it needs at runtime (edges with a runtime kind), sorted by name.
    pub dependencies: Vec<String>,
}

/// The tool that wrote a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// `plugdep`.
    pub name: String,
    /// Its version (the version of this crate when the plan was built).
    pub version: String,
}

/// Which dependencies (or dependents) a query follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Only the direct ones.
    Direct,
    /// The direct ones and theirs, transitively.
    Transitive,
}

/// What to do when a plugin changes: unload `unload` in its order, then load `reload` in
/// its order. See [`LoadPlan::reload_order`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reload {
    /// The changed plugin, its cycle and every plugin that needs it at runtime
    /// (transitively), dependents first (the reverse of the load order).
    pub unload: Vec<String>,
    /// The same plugins in load order.
    pub reload: Vec<String>,
}

/// Why a plan cannot be read, or a query cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// A query named a plugin the plan does not hold.
    #[error("no plugin named {0:?} in the load plan")]
    UnknownPlugin(String),
    /// The plan was written with another schema version.
    #[error(
        "the load plan has schema version {found}, but this plugdep-analyzer reads version \
         {expected} only; write the plan again with a matching `plugdep order --format json`"
    )]
    SchemaVersion {
        /// The plan's `schema_version`.
        found: u64,
        /// [`LoadPlan::SCHEMA_VERSION`].
        expected: u32,
    },
    /// The text is not JSON, or not the shape of a load plan.
    #[error("not a load plan: {0}")]
    Json(#[from] serde_json::Error),
    /// The plan's parts disagree (a dependency that is not a plugin, a load order that
    /// misses a plugin or loads one before its dependency, …).
    #[error("inconsistent load plan: {0}")]
    Inconsistent(String),
}

/// A serialisable load plan: the plugins with their direct runtime dependencies, the load
/// order, the load waves and the cycles, with queries for a loader.
///
/// Build it from an analysis ([`Analysis::load_plan`]) or a report
/// ([`LoadPlan::from_report`]); write it with [`to_json`](LoadPlan::to_json) (or serde);
/// read it back with [`from_json`](LoadPlan::from_json), which checks the schema version
/// first and then that the parts agree.
///
/// ```
/// use plugdep_analyzer::LoadPlan;
/// # let dir = tempfile::tempdir().unwrap();
/// # let write = |p: &str, s: &str| {
/// #     let p = dir.path().join(p);
/// #     std::fs::create_dir_all(p.parent().unwrap()).unwrap();
/// #     std::fs::write(p, s).unwrap();
/// # };
/// write("core/package.json", r#"{"name": "core", "version": "1.0.0"}"#);
/// write("ui/package.json", r#"{"name": "ui", "version": "2.0.0", "dependencies": {"core": "^1"}}"#);
/// write("search/package.json", r#"{"name": "search", "version": "0.3.0", "dependencies": {"ui": "^2"}}"#);
/// // In CI: analyse once and keep the plan (what `plugdep order --format json` prints).
/// let analysis = plugdep_analyzer::analyze(dir.path(), &Default::default()).unwrap();
/// let json = analysis.load_plan().to_json();
///
/// // In the loader: read it back and query it without scanning again.
/// let plan = LoadPlan::from_json(&json).unwrap();
/// assert_eq!(plan, analysis.load_plan());
/// assert_eq!(plan.load_order(), ["core", "ui", "search"]);
/// assert_eq!(plan.load_order_for(&["ui"]).unwrap(), ["core", "ui"]);
/// let reload = plan.reload_order("ui").unwrap();
/// assert_eq!(reload.unload, ["search", "ui"]);
/// assert_eq!(reload.reload, ["ui", "search"]);
/// assert_eq!(plan.plugin("ui").unwrap().version.as_deref(), Some("2.0.0"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "PlanData")]
pub struct LoadPlan {
    data: PlanData,
    index: Index,
}

/// What a plan serialises to, field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PlanData {
    schema_version: u32,
    tool: Tool,
    plugins: Vec<PlannedPlugin>,
    load_order: Vec<String>,
    load_waves: Vec<Vec<String>>,
    cycles: Vec<Vec<String>>,
}

/// The plan's relations over plugin indices (positions in `plugins`, which is name order),
/// derived from [`PlanData`] when the plan is made.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Index {
    /// Each plugin's direct runtime dependencies, sorted.
    needs: Vec<Vec<usize>>,
    /// The reverse: the plugins that need each plugin directly, sorted.
    needed_by: Vec<Vec<usize>>,
    /// The load order.
    order: Vec<usize>,
    /// The cycles, and the cycle each plugin belongs to.
    cycles: Vec<Vec<usize>>,
    cycle_of: Vec<Option<usize>>,
}

impl Serialize for LoadPlan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(serializer)
    }
}

impl TryFrom<PlanData> for LoadPlan {
    type Error = PlanError;

    fn try_from(data: PlanData) -> Result<LoadPlan, PlanError> {
        if data.schema_version != LoadPlan::SCHEMA_VERSION {
            return Err(PlanError::SchemaVersion {
                found: data.schema_version.into(),
                expected: LoadPlan::SCHEMA_VERSION,
            });
        }
        let index = Index::new(&data)?;
        Ok(LoadPlan { data, index })
    }
}

impl LoadPlan {
    /// The version of the plan's JSON shape; bumped on any incompatible change.
    pub const SCHEMA_VERSION: u32 = 1;

    /// The plan of a report (of an analysis): what `plugdep order --format json` writes.
    ///
    /// # Panics
    ///
    /// If the report's parts disagree, which a report made by [`Report::new`] never does.
    pub fn from_report(report: &Report<'_>) -> LoadPlan {
        let mut plugins: Vec<PlannedPlugin> = report
            .plugins
            .iter()
            .map(|p| PlannedPlugin {
                name: p.name.to_string(),
                version: p.version.map(str::to_string),
                dir: p.dir.to_string(),
                dependencies: Vec::new(),
            })
            .collect();
        // Edges are sorted by (from, to), so each list comes sorted by name.
        for edge in report.edges.iter().filter(|e| e.is_runtime()) {
            if let Ok(i) = plugins.binary_search_by(|p| p.name.as_str().cmp(&edge.from)) {
                plugins[i].dependencies.push(edge.to.clone());
            }
        }
        let data = PlanData {
            schema_version: LoadPlan::SCHEMA_VERSION,
            tool: Tool {
                name: report.tool.name.to_string(),
                version: report.tool.version.to_string(),
            },
            plugins,
            load_order: report.load_order.to_vec(),
            load_waves: report.load_waves.to_vec(),
            cycles: report.cycles.to_vec(),
        };
        LoadPlan::try_from(data).expect("an analysis makes a consistent load plan")
    }

    /// Reads a plan from JSON. Checks the schema version before anything else (a plan of
    /// another version is [`PlanError::SchemaVersion`], whatever its shape), then the
    /// shape ([`PlanError::Json`]), then that the parts agree
    /// ([`PlanError::Inconsistent`]).
    pub fn from_json(json: &str) -> Result<LoadPlan, PlanError> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: u64,
        }
        let found = serde_json::from_str::<Version>(json)?.schema_version;
        if found != u64::from(LoadPlan::SCHEMA_VERSION) {
            return Err(PlanError::SchemaVersion {
                found,
                expected: LoadPlan::SCHEMA_VERSION,
            });
        }
        LoadPlan::try_from(serde_json::from_str::<PlanData>(json)?)
    }

    /// The plan as pretty-printed JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a load plan always serialises");
        json.push('\n');
        json
    }

    /// The plan's schema version ([`LoadPlan::SCHEMA_VERSION`] for every plan this crate
    /// reads).
    pub fn schema_version(&self) -> u32 {
        self.data.schema_version
    }

    /// The tool that wrote the plan.
    pub fn tool(&self) -> &Tool {
        &self.data.tool
    }

    /// The plugins, sorted by name.
    pub fn plugins(&self) -> &[PlannedPlugin] {
        &self.data.plugins
    }

    /// The plugin named `name`.
    pub fn plugin(&self, name: &str) -> Option<&PlannedPlugin> {
        self.index_of(name).ok().map(|i| &self.data.plugins[i])
    }

    /// Every plugin, dependencies first; the members of a cycle together.
    pub fn load_order(&self) -> &[String] {
        &self.data.load_order
    }

    /// Groups of plugins that can load in parallel, in order: wave 0 needs nothing, wave
    /// *n* needs only earlier waves. Each wave in load order.
    pub fn load_waves(&self) -> &[Vec<String>] {
        &self.data.load_waves
    }

    /// The cycles of runtime dependencies (strongly connected components): members sorted
    /// by name, cycles sorted by first member. A cycle's members load together and reload
    /// together.
    pub fn cycles(&self) -> &[Vec<String>] {
        &self.data.cycles
    }

    /// What loading `names` takes: the named plugins and everything they need at runtime,
    /// transitively (a cycle whole), in load order. An unknown name is
    /// [`PlanError::UnknownPlugin`].
    ///
    /// ```
    /// # use plugdep_analyzer::LoadPlan;
    /// # let plan = LoadPlan::from_json(r#"{
    /// #   "schema_version": 1,
    /// #   "tool": {"name": "plugdep", "version": "0.1.0"},
    /// #   "plugins": [
    /// #     {"name": "app", "version": "1.0.0", "dir": "app", "dependencies": ["left", "right"]},
    /// #     {"name": "core", "version": "1.0.0", "dir": "core", "dependencies": []},
    /// #     {"name": "left", "version": "1.0.0", "dir": "left", "dependencies": ["core"]},
    /// #     {"name": "right", "version": "1.0.0", "dir": "right", "dependencies": ["core"]},
    /// #     {"name": "tools", "version": "1.0.0", "dir": "tools", "dependencies": []}
    /// #   ],
    /// #   "load_order": ["core", "left", "right", "app", "tools"],
    /// #   "load_waves": [["core", "tools"], ["left", "right"], ["app"]],
    /// #   "cycles": []
    /// # }"#).unwrap();
    /// // A diamond: app → left → core, app → right → core; tools alone.
    /// assert_eq!(plan.load_order_for(&["right"]).unwrap(), ["core", "right"]);
    /// assert_eq!(plan.load_order_for(&["tools", "left"]).unwrap(), ["core", "left", "tools"]);
    /// assert_eq!(plan.load_order_for(&["app"]).unwrap(), ["core", "left", "right", "app"]);
    /// assert!(plan.load_order_for(&["nope"]).is_err());
    /// ```
    pub fn load_order_for<S: AsRef<str>>(&self, names: &[S]) -> Result<Vec<String>, PlanError> {
        let start = names
            .iter()
            .map(|name| self.index_of(name.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        let needed = self.closure(start, &self.index.needs);
        Ok(self.in_load_order(|i| needed[i]))
    }

    /// What to do when `changed` changes (hot reload): the plugin, the other members of its
    /// cycle, and every plugin that needs one of them at runtime, transitively — unloaded
    /// dependents first, then reloaded in load order. An unknown name is
    /// [`PlanError::UnknownPlugin`].
    ///
    /// ```
    /// # use plugdep_analyzer::LoadPlan;
    /// # let plan = LoadPlan::from_json(r#"{
    /// #   "schema_version": 1,
    /// #   "tool": {"name": "plugdep", "version": "0.1.0"},
    /// #   "plugins": [
    /// #     {"name": "auth", "version": "1.0.0", "dir": "auth", "dependencies": ["core", "storage"]},
    /// #     {"name": "core", "version": "1.0.0", "dir": "core", "dependencies": []},
    /// #     {"name": "search", "version": "1.0.0", "dir": "search", "dependencies": ["storage"]},
    /// #     {"name": "storage", "version": "1.0.0", "dir": "storage", "dependencies": ["auth", "core"]},
    /// #     {"name": "ui", "version": "1.0.0", "dir": "ui", "dependencies": ["core"]}
    /// #   ],
    /// #   "load_order": ["core", "auth", "storage", "search", "ui"],
    /// #   "load_waves": [["core"], ["auth", "storage", "ui"], ["search"]],
    /// #   "cycles": [["auth", "storage"]]
    /// # }"#).unwrap();
    /// // auth ⇄ storage, both → core; search → storage; ui → core.
    /// let reload = plan.reload_order("auth").unwrap();
    /// assert_eq!(reload.unload, ["search", "storage", "auth"]);
    /// assert_eq!(reload.reload, ["auth", "storage", "search"]);
    ///
    /// let reload = plan.reload_order("core").unwrap();
    /// assert_eq!(reload.reload, ["core", "auth", "storage", "search", "ui"]);
    ///
    /// assert_eq!(plan.reload_order("ui").unwrap().reload, ["ui"]);
    /// ```
    pub fn reload_order(&self, changed: &str) -> Result<Reload, PlanError> {
        let start = self.index_of(changed)?;
        let affected = self.closure(vec![start], &self.index.needed_by);
        let reload = self.in_load_order(|i| affected[i]);
        let unload = reload.iter().rev().cloned().collect();
        Ok(Reload { unload, reload })
    }

    /// The plugins `name` needs at runtime, directly or transitively, in load order; never
    /// `name` itself, even in a cycle. An unknown name is [`PlanError::UnknownPlugin`].
    pub fn dependencies_of(&self, name: &str, depth: Depth) -> Result<Vec<String>, PlanError> {
        self.related(name, depth, &self.index.needs)
    }

    /// The plugins that need `name` at runtime, directly or transitively, in load order;
    /// never `name` itself, even in a cycle. An unknown name is
    /// [`PlanError::UnknownPlugin`].
    pub fn dependents_of(&self, name: &str, depth: Depth) -> Result<Vec<String>, PlanError> {
        self.related(name, depth, &self.index.needed_by)
    }

    fn index_of(&self, name: &str) -> Result<usize, PlanError> {
        find(&self.data.plugins, name).ok_or_else(|| PlanError::UnknownPlugin(name.to_string()))
    }

    fn related(
        &self,
        name: &str,
        depth: Depth,
        edges: &[Vec<usize>],
    ) -> Result<Vec<String>, PlanError> {
        let start = self.index_of(name)?;
        let reached = match depth {
            Depth::Direct => {
                let mut reached = vec![false; edges.len()];
                for &next in &edges[start] {
                    reached[next] = true;
                }
                reached
            }
            Depth::Transitive => self.closure(vec![start], edges),
        };
        Ok(self.in_load_order(|i| i != start && reached[i]))
    }

    /// Breadth-first search from `start` along `edges`; reaching a member of a cycle
    /// reaches the whole cycle.
    fn closure(&self, start: Vec<usize>, edges: &[Vec<usize>]) -> Vec<bool> {
        let mut reached = vec![false; edges.len()];
        let mut queue = VecDeque::new();
        for node in start {
            if !reached[node] {
                reached[node] = true;
                queue.push_back(node);
            }
        }
        while let Some(node) = queue.pop_front() {
            let mates = match self.index.cycle_of[node] {
                Some(c) => self.index.cycles[c].as_slice(),
                None => &[],
            };
            for &next in edges[node].iter().chain(mates) {
                if !reached[next] {
                    reached[next] = true;
                    queue.push_back(next);
                }
            }
        }
        reached
    }

    /// The names of the plugins `keep` accepts, in load order.
    fn in_load_order(&self, keep: impl Fn(usize) -> bool) -> Vec<String> {
        self.index
            .order
            .iter()
            .filter(|&&i| keep(i))
            .map(|&i| self.data.plugins[i].name.clone())
            .collect()
    }
}

/// The position of the plugin `name` in `plugins` (sorted by name).
fn find(plugins: &[PlannedPlugin], name: &str) -> Option<usize> {
    plugins.binary_search_by(|p| p.name.as_str().cmp(name)).ok()
}

impl Index {
    /// Derives the relations and checks that the parts agree: plugins sorted by name and
    /// unique; every name known; the load order and the waves each list every plugin once;
    /// no plugin in two cycles; every dependency outside the plugin's cycle loads earlier
    /// and in an earlier wave.
    fn new(data: &PlanData) -> Result<Index, PlanError> {
        let plugins = &data.plugins;
        let n = plugins.len();
        if let Some(pair) = plugins.windows(2).find(|p| p[0].name >= p[1].name) {
            return Err(PlanError::Inconsistent(format!(
                "plugins must be sorted by name and unique: {:?} comes before {:?}",
                pair[0].name, pair[1].name
            )));
        }
        let known = |name: &str, place: &str| {
            find(plugins, name).ok_or_else(|| {
                PlanError::Inconsistent(format!("{place} names {name:?}, not a plugin"))
            })
        };
        // Every plugin once, in the given order.
        let each_once = |names: &mut dyn Iterator<Item = &String>, place: &str| {
            let mut seen = vec![false; n];
            let mut order = Vec::with_capacity(n);
            for name in names {
                let i = known(name, place)?;
                if std::mem::replace(&mut seen[i], true) {
                    return Err(PlanError::Inconsistent(format!(
                        "{place} lists {name:?} twice"
                    )));
                }
                order.push(i);
            }
            match seen.iter().position(|s| !s) {
                Some(i) => Err(PlanError::Inconsistent(format!(
                    "{place} misses {:?}",
                    plugins[i].name
                ))),
                None => Ok(order),
            }
        };

        let mut needs = Vec::with_capacity(n);
        for plugin in plugins {
            let place = format!("the dependencies of {:?}", plugin.name);
            let mut list = Vec::with_capacity(plugin.dependencies.len());
            for dependency in &plugin.dependencies {
                list.push(known(dependency, &place)?);
            }
            list.sort_unstable();
            list.dedup();
            needs.push(list);
        }
        let mut needed_by = vec![Vec::new(); n];
        for (from, list) in needs.iter().enumerate() {
            for &to in list {
                needed_by[to].push(from); // `from` ascends, so each list comes sorted
            }
        }

        let order = each_once(&mut data.load_order.iter(), "load_order")?;
        each_once(&mut data.load_waves.iter().flatten(), "load_waves")?;
        let mut position = vec![0; n];
        for (at, &i) in order.iter().enumerate() {
            position[i] = at;
        }
        let mut wave = vec![0; n];
        for (w, members) in data.load_waves.iter().enumerate() {
            for name in members {
                wave[known(name, "load_waves")?] = w;
            }
        }

        let mut cycles = Vec::with_capacity(data.cycles.len());
        let mut cycle_of = vec![None; n];
        for (c, members) in data.cycles.iter().enumerate() {
            let mut cycle = Vec::with_capacity(members.len());
            for name in members {
                let i = known(name, "cycles")?;
                if cycle_of[i].replace(c).is_some() {
                    return Err(PlanError::Inconsistent(format!(
                        "{name:?} is in two cycles"
                    )));
                }
                cycle.push(i);
            }
            cycles.push(cycle);
        }

        for (from, list) in needs.iter().enumerate() {
            for &to in list {
                let together =
                    from == to || (cycle_of[from].is_some() && cycle_of[from] == cycle_of[to]);
                if !together && (position[to] > position[from] || wave[to] >= wave[from]) {
                    return Err(PlanError::Inconsistent(format!(
                        "{:?} needs {:?}, which does not load before it",
                        plugins[from].name, plugins[to].name
                    )));
                }
            }
        }
        Ok(Index {
            needs,
            needed_by,
            order,
            cycles,
            cycle_of,
        })
    }
}

impl Analysis {
    /// The load plan of this analysis: what [`LoadPlan::from_report`] makes of its report.
    pub fn load_plan(&self) -> LoadPlan {
        LoadPlan::from_report(&self.report())
    }

    /// What loading `names` takes, in load order: [`LoadPlan::load_order_for`] on
    /// [`load_plan`](Analysis::load_plan) (built on every call; for many queries, build
    /// the plan once).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let write = |p: &str, s: &str| {
    /// #     let p = dir.path().join(p);
    /// #     std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    /// #     std::fs::write(p, s).unwrap();
    /// # };
    /// write("core/package.json", r#"{"name": "core", "version": "1.0.0"}"#);
    /// write("ui/package.json", r#"{"name": "ui", "version": "1.0.0", "dependencies": {"core": "^1"}}"#);
    /// write("extra/package.json", r#"{"name": "extra", "version": "1.0.0", "devDependencies": {"ui": "^1"}}"#);
    /// let analysis = plugdep_analyzer::analyze(dir.path(), &Default::default()).unwrap();
    /// assert_eq!(analysis.load_order_for(&["ui"]).unwrap(), ["core", "ui"]);
    /// // a dev dependency is not needed to load
    /// assert_eq!(analysis.load_order_for(&["extra"]).unwrap(), ["extra"]);
    /// ```
    pub fn load_order_for<S: AsRef<str>>(&self, names: &[S]) -> Result<Vec<String>, PlanError> {
        self.load_plan().load_order_for(names)
    }

    /// What to unload and reload when `changed` changes: [`LoadPlan::reload_order`] on
    /// [`load_plan`](Analysis::load_plan) (built on every call; for many queries, build the
    /// plan once).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let write = |p: &str, s: &str| {
    /// #     let p = dir.path().join(p);
    /// #     std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    /// #     std::fs::write(p, s).unwrap();
    /// # };
    /// write("core/package.json", r#"{"name": "core", "version": "1.0.0"}"#);
    /// write("ui/package.json", r#"{"name": "ui", "version": "1.0.0", "dependencies": {"core": "^1"}}"#);
    /// write("theme/package.json", r#"{"name": "theme", "version": "1.0.0", "peerDependencies": {"ui": "^1"}}"#);
    /// let analysis = plugdep_analyzer::analyze(dir.path(), &Default::default()).unwrap();
    /// let reload = analysis.reload_order("core").unwrap();
    /// assert_eq!(reload.unload, ["theme", "ui", "core"]);
    /// assert_eq!(reload.reload, ["core", "ui", "theme"]);
    /// ```
    pub fn reload_order(&self, changed: &str) -> Result<Reload, PlanError> {
        self.load_plan().reload_order(changed)
    }

    /// The plugins `name` needs at runtime, in load order: [`LoadPlan::dependencies_of`]
    /// on [`load_plan`](Analysis::load_plan).
    pub fn dependencies_of(&self, name: &str, depth: Depth) -> Result<Vec<String>, PlanError> {
        self.load_plan().dependencies_of(name, depth)
    }

    /// The plugins that need `name` at runtime, in load order: [`LoadPlan::dependents_of`]
    /// on [`load_plan`](Analysis::load_plan).
    pub fn dependents_of(&self, name: &str, depth: Depth) -> Result<Vec<String>, PlanError> {
        self.load_plan().dependents_of(name, depth)
    }
}
