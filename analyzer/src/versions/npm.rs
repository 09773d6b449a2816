//! npm version and range semantics: exactly those of node-semver 7 (the npm package
//! `semver`, 7.8.x) with default options — not `loose`; `includePrerelease` only where a
//! function says so.
//!
//! # Why this follows node-semver's steps instead of a grammar
//!
//! node-semver does not parse a range with a grammar. It rewrites the text in a fixed
//! sequence of steps — strip build metadata, expand a hyphen range, glue operators to their
//! versions, expand carets, tildes, x-ranges and stars — and only then parses what is left
//! as plain comparators (`>=1.2.3`). Ordinary ranges come out as documented, but odd ones
//! come out as the *steps* dictate: `1.2.3*` is `=1.2.3` (a star step deletes the `*`),
//! `^1.x.5` is `^1`, `1 - =1.2.3` is invalid while `1 - v1.2.3` is valid, and
//! `* || 1.2.3-beta` matches no prerelease at all. Any grammar of our own would disagree on
//! some such input, so this module reproduces the steps one by one, each as a small
//! function over bytes whose doc comment names the step and the quirk that makes it
//! matter. `tests/npm_semver.rs` checks the whole against node itself (see
//! `tests/npm-semver/README.md`).
//!
//! node-semver's regular expressions are all ASCII, and its `safeRe` variants bound some
//! repetitions (`\d{0,256}`, `[a-zA-Z0-9-]{0,250}`); the bounds change verdicts on long
//! inputs, so they are reproduced too. Every regular expression used is either anchored at
//! both ends with a follower (what must come next) that no repetition can produce, so a
//! greedy scan followed by a check of the follower finds exactly what the backtracking
//! regex finds, or is simple enough to scan directly; each scanner says which.
//!
//! All scanning is over the UTF-8 bytes of the input. Non-ASCII bytes never match any
//! class, exactly as non-ASCII UTF-16 code units never match in JavaScript, and slicing a
//! byte slice cannot split a character in a way that panics. Nothing here recurses.

use std::cmp::Ordering;
use std::fmt;

/// node-semver's `MAX_LENGTH`: a longer version string is invalid (counted in UTF-16 code
/// units, as JavaScript's `length` counts).
const MAX_LENGTH: usize = 256;
/// `Number.MAX_SAFE_INTEGER`: larger major, minor or patch numbers are invalid.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
/// `\d{0,256}` after the first digit of a number: a number is at most 257 digits.
const MAX_NUMBER_DIGITS: usize = 257;
/// `\d{0,256}`: the digits that may start a non-numeric prerelease identifier.
const MAX_LEADING_DIGITS: usize = 256;
/// `[a-zA-Z0-9-]{0,250}` / `{1,250}`: the tail of a prerelease identifier, a build identifier.
const MAX_IDENTIFIER_TAIL: usize = 250;
/// The loose number of node-semver's whitespace-gluing step reads at most 256 digits.
const MAX_LOOSE_NUMBER_DIGITS: usize = 256;

// ---------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------

/// A version as node-semver's `valid()` accepts it, normalized as `valid()` returns it:
/// no `v`, no surrounding whitespace, no build metadata (which never affects comparison).
/// Two versions are equal exactly when `valid()` returns the same string for both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: Vec<Identifier>,
}

/// One dot-separated prerelease identifier, stored as node-semver stores it: a number when
/// it is all digits and below `MAX_SAFE_INTEGER`, otherwise the text. The distinction shows
/// in comparison (see [`compare_identifiers`]).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Identifier {
    Number(u64),
    Text(String),
}

impl Version {
    /// Parses a version; `None` exactly where node-semver's `valid()` returns null.
    ///
    /// The length limit applies to the text as given, before trimming whitespace.
    pub fn parse(text: &str) -> Option<Version> {
        if text.encode_utf16().count() > MAX_LENGTH {
            return None;
        }
        parse_full(text.trim_matches(is_js_whitespace).as_bytes())
    }

    /// Whether the version has a prerelease tag (`1.2.3-beta.1`).
    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    /// node-semver's `compare`: main numbers, then prereleases.
    fn compare(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| compare_prereleases(&self.pre, &other.pre))
    }

    /// `0.0.0-0`: nothing is lower, so `<0.0.0-0` matches nothing (node-semver's null set).
    fn is_lowest(&self) -> bool {
        (self.major, self.minor, self.patch) == (0, 0, 0) && self.pre == [Identifier::Number(0)]
    }
}

impl fmt::Display for Version {
    /// The text node-semver's `valid()` returns.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        for (i, identifier) in self.pre.iter().enumerate() {
            f.write_str(if i == 0 { "-" } else { "." })?;
            match identifier {
                Identifier::Number(n) => write!(f, "{n}")?,
                Identifier::Text(t) => f.write_str(t)?,
            }
        }
        Ok(())
    }
}

/// Parses node-semver's strict full version, `^v?N.N.N(-PRE)?(+BUILD)?$` (its `FULL`), then
/// applies its `MAX_SAFE_INTEGER` checks. The text must already be trimmed.
///
/// A greedy scan is exact here: every part ends where the next part's first character (`.`,
/// `-`, `+`, or the end) begins, and no part can contain that character.
fn parse_full(s: &[u8]) -> Option<Version> {
    let mut i = usize::from(s.first() == Some(&b'v'));
    let mut numbers = [0u64; 3];
    for (k, number) in numbers.iter_mut().enumerate() {
        if k > 0 {
            if s.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let end = number_end(s, i, false);
        if end == i {
            return None;
        }
        *number = safe_integer(&s[i..end])?;
        i = end;
    }
    let pre_end = prerelease_end(s, i, false);
    if build_end(s, pre_end) != s.len() {
        return None;
    }
    let pre = if pre_end > i {
        s[i + 1..pre_end]
            .split(|&b| b == b'.')
            .map(Identifier::from_bytes)
            .collect()
    } else {
        Vec::new()
    };
    let [major, minor, patch] = numbers;
    Some(Version {
        major,
        minor,
        patch,
        pre,
    })
}

/// The value of a run of ASCII digits if it is at most `MAX_SAFE_INTEGER`. node-semver
/// converts with `+text` and rejects values above `MAX_SAFE_INTEGER`; for integers that
/// comparison is exact even in floating point, so an exact integer check agrees.
fn safe_integer(digits: &[u8]) -> Option<u64> {
    let mut value: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        if value > MAX_SAFE_INTEGER {
            return None;
        }
    }
    Some(value)
}

impl Identifier {
    /// node-semver keeps an all-digit identifier as a number only when it is *below*
    /// `MAX_SAFE_INTEGER` (so `9007199254740991` itself stays text).
    fn from_bytes(text: &[u8]) -> Identifier {
        match safe_integer(text) {
            Some(n) if !text.is_empty() && n < MAX_SAFE_INTEGER => Identifier::Number(n),
            _ => Identifier::Text(String::from_utf8_lossy(text).into_owned()),
        }
    }

    /// Whether JavaScript's `/^[0-9]+$/` accepts the identifier's text.
    fn is_numeric(&self) -> bool {
        match self {
            Identifier::Number(_) => true,
            Identifier::Text(t) => !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()),
        }
    }

    /// JavaScript's `+text` for a numeric identifier: a correctly rounded double, so two
    /// different digit strings above 2^53 can convert to the same value.
    fn as_f64(&self) -> f64 {
        match self {
            // Below 2^53: exact.
            Identifier::Number(n) => *n as f64,
            Identifier::Text(t) => t.parse().unwrap_or(f64::NAN),
        }
    }
}

/// node-semver's `comparePre`: a version without prerelease ranks above one with; otherwise
/// identifier by identifier, and the first pair that is not identical decides — even when
/// [`compare_identifiers`] then calls them equal, which ends the comparison as "equal".
fn compare_prereleases(a: &[Identifier], b: &[Identifier]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (false, true) => return Ordering::Less,
        (true, false) => return Ordering::Greater,
        (false, false) => {}
    }
    let mut i = 0;
    loop {
        match (a.get(i), b.get(i)) {
            (None, None) => return Ordering::Equal,
            (Some(_), None) => return Ordering::Greater,
            (None, Some(_)) => return Ordering::Less,
            (Some(x), Some(y)) if x == y => i += 1,
            (Some(x), Some(y)) => return compare_identifiers(x, y),
        }
    }
}

/// node-semver's `compareIdentifiers`: numeric identifiers rank below text ones and compare
/// as JavaScript numbers (doubles: `9007199254740993` equals `9007199254740992`); text
/// identifiers compare by code unit, which for ASCII is byte order.
fn compare_identifiers(a: &Identifier, b: &Identifier) -> Ordering {
    if let (Identifier::Number(x), Identifier::Number(y)) = (a, b) {
        return x.cmp(y);
    }
    match (a.is_numeric(), b.is_numeric()) {
        (true, true) => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(Ordering::Equal),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => match (a, b) {
            (Identifier::Text(x), Identifier::Text(y)) => x.as_bytes().cmp(y.as_bytes()),
            // Unreachable: a number is numeric.
            _ => Ordering::Equal,
        },
    }
}

// ---------------------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------------------

/// A range as node-semver's `validRange()` accepts it.
///
/// node-semver parses a range differently when `includePrerelease` is set (`~1.2` becomes
/// `>=1.2.0-0 <1.3.0-0`, and a hyphen range's upper end `<=1.2.3` becomes `<1.2.4-0`), and
/// the two parses can even disagree on validity, so both are kept.
#[derive(Clone, Debug)]
pub struct Range {
    default: Vec<ComparatorSet>,
    /// `None` where node-semver rejects the range only with `includePrerelease`, so that
    /// `satisfies(v, r, { includePrerelease: true })` is false for every version.
    including_prerelease: Option<Vec<ComparatorSet>>,
}

/// Comparators joined by spaces (AND); a range is a list of these joined by `||` (OR).
type ComparatorSet = Vec<Comparator>;

#[derive(Clone, Debug)]
enum Comparator {
    /// The empty comparator: matches every version (but see the prerelease rule).
    Any,
    Compare(Operator, Version),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operator {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Range {
    /// Parses a range; `None` exactly where node-semver's `validRange()` returns null.
    pub fn parse(text: &str) -> Option<Range> {
        let default = parse_range(text, false)?;
        Some(Range {
            default,
            including_prerelease: parse_range(text, true),
        })
    }

    /// node-semver's `satisfies(version, range)` with default options.
    pub fn satisfies(&self, version: &Version) -> bool {
        self.default
            .iter()
            .any(|set| set_matches(set, version, false))
    }

    /// node-semver's `satisfies(version, range, { includePrerelease: true })`.
    pub fn satisfies_including_prerelease(&self, version: &Version) -> bool {
        self.including_prerelease
            .iter()
            .flatten()
            .any(|set| set_matches(set, version, true))
    }
}

impl Comparator {
    fn matches(&self, version: &Version) -> bool {
        let Comparator::Compare(operator, bound) = self else {
            return true;
        };
        let ordering = version.compare(bound);
        match operator {
            Operator::Eq => ordering == Ordering::Equal,
            Operator::Lt => ordering == Ordering::Less,
            Operator::Le => ordering != Ordering::Greater,
            Operator::Gt => ordering == Ordering::Greater,
            Operator::Ge => ordering != Ordering::Less,
        }
    }

    /// `<0.0.0-0`, node-semver's "null set".
    fn is_null(&self) -> bool {
        matches!(self, Comparator::Compare(Operator::Lt, v) if v.is_lowest())
    }
}

/// node-semver's `testSet`. Every comparator must match; then, without
/// `includePrerelease`, a prerelease version passes only if some comparator of the same set
/// names a prerelease of the same major.minor.patch (`>=1.2.3-beta` lets `1.2.3-rc` in, but
/// not `1.2.4-rc`).
fn set_matches(set: &[Comparator], version: &Version, include_prerelease: bool) -> bool {
    if !set.iter().all(|c| c.matches(version)) {
        return false;
    }
    if include_prerelease || !version.is_prerelease() {
        return true;
    }
    set.iter().any(|c| match c {
        Comparator::Compare(_, bound) => {
            bound.is_prerelease()
                && (bound.major, bound.minor, bound.patch)
                    == (version.major, version.minor, version.patch)
        }
        Comparator::Any => false,
    })
}

/// node-semver's `Range` constructor. `None` where it throws.
fn parse_range(text: &str, include_prerelease: bool) -> Option<Vec<ComparatorSet>> {
    let text = collapse_whitespace(text);
    let mut sets = Vec::new();
    for part in split_on_bars(&text) {
        sets.push(parse_set(trim_spaces(part), include_prerelease)?);
    }
    // With several sets, node-semver drops the null sets (keeping the first if all are),
    // and if more than one set remains and one of them is the bare `*`, the range becomes
    // just that `*`. Dropping null sets changes nothing; the `*` collapse does: `*` lets no
    // prerelease through, so `* || 1.2.3-beta` does not match `1.2.3-beta`.
    if sets.len() > 1 {
        let first = sets[0].clone();
        sets.retain(|set| !set.first().is_some_and(Comparator::is_null));
        if sets.is_empty() {
            sets = vec![first];
        } else if sets.len() > 1
            && let Some(any) = sets.iter().find(|set| matches!(set[..], [Comparator::Any]))
        {
            sets = vec![any.clone()];
        }
    }
    Some(sets)
}

/// node-semver's `parseRange`: one `||`-separated part through every rewriting step, then
/// split into comparators. `None` where a comparator is invalid (the whole range is then
/// invalid).
fn parse_set(part: &[u8], include_prerelease: bool) -> Option<ComparatorSet> {
    let text = strip_build_metadata(part);
    let text = expand_hyphen_range(&text, include_prerelease)?;
    let text = glue_operators(&text);
    let text = glue_after(&text, b'~');
    let text = glue_after(&text, b'^');

    let mut expanded = Vec::new();
    for (i, token) in text.split(|&b| b == b' ').enumerate() {
        if i > 0 {
            expanded.push(b' ');
        }
        expanded.extend(expand_comparator(token, include_prerelease)?);
    }

    // node-semver turns `>=0.0.0` into `*` (with `includePrerelease`, `>=0.0.0-0`), which
    // matters: `*` is dropped from a set that has other comparators.
    let lowest: &[u8] = if include_prerelease {
        b">=0.0.0-0"
    } else {
        b">=0.0.0"
    };
    let mut comparators = Vec::new();
    for token in split_on_spaces(&expanded) {
        let token = if token == lowest { &[][..] } else { token };
        comparators.push(parse_comparator(token)?);
    }

    // A set with a null comparator is just that comparator; `*` is dropped from a set that
    // has other comparators. (node-semver also drops duplicates, which changes nothing.)
    if let Some(null) = comparators.iter().find(|c| c.is_null()) {
        return Some(vec![null.clone()]);
    }
    comparators.retain(|c| !matches!(c, Comparator::Any));
    if comparators.is_empty() {
        comparators.push(Comparator::Any);
    }
    Some(comparators)
}

/// node-semver's `Comparator`: `^((?:<|>)?=?)\s?(FULL version)$`, or the empty string for
/// "any version". The version part is then parsed as a `SemVer` (length and
/// `MAX_SAFE_INTEGER` checks included). A greedy scan of the operator is exact because a
/// version cannot start with `<`, `>` or `=`.
fn parse_comparator(token: &[u8]) -> Option<Comparator> {
    if token.is_empty() {
        return Some(Comparator::Any);
    }
    let (operator, rest) = split_operator(token);
    let operator = match operator {
        b"" | b"=" => Operator::Eq,
        b"<" => Operator::Lt,
        b"<=" => Operator::Le,
        b">" => Operator::Gt,
        _ => Operator::Ge, // `>=`, the only one left
    };
    // ASCII only by now, so bytes are UTF-16 code units. (Tokens hold no whitespace, so the
    // optional `\s` never matters.)
    if rest.len() > MAX_LENGTH {
        return None;
    }
    Some(Comparator::Compare(operator, parse_full(rest)?))
}

/// Splits off node-semver's `GTLT`, `(?:<|>)?=?`: one of ``, `<`, `>`, `=`, `<=`, `>=`.
fn split_operator(token: &[u8]) -> (&[u8], &[u8]) {
    let mut end = usize::from(matches!(token.first(), Some(b'<' | b'>')));
    if token.get(end) == Some(&b'=') {
        end += 1;
    }
    token.split_at(end)
}

// --- Step 0: whitespace ----------------------------------------------------------------

/// JavaScript's `\s` and `String.prototype.trim` whitespace (ECMAScript WhiteSpace and
/// LineTerminator). Not Rust's `char::is_whitespace`: that includes U+0085 and excludes
/// U+FEFF.
fn is_js_whitespace(c: char) -> bool {
    const OTHERS: [char; 13] = [
        '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{a0}', '\u{1680}', '\u{2028}', '\u{2029}',
        '\u{202f}', '\u{205f}', '\u{3000}',
    ];
    ('\u{2000}'..='\u{200a}').contains(&c) || c == '\u{feff}' || OTHERS.contains(&c)
}

/// The `Range` constructor's first step, `range.trim().replace(/\s+/g, ' ')`. Afterwards the
/// only whitespace anywhere is a single ASCII space, so every later `\s` is `' '`.
fn collapse_whitespace(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim_matches(is_js_whitespace).chars() {
        if is_js_whitespace(c) {
            in_space = true;
            continue;
        }
        if in_space {
            out.push(b' ');
            in_space = false;
        }
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    out
}

/// `text.split('||')`: non-overlapping, left to right (`a|||b` is `a` and `|b`).
fn split_on_bars(text: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i + 1 < text.len() {
        if text[i] == b'|' && text[i + 1] == b'|' {
            parts.push(&text[start..i]);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

fn trim_spaces(mut s: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' '] = s {
        s = rest;
    }
    s
}

/// JavaScript's `text.split(/\s+/)`: maximal runs of spaces separate; a leading or trailing
/// run yields an empty first or last piece; the empty string yields one empty piece.
fn split_on_spaces(text: &[u8]) -> Vec<&[u8]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        if text[i] == b' ' {
            pieces.push(&text[start..i]);
            while i < text.len() && text[i] == b' ' {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(&text[start..]);
    pieces
}

// --- Character classes and the scanners shared by every step ----------------------------

fn is_digit(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_digit)
}

/// `[a-zA-Z-]`: what makes a prerelease identifier non-numeric.
fn is_letter_or_hyphen(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-')
}

/// `[a-zA-Z0-9-]`: prerelease and build identifier characters.
fn is_identifier_char(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `x`, `X` or `*`: a wildcard version component.
fn is_wildcard(b: Option<&u8>) -> bool {
    matches!(b, Some(b'x' | b'X' | b'*'))
}

/// The end of the digits at `i`, reading at most `limit` of them (a bounded `\d{0,n}`).
fn digits_end(s: &[u8], i: usize, limit: usize) -> usize {
    let mut end = i;
    while end - i < limit && is_digit(s.get(end)) {
        end += 1;
    }
    end
}

/// The end of a version number at `i`, or `i` if there is none. Strict is node-semver's
/// `0|[1-9]\d{0,256}` (a leading `0` is a number by itself, so `01` reads as `0` followed by
/// a stray `1`); loose is the `\d{1,256}` of its whitespace-gluing step.
fn number_end(s: &[u8], i: usize, loose: bool) -> usize {
    if loose {
        digits_end(s, i, MAX_LOOSE_NUMBER_DIGITS)
    } else if s.get(i) == Some(&b'0') {
        i + 1
    } else {
        digits_end(s, i, MAX_NUMBER_DIGITS)
    }
}

/// The end of one prerelease identifier at `i`, or `i`: node-semver's
/// `\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}` tried before a number. Whenever the
/// non-numeric form matches, a number there would be followed by a letter, which no context
/// accepts, so trying it first and taking its longest match is what the regex does.
fn prerelease_identifier_end(s: &[u8], i: usize, loose: bool) -> usize {
    let digits = digits_end(s, i, MAX_LEADING_DIGITS);
    if is_letter_or_hyphen(s.get(digits)) {
        let mut end = digits + 1;
        while end - (digits + 1) < MAX_IDENTIFIER_TAIL && is_identifier_char(s.get(end)) {
            end += 1;
        }
        end
    } else {
        number_end(s, i, loose)
    }
}

/// The end of a prerelease suffix at `i` (`-beta.1`), or `i` if there is none. Strict needs
/// the `-`; loose (only the whitespace-gluing step uses it) does not, and lets a lone `-` be
/// an identifier. A trailing `.` that starts no identifier is left unread.
fn prerelease_end(s: &[u8], i: usize, loose: bool) -> usize {
    let hyphen = s.get(i) == Some(&b'-');
    if !loose && !hyphen {
        return i;
    }
    let first = i + usize::from(hyphen);
    let mut end = prerelease_identifier_end(s, first, loose);
    if end == first {
        if !(loose && hyphen) {
            return i;
        }
        end = prerelease_identifier_end(s, i, loose);
    }
    while s.get(end) == Some(&b'.') {
        let next = prerelease_identifier_end(s, end + 1, loose);
        if next == end + 1 {
            break;
        }
        end = next;
    }
    end
}

/// The end of build metadata at `i` (`+sha.1`), or `i`: node-semver's bounded
/// `\+[a-zA-Z0-9-]{1,250}(\.[a-zA-Z0-9-]{1,250})*`.
fn build_end(s: &[u8], i: usize) -> usize {
    let identifier_end = |start: usize| {
        let mut end = start;
        while end - start < MAX_IDENTIFIER_TAIL && is_identifier_char(s.get(end)) {
            end += 1;
        }
        end
    };
    if s.get(i) != Some(&b'+') {
        return i;
    }
    let mut end = identifier_end(i + 1);
    if end == i + 1 {
        return i;
    }
    while s.get(end) == Some(&b'.') {
        let next = identifier_end(end + 1);
        if next == end + 1 {
            break;
        }
        end = next;
    }
    end
}

/// The parts node-semver's `XRANGEPLAIN` captures: `[v=\s]*` then one to three components
/// (each `0|[1-9]\d{0,256}|x|X|*`), and after a third one a prerelease and build metadata.
struct Partial<'a> {
    /// The whole match, prefix characters included.
    text: &'a [u8],
    major: &'a [u8],
    minor: Option<&'a [u8]>,
    patch: Option<&'a [u8]>,
    /// The prerelease without its `-`.
    pre: Option<&'a [u8]>,
}

/// Matches `XRANGEPLAIN` at `i` and returns it with its end. Every context that uses it
/// requires a space or the end of the text next (build metadata is gone by then), so the
/// greedy scan is the regex's match: any shorter alternative would leave a digit, letter,
/// `.`, `-` or `+` next, or make a component start at a `v`, `=` or space.
fn scan_partial(s: &[u8], i: usize) -> Option<(Partial<'_>, usize)> {
    let component_end = |j: usize| {
        if is_wildcard(s.get(j)) {
            j + 1
        } else {
            number_end(s, j, false)
        }
    };
    let mut start = i;
    while matches!(s.get(start), Some(b'v' | b'=' | b' ')) {
        start += 1;
    }
    let mut end = component_end(start);
    if end == start {
        return None;
    }
    let mut parts = Partial {
        text: &[],
        major: &s[start..end],
        minor: None,
        patch: None,
        pre: None,
    };
    for k in 0..2 {
        if s.get(end) != Some(&b'.') {
            break;
        }
        let next = component_end(end + 1);
        if next == end + 1 {
            break;
        }
        let component = &s[end + 1..next];
        end = next;
        if k == 0 {
            parts.minor = Some(component);
        } else {
            parts.patch = Some(component);
            let pre_end = prerelease_end(s, end, false);
            if pre_end > end {
                parts.pre = Some(&s[end + 1..pre_end]);
            }
            end = build_end(s, pre_end);
        }
    }
    parts.text = &s[i..end];
    Some((parts, end))
}

/// `scan_partial` over the whole of `s` (the `^…$` forms), from `i`.
fn whole_partial(s: &[u8], i: usize) -> Option<Partial<'_>> {
    match scan_partial(s, i) {
        Some((parts, end)) if end == s.len() => Some(parts),
        _ => None,
    }
}

/// What a partial version pins down, read as node-semver reads it: its `isX` test (a
/// missing component, `x`, `X` or `*`) on major, then minor, then patch, where the first
/// x ends the reading — so components after an x are ignored (`^1.x.5` is `^1`).
enum Shape<'a> {
    /// `*`, `x`, `x.1`: any version.
    Any,
    /// `1`, `1.x`, `1.x.5`.
    Major(&'a [u8]),
    /// `1.2`, `1.2.x`, `1.2.x-beta` (the prerelease is ignored too).
    Minor(&'a [u8], &'a [u8]),
    /// `1.2.3`, `1.2.3-beta`.
    Patch(&'a [u8], &'a [u8], &'a [u8]),
}

impl<'a> Partial<'a> {
    fn shape(&self) -> Shape<'a> {
        fn is_x(component: Option<&[u8]>) -> bool {
            component.is_none_or(|c| matches!(c, b"x" | b"X" | b"*"))
        }
        match (self.minor, self.patch) {
            _ if is_x(Some(self.major)) => Shape::Any,
            (Some(minor), patch) if !is_x(Some(minor)) => match patch {
                Some(patch) if !is_x(Some(patch)) => Shape::Patch(self.major, minor, patch),
                _ => Shape::Minor(self.major, minor),
            },
            _ => Shape::Major(self.major),
        }
    }

    /// node-semver's x-range step leaves `x.1` and `1.x.2` alone (an x before a number).
    fn x_before_number(&self) -> bool {
        let is_x = |c: &[u8]| matches!(c, b"x" | b"X" | b"*");
        let minor_x = self.minor.is_none_or(is_x);
        (is_x(self.major) && !minor_x) || (minor_x && self.patch.is_some_and(|p| !is_x(p)))
    }
}

/// JavaScript's `` `${+n + 1}` `` for a captured number. `None` when the sum exceeds
/// `MAX_SAFE_INTEGER`: JavaScript then prints a number that is either too large or in
/// exponent form (`1e+21`), and the comparator it lands in is invalid, so the whole range
/// is invalid — the caller gives up at once.
fn plus_one(number: &[u8]) -> Option<Vec<u8>> {
    let value = safe_integer(number)?;
    if value >= MAX_SAFE_INTEGER {
        return None;
    }
    Some((value + 1).to_string().into_bytes())
}

/// Joins byte strings; the output of every expansion step.
fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// `-pre`, or nothing.
fn dash(pre: Option<&[u8]>) -> Vec<u8> {
    pre.map(|pre| cat(&[b"-", pre])).unwrap_or_default()
}

// --- Step 1: build metadata -------------------------------------------------------------

/// `range.replace(/\+([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)/g, '')` — unbounded, everywhere in
/// the part, not only after versions (`1.2.3+build` and `a+b 1.2.3` both lose their `+…`).
/// Afterwards no `+` is followed by an identifier character, and no later step creates one
/// (they only delete spaces that follow `<`, `>`, `=`, `~`, `^` or a space), so the build
/// metadata that the later patterns allow never occurs again.
fn strip_build_metadata(s: &[u8]) -> Vec<u8> {
    let identifiers_end = |mut end: usize| {
        while is_identifier_char(s.get(end)) {
            end += 1;
        }
        end
    };
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'+' && is_identifier_char(s.get(i + 1)) {
            let mut end = identifiers_end(i + 1);
            while s.get(end) == Some(&b'.') && is_identifier_char(s.get(end + 1)) {
                end = identifiers_end(end + 1);
            }
            i = end;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

// --- Step 2: hyphen ranges --------------------------------------------------------------

/// node-semver's `HYPHENRANGE`, `^\s?(XRANGEPLAIN)\s-\s(XRANGEPLAIN)\s?$`, replaced by a
/// lower and an upper comparator. Partial ends widen: `1.2 - 3.4` is `>=1.2.0 <3.5.0-0`.
/// A full end is pasted as written, prefix included: `1 - v1.2.3` gives `<=v1.2.3` (valid)
/// but `1 - =1.2.3` gives `<==1.2.3` (invalid) — unless `includePrerelease`, where the
/// upper end is rebuilt from its numbers (`<1.2.4-0`). `None` only on number overflow.
fn expand_hyphen_range(s: &[u8], include_prerelease: bool) -> Option<Vec<u8>> {
    let start = usize::from(s.first() == Some(&b' '));
    let Some((from, from_end)) = scan_partial(s, start) else {
        return Some(s.to_vec());
    };
    if s.get(from_end..from_end + 3) != Some(&b" - "[..]) {
        return Some(s.to_vec());
    }
    let Some((to, mut to_end)) = scan_partial(s, from_end + 3) else {
        return Some(s.to_vec());
    };
    if s.get(to_end) == Some(&b' ') {
        to_end += 1;
    }
    if to_end != s.len() {
        return Some(s.to_vec());
    }

    let z: &[u8] = if include_prerelease { b"-0" } else { b"" };
    let lower = match from.shape() {
        Shape::Any => Vec::new(),
        Shape::Major(major) => cat(&[b">=", major, b".0.0", z]),
        Shape::Minor(major, minor) => cat(&[b">=", major, b".", minor, b".0", z]),
        Shape::Patch(..) if from.pre.is_some() => cat(&[b">=", from.text]),
        Shape::Patch(..) => cat(&[b">=", from.text, z]),
    };
    let upper = match to.shape() {
        Shape::Any => Vec::new(),
        Shape::Major(major) => cat(&[b"<", &plus_one(major)?, b".0.0-0"]),
        Shape::Minor(major, minor) => cat(&[b"<", major, b".", &plus_one(minor)?, b".0-0"]),
        Shape::Patch(major, minor, patch) => match to.pre {
            Some(pre) => cat(&[b"<=", major, b".", minor, b".", patch, b"-", pre]),
            None if include_prerelease => {
                let next = plus_one(patch)?;
                cat(&[b"<", major, b".", minor, b".", &next, b"-0"])
            }
            None => cat(&[b"<=", to.text]),
        },
    };
    Some(trim_spaces(&cat(&[&lower, b" ", &upper])).to_vec())
}

// --- Step 3: glue operators to versions -------------------------------------------------

/// `v`, `=` or a space: what may precede a version.
fn is_version_prefix(b: u8) -> bool {
    matches!(b, b'v' | b'=' | b' ')
}

/// A digit, `x`, `X` or `*`: what may start a version.
fn is_version_start(b: Option<&u8>) -> bool {
    is_digit(b) || is_wildcard(b)
}

/// node-semver's comparator-whitespace step (`> 1.2.3` → `>1.2.3`; in 7.8 a hand-written
/// replacement for its `COMPARATORTRIM` regex, whose match boundaries it keeps).
///
/// It walks the text looking for an optional `<`/`>` followed by a run of `v`, `=` and
/// spaces that ends at a version start. For each such candidate it deletes at most one
/// space: the one that follows an optional leading space, an optional `<`/`>` and an
/// optional `=` (so `>= 1` → `>=1`, `= 1` → `=1`, but `v 1` and `> v 1` stay). It then
/// skips the whole version (a loose full version if there is one, else a partial one), so
/// text inside a version, like the `v` of a prerelease `-dev`, never starts a candidate.
fn glue_operators(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < s.len() {
        let start = i;
        if matches!(s[i], b'<' | b'>') {
            i += 1;
        } else if !is_version_prefix(s[i]) && !is_version_start(s.get(i)) {
            i += 1;
            continue;
        }
        while i < s.len() && is_version_prefix(s[i]) {
            i += 1;
        }
        if !is_version_start(s.get(i)) {
            continue;
        }
        if let Some(space) = removable_space(s, start) {
            out.extend_from_slice(&s[copied..space]);
            copied = space + 1;
        }
        i = version_end(s, i);
    }
    out.extend_from_slice(&s[copied..]);
    out
}

/// The space a candidate starting at `start` loses: after an optional space, an optional
/// `<` or `>`, and an optional `=`.
fn removable_space(s: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    if s.get(i) == Some(&b' ') {
        i += 1;
    }
    if matches!(s.get(i), Some(b'<' | b'>')) {
        i += 1;
    }
    if s.get(i) == Some(&b'=') {
        i += 1;
    }
    (s.get(i) == Some(&b' ')).then_some(i)
}

/// Where the gluing step resumes after a version at `i`: the end of a loose full version
/// (`\d{1,256}` numbers, prerelease with or without `-`, build), else of a partial version
/// (strict components, and a strict prerelease and build after a third one).
fn version_end(s: &[u8], i: usize) -> usize {
    let full = loose_full_version_end(s, i);
    if full != i {
        return full;
    }
    let component_end = |j: usize| {
        if is_digit(s.get(j)) {
            number_end(s, j, false)
        } else if is_wildcard(s.get(j)) {
            j + 1
        } else {
            j
        }
    };
    let mut end = component_end(i);
    for _ in 0..2 {
        if s.get(end) != Some(&b'.') {
            return end;
        }
        let next = component_end(end + 1);
        if next == end + 1 {
            return end;
        }
        end = next;
    }
    build_end(s, prerelease_end(s, end, false))
}

fn loose_full_version_end(s: &[u8], i: usize) -> usize {
    let mut end = i;
    for k in 0..3 {
        if k > 0 {
            if s.get(end) != Some(&b'.') {
                return i;
            }
            end += 1;
        }
        let next = number_end(s, end, true);
        if next == end {
            return i;
        }
        end = next;
    }
    build_end(s, prerelease_end(s, end, true))
}

// --- Step 4: glue `~`, `~>` and `^` to versions -----------------------------------------

/// node-semver's `TILDETRIM` and `CARETTRIM`: `(\s?)~>?\s` → `$1~` and `(\s?)\^\s` → `$1^`,
/// everywhere. One space is deleted, and `~> ` loses its `>` while `~>1` keeps it.
fn glue_after(s: &[u8], sigil: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == sigil {
            let arrow = sigil == b'~' && s.get(i + 1) == Some(&b'>') && s.get(i + 2) == Some(&b' ');
            if arrow || s.get(i + 1) == Some(&b' ') {
                out.push(sigil);
                i += if arrow { 3 } else { 2 };
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

// --- Step 5: one space-separated token → comparators ------------------------------------

/// node-semver's `parseComparator` for one token: carets, then tildes, then x-ranges on
/// each resulting piece, then one star deletion. (It first strips build metadata again,
/// which step 1 has already removed for good.) `None` only on number overflow.
fn expand_comparator(token: &[u8], include_prerelease: bool) -> Option<Vec<u8>> {
    let text = expand_caret(token, include_prerelease)?;
    let text = map_pieces(&text, |piece| expand_tilde(piece, include_prerelease))?;
    let text = map_pieces(&text, |piece| expand_x_range(piece, include_prerelease))?;
    Some(delete_first_star(trim_spaces(&text)))
}

/// `text.split(/\s+/).map(f).join(' ')`.
fn map_pieces(text: &[u8], f: impl Fn(&[u8]) -> Option<Vec<u8>>) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for (i, piece) in split_on_spaces(trim_spaces(text)).into_iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend(f(piece)?);
    }
    Some(out)
}

/// node-semver's caret: `^1.2.3` → `>=1.2.3 <2.0.0-0`, `^0.2.3` → `<0.3.0-0`, `^0.0.3` →
/// `<0.0.4-0`; `^1.2`/`^1.2.x` → `>=1.2.0 <2.0.0-0`, `^0.0` → `<0.1.0-0`; `^1`/`^1.x` →
/// `<2.0.0-0`; `^*` → any. Anything that is not `^` + `XRANGEPLAIN` is left as is.
fn expand_caret(token: &[u8], include_prerelease: bool) -> Option<Vec<u8>> {
    let Some(p) = token
        .strip_prefix(b"^")
        .and_then(|_| whole_partial(token, 1))
    else {
        return Some(token.to_vec());
    };
    let z: &[u8] = if include_prerelease { b"-0" } else { b"" };
    Some(match p.shape() {
        Shape::Any => Vec::new(),
        Shape::Major(major) => {
            let next = plus_one(major)?;
            cat(&[b">=", major, b".0.0", z, b" <", &next, b".0.0-0"])
        }
        Shape::Minor(major, minor) => {
            let upper = if major == b"0" {
                cat(&[major, b".", &plus_one(minor)?, b".0-0"])
            } else {
                cat(&[&plus_one(major)?, b".0.0-0"])
            };
            cat(&[b">=", major, b".", minor, b".0", z, b" <", &upper])
        }
        Shape::Patch(major, minor, patch) => {
            let upper = match (major, minor) {
                (b"0", b"0") => cat(&[major, b".", minor, b".", &plus_one(patch)?, b"-0"]),
                (b"0", _) => cat(&[major, b".", &plus_one(minor)?, b".0-0"]),
                _ => cat(&[&plus_one(major)?, b".0.0-0"]),
            };
            let pre = dash(p.pre);
            cat(&[b">=", major, b".", minor, b".", patch, &pre, b" <", &upper])
        }
    })
}

/// node-semver's tilde (`~` or `~>`): `~1.2.3` → `>=1.2.3 <1.3.0-0`, `~1.2` → `<1.3.0-0`,
/// `~1` → `<2.0.0-0`, `~*` → any. Anything else is left as is.
fn expand_tilde(piece: &[u8], include_prerelease: bool) -> Option<Vec<u8>> {
    let Some(rest) = piece.strip_prefix(b"~") else {
        return Some(piece.to_vec());
    };
    let start = 1 + usize::from(rest.first() == Some(&b'>'));
    let Some(p) = whole_partial(piece, start) else {
        return Some(piece.to_vec());
    };
    let z: &[u8] = if include_prerelease { b"-0" } else { b"" };
    Some(match p.shape() {
        Shape::Any => Vec::new(),
        Shape::Major(major) => {
            let next = plus_one(major)?;
            cat(&[b">=", major, b".0.0", z, b" <", &next, b".0.0-0"])
        }
        Shape::Minor(major, minor) => {
            let next = plus_one(minor)?;
            cat(&[
                b">=", major, b".", minor, b".0", z, b" <", major, b".", &next, b".0-0",
            ])
        }
        Shape::Patch(major, minor, patch) => {
            let (next, pre) = (plus_one(minor)?, dash(p.pre));
            let lower = cat(&[b">=", major, b".", minor, b".", patch, &pre]);
            cat(&[&lower, b" <", major, b".", &next, b".0-0"])
        }
    })
}

/// node-semver's x-range step, for `GTLT` + `XRANGEPLAIN`: `1.2.x`/`1.2` →
/// `>=1.2.0 <1.3.0-0`, `1` → `>=1.0.0 <2.0.0-0`, `*` → `*`; with an operator, `>1.2` →
/// `>=1.3.0`, `<=1.2` → `<1.3.0-0`, `<1.2` → `<1.2.0-0`, `>=1.2` → `>=1.2.0`, `>*`/`<*` →
/// nothing. A prerelease on an x-range is dropped (`1.2.x-beta` is `1.2.x`). A token
/// without an x is left as is, and so is one with an x before a number (`1.x.2`, `*.1`),
/// which therefore fails later (unless the star step rescues it).
fn expand_x_range(piece: &[u8], include_prerelease: bool) -> Option<Vec<u8>> {
    let (operator, _) = split_operator(piece);
    let Some(p) = whole_partial(piece, operator.len()) else {
        return Some(piece.to_vec());
    };
    let shape = p.shape();
    if p.x_before_number() || matches!(shape, Shape::Patch(..)) {
        return Some(piece.to_vec());
    }
    let operator = if operator == b"=" { &b""[..] } else { operator };
    let z: &[u8] = if include_prerelease { b"-0" } else { b"" };
    let (major, minor) = match shape {
        Shape::Major(major) => (major, None),
        Shape::Minor(major, minor) => (major, Some(minor)),
        _ => {
            let nothing = matches!(operator, b">" | b"<");
            return Some(if nothing { &b"<0.0.0-0"[..] } else { b"*" }.to_vec());
        }
    };
    if operator.is_empty() {
        return Some(match minor {
            None => {
                let next = plus_one(major)?;
                cat(&[b">=", major, b".0.0", z, b" <", &next, b".0.0-0"])
            }
            Some(minor) => {
                let next = plus_one(minor)?;
                cat(&[
                    b">=", major, b".", minor, b".0", z, b" <", major, b".", &next, b".0-0",
                ])
            }
        });
    }
    // `>1.2` is `>=1.3.0` and `<=1.2` is `<1.3.0-0`: the first version past the x-range.
    let (operator, major, minor): (&[u8], Vec<u8>, Vec<u8>) = match (operator, minor) {
        (b">", None) => (b">=", plus_one(major)?, b"0".to_vec()),
        (b">", Some(minor)) => (b">=", major.to_vec(), plus_one(minor)?),
        (b"<=", None) => (b"<", plus_one(major)?, b"0".to_vec()),
        (b"<=", Some(minor)) => (b"<", major.to_vec(), plus_one(minor)?),
        (_, minor) => (operator, major.to_vec(), minor.unwrap_or(b"0").to_vec()),
    };
    let pre = if operator == b"<" { &b"-0"[..] } else { z };
    Some(cat(&[operator, &major, b".", &minor, b".0", pre]))
}

/// node-semver's star step, `text.replace(/(<|>)?=?\s?\*/, '')`: the *first* `*`, with the
/// `<`/`>`, `=` and space right before it, is deleted — wherever it is, so `1.2.3*` and
/// `*1.2.3` become `1.2.3`. (The leftmost match ends at the first `*`, since none of the
/// optional characters is a `*`; it starts as early as those optional characters allow.)
fn delete_first_star(text: &[u8]) -> Vec<u8> {
    let Some(star) = text.iter().position(|&b| b == b'*') else {
        return text.to_vec();
    };
    let mut start = star;
    if start > 0 && text[start - 1] == b' ' {
        start -= 1;
    }
    if start > 0 && text[start - 1] == b'=' {
        start -= 1;
    }
    if start > 0 && matches!(text[start - 1], b'<' | b'>') {
        start -= 1;
    }
    cat(&[&text[..start], &text[star + 1..]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap_or_else(|| panic!("{text:?} should be a valid version"))
    }

    fn sat(range: &str, version: &str) -> bool {
        Range::parse(range)
            .unwrap_or_else(|| panic!("{range:?} should be a valid range"))
            .satisfies(&v(version))
    }

    fn sat_pre(range: &str, version: &str) -> bool {
        Range::parse(range)
            .unwrap_or_else(|| panic!("{range:?} should be a valid range"))
            .satisfies_including_prerelease(&v(version))
    }

    #[test]
    fn versions() {
        for valid in [
            "1.2.3",
            " v1.2.3 ",
            "1.2.3-beta.1+build.5",
            "0.0.0-0",
            "1.2.3--",
            "1.2.3-0a",
        ] {
            assert!(Version::parse(valid).is_some(), "{valid:?}");
        }
        for invalid in [
            "=1.2.3",
            "1.2",
            "01.2.3",
            "1.2.3-01",
            "1.2.3+",
            "1.2.3-a..b",
            "vv1.2.3",
            "",
        ] {
            assert!(Version::parse(invalid).is_none(), "{invalid:?}");
        }
        assert_eq!(v(" v1.2.3-beta.01a+sha ").to_string(), "1.2.3-beta.01a");
        assert!(v("1.2.3-beta").is_prerelease());
        assert!(!v("1.2.3+beta").is_prerelease());
        assert_eq!(v("1.2.3+a"), v("v1.2.3+b"));
    }

    #[test]
    fn numbers_above_max_safe_integer_are_invalid() {
        assert!(Version::parse("9007199254740991.0.0").is_some());
        assert!(Version::parse("9007199254740992.0.0").is_none());
        assert!(Range::parse(">=9007199254740992.0.0").is_none());
        // `^` needs major + 1, which is past the limit.
        assert!(Range::parse("^9007199254740991.0.0").is_none());
        assert!(Range::parse("~9007199254740991.0.0").is_some());
        // An x patch is never read, however large.
        assert!(sat("^1.x.99999999999999999999", "1.5.0"));
    }

    #[test]
    fn length_limit_counts_utf16_units_before_trimming() {
        let padded = format!("{}1.2.3", " ".repeat(251));
        assert!(Version::parse(&padded).is_some());
        assert!(Version::parse(&format!(" {padded}")).is_none());
    }

    #[test]
    fn comma_ranges_are_rejected() {
        assert!(Range::parse(">=1.0.0, <2.0.0").is_none());
        assert!(Range::parse(">=1.0.0,<2.0.0").is_none());
        assert!(Range::parse(">=1.0.0 <2.0.0").is_some());
    }

    #[test]
    fn a_bare_version_is_exact() {
        assert!(sat("1.2.3", "1.2.3"));
        assert!(!sat("1.2.3", "1.2.4"));
        assert!(sat("=v1.2.3", "1.2.3"));
        assert!(sat("1.2", "1.2.9"));
        assert!(!sat("1.2", "1.3.0"));
        assert!(sat("", "7.0.0"));
        assert!(sat("  ", "7.0.0"));
    }

    #[test]
    fn prerelease_rule() {
        assert!(!sat("^1.0.0", "1.5.0-beta.1"));
        assert!(sat_pre("^1.0.0", "1.5.0-beta.1"));
        assert!(sat("^1.2.3-alpha", "1.2.3-beta"));
        assert!(!sat("^1.2.3-alpha", "1.2.4-beta"));
        assert!(sat(">=1.0.0-rc.1", "1.0.0"));
        assert!(!sat("*", "1.0.0-beta"));
        assert!(sat_pre("*", "1.0.0-beta"));
        // The `*` set swallows the whole range.
        assert!(sat("1.2.3-beta", "1.2.3-beta"));
        assert!(!sat("* || 1.2.3-beta", "1.2.3-beta"));
        assert!(sat("1.2.3 || 1.2.3-beta", "1.2.3-beta"));
    }

    #[test]
    fn tilde_and_caret() {
        assert!(sat("~>1.2.3", "1.2.9"));
        assert!(!sat("~>1.2.3", "1.3.0"));
        assert!(sat("~> 1.2", "1.2.0"));
        assert!(sat("~ 1", "1.9.0"));
        assert!(sat("^0.2.3", "0.2.9"));
        assert!(!sat("^0.2.3", "0.3.0"));
        assert!(sat("^0.0.3", "0.0.3"));
        assert!(!sat("^0.0.3", "0.0.4"));
        assert!(sat("^0.0.x", "0.0.9"));
        assert!(!sat("^0.0.x", "0.1.0"));
        assert!(sat("^0.x", "0.9.0"));
        assert!(!sat("^0.x", "1.0.0"));
        assert!(sat("^1.x.5", "1.0.0"));
    }

    #[test]
    fn hyphen_ranges() {
        assert!(sat("1.2.3 - 2.3.4", "2.3.4"));
        assert!(!sat("1.2.3 - 2.3.4", "2.3.5"));
        assert!(sat("1.2 - 2.3", "2.3.9"));
        assert!(!sat("1.2 - 2.3", "2.4.0"));
        assert!(!sat("1.2 - 2.3", "1.1.9"));
        assert!(sat("1 - 2", "2.9.9"));
        assert!(sat("* - 2", "0.0.1"));
        assert!(sat("1 - v1.2.3", "1.2.3"));
        assert!(Range::parse("1 - =1.2.3").is_none());
        assert!(Range::parse("1.2.3 -2.3.4").is_none());
        // With includePrerelease the upper end is rebuilt, so the same text is valid there.
        assert!(parse_range("1 - =1.2.3", true).is_some());
    }

    #[test]
    fn step_quirks() {
        assert!(sat("1.2.3*", "1.2.3"));
        assert!(sat(">=*1.2.3", "1.2.3"));
        assert!(sat("> 1.2.3 < 1.5", "1.4.0"));
        assert!(sat(">1.2", "1.3.0"));
        assert!(!sat(">1.2", "1.2.9"));
        assert!(sat("<=1.2", "1.2.9"));
        assert!(sat("1.2.3 ||", "9.9.9"));
        assert!(Range::parse("1.x.2").is_none());
        assert!(Range::parse("01.2.3").is_none());
        assert!(Range::parse("v=1.2.3").is_none());
        assert!(sat("v=1.x", "1.5.0"));
        assert!(Range::parse("<0.0.0-0").is_some());
        assert!(!sat("<0.0.0-0", "0.0.0"));
    }

    #[test]
    fn identifiers_above_2_pow_53_compare_as_doubles() {
        assert!(sat("=1.0.0-9007199254740992", "1.0.0-9007199254740993"));
        assert!(!sat("=1.0.0-9007199254740990", "1.0.0-9007199254740989"));
    }
}
