//! The Rust extractor (syn, then the token and raw fallbacks): see
//! `plugdep_analyzer::fuzzing::rust`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plugdep_analyzer::fuzzing::rust(&String::from_utf8_lossy(data)));
