package registry

// Need asks the host for a plugin by name.
func Need(name string) {}
