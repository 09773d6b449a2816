//! `plugdep order`: the load order and the parallel load waves.

use std::fmt::Write;

use plugdep_analyzer::{LoadPlan, Report};

/// The order as JSON: the [`LoadPlan`] of the report (schema version, tool, every plugin
/// with its direct runtime dependencies, `load_order`, `load_waves` and `cycles`), which a
/// loader reads back with [`LoadPlan::from_json`].
pub fn render_json(report: &Report<'_>) -> String {
    LoadPlan::from_report(report).to_json()
}

/// The order for people: one numbered line per plugin, then the waves.
pub fn render_human(report: &Report<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Load order ({} plugins):", report.load_order.len());
    let width = report.load_order.len().to_string().len();
    for (i, name) in report.load_order.iter().enumerate() {
        let cycle = report.cycles.iter().find(|c| c.contains(name));
        let note = match cycle {
            Some(c) => format!("   (in a cycle with {})", others(c, name)),
            None => String::new(),
        };
        let _ = writeln!(out, "  {:>width$}. {name}{note}", i + 1);
    }
    let _ = writeln!(out, "\nLoad waves ({}):", report.load_waves.len());
    for (i, wave) in report.load_waves.iter().enumerate() {
        let _ = writeln!(
            out,
            "  wave {}: {}",
            i + 1,
            crate::grouped(wave, report.cycles)
        );
    }
    crate::printable(&out).into_owned()
}

fn others(cycle: &[String], name: &str) -> String {
    let rest: Vec<&str> = cycle
        .iter()
        .filter(|m| *m != name)
        .map(String::as_str)
        .collect();
    if rest.is_empty() {
        "itself".to_string()
    } else {
        rest.join(", ")
    }
}
