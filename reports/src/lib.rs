//! Renderers of a plugdep [`Report`]: each a pure function of the report (and, for the
//! human form, of the source text it quotes), so that every format says the same thing.
//!
//! - [`human`]: miette diagnostics with source snippets, then a summary and the load order;
//! - [`json`]: the JSON contract (`schema/report.schema.json`);
//! - [`dot`]: a Graphviz graph, cycles highlighted;
//! - [`mermaid`]: a Mermaid flowchart of the same graph, for Markdown viewers;
//! - [`order`]: the load order and waves, for `plugdep order`;
//! - [`sarif`]: a SARIF 2.1.0 log, for code-scanning services;
//! - [`why`]: the paths between two plugins with the evidence of every hop.

#![warn(missing_docs)]

pub mod dot;
pub mod human;
pub mod json;
pub mod mermaid;
pub mod order;
pub mod sarif;
pub mod why;

pub use plugdep_analyzer::Report;

/// Where the human renderer gets the text of a file it quotes (relative to the root).
/// Returning `None` renders the finding without a snippet.
pub trait SourceProvider {
    /// The text of `path` (relative to the scanned root), or `None`.
    fn source(&self, path: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> SourceProvider for F {
    fn source(&self, path: &str) -> Option<String> {
        self(path)
    }
}

/// How the human forms look.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours (off when `NO_COLOR` is set or the output is not a terminal).
    pub color: bool,
    /// Line width for wrapping.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// `text` safe to print on a terminal: every control character but line breaks and tabs
/// becomes its Unicode control picture (`ESC` → `␛`; C1 controls `�`), one character
/// for one, so that columns stay true.
///
/// Plugin names, paths and quoted source lines come from the files under analysis; printed
/// raw, an escape sequence in them would drive the reader's terminal (clear it, retitle
/// it, write to its clipboard). The human forms pass everything they did not write
/// themselves through this.
///
/// ```
/// assert_eq!(plugdep_reports::printable("a\u{1b}[2Jb\n"), "a␛[2Jb\n");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let is_control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            _ if !is_control(c) => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ => '\u{fffd}',
        })
        .collect::<String>()
        .into()
}

/// A plugin list with each cycle's members grouped: `core, (a ⇄ b), ui`.
pub(crate) fn grouped(names: &[String], cycles: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < names.len() {
        match cycles.iter().find(|c| c.contains(&names[i])) {
            Some(cycle) => {
                let members: Vec<&str> = names[i..]
                    .iter()
                    .take_while(|n| cycle.contains(n))
                    .map(String::as_str)
                    .collect();
                i += members.len();
                out.push(format!("({})", members.join(" ⇄ ")));
            }
            None => {
                out.push(names[i].clone());
                i += 1;
            }
        }
    }
    out.join(", ")
}
