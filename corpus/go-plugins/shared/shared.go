package shared

// Name is what plugins greet.
func Name() string { return "world" }
