//! Human diagnostics: each finding as a miette report — code, message, the source line
//! with the span underlined, related places (the other end of an edge, every hop of a
//! cycle), and help — then a summary that ends in the load order.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::{self, Write};
use std::rc::Rc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use plugdep_analyzer::finding::Finding;
use plugdep_analyzer::location::Location;
use plugdep_analyzer::{Report, Severity};

use crate::{SourceProvider, Style};

/// Renders every finding, then the summary.
pub fn render(report: &Report<'_>, sources: &dyn SourceProvider, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    let sources = Sources {
        provider: sources,
        read: RefCell::new(HashMap::new()),
    };
    for finding in report.findings {
        let diagnostic = FindingDiagnostic::new(finding, &sources);
        // Rendering into a String cannot fail but for a formatter error.
        let _ = handler.render_report(&mut out, &diagnostic);
        out.push('\n');
    }
    out.push_str(&crate::printable(&summary(report)));
    out
}

/// The closing lines: counts, cycles, load order.
pub fn summary(report: &Report<'_>) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "plugdep: {} · {} · {} · {}",
        plural(s.plugins, "plugin", "plugins"),
        plural(s.files, "source file", "source files"),
        plural(s.edges, "edge", "edges"),
        plural(report.cycles.len(), "cycle", "cycles"),
    );
    let known = if s.known > 0 {
        format!(" ({} known from the baseline)", s.known)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "findings: {}, {}, {} info{known}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        s.infos
    );
    let _ = writeln!(
        out,
        "load order: {}",
        if report.load_order.is_empty() {
            "(no plugins)".to_string()
        } else {
            crate::grouped(report.load_order, report.cycles)
        }
    );
    out
}

/// A finding as miette sees it; `related` holds one child per related place.
#[derive(Debug)]
struct FindingDiagnostic {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Excerpt>,
    label: Option<LabeledSpan>,
    related: Vec<FindingDiagnostic>,
}

impl FindingDiagnostic {
    fn new(finding: &Finding, sources: &Sources<'_>) -> Self {
        // A related place at the finding's own location (the first hop of a cycle) labels
        // the main snippet instead of repeating it.
        let same_place = finding
            .related
            .iter()
            .position(|r| Some(&r.location) == finding.location.as_ref());
        let label = same_place.map_or("here", |i| finding.related[i].message.as_str());
        let message = if finding.known {
            format!("{} [known: in the baseline]", finding.message)
        } else {
            finding.message.clone()
        };
        // Names and paths come from the files under analysis: nothing of theirs may reach
        // the terminal as a control sequence (see `printable`).
        let message = crate::printable(&message).into_owned();
        let mut diagnostic =
            FindingDiagnostic::at(message, finding.location.as_ref(), sources, label);
        diagnostic.code = Some(finding.code.as_str().to_string());
        diagnostic.severity = match finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        };
        diagnostic.help = finding
            .help
            .as_deref()
            .map(|h| crate::printable(h).into_owned());
        diagnostic.related = finding
            .related
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != same_place)
            .map(|(_, r)| {
                let message = crate::printable(&r.message).into_owned();
                let mut child = FindingDiagnostic::at(message, Some(&r.location), sources, "");
                child.severity = miette::Severity::Advice;
                child
            })
            .collect();
        diagnostic
    }

    /// A diagnostic pointing at `location`, with the file's text when it can be read.
    fn at(
        mut message: String,
        location: Option<&Location>,
        sources: &Sources<'_>,
        label: &str,
    ) -> Self {
        let mut source = None;
        let mut span = None;
        if let Some(location) = location {
            let file = crate::printable(&location.file);
            let excerpt = sources
                .get(&location.file)
                .and_then(|text| Excerpt::of(&text, &file, location.line));
            match excerpt {
                Some(excerpt) => {
                    let text = &excerpt.text;
                    let line = location.line - excerpt.first_line;
                    let start = offset(text, line, location.column);
                    let end = offset(
                        text,
                        location.end_line.saturating_sub(excerpt.first_line),
                        location.end_column,
                    )
                    .max(start);
                    // A long span (a whole statement) is underlined on its first line only.
                    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                    let end = end.min(line_end).max(start);
                    span = Some(LabeledSpan::new_with_span(
                        Some(crate::printable(label).into_owned()).filter(|l| !l.is_empty()),
                        SourceSpan::new(start.into(), end - start),
                    ));
                    source = Some(excerpt);
                }
                None => {
                    let _ = write!(
                        message,
                        " (at {file}:{}:{})",
                        location.line, location.column
                    );
                }
            }
        }
        FindingDiagnostic {
            message,
            code: None,
            severity: miette::Severity::Advice,
            help: None,
            source,
            label: span,
            related: Vec::new(),
        }
    }
}

/// The source texts of one rendering: each file asked of the provider once, its control
/// characters made printable, its line starts indexed.
struct Sources<'a> {
    provider: &'a dyn SourceProvider,
    read: RefCell<HashMap<String, Option<Rc<Text>>>>,
}

/// A file's text and where each of its lines starts.
struct Text {
    text: String,
    line_starts: Vec<usize>,
}

impl Sources<'_> {
    fn get(&self, path: &str) -> Option<Rc<Text>> {
        self.read
            .borrow_mut()
            .entry(path.to_string())
            .or_insert_with(|| {
                let text = crate::printable(&self.provider.source(path)?).into_owned();
                let mut line_starts = vec![0];
                line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
                Some(Rc::new(Text { text, line_starts }))
            })
            .clone()
    }
}

/// Lines longer than this (in bytes) are not quoted: a minified file is one line of
/// megabytes, and a snippet of it would be the whole file, once per finding.
const MAX_QUOTED_LINE: usize = 1000;

/// The lines of a file a snippet shows (the finding's line and one on either side), with
/// the number of the first: miette gets these, not the whole file, so that quoting costs
/// the same whatever the file's size and however many findings point into it.
struct Excerpt {
    name: String,
    text: String,
    /// The file's line number of the excerpt's first line, minus one.
    first_line: u32,
}

impl Excerpt {
    /// The excerpt around 1-based `line`, or `None` when the file has no such line or one
    /// of the lines is too long to quote.
    fn of(text: &Text, name: &str, line: u32) -> Option<Excerpt> {
        let starts = &text.line_starts;
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        if index >= starts.len() {
            return None;
        }
        let first = index.saturating_sub(1);
        let last = (index + 1).min(starts.len() - 1);
        let line_end = |i: usize| starts.get(i + 1).map_or(text.text.len(), |&next| next);
        if (first..=last).any(|i| line_end(i) - starts[i] > MAX_QUOTED_LINE) {
            return None;
        }
        Some(Excerpt {
            name: name.to_string(),
            text: text.text[starts[first]..line_end(last)].to_string(),
            first_line: u32::try_from(first).ok()?,
        })
    }
}

impl fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Excerpt")
            .field("name", &self.name)
            .field("first_line", &self.first_line)
            .finish_non_exhaustive()
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line as usize,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// The byte offset of a 1-based line and character column (clamped to the text).
fn offset(text: &str, line: u32, column: u32) -> usize {
    let mut line_start = 0;
    for _ in 1..line.max(1) {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[line_start..];
    let line_len = line_text.find('\n').unwrap_or(line_text.len());
    line_start
        + line_text[..line_len]
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(line_len, |(i, _)| i)
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .as_ref()
            .map(|l| Box::new(std::iter::once(l.clone())) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
    use super::offset;

    #[test]
    fn offsets_from_line_and_character_column() {
        let text = "ab\nçd\n";
        assert_eq!(offset(text, 1, 1), 0);
        assert_eq!(offset(text, 2, 1), 3);
        assert_eq!(offset(text, 2, 2), 5); // after the two-byte ç
        assert_eq!(offset(text, 9, 1), text.len());
        assert_eq!(offset(text, 1, 99), 2);
    }
}
