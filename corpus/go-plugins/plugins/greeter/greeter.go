package main

import (
	"fmt"

	"example.com/shared"
)

// Greet is the symbol the host looks up.
func Greet(name string) { fmt.Println("hello", name, shared.Name()) }
