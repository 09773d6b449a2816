package main

import "example.com/shared"

// Goodbye is exported, but the host looks up SayGoodbye.
func Goodbye() string { return "bye " + shared.Name() }

// Farewells is a constant: not a symbol Lookup can find.
const Farewells = 1
