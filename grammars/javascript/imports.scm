; Explicit imports in JavaScript, read by analyzer/src/extract/javascript.rs.
;
; Each pattern captures the whole statement or call (@import, @reexport, @require,
; @dynamic: the evidence span) and the node that names the module (@source for a string,
; @argument for whatever the call was given: a string, a template, or an expression).
; Comments and string contents are separate nodes in the tree, so text that only looks
; like an import never matches.
;
; TypeScript files run this query too, followed by grammars/typescript/imports.scm.

; import x from "m";  import { a } from "m";  import * as ns from "m";  import "m";
(import_statement
  source: (string) @source) @import

; export { a } from "m";  export * from "m";  export * as ns from "m";
(export_statement
  source: (string) @source) @reexport

; require("m"), require(`m`), require(expr)
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (_) @argument)
  (#eq? @_require "require")) @require

; const { X, Y: Z } = require("m"): the same call as above, with the names it takes
; (@bindings); the extractor merges the two matches.
(variable_declarator
  name: (object_pattern) @bindings
  value: (call_expression
    function: (identifier) @_require
    arguments: (arguments . (_) @argument)
    (#eq? @_require "require")) @require)

; import("m"), import(`./x/${name}`)
(call_expression
  function: (import)
  arguments: (arguments . (_) @argument)) @dynamic
