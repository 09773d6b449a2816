; Imports and the package clause in Go, read by analyzer/src/extract/go.rs.
;
; @import is one import spec: `"fmt"`, `alias "x/y"`, `. "x/y"`, `_ "x/y"`, alone or in a
; grouped `import ( … )`; the Rust code reads its `name` and `path` fields. Comments and
; string contents are separate nodes, so text that only looks like an import never matches.

(package_clause
  (package_identifier) @package)

(import_spec) @import
