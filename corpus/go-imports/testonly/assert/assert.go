package assert

import "testing"

// True fails the test when v is false.
func True(t *testing.T, v bool) {
	if !v {
		t.Fail()
	}
}
