package api

import "example.com/kit"

// Register hands a plugin symbol to the kit.
func Register(v any) { kit.Use(v) }
