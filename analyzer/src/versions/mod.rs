//! Version ranges in the dialect of the manifest that declares them: npm (node-semver)
//! for `package.json` and `plugin.json`, Cargo for `Cargo.toml`. The two differ — a bare
//! `1.2.3` is `=1.2.3` in npm and `^1.2.3` in Cargo; npm has `||`, space-AND and hyphen
//! ranges, Cargo has comma-AND — so each uses a real implementation of its own. go.mod
//! follows Go's ([`go`]): `v`-prefixed module versions, each `require` a minimum.

pub mod cargo;
pub mod go;
pub mod npm;

use serde::Serialize;

/// Which semantics a range follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// node-semver's semantics (package.json, plugin.json).
    Npm,
    /// Cargo's semantics (Cargo.toml).
    Cargo,
    /// Go's semantics (go.mod): a `require` names a minimum version (see [`go`]).
    Go,
}

impl Dialect {
    /// The dialect's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Npm => "npm",
            Dialect::Cargo => "Cargo",
            Dialect::Go => "Go",
        }
    }

    fn other(self) -> Dialect {
        match self {
            Dialect::Npm => Dialect::Cargo,
            Dialect::Cargo | Dialect::Go => Dialect::Npm,
        }
    }

    /// Whether `text` is a valid range in this dialect.
    pub fn is_valid_range(self, text: &str) -> bool {
        match self {
            Dialect::Npm => npm::Range::parse(text).is_some(),
            Dialect::Cargo => cargo::parse_req(text).is_some(),
            Dialect::Go => go::Version::parse(text).is_some(),
        }
    }

    /// Whether `text` is a valid version in this dialect.
    pub fn is_valid_version(self, text: &str) -> bool {
        match self {
            Dialect::Npm => npm::Version::parse(text).is_some(),
            Dialect::Cargo => cargo::parse_version(text).is_some(),
            Dialect::Go => go::Version::parse(text).is_some(),
        }
    }
}

/// The outcome of checking a version against a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The version satisfies the range.
    Satisfied,
    /// Not satisfied; `prerelease_only` when only a check that counts prereleases as
    /// ordinary versions would pass.
    Unsatisfied {
        /// Only a check that counts prereleases as ordinary versions would pass.
        prerelease_only: bool,
    },
    /// The range does not parse; `valid_in_other` when it is valid in the other dialect.
    InvalidRange {
        /// The text is a valid range in the other dialect.
        valid_in_other: bool,
    },
    /// The version does not parse.
    InvalidVersion,
}

/// Checks `version` against `range` with the semantics of `dialect`.
///
/// ```
/// use plugdep_analyzer::versions::{check, Dialect, Verdict};
/// assert_eq!(check(Dialect::Cargo, "1.2.3", "1.9.0"), Verdict::Satisfied);
/// assert_eq!(check(Dialect::Npm, "1.2.3", "1.9.0"), Verdict::Unsatisfied { prerelease_only: false });
/// ```
pub fn check(dialect: Dialect, range: &str, version: &str) -> Verdict {
    let invalid_range = || Verdict::InvalidRange {
        valid_in_other: dialect.other().is_valid_range(range),
    };
    match dialect {
        Dialect::Npm => {
            let Some(range) = npm::Range::parse(range) else {
                return invalid_range();
            };
            let Some(version) = npm::Version::parse(version) else {
                return Verdict::InvalidVersion;
            };
            if range.satisfies(&version) {
                Verdict::Satisfied
            } else {
                Verdict::Unsatisfied {
                    prerelease_only: version.is_prerelease()
                        && range.satisfies_including_prerelease(&version),
                }
            }
        }
        Dialect::Cargo => {
            let Some(req) = cargo::parse_req(range) else {
                return invalid_range();
            };
            let Some(version) = cargo::parse_version(version) else {
                return Verdict::InvalidVersion;
            };
            if req.matches(&version) {
                Verdict::Satisfied
            } else {
                Verdict::Unsatisfied {
                    prerelease_only: !version.pre.is_empty()
                        && cargo::matches_ignoring_prerelease(&req, &version),
                }
            }
        }
        Dialect::Go => {
            let Some(minimum) = go::Version::parse(range) else {
                return invalid_range();
            };
            let Some(version) = go::Version::parse(version) else {
                return Verdict::InvalidVersion;
            };
            // Minimal version selection has no special case for prereleases.
            if go::satisfies(&minimum, &version) {
                Verdict::Satisfied
            } else {
                Verdict::Unsatisfied {
                    prerelease_only: false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialects_disagree_where_they_should() {
        assert_eq!(
            check(Dialect::Npm, "1.2", "1.3.0"),
            Verdict::Unsatisfied {
                prerelease_only: false
            }
        );
        assert_eq!(check(Dialect::Cargo, "1.2", "1.3.0"), Verdict::Satisfied);
        assert_eq!(
            check(Dialect::Npm, "1.x || 2.x", "2.1.0"),
            Verdict::Satisfied
        );
        assert_eq!(
            check(Dialect::Cargo, "1.x || 2.x", "2.1.0"),
            Verdict::InvalidRange {
                valid_in_other: true
            }
        );
        assert_eq!(
            check(Dialect::Npm, ">=1.0.0, <2.0.0", "1.5.0"),
            Verdict::InvalidRange {
                valid_in_other: true
            }
        );
        assert_eq!(
            check(Dialect::Cargo, ">=1.0.0, <2.0.0", "1.5.0"),
            Verdict::Satisfied
        );
        assert_eq!(
            check(Dialect::Npm, "^1.0.0", "1.5.0-beta.1"),
            Verdict::Unsatisfied {
                prerelease_only: true
            }
        );
        assert_eq!(
            check(Dialect::Npm, "^1.0.0", "one"),
            Verdict::InvalidVersion
        );
        assert_eq!(
            check(Dialect::Npm, "not a range", "1.0.0"),
            Verdict::InvalidRange {
                valid_in_other: false
            }
        );
    }
}
