package b

// B is used by a.
func B() {}
