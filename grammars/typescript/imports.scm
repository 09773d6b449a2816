; TypeScript-only imports, read by analyzer/src/extract/javascript.rs after
; grammars/javascript/imports.scm (both run as one query on .ts .mts .cts .tsx files).

; import x = require("m");  import type x = require("m")
(import_statement
  (import_require_clause
    source: (string) @source)) @import_require

; export import x = require("m"): tree-sitter-typescript 0.23 reads it as `export import
; x = require` followed by the statement `("m")`; the two together are the import.
((export_statement
  declaration: (import_alias
    (identifier) @_require .)
  (#eq? @_require "require")) @export_import
  .
  (expression_statement
    (parenthesized_expression
      (string) @source)) @export_import_end)

; /// <reference types="m" />, /// <reference path="./x.d.ts" />: a comment in the
; tree. Only top-level comments can be directives; the extractor keeps those before the
; first statement, as TypeScript does, and reads the attribute.
(program
  (comment) @reference
  (#match? @reference "^///[ \t]*<reference[ \t]"))

; Places that are erased at run time: an import() inside one is a type
; (`let t: typeof import("m")`, `type T = import("m").T`), and an import inside an
; ambient declaration (`declare module "x" { import … }`) is type-only.
[
  (type_annotation)
  (opting_type_annotation)
  (omitting_type_annotation)
  (adding_type_annotation)
  (asserts_annotation)
  (type_predicate_annotation)
  (type_alias_declaration)
  (interface_declaration)
  (type_arguments)
  (type_parameters)
  (type_query)
  (implements_clause)
  (extends_type_clause)
  (ambient_declaration)
] @erased

; `x as T`, `x satisfies T`: the type is the second named child (`x as const` has one).
(as_expression (_) (_) @erased .)
(satisfies_expression (_) (_) @erased .)
