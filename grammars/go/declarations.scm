; Package-level declarations in Go, read by analyzer/src/extract/go.rs.
;
; Only direct children of the file count (the Rust code starts matches at the root only):
; these are the names another package (or `plugin.Lookup`, for the functions and variables
; of a `package main` built as a plugin) can see when they are capitalised. Methods are not
; package-level names.

(source_file
  (function_declaration
    name: (identifier) @func))

(source_file
  (var_declaration
    (var_spec
      name: (identifier) @var)))

(source_file
  (var_declaration
    (var_spec_list
      (var_spec
        name: (identifier) @var))))

(source_file
  (const_declaration
    (const_spec
      name: (identifier) @const)))

(source_file
  (type_declaration
    (type_spec
      name: (type_identifier) @type)))

(source_file
  (type_declaration
    (type_alias
      name: (type_identifier) @type)))
