//! Version and range parsing and matching, npm and Cargo dialects: the input's first line
//! is a range, the rest a version (and the other way round).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (range, version) = text.split_once('\n').unwrap_or((&text, "1.2.3"));
    plugdep_analyzer::fuzzing::versions(range, version);
});
