//! The JavaScript / TypeScript extractor (tree-sitter): see
//! `plugdep_analyzer::fuzzing::javascript`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plugdep_analyzer::fuzzing::javascript(data));
