//! Cargo version-requirement semantics: the `semver` crate, which is Cargo's own.
//!
//! A bare `1.2.3` is `^1.2.3` here (it is `=1.2.3` in npm); comparators are joined by
//! commas; a prerelease version matches only a comparator with the same
//! major.minor.patch that has a prerelease itself.

pub use semver::{Version, VersionReq};

/// Parses a version (`1.2.3`, `1.2.3-beta.1+build`), as Cargo does.
pub fn parse_version(text: &str) -> Option<Version> {
    Version::parse(text.trim()).ok()
}

/// Parses a requirement (`1.2`, `>=1.0, <2`, `~1.4`, `*`), as Cargo does.
pub fn parse_req(text: &str) -> Option<VersionReq> {
    VersionReq::parse(text).ok()
}

/// Whether `version` would match if prereleases counted as ordinary versions: the
/// version with its prerelease tag dropped. Only used to word a note.
pub fn matches_ignoring_prerelease(req: &VersionReq, version: &Version) -> bool {
    let mut release = version.clone();
    release.pre = semver::Prerelease::EMPTY;
    req.matches(&release)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(req: &str, version: &str) -> bool {
        parse_req(req)
            .unwrap()
            .matches(&parse_version(version).unwrap())
    }

    #[test]
    fn cargo_semantics_table() {
        let table = [
            // a bare version is a caret requirement
            ("1.2.3", "1.9.0", true),
            ("1.2.3", "2.0.0", false),
            ("1.2", "1.2.0", true),
            ("1.2", "1.3.0", true),
            ("0.2.3", "0.2.9", true),
            ("0.2.3", "0.3.0", false),
            ("0.0.3", "0.0.4", false),
            ("=1.2.3", "1.2.4", false),
            ("~1.2.3", "1.2.9", true),
            ("~1.2.3", "1.3.0", false),
            ("*", "0.0.1", true),
            ("*", "1.0.0-alpha", false),
            ("1.*", "1.9.9", true),
            (">=1.0, <2", "1.5.0", true),
            (">=1.0, <2", "2.0.0", false),
            // prereleases match only a comparator with the same version and a prerelease
            ("^1.2.3", "1.3.0-beta", false),
            ("^1.2.3-alpha", "1.2.3-beta", true),
            ("^1.2.3-alpha", "1.2.4-beta", false),
            (">=1.0.0-rc.1", "1.0.0", true),
        ];
        for (req, version, expected) in table {
            assert_eq!(matches(req, version), expected, "{req} vs {version}");
        }
    }

    #[test]
    fn npm_only_syntax_is_not_cargo() {
        for req in ["1.x || 2.x", ">=1 <2", "1.0.0 - 2.0.0", ""] {
            assert!(parse_req(req).is_none(), "{req:?} must not parse as Cargo");
        }
    }

    #[test]
    fn prerelease_note() {
        let req = parse_req("^1.2.3").unwrap();
        assert!(matches_ignoring_prerelease(
            &req,
            &parse_version("1.4.0-beta.2").unwrap()
        ));
        assert!(!matches_ignoring_prerelease(
            &req,
            &parse_version("2.0.0-beta.2").unwrap()
        ));
    }
}
