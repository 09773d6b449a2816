package main

import (
	"testing"

	"example.com/testonly/assert"
)

func TestMain(t *testing.T) { assert.True(t, true) }
