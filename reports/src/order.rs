//! `plugdep order`: the load order and the parallel load waves.

use std::fmt::Write;

use plugdep_analyzer::Report;
use plugdep_analyzer::report::{SCHEMA_VERSION, Tool};
use serde::Serialize;

#[derive(Serialize)]
struct OrderJson<'a> {
    schema_version: u32,
    tool: Tool,
    load_order: &'a [String],
    load_waves: &'a [Vec<String>],
    cycles: &'a [Vec<String>],
}

/// The order as JSON: `load_order`, `load_waves` and the `cycles` kept together in them.
pub fn render_json(report: &Report<'_>) -> String {
    let order = OrderJson {
        schema_version: SCHEMA_VERSION,
        tool: Tool::CURRENT,
        load_order: report.load_order,
        load_waves: report.load_waves,
        cycles: report.cycles,
    };
    let mut json = serde_json::to_string_pretty(&order).expect("serialises");
    json.push('\n');
    json
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
    out
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
