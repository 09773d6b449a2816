//! The facts cache (`--cache DIR`, `cache = "DIR"` in plugdep.toml): the facts of every
//! source file, keyed by a hash of the file's bytes and the extractor that read them, so
//! that a run over an unchanged tree parses nothing and a run after an edit parses only the
//! files that changed.
//!
//! # One file per root
//!
//! A cache folder holds one file per scanned root, [`file_for`]`(DIR, ROOT)`, named after a
//! hash of the root's canonical path. It is read once at the start of the parse stage and,
//! when anything changed, written once at its end with exactly the entries that run used
//! (so it never grows with files that are gone). It is written to a temporary file in DIR
//! that is then renamed over the old one, so that a reader sees the old cache or the new
//! one, never half of one. plugdep writes nothing else, and nothing outside DIR.
//!
//! # Never trusted
//!
//! The file is [`MAGIC`], the [`FORMAT_VERSION`], the tool's version, a fingerprint of the
//! extractors' source, then a checksum of the rest and the entries. A file that does not
//! start with exactly the header this build writes (another tool, another format, another
//! version of plugdep or of its extractors), whose checksum does not match (a torn or
//! corrupted write), or whose entries do not frame exactly (truncated, trailing bytes) is
//! ignored as a whole: every file is parsed and a good cache is written in its place. An
//! entry whose facts do not decode is a miss. Nothing here panics on the file's content.
//!
//! ```text
//! header  MAGIC (16 bytes) | format u32 | version length u8 | version | fingerprint u64
//! check   xxh3-64 of the body u64
//! body    count u32 | count × (content hash u128 | extractor u8 | length u32 | facts)
//! ```
//!
//! Integers are little-endian; facts are the extractor's output in `postcard`.
//!
//! # What a key covers
//!
//! Facts are a function of a file's text and of the extractor only (no path, no plugin, no
//! configuration), so the key is the xxh3-128 hash of the file's bytes and the extractor;
//! the tool version and the extractors' fingerprint sit in the header. Two files with the
//! same bytes share an entry.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// The first bytes of every cache file.
pub const MAGIC: &[u8; 16] = b"plugdep-cache\0\r\n";

/// The layout of the file and of the facts in it; raised whenever either changes.
pub const FORMAT_VERSION: u32 = 1;

/// The version of plugdep that writes and reads the cache.
const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A hash of the extractors' source, computed at compile time: a build whose extractors
/// differ (a fix between two releases with the same version) does not trust the facts an
/// older build cached.
const FINGERPRINT: u64 = {
    let mut hash = 0;
    let sources: &[&[u8]] = &[
        include_bytes!("extract/mod.rs"),
        include_bytes!("extract/javascript.rs"),
        include_bytes!("extract/rust.rs"),
        include_bytes!("extract/js_exports.rs"),
        include_bytes!("extract/scope.rs"),
        include_bytes!("extract/suppress.rs"),
        include_bytes!("extract/tree.rs"),
        include_bytes!("location.rs"),
        include_bytes!("../../grammars/javascript/globals.txt"),
        include_bytes!("extract/go.rs"),
        include_bytes!("../../grammars/go/imports.scm"),
        include_bytes!("../../grammars/go/declarations.scm"),
    ];
    let mut i = 0;
    while i < sources.len() {
        hash = xxhash_rust::const_xxh3::xxh3_64_with_seed(sources[i], hash);
        i += 1;
    }
    hash
};

/// The cache file for `root` in the folder `dir`: `plugdep-HASH.cache`, where HASH is a
/// hash of the root's canonical path (the path as given when it cannot be canonicalised).
///
/// ```
/// use std::path::Path;
/// let file = plugdep_analyzer::cache::file_for(Path::new("cache"), Path::new("/no/such/root"));
/// assert!(file.starts_with("cache"));
/// assert!(file.file_name().unwrap().to_str().unwrap().starts_with("plugdep-"));
/// ```
pub fn file_for(dir: &Path, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let hash = xxh3_64(root.as_os_str().as_encoded_bytes());
    dir.join(format!("plugdep-{hash:016x}.cache"))
}

/// Which extractor made the facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Extractor {
    JavaScript = 1,
    Rust = 2,
    /// `.ts .mts .cts`; `.tsx` and declaration files have their own: the same bytes give
    /// other facts in another dialect.
    TypeScript = 3,
    Tsx = 4,
    TypeScriptDeclaration = 5,
    /// `.go` (issue 9).
    Go = 6,
}

/// What an entry is found by: the hash of a file's bytes and the extractor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key {
    hash: u128,
    extractor: u8,
}

impl Key {
    pub(crate) fn new(bytes: &[u8], extractor: Extractor) -> Key {
        Key {
            hash: xxh3_128(bytes),
            extractor: extractor as u8,
        }
    }
}

/// An entry a run used: its key and, for facts that were not in the cache, their encoding.
pub(crate) struct Used {
    pub key: Key,
    pub fresh: Option<Vec<u8>>,
}

/// The facts encoded for the cache (`None` only if serialisation fails, which it does not
/// for the fact types).
pub(crate) fn encode<T: Serialize>(facts: &T) -> Option<Vec<u8>> {
    postcard::to_stdvec(facts).ok()
}

/// The cache of one root, as read at the start of a run.
pub(crate) struct Cache {
    path: PathBuf,
    /// The file's bytes (empty when it was missing or not trusted).
    data: Vec<u8>,
    /// Where each entry's facts are in `data`.
    index: HashMap<Key, Range<usize>>,
    /// Whether the file was read and trusted.
    valid: bool,
}

impl Cache {
    /// Reads the cache of `root` in `dir`. Never fails: a missing, unreadable or untrusted
    /// file is an empty cache.
    pub(crate) fn open(dir: &Path, root: &Path) -> Cache {
        let path = file_for(dir, root);
        let data = std::fs::read(&path).unwrap_or_default();
        match index(&data) {
            Some(index) => Cache {
                path,
                data,
                index,
                valid: true,
            },
            None => Cache {
                path,
                data: Vec::new(),
                index: HashMap::new(),
                valid: false,
            },
        }
    }

    /// The cached facts for `key`, if there are any and they decode.
    pub(crate) fn get<T: DeserializeOwned>(&self, key: &Key) -> Option<T> {
        let range = self.index.get(key)?;
        let bytes = self.data.get(range.clone())?;
        postcard::from_bytes::<T>(bytes).ok()
    }

    /// Writes the entries this run used, atomically, unless the file already holds exactly
    /// them. An entry without fresh facts is copied from the file read at the start.
    pub(crate) fn save(&self, used: Vec<Used>) -> Result<(), String> {
        let mut entries: BTreeMap<Key, &[u8]> = BTreeMap::new();
        let mut changed = !self.valid;
        for entry in &used {
            let bytes = match &entry.fresh {
                Some(bytes) => {
                    changed = true;
                    bytes.as_slice()
                }
                None => match self
                    .index
                    .get(&entry.key)
                    .and_then(|r| self.data.get(r.clone()))
                {
                    Some(bytes) => bytes,
                    None => continue,
                },
            };
            entries.insert(entry.key, bytes);
        }
        // Every used key was in the file and nothing is fresh: the same keys, and the file
        // would be written again byte for byte.
        if !changed && entries.len() == self.index.len() {
            return Ok(());
        }
        let mut body = Vec::with_capacity(self.data.len());
        body.extend_from_slice(
            &u32::try_from(entries.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        for (key, facts) in entries.iter().take(u32::MAX as usize) {
            body.extend_from_slice(&key.hash.to_le_bytes());
            body.push(key.extractor);
            let Ok(len) = u32::try_from(facts.len()) else {
                return Err("an entry is too large for the cache".to_string());
            };
            body.extend_from_slice(&len.to_le_bytes());
            body.extend_from_slice(facts);
        }
        let mut file = header();
        file.extend_from_slice(&xxh3_64(&body).to_le_bytes());
        file.extend_from_slice(&body);
        self.write(&file)
            .map_err(|e| format!("cannot write the cache {}: {e}", self.path.display()))
    }

    /// Writes `bytes` to a temporary file in the cache folder, then renames it over the
    /// cache file. The temporary file is removed when anything fails.
    fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".plugdep-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        temp.write_all(bytes)?;
        temp.flush()?;
        // An empty folder in the file's place (left by hand) gives way; anything else in
        // its place is the user's, and the rename fails instead.
        if self.path.is_dir() {
            let _ = std::fs::remove_dir(&self.path);
        }
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The header this build writes and trusts.
fn header() -> Vec<u8> {
    let mut header = Vec::with_capacity(64);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let version = TOOL_VERSION.as_bytes();
    header.push(u8::try_from(version.len()).unwrap_or(u8::MAX));
    header.extend_from_slice(&version[..version.len().min(255)]);
    header.extend_from_slice(&FINGERPRINT.to_le_bytes());
    header
}

/// The entries of a cache file, or `None` when the file is not one this build trusts.
fn index(data: &[u8]) -> Option<HashMap<Key, Range<usize>>> {
    let header = header();
    if !data.starts_with(&header) {
        return None;
    }
    let mut reader = Reader {
        data,
        at: header.len(),
    };
    let checksum = u64::from_le_bytes(reader.array()?);
    if xxh3_64(data.get(reader.at..)?) != checksum {
        return None;
    }
    let count = u32::from_le_bytes(reader.array()?) as usize;
    // Each entry takes at least 21 bytes: a count beyond that is a lie.
    if count > data.len() / 21 {
        return None;
    }
    let mut index = HashMap::with_capacity(count);
    for _ in 0..count {
        let hash = u128::from_le_bytes(reader.array()?);
        let [extractor] = reader.array()?;
        let len = u32::from_le_bytes(reader.array()?) as usize;
        let start = reader.at;
        let end = start.checked_add(len).filter(|&end| end <= data.len())?;
        reader.at = end;
        index.insert(Key { hash, extractor }, start..end);
    }
    (reader.at == data.len()).then_some(index)
}

/// Reads fixed-size fields off a byte slice, `None` past its end.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let bytes = self.data.get(self.at..self.at.checked_add(N)?)?;
        self.at += N;
        bytes.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{FileFacts, javascript, rust};

    fn write(cache: &Cache, entries: &[(&[u8], Extractor, Vec<u8>)]) {
        let used = entries
            .iter()
            .map(|(text, extractor, facts)| Used {
                key: Key::new(text, *extractor),
                fresh: Some(facts.clone()),
            })
            .collect();
        cache.save(used).unwrap();
    }

    #[test]
    fn facts_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let js = "import a from 'a';\nexport * from './b';\nrequire(x);\n";
        let rs = "use serde::Serialize;\nmod inner;\nfn f() { other::g(); }\n";
        let (js_facts, rs_facts) = (javascript::extract(js), rust::extract(rs));
        let cache = Cache::open(dir.path(), dir.path());
        assert!(!cache.valid);
        write(
            &cache,
            &[
                (
                    js.as_bytes(),
                    Extractor::JavaScript,
                    encode(&js_facts).unwrap(),
                ),
                (rs.as_bytes(), Extractor::Rust, encode(&rs_facts).unwrap()),
            ],
        );
        let cache = Cache::open(dir.path(), dir.path());
        assert!(cache.valid);
        let key = Key::new(js.as_bytes(), Extractor::JavaScript);
        assert_eq!(cache.get::<FileFacts>(&key), Some(js_facts));
        let key = Key::new(rs.as_bytes(), Extractor::Rust);
        assert_eq!(cache.get::<rust::RustFacts>(&key), Some(rs_facts));
        // The same bytes read by the other extractor are another entry.
        assert!(
            cache
                .get::<FileFacts>(&Key::new(rs.as_bytes(), Extractor::JavaScript))
                .is_none()
        );
    }

    #[test]
    fn every_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), dir.path());
        let facts = encode(&javascript::extract("import 'a';\n")).unwrap();
        write(&cache, &[(b"import 'a';\n", Extractor::JavaScript, facts)]);
        let good = std::fs::read(&cache.path).unwrap();
        assert!(index(&good).is_some());
        // Every truncation, and every single flipped byte, is caught.
        for len in 0..good.len() {
            assert!(index(&good[..len]).is_none(), "truncated to {len}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(index(&bad).is_none(), "byte {at} flipped");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(index(&longer).is_none());
    }

    #[test]
    fn facts_that_do_not_decode_are_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), dir.path());
        let garbage: Vec<u8> = (0..=255).rev().collect();
        write(
            &cache,
            &[
                (b"a", Extractor::JavaScript, garbage),
                (b"b", Extractor::Rust, Vec::new()),
            ],
        );
        let cache = Cache::open(dir.path(), dir.path());
        assert!(cache.valid);
        assert_eq!(
            cache.get::<FileFacts>(&Key::new(b"a", Extractor::JavaScript)),
            None
        );
        assert_eq!(
            cache.get::<rust::RustFacts>(&Key::new(b"b", Extractor::Rust)),
            None
        );
    }

    #[test]
    fn unchanged_entries_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), dir.path());
        let facts = encode(&FileFacts::default()).unwrap();
        write(&cache, &[(b"a", Extractor::JavaScript, facts)]);
        let path = cache.path.clone();
        let cache = Cache::open(dir.path(), dir.path());
        assert!(cache.valid);
        // Had it been written again, the file would be back.
        std::fs::remove_file(&path).unwrap();
        let key = Key::new(b"a", Extractor::JavaScript);
        cache.save(vec![Used { key, fresh: None }]).unwrap();
        assert!(!path.exists());
        // An entry no longer used is dropped.
        cache.save(Vec::new()).unwrap();
        assert!(Cache::open(dir.path(), dir.path()).index.is_empty());
    }
}
