//! Cargo.toml parsing and workspace inheritance: any bytes, read as the pipeline reads a
//! manifest (UTF-8, invalid sequences replaced).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    plugdep_analyzer::fuzzing::cargo_manifest(&String::from_utf8_lossy(data));
});
