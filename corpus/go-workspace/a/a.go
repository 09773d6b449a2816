package a

import (
	"example.com/b"
	"example.com/bad/x"
)

// Use uses both.
func Use() { b.B(); x.X() }
