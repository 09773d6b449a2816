//! `read-floor DIR [--jobs N]`: walks DIR the way plugdep does (hidden entries,
//! `node_modules`, `target`, `.git` skipped, links not followed) and reads every file on
//! N threads, doing nothing with the bytes: the cost of the file system alone.

use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let (dir, jobs) = match plugdep_benches::floor_args("read-floor") {
        Ok(args) => args,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool");
    let files = match plugdep_benches::walk(&dir, None) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("read-floor: {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let bytes: usize = pool.install(|| {
        files
            .par_iter()
            .map(|path| std::fs::read(path).map_or(0, |b| b.len()))
            .sum()
    });
    println!(
        "read-floor: {} files, {bytes} bytes, {jobs} threads",
        files.len()
    );
    ExitCode::SUCCESS
}
