//! `policy-violation`: edges that plugdep.toml's rules forbid — `[[rules.forbidden]]`
//! (from / to globs on plugin names, optionally only some edge kinds) and
//! `[rules] layers` (an edge may point only to the same or a later layer; dev edges, which
//! tests make, are not held to layers).

use globset::{Glob, GlobMatcher};

use crate::config::Rules;
use crate::finding::{Code, Finding};
use crate::graph::{DependencyGraph, Edge};

pub(crate) fn check(graph: &DependencyGraph, rules: &Rules) -> Vec<Finding> {
    let matcher = |glob: &str| Glob::new(glob).ok().map(|g| g.compile_matcher());
    let forbidden: Vec<(usize, Option<GlobMatcher>, Option<GlobMatcher>)> = rules
        .forbidden
        .iter()
        .enumerate()
        .map(|(i, r)| (i, matcher(&r.from), matcher(&r.to)))
        .collect();
    let layers: Vec<Option<GlobMatcher>> = rules.layers.iter().map(|l| matcher(l)).collect();
    let layer_of = |name: &str| {
        layers
            .iter()
            .position(|l| l.as_ref().is_some_and(|m| m.is_match(name)))
    };

    let mut findings = Vec::new();
    for edge in graph.edges().iter().filter(|e| e.from != e.to) {
        for (index, from, to) in &forbidden {
            let rule = &rules.forbidden[*index];
            let matches =
                |m: &Option<GlobMatcher>, name: &str| m.as_ref().is_some_and(|m| m.is_match(name));
            let kind_applies =
                rule.kinds.is_empty() || edge.kinds.iter().any(|k| rule.kinds.contains(k));
            if matches(from, &edge.from) && matches(to, &edge.to) && kind_applies {
                let message = format!(
                    "{} → {} is forbidden by [[rules.forbidden]] #{} (from {:?} to {:?})",
                    edge.from,
                    edge.to,
                    index + 1,
                    rule.from,
                    rule.to
                );
                let help = rule.comment.clone().unwrap_or_else(|| {
                    "remove the dependency, or change the rule in plugdep.toml".to_string()
                });
                let accept = |k| rule.kinds.is_empty() || rule.kinds.contains(&k);
                findings.push(violation(
                    edge,
                    message,
                    help,
                    format!("forbidden#{}", index + 1),
                    accept,
                ));
            }
        }
        if !edge.is_runtime() {
            continue;
        }
        if let (Some(from), Some(to)) = (layer_of(&edge.from), layer_of(&edge.to))
            && to < from
        {
            let message = format!(
                "{} (layer {:?}) must not depend on {} (layer {:?}), an earlier layer",
                edge.from, rules.layers[from], edge.to, rules.layers[to]
            );
            let help = format!(
                "layers run {}: an edge may point only to the same or a later layer; invert the dependency or move the shared code down",
                rules.layers.join(" → ")
            );
            findings.push(violation(
                edge,
                message,
                help,
                "layers".to_string(),
                |k: crate::EdgeKind| k.is_runtime(),
            ));
        }
    }
    findings
}

fn violation(
    edge: &Edge,
    message: String,
    help: String,
    subject: String,
    accept: impl Fn(crate::EdgeKind) -> bool,
) -> Finding {
    let mut finding = Finding::new(Code::PolicyViolation, message)
        .plugin(edge.from.clone())
        .edge(edge.from.clone(), edge.to.clone())
        .help(help);
    finding.subject = Some(subject);
    let best = edge
        .best_evidence(&accept)
        .or_else(|| edge.evidence.first());
    if let Some(best) = best {
        finding = finding.at(best.location.clone());
    }
    for evidence in edge
        .evidence
        .iter()
        .filter(|e| Some(*e) != best && accept(e.kind))
    {
        finding = finding.related(
            evidence.location.clone(),
            format!("also {}: {}", evidence.kind.as_str(), evidence.text),
        );
    }
    finding
}
