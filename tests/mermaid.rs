mod common;
#[test]
fn dump() {
    let dir = std::path::Path::new("/tmp/plugdep-dump");
    std::fs::create_dir_all(dir).unwrap();
    for case in common::cases() {
        let a = plugdep_analyzer::analyze(&case, &Default::default()).unwrap();
        let r = a.report();
        std::fs::write(
            dir.join(format!("{}.mmd", common::name(&case))),
            plugdep_reports::mermaid::render(&r),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{}.sarif", common::name(&case))),
            plugdep_reports::sarif::render(&r),
        )
        .unwrap();
    }
}
