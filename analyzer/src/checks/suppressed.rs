//! `// plugdep-ignore-next-line CODE …`: drops the findings that such a comment silences,
//! and reports each comment that silences nothing (`unused-suppression`, info).
//!
//! A finding is silenced when its primary location is in the comment's file, on the line
//! after the comment, and its code is one the comment names (any code, when it names
//! none). A comment is reported when it silences nothing, and for each code it names that
//! silences nothing — including a code that does not exist, so that a typo does not pass
//! for a suppression. The pipeline applies this to every finding before plugdep.toml's
//! `[severity]`: a comment that silences a finding the configuration then turns off is
//! still in use, and `unused-suppression` itself can be turned off there.

use std::collections::HashMap;

use crate::extract::Suppression;
use crate::finding::{Code, Finding};
use crate::location::Location;

/// The suppression comments of one source file.
pub(crate) struct FileSuppressions {
    /// The file, relative to the root.
    pub file: String,
    /// The plugin it belongs to.
    pub plugin: String,
    /// Its comments, in source order.
    pub suppressions: Vec<Suppression>,
}

/// The findings that no comment silences, followed by one `unused-suppression` for each
/// comment that silences nothing or names a code that silences nothing.
pub(crate) fn apply(findings: Vec<Finding>, files: &[FileSuppressions]) -> Vec<Finding> {
    // (file, silenced line) → (file index, comment index)
    let mut by_line: HashMap<(&str, u32), Vec<(usize, usize)>> = HashMap::new();
    // Per file, per comment: whether each code (or, for no code, the comment) was used.
    let mut used: Vec<Vec<Vec<bool>>> = Vec::with_capacity(files.len());
    for (f, file) in files.iter().enumerate() {
        let mut per_comment = Vec::with_capacity(file.suppressions.len());
        for (s, suppression) in file.suppressions.iter().enumerate() {
            let line = suppression.span.start.line.saturating_add(1);
            by_line.entry((&file.file, line)).or_default().push((f, s));
            per_comment.push(vec![false; suppression.codes.len().max(1)]);
        }
        used.push(per_comment);
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let comments = finding
            .location
            .as_ref()
            .and_then(|l| by_line.get(&(l.file.as_str(), l.line)));
        let mut silenced = false;
        for &(f, s) in comments.into_iter().flatten() {
            let codes = &files[f].suppressions[s].codes;
            if codes.is_empty() {
                used[f][s][0] = true;
                silenced = true;
            } else if let Some(i) = codes.iter().position(|c| c == finding.code.as_str()) {
                used[f][s][i] = true;
                silenced = true;
            }
        }
        if !silenced {
            kept.push(finding);
        }
    }
    for (f, file) in files.iter().enumerate() {
        for (s, suppression) in file.suppressions.iter().enumerate() {
            if let Some(finding) = unused(file, suppression, &used[f][s]) {
                kept.push(finding);
            }
        }
    }
    kept
}

/// The `unused-suppression` finding of one comment, if it has something unused.
fn unused(file: &FileSuppressions, suppression: &Suppression, used: &[bool]) -> Option<Finding> {
    let line = suppression.span.start.line.saturating_add(1);
    let mut problems = Vec::new();
    let mut unused_codes = Vec::new();
    if suppression.codes.is_empty() {
        if !used[0] {
            problems.push(format!("there is no finding on line {line}"));
        }
    } else {
        for (code, &was_used) in suppression.codes.iter().zip(used) {
            if was_used {
                continue;
            }
            unused_codes.push(code.as_str());
            if Code::ALL.iter().any(|c| c.as_str() == code) {
                problems.push(format!("there is no `{code}` finding on line {line}"));
            } else {
                problems.push(format!("`{code}` is not a finding code"));
            }
        }
    }
    if problems.is_empty() {
        return None;
    }
    let whole = unused_codes.len() == suppression.codes.len();
    let (message, help) = if whole {
        (
            format!(
                "this plugdep-ignore-next-line silences nothing: {}",
                problems.join("; ")
            ),
            "remove the comment, or name the code of the finding on the next line".to_string(),
        )
    } else {
        (
            format!(
                "this plugdep-ignore-next-line names codes that silence nothing: {}",
                problems.join("; ")
            ),
            format!("remove {} from the comment", unused_codes.join(", ")),
        )
    };
    let mut finding = Finding::new(Code::UnusedSuppression, message)
        .plugin(file.plugin.clone())
        .at(Location::new(&file.file, suppression.span))
        .help(help);
    if !unused_codes.is_empty() {
        finding = finding.subject(unused_codes.join(" "));
    }
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::{Position, Span};

    fn at(file: &str, line: u32) -> Location {
        let start = Position { line, column: 1 };
        Location::new(file, Span { start, end: start })
    }

    fn suppression(line: u32, codes: &[&str]) -> Suppression {
        let start = Position { line, column: 1 };
        Suppression {
            codes: codes.iter().map(|c| c.to_string()).collect(),
            span: Span { start, end: start },
        }
    }

    #[test]
    fn silences_matching_findings_and_reports_the_rest() {
        let findings = vec![
            Finding::new(Code::UndeclaredDependency, "u").at(at("a.js", 2)),
            Finding::new(Code::InferredReference, "i").at(at("a.js", 2)),
            Finding::new(Code::UndeclaredDependency, "other file").at(at("b.js", 2)),
            Finding::new(Code::DeepImport, "any").at(at("a.js", 6)),
            Finding::new(Code::ParseError, "any 2").at(at("a.js", 6)),
            Finding::new(Code::DependencyCycle, "nowhere"),
            Finding::new(Code::DeepImport, "silenced").at(at("a.js", 8)),
        ];
        let files = [FileSuppressions {
            file: "a.js".into(),
            plugin: "a".into(),
            suppressions: vec![
                suppression(
                    1,
                    &["undeclared-dependency", "no-such-code", "policy-violation"],
                ),
                suppression(3, &["deep-import"]),
                suppression(5, &[]),
                suppression(6, &[]),
                suppression(7, &["deep-import", "parse-error"]),
            ],
        }];
        let result: Vec<(Code, String, Option<u32>)> = apply(findings, &files)
            .into_iter()
            .map(|f| (f.code, f.message, f.location.map(|l| l.line)))
            .collect();
        assert_eq!(
            result,
            [
                (Code::InferredReference, "i".to_string(), Some(2)),
                (Code::UndeclaredDependency, "other file".into(), Some(2)),
                (Code::DependencyCycle, "nowhere".into(), None),
                (
                    Code::UnusedSuppression,
                    "this plugdep-ignore-next-line names codes that silence nothing: `no-such-code` is not a finding code; there is no `policy-violation` finding on line 2".into(),
                    Some(1)
                ),
                (
                    Code::UnusedSuppression,
                    "this plugdep-ignore-next-line silences nothing: there is no `deep-import` finding on line 4".into(),
                    Some(3)
                ),
                (
                    Code::UnusedSuppression,
                    "this plugdep-ignore-next-line silences nothing: there is no finding on line 7".into(),
                    Some(6)
                ),
                (
                    Code::UnusedSuppression,
                    "this plugdep-ignore-next-line names codes that silence nothing: there is no `parse-error` finding on line 8".into(),
                    Some(7)
                ),
            ]
        );
    }
}
