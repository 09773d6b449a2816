//! The JSON report: the contract of DESIGN.md, validated by `schema/report.schema.json`.

use plugdep_analyzer::Report;

/// The JSON schema of the report, for tools that validate it.
pub const SCHEMA: &str = include_str!("../schema/report.schema.json");

/// Pretty-printed JSON, ending in a newline; byte-identical for the same input.
pub fn render(report: &Report<'_>) -> String {
    report.to_json()
}
