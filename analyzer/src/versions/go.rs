//! Go's version semantics, for go.mod: module versions as `golang.org/x/mod/semver` and
//! `golang.org/x/mod/module` define them, and Go toolchain versions as the go command's
//! `gover` package orders them.
//!
//! A module version starts with `v` (`v1.4.0`); `v1` and `v1.2` are shorthands for
//! `v1.0.0` and `v1.2.0`; `+incompatible` marks a major version ≥ 2 of a module without a
//! `/vN` path; build metadata never takes part in ordering. Pseudo-versions
//! (`v0.0.0-20240102150405-abcdef123456`, `v1.2.4-0.20240102150405-abcdef123456`,
//! `v1.2.3-pre.0.20240102150405-abcdef123456`) are ordinary prereleases, so that semver's
//! precedence puts them right where Go does: after the tag they build on, before the next.
//!
//! A `require` line names a *minimum*: minimal version selection picks the highest
//! version any requirement names, so a version satisfies `require m v1.2.0` when it is
//! `v1.2.0` or later within the same major version (another major version is another
//! module path in Go).

use std::cmp::Ordering;

/// A parsed module version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    major: String,
    minor: String,
    patch: String,
    /// Dot-separated prerelease identifiers (empty for a release).
    prerelease: Vec<String>,
    /// The build metadata after `+`, without it (`incompatible`).
    build: Option<String>,
}

impl Version {
    /// Parses a module version as `semver.IsValid` accepts it: `v` + MAJOR[.MINOR[.PATCH
    /// [-PRERELEASE][+BUILD]]]; numbers without leading zeros.
    ///
    /// ```
    /// use plugdep_analyzer::versions::go::Version;
    /// assert!(Version::parse("v1.2.3-0.20240102150405-abcdef123456").is_some());
    /// assert!(Version::parse("v2.0.0+incompatible").is_some());
    /// assert!(Version::parse("1.2.3").is_none()); // the `v` is required
    /// assert!(Version::parse("v1.2-pre").is_none()); // a shorthand has no prerelease
    /// ```
    pub fn parse(text: &str) -> Option<Version> {
        let rest = text.strip_prefix('v')?;
        let (major, rest) = number(rest)?;
        let Some(rest) = rest.strip_prefix('.') else {
            return rest.is_empty().then(|| Version::release(major, "0", "0"));
        };
        let (minor, rest) = number(rest)?;
        let Some(rest) = rest.strip_prefix('.') else {
            return rest.is_empty().then(|| Version::release(major, minor, "0"));
        };
        let (patch, rest) = number(rest)?;
        let (prerelease_text, build) = match rest.split_once('+') {
            Some((pre, build)) => (pre, Some(build)),
            None => (rest, None),
        };
        let prerelease = match prerelease_text.strip_prefix('-') {
            Some(pre) => identifiers(pre, true)?,
            None if prerelease_text.is_empty() => Vec::new(),
            None => return None,
        };
        if let Some(build) = build {
            identifiers(build, false)?;
        }
        Some(Version {
            major: major.to_string(),
            minor: minor.to_string(),
            patch: patch.to_string(),
            prerelease,
            build: build.map(str::to_string),
        })
    }

    fn release(major: &str, minor: &str, patch: &str) -> Version {
        Version {
            major: major.to_string(),
            minor: minor.to_string(),
            patch: patch.to_string(),
            prerelease: Vec::new(),
            build: None,
        }
    }

    /// The major version number, as written (`0`, `1`, `12`).
    pub fn major(&self) -> &str {
        &self.major
    }

    /// Whether the version carries `+incompatible`.
    pub fn is_incompatible(&self) -> bool {
        self.build.as_deref() == Some("incompatible")
    }

    /// Whether it has a prerelease (pseudo-versions do).
    pub fn is_prerelease(&self) -> bool {
        !self.prerelease.is_empty()
    }

    /// The canonical form, as `module.CanonicalVersion` writes it: `v1` → `v1.0.0`; build
    /// metadata dropped, except `+incompatible`.
    pub fn canonical(&self) -> String {
        let mut text = format!("v{}.{}.{}", self.major, self.minor, self.patch);
        if !self.prerelease.is_empty() {
            text.push('-');
            text.push_str(&self.prerelease.join("."));
        }
        if self.is_incompatible() {
            text.push_str("+incompatible");
        }
        text
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Semver precedence; build metadata (`+incompatible` too) never counts, as in
    /// `semver.Compare`. Two versions that differ only in build metadata are equal here
    /// although not `==`.
    fn cmp(&self, other: &Self) -> Ordering {
        compare_numbers(&self.major, &other.major)
            .then_with(|| compare_numbers(&self.minor, &other.minor))
            .then_with(|| compare_numbers(&self.patch, &other.patch))
            .then_with(|| compare_prerelease(&self.prerelease, &other.prerelease))
    }
}

/// A leading decimal number without leading zeros, and the rest.
fn number(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let digits = &text[..end];
    if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    Some((digits, &text[end..]))
}

/// Dot-separated identifiers of `[0-9A-Za-z-]`, none empty; in a prerelease, a numeric
/// identifier has no leading zero.
fn identifiers(text: &str, prerelease: bool) -> Option<Vec<String>> {
    text.split('.')
        .map(|id| {
            let valid = !id.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !(prerelease
                    && id.len() > 1
                    && id.starts_with('0')
                    && id.chars().all(|c| c.is_ascii_digit()));
            valid.then(|| id.to_string())
        })
        .collect()
}

/// Compares decimal strings without leading zeros (any length: no overflow).
fn compare_numbers(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn compare_prerelease(a: &[String], b: &[String]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (false, false) => {}
    }
    for (x, y) in a.iter().zip(b) {
        let numeric = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let order = match (numeric(x), numeric(y)) {
            (true, true) => compare_numbers(x, y),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => x.as_str().cmp(y.as_str()),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

/// Whether `text` is a pseudo-version (`module.IsPseudoVersion`): one of
/// `vX.0.0-yyyymmddhhmmss-abcdefabcdef`, `vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef`,
/// `vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef`, with optional `+incompatible`.
///
/// ```
/// use plugdep_analyzer::versions::go::is_pseudo_version;
/// assert!(is_pseudo_version("v0.0.0-20191109021931-daa7c04131f5"));
/// assert!(is_pseudo_version("v1.2.4-0.20191109021931-daa7c04131f5"));
/// assert!(is_pseudo_version("v1.2.3-rc.1.0.20191109021931-daa7c04131f5"));
/// assert!(!is_pseudo_version("v1.2.3-rc.1"));
/// ```
pub fn is_pseudo_version(text: &str) -> bool {
    let Some(version) = Version::parse(text) else {
        return false;
    };
    if text.matches('-').count() < 2 || version.prerelease.is_empty() {
        return false;
    }
    // The last prerelease identifier is `yyyymmddhhmmss-revision`.
    let last = version.prerelease.last().map_or("", String::as_str);
    let Some((time, revision)) = last.split_once('-') else {
        return false;
    };
    let time_ok = time.len() == 14 && time.chars().all(|c| c.is_ascii_digit());
    let revision_ok = !revision.is_empty() && revision.chars().all(|c| c.is_ascii_alphanumeric());
    if !time_ok || !revision_ok {
        return false;
    }
    let before = &version.prerelease[..version.prerelease.len() - 1];
    match before {
        // vX.0.0-yyyymmddhhmmss-abcdef
        [] => version.minor == "0" && version.patch == "0",
        // vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef, vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef
        [.., zero] => zero == "0",
    }
}

/// The outcome of checking a found version against a `require` line's minimum.
pub fn satisfies(minimum: &Version, found: &Version) -> bool {
    // Another major version is another module (`/v2`), or an `+incompatible` line.
    found.major == minimum.major && found >= minimum
}

/// A Go toolchain or language version as the go command's `gover` package reads it:
/// `1.21`, `1.21.0`, `1.21rc1`, `1.22beta2` (the `go` line), or, after [`from_toolchain`],
/// the `toolchain` line's `go1.21.0` / `go1.21.0-suffix`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoVersion {
    major: String,
    minor: String,
    /// Empty for a language version (`1.21`) or a prerelease (`1.21rc1`).
    patch: String,
    /// `alpha`, `beta`, `rc`, or empty.
    kind: String,
    pre: String,
}

impl GoVersion {
    /// Parses a Go version (`1.21`, `1.21.3`, `1.21rc1`, `1`); `None` when it is not one.
    ///
    /// ```
    /// use plugdep_analyzer::versions::go::GoVersion;
    /// let v = |s| GoVersion::parse(s).unwrap();
    /// assert!(v("1.21") < v("1.21rc1"));
    /// assert!(v("1.21rc1") < v("1.21.0"));
    /// assert!(v("1.21.0") < v("1.21.10"));
    /// assert!(GoVersion::parse("v1.21").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<GoVersion> {
        let (major, rest) = number(text)?;
        let mut version = GoVersion {
            major: major.to_string(),
            minor: String::new(),
            patch: String::new(),
            kind: String::new(),
            pre: String::new(),
        };
        if rest.is_empty() {
            return Some(version);
        }
        let rest = rest.strip_prefix('.')?;
        let (minor, rest) = number(rest)?;
        version.minor = minor.to_string();
        if rest.is_empty() {
            return Some(version);
        }
        if let Some(rest) = rest.strip_prefix('.') {
            let (patch, rest) = number(rest)?;
            version.patch = patch.to_string();
            return rest.is_empty().then_some(version);
        }
        let kind_end = rest
            .find(|c: char| !c.is_ascii_lowercase())
            .unwrap_or(rest.len());
        let (kind, pre) = rest.split_at(kind_end);
        if kind.is_empty() || pre.is_empty() || !pre.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        version.kind = kind.to_string();
        version.pre = pre.to_string();
        Some(version)
    }
}

impl std::fmt::Display for GoVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.major)?;
        if !self.minor.is_empty() {
            write!(f, ".{}", self.minor)?;
        }
        if !self.patch.is_empty() {
            write!(f, ".{}", self.patch)?;
        }
        write!(f, "{}{}", self.kind, self.pre)
    }
}

impl PartialOrd for GoVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GoVersion {
    /// `gover.Compare`: 1.21 < 1.21rc1 < 1.21.0 < 1.21.1 (an empty part sorts first).
    fn cmp(&self, other: &Self) -> Ordering {
        compare_numbers(&self.major, &other.major)
            .then_with(|| compare_numbers(&self.minor, &other.minor))
            .then_with(|| compare_numbers(&self.patch, &other.patch))
            .then_with(|| self.kind.cmp(&other.kind))
            .then_with(|| compare_numbers(&self.pre, &other.pre))
    }
}

/// The Go version of a toolchain name (`go1.21.0`, `go1.21.0-bigcorp`), as
/// `gover.FromToolchain` reads it; `None` for `default` or a name that is not one.
///
/// ```
/// use plugdep_analyzer::versions::go::{from_toolchain, GoVersion};
/// assert_eq!(from_toolchain("go1.22.5-custom"), GoVersion::parse("1.22.5"));
/// assert_eq!(from_toolchain("default"), None);
/// ```
pub fn from_toolchain(name: &str) -> Option<GoVersion> {
    if name.contains(['/', '\\']) {
        return None;
    }
    let rest = name.strip_prefix("go")?;
    let end = rest.find(['-', '+']).unwrap_or(rest.len());
    GoVersion::parse(&rest[..end])
}

/// Whether `version` is consistent with the major version a module path carries, as
/// `module.CheckPathMajor` checks it: `example.com/m` takes v0, v1 and `vN+incompatible`;
/// `example.com/m/v3` takes v3 only; `gopkg.in/m.v2` takes v2 (and its prereleases).
///
/// ```
/// use plugdep_analyzer::versions::go::{path_major_allows, Version};
/// let v = |s| Version::parse(s).unwrap();
/// assert!(path_major_allows("example.com/m", &v("v1.9.0")));
/// assert!(path_major_allows("example.com/m", &v("v2.0.0+incompatible")));
/// assert!(!path_major_allows("example.com/m", &v("v2.0.0")));
/// assert!(path_major_allows("example.com/m/v2", &v("v2.1.0")));
/// assert!(!path_major_allows("example.com/m/v2", &v("v1.1.0")));
/// ```
pub fn path_major_allows(path: &str, version: &Version) -> bool {
    match path_major(path) {
        PathMajor::None => {
            if version.is_incompatible() {
                version.major.len() > 1 || version.major.as_str() >= "2"
            } else {
                version.major == "0" || version.major == "1"
            }
        }
        PathMajor::Suffix(major) => !version.is_incompatible() && version.major == major,
        PathMajor::GopkgIn(major) => {
            // gopkg.in/m.v0 also takes v1 (module.MatchPathMajor's special case).
            !version.is_incompatible()
                && (version.major == major || (major == "0" && version.major == "1"))
        }
    }
}

enum PathMajor<'a> {
    None,
    /// `/vN` with N ≥ 2.
    Suffix(&'a str),
    /// `gopkg.in/…​.vN`
    GopkgIn(&'a str),
}

fn path_major(path: &str) -> PathMajor<'_> {
    if path.starts_with("gopkg.in/")
        && let Some((_, major)) = path.rsplit_once(".v")
        && number(major).is_some_and(|(_, rest)| rest.is_empty())
    {
        return PathMajor::GopkgIn(major);
    }
    if let Some((_, last)) = path.rsplit_once("/v")
        && number(last).is_some_and(|(n, rest)| rest.is_empty() && compare_numbers(n, "2").is_ge())
    {
        return PathMajor::Suffix(last);
    }
    PathMajor::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap_or_else(|| panic!("{text} must parse"))
    }

    #[test]
    fn validity_as_x_mod_semver() {
        for valid in [
            "v0.0.0",
            "v1",
            "v1.2",
            "v1.2.3",
            "v1.2.3-beta.1",
            "v1.2.3+meta",
            "v2.0.0+incompatible",
            "v0.0.0-20191109021931-daa7c04131f5",
            "v10.20.30-rc.1.0.20200101000000-0123456789ab",
        ] {
            assert!(Version::parse(valid).is_some(), "{valid}");
        }
        for invalid in [
            "",
            "v",
            "1.2.3",
            "v01.2.3",
            "v1.02.3",
            "v1.2.03",
            "v1.2.3-",
            "v1.2.3-01",
            "v1.2.3-a..b",
            "v1.2.3+",
            "v1-pre",
            "v1.2+meta",
            "v1.2.3.4",
            "v1.2.3 ",
            "master",
            "latest",
        ] {
            assert!(Version::parse(invalid).is_none(), "{invalid}");
        }
    }

    #[test]
    fn ordering_as_semver_compare() {
        let ascending = [
            "v0.0.0-20191109021931-daa7c04131f5",
            "v0.0.0-20200101000000-000000000000",
            "v0.0.0",
            "v0.1.0",
            "v1.0.0-alpha",
            "v1.0.0-alpha.1",
            "v1.0.0-alpha.beta",
            "v1.0.0-beta",
            "v1.0.0-beta.2",
            "v1.0.0-beta.11",
            "v1.0.0-rc.1",
            "v1.0.0",
            "v1.2.3",
            // a pseudo-version after v1.2.3 and before v1.2.4
            "v1.2.4-0.20191109021931-daa7c04131f5",
            "v1.2.4",
            "v1.10.0",
            "v2.0.0+incompatible",
            "v10.0.0",
        ];
        for pair in ascending.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("v1").cmp(&v("v1.0.0")), Ordering::Equal);
        assert_eq!(v("v1.2").cmp(&v("v1.2.0")), Ordering::Equal);
        assert_eq!(v("v2.0.0+incompatible").cmp(&v("v2.0.0")), Ordering::Equal);
        assert_eq!(v("v1.2").canonical(), "v1.2.0");
        assert_eq!(v("v1.2.3+meta").canonical(), "v1.2.3");
        assert_eq!(v("v2.0.0+incompatible").canonical(), "v2.0.0+incompatible");
        // numbers beyond u64 compare by length, then digits
        assert!(v("v99999999999999999999.0.0") > v("v9999999999999999999.0.0"));
    }

    #[test]
    fn pseudo_versions() {
        assert!(is_pseudo_version("v0.0.0-20191109021931-daa7c04131f5"));
        assert!(is_pseudo_version("v1.2.4-0.20191109021931-daa7c04131f5"));
        assert!(is_pseudo_version(
            "v1.2.3-pre.0.20191109021931-daa7c04131f5"
        ));
        assert!(is_pseudo_version(
            "v2.0.1-0.20191109021931-daa7c04131f5+incompatible"
        ));
        assert!(!is_pseudo_version("v1.2.3"));
        assert!(!is_pseudo_version("v1.2.3-beta.1"));
        assert!(is_pseudo_version("v1.0.0-20191109021931-daa7c04131f5"));
        assert!(!is_pseudo_version("v1.2.0-20191109021931-daa7c04131f5"));
        assert!(!is_pseudo_version("v0.0.0-2019110902193-daa7c04131f5"));
    }

    #[test]
    fn minimum_versions() {
        assert!(satisfies(&v("v1.2.0"), &v("v1.2.0")));
        assert!(satisfies(&v("v1.2.0"), &v("v1.9.0")));
        assert!(!satisfies(&v("v1.2.0"), &v("v1.1.9")));
        assert!(!satisfies(&v("v1.2.0"), &v("v2.0.0+incompatible")));
        assert!(!satisfies(
            &v("v1.2.4"),
            &v("v1.2.4-0.20191109021931-daa7c04131f5")
        ));
    }

    #[test]
    fn the_go_dialect_of_check() {
        use crate::versions::{Dialect, Verdict, check};
        assert_eq!(check(Dialect::Go, "v1.2.0", "v1.3.0"), Verdict::Satisfied);
        assert_eq!(
            check(Dialect::Go, "v1.2.0", "v1.1.0"),
            Verdict::Unsatisfied {
                prerelease_only: false
            }
        );
        assert_eq!(
            check(Dialect::Go, "v1.2.0", "v2.0.0+incompatible"),
            Verdict::Unsatisfied {
                prerelease_only: false
            }
        );
        assert_eq!(
            check(Dialect::Go, "v0.0.0-20240102150405-abcdef123456", "v0.1.0"),
            Verdict::Satisfied
        );
        assert_eq!(
            check(Dialect::Go, "1.2.0", "v1.2.0"),
            Verdict::InvalidRange {
                valid_in_other: true
            }
        );
        assert_eq!(
            check(Dialect::Go, "master", "v1.2.0"),
            Verdict::InvalidRange {
                valid_in_other: false
            }
        );
        assert_eq!(
            check(Dialect::Go, "v1.2.0", "1.2.0"),
            Verdict::InvalidVersion
        );
        assert!(Dialect::Go.is_valid_range("v1.2"));
        assert!(!Dialect::Go.is_valid_version("1.2.0"));
    }

    #[test]
    fn go_versions() {
        let g = |s: &str| GoVersion::parse(s).unwrap_or_else(|| panic!("{s}"));
        let ascending = [
            "1.20",
            "1.20.1",
            "1.21",
            "1.21rc1",
            "1.21rc2",
            "1.21.0",
            "1.21.1",
            "1.21.10",
            "1.22beta1",
            "1.22",
        ];
        // "1.22beta1" sorts after "1.22" (a language version sorts first).
        for pair in ascending[..ascending.len() - 2].windows(2) {
            assert!(g(pair[0]) < g(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert!(g("1.22") < g("1.22beta1"));
        assert_eq!(g("1.21rc1").to_string(), "1.21rc1");
        for invalid in [
            "", "v1.21", "1.21.", "1.021", "1.21-rc1", "1.21rc", "go1.21",
        ] {
            assert!(GoVersion::parse(invalid).is_none(), "{invalid}");
        }
        assert_eq!(from_toolchain("go1.21.0"), Some(g("1.21.0")));
        assert_eq!(from_toolchain("go1.21.0+auto"), Some(g("1.21.0")));
        assert_eq!(from_toolchain("1.21.0"), None);
    }

    #[test]
    fn path_majors() {
        assert!(path_major_allows("gopkg.in/yaml.v3", &v("v3.0.1")));
        assert!(!path_major_allows("gopkg.in/yaml.v3", &v("v2.0.1")));
        assert!(path_major_allows("gopkg.in/check.v0", &v("v1.0.0")));
        assert!(path_major_allows("example.com/m/v10", &v("v10.0.0")));
        assert!(path_major_allows("example.com/v1/m", &v("v1.0.0")));
        assert!(path_major_allows(
            "example.com/m",
            &v("v12.0.0+incompatible")
        ));
        assert!(!path_major_allows(
            "example.com/m",
            &v("v1.0.0+incompatible")
        ));
        assert!(!path_major_allows(
            "example.com/m/v2",
            &v("v2.0.0+incompatible")
        ));
    }
}
