//! package.json / plugin.json (and pnpm-workspace.yaml) parsing: any bytes, read as the
//! pipeline reads a manifest (UTF-8, invalid sequences replaced).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    plugdep_analyzer::fuzzing::json_manifest(&String::from_utf8_lossy(data));
});
